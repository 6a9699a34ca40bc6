#!/usr/bin/env python3
"""Generate the sample customs-declaration stream and the invalid-event samples.

Deterministic (fixed seed, no clock, stdlib only). Run from the repository root:

    python streams/samples/generate.py

Writes, next to this file:

- customs-declarations.jsonl          ~300 valid transaction events (schema v1)
- customs-declarations.expected.csv   intended outcome and reason per event (not inside events)
- invalid-events.jsonl                one invalid event per line, each wrong in a different way
- invalid-events.reasons.csv          line number, expected error code, what is wrong

Party names are invented, except (a) the names that deliberately hit the fictional list in
lists/sample/custom_demo/entities.csv and (b) a handful of real names copied from the public
OFAC SDN / US Consolidated Screening List files, marked `requires=real_lists` in the
expected CSV. Goods mixes follow the Pillar One policy notes: other goods allowed, critical
goods flagged and strategic goods blocked with CN/RU/BY (HK/MO treated as CN), embargoed
countries blocked, invalid or ambiguous goods data flagged for review.
"""

from __future__ import annotations

import csv
import json
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

SEED = 20261128
OUT_DIR = Path(__file__).resolve().parent
START = datetime(2026, 11, 2, 6, 0, 0, tzinfo=UTC)
TOTAL_EVENTS = 300

rng = random.Random(SEED)

# --------------------------------------------------------------------------------------------
# Countries
# --------------------------------------------------------------------------------------------

MEMBERS = [
    "US",
    "GB",
    "CA",
    "FR",
    "DE",
    "IT",
    "JP",
    "AU",
    "KR",
    "NL",
    "BE",
    "ES",
    "SE",
    "PL",
    "AT",
    "DK",
    "FI",
    "IE",
    "CZ",
    "PT",
]
EURO = {"FR", "DE", "IT", "NL", "BE", "ES", "AT", "FI", "IE", "PT", "GR", "CY", "LT"}


def currency_for(country: str) -> str:
    if country in EURO:
        return "EUR"
    if country == "GB":
        return "GBP"
    if country == "JP":
        return "JPY"
    return "USD"


# --------------------------------------------------------------------------------------------
# Invented names
# --------------------------------------------------------------------------------------------

COMPANY_ROOTS = {
    "US": [
        "Harbor Ridge",
        "Prairie Line",
        "Ironwood",
        "Summit Crest",
        "Redwood Bay",
        "Granite Falls",
        "Lakeshore Pioneer",
        "Cedar Hollow",
        "Blue Heron",
        "Westbrook",
    ],
    "GB": [
        "Thamesbridge",
        "Harrowgate",
        "Pennine",
        "Wessex Lantern",
        "Kingsmere",
        "Aldgate Rowe",
        "Cotswold Finch",
        "Brackenhurst",
    ],
    "CA": ["Maple Fjord", "Laurentian Ridge", "Fraser Pine", "Georgian Shore", "Northmoor"],
    "FR": [
        "Belcourt",
        "Lavandière",
        "Roche-Aubert",
        "Val de Loirac",
        "Maison Dufrenne",
        "Clairmont",
    ],
    "DE": [
        "Lindenhof",
        "Rheinwerk",
        "Kästner",
        "Brenntal",
        "Auerbach",
        "Falkenrode",
        "Wiesental",
        "Hollmann",
        "Eichwald",
        "Sonnefeld",
    ],
    "IT": ["Valbruna", "Fratelli Corsini", "Montevario", "Lago Serrano", "Piazzolla", "Castelmoro"],
    "JP": ["Hanamori", "Kitazawa", "Shirakumo", "Aozora Seiki", "Midorigawa", "Takemura"],
    "AU": ["Wattle Creek", "Southern Cross Bayside", "Kookaburra Ridge", "Murray Plains"],
    "KR": ["Hanbit Sejin", "Daeyang Nuri", "Seorin", "Mirae Hanul"],
    "NL": ["Van der Wiel", "Zuiderkade", "Hofstede", "Oranjelaan"],
    "BE": ["Scheldemont", "Ardennes Vallée", "Vandermeulen"],
    "ES": ["Olivares del Sur", "Torremar", "Alcázar Norte", "Rioverde"],
    "SE": ["Fjällström", "Björkvik", "Lindqvist Nord"],
    "PL": ["Wisłoport", "Zielony Bór", "Kowalczyk-Nowak"],
    "AT": ["Alpenwald", "Donauhof", "Steinerhaus"],
    "DK": ["Skovgaard", "Havnekrog"],
    "FI": ["Koivulahti", "Saimaan Tähti"],
    "IE": ["Shannonside", "Liffeybank"],
    "CZ": ["Vltavín", "Beskydy Novák"],
    "PT": ["Ribeira Alta", "Douro Norte"],
    "CN": [
        "Ningbo Haoyue",
        "Dongguan Jinfeng",
        "Foshan Meijia",
        "Xiamen Lanhai",
        "Suzhou Qingyun",
        "Wenzhou Tianrui",
        "Hangzhou Ruixin",
        "Qingdao Hongtai",
    ],
    "HK": ["Kowloon Bayview", "Victoria Harbourline"],
    "RU": [
        "Sibirskiy Les",
        "Volzhskie Zori",
        "Kamsky Tekstil",
        "Belaya Reka",
        "Ladoga Agro",
        "Sokolniki Torg",
    ],
    "BY": ["Nemanskiy Dvor", "Polesye Agro"],
    "VN": ["Saigon Lotus", "Hai Phong Minh An", "Da Nang Phuong Dong"],
    "IN": ["Sahyadri", "Ganga Vista", "Coromandel Blue"],
    "MX": ["Sierra Morena", "Bajío Azul"],
    "BR": ["Serra Dourada", "Rio Ipanema"],
    "CH": ["Jura Montreux", "Lémanic"],
    "NO": ["Nordfjord", "Hardanger Vest"],
    "TR": ["Anadolu Çınar", "Ege Yıldız"],
    "AE": ["Al Nahda Sands", "Creekside Meridian"],
    "KZ": ["Alatau Dala", "Esil Kerey"],
    "AM": ["Sevan Hayk", "Aragats Line"],
    "GE": ["Kolkheti", "Rioni Vale"],
    "UZ": ["Fergana Ipak", "Chorsu"],
    "KG": ["Issyk Sary"],
    "TH": ["Chao Phraya Siam"],
    "SA": ["Najd Horizon"],
    "IR": ["Alborz Pars", "Karun Sepehr"],
    "KP": ["Ryongsong Taedong"],
    "CU": ["Vedado Caribe"],
    "SY": ["Orontes Valley"],
    "TM": ["Garagum Ýol"],
    "OM": ["Sohar Dunes"],
    "GR": ["Aegean Kymata"],
    "LT": ["Nemunas Baltas"],
    "TW": ["Hsinchu Chenxing"],
    "SG": ["Marina Straits"],
    "AZ": ["Absheron Kervan"],
    "QQ": ["Unknown Coast"],
}

LEGAL_FORMS = {
    "US": ["Inc.", "LLC", "Corp."],
    "GB": ["Ltd", "Limited", "PLC"],
    "CA": ["Inc.", "Ltd."],
    "FR": ["SAS", "SA", "SARL"],
    "DE": ["GmbH", "AG", "GmbH & Co. KG"],
    "IT": ["S.p.A.", "S.r.l."],
    "JP": ["K.K.", "Co., Ltd."],
    "AU": ["Pty Ltd"],
    "KR": ["Co., Ltd."],
    "NL": ["B.V.", "N.V."],
    "BE": ["NV", "SRL"],
    "ES": ["S.L.", "S.A."],
    "SE": ["AB"],
    "PL": ["Sp. z o.o."],
    "AT": ["GmbH"],
    "DK": ["A/S", "ApS"],
    "FI": ["Oy"],
    "IE": ["Ltd", "DAC"],
    "CZ": ["s.r.o."],
    "PT": ["Lda."],
    "CN": ["Co., Ltd."],
    "HK": ["Limited", "Co., Ltd."],
    "RU": ["OOO", "AO"],
    "BY": ["OOO", "OAO"],
    "VN": ["Co., Ltd.", "JSC"],
    "IN": ["Pvt. Ltd."],
    "MX": ["S.A. de C.V."],
    "BR": ["Ltda."],
    "CH": ["AG", "SA"],
    "NO": ["AS"],
    "TR": ["A.Ş.", "Ltd. Şti."],
    "AE": ["FZE", "LLC", "FZCO"],
    "KZ": ["LLP", "TOO"],
    "AM": ["LLC", "CJSC"],
    "GE": ["LLC"],
    "UZ": ["LLC", "MChJ"],
    "KG": ["OsOO"],
    "TH": ["Co., Ltd."],
    "SA": ["Co."],
    "IR": ["Co.", "PJS"],
    "KP": ["Corp."],
    "CU": ["S.A."],
    "SY": ["Co."],
    "TM": ["HJ"],
    "OM": ["LLC"],
    "GR": ["S.A."],
    "LT": ["UAB"],
    "TW": ["Co., Ltd."],
    "SG": ["Pte. Ltd."],
    "AZ": ["LLC"],
    "QQ": ["Ltd"],
}
PREFIX_FORMS = {"RU", "BY"}  # "OOO Name", Russian style

SECTOR_WORDS = {
    "furniture": ["Furniture", "Interiors", "Home Living"],
    "vehicles": ["Motors", "Automotive", "Auto Trading"],
    "apparel": ["Textiles", "Apparel", "Fashion"],
    "food": ["Foods", "Agro", "Provisions", "Gourmet"],
    "appliances": ["Appliances", "Home Electric", "Household Technology"],
    "electronics": ["Electronics", "Components", "Technologies", "Devices"],
    "machinery": ["Machinery", "Engineering", "Industrial"],
    "energy": ["Energy", "Petroleum", "Fuels", "Resources"],
    "pharma": ["Pharma", "Life Sciences", "Medical", "Healthcare"],
    "minerals": ["Metals", "Minerals", "Materials"],
    "aerospace": ["Aero", "Aviation", "Aerotech"],
    "defence": ["Defence Systems", "Tactical", "Ordnance"],
    "logistics": ["Logistics", "Freight", "Forwarding", "Shipping"],
    "trading": ["Trading", "Import Export", "Commerce"],
    "retail": ["Retail", "Stores", "Distribution"],
}
# German-speaking countries use German sector words.
SECTOR_WORDS_DE = {
    "furniture": ["Möbel", "Wohnen"],
    "vehicles": ["Fahrzeugtechnik", "Automobile"],
    "apparel": ["Textil", "Mode"],
    "food": ["Feinkost", "Lebensmittel"],
    "appliances": ["Haustechnik", "Hausgeräte"],
    "electronics": ["Elektronik", "Bauelemente"],
    "machinery": ["Maschinenbau", "Anlagenbau"],
    "energy": ["Energie", "Mineralöl"],
    "pharma": ["Pharma", "Medizintechnik"],
    "minerals": ["Metalle", "Werkstoffe"],
    "aerospace": ["Luftfahrttechnik"],
    "defence": ["Wehrtechnik"],
    "logistics": ["Logistik", "Spedition"],
    "trading": ["Handel", "Handelsgesellschaft"],
    "retail": ["Warenhaus", "Vertrieb"],
}

