"""Helpers of the console tests: constants, review lines from the real screener, CSRF tokens."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta

from starlette.testclient import TestClient

from screening.decision import Screener
from screening.events import event_from_dict
from screening.paths import SAMPLE_EVENTS

# a review date after today (the proposal is made now, and may not postdate its review date)
REVIEW_DATE = (datetime.now(UTC).date() + timedelta(days=180)).isoformat()
DECIDED_AT = "2026-11-29T00:00:00.000Z"
PASSWORDS = {"alice": "alice-pw", "bob": "bob-pw", "carol": "carol-pw", "victor": "victor-pw"}
ROLES = {"alice": "analyst", "bob": "approver", "carol": "approver", "victor": "viewer"}
IVAN = {
    "event_id": "cus-review-ivan-1",
    "occurred_at": "2026-11-28T10:00:00Z",
    "source": "customs-declarations",
    "parties": [{"role": "buyer", "name": "Ivan P. Sidorchuk", "kind": "person", "country": "RU"}],
}


def review_lines(screener: Screener) -> list[str]:
    """{decision, event} lines for every sample event the screener flags or blocks, then Ivan's."""
    raws = []
    for line in SAMPLE_EVENTS.read_text(encoding="utf-8").splitlines():
        try:
            raws.append(json.loads(line))
        except ValueError:
            continue
    out = []
    for raw in [*raws, IVAN]:
        try:
            event = event_from_dict(raw)
        except Exception:  # the sample holds a few invalid events on purpose
            continue
        decision = screener.decide(event, DECIDED_AT)
        if decision.decision != "allow":
            out.append(json.dumps({"decision": decision.to_dict(), "event": raw}))
    return out


def csrf_of(client: TestClient, path: str = "/login") -> str:
    page = client.get(path)
    match = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert match, f"no CSRF token on {path}"
    return match.group(1)
