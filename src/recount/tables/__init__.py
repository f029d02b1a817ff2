"""The workspace's tables as code: every table's columns, and the rules stages share.

- `TABLES` (name -> `Table`): each table's columns and Arrow types
  (`recount/tables/catalog.py`; add a column there, one line);
- `conform(name, data)`: data checked against its table and cast to its types;
  `Workspace.write_tables` calls it on every write, test fixtures through it too;
- `views`: `effective_labels`, `live_cluster_actions`, `link_threshold`, the
  rules more than one stage reads as SQL (which estimate is preferred is the
  estimate stage's `preferred` column: `recount.estimate.preferred`).

This package imports no stage and no workspace: every stage may import it.
"""

from __future__ import annotations

import pandas as pd
import pyarrow as pa

from recount.tables import views
from recount.tables.catalog import POOLED_SUFFIX, TABLES, is_pooled, pooled_level
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
    "POOLED_SUFFIX",
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
