#!/usr/bin/env bash
# Builds OWidget, starts owidget-server with the demo data on a free local port, prints the
# operator console's address and a demo login, and opens owidget-demo connected to it. The server
# stops when the demo closes. Arguments go to owidget-demo (e.g. --language en, --scope shop-1).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/common.sh

owidget_install_packages "${OWIDGET_PACKAGES[@]}"
owidget_build build -DOWIDGET_BUILD_TESTS=ON

data="${XDG_DATA_HOME:-$HOME/.local/share}/owidget-demo"
mkdir -p "$data"
db="$data/demo.sqlite"
import=()
[ -f "$db" ] || import=(--import server/demo/demo.json)

log=$(mktemp)
build/server/owidget-server --listen 127.0.0.1:0 --db "$db" "${import[@]}" >"$log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -f "$log"' EXIT

url=""
for _ in $(seq 100); do
    url=$(sed -n 's/^listening on \(http[^ ]*\).*/\1/p' "$log")
    [ -n "$url" ] && break
    kill -0 "$server" 2>/dev/null || { cat "$log"; exit 1; }
    sleep 0.1
done
[ -n "$url" ] || { echo "owidget-server did not start:"; cat "$log"; exit 1; }

cat <<MSG
owidget-server is running at $url with the demo data ($db).
Operator console: $url/console/  (log in as alice / alice-demo, bob / bob-demo or carol / carol-demo)
Set yourself online in the console, then click the chat button in the demo.
MSG

if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
    echo "No display: run it in a desktop session, under xvfb-run, or with --screenshot FILE."
    exit 1
fi
build/demo/owidget-demo --server "$url/" "$@"
