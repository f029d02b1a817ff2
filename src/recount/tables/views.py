"""Rules that more than one stage reads, each written once as SQL over the tables.

- `effective_labels`: a pair's label in force is its latest label, in the order
  labels were appended (`label_id`; clocks can disagree), that is not an undo
  row and that no undo row names. Link trains and clusters on it; review shows it.
- `live_cluster_actions`: the splits and merges in force, oldest first.
- `link_threshold`: the match probability the last link run clustered at.

Each function takes an open DuckDB connection or a Workspace and returns a
DataFrame; a table that does not exist yet reads as empty.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import duckdb
import pandas as pd

# Labels not undone and not undo rows themselves.
LIVE_LABELS_SQL = """
    select least(record_id_l, record_id_r) as record_id_l,
           greatest(record_id_l, record_id_r) as record_id_r,
           label, reviewer, label_id, created_at
    from labels
    where undoes is null
      and label_id not in (select undoes from labels where undoes is not null)
"""

EFFECTIVE_LABELS_BY_REVIEWER_SQL = f"""
    select * from ({LIVE_LABELS_SQL})
    qualify row_number() over (
        partition by record_id_l, record_id_r, reviewer order by label_id desc) = 1
"""

EFFECTIVE_LABELS_SQL = f"""
    select * from ({LIVE_LABELS_SQL})
    qualify row_number() over (partition by record_id_l, record_id_r order by label_id desc) = 1
"""

LIVE_CLUSTER_ACTIONS_SQL = """
    select action_id, action, record_ids, person_ids, reviewer, created_at, apart_from
    from cluster_actions
    where undoes is null
      and action_id not in (select undoes from cluster_actions where undoes is not null)
"""

LABEL_COLUMNS = ["record_id_l", "record_id_r", "label", "reviewer", "label_id", "created_at"]
ACTION_COLUMNS = [
    "action_id",
    "action",
    "record_ids",
    "person_ids",
    "reviewer",
    "created_at",
    "apart_from",
]


def effective_labels(source: Any) -> pd.DataFrame:
    """One row per labelled pair (record_id_l < record_id_r) with its label in force, by label_id."""
    return _read(source, "labels", EFFECTIVE_LABELS_SQL + " order by label_id", LABEL_COLUMNS)


def effective_labels_by_reviewer(source: Any) -> pd.DataFrame:
    """Each reviewer's own label in force per pair (double review compares these)."""
    return _read(
        source, "labels", EFFECTIVE_LABELS_BY_REVIEWER_SQL + " order by label_id", LABEL_COLUMNS
    )


def live_cluster_actions(source: Any) -> pd.DataFrame:
    """The splits and merges in force, oldest first (`apart_from` NULL in a table written
    before it was kept, until the review app next opens the workspace and adds the column)."""
    sql = LIVE_CLUSTER_ACTIONS_SQL + " order by action_id"
    with _connection(source) as con:
        if con is None or not _exists(con, "cluster_actions"):
            return pd.DataFrame(columns=ACTION_COLUMNS)
        columns = {r[0] for r in con.execute("describe cluster_actions").fetchall()}
        if "apart_from" not in columns:
            sql = sql.replace(", apart_from\n", ", null::VARCHAR[] as apart_from\n")
        return con.execute(sql).df()


def link_threshold(source: Any) -> float | None:
    """The threshold the last `recount link` clustered at, or None before any link run."""
    frame = _read(
        source, "link_summary", "select value from link_summary where metric = 'threshold'", []
    )
    return float(frame["value"].iloc[0]) if len(frame) else None


def _read(source: Any, table: str, sql: str, columns: list[str]) -> pd.DataFrame:
    with _connection(source) as con:
        if con is None or not _exists(con, table):
            return pd.DataFrame(columns=columns)
        return con.execute(sql).df()


@contextlib.contextmanager
def _connection(source: Any) -> Iterator[duckdb.DuckDBPyConnection | None]:
    if isinstance(source, duckdb.DuckDBPyConnection):
        yield source
        return
    if not source.db_path.exists():
        yield None
        return
    with source.connect(read_only=True) as con:
        yield con


def _exists(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    return bool(
        con.execute(
            "select count(*) from duckdb_tables() where schema_name = 'main' "
            "and not temporary and table_name = ?",
            [table],
        ).fetchone()[0]
    )
