"""How a table is declared, and how data is held to its declaration before it is written.

A table is a sequence of `Column`s (one name, one Arrow type) and, where the
columns depend on the workspace, of `ColumnFamily`s: every column whose name
starts with a prefix (`in_<source>` in `persons`, `mw_<comparison>` in
`pairs`), or every column not otherwise declared (the stratum columns of
`estimates`). `conform` checks data against a table and casts it to the
declared types; the workspace calls it on every write.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as pads

from recount.errors import WorkspaceError

TableData = pd.DataFrame | pa.Table | pads.Dataset

# Arrow type -> DuckDB type, for the types tables use.
_DUCKDB = {
    pa.string(): "VARCHAR",
    pa.bool_(): "BOOLEAN",
    pa.int32(): "INTEGER",
    pa.int64(): "BIGINT",
    pa.float64(): "DOUBLE",
    pa.date32(): "DATE",
    pa.timestamp("us"): "TIMESTAMP",
    pa.list_(pa.string()): "VARCHAR[]",
    pa.map_(pa.string(), pa.string()): "MAP(VARCHAR, VARCHAR)",
}


class TableSchemaError(WorkspaceError):
    """Data does not fit its table's declaration (a bug in the stage writing it)."""


@dataclass(frozen=True)
class Column:
    name: str
    type: pa.DataType
    doc: str = ""
    nullable: bool = True
    # False only while a column is being introduced: writers that leave it out get NULLs
    required: bool = True


@dataclass(frozen=True)
class ColumnFamily:
    """Columns named by the workspace: `prefix` + a name (type fixed), or, with no
    prefix, any column the table does not declare otherwise (`type` None: any type)."""

    prefix: str | None
    type: pa.DataType | None
    doc: str = ""

    def matches(self, name: str) -> bool:
        return self.prefix is None or (name.startswith(self.prefix) and name != self.prefix)


@dataclass(frozen=True)
class Table:
    name: str
    stage: str
    doc: str
    items: tuple[Column | ColumnFamily, ...]
    columns: dict[str, Column] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        columns = {c.name: c for c in self.items if isinstance(c, Column)}
        if len(columns) != sum(isinstance(c, Column) for c in self.items):
            raise ValueError(f"table {self.name}: a column is declared twice")
        object.__setattr__(self, "columns", columns)

    @property
    def families(self) -> list[ColumnFamily]:
        return [c for c in self.items if isinstance(c, ColumnFamily)]

    @property
    def schema(self) -> pa.Schema:
        """The fixed columns' Arrow schema (families are the workspace's own)."""
        return pa.schema(
            [pa.field(c.name, c.type, c.nullable) for c in self.items if isinstance(c, Column)]
        )

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.items if isinstance(c, Column)]

    def duckdb_columns(self) -> list[tuple[str, str]]:
        """(name, DuckDB type) of the fixed columns, in order."""
        return [(c.name, duckdb_type(c.type)) for c in self.items if isinstance(c, Column)]

    def create_sql(self) -> str:
        """`create table if not exists` with the fixed columns (tables written row by row)."""
        body = ", ".join(f"{_quote(n)} {t}" for n, t in self.duckdb_columns())
        return f"create table if not exists {_quote(self.name)} ({body})"

    def family_columns(self, names: list[str], prefix: str | None = None) -> list[str]:
        """Which of `names` belong to the family with `prefix` (None: the undeclared columns,
        such as the stratum columns of `estimates`), in the given order."""
        family = next((f for f in self.families if f.prefix == prefix), None)
        if family is None:
            raise ValueError(f"table {self.name}: no column family {prefix!r}")
        return [n for n in names if n not in self.columns and self.family_of(n) is family]

    def family_of(self, name: str) -> ColumnFamily | None:
        prefixed = [f for f in self.families if f.prefix is not None and f.matches(name)]
        if prefixed:
            return prefixed[0]
        return next((f for f in self.families if f.prefix is None), None)


def add_missing_columns(con, table: Table) -> None:
    """Columns declared since an existing table was created, added (NULL in its old rows).
    `con` is a DuckDB connection; the table must exist."""
    existing = {row[0] for row in con.execute(f"describe {_quote(table.name)}").fetchall()}
    for name, kind in table.duckdb_columns():
        if name not in existing:
            con.execute(f"alter table {_quote(table.name)} add column {_quote(name)} {kind}")


def duckdb_type(arrow_type: pa.DataType) -> str:
    try:
        return _DUCKDB[arrow_type]
    except KeyError:
        raise ValueError(f"no DuckDB type declared for Arrow type {arrow_type}") from None


def conform(table: Table, data: TableData, complete: bool = False) -> pa.Table | pads.Dataset:
    """`data` as `table` declares it: declared types, declared order, nothing unknown.

    Raises TableSchemaError naming the table and column for an undeclared column,
    a missing one, a value of the wrong kind or a NULL where none may be.
    `complete=True` fills missing nullable columns with NULLs (for test fixtures
    that only care about some columns); stages write every column.
    A Dataset (ingest's staged Parquet) is checked by its schema and cast lazily.
    """
    if isinstance(data, pads.Dataset):
        return _conform_dataset(table, data, complete)
    arrow = _to_arrow(table, data)
    plan = _plan(table, arrow.schema, complete)
    arrays, fields = [], []
    for name, target in plan:
        if name not in arrow.column_names:
            arrays.append(pa.nulls(arrow.num_rows, target))
        else:
            arrays.append(_cast(table, name, arrow.column(name), target))
        fields.append(pa.field(name, arrays[-1].type))
    result = pa.Table.from_arrays(arrays, schema=pa.schema(fields))
    for name, column in table.columns.items():
        if not column.nullable and result.column(name).null_count:
            raise TableSchemaError(
                f"table {table.name!r}: column {name!r} holds {result.column(name).null_count} "
                "NULL value(s) and may hold none"
            )
    return result


