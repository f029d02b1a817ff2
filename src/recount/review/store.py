"""The review tables and the one connection the server shares.

DuckDB lets one process write a database file at a time, and opening it costs
about 30 ms, too slow to do per request. So the server keeps ONE connection,
serialises every use through a lock, and closes it (releasing the file) once it
has been idle for `release_after` seconds. `recount link` can then run while
the server is up whenever reviewers pause; if another process holds the file
when a request comes in, the request waits up to `busy_timeout` and then fails
with `WorkspaceBusy` (HTTP 503). All SQL here is parameterised.

`labels` and `cluster_actions` are append-only and keep exactly the columns in
docs/architecture.md: an undo is a new row whose `undoes` names the undone row.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime

import duckdb

from recount.errors import RecountError
from recount.settings import ReviewSettings
from recount.tables import LABEL_VALUES, ROLES, TABLES, add_missing_columns, insert_rows
from recount.tables.views import EFFECTIVE_LABELS_BY_REVIEWER_SQL, LIVE_LABELS_SQL
from recount.workspace import Workspace

REVIEW_TABLES = ("labels", "cluster_actions", "review_users", "review_audit")


class WorkspaceBusy(RecountError):
    """Another process (say `recount link`) holds the workspace database."""


class ReviewError(RecountError):
    """A request the review data cannot satisfy (unknown record, pair leased elsewhere...)."""


def ordered_pair(record_id_a: str, record_id_b: str) -> tuple[str, str]:
    """Labels store a pair with the smaller record id on the left."""
    if record_id_a == record_id_b:
        raise ReviewError("a pair needs two different records")
    return (record_id_a, record_id_b) if record_id_a < record_id_b else (record_id_b, record_id_a)


def now() -> datetime:
    return datetime.now().replace(tzinfo=None)


class Database:
    """One DuckDB connection shared by the server's threads and released when idle."""

    def __init__(
        self,
        ws: Workspace,
        release_after: float = ReviewSettings.release_after_seconds,
        busy_timeout: float = ReviewSettings.busy_timeout_seconds,
    ):
        self.ws = ws
        self.release_after = release_after
        self.busy_timeout = busy_timeout
        self._lock = threading.RLock()
        self._con: duckdb.DuckDBPyConnection | None = None
        self._last_used = 0.0
        self._closed_signature: tuple | None = None
        self.generation = 0  # bumped when another process changed the file while released
        self._closed = threading.Event()
        self._reaper = threading.Thread(target=self._release_when_idle, daemon=True)
        self._reaper.start()

    @contextlib.contextmanager
    def connection(self) -> Iterator[duckdb.DuckDBPyConnection]:
        with self._lock:
            if self._con is None:
                self._con = self._open()
                if self._signature() != self._closed_signature:
                    self.generation += 1
            try:
                yield self._con
            finally:
                self._last_used = time.monotonic()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        with self.connection() as con:
            con.execute("begin transaction")
            try:
                yield con
                con.execute("commit")
            except BaseException:
                con.execute("rollback")
                raise

    @contextlib.contextmanager
    def released(self) -> Iterator[None]:
        """Holds the lock with the file closed, for in-process code that opens the workspace."""
        with self._lock:
            self.release()
            yield

    @property
    def lock(self) -> threading.RLock:
        return self._lock

    def release(self) -> None:
        """Close the connection now so another process can open the file."""
        with self._lock:
            if self._con is not None:
                self._con.close()
                self._con = None
                self._closed_signature = self._signature()

    def _signature(self) -> tuple:
        """The file's size and modification time, and its write-ahead log's."""
        found = []
        for path in (self.ws.db_path, self.ws.db_path.with_name(self.ws.db_path.name + ".wal")):
            try:
                stat = path.stat()
                found.append((stat.st_size, stat.st_mtime_ns))
            except FileNotFoundError:
                found.append(None)
        return tuple(found)

    def close(self) -> None:
        self._closed.set()
        self.release()

    def _open(self) -> duckdb.DuckDBPyConnection:
        deadline = time.monotonic() + self.busy_timeout
        delay = 0.02
        while True:
            try:
                con = duckdb.connect(str(self.ws.db_path))
                # many small queries from many requests: parallel plans cost more than they save
                con.execute("set threads = 1")
                return con
            except duckdb.IOException as exc:
                if "lock" not in str(exc).lower() or time.monotonic() > deadline:
                    raise WorkspaceBusy(
                        "the workspace database is in use by another process "
                        "(is `recount link` running?); try again shortly"
                    ) from None
                time.sleep(delay)
                delay = min(delay * 2, 0.25)

    def _release_when_idle(self) -> None:
        while not self._closed.wait(max(self.release_after / 2, 0.05)):
            if self._con is None:
                continue
            if time.monotonic() - self._last_used < self.release_after:
                continue
            if self._lock.acquire(blocking=False):
                try:
                    if self._con is not None and (
                        time.monotonic() - self._last_used >= self.release_after
                    ):
                        self.release()
                finally:
                    self._lock.release()


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """The review tables as declared; a workspace made by an older recount gains new columns."""
    for name in REVIEW_TABLES:
        con.execute(TABLES[name].create_sql())
        add_missing_columns(con, TABLES[name])


