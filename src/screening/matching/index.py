"""Candidate generation: which list names are worth scoring for a query name.

Postings map each canonical token, and each pair of adjacent tokens written together
("AL QAIDA" → "alqaida"), to the names that hold it. Typos are found through one-letter
deletions of the vocabulary (symmetric delete) and, for two typos in tokens of 9+ letters, the
thirds of the token (two edits leave one third intact). Then prefix filtering: a name that can
reach the flag threshold must hold one of the query's rarest tokens, so only their postings are
read, and a name is scored in full only when the query tokens it holds could still lift it to
the threshold. Frequent tokens (MUHAMMAD, TRADING) thus never flood the candidates.
"""

from __future__ import annotations

import re
from collections import defaultdict
from itertools import pairwise

from rapidfuzz import process
from rapidfuzz.distance import OSA, Levenshtein

from screening.matching import tolerance
from screening.matching.config import MatchConfig
from screening.matching.normalize import LEGAL_FORMS
from screening.matching.score import (
    NameForm,
    _distinctive,
    similarity_for,
    token_similarity,
    token_weights,
)


def scan_edits(length: int) -> int:
    """The most edits any matcher version tolerates in a token of `length` characters."""
    return 0 if length < 3 else 1 if length < 9 else 2


def _deletions(token: str) -> list[str]:
    return [token[:k] + token[k + 1 :] for k in range(len(token))]