def _plan(table: Table, schema: pa.Schema, complete: bool) -> list[tuple[str, pa.DataType | None]]:
    """(column, target type or None to keep) in the table's order; errors for what does not fit."""
    given = list(schema.names)
    if len(set(given)) != len(given):
        raise TableSchemaError(f"table {table.name!r}: a column name appears twice")
    unknown = [n for n in given if n not in table.columns and table.family_of(n) is None]
    if unknown:
        raise TableSchemaError(
            f"table {table.name!r} declares no column {unknown[0]!r}: add it to "
            "recount/tables/catalog.py (one line) before writing it"
        )
    missing = [
        c.name
        for c in table.columns.values()
        if c.name not in given and c.required and not complete
    ]
    if missing:
        raise TableSchemaError(
            f"table {table.name!r}: missing column(s) {', '.join(missing)} "
            "(see recount/tables/catalog.py)"
        )
    plan: list[tuple[str, pa.DataType | None]] = []
    for item in table.items:
        if isinstance(item, Column):
            plan.append((item.name, item.type))
        else:
            plan.extend(
                (n, item.type)
                for n in given
                if n not in table.columns and table.family_of(n) is item
            )
    return plan


def _to_arrow(table: Table, data: pd.DataFrame | pa.Table) -> pa.Table:
    if isinstance(data, pa.Table):
        return data
    if isinstance(data, pa.RecordBatch):
        return pa.Table.from_batches([data])
    if not isinstance(data, pd.DataFrame):
        raise TableSchemaError(
            f"table {table.name!r}: expected a DataFrame or Arrow table, got {type(data).__name__}"
        )
    try:
        return pa.Table.from_pandas(data, preserve_index=False)
    except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:
        raise TableSchemaError(f"table {table.name!r}: {exc}") from exc


def _cast(
    table: Table, name: str, values: pa.ChunkedArray, target: pa.DataType | None
) -> pa.ChunkedArray:
    if target is None:
        return _plain(values)
    source = values.type
    if source == target:
        return values
    if not _castable(source, target):
        raise TableSchemaError(
            f"table {table.name!r}: column {name!r} is declared {target} but holds {source}"
        )
    try:
        return pc.cast(values, target, safe=True)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as exc:
        raise TableSchemaError(
            f"table {table.name!r}: column {name!r} ({source}) does not fit {target}: {exc}"
        ) from exc


_KINDS = (
    (pa.types.is_null, "null"),
    (lambda t: pa.types.is_string(t) or pa.types.is_large_string(t), "text"),
    (pa.types.is_boolean, "bool"),
    (pa.types.is_integer, "int"),
    (pa.types.is_floating, "float"),
    (pa.types.is_date, "date"),
    (pa.types.is_timestamp, "timestamp"),
    (lambda t: pa.types.is_list(t) or pa.types.is_large_list(t), "list"),
    (pa.types.is_map, "map"),
)


def _kind(arrow_type: pa.DataType) -> str:
    if pa.types.is_dictionary(arrow_type):
        return _kind(arrow_type.value_type)
    return next((kind for test, kind in _KINDS if test(arrow_type)), str(arrow_type))


# Which kinds of value a declared kind accepts (casts are safe: they fail rather than lose data).
_ACCEPTS = {
    "text": {"text"},
    "bool": {"bool"},
    "int": {"int", "float"},  # pandas holds integers with gaps as floats: whole numbers only
    "float": {"int", "float"},
    "date": {"date", "timestamp"},  # midnight timestamps only
    "timestamp": {"timestamp", "date"},
    "list": {"list"},
    "map": {"map"},
}


def _castable(source: pa.DataType, target: pa.DataType) -> bool:
    kind = _kind(source)
    if kind == "null":
        return True
    if kind == "list" and _kind(target) == "list":
        return _castable(source.value_type, target.value_type)
    return kind in _ACCEPTS.get(_kind(target), set())


def _plain(values: pa.ChunkedArray) -> pa.ChunkedArray:
    """A column of a family with no fixed type: kept, with dictionaries decoded."""
    if pa.types.is_dictionary(values.type):
        return pc.cast(values, values.type.value_type)
    return values


def _conform_dataset(table: Table, data: pads.Dataset, complete: bool) -> pads.Dataset:
    """Staged Parquet is streamed, not cast: it must already have the declared schema."""
    plan = _plan(table, data.schema, complete)
    given = [(f.name, f.type) for f in data.schema]
    wanted = [(n, t if t is not None else data.schema.field(n).type) for n, t in plan]
    if given != wanted:
        difference = next(
            (
                f"{g[0]} {g[1]} where {w[0]} {w[1]} is declared"
                for g, w in zip(given, wanted, strict=False)
                if g != w
            ),
            f"{len(given)} columns where {len(wanted)} are declared",
        )
        raise TableSchemaError(f"table {table.name!r}: staged data has {difference}")
    return data


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'
