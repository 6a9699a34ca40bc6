"""Name-against-name scoring on canonical tokens.

Tokens are aligned whatever their order: exact first, then typos (greedy on similarity, ties by
position, so the result is deterministic), then a token written as two on the other side
("ALQAIDA" / "AL QAIDA"), which matches both. A token's similarity is 1 when equal, a little
less for one typo (two in a token of 9+ letters) past the first letter, else 0.

Each token has a *match* weight (what sharing it proves: its rarity on the lists, frozen in the
matcher's token table) and a *miss* weight (what lacking it costs): particles and business
words are low on both, frequent given names (MUHAMMAD, ALI) are low to match but a full miss,
numbers and 1-2 letter tokens are half, other tokens cost at least `min_miss_weight`, and
tokens in parentheses ("(Hong Kong)") cost nothing. Each side's share is matched / (matched +
missed); the score weighs the query's share above the listed name's, so a party written short
("Vladimir Putin" for "PUTIN, Vladimir Vladimirovich") matches while a party that adds a name
of its own ("Ahmad Azzam" for "AZAM") does not. Guards: with too little matched evidence ("Ali
Trading" in "Mohammed Ali Trading") the score is the smaller share; when each side has a name
token the other lacks (a word swapped, not left out) it loses `conflict_penalty`.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import OSA

from screening.matching import tolerance
from screening.matching.config import MatchConfig
from screening.matching.normalize import (
    COMMON_GIVEN_NAMES,
    GENERIC_WORDS,
    PARTICLES,
    analyze,
    analyze_v2,
)
from screening.matching.tokens import load_table


@dataclass(frozen=True, slots=True)
class NameForm:
    """A name ready to score: canonical tokens and their weights, computed once."""

    text: str
    tokens: tuple[str, ...]
    raw: tuple[str, ...]  # tokens before spelling folds: names run together are matched raw
    match: tuple[float, ...]  # weight when the token is matched
    miss: tuple[float, ...]  # weight when it is not
    known: tuple[bool, ...] = ()  # v2 queries: the token is a word of the lists (`Matcher`)
    exact: bool = False  # v2 queries read from Han or Hangul: a syllable is a character, no typo


def token_rarity(token: str, rare_df: int, table: str) -> float:
    """1 for tokens on at most `rare_df` listed entities, falling with log document frequency
    (counts frozen in the matcher's token table, see `tokens`)."""
    counts = load_table(table)
    df = counts.df.get(token, 0)
    if df <= rare_df:
        return 1.0
    return math.log(counts.documents / df) / math.log(counts.documents / rare_df)


def token_weights(token: str, config: MatchConfig) -> tuple[float, float]:
    """(match weight, miss weight) of one canonical token."""
    return _weights(
        token,
        config.rare_token_df,
        config.common_token_weight,
        config.minor_token_weight,
        config.min_miss_weight,
        config.table_file,
    )


@lru_cache(maxsize=1 << 17)
def _weights(
    token: str, rare_df: int, common: float, minor: float, min_miss: float, table: str
) -> tuple[float, float]:
    rarity = token_rarity(token, rare_df, table)
    if token in PARTICLES or token in GENERIC_WORDS:
        return min(rarity, common), min(rarity, common)
    if len(token) <= 2 or token.isdigit():
        return minor, minor
    if token in COMMON_GIVEN_NAMES:
        return rarity, 1.0
    return rarity, max(rarity, min_miss)


def name_form(text: str, config: MatchConfig) -> NameForm:
    analyzed = analyze_v2(text) if config.revision else analyze(text)
    weights = [token_weights(t, config) for t in analyzed.tokens]
    match = tuple(w[0] for w in weights)
    miss = tuple(0.0 if aside else w[1] for w, aside in zip(weights, analyzed.aside, strict=True))
    return NameForm(text, analyzed.tokens, analyzed.raw, match, miss)


def allowed_edits(a: str, b: str) -> int:
    """Typos tolerated between two tokens: none in the first letter, in numbers or when either
    token is shorter than 4 letters or both shorter than 5; 2 when the longer has 9 or more."""
    shorter, longer = min(len(a), len(b)), max(len(a), len(b))
    if shorter < tolerance.MIN_TYPO_TOKEN or longer < tolerance.MIN_TYPO_LONGER or a[0] != b[0]:
        return 0
    if not (a.isalpha() and b.isalpha()):
        return 0
    return 1 if longer < tolerance.TWO_TYPO_TOKEN else 2


def token_similarity(a: str, b: str, typo_cost: float) -> float:
    """1 for equal tokens, 1 - typo_cost x edits / length within the tolerated typos, else 0."""
    if a == b:
        return 1.0
    edits = allowed_edits(a, b)
    if edits == 0 or abs(len(a) - len(b)) > edits:
        return 0.0
    distance = OSA.distance(a, b, score_cutoff=edits)
    if distance > edits:
        return 0.0
    return 1.0 - typo_cost * distance / max(len(a), len(b))


def allowed_edits_v2(a: str, b: str) -> int:
    """name-match-v2: one typo from `V2["MIN_TYPO_TOKEN"]` letters on (the first letter
    included), two when the longer token has `V2["TWO_TYPO_TOKEN"]`; never in numbers."""
    v2 = tolerance.V2
    if min(len(a), len(b)) < v2["MIN_TYPO_TOKEN"] or not (a.isalpha() and b.isalpha()):
        return 0
    return 1 if max(len(a), len(b)) < v2["TWO_TYPO_TOKEN"] else 2


def token_similarity_v2(a: str, b: str, typo_cost: float, first_cost: float) -> float:
    """1 - typo_cost x edits / (length + `V2["LENGTH_SLACK"]`) within `allowed_edits_v2`; a
    changed first letter costs `first_cost` more (names are misread at the start less often
    than inside). `allowed_edits_v2` written out: this runs for every candidate neighbour."""
    if a == b:
        return 1.0
    v2 = tolerance.V2
    la, lb = len(a), len(b)
    shortest = v2["MIN_TYPO_TOKEN"]
    if la < shortest or lb < shortest:
        return 0.0
    longer = la if la > lb else lb
    edits = 1 if longer < v2["TWO_TYPO_TOKEN"] else 2
    if la - lb > edits or lb - la > edits or not (a.isalpha() and b.isalpha()):
        return 0.0
    distance = OSA.distance(a, b, score_cutoff=edits)
    if distance > edits:
        return 0.0
    sim = 1.0 - typo_cost * distance / (longer + v2["LENGTH_SLACK"])
    return sim - (first_cost if a[0] != b[0] else 0.0)


def similarity_for(config: MatchConfig) -> Callable[[str, str], float]:
    """The token similarity of a matcher version, as a function of two tokens."""
    if config.revision:
        return _similarity_v2(config.typo_cost, config.first_letter_typo_cost or 0.0)
    cost = config.typo_cost
    return lambda a, b: token_similarity(a, b, cost)


@lru_cache(maxsize=64)
def _similarity_v2(cost: float, first: float) -> Callable[[str, str], float]:
    @lru_cache(maxsize=1 << 18)
    def similarity(a: str, b: str) -> float:
        return token_similarity_v2(a, b, cost, first)

    return similarity


@dataclass(frozen=True, slots=True)
class NameScore:
    score: float
    pairs: tuple[tuple[int, int, float], ...]  # (query token, listed token, similarity)
    conflict: bool  # each side has a name token the other lacks (a different word, not a gap)


def align(
    query: NameForm,
    listed: NameForm,
    typo_cost: float,
    similarity: Callable[[str, str], float] | None = None,
    known_cost: float = 0.0,
    initial: float | None = None,
) -> list[tuple[int, int, float]]:
    """Token pairs (query, listed, similarity): exact first, then typos, then one token written
    as two on the other side ("ALSHAYKH" / "AL-SHAYKH"), which pairs it with both; then (v2,
    `initial` set) an initial left over with the first word left over that it begins."""
    v2 = similarity is not None
    sim_of: Callable[[str, str], float] = similarity or (
        lambda a, b: token_similarity(a, b, typo_cost)
    )
    pairs: list[tuple[int, int, float]] = []
    free_l = list(range(len(listed.tokens)))
    free_q = []
    for i, token in enumerate(query.tokens):
        for j in free_l:
            if listed.tokens[j] == token:
                pairs.append((i, j, 1.0))
                free_l.remove(j)
                break
        else:
            free_q.append(i)
    if not free_q or not free_l:
        return pairs
    if v2:
        pairs += _shifted(query, listed, free_q, free_l, typo_cost)
    fuzzy = []
    for i in () if query.exact else free_q:  # CONG MING is not DONG MING: another character
        a = query.tokens[i]
        if len(a) < (tolerance.V2["MIN_TYPO_TOKEN"] if v2 else tolerance.MIN_TYPO_TOKEN):
            continue
        for j in free_l:
            b = listed.tokens[j]
            if v2:
                la, lb = len(a), len(b)
                if lb < tolerance.V2["MIN_TYPO_TOKEN"] or abs(la - lb) > tolerance.MAX_LENGTH_GAP:
                    continue
                sim = sim_of(a, b)
                ra, rb = query.raw[i], listed.raw[j]
                if (ra != a or rb != b) and ra != rb:  # a typo can defeat a spelling fold
                    sim = max(sim, sim_of(ra, rb))
                if sim > 0 and known_cost and query.known and query.known[i]:
                    sim = max(0.0, sim - known_cost)
            elif b[0] == a[0] and abs(len(a) - len(b)) <= tolerance.MAX_LENGTH_GAP:
                sim = sim_of(a, b)
            else:
                continue
            if sim > 0:
                fuzzy.append((sim, i, j))
    fuzzy.sort(key=lambda c: (-c[0], c[1], c[2]))
    for sim, i, j in fuzzy:
        if i in free_q and j in free_l:
            pairs.append((i, j, sim))
            free_q.remove(i)
            free_l.remove(j)
    for i in list(free_q):
        for j in free_l:
            if j + 1 in free_l:
                sim = sim_of(query.raw[i], listed.raw[j] + listed.raw[j + 1])
                if query.exact and sim < 1.0:
                    continue
                if sim > 0:
                    pairs += [(i, j, sim), (i, j + 1, sim)]
                    free_q.remove(i)
                    free_l.remove(j)
                    free_l.remove(j + 1)
                    break
    for j in list(free_l):
        for i in free_q:
            if i + 1 in free_q:
                sim = sim_of(query.raw[i] + query.raw[i + 1], listed.raw[j])
                if query.exact and sim < 1.0:
                    continue
                if sim > 0:
                    pairs += [(i, j, sim), (i + 1, j, sim)]
                    free_q.remove(i)
                    free_q.remove(i + 1)
                    free_l.remove(j)
                    break
    if initial:
        pairs += _initials(query.tokens, listed.tokens, free_q, free_l, initial)
        pairs += [
            (i, j, sim)
            for j, i, sim in _initials(listed.tokens, query.tokens, free_l, free_q, initial)
        ]
    return pairs


def _shifted(
    query: NameForm, listed: NameForm, free_q: list[int], free_l: list[int], typo_cost: float
) -> list[tuple[int, int, float]]:
    """Two adjacent words with the space between them moved ("AREFULLAHA REF" / "AREFULLAH
    AREF", "MYONGC-HIN" / "MYONG-CHIN"): the same letters, so each pairs with its counterpart
    at the similarity of one typo in the whole; all four leave the free lists."""
    joins = {listed.raw[j] + listed.raw[j + 1]: j for j in free_l if j + 1 in free_l}
    out: list[tuple[int, int, float]] = []
    for i in list(free_q):
        if i not in free_q or i + 1 not in free_q:
            continue
        joined = query.raw[i] + query.raw[i + 1]
        j = joins.get(joined)
        if j is None or j not in free_l or j + 1 not in free_l or query.raw[i] == listed.raw[j]:
            continue
        sim = 1.0 - typo_cost / len(joined)
        out += [(i, j, sim), (i + 1, j + 1, sim)]
        free_q.remove(i)
        free_q.remove(i + 1)
        free_l.remove(j)
        free_l.remove(j + 1)
    return out


def _initials(
    a: tuple[str, ...], b: tuple[str, ...], free_a: list[int], free_b: list[int], sim: float
) -> list[tuple[int, int, float]]:
    """A one-letter token of `a` left unmatched pairs with the first unmatched word of `b` (3+
    letters) that it begins; both leave the free lists."""
    out = []
    for i in [i for i in free_a if len(a[i]) == 1 and a[i].isalpha()]:
        for j in free_b:
            if len(b[j]) >= 3 and b[j][0] == a[i]:
                out.append((i, j, sim))
                free_a.remove(i)
                free_b.remove(j)
                break
    return out


def _share(form: NameForm, matched: dict[int, float]) -> tuple[float, float]:
    """(matched weight, share of the name matched)."""
    got = lost = 0.0
    for k, weight in enumerate(form.match):
        sim = matched.get(k)
        if sim is None:
            lost += form.miss[k]
        else:
            got += weight * sim
            lost += weight * (1.0 - sim)
    return got, got / (got + lost) if got else 0.0


def score_names(query: NameForm, listed: NameForm, config: MatchConfig) -> NameScore:
    if not query.tokens or not listed.tokens:
        return NameScore(0.0, (), False)
    if config.revision:
        known_cost = config.known_word_typo_cost or 0.0
        pairs = align(
            query,
            listed,
            config.typo_cost,
            similarity_for(config),
            known_cost,
            config.initial_similarity,
        )
    else:
        pairs = align(query, listed, config.typo_cost)
    matched_q = {i: s for i, _, s in pairs}
    matched_l = {j: s for _, j, s in pairs}
    evidence, share_q = _share(query, matched_q)
    _, share_l = _share(listed, matched_l)
    if evidence >= config.min_evidence:
        w = config.query_share_weight
        score = w * share_q + (1.0 - w) * share_l
    else:
        score = min(share_q, share_l)
    if (
        config.revision
        and len(query.tokens) == 1
        and not _distinctive(query, 0.0)
        and _differs(listed, matched_l, config)
    ):
        # One ordinary word names no one listed under several: "Hernandez Inc" is not
        # "Ernesto Hernandez", "Thomas PLC" not "Thomas Yan" (a rare long word still does:
        # "Aerocaribean" for "AEROCARIBBEAN AIRLINES").
        score = min(score, share_q, share_l)
    conflict = _differs(query, matched_q, config) and _differs(listed, matched_l, config)
    if conflict:
        score -= config.conflict_penalty
    floor = config.containment_min_weight
    if floor is not None and share_l >= 0.9 and score < 1.0 and _distinctive(listed, floor):
        score = max(score, config.flag_threshold)
    short = config.short_form_min_weight
    if (
        short is not None
        and share_q >= SHORT_FORM_SHARE
        and share_l >= SHORT_FORM_LISTED_SHARE
        and score < 1.0
        and _distinctive(query, short)
        and _rare_words_exact(query, matched_q)
    ):
        score = max(score, config.flag_threshold)
    return NameScore(max(0.0, min(score, 1.0)), tuple(sorted(pairs)), conflict)


# The query share a party written short must have: every word in the listed name, spelt as
# there or nearly (a typo in a long word); a party that only resembles it stays below.
SHORT_FORM_SHARE = 0.9
# ... and the part of the listed name it must name at least: one surname out of a long
# institute name ("Lebedeva" in "... Institute ... named after P. N. Lebedev"), or a
# company's legal-form words in another language, is not it.
SHORT_FORM_LISTED_SHARE = 0.35


def _distinctive(form: NameForm, min_weight: float) -> bool:
    """A name that identifies on its own when a party contains all of it: enough rarity in
    total and one rare word of 4+ letters ("BANK MELLAT", not "ALI TRADING"), or one rare word
    of 8+ letters alone."""
    if len(form.tokens) == 1:  # one rare long word: "ROSOBORONEXPORT"
        return form.match[0] >= 0.9 and len(form.tokens[0]) >= 8
    rare = any(m >= 0.9 and len(t) >= 4 for t, m in zip(form.tokens, form.match, strict=True))
    return rare and sum(form.match) >= min_weight


def _rare_words_exact(query: NameForm, matched: dict[int, float]) -> bool:
    """A name written short names the listed one only by its rare words spelt as listed: a
    typo in them ("Raul Marques" for "ARRIOLA MARQUEZ, Luis Raul") is another person."""
    return all(
        matched.get(k, 0.0) >= 1.0
        for k, (t, m) in enumerate(zip(query.tokens, query.match, strict=True))
        if m >= 0.9 and len(t) >= 4
    )


def _differs(form: NameForm, matched: dict[int, float], config: MatchConfig) -> bool:
    """An unmatched token that names something (not a particle, business word or number)."""
    return any(k not in matched and m >= config.min_miss_weight for k, m in enumerate(form.miss))


def describe(query: NameForm, listed: NameForm, result: NameScore) -> str:
    """Which tokens matched which, and which were left over; only built for hits."""
    by_q: dict[int, list[tuple[int, float]]] = {}
    by_l: dict[int, list[int]] = {}
    for i, j, sim in result.pairs:
        by_q.setdefault(i, []).append((j, sim))
        by_l.setdefault(j, []).append(i)
    parts = []
    for i, matches in by_q.items():
        js = [j for j, _ in matches]
        if len(by_l[js[0]]) > 1:  # two query tokens written as one listed token
            if by_l[js[0]][0] != i:
                continue
            a = "+".join(query.raw[k] for k in by_l[js[0]])
            b = listed.raw[js[0]]
        elif len(js) > 1:
            a, b = query.raw[i], "+".join(listed.raw[j] for j in js)
        else:
            a, b = query.tokens[i], listed.tokens[js[0]]
        sim = matches[0][1]
        parts.append(f"{a}={b}" if sim == 1.0 else f"{a}~{b} {sim:.2f}")
    text = "matched " + (", ".join(parts) or "nothing")
    left_q = [t for i, t in enumerate(query.tokens) if i not in by_q]
    left_l = [t for j, t in enumerate(listed.tokens) if j not in by_l]
    if left_q:
        text += "; unmatched query: " + " ".join(left_q)
    if left_l:
        text += "; unmatched listed: " + " ".join(left_l)
    if result.conflict:
        text += "; different words on both sides"
    return text
