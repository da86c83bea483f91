#!/bin/sh
# Runs COMMAND with a real screen reader listening: Xvfb, a private D-Bus session, the AT-SPI bus
# and Orca with its speech going nowhere and its debug log (whose "SPEECH OUTPUT" lines are what a
# person would hear) in WORK_DIR/orca.log. COMMAND gets DISPLAY, the session bus and
# OWIDGET_ORCA_LOG; everything started here stops when it ends.
#
#   screenreader.sh WORK_DIR COMMAND [ARGUMENTS...]
set -eu
work=$1
shift
here=$(cd "$(dirname "$0")" && pwd)

rm -rf "$work"
mkdir -p "$work/home" "$work/runtime" "$work/orca-prefs"
chmod 700 "$work/runtime"
# Nothing of the person's desktop: a home, settings and runtime directory of this run only.
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" XDG_DATA_HOME="$work/home/.local/share"
export XDG_CACHE_HOME="$work/home/.cache" XDG_RUNTIME_DIR="$work/runtime"
unset DBUS_SESSION_BUS_ADDRESS AT_SPI_BUS_ADDRESS WAYLAND_DISPLAY
# GSettings in memory: Orca and GTK read the desktop's settings, and write none of them.
export GSETTINGS_BACKEND=memory NO_AT_BRIDGE=0 GTK_MODULES=

pids=""
cleanup() {
    for pid in $pids; do kill "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT INT TERM

# A display of its own: Xvfb picks a free number and writes it.
Xvfb -displayfd 3 -screen 0 1280x1024x24 -nolisten tcp 3>"$work/display" >"$work/xvfb.log" 2>&1 &
pids="$!"
i=0
until [ -s "$work/display" ]; do
    i=$((i + 1))
    [ $i -lt 100 ] || { echo "Xvfb did not start:"; cat "$work/xvfb.log"; exit 1; }
    sleep 0.1
done
export DISPLAY=":$(cat "$work/display")"

# The session ends with the command (which screenreader-session.sh bounds in time); what is
# left of the stack is stopped on the way out.
status=0
timeout -k 5 "$((${OWIDGET_A11Y_TIMEOUT:-240} + 60))" \
    dbus-run-session -- sh "$here/screenreader-session.sh" "$work" "$@" || status=$?
exit $status
