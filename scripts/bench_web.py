"""Latency benchmark of the web app (not a test): p50/p95/p99 and requests/s per page.

Starts ``presswatch serve --db FILE`` on a free port of 127.0.0.1 in a subprocess
(or uses a server already running, with --url), then, page by page, has --clients
concurrent clients (threads, each with its own keep-alive connection) request the
actor page of the store's most-mentioned actor, the timeline, the ledger, a search
for a word that has hits and the stances page, for --seconds each (and at most
--max-requests), then all five pages in turn ("mixed"). Each page is requested once
first, to check that it answers 200: that first request's time ("first ms") is the page
built from nothing (``presswatch serve`` also builds the home page, the timeline, the
ledger, the stances page and the pages of the most mentioned actors in the background
as it starts, so their first request may wait for that, or find them built). Only
loopback addresses are ever requested.

The app keeps rendered pages (and the view data they are built from) until the store
changes, so the repeated requests measure its cached path. With --uncached each request
carries a query parameter of its own (``_bench=N``, which the app ignores), so that
every page is rendered again: from the cached view data where the app keeps it.

    python scripts/bench_web.py --db presswatch.db [--clients 20] [--seconds 10]
        [--uncached] [--json results.json]

The store is only read (the server opens it; so does this script, to choose the actor
and the search word): still, run it on a copy of a store you care about.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from presswatch.store import Store

LOOPBACK = "127.0.0.1"
FALLBACK_WORDS = ("president", "government", "minister", "war", "said")


@dataclass(frozen=True, slots=True)
class Target:
    name: str
    path: str


@dataclass(frozen=True, slots=True)
class Result:
    page: str
    path: str
    clients: int
    requests: int
    errors: int
    seconds: float
    rps: float
    p50_ms: float | None
    p95_ms: float | None
    p99_ms: float | None
    max_ms: float | None
    first_ms: float | None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((LOOPBACK, 0))
        port: int = sock.getsockname()[1]
        return port


def choose_targets(db: str, actor: str | None, query: str | None) -> list[Target]:
    """The actor page (most-mentioned actor unless given), timeline, ledger, a search
    for a word with hits (a word of a top actor's name unless given) and stances."""
    with Store.open(db) as store:
        top = store.actors(limit=10)
        if actor is None:
            if not top:
                raise SystemExit(f"{db}: the store has no actors: ingest some documents first")
            actor = top[0].canonical
        if query is None:
            words = [
                w
                for a in top
                for w in sorted(a.canonical.split(), key=len, reverse=True)
                if len(w) >= 4 and w.isalpha()
            ]
            query = next((w for w in (*words, *FALLBACK_WORDS) if store.search(w, limit=1)), None)
            if query is None:
                raise SystemExit(f"{db}: found no search word with hits; give one with --query")
    return [
        Target("actor", "/actors/" + quote(actor, safe="")),
        Target("timeline", "/timeline"),
        Target("ledger", "/ledger"),
        Target("search", "/search?" + urlencode({"q": query})),
        Target("stances", "/stances"),
    ]


@contextmanager
def serve(db: str, port: int, log: Path) -> Iterator[str]:
    """``presswatch serve`` on 127.0.0.1:port until the block ends; its base URL."""
    exe = Path(sys.executable).with_name("presswatch")
    command = [str(exe), "serve", "--db", db, "--host", LOOPBACK, "--port", str(port)]
    with log.open("wb") as out:
        proc = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 120
        while True:
            if proc.poll() is not None:
                raise SystemExit(
                    f"the server exited with status {proc.returncode}:\n"
                    + log.read_text("utf-8", "replace")[-3000:]
                )
            try:
                with socket.create_connection((LOOPBACK, port), timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise SystemExit("the server did not start within 120 s") from None
                time.sleep(0.2)
        yield f"http://{LOOPBACK}:{port}"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


class Client:
    """One keep-alive HTTP connection; ``get`` returns the status, or 0 on a failure."""

    def __init__(self, host: str, port: int, timeout: float) -> None:
        self.host, self.port, self.timeout = host, port, timeout
        self.conn: http.client.HTTPConnection | None = None

    def get(self, path: str) -> int:
        try:
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
            self.conn.request("GET", path)
            response = self.conn.getresponse()
            response.read()
            if response.will_close:
                self.close()
            return response.status
        except (OSError, http.client.HTTPException):
            self.close()
            return 0

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def percentile(ordered: Sequence[float], q: float) -> float | None:
    """The q-th percentile (0-100) of sorted values, interpolated linearly; ``None`` for
    no values."""
    if not ordered:
        return None
    k = (len(ordered) - 1) * q / 100
    lo = int(k)
    hi = min(lo + 1, len(ordered) - 1)
    return round(ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo), 1)


def load(
    base: str,
    name: str,
    paths: Sequence[str],
    *,
    clients: int,
    seconds: float,
    max_requests: int,
    timeout: float,
    uncached: bool = False,
    first_ms: float | None = None,
) -> Result:
    """``clients`` threads request ``paths`` in turn until ``seconds`` pass or
    ``max_requests`` are made, whichever comes first."""
    parts = urlsplit(base)
    host, port = parts.hostname or LOOPBACK, parts.port or 80
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    budget = [max_requests]
    start = threading.Barrier(clients + 1)
    deadline = [0.0]

    def worker(offset: int) -> None:
        nonlocal errors
        client = Client(host, port, timeout)
        mine: list[float] = []
        bad = 0
        k = offset
        start.wait()
        try:
            while time.monotonic() < deadline[0]:
                with lock:
                    if budget[0] <= 0:
                        break
                    budget[0] -= 1
                path = paths[k % len(paths)]
                if uncached:
                    path += f"{'&' if '?' in path else '?'}_bench={offset}-{k}"
                k += 1
                t0 = time.perf_counter()
                status = client.get(path)
                elapsed = time.perf_counter() - t0
                if status == 200:
                    mine.append(elapsed)
                else:
                    bad += 1
        finally:
            client.close()
            with lock:
                latencies.extend(mine)
                errors += bad

    threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(clients)]
    for t in threads:
        t.start()
    began = time.monotonic()
    deadline[0] = began + seconds
    start.wait()
    for t in threads:
        t.join()
    wall = time.monotonic() - began
    ordered = sorted(latencies)
    done = len(ordered) + errors
    ms = [x * 1000 for x in ordered]
    return Result(
        page=name,
        path=paths[0] if len(paths) == 1 else "(all pages in turn)",
        clients=clients,
        requests=done,
        errors=errors,
        seconds=round(wall, 2),
        rps=round(done / wall, 1) if wall else 0.0,
        p50_ms=percentile(ms, 50),
        p95_ms=percentile(ms, 95),
        p99_ms=percentile(ms, 99),
        max_ms=percentile(ms, 100),
        first_ms=None if first_ms is None else round(first_ms, 1),
    )


