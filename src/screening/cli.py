"""`screening` command line: one sub-command module per adapter under `screening.commands`."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import traceback
from collections.abc import Sequence

from screening import __version__
from screening.commands import (
    allowlist,
    broker,
    compare,
    console,
    consume,
    demo,
    lists,
    policy,
    publish,
    replay,
    rescreen,
    screen,
    topics,
    worker,
)
from screening.errors import OutputError, ScreeningError

# Exit statuses beyond a command's own 0/1 (`screen --help` documents them).
EXIT_USAGE = 2  # a ScreeningError: bad options, lists, policy or input file
EXIT_OUTPUT = 3  # an output could not be written (disk full)
EXIT_INTERNAL = 70  # an unexpected exception: a bug (EX_SOFTWARE), never 1 ('some lines bad')
EXIT_PIPE = 141  # stdout closed early (`screening policy show | head`): what a shell reports


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="screening",
        description="Sanctions and export-control screening of transaction events.",
    )
    parser.add_argument("--version", action="version", version=f"screening {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging on stderr")
    sub = parser.add_subparsers(dest="command", required=True)
    for module in (
        demo,
        screen,
        compare,
        lists,
        policy,
        broker,
        topics,
        publish,
        consume,
        worker,
        replay,
        rescreen,
        allowlist,
        console,
    ):
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    if not args.verbose:
        # kafka-python logs every connection attempt (even retries, as ERROR); our tools turn
        # its exceptions into one clear message instead. `-v` shows them all.
        logging.getLogger("kafka").setLevel(logging.CRITICAL)
    try:
        code: int = args.func(args)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away: not an error of ours. Point stdout at /dev/null so the
        # interpreter's own flush at exit does not raise again (Python docs, "SIGPIPE").
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_PIPE
    except OutputError as exc:
        print(f"screening: error: {exc}", file=sys.stderr)
        return EXIT_OUTPUT
    except ScreeningError as exc:
        print(f"screening: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except Exception:
        traceback.print_exc()
        print("screening: internal error (a bug): please report it", file=sys.stderr)
        return EXIT_INTERNAL
    return code


if __name__ == "__main__":
    sys.exit(main())
