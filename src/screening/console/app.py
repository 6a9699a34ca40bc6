"""The review console's web application (Starlette, server-rendered Jinja2 templates).

Every state change is a POST with the session's CSRF token, by a user whose role allows it;
otherwise 403 and nothing is written. Actions go to the sinks (`screening.review.actions`),
allowlist changes to the allowlist store (and `screening.allowlist`).
"""

from __future__ import annotations

import secrets
import time
import uuid
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route
from starlette.templating import Jinja2Templates

from screening.allowlist import PartyIdentity, fingerprints
from screening.allowlist_store import AllowlistStore
from screening.console.auth import Permission, User, UsersConfig
from screening.console.feeds import Sink
from screening.console.index import Filters, ReviewIndex
from screening.errors import AllowlistError
from screening.lists.snapshot import ListSnapshot

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
PAGE_SIZE = 50
DEFAULT_REVIEW_DAYS = 180
LOGIN_FAILURES = 5  # failed logins of one user from one address ...
LOGIN_WINDOW_S = 15 * 60.0  # ... within this window lock that pair out until the oldest ages out


def utc_now() -> datetime:
    return datetime.now(UTC)


def _stamp(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds").replace("+00:00", "Z")


@dataclass
class ConsoleState:
    index: ReviewIndex
    users: UsersConfig
    store: AllowlistStore
    snapshot: ListSnapshot | None = None
    sinks: list[Sink] = field(default_factory=list)
    clock: Callable[[], float] = time.monotonic

    _rows: dict[tuple[str, str], int] | None = None
    _failed_logins: dict[tuple[str, str], deque[float]] = field(default_factory=dict)

    def login_locked_for(self, key: tuple[str, str]) -> float:
        """Seconds until (user, address) may try again; 0 when not locked out."""
        failures = self._failed_logins.get(key)
        if failures is None:
            return 0.0
        now = self.clock()
        while failures and now - failures[0] > LOGIN_WINDOW_S:
            failures.popleft()
        if len(failures) < LOGIN_FAILURES:
            return 0.0
        return LOGIN_WINDOW_S - (now - failures[0])

    def login_failed(self, key: tuple[str, str]) -> None:
        self._failed_logins.setdefault(key, deque(maxlen=LOGIN_FAILURES)).append(self.clock())

    def listed(self, source: str, entity_id: str) -> dict[str, Any] | None:
        """The listed record, by (source, entity id): a row lookup, not a frame scan."""
        if self.snapshot is None:
            return None
        frame = self.snapshot.entities
        if self._rows is None:  # built once, on the first detail page
            keys = zip(frame["source"].to_list(), frame["entity_id"].to_list(), strict=True)
            self._rows = {key: row for row, key in enumerate(keys)}
        row = self._rows.get((source, entity_id))
        return frame.row(row, named=True) if row is not None else None


def _state(request: Request) -> ConsoleState:
    state: ConsoleState = request.app.state.console
    return state


def current_user(request: Request) -> User | None:
    state = _state(request)
    if state.users.proxy_header:
        name = request.headers.get(state.users.proxy_header)
        return state.users.users.get(name) if name else None
    name = request.session.get("user")
    return state.users.users.get(name) if isinstance(name, str) else None


def _csrf(request: Request) -> str:
    token = request.session.get("csrf")
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return token


async def _form(request: Request) -> dict[str, str]:
    form = await request.form()
    values = {k: v for k, v in form.items() if isinstance(v, str)}
    expected = request.session.get("csrf")
    if not expected or not secrets.compare_digest(values.get("csrf", ""), str(expected)):
        raise HTTPException(403, "missing or wrong CSRF token: reload the page and try again")
    return values


def _require(request: Request, permission: Permission) -> User:
    user = current_user(request)
    if user is None:
        raise HTTPException(401, "log in first")
    if not user.can(permission):
        raise HTTPException(403, f"role {user.role} may not {permission}")
    return user


def _render(request: Request, name: str, status_code: int = 200, **context: Any) -> Response:
    context |= {"user": current_user(request), "csrf": _csrf(request)}
    return TEMPLATES.TemplateResponse(request, name, context, status_code=status_code)


def _record(state: ConsoleState, user: User, action: str, event_id: str, **details: Any) -> None:
    record = {
        "action_id": uuid.uuid4().hex,
        "event_id": event_id,
        "action": action,
        "user": user.name,
        "role": user.role,
        "at": _stamp(utc_now()),
        **details,
    }
    for sink in state.sinks:
        sink.action(record)
    state.index.add_action(record)


async def login_page(request: Request) -> Response:
    if _state(request).users.proxy_header:
        return RedirectResponse("/", 303)
    return _render(request, "login.html", error=None)


async def login(request: Request) -> Response:
    """Password login; repeated failures of one user name from one address lock that pair out
    for a while (429), so a password cannot be guessed at request speed."""
    form = await _form(request)
    state = _state(request)
    name = form.get("username", "")
    key = (name.strip().lower(), request.client.host if request.client else "")
    if (wait := state.login_locked_for(key)) > 0:
        error = f"too many failed logins: try again in {max(1, round(wait / 60))} min"
        return _render(request, "login.html", 429, error=error)
    user = state.users.authenticate(name, form.get("password", ""))
    if user is None:
        state.login_failed(key)
        return _render(request, "login.html", 401, error="unknown user or wrong password")
    request.session.clear()
    request.session["user"] = user.name
    return RedirectResponse("/", 303)


async def logout(request: Request) -> Response:
    await _form(request)
    request.session.clear()
    return RedirectResponse("/login", 303)


def _login_redirect(request: Request) -> Response | None:
    return None if current_user(request) else RedirectResponse("/login", 303)


async def queue(request: Request) -> Response:
    if (redirect := _login_redirect(request)) is not None:
        return redirect
    _require(request, "view")
    q = request.query_params
    try:
        age = float(q["age"]) if q.get("age") else None
        page = max(int(q.get("page", "1")), 1)
    except ValueError as exc:
        raise HTTPException(400, f"bad filter value: {exc}") from exc
    filters = Filters(
        q.get("list", ""), q.get("rule", ""), q.get("source", ""), age, q.get("status", "")
    )
    state = _state(request)
    items, total = state.index.query(filters, utc_now(), (page - 1) * PAGE_SIZE, PAGE_SIZE)
    kept = {k: v for k, v in q.items() if k != "page" and v}
    return _render(
        request,
        "queue.html",
        items=[(item, state.index.source_of(item.event_id)) for item in items],
        total=total,
        size=len(state.index),
        page=page,
        pages=max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1),
        filters=filters,
        facets=state.index.facets(),
        query=urlencode(kept),
        pending=sum(1 for e in state.store.load().entries.values() if e.status == "pending"),
    )


