"""A small named list (each record is there for one behaviour the tests check) and a party maker."""

from __future__ import annotations

from screening.events import Identifier, Party
from screening.lists.model import Alias, EntityRecord, IdentifierRecord
from screening.types import Kind

RECORDS = [
    EntityRecord("us_ofac_sdn", "36", "organization", "AEROCARIBBEAN AIRLINES", countries=["CU"]),
    EntityRecord(
        "us_ofac_sdn",
        "6365",
        "person",
        "BIN LADIN, Usama",
        aliases=[Alias("BIN LADEN, Osama"), Alias("Abu Abdallah", "aka", "weak")],
        dates_of_birth=["1957-03-10"],
        countries=["SA"],
    ),
    EntityRecord("us_ofac_sdn", "6366", "organization", "AL QA'IDA", aliases=[Alias("Al-Qaeda")]),
    EntityRecord(
        "uk_ofsi",
        "14196",
        "person",
        "PUTIN, Vladimir Vladimirovich",
        aliases=[Alias("Владимир Владимирович Путин", "original_script")],
        dates_of_birth=["1952-10-07"],
        countries=["RU"],
    ),
    EntityRecord(
        "uk_ofsi", "200", "person", "SOKOLOV, Aleksandr Yurievich", dates_of_birth=["1970"]
    ),
    EntityRecord("uk_ofsi", "201", "person", "IVANOV, Sergey Dmitriyevich"),
    EntityRecord("us_csl", "300", "organization", "OOO TEKHNO TREID", countries=["RU"]),
    EntityRecord("us_csl", "301", "organization", "JSC ARGUMENT"),
    EntityRecord("us_csl", "302", "organization", "ALI TRADING"),
    EntityRecord("us_csl", "303", "organization", "ROSOBORONEXPORT", aliases=[Alias("ROE")]),
    EntityRecord(
        "us_ofac_sdn",
        "400",
        "person",
        "AL-HUSSEIN, Yusuf Abdul Rahman",
        aliases=[Alias("Youssef Abdel Rahman HUSAIN", "aka", "weak")],
    ),
    EntityRecord(
        "us_ofac_sdn",
        "500",
        "vessel",
        "OCEAN GLORY",
        identifiers=[IdentifierRecord("imo", "9187629")],
    ),
    EntityRecord(
        "us_ofac_sdn",
        "501",
        "person",
        "KARIMOV, Rustam",
        identifiers=[IdentifierRecord("passport", "AB1234567")],
    ),
    EntityRecord("un_sc", "QDi.1", "person", "HAQQANI, Sirajuddin Jallaloudine"),
    EntityRecord("ca_sema", "RU-1", "organization", "SBERBANK", list="Russia"),
    EntityRecord("eu_fsf", "EU-9", "organization", "MÜLLER SÖHNE GMBH"),
    EntityRecord("us_bis_dpl", "D-1", "organization", "NORTHERN STAR SHIPPING CO., LTD."),
    EntityRecord("custom_watch", "W-1", "organization", "SBERBANK LEASING"),
    EntityRecord("us_csl", "304", "organization", "STROYTEKH 123 LLC"),
    EntityRecord("us_csl", "305", "person", "KIM, Jong Un"),
]


def party(
    name: str,
    kind: Kind = "unknown",
    country: str | None = None,
    dob: str | None = None,
    identifiers: tuple[Identifier, ...] = (),
) -> Party:
    return Party(0, "buyer", name, kind, country, dob, identifiers)
