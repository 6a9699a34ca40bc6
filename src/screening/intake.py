"""Intake: the bytes of one event (a JSON line, a Kafka message value) to an `Event`, or an
`EventError` with a code. The batch CLI and the stream worker both call `parse_event`, so the
same bytes get the same outcome on either path; `errors.outcome_for` then decides what becomes of
an error (an errors-file record, a DLQ record).

Hostile input has a defined outcome here, never an exception of another kind: oversized input,
text that is not UTF-8 (UTF-16 named as such), NaN and Infinity (not JSON), duplicate keys (a
silently dropped first value would leave a party unscreened) and nesting deeper than
`MAX_DEPTH` (the parser's recursion would otherwise end the run, or the worker, with a
`RecursionError`). Codes: EVENT_TOO_LARGE, EVENT_BAD_JSON, EVENT_DUPLICATE_KEY, EVENT_TOO_DEEP,
and EVENT_SCHEMA from `events.event_from_dict`.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from screening.errors import EventError
from screening.events import MAX_EVENT_BYTES, Event, event_from_dict

__all__ = ["MAX_DEPTH", "MAX_EVENT_BYTES", "decided_at", "encoding_problem", "parse_event"]

# Arrays and objects inside one another. The contract needs 5 (event, parties, party,
# identifiers, identifier); extra fields are kept, so leave room, but a fixed bound, so the
# outcome never depends on how deep the caller's stack already is.
MAX_DEPTH = 64

_UTF8_BOM = b"\xef\xbb\xbf"


class _DuplicateKey(ValueError):
    def __init__(self, key: str) -> None:
        self.key = key
        super().__init__(key)


class _NotJson(ValueError):
    pass


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKey(key)
            seen.add(key)
    return obj


def _constant(name: str) -> Any:
    raise _NotJson(f"{name} is not a JSON value")


def encoding_problem(data: bytes) -> str | None:
    """Why `data` cannot be UTF-8 JSON text at a glance (UTF-16/32), or None."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "text is UTF-16 or UTF-32 (byte order mark); events must be UTF-8"
    if b"\x00" in data:
        if data[1::2].count(0) > len(data) // 4 or data[0::2].count(0) > len(data) // 4:
            return "text looks like UTF-16 (every other byte is NUL); events must be UTF-8"
        return "text holds NUL bytes; events must be UTF-8 JSON"
    return None


def parse_event(data: bytes | str) -> Event:
    """Bytes or text of one event to a validated `Event`; raises `EventError` with a code."""
    raw = parse_json(data)
    return event_from_dict(raw)


def parse_json(data: bytes | str) -> Any:
    """Guarded JSON parse of one event's bytes (no schema yet)."""
    size = len(data) if isinstance(data, bytes) else len(data.encode("utf-8", "surrogatepass"))
    if size > MAX_EVENT_BYTES:
        raise EventError(
            f"event is {size} bytes, over the {MAX_EVENT_BYTES} byte limit", "EVENT_TOO_LARGE"
        )
    if isinstance(data, bytes):
        if problem := encoding_problem(data):
            raise EventError(problem, "EVENT_BAD_JSON")
        try:
            text = data.removeprefix(_UTF8_BOM).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise EventError(
                f"not valid UTF-8 at byte {exc.start}: {exc.reason}", "EVENT_BAD_JSON"
            ) from exc
    else:
        text = data
    try:
        raw = json.loads(text, object_pairs_hook=_object, parse_constant=_constant)
    except _DuplicateKey as exc:
        raise EventError(
            f"duplicate key {exc.key!r} in an object: which value counts is ambiguous",
            "EVENT_DUPLICATE_KEY",
        ) from exc
    except RecursionError as exc:
        raise EventError(_too_deep(), "EVENT_TOO_DEEP") from exc
    except ValueError as exc:  # JSONDecodeError, _NotJson, too many digits in an integer
        reason = f"not valid JSON: {exc}"
        if "\r" in text.strip():
            reason += " (the text holds a CR line break: one event per line or message)"
        raise EventError(reason, "EVENT_BAD_JSON") from exc
    if text.count("[") + text.count("{") > MAX_DEPTH and _depth(raw) > MAX_DEPTH:
        raise EventError(_too_deep(), "EVENT_TOO_DEEP")
    return raw


def _too_deep() -> str:
    return f"arrays and objects nested more than {MAX_DEPTH} deep"


def _depth(value: Any) -> int:
    """Nesting depth of a parsed value, without recursion."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 1)] if isinstance(value, dict | list) else []
    while stack:
        item, level = stack.pop()
        deepest = max(deepest, level)
        if deepest > MAX_DEPTH:
            break
        children = item.values() if isinstance(item, dict) else item
        stack.extend((c, level + 1) for c in children if isinstance(c, dict | list))
    return deepest


def decided_at(moment: datetime) -> str:
    """The `decided_at` stamp of a decision: UTC, milliseconds, `Z` (one format everywhere).

    The caller reads the clock (`datetime.now(UTC)`): the core has none."""
    if moment.tzinfo is None:
        raise ValueError("decided_at needs an aware datetime")
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
