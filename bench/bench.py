#!/usr/bin/env python3
"""vpsclient's benchmark, Python side (issue 12). Offline: everything runs on 127.0.0.1.

    python bench/bench.py [--quick] [--rust-bin target/release/examples/bench]

`bash bench/run.sh` sets up the environment and calls this; see bench/README.md. Every figure
is printed, none is asserted. Contenders whose packages are missing are skipped with a note.
"""

import argparse
import gc
import importlib
import json
import os
import platform
import resource
import shlex
import socket
import subprocess
import sys
import tempfile
import threading
import time
import timeit

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SERVER = os.path.join(HERE, "server.py")
FIXTURE = os.path.join(ROOT, "tests", "fixtures", "tavu", "instances.list.json")
PATH = "/compute/v1/instances"
API_KEY = "bench-key"
HEADERS = {"Authorization": API_KEY, "Accept": "application/json"}

# Every contender talks straight to loopback: no proxy from the environment for anyone.
for _var in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
    os.environ.pop(_var, None)

if HERE not in sys.path:
    sys.path.insert(0, HERE)


# ---------------------------------------------------------------------------------------------
# Bodies


def example_instances():
    """The two instances of the Tavu reference's list-instances example (tests/fixtures)."""
    with open(FIXTURE, encoding="utf-8") as f:
        return json.load(f)["response"]


def many_instances(count):
    """`count` instances: the examples in turn, each with its own id, name, port and volume ids.

    bench/bench.rs builds the same list, so both sides parse the same bytes' worth.
    """
    examples = example_instances()
    out = []
    for i in range(count):
        inst = json.loads(json.dumps(examples[i % len(examples)]))
        iid = "%08x-0000-4000-8000-%012x" % (i, i)
        inst["id"] = iid
        inst["name"] = "bench-instance-%05d" % i
        for j, port in enumerate(inst.get("ports") or []):
            port["id"] = "%08x-%04x-4000-9000-%012x" % (i, j, i)
            port["device_id"] = iid
        for j, vol in enumerate(inst.get("volumes") or []):
            vol["id"] = "%08x-%04x-4000-a000-%012x" % (i, j, i)
            if isinstance(vol.get("attachment"), dict):
                vol["attachment"]["instance_id"] = iid
        out.append(inst)
    return out


def compact(value):
    return json.dumps(value, separators=(",", ":")).encode()


# ---------------------------------------------------------------------------------------------
# The server (bench/server.py in its own process, so it never competes for our GIL)


