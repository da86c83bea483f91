#!/usr/bin/env bash
# Builds OWidget in Release (in build-bench/), runs every benchmark against a real owidget-server
# on 127.0.0.1 (the benchmark starts and stops it), prints one table and writes it, with the
# machine and the date, to bench/RESULTS.md. Arguments go to owidget-bench, e.g. --smoke.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/common.sh

owidget_install_packages "${OWIDGET_PACKAGES[@]}" libbenchmark-dev qt6-webengine-dev python3
OWIDGET_BUILD_TYPE=Release owidget_build "${OWIDGET_BENCH_BUILD_DIR:-build-bench}" -DOWIDGET_BUILD_BENCHMARKS=ON \
    -DOWIDGET_BUILD_TESTS=OFF -DOWIDGET_BUILD_DEMO=OFF -DOWIDGET_BUILD_DESIGNER_PLUGIN=OFF

# Chromium refuses to run as root with its sandbox.
[ "$(id -u)" -eq 0 ] && export QTWEBENGINE_CHROMIUM_FLAGS="${QTWEBENGINE_CHROMIUM_FLAGS:---no-sandbox}"
export QT_QPA_PLATFORM=offscreen QT_LOGGING_RULES="owidget.*.debug=false;owidget.*.info=false"
# Thousands of sockets in the fan-out benchmark; the server inherits the limit.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

build=${OWIDGET_BENCH_BUILD_DIR:-build-bench}
out=$build/bench-results.json
"$build"/bench/owidget-bench --benchmark_out="$out" --benchmark_out_format=json "$@"
python3 bench/report.py "$out" --markdown bench/RESULTS.md --notes bench/notes.md
echo "Written: bench/RESULTS.md"
