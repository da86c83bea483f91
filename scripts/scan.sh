#!/usr/bin/env bash
# The long scan, not run in CI by default (like scripts/fuzz.sh): builds owidget-server, then
#   1. testssl.sh against its TLS listener (a throwaway certificate), findings summarised;
#   2. slowhttptest (slowloris, slow body, slow read, range) against the plain and the TLS
#      listener, one fresh server per attack, while a normal client (owidget-probe: GET
#      /v1/config and a WebSocket hello) is measured: a table of the normal client's
#      worst/median answer and the server's peak resident memory (tests/slowhttp/slowhttp.sh);
#      then the same while 100 addresses guess passwords, each within its own limit;
#   3. scripts/flow_probes.py: an offline messages flood, resumes that never read, 900 waiting
#      conversations, a malformed frames flood, on both listeners, while a normal client is
#      measured and an operator stays logged in: a table (scripts/listener_probes.py measures
#      the listener's own probes the same way).
# Logs go to build/scan/. docs/security.md holds the figures of the last run.
# Usage: scripts/scan.sh [SECONDS per attack, default 60] [CONNECTIONS, default 1000]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/common.sh

seconds=${1:-60}
connections=${2:-1000}
owidget_install_packages "${OWIDGET_PACKAGES[@]}" testssl.sh slowhttptest
owidget_build build --target owidget-server -DOWIDGET_BUILD_TESTS=ON
cmake --build build --target owidget-probe --parallel "${OWIDGET_JOBS:-$(nproc)}"

work=$PWD/build/scan
rm -rf "$work" && mkdir -p "$work"
# slowhttptest opens a descriptor a connection; so does the server.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

echo "== testssl.sh against the TLS listener"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
    -keyout "$work/key.pem" -out "$work/cert.pem" -days 1 -subj /CN=127.0.0.1 2>/dev/null
mkdir -p "$work/testssl"
build/server/owidget-server --listen 127.0.0.1:0 --db "$work/testssl/db.sqlite" \
    --import server/demo/demo.json --tls-cert "$work/cert.pem" --tls-key "$work/key.pem" \
    >"$work/testssl/server.out" 2>"$work/testssl/server.err" &
server=$!
url=
for _ in $(seq 1 300); do
    url=$(sed -n 's/^listening on \(https[^ ]*\)$/\1/p' "$work/testssl/server.out")
    [ -n "$url" ] && break
    sleep 0.1
done
testssl=$(command -v testssl || command -v testssl.sh)
"$testssl" --quiet --color 0 --warnings off --jsonfile "$work/testssl/testssl.json" "$url" \
    >"$work/testssl/testssl.log" 2>&1 || true
kill -TERM "$server" 2>/dev/null && wait "$server" || true
# Everything testssl.sh rated above OK, one line each; those about the throwaway certificate
# (self-signed, no SAN, one day, no CRL or OCSP) and DNS say nothing about the server.
python3 - "$work/testssl/testssl.json" <<'PY'
import json, sys, collections
findings = json.load(open(sys.argv[1]))
about_certificate = lambda f: f["id"].startswith("cert_") or f["id"] == "DNS_CAArecord"
counts = collections.Counter(f.get("severity", "?") for f in findings if not about_certificate(f))
print("testssl.sh findings about the server, by severity:", dict(counts))
for f in findings:
    if f.get("severity") in ("LOW", "MEDIUM", "HIGH", "CRITICAL"):
        note = "  (the throwaway certificate)" if about_certificate(f) else ""
        print(f"  {f['severity']:8} {f['id']}: {f['finding']}{note}")
PY

echo "== slowhttptest, ${seconds}s an attack, ${connections} connections, a normal client measured"
status=0
tests/slowhttp/slowhttp.sh build/server/owidget-server build/tests/slowhttp/owidget-probe "$PWD" \
    "$work/slowhttp" "$seconds" "$connections" slowloris slowbody slowread range logins ||
    status=$?
echo "== flow probes, a normal client and an operator measured"
python3 scripts/flow_probes.py build/server/owidget-server | tee "$work/flow_probes.txt" ||
    status=$?
echo "(logs in $work)"
exit $status
