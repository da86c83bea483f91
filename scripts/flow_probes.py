#!/usr/bin/env python3
"""Probes the flow limits of a real owidget-server, plain and TLS, as issue 12 found them: an
offline messages flood (3,000 from one address over 40 sockets), clients resuming a long
conversation from its start and never reading (20 of them), 900 conversations waiting at once
(90 addresses, 10 each) and then ended together, and a flood of malformed frames on one
connection for 10 s. Meanwhile a normal client (from 127.0.0.1: `/v1/config`, then a widget
socket's `hello`, each on a new connection, every 100 ms) is measured, and an operator (alice
of server/demo/demo.json) stays logged in, reading. Prints a table: the normal client's slowest
and median answer, the server's peak resident memory, whether the operator is still connected,
and what was acknowledged against what was stored.

    scripts/flow_probes.py build/server/owidget-server [PROBE NAME...]
"""

import json
import os
import resource
import sys
import tempfile
import threading
import time
import uuid

from probelib import COMPANY, ROOT, Sampler, WebSocket, connect, hello, rss_kib, start

ONLY = sys.argv[2:]


def login(port, tls, name="alice", password="alice-demo"):
    body = json.dumps({"login": name, "password": password}).encode()
    s = connect(port, tls)
    s.sendall(f"POST /v1/operator/login HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
              f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n".encode()
              + body)
    answer = b""
    while b"\r\n\r\n" not in answer:
        answer += s.recv(65536)
    s.close()
    for line in answer.split(b"\r\n"):
        if line.lower().startswith(b"set-cookie:"):
            return line.split(b":", 1)[1].split(b";", 1)[0].strip().decode()
    raise OSError("login failed: " + answer.split(b"\r\n", 1)[0].decode(errors="replace"))


class Operator:
    """An operator's console socket, logged in and reading everything, in a thread of its own."""

    def __init__(self, port, tls):
        self.ws = WebSocket(port, tls, "/v1/operator/socket", cookie=login(port, tls))
        self.snapshot = self.ws.receive_type("snapshot")
        self.received, self.connected = [], True
        self.lock = threading.Lock()
        self.outbox = []
        self.running = True
        self.send({"type": "availability", "state": "online"})
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def send(self, message):
        with self.lock:
            self.outbox.append(message)

    def run(self):
        while self.running and self.connected:
            try:
                with self.lock:
                    outbox, self.outbox = self.outbox, []
                for message in outbox:
                    self.ws.send(message)
                messages = self.ws.pump(0.05)
                with self.lock:
                    self.received += messages
            except (OSError, ValueError):
                self.connected = False

    def of_type(self, kind):
        with self.lock:
            return [m for m in self.received if m.get("type") == kind]

    def wait_for(self, predicate, timeout=30):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            with self.lock:
                found = predicate(self.received)
            if found:
                return found
            time.sleep(0.05)
        return None

    def stop(self):
        self.running = False
        self.thread.join()
        self.ws.close()


def answers(ws, count, timeout=30):
    """The next `count` replies on a widget socket (fewer when it closed or time ran out)."""
    replies, end = [], time.monotonic() + timeout
    while len(replies) < count and time.monotonic() < end:
        try:
            replies += [m for m in ws.pump(0.2) if m.get("type") in ("received", "error", "ack")]
        except OSError:
            break
    return replies


def offline_flood(port, tls, op):
    """3,000 offline messages from one address over 40 sockets."""
    before = stored_offline(port, tls)
    sockets = [hello(port, tls, "127.0.5.2") for _ in range(40)]
    for ws in sockets:
        for _ in range(75):
            ws.send({"type": "leaveMessage", "clientId": str(uuid.uuid4()),
                     "fields": {"name": "Flood", "email": "flood@example.com"},
                     "text": "x" * 3000})
    acked = sum(1 for ws in sockets for m in answers(ws, 75) if m["type"] == "received")
    for ws in sockets:
        ws.close()
    stored = stored_offline(port, tls) - before
    return acked, stored, "3,000 sent"


def stored_offline(port, tls):
    """How many offline messages a fresh login is told of."""
    fresh = WebSocket(port, tls, "/v1/operator/socket", cookie=login(port, tls, "bob", "bob-demo"))
    snapshot = fresh.receive_type("snapshot")
    fresh.close()
    return len(snapshot.get("offlineMessages", [])) + snapshot.get("offlineMessagesMore", 0)


def say_all(ws, texts):
    """Sends visitor messages one at a time, again when rate limited; how many were acked."""
    acked = 0
    for text in texts:
        client_id = str(uuid.uuid4())
        while True:
            ws.send({"type": "message", "clientId": client_id, "text": text})
            reply = answers(ws, 1, 10)
            if reply and reply[0]["type"] == "ack":
                acked += 1
                break
            if not reply or reply[0].get("code") != "rate_limited":
                break
            time.sleep(0.1)
    return acked


