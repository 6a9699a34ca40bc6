"""Prometheus metrics of the adapters (batch CLI and stream worker), and the metrics HTTP server.

An adapter, never imported by the core: the core returns `Decision`s and this module counts
them. Each `ScreeningMetrics` has its own `CollectorRegistry`, so tests and several workers in
one process never share counters. Labels are low-cardinality by construction: decisions,
actions, list source ids, policy sectors and groups, error codes and ISO currency codes; never
an event id or a party name. A label value that could come from hostile input (an error code,
a currency) is checked against a pattern and folded to `other`/`unknown` otherwise.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import ipaddress
import logging
import math
import platform
import re
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from socketserver import ThreadingMixIn
from typing import TYPE_CHECKING, Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from prometheus_client import (
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    Info,
    disable_created_metrics,
    generate_latest,
    make_wsgi_app,
    write_to_textfile,
)

from screening import __version__
from screening.errors import ConfigError, PolicyError

if TYPE_CHECKING:
    from wsgiref.types import StartResponse, WSGIEnvironment

    from screening.decision import Decision, Screener
    from screening.lists.snapshot import ListSnapshot
    from screening.policy import PolicySet
    from screening.settings import Settings

# Event time -> decision. The target is p99 <= 250 ms, so the buckets are dense around it
# (0.2, 0.25, 0.3) and `histogram_quantile` can tell a breach from a pass.
DECISION_LATENCY_BUCKETS = (
    0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.75,
    1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 300.0,
)  # fmt: skip
# The core's own time per event: a fraction of a millisecond typically (README, ~0.15 ms/party).
SCREEN_BUCKETS = (
    0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0,
)  # fmt: skip
BATCH_SIZE_BUCKETS = (1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 5000)

# Strategic-dependency exposure: declared value of these categories traded with these groups.
EXPOSURE_CATEGORIES = frozenset({"critical", "strategic"})
EXPOSURE_GROUPS = frozenset({"countries_of_concern", "embargoed"})

DEFAULT_METRICS_HOST = "127.0.0.1"
log = logging.getLogger(__name__)

_CODE = re.compile(r"[A-Z][A-Z0-9_]{0,47}")
_CURRENCY = re.compile(r"[A-Z]{3}")
_LABEL = re.compile(r"[A-Za-z0-9_.:-]{1,64}")

TopicPartition = tuple[str, int]


@dataclass(frozen=True, slots=True)
class Observation:
    """One decision with the timings the adapter measured around the core call."""

    decision: Decision
    screen_seconds: float | None = None  # the core's time for this event
    event_time: float | None = None  # epoch seconds of the event (Kafka timestamp or occurred_at)


def event_time(
    occurred_at: str | None = None, kafka_timestamp_ms: int | None = None
) -> float | None:
    """Epoch seconds the decision latency is measured from.

    The Kafka record timestamp when there is one (the stream: the time the event entered the
    pipeline, which is what the 250 ms target is about), else the event's `occurred_at`
    (the batch CLI). None when neither can be read.
    """
    if kafka_timestamp_ms is not None and kafka_timestamp_ms > 0:
        return kafka_timestamp_ms / 1000.0
    if occurred_at:
        try:
            moment = datetime.fromisoformat(occurred_at)
        except ValueError:
            return None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return moment.timestamp()
    return None


def decide_timed(
    screener: Screener, events: Iterable[Any], decided_at: str
) -> Iterator[tuple[Decision, float]]:
    """`Screener.decide` per event, with the core's time for each (perf_counter seconds)."""
    for event in events:
        started = time.perf_counter()
        decision = screener.decide(event, decided_at)
        yield decision, time.perf_counter() - started


def _date_seconds(text: str) -> float | None:
    """A list file date (`YYYY-MM-DD`, or a full timestamp) as epoch seconds, midnight UTC."""
    try:
        if len(text) == 10:
            return datetime.combine(date.fromisoformat(text), datetime.min.time(), UTC).timestamp()
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp()


@dataclass
class Health:
    """What `/healthz` and `/readyz` answer. The stream worker needs partitions to be ready;
    a batch run serving its counters does not."""

    require_partitions: bool = True
    lists_loaded: bool = False
    assigned: frozenset[TopicPartition] = field(default_factory=frozenset)
    alive: bool = True

    def ready(self) -> tuple[bool, str]:
        if not self.lists_loaded:
            return False, "lists not loaded"
        if self.require_partitions and not self.assigned:
            return False, "no partitions assigned"
        return True, "ready"