FIRST_LAST = {
    "DE": (
        ["Jonas", "Lena", "Matthias", "Sabine", "Tobias", "Katrin"],
        ["Weber", "Hoffmann", "Brandt", "Scholz"],
    ),
    "FR": (
        ["Camille", "Julien", "Élodie", "Mathieu"],
        ["Lefèvre", "Moreau", "Garnier", "Rousseau"],
    ),
    "IT": (["Giulia", "Marco", "Francesca", "Luca"], ["Bianchi", "Ferraro", "Galli", "Conti"]),
    "US": (
        ["Emily", "Daniel", "Megan", "Ryan", "Olivia"],
        ["Carter", "Hughes", "Bennett", "Foster"],
    ),
    "GB": (
        ["Oliver", "Charlotte", "Harry", "Amelia"],
        ["Whitfield", "Pemberton", "Ashworth", "Hale"],
    ),
    "JP": (["Haruto", "Yui", "Sota", "Aoi"], ["Nakamura", "Fujita", "Ishikawa", "Mori"]),
    "ES": (["Lucía", "Pablo", "Carmen"], ["García Ruiz", "Navarro", "Ortega"]),
    "NL": (["Daan", "Sanne", "Lotte"], ["de Vries", "Bakker", "Visser"]),
    "PL": (["Katarzyna", "Piotr"], ["Wiśniewski", "Zieliński"]),
    "RU": (["Alexei", "Olga", "Sergei", "Natalia"], ["Kuznetsov", "Orlova", "Smirnov", "Zaitseva"]),
    "CN": (["Wei", "Li Na", "Jun", "Mei"], ["Zhang", "Wang", "Liu", "Chen"]),
    "KR": (["Min-jun", "Seo-yeon"], ["Kim", "Park", "Choi"]),
    "TR": (["Emre", "Zeynep"], ["Yılmaz", "Demir", "Kaya"]),
    "IN": (["Arjun", "Priya"], ["Sharma", "Iyer", "Menon"]),
}

BANK_NAMES = {
    "DE": "Rheinische Handelsbank AG",
    "FR": "Banque Belcourt & Associés SA",
    "US": "Harbor Ridge Bank N.A.",
    "GB": "Thamesbridge Merchant Bank PLC",
    "IT": "Banca Valbruna S.p.A.",
    "JP": "Shirakumo Trust Bank, Ltd.",
    "NL": "Zuiderkade Bank N.V.",
    "CN": "Xiamen Lanhai Commercial Bank Co., Ltd.",
    "KR": "Daeyang Nuri Bank",
    "ES": "Banco Torremar S.A.",
    "AE": "Creekside Meridian Bank PJSC",
    "TR": "Ege Yıldız Bankası A.Ş.",
    "KZ": "Alatau Dala Bank JSC",
    "IN": "Coromandel Blue Bank Ltd.",
}

BENIGN_VESSELS = [
    "Elbe Voyager",
    "Saffron Tide",
    "Kobe Laurel",
    "Atlantic Wren",
    "Baltic Juniper",
    "Cape Halcyon",
    "Lisbon Aster",
    "Nordic Larch",
    "Celtic Marigold",
    "Pacific Quill",
    "Rotterdam Sparrow",
    "Genoa Bellflower",
]
AIR_CARRIERS = [
    "Skylark Air Cargo GmbH",
    "Bluewing Freight Airlines Inc.",
    "Orient Crane Cargo Co., Ltd.",
    "Meridiem Air Logistics S.p.A.",
]
ROAD_CARRIERS = [
    "Transalpina Spedition GmbH",
    "Via Baltica Trucking UAB",
    "Eurocourier Fracht s.r.o.",
    "Pyrenees Road Freight S.L.",
]


def imo_with_check(base6: int) -> str:
    """Fictional but well-formed IMO number: 6 digits plus the IMO check digit."""
    digits = [int(d) for d in f"{base6:06d}"]
    check = sum(d * w for d, w in zip(digits, range(7, 1, -1), strict=True)) % 10
    return f"{base6:06d}{check}"


VESSEL_IMO = {name: imo_with_check(973100 + 17 * i) for i, name in enumerate(BENIGN_VESSELS)}


def company(country: str, sector: str) -> str:
    root = rng.choice(COMPANY_ROOTS.get(country, COMPANY_ROOTS["QQ"]))
    word = rng.choice((SECTOR_WORDS_DE if country in ("DE", "AT") else SECTOR_WORDS)[sector])
    form = rng.choice(LEGAL_FORMS.get(country, ["Ltd"]))
    if country in PREFIX_FORMS:
        return f"{form} {root} {word}"
    return f"{root} {word} {form}"


def person_name(country: str) -> str:
    firsts, lasts = FIRST_LAST.get(country, FIRST_LAST["US"])
    return f"{rng.choice(firsts)} {rng.choice(lasts)}"


def eori(country: str) -> str:
    return f"{country}{rng.randrange(10**11, 10**12)}"


def org_party(
    role: str, country: str, sector: str, name: str | None = None, **extra: object
) -> dict:
    party: dict = {
        "role": role,
        "name": name or company(country, sector),
        "kind": "organization",
        "country": country,
    }
    if country in EURO | {"GB", "SE", "PL", "DK", "CZ"} and rng.random() < 0.25:
        party["identifiers"] = [
            {"type": "eori", "value": eori(country if country != "GB" else "GB")}
        ]
    party.update(extra)
    return party


def person_party(role: str, country: str, name: str | None = None, dob: str | None = None) -> dict:
    party: dict = {
        "role": role,
        "name": name or person_name(country),
        "kind": "person",
        "country": country,
    }
    if dob is None and rng.random() < 0.6:
        dob = (
            f"{rng.randrange(1955, 1995)}"
            if rng.random() < 0.4
            else (
                f"{rng.randrange(1955, 1995)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
            )
        )
    if dob:
        party["date_of_birth"] = dob
    return party


def carrier(mode: str) -> dict:
    if mode == "sea":
        name = rng.choice(BENIGN_VESSELS)
        return {
            "role": "carrier",
            "name": name,
            "kind": "vessel",
            "identifiers": [{"type": "imo", "value": VESSEL_IMO[name]}],
        }
    if mode == "air":
        return {"role": "carrier", "name": rng.choice(AIR_CARRIERS), "kind": "organization"}
    return {"role": "carrier", "name": rng.choice(ROAD_CARRIERS), "kind": "organization"}


def bank(country: str) -> dict:
    name = BANK_NAMES.get(country, f"{rng.choice(COMPANY_ROOTS.get(country, ['Unity']))} Bank")
    return {"role": "bank", "name": name, "kind": "organization", "country": country}


# --------------------------------------------------------------------------------------------
# Goods catalogue: key -> (HS 2022 subheading, description, category, sector, unit price, qty)
# Category is what the Pillar One table gives (see shared/reference/pillar-one-hs.csv).
# --------------------------------------------------------------------------------------------

