"""Benchmark ollama_push against the clients a user would otherwise reach for.

A local load server plays a pre-encoded push (realistic events, then
``success``) in large socket writes, so it is never the bottleneck. Each client
runs in its own process, interleaved round by round (A B C D, A B C D, ...) so
machine drift hits all alike, and reports its own CPU time (getrusage), wall
time, peak RSS and, in the latency runs, how long each event took from the
server's send to the client's loop body. The table gives medians and ratios.

Clients: ollama_push.push(); the official ``ollama.Client(host).push(model,
stream=True)``; ``requests`` + ``iter_lines()`` + ``json.loads``; and "limit",
a minimal raw-socket reader (de-chunk, split, parse each line, nothing else)
that stands for the floor of pure Python.

Run from a checkout (one command; creates its own venv)::

    python3 -m venv benchmarks/.venv && benchmarks/.venv/bin/pip install -r benchmarks/requirements.txt && benchmarks/.venv/bin/python benchmarks/bench_push.py
"""

import argparse
import json
import os
import resource
import socket
import statistics
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
CLIENTS = ("ollama_push", "ollama", "requests", "limit")
DIGEST = "sha256:2af3b81862c6" + "4b1a" * 13
TOTAL = 4683073184
MODEL = "bench-user/bench-model"


# ---------------------------------------------------------------------------
# What the server sends


