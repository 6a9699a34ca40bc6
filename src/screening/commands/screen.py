"""`screening screen`: the batch adapter.

JSON lines in, one decision per valid line out, in input order. Outputs cannot lose data: paths
that name the input or each other are refused before anything is opened for writing, and each
regular output file is written as `NAME.partial` beside it and renamed into place only when the
whole run succeeded, so a failed or killed run never leaves a complete-looking file nor empties
an earlier one.
"""

from __future__ import annotations

import argparse
import errno
import json
import os
import stat
import sys
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import AbstractContextManager, ExitStack, nullcontext
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any, Protocol

from screening.allowlist_store import AllowlistStore
from screening.decision import Screener
from screening.errors import ConfigError, OutputError, ScreeningError, outcome_for
from screening.intake import decided_at as format_decided_at
from screening.intake import encoding_problem, parse_event
from screening.metrics import ScreeningMetrics, event_time
from screening.runtime import build_screener, load_settings

EPILOG = """\
exit status:
  0   every line was decided
  1   the run finished, but some lines were invalid (see the errors file)
  2   nothing was decided: bad options, lists or policy, an events file that cannot be read as
      UTF-8 JSON lines (UTF-16, CR-only line ends), or an output path equal to the input or to
      the other output (message on stderr)
  3   an output could not be written (disk full, I/O error): earlier outputs are left as they
      were and no complete-looking output is written (message on stderr)
  70  an unexpected internal error (a bug): traceback on stderr, outputs left as NAME.partial
A run that is killed leaves NAME.partial files, never NAME itself.
"""

HEAD_BYTES = 64 * 1024  # looked at before the first line, for the file-wide checks


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
        "--metrics",
        type=Path,
        metavar="FILE",
        help="also write the run's Prometheus metrics to FILE in the text format (for "
        "node-exporter's textfile collector: name it *.prom; written to a temporary file, "
        "then renamed)",
    )
    parser.add_argument(
        "--allowlist",
        type=Path,
        help="allowlist store: approved, unexpired entries clear their hits "
        "(default: SCREENING_ALLOWLIST_DIR; none when unset)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    errors_path: Path = args.errors or Path(
        f"{args.output}.errors" if str(args.output) != "-" else "decisions.errors"
    )
    _refuse_same_files(args.events, args.output, errors_path)
    settings = load_settings(
        lists_dir=args.lists, policy=args.policy, allowlist_dir=getattr(args, "allowlist", None)
    )
    with ExitStack() as stack:
        try:  # a file that cannot be opened is a bad option (exit 2), not a crash
            events = stack.enter_context(_open_in(args.events))
            lines = read_lines(events, str(args.events))  # checked before the lists load
            out = stack.enter_context(_Output(args.output))
            err = stack.enter_context(_Output(errors_path))
        except OSError as exc:
            if exc.errno == errno.ENOSPC:
                raise OutputError(f"cannot create {exc.filename}: disk full") from exc
            raise ConfigError(f"cannot open {exc.filename}: {exc.strerror or exc}") from exc
        screener = build_screener(settings)
        if settings.allowlist_dir is not None:
            screener = screener.with_allowlist(AllowlistStore(settings.allowlist_dir).load())
        stamp = format_decided_at(datetime.now(UTC))
        metrics = None
        if args.metrics is not None:
            metrics = ScreeningMetrics(require_partitions=False)
            metrics.describe_screener(screener)
        counts = screen_lines(screener, lines, out, err, stamp, metrics)
        for output in (out, err):
            output.finish()
        for output in (out, err):
            output.publish()
    if metrics is not None:
        try:
            metrics.write_textfile(args.metrics)
        except OSError as exc:
            raise OutputError(f"cannot write {args.metrics}: {exc.strerror or exc}") from exc
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


class Writer(Protocol):
    def write(self, text: str, /) -> int: ...


def screen_lines(
    screener: Screener,
    lines: Iterator[bytes],
    out: Writer,
    err: Writer,
    decided_at: str,
    metrics: ScreeningMetrics | None = None,
) -> Counter[str]:
    """Decide each non-blank line; bad lines become error records, never exceptions.

    With `metrics`, each line is counted as the stream worker counts it (the whole file is one
    batch; the decision latency runs from each event's `occurred_at`).
    """
    counts: Counter[str] = Counter()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        counts["events"] += 1
        try:
            event = parse_event(line.rstrip(b"\r\n"))
        except ScreeningError as exc:
            if outcome_for(exc) != "error_record":
                raise
            counts["errors"] += 1
            err.write(_error_record(number, exc, line) + "\n")
            if metrics is not None:
                metrics.observe_error(exc.code)
            continue
        started = time.perf_counter()
        decision = screener.decide(event, decided_at)
        seconds = time.perf_counter() - started
        counts[decision.decision] += 1
        out.write(decision.to_json() + "\n")
        if metrics is not None:
            metrics.observe(
                decision, screen_seconds=seconds, event_time=event_time(event.occurred_at)
            )
    if metrics is not None:
        metrics.observe_consumed(counts["events"])
        metrics.batch_size.observe(counts["events"] - counts["errors"])
    return counts


