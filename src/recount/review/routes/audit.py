"""The audit sample's pages (recount.review.audit): random, kept apart from the queue."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from recount.review import audit, pairview, store
from recount.review.context import CheckedForm, Context, CurrentUser
from recount.review.store import ReviewError

router = APIRouter()


@router.get("/audit-sample", response_class=HTMLResponse)
def audit_sample_page(request: Request, user: CurrentUser, ctx: Context) -> Response:
    with ctx.db.connection() as con:
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
    return ctx.render(request, "audit.html", **context)


@router.post("/audit-sample/draw")
def draw_audit(form: CheckedForm, user: CurrentUser, ctx: Context) -> Response:
    with ctx.db.transaction() as con:
        drawn = audit.draw_sample(con)
        store.audit(con, user.username, "audit_sample_drawn", f"items={drawn}")
    return RedirectResponse("/audit-sample", status_code=303)


@router.post("/audit-sample/answer")
def answer_audit(form: CheckedForm, user: CurrentUser, ctx: Context) -> Response:
    item_id = str(form.get("item_id", ""))
    if not item_id.isdigit():
        raise ReviewError("unknown audit item")
    # the radio choice and the free record-id field share a name: the first one filled counts
    match = next((str(v) for v in form.getlist("match_record_id") if str(v).strip()), None)
    with ctx.db.transaction() as con:
        audit.record_answer(con, int(item_id), str(form.get("answer", "")), user.username, match)
    return RedirectResponse("/audit-sample", status_code=303)
