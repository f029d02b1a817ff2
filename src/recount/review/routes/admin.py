"""Admins only: accounts, the audit log, the labels export."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from recount.review import auth, labels_io, store
from recount.review.context import AdminUser, CheckedForm, Context
from recount.review.store import ReviewError

router = APIRouter(prefix="/admin")


@router.get("/users", response_class=HTMLResponse)
def users_page(request: Request, user: AdminUser, ctx: Context) -> Response:
    with ctx.db.connection() as con:
        users = store.list_users(con)
    return ctx.render(request, "admin_users.html", users=users, roles=store.ROLES)


@router.post("/users")
def add_user(form: CheckedForm, user: AdminUser, ctx: Context):
    username = str(form.get("username", "")).strip()
    with ctx.db.transaction() as con:
        auth.create_user(con, username, str(form.get("role", "")), str(form.get("password", "")))
        store.audit(con, user.username, "user_add", f"user={username}")
    return RedirectResponse("/admin/users", status_code=303)


@router.post("/users/{username}/{change}")
def change_user(
    username: str, change: str, form: CheckedForm, user: AdminUser, ctx: Context
) -> Response:
    if change not in ("disable", "enable", "unlock"):
        raise ReviewError("unknown change")
    if username == user.username and change == "disable":
        raise ReviewError("you cannot disable your own account")
    with ctx.db.transaction() as con:
        if store.get_user(con, username) is None:
            raise ReviewError("no such user")
        if change == "unlock":
            store.unlock_user(con, username)
        else:
            store.set_user_active(con, username, change == "enable")
        store.audit(con, user.username, f"user_{change}", f"user={username}")
    ctx.users.forget(username)
    if change == "disable":
        ctx.sessions.delete_user(username)
    return RedirectResponse("/admin/users", status_code=303)


@router.get("/audit", response_class=HTMLResponse)
def audit_page(request: Request, user: AdminUser, ctx: Context) -> Response:
    with ctx.db.connection() as con:
        rows = store.recent_audit(con)
    return ctx.render(request, "admin_audit.html", rows=rows)


@router.get("/labels.csv")
def export_csv(user: AdminUser, ctx: Context) -> Response:
    with ctx.db.transaction() as con:
        frame = labels_io.export_labels(con)
        store.audit(con, user.username, "labels_export", f"rows={len(frame)}")
    return Response(
        frame.to_csv(index=False),
        media_type="text/csv; charset=utf-8",
        headers={"content-disposition": 'attachment; filename="labels.csv"'},
    )