def _thirds(length: int) -> tuple[tuple[int, int], ...]:
    return ((0, length // 3), (length // 3, 2 * length // 3), (2 * length // 3, length))


def _fuzzy(token: str, shortest: int | None = None) -> bool:
    return len(token) >= (shortest or tolerance.MIN_TYPO_TOKEN) and token.isalpha()


def _joins(tokens: tuple[str, ...]) -> list[str]:
    """Adjacent tokens written together ("AL QAIDA" / "ALQAIDA", "UPSTREAM-INVEST")."""
    return [a + b for a, b in pairwise(tokens)]


NEIGHBOUR_CACHE_SIZE = 1 << 17

# Joins worth a typo lookup too: after a particle ("ALQAEDA" for "AL QAIDA").
_PARTICLE_JOIN = re.compile(r"(?:al|el|abu|bin|abd)[a-z]")


class NameIndex:
    def __init__(self, names: list[NameForm], config: MatchConfig) -> None:
        self.names = names
        self.config = config
        self.v2 = bool(config.revision)
        v2 = tolerance.V2
        shortest = int(v2["MIN_TYPO_TOKEN"]) if self.v2 else tolerance.MIN_TYPO_TOKEN
        # v2: a listed token of 7-8 letters is two typos from a query token of 9+.
        self._two_typo_token = int(v2["TWO_TYPO_TOKEN"]) if self.v2 else tolerance.TWO_TYPO_TOKEN
        self._two_typo_listed = int(v2["TWO_TYPO_LISTED"]) if self.v2 else tolerance.TWO_TYPO_TOKEN
        self._similarity = similarity_for(config)
        postings: defaultdict[str, list[int]] = defaultdict(list)
        exact: defaultdict[tuple[str, ...], list[int]] = defaultdict(list)
        vocabulary: set[str] = set()
        for n, form in enumerate(names):
            vocabulary.update(form.raw if self.v2 else form.tokens)
            vocabulary.update(form.tokens)
            keys = {*form.tokens, *_joins(form.raw)}
            if self.v2:  # unfolded spellings too: a typo can defeat a fold ("SEPHA")
                keys.update(form.raw)
            for key in keys:
                postings[key].append(n)
            exact[tuple(sorted(form.tokens))].append(n)
        deletes: defaultdict[str, list[str]] = defaultdict(list)
        thirds: defaultdict[tuple[int, int, str], list[str]] = defaultdict(list)
        for token in postings:
            if _fuzzy(token, shortest) and (token in vocabulary or _PARTICLE_JOIN.match(token)):
                for variant in dict.fromkeys(_deletions(token)):
                    deletes[variant].append(token)
                if len(token) >= self._two_typo_listed:
                    for k, (start, end) in enumerate(_thirds(len(token))):
                        thirds[len(token), k, token[start:end]].append(token)
        self.postings: dict[str, frozenset[int]] = {k: frozenset(v) for k, v in postings.items()}
        self.miss_totals = [sum(form.miss) for form in names]
        self.exact: dict[tuple[str, ...], list[int]] = dict(exact)
        self.deletes: dict[str, list[str]] = dict(deletes)
        self.thirds: dict[tuple[int, int, str], list[str]] = dict(thirds)
        # A plain dict, not `lru_cache(self._neighbours)`: that would be a reference cycle
        # (self -> cache -> bound method -> self), and a replaced index must be freed.
        self._neighbour_cache: dict[str, tuple[tuple[str, float], ...]] = {}
        self._keys: list[str] | None = None
        self._by_length: dict[int, list[str]] = {}
        self._scan: dict[str, set[int]] = {}  # postings plus raw (unfolded) tokens

    def neighbours(self, token: str) -> tuple[tuple[str, float], ...]:
        """`_neighbours`, memoised (tokens repeat across parties); emptied when full."""
        cache = self._neighbour_cache
        found = cache.get(token)
        if found is None:
            if len(cache) >= NEIGHBOUR_CACHE_SIZE:
                cache.clear()
            found = cache[token] = self._neighbours(token)
        return found

    def scan(self, query: NameForm, min_score: float) -> list[int]:
        """Every name that may score `min_score` against `query`, by brute force over the
        whole vocabulary (evaluation only: the index's candidates are checked against it).

        A query token counts as matched by a name when one of the name's tokens (or two of
        them run together) is within `scan_edits` (OSA) of it, or of it run together with a
        neighbour: no version tolerates more. A name is kept when its matched query tokens
        could reach `min_score` even at similarity 1 (the score's query share bounds it), or
        when it holds a rare word of the query (containment, v2).
        """
        if self._keys is None:
            scan: defaultdict[str, set[int]] = defaultdict(set)
            for key, names in self.postings.items():
                scan[key].update(names)
            for n, form in enumerate(self.names):
                for token in form.raw:
                    scan[token].add(n)
            self._scan = dict(scan)
            self._keys = sorted(scan)
            for key in self._keys:
                self._by_length.setdefault(len(key), []).append(key)
        probes: defaultdict[str, int] = defaultdict(int)
        for i, (token, raw) in enumerate(zip(query.tokens, query.raw, strict=True)):
            probes[token] |= 1 << i
            probes[raw] |= 1 << i
        for i, joined in enumerate(_joins(query.raw)):
            probes[joined] |= 3 << i
        holders: list[set[int]] = [set() for _ in query.tokens]
        rare: set[int] = set()
        for probe, bits in probes.items():
            edits = scan_edits(len(probe))
            keys = [
                key
                for size in range(len(probe) - edits, len(probe) + edits + 1)
                for key, _, _k in process.extract(
                    probe,
                    self._by_length.get(size, ()),
                    scorer=Levenshtein.distance,  # >= OSA, <= 2 x OSA; bit-parallel: fast
                    score_cutoff=2 * edits,
                    limit=None,
                )
            ]
            for key in keys:
                if edits and OSA.distance(probe, key, score_cutoff=edits) > edits:
                    continue
                owners = self._scan[key]
                for i in range(len(query.tokens)):
                    if bits >> i & 1:
                        holders[i] |= owners
                if self.v2 and len(key) >= 4 and token_weights(key, self.config)[0] >= 0.9:
                    rare |= owners
        w = self.config.query_share_weight
        need_q = (min_score - (1.0 - w)) / w

        def share(mask: int) -> float:
            got = lost = 0.0
            for i in range(len(query.tokens)):
                if mask >> i & 1:
                    got += query.match[i]
                else:
                    lost += query.miss[i]
            return got / (got + lost) if got else 0.0

        # A name whose matched query tokens could not reach need_q at similarity 1 cannot
        # score min_score; so it must hold one of the tokens taken rarest-first until the
        # rest alone fall short (the same bound as `candidates`, on brute-force neighbours).
        full = (1 << len(query.tokens)) - 1
        order = sorted(range(len(query.tokens)), key=lambda i: (len(holders[i]), i))
        prefix = 0
        for i in order:
            if share(full & ~prefix) < need_q:
                break
            prefix |= 1 << i
        pool: set[int] = set(rare)
        for i in order:
            if prefix >> i & 1:
                pool |= holders[i]
        found = []
        for n in pool:
            mask = sum(1 << i for i in range(len(query.tokens)) if n in holders[i])
            if n in rare or share(mask) >= need_q:
                found.append(n)
        return sorted(found)

    def _neighbours(self, token: str) -> tuple[tuple[str, float], ...]:
        """Vocabulary tokens within the tolerated typos of `token`, sorted."""
        if self.v2:
            return self._neighbours_v2(token)
        found = {token: 1.0} if token in self.postings else {}
        if _fuzzy(token):
            near: set[str] = set(self.deletes.get(token, ()))
            for variant in _deletions(token):
                if variant in self.postings:
                    near.add(variant)
                near.update(self.deletes.get(variant, ()))
            if len(token) >= tolerance.TWO_TYPO_QUERY:
                near.update(self._two_typos(token))
            first, size = token[0], len(token)
            gap = tolerance.MAX_LENGTH_GAP
            near = {o for o in near if o[0] == first and abs(len(o) - size) <= gap and o != token}
            for other in near:
                sim = token_similarity(token, other, self.config.typo_cost)
                if sim > 0:
                    found[other] = sim
        return tuple(sorted(found.items()))

    def split_glued(self, token: str) -> list[str] | None:
        """A long token that is no listed word, written as 2-4 listed words run together
        ("bankmellat", "chinamobilelimited"): the split into the fewest words of 3+ letters
        (or legal forms), the earliest-longest on ties; None when there is none."""
        size = len(token)
        if size < 7 or size > 60 or not token.isalpha() or token in self.postings:
            return None
        best: list[list[str] | None] = [None] * (size + 1)
        best[0] = []
        for end in range(1, size + 1):
            for start in range(max(0, end - 30), end):
                head = best[start]
                piece = token[start:end]
                if head is None or len(head) >= 4:
                    continue
                known = (len(piece) >= 3 and piece in self.postings) or piece in LEGAL_FORMS
                if known and (best[end] is None or len(head) + 1 < len(best[end] or ())):
                    best[end] = [*head, piece]
        found = best[size]
        return found if found is not None and len(found) >= 2 else None

    def _neighbours_v2(self, token: str) -> tuple[tuple[str, float], ...]:
        """Every vocabulary token the v2 similarity scores above 0 against `token`: one
        deletion on either side covers one edit (first letter included), thirds two."""
        found = {token: 1.0} if token in self.postings else {}
        if _fuzzy(token, int(tolerance.V2["MIN_TYPO_TOKEN"])):
            near: set[str] = set(self.deletes.get(token, ()))
            for variant in _deletions(token):
                if variant in self.postings:
                    near.add(variant)
                near.update(self.deletes.get(variant, ()))
            if len(token) >= tolerance.V2["TWO_TYPO_QUERY"]:
                near.update(self._two_typos(token))
            near.discard(token)
            # One C call first drops what is too many edits away (most of a short token's
            # deletion neighbourhood): v2 takes two only when the longer token has 9+ letters,
            # and a neighbour is at most 2 letters longer. Same result, far fewer calls.
            edits = 2 if len(token) >= 7 else 1
            for other, _, _ in process.extract(
                token, list(near), scorer=OSA.distance, score_cutoff=edits, limit=None
            ):
                sim = self._similarity(token, other)
                if sim > 0:
                    found[other] = sim
        return tuple(sorted(found.items()))

    def _two_typos(self, token: str) -> set[str]:
        """Tokens of 9+ letters up to two edits away. Two edits leave one third of the listed
        token intact: the first at the start, the last at the end, the middle one shifted by
        at most two places."""
        near: set[str] = set()
        size = len(token)
        gap = tolerance.MAX_LENGTH_GAP
        for length in range(max(self._two_typo_listed, size - gap), size + gap + 1):
            if max(length, size) < self._two_typo_token:
                continue
            (_, a), (b, c), (d, _) = _thirds(length)
            keys = [(length, 0, token[:a]), (length, 2, token[size - (length - d) :])]
            keys += [
                (length, 1, token[at : at + c - b])
                for at in range(max(0, b - 2), min(b + 2, size - (c - b)) + 1)
            ]
            for key in keys:
                near.update(self.thirds.get(key, ()))
        return near

    def candidates(self, query: NameForm, min_score: float) -> list[int]:
        """Sorted ids of the names whose score against `query` may reach `min_score`.

        Prefix filtering: a name that can reach `min_score` holds at least one of the query's
        rarest tokens, taken until the others alone could not lift a name to it. Those tokens'
        postings are the candidates; each is then bounded by the query tokens it holds (as if
        matched exactly) and by what its own unmatched tokens must cost at least.
        """
        tokens = query.tokens
        if not tokens:
            return []
        holders: list[list[frozenset[int]]] = [[] for _ in tokens]
        for i, token in enumerate(tokens):
            holders[i] += (self.postings[other] for other, _ in self.neighbours(token))
            if self.v2 and query.raw[i] != token:
                holders[i] += (self.postings[o] for o, _ in self.neighbours(query.raw[i]))
            if query.raw[i] != token and query.raw[i] in self.postings:  # run together
                holders[i].append(self.postings[query.raw[i]])
        for i, joined in enumerate(_joins(query.raw)):  # listed run together: exact only
            if joined in self.postings:
                holders[i].append(self.postings[joined])
                holders[i + 1].append(self.postings[joined])
        w = self.config.query_share_weight
        need_q = (min_score - (1.0 - w)) / w
        full = (1 << len(tokens)) - 1

        def share(mask: int) -> tuple[float, float, float]:
            """(matched weight, their miss weight, query share) if the `mask` tokens matched."""
            got = lost = covered = 0.0
            for i in range(len(tokens)):
                if mask >> i & 1:
                    got += query.match[i]
                    covered += query.miss[i]
                else:
                    lost += query.miss[i]
            return got, covered, got / (got + lost) if got else 0.0

        order = sorted(range(len(tokens)), key=lambda i: (sum(map(len, holders[i])), i))
        prefix = 0
        for i in order:
            if share(full & ~prefix)[2] < need_q:
                break
            prefix |= 1 << i
        pool: set[int] = set()
        for i in order:
            if prefix >> i & 1:
                pool.update(*holders[i])
        found = set(self.exact.get(tuple(sorted(tokens)), ()))
        if self.v2 and self.config.containment_min_weight is not None:
            # A listed name the query contains whole scores at least the flag threshold when
            # it has a rare word (`score._distinctive`): the rare word's few names are read.
            near = {o for i, t in enumerate(tokens) for o, _ in self.neighbours(t)}
            rare = {o for o in near if len(o) >= 4 and token_weights(o, self.config)[0] >= 0.9}
            near.update(tokens)
            for other in rare:  # each once (tokens share neighbours), and names once
                # only names the query holds whole (each of their words is near one)
                found.update(
                    n
                    for n in self.postings[other]
                    if n not in found and near.issuperset(self.names[n].tokens)
                )
        bounds: dict[int, tuple[float, float, float]] = {}
        miss_totals = self.miss_totals
        # v2: an initial may match any word it begins, so it counts as held (an upper bound);
        # a name holding every query word may be the query written short (`score_names`).
        initials = 0
        if self.config.initial_similarity:
            initials = sum(1 << i for i, t in enumerate(tokens) if len(t) == 1 and t.isalpha())
        short = self.config.short_form_min_weight
        written_short = short is not None and _distinctive(query, short)
        masks = dict.fromkeys(pool, initials)
        for i, sets in enumerate(holders):
            bit = 1 << i
            for names in sets:
                for n in names if prefix >> i & 1 else pool.intersection(names):
                    masks[n] |= bit
        for n, mask in masks.items():
            if written_short and mask == full:
                found.add(n)
                continue
            bound = bounds.get(mask)
            if bound is None:
                bound = bounds[mask] = share(mask)
            got, covered, share_q = bound
            if share_q < need_q:
                continue
            # Its unmatched tokens cost at least their miss weight beyond what the matched
            # query tokens can cover (1.5x: a query token may match two joined tokens).
            lost_l = max(0.0, miss_totals[n] - tolerance.JOIN_COVER * covered)
            if w * share_q + (1.0 - w) * got / (got + lost_l) >= min_score:
                found.add(n)
        return sorted(found)
