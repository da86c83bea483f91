"""What scripts/listener_probes.py and scripts/flow_probes.py share: a real owidget-server
started on loopback (plain or TLS, the demo data imported), connections from a loopback address
of one's choice, a minimal WebSocket client (masked text frames, JSON messages), the normal
client measured while a probe runs, and the server's resident memory and CPU time."""

import base64
import json
import multiprocessing
import os
import re
import socket
import ssl
import statistics
import struct
import subprocess
import time

COMPANY = "6f1c9a4e-3c1b-4d0e-9a57-2b5d8e7f1a20"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


# The test certificate's key: RSA-2048 unless OWIDGET_PROBE_KEY=ecdsa asks for ECDSA P-256 (the
# key docs/deployment.md recommends: its signature costs the server half the CPU of RSA-2048's).
CERTIFICATE_KEY = (["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"]
                   if os.environ.get("OWIDGET_PROBE_KEY") == "ecdsa" else ["-newkey", "rsa:2048"])


def start(binary, tmp, tls, extra=()):
    args = [binary, "--listen", "127.0.0.1:0", "--db", os.path.join(tmp, f"db-{tls}.sqlite"),
            "--import", os.path.join(ROOT, "server/demo/demo.json"), *extra]
    if tls:
        cert, key = os.path.join(tmp, "cert.pem"), os.path.join(tmp, "key.pem")
        if not os.path.exists(cert):
            subprocess.run(["openssl", "req", "-x509", *CERTIFICATE_KEY, "-nodes", "-keyout",
                            key, "-out", cert, "-days", "1", "-subj", "/CN=127.0.0.1"],
                           check=True, capture_output=True)
        args += ["--tls-cert", cert, "--tls-key", key]
    env = dict(os.environ, QT_LOGGING_RULES="owidget.*.info=false")
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    line = process.stdout.readline().decode()
    port = int(re.search(r":(\d+)/?$", line.strip()).group(1))
    return process, port


