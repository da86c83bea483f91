#!/bin/sh
# The part of screenreader.sh inside the private D-Bus session: the AT-SPI bus, then Orca, then
# COMMAND once Orca said it is on.
set -eu
work=$1
shift
here=$(cd "$(dirname "$0")" && pwd)

pids=""
cleanup() {
    for pid in $pids; do kill "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT INT TERM

launcher=""
for candidate in /usr/libexec/at-spi-bus-launcher /usr/lib/at-spi2-core/at-spi-bus-launcher; do
    [ -x "$candidate" ] && launcher=$candidate && break
done
[ -n "$launcher" ] || { echo "at-spi-bus-launcher not found (package at-spi2-core)"; exit 1; }
"$launcher" --launch-immediately </dev/null >"$work/at-spi.log" 2>&1 &
pids="$pids $!"

# Orca's settings for this run (tests/a11y/orca-settings.conf): no speech synthesizer, the
# default verbosity, no first-run dialog.
cp "$here/orca-settings.conf" "$work/orca-prefs/user-settings.conf"
cp "$here/orca-customizations.py" "$work/orca-prefs/orca-customizations.py"
PYTHONPATH="$here${PYTHONPATH:+:$PYTHONPATH}" orca --replace --user-prefs "$work/orca-prefs" \
    --debug-file "$work/orca.log" --disable braille --disable braille-monitor \
    </dev/null >"$work/orca.out" 2>&1 &
pids="$pids $!"
i=0
until grep -q "SPEECH OUTPUT: 'Screen reader on" "$work/orca.log" 2>/dev/null; do
    i=$((i + 1))
    [ $i -lt 300 ] || { echo "Orca did not start in 30 s:"; tail -20 "$work/orca.out" "$work/orca.log"; exit 1; }
    sleep 0.1
done

export OWIDGET_ORCA_LOG="$work/orca.log"
# However the command goes, it ends: CI must not hang on a screen reader that stopped answering.
status=0
timeout -k 5 "${OWIDGET_A11Y_TIMEOUT:-240}" "$@" || status=$?
[ $status -ne 124 ] || echo "$1 did not finish in ${OWIDGET_A11Y_TIMEOUT:-240} s; Orca's log: $work/orca.log"
exit $status
