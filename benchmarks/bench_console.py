"""Review console responsiveness under a burst of 10,000 review items.

    python benchmarks/bench_console.py [--lists DIR] [--items 10000] [--requests 1000]

Review decisions are the sample stream's flags and blocks, decided by the real screener over
`--lists`, cloned to `--items` distinct events. Two console servers run in subprocesses (uvicorn,
the real app, a proxy-header user so no login round trips):

1. baseline: 100 review items already indexed;
2. burst:    the server starts empty and a feeder thread ingests all `--items` as fast as it
   can (the path the Kafka feed takes: `ReviewIndex.add_record`) while the client loads pages.

The client (this process, one connection, sequential) cycles through the pages analysts use:
queue (first page, filtered by list, by rule, deep page) and random detail pages. Prints
p50/p95/p99/max page-load times per phase and the ratio to the baseline; writes
benchmarks/results/console.txt.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx

REPO_ROOT = Path(__file__).resolve().parents[1]
RESULTS = REPO_ROOT / "benchmarks" / "results" / "console.txt"
USER_HEADER = "X-Remote-User"


def review_items(lists: Path, count: int) -> list[str]:
    from screening.events import event_from_dict
    from screening.paths import SAMPLE_EVENTS
    from screening.runtime import build_screener, load_settings

    screener = build_screener(load_settings(lists_dir=lists))
    base = []
    for line in SAMPLE_EVENTS.read_text(encoding="utf-8").splitlines():
        try:
            raw = json.loads(line)
            decision = screener.decide(event_from_dict(raw), "2026-11-29T00:00:00.000Z")
        except Exception:  # the sample holds invalid events on purpose
            continue
        if decision.decision != "allow":
            base.append((raw, decision.to_dict()))
    out = []
    for i in range(count):
        raw, decision = base[i % len(base)]
        event_id = f"{raw['event_id']}-b{i:05d}"
        at = f"2026-11-29T{(i // 3600) % 24:02d}:{(i // 60) % 60:02d}:{i % 60:02d}.000Z"
        out.append(
            json.dumps(
                {
                    "decision": {**decision, "event_id": event_id, "decided_at": at},
                    "event": {**raw, "event_id": event_id},
                }
            )
        )
    return out


def serve(args: argparse.Namespace) -> None:
    """The server side (a subprocess): console app, optional burst feeder thread."""
    import uvicorn

    from screening.allowlist_store import AllowlistStore
    from screening.console.app import ConsoleState, create_app
    from screening.console.auth import User, UsersConfig
    from screening.console.index import ReviewIndex
    from screening.lists.build import from_folder

    index = ReviewIndex()
    lines = Path(args.items_file).read_text(encoding="utf-8").splitlines()
    state = ConsoleState(
        index=index,
        users=UsersConfig({"bench": User("bench", "viewer", None)}, "k", USER_HEADER),
        store=AllowlistStore(Path(args.store)),
        snapshot=from_folder(Path(args.lists)),
    )

    def feed() -> None:
        if args.burst:
            time.sleep(0.5)  # let the client start loading pages first
        for line in lines:
            index.add_record(json.loads(line))

    if args.burst:
        threading.Thread(target=feed, daemon=True).start()
    else:
        feed()
    uvicorn.run(create_app(state), host="127.0.0.1", port=args.port, log_level="warning")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(
    lists: Path, items: Path, store: Path, burst: bool
) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    argv = [sys.executable, __file__, "--serve", "--port", str(port), "--lists", str(lists)]
    argv += ["--items-file", str(items), "--store", str(store)] + (["--burst"] if burst else [])
    server = subprocess.Popen(argv)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 900  # the real lists load in the server first
    while time.monotonic() < deadline and server.poll() is None:
        try:
            httpx.get(f"{url}/healthz", timeout=1)
            return server, url
        except httpx.HTTPError:
            time.sleep(0.05)
    server.kill()
    raise SystemExit(f"console server did not start (exit status {server.poll()})")


def indexed(client: httpx.Client) -> int:
    return int(client.get("/healthz").text.split()[1])


def run_pages(
    client: httpx.Client, ids: list[str], requests: int, rng: random.Random
) -> tuple[list[float], list[float]]:
    """(latencies while the burst was still being ingested, latencies after), in ms."""
    pages = [
        lambda: "/",
        lambda: "/?list=" + rng.choice(["custom_demo", "us_ofac_sdn", "eu_fsf", "un_sc"]),
        lambda: "/?rule=p1:hs-invalid",
        lambda: "/?page=20",
        lambda: "/?source=customs-declarations&age=100000",
        lambda: "/review/" + rng.choice(ids),
        lambda: "/review/" + rng.choice(ids),
    ]
    during: list[float] = []
    after: list[float] = []
    target = len(ids)
    for n in range(requests):
        path = pages[n % len(pages)]()
        done = burst_done(client, target)
        started = time.perf_counter()
        reply = client.get(path)
        took = (time.perf_counter() - started) * 1000
        if reply.status_code not in (200, 404):  # a detail not yet ingested is a 404
            raise SystemExit(f"{path}: HTTP {reply.status_code}")
        (after if done else during).append(took)
    return during, after


_done: dict[int, float] = {}


def burst_done(client: httpx.Client, target: int) -> bool:
    """Whether all items are indexed; remembers when that was first seen."""
    if target in _done:
        return True
    if indexed(client) >= target:
        _done[target] = time.perf_counter()
    return target in _done


def summary(name: str, ms: list[float]) -> str:
    if not ms:
        return f"{name:<34} (no requests)"
    q = statistics.quantiles(ms, n=100, method="inclusive") if len(ms) > 1 else [ms[0]] * 99
    return (
        f"{name:<34} n={len(ms):>5}  p50 {q[49]:7.1f} ms  p95 {q[94]:7.1f} ms  "
        f"p99 {q[98]:7.1f} ms  max {max(ms):7.1f} ms"
    )


def p99(ms: list[float]) -> float:
    return statistics.quantiles(ms, n=100, method="inclusive")[98]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lists", type=Path, default=REPO_ROOT / "lists" / "sample")
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--items-file", help=argparse.SUPPRESS)
    parser.add_argument("--store", help=argparse.SUPPRESS)
    parser.add_argument("--burst", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args)
        return 0

    rng = random.Random(7)
    work = Path(tempfile.mkdtemp(prefix="bench-console-"))
    started = time.perf_counter()
    lines = review_items(args.lists, args.items)
    print(f"{len(lines)} review items built in {time.perf_counter() - started:.1f} s", flush=True)
    small, large = work / "small.jsonl", work / "large.jsonl"
    small.write_text("\n".join(lines[:100]) + "\n", encoding="utf-8")
    large.write_text("\n".join(lines) + "\n", encoding="utf-8")
    ids = [json.loads(x)["decision"]["event_id"] for x in lines]
    results: dict[str, list[float]] = {}
    headers = {USER_HEADER: "bench"}

    server, url = start_server(args.lists, small, work / "store", burst=False)
    try:
        with httpx.Client(base_url=url, headers=headers, timeout=30) as client:
            _, results["baseline (100 items)"] = run_pages(client, ids[:100], args.requests, rng)
    finally:
        server.terminate()
        server.wait()

    server, url = start_server(args.lists, large, work / "store", burst=True)
    try:
        with httpx.Client(base_url=url, headers=headers, timeout=30) as client:
            burst_started = time.perf_counter()
            during, after = run_pages(client, ids, args.requests, rng)
            while not burst_done(client, len(ids)):
                time.sleep(0.01)
            ingest = _done[len(ids)] - burst_started
            results[f"during the burst (<{len(ids)} indexed)"] = during
            results[f"after the burst ({len(ids)} items)"] = after
            results[f"burst, all pages ({len(ids)})"] = during + after
    finally:
        server.terminate()
        server.wait()

    base = p99(results["baseline (100 items)"])
    loaded = p99(results[f"burst, all pages ({len(ids)})"])
    report = [
        f"console page loads, lists {args.lists}, {args.requests} requests per phase, "
        f"one sequential client, cpu count {os.cpu_count()}",
        *(summary(name, ms) for name, ms in results.items()),
        f"burst ingest: all {len(ids)} items indexed {ingest:.1f} s after the server first "
        "answered (while serving pages)",
        f"p99 under the burst / baseline p99: {loaded / base:.2f}x  "
        f"({loaded:.1f} ms vs {base:.1f} ms)",
    ]
    text = "\n".join(report) + "\n"
    print(text, end="")
    RESULTS.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
