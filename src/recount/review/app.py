"""The review web app: `create_app(workspace)` returns a FastAPI application.

Every route but /health, /login and /static needs a live session; roles are
read from the database on every request; every POST carries the session's CSRF
token (form field `csrf_token` or header `X-CSRF-Token`). Pages are rendered on
the server by Jinja2 with autoescaping; the little JavaScript lives in
static/review.js (the Content-Security-Policy forbids inline script).

The routes live in `recount.review.routes`, one router per area (session,
pairs, people, progress, api, admin); what they share is the `ReviewContext`
(recount.review.context). A new area is a module with a `router`, added to
ROUTERS below.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.templating import Jinja2Templates

from recount.review import audit as audit_sample
from recount.review import auth, pairview, queue, store
from recount.review.context import (
    HERE,
    Forbidden,
    LoginRequired,
    ReviewContext,
    UserCache,
    is_api,
)
from recount.review.routes import admin, api, audit, pairs, people, progress, session
from recount.review.security import SecurityHeadersMiddleware
from recount.review.store import Database, ReviewError, WorkspaceBusy
from recount.review.writer import LabelWriter, PendingLabel
from recount.settings import LinkSettings, ReviewSettings
from recount.workspace import Workspace

ROUTERS = (
    session.router,
    pairs.router,
    people.router,
    progress.router,
    audit.router,
    api.router,
    admin.router,
)


def create_app(
    workspace: Workspace | str | Path,
    settings: ReviewSettings | None = None,
    allowed_hosts: list[str] | None = None,
) -> FastAPI:
    ws = workspace if isinstance(workspace, Workspace) else Workspace(workspace)
    config = ws.config if ws.config_path.exists() else None
    settings = settings or (config.review if config else ReviewSettings())
    db = Database(ws, settings.release_after_seconds, settings.busy_timeout_seconds)
    review_queue = queue.ReviewQueue(
        settings, config.link.threshold if config else LinkSettings.threshold
    )

    def labels_committed(batch: list[PendingLabel]) -> None:
        for item in batch:
            review_queue.note_label((item.record_id_l, item.record_id_r), item.reviewer, item.label)

    with db.transaction() as con:
        store.ensure_schema(con)
        audit_sample.ensure_schema(con)
    ctx = ReviewContext(
        ws=ws,
        settings=settings,
        db=db,
        review_queue=review_queue,
        record_cache=pairview.RecordCache(),
        writer=LabelWriter(db, labels_committed),
        users=UserCache(db),
        sessions=auth.SessionStore(
            idle_timeout=settings.idle_timeout_minutes * 60,
            absolute_timeout=settings.absolute_timeout_hours * 3600,
        ),
        guard=auth.LoginGuard(
            db,
            auth.LoginRateLimiter(
                settings.login_attempts_per_window, settings.login_window_seconds
            ),
            settings,
        ),
        templates=Jinja2Templates(
            env=Environment(
                loader=FileSystemLoader(HERE / "templates"),
                autoescape=select_autoescape(["html"], default=True),
            )
        ),
    )

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        ctx.writer.close()
        db.close()

    app = FastAPI(
        title="recount review", docs_url=None, redoc_url=None, openapi_url=None, lifespan=lifespan
    )
    app.state.review = ctx
    app.state.db = db
    app.state.settings = settings
    app.state.sessions = ctx.sessions
    app.add_middleware(
        TrustedHostMiddleware,
        allowed_hosts=allowed_hosts or ["127.0.0.1", "localhost", "[::1]", "::1"],
    )
    # added last, so outermost: the Host check's 400 carries the headers too
    app.add_middleware(SecurityHeadersMiddleware)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    _add_error_pages(app, ctx)
    for router in ROUTERS:
        app.include_router(router)
    return app


def _add_error_pages(app: FastAPI, ctx: ReviewContext) -> None:
    """Errors as JSON for /api/, as pages elsewhere."""

    @app.exception_handler(LoginRequired)
    async def on_login_required(request: Request, exc: LoginRequired) -> Response:
        if is_api(request) or request.method != "GET":
            return JSONResponse({"error": "login required"}, status_code=401)
        return RedirectResponse("/login", status_code=303)

    def page_or_json(status: int):
        async def handler(request: Request, exc: Exception) -> Response:
            if is_api(request):
                return JSONResponse({"error": str(exc)}, status_code=status)
            return ctx.render(request, "error.html", status, message=str(exc))

        return handler

    app.add_exception_handler(Forbidden, page_or_json(403))
    app.add_exception_handler(ReviewError, page_or_json(400))
    app.add_exception_handler(WorkspaceBusy, page_or_json(503))
