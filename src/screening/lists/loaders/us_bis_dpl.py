"""BIS Denied Persons List (dpl.txt: tab-separated, quoted, header; one row per order).

The file has no id, alias, DOB or programme column and repeats a person on one row per order
(often with different addresses). Rows are grouped by name, folded (upper case, whitespace
collapsed, leading spaces gone): one entity per distinct name, countries the union of its
rows. entity_id = "sha1:" + the first 16 hex digits of sha1(folded name), stable across
releases as long as BIS spells the name the same way.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from screening.errors import ListFormatError
from screening.lists.loaders._common import Loaded, clean, csv_dicts, require_file
from screening.lists.loaders.countries import to_iso2
from screening.lists.model import EntityRecord

SOURCE = "us_bis_dpl"


def load(source_dir: Path) -> Loaded:
    path = require_file(source_dir, "dpl.txt")
    by_key: dict[str, EntityRecord] = {}
    for line, row in csv_dicts(path, ("Name", "Country", "Action"), delimiter="\t"):
        name = clean(row["Name"])
        if not name:
            raise ListFormatError(path, f"line {line}", "empty Name")
        key = name.upper()
        record = by_key.get(key)
        if record is None:
            digest = hashlib.sha1(key.encode()).hexdigest()[:16]
            record = by_key[key] = EntityRecord(SOURCE, f"sha1:{digest}", "unknown", name)
        if (code := to_iso2(clean(row["Country"]))) and code not in record.countries:
            record.countries.append(code)
    return Loaded(list(by_key.values()), [path])
