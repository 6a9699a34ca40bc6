"""Console fixtures: real review decisions (the sample stream's flags and blocks, decided by the
real screener over the bundled sample list), a users file with scrypt hashes, a console state
reading JSON lines (no Kafka needed) and clients logged in as each role."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from console_helpers import PASSWORDS, ROLES, csrf_of, review_lines
from starlette.testclient import TestClient

from screening.allowlist_store import AllowlistStore
from screening.console.app import ConsoleState, create_app
from screening.console.auth import UsersConfig, hash_password
from screening.console.feeds import FileSink
from screening.console.index import ReviewIndex, load_jsonl
from screening.decision import Screener
from screening.paths import BUNDLED_LISTS
from screening.runtime import build_screener, load_settings


@pytest.fixture(scope="session")
def screener() -> Screener:
    return build_screener(load_settings())


@pytest.fixture(scope="session")
def review_file(tmp_path_factory: pytest.TempPathFactory, screener: Screener) -> Path:
    path = tmp_path_factory.mktemp("review") / "review.jsonl"
    path.write_text("\n".join(review_lines(screener)) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def users_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("users") / "users.toml"
    lines = ['secret_key = "test-secret"']
    for name, password in PASSWORDS.items():
        lines += [
            f"[users.{name}]",
            f'role = "{ROLES[name]}"',
            f'password = "{hash_password(password)}"',
        ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def lists_dir(tmp_path: Path) -> Path:
    copy = tmp_path / "lists"
    shutil.copytree(BUNDLED_LISTS, copy)
    return copy


@pytest.fixture
def console_state(
    tmp_path: Path, review_file: Path, users_file: Path, screener: Screener
) -> ConsoleState:
    index = ReviewIndex()
    assert load_jsonl(index, review_file.read_text(encoding="utf-8")) == 0
    return ConsoleState(
        index=index,
        users=UsersConfig.load(users_file),
        store=AllowlistStore(tmp_path / "allowlist"),
        snapshot=screener.snapshot,
        sinks=[FileSink(tmp_path / "actions.jsonl")],
    )


@pytest.fixture
def login(console_state: ConsoleState) -> Callable[[str], TestClient]:
    def logged_in(name: str) -> TestClient:
        client = TestClient(create_app(console_state), follow_redirects=False)
        token = csrf_of(client)
        reply = client.post(
            "/login", data={"username": name, "password": PASSWORDS[name], "csrf": token}
        )
        assert reply.status_code == 303, reply.text
        return client

    return logged_in
