"""The console over HTTP (Starlette's TestClient): roles, four eyes, CSRF, queue and detail."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from console_helpers import IVAN, REVIEW_DATE, csrf_of
from starlette.testclient import TestClient

from screening.console.app import ConsoleState, create_app

IVAN_ID = IVAN["event_id"]


def actions(state: ConsoleState) -> list[dict[str, object]]:
    return state.sinks[0].records()  # type: ignore[attr-defined, no-any-return]


def propose(client: TestClient, reason: str = "our customer since 2011, other DOB") -> int:
    token = csrf_of(client, f"/review/{IVAN_ID}")
    form = {"csrf": token, "hit": "0", "name": "Ivan P. Sidorchuk", "kind": "person"}
    form |= {"country": "RU", "reason": reason, "until": REVIEW_DATE}
    return client.post(f"/review/{IVAN_ID}/false-positive", data=form).status_code


def test_login_is_required_and_bad_passwords_are_refused(console_state: ConsoleState) -> None:
    client = TestClient(create_app(console_state), follow_redirects=False)
    assert client.get("/").headers["location"] == "/login"
    token = csrf_of(client)
    bad = client.post("/login", data={"username": "alice", "password": "nope", "csrf": token})
    assert bad.status_code == 401
    no_csrf = client.post("/login", data={"username": "alice", "password": "alice-pw"})
    assert no_csrf.status_code == 403


def test_queue_newest_first_and_filters(login: Callable[[str], TestClient]) -> None:
    client = login("victor")
    page = client.get("/")
    assert page.status_code == 200
    assert IVAN_ID in page.text
    only_custom = client.get("/", params={"list": "custom_demo"}).text
    assert IVAN_ID in only_custom
    no_match = client.get("/", params={"rule": "no-such-rule"}).text
    assert IVAN_ID not in no_match and "Nothing to review" in no_match
    too_old = client.get("/", params={"age": "1"}).text  # decided 2026-11-29, far past
    assert IVAN_ID not in too_old


def test_detail_shows_event_hit_score_and_listed_record(
    login: Callable[[str], TestClient],
) -> None:
    page = login("victor").get(f"/review/{IVAN_ID}").text
    assert "Ivan P. Sidorchuk" in page  # the event's party
    assert "custom_demo:CD-002" in page
    assert "Iwan Sidortschuk" in page  # an alias of the listed record
    assert "0.8927" in page  # the score (name-match-v2 reads the initial P. as Petrovich)
    assert "false-positive" not in page  # a viewer gets no action forms


def test_viewer_cannot_act_403_and_nothing_written(
    login: Callable[[str], TestClient], console_state: ConsoleState
) -> None:
    viewer = login("victor")
    assert propose(viewer) == 403
    token = csrf_of(viewer, f"/review/{IVAN_ID}")
    assert viewer.post(f"/review/{IVAN_ID}/true-match", data={"csrf": token}).status_code == 403
    assert actions(console_state) == []
    assert console_state.store.records() == []


def test_four_eyes_through_the_console(
    login: Callable[[str], TestClient], console_state: ConsoleState
) -> None:
    bob = login("bob")  # an approver proposes ...
    assert propose(bob) == 303
    [entry] = console_state.store.load().entries.values()
    assert entry.status == "pending" and entry.proposed_by == "bob"
    token = csrf_of(bob, "/allowlist")
    refused = bob.post(f"/allowlist/{entry.entry_id}/approve", data={"csrf": token})
    assert refused.status_code == 403  # ... and cannot approve his own entry
    assert "four eyes" in refused.text
    alice = login("alice")  # an analyst cannot approve at all
    token = csrf_of(alice, "/allowlist")
    assert (
        alice.post(f"/allowlist/{entry.entry_id}/approve", data={"csrf": token}).status_code == 403
    )
    assert len(console_state.store.records()) == 1
    carol = login("carol")
    token = csrf_of(carol, "/allowlist")
    assert (
        carol.post(f"/allowlist/{entry.entry_id}/approve", data={"csrf": token}).status_code == 303
    )
    assert console_state.store.load().entries[entry.entry_id].approved_by == "carol"
    done = [(a["action"], a["user"], a["event_id"]) for a in actions(console_state)]
    assert done == [("false_positive", "bob", IVAN_ID), ("approve", "carol", IVAN_ID)]
    assert all(a["at"].endswith("Z") for a in actions(console_state))


def test_true_match_is_recorded_and_shown(
    login: Callable[[str], TestClient], console_state: ConsoleState
) -> None:
    alice = login("alice")
    token = csrf_of(alice, f"/review/{IVAN_ID}")
    data = {"csrf": token, "note": "same DOB"}
    assert alice.post(f"/review/{IVAN_ID}/true-match", data=data).status_code == 303
    [record] = actions(console_state)
    assert record["action"] == "true_match" and record["user"] == "alice"
    assert "escalated" in alice.get(f"/review/{IVAN_ID}").text
    assert IVAN_ID in alice.get("/", params={"status": "escalated"}).text


def test_missing_csrf_is_403(
    login: Callable[[str], TestClient], console_state: ConsoleState
) -> None:
    alice = login("alice")
    assert alice.post(f"/review/{IVAN_ID}/true-match", data={"note": "x"}).status_code == 403
    assert actions(console_state) == []


def test_proxy_header_mode(console_state: ConsoleState, tmp_path: Path) -> None:
    from dataclasses import replace

    state = replace(console_state, users=replace(console_state.users, proxy_header="X-Remote-User"))
    client = TestClient(create_app(state), follow_redirects=False)
    assert client.get("/").status_code == 303  # no header: not logged in
    page = client.get("/", headers={"X-Remote-User": "victor"})
    assert page.status_code == 200 and "victor (viewer)" in page.text
    assert client.get("/", headers={"X-Remote-User": "mallory"}).status_code == 303


def test_actions_file_lines_are_json(
    login: Callable[[str], TestClient], console_state: ConsoleState
) -> None:
    assert propose(login("alice")) == 303
    path = console_state.sinks[0].path  # type: ignore[attr-defined]
    [line] = Path(path).read_text().splitlines()
    assert json.loads(line)["entry_id"].startswith("al-")


def test_repeated_failed_logins_lock_out_that_user_for_a_while(
    console_state: ConsoleState,
) -> None:
    now = [1_000.0]
    console_state.clock = lambda: now[0]
    client = TestClient(create_app(console_state), follow_redirects=False)
    token = csrf_of(client)

    def attempt(password: str) -> int:
        form = {"username": "alice", "password": password, "csrf": token}
        return client.post("/login", data=form).status_code

    assert [attempt(f"guess-{i}") for i in range(5)] == [401] * 5
    locked = client.post(
        "/login", data={"username": "Alice", "password": "alice-pw", "csrf": token}
    )
    assert locked.status_code == 429 and "too many failed logins" in locked.text
    bob = TestClient(create_app(console_state), follow_redirects=False)
    other = {"username": "bob", "password": "bob-pw", "csrf": csrf_of(bob)}
    assert bob.post("/login", data=other).status_code == 303  # only alice is locked out
    now[0] += 15 * 60 + 1
    assert attempt("alice-pw") == 303


def test_an_approver_revokes_an_entry_with_a_reason(
    login: Callable[[str], TestClient], console_state: ConsoleState
) -> None:
    assert propose(login("alice")) == 303
    [entry] = console_state.store.load().entries.values()
    carol = login("carol")
    token = csrf_of(carol, "/allowlist")
    assert (
        carol.post(f"/allowlist/{entry.entry_id}/approve", data={"csrf": token}).status_code == 303
    )
    assert 'class="revoke"' in carol.get("/allowlist").text
    alice = login("alice")
    alice_token = csrf_of(alice, "/allowlist")
    assert 'class="revoke"' not in alice.get("/allowlist").text
    form = {"csrf": alice_token, "reason": "no longer a customer"}
    assert alice.post(f"/allowlist/{entry.entry_id}/revoke", data=form).status_code == 403
    assert (
        carol.post(f"/allowlist/{entry.entry_id}/revoke", data={"csrf": token}).status_code == 400
    )
    form = {"csrf": token, "reason": "no longer a customer"}
    assert carol.post(f"/allowlist/{entry.entry_id}/revoke", data=form).status_code == 303
    revoked = console_state.store.load().entries[entry.entry_id]
    assert revoked.status == "revoked" and revoked.revoked_by == "carol"
    assert len(console_state.store.records()) == 3  # proposed, approved, revoked: appended
    assert carol.post(f"/allowlist/{entry.entry_id}/revoke", data=form).status_code == 403
    done = [(a["action"], a["user"]) for a in actions(console_state)]
    assert done[-1] == ("revoke", "carol")
