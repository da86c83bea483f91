#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/) with clang, AddressSanitizer and UndefinedBehaviorSanitizer
# in build-fuzz/, then runs each for SECONDS (default 60) on its seed corpus fuzz/corpus/<target>/.
# New inputs go to build-fuzz/corpus/<target>/, crashes to build-fuzz/artifacts/<target>/; any
# crash, leak or timeout fails the run. Usage: scripts/fuzz.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/common.sh

seconds=${1:-60}
shift || true
owidget_install_packages "${OWIDGET_PACKAGES[@]}" "${OWIDGET_CLANG_PACKAGES[@]}"

if [ ! -f build-fuzz/CMakeCache.txt ]; then
    export CC=clang CXX=clang++
fi
owidget_build build-fuzz --target owidget_fuzzers -DOWIDGET_FUZZ=ON \
    "-DOWIDGET_SANITIZE=address;undefined" -DOWIDGET_WERROR=ON -DOWIDGET_BUILD_TESTS=OFF -DOWIDGET_BUILD_DEMO=OFF -DOWIDGET_BUILD_DESIGNER_PLUGIN=OFF

# The largest input each target gets: a little above what the decoder usually sees; the size
# caps themselves are tested in tests/.
declare -A max_len=(
    [protocol]=4096 [config]=16384 [server_widget]=4096 [server_operator]=4096 [import]=16384
    [links]=4096 [thumbnail]=65536
)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(protocol config server_widget server_operator import links thumbnail)

failed=()
export ASAN_OPTIONS=detect_leaks=1:halt_on_error=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
for target in "${targets[@]}"; do
    corpus=build-fuzz/corpus/$target
    artifacts=build-fuzz/artifacts/$target
    mkdir -p "$corpus" "$artifacts"
    log=build-fuzz/fuzz-$target.log
    echo "== fuzz_$target: ${seconds}s, -max_len=${max_len[$target]}"
    if build-fuzz/fuzz/fuzz_"$target" "$corpus" "fuzz/corpus/$target" \
        -max_total_time="$seconds" -max_len="${max_len[$target]}" -timeout=10 \
        -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$artifacts/" >"$log" 2>&1; then
        grep -E 'stat::number_of_executed_units|stat::new_units_added' "$log" | tr '\n' ' '
        echo
    else
        tail -n 60 "$log"
        echo "== fuzz_$target FAILED: the input is in $artifacts/ (log: $log)"
        failed+=("$target")
    fi
done

if [ ${#failed[@]} -gt 0 ]; then
    echo "Fuzzing found problems in: ${failed[*]}" >&2
    exit 1
fi