def _ms(value: float | None, digits: int = 1) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def table(results: Sequence[Result]) -> str:
    head = (
        "page",
        "requests",
        "errors",
        "req/s",
        "p50 ms",
        "p95 ms",
        "p99 ms",
        "max ms",
        "first ms",
    )
    rows = [
        (
            r.page,
            str(r.requests),
            str(r.errors),
            f"{r.rps:.1f}",
            _ms(r.p50_ms),
            _ms(r.p95_ms),
            _ms(r.p99_ms),
            _ms(r.max_ms),
            _ms(r.first_ms, 0),
        )
        for r in results
    ]
    widths = [max(len(c) for c in col) for col in zip(head, *rows, strict=True)]

    def line(cells: Sequence[str]) -> str:
        first = cells[0].ljust(widths[0])
        rest = (c.rjust(w) for c, w in zip(cells[1:], widths[1:], strict=True))
        return "  ".join((first, *rest))

    return "\n".join([line(head), "  ".join("-" * w for w in widths), *map(line, rows)])


def warm(base: str, targets: Sequence[Target], timeout: float) -> dict[str, float]:
    """Request each page once; the time of each, in ms. Exits unless all answer 200."""
    parts = urlsplit(base)
    took: dict[str, float] = {}
    client = Client(parts.hostname or LOOPBACK, parts.port or 80, timeout)
    try:
        for t in targets:
            t0 = time.perf_counter()
            status = client.get(t.path)
            took[t.name] = (time.perf_counter() - t0) * 1000
            print(
                f"  first {t.name:<8} {t.path}: HTTP {status} in {took[t.name]:.0f} ms", flush=True
            )
            if status != 200:
                raise SystemExit(f"{base}{t.path} answered HTTP {status}: not benchmarking it")
    finally:
        client.close()
    return took


