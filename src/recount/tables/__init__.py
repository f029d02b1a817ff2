"""The workspace's tables as code: every table's columns, and the rules stages share.

- `TABLES` (name -> `Table`): each table's columns and Arrow types
  (`recount/tables/catalog.py`; add a column there, one line);
- `conform(name, data)`: data checked against its table and cast to its types;
  `Workspace.write_tables` calls it on every write, test fixtures through it too;
  `insert_rows(con, name, rows)` the same for the tables the review app appends
  to row by row over its own connection;
- `views`: `effective_labels`, `live_cluster_actions`, `link_threshold`, the
  rules more than one stage reads as SQL (which estimate is preferred is the
  estimate stage's `preferred` column: `recount.estimate.preferred`).

This package imports no stage and no workspace: every stage may import it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import pyarrow as pa

from recount.tables import views
from recount.tables.catalog import (
    LABEL_VALUES,
    LINK_SUMMARY_METRICS,
    POOLED_SUFFIX,
    ROLES,
    TABLES,
    is_pooled,
    pooled_level,
)
from recount.tables.spec import (
    Column,
    ColumnFamily,
    Table,
    TableData,
    TableSchemaError,
    add_missing_columns,
    duckdb_type,
)
from recount.tables.spec import conform as _conform

__all__ = [
    "LABEL_VALUES",
    "LINK_SUMMARY_METRICS",
    "POOLED_SUFFIX",
    "ROLES",
    "TABLES",
    "Column",
    "ColumnFamily",
    "Table",
    "TableData",
    "TableSchemaError",
    "add_missing_columns",
    "conform",
    "duckdb_type",
    "frame",
    "insert_rows",
    "is_pooled",
    "pooled_level",
    "table",
    "views",
]


def table(name: str) -> Table:
    """The declaration of table `name`."""
    try:
        return TABLES[name]
    except KeyError:
        raise TableSchemaError(
            f"no table {name!r} is declared (known: {', '.join(TABLES)}); "
            "declare it in recount/tables/catalog.py"
        ) from None


def conform(name: str, data: TableData, complete: bool = False):
    """`data` checked against table `name` and cast to its declared types (see spec.conform)."""
    return _conform(table(name), data, complete)


def frame(name: str, data: pd.DataFrame | pa.Table) -> pd.DataFrame:
    """A DataFrame of table `name` with every declared column (missing ones NULL), typed as
    the workspace stores it: what tests build fixtures with."""
    return _conform(table(name), data, complete=True).to_pandas()


def insert_rows(con: Any, name: str, rows: TableData | Sequence[Mapping[str, Any]]) -> None:
    """Append `rows` (a frame, an Arrow table, or dicts of column -> value) to table `name`
    over an open DuckDB connection, checked as every write is (undeclared or missing
    columns, wrong kinds, NULL keys). For tables appended to row by row, such as the
    review app's labels; the table must exist (`TABLES[name].create_sql()`)."""
    data = pa.Table.from_pylist(list(rows)) if isinstance(rows, Sequence) else rows
    recount_checked_rows = conform(name, data)  # noqa: F841 (read by the SQL below)
    # DuckDB reads the local Arrow table by its name (a replacement scan): unlike
    # `register`, that works while the connection holds an unfetched result.
    con.execute(f'insert into "{name}" by name select * from recount_checked_rows')
