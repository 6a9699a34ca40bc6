"""Logical topic names of the worker (ARCHITECTURE section 6) and the prefixed real names."""

from __future__ import annotations

from screening.settings import Settings

EVENTS = "screening.events"
DECISIONS = "screening.decisions"
REVIEW = "screening.review"
DLQ = "screening.events.dlq"
LISTS = "screening.lists"


def topic_name(logical: str, settings: Settings) -> str:
    return f"{settings.topic_prefix}{logical}"