def event_lines(n):
    """``n`` NDJSON lines of a realistic push: several layers, then success."""
    layers = 4
    per_layer = max((n - 3) // layers, 1)
    lines = [b'{"status":"retrieving manifest"}\n']
    for layer in range(layers):
        digest = DIGEST[:-1] + str(layer)
        for step in range(per_layer):
            if len(lines) >= n - 2:
                break
            completed = TOTAL * (step + 1) // per_layer
            lines.append(
                b'{"status":"pushing %s","digest":"%s","total":%d,"completed":%d}\n'
                % (digest[7:19].encode(), digest.encode(), TOTAL, completed)
            )
    lines.append(b'{"status":"pushing manifest"}\n')
    lines.append(b'{"status":"success"}\n')
    return lines


HEAD = (
    b"HTTP/1.1 200 OK\r\nContent-Type: application/x-ndjson\r\n"
    b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
)


def per_line_body(lines):
    """One HTTP chunk per line: byte for byte what Ollama's write-and-flush sends."""
    return HEAD + b"".join(b"%x\r\n%s\r\n" % (len(line), line) for line in lines) + b"0\r\n\r\n"


def bulk_body(lines, size=64 * 1024):
    """64 KiB chunks cut mid-line."""
    data = b"".join(lines)
    chunks = [data[i : i + size] for i in range(0, len(data), size)]
    return HEAD + b"".join(b"%x\r\n%s\r\n" % (len(c), c) for c in chunks) + b"0\r\n\r\n"


class LoadServer:
    """Answers every request with ``self.response`` (bytes) or a timed latency stream."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.url = "http://127.0.0.1:%d" % self.sock.getsockname()[1]
        self.response = b""
        self.latency_events = 0
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            conn, _ = self.sock.accept()
            threading.Thread(target=self._answer, args=(conn,), daemon=True).start()

    def _answer(self, conn):
        with conn:
            conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            data = b""
            while b"\r\n\r\n" not in data:
                more = conn.recv(65536)
                if not more:
                    return
                data += more
            head, _, body = data.partition(b"\r\n\r\n")
            length = 0
            for line in head.split(b"\r\n")[1:]:
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value)
            while len(body) < length:
                body += conn.recv(65536)
            try:
                if self.latency_events:
                    self._timed(conn, self.latency_events)
                else:
                    conn.sendall(self.response)
            except OSError:
                pass

    def _timed(self, conn, n):
        """Events 1 ms apart, each stamped with the monotonic time it was sent."""
        conn.sendall(HEAD)
        start = time.monotonic()
        for i in range(n):
            wait = start + i * 0.001 - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            line = b'{"status":"pushing 2af3b81862c6","digest":"%s","total":%d,"completed":%d}\n' % (
                DIGEST.encode(), TOTAL, time.monotonic_ns())
            conn.sendall(b"%x\r\n%s\r\n" % (len(line), line))
        line = b'{"status":"success"}\n'
        conn.sendall(b"%x\r\n%s\r\n0\r\n\r\n" % (len(line), line))


# ---------------------------------------------------------------------------
# The clients, each run in a child process


def run_ollama_push(url, on_event):
    import ollama_push

    for event in ollama_push.push(MODEL, host=url):
        on_event(event.completed)


def run_ollama(url, on_event):
    import ollama

    for event in ollama.Client(host=url).push(MODEL, stream=True):
        on_event(event.completed)


def run_requests(url, on_event):
    import requests

    with requests.post(url + "/api/push", json={"model": MODEL, "stream": True}, stream=True) as r:
        r.raise_for_status()
        for line in r.iter_lines():
            if line:
                on_event(json.loads(line).get("completed"))


def run_limit(url, on_event):
    """The floor: a raw socket, de-chunking, splitting and parsing, nothing more."""
    scan = json.JSONDecoder().scan_once
    host, port = url.split("//")[1].split(":")
    sock = socket.create_connection((host, int(port)))
    body = json.dumps({"model": MODEL}).encode()
    sock.sendall(b"POST /api/push HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\n"
                 b"Content-Length: %d\r\n\r\n%s" % (host.encode(), len(body), body))
    data = b""
    while b"\r\n\r\n" not in data:
        data += sock.recv(65536)
    data = data.split(b"\r\n\r\n", 1)[1]
    framing, pending = b"", b""
    left = skip = 0  # chunk data still to come; CRLF bytes still to skip
    done = False
    while not done:
        data = framing + (data or sock.recv(65536))
        framing = b""
        if not data:
            break
        out, pos, end = [], 0, len(data)
        while pos < end:
            if skip:
                step = min(skip, end - pos)
                pos, skip = pos + step, skip - step
            elif left:
                piece = data[pos : pos + left]
                out.append(piece)
                pos, left = pos + len(piece), left - len(piece)
                skip = 0 if left else 2
            else:
                newline = data.find(b"\r\n", pos)
                if newline < 0:
                    framing = data[pos:]
                    break
                left, pos = int(data[pos:newline], 16), newline + 2
                if not left:
                    done = True
                    break
        data = b""
        block = pending + b"".join(out)
        cut = block.rfind(b"\n")
        if cut < 0:
            pending = block
            continue
        pending = block[cut + 1 :]
        for line in block[:cut].decode().split("\n"):
            if line:
                on_event(scan(line, 0)[0].get("completed"))
    sock.close()


RUNNERS = {
    "ollama_push": run_ollama_push,
    "before": run_ollama_push,  # another copy of ollama_push.py (--before), to compare two versions
    "ollama": run_ollama,
    "requests": run_requests,
    "limit": run_limit,
}


def peak_rss_kb():
    """This process's peak resident memory. ru_maxrss would do, but on Linux it
    keeps the parent's high-water mark across fork+exec; VmHWM starts afresh."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def child(client, url, latency):
    """Run one client once; print its measurements as JSON."""
    runner = RUNNERS[client]
    if client == "ollama_push":
        sys.path.insert(0, os.path.dirname(HERE))
    elif client == "before":
        sys.path.insert(0, os.environ["BENCH_BEFORE_DIR"])
    # Everything a client needs is imported before the clock starts (import
    # costs are measured on their own): ollama_push imports urllib3 only on
    # its first push, so it is imported here too.
    wanted = {"limit": ["json"], "ollama_push": ["ollama_push", "urllib3"], "before": ["ollama_push", "urllib3"]}
    for module in wanted.get(client, [client]):
        __import__(module)
    count = 0
    delays = []

    def count_event(_completed):
        nonlocal count
        count += 1

    def time_event(completed):
        nonlocal count
        count += 1
        if completed is not None and completed > 1_000_000_000:
            delays.append(time.monotonic_ns() - completed)

    usage0, wall0 = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter()
    runner(url, time_event if latency else count_event)
    wall = time.perf_counter() - wall0
    usage1 = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (usage1.ru_utime - usage0.ru_utime) + (usage1.ru_stime - usage0.ru_stime)
    result = {"events": count, "wall": wall, "cpu": cpu, "maxrss_kb": peak_rss_kb()}
    if latency:
        delays.sort()
        result["p50_us"] = delays[len(delays) // 2] / 1000
        result["p99_us"] = delays[int(len(delays) * 0.99)] / 1000
    print(json.dumps(result))


# ---------------------------------------------------------------------------
# The parent: rounds, medians, the table


def child_env(before=False):
    """The children's environment: bytecode caching on, as on a user's machine."""
    env = dict(os.environ, PYTHONPATH=os.environ["BENCH_BEFORE_DIR"] if before else os.path.dirname(HERE))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def run_child(client, url, latency=False):
    args = [sys.executable, os.path.abspath(__file__), "--child", client, "--url", url]
    if latency:
        args.append("--latency")
    proc = subprocess.run(args, capture_output=True, text=True, timeout=600, env=child_env())
    if proc.returncode != 0:
        raise SystemExit(f"{client} failed:\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def import_costs(cases, runs):
    """Process start times for each (name, module, before) case, run by run in turn (A B C, A B C, ...):
    a burst of load on the machine then hits every case alike, not the one whose block it fell in.

    Each runs in its PYTHONPATH directory: "python -c" puts the working directory first on sys.path,
    and from a checkout "before" would import the checkout's ollama_push.py, not the copy.
    """
    commands = {name: ("pass" if module is None else f"import {module}", child_env(before))
                for name, module, before in cases}
    for code, env in commands.values():
        subprocess.run([sys.executable, "-c", code], check=True, env=env, cwd=env["PYTHONPATH"])  # writes the .pyc files
    times = {name: [] for name in commands}
    for _ in range(runs):
        for name, (code, env) in commands.items():
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True, env=env, cwd=env["PYTHONPATH"])
            times[name].append(time.perf_counter() - start)
    return times


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5, help="interleaved rounds (default 5)")
    parser.add_argument("--events", type=int, default=200_000, help="events per throughput run")
    parser.add_argument("--rss-events", default="10000,1000000", help="small,large event counts for RSS")
    parser.add_argument("--latency-events", type=int, default=2000, help="events 1 ms apart per latency run")
    parser.add_argument("--import-runs", type=int, default=15, help="process starts per module per round")
    parser.add_argument("--clients", default=",".join(CLIENTS), help="which clients to run")
    parser.add_argument("--before", metavar="FILE",
                        help="also run this copy of ollama_push.py, as the client 'before': two versions in one run")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--url", help=argparse.SUPPRESS)
    parser.add_argument("--latency", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child, args.url, args.latency)
        return 0

    clients = [c for c in args.clients.split(",") if c]
    if args.before:
        import shutil
        import tempfile

        os.environ["BENCH_BEFORE_DIR"] = tempfile.mkdtemp()
        shutil.copy(args.before, os.path.join(os.environ["BENCH_BEFORE_DIR"], "ollama_push.py"))
        clients.insert(1, "before")
    server = LoadServer()
    lines = event_lines(args.events)
    bodies = {"per-line": per_line_body(lines), "bulk": bulk_body(lines)}
    small, large = (int(x) for x in args.rss_events.split(","))
    rss_bodies = {n: per_line_body(event_lines(n)) for n in (small, large)}
    results = {}  # (metric, client) -> [values]

    def add(metric, client, value):
        results.setdefault((metric, client), []).append(value)

    versions = {}
    for name in ("ollama", "requests", "urllib3", "httpx"):
        try:
            module = __import__(name)
            versions[name] = getattr(module, "__version__", "?")
        except ImportError:
            pass
    if "ollama" in versions:
        from importlib import metadata

        versions["ollama"] = metadata.version("ollama")
    print(f"Python {sys.version.split()[0]}; " + ", ".join(f"{k} {v}" for k, v in versions.items()))
    print(f"{args.rounds} rounds, {args.events} events per throughput run", flush=True)

    for round_ in range(args.rounds):
        for framing, body in bodies.items():
            server.latency_events, server.response = 0, body
            for client in clients:
                r = run_child(client, server.url)
                assert r["events"] == len(lines), (client, r["events"], len(lines))
                add(f"{framing} events/s", client, r["events"] / r["wall"])
                add(f"{framing} CPU us/event", client, r["cpu"] / r["events"] * 1e6)
        server.latency_events = args.latency_events
        for client in clients:
            r = run_child(client, server.url, latency=True)
            add("latency p50 us", client, r["p50_us"])
            add("latency p99 us", client, r["p99_us"])
        server.latency_events = 0
        for client in [c for c in clients if c in ("ollama_push", "before", "limit")] + (
                ["ollama"] if "ollama" in clients and round_ == 0 else []):
            sizes = {}
            for n, body in rss_bodies.items():
                server.response = body
                sizes[n] = run_child(client, server.url)["maxrss_kb"] / 1024
            add(f"RSS MiB at {small}", client, sizes[small])
            add(f"RSS growth MiB {small}->{large}", client, sizes[large] - sizes[small])
        cases = [(m or "pass", m, False) for m in ("ollama_push", "ollama", "urllib3", None)]
        if args.before:
            cases.append(("before", "ollama_push", True))
        for name, times in import_costs(cases, args.import_runs).items():
            add("import ms (process)", name, 1000 * statistics.median(times))
        print(f"round {round_ + 1}/{args.rounds} done", flush=True)

    def med(metric, client):
        values = results.get((metric, client))
        return statistics.median(values) if values else None

    metrics = sorted({m for m, _ in results}, key=lambda m: list(dict.fromkeys(m for m, _ in results)).index(m))
    columns = clients + ["urllib3", "pass"]
    print()
    print(f"{'metric (median)':34}" + "".join(f"{c:>13}" for c in columns))
    for metric in metrics:
        cells = []
        for c in columns:
            value = med(metric, c)
            cells.append(f"{value:13.1f}" if value is not None else f"{'':>13}")
        print(f"{metric:34}" + "".join(cells))

    def ratio(metric, a, b):
        """The median over rounds of a/b, each pair measured in the same round."""
        pairs = list(zip(results.get((metric, a), []), results.get((metric, b), [])))
        return statistics.median(x / y for x, y in pairs) if pairs else float("nan")

    print("\nTargets (median over rounds of each round's ratio):")
    rows = []
    for framing, official, requests in (("per-line", 3.0, 1.0), ("bulk", 1.8, 1.5)):
        if "ollama" in clients:
            r = ratio(f"{framing} events/s", "ollama_push", "ollama")
            rows.append((f"throughput vs official, {framing}", f"{r:.2f}x", f">= {official:g}x", r >= official))
        if "requests" in clients:
            r = ratio(f"{framing} events/s", "ollama_push", "requests")
            rows.append((f"throughput vs requests, {framing}", f"{r:.2f}x", f"> {requests:g}x" if requests == 1 else
                         f">= {requests:g}x", r > requests if requests == 1 else r >= requests))
        if "before" in clients:
            r = ratio(f"{framing} events/s", "ollama_push", "before")
            rows.append((f"throughput vs --before, {framing}", f"{r:.2f}x", "(a comparison)", True))
        if "limit" in clients:
            r = ratio(f"{framing} events/s", "ollama_push", "limit")
            rows.append((f"fraction of the limit, {framing}", f"{r:.2f}", "(for scale)", True))
    growth = med(f"RSS growth MiB {small}->{large}", "ollama_push")
    if growth is not None:
        rows.append((f"RSS growth {small} -> {large} events", f"{growth:.2f} MiB", "<= 0.5 MiB", growth <= 0.5))
    if "ollama" in clients:
        ours, theirs = med("latency p99 us", "ollama_push"), med("latency p99 us", "ollama")
        rows.append(("latency p99, send -> loop body", f"{ours:.0f} us vs {theirs:.0f} us",
                     "<= official", ours <= theirs))
        imp = ratio("import ms (process)", "ollama_push", "ollama")
        rows.append(("import, whole process", f"{imp:.2f}x of import ollama", "<= 0.25x", imp <= 0.25))
        if "before" in clients:
            imp = ratio("import ms (process)", "before", "ollama")
            rows.append(("import of --before", f"{imp:.2f}x of import ollama", "(a comparison)", True))
    if "before" in clients:
        ours, theirs = med("latency p99 us", "ollama_push"), med("latency p99 us", "before")
        rows.append(("latency p99 vs --before", f"{ours:.0f} us vs {theirs:.0f} us", "(a comparison)", True))
        ours, theirs = med(f"RSS growth MiB {small}->{large}", "ollama_push"), med(f"RSS growth MiB {small}->{large}", "before")
        rows.append(("RSS growth vs --before", f"{ours:.2f} vs {theirs:.2f} MiB", "(a comparison)", True))
    for name, got, target, ok in rows:
        print(f"  {name:38} {got:>28}   target {target:<12} {'met' if ok else 'MISSED'}")
    base, urllib3_ms = med("import ms (process)", "pass"), med("import ms (process)", "urllib3")
    ours = med("import ms (process)", "ollama_push")
    print(f"\nimport ollama_push costs {ours - base:.0f} ms over a bare interpreter. urllib3 is imported by the first "
          f"push, not at import:\nthat lazy import moves {urllib3_ms - base:.0f} ms (a bare 'import urllib3') "
          "from import time to the first push.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
