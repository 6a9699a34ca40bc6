"""The policy bundle on disk: a TOML file and the goods table CSV it names.

Everything that can be wrong with a bundle is found here, at load, as a `PolicyError` naming
the file and the problem, so the evaluator never meets an inconsistent policy.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Literal, cast

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from screening.errors import PolicyError
from screening.types import Action, Category

CSV_COLUMNS = ("hs_prefix", "description", "category", "sector", "source", "notes")
DIRECTION_KEYS = ("export_to", "import_from", "transit_via")

Cells = dict[str, dict[Category, Action]]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class EccnRuleSpec(_Strict):
    """First matching pattern wins; no category means "no uplift"."""

    match: str
    category: Category | None = None
    invalid: bool = False


class MatrixSpec(_Strict):
    default: Cells
    export_to: Cells = {}
    import_from: Cells = {}
    transit_via: Cells = {}


class IsoSpec(_Strict):
    countries: list[str]
    currencies: list[str]


class SourceSpec(_Strict):
    url: str
    published: str | None = None
    title: str | None = None
    checked: date | None = None  # when we last read the source


class DataFileSpec(_Strict):
    """A data file beside the TOML, pinned by the sha256 of its canonical text."""

    file: str
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    source: str = ""


class LegalBasisSpec(_Strict):
    act: str
    url: str | None = None
    checked: date | None = None
    verified: bool = False  # False: recorded from secondary sources, not the act's own text


class RegionSpec(_Strict):
    """An ISO 3166-2 subdivision with its own treatment (a region embargo inside a country)."""

    name: str
    group: str  # the group of the code alone
    place_group: str | None = None  # the group of a gazetteer place inside the sanctioned area
    coverage: Literal["whole", "occupied_areas"] = "whole"
    reason: str = Field(pattern=r"^REGION_[A-Z_]+$")
    legal_basis: dict[str, LegalBasisSpec] = {}


class FactSpec(_Strict):
    """Where a country-group entry comes from, and when it was last checked."""

    source: str
    url: str | None = None
    checked: date | None = None
    verified: bool = False
    note: str = ""


class PolicySpec(_Strict):
    """The TOML document, typed. Cross-field consistency is checked by `_check_spec`."""

    policy_id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    version: str = Field(pattern=r"^\d+\.\d+\.\d+$")
    effective_from: date
    effective_to: date | None = None  # first day it no longer applies (set when superseded)
    hs_nomenclature: str
    goods_table: str
    goods_table_sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    categories: list[Category]
    default_category: Category
    invalid_input_action: Action
    invalid_hs_chapters: list[str]
    chpl_source: str = Field(min_length=1)
    group_precedence: list[str]
    unlisted_group: str
    sources: dict[str, SourceSpec] = {}
    country_aliases: dict[str, str] = {}
    treated_as: dict[str, str] = {}
    bloc_codes: dict[str, str] = {}
    country_groups: dict[str, list[str]]
    group_reasons: dict[str, str] = {}
    matrix: MatrixSpec
    eccn_rules: list[EccnRuleSpec]
    iso: IsoSpec
    # Added in 1.1.0; a bundle without them behaves exactly as 1.0.0 did.
    hs_correlation: DataFileSpec | None = None  # HS 2017 -> HS 2022 subheadings
    hs2022_subheadings: DataFileSpec | None = None  # every HS 2022 six-digit code
    subdivisions: DataFileSpec | None = None  # ISO 3166-2 codes accepted as countries
    gazetteer: DataFileSpec | None = None  # place names inside sanctioned regions
    gazetteer_context: list[str] = []  # words that make an ambiguous place name count
    regions: dict[str, RegionSpec] = {}
    country_facts: dict[str, FactSpec] = {}  # "<group>.<code>" -> where the entry comes from


@dataclass(frozen=True, slots=True)
class GoodsRow:
    """One row of the goods table."""

    prefix: str
    description: str
    category: Category
    sector: str
    source: str
    notes: str
    chpl: bool  # the source names the Common High Priority List


@dataclass(frozen=True, slots=True)
class Bundle:
    spec: PolicySpec
    rows: tuple[GoodsRow, ...]
    content_hash: str  # sha256 hex over the canonical TOML and CSV content
    data: dict[str, tuple[dict[str, str], ...]] = field(default_factory=dict)  # extra files


DATA_FILES: dict[str, tuple[str, ...]] = {  # spec field -> required CSV columns
    "hs_correlation": ("hs2017", "hs2022", "relation", "verified", "source"),
    "hs2022_subheadings": ("hs6",),
    "subdivisions": ("code", "name", "type"),
    "gazetteer": ("place", "name", "lang", "region", "note"),
}


def read_bundle(path: Path) -> Bundle:
    """Read and validate the TOML at `path` and the goods table beside it."""
    if path.is_dir():
        raise PolicyError(
            f"{path}: a folder of installed bundles, not one bundle; load it with "
            "screening.policy.installed.load_policy_set, or one version with load_version"
        )
    try:
        raw_bytes = path.read_bytes()
    except OSError as exc:
        raise PolicyError(f"{path}: cannot read policy file: {exc.strerror or exc}") from exc
    try:
        raw = tomllib.loads(raw_bytes.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise PolicyError(f"{path}: not valid TOML: {exc}") from exc
    try:
        spec = PolicySpec.model_validate(raw)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or '(root)'}: {err['msg']}"
            for err in exc.errors()[:5]
        )
        raise PolicyError(f"{path}: {problems}") from exc
    problem = _check_spec(spec)
    if problem:
        raise PolicyError(f"{path}: {problem}")
    table_path = path.parent / spec.goods_table
    table_text = _read_table_text(table_path, spec.goods_table_sha256)
    rows = _parse_table(table_path, table_text, spec)
    canonical_toml = json.dumps(raw, sort_keys=True, separators=(",", ":"), default=str)
    content = canonical_toml.encode("utf-8") + b"\n" + table_text.encode("utf-8")
    data: dict[str, tuple[dict[str, str], ...]] = {}
    for key, columns in DATA_FILES.items():  # in a fixed order, so the hash is stable
        file_spec: DataFileSpec | None = getattr(spec, key)
        if file_spec is None:
            continue
        data_path = path.parent / file_spec.file
        text = _read_table_text(data_path, file_spec.sha256)
        data[key] = _parse_data(data_path, text, columns)
        content += b"\n" + text.encode("utf-8")
    return Bundle(spec=spec, rows=rows, content_hash=hashlib.sha256(content).hexdigest(), data=data)


def _parse_data(path: Path, text: str, columns: tuple[str, ...]) -> tuple[dict[str, str], ...]:
    reader = csv.DictReader(io.StringIO(text))
    if tuple(reader.fieldnames or ()) != columns:
        raise PolicyError(f"{path}: header must be {','.join(columns)}")
    rows = []
    for row in reader:
        if None in row or any(v is None for v in row.values()):
            raise PolicyError(f"{path}: line {reader.line_num}: expected {len(columns)} fields")
        rows.append(row)
    if not rows:
        raise PolicyError(f"{path}: no rows")
    return tuple(rows)


def bundle_files(path: Path) -> tuple[Path, ...]:
    """Every file of the bundle whose TOML is `path`, TOML first (to copy a bundle whole: its
    hash covers the goods table and, from 1.1.0, the correlation, subdivision and gazetteer
    files too)."""
    spec = read_bundle(Path(path)).spec
    names = [spec.goods_table] + [
        f.file for key in DATA_FILES if (f := getattr(spec, key)) is not None
    ]
    return (Path(path), *(Path(path).parent / name for name in names))


def _check_spec(spec: PolicySpec) -> str | None:
    """The first inconsistency between the parts of the TOML, or None."""
    if sorted(spec.categories) != sorted({"strategic", "critical", "other"}):
        return f"categories must list strategic, critical and other once each: {spec.categories}"
    if len(set(spec.group_precedence)) != len(spec.group_precedence):
        return "group_precedence lists a group twice"
    groups = set(spec.country_groups) | {spec.unlisted_group}
    if set(spec.group_precedence) != groups:
        return (
            f"group_precedence {spec.group_precedence} must list exactly the country groups "
            f"and the unlisted group {sorted(groups)}"
        )
    iso = set(spec.iso.countries)
    if bad := [c for c in spec.iso.countries if not re.fullmatch(r"[A-Z]{2}", c)]:
        return f"iso.countries: not alpha-2 codes: {bad[:5]}"
    if bad := [c for c in spec.iso.currencies if not re.fullmatch(r"[A-Z]{3}", c)]:
        return f"iso.currencies: not alpha-3 codes: {bad[:5]}"
    for group, members in spec.country_groups.items():
        if bad := sorted(set(members) - iso):
            return f"country_groups.{group}: not ISO 3166-1 alpha-2 codes: {bad}"
    targets = {"country_aliases": spec.country_aliases, "treated_as": spec.treated_as}
    for table, mapping in targets.items():
        if bad := sorted(v for v in mapping.values() if v not in iso):
            return f"{table}: targets are not ISO 3166-1 alpha-2 codes: {bad}"
    for bloc, group in spec.bloc_codes.items():
        if bloc in iso or group not in groups:
            return f"bloc_codes.{bloc}: must be a non-ISO code naming a group, not {group!r}"
    if bad := sorted(set(spec.group_reasons) - groups):
        return f"group_reasons: unknown groups {bad}"
    if bad := [c for c in spec.invalid_hs_chapters if not re.fullmatch(r"[0-9]{2}", c)]:
        return f"invalid_hs_chapters: not two-digit chapters: {bad}"
    for key in ("default", *DIRECTION_KEYS):
        cells: Cells = getattr(spec.matrix, key)
        if bad := sorted(set(cells) - groups):
            return f"matrix.{key}: unknown groups {bad}"
    for group in spec.group_precedence:
        row = spec.matrix.default.get(group)
        if row is None:
            return f"matrix.default: missing group {group!r}"
        if missing := [c for c in spec.categories if c not in row]:
            return f"matrix.default.{group}: missing categories {missing}"
    for code, region in spec.regions.items():
        if not re.fullmatch(r"[A-Z]{2}-[A-Z0-9]{1,3}", code) or code[:2] not in iso:
            return f"regions.{code}: not an ISO 3166-2 code of a listed country"
        for named in (region.group, region.place_group):
            if named is not None and named not in groups:
                return f"regions.{code}: unknown group {named!r}"
    if spec.effective_to is not None and spec.effective_to <= spec.effective_from:
        return "effective_to must be after effective_from"
    for rule in spec.eccn_rules:
        try:
            re.compile(rule.match)
        except re.error as exc:
            return f"eccn_rules: bad pattern {rule.match!r}: {exc}"
        if rule.invalid and rule.category is not None:
            return f"eccn_rules: pattern {rule.match!r} cannot both be invalid and give a category"
    return None


def _read_table_text(path: Path, expected_sha256: str) -> str:
    """A table as canonical text: UTF-8 with LF line endings; its hash must match the TOML."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise PolicyError(f"{path}: cannot read goods table: {exc.strerror or exc}") from exc
    try:
        text = data.decode("utf-8").replace("\r\n", "\n")
    except UnicodeDecodeError as exc:
        raise PolicyError(f"{path}: goods table is not UTF-8: {exc}") from exc
    actual = hashlib.sha256(text.encode("utf-8")).hexdigest()
    if actual != expected_sha256:
        raise PolicyError(
            f"{path}: goods table sha256 is {actual}, the policy file expects {expected_sha256}"
        )
    return text


