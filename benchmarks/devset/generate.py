"""Build the labelled dev set from the real lists: deterministic, one seed, no network.

    python benchmarks/devset/generate.py --lists ../shared/data/lists \
        -o benchmarks/devset/devset.csv

Positives are listed names turned into the variants real parties are written in (one row per
variant kind and entity); negatives are ordinary names of people, firms and ships from many
locales and scripts, plus hard negatives that share a frequent token with listed names. Any
negative that is a listed name up to order, transliteration, legal form, one dropped middle
name or one character is dropped, so every label stays right. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import itertools

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from benchmarks.common import (
    DEFAULT_LISTS,
    DEVSET_COLUMNS,
    DEVSET_CSV,
    load_snapshot,
    name_key,
    name_tokens,
)
from benchmarks.devset import names as T

SEED = 20_241_129
POSITIVES_PER_VARIANT = 200
# Share of draws per entity kind, so vessels and aircraft are not drowned by persons.
KIND_WEIGHT = {"person": 4.0, "organization": 4.0, "vessel": 2.0, "aircraft": 0.5, "unknown": 0.5}
NEGATIVES = {"person": 34, "company": 22}  # per locale
HARD_NEGATIVES = {"vessel": 100, "hard_given_name": 200, "hard_trading": 150, "hard_al": 150}
HARD_SWAPPED = 200
DRAWS = 3  # raw draws per kept negative: the listed-name filter and de-duplication drop some


@dataclass(frozen=True, slots=True)
class Listed:
    source: str
    entity_id: str
    kind: str
    name: str
    aliases: tuple[tuple[str, str, str], ...]  # (name, type, quality)
    countries: tuple[str, ...] = ()


Made = tuple[str, str] | None  # (query, original listed name) or "variant does not apply"


# --- small text helpers -------------------------------------------------------------------


def is_latin(text: str) -> bool:
    return all(not c.isalpha() or "LATIN" in unicodedata.name(c, "") for c in text)


def is_cyrillic(text: str) -> bool:
    return any("CYRILLIC" in unicodedata.name(c, "") for c in text if c.isalpha())


def like_case(word: str, template: str) -> str:
    """Spell `word` in the case style of `template` (UPPER, Title or lower)."""
    if template.isupper():
        return word.upper()
    if template[:1].isupper():
        return word.title()
    return word.lower()


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip(" ,")


def natural_order(name: str) -> list[str]:
    """OFAC style "SURNAME, Given Names" to ["Given", "Names", "SURNAME"]."""
    if "," in name:
        surname, given = name.split(",", 1)
        return given.split() + surname.split()
    return name.split()


PARTICLES = {p.casefold() for p in T.JOIN_PARTICLES} | {"bint", "bin", "ibn"}
PATRONYMIC = ("VICH", "VNA", "OGLU", "KYZY", "ICH")


# --- positive variants --------------------------------------------------------------------


def v_exact(e: Listed, rng: random.Random) -> Made:
    return (e.name, e.name) if len(name_key(e.name)) >= 4 else None


def v_case_punct(e: Listed, rng: random.Random) -> Made:
    text = e.name
    if rng.random() < 0.7:
        text = re.sub(r"[-/]", " ", text)
        text = re.sub(r"[^\w\s]", "", text)
    if text.isupper():
        text = text.title() if rng.random() < 0.6 else text.lower()
    else:
        text = text.upper() if rng.random() < 0.5 else text.lower()
    text = squash(text)
    return (text, e.name) if text != e.name and name_tokens(text) else None


def v_reorder(e: Listed, rng: random.Random) -> Made:
    if e.kind != "person":
        return None
    tokens = natural_order(e.name)
    if len(tokens) < 2:
        return None
    if "," in e.name and rng.random() < 0.7:
        query = " ".join(tokens)
    elif len(tokens) >= 3 and rng.random() < 0.5:
        shuffled = tokens[:]
        while shuffled == tokens:
            rng.shuffle(shuffled)
        query = " ".join(shuffled)
    else:
        query = " ".join([tokens[-1], *tokens[:-1]])
    return (query, e.name) if query.replace(",", "") != e.name.replace(",", "") else None


def v_drop_middle(e: Listed, rng: random.Random) -> Made:
    if e.kind != "person":
        return None
    tokens = natural_order(e.name)
    if "," in e.name:
        given_count = len(e.name.split(",", 1)[1].split())
        middle = list(range(1, given_count))
    else:
        middle = list(range(1, len(tokens) - 1))
    patronymics = [i for i, t in enumerate(tokens) if t.upper().endswith(PATRONYMIC)]
    middle = [
        i
        for i in middle
        if len(tokens[i]) > 2
        and tokens[i].casefold() not in PARTICLES
        and tokens[i - 1].casefold() not in PARTICLES
    ]
    if len(tokens) < 3 or not (patronymics or middle):
        return None
    drop = rng.choice(patronymics or middle)
    return " ".join(t for i, t in enumerate(tokens) if i != drop), e.name


def _typo(word: str, rng: random.Random) -> str:
    """One keyboard slip past the first letter: substitute, delete, insert or transpose."""
    chars = list(word.lower())
    i = rng.randrange(1, len(chars))
    op = rng.choice(("sub", "del", "ins", "swap"))
    if op == "sub":
        chars[i] = rng.choice(T.KEYBOARD_NEIGHBOURS.get(chars[i], "e"))
    elif op == "del":
        del chars[i]
    elif op == "ins":
        chars.insert(
            i, rng.choice((chars[i], rng.choice(T.KEYBOARD_NEIGHBOURS.get(chars[i], "a"))))
        )
    elif i < len(chars) - 1:
        chars[i], chars[i + 1] = chars[i + 1], chars[i]
    else:
        chars[i - 1], chars[i] = chars[i], chars[i - 1]
    return like_case("".join(chars), word)


def v_typo(e: Listed, rng: random.Random) -> Made:
    long_words = list(re.finditer(r"[A-Za-z]{6,}", e.name))
    if not long_words:
        return None
    m = rng.choice(long_words)
    word = m.group()
    edits = 1 if len(word) < 9 else rng.choice((1, 2))
    typo = word
    while typo == word:
        typo = word
        for _ in range(edits):
            typo = _typo(typo, rng)
    return e.name[: m.start()] + typo + e.name[m.end() :], e.name


TRANSLIT = {w: group for group in T.TRANSLIT_GROUPS for w in group}


def v_translit(e: Listed, rng: random.Random) -> Made:
    if not is_latin(e.name):
        return None
    options: list[tuple[int, int, str]] = []  # (start, end, replacement)
    for m in re.finditer(r"[A-Za-z]+", e.name):
        word, upper = m.group(), m.group().upper()
        if upper in TRANSLIT:
            alt = rng.choice([w for w in TRANSLIT[upper] if w != upper])
            options.append((m.start(), m.end(), like_case(alt, word)))
        for old, new in T.TRANSLIT_SUFFIXES:
            if upper.endswith(old) and len(upper) > len(old) + 2:
                options.append((m.start(), m.end(), like_case(upper[: -len(old)] + new, word)))
    for m in re.finditer(r"\b(ABDUL|ABD[ -]AL|ABDEL|ABD[ -]EL)\b[ -]?", e.name, re.IGNORECASE):
        current = m.group(1).upper().replace("-", " ")
        alt = rng.choice([f for f in T.ABD_FORMS if f != current])
        options.append((m.start(), m.end(), like_case(alt, m.group(1)) + " "))
    if not options:
        return None
    start, end, replacement = rng.choice(options)
    return squash(e.name[:start] + replacement + e.name[end:]), e.name


def _form_pattern(form: str) -> str:
    return r"\W*".join(re.escape(t) for t in re.findall(r"[A-Za-z]+", form))


LEGAL_FORMS = sorted(
    ((form, group) for group in T.LEGAL_FORM_GROUPS for form in group),
    key=lambda fg: -len(fg[0]),
)
RUSSIAN_FORMS = {"OOO", "AO", "OAO", "ZAO", "PAO"}


def v_legal_form(e: Listed, rng: random.Random) -> Made:
    if e.kind != "organization" or not is_latin(e.name):
        return None
    for form, group in LEGAL_FORMS:
        pat = _form_pattern(form)
        at_end = re.search(rf"(?:^|[\s,]+)({pat})\W*$", e.name, re.IGNORECASE)
        at_start = re.match(rf"^\W*({pat})\b\W*", e.name, re.IGNORECASE)
        m = at_end or at_start
        if m is None:
            continue
        rest = squash((e.name[: m.start()] + " " + e.name[m.end() :]).replace('"', ""))
        if len(name_key(rest)) < 4:
            return None
        if rng.random() < 0.3:
            return rest, e.name
        alt = like_case(rng.choice([f for f in group if f != form.upper()]), rest)
        if at_start and not at_end and alt.upper() in RUSSIAN_FORMS:
            return f"{alt} {rest}", e.name
        return f"{rest} {alt}", e.name
    added = like_case(rng.choice(T.ADDED_LEGAL_FORMS), e.name)
    return f"{e.name}{rng.choice((' ', ', '))}{added}", e.name


def v_alias(e: Listed, rng: random.Random) -> Made:
    primary = name_key(e.name)
    usable = [
        name
        for name, type_, quality in e.aliases
        if quality == "strong"
        and type_ != "original_script"
        and is_latin(name)
        and len(name_key(name)) >= 6
        and name_key(name) != primary
    ]
    if not usable:
        return None
    alias = rng.choice(usable)
    return alias, alias


def _to_cyrillic(word: str) -> str:
    upper, out, i = word.upper(), [], 0
    vowels = "AEIOUY"
    while i < len(upper):
        if upper[i] == "Y" and upper[i : i + 2] not in ("YU", "YA", "YO", "YE"):
            after_vowel = i > 0 and upper[i - 1] in vowels
            out.append("Й" if after_vowel else ("ИЙ" if i == len(upper) - 1 else "Ы"))
            i += 1
            continue
        for latin, cyr in T.LATIN_TO_CYRILLIC:
            if upper.startswith(latin, i):
                out.append(cyr)
                i += len(latin)
                break
        else:
            out.append(upper[i])
            i += 1
    return "".join(out).capitalize()


POST_SOVIET = {"RU", "BY", "UA", "KZ", "KG", "TJ", "UZ", "TM", "AM", "AZ", "GE", "MD"}


def russian_looking(e: Listed) -> bool:
    """A patronymic, two Russian name endings, or one ending on a post-Soviet listing."""
    words = [w.upper() for w in re.findall(r"[A-Za-z]+", e.name)]
    endings = sum(len(w) >= 5 and w.endswith(T.RUSSIAN_ENDINGS) for w in words)
    patronymic = any(w.endswith(("VICH", "VNA")) for w in words)
    return patronymic or endings >= 2 or (endings == 1 and bool(POST_SOVIET & set(e.countries)))


def v_cyrillic(e: Listed, rng: random.Random) -> Made:
    if e.kind not in ("person", "organization"):
        return None
    originals = [name for name, _, _ in e.aliases if is_cyrillic(name)]
    latin_ok = is_latin(e.name) and russian_looking(e)
    if originals and (not latin_ok or rng.random() < 0.5):
        alias = rng.choice(originals)
        return alias, alias
    if not latin_ok:
        return None
    text = e.name.replace(",", " ")
    for phrase, form in T.CYRILLIC_LEGAL_PHRASES:
        text = re.sub(rf"\b{phrase}\b", form, text, flags=re.IGNORECASE)
    words = []
    for word in re.findall(r"[A-Za-z']+|[А-Я]{2,3}(?![а-я])", text):
        form = T.CYRILLIC_LEGAL_FORMS.get(word.upper(), word if is_cyrillic(word) else None)
        words.append(form or _to_cyrillic(word.replace("'", "")))
    return " ".join(words), e.name


def v_joined(e: Listed, rng: random.Random) -> Made:
    particles = "|".join(T.JOIN_PARTICLES)
    spots = [
        m.span(2) for m in re.finditer(rf"\b({particles})([\s-]+)(?=[A-Za-z]{{3,}})", e.name, re.I)
    ]
    spots += [m.span(1) for m in re.finditer(r"\b[A-Za-z]{2,}(-)[A-Za-z]{2,}\b", e.name)]
    if not spots and e.kind in ("organization", "vessel"):
        words = list(re.finditer(r"[A-Za-z]+", e.name))
        spots = [
            (a.end(), b.start())
            for a, b in itertools.pairwise(words)
            if e.name[a.end() : b.start()] == " "
            and min(len(a.group()), len(b.group())) >= 3
            and max(len(a.group()), len(b.group())) <= 7
            and a.group().casefold() not in T.LEGAL_TOKENS
            and b.group().casefold() not in T.LEGAL_TOKENS
        ]
    if not spots:
        return None
    start, end = rng.choice(spots)
    return e.name[:start] + e.name[end:], e.name


def _trailing_form(name: str) -> str:
    """The legal form closing a name, with its leading separator; "" when there is none."""
    for form, _ in LEGAL_FORMS:
        m = re.search(rf"(?:^|[\s,]+)({_form_pattern(form)})\W*$", name, re.IGNORECASE)
        if m:
            return name[m.start() :]
    return ""


def v_noise(e: Listed, rng: random.Random) -> Made:
    if e.kind == "person":
        query = f"{rng.choice(T.NOISE_PERSON_PREFIX)} {' '.join(natural_order(e.name))}"
    elif e.kind == "organization":
        if rng.random() < 0.5:
            query = f"{rng.choice(T.NOISE_ORG_PREFIX)} {e.name}"
        else:  # "ACME LTD" -> "ACME Group LTD": the word goes before a closing legal form
            word, form = rng.choice(T.NOISE_ORG_SUFFIX), _trailing_form(e.name)
            query = f"{e.name[: len(e.name) - len(form)].rstrip(' ,')} {word}{form}"
    elif e.kind == "vessel":
        query = f"{rng.choice(T.NOISE_VESSEL_PREFIX)} {e.name}"
    else:
        return None
    return query, e.name


VARIANTS: dict[str, Callable[[Listed, random.Random], Made]] = {
    "exact": v_exact,
    "case_punct": v_case_punct,
    "reorder": v_reorder,
    "drop_middle": v_drop_middle,
    "typo": v_typo,
    "translit": v_translit,
    "legal_form": v_legal_form,
    "alias": v_alias,
    "cyrillic": v_cyrillic,
    "joined": v_joined,
    "noise": v_noise,
}


def sample_positives(
    entities: list[Listed], variant: str, n: int, seed: int = SEED
) -> list[dict[str, str]]:
    """Up to `n` rows of one variant, drawn across (source, kind) groups so every list and
    kind is represented; each entity at most once per variant."""
    rng = random.Random(f"{seed}:{variant}")
    make = VARIANTS[variant]
    groups: dict[tuple[str, str], list[Listed]] = {}
    for e in entities:
        groups.setdefault((e.source, e.kind), []).append(e)
    for bucket in groups.values():
        rng.shuffle(bucket)
    active = sorted(groups)
    rows: list[dict[str, str]] = []
    while len(rows) < n and active:
        group = rng.choices(active, weights=[KIND_WEIGHT.get(k, 0.5) for _, k in active])[0]
        if not groups[group]:
            active.remove(group)
            continue
        e = groups[group].pop()
        made = make(e, rng)
        if made is None or not name_tokens(made[0]):
            continue
        query, original = made
        rows.append(
            {
                "label": "positive",
                "variant": variant,
                "query": query,
                "kind": e.kind,
                "expected_source": e.source,
                "expected_entity_id": e.entity_id,
                "original_name": original,
                "locale": "",
            }
        )
    return rows


# --- negatives ----------------------------------------------------------------------------


def person_name(loc: T.Locale, rng: random.Random) -> str:
    given, family = rng.choice(loc.given), rng.choice(loc.family)
    if loc.joiner == "":
        return family + given
    if loc.code == "vi":
        return f"{family} {rng.choice(('Văn', 'Thị', 'Đức', 'Minh', 'Thanh'))} {given}"
    if loc.family_first:
        return f"{family} {given}" if rng.random() < 0.7 else f"{given} {family}"
    if loc.code == "es" and rng.random() < 0.5:
        family = f"{family} {rng.choice(loc.family)}"
    r = rng.random()
    if r < 0.15:
        return f"{given} {rng.choice(loc.given)} {family}"
    if r < 0.3 and is_latin(family):
        return f"{family.upper()}, {given}"
    if r < 0.4:
        return f"{given} {family}".upper()
    return f"{given} {family}"


def company_name(loc: T.Locale, rng: random.Random) -> str:
    stem, sector, form = (
        rng.choice(loc.company_stems),
        rng.choice(loc.company_sectors),
        rng.choice(loc.legal_forms),
    )
    if loc.joiner == "":
        return (
            form + stem + sector
            if form.startswith("株式") and rng.random() < 0.5
            else (stem + sector + form)
        )
    if loc.code in ("ru_latn", "ru_cyrl"):
        word = stem + sector.lower()
        return (
            f"{form} «{word}»"
            if loc.code == "ru_cyrl"
            else rng.choice((f'{form} "{word}"', f"{word} {form}"))
        )
    if loc.code == "ko_hang":
        return f"{form} {stem}{sector}"
    if loc.code == "ar_arab":
        return f"شركة {stem} {sector} {form}"
    if loc.code == "vi" and form.startswith("Công"):
        return f"{form} {sector} {stem}"
    return f"{stem} {sector} {form}"


def _negative(variant: str, query: str, kind: str, locale: str) -> dict[str, str]:
    return {
        "label": "negative",
        "variant": variant,
        "query": query,
        "kind": kind,
        "expected_source": "",
        "expected_entity_id": "",
        "original_name": "",
        "locale": locale,
    }


def raw_negatives(entities: list[Listed], rng: random.Random) -> list[dict[str, str]]:
    rows = []
    for loc in T.LOCALES:
        rows += [
            _negative("person", person_name(loc, rng), "person", loc.code)
            for _ in range(NEGATIVES["person"] * DRAWS)
        ]
        rows += [
            _negative("company", company_name(loc, rng), "organization", loc.code)
            for _ in range(NEGATIVES["company"] * DRAWS)
        ]
    for _ in range(HARD_NEGATIVES["vessel"] * DRAWS):
        name = f"{rng.choice(T.VESSEL_WORDS_A)} {rng.choice(T.VESSEL_WORDS_B)}"
        rows.append(_negative("vessel", name, "vessel", "any"))
    for _ in range(HARD_NEGATIVES["hard_given_name"] * DRAWS):
        given = rng.choice(T.COMMON_LISTED_GIVEN)
        name = f"{given.title()} {rng.choice(T.HARD_SURNAMES)}"
        rows.append(_negative("hard_given_name", name, "person", "any"))
    for _ in range(HARD_NEGATIVES["hard_trading"] * DRAWS):
        name = rng.choice(T.HARD_TRADING_PATTERNS).format(w=rng.choice(T.HARD_COMPANY_WORDS))
        rows.append(_negative("hard_trading", name, "organization", "any"))
    for _ in range(HARD_NEGATIVES["hard_al"] * DRAWS):
        name = rng.choice(T.HARD_AL_PATTERNS).format(w=rng.choice(T.HARD_AL_WORDS))
        rows.append(_negative("hard_al", name, "organization", "any"))
    return rows + swapped_negatives(entities, rng)


def swapped_negatives(entities: list[Listed], rng: random.Random) -> list[dict[str, str]]:
    """Listed company names with their rarest word swapped for an unrelated one."""
    df = Counter(t for e in entities for t in set(name_tokens(e.name)))
    orgs = [e for e in entities if e.kind == "organization" and is_latin(e.name)]
    rng.shuffle(orgs)
    rows = []
    for e in orgs:
        words = [
            m
            for m in re.finditer(r"[A-Za-z]{4,}", e.name)
            if m.group().casefold() not in T.LEGAL_TOKENS
        ]
        if not 2 <= len(words) <= 3:  # the swapped word is a third of the name or more
            continue
        m = min(words, key=lambda w: (df[w.group().casefold()], -len(w.group())))
        new = rng.choice([w for w in T.SWAP_WORDS if fuzz.ratio(w.lower(), m.group().lower()) < 50])
        query = e.name[: m.start()] + like_case(new, m.group()) + e.name[m.end() :]
        rows.append(_negative("hard_swapped", query, "organization", "listed"))
        if len(rows) == HARD_SWAPPED * DRAWS:
            break
    return rows


CANONICAL = {w.casefold(): group[0].casefold() for w, group in TRANSLIT.items()}
SUFFIX_CANON = (
    ("skiy", "sky"),
    ("skii", "sky"),
    ("ski", "sky"),
    ("iy", "y"),
    ("ii", "y"),
    ("yeva", "eva"),
    ("yev", "ev"),
    ("off", "ov"),
)


def loose_tokens(name: str) -> list[str]:
    """Tokens with legal forms and honorifics dropped and spellings folded: two names with
    equal loose tokens are one name to a screener."""
    text = re.sub(r"\babd[\s-]+[ae]l\b|\babdel\b", "abdul", " ".join(name_tokens(name)))
    out = []
    for token in text.split():
        if token in T.LEGAL_TOKENS:
            continue
        token = CANONICAL.get(token, token)
        for old, new in SUFFIX_CANON:
            if token.endswith(old) and len(token) > len(old) + 2:
                token = token[: -len(old)] + new
                break
        out.append(token)
    return out


def listed_keys(entities: list[Listed]) -> set[str]:
    """Loose keys of every listed name, and of every long name with one token dropped."""
    keys: set[str] = set()
    for e in entities:
        for name in (e.name, *(a[0] for a in e.aliases)):
            tokens = loose_tokens(name)
            keys.add(" ".join(sorted(tokens)))
            if len(tokens) >= 3:
                for i in range(len(tokens)):
                    keys.add(" ".join(sorted(tokens[:i] + tokens[i + 1 :])))
    keys.discard("")
    return keys


def contains_listed(tokens: list[str], reserved: set[str]) -> bool:
    """A listed name of 2+ tokens plus one extra word ("REDWOOD ISLAMIC JIHAD") is a hit."""
    return len(tokens) >= 3 and any(
        " ".join(sorted(tokens[:i] + tokens[i + 1 :])) in reserved for i in range(len(tokens))
    )


def keep_true_negatives(rows: list[dict[str, str]], entities: list[Listed]) -> list[dict[str, str]]:
    """Drop duplicates and any negative that is a listed name (loosely), a listed name plus
    one word, or one edit from a listed name."""
    reserved = listed_keys(entities)
    by_length: dict[int, list[str]] = {}
    for key in sorted(reserved):
        by_length.setdefault(len(key), []).append(key)
    kept, seen = [], set()
    for row in rows:
        tokens = loose_tokens(row["query"])
        key = " ".join(sorted(tokens))
        exact = name_key(row["query"])
        if not key or exact in seen or key in reserved or contains_listed(tokens, reserved):
            continue
        seen.add(exact)
        near = (
            process.extractOne(
                key, by_length.get(n, []), scorer=Levenshtein.distance, score_cutoff=1
            )
            for n in (len(key) - 1, len(key), len(key) + 1)
        )
        if all(found is None for found in near):
            kept.append(row)
    return kept


def target(row: dict[str, str]) -> int:
    if row["variant"] in NEGATIVES:
        return NEGATIVES[row["variant"]]
    return HARD_NEGATIVES.get(row["variant"], HARD_SWAPPED)


def cap_negatives(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """The first `target` kept rows of each (negative kind, locale)."""
    taken: Counter[tuple[str, str]] = Counter()
    out = []
    for row in rows:
        group = (row["variant"], row["locale"])
        if taken[group] < target(row):
            taken[group] += 1
            out.append(row)
    return out


# --- main ---------------------------------------------------------------------------------


def load_listed(lists_dir: Path) -> list[Listed]:
    frame = load_snapshot(lists_dir).entities
    rows = frame.select("source", "entity_id", "kind", "name", "aliases", "countries").iter_rows()
    return [
        Listed(
            source,
            entity_id,
            kind,
            name,
            tuple((a["name"], a["type"], a["quality"]) for a in aliases or () if a["name"]),
            tuple(countries or ()),
        )
        for source, entity_id, kind, name, aliases, countries in rows
        if name
    ]


def generate(entities: list[Listed], seed: int = SEED) -> list[dict[str, str]]:
    rows = []
    for variant in VARIANTS:
        rows += sample_positives(entities, variant, POSITIVES_PER_VARIANT, seed)
    negatives = keep_true_negatives(raw_negatives(entities, random.Random(seed)), entities)
    rows += cap_negatives(negatives)
    for i, row in enumerate(rows, 1):
        row["id"] = f"{'p' if row['label'] == 'positive' else 'n'}{i:05d}"
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lists", type=Path, default=DEFAULT_LISTS)
    parser.add_argument("-o", "--output", type=Path, default=DEVSET_CSV)
    parser.add_argument(
        "--seed",
        type=int,
        default=SEED,
        help="another seed draws a held-out set (other entities, other perturbations)",
    )
    args = parser.parse_args(argv)
    entities = load_listed(args.lists)
    rows = generate(entities, args.seed)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    with args.output.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=DEVSET_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    counts = Counter((r["label"], r["variant"]) for r in rows)
    for (label, variant), n in sorted(counts.items()):
        print(f"{label:9} {variant:16} {n:5d}")
    print(f"{len(rows)} rows from {len(entities)} listed entities -> {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
