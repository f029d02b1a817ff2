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
from recount.claims.documents import coerce_date, iter_documents, unread_script
from recount.claims.extraction import document_id, empty_claims, extract_claims
from recount.reference import workspace_pack
from recount.tables import TABLES

_DATE_COLUMNS = [c.name for c in TABLES["claims"].columns.values() if c.type == pa.date32()]


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

    Returns the claims added. `outlet` and `date` override what the texts say. A text in a
    script the grammar does not read (Arabic, Cyrillic …) gives no claims: the returned frame's
    `attrs["unread"]` lists each such file with its script, so a caller can say so.
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
    # replace_rows checks the rows against the catalog, and a ledger written by an older
    # recount gains the columns declared since (e.g. `rate`), empty in its old rows.
    ws.replace_rows({"claims": to_arrow(claims, added_at)}, "doc_id", doc_ids)
    claims.attrs["unread"] = [
        (d.path, script)
        for d, frame in zip(documents, frames, strict=True)
        if not len(frame) and (script := unread_script(d.text)) is not None
    ]
    return claims


def list_claims(ws: Any) -> pd.DataFrame:
    """The ledger, oldest first; empty when nothing has been added."""
    if not ws.has_table("claims"):
        return empty_claims()
    return ws.query("select * from claims order by added_at, doc_id, start")