def client_context():
    """One TLS context for every connection: a context of its own for each would load the
    system's CA certificates each time (milliseconds of the probe's own CPU, holding Python's
    lock), and the probe would measure itself."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


CONTEXT = client_context()


def connect(port, tls, source=None, timeout=10):
    raw = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    raw.settimeout(timeout)
    if source:
        raw.bind((source, 0))
    raw.connect(("127.0.0.1", port))
    if not tls:
        return raw
    return CONTEXT.wrap_socket(raw, server_hostname="127.0.0.1")


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


class WebSocket:
    """A client's side of one WebSocket: masked text frames out, JSON messages in."""

    def __init__(self, port, tls, path="/v1/socket", source=None, cookie=None, timeout=30):
        self.sock = connect(port, tls, source, timeout)
        key = base64.b64encode(os.urandom(16)).decode()
        head = (f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n"
                f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n")
        if cookie:
            head += f"Cookie: {cookie}\r\n"
        self.sock.sendall((head + "\r\n").encode())
        self.buffer = b""
        while b"\r\n\r\n" not in self.buffer:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise OSError("closed during the upgrade")
            self.buffer += chunk
        head, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
        self.pending, self.closed = [], False
        if not head.startswith(b"HTTP/1.1 101"):
            raise OSError(head.split(b"\r\n", 1)[0].decode(errors="replace"))

    @staticmethod
    def frame(payload, opcode=0x1):
        mask = os.urandom(4)
        size = len(payload)
        if size < 126:
            header = struct.pack("!BB", 0x80 | opcode, 0x80 | size)
        elif size < 65536:
            header = struct.pack("!BBH", 0x80 | opcode, 0x80 | 126, size)
        else:
            header = struct.pack("!BBQ", 0x80 | opcode, 0x80 | 127, size)
        masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        return header + mask + masked

    def send(self, message):
        self.sock.sendall(self.frame(json.dumps(message).encode()))

    def _parse(self):
        """Moves every whole frame of the buffer to `pending` (text as JSON; pings answered)."""
        while len(self.buffer) >= 2:
            first, second = self.buffer[0], self.buffer[1]
            size, at = second & 0x7F, 2
            if size == 126:
                if len(self.buffer) < 4:
                    return
                size, at = struct.unpack("!H", self.buffer[2:4])[0], 4
            elif size == 127:
                if len(self.buffer) < 10:
                    return
                size, at = struct.unpack("!Q", self.buffer[2:10])[0], 10
            if len(self.buffer) < at + size:
                return
            payload, self.buffer = self.buffer[at:at + size], self.buffer[at + size:]
            opcode = first & 0x0F
            if opcode == 0x8:
                self.closed = True
            elif opcode == 0x9:
                self.sock.sendall(self.frame(payload, 0xA))
            elif opcode in (0x0, 0x1):
                self.pending.append(json.loads(payload))

    def receive(self):
        """The next text message as JSON; OSError when the connection is closed."""
        while not self.pending:
            if self.closed:
                raise OSError("closed by the server")
            chunk = self.sock.recv(1 << 20)
            if not chunk:
                raise OSError("closed")
            self.buffer += chunk
            self._parse()
        return self.pending.pop(0)

    def pump(self, timeout=0.05):
        """Whatever messages arrive within `timeout`; OSError when the connection is closed."""
        self.sock.settimeout(timeout)
        try:
            chunk = self.sock.recv(1 << 20)
            if not chunk:
                raise OSError("closed")
            self.buffer += chunk
        except (socket.timeout, ssl.SSLWantReadError, BlockingIOError):
            pass
        finally:
            self.sock.settimeout(30)
        self._parse()
        messages, self.pending = self.pending, []
        if self.closed and not messages:
            raise OSError("closed by the server")
        return messages

    def receive_type(self, kind):
        while True:
            message = self.receive()
            if message.get("type") == kind:
                return message

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass


def hello(port, tls, source=None, resume=None, timeout=30):
    """A widget socket that said hello and got welcome."""
    ws = WebSocket(port, tls, source=source, timeout=timeout)
    message = {"type": "hello", "protocol": 1, "company": COMPANY, "preset": "", "language": "en"}
    if resume:
        message["resume"] = resume
    ws.send(message)
    ws.receive_type("welcome")
    return ws


def hello_latency(port, tls):
    begin = time.monotonic()
    try:
        hello(port, tls).close()
    except (OSError, ValueError):
        return None
    return time.monotonic() - begin


def _sample(port, tls, with_hello, pid, stop, results):
    times, failed, peak = [], 0, 0
    checks = [config_latency] + ([hello_latency] if with_hello else [])
    while not stop.is_set():
        for check in checks:
            t = check(port, tls)
            if t is None:
                failed += 1
            else:
                times.append(t)
        if pid:
            peak = max(peak, rss_kib(pid))
        stop.wait(0.1)
    results.put((times, failed, peak))


class Sampler:
    """The normal client, every 100 ms, while a probe runs: `/v1/config`, and with `hello` also
    a widget socket's hello, each on a new connection from 127.0.0.1. In a process of its own,
    so that the probe's own work does not delay it; samples the server's resident memory."""

    def __init__(self, port, tls, with_hello=False, pid=None):
        self.times, self.failed, self.peak_rss_kib = [], 0, 0
        self.stop_event = multiprocessing.Event()
        self.results = multiprocessing.Queue()
        self.process = multiprocessing.Process(
            target=_sample, args=(port, tls, with_hello, pid, self.stop_event, self.results))
        self.process.start()

    def halt(self):
        self.stop_event.set()
        self.times, self.failed, self.peak_rss_kib = self.results.get()
        self.process.join()

    def worst_ms(self):
        return max(self.times) * 1000 if self.times else float("nan")

    def median_ms(self):
        return statistics.median(self.times) * 1000 if self.times else float("nan")

    def stop(self):
        self.halt()
        return (f"normal client: {len(self.times)} answered, {self.failed} failed, "
                f"slowest {self.worst_ms():.0f} ms, median {self.median_ms():.0f} ms")


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