class Server:
    def __init__(self, body_path, latency_ms=0.0):
        self.proc = subprocess.Popen(
            [sys.executable, SERVER, "--body", body_path, "--latency-ms", str(latency_ms)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            bufsize=1,
        )
        line = self.proc.stdout.readline()
        if not line.startswith("PORT "):
            raise RuntimeError("the benchmark server did not start: %r" % line)
        self.port = int(line.split()[1])
        self.base = "http://127.0.0.1:%d" % self.port

    def _ask(self, command):
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()
        return self.proc.stdout.readline().split()

    def stats(self):
        """(connections accepted, requests answered) since the last reset."""
        reply = self._ask("stats")
        return int(reply[1]), int(reply[2])

    def reset(self):
        self._ask("reset")

    def close(self):
        try:
            self.proc.stdin.write("quit\n")
            self.proc.stdin.close()
            self.proc.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            self.proc.kill()
            self.proc.wait()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


# ---------------------------------------------------------------------------------------------
# Contenders: each `make(base_url, port)` returns (call, close); `call()` does one list-instances.


def make_vpsclient(base, port):
    import vpsclient

    client = vpsclient.TavuClient(API_KEY, base_url=base)
    return client.instances.list, (lambda: None)


def make_requests_pydantic(base, port):
    import requests
    from pydantic_models import INSTANCE_LIST

    session = requests.Session()
    url = base + PATH

    def call():
        r = session.get(url, headers=HEADERS)
        r.raise_for_status()
        return INSTANCE_LIST.validate_json(r.content)

    return call, session.close


def make_requests_json_pydantic(base, port):
    import requests
    from pydantic_models import INSTANCE_LIST

    session = requests.Session()
    url = base + PATH

    def call():
        r = session.get(url, headers=HEADERS)
        r.raise_for_status()
        return INSTANCE_LIST.validate_python(r.json())

    return call, session.close


def make_requests_dicts(base, port):
    import requests

    session = requests.Session()
    url = base + PATH

    def call():
        r = session.get(url, headers=HEADERS)
        r.raise_for_status()
        return r.json()

    return call, session.close


def make_httpx_dicts(base, port):
    import httpx

    client = httpx.Client()
    url = base + PATH

    def call():
        r = client.get(url, headers=HEADERS)
        r.raise_for_status()
        return r.json()

    return call, client.close


class RawConnection:
    """One kept-alive socket and a hand-written HTTP/1.1 exchange: the floor under any client."""

    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port))
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.request = (
            "GET %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nAuthorization: %s\r\n"
            "Accept: application/json\r\n\r\n" % (PATH, port, API_KEY)
        ).encode()
        self.pending = bytearray()

    def get(self):
        sock = self.sock
        sock.sendall(self.request)
        buf = self.pending
        while True:
            end = buf.find(b"\r\n\r\n")
            if end >= 0:
                break
            chunk = sock.recv(65536)
            if not chunk:
                raise ConnectionError("the server closed the connection")
            buf += chunk
        length = 0
        for line in bytes(buf[:end]).split(b"\r\n")[1:]:
            if line[:15].lower() == b"content-length:":
                length = int(line[15:])
        have = buf[end + 4:end + 4 + length]
        body = bytearray(length)
        body[: len(have)] = have
        view = memoryview(body)
        got = len(have)
        while got < length:
            n = sock.recv_into(view[got:])
            if not n:
                raise ConnectionError("the server closed the connection")
            got += n
        self.pending = bytearray(buf[end + 4 + length:])
        return body

    def close(self):
        self.sock.close()


def make_raw(base, port):
    conn = RawConnection(port)
    return conn.get, conn.close


def make_raw_json(base, port):
    conn = RawConnection(port)
    get = conn.get
    loads = json.loads
    return (lambda: loads(get())), conn.close


class Contender:
    def __init__(self, key, label, needs, make):
        self.key, self.label, self.needs, self.make = key, label, needs, make


REFERENCE = "requests_pydantic"
CONTENDERS = [
    Contender("vpsclient", "vpsclient", ("vpsclient",), make_vpsclient),
    Contender(
        "requests_pydantic",
        "requests + pydantic (validate_json)",
        ("requests", "pydantic"),
        make_requests_pydantic,
    ),
    Contender(
        "requests_json_pydantic",
        "requests + r.json() + pydantic",
        ("requests", "pydantic"),
        make_requests_json_pydantic,
    ),
    Contender("requests_dicts", "requests -> dicts", ("requests",), make_requests_dicts),
    Contender("httpx_dicts", "httpx -> dicts", ("httpx",), make_httpx_dicts),
    Contender("raw", "raw socket, bytes (floor)", (), make_raw),
    Contender("raw_json", "raw socket + json.loads", (), make_raw_json),
]
BY_KEY = {c.key: c for c in CONTENDERS}
FLOOR_REFERENCE = "raw_json"  # the ratio base when requests or pydantic is missing


def find_packages():
    """Which optional packages import here, with their versions (None when missing)."""
    found = {}
    for name in ("vpsclient", "requests", "pydantic", "httpx"):
        try:
            mod = importlib.import_module(name)
        except ImportError:
            found[name] = None
            continue
        version = getattr(mod, "__version__", None) or getattr(mod, "VERSION", "?")
        if name == "pydantic" and not str(version).startswith(("2", "3")):
            print("skipped: pydantic %s is not v2" % version)
            found[name] = None
            continue
        found[name] = str(version)
    return found


# ---------------------------------------------------------------------------------------------
# Figures


