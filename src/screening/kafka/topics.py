"""The pipeline's topics from `streams/topics.toml`: names (with the optional prefix), creation,
and a check of existing topics against the file."""

from __future__ import annotations

import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from kafka.admin import ConfigResource, ConfigResourceType, NewTopic

from screening.errors import BrokerError, ConfigError
from screening.kafka import clients
from screening.paths import TOPICS_DEFINITIONS
from screening.settings import Settings

TOPICS_FILE = TOPICS_DEFINITIONS

EVENTS = "screening.events"
DECISIONS = "screening.decisions"
REVIEW = "screening.review"
DLQ = "screening.events.dlq"
LISTS = "screening.lists"
RESCREEN = "screening.rescreen"
ALLOWLIST = "screening.allowlist"
REVIEW_ACTIONS = "screening.review.actions"

_TOPIC_EXISTS = 36


@dataclass(frozen=True)
class TopicSpec:
    logical: str
    partitions: int
    replication_factor: int
    config: dict[str, str] = field(default_factory=dict)
    key: str = ""
    description: str = ""


@dataclass(frozen=True)
class TopicReport:
    name: str
    action: Literal["created", "ok", "mismatch"]
    problems: tuple[str, ...] = ()


def load_topics(path: Path = TOPICS_FILE) -> list[TopicSpec]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read topic definitions {path}: {exc}") from exc
    default_rf = int(data.get("defaults", {}).get("replication_factor", 1))
    specs = []
    for name, table in data.get("topics", {}).items():
        try:
            specs.append(
                TopicSpec(
                    logical=name,
                    partitions=int(table["partitions"]),
                    replication_factor=int(table.get("replication_factor", default_rf)),
                    config={str(k): str(v) for k, v in table.get("config", {}).items()},
                    key=str(table.get("key", "")),
                    description=str(table.get("description", "")),
                )
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ConfigError(f"{path}: topic {name!r}: {exc!r}") from exc
    return specs


def topic_name(logical: str, settings: Settings) -> str:
    """The physical topic name: `SCREENING_TOPIC_PREFIX` + the logical (ARCHITECTURE §6) name."""
    return settings.topic_prefix + logical


def create_topics(
    bootstrap: str | None, settings: Settings, specs: list[TopicSpec] | None = None
) -> list[TopicReport]:
    """Create the missing topics; check existing ones (partitions, replication, configs).

    Existing topics are never changed: a mismatch is reported for an operator to decide.
    """
    if bootstrap is not None:
        settings = settings.model_copy(update={"broker": bootstrap})
    specs = load_topics() if specs is None else specs
    admin = clients.admin(settings)
    try:
        wanted = {topic_name(s.logical, settings): s for s in specs}
        new = [
            NewTopic(name, s.partitions, s.replication_factor, topic_configs=dict(s.config))
            for name, s in wanted.items()
        ]
        result = admin.create_topics(new, raise_errors=False)
        reports: list[TopicReport] = []
        existing: list[str] = []
        for item in result["topics"]:
            if item["error_code"] == 0:
                reports.append(TopicReport(item["name"], "created"))
            elif item["error_code"] == _TOPIC_EXISTS:
                existing.append(item["name"])
            else:
                raise BrokerError(
                    f"creating topic {item['name']} failed: error {item['error_code']} "
                    f"{item.get('error_message') or ''}".rstrip()
                )
        if existing:
            reports += _check(admin, {name: wanted[name] for name in existing})
    finally:
        admin.close()
    order = list(wanted)
    return sorted(reports, key=lambda r: order.index(r.name))


def _check(admin: Any, specs: dict[str, TopicSpec]) -> list[TopicReport]:
    deadline = time.monotonic() + 10.0
    while True:
        # a topic created a moment ago (by someone else) may not be in the metadata yet
        described = {t["name"]: t for t in admin.describe_topics(list(specs))}
        if all(t["error_code"] == 0 for t in described.values()) or time.monotonic() > deadline:
            break
        time.sleep(0.25)
    resources = [ConfigResource(ConfigResourceType.TOPIC, name) for name in specs]
    configs = admin.describe_configs(resources, config_filter="all")["topic"]
    reports = []
    for name, spec in specs.items():
        if described[name]["error_code"] != 0:
            error = described[name]["error_code"]
            reports.append(TopicReport(name, "mismatch", (f"cannot describe it: error {error}",)))
            continue
        problems = []
        partitions = described[name]["partitions"]
        if len(partitions) != spec.partitions:
            problems.append(f"partitions {len(partitions)}, expected {spec.partitions}")
        replicas = min((len(p["replica_nodes"]) for p in partitions), default=0)
        if replicas != spec.replication_factor:
            problems.append(f"replication factor {replicas}, expected {spec.replication_factor}")
        actual = configs.get(name, {})
        for key, value in spec.config.items():
            got = actual.get(key, {}).get("value")
            if got != value:
                problems.append(f"{key}={got}, expected {value}")
        reports.append(TopicReport(name, "mismatch" if problems else "ok", tuple(problems)))
    return reports
