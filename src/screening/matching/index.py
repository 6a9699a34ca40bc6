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

from screening.matching import tolerance
from screening.matching.config import MatchConfig
from screening.matching.score import NameForm, token_similarity


def _deletions(token: str) -> list[str]:
    return [token[:k] + token[k + 1 :] for k in range(len(token))]


def _thirds(length: int) -> tuple[tuple[int, int], ...]:
    return ((0, length // 3), (length // 3, 2 * length // 3), (2 * length // 3, length))


def _fuzzy(token: str) -> bool:
    return len(token) >= tolerance.MIN_TYPO_TOKEN and token.isalpha()


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
        postings: defaultdict[str, list[int]] = defaultdict(list)
        exact: defaultdict[tuple[str, ...], list[int]] = defaultdict(list)
        vocabulary: set[str] = set()
        for n, form in enumerate(names):
            vocabulary.update(form.tokens)
            for key in {*form.tokens, *_joins(form.raw)}:
                postings[key].append(n)
            exact[tuple(sorted(form.tokens))].append(n)
        deletes: defaultdict[str, list[str]] = defaultdict(list)
        thirds: defaultdict[tuple[int, int, str], list[str]] = defaultdict(list)
        for token in postings:
            if _fuzzy(token) and (token in vocabulary or _PARTICLE_JOIN.match(token)):
                for variant in dict.fromkeys(_deletions(token)):
                    deletes[variant].append(token)
                if len(token) >= tolerance.TWO_TYPO_TOKEN:
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

    def neighbours(self, token: str) -> tuple[tuple[str, float], ...]:
        """`_neighbours`, memoised (tokens repeat across parties); emptied when full."""
        cache = self._neighbour_cache
        found = cache.get(token)
        if found is None:
            if len(cache) >= NEIGHBOUR_CACHE_SIZE:
                cache.clear()
            found = cache[token] = self._neighbours(token)
        return found

    def _neighbours(self, token: str) -> tuple[tuple[str, float], ...]:
        """Vocabulary tokens within the tolerated typos of `token`, sorted."""
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

    def _two_typos(self, token: str) -> set[str]:
        """Tokens of 9+ letters up to two edits away. Two edits leave one third of the listed
        token intact: the first at the start, the last at the end, the middle one shifted by
        at most two places."""
        near: set[str] = set()
        size = len(token)
        gap = tolerance.MAX_LENGTH_GAP
        for length in range(max(tolerance.TWO_TYPO_TOKEN, size - gap), size + gap + 1):
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
        bounds: dict[int, tuple[float, float, float]] = {}
        miss_totals = self.miss_totals
        masks = dict.fromkeys(pool, 0)
        for i, sets in enumerate(holders):
            bit = 1 << i
            for names in sets:
                for n in names if prefix >> i & 1 else pool.intersection(names):
                    masks[n] |= bit
        for n, mask in masks.items():
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
