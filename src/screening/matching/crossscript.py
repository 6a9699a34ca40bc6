"""Names written in another script, matched against the lists' Latin names (name-match-v2).

`scripts.readings` gives each word of such a name its Latin spellings (Korean, Chinese,
Japanese, Thai) or its consonant skeletons (Arabic, Persian, Hebrew, whose short vowels are not
written). Here each word is looked up in the index's vocabulary: by spelling (also written
joined with the next syllables of its name part, "Jongun"), or through a skeleton index of the
listed Latin tokens (equal skeletons, or one consonant apart when both have four or more). A
listed name holding a match for every word of the query (all but one from three words on) is a
candidate: the query is rewritten in that name's own spelling where the words matched, and the
rewritten query is scored like any Latin query, times a factor a little below 1 (`MatchConfig`:
a reading, an equal skeleton, a skeleton one consonant off), since the vowels and the choice of
spelling were guessed. Short skeletons are ambiguous (علي is "l": Ali, Eli, Lee), so they are
never matched with an edit, never to particles or legal forms, and count only next to the rest
of the name.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from itertools import product

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from screening.matching.config import MatchConfig
from screening.matching.evasion import reveal
from screening.matching.index import NameIndex
from screening.matching.normalize import JUNK_WORDS, analyze_v2
from screening.matching.score import NameForm, name_form
from screening.matching.scripts import (
    Reading,
    Word,
    handled,
    latin_skeleton,
    latin_units,
    readings,
)

MIN_EDIT_SKELETON = 4  # skeletons shorter than this match only when equal
MAX_EDITED = 4  # a word's first (most usual) skeletons looked up one consonant off
MAX_CANDIDATES = 40  # listed names rewritten and scored per reading of a query
MAX_JOINED = 64  # joined spellings tried per run of syllables
MAX_SYLLABLES = 4  # the longest run of syllables tried written as one word
MAX_WORDS = 8  # a longer name is read on its first distinct words (bounded work)


@dataclass(frozen=True, slots=True)
class ScriptCandidate:
    """A listed name and the query rewritten in its spelling, with the factor its score takes."""

    name: int
    query: NameForm
    factor: float
    note: str


@lru_cache(maxsize=1 << 12)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _folds(spelling: str) -> set[str]:
    """A spelling and its canonical token(s) (JONG → jong; MOHAMMED → muhammad)."""
    analyzed = analyze_v2(spelling)
    return {spelling, *analyzed.tokens, *analyzed.raw}


class ScriptMatcher:
    def __init__(self, index: NameIndex, config: MatchConfig) -> None:
        self.index = index
        self.config = config
        self.reading_factor = config.script_reading_factor or 1.0
        self.skeleton_factor = config.skeleton_factor or 1.0
        self.edit_factor = config.skeleton_edit_factor or 1.0
        self._skeletons: dict[str, list[str]] | None = None
        self._by_length: dict[int, list[str]] = {}  # skeletons of 4+ consonants by length
        self._near_cache: dict[str, tuple[str, ...]] = {}
        self._match_cache: dict[Word, dict[str, float]] = {}
        self._skeleton_index()  # built with the matcher, so no party waits for it
        readings("金 アキ ไทย")  # nor for the reading libraries to load their dictionaries

    def _skeleton_index(self) -> dict[str, list[str]]:
        """Latin skeleton → listed tokens (built once, with the matcher)."""
        if self._skeletons is None:
            by_skeleton: defaultdict[str, list[str]] = defaultdict(list)
            vocabulary = {t for form in self.index.names for t in (*form.tokens, *form.raw)}
            for token in sorted(vocabulary):
                if token.isalpha() and token.isascii() and token not in JUNK_WORDS:
                    skeleton = latin_skeleton(token)
                    if skeleton:
                        by_skeleton[skeleton].append(token)
            for skeleton in by_skeleton:
                if len(skeleton) >= MIN_EDIT_SKELETON:
                    self._by_length.setdefault(len(skeleton), []).append(skeleton)
            self._skeletons = dict(by_skeleton)
        return self._skeletons

    def _by_skeleton(
        self, skeletons: tuple[str, ...], endings: str = "", vowels: str = "", edits: bool = True
    ) -> dict[str, float]:
        """Listed tokens whose skeleton equals one of `skeletons`, or is one edit from it
        (both four or more consonants), and that end in one of `endings` (if given), with
        the factor the match takes."""
        index = self._skeleton_index()
        found: dict[str, float] = {}
        for k, skeleton in enumerate(skeletons):
            for token in index.get(skeleton, ()):
                found[token] = self.skeleton_factor
            if len(skeleton) < MIN_EDIT_SKELETON or not edits or k >= MAX_EDITED:
                continue
            near = self._near_cache.get(skeleton)
            if near is None:
                if len(self._near_cache) >= 1 << 14:
                    self._near_cache.clear()
                near = self._near_cache[skeleton] = self._near(skeleton)
            for other in near:
                if other != skeleton:
                    for token in index[other]:
                        found.setdefault(token, self.edit_factor)
        if endings:
            found = {t: f for t, f in found.items() if t[-1] in endings}
        if vowels:  # the long vowels written in the script are in the Latin spelling
            pattern = _compiled(vowels)
            found = {t: f for t, f in found.items() if pattern.fullmatch(latin_units(t))}
        return found

    def _near(self, skeleton: str) -> tuple[str, ...]:
        """Listed skeletons one edit from `skeleton` (4+ consonants)."""
        return tuple(
            sorted(
                other
                for size in (len(skeleton) - 1, len(skeleton), len(skeleton) + 1)
                for other, _, _k in process.extract(
                    skeleton,
                    self._by_length.get(size, ()),
                    scorer=Levenshtein.distance,
                    score_cutoff=1,
                    limit=None,
                )
            )
        )

    def _matches(self, word: Word) -> dict[str, float]:
        """Listed tokens a word may be, with the factor each match takes (memoised: names
        repeat their words)."""
        found = self._match_cache.get(word)
        if found is None:
            if len(self._match_cache) >= 1 << 14:
                self._match_cache.clear()
            found = self._match_cache[word] = self._word_matches(word)
        return found

    def _word_matches(self, word: Word) -> dict[str, float]:
        postings = self.index.postings
        factor = 1.0 if word.script == "latin" else self.reading_factor
        found: dict[str, float] = {}
        if word.skeletons:
            found.update(self._by_skeleton(word.skeletons, word.endings, word.vowels))
        for spelling in word.spellings:
            for token in _folds(spelling):
                if token in postings:
                    found[token] = max(found.get(token, 0.0), factor)
        return found

    def _spans(self, reading: Reading) -> list[tuple[int, int, dict[str, float]]]:
        """Runs of 2+ syllables of one name part written joined ("jongun", "jinping"):
        (start, end, listed tokens) for the runs the vocabulary holds."""
        postings = self.index.postings
        spans = []
        for start, word in enumerate(reading):
            end = start + 1
            while (
                word.group >= 0
                and end < min(len(reading), start + MAX_SYLLABLES)
                and reading[end].group == word.group
            ):
                end += 1
                joined = [w.spellings for w in reading[start:end]]
                found = {}
                for k, parts in enumerate(product(*joined)):
                    if k >= MAX_JOINED:
                        break
                    token = "".join(parts)
                    if token in postings:
                        found[token] = self.reading_factor
                if found:
                    spans.append((start, end, found))
            after = reading[start + 1] if start + 1 < len(reading) else None
            if word.skeletons and after is not None and after.skeletons:
                # two abjad words the lists write as one (نصر الله = NASRALLAH)
                joined_skeletons = tuple(
                    dict.fromkeys(a + b for a, b in product(word.skeletons, after.skeletons))
                )[:MAX_JOINED]
                vowels = word.vowels + after.vowels if word.vowels and after.vowels else ""
                found = self._by_skeleton(joined_skeletons, after.endings, vowels, edits=False)
                found = {t: f for t, f in found.items() if len(latin_skeleton(t)) >= 4}
                if found:
                    spans.append((start, start + 2, found))
        spans.sort(key=lambda s: (s[0] - s[1], s[0]))
        return spans

    def candidates(self, name: str, min_score: float) -> list[ScriptCandidate]:
        """Listed names a name in another script may be, each with the query rewritten in
        its spelling; [] for a Latin (or Cyrillic, Greek...) name: `NameIndex` reads those."""
        del min_score  # the score decides; the count of matched words bounds the work
        text = reveal(name)
        if not handled(text):
            return []
        found: dict[int, ScriptCandidate] = {}
        for k, reading in enumerate(readings(text)):
            distinct = tuple(dict.fromkeys(reading))[:MAX_WORDS]  # "محمد محمد …" once
            for candidate in self._reading_candidates(distinct, all_words=k > 0):
                best = found.get(candidate.name)
                if best is None or candidate.factor > best.factor:
                    found[candidate.name] = candidate
        return [found[n] for n in sorted(found)]

    def _reading_candidates(self, reading: Reading, all_words: bool) -> list[ScriptCandidate]:
        """Candidates of one reading; with `all_words` (a second reading: Chinese characters
        read as Japanese) every word must match and there must be two."""
        matches = [self._matches(word) for word in reading]
        spans = self._spans(reading)
        postings = self.index.postings
        holders: list[list[frozenset[int]]] = [
            [postings[token] for token in sorted(found)] for found in matches
        ]
        for start, end, found in spans:
            for p in range(start, end):
                holders[p] += [postings[token] for token in sorted(found)]
        content = [
            p
            for p, word in enumerate(reading)
            if not (word.script == "latin" and set(word.spellings) <= JUNK_WORDS)
            and not set(word.spellings) <= {"al", "bin", "ibn", "abu", "ben", "bint", "umm"}
        ]
        if not content or not any(w.script != "latin" for w in reading):
            return []
        # a name read through one-consonant skeletons alone (נועה לוי as "n l": ANO LUI) is
        # too ambiguous: one word must match by its spelling or by 2+ consonants
        strong: list[frozenset[int]] = [
            postings[token]
            for p in content
            for token, factor in sorted(matches[p].items())
            if factor >= self.reading_factor or len(latin_skeleton(token)) >= 2
        ]
        strong += [postings[t] for start, _, found in spans if start in content for t in found]
        if not strong or (all_words and len(content) < 2):
            return []
        if len(content) == 1 and not any(
            f >= self.reading_factor for f in matches[content[0]].values()
        ):  # one word read by its skeleton alone (ביטון = BITVAN?) is too little
            return []
        need = len(content) if len(content) <= 2 or all_words else len(content) - 1
        held = {p: frozenset().union(*holders[p]) for p in content}
        order = sorted(content, key=lambda p: (len(held[p]), p))
        pool = set().union(*(held[p] for p in order[: len(content) - need + 1]))
        pool &= frozenset().union(*strong)
        counts: Counter[int] = Counter()
        for p in content:
            counts.update(pool & held[p])
        names = self.index.names
        counted = [  # most words matched, then fewest listed words left over
            (-count, abs(len(names[n].tokens) - count), n)
            for n, count in counts.items()
            if count >= need
        ]
        counted.sort()
        out = []
        for _, _, n in counted[:MAX_CANDIDATES]:
            rewritten = self._rewrite(reading, matches, spans, self.index.names[n])
            if rewritten is None:
                continue
            text, factor, taken = rewritten
            if len(taken.intersection(content)) >= need:  # 김영희 is not KYONG HUI KIM
                script = next(w.script for w in reading if w.script != "latin")
                out.append(
                    ScriptCandidate(
                        n,
                        name_form(text, self.config),
                        factor,
                        f"read from {script} as {text!r} x{factor:g}",
                    )
                )
        return out

    def _rewrite(
        self,
        reading: Reading,
        matches: list[dict[str, float]],
        spans: list[tuple[int, int, dict[str, float]]],
        listed: NameForm,
    ) -> tuple[str, float, set[int]] | None:
        """The query in the listed name's spelling where its words match, the least factor
        of those matches and the words matched; None when no word of the script matched."""
        words: list[str | None] = [w.spellings[0] for w in reading]
        used: set[int] = set()
        factors: list[float] = []
        taken: set[int] = set()

        def pick(found: dict[str, float]) -> tuple[int, float] | None:
            best: tuple[int, float] | None = None
            for j, (token, raw) in enumerate(zip(listed.tokens, listed.raw, strict=True)):
                if j in used:
                    continue
                factor = max(found.get(token, 0.0), found.get(raw, 0.0))
                if factor > 0 and (best is None or factor > best[1]):
                    best = (j, factor)
            return best

        for start, end, found in spans:
            if taken.intersection(range(start, end)):
                continue
            got = pick(found)
            if got is not None:
                j, factor = got
                used.add(j)
                taken.update(range(start, end))
                words[start] = listed.raw[j]
                for p in range(start + 1, end):
                    words[p] = None
                factors.append(factor)
        for p, found in enumerate(matches):
            if p in taken or not found:
                continue
            got = pick(found)
            if got is not None:
                j, factor = got
                used.add(j)
                taken.add(p)
                words[p] = listed.raw[j]
                if reading[p].script != "latin":
                    factors.append(factor)
        groups: dict[int, list[int]] = defaultdict(list)
        for p, word in enumerate(reading):
            if word.group >= 0:
                groups[word.group].append(p)
        for group in groups.values():  # a given name matched in part (민호 as MIN) is
            if len(group) > 1 and not taken.issuperset(group):  # another name: kept whole
                words[group[0]] = "".join(reading[p].spellings[0] for p in group)
                for p in group[1:]:
                    words[p] = None
                taken.difference_update(group)
        for p, word in enumerate(reading):  # an article glued in the script, left out
            if p not in taken and word.spellings == ("al",) and word.script == "arabic":
                words[p] = None
        if not factors:
            return None
        return " ".join(w for w in words if w), min(factors), taken
