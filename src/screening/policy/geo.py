"""Places inside sanctioned regions, found in free text (addresses, ports, country fields).

The gazetteer's names and the text go through the same normalisation as party names
(`screening.matching.normalize.analyze`: scripts to Latin, case, diacritics, spelling folds), and
a place matches only as a run of whole tokens: "Kerch" is found in "ul. Lenina 5, Kerch" but not
in "Kerchenska St, Kyiv". Names that are also common elsewhere ("Sebastopol", California; a
"Crimea Road") count only when the text or the party's country also points at Ukraine or Russia.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from screening.matching.normalize import analyze


@dataclass(frozen=True, slots=True)
class PlaceMatch:
    place: str  # gazetteer place id, e.g. "sevastopol"
    name: str  # the place's first (English) name in the gazetteer, e.g. "Sevastopol"
    region: str  # ISO 3166-2 code, e.g. "UA-40"
    start: int  # token position, so the earliest mention is reported first
    spelling: str = ""  # the gazetteer spelling that matched, e.g. "Севастополь"


def tokens(text: str) -> tuple[str, ...]:
    return analyze(text).tokens


class Gazetteer:
    """Token-sequence index of place names; `find` is linear in the text's tokens."""

    __slots__ = ("_context", "_entries", "_longest", "_names", "size")

    def regions(self) -> frozenset[str]:
        return frozenset(entry[2] for entry in self._entries.values())

    def __init__(self, rows: Iterable[Mapping[str, str]], context: Iterable[str]) -> None:
        self._entries: dict[tuple[str, ...], tuple[str, str, str, bool]] = {}
        self._names: dict[str, str] = {}
        for row in rows:
            self._names.setdefault(row["place"], row["name"])
            key = tokens(row["name"])
            if not key:
                continue
            needs_context = row["note"].strip() == "needs_context"
            # First spelling wins; a name listed twice keeps its first place.
            self._entries.setdefault(key, (row["place"], row["name"], row["region"], needs_context))
        self._longest = max((len(k) for k in self._entries), default=0)
        self._context = frozenset(t for word in context for t in tokens(word))
        self.size = len(self._entries)

    def find(self, text: str, context: str = "") -> list[PlaceMatch]:
        """Every place named in `text`, longest name first at each position, in text order.
        `context` (e.g. the party's country) may supply what an ambiguous name needs."""
        words = tokens(text)
        given = any(w in self._context for w in tokens(context))
        found: list[PlaceMatch] = []
        i = 0
        while i < len(words):
            for n in range(min(self._longest, len(words) - i), 0, -1):
                entry = self._entries.get(words[i : i + n])
                if entry is None:
                    continue
                place, spelling, region, needs_context = entry
                if needs_context and not (given or self._context_around(words, i, i + n)):
                    continue
                found.append(PlaceMatch(place, self._names[place], region, i, spelling))
                i += n - 1
                break
            i += 1
        return found

    def _context_around(self, words: tuple[str, ...], start: int, end: int) -> bool:
        """A context word elsewhere in the text: "Crimea" alone does not vouch for itself."""
        return any(w in self._context for w in (*words[:start], *words[end:]))
