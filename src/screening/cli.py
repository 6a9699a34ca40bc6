"""`screening` command line: one sub-command module per adapter under `screening.commands`."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from screening import __version__
from screening.commands import allowlist, compare, console, lists, policy, screen
from screening.errors import ScreeningError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="screening",
        description="Sanctions and export-control screening of transaction events.",
    )
    parser.add_argument("--version", action="version", version=f"screening {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging on stderr")
    sub = parser.add_subparsers(dest="command", required=True)
    for module in (screen, compare, lists, policy, allowlist, console):
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
    try:
        code: int = args.func(args)
    except ScreeningError as exc:
        print(f"screening: error: {exc}", file=sys.stderr)
        return 2
    return code


if __name__ == "__main__":
    sys.exit(main())
