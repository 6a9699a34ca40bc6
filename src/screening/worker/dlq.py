"""Dead letters: the original key and bytes of a record that could not be decided, plus why.

Headers (UTF-8, numbers in decimal) are the contract of `screening.events.dlq`:
`error_code`, `error_reason`, `source_topic`, `source_partition`, `source_offset`.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_REASON_CHARS = 1000


@dataclass(frozen=True, slots=True)
class Source:
    """Where a record was read from."""

    topic: str
    partition: int
    offset: int


@dataclass(frozen=True, slots=True)
class DeadLetter:
    key: bytes | None
    value: bytes | None
    code: str
    reason: str
    source: Source

    @property
    def headers(self) -> list[tuple[str, bytes]]:
        return [
            ("error_code", self.code.encode("utf-8")),
            ("error_reason", self.reason[:MAX_REASON_CHARS].encode("utf-8", errors="replace")),
            ("source_topic", self.source.topic.encode("utf-8")),
            ("source_partition", str(self.source.partition).encode("ascii")),
            ("source_offset", str(self.source.offset).encode("ascii")),
        ]