def resume_pinning(port, tls, op, messages=400, readers=20):
    """A long conversation (400 messages of 8 KB), resumed from its start by 20 clients that
    never read."""
    visitor = hello(port, tls, "127.0.5.3")
    visitor.send({"type": "start", "clientId": str(uuid.uuid4()), "fields": {"name": "Long"}})
    created = visitor.receive_type("created")
    conversation, secret = created["conversation"], created["secret"]
    op.send({"type": "accept", "conversation": conversation})
    visitor.receive_type("joined")
    resume = {"conversation": conversation, "secret": secret, "lastSeq": 0}
    writers = [visitor] + [hello(port, tls, "127.0.5.3", resume) for _ in range(4)]
    text = "é" * 4000
    counts = [0] * len(writers)

    def write(i):
        counts[i] = say_all(writers[i], [text] * (messages // len(writers)))

    threads = [threading.Thread(target=write, args=(i,)) for i in range(len(writers))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    acked = sum(counts)
    for ws in writers:
        ws.close()
    before = rss_kib(op_pid)
    idle = []
    for _ in range(readers):
        ws = hello(port, tls, "127.0.5.4", resume)
        idle.append(ws)
    time.sleep(3)
    grown = (rss_kib(op_pid) - before) // 1024
    for ws in idle:
        ws.close()
    # A reading client gets every acknowledged message once.
    reader = hello(port, tls, "127.0.5.5", resume)
    seen, end = set(), time.monotonic() + 60
    while len(seen) < acked and time.monotonic() < end:
        try:
            for m in reader.pump(0.2):
                if m.get("type") == "message" and m.get("from") == "visitor":
                    seen.add(m["seq"])
        except OSError:
            break
    reader.close()
    op.send({"type": "end", "conversation": conversation})
    return acked, len(seen), f"{readers} idle resumes: +{grown} MiB"


def queue_broadcast(port, tls, op):
    """900 conversations waiting at once (90 addresses, 10 each), then all ended together."""
    queued_before = len(op.of_type("queued"))
    sockets, created = [], 0
    for i in range(900):
        try:
            ws = hello(port, tls, f"127.0.6.{2 + i // 10}")
            ws.send({"type": "start", "clientId": str(uuid.uuid4()), "fields": {"name": "Q"}})
            ws.receive_type("created")
            created += 1
            sockets.append(ws)
        except (OSError, ValueError):
            pass
    op.wait_for(lambda r: sum(m.get("type") == "queued" for m in r) - queued_before >= created, 60)
    queued = len(op.of_type("queued")) - queued_before
    for ws in sockets:
        ws.send({"type": "end"})
    for ws in sockets:
        ws.close()
    time.sleep(2)
    return created, queued, f"{len(sockets)} waiting, then ended together"


def malformed_flood(port, tls, op, seconds=10):
    """Malformed frames on one connection, as fast as it can send them, for 10 s."""
    ws = hello(port, tls, "127.0.5.6")
    sent, replies, end = 0, 0, time.monotonic() + seconds
    garbage = WebSocket.frame(b"{not json")
    ending = f"still open after {seconds} s"
    try:
        while time.monotonic() < end:
            ws.sock.sendall(garbage * 100)
            sent += 100
            replies += len(ws.pump(0))
    except OSError as error:
        ending = f"closed by the server ({error})"
    ws.close()
    return None, None, f"{sent:,} sent, {replies:,} replies read, {ending}"


PROBES = [("offline flood", offline_flood), ("resume pinning", resume_pinning),
          ("queue broadcast", queue_broadcast), ("malformed frames", malformed_flood)]
op_pid = 0


def main():
    global op_pid
    binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "build/server/owidget-server")
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for tls in (False, True):
            for name, action in PROBES:
                if ONLY and name not in ONLY:
                    continue
                # A fresh server a probe, so that one probe's quotas do not spoil the next.
                process, port = start(binary, os.path.join(tmp), tls,
                                      ["--max-connections-per-address", "256"])
                op_pid = process.pid
                op = Operator(port, tls)
                sampler = Sampler(port, tls, with_hello=True, pid=process.pid)
                try:
                    acked, stored, note = action(port, tls, op)
                except Exception as error:  # a probe that broke says so in its row
                    acked, stored, note = None, None, f"probe failed: {error!r}"
                time.sleep(1)
                sampler.halt()
                connected = op.connected
                op.stop()
                process.terminate()
                process.wait()
                rows.append((name, "TLS" if tls else "plain", sampler, connected, acked, stored,
                             note))
                print(f"  {name}, {'TLS' if tls else 'plain'}: done", file=sys.stderr)
    print("| probe | listener | normal client: answers / failed / slowest / median ms "
          "| server's peak RSS | operator connected | acked / stored | notes |")
    print("|---|---|---|---|---|---|---|")
    for name, listener, s, connected, acked, stored, note in rows:
        kept = "—" if acked is None else f"{acked:,} / {stored:,}"
        print(f"| {name} | {listener} | {len(s.times)} / {s.failed} / {s.worst_ms():.0f} / "
              f"{s.median_ms():.0f} | {s.peak_rss_kib // 1024} MiB | "
              f"{'yes' if connected else '**no**'} | {kept} | {note} |")


if __name__ == "__main__":
    main()