class ScreeningMetrics:
    """Every metric family of the pipeline, on its own registry."""

    def __init__(
        self,
        registry: CollectorRegistry | None = None,
        *,
        require_partitions: bool = True,
        exposure_groups: Iterable[str] = EXPOSURE_GROUPS,
        clock: Callable[[], float] = time.time,
    ) -> None:
        # `*_created` series double the series count for no use here (process-wide setting).
        disable_created_metrics()  # type: ignore[no-untyped-call]
        self.registry = registry if registry is not None else CollectorRegistry(auto_describe=True)
        self.health = Health(require_partitions=require_partitions)
        self.exposure_groups = frozenset(exposure_groups)
        self._clock = clock
        self._policies: PolicySet | None = None
        self._group_lookups: dict[str, Callable[[str], str | None]] = {}
        self._newest_list_file: float | None = None
        self._lock = threading.Lock()
        r = self.registry

        self.events_consumed = Counter(
            "screening_events_consumed",
            "Input events read (valid or not), before screening.",
            registry=r,
        )
        self.decisions = Counter(
            "screening_decisions", "Decisions made, by outcome.", ["decision"], registry=r
        )
        for outcome in ("block", "flag", "allow"):
            self.decisions.labels(outcome)
        self.dlq = Counter(
            "screening_dlq_records",
            "Invalid inputs dead-lettered (stream) or written to the errors file (batch), "
            "by error code.",
            ["error_code"],
            registry=r,
        )
        self.party_hits = Counter(
            "screening_party_hits",
            "Party matches in decisions, by list source and action.",
            ["list", "action"],
            registry=r,
        )
        self.goods_rules = Counter(
            "screening_goods_rules",
            "Goods lines whose Pillar One outcome is not a plain allow, by category, sector, "
            "counterpart group and action.",
            ["category", "sector", "counterpart_group", "action"],
            registry=r,
        )
        self.exposure = Counter(
            "screening_goods_exposure_value",
            "Declared value of critical and strategic goods traded with countries of concern "
            "(and embargoed countries), in the declared currency (no conversion).",
            ["sector", "category", "direction", "partner_group", "currency"],
            registry=r,
        )
        self.decision_latency = Histogram(
            "screening_decision_latency_seconds",
            "Event time (Kafka record timestamp, or occurred_at in batch) to decision.",
            buckets=DECISION_LATENCY_BUCKETS,
            registry=r,
        )
        self.screen_seconds = Histogram(
            "screening_screen_duration_seconds",
            "The core's screening time per event (parties and goods).",
            buckets=SCREEN_BUCKETS,
            registry=r,
        )
        self.batch_size = Histogram(
            "screening_batch_size_events",
            "Events per batch handed to the core.",
            buckets=BATCH_SIZE_BUCKETS,
            registry=r,
        )
        self.lists_info = Info(
            "screening_lists", "The loaded list snapshot (content-addressed version).", registry=r
        )
        self.list_entities = Gauge(
            "screening_lists_entities", "Entities loaded, per list source.", ["source"], registry=r
        )
        self.list_source_time = Gauge(
            "screening_lists_source_timestamp_seconds",
            "Date of the newest file of each list source (publisher's date, else mtime).",
            ["source"],
            registry=r,
        )
        self.lists_age = Gauge(
            "screening_lists_age_seconds",
            "Age of the newest list source file (0 when no list is loaded).",
            registry=r,
        )
        self.lists_age.set_function(self._lists_age)
        self.lists_warnings = Gauge(
            "screening_lists_warnings",
            "Integrity warnings of the loaded lists (a cut-off file, an empty or unknown source "
            "folder); the worker's log has the messages.",
            registry=r,
        )
        self.policy_info = Info("screening_policy", "The loaded Pillar One policy.", registry=r)
        self.engine_info = Info("screening_engine", "The decision engine and matcher.", registry=r)
        self.build_info = Info(
            "screening_build", "This build of the screening package.", registry=r
        )
        self.build_info.info({"version": __version__, "python": platform.python_version()})
        self.consumer_lag = Gauge(
            "screening_consumer_lag_records",
            "Records not yet consumed per assigned partition (highwater - position), "
            "from this worker's own consumer.",
            ["topic", "partition"],
            registry=r,
        )
        self.assigned_partitions = Gauge(
            "screening_assigned_partitions", "Partitions assigned to this worker.", registry=r
        )
        self.rebalances = Counter(
            "screening_rebalances",
            "Consumer group rebalances seen by this worker (partition assignments).",
            registry=r,
        )
        self.worker_up = Gauge(
            "screening_worker_up", "1 while the stream worker runs, 0 when it stops.", registry=r
        )
        self.ready = Gauge(
            "screening_ready",
            "1 when lists are loaded and (stream) partitions assigned.",
            registry=r,
        )
        self.ready.set_function(lambda: 1.0 if self.health.ready()[0] else 0.0)

    # -- what was loaded ---------------------------------------------------------------------

    def describe_screener(self, screener: Screener) -> None:
        """Versions and per-source counts of what the screener decides with; call on each swap."""
        self.describe_lists(screener.snapshot)
        policies = screener.policies
        newest = policies.newest
        self.policy_info.info(
            {
                "version": newest.version,
                "policy_id": newest.policy_id,
                "installed": policies.version,
            }
        )
        self.engine_info.info({"version": screener.engine_version})
        self._policies = policies
        self._group_lookups = {}

    def describe_lists(self, snapshot: ListSnapshot) -> None:
        self.lists_info.info({"version": snapshot.version})
        self.list_entities.clear()
        self.list_source_time.clear()
        newest: float | None = None
        for source, info in snapshot.sources.items():
            self.list_entities.labels(source).set(info.entities)
            dates = [s for s in (_date_seconds(f.date) for f in info.files) if s is not None]
            if dates:
                self.list_source_time.labels(source).set(max(dates))
                newest = max(dates) if newest is None else max(newest, *dates)
        self._newest_list_file = newest
        self.lists_warnings.set(len(snapshot.warnings))
        self.health.lists_loaded = True

    def _lists_age(self) -> float:
        if self._newest_list_file is None:
            return 0.0
        return max(0.0, self._clock() - self._newest_list_file)

    # -- per event ---------------------------------------------------------------------------

    def observe_consumed(self, count: int = 1) -> None:
        self.events_consumed.inc(count)

    def observe_error(self, code: str) -> None:
        """One invalid input, dead-lettered or written to the errors file."""
        self.dlq.labels(code if _CODE.fullmatch(code) else "OTHER").inc()

    def observe(
        self,
        decision: Decision,
        *,
        screen_seconds: float | None = None,
        event_time: float | None = None,
        now: float | None = None,
    ) -> None:
        """Count one decision: outcome, hits, goods rules, exposure, and its timings."""
        self.decisions.labels(decision.decision).inc()
        for hit in decision.hits:
            self.party_hits.labels(_label(hit.list), hit.action).inc()
        for rule in decision.rules:
            group = self._group(rule.country, decision.policy_version)
            category = rule.category or "none"
            sector = _label(rule.sector) if rule.sector else "none"
            self.goods_rules.labels(category, sector, group, rule.action).inc()
            if (
                rule.category in EXPOSURE_CATEGORIES
                and group in self.exposure_groups
                and rule.value is not None
                and math.isfinite(rule.value)
            ):
                currency = rule.currency or "none"
                if "CURRENCY_UNKNOWN" in rule.reasons or not _CURRENCY.fullmatch(currency):
                    currency = "unknown" if rule.currency else "none"
                self.exposure.labels(
                    sector, category, rule.direction or "none", group, currency
                ).inc(rule.value)
        if screen_seconds is not None:
            self.screen_seconds.observe(max(0.0, screen_seconds))
        if event_time is not None:
            moment = self._clock() if now is None else now
            self.decision_latency.observe(max(0.0, moment - event_time))

    def observe_batch(self, observations: Sequence[Observation], now: float | None = None) -> None:
        """One batch handed to the core: its size, then each decision (the worker's call)."""
        self.batch_size.observe(len(observations))
        moment = self._clock() if now is None else now
        for item in observations:
            self.observe(
                item.decision,
                screen_seconds=item.screen_seconds,
                event_time=item.event_time,
                now=moment,
            )

    def _group(self, country: str | None, policy_version: str) -> str:
        """The counterpart group under the policy version that made the decision."""
        if not country:
            return "none"
        lookup = self._group_lookups.get(policy_version)
        if lookup is None:
            lookup = self._lookup_for(policy_version)
            self._group_lookups[policy_version] = lookup
        return lookup(country) or "unknown"

    def _lookup_for(self, policy_version: str) -> Callable[[str], str | None]:
        if self._policies is None:
            return lambda _country: None
        try:
            return self._policies.get(policy_version).country_group
        except PolicyError:  # a version not installed here: the newest one's groups
            return self._policies.newest.country_group

    # -- the consumer's view (stream worker) -------------------------------------------------

    def partitions_assigned(self, assigned: Iterable[TopicPartition]) -> None:
        """A rebalance finished: count it, keep lag only for what this worker now owns."""
        owned = frozenset(assigned)
        with self._lock:
            for topic, partition in self.health.assigned - owned:
                self._drop_lag(topic, partition)
            self.health.assigned = owned
        self.rebalances.inc()
        self.assigned_partitions.set(len(owned))

    def partitions_revoked(self, revoked: Iterable[TopicPartition]) -> None:
        with self._lock:
            gone = frozenset(revoked)
            for topic, partition in gone:
                self._drop_lag(topic, partition)
            self.health.assigned = self.health.assigned - gone
        self.assigned_partitions.set(len(self.health.assigned))

    def set_lag(self, topic: str, partition: int, lag: int) -> None:
        self.consumer_lag.labels(topic, str(partition)).set(max(0, lag))

    def _drop_lag(self, topic: str, partition: int) -> None:
        with contextlib.suppress(KeyError):
            self.consumer_lag.remove(topic, str(partition))

    def set_up(self, up: bool) -> None:
        self.worker_up.set(1 if up else 0)
        self.health.alive = up

    # -- output ------------------------------------------------------------------------------

    def exposition(self) -> bytes:
        """The text format (version 0.0.4), as `GET /metrics` serves it by default."""
        return generate_latest(self.registry)

    def write_textfile(self, path: Path) -> None:
        """For node-exporter's textfile collector: written to a temporary file, then renamed,
        so the collector never reads half a file."""
        path.parent.mkdir(parents=True, exist_ok=True)
        write_to_textfile(str(path), self.registry)

    def metric_names(self) -> set[str]:
        """Every sample name the registry can expose (`_total`, `_bucket`, `_info` included),
        also for labelled families that have no series yet."""
        suffixes = {
            "counter": ("_total",),
            "histogram": ("_bucket", "_count", "_sum"),
            "info": ("_info",),
        }
        return {
            family.name + suffix
            for family in self.registry.collect()
            for suffix in suffixes.get(family.type, ("",))
        }

    def family_names(self) -> set[str]:
        return {family.name for family in self.registry.collect()}


