"""Name normalisation: one function for list names and party names, whatever the list or script.

`analyze(name)` returns canonical tokens: NFKC, Latin transliteration (anyascii, with Russian and
Greek digraphs fixed first), casefold, no diacritics or punctuation, honorifics dropped, legal
forms taken out into their own field, and spelling variants folded (`Mohammed` → `muhammad`,
`Sergey` → `sergei`, `Abd al-Rahman` → `abdul rahman`). Everything here is a pure function of the
input string, so a matcher version pins its behaviour.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from anyascii import anyascii
from rapidfuzz.distance import OSA

from screening.matching import tolerance

# Cyrillic letters whose anyascii spelling differs from the usual passport (ICAO / BGN) form.
_CYRILLIC = str.maketrans({"ё": "е", "Ё": "Е", "ъ": "", "Ъ": "", "ь": "", "Ь": ""})
_GREEK = (("ου", "ou"), ("ΟΥ", "OU"), ("Ου", "Ou"), ("μπ", "b"), ("ντ", "d"))
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_ABBREVIATION_DOTS = re.compile(r"(?<=\b\w)\.(?=\w\b)")  # S.A. / L.L.C. → SA / LLC
_DROPPED = re.compile(r"['’`ʻʼ\u02bf\u02be]")  # apostrophes join: QA'IDA → QAIDA
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_PARENTHESES = re.compile(r"\(([^()]*)\)")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")  # GeorgyMaslov → Georgy Maslov


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


HONORIFICS = _words(
    "mr mrs ms miss mister dr doctor prof professor sheikh shaikh shaykh sheik haji hajji hadji "
    "hajj alhaj alhajj sayyid mullah mulla maulana mawlana ayatollah hojatoleslam imam "
    "hon rev reverend engr"
)
# Ranks are also ordinary words ("General Trading"): dropped only in front of a name.
LEADING_HONORIFICS = _words(
    "general gen lt lieutenant col colonel maj major capt captain admiral adm brigadier brig "
    "marshal commander cmdr sergeant sgt the mv mt"
)

# Legal forms, longest first; matched on whole token runs after transliteration and casefold.
_LEGAL_PHRASES = (
    "public joint stock company",
    "closed joint stock company",
    "open joint stock company",
    "limited liability company",
    "limited liability partnership",
    "jointstock company",
    "joint stock company",
    "private limited company",
    "public limited company",
    "obshchestvo s ogranichennoy otvetstvennostyu",
    "obshchestvo s ogranichennoi otvetstvennostyu",
    "otkrytoe aktsionernoe obshchestvo",
    "zakrytoe aktsionernoe obshchestvo",
    "publichnoe aktsionernoe obshchestvo",
    "aktsionernoe obshchestvo",
    "tovarystvo z obmezhenoyu vidpovidalnistyu",
    "sociedad anonima",
    "societe anonyme",
    "free zone establishment",
    "free zone company",
    "sa de cv",
    "s de rl de cv",
    "sapi de cv",
    "co ltd",
    "sdn bhd",
    "pvt ltd",
    "pte ltd",
    "pty ltd",
    "fz llc",
    "fz co",
    "fz e",
    "private limited",
    "company limited",
)
LEGAL_FORMS = _words(
    "llc ltd limited co corp corporation inc incorporated jsc ojsc cjsc pjsc ooo oao pao zao ao "
    "jointstock "
    "tov pat prat gmbh ag kg sa sas sarl srl spa bv nv plc fze fzco fzc fzllc llp lp pte pvt pty "
    "bhd too kft sro doo dmcc ltda oy ab"
)
_LEGAL_STARTS: dict[str, list[tuple[str, ...]]] = {}
for _phrase in _LEGAL_PHRASES:
    _LEGAL_STARTS.setdefault(_phrase.split()[0], []).append(tuple(_phrase.split()))
# Glued in front of a name by some publishers: "JSCARGUMENT".
_GLUED_LEGAL = re.compile(r"(ojsc|cjsc|pjsc|jsc|ooo)([a-z]{5,})$")

# Spelling variants folded to one form, after the letter rules of `_fold_spelling`.
_VARIANT_GROUPS = (
    "muhammad mohamed mohammed muhammed mohammad mohamad muhamad mohd mhd mhmd mohamud muhamed "
    "mouhamed mohummad",
    "ahmad ahmed ahmd ehmad",
    "mahmud mahmoud mahmood mehmud mhmwd",
    "husain hussein hussain husein hosein hossein husayn husseyn",
    "hasan hassan hasen",
    "usama osama ousama usamah osamah",
    "qaida qaeda qaidah kaida",
    "yusuf yousef youssef yusef yousif yusif yosef jusuf",
    "abdul abdel abdal abdoul abdol",
    "abdallah abdullah abdulah abdalla abdulla",
    "mustafa mostafa moustafa mustapha",
    "ibrahim ebrahim ibraheem",
    "aleksandr alexander aleksander alexandr aleksandar oleksandr",
    "sergei sergey serhiy serhii serhij",
    "andrei andrey andriy andrii",
    "dmitri dmitry dmitrii dmitriy",
    "yuri yuriy iurii yury",
    "pyotr petr piotr",
    "fyodor fedor",
    "artyom artem",
    "yelena elena",
    "yekaterina ekaterina",
    "suleiman sulayman soleiman sulaiman suleyman",
    "faisal faysal feisal",
    "abu abou",
    "aleksei alexei aleksey alexey alexej",
    "mikhail michail mihail",
    "yevgeni evgeni evgeniy yevgeniy yevgeny evgeny",
    "bin ben bn",
    "umar omar",
    "jamal gamal",
    "usman osman othman uthman",
    "khalid khaled",
    "said saeed sayed sayeed saeid sayid",
)
_GLUED_ABDUL = re.compile(r"(?:abdul|abdel|abdal|abdoul|abdol|abdur|abdun|abdus)([a-z]{4,})$")


@dataclass(frozen=True, slots=True)
class Analyzed:
    """A name broken into canonical tokens; `legal` keeps the legal forms taken out of it."""

    tokens: tuple[str, ...]
    raw: tuple[str, ...]  # the same tokens before spelling folds, for names run together
    legal: tuple[str, ...]
    aside: tuple[bool, ...]  # said in parentheses: "(Hong Kong)" qualifies, it is not the name
    cut: int = 0  # distinct tokens left out past MAX_TOKENS (v2): the matcher reports the bound


def transliterate(text: str) -> str:
    """Any script to lower-case ASCII letters, digits and single spaces."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text).translate(_CYRILLIC)
        for greek, latin in _GREEK:
            text = text.replace(greek, latin)
        text = anyascii(_CJK.sub(lambda m: f" {m.group()} ", text))  # a token per CJK syllable
    text = _CAMEL.sub(" ", text).casefold()
    text = _DROPPED.sub("", _ABBREVIATION_DOTS.sub("", text))
    return _NON_ALNUM.sub(" ", text).strip()


