"""Record bytes to an `Event`: the worker's door to the shared intake path.

Until `screening.intake` (bytes -> Event or a coded EventError, shared with the batch CLI)
lands, this wraps `screening.events.parse_event` and closes its known holes.
"""

from __future__ import annotations

from screening.errors import EventError
from screening.events import Event, parse_event


def parse_record(value: bytes | None) -> Event:
    if value is None:
        raise EventError("record has no value (a tombstone)", "EVENT_BAD_JSON")
    try:
        return parse_event(value)
    except RecursionError as exc:
        raise EventError("JSON nested too deeply", "EVENT_BAD_JSON") from exc
