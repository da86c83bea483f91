#!/usr/bin/env bash
# Starts the demo against a local server with demo data.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "The demo program and owidget-server are not built yet: see README.md for what works now."
echo "scripts/test.sh builds the library and runs its tests."
exit 1
