"""One loader per official list format, keyed by source id (ARCHITECTURE section 4).

Each loader reads one source folder and returns `Loaded`: canonical `EntityRecord`s, the files
it read and any publication date the files state. `custom_<name>` folders use the custom loader.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from screening.lists.loaders import (
    ca_sema,
    custom,
    eu_fsf,
    ofac,
    opensanctions,
    uk_ofsi,
    un_sc,
    us_bis_dpl,
    us_csl,
)
from screening.lists.loaders._common import Loaded

Loader = Callable[[Path], Loaded]

LOADERS: dict[str, Loader] = {
    "us_ofac_sdn": ofac.load_sdn,
    "us_ofac_cons": ofac.load_cons,
    "un_sc": un_sc.load,
    "eu_fsf": eu_fsf.load,
    "uk_ofsi": uk_ofsi.load,
    "ca_sema": ca_sema.load,
    "us_csl": us_csl.load,
    "us_bis_dpl": us_bis_dpl.load,
    "opensanctions": opensanctions.load,
}
CUSTOM_PREFIX = "custom_"


def loader_for(source: str) -> Loader | None:
    """The loader of a source id; None when the id is not a known source."""
    if source.startswith(CUSTOM_PREFIX) and len(source) > len(CUSTOM_PREFIX):
        return custom.load
    return LOADERS.get(source)


__all__ = ["CUSTOM_PREFIX", "LOADERS", "Loaded", "Loader", "loader_for"]
