#!/usr/bin/env python3
"""Turns owidget-bench's JSON into one table: figure, reference, ratio, target, pass/fail.

Usage: report.py BENCH_JSON [HOST_JSON...] --markdown RESULTS.md --notes notes.md [--merge]
                 [--build "RelWithDebInfo build, load average 1.2"]
Prints the table; writes it with the machine and the date as Markdown. With --merge, a run of
some benchmarks only (--benchmark_filter): its rows replace the same figures of the existing
RESULTS.md and are added after the others, which are kept with the date of their run.
"""
import argparse
import datetime
import json
import os
import platform
import subprocess

# family -> rows: (figure, value counter, reference counter, reference label, unit, target)
# target: ("ratio", x) value/reference <= x; ("max", x) value <= x; ("min", x) value >= x;
# None: shown, not judged.
SPEC = {
    "first_status": [
        ("Time to first status, {n} widget(s) at once (median)", "value", "reference",
         "bare GET /v1/config + WebSocket hello→welcome", "ms", ("ratio", 1.5)),
    ],
    "round_trip": [
        ("Message round trip p50, {n} messages", "p50", "ref_p50",
         "raw visitor + raw operator sockets, same server", "ms", None),
        ("Message round trip p99, {n} messages", "p99", "ref_p99",
         "raw visitor + raw operator sockets, same server", "ms", ("ratio", 2.0)),
    ],
    "footprint": [
        ("Host + {n} connected widget(s): memory added", "added_kib", None,
         "bare host (same program, no widget)", "KiB", ("max", 15 * 1024)),
        ("Host + {n} connected widget(s): start-up added", "added_ms", None,
         "bare host (same program, no widget)", "ms", ("max", 50)),
        ("Host + {n} widget(s): memory, whole process tree", "rss_kib", "web_rss_kib",
         "same host with {n} QWebEngineView web chat(s)", "KiB", ("ratio", 1.0)),
        ("Host + {n} widget(s): start-up to connected", "startup_ms", "web_startup_ms",
         "same host with {n} QWebEngineView web chat(s)", "ms", ("ratio", 1.0)),
    ],
    "fanout": [
        ("Server memory per widget connection, {n} connections", "kib_per_connection", None,
         "", "KiB", ("max", 50)),
        ("Operator status change → last of {n} widgets has it", "broadcast_ms", None,
         "", "ms", ("max", 100)),
    ],
    "fanout_many": [
        ("Server memory per widget connection, {n} connections (the most the file limit allows)",
         "kib_per_connection", None, "", "KiB", ("max", 20)),
        ("Operator status change → last of {n} widgets has it (the most the file limit allows)",
         "broadcast_ms", None, "", "ms", ("max", 1000)),
    ],
    "fanout_instances": [
        ("Operator status change → last of {n} widgets has it, spread over {instances} "
         "instances (PostgreSQL)", "spread_ms", "one_instance_ms",
         "all on one of them, same database", "ms", ("ratio", 1.2)),
    ],
    "upload": [
        ("Upload of a {n} MB file by the controller, until stored (≥ 0.8× the bare upload's "
         "throughput)", "value", "reference",
         "bare QNetworkAccessManager POST of the same file, same server and route", "ms",
         ("ratio", 1.25)),
        ("Upload throughput, {n} MB file, controller", "mb_per_s", "ref_mb_per_s",
         "bare QNetworkAccessManager POST", "MB/s", None),
    ],
    "images_memory": [
        ("Memory of a conversation showing {n} images (chat window scrolled through, every "
         "thumbnail shown)", "value", "reference",
         "the same {n} photos decoded whole and held", "KiB", ("ratio", 0.25)),
        ("Pixel bytes of the {n} thumbnails held", "thumbnails_kib", "originals_kib",
         "pixel bytes of the {n} originals", "KiB", None),
    ],
    "idle": [
        ("Idle wake-ups per minute, {n} connected controller(s)", "per_minute", "ref_per_minute",
         "bare QWebSocket with the same heartbeat", "/min", ("ratio", 1.5)),
    ],
    "history": [
        ("History open (model filled + first paint), {n} messages [{view}]", "open_ms",
         "open_ref_ms", "same view, empty", "ms", ("max", 500)),
        ("History append one message to {n} (model + view, before paint) [{view}]", "append_ms",
         "append_ref_ms", "same view, empty", "ms", ("max", 1)),
        ("History append one message to {n}, repainted [{view}]", "painted_append_ms",
         "painted_append_ref_ms", "same view, empty", "ms", None),
        ("History scroll top → bottom page by page, {n} messages [{view}]", "scroll_ms",
         "scroll_ref_ms", "same view, empty", "ms", None),
        ("History memory added per byte of text, {n} messages [{view}]", "memory_per_text_byte",
         None, "the messages' UTF-16 text", "B/B", ("max", 2.0)),
    ],
    "chat_load": [
        ("Sustained chat load, {n} conversations, {db}, {instances} instance(s): acknowledged "
         "messages a second", "per_second", "floor_per_second",
         "bare INSERT loop, one commit a row, same database", "/s", ("min", 5000)),
        ("Sustained chat load, {n} conversations, {db}, {instances} instance(s): ack latency p50",
         "p50_ms", "floor_p50_ms", "one INSERT + commit, same database", "ms", None),
        ("Sustained chat load, {n} conversations, {db}, {instances} instance(s): ack latency p99",
         "p99_ms", "floor_p99_ms", "one INSERT + commit, same database", "ms", ("max", 50)),
        ("Sustained chat load, {n} conversations, {db}, {instances} instance(s): visitors' ack "
         "latency p99", "visitor_p99_ms", "operator_p99_ms", "operators' ack latency p99", "ms",
         None),
        ("Sustained chat load, {n} conversations, {db}, {instances} instance(s): messages "
         "refused (all runs)", "refused", None, "", "", ("max", 0)),
        ("Chat load offered at {near_rate} /s (0.8× the closed loop's), {n} conversations, {db}, "
         "{instances} instance(s): acknowledged a second", "open_near_per_second", None,
         "", "/s", None),
        ("Chat load offered at {near_rate} /s (0.8× the closed loop's), {n} conversations, {db}, "
         "{instances} instance(s): ack latency p50", "open_near_p50_ms", None, "", "ms", None),
        ("Chat load offered at {near_rate} /s (0.8× the closed loop's), {n} conversations, {db}, "
         "{instances} instance(s): ack latency p99", "open_near_p99_ms", None, "", "ms",
         ("max", 50)),
        ("Chat load offered at {target_rate} /s (the target), {n} conversations, {db}, "
         "{instances} instance(s): acknowledged a second", "open_target_per_second", None,
         "", "/s", ("min", 5000)),
        ("Chat load offered at {target_rate} /s (the target), {n} conversations, {db}, "
         "{instances} instance(s): ack latency p99", "open_target_p99_ms", None, "", "ms",
         ("max", 50)),
    ],
    "cross_instance_round_trip": [
        ("Message round trip p50, {n} conversation(s), visitor on instance A, operator on B",
         "cross_p50_ms", "same_p50_ms", "both on A, same PostgreSQL database", "ms", None),
        ("Message round trip p99, {n} conversation(s), visitor on instance A, operator on B",
         "cross_p99_ms", "same_p99_ms", "both on A, same PostgreSQL database", "ms",
         ("ratio", 2.0)),
    ],
}

