"""Undo the ways a name is disguised before it is normalised (name-match-v2 and later).

A party name can be written to slip past a screener while a human reads it unchanged:
look-alike letters from another script (Cyrillic В for B, Greek Ρ for P: Unicode's UTS #39
confusables, from the `confusable_homoglyphs` data), invisible code points between letters
(zero-width joiners, soft hyphens, the TAG block U+E0000-E007F: Unicode's
Default_Ignorable_Code_Point set), emoji between words, and digits for letters inside a word
("S0UTHP0RT", "1td"). `reveal` returns the text a reader sees; letter-spaced and glued names
("B A N K  M E L L A T", "BANKMELLAT") are split again by the matcher against its vocabulary.
Pure functions of the input, so a matcher version pins them.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache, lru_cache
from importlib import resources

# Unicode 15 Default_Ignorable_Code_Point (DerivedCoreProperties.txt), as ranges.
_IGNORABLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff]"
)
_DIGIT_LETTERS = {"0": "o", "1": "l", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "$": "s"}
_MIXED = re.compile(r"(?<![\w$])(?=[\w$]*[^\W\d_])(?=[\w$]*[\d$])[\w$]{3,}(?![\w$])")
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th|er|e|eme|ая|ый)", re.IGNORECASE)
_WORD = re.compile(r"[^\W_]+")


@cache
def confusables() -> dict[str, str]:
    """Non-ASCII character → the ASCII letter or digit it is confusable with (UTS #39 data
    shipped by `confusable_homoglyphs`), the upper-case letter for an upper-case character."""
    text = resources.files("confusable_homoglyphs").joinpath("confusables.json").read_text()
    data = json.loads(text)
    # Upper-case Latin letters by the prototype they are confusable with: UTS #39 folds Latin
    # I itself to l, so Greek Ι and Cyrillic І (also "l") are read as I, not l, in capitals.
    capitals: dict[str, str] = {}
    for letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
        for glyph in data.get(letter, ()):
            if len(glyph["c"]) == 1 and glyph["c"].isascii() and glyph["c"].isalnum():
                capitals.setdefault(glyph["c"], letter)
    table: dict[str, str] = {}
    for char, glyphs in data.items():
        if len(char) != 1 or char.isascii():
            continue
        latin = [g["c"] for g in glyphs if len(g["c"]) == 1 and g["c"].isascii()]
        latin = [c for c in latin if c.isalnum()]
        if latin:
            same_case = [c for c in latin if c.isupper() == char.isupper() and c.isalpha()]
            if not same_case and char.isupper():
                same_case = [capitals[c] for c in latin if c in capitals]
            table[char] = (same_case or latin)[0]
    return table


def _latin(char: str) -> bool:
    return char.isascii() or "LATIN" in unicodedata.name(char, "")


def _fold_confusable_words(text: str) -> str:
    """In a name that has Latin letters, a word in another script made only of look-alikes
    of Latin letters, or mixing them with Latin letters, is read as the Latin word."""
    if not any(c.isalpha() and _latin(c) for c in text):
        return text
    table = confusables()

    def fold(m: re.Match[str]) -> str:
        word = m.group()
        if all(_latin(c) for c in word):
            return word
        if all(_latin(c) or c in table for c in word):
            return "".join(c if _latin(c) else table[c] for c in word)
        return word

    return _WORD.sub(fold, text)


def _digits_to_letters(m: re.Match[str]) -> str:
    word = m.group()
    letters = sum(c.isalpha() for c in word)
    if _ORDINAL.fullmatch(word) or letters < 2 or letters < len(word) - letters:
        return word
    if any(c.isdigit() and c not in _DIGIT_LETTERS for c in word):
        return word
    out = []
    for k, c in enumerate(word):
        if c == "1":  # i between consonants ("M1LLAT" is rare), else l ("1td", "ME11AT")
            before = word[k - 1 : k].lower()
            after = word[k + 1 : k + 2].lower()
            vowel = before in ("", "l") or after == "l" or before in "aeiou"
            c = "l" if vowel or after in "aeiou" else "i"
        out.append(_DIGIT_LETTERS.get(c, c) if not c.isalpha() else c)
    text = "".join(out)
    return text.upper() if word.isupper() or word.upper() == word else text


@lru_cache(maxsize=1 << 16)
def reveal(text: str) -> str:
    """The name as a reader sees it: invisible code points dropped, symbols and emoji made
    word breaks, look-alike letters read as Latin, digits inside words read as letters."""
    if text.isascii():
        return _MIXED.sub(_digits_to_letters, text) if any(c.isdigit() for c in text) else text
    text = _IGNORABLE.sub("", text)
    text = "".join(" " if unicodedata.category(c) in ("So", "Sk", "Cs", "Co") else c for c in text)
    text = _fold_confusable_words(unicodedata.normalize("NFC", text))
    return _MIXED.sub(_digits_to_letters, text)
