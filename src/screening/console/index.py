"""The console's in-memory review index: review decisions (and their events) by event id.

A cache, not the truth: it is rebuilt from the `screening.review` topic (or a JSON-lines file)
at start. Thread-safe: a background consumer adds while request handlers read.
"""

from __future__ import annotations

import bisect
import json
import threading
from collections import Counter, OrderedDict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from screening.allowlist import parse_instant

MAX_EVENTS = 200_000  # events kept to show beside their decision (a bounded cache)


@dataclass(slots=True)
class ReviewItem:
    """One review decision, with what the filters look at computed once on arrival."""

    event_id: str
    decision: dict[str, Any]
    seq: int
    decided: datetime | None
    actions: list[dict[str, Any]] = field(default_factory=list)
    lists: frozenset[str] = frozenset()
    rule_ids: frozenset[str] = frozenset()
    source: str = ""

    @property
    def status(self) -> str:
        kinds = [
            a["action"] for a in self.actions if a["action"] in ("true_match", "false_positive")
        ]
        return {"true_match": "escalated", "false_positive": "false positive"}.get(
            kinds[-1] if kinds else "", "open"
        )


@dataclass(frozen=True, slots=True)
class Filters:
    list: str = ""
    rule: str = ""
    source: str = ""
    max_age_hours: float | None = None
    status: str = ""


class ReviewIndex:
    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._items: dict[str, ReviewItem] = {}
        self._order: list[tuple[str, int, str]] = []  # (decided_at, seq, event_id), ascending
        self._events: OrderedDict[str, dict[str, Any]] = OrderedDict()
        self._seq = 0
        self._action_ids: set[str] = set()
        # actions by event id, kept even before their review item arrives (topics interleave)
        self._actions: dict[str, list[dict[str, Any]]] = {}
        self._facets: dict[str, Counter[str]] = {
            k: Counter() for k in ("lists", "rules", "sources")
        }

    def __len__(self) -> int:
        return len(self._items)

    def add_record(self, value: dict[str, Any]) -> None:
        """A review record: a decision, or {"decision": ..., "event": ...}."""
        if "decision" in value and isinstance(value["decision"], dict):
            if isinstance(value.get("event"), dict):
                self.add_event(value["event"])
            value = value["decision"]
        if not isinstance(value.get("event_id"), str) or "hits" not in value:
            raise ValueError("not a decision: no event_id or hits")
        with self._lock:
            event_id = value["event_id"]
            old = self._items.get(event_id)
            if old is not None:  # a re-decision replaces the older one, actions stay
                self._order.remove((old.decision.get("decided_at", ""), old.seq, event_id))
                self._count(old, -1)
            self._seq += 1
            event = self._events.get(event_id)
            item = ReviewItem(
                event_id,
                value,
                self._seq,
                parse_instant(value.get("decided_at", "")),
                self._actions.setdefault(event_id, []),
                frozenset(h["list"] for h in value.get("hits", ())),
                frozenset(r["rule_id"] for r in value.get("rules", ())),
                str(event.get("source") or "") if event else "",
            )
            self._items[event_id] = item
            self._count(item, +1)
            bisect.insort(self._order, (value.get("decided_at", ""), item.seq, event_id))

    def add_event(self, event: dict[str, Any]) -> None:
        event_id = event.get("event_id")
        if not isinstance(event_id, str):
            return
        with self._lock:
            self._events[event_id] = event
            self._events.move_to_end(event_id)
            while len(self._events) > MAX_EVENTS:
                self._events.popitem(last=False)
            item = self._items.get(event_id)
            source = str(event.get("source") or "")
            if item is not None and item.source != source:  # the event came after its decision
                self._count(item, -1)
                item.source = source
                self._count(item, +1)

    def _count(self, item: ReviewItem, step: int) -> None:
        for facet, values in (
            ("lists", item.lists),
            ("rules", item.rule_ids),
            ("sources", (item.source,) if item.source else ()),
        ):
            counter = self._facets[facet]
            for value in values:
                counter[value] += step
                if counter[value] <= 0:
                    del counter[value]

    def add_action(self, action: dict[str, Any]) -> None:
        with self._lock:
            if action.get("action_id") in self._action_ids:
                return
            self._action_ids.add(action.get("action_id", ""))
            self._actions.setdefault(str(action.get("event_id", "")), []).append(action)

    def get(self, event_id: str) -> ReviewItem | None:
        with self._lock:
            return self._items.get(event_id)

    def event(self, event_id: str) -> dict[str, Any] | None:
        with self._lock:
            return self._events.get(event_id)

    def source_of(self, event_id: str) -> str:
        item = self._items.get(event_id)
        return item.source if item is not None else ""

    def query(
        self, filters: Filters, now: datetime, offset: int = 0, limit: int = 50
    ) -> tuple[list[ReviewItem], int]:
        """Newest first, filtered; one page and the total count that matched."""
        cutoff = now - timedelta(hours=filters.max_age_hours) if filters.max_age_hours else None
        page: list[ReviewItem] = []
        total = 0
        with self._lock:
            if filters == Filters():  # the unfiltered queue: one slice, no scan
                end = max(len(self._order) - offset, 0)
                newest = self._order[max(end - limit, 0) : end]
                return [self._items[e] for _, _, e in reversed(newest)], len(self._order)
            for _, _, event_id in reversed(self._order):
                item = self._items[event_id]
                if cutoff is not None and (item.decided is None or item.decided < cutoff):
                    continue
                if filters.list and filters.list not in item.lists:
                    continue
                if filters.rule and filters.rule not in item.rule_ids:
                    continue
                if filters.source and item.source != filters.source:
                    continue
                if filters.status and item.status != filters.status:
                    continue
                if offset <= total < offset + limit:
                    page.append(item)
                total += 1
        return page, total

    def facets(self) -> dict[str, list[str]]:
        """Values for the filter drop-downs."""
        with self._lock:
            return {facet: sorted(counter) for facet, counter in self._facets.items()}


def load_jsonl(index: ReviewIndex, text: str) -> int:
    """Review records from JSON lines (decisions or {decision, event}); returns lines skipped."""
    skipped = 0
    for line in text.splitlines():
        if not line.strip():
            continue
        try:
            index.add_record(json.loads(line))
        except (ValueError, TypeError, AttributeError):
            skipped += 1
    return skipped