def _item_or_404(request: Request) -> Any:
    item = _state(request).index.get(request.path_params["event_id"])
    if item is None:
        raise HTTPException(404, "no such review item")
    return item


async def detail(request: Request) -> Response:
    if (redirect := _login_redirect(request)) is not None:
        return redirect
    _require(request, "view")
    state = _state(request)
    item = _item_or_404(request)
    event = state.index.event(item.event_id)
    parties = (event or {}).get("parties", [])
    hits = [
        {
            "n": n,
            "hit": hit,
            "listed": state.listed(hit["list"], hit["entity_id"]),
            "party": parties[hit["party_index"]] if hit["party_index"] < len(parties) else None,
        }
        for n, hit in enumerate(item.decision.get("hits", []))
    ]
    return _render(
        request,
        "detail.html",
        item=item,
        event=event,
        hits=hits,
        review_until=(utc_now().date() + timedelta(days=DEFAULT_REVIEW_DAYS)).isoformat(),
    )


async def true_match(request: Request) -> Response:
    user = _require(request, "review")
    form = await _form(request)
    item = _item_or_404(request)
    _record(
        _state(request),
        user,
        "true_match",
        item.event_id,
        note=form.get("note", ""),
        decision=item.decision.get("decision"),
    )
    return RedirectResponse(f"/review/{item.event_id}", 303)