def _label(value: str) -> str:
    return value if _LABEL.fullmatch(value) else "other"


# -- the HTTP server ----------------------------------------------------------------------------


class BasicAuth:
    """HTTP basic auth for /metrics: keeps the user and a SHA-256 digest of the password only,
    and compares digests in constant time (`hmac.compare_digest`)."""

    def __init__(self, username: str, password: str) -> None:
        self._user = hashlib.sha256(username.encode()).digest()
        self._password = hashlib.sha256(password.encode()).digest()

    def __repr__(self) -> str:
        return "BasicAuth(...)"

    def allows(self, header: str | None) -> bool:
        scheme, _, encoded = (header or "").partition(" ")
        if scheme.lower() != "basic":
            return False
        try:
            user, sep, password = base64.b64decode(encoded, validate=True).decode().partition(":")
        except (ValueError, UnicodeDecodeError):
            return False
        user_ok = hmac.compare_digest(hashlib.sha256(user.encode()).digest(), self._user)
        password_ok = hmac.compare_digest(
            hashlib.sha256(password.encode()).digest(), self._password
        )
        return bool(sep) and user_ok and password_ok


class _Server(ThreadingMixIn, WSGIServer):
    daemon_threads = True
    tls: ssl.SSLContext | None = None

    def get_request(self) -> tuple[Any, Any]:
        """TLS is set up per connection in its handler thread (`finish_request`), so a client
        that connects and never speaks cannot stall the accept loop."""
        sock, address = self.socket.accept()
        if self.tls is not None:
            sock = self.tls.wrap_socket(sock, server_side=True, do_handshake_on_connect=False)
        return sock, address

    def finish_request(self, request: Any, client_address: Any) -> None:
        if self.tls is not None:
            request.settimeout(10)
            try:
                request.do_handshake()
            except (OSError, ssl.SSLError) as exc:  # plain HTTP on the TLS port, a port scan
                log.debug("metrics: TLS handshake with %s failed: %s", client_address, exc)
                return
        super().finish_request(request, client_address)

    def handle_error(self, request: Any, client_address: Any) -> None:
        log.debug("metrics: request from %s failed", client_address, exc_info=True)