def percentile(values, q):
    s = sorted(values)
    if not s:
        return float("nan")
    k = (len(s) - 1) * q
    lo = int(k)
    hi = min(lo + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


def median(values):
    return percentile(values, 0.5)


def fmt_time(seconds):
    if seconds != seconds:
        return "n/a"
    if seconds < 1e-6:
        return "%.0f ns" % (seconds * 1e9)
    if seconds < 1e-3:
        return "%.1f us" % (seconds * 1e6)
    if seconds < 1:
        return "%.2f ms" % (seconds * 1e3)
    return "%.2f s" % seconds


def fmt_ratio(value):
    return "n/a" if value is None or value != value else "%.2fx" % value


def fmt_mb(kb):
    return "%.1f MB" % (kb / 1024.0)


def print_table(headers, rows):
    widths = [len(h) for h in headers]
    for row in rows:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], len(cell))
    line = "  ".join(h.ljust(widths[i]) if i == 0 else h.rjust(widths[i]) for i, h in enumerate(headers))
    print("  " + line)
    print("  " + "  ".join("-" * w for w in widths))
    for row in rows:
        print("  " + "  ".join(c.ljust(widths[i]) if i == 0 else c.rjust(widths[i]) for i, c in enumerate(row)))


def interleaved(calls, rounds, batch):
    """Per-call seconds for each contender, one sample per round.

    Each round runs `batch` calls of every contender, starting one further along the list each
    round, so drift in the machine's load spreads over all of them alike.
    """
    names = list(calls)
    samples = {name: [] for name in names}
    for name in names:  # warm-up: first connection, lazy imports, caches
        calls[name]()
    for r in range(rounds):
        for k in range(len(names)):
            name = names[(r + k) % len(names)]
            call = calls[name]
            gc.collect()
            start = time.perf_counter()
            for _ in range(batch):
                call()
            samples[name].append((time.perf_counter() - start) / batch)
    return samples


def timing_table(samples, labels, reference):
    ref = median(samples[reference]) if reference in samples else None
    rows = []
    for key, values in samples.items():
        m = median(values)
        rows.append(
            [
                labels[key],
                fmt_time(m),
                "%s - %s" % (fmt_time(percentile(values, 0.1)), fmt_time(percentile(values, 0.9))),
                fmt_ratio(m / ref if ref else None),
            ]
        )
    print_table(["contender", "median", "p10 - p90", "ratio"], rows)
    print("   (ratio: median time / median time of %s, the reference)" % labels.get(reference, reference))
    return ref


# ---------------------------------------------------------------------------------------------
# Scenarios


def open_contenders(keys, server):
    calls, closers = {}, []
    for key in keys:
        call, close = BY_KEY[key].make(server.base, server.port)
        calls[key] = call
        closers.append(close)
    return calls, closers


def scenario_small(cfg, keys, reference, body_path, summary):
    print("\n== 1. Small body: list instances, the reference's 2-instance example (%d bytes)" % cfg.small_size)
    print("   %d rounds x %d calls per contender, one kept-alive connection each\n" % (cfg.rounds, cfg.batch))
    labels = {k: BY_KEY[k].label for k in keys}
    with Server(body_path) as server:
        calls, closers = open_contenders(keys, server)
        samples = interleaved(calls, cfg.rounds, cfg.batch)
        timing_table(samples, labels, reference)
        results = {k: calls[k]() for k in keys}
        for close in closers:
            close()
    summary["small"] = {k: median(v) for k, v in samples.items()}
    return results


def scenario_vpsclient_split(cfg, small_path, empty_path):
    """vpsclient's call overhead apart from decoding, on the main thread and on another one."""
    print("\n   Where a vpsclient call's time goes: the same calls from the main thread and from another")
    print("   thread (on the main thread, vpsclient reads in 50 ms slices and checks for Ctrl-C between them)")
    with Server(small_path) as small, Server(empty_path) as empty:

        def measure(out):
            calls = {
                "raw socket, small body (floor)": make_raw(small.base, small.port)[0],
                "vpsclient, body [] (no decoding)": make_vpsclient(empty.base, empty.port)[0],
                "vpsclient, small body": make_vpsclient(small.base, small.port)[0],
            }
            out.update({k: median(v) for k, v in interleaved(calls, cfg.rounds, cfg.batch).items()})

        on_main, on_other = {}, {}
        measure(on_main)
        worker = threading.Thread(target=measure, args=(on_other,))
        worker.start()
        worker.join()
    print_table(
        ["call", "main thread", "other thread"],
        [[k, fmt_time(on_main[k]), fmt_time(on_other.get(k, float("nan")))] for k in on_main],
    )