def run(base: str, targets: Sequence[Target], args: argparse.Namespace) -> list[Result]:
    """Warm up, then load each page alone and all pages in turn ("mixed")."""
    mode = "uncached" if args.uncached else "cached"
    print(f"server {base}; {args.clients} clients, {args.seconds:g} s a page, {mode}", flush=True)
    first = warm(base, targets, args.timeout)
    phases = [(t.name, [t.path]) for t in targets]
    phases.append(("mixed", [t.path for t in targets]))
    results = []
    for name, paths in phases:
        print(f"  loading {name} ...", flush=True)
        results.append(
            load(
                base,
                name,
                paths,
                clients=args.clients,
                seconds=args.seconds,
                max_requests=args.max_requests,
                timeout=args.timeout,
                uncached=args.uncached,
                first_ms=first.get(name),
            )
        )
    return results


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--db", required=True, help="the store (SQLite file or SQLAlchemy URL)")
    parser.add_argument("--clients", type=int, default=20, help="concurrent clients [20]")
    parser.add_argument("--seconds", type=float, default=10.0, help="seconds per page [10]")
    parser.add_argument(
        "--max-requests", type=int, default=100_000, help="most requests per page [100000]"
    )
    parser.add_argument("--timeout", type=float, default=60.0, help="request timeout, s [60]")
    parser.add_argument("--actor", help="actor of the actor page [most-mentioned actor]")
    parser.add_argument("--query", help="search word [a word of a top actor's name with hits]")
    parser.add_argument(
        "--url", help="benchmark a server already running at this loopback base URL"
    )
    parser.add_argument(
        "--uncached",
        action="store_true",
        help="give each request a query parameter of its own, past the rendered-page cache",
    )
    parser.add_argument("--json", help="also write the results as JSON to this file ('-': stdout)")
    args = parser.parse_args(argv)
    if args.clients < 1 or args.seconds <= 0 or args.max_requests < 1:
        parser.error("--clients, --seconds and --max-requests must be positive")
    if args.url and urlsplit(args.url).hostname not in (LOOPBACK, "localhost", "::1"):
        parser.error("--url must be a loopback address (127.0.0.1, localhost or ::1)")
    if "://" not in args.db and not Path(args.db).exists():
        parser.error(f"--db {args.db}: no such file")

    targets = choose_targets(args.db, args.actor, args.query)
    with tempfile.TemporaryDirectory(prefix="bench-web-") as tmp:
        server: AbstractContextManager[str] = (
            serve(args.db, free_port(), Path(tmp) / "server.log")
            if args.url is None
            else nullcontext(args.url.rstrip("/"))
        )
        with server as base:
            results = run(base, targets, args)
    print()
    for t in targets:
        print(f"{t.name}: {t.path}")
    print()
    print(table(results))
    if args.json:
        report: dict[str, Any] = {
            "db": args.db,
            "clients": args.clients,
            "seconds_per_page": args.seconds,
            "uncached": args.uncached,
            "cpus": os.cpu_count(),
            "results": [asdict(r) for r in results],
        }
        text = json.dumps(report, indent=2)
        if args.json == "-":
            print(text)
        else:
            Path(args.json).write_text(text + "\n", encoding="utf-8")
    return 1 if any(r.errors for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
