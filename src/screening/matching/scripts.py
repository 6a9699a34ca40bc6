"""Romanise scripts whose generic transliteration misses the spellings the lists use
(name-match-v2). Everything else goes through `normalize.transliterate` (anyascii)."""

from __future__ import annotations


def romanize(text: str) -> str:
    return text
