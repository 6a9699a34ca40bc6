"""`screening screen`: the batch adapter.

JSON lines in, one decision per valid line out, in input order.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from contextlib import AbstractContextManager, ExitStack, nullcontext
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from screening.allowlist_store import AllowlistStore
from screening.decision import Screener
from screening.errors import ConfigError, EventError, outcome_for
from screening.events import parse_event
from screening.runtime import build_screener, load_settings

EPILOG = """\
exit status:
  0  every line was decided
  1  the run finished, but some lines were invalid (see the errors file)
  2  nothing was decided: bad options, lists or policy (message on stderr)
"""


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "screen",
        help="screen a JSON-lines file of transaction events (batch mode, no Kafka)",
        description="Decide every event of EVENTS (one JSON object per line) against the lists "
        "and the Pillar One policy. Invalid lines go to the errors file with their line number "
        "and reason; the run goes on. A summary goes to stderr.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("events", type=Path, help="events file, JSON lines ('-' for stdin)")
    parser.add_argument(
        "-o", "--output", type=Path, required=True, help="decisions file ('-' for stdout)"
    )
    parser.add_argument(
        "--lists",
        type=Path,
        help="lists directory (default: SCREENING_LISTS_DIR or the bundled sample)",
    )
    parser.add_argument(
        "--policy",
        type=Path,
        help="policy bundle (default: SCREENING_POLICY or the bundled Pillar One policy)",
    )
    parser.add_argument("--errors", type=Path, help="errors file (default: OUTPUT.errors)")
    parser.add_argument(
        "--allowlist",
        type=Path,
        help="allowlist store: approved, unexpired entries clear their hits "
        "(default: SCREENING_ALLOWLIST_DIR; none when unset)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    settings = load_settings(
        lists_dir=args.lists, policy=args.policy, allowlist_dir=getattr(args, "allowlist", None)
    )
    screener = build_screener(settings)
    if settings.allowlist_dir is not None:
        screener = screener.with_allowlist(AllowlistStore(settings.allowlist_dir).load())
    errors_path = args.errors or Path(
        f"{args.output}.errors" if str(args.output) != "-" else "decisions.errors"
    )
    decided_at = datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    with ExitStack() as stack:
        try:  # a file that cannot be opened is a bad option (exit 2), not a crash
            events = stack.enter_context(_open_in(args.events))
            out = stack.enter_context(_open_out(args.output))
            err = stack.enter_context(errors_path.open("w", encoding="utf-8"))
        except OSError as exc:
            raise ConfigError(f"cannot open {exc.filename}: {exc.strerror or exc}") from exc
        counts = screen_lines(screener, events, out, err, decided_at)
    seconds = time.perf_counter() - started
    outcomes = ", ".join(f"{k} {counts[k]}" for k in ("block", "flag", "allow"))
    print(
        f"screened {counts['events']} events: {outcomes}; errors {counts['errors']} "
        f"(-> {errors_path}); {seconds:.2f} s\n"
        f"lists {screener.snapshot.version[:19]}  policy {screener.policy.version}  "
        f"engine {screener.engine_version}"
        + (f"  allowlist {screener.allowlist.version[:19]}" if screener.allowlist else ""),
        file=sys.stderr,
    )
    return 1 if counts["errors"] else 0


def screen_lines(
    screener: Screener, lines: IO[bytes], out: IO[str], err: IO[str], decided_at: str
) -> Counter[str]:
    """Decide each non-blank line; bad lines become error records, never exceptions."""
    counts: Counter[str] = Counter()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        counts["events"] += 1
        try:
            event = parse_event(line.rstrip(b"\r\n"))
        except EventError as exc:
            assert outcome_for(exc) == "error_record"
            counts["errors"] += 1
            err.write(_error_record(number, exc, line) + "\n")
            continue
        decision = screener.decide(event, decided_at)
        counts[decision.decision] += 1
        out.write(decision.to_json() + "\n")
    return counts


def _error_record(number: int, exc: EventError, line: bytes) -> str:
    """The reason plus the original line, so nothing is lost."""
    return json.dumps(
        {
            "line": number,
            "error": exc.code,
            "reason": exc.reason,
            "original": line.rstrip(b"\r\n").decode("utf-8", errors="replace"),
        },
        ensure_ascii=False,
    )


def _open_in(path: Path) -> AbstractContextManager[IO[bytes]]:
    return nullcontext(sys.stdin.buffer) if str(path) == "-" else path.open("rb")


def _open_out(path: Path) -> AbstractContextManager[IO[str]]:
    if str(path) == "-":
        return nullcontext(sys.stdout)
    path.parent.mkdir(parents=True, exist_ok=True)
    return path.open("w", encoding="utf-8")
