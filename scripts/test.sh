#!/usr/bin/env bash
# Installs what is missing, builds OWidget with its tests, and runs every test with ctest.
# Run it again after a change: only what changed is rebuilt.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/common.sh
source scripts/lib/console-deps.sh

owidget_install_packages "${OWIDGET_PACKAGES[@]}" libbenchmark-dev
owidget_install_console_deps

werror=OFF
[ "${CI:-}" = "true" ] && werror=ON
owidget_build build -DOWIDGET_BUILD_TESTS=ON -DOWIDGET_BUILD_BENCHMARKS=ON -DOWIDGET_WERROR="$werror"

ctest --test-dir build --output-on-failure --parallel "${OWIDGET_JOBS:-$(nproc)}" "$@"
