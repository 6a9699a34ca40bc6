"""Event intake: each bad line is an EventError with a code; digests are canonical."""

from __future__ import annotations

import json

import pytest

from screening.errors import EventError, outcome_for
from screening.events import MAX_EVENT_BYTES, event_from_dict, parse_event

MINIMAL = {"event_id": "e-1", "occurred_at": "2026-11-28T10:00:00Z", "goods": [{"line": 1}]}


def test_digest_ignores_key_order_and_whitespace_but_not_content() -> None:
    a = parse_event(json.dumps(MINIMAL))
    b = parse_event(json.dumps(dict(reversed(MINIMAL.items())), indent=2))
    c = parse_event(json.dumps({**MINIMAL, "source": "bank"}))
    assert a.digest == b.digest
    assert a.digest != c.digest  # unknown and optional fields are kept, so they count


def test_unknown_extra_fields_are_accepted() -> None:
    event = event_from_dict({**MINIMAL, "customs_office": "DE004200", "parties": []})
    assert event.event_id == "e-1"


@pytest.mark.parametrize(
    ("line", "code"),
    [
        (b"{not json", "EVENT_BAD_JSON"),
        (b"\xff\xfe\x00", "EVENT_BAD_JSON"),
        (b"[1, 2]", "EVENT_SCHEMA"),
        (json.dumps({**MINIMAL, "event_id": "\ud800"}).encode(), "EVENT_BAD_JSON"),
        (b'{"event_id": "\xed\xa0\x80", "occurred_at": "2026-11-28T10:00:00Z"}', "EVENT_BAD_JSON"),
        (json.dumps({**MINIMAL, "event_id": ""}).encode(), "EVENT_SCHEMA"),
        (json.dumps({**MINIMAL, "occurred_at": "28/11/2026"}).encode(), "EVENT_SCHEMA"),
        (json.dumps({**MINIMAL, "goods": []}).encode(), "EVENT_SCHEMA"),
        (
            json.dumps({**MINIMAL, "parties": [{"role": "buyer", "name": "x" * 600}]}).encode(),
            "EVENT_SCHEMA",
        ),
        (
            json.dumps({**MINIMAL, "parties": [{"role": "x" * (MAX_EVENT_BYTES + 1)}]}).encode(),
            "EVENT_TOO_LARGE",
        ),
    ],
)
def test_bad_lines_raise_event_error_with_a_code(line: bytes, code: str) -> None:
    with pytest.raises(EventError) as caught:
        parse_event(line)
    assert caught.value.code == code
    assert caught.value.reason
    assert outcome_for(caught.value) == "error_record"


def test_schema_error_names_the_field() -> None:
    bad = {**MINIMAL, "parties": [{"role": "", "name": "A"}]}
    with pytest.raises(EventError, match="parties/0/role"):
        event_from_dict(bad)


@pytest.mark.parametrize(
    "role", ["Ordering Customer", "debtor", "creditor_agent", "notify_party", "Hersteller"]
)
def test_unknown_roles_are_kept_verbatim(role: str) -> None:
    """A publisher's role vocabulary is theirs: never a reason to reject an event."""
    event = event_from_dict({**MINIMAL, "parties": [{"role": role, "name": "A"}]})
    assert event.parties[0].role == role
