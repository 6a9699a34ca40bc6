"""Token document frequencies, shipped as package data per matcher version.

`data/<matcher>.token-df.tsv` holds, for each canonical token, how many listed entities carry
it; a `#` header gives its provenance (the list version it was counted on, the document count,
`min_df`: rarer tokens are left out and weigh fully). The table is frozen with its matcher
version, so a list update never moves a score and `compare` scores two free names exactly as
screening does; its digest enters the matcher's digest. `benchmarks/token_table.py` writes it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

from screening.errors import ConfigError


@dataclass(frozen=True, slots=True)
class TokenTable:
    file: str
    documents: int
    min_df: int
    df: dict[str, int]
    provenance: dict[str, str]

    @property
    def digest(self) -> str:
        """sha256 of the counts (the same value the v1 table had as a Python module)."""
        text = json.dumps([self.documents, sorted(self.df.items())], separators=(",", ":"))
        return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


@cache
def load_table(file: str) -> TokenTable:
    """The table `file` from `screening/matching/data`; a missing or malformed table is a
    `ConfigError` (the matcher cannot score without it)."""
    try:
        text = resources.files("screening.matching").joinpath("data", file).read_text("utf-8")
    except (FileNotFoundError, OSError) as exc:
        raise ConfigError(f"token table {file!r} not found in screening/matching/data") from exc
    provenance: dict[str, str] = {}
    df: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith("#"):
            key, sep, value = line[1:].partition(":")
            if sep:
                provenance[key.strip()] = value.strip()
            continue
        token, sep, count = line.partition("\t")
        if line == "token\tdf" or not line:
            continue
        if not sep or not count.isdigit():
            raise ConfigError(f"token table {file}: line {number} is not 'token<TAB>count'")
        df[token] = int(count)
    try:
        documents, min_df = int(provenance["documents"]), int(provenance["min_df"])
    except (KeyError, ValueError) as exc:
        raise ConfigError(f"token table {file}: header needs documents and min_df") from exc
    return TokenTable(file, documents, min_df, df, provenance)