# One row per item: key, HS 2022 subheading, category, sector, unit price low/high,
# quantity low/high | description. `accel_board` is 847330 (critical by HS) and only becomes
# strategic with ECCN 4A090.a (worked example 7).
CATALOGUE = """
# other
dining_table 940360 other furniture 180 900 10 400 | Wooden dining tables, solid oak
office_desk 940330 other furniture 120 600 20 300 | Wooden office desks
sofa 940161 other furniture 300 1500 10 120 | Upholstered sofas, wooden frame
metal_chair 940171 other furniture 40 220 50 800 | Upholstered chairs, metal frame
mattress 940421 other furniture 90 450 20 300 | Mattresses of cellular polyurethane
led_lamp 940511 other furniture 25 300 50 2000 | LED chandeliers and ceiling lights
car_petrol 870323 other vehicles 18000 52000 2 60 | Passenger cars, petrol, 1500-3000 cc
car_ev 870380 other vehicles 26000 80000 2 40 | Passenger cars, battery electric
car_parts 870899 other vehicles 5 400 100 5000 | Motor vehicle parts n.e.s.
tyres 401110 other vehicles 40 180 200 4000 | New pneumatic tyres for passenger cars
tshirt 610910 other apparel 2 15 1000 20000 | T-shirts, cotton, knitted
trousers 620342 other apparel 8 60 500 8000 | Men's trousers, cotton denim
leather_shoes 640399 other apparel 20 140 200 5000 | Footwear, leather uppers
sneakers 640411 other apparel 12 90 500 9000 | Sports footwear, textile uppers
toys 950300 other retail 3 40 500 12000 | Toys, wooden construction sets
fridge 841821 other appliances 220 1400 20 600 | Household refrigerators, compression type
washer 845011 other appliances 200 900 20 500 | Household washing machines, fully automatic
dishwasher 842211 other appliances 250 950 20 400 | Dishwashers, household type
vacuum 850811 other appliances 45 400 100 3000 | Vacuum cleaners, motor <= 1500 W
coffee_maker 851671 other appliances 25 600 100 3000 | Coffee and tea makers
air_con 841510 other appliances 200 1100 20 500 | Air conditioners, window or wall type
wine 220421 other food 3 45 600 20000 | Wine of fresh grapes, in containers <= 2 l
cheese 040690 other food 6 30 500 15000 | Cheese, hard, aged
coffee 090111 other food 2 7 5000 60000 | Coffee, not roasted, not decaffeinated
chocolate 180690 other food 4 20 500 20000 | Chocolate and cocoa preparations
tuna 160414 other food 2 9 2000 40000 | Prepared or preserved tuna
packing_machine 847989 other machinery 15000 240000 1 6 | Packaging machines n.e.s.
valves 848180 other machinery 8 350 100 6000 | Taps, cocks and valves n.e.s.
polyethylene 390110 other minerals 1 2 20000 400000 | Polyethylene, density < 0.94, primary form
paper 480256 other retail 1 3 5000 80000 | Uncoated paper, 40-150 g/m2, sheets
steel_coil 720839 other minerals 0.5 1.2 20000 500000 | Hot-rolled steel coils, < 3 mm
tableware 691110 other retail 3 40 300 9000 | Porcelain tableware and kitchenware
watch 910221 other retail 150 6000 20 800 | Wrist-watches, automatic winding
perfume 330300 other retail 10 90 200 8000 | Perfumes and toilet waters
cosmetics 330499 other retail 3 40 500 20000 | Beauty and skin-care preparations
sawn_pine 440711 other minerals 150 400 50 3000 | Sawn pine wood, thickness > 6 mm
potash 310420 other food 0.2 0.5 100000 2000000 | Potassium chloride fertiliser
urea 310210 other food 0.2 0.6 100000 2000000 | Urea fertiliser
tv 852872 other electronics 150 1500 50 2000 | Colour television receivers, LCD
headphones 851830 other electronics 10 250 200 8000 | Headphones and earphones
diapers 961900 other retail 0.1 0.4 10000 300000 | Baby diapers
glassware 701349 other retail 1 12 500 20000 | Glassware for table or kitchen
cigars 240210 other food 4 30 1000 40000 | Cigars containing tobacco
rum 220840 other food 4 25 1000 30000 | Rum and other spirits from sugar-cane
piano 920120 other retail 20000 120000 1 4 | Grand pianos
# critical
li_battery 850760 critical energy 40 900 100 20000 | Lithium-ion accumulators, battery packs
li_primary 850650 critical energy 0.5 6 5000 200000 | Primary lithium cells
crude 270900 critical energy 0.45 0.6 1000000 100000000 | Crude petroleum oil, Urals blend
diesel 271019 critical energy 0.6 0.9 1000000 30000000 | Gas oil (diesel), < 10 ppm sulphur
lng 271111 critical energy 0.3 0.7 1000000 60000000 | Liquefied natural gas
coal 270112 critical energy 0.08 0.2 1000000 100000000 | Bituminous coal, not agglomerated
medicaments 300490 critical pharma 2 80 1000 200000 | Medicaments in measured doses n.e.s.
antibiotic_api 294110 critical pharma 30 200 100 20000 | Penicillins and derivatives (API)
vitamins 293629 critical pharma 10 120 200 20000 | Vitamins and derivatives, unmixed
vaccines 300241 critical pharma 5 60 1000 200000 | Vaccines for human medicine
gloves 401512 critical pharma 0.03 0.12 100000 3000000 | Medical examination gloves, nitrile
rare_earth_metal 280530 critical minerals 60 180 500 20000 | Rare-earth metals (NdPr)
rare_earth_oxide 284690 critical minerals 20 120 500 30000 | Rare-earth compounds (yttrium oxide)
li_hydroxide 282520 critical minerals 9 30 5000 100000 | Lithium hydroxide monohydrate
li_carbonate 283691 critical minerals 9 30 5000 100000 | Lithium carbonate, battery grade
gallium 811292 critical minerals 250 900 10 2000 | Gallium, unwrought
graphite 250410 critical minerals 0.5 3 20000 500000 | Natural graphite, powder or flakes
nickel 750210 critical minerals 14 24 10000 400000 | Nickel, unwrought, not alloyed
magnets 850511 critical minerals 20 120 1000 50000 | Permanent magnets of metal (NdFeB)
pv_modules 854143 critical energy 60 180 200 20000 | Photovoltaic modules, monocrystalline
laptop 847130 critical electronics 300 2500 50 3000 | Portable computers (laptops)
smartphone 851713 critical electronics 90 1100 200 20000 | Smartphones
ic_parts 854290 critical electronics 1 40 1000 50000 | Parts of electronic integrated circuits
wafers 381800 critical electronics 80 600 100 5000 | Doped silicon wafers, 300 mm
gpu_board_plain 847330 critical electronics 20 400 50 5000 | Parts and accessories of computers
# strategic
mcu 854231 strategic electronics 0.8 450 500 100000 | Microcontrollers and processors
memory 854232 strategic electronics 2 60 1000 200000 | Memory integrated circuits (DRAM)
amplifier_ic 854233 strategic electronics 0.5 30 1000 100000 | Amplifier integrated circuits
fpga 854239 strategic electronics 20 4000 50 20000 | FPGA and other integrated circuits
drone_small 880622 strategic aerospace 300 6000 10 2000 | Unmanned aircraft, 250 g - 7 kg
drone_large 880624 strategic aerospace 20000 250000 1 20 | Unmanned aircraft, 25 kg - 150 kg
rifles 930190 strategic defence 600 3000 10 500 | Military rifles
shotguns 930320 strategic defence 300 4000 10 300 | Sporting shotguns
ammunition 930630 strategic defence 0.2 3 10000 500000 | Cartridges, other than for shotguns
propellant 360100 strategic defence 8 40 500 20000 | Propellent powders
sme_devices 848620 strategic electronics 250000 9000000 1 4 | Semiconductor device machines
sme_wafers 848610 strategic electronics 200000 5000000 1 3 | Semiconductor wafer machines
sme_assembly 848640 strategic electronics 80000 900000 1 6 | Wire bonders and IC assembly machines
enriched_u 284420 strategic energy 2000 6000 100 5000 | Uranium enriched in U-235 (LEU)
cpu_units 847150 strategic electronics 1500 30000 5 400 | Processing units for servers
adp_units 847180 strategic electronics 2000 40000 5 300 | ADP units n.e.s. (accelerator units)
plugs 853669 strategic electronics 0.2 12 5000 300000 | Plugs and sockets, <= 1000 V
mlcc 853224 strategic electronics 0.01 0.5 100000 5000000 | Multilayer ceramic capacitors
tantalum_caps 853221 strategic electronics 0.1 3 10000 1000000 | Tantalum capacitors
radar 852610 strategic aerospace 15000 400000 1 20 | Radar apparatus, marine navigation
gnss 852691 strategic aerospace 50 3000 50 5000 | GNSS navigation receivers
airliner 880240 strategic aerospace 40000000 120000000 1 2 | Aeroplanes, unladen weight > 15 000 kg
aircraft_parts 880730 strategic aerospace 50 40000 10 2000 | Parts of aeroplanes n.e.s.
machining_centre 845710 strategic machinery 80000 700000 1 8 | CNC machining centres for metal
cnc_lathe 845811 strategic machinery 60000 500000 1 8 | Horizontal CNC lathes for metal
nav_instruments 901420 strategic aerospace 2000 90000 2 200 | Aeronautical navigation instruments
oscilloscope 903020 strategic electronics 800 40000 5 300 | Oscilloscopes
wafer_inspection 903082 strategic electronics 100000 3000000 1 4 | Wafer inspection instruments
base_station 851761 strategic electronics 8000 60000 5 400 | 5G base stations
routers 851762 strategic electronics 300 30000 10 2000 | Switching and routing apparatus
nv_camera 852583 strategic electronics 800 20000 5 500 | Night-vision cameras
ball_bearings 848210 strategic machinery 0.5 60 1000 200000 | Ball bearings
diodes 854110 strategic electronics 0.01 0.5 100000 5000000 | Diodes, not photosensitive or LED
armoured_parts 871000 strategic defence 500 80000 5 300 | Parts of armoured fighting vehicles
accel_board 847330 strategic electronics 8000 35000 8 500 | AI accelerator boards for servers
"""

Item = tuple[str, str, str, str, tuple[float, float], tuple[int, int]]


def _catalogue() -> dict[str, Item]:
    out: dict[str, Item] = {}
    for row in CATALOGUE.strip().splitlines():
        if row.startswith("#"):
            continue
        fields, desc = row.split(" | ")
        key, hs6, cat, sector, plo, phi, qlo, qhi = fields.split()
        out[key] = (hs6, desc, cat, sector, (float(plo), float(phi)), (int(qlo), int(qhi)))
    return out


G = _catalogue()

ITEMS_BY_CAT: dict[str, list[str]] = {"other": [], "critical": [], "strategic": []}
for _key, _spec in G.items():
    if _key not in ("accel_board", "cigars", "rum", "piano", "potash", "urea"):
        ITEMS_BY_CAT[_spec[2]].append(_key)

# ECCNs that do not change the category an item already has (used to decorate lines).
ECCN_DECOR = {
    "strategic": ["3A001.a.2", "3A991.a", "EAR99", "5A002.a", "3A001", "9A610.x", "0A501.a"],
    "critical": ["EAR99", "5A992.c", "4A994.b", "3A991.p"],
    "other": ["EAR99"],
}


def fmt_hs(hs6: str, style: str | None = None) -> str:
    """A realistic spelling of a 6-digit HS subheading (national suffixes are random)."""
    style = style or rng.choice(
        ["plain", "plain", "dot", "dot", "hts10", "cn8", "dot10", "spaced", "taric10"]
    )
    h4, sub = hs6[:4], hs6[4:]
    if style == "plain":
        return hs6
    if style == "dot":
        return f"{h4}.{sub}"
    if style == "hts10":
        return f"{h4}.{sub}.{rng.randrange(0, 10000):04d}"
    if style == "dot10":
        return f"{h4}.{sub}.0000"
    if style == "cn8":
        return f"{hs6}{rng.randrange(0, 100):02d}"
    if style == "taric10":
        return f"{hs6}{rng.randrange(0, 100):02d}00"
    if style == "spaced":
        return f"{h4} {sub} {rng.randrange(0, 100):02d}"
    raise ValueError(style)


def money(lo: float, hi: float, qty: int, cur: str) -> float:
    unit = rng.uniform(lo, hi)
    total = unit * qty
    if cur == "JPY":
        return float(round(total * 150))
    return round(total, 2)


