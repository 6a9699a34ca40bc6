"""`screening console` as a command: serves on loopback from a review file; `--hash-password`
prints a hash the users file accepts; a missing users file is a clear error (exit 2)."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from screening.cli import main
from screening.console.auth import verify_password

SCREENING = [sys.executable, "-m", "screening.cli"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_hash_password_round_trips(tmp_path: Path) -> None:
    done = subprocess.run(
        [*SCREENING, "console", "--hash-password"],
        input="s3cret\n",
        capture_output=True,
        text=True,
        check=True,
    )
    stored = done.stdout.strip()
    assert stored.startswith("scrypt$")
    assert verify_password("s3cret", stored) and not verify_password("s3cret ", stored)


def test_missing_users_file_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["console", "--review-file", str(tmp_path / "r.jsonl"), "--allowlist", str(tmp_path)]
    assert main(argv) == 2
    assert "users file" in capsys.readouterr().err


def test_serves_a_review_file_on_loopback(tmp_path: Path) -> None:
    review = tmp_path / "review.jsonl"
    review.write_text(
        '{"event_id":"e-1","decision":"flag","hits":[],"rules":[],"decided_at":"2026-11-29"}\n'
    )
    users = tmp_path / "users.toml"
    users.write_text('proxy_header = "X-Remote-User"\n[users.v]\nrole = "viewer"\n')
    port = free_port()
    argv = ["console", "--review-file", str(review), "--users", str(users)]
    argv += ["--allowlist", str(tmp_path / "al"), "--port", str(port)]
    server = subprocess.Popen([*SCREENING, *argv], stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                reply = httpx.get(f"http://127.0.0.1:{port}/", headers={"X-Remote-User": "v"})
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline or server.poll() is not None:
                    pytest.fail("console did not start: " + server.stderr.read().decode()[-2000:])  # type: ignore[union-attr]
                time.sleep(0.1)
        assert reply.status_code == 200
        assert "e-1" in reply.text
    finally:
        server.terminate()
        server.wait(10)