def scenario_decode_only(cfg, keys, body):
    """The same bytes decoded in-process: how much of a call is decoding."""
    cases = [("json.loads", "json.loads(body)")]
    if "requests_pydantic" in keys:
        cases.append(("pydantic validate_json", "INSTANCE_LIST.validate_json(body)"))
        cases.append(("pydantic validate_python(json.loads)", "INSTANCE_LIST.validate_python(json.loads(body))"))
    env = {"json": json, "body": body}
    if "requests_pydantic" in keys:
        from pydantic_models import INSTANCE_LIST

        env["INSTANCE_LIST"] = INSTANCE_LIST
    print("\n   In-process decode of the same %d bytes, no HTTP (median of %d x %d):" % (len(body), cfg.rounds, cfg.batch))
    rows = []
    for label, stmt in cases:
        per = [t / cfg.batch for t in timeit.Timer(stmt, globals=env).repeat(cfg.rounds, cfg.batch)]
        rows.append([label, fmt_time(median(per)), "%s - %s" % (fmt_time(percentile(per, 0.1)), fmt_time(percentile(per, 0.9)))])
    print_table(["decode", "median", "p10 - p90"], rows)


def scenario_attributes(cfg, results):
    print("\n== 2. Reading attributes of a returned instance (per read)\n")
    models = []
    if "vpsclient" in results:
        models.append(("vpsclient", results["vpsclient"][0], False))
    if "requests_pydantic" in results:
        models.append(("pydantic", results["requests_pydantic"][0], False))
    for key in ("requests_dicts", "httpx_dicts", "raw_json"):
        if key in results:
            models.append(("dict", results[key][0], True))
            break
    cases = [
        ("instance.name", "i.name", 'i["name"]'),
        ("instance.configuration.ram", "i.configuration.ram", 'i["configuration"]["ram"]'),
        ("instance.ports[0]", "i.ports[0]", 'i["ports"][0]'),
        (
            "instance.ports[0].ip_allocations[0].ip_address",
            "i.ports[0].ip_allocations[0].ip_address",
            'i["ports"][0]["ip_allocations"][0]["ip_address"]',
        ),
    ]
    number = cfg.attr_number
    rows = []
    medians = {}
    for label, attr_stmt, dict_stmt in cases:
        row = [label]
        for name, obj, is_dict in models:
            timer = timeit.Timer(dict_stmt if is_dict else attr_stmt, globals={"i": obj})
            per = median([t / number for t in timer.repeat(cfg.attr_repeat, number)])
            medians[(label, name)] = per
            row.append(fmt_time(per))
        if ("vpsclient" in results) and ("requests_pydantic" in results):
            row.append(fmt_ratio(medians[(label, "vpsclient")] / medians[(label, "pydantic")]))
        rows.append(row)
    headers = ["read"] + [m[0] for m in models]
    if ("vpsclient" in results) and ("requests_pydantic" in results):
        headers.append("vpsclient / pydantic")
    print_table(headers, rows)
    print("   (median of %d x %d reads; a dict row uses i[\"...\"] lookups)" % (cfg.attr_repeat, number))
    return medians