def line(
    n: int,
    key: str,
    origin: str,
    cur: str,
    *,
    hs: object = "fmt",
    eccn: str | None = None,
    decorate_eccn: bool = True,
    qty: int | None = None,
    **override: object,
) -> dict:
    hs6, desc, cat, _sector, (plo, phi), (qlo, qhi) = G[key]
    q = qty if qty is not None else rng.randrange(qlo, qhi + 1)
    g: dict = {"line": n}
    if hs == "fmt":
        g["hs_code"] = fmt_hs(hs6)
    elif hs is not None:
        g["hs_code"] = hs
    if eccn is not None:
        g["eccn"] = eccn
    elif decorate_eccn and rng.random() < (0.35 if cat == "strategic" else 0.1):
        g["eccn"] = rng.choice(ECCN_DECOR[cat])
    g["description"] = desc
    g["value"] = money(plo, phi, q, cur)
    g["currency"] = cur
    g["quantity"] = q
    g["origin_country"] = origin
    g.update(override)
    return g


# --------------------------------------------------------------------------------------------
# Event assembly
# --------------------------------------------------------------------------------------------


def mode_for(origin: str, dest: str, goods: list[str]) -> str:
    eu_like = EURO | {"PL", "CZ", "DK", "SE", "AT", "LT"}
    if (
        origin in eu_like
        and dest in eu_like | {"RU", "BY", "KZ", "TR", "GE", "AM"}
        and rng.random() < 0.6
    ):
        return "road"
    if (
        any(G[k][3] in ("electronics", "pharma", "aerospace") for k in goods if k in G)
        and rng.random() < 0.6
    ):
        return "air"
    return "sea" if rng.random() < 0.75 else "rail"


def build(
    origin: str | None,
    dest: str | None,
    items: list[str],
    *,
    sector: str | None = None,
    transit: list[str] | None = None,
    goods_origin: str | None = None,
    cur: str | None = None,
    parties: list[dict] | None = None,
    extra_parties: list[dict] | None = None,
    goods: list[dict] | None = None,
    no_goods: bool = False,
    no_parties: bool = False,
    eccn: dict[int, str] | None = None,
    other_origin_mix: bool = False,
    decorate_eccn: bool = True,
) -> dict:
    """One event body (without id/time). `items` are catalogue keys, one goods line each."""
    cur = cur or currency_for(origin or "US")
    sector = sector or (G[items[0]][3] if items else "trading")
    mode = mode_for(origin or "", dest or "", items)
    ev: dict = {"source": "customs-declarations"}
    ev["declaration_type"] = (
        rng.choice(["export", "export", "import", "transit"])
        if transit
        else rng.choice(["export", "import"])
    )
    ev["transport_mode"] = mode
    if not no_parties:
        if parties is None:
            parties = []
            if rng.random() < 0.12 and origin in FIRST_LAST:
                parties.append(person_party("consignor", origin))
            else:
                parties.append(org_party("consignor", origin, sector))
            consignee = org_party("consignee", dest, rng.choice([sector, "trading", "retail"]))
            parties.append(consignee)
            r = rng.random()
            if r < 0.55:
                parties.append({**consignee, "role": "end_user"})
            elif r < 0.85:
                parties.append(org_party("end_user", dest, sector))
            if rng.random() < 0.2:
                parties.append(org_party("exporter", origin, "trading"))
            if rng.random() < 0.2:
                parties.append(org_party("importer", dest, "trading"))
            if rng.random() < 0.12:
                parties.append(
                    org_party(
                        "intermediary", rng.choice(["NL", "BE", "GB", "DE", "CH"]), "logistics"
                    )
                )
            if rng.random() < 0.45:
                parties.append(carrier(mode))
            if rng.random() < 0.12:
                parties.append(
                    bank(
                        rng.choice([origin, dest])
                        if (origin in BANK_NAMES or dest in BANK_NAMES)
                        else "DE"
                    )
                )
        if extra_parties:
            parties = parties + extra_parties
        ev["parties"] = parties
    if not no_goods:
        if goods is None:
            goods = []
            for n, key in enumerate(items, start=1):
                o = goods_origin or origin
                if other_origin_mix and G[key][2] == "other" and rng.random() < 0.2:
                    o = rng.choice(["CN", "VN", "IN", "TR", "BD", "MX"])
                goods.append(
                    line(n, key, o, cur, eccn=(eccn or {}).get(n), decorate_eccn=decorate_eccn)
                )
        ev["goods"] = goods
    if origin is not None:
        ev["origin_country"] = origin
    if dest is not None:
        ev["destination_country"] = dest
    if transit:
        ev["transit_countries"] = transit
    return ev


SCENARIOS: list[tuple[dict, str, str, str, str]] = []  # (event, expected, scenario, why, requires)


def add(ev: dict, expected: str, scenario: str, why: str, requires: str = "policy") -> None:
    SCENARIOS.append((ev, expected, scenario, why, requires))


def pick(cat: str, n: int = 1, pool: list[str] | None = None) -> list[str]:
    return [rng.choice(pool or ITEMS_BY_CAT[cat]) for _ in range(n)]


def two_members() -> tuple[str, str]:
    a, b = rng.sample(MEMBERS, 2)
    return a, b


# ----------------------------------------- ALLOW -------------------------------------------


def allow_member_other(n: int) -> None:
    for _ in range(n):
        o, d = two_members()
        items = pick("other", rng.choice([1, 1, 1, 2, 2, 3, 4, 5]))
        transit = [rng.choice(["NL", "BE", "DE"])] if rng.random() < 0.1 else None
        if transit and transit[0] in (o, d):
            transit = None
        ev = build(o, d, items, transit=transit, other_origin_mix=True)
        # real-world spellings of member codes ("UK" for GB, "EL" for GR) sometimes
        if "GB" in (o, d) and rng.random() < 0.3:
            for p in ev.get("parties", []):
                if p.get("country") == "GB":
                    p["country"] = "UK"
        add(
            ev,
            "allow",
            "member_trade_other",
            f"{'/'.join(G[k][0] for k in items)} other goods {o}->{d}, both members",
        )


def allow_named_member_examples() -> None:
    add(
        build("DE", "US", ["dining_table", "sofa"], other_origin_mix=False),
        "allow",
        "member_trade_other",
        "DE->US furniture (9403/9401 other), members",
    )
    add(
        build("JP", "GB", ["car_petrol", "car_ev"]),
        "allow",
        "member_trade_other",
        "JP->GB cars (8703 other), members",
    )
    add(
        build("FR", "IT", ["wine", "cheese", "perfume"]),
        "allow",
        "member_trade_other",
        "FR->IT wine/cheese/perfume (other), members",
    )
    ev = build("GB", "JP", [], goods=[line(1, "mcu", "GB", "GBP", hs="854231")])
    for p in ev["parties"]:
        if p.get("country") == "GB":
            p["country"] = "UK"
    ev["origin_country"] = "UK"
    add(
        ev,
        "allow",
        "member_trade_strategic",
        "worked example 2: 854231 UK(=GB)->JP, members allow strategic",
    )
    ev = build(
        "EL",
        "DE",
        [],
        goods=[line(1, "tableware", "EL", "EUR")],
        parties=[
            org_party("consignor", "EL", "retail", name="Aegean Kymata Ceramics S.A."),
            org_party("consignee", "DE", "retail"),
        ],
    )
    add(
        ev,
        "allow",
        "member_trade_other",
        "EL is the EU code for Greece (alias GR), member; tableware other",
    )


def allow_member_strategic(n: int) -> None:
    for _ in range(n):
        o, d = two_members()
        items = pick("strategic", rng.choice([1, 1, 2]))
        add(
            build(o, d, items, decorate_eccn=True),
            "allow",
            "member_trade_strategic",
            f"strategic {'/'.join(G[k][0] for k in items)} between members {o}->{d}: "
            "Pillar One allows (licence layer separate)",
        )


def allow_member_critical(n: int) -> None:
    for _ in range(n):
        o, d = two_members()
        items = pick("critical", rng.choice([1, 1, 2]))
        add(
            build(o, d, items, eccn={}, decorate_eccn=False),
            "allow",
            "member_trade_critical",
            f"critical {'/'.join(G[k][0] for k in items)} between members {o}->{d}",
        )


def allow_concern_other(n: int) -> None:
    add(
        build(
            "CN",
            "US",
            [],
            goods=[line(1, "dining_table", "CN", "USD", hs="940360", decorate_eccn=False)],
        ),
        "allow",
        "concern_other_goods",
        "worked example 9: 940360 wooden furniture CN->US, other goods allowed",
    )
    add(
        build(
            "DE", "RU", [], goods=[line(1, "fridge", "DE", "EUR", hs="841821", decorate_eccn=False)]
        ),
        "allow",
        "concern_other_goods",
        "worked example 10: 841821 fridges DE->RU, other goods allowed at this layer",
    )
    routes = [
        ("CN", "DE", ["tshirt", "sneakers"]),
        ("CN", "FR", ["toys"]),
        ("CN", "US", ["led_lamp", "office_desk"]),
        ("CN", "GB", ["glassware", "tableware"]),
        ("CN", "JP", ["trousers"]),
        ("CN", "NL", ["vacuum", "coffee_maker"]),
        ("RU", "CN", ["sawn_pine"]),
        ("RU", "BR", ["urea"]),
        ("DE", "RU", ["washer", "dishwasher"]),
        ("IT", "RU", ["wine", "cheese"]),
        ("CN", "ES", ["headphones", "tv"]),
        ("BY", "CN", ["potash"]),
        ("FR", "CN", ["perfume", "cosmetics"]),
        ("JP", "CN", ["car_petrol"]),
    ]
    for o, d, items in routes[: n - 2]:
        add(
            build(o, d, items, decorate_eccn=False),
            "allow",
            "concern_other_goods",
            f"other goods {'/'.join(G[k][0] for k in items)} {o}->{d}: "
            "allowed even with a country of concern",
        )


