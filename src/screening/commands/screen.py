"""Placeholder: the `screen` sub-command is being written."""

from __future__ import annotations

import argparse
from typing import Any


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser("screen", help="(not yet implemented)")
    parser.set_defaults(func=lambda args: 1)