def existing_tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    rows = con.execute(
        "select table_name from duckdb_tables() where schema_name = 'main' and not temporary"
    ).fetchall()
    return {r[0] for r in rows}


def next_id(con: duckdb.DuckDBPyConnection, table: str, column: str) -> int:
    # table and column come from this module's constants, never from a request
    return con.execute(f"select coalesce(max({column}), 0) + 1 from {table}").fetchone()[0]


# -- labels ----------------------------------------------------------------------
def records_exist(con: duckdb.DuckDBPyConnection, record_ids: Sequence[str]) -> bool:
    wanted = set(record_ids)
    found = con.execute(
        "select count(distinct record_id) from records where record_id = any(?)", [list(wanted)]
    ).fetchone()[0]
    return found == len(wanted)


def add_label(
    con: duckdb.DuckDBPyConnection,
    record_id_a: str,
    record_id_b: str,
    label: str,
    reviewer: str,
    check_records: bool = True,
) -> int:
    """Appends one label; returns its id. Call inside a transaction.

    `check_records=False` skips the existence check for pairs known to exist.
    """
    if label not in LABEL_VALUES:
        raise ReviewError(f"label must be one of {', '.join(LABEL_VALUES)}")
    left, right = ordered_pair(record_id_a, record_id_b)
    if check_records and not records_exist(con, [left, right]):
        raise ReviewError("unknown record id")
    label_id = next_id(con, "labels", "label_id")
    insert_rows(con, "labels", [label_row(label_id, left, right, label, reviewer, now())])
    return label_id


def label_row(
    label_id: int,
    record_id_l: str,
    record_id_r: str,
    label: str,
    reviewer: str,
    created_at: datetime,
    undoes: int | None = None,
) -> dict:
    """One row of `labels` (append-only: an undo is a row whose `undoes` names the undone)."""
    return {
        "label_id": label_id,
        "record_id_l": record_id_l,
        "record_id_r": record_id_r,
        "label": label,
        "reviewer": reviewer,
        "created_at": created_at,
        "undoes": undoes,
    }


def undo_last_label(con: duckdb.DuckDBPyConnection, reviewer: str) -> dict | None:
    """Undoes the reviewer's latest label still in force; returns it, or None if none."""
    row = con.execute(
        f"""select label_id, record_id_l, record_id_r, label from ({LIVE_LABELS_SQL})
            where reviewer = ? order by label_id desc limit 1""",
        [reviewer],
    ).fetchone()
    if row is None:
        return None
    label_id, left, right, label = row
    undo_id = next_id(con, "labels", "label_id")
    insert_rows(con, "labels", [label_row(undo_id, left, right, label, reviewer, now(), label_id)])
    return {"label_id": label_id, "record_id_l": left, "record_id_r": right, "label": label}


