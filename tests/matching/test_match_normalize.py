from __future__ import annotations

import pytest

from screening.matching.normalize import analyze, normalize, transliterate


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Владимир", "vladimir"),
        ("Александр Юрьевич", "aleksandr yurevich"),
        ("Сергей", "sergei"),
        ("Ёлкин", "elkin"),
        ("Αλέξανδρος Παπαδόπουλος", "aleksandros papadopulos"),
        ("习近平", "xi jin ping"),
        ("محمد", "muhamad"),
        ("Müller\u00a0Söhne", "muler sohne"),
        ("José  MARÍA\tÑúñez", "jose maria nunez"),
        ("ＡＢＣ", "abc"),  # full-width, NFKC
    ],
)
def test_scripts_diacritics_and_spaces(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


@pytest.mark.parametrize(
    ("raw", "tokens", "legal"),
    [
        ("ANGLO-CARIBBEAN CO., LTD.", ("anglo", "caribean"), ("co ltd",)),
        ('ООО "Техно Трейд"', ("tehno", "treyd"), ("ooo",)),
        ("ПАО Сбербанк", ("sberbank",), ("pao",)),
        ("S.A. de C.V. Foo", ("foo",), ("sa de cv",)),
        ("Foo Limited Liability Company", ("foo",), ("limited liability company",)),
        ("JSCARGUMENT", ("argument",), ("jsc",)),
        ("Foo Sdn. Bhd.", ("foo",), ("sdn bhd",)),
        ("LLC 123", ("123",), ("llc",)),
        ("L.L.C.", ("llc",), ()),  # nothing but a legal form: it stays the name
    ],
)
def test_legal_forms_are_set_apart(
    raw: str, tokens: tuple[str, ...], legal: tuple[str, ...]
) -> None:
    analyzed = analyze(raw)
    assert (analyzed.tokens, analyzed.legal) == (tokens, legal)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Mr. John Smith", "john smith"),
        ("Sheikh Haji Ali Hassan", "ali hasan"),
        ("Dr Sayyid Mullah Omar", "umar"),
        ("BIN LADEN, Sheikh Usama", "bin laden usama"),  # title after "SURNAME,"
        ("General Ivan Petrov", "ivan petrov"),
        ("General Trading LLC", "general trading"),  # a company, not a general
        ("AL-SHAYKH, Diyab", "al shayh diyab"),  # a family name, not a title
    ],
)
def test_honorifics(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


@pytest.mark.parametrize(
    "group",
    [
        ("Mohammed", "Muhammad", "Mohamed", "Mohammad", "MOHAMAD"),
        ("Yusuf", "Youssef", "Yousef"),
        ("Aleksandr", "Alexander", "Александр"),
        ("Sergey", "Sergei", "Serhiy"),
        ("Yuriy", "Yuri", "Yury"),
        ("Hussein", "Husain", "Hussain"),
        ("Osama", "Usama"),
        ("Qaida", "Qaeda"),
        ("Abdul Rahman", "Abd al-Rahman", "Abdel Rahman", "Abdelrahman"),
    ],
)
def test_transliteration_variants_fold_together(group: tuple[str, ...]) -> None:
    assert len({normalize(name) for name in group}) == 1


def test_transliterate_keeps_only_ascii_words() -> None:
    assert transliterate("AL-QA'IDA, (Head Office)!") == "al qaida head office"
    assert transliterate("GeorgyMaslov") == "georgy maslov"


@pytest.mark.parametrize(
    ("raw", "tokens", "legal"),
    [
        (
            "CHINA STATE SHIPBUILDING CORPORATION LIMTIED",
            ("china", "state", "shipbuilding"),
            ("corporation", "limited"),
        ),
        ("LIMIYED LIABILITY COMPANY ENEL", ("enel",), ("limited liability company",)),
        ("RAJBROOK LKIMITED", ("rajbruk",), ("limited",)),
    ],
)
def test_misspelt_legal_forms_are_still_legal_forms(
    raw: str, tokens: tuple[str, ...], legal: tuple[str, ...]
) -> None:
    analyzed = analyze(raw)
    assert (analyzed.tokens, analyzed.legal) == (tokens, legal)


def test_typo_of_a_spelling_variant_folds_like_the_variant() -> None:
    assert analyze("Abdul Mihamed").tokens == analyze("Abdul Mohammed").tokens
    assert analyze("Jamal Husauyn").tokens == analyze("Jamal Hussein").tokens
    # ...but only within one edit, and never into a different first letter
    assert analyze("Aleksandros").tokens != analyze("Aleksandr").tokens
    assert analyze("Bohamed").tokens != analyze("Mohamed").tokens