def allow_neutral(n: int) -> None:
    fixed = [
        ("BR", "US", ["coffee"], "coffee BR->US, neutral origin, other goods"),
        ("CH", "DE", ["watch"], "watches CH->DE, other"),
        ("MX", "US", ["car_parts", "tyres"], "car parts MX(prospective)->US, other"),
        (
            "IN",
            "GB",
            ["medicaments"],
            "pharma 3004 IN(prospective)->GB: critical with prospective member allowed",
        ),
        (
            "VN",
            "US",
            ["smartphone"],
            "smartphones VN(associate)->US: critical with associate allowed (ally-shoring)",
        ),
        ("NO", "DE", ["crude"], "crude NO(neutral)->DE: critical with neutral allowed"),
        ("VN", "FR", ["sneakers", "tshirt"], "apparel VN->FR, other"),
        ("TH", "JP", ["tuna"], "tuna TH->JP, other"),
        ("IN", "US", ["antibiotic_api"], "API IN->US, critical with prospective allowed"),
        ("SG", "AU", ["tv"], "TVs SG->AU, other"),
        ("US", "MX", ["washer"], "washing machines US->MX, other"),
        ("KR", "VN", ["li_battery"], "Li-ion KR->VN: critical with associate allowed"),
        ("OM", "IN", ["urea"], "urea OM->IN, other"),
        ("CH", "GB", ["chocolate"], "chocolate CH->GB, other"),
    ]
    for o, d, items, why in fixed[:n]:
        add(build(o, d, items, decorate_eccn=False), "allow", "neutral_trade", why)


def allow_diversion_other(n: int) -> None:
    fixed = [
        (
            "DE",
            "AM",
            ["sofa"],
            None,
            "worked example 3 edge: 940161 seats DE->AM, other goods to diversion-risk allowed",
        ),
        ("TR", "DE", ["tshirt", "trousers"], None, "apparel TR->DE, other"),
        ("AE", "GB", ["perfume"], None, "perfume AE->GB, other"),
        ("IT", "KZ", ["cheese", "wine"], None, "food IT->KZ, other"),
        ("FR", "GE", ["cosmetics"], ["TR"], "cosmetics FR->GE via TR, other goods"),
        ("KZ", "DE", ["sawn_pine"], None, "timber KZ->DE, other"),
        (
            "DE",
            "UZ",
            ["packing_machine"],
            ["KZ"],
            "packaging machine DE->UZ via KZ, other (8479 not listed)",
        ),
        ("ES", "AE", ["tuna", "chocolate"], None, "food ES->AE, other"),
    ]
    for o, d, items, transit, why in fixed[:n]:
        add(
            build(o, d, items, transit=transit, decorate_eccn=False),
            "allow",
            "diversion_other_goods",
            why,
        )


# Hard negatives: names that look like fictional-list entries but are different parties.
HARD_NEGATIVES = [
    (
        "Borealis Dental Supplies GmbH",
        "organization",
        "DE",
        "CD-001 Borealis Dynamics Trading LLC shares one token",
    ),
    (
        "Ivana Petrović",
        "person",
        "HR",
        "CD-002 Ivan Petrovich Sidorchuk: similar given name/patronymic, no surname",
    ),
    (
        "Southern Beacon Bakery Ltd",
        "organization",
        "GB",
        "CD-003 alias Southern Beacon Electronics LLC, different business",
    ),
    (
        "Red Kestrel Outdoor Gear Inc.",
        "organization",
        "US",
        "CD-004 Kestrel Ridge Microsystems shares one token",
    ),
    ("Tamara Belova", "person", "DE", "CD-006 Tamara Viktorovna Belyakova: different surname"),
    (
        "Polar Tern Seafood AS",
        "organization",
        "NO",
        "CD-009 vessel MV Polar Tern: organization, not a vessel",
    ),
    (
        "Meridian East Holdings Ltd",
        "organization",
        "GB",
        "CD-019 Meridian Vostok (Vostok=East), no translation matching",
    ),
    (
        "Silvercrest Hotels & Resorts Ltd",
        "organization",
        "IE",
        "CD-020 Silvercrest Aero Parts FZE shares one token",
    ),
    ("Dmitri Karpov", "person", "DE", "CD-032 Dmitri Olegovich Kartashevsky: different surname"),
    (
        "Volga Foods Inc.",
        "organization",
        "US",
        "CD-042 Volga Promkomplekt OOO shares one token (a river name)",
    ),
]


def allow_hard_negatives() -> None:
    for name, kind, country, why in HARD_NEGATIVES:
        o = country if country in MEMBERS else rng.choice(["DE", "FR", "NL"])
        d = rng.choice([m for m in MEMBERS if m != o])
        items = pick("other", rng.choice([1, 2]))
        if kind == "person":
            lookalike = person_party(
                rng.choice(["consignee", "end_user", "consignor"]),
                country,
                name=name,
                dob=f"{rng.randrange(1975, 1999)}-{rng.randrange(1, 13):02d}"
                f"-{rng.randrange(1, 29):02d}",
            )
        else:
            lookalike = org_party(
                rng.choice(["consignee", "end_user", "importer", "consignor"]),
                country,
                "trading",
                name=name,
            )
        base = build(o, d, items, decorate_eccn=False)
        base["parties"] = [p for p in base["parties"] if p["role"] != lookalike["role"]] + [
            lookalike
        ]
        add(
            base,
            "allow",
            "hard_negative_name",
            f"lookalike '{name}' must not match: {why}",
            "custom_demo",
        )


def allow_cyrillic_benign() -> None:
    ev = build(
        "RU",
        "CN",
        ["sawn_pine"],
        decorate_eccn=False,
        parties=[
            {
                "role": "consignor",
                "name": "ООО «Таёжный Лесэкспорт»",
                "kind": "organization",
                "country": "RU",
                "address": "ул. Лесная, 14, Красноярск",
            },
            org_party("consignee", "CN", "trading", name="Suzhou Qingyun Timber Co., Ltd."),
        ],
    )
    add(
        ev,
        "allow",
        "cyrillic_benign",
        "Cyrillic consignor, sawn pine RU->CN other goods; no list entry",
    )
    ev = build(
        "DE",
        "RU",
        ["coffee_maker", "vacuum"],
        decorate_eccn=False,
        parties=[
            org_party("consignor", "DE", "appliances"),
            {
                "role": "consignee",
                "name": "ИП Кузнецова Анна Сергеевна",
                "kind": "person",
                "country": "RU",
                "date_of_birth": "1984-06-02",
            },
        ],
    )
    add(
        ev,
        "allow",
        "cyrillic_benign",
        "Cyrillic sole-trader consignee, household appliances DE->RU other goods",
    )
    ev = build(
        "KZ",
        "DE",
        ["sawn_pine"],
        decorate_eccn=False,
        parties=[
            {
                "role": "consignor",
                "name": "ТОО «Алатау Мебель Экспорт»",
                "kind": "organization",
                "country": "KZ",
            },
            org_party("consignee", "DE", "furniture"),
        ],
    )
    add(ev, "allow", "cyrillic_benign", "Cyrillic KZ consignor, timber KZ->DE other goods")


def allow_shapes() -> None:
    for _ in range(4):
        o, d = two_members()
        ev = build(o, d, [], no_goods=True, sector=rng.choice(["trading", "retail", "logistics"]))
        ev["declaration_type"] = "pre-declaration"
        add(
            ev,
            "allow",
            "parties_only",
            f"parties only (pre-declaration), {o}->{d}, no list entries",
        )
    for _ in range(4):
        o, d = two_members()
        ev = build(o, d, pick("other", rng.choice([1, 2, 3])), no_parties=True, decorate_eccn=False)
        add(ev, "allow", "goods_only", f"goods only, other goods {o}->{d}")


def allow_insufficient_unambiguous() -> None:
    ev = build(
        "DE",
        "JP",
        [],
        goods=[
            line(
                1,
                "ic_parts",
                "DE",
                "EUR",
                hs="8542",
                decorate_eccn=False,
                description="Integrated circuits (declared at heading level)",
            )
        ],
    )
    add(
        ev,
        "allow",
        "hs_insufficient",
        "'8542' is 4 digits (insufficient) but every candidate is allow between members DE->JP",
    )


def big_event(n_lines: int = 150) -> None:
    cur = "EUR"
    goods = []
    pool = [k for k in ITEMS_BY_CAT["other"] if k not in ("steel_coil", "polyethylene", "coffee")]
    for i in range(1, n_lines + 1):
        key = rng.choice(pool)
        o = rng.choice(["IT", "IT", "DE", "FR", "ES", "PT", "PL", "CN", "VN"])
        goods.append(line(i, key, o, cur, decorate_eccn=False, qty=rng.randrange(5, 400)))
    ev = build("IT", "US", [], goods=goods, sector="retail")
    add(
        ev,
        "allow",
        "large_event",
        f"{n_lines} goods lines, consolidated retail shipment IT->US, all other goods",
    )


# ----------------------------------------- FLAG --------------------------------------------


def flag_critical_concern() -> None:
    rows = [
        (
            "CN",
            "US",
            ["li_battery"],
            "worked example 8: 850760 Li-ion CN->US, critical import from concern",
        ),
        ("CN", "DE", ["li_battery", "li_primary"], "Li-ion and lithium cells CN->DE"),
        ("CN", "FR", ["li_battery"], "Li-ion CN->FR"),
        ("CN", "KR", ["li_hydroxide"], "worked example 14: 282520 lithium hydroxide CN->KR"),
        ("CN", "JP", ["rare_earth_metal"], "rare-earth metals 2805 CN->JP"),
        ("CN", "DE", ["rare_earth_oxide"], "rare-earth compounds 2846 CN->DE"),
        ("CN", "US", ["gallium"], "gallium 8112.92 CN->US"),
        ("CN", "JP", ["graphite"], "natural graphite CN->JP"),
        ("CN", "ES", ["pv_modules"], "PV modules 854143 CN->ES"),
        ("CN", "IT", ["antibiotic_api"], "penicillin API CN->IT"),
        ("CN", "NL", ["vitamins"], "vitamins CN->NL"),
        ("CN", "GB", ["smartphone"], "smartphones 8517 CN->GB (8517 parent critical)"),
        ("CN", "US", ["gloves"], "medical gloves 401512 CN->US"),
        ("CN", "DE", ["magnets"], "NdFeB magnets CN->DE"),
        ("CN", "US", ["ic_parts"], "IC parts 854290 CN->US (8542 parent critical)"),
        (
            "RU",
            "IN",
            ["crude"],
            "worked example 13: 2709.00 Russian crude RU->IN, critical import from concern",
        ),
        (
            "RU",
            "TR",
            ["diesel"],
            "diesel RU->TR (concern origin + diversion-risk destination), critical",
        ),
        ("RU", "JP", ["lng"], "LNG RU->JP"),
        ("RU", "CN", ["coal"], "coal RU->CN"),
        ("RU", "NL", ["nickel"], "nickel RU->NL"),
        ("DE", "CN", ["medicaments"], "pharma 3004 DE->CN export"),
        ("US", "CN", ["vaccines"], "vaccines US->CN"),
        ("FR", "RU", ["medicaments"], "pharma 3004 FR->RU"),
        ("DE", "BY", ["medicaments"], "pharma 3004 DE->BY"),
        ("JP", "CN", ["wafers"], "doped wafers 3818 JP->CN"),
        ("KR", "CN", ["li_battery"], "Li-ion KR->CN export"),
    ]
    for o, d, items, why in rows:
        hs_style = {"crude": "2709.00"}
        goods = []
        for i, k in enumerate(items, 1):
            hs = hs_style.get(k, "fmt")
            goods.append(
                line(
                    i,
                    k,
                    o,
                    currency_for(o) if o not in ("RU", "CN") else "USD",
                    hs=hs,
                    decorate_eccn=False,
                )
            )
        add(build(o, d, items, goods=goods), "flag", "critical_concern", why)
    ev = build("US", "CN", [], goods=[line(1, "laptop", "US", "USD", hs="847130", eccn="5A992.c")])
    add(
        ev,
        "flag",
        "critical_concern",
        "worked example 5: 847130 laptops with 5A992.c US->CN, critical (9xx ECCN no uplift)",
    )
    ev = build(
        "CN",
        "DE",
        [],
        goods=[line(1, "li_battery", "CN", "USD"), line(2, "dining_table", "CN", "USD")],
        no_parties=True,
    )
    add(ev, "flag", "critical_concern", "goods only: Li-ion + furniture CN->DE; battery line flags")


