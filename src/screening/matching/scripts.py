"""Read names written in other scripts the way the lists spell them in Latin (name-match-v2).

A name in Korean, Chinese, Japanese, Thai, Arabic, Persian or Hebrew is read word by word into
`Word`s: the Latin spellings the word is commonly given (several systems, since the lists mix
them), and for the abjads, whose short vowels are not written, the word's consonant skeletons.
`romanize` is the first spelling of every word, the text every name goes through in
`normalize.analyze_v2` (so a list's own original-script name and a query in that script read
alike); `readings` gives all the spellings and skeletons, which `crossscript` matches against
the lists' Latin names.

Libraries do the reading where one exists: pypinyin (Mandarin pinyin and Wade-Giles), pykakasi
(Japanese kana and kanji: Hepburn, Kunrei, passport), pythainlp (Thai, Royal Thai General
System), anyascii (the rest). Korean is spelled from its jamo, because the Korean names on the
lists are written in the North's McCune-Reischauer style (Kim Jong Un, Ri Pyong Chol) while
the romaniser libraries give Revised Romanization only (Gim Jeong-eun): the small tables below
give both, with the usual surname spellings (Lee, Park, Choi). Everything is a pure function of
the input.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import product
from typing import Any

from anyascii import anyascii

MAX_SPELLINGS = 24  # per word: the product of letter options is cut here, most usual first
MAX_WORDS = 24  # a name is read on its first words
MAX_WORD_LENGTH = 32  # and a word on its first letters (a Chinese name has no spaces)


@dataclass(frozen=True, slots=True)
class Word:
    """One word of a name: its Latin spellings (most usual first) and, for abjad words, its
    consonant skeletons (`latin_skeleton` classes). `group` ties the syllables of one name
    part (a Korean or Chinese given name), which the lists may write joined ("Jongun")."""

    spellings: tuple[str, ...]
    skeletons: tuple[str, ...] = ()
    group: int = -1
    script: str = "latin"
    endings: str = ""  # abjads: the last letters a Latin spelling may have ("" = any)
    vowels: str = ""  # abjads: `abjad_vowels`, a pattern over `latin_units` ("" = any)


Reading = tuple[Word, ...]

_HANGUL = re.compile(r"[\uac00-\ud7a3]+")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_KANA = re.compile(r"[\u3040-\u30ff\u31f0-\u31ff]")
_KATAKANA = re.compile(r"[\u30a0-\u30ff]+")
_THAI = re.compile(r"[\u0e00-\u0e7f]")
_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefc]")
_HEBREW = re.compile(r"[\u0590-\u05ff\ufb1d-\ufb4f]")
_HANDLED = re.compile(
    r"[\uac00-\ud7a3\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff\u0e00-\u0e7f"
    r"\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefc\u0590-\u05ff\ufb1d-\ufb4f]"
)
# Letters with their combining marks (Thai vowel signs, Arabic and Hebrew points are marks).
_WORDS = re.compile(
    r"(?:[^\W_]|[\u0300-\u036f\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u0e31-\u0e3a\u0e47-\u0e4e])+"
)
_ASCII_WORD = re.compile(r"[a-z0-9]+")

# Legal forms and place words written in the script, read as the Latin words `normalize`
# knows (longest first), so "有限公司" is a legal form and not two syllables of the name.
_SCRIPT_WORDS = (
    ("股份有限公司", " Co Ltd "),
    ("有限责任公司", " LLC "),
    ("有限責任公司", " LLC "),
    ("有限公司", " Co Ltd "),
    ("株式会社", " Co Ltd "),
    ("有限会社", " Co Ltd "),
    ("合同会社", " LLC "),
    ("주식회사", " Co Ltd "),
    ("(주)", " Co Ltd "),
    ("（香港）", " (Hong Kong) "),
    ("(香港)", " (Hong Kong) "),
    ("香港", " Hong Kong "),
    ("集团", " Group "),
    ("集團", " Group "),
    ("公司", " Company "),
    ("บริษัท", " Company "),
    ("จำกัด", " Limited "),
    ("(มหาชน)", " PCL "),
    ('בע"מ', " Ltd "),
    ("בע״מ", " Ltd "),
    ("شركة", " Company "),
    ("شرکت", " Company "),
)


def handled(text: str) -> bool:
    """Whether `text` has letters of a script this module reads."""
    return _HANDLED.search(text) is not None


# --- Latin consonant skeletons ------------------------------------------------------------
# Consonant classes shared by the Latin spellings and the abjad letters: b (b p), v, f (f ph),
# t (t th), d (d dh), z (z zh), s (s, soft c), c (ts tz), x (sh sch), k (k q hard-c ck),
# q (kh ch x-as-kh), g (g gh), j (j dj), h, l, m, n, r, and y / w at the start of a word only
# (inside a word they are vowels in Latin spellings and long vowels in the abjads).
_LATIN_DIGRAPHS = (
    ("sch", "x"),
    ("sh", "x"),
    ("kh", "q"),
    ("ch", "q"),
    ("gh", "g"),
    ("ph", "f"),
    ("th", "t"),
    ("dh", "d"),
    ("zh", "z"),
    ("ts", "c"),
    ("tz", "c"),
    ("dj", "j"),
    ("ck", "k"),
)
_LATIN_LETTERS = {
    "b": "b",
    "p": "b",
    "d": "d",
    "f": "f",
    "g": "g",
    "h": "h",
    "j": "j",
    "k": "k",
    "q": "k",
    "l": "l",
    "m": "m",
    "n": "n",
    "r": "r",
    "s": "s",
    "t": "t",
    "v": "v",
    "z": "z",
    "x": "ks",
}


_LATIN_UNITS = re.compile("|".join(p for p, _ in _LATIN_DIGRAPHS) + r"|ce|ci|cy|.")
_LATIN_CLASS = {
    **dict(_LATIN_DIGRAPHS),
    **_LATIN_LETTERS,
    "c": "k",
    "ce": "s",
    "ci": "s",
    "cy": "s",
}
_COLLAPSE = re.compile(r"(.)\1+")


@lru_cache(maxsize=1 << 18)
def latin_skeleton(token: str) -> str:
    """The consonant classes of a Latin spelling, vowels dropped, doubles collapsed:
    MUHAMMAD, MOHAMED and MAHMOUD → "mhmd", ABDULLAH → "bdl" (a final h after a vowel is the
    unwritten ta marbuta / he), SINWAR → "snr"."""
    if len(token) > 1 and token[-1] == "h" and token[-2] in "aeiou":
        token = token[:-1]
    skeleton = "".join(_LATIN_CLASS.get(u, "") for u in _LATIN_UNITS.findall(token))
    if token[:1] in ("w", "y"):
        skeleton = token[0] + skeleton
    return _COLLAPSE.sub(r"\1", skeleton)


def _collapse(skeleton: str) -> str:
    return _COLLAPSE.sub(r"\1", skeleton)


# --- Abjads: Arabic (with Persian and Urdu letters) and Hebrew -----------------------------
# Each letter's consonant classes ("" = not a consonant in Latin spellings: alef, ayn, hamza,
# ta marbuta); a tuple where spellings differ (ذ is "dh" in Arabic names, "z" in Persian).
_ARABIC_LETTERS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys("اأإآٱءئؤىعة", ("",)),
    "ب": ("b",),
    "پ": ("b",),
    "ت": ("t",),
    "ث": ("t", "s"),
    "ج": ("j", "g"),
    "چ": ("q",),
    "ح": ("h",),
    "خ": ("q",),
    "د": ("d",),
    "ذ": ("d", "z"),
    "ر": ("r",),
    "ز": ("z",),
    "ژ": ("z", "j"),
    "س": ("s",),
    "ش": ("x",),
    "ص": ("s",),
    "ض": ("d", "z"),
    "ط": ("t",),
    "ظ": ("z", "d"),
    "غ": ("g",),
    "ف": ("f",),
    "ق": ("k", "g"),
    "ك": ("k",),
    "ک": ("k",),
    "گ": ("g",),
    "ل": ("l",),
    "م": ("m",),
    "ن": ("n",),
    "ه": ("h",),
    "ہ": ("h",),
    "ھ": ("h",),
    "ۀ": ("",),
}
_HEBREW_LETTERS: dict[str, tuple[str, ...]] = {
    "א": ("",),
    "ע": ("",),
    "ב": ("b", "v"),
    "ג": ("g",),
    "ד": ("d",),
    "ה": ("h",),
    "ז": ("z",),
    "ח": ("h", "q"),
    "ט": ("t",),
    "כ": ("k", "q"),
    "ך": ("k", "q"),
    "ל": ("l",),
    "מ": ("m",),
    "ם": ("m",),
    "נ": ("n",),
    "ן": ("n",),
    "ס": ("s",),
    "פ": ("b", "f"),
    "ף": ("f", "b"),
    "צ": ("c", "z", "s"),
    "ץ": ("c", "z", "s"),
    "ק": ("k",),
    "ר": ("r",),
    "ש": ("x", "s"),
    "ת": ("t", "s"),
}
_VAV_YOD = {"و": "w", "ۆ": "w", "ي": "y", "ی": "y", "ې": "y", "ו": "w", "י": "y"}
_FINAL_H = {"ه", "ہ", "ھ", "ה"}


def abjad_skeletons(word: str) -> tuple[str, ...]:
    """The consonant skeletons a Latin spelling of an Arabic, Persian or Hebrew word may have:
    short vowels are not written, alef / ayn / waw / yod inside a word are vowels or glides
    the Latin spellings write as vowels (or as v), a final he is the Latin "-ah".
    محمد → ("mhmd",); دוד → ("dd", "dvd")."""
    letters = [c for c in word if c in _ARABIC_LETTERS or c in _HEBREW_LETTERS or c in _VAV_YOD]
    options: list[tuple[str, ...]] = []
    for k, c in enumerate(letters):
        if c in _VAV_YOD:
            glide = _VAV_YOD[c]
            if k == 0:
                options.append(("v", "w") if glide == "w" else ("y",))
            else:
                options.append(("", "v") if glide == "w" else ("",))
        elif c in _FINAL_H and k > 0 and (k == len(letters) - 1 or letters[k + 1] in "اآیيی"):
            options.append(("", "h"))  # silent final he, also before a suffix (خامنه‌ای)
        else:
            options.append(_ARABIC_LETTERS.get(c) or _HEBREW_LETTERS[c])
    found: dict[str, None] = {}
    for combo in product(*options):
        found[_collapse("".join(combo))] = None
        if len(found) >= MAX_SPELLINGS:
            break
    return tuple(s for s in found if s)


# The last letter of an abjad word decides how a Latin spelling of it ends: a final ya is
# "i" (ALI, never ALLAH), a final alef, alef maqsura or he a vowel or h, a consonant a
# consonant (the unwritten short vowels are never at the end in the lists' spellings).
_VOWEL_ENDINGS = {
    **dict.fromkeys("يیېי", "iyea"),  # a final ya is also written for alef maqsura
    **dict.fromkeys("اآىא", "aeo"),
    **dict.fromkeys("ةۀ", "aeht"),
    **dict.fromkeys("هہھה", "aeoh"),
    **dict.fromkeys("وۆו", "uowv"),
}
_ANY_ENDING = set("عءئؤأإע")
_CONSONANT_ENDING = "bcdfghjklmnpqrstvwxz"


def abjad_endings(word: str) -> str:
    """The letters a Latin spelling of the abjad `word` may end with ("" = any)."""
    letters = [c for c in word if c in _ARABIC_LETTERS or c in _HEBREW_LETTERS or c in _VAV_YOD]
    if len(letters) < 2 or letters[-1] in _ANY_ENDING:
        return ""
    return _VOWEL_ENDINGS.get(letters[-1], _CONSONANT_ENDING)


# Long vowels are written in the abjads (alef, waw, ya inside a word): a Latin spelling must
# have a vowel of that quality there (امیر is AMIR, never AMOR; محمود is MAHMUD, never MUHAMMAD),
# while the short vowels it adds anywhere are unwritten. `latin_units` spells a Latin token as
# consonant classes and one "<qualities>" unit per vowel letter; `abjad_vowels` is a regular
# expression over those units.
_QUALITY = {"a": "A", "e": "AI", "i": "I", "y": "I", "o": "U", "u": "U", "w": "U"}
_LATIN_VOWEL_UNITS = re.compile("|".join(p for p, _ in _LATIN_DIGRAPHS) + r"|ce|ci|cy|[aeiouwy]|.")
_ANY_VOWELS = "(?:<[A-Z]+>)*"


@lru_cache(maxsize=1 << 18)
def latin_units(token: str) -> str:
    """MUHAMMAD → "m<U>h<A>m<A>d" (doubled consonants once; w, y at the start consonants)."""
    if len(token) > 1 and token[-1] == "h" and token[-2] in "aeiou":
        token = token[:-1]
    out: list[str] = []
    for k, m in enumerate(_LATIN_VOWEL_UNITS.finditer(token)):
        unit = m.group()
        if unit in _QUALITY and not (k == 0 and unit in "wy"):
            out.append(f"<{_QUALITY[unit]}>")
            continue
        cls = unit if k == 0 and unit in "wy" else _LATIN_CLASS.get(unit, "")
        if cls and (not out or out[-1] != cls):
            out.append(cls)
    return "".join(out)


def _vowel(quality: str) -> str:
    return f"<[A-Z]*{quality}[A-Z]*>"


_ALEFS = set("اآأإٱ")
_SILENT = set("ءئؤعאע")


@lru_cache(maxsize=1 << 14)
def abjad_vowels(word: str) -> str:
    """A pattern over `latin_units` for the Latin spellings of an Arabic, Persian or Hebrew
    word: its consonants in order (`abjad_skeletons` classes), a vowel of the right quality
    for each long vowel letter inside it, any short vowels between."""
    letters = [c for c in word if c in _ARABIC_LETTERS or c in _HEBREW_LETTERS or c in _VAV_YOD]
    elements: list[str] = []
    last = len(letters) - 1
    lead = _ANY_VOWELS
    for k, c in enumerate(letters):
        if k == 0 and (c in _SILENT or c in _ALEFS):  # احمدی is AHMADI, never HAMADI
            lead = "(?:<[A-Z]+>)+"
            continue
        if c in _SILENT:
            continue
        if c in _ALEFS or c in "ى":
            elements.append(_vowel("A"))
        elif c in "ةۀ":
            elements.append("(?:t)?")
        elif c in _VAV_YOD:
            glide = _VAV_YOD[c]
            if k == 0:
                elements.append("(?:v|w)" if glide == "w" else "y")
            elif glide == "w":
                if letters[k - 1] != c:  # a doubled waw is one w (סינוואר = SINWAR)
                    elements.append(f"(?:{_vowel('U')}|v)")
            elif k == last and c == "ی":  # Persian ya also writes a final alef maqsura
                elements.append("<[A-Z]*[AI][A-Z]*>")
            else:
                elements.append(_vowel("I"))
        elif c in _FINAL_H and k > 0 and (k == last or letters[k + 1] in "اآیيی"):
            elements.append("(?:h)?")
        else:
            options = _ARABIC_LETTERS.get(c) or _HEBREW_LETTERS[c]
            element = "(?:" + "|".join(o for o in options if o) + ")" if any(options) else ""
            if element and (not elements or elements[-1] != element):
                elements.append(element)
    if elements and elements[0].startswith(("<", "(?:<")):  # اسماعیل: the vowel is written
        lead = _ANY_VOWELS
    return lead + _ANY_VOWELS.join(elements) + _ANY_VOWELS


def _ascii_spelling(word: str) -> str:
    return " ".join(_ASCII_WORD.findall(anyascii(word).casefold()))


# Particles written as words of their own: read as the Latin particle, not as a skeleton.
_ABJAD_PARTICLES = {
    "بن": "bin",
    "ابن": "ibn",
    "بنت": "bint",
    "أبو": "abu",
    "ابو": "abu",
    "أبي": "abi",
    "أم": "umm",
    "ام": "umm",
    "آل": "al",
    "ال": "al",
    "عبد": "abdul",
    "בן": "ben",
    "בת": "bat",
}


def _abjad_words(word: str, script: str) -> list[Word]:
    """An Arabic word with its article split off (السنوار → al + سنوار), "Abd" glued to what
    follows read as ABDUL; a Hebrew word as it is."""
    if word in _ABJAD_PARTICLES:
        return [Word((_ABJAD_PARTICLES[word],), script=script)]
    if script == "arabic":
        if word.startswith("عبد") and len(word) > 4 and word not in ("عبدالله", "عبدلله"):
            rest = word[5:] if word.startswith("عبدال") else word[3:]
            return [Word(("abdul",), script=script), *_abjad_words(rest, script)]
        if word.startswith("ال") and len(word) >= 5:
            return [Word(("al",), script=script), *_abjad_words(word[2:], script)]
    spelling = _ascii_spelling(word).replace(" ", "")
    if not spelling:
        return []
    return [
        Word(
            (spelling,),
            abjad_skeletons(word),
            script=script,
            endings=abjad_endings(word),
            vowels=abjad_vowels(word),
        )
    ]


# --- Korean -------------------------------------------------------------------------------
# Jamo letter options, the North's McCune-Reischauer form (as the lists write DPRK names)
# first, then Revised Romanization and the usual variants.
_INITIALS: tuple[tuple[str, ...], ...] = (
    ("k", "g"),
    ("kk", "gg"),
    ("n",),
    ("t", "d"),
    ("tt", "dd"),
    ("r", "l"),
    ("m",),
    ("p", "b"),
    ("pp", "bb"),
    ("s", "sh"),
    ("ss",),
    ("",),
    ("j", "ch"),
    ("jj", "tch"),
    ("ch",),
    ("k",),
    ("t",),
    ("p",),
    ("h",),
)
_VOWELS: tuple[tuple[str, ...], ...] = (
    ("a",),
    ("ae",),
    ("ya",),
    ("yae",),
    ("o", "eo", "u"),
    ("e",),
    ("yo", "yeo"),
    ("ye",),
    ("o",),
    ("wa",),
    ("wae",),
    ("oe", "oi", "we"),
    ("yo",),
    ("u", "oo"),
    ("wo", "weo"),
    ("we",),
    ("wi",),
    ("yu",),
    ("u", "eu"),
    ("ui", "eui"),
    ("i", "ee"),
)
_FINALS: tuple[tuple[str, ...], ...] = (
    ("",),
    ("k", "g"),
    ("k",),
    ("k",),
    ("n",),
    ("n",),
    ("n",),
    ("t", "d"),
    ("l", "r"),
    ("k",),
    ("m",),
    ("l",),
    ("l",),
    ("l",),
    ("p",),
    ("l",),
    ("m",),
    ("p", "b"),
    ("p",),
    ("t", "s"),
    ("t",),
    ("ng",),
    ("t",),
    ("t",),
    ("k",),
    ("t",),
    ("p",),
    ("t",),
)
# Surnames with spellings the letter rules do not give (Lee, Park, Roh, Oh, Shin...).
_SURNAMES = {
    "이": ("ri", "lee", "yi", "i", "rhee", "li"),
    "리": ("ri", "lee", "li", "yi"),
    "박": ("pak", "park", "bak"),
    "김": ("kim", "gim"),
    "최": ("choe", "choi"),
    "정": ("jong", "chong", "jung", "chung", "jeong"),
    "노": ("no", "roh", "noh"),
    "로": ("ro", "roh", "no"),
    "류": ("ryu", "yu", "yoo", "ryoo"),
    "유": ("yu", "yoo", "ryu"),
    "임": ("rim", "lim", "im"),
    "림": ("rim", "lim", "im"),
    "오": ("o", "oh"),
    "조": ("jo", "cho", "joe"),
    "신": ("sin", "shin"),
    "윤": ("yun", "yoon"),
    "문": ("mun", "moon"),
    "양": ("ryang", "yang"),
    "량": ("ryang", "yang"),
    "손": ("son", "sohn"),
    "배": ("pae", "bae"),
    "백": ("paek", "baek", "paik"),
    "전": ("jon", "chon", "jeon", "chun"),
    "고": ("ko", "go", "koh"),
    "서": ("so", "seo", "suh"),
    "현": ("hyon", "hyun", "hyeon"),
}


@cache
def hangul_spellings(syllable: str, surname: bool = False) -> tuple[str, ...]:
    """The Latin spellings of one Hangul syllable, McCune-Reischauer (DPRK) first:
    김 → kim, gim; 정 → jong, jeong, chong...; with `surname`, the usual surname forms."""
    code = ord(syllable) - 0xAC00
    initial, vowel, final = code // 588, code % 588 // 28, code % 28
    spellings = dict.fromkeys(
        "".join(p) for p in product(_INITIALS[initial], _VOWELS[vowel], _FINALS[final])
    )
    if surname and syllable in _SURNAMES:
        spellings = dict.fromkeys([*_SURNAMES[syllable], *spellings])
    return tuple(spellings)[:MAX_SPELLINGS]


def _hangul_words(word: str, group: int) -> list[Word]:
    """A Korean name written as one word (김정은): the first syllable is the family name,
    the others one given name; every syllable a word of its own."""
    words = []
    for k, syllable in enumerate(word):
        surname = k == 0 and len(word) in (2, 3, 4)
        words.append(
            Word(hangul_spellings(syllable, surname), group=group + (k > 0), script="hangul")
        )
    return words


# --- Chinese and Japanese -----------------------------------------------------------------
def _no_marks(text: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)
    ).casefold()


@cache
def _pinyin() -> Any:
    import pypinyin

    return pypinyin


@lru_cache(maxsize=1 << 14)
def han_spellings(char: str) -> tuple[str, ...]:
    """Pinyin without tones (the most usual reading: the rarer ones of a character make
    names of their own), then Wade-Giles without apostrophes: 习 → xi, hsi."""
    pypinyin = _pinyin()
    readings = pypinyin.pinyin(char, style=pypinyin.Style.NORMAL, heteronym=True, v_to_u=True)[0]
    wade = pypinyin.pinyin(char, style=pypinyin.Style.WADEGILES, heteronym=True)[0]
    found = dict.fromkeys(_no_marks(r) for r in [*readings[:1], *wade[:1]])
    found = dict.fromkeys(re.sub(r"[^a-z]", "", r) for r in found)
    return tuple(r for r in found if r)[:MAX_SPELLINGS]


def _han_words(run: str, group: int) -> list[Word]:
    """A Chinese name (习近平): one word per character, the first the family name and the
    others one given name ("Xi Jinping"); in a longer run (a company name) no groups."""
    words = []
    for k, char in enumerate(run):
        part = group + (k > 0) if len(run) <= 4 else -1  # a company name: no given name
        words.append(Word(han_spellings(char), group=part, script="han"))
    return words


@cache
def _kakasi() -> Any:
    import pykakasi

    return pykakasi.kakasi()  # type: ignore[no-untyped-call]


_LONG_VOWELS = (("ou", "o"), ("oo", "o"), ("uu", "u"), ("aa", "a"), ("ii", "i"), ("ee", "e"))


def _short_vowels(text: str) -> str:
    for long, short in _LONG_VOWELS:
        text = text.replace(long, short)
    return text


def _japanese_words(text: str) -> list[Word]:
    """Japanese read by pykakasi, word by word: Hepburn and Kunrei, each also with long
    vowels written short (Shinzou → Shinzo; the Kunrei プーチン → putin)."""
    words: list[Word] = []
    for item in _kakasi().convert(text):
        forms = [item["hepburn"], item["passport"], item["kunrei"]]
        pieces = [_ASCII_WORD.findall(_no_marks(f)) for f in forms]
        if any(len(p) != len(pieces[0]) for p in pieces):
            pieces = [pieces[0]]
        for k in range(len(pieces[0])):
            variants = [p[k] for p in pieces]
            spellings = dict.fromkeys(
                [_short_vowels(variants[0]), *variants, *map(_short_vowels, variants)]
            )
            # a word in katakana is a foreign name heard in Japanese (オウム = AUM): its
            # consonants, not its vowels, are what the Latin spelling keeps
            skeletons: tuple[str, ...] = ()
            if _KATAKANA.fullmatch(item["orig"]):
                skeletons = tuple(dict.fromkeys(latin_skeleton(v) for v in spellings))
            words.append(Word(tuple(spellings), skeletons, script="japanese"))
    return words


# --- Thai ---------------------------------------------------------------------------------
@cache
def _thai() -> Any:
    from pythainlp.transliterate import romanize as thai_romanize

    return thai_romanize


def _thai_word(word: str) -> list[Word]:
    """A Thai word in the Royal Thai General System (pythainlp): Thai names on the lists
    are spelled by their bearers, so the skeleton is kept to allow one consonant off."""
    spelling = "".join(_ASCII_WORD.findall(_thai()(word, engine="royin").casefold()))
    if not spelling:
        return []
    skeleton = latin_skeleton(spelling)
    if len(skeleton) < 3:  # too short to stand for a foreign name (ไทยเบฟ is "tb")
        return [Word((spelling,), script="thai")]
    # a foreign name heard in Thai: ว (w) also writes a v (วลาดีมีร์ = VLADIMIR), ค (kh) a k
    # and จ (ch) a j (คิม จอง = KIM JONG)
    first = {"w": "wv", "q": "qkj"}.get(skeleton[0], skeleton[0])
    skeletons = tuple(c + skeleton[1:] for c in first)
    return [Word((spelling,), skeletons, script="thai")]


# --- Reading a whole name -----------------------------------------------------------------
def _script_words(text: str) -> str:
    for native, latin in _SCRIPT_WORDS:
        text = text.replace(unicodedata.normalize("NFKC", native), latin)
    return text


def _read(text: str, japanese: bool) -> Reading:
    words: list[Word] = []
    group = 0
    for m in _WORDS.finditer(text):
        if len(words) >= MAX_WORDS:  # bounded work for any name (`normalize.MAX_TOKENS`)
            break
        word = m.group()[:MAX_WORD_LENGTH]
        group += 2
        if not handled(word):
            for piece in _ASCII_WORD.findall(_ascii_spelling(word)):
                words.append(Word((piece,)))
            continue
        if japanese:
            words += _japanese_words(word)
            continue
        # a word may mix scripts (Latin and Han in a company name): read run by run
        for run in re.finditer(
            r"[\uac00-\ud7a3]+|[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[\u0e00-\u0e7f]+"
            r"|[^\uac00-\ud7a3\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0e7f]+",
            word,
        ):
            piece = run.group()
            group += 2
            if _HANGUL.match(piece):
                words += _hangul_words(piece, group)
            elif _HAN.match(piece):
                words += _han_words(piece, group)
            elif _THAI.match(piece):
                words += _thai_word(piece)
            elif _ARABIC.search(piece):
                words += _abjad_words(piece, "arabic")
            elif _HEBREW.search(piece):
                words += _abjad_words(piece, "hebrew")
            else:
                words += [Word((p,)) for p in _ASCII_WORD.findall(_ascii_spelling(piece))]
    return tuple(w for k, w in enumerate(words) if not _after_abdul(words, k))


def _after_abdul(words: list[Word], k: int) -> bool:
    """The article of "Abd al-Rahman" is in ABDUL already."""
    return k > 0 and words[k].spellings == ("al",) and words[k - 1].spellings == ("abdul",)


def _prepare(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"[\u064b-\u065f\u0670\u0640\u0591-\u05c7\u05f3\u05f4]", "", text)  # marks
    return _script_words(text.replace("・", " ").replace("·", " "))


@lru_cache(maxsize=1 << 14)
def readings(text: str) -> tuple[Reading, ...]:
    """The ways a name in these scripts may be read: one reading, or two for a name in
    Chinese characters alone (as Chinese, and as Japanese); () for a name without them."""
    if not handled(text):
        return ()
    text = _prepare(text)
    if _KANA.search(text):
        return (_read(text, japanese=True),)
    found = [_read(text, japanese=False)]
    if _HAN.search(text) and not _HANGUL.search(text):
        found.append(_read(text, japanese=True))
    return tuple(r for r in found if r)


_GREEK = re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]")
_GREEK_PAIRS = (("γκ", "g"), ("Γκ", "G"), ("ΓΚ", "G"), ("γγ", "ng"), ("ΓΓ", "NG"))


def _greek(text: str) -> str:
    """Greek with its accents dropped (Πούτιν has ού, which `normalize` reads as "ou" only
    unaccented) and γκ read g (Σεργκέι = Sergei)."""
    decomposed = unicodedata.normalize("NFD", text)
    text = unicodedata.normalize("NFC", decomposed.replace("\u0301", "").replace("\u0342", ""))
    for greek, latin in _GREEK_PAIRS:
        text = text.replace(greek, latin)
    return text


@lru_cache(maxsize=1 << 16)
def romanize(text: str) -> str:
    """The name with each word of these scripts in its first Latin spelling (Korean and
    Chinese a word per syllable, Arabic articles split off); Greek without its accents;
    other text unchanged."""
    if _GREEK.search(text):
        text = _greek(text)
    if not handled(text):
        return text
    found = readings(text)
    if not found:
        return text
    words: list[str] = []
    group = -1
    for word in found[0]:  # the syllables of a given name as one word: Xi Jinping, Kim Jongun
        if word.group >= 0 and word.group == group:
            words[-1] += word.spellings[0]
        else:
            words.append(word.spellings[0])
        group = word.group
    return " ".join(words)
