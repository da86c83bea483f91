#!/usr/bin/env python3
"""Probes the listeners of a real owidget-server, plain and TLS, as docs/security.md reports
them: a 40 MiB header line, a 256 MiB POST, slowloris with 1,000 connections, and 1,012 sockets
from one address. While each runs, a normal client (from 127.0.0.1; the abusers come from other
loopback addresses) asks for /v1/config once every 100 ms; the script prints the slowest answer,
the server's resident memory and CPU time.

    scripts/listener_probes.py build/server/owidget-server [PROBE NAME...]

With names ("slowloris", "one address", "descriptor limit", ...), runs only those probes.
The TLS listener's test certificate is RSA-2048; OWIDGET_PROBE_KEY=ecdsa makes it ECDSA P-256.
"""

import os
import re
import select
import socket
import ssl
import subprocess
import sys
import tempfile
import time

from probelib import CONTEXT, ROOT, Sampler, config_latency, connect, cpu_seconds, rss_kib, start


def stream(port, tls, head, total, source="127.0.0.2"):
    """Sends a head, then up to `total` bytes; how many were taken and what came back."""
    s = connect(port, tls, source)
    s.sendall(head)
    s.settimeout(0.5)
    chunk = b"a" * 65536
    sent, answer = 0, b""
    begin = time.monotonic()
    try:
        while sent < total:
            sent += s.send(chunk)
    except OSError:
        pass
    try:
        answer = s.recv(4096)
    except OSError:
        pass
    return sent, answer.split(b"\r\n", 1)[0].decode(errors="replace"), time.monotonic() - begin


ONLY = sys.argv[2:]


def probe(name, port, tls, pid, action):
    if ONLY and name not in ONLY:
        return
    sampler = Sampler(port, tls)
    cpu = cpu_seconds(pid)
    result = action()
    cpu = cpu_seconds(pid) - cpu
    print(f"  {name}: {result}; server RSS {rss_kib(pid) // 1024} MiB, CPU {cpu:.1f} s; "
          f"{sampler.stop()}")


def open_all(port, tls, sources, count):
    """`count` connections from `sources` in turn, all opened first and then, with TLS, all
    handshaken at once: the server gets a burst of ClientHellos, as from many clients, rather
    than one after the other as one client would open them."""
    raws = []
    for i in range(count):
        try:
            raw = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            raw.settimeout(10)
            raw.bind((sources[i % len(sources)], 0))
            raw.connect(("127.0.0.1", port))
            raws.append(raw)
        except OSError:
            pass
    if not tls:
        return raws
    pending = []
    for raw in raws:
        raw.setblocking(False)
        pending.append(CONTEXT.wrap_socket(raw, server_hostname="127.0.0.1",
                                           do_handshake_on_connect=False))
    done, end = [], time.monotonic() + 60
    while pending and time.monotonic() < end:
        waiting = []
        for s in pending:
            try:
                s.do_handshake()
                s.settimeout(10)
                done.append(s)
            except (ssl.SSLWantReadError, ssl.SSLWantWriteError):
                waiting.append(s)
            except OSError:
                s.close()
        pending = waiting
        if pending:
            select.select(pending, [], [], 0.05)
    for s in pending:
        s.close()
    return done


def slowloris(port, tls, count=1000, seconds=15):
    sockets = []
    for s in open_all(port, tls, [f"127.0.1.{2 + i}" for i in range(8)], count):
        try:
            s.sendall(f"GET /v1/config HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n".encode())
            sockets.append(s)
        except OSError:
            pass
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        for s in sockets:
            try:
                s.send(b"X")
            except OSError:
                pass
        time.sleep(1)
    alive = 0
    for s in sockets:
        try:
            s.send(b"X")
            s.settimeout(0.01)
            if s.recv(1) != b"":
                alive += 1
        except (socket.timeout, ssl.SSLWantReadError):
            alive += 1
        except OSError:
            pass
        s.close()
    return f"{len(sockets)} of {count} opened, {alive} still open after {seconds} s of trickling"


def one_address(port, tls, count=1012):
    sockets, refused = [], 0
    for _ in range(count):
        try:
            raw = socket.create_connection(("127.0.0.1", port), timeout=5,
                                           source_address=("127.0.0.3", 0))
            sockets.append(raw)
        except OSError:
            refused += 1
    time.sleep(2)
    open_count = 0
    for s in sockets:
        s.setblocking(False)
        try:
            open_count += s.recv(1) != b""
        except BlockingIOError:
            open_count += 1
        except OSError:
            pass
    for s in sockets:
        s.close()
    return f"{count} sockets from one address: {open_count} held after 2 s"


def descriptor_limit(binary, tmp):
    """300 idle sockets against a server started with 128 descriptors: its CPU time meanwhile."""
    process = subprocess.Popen(
        ["prlimit", "--nofile=128:128", binary, "--listen", "127.0.0.1:0", "--db",
         os.path.join(tmp, "db-limit.sqlite"), "--import",
         os.path.join(ROOT, "server/demo/demo.json")],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    port = int(re.search(r":(\d+)/?$", process.stdout.readline().decode().strip()).group(1))
    sockets = []
    for i in range(300):
        try:
            sockets.append(socket.create_connection(("127.0.0.1", port), timeout=2,
                                                    source_address=(f"127.0.3.{2 + i % 4}", 0)))
        except OSError:
            pass
    cpu = cpu_seconds(process.pid)
    time.sleep(3)
    cpu = cpu_seconds(process.pid) - cpu
    for s in sockets:
        s.close()
    time.sleep(1)
    after = config_latency(port, False)
    process.terminate()
    process.wait()
    print(f"descriptor limit 128, 300 idle sockets: CPU {cpu:.2f} s in 3 s; after they left, "
          f"a normal client {'answered' if after is not None else 'NOT answered'}")


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "build/server/owidget-server")
    with tempfile.TemporaryDirectory() as tmp:
        for tls in (False, True):
            process, port = start(binary, tmp, tls)
            print("TLS listener" if tls else "plain listener")
            host = f"Host: 127.0.0.1:{port}\r\n".encode()
            probe("40 MiB header line", port, tls, process.pid, lambda: "took %d bytes, %s, in %.2f s"
                  % stream(port, tls, b"GET /v1/config HTTP/1.1\r\n" + host + b"X-Big: ",
                           40 << 20))
            probe("256 MiB POST", port, tls, process.pid, lambda: "took %d bytes, %s, in %.2f s"
                  % stream(port, tls, b"POST /v1/operator/login HTTP/1.1\r\n" + host
                           + b"Content-Length: 268435456\r\n\r\n", 256 << 20))
            probe("slowloris", port, tls, process.pid, lambda: slowloris(port, tls))
            probe("one address", port, tls, process.pid, lambda: one_address(port, tls))
            process.terminate()
            process.wait()
        if not ONLY or "descriptor limit" in ONLY:
            descriptor_limit(binary, tmp)


if __name__ == "__main__":
    main()