def flag_strategic_nonmember() -> None:
    rows = [
        ("US", "VN", "mcu", "854231", "worked example 15: 854231 US->VN, strategic to associate"),
        ("DE", "BR", "drone_small", None, "UAV 8806 DE->BR, strategic to neutral"),
        ("FR", "IN", "rifles", None, "rifles 9301 FR->IN, strategic to prospective member"),
        (
            "JP",
            "TH",
            "sme_assembly",
            None,
            "IC assembly machines 8486 JP->TH, strategic to neutral",
        ),
        (
            "US",
            "MX",
            "aircraft_parts",
            None,
            "aircraft parts 880730 US->MX, strategic to prospective member",
        ),
        ("GB", "SA", "radar", None, "radar 852610 GB->SA, strategic to neutral"),
    ]
    for o, d, key, hs, why in rows:
        add(
            build(o, d, [], goods=[line(1, key, o, currency_for(o), hs=hs or "fmt")]),
            "flag",
            "strategic_nonmember",
            why,
        )


def flag_diversion() -> None:
    direct = [
        (
            "DE",
            "KZ",
            "mcu",
            "854231",
            None,
            "worked example 3: 854231 DE->KZ, strategic to diversion-risk (review)",
        ),
        ("IT", "TR", "ball_bearings", None, None, "ball bearings 848210 (CHPL) IT->TR, review"),
        ("US", "AE", "cpu_units", None, None, "server processing units 847150 US->AE, review"),
        ("JP", "AM", "nav_instruments", None, None, "navigation instruments 901420 JP->AM, review"),
        ("FR", "GE", "gnss", None, None, "GNSS receivers 852691 FR->GE, review"),
        ("KR", "UZ", "mlcc", None, None, "MLCC capacitors 853224 KR->UZ, review"),
        ("DE", "KG", "plugs", None, None, "plugs/sockets 853669 DE->KG, review"),
        ("NL", "AE", "sme_assembly", None, None, "IC assembly machines 848640 NL->AE, review"),
        ("US", "KZ", "oscilloscope", None, None, "oscilloscopes 903020 US->KZ, review"),
        (
            "DE",
            "AZ",
            "cnc_lathe",
            None,
            ["GE"],
            "CNC lathes DE->AZ via GE: strategic transit via diversion-risk, review",
        ),
    ]
    for o, d, key, hs, transit, why in direct:
        add(
            build(
                o, d, [], goods=[line(1, key, o, currency_for(o), hs=hs or "fmt")], transit=transit
            ),
            "flag",
            "diversion_risk",
            why,
        )
    crit = [
        ("DE", "KZ", "medicaments", None, "pharma 3004 DE->KZ, critical to diversion-risk"),
        (
            "US",
            "IN",
            "smartphone",
            ["AE"],
            "smartphones US->IN via AE, critical transit via diversion-risk",
        ),
        ("KR", "GE", "li_battery", None, "Li-ion KR->GE, critical to diversion-risk"),
        ("JP", "AM", "laptop", ["GE"], "laptops JP->AM via GE, critical"),
    ]
    for o, d, key, transit, why in crit:
        add(
            build(
                o,
                d,
                [],
                goods=[line(1, key, o, currency_for(o), decorate_eccn=False)],
                transit=transit,
            ),
            "flag",
            "diversion_risk",
            why,
        )


def flag_invalid_goods() -> None:
    add(
        build("US", "DE", [], goods=[line(1, "mcu", "US", "USD", hs="85423", decorate_eccn=False)]),
        "flag",
        "hs_invalid",
        "worked example 17: '85423' is 5 digits, invalid -> review even between members",
    )
    add(
        build(
            "CN",
            "US",
            [],
            goods=[
                line(1, "dining_table", "CN", "USD", hs="9403.60.8081", decorate_eccn=False),
                line(
                    2,
                    "dining_table",
                    "CN",
                    "USD",
                    hs="9903.88.15",
                    decorate_eccn=False,
                    description="Section 301 additional duty line",
                ),
            ],
        ),
        "flag",
        "hs_invalid",
        "line 2 '9903.88.15' is a US national chapter-99 line, not an HS code -> review",
    )
    add(
        build(
            "GB",
            "FR",
            [],
            goods=[line(1, "tableware", "GB", "GBP", hs="ABCD", decorate_eccn=False)],
        ),
        "flag",
        "hs_invalid",
        "hs_code 'ABCD' is not digits -> review",
    )
    add(
        build("DE", "NL", [], goods=[line(1, "valves", "DE", "EUR", hs=None, decorate_eccn=False)]),
        "flag",
        "hs_missing",
        "goods line without hs_code -> review",
    )
    add(
        build(
            "KR", "US", [], goods=[line(1, "memory", "KR", "USD", hs=854231, decorate_eccn=False)]
        ),
        "flag",
        "hs_invalid",
        "hs_code given as JSON number 854231 (leading zeros lost in general) -> rejected, review",
    )
    add(
        build(
            "US",
            "CN",
            [],
            goods=[
                line(
                    1,
                    "ic_parts",
                    "US",
                    "USD",
                    hs="8542",
                    decorate_eccn=False,
                    description="Integrated circuits (declared at heading level)",
                )
            ],
        ),
        "flag",
        "hs_insufficient",
        "worked example 16: '8542' US->CN ambiguous "
        "(critical parent vs strategic children) -> review",
    )
    add(
        build(
            "JP",
            "US",
            [],
            goods=[line(1, "mcu", "JP", "JPY", hs="８５４２．３１", decorate_eccn=False)],
        ),
        "flag",
        "hs_invalid",
        "full-width digits '８５４２．３１' are rejected -> review",
    )
    add(
        build("FR", "DE", [], goods=[line(1, "routers", "FR", "EUR", eccn="3Z999")]),
        "flag",
        "eccn_invalid",
        "ECCN '3Z999' matches no pattern -> review (members otherwise allow)",
    )


def flag_bad_fields() -> None:
    add(
        build("DE", "QQ", ["sofa"], decorate_eccn=False),
        "flag",
        "country_unknown",
        "destination 'QQ' is not an ISO 3166-1 code -> review",
    )
    ev = build("NL", "BE", [], goods=[line(1, "led_lamp", "QQ", "EUR", decorate_eccn=False)])
    add(ev, "flag", "country_unknown", "goods origin_country 'QQ' unknown -> review")
    ev = build(
        "IT", "AT", [], goods=[line(1, "cheese", "IT", "EUR", decorate_eccn=False, value=-1250.0)]
    )
    add(ev, "flag", "value_invalid", "negative goods value -1250.00 -> review")
    ev = build(
        "ES", "PT", [], goods=[line(1, "wine", "ES", "EUR", decorate_eccn=False, currency="EURO")]
    )
    add(ev, "flag", "currency_invalid", "currency 'EURO' is not ISO 4217 -> review")


def flag_weak_names() -> None:
    rows = [
        (
            "consignee",
            {"name": "Borealis Dynamic Trade Co.", "kind": "organization", "country": "AE"},
            "DE",
            "AE",
            "partial/variant of CD-001 Borealis Dynamics Trading LLC "
            "(different legal form and word forms)",
            "flag",
        ),
        (
            "end_user",
            {"name": "Ruslan Dzhabrailov", "kind": "person", "country": "RU"},
            "DE",
            "RU",
            "surname of CD-021 Anzor Ruslanovich Dzhabrailov, different given name: "
            "a shared surname alone is not a match (the dev set's hard_given_name negatives)",
            "allow",
        ),
        (
            "intermediary",
            {"name": "Yuzhny Mayak Trading", "kind": "organization", "country": "RU"},
            "FR",
            "KZ",
            "partial of CD-003 OOO Yuzhny Mayak Elektronika (different last word)",
            "flag",
        ),
    ]
    for role, p, o, d, why, expected in rows:
        ev = build(
            o, d, pick("other", 1, ["sofa", "tshirt", "wine", "glassware"]), decorate_eccn=False
        )
        ev["parties"] = [q for q in ev["parties"] if q["role"] != role] + [{"role": role, **p}]
        add(ev, expected, "name_partial_match", why + "; goods other (allow)", "custom_demo")


# ----------------------------------------- BLOCK -------------------------------------------


