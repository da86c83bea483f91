#!/usr/bin/env python3
"""Probes the listeners of a real owidget-server, plain and TLS, as docs/security.md reports
them: a 40 MiB header line, a 256 MiB POST, slowloris with 1,000 connections, and 1,012 sockets
from one address. While each runs, a normal client (from 127.0.0.1; the abusers come from other
loopback addresses) asks for /v1/config once every 100 ms; the script prints the slowest answer,
the server's resident memory and CPU time.

    scripts/listener_probes.py build/server/owidget-server
"""

import os
import re
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time

COMPANY = "6f1c9a4e-3c1b-4d0e-9a57-2b5d8e7f1a20"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def start(binary, tmp, tls):
    args = [binary, "--listen", "127.0.0.1:0", "--db", os.path.join(tmp, f"db-{tls}.sqlite"),
            "--import", os.path.join(ROOT, "server/demo/demo.json")]
    if tls:
        cert, key = os.path.join(tmp, "cert.pem"), os.path.join(tmp, "key.pem")
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key,
                        "-out", cert, "-days", "1", "-subj", "/CN=127.0.0.1"],
                       check=True, capture_output=True)
        args += ["--tls-cert", cert, "--tls-key", key]
    env = dict(os.environ, QT_LOGGING_RULES="owidget.*.info=false")
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    line = process.stdout.readline().decode()
    port = int(re.search(r":(\d+)/?$", line.strip()).group(1))
    return process, port


def connect(port, tls, source=None, timeout=10):
    raw = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    raw.settimeout(timeout)
    if source:
        raw.bind((source, 0))
    raw.connect(("127.0.0.1", port))
    if not tls:
        return raw
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context.wrap_socket(raw, server_hostname="127.0.0.1")


def config_latency(port, tls):
    begin = time.monotonic()
    try:
        s = connect(port, tls, timeout=30)
        s.sendall(f"GET /v1/config?company={COMPANY} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n"
                  .encode())
        answer = s.recv(65536)
        s.close()
        if not answer.startswith(b"HTTP/1.1 200"):
            return None
    except OSError:
        return None
    return time.monotonic() - begin


class Sampler:
    """The normal client, every 100 ms, while a probe runs."""

    def __init__(self, port, tls):
        self.port, self.tls = port, tls
        self.times, self.failed = [], 0
        self.running = True
        self.thread = threading.Thread(target=self.run)
        self.thread.start()

    def run(self):
        while self.running:
            t = config_latency(self.port, self.tls)
            if t is None:
                self.failed += 1
            else:
                self.times.append(t)
            time.sleep(0.1)

    def stop(self):
        self.running = False
        self.thread.join()
        worst = max(self.times) if self.times else float("nan")
        return f"normal client: {len(self.times)} answered, {self.failed} failed, slowest {worst * 1000:.0f} ms"


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return -1


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


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


def probe(name, port, tls, pid, action):
    sampler = Sampler(port, tls)
    cpu = cpu_seconds(pid)
    result = action()
    cpu = cpu_seconds(pid) - cpu
    print(f"  {name}: {result}; server RSS {rss_kib(pid) // 1024} MiB, CPU {cpu:.1f} s; "
          f"{sampler.stop()}")


def slowloris(port, tls, count=1000, seconds=15):
    sockets = []
    for i in range(count):
        try:
            s = connect(port, tls, f"127.0.1.{2 + i % 8}")
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
    return f"{len(sockets)} opened, {alive} still open after {seconds} s of trickling"


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
        descriptor_limit(binary, tmp)


if __name__ == "__main__":
    main()