def _parse_table(path: Path, text: str, spec: PolicySpec) -> tuple[GoodsRow, ...]:
    reader = csv.reader(io.StringIO(text))
    header = tuple(next(reader, ()))
    if header != CSV_COLUMNS:
        raise PolicyError(f"{path}: header must be {','.join(CSV_COLUMNS)}, not {','.join(header)}")
    categories: set[str] = set(spec.categories)
    rows: dict[str, GoodsRow] = {}
    for cells in reader:
        if not cells:
            continue
        where = f"{path}: line {reader.line_num}"
        if len(cells) != len(CSV_COLUMNS):
            raise PolicyError(f"{where}: {len(cells)} fields, expected {len(CSV_COLUMNS)}")
        prefix, description, category, sector, source, notes = cells
        if len(prefix) not in (2, 4, 6) or not (prefix.isascii() and prefix.isdigit()):
            raise PolicyError(f"{where}: hs_prefix {prefix!r} is not 2, 4 or 6 digits")
        if prefix in rows:
            raise PolicyError(f"{where}: duplicate hs_prefix {prefix}")
        if category not in categories:
            raise PolicyError(f"{where}: unknown category {category!r}")
        if not sector:
            raise PolicyError(f"{where}: empty sector for {prefix}")
        rows[prefix] = GoodsRow(
            prefix=prefix,
            description=description,
            category=cast(Category, category),
            sector=sector,
            source=source,
            notes=notes,
            chpl=spec.chpl_source in source,
        )
    if not rows:
        raise PolicyError(f"{path}: goods table has no rows")
    return tuple(rows.values())
