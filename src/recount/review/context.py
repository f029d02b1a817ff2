"""What every route of the review app shares: the database, the queue, sessions, templates.

`create_app` builds one `ReviewContext` and keeps it on `app.state.review`;
routes reach it, and the signed-in user, through the FastAPI dependencies
below (`Context`, `CurrentUser`, `AdminUser`, `CheckedForm`, `CheckedJson`).
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

import duckdb
from fastapi import Depends, Request
from fastapi.responses import Response
from starlette.datastructures import FormData
from starlette.templating import Jinja2Templates

from recount.review import auth, pairview, queue, store
from recount.review.store import Database, ReviewError
from recount.review.writer import LabelWriter
from recount.settings import ReviewSettings
from recount.workspace import Workspace

HERE = Path(__file__).parent


class LoginRequired(Exception):
    """No live session."""


class Forbidden(Exception):
    """Logged in, but not allowed (role, or a bad CSRF token)."""


class UserCache:
    """Accounts read from the database at most every few seconds.

    Every request checks its user's role and state here; changes made in the
    app take effect at once, changes from another process within `ttl` seconds
    (or when the workspace file changes).
    """

    def __init__(self, db: Database, ttl: float = 5.0):
        self.db = db
        self.ttl = ttl
        self._users: dict[str, tuple[store.User | None, float, int]] = {}

    def get(self, username: str) -> store.User | None:
        cached = self._users.get(username)
        moment = time.monotonic()
        if cached and moment - cached[1] < self.ttl and cached[2] == self.db.generation:
            return cached[0]
        with self.db.connection() as con:
            user = store.get_user(con, username)
        self._users[username] = (user, moment, self.db.generation)
        return user

    def forget(self, username: str) -> None:
        self._users.pop(username, None)


@dataclass
class ReviewContext:
    ws: Workspace
    settings: ReviewSettings
    db: Database
    review_queue: queue.ReviewQueue
    record_cache: pairview.RecordCache
    writer: LabelWriter
    users: UserCache
    sessions: auth.SessionStore
    guard: auth.LoginGuard
    templates: Jinja2Templates

    # -- responses ----------------------------------------------------------------
    def render(
        self, request: Request, name: str, status_code: int = 200, **context: Any
    ) -> Response:
        session = getattr(request.state, "session", None)
        context.setdefault("user", getattr(request.state, "user", None))
        context["csrf_token"] = session.csrf_token if session else ""
        return self.templates.TemplateResponse(request, name, context, status_code=status_code)

    def set_cookie(self, response: Response, name: str, value: str, max_age: int | None) -> None:
        response.set_cookie(
            name,
            value,
            max_age=max_age,
            httponly=True,
            samesite="strict",
            secure=self.settings.secure_cookies,
            path="/",
        )

    # -- sessions -----------------------------------------------------------------
    def session_of(self, request: Request) -> auth.Session:
        session = self.sessions.get(request.cookies.get(auth.SESSION_COOKIE))
        if session is None:
            raise LoginRequired()
        request.state.session = session
        return session

    # -- the queue ----------------------------------------------------------------
    @contextlib.contextmanager
    def ready_queue(self, transaction: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        """The database connection with the in-memory queue up to date."""
        with self.db.transaction() if transaction else self.db.connection() as con:
            self.review_queue.ensure_loaded(con, self.db.generation)
            self.record_cache.ensure_loaded(con, self.db.generation)
            yield con

    def after_decision(self, user: store.User, queue_filter: queue.QueueFilter, **extra) -> str:
        """Where a reviewer goes next: their next pair, or the queue when none is left."""
        nxt = self.review_queue.next_pair(user.username, queue_filter)
        if nxt is None:
            return "/queue?" + urlencode({**queue_filter.as_query(), "done": 1, **extra})
        return pair_url(nxt, queue_filter, **extra)

    def record_label(self, pair: tuple[str, str], label: str, user: store.User) -> int:
        """Validates under the lock, then hands the label to the group-commit writer."""
        if label not in store.LABEL_VALUES:
            raise ReviewError(f"label must be one of {', '.join(store.LABEL_VALUES)}")
        with self.ready_queue() as con:
            if self.review_queue.leased_by_other(pair, user.username):
                raise ReviewError("another reviewer holds this pair")
            if pair not in self.review_queue.by_pair and not store.records_exist(con, pair):
                raise ReviewError("unknown record id")
        return self.writer.submit(pair, label, user.username)

    def undo_label(self, con: duckdb.DuckDBPyConnection, user: store.User) -> dict | None:
        undone = store.undo_last_label(con, user.username)
        if undone is not None:
            pair = (undone["record_id_l"], undone["record_id_r"])
            self.review_queue.note_label(
                pair, user.username, store.reviewer_label(con, *pair, user.username)
            )
        return undone


def filter_of(values: Any) -> queue.QueueFilter:
    return queue.QueueFilter.parse(
        values.get("source"), values.get("governorate"), values.get("from"), values.get("to")
    )


def pair_url(pair: tuple[str, str], queue_filter: queue.QueueFilter, **extra: Any) -> str:
    query = {"l": pair[0], "r": pair[1], **queue_filter.as_query(), **extra}
    return "/pair?" + urlencode(query)


def is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


# -- dependencies --------------------------------------------------------------------
def context_of(request: Request) -> ReviewContext:
    return request.app.state.review


Context = Annotated[ReviewContext, Depends(context_of)]


def current_user(request: Request, ctx: Context) -> store.User:
    session = ctx.session_of(request)
    user = ctx.users.get(session.username)
    if user is None or not user.active:
        ctx.sessions.delete_user(session.username)
        raise LoginRequired()
    request.state.user = user
    return user


CurrentUser = Annotated[store.User, Depends(current_user)]


def admin_user(user: CurrentUser) -> store.User:
    if not user.is_admin:
        raise Forbidden("admins only")
    return user


async def csrf_form(request: Request, ctx: Context) -> FormData:
    session = ctx.session_of(request)
    form = await request.form()
    given = form.get("csrf_token") or request.headers.get("x-csrf-token")
    if not auth.tokens_match(session.csrf_token, given if isinstance(given, str) else None):
        raise Forbidden("missing or wrong CSRF token")
    return form


async def csrf_json(request: Request, ctx: Context) -> dict:
    session = ctx.session_of(request)
    if not auth.tokens_match(session.csrf_token, request.headers.get("x-csrf-token")):
        raise Forbidden("missing or wrong CSRF token")
    try:
        body = await request.json()
    except ValueError:
        raise ReviewError("expected a JSON body") from None
    if not isinstance(body, dict):
        raise ReviewError("expected a JSON object")
    return body


AdminUser = Annotated[store.User, Depends(admin_user)]
CheckedForm = Annotated[FormData, Depends(csrf_form)]
CheckedJson = Annotated[dict, Depends(csrf_json)]