class _V6Server(_Server):
    address_family = socket.AF_INET6


class _QuietHandler(WSGIRequestHandler):
    timeout = 30  # seconds a connection may idle

    def log_message(self, format: str, *args: Any) -> None:
        """Scrapes every few seconds would flood the worker log."""


def wsgi_app(
    metrics: ScreeningMetrics, auth: BasicAuth | None = None
) -> Callable[[WSGIEnvironment, StartResponse], list[bytes]]:
    """`/metrics` (behind basic auth when `auth` is given), `/healthz` (alive) and `/readyz`
    (lists loaded, partitions assigned). The health endpoints stay open: kubelet probes cannot
    send a password without writing it into the manifest, and they only say alive/ready."""
    exporter = make_wsgi_app(metrics.registry)

    def app(environ: WSGIEnvironment, start_response: StartResponse) -> list[bytes]:
        path = environ.get("PATH_INFO", "/")
        if path == "/metrics":
            if auth is not None and not auth.allows(environ.get("HTTP_AUTHORIZATION")):
                start_response(
                    "401 Unauthorized",
                    [
                        ("Content-Type", "text/plain; charset=utf-8"),
                        ("WWW-Authenticate", 'Basic realm="screening metrics", charset="UTF-8"'),
                    ],
                )
                return [b"unauthorized\n"]
            return list(exporter(environ, start_response))
        if path == "/healthz":
            ok, text = metrics.health.alive, "alive" if metrics.health.alive else "stopping"
        elif path == "/readyz":
            ok, text = metrics.health.ready()
        else:
            start_response("404 Not Found", [("Content-Type", "text/plain; charset=utf-8")])
            return [b"not found: try /metrics, /healthz, /readyz\n"]
        status = "200 OK" if ok else "503 Service Unavailable"
        start_response(status, [("Content-Type", "text/plain; charset=utf-8")])
        return [text.encode() + b"\n"]

    return app


