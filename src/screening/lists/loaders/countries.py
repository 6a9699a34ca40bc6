"""Country names as the lists write them → ISO 3166-1 alpha-2.

One compact table, one code per line (a code may take two lines): the ISO short name first,
then the spellings the publishers use (OFAC
"Korea, North", UN "Iran (Islamic Republic of)", UK "North Korea", ...). Lookup keys are
folded (case, accents, punctuation, a leading/trailing "the"), and "Korea, North" style inversions
are tried both ways, so the table stays short.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

_TABLE = """
AD Andorra
AE United Arab Emirates|UAE
AF Afghanistan
AG Antigua and Barbuda
AI Anguilla
AL Albania
AM Armenia
AO Angola
AR Argentina
AS American Samoa
AT Austria
AU Australia
AW Aruba
AZ Azerbaijan
BA Bosnia and Herzegovina|Bosnia-Herzegovina
BB Barbados
BD Bangladesh
BE Belgium
BF Burkina Faso
BG Bulgaria
BH Bahrain
BI Burundi
BJ Benin
BM Bermuda
BN Brunei|Brunei Darussalam
BO Bolivia|Bolivia (Plurinational State of)
BR Brazil
BS Bahamas|Bahamas, The
BT Bhutan
BW Botswana
BY Belarus|Bélarus
BZ Belize
CA Canada
CD Democratic Republic of the Congo|Congo (Democratic Republic)
CD Congo, Democratic Republic of the|DR Congo|DRC|Congo (Kinshasa)
CF Central African Republic
CG Congo|Republic of the Congo|Congo, Republic of the|Congo (Brazzaville)
CH Switzerland
CI Côte d'Ivoire|Cote d Ivoire|Ivory Coast
CK Cook Islands
CL Chile
CM Cameroon
CN China|PRC|People's Republic of China|China, People's Republic of
CO Colombia
CR Costa Rica
CU Cuba
CV Cabo Verde|Cape Verde
CW Curaçao|Curacao
CY Cyprus
CZ Czechia|Czech Republic
DE Germany
DJ Djibouti
DK Denmark
DM Dominica
DO Dominican Republic
DZ Algeria
EC Ecuador
EE Estonia
EG Egypt
EH Western Sahara
ER Eritrea
ES Spain
ET Ethiopia
FI Finland
FJ Fiji
FM Micronesia|Micronesia, Federated States of
FR France
GA Gabon
GB United Kingdom|United Kingdom of Great Britain and Northern Ireland|UK|Great Britain|England
GB Scotland|Wales|Northern Ireland
GD Grenada
GE Georgia
GG Guernsey
GH Ghana
GI Gibraltar
GM Gambia|Gambia, The
GN Guinea
GQ Equatorial Guinea
GR Greece
GT Guatemala
GU Guam
GW Guinea-Bissau
GY Guyana
HK Hong Kong|Hong Kong SAR|Hong Kong, China
HN Honduras
HR Croatia
HT Haiti|Haïti
HU Hungary
ID Indonesia
IE Ireland
IL Israel
IM Isle of Man
IN India
IQ Iraq
IR Iran|Iran (Islamic Republic of)|Islamic Republic of Iran
IS Iceland
IT Italy
JE Jersey
JM Jamaica
JO Jordan
JP Japan
KE Kenya
KG Kyrgyzstan|Kyrgyz Republic
KH Cambodia
KI Kiribati
KM Comoros
KN Saint Kitts and Nevis|St Kitts and Nevis
KP North Korea|Korea, North|Democratic People's Republic of Korea
KP Korea, Democratic People's Republic of|DPRK
KR South Korea|Korea, South|Republic of Korea|Korea, Republic of
KW Kuwait
KY Cayman Islands
KZ Kazakhstan
LA Laos|Lao People's Democratic Republic
LB Lebanon
LC Saint Lucia
LI Liechtenstein
LK Sri Lanka
LR Liberia
LS Lesotho
LT Lithuania
LU Luxembourg
LV Latvia
LY Libya|Libyan Arab Jamahiriya
MA Morocco
MC Monaco
MD Moldova|Republic of Moldova|Moldova, Republic of
ME Montenegro
MG Madagascar
MH Marshall Islands
MK North Macedonia|Republic of North Macedonia|Macedonia
MK The former Yugoslav Republic of Macedonia|Macedonia, The Former Yugoslav Republic of
ML Mali
MM Burma|Myanmar|Myanmar (Burma)
MN Mongolia
MO Macau|Macao
MR Mauritania
MT Malta
MU Mauritius
MV Maldives
MW Malawi
MX Mexico
MY Malaysia
MZ Mozambique
NA Namibia
NE Niger
NG Nigeria
NI Nicaragua
NL Netherlands|Holland
NO Norway
NP Nepal
NR Nauru
NZ New Zealand
OM Oman
PA Panama
PE Peru
PG Papua New Guinea
PH Philippines
PK Pakistan
PL Poland
PS Palestine|State of Palestine|Palestinian|Palestinian Territories
PS Occupied Palestinian Territories|Occupied Palestinian Territory|West Bank|Gaza|Gaza Strip
PT Portugal
PW Palau
PY Paraguay
QA Qatar
RO Romania
RS Serbia
RU Russia|Russian Federation|Russie
RW Rwanda
SA Saudi Arabia
SB Solomon Islands
SC Seychelles
SD Sudan|Soudan
SE Sweden
SG Singapore
SI Slovenia
SK Slovakia
SL Sierra Leone
SM San Marino
SN Senegal
SO Somalia
SR Suriname
SS South Sudan|Soudan du sud
ST Sao Tome and Principe|São Tomé and Príncipe
SV El Salvador
SX Sint Maarten
SY Syria|Syrian Arab Republic|Syrie
SZ Eswatini|Swaziland
TC Turks and Caicos Islands
TD Chad
TG Togo
TH Thailand
TJ Tajikistan
TL Timor-Leste|East Timor
TM Turkmenistan
TN Tunisia
TO Tonga
TR Turkey|Türkiye|Turkiye
TT Trinidad and Tobago
TV Tuvalu
TW Taiwan|Taiwan, Province of China|Chinese Taipei
TZ Tanzania|United Republic of Tanzania|Tanzania, United Republic of
UA Ukraine|Crimea
UG Uganda
US United States|United States of America|USA|U.S.A.|US
UY Uruguay
UZ Uzbekistan
VA Holy See|Vatican|Vatican City
VC Saint Vincent and the Grenadines
VE Venezuela|Venezuela (Bolivarian Republic of)
VG British Virgin Islands|Virgin Islands, British
VI US Virgin Islands|Virgin Islands, U.S.
VN Vietnam|Viet Nam
VU Vanuatu
WS Samoa
XK Kosovo
YE Yemen
ZA South Africa
ZM Zambia
ZW Zimbabwe
"""


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    return re.sub(r"^the |\bthe$", "", text).strip()


def _build() -> dict[str, str]:
    table: dict[str, str] = {}
    for line in _TABLE.strip().splitlines():
        code, names = line.split(" ", 1)
        table[code.lower()] = code
        for name in names.split("|"):
            table[_fold(name)] = code
    return table


_BY_NAME = _build()
ISO2_CODES = frozenset(_BY_NAME.values())
_QUALIFIERS = re.compile(r"^\s*region:\s*|\s*\([^)]*\)\s*$", re.IGNORECASE)


@cache
def to_iso2(name: str) -> str | None:
    """ISO-2 code for a country name (or an ISO-2 code), None when it is not a known country."""
    key = _fold(name)
    if not key:
        return None
    code = _BY_NAME.get(key)
    if code is None and "," in name:  # "Korea, North" → "North Korea"
        head, _, tail = name.partition(",")
        code = _BY_NAME.get(_fold(f"{tail} {head}"))
    if code is None and (bare := _QUALIFIERS.sub("", name)) != name:
        code = to_iso2(bare)  # "Region: Gaza", "Iraq (previous address)"
    return code
