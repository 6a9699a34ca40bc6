"""The command line as a shell user meets it."""

from __future__ import annotations

import subprocess
import sys

from screening.cli import EXIT_PIPE


def test_a_reader_that_goes_away_is_not_a_crash() -> None:
    """`screening policy show | head -0`: exit quietly with the shell's SIGPIPE status."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "screening.cli", "policy", "show"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader leaves before the command has written a byte
    stderr = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == EXIT_PIPE, stderr
    assert "Traceback" not in stderr and "BrokenPipeError" not in stderr, stderr