VIEWS = {0: "chat window: MessageModel + MessageDelegate"}
DATABASES = {0: "SQLite", 1: "PostgreSQL"}


def machine(context):
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = "unknown"
    try:
        with open("/proc/meminfo") as f:
            kib = int(f.readline().split()[1])
            mem = f"{kib / 1024 / 1024:.1f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    system = platform.platform()
    try:
        with open("/etc/os-release") as f:
            for line in f:
                if line.startswith("PRETTY_NAME="):
                    system = line.split("=", 1)[1].strip().strip('"')
    except OSError:
        pass
    return {
        "CPU": cpu,
        "cores": str(os.cpu_count()),
        "memory": mem,
        "OS": f"{system}, kernel {platform.release()}",
        "Qt": context.get("qt", "unknown"),
    }


def fmt(x):
    if x is None:
        return "—"
    if abs(x) >= 100:
        return f"{x:,.0f}"
    if abs(x) >= 10:
        return f"{x:.1f}"
    return f"{x:.3g}"


def rows(benchmarks):
    out = []
    for b in benchmarks:
        if b.get("error_occurred"):
            out.append([b["name"], "error: " + b.get("error_message", ""), "", "", "", "", "FAIL"])
            continue
        family = b.get("run_name", b["name"]).split("/")[0]
        for figure, key, refkey, reflabel, unit, target in SPEC.get(family, []):
            if key not in b:
                continue
            n = int(b.get("n", 0))
            view = VIEWS.get(int(b.get("view", 0)), "")
            value = b[key]
            ref = b.get(refkey) if refkey else None
            ratio = value / ref if ref else (1.0 if ref == 0 and value == 0 else None)
            verdict = "—"
            tgt = ""
            if target:
                kind, limit = target
                if kind == "ratio":
                    tgt = f"≤ {limit:g}× reference"
                    ok = ratio is not None and ratio <= limit
                elif kind == "min":
                    tgt = f"≥ {limit:g} {unit}"
                    ok = value >= limit
                else:
                    tgt = f"≤ {limit:g} {unit}"
                    ok = value <= limit
                verdict = "pass" if ok else "FAIL"
            label = figure.format(n=f"{n:,}", view=view,
                                  db=DATABASES.get(int(b.get("db", 0)), ""),
                                  instances=int(b.get("instances", 1)),
                                  near_rate=f"{b.get('open_near_rate', 0):,.0f}",
                                  target_rate=f"{b.get('open_target_rate', 0):,.0f}")
            refcell = f"{fmt(ref)} {unit} ({reflabel.format(n=n)})" if ref is not None else (
                reflabel.format(n=n) or "—")
            out.append([label, f"{fmt(value)} {unit}", refcell,
                        f"{ratio:.2f}×" if ratio is not None else "—", tgt or "—", verdict])
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("json")
    parser.add_argument("--markdown")
    parser.add_argument("--notes")
    parser.add_argument("--merge", action="store_true")
    # How the measured binaries were built and what else ran, for the page's line of this run.
    parser.add_argument("--build", default="Release build")
    args = parser.parse_args()
    with open(args.json) as f:
        data = json.load(f)
    table = rows(data["benchmarks"])
    header = ["figure", "value", "reference (same run)", "ratio", "target", "result"]
    widths = [max(len(str(r[i])) for r in table + [header]) for i in range(len(header))]
    line = lambda r: "  ".join(str(c).ljust(w) for c, w in zip(r, widths))
    print(line(header))
    print("  ".join("-" * w for w in widths))
    for r in table:
        print(line(r))
    if not args.markdown:
        return
    info = machine(data.get("context", {}))
    now = f"{datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC"
    runs = [f"Last run: {now}, by `scripts/bench.sh` ({args.build})."]
    kept = []
    if args.merge and os.path.exists(args.markdown):
        with open(args.markdown) as f:
            old = f.read().split("\n")
        # What the page said of earlier runs: every line between the title and the machine.
        start = old.index("# Benchmark results") + 1 if "# Benchmark results" in old else 0
        end = next((i for i, line in enumerate(old) if line.startswith("| machine")), start)
        runs = [line for line in old[start:end] if line.strip()]
        runs = [("Earlier rows: " + line[len("Last run: "):]) if line.startswith("Last run:")
                else line for line in runs]
        runs.insert(0, f"Last run: {now}, by `owidget-bench --benchmark_filter=...` "
                       f"({args.build}), the rows it measured merged into the table below.")
        new_figures = {r[0] for r in table}
        for line in old:
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            # A figure's row, or a benchmark's error row (which has empty cells after it).
            if (line.startswith("| ") and len(cells) >= len(header) and cells != header
                    and cells[0] not in new_figures):
                kept.append(cells)
            elif line.startswith("## "):
                break
    md = ["# Benchmark results", ""] + [line for run in runs for line in (run, "")]
    md += ["| machine | |", "|---|---|"]
    md += [f"| {k} | {v} |" for k, v in info.items()]
    md += ["", "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    md += ["| " + " | ".join(str(c) for c in r) + " |" for r in kept + table]
    if args.notes and os.path.exists(args.notes):
        with open(args.notes) as f:
            md += ["", f.read().rstrip()]
    with open(args.markdown, "w") as f:
        f.write("\n".join(md) + "\n")


if __name__ == "__main__":
    main()
