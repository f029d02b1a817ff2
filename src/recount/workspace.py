"""The workspace: a folder with recount.toml, one DuckDB file and out/.

Every stage reads and writes tables here. Writes are atomic: a table (or a
set of tables) is replaced inside one transaction, so a failure half-way
leaves the workspace as it was.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from recount.config import Config, load_config
from recount.errors import WorkspaceError
from recount.settings import ProjectSettings
from recount.tables import TABLES, TableData, add_missing_columns, conform, insert_rows

CONFIG_FILE = "recount.toml"
DATABASE_FILE = "recount.duckdb"


class Workspace:
    """A recount project folder: its recount.toml, its tables and its folders. Storage and
    configuration only; `recount.Project` runs the stages on it."""

    def __init__(self, path: str | Path = "."):
        self.root = Path(path).resolve()
        self._config: Config | None = None
        self._held: duckdb.DuckDBPyConnection | None = None

    # -- layout ---------------------------------------------------------------
    @property
    def config_path(self) -> Path:
        return self.root / CONFIG_FILE

    @property
    def db_path(self) -> Path:
        return self.root / DATABASE_FILE

    @property
    def out_dir(self) -> Path:
        return self.root / "out"

    @property
    def model_dir(self) -> Path:
        return self.root / "model"

    @property
    def config(self) -> Config:
        if self._config is None:
            self._config = load_config(self.config_path)
        return self._config

    def reload_config(self) -> Config:
        self._config = None
        return self.config

    @classmethod
    def init(
        cls,
        path: str | Path = ".",
        name: str | None = None,
        event: str | None = None,
        country: str | None = None,
    ) -> Workspace:
        """Create the folder, a commented recount.toml (unless one exists) and the database.

        `country` chooses a country pack (SY, CO, UA); without one no place is mapped.
        """
        from recount.templates import config_template

        root = Path(path)
        root.mkdir(parents=True, exist_ok=True)
        ws = cls(root)
        if not ws.config_path.exists():
            ws.config_path.write_text(
                config_template(name or ws.root.name, event or ProjectSettings.event, country),
                encoding="utf-8",
            )
        with ws.connect():
            pass
        return ws

    # -- database -------------------------------------------------------------
    @contextlib.contextmanager
    def connect(self, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        if read_only and self._held is not None:
            con = self._held.cursor()
        else:
            if read_only and not self.db_path.exists():
                raise WorkspaceError(f"{self.root}: no database yet; run `recount ingest` first")
            self.root.mkdir(parents=True, exist_ok=True)
            con = _connect_waiting(self.db_path, read_only)
        try:
            yield con
        finally:
            con.close()

    @contextlib.contextmanager
    def reading(self) -> Iterator[None]:
        """Hold the database open read-only while a reader runs many queries (the report's
        hundred): each read inside takes a cursor on it instead of opening the file again,
        which costs DuckDB about 20 ms of CPU each time. Nothing inside may write."""
        if self._held is not None:
            yield
            return
        with self.connect(read_only=True) as con:
            self._held = con
            try:
                yield
            finally:
                self._held = None

    def tables(self) -> list[str]:
        if not self.db_path.exists():
            return []
        with self.connect(read_only=True) as con:
            rows = con.execute(
                "select table_name from information_schema.tables where table_schema = 'main' order by 1"
            ).fetchall()
        return [r[0] for r in rows]

    def has_table(self, name: str) -> bool:
        return name in self.tables()

    def table(self, name: str, columns: Sequence[str] | None = None) -> pd.DataFrame:
        """A whole table as a pandas DataFrame."""
        if not self.has_table(name):
            raise WorkspaceError(f"{self.root}: no table {name!r}; run the stage that writes it")
        cols = ", ".join(_quote(c) for c in columns) if columns else "*"
        with self.connect(read_only=True) as con:
            return con.execute(f"select {cols} from {_quote(name)}").df()

    def query(self, sql: str, params: Sequence[Any] | None = None) -> pd.DataFrame:
        """Run read-only SQL against the workspace and return a DataFrame."""
        with self.connect(read_only=True) as con:
            return con.execute(sql, params or []).df()

    def write_tables(self, tables: Mapping[str, TableData]) -> None:
        """Replace several tables in one transaction: all or none.

        Each is checked against its declaration in `recount.tables` first (columns,
        types, order), so a table on disk always has the declared schema.
        """
        checked = {name: conform(name, data) for name, data in tables.items()}
        with self.connect() as con:
            con.execute("begin transaction")
            try:
                for name, data in checked.items():
                    con.register("_incoming", data)
                    con.execute(
                        f"create or replace table {_quote(name)} as select * from _incoming"
                    )
                    con.unregister("_incoming")
                con.execute("commit")
            except BaseException:
                con.execute("rollback")
                raise

    def write_table(self, name: str, data: TableData) -> None:
        self.write_tables({name: data})

    def replace_rows(
        self, tables: Mapping[str, TableData], key_column: str, keys: Sequence[Any]
    ) -> None:
        """In one transaction, per table: delete rows whose key_column is in keys, insert data.

        Used to re-ingest one source without touching the others' rows. Data is
        checked against its declaration; a table written by an older recount gains
        the columns declared since (NULL in its old rows).
        """
        checked = {name: conform(name, data) for name, data in tables.items()}
        with self.connect() as con:
            con.execute("begin transaction")
            try:
                for name, data in checked.items():
                    con.register("_incoming", data)
                    con.execute(
                        f"create table if not exists {_quote(name)} as select * from _incoming limit 0"
                    )
                    add_missing_columns(con, TABLES[name])
                    con.execute(
                        f"delete from {_quote(name)} where {_quote(key_column)} = any(?)",
                        [list(keys)],
                    )
                    con.execute(f"insert into {_quote(name)} by name select * from _incoming")
                    con.unregister("_incoming")
                con.execute("commit")
            except BaseException:
                con.execute("rollback")
                raise

    def append_rows(self, name: str, data: TableData) -> None:
        """Add rows to a table (created with its declared columns when absent)."""
        with self.connect() as con:
            con.execute(TABLES[name].create_sql())
            insert_rows(con, name, data)

    def drop_tables(self, names: Sequence[str]) -> None:
        with self.connect() as con:
            for name in names:
                con.execute(f"drop table if exists {_quote(name)}")

    def __repr__(self) -> str:
        return f"Workspace({str(self.root)!r})"


LOCK_WAIT_SECONDS = 15.0


def _connect_waiting(path: Path, read_only: bool) -> duckdb.DuckDBPyConnection:
    """Open the database, waiting while another process (say, the review server) holds it."""
    deadline = time.monotonic() + LOCK_WAIT_SECONDS
    delay = 0.05
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower() or time.monotonic() >= deadline:
                if "lock" in str(exc).lower():
                    raise WorkspaceError(
                        f"{path}: the database is in use by another recount process; try again when it is done"
                    ) from exc
                raise
            time.sleep(delay)
            delay = min(delay * 2, 1.0)


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'
