"""The queue of uncertain pairs and the pair page: label, skip, undo, go back."""

from __future__ import annotations

from urllib.parse import urlencode

import duckdb
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from recount.review import pairview, queue, store
from recount.review.context import (
    CheckedForm,
    Context,
    CurrentUser,
    filter_of,
    pair_url,
)
from recount.review.store import ReviewError

router = APIRouter()


@router.get("/queue", response_class=HTMLResponse)
def queue_page(request: Request, user: CurrentUser, ctx: Context) -> Response:
    queue_filter = filter_of(request.query_params)
    with ctx.ready_queue() as con:
        counts = ctx.review_queue.counts(con)
        upcoming = ctx.review_queue.open_pairs(user.username, queue_filter, limit=25)
        sources = _sources(con)
        units = _admin_units(con)
    return ctx.render(
        request,
        "queue.html",
        counts=counts,
        upcoming=upcoming,
        sources=sources,
        units=units,
        queue_filter=queue_filter,
        done=request.query_params.get("done") == "1",
    )


@router.post("/next")
def start(form: CheckedForm, user: CurrentUser, ctx: Context):
    queue_filter = filter_of(form)
    with ctx.ready_queue():
        target = ctx.after_decision(user, queue_filter)
    return RedirectResponse(target, status_code=303)


@router.get("/pair", response_class=HTMLResponse)
def pair_page(request: Request, user: CurrentUser, ctx: Context) -> Response:
    params = request.query_params
    pair = store.ordered_pair(params.get("l", ""), params.get("r", ""))
    queue_filter = filter_of(params)
    last = None
    with ctx.ready_queue() as con:
        candidate = ctx.review_queue.by_pair.get(pair)
        view = pairview.load_pair(
            con, *pair, ctx.record_cache, candidate.probability if candidate else None
        )
        mine = ctx.review_queue.label_of(pair, user.username)
        if params.get("last", "").isdigit():
            last = _last_decision(con, int(params["last"]), user.username, ctx.review_queue)
    return ctx.render(
        request,
        "pair.html",
        view=view,
        mine=mine,
        last=last,
        show_score=user.show_scores or mine is not None,
        queue_filter=queue_filter,
        filter_fields=queue_filter.as_query(),
        prev_url="/pair/prev?" + urlencode({"l": pair[0], "r": pair[1], **queue_filter.as_query()}),
    )


@router.get("/pair/prev")
def previous_pair(request: Request, user: CurrentUser, ctx: Context) -> Response:
    params = request.query_params
    before = None
    if params.get("l") and params.get("r"):
        before = store.ordered_pair(params["l"], params["r"])
    with ctx.db.connection() as con:
        prev = store.previous_labelled_pair(con, user.username, before)
    if prev is None:
        raise ReviewError("no earlier decision of yours")
    return RedirectResponse(pair_url(prev, filter_of(params)), status_code=303)


@router.post("/pair/label")
def label_pair(form: CheckedForm, user: CurrentUser, ctx: Context) -> Response:
    pair = store.ordered_pair(str(form.get("l", "")), str(form.get("r", "")))
    queue_filter = filter_of(form)
    label_id = ctx.record_label(pair, str(form.get("label", "")), user)
    with ctx.ready_queue():
        target = ctx.after_decision(user, queue_filter, last=label_id)
    return RedirectResponse(target, status_code=303)


@router.post("/pair/skip")
def skip_pair(form: CheckedForm, user: CurrentUser, ctx: Context) -> Response:
    pair = store.ordered_pair(str(form.get("l", "")), str(form.get("r", "")))
    queue_filter = filter_of(form)
    with ctx.ready_queue():
        ctx.review_queue.skip(pair, user.username)
        target = ctx.after_decision(user, queue_filter)
    return RedirectResponse(target, status_code=303)


@router.post("/undo")
def undo(form: CheckedForm, user: CurrentUser, ctx: Context):
    queue_filter = filter_of(form)
    with ctx.ready_queue(transaction=True) as con:
        undone = ctx.undo_label(con, user)
        if undone is None:
            raise ReviewError("nothing of yours to undo")
        pair = (undone["record_id_l"], undone["record_id_r"])
    return RedirectResponse(pair_url(pair, queue_filter), status_code=303)


def _sources(con: duckdb.DuckDBPyConnection) -> list[str]:
    if "records" not in store.existing_tables(con):
        return []
    return [
        r[0] for r in con.execute("select distinct source_id from records order by 1").fetchall()
    ]


def _admin_units(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The admin units the records lie in: the filter offers this workspace's own (none without
    a country pack), not another country's example code."""
    if "normalized" not in store.existing_tables(con):
        return []
    return [
        r[0]
        for r in con.execute(
            "select distinct governorate from normalized where governorate is not null order by 1"
        ).fetchall()
    ]


def _last_decision(
    con: duckdb.DuckDBPyConnection, label_id: int, reviewer: str, review_queue: queue.ReviewQueue
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