def _letter_rules(token: str) -> str:
    """Transliteration letter variants: Yuriy/Yuri/Yury, Sergey/Sergei, Youssef/Yusef, Alexei."""
    if not token.isalpha() or len(token) < tolerance.LETTER_RULES_MIN:
        return token
    token = token.replace("x", "ks").replace("ph", "f").replace("kh", "h")
    token = token[0] + token[1:].replace("ee", "i").replace("oo", "u")
    token = _DOUBLED.sub(r"\1", token)
    token = token.replace("ou", "u")
    token = _ENDING_I.sub("i", token)
    token = _ENDING_EY.sub("ei", token)
    return _ENDING_Y.sub("i", token)


_DOUBLED = re.compile(r"(.)\1+")
_ENDING_I = re.compile(r"(?:iy|ij|yi|ii|yy)$")
_ENDING_EY = re.compile(r"ey$")
_ENDING_Y = re.compile(r"(?<=[^aeiou])y$")
_VARIANTS = {
    form: _letter_rules(group.split()[0])
    for group in _VARIANT_GROUPS
    for variant in group.split()
    for form in (variant, _letter_rules(variant))
}


def _near(token: str, words: dict[str, str], long_edits: int = 1) -> str | None:
    """The value of the one key of `words` within a typo of `token` (one edit, `long_edits`
    from nine letters on, never in the first letter); None when none or the keys disagree."""
    if len(token) < tolerance.NEAR_WORD_MIN or not token.isalpha():
        return None
    edits = 1 if len(token) < tolerance.TWO_TYPO_TOKEN else long_edits
    found = {
        value
        for key, value in _by_first(words).get(token[0], ())
        if abs(len(key) - len(token)) <= edits
        and OSA.distance(key, token, score_cutoff=edits) <= edits
    }
    return found.pop() if len(found) == 1 else None


