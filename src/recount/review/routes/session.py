"""Signing in and out, and a reviewer's own settings."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from recount.review import auth, store
from recount.review.context import CheckedForm, Context, CurrentUser

router = APIRouter()


@router.get("/health")
def health() -> dict:
    return {"status": "ok"}


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, ctx: Context) -> Response:
    token = auth.new_login_token()
    response = ctx.render(request, "login.html", login_token=token, error=None)
    ctx.set_cookie(response, auth.LOGIN_COOKIE, token, 900)
    return response


@router.post("/login")
async def login(request: Request, ctx: Context) -> Response:
    form = await request.form()
    client = request.client.host if request.client else "unknown"
    login_token = request.cookies.get(auth.LOGIN_COOKIE)
    given = form.get("login_token")
    if not auth.tokens_match(login_token, given if isinstance(given, str) else None):
        return ctx.render(request, "error.html", 403, message="login form expired; reload it")
    username = str(form.get("username") or "")[:64]
    password = str(form.get("password") or "")[: auth.MAX_PASSWORD_LENGTH]
    try:
        user = await ctx.guard.login(client, username, password)
    except auth.Throttled:
        return JSONResponse(
            {"error": "too many login attempts; wait a few minutes"},
            status_code=429,
            headers={"retry-after": str(int(ctx.settings.login_window_seconds))},
        )
    if user is None:
        token = auth.new_login_token()
        response = ctx.render(
            request,
            "login.html",
            401,
            login_token=token,
            error="Wrong user name or password, or the account is locked.",
        )
        ctx.set_cookie(response, auth.LOGIN_COOKIE, token, 900)
        return response
    ctx.sessions.delete(request.cookies.get(auth.SESSION_COOKIE))
    response = RedirectResponse("/queue", status_code=303)
    ctx.set_cookie(
        response,
        auth.SESSION_COOKIE,
        ctx.sessions.create(user.username),
        int(ctx.settings.absolute_timeout_hours * 3600),
    )
    response.delete_cookie(auth.LOGIN_COOKIE, path="/")
    return response


@router.post("/logout")
def logout(request: Request, form: CheckedForm, ctx: Context) -> Response:
    ctx.sessions.delete(request.cookies.get(auth.SESSION_COOKIE))
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(auth.SESSION_COOKIE, path="/")
    return response


@router.get("/")
def home(user: CurrentUser) -> Response:
    return RedirectResponse("/queue", status_code=303)


@router.get("/settings", response_class=HTMLResponse)
def settings_page(request: Request, user: CurrentUser, ctx: Context) -> Response:
    return ctx.render(request, "settings.html")


@router.post("/settings")
def save_settings(form: CheckedForm, user: CurrentUser, ctx: Context) -> Response:
    with ctx.db.transaction() as con:
        store.set_show_scores(con, user.username, form.get("show_scores") == "on")
    ctx.users.forget(user.username)
    return RedirectResponse("/settings", status_code=303)
