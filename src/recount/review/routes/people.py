"""A person's records, and the two cluster actions: split a record off, merge two people."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from recount.review import clusters, store
from recount.review.context import CheckedForm, Context, CurrentUser

router = APIRouter()


@router.get("/person/{person_id}", response_class=HTMLResponse)
def person_page(request: Request, person_id: str, user: CurrentUser, ctx: Context) -> Response:
    with ctx.db.connection() as con:
        view = clusters.person_view(con, person_id)
    return ctx.render(request, "person.html", view=view)


@router.post("/person/{person_id}/split")
def split(person_id: str, form: CheckedForm, user: CurrentUser, ctx: Context) -> Response:
    with ctx.db.transaction() as con:
        action_id = clusters.split_record(
            con, person_id, str(form.get("record_id", "")), user.username
        )
        store.audit(con, user.username, "split", f"action_id={action_id}")
    return RedirectResponse(f"/person/{person_id}", status_code=303)


@router.post("/person/{person_id}/merge")
def merge(person_id: str, form: CheckedForm, user: CurrentUser, ctx: Context) -> Response:
    with ctx.db.transaction() as con:
        action_id = clusters.merge_people(
            con, person_id, str(form.get("other_person_id", "")).strip(), user.username
        )
        store.audit(con, user.username, "merge", f"action_id={action_id}")
    return RedirectResponse(f"/person/{person_id}", status_code=303)


@router.post("/actions/{action_id}/undo")
def undo_action(action_id: int, form: CheckedForm, user: CurrentUser, ctx: Context) -> Response:
    back = str(form.get("person_id", ""))
    with ctx.db.transaction() as con:
        undo_id = clusters.undo_action(con, action_id, user)
        store.audit(con, user.username, "action_undo", f"action_id={undo_id} undoes={action_id}")
    target = f"/person/{back}" if back and back.isalnum() else "/progress"
    return RedirectResponse(target, status_code=303)
