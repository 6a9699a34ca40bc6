"""Golden scores per matcher version: the fixture that pins what a registered version outputs.

`tests/matching/golden/<matcher>.json` holds name pairs with their scores and parties with the
hits (entity, score, action) they get against the small named list. A change that moves any of
these outputs needs a new entry in `MATCHERS` and a new fixture; an existing fixture is never
rewritten (`python tests/matching/golden_scores.py NAME` refuses to).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from matching_helpers import RECORDS

from screening.events import Party
from screening.lists.model import entities_frame
from screening.matching.config import MATCHERS, MatchConfig
from screening.matching.matcher import Matcher, compare

GOLDEN = Path(__file__).resolve().parent / "golden"

PAIRS = [
    ("Vladimir Putin", "PUTIN, Vladimir Vladimirovich"),
    ("Usama bin Laden", "BIN LADIN, Usama"),
    ("Osama Bin Ladin", "BIN LADEN, Osama"),
    ("Al Qaeda", "AL QA'IDA"),
    ("Alqaida", "AL QA'IDA"),
    ("Alqaeda", "AL QA'IDA"),
    ("Aleksandr Sokolov", "SOKOLOV, Aleksandr Yurievich"),
    ("Alexander Sokolov", "SOKOLOV, Aleksandr Yurievich"),
    ("Sergei Ivanov", "IVANOV, Sergey Dmitriyevich"),
    ("Techno Trade LLC", "OOO TEKHNO TREID"),
    ("JSCArgument", "JSC ARGUMENT"),
    ("Argument Limted", "JSC ARGUMENT"),
    ("Ali Trading", "Mohammed Ali Trading"),
    ("Ahmad Azzam", "AZAM"),
    ("Rosoboronexport", "ROSOBORONEXPORT"),
    ("Rosoboronexprot", "ROSOBORONEXPORT"),
    ("Rosbornexport", "ROSOBORONEXPORT"),
    ("Rosoboroneksport", "ROSOBORONEXPORT"),
    ("Yusuf Abdul Rahman al-Hussein", "AL-HUSSEIN, Yusuf Abdul Rahman"),
    ("Youssef Abdelrahman Husain", "AL-HUSSEIN, Yusuf Abdul Rahman"),
    ("Mihamed Husauyn", "Muhammad Husain"),
    ("Sirajuddin Haqani", "HAQQANI, Sirajuddin Jallaloudine"),
    ("Sirajudin Haqqany", "HAQQANI, Sirajuddin Jallaloudine"),
    ("Sberbank", "SBERBANK LEASING"),
    ("Sberbnak", "SBERBANK"),
    ("Sbrebank", "SBERBANK"),
    ("Muller Sohne GmbH", "MÜLLER SÖHNE GMBH"),
    ("Mueller Soehne", "MÜLLER SÖHNE GMBH"),
    ("Northern Star Shipping Company Limited", "NORTHERN STAR SHIPPING CO., LTD."),
    ("Nothern Star Shiping", "NORTHERN STAR SHIPPING CO., LTD."),
    ("Stroytech 123", "STROYTEKH 123 LLC"),
    ("Kim Jong-un", "KIM, Jong Un"),
    ("Kim Jong Il", "KIM, Jong Un"),
    ("Ocean Glory", "OCEAN GLORY"),
    ("Oceanglory", "OCEAN GLORY"),
    ("Aerocaribean Airlines", "AEROCARIBBEAN AIRLINES"),
    ("Aero Caribbean", "AEROCARIBBEAN AIRLINES"),
    ("Karimov Rustam", "KARIMOV, Rustam"),
    ("Karimoff Rustem", "KARIMOV, Rustam"),
    ("Jallaloudine Haqqani", "HAQQANI, Sirajuddin Jallaloudine"),
    ("Jalaludin Haqqani", "HAQQANI, Sirajuddin Jallaloudine"),
    ("Internationl Trading Company", "INTERNATIONAL TRADING CO"),
    ("Abcd Efgh", "ABCE EFGH"),
    ("Abcde Fghij", "ABCDF FGHIJ"),
    ("Abcdefghi Klm", "ABCDEFGXY KLM"),
    ("Abcdefghi Klm", "ABCDEFGZZ KLM"),
    ("Abcd Klmnop", "ABCDE KLMNOP"),
    ("Abcdefgh Klm", "ABCDEFGHXY KLM"),
]

PARTIES: list[tuple[str, str, str | None, str | None]] = [
    ("Vladimir Putin", "person", "RU", "1952-10-07"),
    ("Usama bin Laden", "person", None, None),
    ("Al Qaeda", "organization", None, None),
    ("Alexander Sokolov", "person", None, "1970-01-01"),
    ("Sergei Ivanov", "person", None, None),
    ("Tekhno Treid", "organization", "RU", None),
    ("Argument JSC", "organization", None, None),
    ("Ali Trading", "organization", None, None),
    ("Rosoboronexprot", "organization", None, None),
    ("Youssef Abdel Rahman Husain", "person", None, None),
    ("Sirajudin Haqany", "person", None, None),
    ("Sberbank Leasing", "organization", None, None),
    ("Muller Sohne", "organization", None, None),
    ("Nothern Star Shiping Co", "organization", None, None),
    ("Kim Jong-un", "person", None, None),
    ("Aerocaribean", "organization", "CU", None),
    ("Acme Widgets Ltd", "organization", "DE", None),
]


def _party(name: str, kind: Any, country: str | None, dob: str | None) -> Party:
    return Party(0, "buyer", name, kind, country, dob, ())


def outputs(config: MatchConfig) -> dict[str, Any]:
    """What the fixture pins, computed now."""
    matcher = Matcher(entities_frame(list(RECORDS)), config)
    pairs = [
        {
            "a": a,
            "b": b,
            "score": compare(a, b, config).score,
            "action": compare(a, b, config).action,
        }
        for a, b in PAIRS
    ]
    parties = []
    for name, kind, country, dob in PARTIES:
        hits = matcher.screen_party(_party(name, kind, country, dob))
        parties.append(
            {
                "name": name,
                "kind": kind,
                "country": country,
                "dob": dob,
                "hits": [
                    {
                        "list": h.list,
                        "entity_id": h.entity_id,
                        "matched_name": h.matched_name,
                        "score": h.score,
                        "action": h.action,
                    }
                    for h in hits
                ],
            }
        )
    return {"pairs": pairs, "parties": parties}


def fixture_path(name: str) -> Path:
    return GOLDEN / f"{name}.json"


def mismatches(name: str, config: MatchConfig | None = None) -> list[str]:
    """How today's outputs of matcher `name` differ from its golden fixture (empty: none)."""
    config = config or MATCHERS[name]
    golden = json.loads(fixture_path(name).read_text(encoding="utf-8"))
    now = outputs(config)
    found = []
    if golden["config_digest"] != "sha256:" + config.digest:
        found.append(f"config digest {golden['config_digest']} -> sha256:{config.digest}")
    for section in ("pairs", "parties"):
        for was, is_ in zip(golden[section], now[section], strict=True):
            if was != is_:
                found.append(f"{section}: {was} -> {is_}")
    return found


def main(name: str) -> None:
    path = fixture_path(name)
    if path.exists():
        sys.exit(f"{path} exists: a registered version's golden scores are never rewritten")
    config = MATCHERS[name]
    document = {"matcher": name, "config_digest": "sha256:" + config.digest, **outputs(config)}
    path.write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {path}")


if __name__ == "__main__":
    main(sys.argv[1])