_FIRST_LETTER: dict[int, dict[str, list[tuple[str, str]]]] = {}


def _by_first(words: dict[str, str]) -> dict[str, list[tuple[str, str]]]:
    """`words` grouped by first letter (a typo never changes it): `_near` reads one group.
    Keyed by identity: only the module's constant tables are passed."""
    grouped = _FIRST_LETTER.get(id(words))
    if grouped is None:
        grouped = _FIRST_LETTER[id(words)] = {}
        for key, value in words.items():
            grouped.setdefault(key[0], []).append((key, value))
    return grouped


@lru_cache(maxsize=1 << 16)
def _fold_spelling(token: str) -> str:
    """Canonical spelling; a typo of a known variant ("Mihamed", "Husauyn") folds like it."""
    token = _letter_rules(token)
    return _VARIANTS.get(token) or _near(token, _VARIANTS) or token


def _folded(words: str) -> frozenset[str]:
    return frozenset(_fold_spelling(w) for w in words.split())


# Token classes for scoring (in folded spelling). Particles and generic business words say
# little when shared and little when missing; frequent given names say little when shared but
# a different given name still means a different person.
PARTICLES = _folded(
    "al el ul ad ar as ash at az bin ibn bint abu umm abdul van von der den de la le du da di "
    "dos das del los the of and for in on et und y"
)
GENERIC_WORDS = _folded(
    "trading trade traders company companies group holding holdings international intl "
    "industries industrial industry enterprise enterprises services service general global "
    "import export commercial commerce investment investments management development "
    "technology technologies tech systems solutions logistics shipping marine energy bank "
    "national new united first center centre office agency foundation association "
    "organization organisation institute ministry department establishment est firm head"
)
COMMON_GIVEN_NAMES = _folded(
    "muhammad ahmad ali hasan husain abdallah mahmud mustafa ibrahim umar usman khalid said "
    "yusuf abdul jamal faisal suleiman"
)


def _split_glued(token: str) -> list[str]:
    """`jscargument` → `jsc argument`, `abdelrahman` → `abdul rahman`."""
    if (m := _GLUED_LEGAL.match(token)) is not None:
        return [m[1], m[2]]
    if (m := _GLUED_ABDUL.match(token)) is not None:
        return ["abdul", m[1]]
    return [token]


def _merge_initials(words: list[str]) -> list[str]:
    """Runs of single letters are one abbreviation: `s a` → `sa`, `l l c` → `llc`."""
    out: list[str] = []
    run = ""
    for w in [*words, ""]:
        if len(w) == 1 and w.isalpha():
            run += w
            continue
        if run:
            out.append(run)
            run = ""
        if w:
            out.append(w)
    return out


# Long legal-form words recognised through a typo ("LIMTIED", "COMPNAY"): a misspelt legal form
# must not count as a distinctive word of the name.
_LEGAL_WORDS = {
    w: w
    for w in _words(
        "limited liability company corporation incorporated partnership jointstock "
        "obshchestvo aktsionernoe otvetstvennostyu ogranichennoy"
    )
}


@lru_cache(maxsize=1 << 16)
def _legal_spelling(word: str) -> str:
    if word in _LEGAL_WORDS or word in LEGAL_FORMS or len(word) < tolerance.LEGAL_TYPO_MIN:
        return word
    return _near(word, _LEGAL_WORDS, long_edits=tolerance.LEGAL_LONG_EDITS) or word


