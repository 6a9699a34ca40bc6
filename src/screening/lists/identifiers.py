"""Identifier document labels → our identifier types.

One table for both sides: the loaders map the publishers' labels with it and the matcher maps
the labels parties arrive with, so an exact identifier match does not depend on the spelling
of the label.
"""

from __future__ import annotations

# Document labels as OFAC (CSV remarks, XML idType, CSL ids), UN and UK write them → our type.
_ID_TYPES: tuple[tuple[str, str], ...] = (
    ("vessel registration identification", "imo"),
    ("imo", "imo"),
    ("swift/bic", "swift"),
    ("swift", "swift"),
    ("bik", "swift"),
    ("mmsi", "mmsi"),
    ("diplomatic passport", "passport"),
    ("passport", "passport"),
    ("national id", "national_id"),
    ("national identification", "national_id"),
    ("identification number", "national_id"),
    ("personal id", "national_id"),
    ("cedula", "national_id"),
    ("c.u.r.p.", "national_id"),
    ("ssn", "national_id"),
    ("id no.", "national_id"),
    ("tax id", "tax_id"),
    ("tax identification", "tax_id"),
    ("r.f.c.", "tax_id"),
    ("v.a.t.", "tax_id"),
    ("vat", "tax_id"),
    ("nit #", "tax_id"),
    ("ruc #", "tax_id"),
    ("inn", "tax_id"),
    ("legal entity number", "lei"),
    ("registration", "registration"),  # Registration ID / Number, Business / Public Registration
    ("company number", "registration"),
    ("commercial registry", "registration"),
    ("government gazette number", "registration"),
    ("unified social credit code", "registration"),
    ("c.r. no.", "registration"),
    ("folio mercantil", "registration"),
    ("business number", "registration"),
    ("ogrn", "registration"),
    ("aircraft manufacturer's serial number", "aircraft_msn"),
    ("aircraft tail number", "aircraft_tail"),
    ("digital currency address", "crypto"),
)


def identifier_type(label: str) -> str | None:
    """Our identifier type for a document label, None for labels that are not identifiers."""
    label = label.strip().lower()
    for prefix, kind in _ID_TYPES:
        if label.startswith(prefix):
            return kind
    return None