class MetricsServer:
    """The metrics HTTP(S) server in a daemon thread, beside any event loop."""

    def __init__(
        self,
        metrics: ScreeningMetrics,
        host: str,
        port: int,
        tls: ssl.SSLContext | None = None,
        auth: BasicAuth | None = None,
    ) -> None:
        server_class = _V6Server if ":" in host else _Server
        self._httpd = make_server(
            host,
            port,
            wsgi_app(metrics, auth),
            server_class=server_class,
            handler_class=_QuietHandler,
        )
        self._httpd.tls = tls
        self.host = host
        self.scheme = "https" if tls is not None else "http"
        self.port: int = self._httpd.server_address[1]
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, name="metrics-http", daemon=True
        )
        self._thread.start()

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{self.scheme}://{host}:{self.port}"

    def close(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)


def serve(
    metrics: ScreeningMetrics,
    port: int,
    host: str = DEFAULT_METRICS_HOST,
    *,
    tls: ssl.SSLContext | None = None,
    auth: BasicAuth | None = None,
) -> MetricsServer:
    """Start serving; port 0 picks a free one (see `MetricsServer.port`)."""
    return MetricsServer(metrics, host, port, tls, auth)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name: it may resolve to anything


def server_tls(certfile: Path, keyfile: Path | None) -> ssl.SSLContext:
    """TLS 1.2+ server context from a PEM certificate chain (and key)."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    try:
        context.load_cert_chain(str(certfile), str(keyfile) if keyfile else None)
    except (OSError, ssl.SSLError) as exc:
        raise ConfigError(
            f"SCREENING_METRICS_TLS_CERTFILE/_KEYFILE: cannot load the certificate and key "
            f"({type(exc).__name__})"
        ) from None
    return context


def serve_settings(metrics: ScreeningMetrics, settings: Settings) -> MetricsServer:
    """The server the settings describe: HTTPS with `metrics_tls_*`, basic auth with
    `metrics_auth_*`. A non-loopback address needs both, unless `metrics_insecure` is set:
    metrics name lists, volumes and outcomes, which is not for anyone on the network."""
    host = settings.metrics_host
    tls = (
        server_tls(settings.metrics_tls_certfile, settings.metrics_tls_keyfile)
        if settings.metrics_tls_certfile is not None
        else None
    )
    password = settings.metrics_password()
    auth = (
        BasicAuth(settings.metrics_auth_username, password)
        if settings.metrics_auth_username is not None and password
        else None
    )
    if not is_loopback(host) and (tls is None or auth is None) and not settings.metrics_insecure:
        missing = [
            name
            for name, absent in (
                ("TLS (SCREENING_METRICS_TLS_CERTFILE)", tls is None),
                ("basic auth (SCREENING_METRICS_AUTH_USERNAME and _PASSWORD_FILE)", auth is None),
            )
            if absent
        ]
        raise ConfigError(
            f"refusing to serve metrics on {host}, not a loopback address, without "
            f"{' and '.join(missing)}; set them, or SCREENING_METRICS_INSECURE=true to expose "
            "the metrics anyway"
        )
    return serve(metrics, settings.metrics_port, host, tls=tls, auth=auth)
