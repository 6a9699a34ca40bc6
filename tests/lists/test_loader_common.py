from __future__ import annotations

import pytest

from screening.lists.identifiers import identifier_type
from screening.lists.loaders._common import identifier, merge, parse_dates
from screening.lists.loaders.countries import to_iso2
from screening.lists.model import Alias, EntityRecord, IdentifierRecord


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10 Dec 1948", ["1948-12-10"]),
        ("Dec 1948", ["1948-12"]),
        ("circa 1960", ["1960"]),
        ("1960 to 1962", ["1960", "1961", "1962"]),
        ("1900 to 1960", ["1900", "1960"]),
        ("1965-04-29", ["1965-04-29"]),
        ("00/00/1961", ["1961"]),
        ("01/09/1957", ["1957-09-01"]),
        ("05/1970", ["1970-05"]),
        ("born", []),
        ("Sep-99", []),
        ("", []),
    ],
)
def test_parse_dates(text: str, expected: list[str]) -> None:
    assert parse_dates(text) == expected


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Korea, North", "KP"),
        ("Democratic People's Republic of Korea", "KP"),
        ("Iran (Islamic Republic of)", "IR"),
        ("Russian Federation", "RU"),
        ("Burma", "MM"),
        ("United Kingdom of Great Britain and Northern Ireland", "GB"),
        ("Côte d'Ivoire", "CI"),
        ("Region: Gaza", "PS"),
        ("Congo, Democratic Republic of the", "CD"),
        ("ru", "RU"),
        ("Atlantis", None),
    ],
)
def test_country_names(name: str, code: str | None) -> None:
    assert to_iso2(name) == code


def test_identifier_labels() -> None:
    assert identifier_type("Vessel Registration Identification") == "imo"
    assert identifier_type("National ID No.") == "national_id"
    assert identifier_type("Tax ID No.") == "tax_id"
    assert identifier_type("Registration ID") == "registration"
    assert identifier_type("SWIFT/BIC") == "swift"
    assert identifier_type("Website") is None


def test_merge_keeps_first_name_and_unions() -> None:
    a = EntityRecord("s", "1", "unknown", "A", list="L2", countries=["RU"])
    b = EntityRecord("s", "1", "person", "B", list="L1", countries=["RU", "BY"])
    merged = merge(a, b)
    assert (merged.name, merged.kind, merged.list) == ("A", "person", "L1; L2")
    assert merged.aliases == [Alias("B")]
    assert merged.countries == ["RU", "BY"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # OFAC writes a range of full dates: the years in it, or the month they share
        ("01 Jan 1973 to 31 Dec 1973", ["1973"]),
        ("01 Jan 1961 to 31 Dec 1963", ["1961", "1962", "1963"]),
        ("01 Feb 1960 to 29 Feb 1960", ["1960-02"]),
        ("31 Dec 1963 to 01 Jan 1961", []),
    ],
)
def test_parse_date_ranges(text: str, expected: list[str]) -> None:
    assert parse_dates(text) == expected


def test_imo_label_with_a_non_imo_number() -> None:
    # OFAC 23424: "Vessel Registration Identification 15411 (Malta)" is a flag-state number
    assert identifier("imo", "IMO 9187629") == IdentifierRecord("imo", "9187629")
    assert identifier("imo", "15411") == IdentifierRecord("registration", "15411")
    assert identifier("imo", "RS 150443") == IdentifierRecord("registration", "RS 150443")
