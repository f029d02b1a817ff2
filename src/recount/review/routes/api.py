"""The JSON API (the same session and CSRF token as the pages): next pair, label, undo,
progress, a pair's comparison weights."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from recount.errors import RecountError
from recount.review import progress, store, weights
from recount.review.context import CheckedJson, Context, CurrentUser, filter_of

router = APIRouter(prefix="/api")


@router.get("/progress")
def api_progress(user: CurrentUser, ctx: Context) -> dict:
    with ctx.db.connection() as con:
        summary = progress.progress_summary(con)
    return _jsonable(summary)


@router.post("/next")
def api_next(body: CheckedJson, user: CurrentUser, ctx: Context):
    queue_filter = filter_of(body)
    with ctx.ready_queue():
        pair = ctx.review_queue.next_pair(user.username, queue_filter)
    if pair is None:
        return {"pair": None}
    return {"pair": {"record_id_l": pair[0], "record_id_r": pair[1]}}


@router.post("/labels")
def api_label(body: CheckedJson, user: CurrentUser, ctx: Context):
    pair = store.ordered_pair(str(body.get("record_id_l", "")), str(body.get("record_id_r", "")))
    return {"label_id": ctx.record_label(pair, str(body.get("label", "")), user)}


@router.post("/undo")
def api_undo(body: CheckedJson, user: CurrentUser, ctx: Context):
    with ctx.ready_queue(transaction=True) as con:
        undone = ctx.undo_label(con, user)
    return {"undone": undone}


@router.get("/pair/weights")
def api_weights(request: Request, user: CurrentUser, ctx: Context) -> dict:
    params = request.query_params
    pair = store.ordered_pair(params.get("l", ""), params.get("r", ""))
    with ctx.db.connection() as con:
        found = weights.breakdown_from_pairs(con, *pair)
    if found is None:
        try:
            with ctx.db.released():
                found = weights.breakdown_from_link(ctx.ws, *pair)
        except RecountError as exc:
            found = {"source": None, "comparisons": [], "error": str(exc)}
    return found


def _jsonable(value: Any) -> Any:
    """Converts numpy scalars and tuples for JSON."""
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if hasattr(value, "item"):
        return value.item()
    return value
