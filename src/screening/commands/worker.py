"""`screening worker`: the stream worker (faust-streaming) on `screening.events`."""

from __future__ import annotations

import argparse
import logging
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from screening.errors import ConfigError
from screening.metrics import ScreeningMetrics, serve_settings
from screening.paths import BUNDLED_LISTS
from screening.runtime import build_screener, load_settings
from screening.settings import Settings

log = logging.getLogger("screening.worker")


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "worker",
        help="run a stream worker: screening.events -> decisions, review and DLQ topics",
        description="Consume transaction events from Kafka, decide them with the same core as "
        "`screening screen` and publish the decisions (at-least-once). Runs until SIGTERM or "
        "Ctrl-C. Lists are required: --lists or SCREENING_LISTS_DIR.",
    )
    parser.add_argument("--broker", help="bootstrap servers (default: SCREENING_BROKER)")
    parser.add_argument("--lists", type=Path, help="lists directory (or SCREENING_LISTS_DIR)")
    parser.add_argument("--policy", type=Path, help="policy bundle (or SCREENING_POLICY)")
    parser.add_argument(
        "--metrics-port",
        type=int,
        help="port of /metrics, /healthz and /readyz (default: SCREENING_METRICS_PORT or 9108; "
        "0 picks a free one); bound to SCREENING_METRICS_HOST, 127.0.0.1 unless set",
    )
    parser.add_argument(
        "--sample-lists",
        action="store_true",
        help=argparse.SUPPRESS,  # the demo's explicit permission to use the fictional sample
    )
    parser.set_defaults(func=run)


def check_lists(settings: Settings, *, allow_sample: bool) -> None:
    """Never start on the fictional sample list by accident (only the demo may)."""
    if allow_sample:
        return
    if "lists_dir" not in settings.model_fields_set:
        raise ConfigError(
            "the worker needs real lists: pass --lists DIR or set SCREENING_LISTS_DIR "
            "(the bundled sample list is fictional; only `screening demo` uses it)"
        )
    if settings.lists_dir.resolve() == BUNDLED_LISTS.resolve():
        log.warning("lists %s is the FICTIONAL sample list", settings.lists_dir)


def run(args: argparse.Namespace) -> int:
    from screening.worker.app import run_worker  # faust is slow to import: only when needed

    started = time.monotonic()
    settings = load_settings(
        broker=args.broker,
        lists_dir=args.lists,
        policy=args.policy,
        metrics_port=args.metrics_port,
    )
    check_lists(settings, allow_sample=args.sample_lists)
    if args.sample_lists:
        log.warning("demo mode: screening against the bundled FICTIONAL sample list")
    # Serve from the start: /healthz answers while the lists load, /readyz once they are in
    # and partitions are assigned.
    metrics = ScreeningMetrics()
    try:
        server = serve_settings(metrics, settings)
    except OSError as exc:
        raise ConfigError(
            f"cannot serve metrics on {settings.metrics_host}:{settings.metrics_port}: "
            f"{exc.strerror or exc} (set --metrics-port or SCREENING_METRICS_PORT)"
        ) from exc
    log.info("metrics on %s/metrics (health /healthz, readiness /readyz)", server.url)
    metrics.set_up(True)
    loading = time.perf_counter()
    screener = build_screener(settings)
    metrics.describe_screener(screener)
    log.info(
        "lists %s (%s entities) and index ready in %.2f s",
        screener.snapshot.version[:19],
        f"{screener.snapshot.entities.height:,}",
        time.perf_counter() - loading,
    )
    datadir = Path(tempfile.mkdtemp(prefix="screening-worker-"))
    try:
        # faust sets up logging again: keep `screening -v` at DEBUG for faust and aiokafka too
        loglevel = "debug" if logging.getLogger().isEnabledFor(logging.DEBUG) else "info"
        run_worker(
            settings,
            screener,
            datadir=datadir,
            loglevel=loglevel,
            started=started,
            metrics=metrics,
        )
    finally:
        metrics.set_up(False)
        server.close()
        shutil.rmtree(datadir, ignore_errors=True)
    return 0
