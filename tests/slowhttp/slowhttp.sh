#!/usr/bin/env bash
# slowhttptest against owidget-server on both of its listeners (plain, and TLS with a throwaway
# certificate), one fresh server per attack, while owidget-probe (a normal client: GET
# /v1/config and a WebSocket hello, one after the other) is measured. Prints one row per attack
# and listener: the normal client's answers (count/worst/median in ms), the server's peak
# resident memory, and whether the server was still up. Fails when the normal client went
# unanswered or the server died. Used by ctest (tests/CMakeLists.txt, label scan; short) and
# scripts/scan.sh (long).
#
# Usage: slowhttp.sh SERVER PROBE SOURCE_DIR WORK_DIR SECONDS CONNECTIONS [ATTACK...]
#   ATTACK: slowloris slowbody slowread range (default: these four, slowhttptest's), or
#   logins: 100 addresses (127.0.0.10-109) each guessing passwords once a second, within its
#   own limit (curl)
#   OWIDGET_SCAN_LISTENERS="plain tls" (default) picks the listeners.
set -uo pipefail

server_bin=$1 probe_bin=$2 source_dir=$3 work=$4 seconds=$5 connections=$6
shift 6
attacks=("$@")
[ ${#attacks[@]} -gt 0 ] || attacks=(slowloris slowbody slowread range)
read -r -a listeners <<<"${OWIDGET_SCAN_LISTENERS:-plain tls}"
company=6f1c9a4e-3c1b-4d0e-9a57-2b5d8e7f1a20

command -v slowhttptest >/dev/null || { echo "slowhttptest is not installed" >&2; exit 1; }
mkdir -p "$work"
cert=$work/cert.pem key=$work/key.pem
if [ ! -f "$cert" ]; then
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout "$key" \
        -out "$cert" -days 1 -subj /CN=127.0.0.1 2>/dev/null || exit 1
fi

server_pid=
server_url=
# start_server LISTENER NAME: a fresh database with the demo data; sets server_pid, server_url.
start_server() {
    local listener=$1 name=$2
    local dir=$work/$name
    rm -rf "$dir" && mkdir -p "$dir"
    local tls=()
    [ "$listener" = tls ] && tls=(--tls-cert "$cert" --tls-key "$key")
    QT_LOGGING_RULES="owidget.server.info=false" "$server_bin" --listen 127.0.0.1:0 \
        --db "$dir/db.sqlite" --import "$source_dir/server/demo/demo.json" "${tls[@]}" \
        >"$dir/server.out" 2>"$dir/server.err" &
    server_pid=$!
    local i
    for i in $(seq 1 300); do
        server_url=$(sed -n 's/^listening on \(http[^ ]*\)$/\1/p' "$dir/server.out")
        [ -n "$server_url" ] && return 0
        kill -0 "$server_pid" 2>/dev/null || break
        sleep 0.1
    done
    echo "the server did not come up: $(cat "$dir/server.err")" >&2
    return 1
}

# attack_args ATTACK URL: slowhttptest's arguments for one attack.
attack_args() {
    local url=${2%/}
    case $1 in
    slowloris) echo "-H -i 5 -u $url/v1/config?company=$company" ;;
    slowbody) echo "-B -i 5 -s 16384 -t POST -u $url/v1/operator/login" ;;
    slowread) echo "-X -k 5 -n 2 -w 1 -y 64 -z 32 -u $url/console/index.html" ;;
    range) echo "-R -a 5 -b 2000 -u $url/console/index.html" ;;
    esac
}

# guess_logins URL SECONDS: 100 addresses, each a wrong password a second, for SECONDS; prints
# how the guesses were answered (status codes and counts).
guess_logins() {
    local url=${1%/} seconds=$2 i
    local end=$((SECONDS + seconds))
    for i in $(seq 10 109); do
        (
            while [ $SECONDS -lt $end ]; do
                curl -sk -o /dev/null -w '%{http_code}\n' --max-time 30 --interface "127.0.0.$i" \
                    -H 'Content-Type: application/json' \
                    -d "{\"login\":\"alice\",\"password\":\"guess-$RANDOM\"}" \
                    "$url/v1/operator/login"
                sleep 1
            done
        ) &
    done
    wait
}

failed=0
printf '%-10s %-6s %-22s %-22s %-7s %-13s %s\n' attack listener "config n/worst/median" \
    "hello n/worst/median" failed "peak RSS KiB" "server up"
for attack in "${attacks[@]}"; do
    for listener in "${listeners[@]}"; do
        name=$attack-$listener
        if ! start_server "$listener" "$name"; then
            failed=1
            continue
        fi
        # The probe starts once the attack has its connections open, and ends with it.
        if [ "$attack" = logins ]; then
            guess_logins "$server_url" "$seconds" >"$work/$name/logins.log" 2>&1 &
        else
            # shellcheck disable=SC2046
            slowhttptest $(attack_args "$attack" "$server_url") -c "$connections" -r 200 \
                -l "$seconds" -p 5 >"$work/$name/slowhttptest.log" 2>&1 &
        fi
        attacker=$!
        sleep 2
        "$probe_bin" --url "$server_url" --seconds "$((seconds - 3))" --timeout 10000 \
            --pid "$server_pid" >"$work/$name/probe.out" 2>"$work/$name/probe.err"
        probe_rc=$?
        wait "$attacker"
        up=yes
        kill -0 "$server_pid" 2>/dev/null || up=no
        kill -TERM "$server_pid" 2>/dev/null
        wait "$server_pid" 2>/dev/null
        line=$(cat "$work/$name/probe.out")
        config=$(sed -n 's/.*config=\([^ ]*\).*/\1/p' <<<"$line")
        hello=$(sed -n 's/.*hello=\([^ ]*\).*/\1/p' <<<"$line")
        unanswered=$(sed -n 's/.*failed=\([^ ]*\).*/\1/p' <<<"$line")
        rss=$(sed -n 's/.*rss_peak_kib=\([^ ]*\).*/\1/p' <<<"$line")
        printf '%-10s %-6s %-22s %-22s %-7s %-13s %s\n' "$attack" "$listener" "${config:--}" \
            "${hello:--}" "${unanswered:--}" "${rss:--}" "$up"
        if [ "$attack" = logins ]; then
            echo "    the guesses were answered: $(sort "$work/$name/logins.log" | uniq -c |
                awk '{printf "%s x%s  ", $2, $1}')"
        fi
        if [ "$probe_rc" -ne 0 ] || [ "$up" != yes ]; then
            failed=1
            sed 's/^/    /' "$work/$name/probe.err" | head -5
        fi
    done
done
exit $failed
