"""How far the review has got: labels, agreement between reviewers, actions in force."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from recount.review import clusters, progress
from recount.review.context import Context, CurrentUser

router = APIRouter()


@router.get("/progress", response_class=HTMLResponse)
def progress_page(request: Request, user: CurrentUser, ctx: Context) -> Response:
    with ctx.ready_queue() as con:
        summary = progress.progress_summary(con)
        counts = ctx.review_queue.counts(con)
        actions = clusters.active_actions(con)
    return ctx.render(request, "progress.html", summary=summary, counts=counts, actions=actions)