def block_strategic_concern() -> None:
    rows = [
        (
            "US",
            "CN",
            "mcu",
            "8542.31.0000",
            None,
            "worked example 1: 8542.31.0000 US->CN, strategic export to concern",
        ),
        ("DE", "RU", "mcu", "8542.31", None, "microcontrollers DE->RU"),
        ("KR", "CN", "memory", None, None, "DRAM 854232 KR->CN"),
        ("CN", "US", "drone_small", "880622", None, "worked example 12: UAV 880622 CN->US import"),
        ("CN", "DE", "drone_small", None, None, "UAVs 8806 CN->DE"),
        ("RU", "DE", "rifles", "930190", None, "worked example 11: 930190 arms RU->DE import"),
        (
            "NL",
            "HK",
            "sme_devices",
            "848620",
            None,
            "worked example 20: 848620 NL->HK (HK treated as CN)",
        ),
        ("JP", "CN", "sme_wafers", None, None, "wafer manufacturing machines 848610 JP->CN"),
        (
            "RU",
            "US",
            "enriched_u",
            "2844.20",
            None,
            "worked example 19: 2844.20 enriched uranium RU->US",
        ),
        (
            "DE",
            "CN",
            "cpu_units",
            "847150",
            None,
            "worked example 6: 847150 DE->CN (longest prefix strategic beats 8471)",
        ),
        ("IT", "RU", "radar", None, None, "radar 852610 IT->RU"),
        ("DE", "BY", "machining_centre", None, None, "CNC machining centres 845710 DE->BY"),
        ("FR", "RU", "nav_instruments", None, None, "aeronautical navigation 901420 FR->RU"),
        ("CN", "DE", "base_station", None, None, "5G base stations 851761 CN->DE import"),
        (
            "CN",
            "DE",
            "ball_bearings",
            None,
            None,
            "ball bearings 848210 (CHPL) CN->DE: strategic import (over-inclusive by design)",
        ),
        ("LT", "BY", "fpga", None, None, "FPGAs 854239 LT->BY"),
        ("US", "HK", "adp_units", None, None, "accelerator units 847180 US->HK (HK treated as CN)"),
        ("JP", "MO", "cpu_units", None, None, "processing units 847150 JP->MO (MO treated as CN)"),
        ("BY", "DE", "armoured_parts", None, None, "armoured vehicle parts 8710 BY->DE import"),
    ]
    for o, d, key, hs, transit, why in rows:
        cur = currency_for(o) if o not in ("CN", "RU", "BY", "HK") else "USD"
        add(
            build(o, d, [], goods=[line(1, key, o, cur, hs=hs or "fmt")], transit=transit),
            "block",
            "strategic_concern",
            why,
        )
    ev = build(
        "US",
        "CN",
        [],
        goods=[line(1, "accel_board", "US", "USD", hs="8473.30.1180", eccn="4A090.a")],
    )
    add(
        ev,
        "block",
        "strategic_concern",
        "worked example 7: 8473.30.1180 with ECCN 4A090.a US->CN, ECCN uplift to strategic",
    )
    ev = build(
        "US", "CN", [], goods=[line(1, "airliner", "US", "USD", hs="880240", eccn="9A991.b", qty=1)]
    )
    add(
        ev,
        "block",
        "strategic_concern",
        "civil airliner 880240 (9A991.b) US->CN: 8802 proxy is strategic, ECCN never lowers",
    )
    ev = build(
        "US",
        "CN",
        [],
        goods=[
            line(
                1,
                "aircraft_parts",
                "US",
                "USD",
                hs="880330",
                decorate_eccn=False,
                description="Aircraft parts (HS 2017 heading 8803)",
            )
        ],
    )
    add(
        ev,
        "block",
        "strategic_concern",
        "legacy HS 2017 880330 matches the 8803 row (strategic) US->CN",
    )


def block_diversion() -> None:
    rows = [
        (
            "DE",
            "RU",
            ["KZ"],
            "mcu",
            "854231",
            "854231 DE->KZ->RU: transit used to evade, RU destination",
        ),
        ("DE", "RU", ["KZ"], "plugs", "853669", "worked example 4: 853669 DE->RU via KZ"),
        ("US", "RU", ["AE"], "ball_bearings", None, "ball bearings US->AE->RU"),
        ("IT", "RU", ["AM"], "machining_centre", None, "machining centre IT->AM->RU"),
        ("PL", "RU", ["GE"], "nav_instruments", None, "navigation PL->GE->RU"),
        ("FR", "RU", ["TR"], "aircraft_parts", None, "aircraft parts FR->TR->RU"),
        ("NL", "BY", ["KZ", "RU"], "oscilloscope", None, "oscilloscopes NL->KZ->RU->BY"),
        (
            "KR",
            "KZ",
            ["RU"],
            "tantalum_caps",
            None,
            "tantalum caps KR->KZ via RU: transit via concern",
        ),
    ]
    for o, d, transit, key, hs, why in rows:
        ev = build(
            o, d, [], goods=[line(1, key, o, currency_for(o), hs=hs or "fmt")], transit=transit
        )
        # the declared consignee is often the transit-country company
        ev["parties"][1]["country"] = transit[0]
        add(ev, "block", "diversion_transit", why)


def block_embargo() -> None:
    rows = [
        (
            "DE",
            "IR",
            ["sofa"],
            None,
            "worked example 18: 9401.61 seats DE->IR, embargoed destination",
            {"sofa": "9401.61"},
        ),
        ("IT", "IR", ["medicaments"], None, "pharma IT->IR, embargoed", {}),
        ("AE", "IR", ["tv", "washer"], None, "re-export AE->IR of appliances, embargoed", {}),
        ("CN", "KP", ["car_petrol"], None, "cars CN->KP, embargoed", {}),
        ("NL", "KP", ["wine", "piano"], ["CN"], "luxury goods NL->KP via CN, embargoed", {}),
        ("CU", "ES", ["cigars"], None, "cigars CU->ES, import from embargoed", {}),
        ("CU", "DE", ["rum"], None, "rum CU->DE, import from embargoed", {}),
        ("FR", "SY", ["medicaments"], None, "pharma FR->SY, embargoed", {}),
        ("TR", "SY", ["steel_coil"], None, "steel TR->SY, embargoed", {}),
        ("TR", "TM", ["car_parts"], ["IR"], "car parts TR->TM via IR: transit via embargoed", {}),
    ]
    for o, d, items, transit, why, hs in rows:
        goods = [
            line(i, k, o, currency_for(o), hs=hs.get(k, "fmt"), decorate_eccn=False)
            for i, k in enumerate(items, 1)
        ]
        add(build(o, d, items, goods=goods, transit=transit), "block", "embargoed", why)
    ev = build(
        "DE", "IR", [], goods=[line(1, "valves", "DE", "EUR", hs="84818", decorate_eccn=False)]
    )
    add(
        ev,
        "block",
        "embargoed",
        "invalid HS '84818' but destination IR embargoed: invalid never softens an embargo",
    )


def block_custom_hits() -> None:
    def ev_with(
        party: dict, o: str, d: str, items: list[str], transit: list[str] | None = None
    ) -> dict:
        ev = build(o, d, items, decorate_eccn=False, transit=transit)
        ev["parties"] = [p for p in ev["parties"] if p["role"] != party["role"]] + [party]
        return ev

    rows = [
        (
            {
                "role": "consignee",
                "name": "Borealis Dynamics Trading LLC",
                "kind": "organization",
                "country": "AE",
            },
            "US",
            "AE",
            ["headphones"],
            None,
            "exact primary name of CD-001",
        ),
        (
            {
                "role": "intermediary",
                "name": "ООО Южный Маяк Электроника",
                "kind": "organization",
                "country": "RU",
            },
            "DE",
            "KZ",
            ["sofa"],
            None,
            "Cyrillic alias of CD-003, exact",
        ),
        (
            {
                "role": "end_user",
                "name": "Sidorchuk Ivan Petrovich",
                "kind": "person",
                "country": "RU",
                "date_of_birth": "1968",
            },
            "FR",
            "AM",
            ["cosmetics"],
            None,
            "CD-002 with surname first",
        ),
        (
            {
                "role": "consignee",
                "name": "Иван Петрович Сидорчук",
                "kind": "person",
                "country": "RU",
            },
            "DE",
            "KZ",
            ["tshirt"],
            None,
            "Cyrillic alias of CD-002, exact",
        ),
        (
            {
                "role": "consignee",
                "name": "Kestrel Ridge Microsystems Company Limited",
                "kind": "organization",
                "country": "CN",
            },
            "JP",
            "CN",
            ["office_desk"],
            None,
            "CD-004 with legal form spelled out",
        ),
        (
            {
                "role": "consignee",
                "name": "AMBER CRESCENT GENERAL TRADING F.Z.E.",
                "kind": "organization",
                "country": "AE",
            },
            "IT",
            "AE",
            ["chocolate"],
            None,
            "CD-005 upper case, dotted legal form",
        ),
        (
            {"role": "carrier", "name": "POLAR TERN", "kind": "vessel"},
            "NL",
            "GB",
            ["steel_coil"],
            None,
            "vessel CD-009 without MV prefix",
        ),
        (
            {
                "role": "end_user",
                "name": "Yousef Khaled Al Marzouqi",
                "kind": "person",
                "country": "AE",
            },
            "GB",
            "AE",
            ["watch"],
            None,
            "transliteration variant of CD-007",
        ),
        (
            {
                "role": "consignee",
                "name": "Qingpeng Apex Semiconductor Equipment Co Ltd",
                "kind": "organization",
                "country": "CN",
            },
            "NL",
            "CN",
            ["sme_devices"],
            None,
            "CD-017 without punctuation; goods (848620 to CN) also block",
        ),
        (
            {
                "role": "end_user",
                "name": "AO Uralsky Izmeritel Zavod",
                "kind": "organization",
                "country": "RU",
            },
            "DE",
            "RU",
            ["fridge"],
            None,
            "CD-008 with AO instead of JSC (same legal form)",
        ),
        (
            {
                "role": "consignee",
                "name": "Grigoriy Alekseevich Vyazemtsev",
                "kind": "person",
                "country": "RU",
            },
            "AT",
            "GE",
            ["wine"],
            None,
            "transliteration variant of CD-018",
        ),
        (
            {
                "role": "intermediary",
                "name": "Shenzhen Brightpath Drone Technology Co., Ltd.",
                "kind": "organization",
                "country": "CN",
            },
            "CN",
            "DE",
            ["drone_small"],
            None,
            "exact CD-030; UAV import from CN also blocks",
        ),
    ]
    rows += [
        (
            {"role": "end_user", "name": "Tamara Belyakova", "kind": "person", "country": "RU"},
            "DE",
            "RU",
            ["glassware"],
            None,
            "CD-006 given name + surname, same country; no patronymic (normal in Latin script)",
        ),
        (
            {
                "role": "consignee",
                "name": "Jadeway Electronic Ltd",
                "kind": "organization",
                "country": "HK",
            },
            "JP",
            "HK",
            ["tshirt"],
            None,
            "CD-031 singular/plural and Ltd for Limited, same country",
        ),
    ]
    for party, o, d, items, transit, why in rows:
        ev = ev_with(party, o, d, items, transit)
        add(
            ev,
            "block",
            "list_hit_custom",
            f"{party['role']} '{party['name']}': {why}",
            "custom_demo",
        )
    # parties only, with a hit
    ev = build("BE", "AE", [], no_goods=True, sector="trading")
    ev["parties"].append(
        {"role": "bank", "name": "Aurora Polaris Bank JSC", "kind": "organization", "country": "RU"}
    )
    ev["declaration_type"] = "pre-declaration"
    add(
        ev,
        "block",
        "list_hit_custom",
        "parties only; bank is exact CD-039 Aurora Polaris Bank JSC",
        "custom_demo",
    )


