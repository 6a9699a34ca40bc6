"""Named, versioned matcher configurations.

A configuration is frozen and has a stable digest: decisions record `name+digest`, so a replay
knows exactly which scoring produced them. Scores of a published version never change: a
behaviour change adds a new entry to `MATCHERS` (e.g. "name-match-v2") and users pin one.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache

from pydantic import BaseModel, ConfigDict, Field, model_validator

from screening.errors import ConfigError
from screening.matching import tolerance
from screening.matching.limits import V1_LIMITS, V2_LIMITS, WorkLimits
from screening.matching.tokens import load_table
from screening.types import Action

DECISIVE_IDENTIFIERS = (
    "imo",
    "mmsi",
    "passport",
    "national_id",
    "tax_id",
    "registration",
    "swift",
    "lei",
    "aircraft_tail",
)


V1_TABLE = "name-match-v1.token-df.tsv"


@cache
def _token_table_digest() -> str:
    """The frozen token frequencies are part of the scoring, so part of the digest."""
    return load_table(V1_TABLE).digest


class MatchConfig(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field("name-match-v1", description="Matcher version; part of engine_version.")
    block_threshold: float = Field(0.92, ge=0, le=1, description="Hit score that blocks.")
    flag_threshold: float = Field(0.80, ge=0, le=1, description="Hit score that flags.")
    list_max_action: dict[str, Action] = Field(
        default_factory=dict,
        description="Source id → strongest action its hits may take ('allow' drops them).",
    )
    # Name score
    common_token_weight: float = Field(0.3, description="Weight of TRADING, AL, BIN, MUHAMMAD...")
    minor_token_weight: float = Field(0.5, description="Weight of numbers and 1-2 letter tokens.")
    rare_token_df: int = Field(5, description="Tokens on at most this many entities weigh fully.")
    min_miss_weight: float = Field(0.6, description="Least cost of an unmatched name token.")
    typo_cost: float = Field(1.0, description="Token similarity lost per edit, relative to length.")
    query_share_weight: float = Field(
        0.6, description="Weight of the query's matched share; the listed name's has the rest."
    )
    min_evidence: float = Field(
        0.75, description="Matched query weight below which the score is the smaller share."
    )
    conflict_penalty: float = Field(
        0.06, description="Lost when each name has a name token the other lacks."
    )
    weak_alias_factor: float = Field(0.9, description="Multiplier for names of quality 'weak'.")
    token_table: str = Field(
        default_factory=_token_table_digest, description="Digest of the token frequency table."
    )
    token_table_file: str | None = Field(
        None, description="Token table in screening/matching/data; None: the v1 table."
    )
    # Secondary attributes
    kind_mismatch_penalty: float = Field(0.2, description="Person vs organization vs vessel.")
    country_match_bonus: float = Field(0.02)
    country_mismatch_penalty: float = Field(0.03)
    dob_year_match_bonus: float = Field(0.03)
    dob_year_mismatch_penalty: float = Field(0.10)
    decisive_identifiers: tuple[str, ...] = Field(
        DECISIVE_IDENTIFIERS,
        description="Identifier types whose exact match on the entity is a block on its own.",
    )
    min_identifier_length: int = Field(
        5, description="Shorter identifier values are too likely to repeat across registries."
    )
    # name-match-v2 and later; None keeps the first version's code paths (and its digest).
    revision: int | None = Field(
        None,
        description="Code path generation: None = v1; 2 = evasion folding, junk names, typos "
        "in first letters and short words, containment, glued names.",
    )
    first_letter_typo_cost: float | None = Field(
        None, description="Extra similarity lost when a typo changes a token's first letter."
    )
    known_word_typo_cost: float | None = Field(
        None,
        description="Extra similarity lost when the query word taken as a typo is itself a "
        "word of the lists (a real word is less likely a misspelling than an unknown one).",
    )
    containment_min_weight: float | None = Field(
        None,
        description="A party holding every token of a listed name whose match weight is at "
        "least this (and that has a rare token) scores at least the flag threshold.",
    )
    # Work bounds per party (`limits`); None: name-match-v1's frozen `limits.V1_LIMITS`.
    max_query_tokens: int | None = Field(
        None, ge=1, description="Distinct query tokens screened; more is a MATCH_WORK_LIMIT."
    )
    max_candidates: int | None = Field(
        None, ge=1, description="Listed names scored per party; more is a MATCH_WORK_LIMIT."
    )
    max_pair_work: int | None = Field(
        None, ge=1, description="Token pairs aligned per party; more is a MATCH_WORK_LIMIT."
    )

    initial_similarity: float | None = Field(
        None,
        description='Similarity of an initial to a name word it begins ("A. Khamenei" / '
        '"Ali Khamenei"); None: an initial matches only itself.',
    )
    short_form_min_weight: float | None = Field(
        None,
        description="A party whose every token is in a listed name and that holds this much "
        "match weight (with a rare word) scores at least the flag threshold: the listed name "
        'written short ("Boris Johnson" for "Alexandre Boris de Pfeffel Johnson").',
    )
    script_reading_factor: float | None = Field(
        None,
        description="Score multiplier when a name in another script (Korean, Chinese, "
        "Japanese, Thai) matched a listed Latin name through one of its readings; None: off.",
    )
    skeleton_factor: float | None = Field(
        None,
        description="Score multiplier when an Arabic, Persian or Hebrew word matched a listed "
        "Latin word by its consonant skeleton (the vowels are not written).",
    )
    skeleton_edit_factor: float | None = Field(
        None, description="The same when the skeletons are one consonant apart."
    )

    @model_validator(mode="after")
    def _thresholds_ordered(self) -> MatchConfig:
        if self.flag_threshold > self.block_threshold:
            raise ValueError("flag_threshold must not exceed block_threshold")
        table = load_table(self.table_file)
        if table.min_df > self.rare_token_df:
            raise ValueError(
                f"token table {table.file} leaves out tokens on fewer than {table.min_df} "
                f"entities, so rare_token_df must be at least that (is {self.rare_token_df})"
            )
        if table.digest != self.token_table:
            raise ValueError(f"token_table {self.token_table} is not the digest of {table.file}")
        return self

    def document(self) -> dict[str, object]:
        """Everything that defines this scoring besides the code: the settings and the typo
        tolerance numbers. Stored as JSON by its digest, so a decision can be re-decided."""
        config = self.model_dump(mode="json", exclude_none=True)  # v2 fields: None in v1
        return {"config": config, "tolerance": tolerance.as_dict(self.revision)}

    @property
    def limits(self) -> WorkLimits:
        """The work bounds per party: this configuration's, else name-match-v1's."""
        return WorkLimits(
            self.max_query_tokens or V1_LIMITS.query_tokens,
            self.max_candidates or V1_LIMITS.candidates,
            self.max_pair_work or V1_LIMITS.pair_work,
        )

    @property
    def table_file(self) -> str:
        return self.token_table_file or V1_TABLE

    @property
    def digest(self) -> str:
        """sha256 (hex) of the canonical JSON of `document()`."""
        return hashlib.sha256(canonical_json(self.document()).encode("utf-8")).hexdigest()

    def action_for(self, score: float) -> Action:
        """`block` at or above the block threshold, `flag` in the review band, else `allow`."""
        if score >= self.block_threshold:
            return "block"
        return "flag" if score >= self.flag_threshold else "allow"

    @property
    def max_bonus(self) -> float:
        """The most secondary attributes can add to a name score."""
        return self.country_match_bonus + self.dob_year_match_bonus


def canonical_json(value: object) -> str:
    """Sorted keys, no whitespace: the bytes digests are taken over."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def config_from_document(document: dict[str, object]) -> MatchConfig:
    """The configuration a stored document describes; `ConfigError` when this build cannot
    reproduce it (other tolerance numbers or another token table)."""
    config = MatchConfig.model_validate(document["config"])
    have = tolerance.as_dict(config.revision)
    if document.get("tolerance") != have:
        raise ConfigError(
            f"matcher configuration sha256:{config.digest} was made with typo tolerance "
            f"{document.get('tolerance')}; this build has {have}"
        )
    if config.token_table != load_table(config.table_file).digest:
        raise ConfigError(f"token table {config.token_table} is not the one of this build")
    return config