def read_status_kb(field):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def rss_child(key, base, port, calls):
    """Runs in its own process: one big call, RSS before, at peak, while held, after release."""
    call, close = BY_KEY[key].make(base, port)
    gc.collect()
    before = read_status_kb("VmRSS")
    try:  # "5" resets the peak (VmHWM) to the current RSS (Linux >= 4.0)
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        peak_source = "VmHWM"
    except OSError:
        peak_source = "ru_maxrss"
    start = time.perf_counter()
    result = call()
    elapsed = time.perf_counter() - start
    if peak_source == "VmHWM":
        peak = read_status_kb("VmHWM")
    else:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    gc.collect()
    held = read_status_kb("VmRSS")
    count = len(result)
    del result
    gc.collect()
    after = read_status_kb("VmRSS")
    # A second call and release: RSS that stays put now is memory the allocator keeps for
    # reuse; RSS that grows again would be a leak.
    result = call()
    del result
    gc.collect()
    again = read_status_kb("VmRSS")
    # Time per call with no other contender's allocations around: how much of the interleaved
    # figure is the allocator's state (glibc gives memory back to the OS, and taking it again
    # costs page faults) rather than the contender.
    alone = []
    for _ in range(calls):
        start = time.perf_counter()
        call()
        alone.append(time.perf_counter() - start)
    close()
    print(json.dumps({"before": before, "peak": peak, "held": held, "after": after, "again": again, "count": count, "first": elapsed, "alone": median(alone), "peak_source": peak_source}))


def scenario_big(cfg, keys, reference, body_path, size, summary):
    print("\n== 3. Big body: %d instances (%.1f MB)" % (cfg.big, size / 1e6))
    print("   time: %d interleaved rounds, 1 call each per round\n" % cfg.big_rounds)
    labels = {k: BY_KEY[k].label for k in keys}
    with Server(body_path) as server:
        calls, closers = open_contenders(keys, server)
        samples = interleaved(calls, cfg.big_rounds, 1)
        for close in closers:
            close()
        del calls
        gc.collect()
        timing_table(samples, labels, reference)
        summary["big"] = {k: median(v) for k, v in samples.items()}

        print("\n   memory: each contender alone in a fresh process, one call, result kept then released")
        rows = []
        rss = {}
        for key in keys:
            out = subprocess.run(
                [sys.executable, os.path.abspath(__file__), "--rss-child", key, "--port", str(server.port), "--calls", str(cfg.alone_calls)],
                stdout=subprocess.PIPE,
                text=True,
                check=False,
            )
            if out.returncode != 0:
                rows.append([labels[key], "failed", "", "", "", "", ""])
                continue
            r = json.loads(out.stdout.strip().splitlines()[-1])
            rss[key] = r
            rows.append(
                [
                    labels[key],
                    fmt_mb(r["before"]),
                    "+" + fmt_mb(r["peak"] - r["before"]),
                    "+" + fmt_mb(r["held"] - r["before"]),
                    "+" + fmt_mb(r["after"] - r["before"]),
                    "+" + fmt_mb(r["again"] - r["before"]),
                    fmt_time(r["alone"]),
                ]
            )
        print_table(["contender", "RSS before", "peak growth", "retained, result held", "after release", "after a 2nd call", "time alone"], rows)
        source = next(iter(rss.values()))["peak_source"] if rss else "?"
        print("   (RSS from /proc/self/status; peak from %s, reset just before the call; time alone: median" % source)
        print("   of %d more calls in that process, where no other contender's memory keeps the heap grown)" % cfg.alone_calls)
        summary["big_rss"] = rss


def thread_run(make, server, threads, calls_per_thread, shared):
    """Rate (calls/s) of `threads` threads doing `calls_per_thread` calls, and connections opened."""
    server.reset()
    closers = []
    if shared:
        call, close = make(server.base, server.port)
        closers.append(close)
    barrier = threading.Barrier(threads + 1)
    errors = []

    def worker():
        try:
            if shared:
                my_call = call
            else:
                my_call, my_close = make(server.base, server.port)
                closers.append(my_close)
        finally:
            barrier.wait()
        try:
            for _ in range(calls_per_thread):
                my_call()
        except Exception as exc:  # noqa: BLE001 - reported, not raised, so the run goes on
            errors.append(exc)

    workers = [threading.Thread(target=worker) for _ in range(threads)]
    for w in workers:
        w.start()
    barrier.wait()
    start = time.perf_counter()
    for w in workers:
        w.join()
    elapsed = time.perf_counter() - start
    for close in closers:
        close()
    connections, requests_seen = server.stats()
    if errors:
        raise RuntimeError("%d thread(s) failed, first: %r" % (len(errors), errors[0]))
    return threads * calls_per_thread / elapsed, connections


