#!/usr/bin/env bash
# Installs what is missing, builds OWidget with its tests, and runs every test with ctest.
# Run it again after a change: only what changed is rebuilt.
#
# Under CI (CI=true), or when asked by the environment, two more stages follow (see
# docs/security.md):
#   OWIDGET_SANITIZE=address;undefined  the whole suite again, built with these sanitizers in
#                                       build-sanitize/ (under CI: address;undefined)
#   OWIDGET_FUZZ_SECONDS=20             each libFuzzer target for that long (under CI: 20 s)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/common.sh
source scripts/lib/console-deps.sh

ci=false
[ "${CI:-}" = "true" ] && ci=true
sanitize=${OWIDGET_SANITIZE:-}
case "$sanitize" in 1 | ON | on | true) sanitize="address;undefined" ;; esac
[ -z "$sanitize" ] && $ci && sanitize="address;undefined"
fuzz_seconds=${OWIDGET_FUZZ_SECONDS:-}
[ -z "$fuzz_seconds" ] && $ci && fuzz_seconds=20

# Each stage says how long the run has taken so far: where CI's time goes.
stage() { echo "== $1 ($((SECONDS / 60)) min $((SECONDS % 60)) s so far)"; }

stage "Packages"
packages=("${OWIDGET_PACKAGES[@]}")
[ -n "$sanitize$fuzz_seconds" ] && packages+=("${OWIDGET_CLANG_PACKAGES[@]}")
owidget_install_packages "${packages[@]}"
owidget_install_console_deps

werror=OFF
ci_flags=()
if $ci; then
    werror=ON
    # Line tables only (-g1): a failure's stack trace keeps its file:line, and the tree compiles
    # and links faster on CI's new machine than with full debug information.
    ci_flags=("-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O2 -g1 -DNDEBUG")
fi
stage "Build (build/)"
owidget_build build -DOWIDGET_BUILD_TESTS=ON -DOWIDGET_BUILD_BENCHMARKS=ON \
    -DOWIDGET_WERROR="$werror" "${ci_flags[@]}"

stage "Every test (build/)"
ctest --test-dir build --output-on-failure --parallel "${OWIDGET_JOBS:-$(nproc)}" "$@"

if [ -n "$sanitize" ]; then
    # Every test, the browser tests too: they drive the sanitized owidget-server and
    # owidget-test-visitor, which must exit cleanly (a leak or an error fails the test).
    stage "The tests again with -fsanitize=$sanitize (build-sanitize/)"
    # -O1 as AddressSanitizer's documentation advises, and line tables only (-g1): the reports
    # keep their file:line stack traces, and the tree builds in about half the time of -O2 -g.
    owidget_build build-sanitize -DOWIDGET_BUILD_TESTS=ON -DOWIDGET_WERROR=ON \
        "-DOWIDGET_SANITIZE=$sanitize" "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g1 -DNDEBUG"
    ctest --test-dir build-sanitize --output-on-failure --parallel "${OWIDGET_JOBS:-$(nproc)}" "$@"
fi

if [ -n "$fuzz_seconds" ]; then
    stage "Each fuzz target for ${fuzz_seconds}s (build-fuzz/)"
    scripts/fuzz.sh "$fuzz_seconds"
fi
stage "Done"