V2_TABLE = "name-match-v2.token-df.tsv"
MATCHERS: dict[str, MatchConfig] = {
    "name-match-v1": MatchConfig(),
    "name-match-v2": MatchConfig(
        name="name-match-v2",
        token_table_file=V2_TABLE,
        token_table=load_table(V2_TABLE).digest,
        revision=2,
        first_letter_typo_cost=0.0,
        known_word_typo_cost=0.05,
        containment_min_weight=1.2,
        max_query_tokens=V2_LIMITS.query_tokens,
        max_candidates=V2_LIMITS.candidates,
        max_pair_work=V2_LIMITS.pair_work,
        initial_similarity=0.5,
        short_form_min_weight=1.5,
        script_reading_factor=0.99,
        skeleton_factor=0.97,
        skeleton_edit_factor=0.93,
    ),
}


def resolve(name: str, *, block: float | None = None, flag: float | None = None) -> MatchConfig:
    """The registered matcher `name` with its own thresholds, or the deployment's where set."""
    if name not in MATCHERS:
        raise ConfigError(f"unknown matcher {name!r}; known: {', '.join(sorted(MATCHERS))}")
    config = MATCHERS[name]
    given = {"block_threshold": block, "flag_threshold": flag}
    update = {k: v for k, v in given.items() if v is not None}
    return MatchConfig.model_validate({**config.model_dump(), **update}) if update else config