async def false_positive(request: Request) -> Response:
    user = _require(request, "review")
    form = await _form(request)
    state = _state(request)
    item = _item_or_404(request)
    hits = item.decision.get("hits", [])
    try:
        hit = hits[int(form.get("hit", ""))]
        party = PartyIdentity.of(
            form.get("name", ""),
            form.get("kind") or "unknown",
            form.get("country") or None,
            form.get("date_of_birth") or None,
            _identifiers(form.get("identifiers", "")),
        )
        until = form.get("until", "")
        date.fromisoformat(until)
        if state.snapshot is None:
            raise AllowlistError("the console has no lists loaded: cannot fingerprint the record")
        current = fingerprints(state.snapshot.entities, [(hit["list"], hit["entity_id"])])
        fingerprint = current.get((hit["list"], hit["entity_id"]))
        if fingerprint is None:
            raise AllowlistError(f"{hit['list']}:{hit['entity_id']} is not in the loaded lists")
        entry = state.store.add(
            party,
            hit["list"],
            hit["entity_id"],
            fingerprint,
            reason=form.get("reason", ""),
            by=user.name,
            until=until,
            source_event=item.event_id,
        )
    except (ValueError, IndexError, AllowlistError) as exc:
        raise HTTPException(400, f"cannot propose: {exc}") from exc
    for sink in state.sinks:
        sink.allowlist(entry)
    _record(
        state,
        user,
        "false_positive",
        item.event_id,
        entry_id=entry.entry_id,
        list=hit["list"],
        entity_id=hit["entity_id"],
        reason=entry.reason,
        until=entry.until,
    )
    return RedirectResponse(f"/review/{item.event_id}", 303)


def _identifiers(text: str) -> list[tuple[str, str]]:
    """ "passport:X1 imo:9187629" -> [(type, value), ...]."""
    return [(t, v) for t, _, v in (x.partition(":") for x in text.split()) if t and v]


async def allowlist_page(request: Request) -> Response:
    if (redirect := _login_redirect(request)) is not None:
        return redirect
    _require(request, "view")
    allowlist = _state(request).store.load()
    entries = sorted(allowlist.entries.values(), key=lambda e: e.proposed_at, reverse=True)
    return _render(request, "allowlist.html", entries=entries, version=allowlist.version)


async def approve(request: Request) -> Response:
    user = _require(request, "approve")
    await _form(request)
    state = _state(request)
    entry_id = request.path_params["entry_id"]
    try:
        entry = state.store.approve(entry_id, by=user.name)
    except AllowlistError as exc:  # four eyes, or not pending: refused, nothing written
        raise HTTPException(403, str(exc)) from exc
    for sink in state.sinks:
        sink.allowlist(entry)
    _record(state, user, "approve", entry.source_event or entry.entry_id, entry_id=entry.entry_id)
    return RedirectResponse("/allowlist", 303)


async def revoke(request: Request) -> Response:
    """An approver withdraws an entry (pending or approved): appended, never edited away."""
    user = _require(request, "approve")
    form = await _form(request)
    reason = form.get("reason", "").strip()
    if not reason:
        raise HTTPException(400, "a revocation needs a reason")
    state = _state(request)
    entry_id = request.path_params["entry_id"]
    try:
        entry = state.store.revoke(entry_id, by=user.name, reason=reason)
    except AllowlistError as exc:  # unknown or already revoked: nothing written
        raise HTTPException(403, str(exc)) from exc
    for sink in state.sinks:
        sink.allowlist(entry)
    event_id = entry.source_event or entry.entry_id
    _record(state, user, "revoke", event_id, entry_id=entry.entry_id, reason=reason)
    return RedirectResponse("/allowlist", 303)


async def healthz(request: Request) -> Response:
    return PlainTextResponse(f"ok {len(_state(request).index)} review items\n")


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if exc.status_code == 401:
        return RedirectResponse("/login", 303)
    return _render(
        request, "error.html", exc.status_code, status=exc.status_code, detail=exc.detail
    )


def create_app(state: ConsoleState) -> Starlette:
    app = Starlette(
        routes=[
            Route("/", queue),
            Route("/login", login_page, methods=["GET"]),
            Route("/login", login, methods=["POST"]),
            Route("/logout", logout, methods=["POST"]),
            Route("/review/{event_id:path}/true-match", true_match, methods=["POST"]),
            Route("/review/{event_id:path}/false-positive", false_positive, methods=["POST"]),
            Route("/review/{event_id:path}", detail),
            Route("/allowlist", allowlist_page),
            Route("/allowlist/{entry_id}/approve", approve, methods=["POST"]),
            Route("/allowlist/{entry_id}/revoke", revoke, methods=["POST"]),
            Route("/healthz", healthz),
        ],
        middleware=[
            Middleware(
                SessionMiddleware,
                secret_key=state.users.secret_key,
                session_cookie="screening_console",
                same_site="strict",
                max_age=8 * 3600,
            )
        ],
        exception_handlers={HTTPException: http_error},
    )
    app.state.console = state
    return app