def _strip_legal(words: list[str]) -> tuple[list[str], list[str]]:
    kept: list[str] = []
    legal: list[str] = []
    i = 0
    while i < len(words):
        for seq in _LEGAL_STARTS.get(words[i], ()):
            if tuple(words[i : i + len(seq)]) == seq:
                legal.append(" ".join(seq))
                i += len(seq)
                break
        else:
            (legal if words[i] in LEGAL_FORMS else kept).append(words[i])
            i += 1
    if not kept:  # a name that is only a legal form keeps it as its name
        return words, []
    return kept, legal


def _strip_honorifics(words: list[str]) -> list[str]:
    """Titles in front of a name (or of the given names after "SURNAME,")."""
    while len(words) > 1 and (words[0] in HONORIFICS or words[0] in LEADING_HONORIFICS):
        words = words[1:]
    return words


def _fold_abdul(words: list[str]) -> list[str]:
    """`abd al X`, `abd el X`, `abd X` → `abdul X`."""
    out: list[str] = []
    i = 0
    while i < len(words):
        if words[i] == "abd" and i + 1 < len(words):
            out.append("abdul")
            i += 2 if words[i + 1] in ("al", "el", "ul", "ar", "ur", "as", "us", "an") else 1
            continue
        out.append(words[i])
        i += 1
    return out


@lru_cache(maxsize=1 << 18)
def analyze(name: str) -> Analyzed:
    """The canonical tokens of a name (cached: list and party names repeat)."""
    parts = [
        [
            _legal_spelling(piece)
            for w in _merge_initials(transliterate(part).split())
            for piece in _split_glued(w)
        ]
        for part in name.split(",")
    ]
    words, legal = _strip_legal([w for part in parts for w in part])
    if not legal:  # "General Trading LLC" is a company, not a general
        words = [w for part in parts for w in _strip_honorifics(part)]
    raw = _fold_abdul(words)
    aside = set(transliterate(" ".join(_PARENTHESES.findall(name))).split()) if "(" in name else ()
    return Analyzed(
        tuple(_fold_spelling(w) for w in raw),
        tuple(raw),
        tuple(legal),
        tuple(w in aside for w in raw),
    )


def normalize(name: str) -> str:
    """The canonical tokens as one string, for display and tests."""
    return " ".join(analyze(name).tokens)


# --- name-match-v2 ------------------------------------------------------------------------

# Words that never name anyone on their own: a name made only of them is no name.
JUNK_WORDS = (
    LEGAL_FORMS
    | HONORIFICS
    | LEADING_HONORIFICS
    | PARTICLES
    | frozenset(w for phrase in _LEGAL_PHRASES for w in phrase.split())
    | _words("na n a unknown none null nil nn xx xxx tbd test name same see above not applicable")
)
MAX_TOKENS = 16  # a name longer than this is screened on its first MAX_TOKENS distinct tokens


def _distinct(analyzed: Analyzed) -> Analyzed:
    """Repeated tokens once ("al al al" → "al"), at most MAX_TOKENS of them."""
    keep: list[int] = []
    seen: set[str] = set()
    for k, token in enumerate(analyzed.tokens):
        if token not in seen:
            seen.add(token)
            keep.append(k)
    if len(keep) == len(analyzed.tokens) <= MAX_TOKENS:
        return analyzed
    return Analyzed(
        tuple(analyzed.tokens[k] for k in keep[:MAX_TOKENS]),
        tuple(analyzed.raw[k] for k in keep[:MAX_TOKENS]),
        analyzed.legal,
        tuple(analyzed.aside[k] for k in keep[:MAX_TOKENS]),
        max(0, len(keep) - MAX_TOKENS),
    )


# Legal forms read from Chinese, Japanese and Korean names (one token per syllable) and their
# romanised spellings, which v1's phrases lack: 有限公司 = "you xian gong si" is "Co., Ltd.", a
# legal form like LLC, and must not carry a match between two companies.
_LEGAL_PHRASES_V2 = tuple(
    tuple(p.split())
    for p in (
        "gu fen you xian gong si",  # 股份有限公司
        "you xian ze ren gong si",  # 有限责任公司
        "you xian gong si",  # 有限公司
        "zhu shi hui she",  # 株式会社 (read as Chinese)
        "ju sig hoe",  # 주식회사 (its "sa" is taken as the legal form SA)
        "kabushiki kaisha",
        "kabushikigaisha",
        "yugen kaisha",
        "jusik hoesa",
    )
)