def read_lines(stream: IO[bytes], name: str) -> Iterator[bytes]:
    """The lines of an events stream, after checks on its head that a per-line error would hide:
    a UTF-16 file or one with CR-only line ends is refused as a whole (`ConfigError`), with a
    message that says so, instead of thousands of undecodable lines or one giant line.
    """
    read1 = getattr(stream, "read1", stream.read)  # what is there: a pipe may be slow
    head: bytes = read1(HEAD_BYTES)
    if problem := encoding_problem(head[:4096]):
        raise ConfigError(f"{name}: {problem} (convert it, e.g. iconv -f UTF-16 -t UTF-8)")
    if b"\n" not in head and sum(1 for s in head.split(b"\r") if s.strip()) > 1:
        raise ConfigError(
            f"{name}: lines end in CR only (old Mac line ends); one event per LF or CRLF line "
            "is expected (convert it, e.g. tr '\\r' '\\n')"
        )
    return _lines(head, stream)


def _lines(head: bytes, stream: IO[bytes]) -> Iterator[bytes]:
    cut = head.rfind(b"\n") + 1
    yield from head[:cut].splitlines(keepends=True)
    tail = head[cut:]
    for line in stream:
        if tail:
            line, tail = tail + line, b""
        yield line
    if tail:
        yield tail


def _error_record(number: int, exc: ScreeningError, line: bytes) -> str:
    """The reason plus the original line, so nothing is lost."""
    return json.dumps(
        {
            "line": number,
            "error": exc.code,
            "reason": str(exc),
            "original": line.rstrip(b"\r\n").decode("utf-8", errors="replace"),
        },
        ensure_ascii=False,
    )


def _refuse_same_files(events: Path, output: Path, errors: Path) -> None:
    """Writing to the input would empty it; the two outputs to one file would mix them."""
    named = [("EVENTS", events), ("-o", output), ("--errors", errors)]
    for i, (a_name, a) in enumerate(named):
        for b_name, b in named[i + 1 :]:
            if "-" not in (str(a), str(b)) and _same_file(a, b):
                raise ConfigError(f"{b_name} {b} is the same file as {a_name} {a}: refused")


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:  # one does not exist (yet): compare where they would be
        return a.resolve() == b.resolve()


def _open_in(path: Path) -> AbstractContextManager[IO[bytes]]:
    return nullcontext(sys.stdin.buffer) if str(path) == "-" else path.open("rb")


class _Output:
    """An output that appears only when the run is complete.

    A regular file (or a new one) is written as `NAME.partial` in the same directory and renamed
    over NAME by `publish()`; without that the partial file is removed (a handled error) or
    left behind (a killed run). stdout, devices and pipes are written directly. A failed write
    is an `OutputError` naming the file (exit 3), never a traceback.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.partial: Path | None = None
        self.file: IO[str] | None = None

    def __enter__(self) -> _Output:
        if str(self.path) == "-":
            self.file = sys.stdout
            return self
        try:
            mode = self.path.stat().st_mode
        except FileNotFoundError:
            mode = stat.S_IFREG
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if stat.S_ISREG(mode):
            self.partial = self.path.with_name(self.path.name + ".partial")
            self.file = self.partial.open("w", encoding="utf-8")
        else:  # /dev/null, a FIFO, a terminal: nothing to rename
            self.file = self.path.open("w", encoding="utf-8")
        return self

    def write(self, text: str) -> int:
        assert self.file is not None
        try:
            return self.file.write(text)
        except OSError as exc:
            raise self._failed(exc) from exc

    def finish(self) -> None:
        """Everything written on disk (a full disk shows here at the latest)."""
        assert self.file is not None
        try:
            self.file.flush()
            if self.partial is not None:
                os.fsync(self.file.fileno())
                self.file.close()
        except OSError as exc:
            raise self._failed(exc) from exc

    def publish(self) -> None:
        """Put the finished file in place (after every output is finished)."""
        if self.partial is not None:
            os.replace(self.partial, self.path)
            self.partial = None

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if self.file is None or self.file is sys.stdout:
            return
        try:
            self.file.close()
        except OSError as error:
            if exc is None:
                raise self._failed(error) from error
        finally:
            # A handled error (exit 2 or 3) removes its partial file, which could fill the disk;
            # a bug (exit 70) or an interrupt leaves it for inspection.
            if self.partial is not None and isinstance(exc, ScreeningError):
                self.partial.unlink(missing_ok=True)

    def _failed(self, exc: OSError) -> OutputError:
        what = "disk full" if exc.errno == errno.ENOSPC else (exc.strerror or str(exc))
        return OutputError(f"cannot write {self.path}: {what}")
