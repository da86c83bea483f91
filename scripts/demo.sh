#!/usr/bin/env bash
# Builds OWidget, starts owidget-server with the demo data, prints the operator console's address
# and a demo login, and opens owidget-demo connected to it. The server stops when the demo closes.
# Arguments go to owidget-demo (e.g. --language en, --scope shop-1, --screenshot FILE).
#
# Everything the demo keeps between runs is in one state directory ($XDG_STATE_HOME/owidget-demo,
# by default ~/.local/state/owidget-demo): the server's database (the operators' logins and
# conversations), its log, and its port, chosen once so that a bookmark of the console and the
# console's login outlive a restart. Remove the directory to start over.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/common.sh

headless=""
for arg in "$@"; do
    case $arg in --screenshot | --screenshot=*) headless=1 ;; esac
done
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
    if [ -z "$headless" ]; then
        echo "No display: run it in a desktop session, under xvfb-run, or with --screenshot FILE."
        exit 1
    fi
    export QT_QPA_PLATFORM=offscreen # a screenshot needs no screen
fi

owidget_install_packages "${OWIDGET_PACKAGES[@]}"
# The same configuration as scripts/test.sh, so both share one build directory; but only what the
# demo runs is built.
owidget_build build --target owidget-demo -DOWIDGET_BUILD_TESTS=ON
cmake --build build --parallel "${OWIDGET_JOBS:-$(nproc)}" --target owidget-server

state="${XDG_STATE_HOME:-$HOME/.local/state}/owidget-demo"
mkdir -p "$state"

# One demo at a time per state directory: two servers must not share a database, nor a port.
exec 9>"$state/lock"
if ! flock -n 9; then
    echo "Another scripts/demo.sh is running with $state; close its demo first."
    exit 1
fi

db="$state/demo.sqlite"
# Earlier versions of this script kept the database with the user's data.
old="${XDG_DATA_HOME:-$HOME/.local/share}/owidget-demo/demo.sqlite"
if [ ! -f "$db" ] && [ -f "$old" ]; then
    for suffix in "" -wal -shm; do
        [ -f "$old$suffix" ] && mv "$old$suffix" "$db$suffix"
    done
    echo "Moved the demo database from $old to $db."
fi
import=()
[ -f "$db" ] || import=(--import server/demo/demo.json)

# This run's log, and the one before it.
log="$state/server.log"
[ -f "$log" ] && mv "$log" "$state/server.previous.log"

port_file="$state/port"
port=$(cat "$port_file" 2>/dev/null || true)
[[ "$port" =~ ^[0-9]+$ ]] && [ "$port" -gt 0 ] && [ "$port" -lt 65536 ] || port=0

server=""
trap '[ -n "$server" ] && { kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; }; true' EXIT

# start_server PORT: starts the server and sets url, or returns 1 with the server gone.
start_server() {
    url=""
    build/server/owidget-server --listen "127.0.0.1:$1" --db "$db" "${import[@]}" >>"$log" 2>&1 &
    server=$!
    for _ in $(seq 100); do
        url=$(sed -n 's/^listening on \(http[^ ]*\).*/\1/p' "$log" | tail -n 1)
        url=${url%/}
        [ -n "$url" ] && return 0
        kill -0 "$server" 2>/dev/null || { wait "$server" || true; server=""; return 1; }
        sleep 0.1
    done
    return 1
}

echo "=== owidget-server, $(date -Is)" >"$log"
if ! start_server "$port"; then
    if [ "$port" -ne 0 ] && grep -q "cannot listen" "$log"; then
        [ -f "$db" ] && import=() # the first attempt imported the data before it failed
        start_server 0 || { echo "owidget-server did not start:"; cat "$log"; exit 1; }
    else
        echo "owidget-server did not start:"
        cat "$log"
        exit 1
    fi
fi
new_port=${url##*:}
if [ "$port" -ne 0 ] && [ "$new_port" != "$port" ]; then
    echo "Port $port is taken by another program: the server listens on $new_port now, and will"
    echo "next time too. Update the console's bookmark."
fi
echo "$new_port" >"$port_file"

cat <<MSG
owidget-server is running at $url with the demo data.
Operator console: $url/console/  (log in as alice / alice-demo, bob / bob-demo or carol / carol-demo)
Set yourself online in the console, then click the chat button in the demo.
Server log: $log
Database:   $db  (kept between runs, with the console's port: remove $state to start over)
MSG

status=0
build/demo/owidget-demo --server "$url/" "$@" || status=$?
exit "$status"
