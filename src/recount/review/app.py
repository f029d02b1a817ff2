"""The review web app: `create_app(workspace)` returns a FastAPI application.

Every route but /health, /login and /static needs a live session; roles are
read from the database on every request; every POST carries the session's CSRF
token (form field `csrf_token` or header `X-CSRF-Token`). Pages are rendered on
the server by Jinja2 with autoescaping; the little JavaScript lives in
static/review.js (the Content-Security-Policy forbids inline script).
"""

import contextlib
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Depends, FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.templating import Jinja2Templates

from recount.errors import RecountError
from recount.review import (
    audit,
    auth,
    clusters,
    labels_io,
    pairview,
    progress,
    queue,
    store,
    weights,
)
from recount.review.security import SecurityHeadersMiddleware
from recount.review.settings import ReviewSettings
from recount.review.store import Database, ReviewError, WorkspaceBusy
from recount.review.writer import LabelWriter, PendingLabel
from recount.workspace import Workspace

HERE = Path(__file__).parent


class LoginRequired(Exception):
    """No live session."""


class Forbidden(Exception):
    """Logged in, but not allowed (role, or a bad CSRF token)."""


def create_app(
    workspace: Workspace | str | Path,
    settings: ReviewSettings | None = None,
    allowed_hosts: list[str] | None = None,
) -> FastAPI:
    ws = workspace if isinstance(workspace, Workspace) else Workspace(workspace)
    settings = settings or ReviewSettings.from_workspace(ws)
    db = Database(ws, settings.release_after_seconds, settings.busy_timeout_seconds)
    review_queue = queue.ReviewQueue(settings)
    record_cache = pairview.RecordCache()

    def labels_committed(batch: list[PendingLabel]) -> None:
        for item in batch:
            review_queue.note_label((item.record_id_l, item.record_id_r), item.reviewer, item.label)

    writer = LabelWriter(db, labels_committed)
    users = UserCache(db)
    with db.transaction() as con:
        store.ensure_schema(con)
        audit.ensure_schema(con)
    sessions = auth.SessionStore(
        idle_timeout=settings.idle_timeout_minutes * 60,
        absolute_timeout=settings.absolute_timeout_hours * 3600,
    )
    limiter = auth.LoginRateLimiter(
        settings.login_attempts_per_window, settings.login_window_seconds
    )
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(["html"], default=True),
    )
    templates = Jinja2Templates(env=env)

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        writer.close()
        db.close()

    app = FastAPI(
        title="recount review", docs_url=None, redoc_url=None, openapi_url=None, lifespan=lifespan
    )
    app.state.db = db
    app.state.settings = settings
    app.state.sessions = sessions
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(
        TrustedHostMiddleware,
        allowed_hosts=allowed_hosts or ["127.0.0.1", "localhost", "[::1]", "::1"],
    )
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    # -- helpers ------------------------------------------------------------------
    def is_api(request: Request) -> bool:
        return request.url.path.startswith("/api/")

    def set_cookie(response: Response, name: str, value: str, max_age: int | None) -> None:
        response.set_cookie(
            name,
            value,
            max_age=max_age,
            httponly=True,
            samesite="strict",
            secure=settings.secure_cookies,
            path="/",
        )

    def render(request: Request, name: str, status_code: int = 200, **context: Any) -> Response:
        session = getattr(request.state, "session", None)
        context.setdefault("user", getattr(request.state, "user", None))
        context["csrf_token"] = session.csrf_token if session else ""
        return templates.TemplateResponse(request, name, context, status_code=status_code)

    def session_of(request: Request) -> auth.Session:
        session = sessions.get(request.cookies.get(auth.SESSION_COOKIE))
        if session is None:
            raise LoginRequired()
        request.state.session = session
        return session

    def current_user(request: Request) -> store.User:
        session = session_of(request)
        user = users.get(session.username)
        if user is None or not user.active:
            sessions.delete_user(session.username)
            raise LoginRequired()
        request.state.user = user
        return user

    def admin_user(user: Annotated[store.User, Depends(current_user)]) -> store.User:
        if not user.is_admin:
            raise Forbidden("admins only")
        return user

    async def csrf_form(request: Request) -> FormData:
        session = session_of(request)
        form = await request.form()
        given = form.get("csrf_token") or request.headers.get("x-csrf-token")
        if not auth.tokens_match(session.csrf_token, given if isinstance(given, str) else None):
            raise Forbidden("missing or wrong CSRF token")
        return form

    async def csrf_json(request: Request) -> dict:
        session = session_of(request)
        if not auth.tokens_match(session.csrf_token, request.headers.get("x-csrf-token")):
            raise Forbidden("missing or wrong CSRF token")
        try:
            body = await request.json()
        except ValueError:
            raise ReviewError("expected a JSON body") from None
        if not isinstance(body, dict):
            raise ReviewError("expected a JSON object")
        return body

    CurrentUser = Annotated[store.User, Depends(current_user)]
    AdminUser = Annotated[store.User, Depends(admin_user)]
    CheckedForm = Annotated[FormData, Depends(csrf_form)]
    CheckedJson = Annotated[dict, Depends(csrf_json)]

    def filter_of(values: Any) -> queue.QueueFilter:
        return queue.QueueFilter.parse(
            values.get("source"), values.get("governorate"), values.get("from"), values.get("to")
        )

    def pair_url(pair: tuple[str, str], queue_filter: queue.QueueFilter, **extra: Any) -> str:
        query = {"l": pair[0], "r": pair[1], **queue_filter.as_query(), **extra}
        return "/pair?" + urlencode(query)

    @contextlib.contextmanager
    def ready_queue(transaction: bool = False):
        """The database connection with the in-memory queue up to date."""
        with db.transaction() if transaction else db.connection() as con:
            review_queue.ensure_loaded(con, db.generation)
            record_cache.ensure_loaded(con, db.generation)
            yield con

    def after_decision(user: store.User, queue_filter: queue.QueueFilter, **extra) -> str:
        nxt = review_queue.next_pair(user.username, queue_filter)
        if nxt is None:
            return "/queue?" + urlencode({**queue_filter.as_query(), "done": 1, **extra})
        return pair_url(nxt, queue_filter, **extra)

    # -- errors -------------------------------------------------------------------
    @app.exception_handler(LoginRequired)
    async def on_login_required(request: Request, exc: LoginRequired) -> Response:
        if is_api(request) or request.method != "GET":
            return JSONResponse({"error": "login required"}, status_code=401)
        return RedirectResponse("/login", status_code=303)

    @app.exception_handler(Forbidden)
    async def on_forbidden(request: Request, exc: Forbidden) -> Response:
        if is_api(request):
            return JSONResponse({"error": str(exc)}, status_code=403)
        return render(request, "error.html", 403, message=str(exc))

    @app.exception_handler(ReviewError)
    async def on_review_error(request: Request, exc: ReviewError) -> Response:
        if is_api(request):
            return JSONResponse({"error": str(exc)}, status_code=400)
        return render(request, "error.html", 400, message=str(exc))

    @app.exception_handler(WorkspaceBusy)
    async def on_busy(request: Request, exc: WorkspaceBusy) -> Response:
        if is_api(request):
            return JSONResponse({"error": str(exc)}, status_code=503)
        return render(request, "error.html", 503, message=str(exc))

    # -- public -------------------------------------------------------------------
    @app.get("/health")
    def health() -> dict:
        return {"status": "ok"}

    @app.get("/login", response_class=HTMLResponse)
    def login_page(request: Request) -> Response:
        token = auth.new_login_token()
        response = render(request, "login.html", login_token=token, error=None)
        set_cookie(response, auth.LOGIN_COOKIE, token, 900)
        return response

    @app.post("/login")
    async def login(request: Request) -> Response:
        form = await request.form()
        client = request.client.host if request.client else "unknown"
        if not limiter.allow(client):
            return JSONResponse(
                {"error": "too many login attempts; wait a few minutes"},
                status_code=429,
                headers={"retry-after": str(int(settings.login_window_seconds))},
            )
        login_token = request.cookies.get(auth.LOGIN_COOKIE)
        given = form.get("login_token")
        if not auth.tokens_match(login_token, given if isinstance(given, str) else None):
            return render(request, "error.html", 403, message="login form expired; reload it")
        username = str(form.get("username") or "")[:64]
        password = str(form.get("password") or "")[: auth.MAX_PASSWORD_LENGTH]

        def check() -> store.User | None:
            with db.transaction() as con:
                user = auth.authenticate(
                    con,
                    username,
                    password,
                    settings.lockout_after_failures,
                    settings.lockout_minutes,
                )
                store.audit(con, username if user else None, "login" if user else "login_failed")
            return user

        user = await run_in_threadpool(check)
        if user is None:
            limiter.failed(client)
            token = auth.new_login_token()
            response = render(
                request,
                "login.html",
                401,
                login_token=token,
                error="Wrong user name or password, or the account is locked.",
            )
            set_cookie(response, auth.LOGIN_COOKIE, token, 900)
            return response
        sessions.delete(request.cookies.get(auth.SESSION_COOKIE))
        response = RedirectResponse("/queue", status_code=303)
        set_cookie(
            response,
            auth.SESSION_COOKIE,
            sessions.create(user.username),
            int(settings.absolute_timeout_hours * 3600),
        )
        response.delete_cookie(auth.LOGIN_COOKIE, path="/")
        return response

    # -- session ------------------------------------------------------------------
    @app.post("/logout")
    def logout(request: Request, form: CheckedForm) -> Response:
        sessions.delete(request.cookies.get(auth.SESSION_COOKIE))
        response = RedirectResponse("/login", status_code=303)
        response.delete_cookie(auth.SESSION_COOKIE, path="/")
        return response

    @app.get("/")
    def home(user: CurrentUser) -> Response:
        return RedirectResponse("/queue", status_code=303)

    @app.get("/settings", response_class=HTMLResponse)
    def settings_page(request: Request, user: CurrentUser) -> Response:
        return render(request, "settings.html")

    @app.post("/settings")
    def save_settings(form: CheckedForm, user: CurrentUser) -> Response:
        with db.transaction() as con:
            store.set_show_scores(con, user.username, form.get("show_scores") == "on")
        users.forget(user.username)
        return RedirectResponse("/settings", status_code=303)

    # -- queue and pairs ------------------------------------------------------------
    @app.get("/queue", response_class=HTMLResponse)
    def queue_page(request: Request, user: CurrentUser) -> Response:
        queue_filter = filter_of(request.query_params)
        with ready_queue() as con:
            counts = review_queue.counts(con)
            upcoming = review_queue.open_pairs(user.username, queue_filter, limit=25)
            sources = _sources(con)
        return render(
            request,
            "queue.html",
            counts=counts,
            upcoming=upcoming,
            sources=sources,
            queue_filter=queue_filter,
            done=request.query_params.get("done") == "1",
        )

    @app.post("/next")
    def start(form: CheckedForm, user: CurrentUser):
        queue_filter = filter_of(form)
        with ready_queue():
            target = after_decision(user, queue_filter)
        return RedirectResponse(target, status_code=303)

    @app.get("/pair", response_class=HTMLResponse)
    def pair_page(request: Request, user: CurrentUser) -> Response:
        params = request.query_params
        pair = store.ordered_pair(params.get("l", ""), params.get("r", ""))
        queue_filter = filter_of(params)
        last = None
        with ready_queue() as con:
            candidate = review_queue.by_pair.get(pair)
            view = pairview.load_pair(
                con, *pair, record_cache, candidate.probability if candidate else None
            )
            mine = review_queue.label_of(pair, user.username)
            if params.get("last", "").isdigit():
                last = _last_decision(con, int(params["last"]), user.username, review_queue)
        return render(
            request,
            "pair.html",
            view=view,
            mine=mine,
            last=last,
            show_score=user.show_scores or mine is not None,
            queue_filter=queue_filter,
            filter_fields=queue_filter.as_query(),
            prev_url="/pair/prev?"
            + urlencode({"l": pair[0], "r": pair[1], **queue_filter.as_query()}),
        )

    @app.get("/pair/prev")
    def previous_pair(request: Request, user: CurrentUser) -> Response:
        params = request.query_params
        before = None
        if params.get("l") and params.get("r"):
            before = store.ordered_pair(params["l"], params["r"])
        with db.connection() as con:
            prev = store.previous_labelled_pair(con, user.username, before)
        if prev is None:
            raise ReviewError("no earlier decision of yours")
        return RedirectResponse(pair_url(prev, filter_of(params)), status_code=303)

    @app.post("/pair/label")
    def label_pair(form: CheckedForm, user: CurrentUser) -> Response:
        pair = store.ordered_pair(str(form.get("l", "")), str(form.get("r", "")))
        queue_filter = filter_of(form)
        label_id = _record_label(pair, str(form.get("label", "")), user)
        with ready_queue():
            target = after_decision(user, queue_filter, last=label_id)
        return RedirectResponse(target, status_code=303)

    @app.post("/pair/skip")
    def skip_pair(form: CheckedForm, user: CurrentUser) -> Response:
        pair = store.ordered_pair(str(form.get("l", "")), str(form.get("r", "")))
        queue_filter = filter_of(form)
        with ready_queue():
            review_queue.skip(pair, user.username)
            target = after_decision(user, queue_filter)
        return RedirectResponse(target, status_code=303)

    @app.post("/undo")
    def undo(form: CheckedForm, user: CurrentUser):
        queue_filter = filter_of(form)
        with ready_queue(transaction=True) as con:
            undone = _undo_label(con, user)
            if undone is None:
                raise ReviewError("nothing of yours to undo")
            pair = (undone["record_id_l"], undone["record_id_r"])
        return RedirectResponse(pair_url(pair, queue_filter), status_code=303)

    def _record_label(pair: tuple[str, str], label: str, user: store.User) -> int:
        """Validates under the lock, then hands the label to the group-commit writer."""
        if label not in store.LABEL_VALUES:
            raise ReviewError(f"label must be one of {', '.join(store.LABEL_VALUES)}")
        with ready_queue() as con:
            if review_queue.leased_by_other(pair, user.username):
                raise ReviewError("another reviewer holds this pair")
            if pair not in review_queue.by_pair and not store.records_exist(con, pair):
                raise ReviewError("unknown record id")
        return writer.submit(pair, label, user.username)

    def _undo_label(con, user: store.User) -> dict | None:
        undone = store.undo_last_label(con, user.username)
        if undone is not None:
            pair = (undone["record_id_l"], undone["record_id_r"])
            review_queue.note_label(
                pair, user.username, store.reviewer_label(con, *pair, user.username)
            )
        return undone

    # -- people ----------------------------------------------------------------------
    @app.get("/person/{person_id}", response_class=HTMLResponse)
    def person_page(request: Request, person_id: str, user: CurrentUser) -> Response:
        with db.connection() as con:
            view = clusters.person_view(con, person_id)
        return render(request, "person.html", view=view)

    @app.post("/person/{person_id}/split")
    def split(
        person_id: str,
        form: CheckedForm,
        user: CurrentUser,
    ) -> Response:
        with db.transaction() as con:
            action_id = clusters.split_record(
                con, person_id, str(form.get("record_id", "")), user.username
            )
            store.audit(con, user.username, "split", f"action_id={action_id}")
        return RedirectResponse(f"/person/{person_id}", status_code=303)

    @app.post("/person/{person_id}/merge")
    def merge(
        person_id: str,
        form: CheckedForm,
        user: CurrentUser,
    ) -> Response:
        with db.transaction() as con:
            action_id = clusters.merge_people(
                con, person_id, str(form.get("other_person_id", "")).strip(), user.username
            )
            store.audit(con, user.username, "merge", f"action_id={action_id}")
        return RedirectResponse(f"/person/{person_id}", status_code=303)

    @app.post("/actions/{action_id}/undo")
    def undo_action(
        action_id: int,
        form: CheckedForm,
        user: CurrentUser,
    ) -> Response:
        back = str(form.get("person_id", ""))
        with db.transaction() as con:
            undo_id = clusters.undo_action(con, action_id, user)
            store.audit(
                con, user.username, "action_undo", f"action_id={undo_id} undoes={action_id}"
            )
        target = f"/person/{back}" if back and back.isalnum() else "/progress"
        return RedirectResponse(target, status_code=303)

    # -- audit sample (random, apart from the queue: recount.review.audit) ---------------
    @app.get("/audit-sample", response_class=HTMLResponse)
    def audit_sample_page(request: Request, user: CurrentUser) -> Response:
        with db.connection() as con:
            counts = audit.progress(con)
            wanted = request.query_params.get("item", "")
            item = audit.get_item(con, int(wanted)) if wanted.isdigit() else audit.next_item(con)
            context: dict[str, Any] = {"counts": counts, "item": item}
            if item is not None and item.kind == audit.SINGLETON:
                found = audit.candidates(con, item.person_id)
                context["records"] = pairview.person_records(con, item.person_id)
                context["candidates"] = found.to_dict("records")
                shown = list(dict.fromkeys(found["person_id"].dropna()))
                context["candidate_records"] = pairview.person_records(con, shown) if shown else []
            elif item is not None:
                context["view"] = pairview.load_pair(con, item.record_id_l, item.record_id_r)
        return render(request, "audit.html", **context)

    @app.post("/audit-sample/draw")
    def draw_audit(form: CheckedForm, user: CurrentUser) -> Response:
        with db.transaction() as con:
            drawn = audit.draw_sample(con)
            store.audit(con, user.username, "audit_sample_drawn", f"items={drawn}")
        return RedirectResponse("/audit-sample", status_code=303)

    @app.post("/audit-sample/answer")
    def answer_audit(form: CheckedForm, user: CurrentUser) -> Response:
        item_id = str(form.get("item_id", ""))
        if not item_id.isdigit():
            raise ReviewError("unknown audit item")
        with db.transaction() as con:
            audit.record_answer(
                con,
                int(item_id),
                str(form.get("answer", "")),
                user.username,
                next((str(v) for v in form.getlist("match_record_id") if str(v).strip()), None),
            )
        return RedirectResponse("/audit-sample", status_code=303)

    # -- progress ----------------------------------------------------------------------
    @app.get("/progress", response_class=HTMLResponse)
    def progress_page(request: Request, user: CurrentUser) -> Response:
        with ready_queue() as con:
            summary = progress.progress_summary(con)
            counts = review_queue.counts(con)
            actions = clusters.active_actions(con)
        return render(request, "progress.html", summary=summary, counts=counts, actions=actions)

    # -- JSON API ----------------------------------------------------------------------
    @app.get("/api/progress")
    def api_progress(user: CurrentUser) -> dict:
        with db.connection() as con:
            summary = progress.progress_summary(con)
        return _jsonable(summary)

    @app.post("/api/next")
    def api_next(body: CheckedJson, user: CurrentUser):
        queue_filter = filter_of(body)
        with ready_queue():
            pair = review_queue.next_pair(user.username, queue_filter)
        if pair is None:
            return {"pair": None}
        return {"pair": {"record_id_l": pair[0], "record_id_r": pair[1]}}

    @app.post("/api/labels")
    def api_label(body: CheckedJson, user: CurrentUser):
        pair = store.ordered_pair(
            str(body.get("record_id_l", "")), str(body.get("record_id_r", ""))
        )
        return {"label_id": _record_label(pair, str(body.get("label", "")), user)}

    @app.post("/api/undo")
    def api_undo(body: CheckedJson, user: CurrentUser):
        with ready_queue(transaction=True) as con:
            undone = _undo_label(con, user)
        return {"undone": undone}

    @app.get("/api/pair/weights")
    def api_weights(request: Request, user: CurrentUser) -> dict:
        params = request.query_params
        pair = store.ordered_pair(params.get("l", ""), params.get("r", ""))
        with db.connection() as con:
            found = weights.breakdown_from_pairs(con, *pair)
        if found is None:
            try:
                with db.released():
                    found = weights.breakdown_from_link(ws, *pair)
            except RecountError as exc:
                found = {"source": None, "comparisons": [], "error": str(exc)}
        return found

    # -- admin ---------------------------------------------------------------------------
    @app.get("/admin/users", response_class=HTMLResponse)
    def users_page(request: Request, user: AdminUser) -> Response:
        with db.connection() as con:
            users = store.list_users(con)
        return render(request, "admin_users.html", users=users, roles=store.ROLES)

    @app.post("/admin/users")
    def add_user(form: CheckedForm, user: AdminUser):
        username = str(form.get("username", "")).strip()
        with db.transaction() as con:
            auth.create_user(
                con, username, str(form.get("role", "")), str(form.get("password", ""))
            )
            store.audit(con, user.username, "user_add", f"user={username}")
        return RedirectResponse("/admin/users", status_code=303)

    @app.post("/admin/users/{username}/{change}")
    def change_user(
        username: str,
        change: str,
        form: CheckedForm,
        user: AdminUser,
    ) -> Response:
        if change not in ("disable", "enable", "unlock"):
            raise ReviewError("unknown change")
        if username == user.username and change == "disable":
            raise ReviewError("you cannot disable your own account")
        with db.transaction() as con:
            if store.get_user(con, username) is None:
                raise ReviewError("no such user")
            if change == "unlock":
                store.unlock_user(con, username)
            else:
                store.set_user_active(con, username, change == "enable")
            store.audit(con, user.username, f"user_{change}", f"user={username}")
        users.forget(username)
        if change == "disable":
            sessions.delete_user(username)
        return RedirectResponse("/admin/users", status_code=303)

    @app.get("/admin/audit", response_class=HTMLResponse)
    def audit_page(request: Request, user: AdminUser) -> Response:
        with db.connection() as con:
            rows = store.recent_audit(con)
        return render(request, "admin_audit.html", rows=rows)

    @app.get("/admin/labels.csv")
    def export_csv(user: AdminUser) -> Response:
        with db.transaction() as con:
            frame = labels_io.export_labels(con)
            store.audit(con, user.username, "labels_export", f"rows={len(frame)}")
        return Response(
            frame.to_csv(index=False),
            media_type="text/csv; charset=utf-8",
            headers={"content-disposition": 'attachment; filename="labels.csv"'},
        )

    return app


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


def _sources(con) -> list[str]:
    if "records" not in store.existing_tables(con):
        return []
    return [
        r[0] for r in con.execute("select distinct source_id from records order by 1").fetchall()
    ]


def _last_decision(
    con, label_id: int, reviewer: str, review_queue: queue.ReviewQueue
) -> dict | None:
    """The reviewer's decision just made, with the model's score (revealed after deciding)."""
    row = con.execute(
        "select record_id_l, record_id_r, label from labels where label_id = ? and reviewer = ?",
        [label_id, reviewer],
    ).fetchone()
    if row is None:
        return None
    candidate = review_queue.by_pair.get((row[0], row[1]))
    probability = candidate.probability if candidate else None
    if candidate is None and "pairs" in store.existing_tables(con):
        probability = con.execute(
            """select max(match_probability) from pairs
               where record_id_l in (?, ?) and record_id_r in (?, ?)""",
            [row[0], row[1], row[0], row[1]],
        ).fetchone()[0]
    return {
        "record_id_l": row[0],
        "record_id_r": row[1],
        "label": row[2],
        "probability": probability,
    }


def _jsonable(value: Any) -> Any:
    """Converts numpy scalars and tuples for JSON."""
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if hasattr(value, "item"):
        return value.item()
    return value
