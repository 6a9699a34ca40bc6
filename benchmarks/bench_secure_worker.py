"""What TLS + SCRAM costs the stream worker: its sustained rate on a plaintext broker and on a
secure one (SASL_SSL, SCRAM-SHA-512, ACLs; worker, publisher and auditor principals), in one run.

    python benchmarks/bench_secure_worker.py [--events 3000] [--lists DIR] [--rounds 2]

Both brokers are the project's own, started in temp dirs on free ports. Per round and mode: the
events (3 parties, 3 goods lines each, as bench_stream.py) are preloaded, then one
`screening worker` decides them; the rate is first-to-last decision by broker append time.
Rounds alternate the modes, so load changes on a shared machine hit both alike. The default
lists are the bundled sample (42 entities: screening is cheap, so transport costs show most);
`--lists ../shared/data/lists` gives the production mix. Prints the numbers and writes
benchmarks/results/secure_worker.txt.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.bench_stream import (
    bench_topics,
    make_events,
    process,
    rate_of,
    read_outputs,
)
from benchmarks.common import RESULTS_DIR
from benchmarks.machine import machine_lines
from screening.kafka import broker, clients, security
from screening.kafka.topics import EVENTS, topic_name
from screening.paths import BUNDLED_LISTS
from screening.settings import Settings


def preload_checked(settings: Settings, events: list[tuple[bytes, bytes]]) -> None:
    """The events on the input topic, every send acknowledged (a refused one raises)."""
    producer = clients.producer(settings, client_id="bench-preload", linger_ms=20)
    try:
        topic = topic_name(EVENTS, settings)
        futures = [producer.send(topic, value, key=key) for key, value in events]
        producer.flush()
        for future in futures:
            future.get(timeout=60)
    finally:
        producer.close()


def one_run(
    bootstrap: str, data_dir: Path | None, events: list[tuple[bytes, bytes]], lists: Path, log: Path
) -> float:
    """Decisions per second of one worker on preloaded events (data_dir: a secure broker's)."""
    prefix = f"b{uuid.uuid4().hex[:8]}."
    group = f"{prefix}screening-worker"
    env = {
        "SCREENING_TOPIC_PREFIX": prefix,
        "SCREENING_GROUP_ID": group,
        "SCREENING_METRICS_PORT": "0",
        "PYTHONUNBUFFERED": "1",
    }
    if data_dir is None:
        admin = publisher = auditor = Settings(
            broker=bootstrap, topic_prefix=prefix, group_id=group
        )
        env["SCREENING_BROKER"] = bootstrap
    else:

        def as_user(user: str) -> Settings:
            return security.client_settings(
                data_dir, bootstrap, user, topic_prefix=prefix, group_id=group
            )

        admin, publisher, auditor = as_user("admin"), as_user("publisher"), as_user("auditor")
        env.update(security.client_environment(data_dir, bootstrap, "worker"))
    bench_topics(admin)
    if data_dir is not None:
        client = clients.admin(admin)
        try:
            security.apply_acls(client, admin)
        finally:
            client.close()
    preload_checked(publisher, events)
    command = [sys.executable, "-m", "screening.cli", "worker", "--lists", str(lists)]
    with process(command, env, log):
        timestamps = read_outputs(auditor, len(events), timeout=900)
    return rate_of(timestamps)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=3000)
    parser.add_argument("--lists", type=Path, default=BUNDLED_LISTS)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="bench-secure-"))
    plain_dir, secure_dir = work / "plain", work / "secure"
    events = make_events(args.events)
    try:
        plain = broker.start(plain_dir, broker.free_port())
        secure = broker.start(secure_dir, broker.free_port(), secure=True)
        rates: dict[str, list[float]] = {"PLAINTEXT": [], "SASL_SSL": []}
        for round_ in range(args.rounds):
            for mode in ("PLAINTEXT", "SASL_SSL") if round_ % 2 == 0 else ("SASL_SSL", "PLAINTEXT"):
                log = work / f"worker-{mode}-{round_}.log"
                if mode == "PLAINTEXT":
                    rate = one_run(plain, None, events, args.lists, log)
                else:
                    rate = one_run(secure, secure_dir.resolve(), events, args.lists, log)
                rates[mode].append(rate)
                print(f"round {round_ + 1} {mode:9s} {rate:8.0f} decisions/s", flush=True)
    finally:
        broker.stop(plain_dir)
        broker.stop(secure_dir)
    best = {mode: max(values) for mode, values in rates.items()}
    mean = {mode: sum(values) / len(values) for mode, values in rates.items()}
    lines = [
        f"Stream worker, plaintext vs TLS + SCRAM-SHA-512: {args.events:,} events "
        f"(3 parties, 3 goods lines), lists {args.lists.name}, {args.rounds} rounds",
        *(
            f"{mode:9s} mean {mean[mode]:7.0f}/s, best {best[mode]:7.0f}/s, runs "
            + ", ".join(f"{r:.0f}" for r in rates[mode])
            for mode in rates
        ),
        f"SASL_SSL / PLAINTEXT: {mean['SASL_SSL'] / mean['PLAINTEXT']:.2f} (mean), "
        f"{best['SASL_SSL'] / best['PLAINTEXT']:.2f} (best)",
        *machine_lines(),
    ]
    print("\n".join(lines))
    (RESULTS_DIR / "secure_worker.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