def reviewer_label(
    con: duckdb.DuckDBPyConnection, record_id_l: str, record_id_r: str, reviewer: str
) -> str | None:
    row = con.execute(
        f"""select label from ({EFFECTIVE_LABELS_BY_REVIEWER_SQL})
            where record_id_l = ? and record_id_r = ? and reviewer = ?""",
        [record_id_l, record_id_r, reviewer],
    ).fetchone()
    return row[0] if row else None


def previous_labelled_pair(
    con: duckdb.DuckDBPyConnection, reviewer: str, before: tuple[str, str] | None
) -> tuple[str, str] | None:
    """The pair this reviewer labelled before `before` (or their latest), for the ← key."""
    rows = con.execute(
        f"""select record_id_l, record_id_r from ({EFFECTIVE_LABELS_BY_REVIEWER_SQL})
            where reviewer = ? order by label_id desc""",
        [reviewer],
    ).fetchall()
    pairs = [tuple(r) for r in rows]
    if before is None or before not in pairs:
        return pairs[0] if pairs else None
    index = pairs.index(before)
    return pairs[index + 1] if index + 1 < len(pairs) else None


# -- users ------------------------------------------------------------------------
@dataclass(frozen=True)
class User:
    username: str
    role: str
    active: bool
    show_scores: bool

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


def get_user(con: duckdb.DuckDBPyConnection, username: str) -> User | None:
    row = con.execute(
        "select username, role, active, show_scores from review_users where username = ?",
        [username],
    ).fetchone()
    return User(*row) if row else None


def list_users(con: duckdb.DuckDBPyConnection) -> list[dict]:
    rows = con.execute(
        """select username, role, active, failed_logins, locked_until, created_at
           from review_users order by username"""
    ).fetchall()
    keys = ("username", "role", "active", "failed_logins", "locked_until", "created_at")
    return [dict(zip(keys, r, strict=True)) for r in rows]


def insert_user(
    con: duckdb.DuckDBPyConnection, username: str, role: str, password_hash: str
) -> None:
    if role not in ROLES:
        raise ReviewError(f"role must be one of {', '.join(ROLES)}")
    if get_user(con, username) is not None:
        raise ReviewError(f"user {username!r} already exists")
    user = {"username": username, "role": role, "password_hash": password_hash, "active": True}
    user |= {"failed_logins": 0, "locked_until": None, "show_scores": False, "created_at": now()}
    insert_rows(con, "review_users", [user])


def set_user_active(con: duckdb.DuckDBPyConnection, username: str, active: bool) -> None:
    con.execute("update review_users set active = ? where username = ?", [active, username])


def set_show_scores(con: duckdb.DuckDBPyConnection, username: str, show: bool) -> None:
    con.execute("update review_users set show_scores = ? where username = ?", [show, username])


def unlock_user(con: duckdb.DuckDBPyConnection, username: str) -> None:
    con.execute(
        "update review_users set failed_logins = 0, locked_until = null where username = ?",
        [username],
    )


# -- audit ------------------------------------------------------------------------
def audit(con: duckdb.DuckDBPyConnection, actor: str | None, event: str, detail: str = "") -> None:
    """One audit row. `detail` holds ids and counts only, never a name."""
    audit_id = next_id(con, "review_audit", "audit_id")
    row = {"audit_id": audit_id, "at_time": now(), "actor": actor, "event": event}
    insert_rows(con, "review_audit", [row | {"detail": detail}])


def recent_audit(con: duckdb.DuckDBPyConnection, limit: int = 200) -> list[dict]:
    rows = con.execute(
        "select audit_id, at_time, actor, event, detail from review_audit order by audit_id desc limit ?",
        [limit],
    ).fetchall()
    keys = ("audit_id", "at_time", "actor", "event", "detail")
    return [dict(zip(keys, r, strict=True)) for r in rows]
