"""`recount run` skips a stage while its inputs hold: the review app's empty tables are none."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from typer.testing import CliRunner

from recount.cli import app
from recount.pipeline import fingerprints
from recount.review.audit import ensure_schema as audit_schema
from recount.review.store import ensure_schema as review_schema
from recount.workspace import Workspace

runner = CliRunner()


def test_adding_a_reviewer_is_no_new_input_but_a_label_is(tmp_path):
    # `recount review users add` (and the app's start) create the empty labels,
    # cluster_actions and audit tables: the next `recount run` relinked and re-estimated.
    assert runner.invoke(app, ["init", str(tmp_path)]).exit_code == 0
    ws = Workspace(tmp_path)
    before = fingerprints(ws)
    with ws.connect() as con:  # what `users add` and the app's start do
        review_schema(con)
        audit_schema(con)
    assert all(ws.has_table(t) for t in ("labels", "cluster_actions", "audit_answers"))
    assert fingerprints(ws) == before
    label = {"label_id": 1, "record_id_l": "a:1", "record_id_r": "b:1", "label": "match"}
    ws.append_rows(
        "labels",
        pd.DataFrame(
            [label | {"reviewer": "amina", "created_at": dt.datetime(2026, 1, 1), "undoes": None}]
        ),
    )
    after = fingerprints(ws)
    assert after["normalize"] == before["normalize"] and after["link"] != before["link"]