def _strip_legal_v2(analyzed: Analyzed) -> Analyzed:
    """`analyzed` without the v2 legal phrases (moved to `legal`), unless nothing else is left."""
    raw = analyzed.raw
    drop: set[int] = set()
    legal = list(analyzed.legal)
    k = 0
    while k < len(raw):
        for phrase in _LEGAL_PHRASES_V2:
            if raw[k : k + len(phrase)] == phrase:
                drop.update(range(k, k + len(phrase)))
                legal.append(" ".join(phrase))
                k += len(phrase)
                break
        else:
            k += 1
    if not drop or len(drop) == len(raw):
        return analyzed
    keep = [k for k in range(len(raw)) if k not in drop]
    return Analyzed(
        tuple(analyzed.tokens[k] for k in keep),
        tuple(raw[k] for k in keep),
        tuple(legal),
        tuple(analyzed.aside[k] for k in keep),
    )


def is_junk(tokens: tuple[str, ...]) -> bool:
    """Nothing, or only legal forms, titles, particles and stopwords ("LLC", "the the the"),
    or one generic business word ("Group")."""
    if all(t in JUNK_WORDS for t in tokens):
        return True
    return len(tokens) == 1 and tokens[0] in GENERIC_WORDS


@lru_cache(maxsize=1 << 18)
def analyze_v2(name: str) -> Analyzed:
    """`analyze` of the name as a reader sees it (`evasion.reveal`), repeats collapsed, and
    no tokens at all for a name that is only legal forms, titles or stopwords."""
    from screening.matching.evasion import reveal
    from screening.matching.scripts import romanize

    text = _MIXED_CASE_FORMS.sub(lambda m: m.group().upper(), romanize(reveal(name)))
    text = _LOST_APOSTROPHE.sub("", text)
    whole = analyze(text)
    analyzed = _distinct(_strip_legal_v2(whole))
    # ASCII text with no lower-to-upper step (no "GmbH") analyses the same casefolded.
    folded = whole if text.isascii() and not _CAMEL.search(text) else analyze(text.casefold())
    if is_junk(analyzed.tokens) or is_junk(folded.raw):  # "GmbH", "Sheikh"
        return Analyzed((), (), analyzed.legal, (), analyzed.cut)  # cut: junk up front
    analyzed = _numbers(_long_legal(analyzed))
    if any("rn" in t or "vv" in t for t in analyzed.tokens):  # OCR: RUSTARN, VVAGNER
        tokens = tuple(_OCR.sub(lambda m: _OCR_READ[m.group()], t) for t in analyzed.tokens)
        analyzed = Analyzed(tokens, analyzed.raw, analyzed.legal, analyzed.aside, analyzed.cut)
    return analyzed


_NEAR_JUNK_TARGETS = tuple(sorted(w for w in JUNK_WORDS | GENERIC_WORDS if len(w) >= 3))


@lru_cache(maxsize=1 << 16)
def near_junk(token: str) -> str | None:
    """The legal form, title, stopword or business word `token` is one typo from (the first
    letter included: JDC / JSC, KTD / LTD, GAJI / HAJI, ANK / BANK), else None. name-match-v2
    reads a query word that no listed name holds this way, so a misspelt "LLC" never counts as
    a distinctive word the listed name lacks."""
    if len(token) < tolerance.V2["NEAR_JUNK_MIN"] or not token.isalpha():
        return None
    for word in _NEAR_JUNK_TARGETS:
        if abs(len(word) - len(token)) <= 1 and OSA.distance(word, token, score_cutoff=1) <= 1:
            return word
    return None


# An apostrophe an encoding step turned into "?" ("Mus?ab" for "Mus’ab"): dropped like one.
_LOST_APOSTROPHE = re.compile(r"(?<=[^\W\d_])\?(?=[^\W\d_])")
_MIXED_CASE_FORMS = re.compile(r"\b(?:GmbH|mbH|gGmbH|GesmbH|eG|KGaA|OHG)\b")  # not CamelCase
_OCR_READ = {"rn": "m", "vv": "w"}  # letter pairs a scanner reads as one letter
_OCR = re.compile("rn|vv")