def scenario_threads(cfg, keys, body_path, summary):
    threads = 8
    print("\n== 4. %d threads, small body, server latency %d ms (ideal: %d calls/s per thread)" % (threads, cfg.latency_ms, 1000 // cfg.latency_ms))
    print("   %d rounds; each run is %d calls per thread; connections = accepted by the server in that run\n" % (cfg.thread_rounds, cfg.thread_calls))
    families = [k for k in ("vpsclient", "requests_pydantic", "httpx_dicts") if k in keys]
    runs = []
    for key in families:
        runs.append((key, 1, False))
        runs.append((key, threads, False))
        runs.append((key, threads, True))
    results = {run: [] for run in runs}
    with Server(body_path, latency_ms=cfg.latency_ms) as server:
        for r in range(cfg.thread_rounds):
            for k in range(len(runs)):
                run = runs[(r + k) % len(runs)]
                key, n, shared = run
                results[run].append(thread_run(BY_KEY[key].make, server, n, cfg.thread_calls, shared))
    ref8 = None
    if REFERENCE in families:
        ref8 = median([rate for rate, _ in results[(REFERENCE, threads, False)]])
    rows = []
    for key in families:
        one = median([rate for rate, _ in results[(key, 1, False)]])
        for shared in (False, True):
            rates = [rate for rate, _ in results[(key, threads, shared)]]
            conns = [c for _, c in results[(key, threads, shared)]]
            rate = median(rates)
            label = "%s, %s" % (BY_KEY[key].label, "one shared client" if shared else "client per thread")
            rows.append(
                [
                    label,
                    "%.0f/s" % one,
                    "%.0f/s" % rate,
                    "%.0f - %.0f" % (percentile(rates, 0.1), percentile(rates, 0.9)),
                    "%.2fx" % (rate / one),
                    fmt_ratio(rate / ref8 if ref8 else None),
                    "%d" % max(conns) if min(conns) == max(conns) else "%d - %d" % (min(conns), max(conns)),
                ]
            )
            summary.setdefault("threads", {})[(key, shared)] = {"one": one, "rate": rate, "conns": conns}
    print_table(["contender", "1 thread", "%d threads" % threads, "p10 - p90", "vs 1 thread", "rate / reference", "connections"], rows)
    print("   (reference: %s, client per thread; 1-thread rate uses one client)" % BY_KEY[REFERENCE].label)


IMPORTS = [
    ("vpsclient", "import vpsclient", ("vpsclient",)),
    ("requests + pydantic models", "import requests, pydantic_models", ("requests", "pydantic")),
    ("requests", "import requests", ("requests",)),
    ("httpx", "import httpx", ("httpx",)),
]


def scenario_imports(cfg, packages, summary):
    print("\n== 5. Import time, fresh interpreter each time (%d rounds, interleaved, after one warm-up)\n" % cfg.import_rounds)
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # let the model module's bytecode be cached like any library's
    cases = [(label, stmt) for label, stmt, needs in IMPORTS if all(packages.get(n) for n in needs)]
    for label, stmt, needs in IMPORTS:
        if not all(packages.get(n) for n in needs):
            print("   skipped: %s (%s not installed)" % (label, ", ".join(n for n in needs if not packages.get(n))))
    samples = {label: [] for label, _ in cases}

    def one(stmt):
        code = "import sys, time\nsys.path.insert(0, %r)\nt = time.perf_counter()\n%s\nprint(time.perf_counter() - t)" % (HERE, stmt)
        out = subprocess.run([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, env=env, check=True)
        return float(out.stdout.strip())

    for _, stmt in cases:
        one(stmt)
    for r in range(cfg.import_rounds):
        for k in range(len(cases)):
            label, stmt = cases[(r + k) % len(cases)]
            samples[label].append(one(stmt))
    ref = "requests + pydantic models"
    refm = median(samples[ref]) if ref in samples else None
    rows = []
    for label, values in samples.items():
        m = median(values)
        rows.append([label, fmt_time(m), "%s - %s" % (fmt_time(percentile(values, 0.1)), fmt_time(percentile(values, 0.9))), fmt_ratio(m / refm if refm else None)])
    print_table(["import", "median", "p10 - p90", "ratio"], rows)
    if refm:
        print("   (ratio: median time / median time of %s)" % ref)
    summary["imports"] = {label: median(v) for label, v in samples.items()}


def run_rust(cfg, summary):
    print("\n== 6. Rust: vpsclient vs a bare ureq agent + serde_json into Vec<vpsclient::tavu::Instance>")
    if not cfg.rust_bin:
        print("   skipped: no --rust-bin given (bash bench/run.sh builds and passes it)")
        return
    cmd = shlex.split(cfg.rust_bin) + (["--quick"] if cfg.quick else [])
    print("   $ %s\n" % " ".join(cmd))
    sys.stdout.flush()
    out = subprocess.run(cmd, stdout=subprocess.PIPE, text=True, check=False)
    for line in out.stdout.splitlines():
        if line.startswith("SUMMARY "):
            for item in line.split()[1:]:
                name, _, value = item.partition("=")
                summary.setdefault("rust", {})[name] = value.replace("_", " ")
        else:
            print(line)
    if out.returncode != 0:
        print("   the Rust benchmark exited with status %d" % out.returncode)


def print_summary(cfg, summary):
    print("\n== Summary: the figures issue 12's table asks for (time ratios: < 1 is faster than the reference)")
    ref = REFERENCE
    rows = []
    small = summary.get("small", {})
    if "vpsclient" in small:
        for key in ("requests_pydantic", "requests_json_pydantic", "requests_dicts", "httpx_dicts", "raw_json", "raw"):
            if key in small:
                rows.append(["small call, Python: vpsclient / " + BY_KEY[key].label, fmt_ratio(small["vpsclient"] / small[key]), fmt_time(small["vpsclient"]) + " vs " + fmt_time(small[key])])
    rust = summary.get("rust", {})
    if rust:
        rows.append(["small call, Rust: vpsclient / bare ureq + serde_json", rust.get("small_ratio", "n/a") + "x", rust.get("small_vpsclient", "") + " vs " + rust.get("small_ureq", "")])
        rows.append(["%s instances, Rust: vpsclient / bare ureq + serde_json" % rust.get("big_count", "?"), rust.get("big_ratio", "n/a") + "x", rust.get("big_vpsclient", "") + " vs " + rust.get("big_ureq", "")])
    big = summary.get("big", {})
    if "vpsclient" in big and ref in big:
        rows.append(["%d instances, Python: vpsclient / %s" % (cfg.big, BY_KEY[ref].label), fmt_ratio(big["vpsclient"] / big[ref]), fmt_time(big["vpsclient"]) + " vs " + fmt_time(big[ref])])
    rss = summary.get("big_rss", {})
    if "vpsclient" in rss and ref in rss:
        rows.append(["%d instances, Python, each alone in its process: vpsclient / %s" % (cfg.big, BY_KEY[ref].label), fmt_ratio(rss["vpsclient"]["alone"] / rss[ref]["alone"]), fmt_time(rss["vpsclient"]["alone"]) + " vs " + fmt_time(rss[ref]["alone"])])
    for key in ("vpsclient", ref, "requests_dicts"):
        if key in rss:
            r = rss[key]
            rows.append(["%d instances, peak RSS growth: %s" % (cfg.big, BY_KEY[key].label), "+" + fmt_mb(r["peak"] - r["before"]), "retained +" + fmt_mb(r["held"] - r["before"])])
    for (key, shared), t in sorted(summary.get("threads", {}).items()):
        rows.append(
            [
                "8 threads: %s, %s" % (BY_KEY[key].label, "shared client" if shared else "client per thread"),
                "%.2fx 1-thread rate" % (t["rate"] / t["one"]),
                "%.0f/s; %s connections" % (t["rate"], "/".join(str(c) for c in sorted(set(t["conns"])))),
            ]
        )
    imports = summary.get("imports", {})
    for label in ("vpsclient", "requests + pydantic models"):
        if label in imports:
            rows.append(["import time: " + label, "%.1f ms" % (imports[label] * 1e3), ""])
    print_table(["figure", "value", "detail"], rows)


# ---------------------------------------------------------------------------------------------


class Config:
    def __init__(self, args):
        self.quick = args.quick
        self.rust_bin = args.rust_bin
        self.rounds = args.rounds or (5 if args.quick else 30)
        self.batch = 5 if args.quick else 20
        self.big = args.big or (1000 if args.quick else 10000)
        self.big_rounds = 3 if args.quick else 10
        self.alone_calls = 1 if args.quick else 5
        self.attr_number = 2000 if args.quick else 20000
        self.attr_repeat = 3 if args.quick else 7
        self.latency_ms = 20
        self.thread_rounds = 1 if args.quick else 3
        self.thread_calls = 5 if args.quick else 25
        self.import_rounds = 3 if args.quick else 15
        self.small_size = 0


def main():
    parser = argparse.ArgumentParser(description="vpsclient's benchmark, Python side")
    parser.add_argument("--quick", action="store_true", help="few rounds, small sizes (a smoke run, under a minute)")
    parser.add_argument("--rounds", type=int, help="rounds for the small-body scenario")
    parser.add_argument("--big", type=int, help="instances in the big body (default 10000; 1000 with --quick)")
    parser.add_argument("--rust-bin", help="the built Rust benchmark (target/release/examples/bench) to run too")
    parser.add_argument("--rss-child", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--calls", type=int, default=3, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.rss_child:
        rss_child(args.rss_child, "http://127.0.0.1:%d" % args.port, args.port, args.calls)
        return

    cfg = Config(args)
    started = time.perf_counter()
    print("vpsclient benchmark (issue 12)%s: offline, 127.0.0.1, fixed-body server (bench/server.py)" % (" -- QUICK MODE, figures are only a smoke test" if cfg.quick else ""))
    print("python %s on %s, %d CPUs, load average %.2f" % (platform.python_version(), platform.platform(), os.cpu_count() or 0, os.getloadavg()[0]))
    packages = find_packages()
    for name, version in packages.items():
        if version is None:
            print("skipped: %s not installed" % name)
    if packages.get("vpsclient"):
        native = importlib.import_module("vpsclient._native")
        print("vpsclient %s from %s (%s)" % (packages["vpsclient"], native.__file__, os.environ.get("BENCH_BUILD", "build profile not stated")))
    print("requests %s, pydantic %s, httpx %s" % (packages.get("requests"), packages.get("pydantic"), packages.get("httpx")))

    keys = [c.key for c in CONTENDERS if all(packages.get(n) for n in c.needs)]
    reference = REFERENCE if REFERENCE in keys else FLOOR_REFERENCE
    if reference != REFERENCE:
        print("note: ratios are to %r, since %s is not available" % (BY_KEY[reference].label, BY_KEY[REFERENCE].label))

    summary = {}
    with tempfile.TemporaryDirectory(prefix="vpsclient-bench-") as tmp:
        small = compact(example_instances())
        big = compact(many_instances(cfg.big))
        cfg.small_size = len(small)
        small_path = os.path.join(tmp, "small.json")
        big_path = os.path.join(tmp, "big.json")
        with open(small_path, "wb") as f:
            f.write(small)
        with open(big_path, "wb") as f:
            f.write(big)

        empty_path = os.path.join(tmp, "empty.json")
        with open(empty_path, "wb") as f:
            f.write(b"[]")

        results = scenario_small(cfg, keys, reference, small_path, summary)
        if "vpsclient" in keys:
            scenario_vpsclient_split(cfg, small_path, empty_path)
        scenario_decode_only(cfg, keys, small)
        scenario_attributes(cfg, results)
        del results
        scenario_big(cfg, keys, reference, big_path, len(big), summary)
        del big
        scenario_threads(cfg, keys, small_path, summary)
    scenario_imports(cfg, packages, summary)
    run_rust(cfg, summary)
    print_summary(cfg, summary)
    print("\ndone in %.1f s, load average now %.2f" % (time.perf_counter() - started, os.getloadavg()[0]))


if __name__ == "__main__":
    main()
