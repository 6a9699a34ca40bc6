"""Build the held-out evaluation set: error models the matcher was not tuned on.

    python benchmarks/heldout/generate.py [--lists DIR] [-o benchmarks/heldout/heldout.csv]

Independent of `benchmarks/devset` by construction: other seed, entities drawn by a salted
hash (not the dev set's weighted shuffle), perturbations written from error models of how
names get mangled in real declarations (keyboard and OCR slips, first-letter and short-word
typos, transpositions, doubled letters, dropped and merged words, phonetic respellings,
vessel-name variants, evasion with look-alike characters, invisible code points, letter
spacing, digits for letters, emoji and added words), junk names that must never hit, and
negatives from Faker's locale name tables (a library the dev set does not use). Same rows for
the same lists and seed; the provenance is written beside the CSV.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import re
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from faker import Faker

from benchmarks.common import DEFAULT_LISTS, DEVSET_COLUMNS, name_tokens
from benchmarks.devset.generate import Listed, is_latin, keep_true_negatives, load_listed

HERE = Path(__file__).resolve().parent
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
HELDOUT_CSV = HERE / "heldout.csv"
SEED = 20_261_130
PER_KIND = 120
KIND_SHARE = {"person": 0.45, "organization": 0.4, "vessel": 0.1, "aircraft": 0.05}

KEYBOARD = {
    r: row[i - 1 : i] + row[i + 1 : i + 2]
    for row in ("qwertyuiop", "asdfghjkl", "zxcvbnm")
    for i, r in enumerate(row)
}
OCR = [
    ("m", "rn"),
    ("rn", "m"),
    ("d", "cl"),
    ("o", "0"),
    ("l", "1"),
    ("i", "l"),
    ("s", "5"),
    ("b", "8"),
    ("w", "vv"),
    ("e", "c"),
    ("h", "b"),
    ("u", "v"),
    ("n", "h"),
    ("g", "q"),
]
PHONETIC = [
    ("ph", "f"),
    ("f", "ph"),
    ("ck", "k"),
    ("c", "k"),
    ("k", "c"),
    ("v", "w"),
    ("w", "v"),
    ("y", "i"),
    ("i", "y"),
    ("ou", "u"),
    ("u", "ou"),
    ("sh", "sch"),
    ("j", "dj"),
    ("q", "k"),
    ("z", "s"),
    ("s", "z"),
    ("ei", "ai"),
    ("ie", "i"),
    ("kh", "h"),
    ("th", "t"),
    ("x", "ks"),
    ("ee", "i"),
    ("oo", "u"),
    ("dh", "d"),
]
CONFUSABLE = {
    "A": "А",
    "B": "В",
    "C": "С",
    "E": "Е",
    "H": "Н",
    "K": "К",
    "M": "М",
    "O": "О",
    "P": "Р",
    "T": "Т",
    "X": "Х",
    "a": "а",
    "c": "с",
    "e": "е",
    "o": "о",
    "p": "р",
    "x": "х",
    "y": "у",
    "I": "Ι",
    "N": "Ν",
    "Z": "Ζ",
}
INVISIBLE = [
    "\u200b",
    "\u200c",
    "\u200d",
    "\u2060",
    "\u00ad",
    "\ufeff",
    "\U000e0020",
    "\U000e0041",
    "\u180e",
]
DIGITS = {"o": "0", "i": "1", "l": "1", "e": "3", "a": "4", "s": "5", "b": "8", "t": "7"}
EMOJI = ["🚢", "✅", "⭐", "🔥", "🌍", "💼"]
EXTRA = [
    "Hamburg Branch",
    "Trading House",
    "Dubai Office",
    "International",
    "Group Holding",
    "Representative Office",
    "(Branch)",
    "Head Office Tehran",
]
JUNK = [
    "LLC",
    "L.L.C.",
    "Ltd",
    "Co., Ltd.",
    "the the the",
    "The",
    "THE THE THE THE THE",
    "Company",
    "Limited Liability Company",
    "Inc.",
    "GmbH",
    "S.A.",
    "al al al al",
    "N/A",
    "Unknown",
    "-",
    "...",
    "Mr",
    "Dr.",
    "and",
    "of the",
    "JSC",
    "OOO",
    "&",
    "LLC LLC",
    "Trading LLC",
    "Group",
    "the of and",
    "bin bin",
    "Sheikh",
]
FAKER_LOCALES = [
    "en_US",
    "en_GB",
    "de_DE",
    "fr_FR",
    "es_ES",
    "it_IT",
    "pt_BR",
    "pl_PL",
    "tr_TR",
    "nl_NL",
    "ru_RU",
    "uk_UA",
    "ar_AA",
    "fa_IR",
    "he_IL",
    "zh_CN",
    "zh_TW",
    "ja_JP",
    "ko_KR",
    "th_TH",
    "hi_IN",
    "vi_VN",
    "id_ID",
    "en_IN",
]


def words(name: str) -> list[re.Match[str]]:
    return list(re.finditer(r"[^\W\d_]+", name))


def replace_at(text: str, start: int, end: int, new: str) -> str:
    return text[:start] + new + text[end:]


def edit(word: str, rng: random.Random, at: int | None = None) -> str:
    """One keyboard slip anywhere (or at `at`): substitute, delete, insert or transpose."""
    i = rng.randrange(len(word)) if at is None else at
    op = rng.choice(("sub", "sub", "del", "ins", "swap"))
    c = word[i].lower()
    near = KEYBOARD.get(c, "e")
    new = rng.choice(near).upper() if word[i].isupper() else rng.choice(near)
    if op == "sub":
        return word[:i] + new + word[i + 1 :]
    if op == "del" and len(word) > 2:
        return word[:i] + word[i + 1 :]
    if op == "swap" and i + 1 < len(word):
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return word[:i] + new + word[i:]


def like(word: str, template: str) -> str:
    return word.upper() if template.isupper() else word


# --- error models: (name, rng) -> query or None when the model does not apply -------------


def e_keyboard(name: str, rng: random.Random) -> str | None:
    ws = [m for m in words(name) if len(m.group()) >= 3]
    if not ws:
        return None
    m = rng.choice(ws)
    i = rng.randrange(len(m.group()))
    c = m.group()[i]
    sub = rng.choice(KEYBOARD.get(c.lower(), "e"))
    return replace_at(name, m.start() + i, m.start() + i + 1, like(sub, c) if c.isupper() else sub)


def e_ocr(name: str, rng: random.Random) -> str | None:
    options = [
        (m.start() + k.start(), m.start() + k.end(), new)
        for m in words(name)
        if len(m.group()) >= 4
        for old, new in OCR
        for k in re.finditer(old, m.group(), re.I)
    ]
    if not options:
        return None
    start, end, new = rng.choice(options)
    return replace_at(name, start, end, like(new, name[start:end]))


def e_first_letter(name: str, rng: random.Random) -> str | None:
    ws = [m for m in words(name) if len(m.group()) >= 4]
    if not ws:
        return None
    m = rng.choice(ws)
    return replace_at(name, m.start(), m.end(), edit(m.group(), rng, at=0))


def e_short_token(name: str, rng: random.Random) -> str | None:
    ws = [m for m in words(name) if len(m.group()) == 3]
    if not ws or len(words(name)) < 2:
        return None
    m = rng.choice(ws)
    w = m.group()
    i = rng.randrange(3)
    sub = rng.choice(KEYBOARD.get(w[i].lower(), "e"))
    return replace_at(name, m.start() + i, m.start() + i + 1, like(sub, w[i]))


def e_transpose(name: str, rng: random.Random) -> str | None:
    ws = [m for m in words(name) if len(m.group()) >= 4]
    if not ws:
        return None
    m = rng.choice(ws)
    w = m.group()
    i = rng.randrange(len(w) - 1)
    if w[i] == w[i + 1]:
        return None
    return replace_at(name, m.start(), m.end(), w[:i] + w[i + 1] + w[i] + w[i + 2 :])


def e_doubled(name: str, rng: random.Random) -> str | None:
    ws = [m for m in words(name) if len(m.group()) >= 4]
    if not ws:
        return None
    m = rng.choice(ws)
    w = m.group()
    pairs = [i for i in range(len(w) - 1) if w[i] == w[i + 1]]
    if pairs and rng.random() < 0.5:
        i = rng.choice(pairs)
        return replace_at(name, m.start(), m.end(), w[:i] + w[i + 1 :])
    i = rng.randrange(1, len(w))
    return replace_at(name, m.start(), m.end(), w[:i] + w[i] + w[i:])


def e_two_edits(name: str, rng: random.Random) -> str | None:
    ws = [m for m in words(name) if len(m.group()) >= 5]
    if not ws:
        return None
    if len(ws) >= 2 and rng.random() < 0.5:
        a, b = sorted(rng.sample(ws, 2), key=lambda m: m.start())
        return (
            name[: a.start()]
            + edit(a.group(), rng)
            + name[a.end() : b.start()]
            + edit(b.group(), rng)
            + name[b.end() :]
        )
    long = [m for m in ws if len(m.group()) >= 9]
    if not long:
        return None
    m = rng.choice(long)
    return replace_at(name, m.start(), m.end(), edit(edit(m.group(), rng), rng))


def e_rarest_typo(name: str, rng: random.Random, df: dict[str, int]) -> str | None:
    ws = [m for m in words(name) if len(m.group()) >= 4]
    if not ws:
        return None
    m = min(ws, key=lambda m: (df.get(m.group().lower(), 0), m.start()))
    return replace_at(name, m.start(), m.end(), edit(m.group(), rng))


def e_drop_token(name: str, rng: random.Random) -> str | None:
    ws = words(name)
    if len(ws) < 4:
        return None
    m = rng.choice(ws[1:])
    return re.sub(r"\s+", " ", replace_at(name, m.start(), m.end(), "")).strip(" ,")


def e_merge_tokens(name: str, rng: random.Random) -> str | None:
    gaps = [m for m in re.finditer(r"(?<=[^\W\d_]) (?=[^\W\d_])", name)]
    if not gaps:
        return None
    m = rng.choice(gaps)
    return replace_at(name, m.start(), m.end(), "")


def e_phonetic(name: str, rng: random.Random) -> str | None:
    options = [
        (m.start() + k.start(), m.start() + k.end(), new)
        for m in words(name)
        if len(m.group()) >= 4
        for old, new in PHONETIC
        for k in re.finditer(old, m.group()[1:], re.I)
    ]
    if not options:
        return None
    start, end, new = rng.choice(options)
    return replace_at(name, start + 1, end + 1, like(new, name[start + 1 : end + 1]))


def e_vessel(name: str, rng: random.Random) -> str | None:
    choice = rng.randrange(5)
    if choice == 0:
        return rng.choice(["MV ", "M/V ", "MT ", "M.V. ", "SS "]) + name
    if choice == 1:
        return (
            re.sub(r"(?<=[A-Za-z]) (?=\d)", rng.choice(["-", "", " NO. "]), name)
            if re.search(r"[A-Za-z] \d", name)
            else None
        )
    if choice == 2:
        return e_first_letter(name, rng) or e_keyboard(name, rng)
    if choice == 3:
        return e_keyboard(name, rng)
    return e_merge_tokens(name, rng) or e_transpose(name, rng)


def ev_confusable(name: str, rng: random.Random) -> str | None:
    spots = [i for i, c in enumerate(name) if c in CONFUSABLE]
    if not spots:
        return None
    out = list(name)
    for i in rng.sample(spots, max(1, len(spots) // 2)):
        out[i] = CONFUSABLE[out[i]]
    return "".join(out)


def ev_invisible(name: str, rng: random.Random) -> str | None:
    out = []
    for c in name:
        out.append(c)
        if c.isalpha() and rng.random() < 0.3:
            out.append(rng.choice(INVISIBLE))
    return "".join(out)


def ev_spacing(name: str, rng: random.Random) -> str | None:
    sep = rng.choice([" ", "-", ".", " "])
    toks = name_tokens(name)
    if not toks or len(toks) > 4:
        return None
    return "  ".join(sep.join(t.upper()) for t in toks)


def ev_glued(name: str, rng: random.Random) -> str | None:
    toks = [m.group() for m in words(name)]
    return "".join(toks).upper() if 2 <= len(toks) <= 3 else None


def ev_digits(name: str, rng: random.Random) -> str | None:
    spots = [i for i, c in enumerate(name) if c.lower() in DIGITS]
    if not spots:
        return None
    out = list(name)
    for i in rng.sample(spots, min(len(spots), rng.choice((1, 2)))):
        out[i] = DIGITS[out[i].lower()]
    return "".join(out)


def ev_emoji(name: str, rng: random.Random) -> str | None:
    parts = name.split()
    if len(parts) < 2:
        return None
    i = rng.randrange(1, len(parts))
    return " ".join([*parts[:i], rng.choice(EMOJI), *parts[i:]])


def ev_extra_words(name: str, rng: random.Random) -> str | None:
    return f"{name} {rng.choice(EXTRA)}"


Model = Callable[[str, random.Random], str | None]
ERRORS: dict[str, tuple[Model, tuple[str, ...]]] = {
    "keyboard": (e_keyboard, ("person", "organization")),
    "ocr": (e_ocr, ("person", "organization")),
    "first_letter": (e_first_letter, ("person", "organization")),
    "short_token": (e_short_token, ("person", "organization")),
    "transposed": (e_transpose, ("person", "organization")),
    "doubled": (e_doubled, ("person", "organization")),
    "two_edits": (e_two_edits, ("person", "organization")),
    "rarest_token_typo": (e_transpose, ()),  # replaced below, needs the df table
    "dropped_token": (e_drop_token, ("person", "organization")),
    "merged_tokens": (e_merge_tokens, ("person", "organization")),
    "phonetic": (e_phonetic, ("person", "organization")),
    "vessel": (e_vessel, ("vessel",)),
    "ev_confusable": (ev_confusable, ("person", "organization", "vessel")),
    "ev_invisible": (ev_invisible, ("person", "organization", "vessel")),
    "ev_spacing": (ev_spacing, ("organization", "vessel")),
    "ev_glued": (ev_glued, ("organization", "vessel")),
    "ev_digits": (ev_digits, ("organization", "vessel")),
    "ev_emoji": (ev_emoji, ("person", "organization", "vessel")),
    "ev_extra_words": (ev_extra_words, ("organization",)),
}


def rank(e: Listed, salt: str) -> str:
    return hashlib.sha256(f"{salt}|{e.source}|{e.entity_id}".encode()).hexdigest()


def pick_name(e: Listed, rng: random.Random) -> str | None:
    """A Latin-script listed name of the entity: the primary, or a strong alias 1 in 4."""
    names = [e.name] + [a for a, _, q in e.aliases if q != "weak"]
    names = [n for n in names if is_latin(n) and len(name_tokens(n)) >= 1]
    if not names:
        return None
    return names[0] if rng.random() < 0.75 or len(names) == 1 else rng.choice(names[1:])


def positives(entities: list[Listed], df: dict[str, int], seed: int) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    used: set[tuple[str, str, str]] = set()
    for kind_name, (model, kinds) in ERRORS.items():
        rng = random.Random(f"{seed}:{kind_name}")
        if kind_name == "rarest_token_typo":
            kinds = ("person", "organization")
            model = lambda n, r: e_rarest_typo(n, r, df)  # noqa: E731
        pool = sorted((e for e in entities if e.kind in kinds), key=lambda e: rank(e, kind_name))
        quota = {
            k: round(PER_KIND * KIND_SHARE[k] / sum(KIND_SHARE[x] for x in kinds)) for k in kinds
        }
        for e in pool:
            if quota[e.kind] <= 0:
                continue
            name = pick_name(e, rng)
            if name is None or (e.source, e.entity_id, kind_name) in used:
                continue
            query = model(name, rng)
            if not query or query == name or not query.strip():
                continue
            used.add((e.source, e.entity_id, kind_name))
            quota[e.kind] -= 1
            rows.append(
                {
                    "label": "positive",
                    "variant": kind_name,
                    "query": query,
                    "kind": e.kind,
                    "expected_source": e.source,
                    "expected_entity_id": e.entity_id,
                    "original_name": name,
                    "locale": "",
                }
            )
    return rows


def negatives(entities: list[Listed], seed: int) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for locale in FAKER_LOCALES:
        fake = Faker(locale)
        fake.seed_instance(seed)
        for _ in range(45):
            rows.append(
                {
                    "label": "negative",
                    "variant": "person",
                    "query": fake.name(),
                    "kind": "person",
                    "locale": locale,
                }
            )
        for _ in range(20):
            rows.append(
                {
                    "label": "negative",
                    "variant": "company",
                    "query": fake.company(),
                    "kind": "organization",
                    "locale": locale,
                }
            )
    # The labelling rule reads tokens like the lists' romanisations do: one per Chinese,
    # Japanese or Korean syllable (陈云 = CHEN Yun, 조상철 = JO Sang Chol), so a native-script
    # name that is a listed name (or one letter from it) is dropped, not counted as negative.
    spaced = [{**row, "query": CJK.sub(lambda m: f" {m.group()} ", row["query"])} for row in rows]
    kept_ids = {id(r) for r in keep_true_negatives(spaced, entities)}
    kept = [row for row, s in zip(rows, spaced, strict=True) if id(s) in kept_ids]
    for row in kept:
        row.update(expected_source="", expected_entity_id="", original_name="")
    junk = [
        {
            "label": "negative",
            "variant": "junk",
            "query": j,
            "kind": "unknown",
            "expected_source": "",
            "expected_entity_id": "",
            "original_name": "",
            "locale": "any",
        }
        for j in JUNK
    ]
    return kept + junk


def token_df(entities: list[Listed]) -> dict[str, int]:
    df: dict[str, int] = {}
    for e in entities:
        for t in set(name_tokens(e.name)):
            df[t] = df.get(t, 0) + 1
    return df


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lists", type=Path, default=DEFAULT_LISTS)
    parser.add_argument("-o", "--output", type=Path, default=HELDOUT_CSV)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    entities = load_listed(args.lists)
    rows = positives(entities, token_df(entities), args.seed) + negatives(entities, args.seed)
    for i, row in enumerate(rows, 1):
        row["id"] = f"{'h' if row['label'] == 'positive' else 'm'}{i:05d}"
    with args.output.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, DEVSET_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    digest = hashlib.sha256(args.output.read_bytes()).hexdigest()
    provenance = {
        "generator": "benchmarks/heldout/generate.py",
        "seed": args.seed,
        "lists": str(args.lists),
        "faker": __import__("faker").VERSION,
        "rows": len(rows),
        "sha256": digest,
        "sources": {
            "positives": "real list names (../shared/data/lists, see its PROVENANCE.md) "
            "perturbed by the error models in generate.py",
            "negatives": "Faker locale name and company tables (PyPI faker), filtered against "
            "the lists with the dev set's labelling rule; junk names written by hand",
            "public labelled pairs": "none reachable here: OpenSanctions pairs.json "
            "(data.opensanctions.org) is outside the package registries this network allows",
        },
    }
    args.output.with_suffix(".provenance.json").write_text(
        json.dumps(provenance, indent=2) + "\n", encoding="utf-8"
    )
    print(f"{len(rows)} rows -> {args.output} (sha256 {digest[:12]})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