# Numbers written as words or ordinals, as digits ("Brigade Forty-Four" = "Brigade 44",
# "Three Percenters" = "3 Percenters", "1st" = "First" = "1"). "one" and "ten" count only
# after a tens word: alone they are names too.
_UNIT_WORDS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_UNITS = {w: n for n, w in enumerate(_UNIT_WORDS, 1) if w != "one"}
_TEENS = {
    w: n
    for n, w in enumerate(
        [
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        ],
        11,
    )
}
_TENS = {
    w: n * 10
    for n, w in enumerate(
        ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"], 2
    )
} | {"fourty": 40}
_ORDINALS = {
    w: n
    for n, w in enumerate(
        [
            "first",
            "second",
            "third",
            "fourth",
            "fifth",
            "sixth",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
        ],
        1,
    )
}
_ORDINAL_DIGITS = re.compile(r"(\d+)(?:st|nd|rd|th)")
_NUMBER_WORDS = frozenset(_UNITS) | frozenset(_TEENS) | frozenset(_TENS) | frozenset(_ORDINALS)


def _number(token: str) -> int | None:
    found = _UNITS.get(token) or _TEENS.get(token) or _TENS.get(token) or _ORDINALS.get(token)
    if found is None and (m := _ORDINAL_DIGITS.fullmatch(token)):
        return int(m.group(1))
    return found


def _numbers(analyzed: Analyzed) -> Analyzed:
    """Number words and ordinals as digits; a tens word and the unit after it as one number."""
    raw = analyzed.raw
    if not any(t in _NUMBER_WORDS or _ORDINAL_DIGITS.fullmatch(t) for t in raw):
        return analyzed
    keep: list[tuple[str, str, bool]] = []
    k = 0
    while k < len(raw):
        token, value = raw[k], _number(raw[k])
        if value is None:
            keep.append((analyzed.tokens[k], token, analyzed.aside[k]))
            k += 1
            continue
        nxt = raw[k + 1] if k + 1 < len(raw) else ""
        unit = (
            1
            if nxt == "one"
            else _UNITS.get(nxt)
            or (int(nxt) if len(nxt) == 1 and nxt.isdigit() and nxt != "0" else None)
        )
        if token in _TENS and nxt and unit is not None:
            value += unit
            k += 1
        keep.append((str(value), str(value), analyzed.aside[k]))
        k += 1
    return Analyzed(
        tuple(t for t, _, _ in keep),
        tuple(r for _, r, _ in keep),
        analyzed.legal,
        tuple(a for _, _, a in keep),
        analyzed.cut,
    )


# Legal forms written out in one long word, which the lists abbreviate ("Siemens
# Aktiengesellschaft" = "Siemens AG"), recognised through a typo like `_LEGAL_WORDS`; and
# legal forms of several short words the v1 tables lack (Polish "Sp. z o.o." = LLC).
_LONG_LEGAL = {
    w: w for w in _words("aktiengesellschaft kommanditgesellschaft aktiebolag osakeyhtio")
}
_LEGAL_RUNS = (("sp", "z", "oo"),)


def _long_legal(analyzed: Analyzed) -> Analyzed:
    raw = analyzed.raw
    legal_runs: set[int] = set()
    for run in _LEGAL_RUNS:
        for k in range(len(raw) - len(run) + 1):
            if raw[k : k + len(run)] == run:
                legal_runs.update(range(k, k + len(run)))
    keep = [
        k
        for k, t in enumerate(raw)
        if k not in legal_runs
        and t not in _LONG_LEGAL
        and not _near(t, _LONG_LEGAL, long_edits=tolerance.LEGAL_LONG_EDITS)
    ]
    if len(keep) == len(analyzed.raw) or not keep:
        return analyzed
    return Analyzed(
        tuple(analyzed.tokens[k] for k in keep),
        tuple(analyzed.raw[k] for k in keep),
        analyzed.legal + tuple(t for k, t in enumerate(analyzed.raw) if k not in keep),
        tuple(analyzed.aside[k] for k in keep),
        analyzed.cut,
    )