def block_real_names() -> None:
    rows = [
        (
            {
                "role": "carrier",
                "name": "ARTAVIL",
                "kind": "vessel",
                "identifiers": [{"type": "imo", "value": "9187629"}],
            },
            "OM",
            "IN",
            ["urea"],
            "real OFAC SDN vessel ARTAVIL (ent_num 15036, IMO 9187629); exact IMO is decisive",
        ),
        (
            {
                "role": "consignee",
                "name": "Joint Stock Company Concern Granit-Electron",
                "kind": "organization",
                "country": "RU",
            },
            "DE",
            "RU",
            ["office_desk"],
            "real OFAC SDN entity JOINT STOCK COMPANY CONCERN GRANIT-ELECTRON (ent_num 35864)",
        ),
        (
            {
                "role": "end_user",
                "name": "Ivan Pavlovich Prokopenko",
                "kind": "person",
                "country": "RU",
                "date_of_birth": "1973-09-28",
            },
            "IT",
            "RU",
            ["wine"],
            "real OFAC SDN individual PROKOPENKO, Ivan Pavlovitch (ent_num 15892), DOB matches",
        ),
        (
            {
                "role": "consignee",
                "name": "54th Research Institute of China",
                "kind": "organization",
                "country": "CN",
            },
            "FR",
            "CN",
            ["office_desk"],
            "real BIS Entity List name in the CSL (54th Research Institute of China)",
        ),
    ]
    for party, o, d, items, why in rows:
        ev = build(o, d, items, decorate_eccn=False)
        ev["parties"] = [p for p in ev["parties"] if p["role"] != party["role"]] + [party]
        add(
            ev,
            "allow",
            "list_hit_real",
            why + ": block when run with the real lists (--lists ../shared/data/lists); "
            "goods other, so allow with the bundled lists/sample",
            "real_lists",
        )


def needle_event() -> None:
    goods = []
    pool = [
        "tshirt",
        "trousers",
        "sneakers",
        "leather_shoes",
        "toys",
        "tableware",
        "glassware",
        "cosmetics",
    ]
    for i in range(1, 61):
        if i == 47:
            goods.append(
                line(
                    i,
                    "mcu",
                    "FI",
                    "EUR",
                    hs="8542.31",
                    decorate_eccn=False,
                    description="Microcontrollers (declared among consumer goods)",
                )
            )
        else:
            goods.append(
                line(
                    i,
                    rng.choice(pool),
                    rng.choice(["FI", "SE", "CN", "VN"]),
                    "EUR",
                    decorate_eccn=False,
                    qty=rng.randrange(10, 500),
                )
            )
    add(
        build("FI", "RU", [], goods=goods, sector="retail"),
        "block",
        "needle_in_haystack",
        "60 lines FI->RU, line 47 is 8542.31 microcontrollers (strategic to concern)",
    )


# --------------------------------------------------------------------------------------------
# Invalid events
# --------------------------------------------------------------------------------------------


def invalid_events() -> list[tuple[str, str, str]]:
    """(line text, expected error code, what is wrong)."""
    ok = {
        "event_id": "inv-0000",
        "occurred_at": "2026-11-30T08:00:00Z",
        "source": "customs-declarations",
        "parties": [
            {
                "role": "consignee",
                "name": "Lindenhof Möbel GmbH",
                "kind": "organization",
                "country": "DE",
            }
        ],
        "goods": [
            {
                "line": 1,
                "hs_code": "940360",
                "description": "Wooden tables",
                "value": 1200.0,
                "currency": "EUR",
                "quantity": 4,
                "origin_country": "IT",
            }
        ],
        "origin_country": "IT",
        "destination_country": "DE",
    }

    def v(n: int, **changes: object) -> dict:
        e = json.loads(json.dumps(ok))
        e["event_id"] = f"inv-{n:04d}"
        for k, val in changes.items():
            if val is _DROP:
                e.pop(k, None)
            else:
                e[k] = val
        return e

    def dump(e: object) -> str:
        return json.dumps(e, ensure_ascii=False)

    out: list[tuple[str, str, str]] = []
    out.append(
        (
            '{"event_id": "inv-0001", "occurred_at": "2026-11-30T08:00:00Z", '
            'parties: [], "goods": []}',
            "EVENT_BAD_JSON",
            "bad JSON: object key not quoted",
        )
    )
    full = dump(v(2))
    out.append(
        (full[: len(full) // 2], "EVENT_BAD_JSON", "truncated line: valid event cut off half way")
    )
    e = v(3)
    e.pop("event_id")
    out.append((dump(e), "EVENT_SCHEMA", "missing required event_id"))
    e = v(4)
    e["parties"][0]["role"] = ""  # roles are open (any word is kept), but never empty
    out.append((dump(e), "EVENT_SCHEMA", "party role is empty"))
    out.append(
        (
            dump(v(5, parties=[], goods=[])),
            "EVENT_SCHEMA",
            "empty parties and empty goods (needs at least one)",
        )
    )
    e = v(6)
    e["parties"][0]["name"] = ("Lindenhof Möbel Handels- und Vertriebsgesellschaft " * 12)[:600]
    out.append((dump(e), "EVENT_SCHEMA", "party name of 600 characters (max 500)"))
    out.append(
        (dump([v(7)]), "EVENT_SCHEMA", "a JSON array (holding an event) instead of an object")
    )
    e = v(8)
    e["attachment_base64"] = "QUJD" * (300 * 1024 // 4)
    out.append(
        (dump(e), "EVENT_TOO_LARGE", "300 KB line (over the 256 KiB event limit); otherwise valid")
    )
    out.append(
        (
            dump(v(9, occurred_at="28/11/2026 10:00")),
            "EVENT_SCHEMA",
            "occurred_at '28/11/2026 10:00' is not RFC 3339",
        )
    )
    out.append(
        (dump(v(10, goods=ok["goods"][0])), "EVENT_SCHEMA", "goods is an object, not an array")
    )
    out.append(
        (
            dump(v(11, occurred_at="2026-11-30T08:00:00")),
            "EVENT_SCHEMA",
            "occurred_at without a time-zone offset",
        )
    )
    e = v(12)
    e["parties"][0]["kind"] = "company"
    out.append((dump(e), "EVENT_SCHEMA", "party kind 'company' is not in the kind enum"))
    e = v(13)
    e["goods"][0]["line"] = "1"
    out.append((dump(e), "EVENT_SCHEMA", "goods line number is a string, not an integer"))
    out.append(
        (
            dump(v(14, transit_countries="KZ")),
            "EVENT_SCHEMA",
            "transit_countries is a string, not an array",
        )
    )
    out.append((dump(v(15, event_id="")), "EVENT_SCHEMA", "event_id is the empty string"))
    out.append(("null", "EVENT_SCHEMA", "JSON null instead of an object"))
    e = v(17)
    del e["goods"][0]["line"]
    out.append((dump(e), "EVENT_SCHEMA", "goods line without the required line number"))
    return out


class _Drop:
    pass


_DROP = _Drop()


# --------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------


def main() -> None:
    # fixed-size scenarios first, then member trade fills up to TOTAL_EVENTS
    allow_named_member_examples()
    allow_member_strategic(12)
    allow_member_critical(14)
    allow_concern_other(16)
    allow_neutral(14)
    allow_diversion_other(8)
    allow_hard_negatives()
    allow_cyrillic_benign()
    allow_shapes()
    allow_insufficient_unambiguous()
    big_event(150)
    flag_critical_concern()
    flag_strategic_nonmember()
    flag_diversion()
    flag_invalid_goods()
    flag_bad_fields()
    flag_weak_names()
    block_strategic_concern()
    block_diversion()
    block_embargo()
    block_custom_hits()
    block_real_names()
    needle_event()
    allow_member_other(TOTAL_EVENTS - len(SCENARIOS))

    order = list(range(len(SCENARIOS)))
    rng.shuffle(order)
    t = START
    events_path = OUT_DIR / "customs-declarations.jsonl"
    expected_path = OUT_DIR / "customs-declarations.expected.csv"
    with (
        events_path.open("w", encoding="utf-8", newline="\n") as ef,
        expected_path.open("w", encoding="utf-8", newline="") as xf,
    ):
        xw = csv.writer(xf, lineterminator="\n")
        xw.writerow(["event_id", "expected", "scenario", "requires", "why"])
        for seq, idx in enumerate(order, start=1):
            body, expected, scenario, why, requires = SCENARIOS[idx]
            t += timedelta(seconds=rng.randrange(20, 900))
            event_id = f"cus-2026-{seq:06d}"
            event = {"event_id": event_id, "occurred_at": t.strftime("%Y-%m-%dT%H:%M:%SZ"), **body}
            ef.write(json.dumps(event, ensure_ascii=False) + "\n")
            xw.writerow([event_id, expected, scenario, requires, why])

    inv = invalid_events()
    with (OUT_DIR / "invalid-events.jsonl").open("w", encoding="utf-8", newline="\n") as f:
        for text, _code, _why in inv:
            f.write(text + "\n")
    with (OUT_DIR / "invalid-events.reasons.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["line", "expected_code", "reason"])
        for n, (_text, code, why) in enumerate(inv, start=1):
            w.writerow([n, code, why])

    counts: dict[str, int] = {}
    for _b, expected, *_ in SCENARIOS:
        counts[expected] = counts.get(expected, 0) + 1
    print(f"wrote {len(SCENARIOS)} events {counts} and {len(inv)} invalid lines to {OUT_DIR}")


if __name__ == "__main__":
    main()
