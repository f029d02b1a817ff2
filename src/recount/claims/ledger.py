"""The claims ledger: the workspace table `claims`, one row per claim, kept per document.

Adding a text again replaces that text's claims (its `doc_id` is a hash of the
text), so the ledger never holds duplicates of the same article.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa

from recount.claims.claimants import Gazetteer, workspace_gazetteer
from recount.claims.documents import coerce_date, iter_documents
from recount.claims.extraction import CLAIM_COLUMNS, document_id, empty_claims, extract_claims
from recount.reference import workspace_pack
from recount.tables import TABLES

_DATE_COLUMNS = ("date", "period_start", "period_end")


def claims_schema() -> pa.Schema:
    return TABLES["claims"].schema


def to_arrow(claims: pd.DataFrame, added_at: dt.datetime) -> pa.Table:
    """The claims with the ledger's fixed column types (dates as DATE, even when all empty)."""
    frame = claims.copy()
    frame["added_at"] = added_at
    for column in _DATE_COLUMNS:
        frame[column] = frame[column].map(_as_date).astype(object)
    frame = frame.astype(object).where(frame.notna(), None)
    return pa.Table.from_pandas(frame, schema=claims_schema(), preserve_index=False)


def _as_date(value: Any) -> dt.date | None:
    if value is None or (isinstance(value, float) and value != value) or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp | dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else None


def add_claims(
    ws: Any,
    path: str | Path,
    outlet: str | None = None,
    date: str | dt.date | None = None,
    gazetteer: Gazetteer | None = None,
) -> pd.DataFrame:
    """Extract the claims of a file (or every text file in a folder) into the workspace's `claims`.

    Returns the claims added. `outlet` and `date` override what the texts say.
    """
    documents = iter_documents(Path(path), outlet, coerce_date(date))
    gazetteer = gazetteer or workspace_gazetteer(ws)
    country = workspace_pack(ws).code if ws.config_path.exists() else None
    frames = [
        extract_claims(d.text, d.outlet, d.date, gazetteer, source=d.path, country=country)
        for d in documents
    ]
    doc_ids = [document_id(d.text) for d in documents]
    claims = (
        pd.concat([f for f in frames if len(f)], ignore_index=True)
        if any(len(f) for f in frames)
        else empty_claims()
    )
    added_at = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    _add_missing_columns(ws)
    ws.replace_rows({"claims": to_arrow(claims, added_at)}, "doc_id", doc_ids)
    return claims


_SQL_TYPES = {"string": "VARCHAR", "bool": "BOOLEAN", "float64": "DOUBLE", "int64": "BIGINT"}


def _add_missing_columns(ws: Any) -> None:
    """A ledger written by an older recount gains the columns added since (e.g. `rate`), empty."""
    if not ws.has_table("claims"):
        return
    with ws.connect() as con:
        present = {
            row[0] for row in con.execute("select column_name from (describe claims)").fetchall()
        }
        for name, dtype in CLAIM_COLUMNS.items():
            if name not in present:
                sql_type = "DATE" if name in _DATE_COLUMNS else _SQL_TYPES[dtype]
                con.execute(f'alter table claims add column "{name}" {sql_type}')


def list_claims(ws: Any) -> pd.DataFrame:
    """The ledger, oldest first; empty when nothing has been added."""
    if not ws.has_table("claims"):
        return empty_claims()
    return ws.query("select * from claims order by added_at, doc_id, start")
