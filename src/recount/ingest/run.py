"""Ingest the workspace's sources: stage every source, then write them in one transaction.

Each source is streamed chunk by chunk into Parquet files in a staging folder
inside the workspace, turned into canonical rows by DuckDB, and only when
every requested source has been read are `records`, `quarantine` and
`sources` updated, together, for those sources only. An error in any source
leaves the workspace exactly as it was.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.dataset as pads
import pyarrow.parquet as pq

from recount.errors import InputError, RecountError
from recount.ingest.canonical import (
    READER_ISSUES,
    Finished,
    finish_source,
    scratch_connection,
)
from recount.ingest.detect import display_encoding
from recount.ingest.files import described_path, file_sha256, open_reader, resolve_columns
from recount.ingest.readers import JsonLinesReader, Reader
from recount.settings import ProjectSettings, SourceConfig
from recount.tables import TABLES

Progress = Callable[[str, float | None, int], None]
SOURCES_SCHEMA = TABLES["sources"].schema


@dataclass
class StagedSource:
    source: SourceConfig
    reader: Reader
    finished: Finished
    sha256: str


class SourcesFailed(RecountError):
    """Some sources could not be read. The others were ingested; a failed source's
    rows from an earlier ingest are kept as they were."""

    def __init__(self, failures: dict[str, RecountError], accounting: pd.DataFrame):
        self.failures = failures
        self.accounting = accounting
        total = len(failures) + len(accounting)
        lines = [f"  {source_id}: {error}" for source_id, error in failures.items()]
        super().__init__(
            f"{len(failures)} of {total} sources could not be read"
            + (" (the others were ingested)" if len(accounting) else "")
            + ":\n"
            + "\n".join(lines)
        )


def ingest_workspace(
    ws, source_ids: Sequence[str] | None = None, progress: Progress | None = None
) -> pd.DataFrame:
    """Read sources into `records` and `quarantine`; returns the per-source accounting.

    With `source_ids`, only those sources are re-read and only their rows are
    replaced. Without, every configured source is read, and rows of sources no
    longer in the config are removed. Every source that can be read is read,
    and they are written together in one transaction; when any cannot be read,
    `SourcesFailed` names each with its cause, after the others are written.
    """
    config = ws.config
    if source_ids:
        sources = [config.source(sid) for sid in dict.fromkeys(source_ids)]
        replaced = [s.id for s in sources]
    else:
        sources = list(config.sources)
        replaced = sorted({s.id for s in sources} | set(_ingested_ids(ws)))
    ws.root.mkdir(parents=True, exist_ok=True)
    with staging_folder(ws.root) as staging:
        staged, failures = _stage_all(sources, config.project.event, staging, progress)
        accounting = _accounting(staged, ws.root)
        replaced = [sid for sid in replaced if sid not in failures]
        tables = {
            "records": _dataset([s.finished.records_file for s in staged]),
            "quarantine": _dataset([s.finished.quarantine_file for s in staged]),
            "sources": pa.Table.from_pandas(
                accounting, schema=SOURCES_SCHEMA, preserve_index=False
            ),
        }
        if staged:
            ws.replace_rows(tables, "source_id", replaced)
        elif replaced:
            _remove_sources(ws, replaced)
    if failures:
        raise SourcesFailed(failures, accounting)
    return accounting


def _stage_all(
    sources: list[SourceConfig], event: str, staging: Path, progress: Progress | None
) -> tuple[list[StagedSource], dict[str, RecountError]]:
    """Every source read into the staging folder; those that cannot be read, with their cause."""
    failures: dict[str, RecountError] = {}
    scratch = scratch_connection(staging)
    try:
        # DuckDB's pass over one source runs while Python reads the next.
        with ThreadPoolExecutor(max_workers=1) as finisher:
            pending = []
            for source in sources:
                try:
                    read = _read_into_staging(source, staging, progress)
                except RecountError as exc:
                    failures[source.id] = exc
                    continue
                job = finisher.submit(
                    _finish_staged, scratch, read, source.event or event, progress
                )
                pending.append((source.id, job))
            staged = []
            for source_id, job in pending:
                try:
                    staged.append(job.result())
                except RecountError as exc:
                    failures[source_id] = exc
    finally:
        scratch.close()
    order = {s.id: i for i, s in enumerate(sources)}
    return staged, dict(sorted(failures.items(), key=lambda item: order[item[0]]))


STAGING_PREFIX = ".ingest-"
STAGING_LOCK = ".in-use"
# a folder without its lock file may be one another ingest has only just created
UNLOCKED_GRACE_SECONDS = 60.0


@contextlib.contextmanager
def staging_folder(root: Path) -> Iterator[Path]:
    """A fresh staging folder in the workspace, locked while in use and removed after.

    Folders that a killed ingest left behind are removed first: a folder is
    stale when no process holds its lock (the kernel drops a dead process's locks).
    """
    remove_stale_staging(root)
    staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=root))
    try:
        with open(staging / STAGING_LOCK, "wb") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            yield staging
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def remove_stale_staging(root: Path) -> list[Path]:
    """Remove the staging folders no running ingest holds; returns those removed."""
    removed = []
    for folder in root.glob(STAGING_PREFIX + "*"):
        if not folder.is_dir() or folder.is_symlink():
            continue
        lock_path = folder / STAGING_LOCK
        try:
            with open(lock_path, "rb") as lock:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                shutil.rmtree(folder, ignore_errors=True)
        except BlockingIOError:
            continue  # a running ingest holds it
        except FileNotFoundError:
            try:
                age = time.time() - folder.stat().st_mtime
            except FileNotFoundError:
                continue
            if age < UNLOCKED_GRACE_SECONDS:
                continue
            shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder)
    return removed


@dataclass
class SourceRows:
    """One source read on its own, without touching a workspace."""

    records: pd.DataFrame
    quarantine: pd.DataFrame
    rows_in: int
    format: str
    encoding: str | None
    delimiter: str | None


def read_source(
    source: SourceConfig,
    event: str = ProjectSettings.event,
    scratch: duckdb.DuckDBPyConnection | None = None,
) -> SourceRows:
    """Read one source into canonical records and quarantine rows (as DataFrames).

    For previews and tests; `ingest_workspace` is what writes a workspace. Pass a
    `scratch` in-memory DuckDB connection to reuse one across many calls.
    """
    with tempfile.TemporaryDirectory(prefix="recount-read-") as folder:
        staging = Path(folder)
        own = scratch is None
        con = scratch_connection(staging) if own else scratch
        try:
            read = _read_into_staging(source, staging, None)
            staged = _finish_staged(con, read, source.event or event, None, with_sha=False)
            records = pq.read_table(staged.finished.records_file).to_pandas(
                maps_as_pydicts="strict"
            )
            quarantine = pq.read_table(staged.finished.quarantine_file).to_pandas()
        finally:
            if own:
                con.close()
    reader = staged.reader
    return SourceRows(
        records,
        quarantine,
        staged.finished.rows_in,
        reader.format,
        display_encoding(reader.encoding) if reader.encoding else None,
        reader.delimiter,
    )


def _ingested_ids(ws) -> list[str]:
    if not ws.db_path.exists():
        return []
    with ws.connect(read_only=True) as con:
        found = con.execute(
            "select count(*) from information_schema.tables where table_name = 'sources'"
        ).fetchone()[0]
        if not found:
            return []
        return [row[0] for row in con.execute("select distinct source_id from sources").fetchall()]


def _remove_sources(ws, source_ids: list[str]) -> None:
    with ws.connect() as con:
        con.execute("begin transaction")
        for name in ("records", "quarantine", "sources"):
            con.execute(f"delete from {name} where source_id = any(?)", [source_ids])
        con.execute("commit")


def _dataset(files: list[Path]) -> pads.Dataset:
    return pads.dataset([str(f) for f in files], format="parquet")


@dataclass
class ReadSource:
    source: SourceConfig
    reader: Reader
    columns: dict[str, int | str]
    folder: Path
    row_files: list[Path]
    quarantine_files: list[Path]


def _read_into_staging(
    source: SourceConfig, staging: Path, progress: Progress | None
) -> ReadSource:
    """Stream the file into Parquet chunks in the staging folder."""
    try:
        reader = open_reader(source)
    except OSError as exc:
        raise InputError(str(source.path), f"cannot read the file: {exc.strerror or exc}") from None
    try:
        return _stream_into_staging(source, reader, staging, progress)
    except OSError as exc:
        raise InputError(str(source.path), f"cannot read the file: {exc.strerror or exc}") from None
    finally:
        reader.close()


def _stream_into_staging(
    source: SourceConfig, reader: Reader, staging: Path, progress: Progress | None
) -> ReadSource:
    columns = resolve_columns(source, reader)
    folder = staging / source.id
    folder.mkdir()
    row_files: list[Path] = []
    quarantine_files: list[Path] = []
    rows_read = 0
    for index, chunk in enumerate(reader.chunks()):
        row_file = folder / f"rows-{index:05d}.parquet"
        issues = (
            chunk.issues if chunk.issues is not None else pa.nulls(chunk.rows.num_rows, pa.string())
        )
        pq.write_table(chunk.rows.append_column(READER_ISSUES, issues), row_file, compression="lz4")
        row_files.append(row_file)
        if chunk.quarantine.num_rows:
            quarantine_file = folder / f"quarantine-{index:05d}.parquet"
            pq.write_table(chunk.quarantine, quarantine_file)
            quarantine_files.append(quarantine_file)
        rows_read += chunk.rows.num_rows + chunk.quarantine.num_rows
        if progress:
            progress(source.id, chunk.progress, rows_read)
    if not row_files:
        row_file = folder / "rows-empty.parquet"
        names = ["source_row"] + [f"c{i}" for i in range(len(reader.header))] + [READER_ISSUES]
        types = [pa.int64()] + [pa.string()] * (len(reader.header) + 1)
        pq.write_table(pa.schema(list(zip(names, types, strict=True))).empty_table(), row_file)
        row_files.append(row_file)
    return ReadSource(source, reader, columns, folder, row_files, quarantine_files)


def _finish_staged(
    scratch, read: ReadSource, event: str, progress: Progress | None, with_sha: bool = True
) -> StagedSource:
    """Canonical records and quarantine rows of one staged source (DuckDB)."""
    finished = finish_source(
        scratch,
        read.source,
        event,
        read.reader.header,
        read.columns,
        isinstance(read.reader, JsonLinesReader),
        read.row_files,
        read.quarantine_files,
        read.folder,
        header_cells=getattr(read.reader, "raw_header", None),
    )
    if progress:
        progress(read.source.id, 1.0, finished.rows_in)
    sha = file_sha256(read.source.path) if with_sha else ""
    return StagedSource(read.source, read.reader, finished, sha)


def _accounting(staged: list[StagedSource], root: Path) -> pd.DataFrame:
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    rows = [
        {
            "source_id": s.source.id,
            "path": described_path(s.source.path, root),
            "format": s.reader.format,
            "encoding": display_encoding(s.reader.encoding) if s.reader.encoding else None,
            "delimiter": s.reader.delimiter,
            "sha256": s.sha256,
            "rows_in": s.finished.rows_in,
            "lines_in": s.reader.lines_read,
            "records": s.finished.records,
            "quarantined": s.finished.quarantined,
            "ingested_at": now,
        }
        for s in staged
    ]
    return pd.DataFrame(rows, columns=SOURCES_SCHEMA.names).astype(
        {"rows_in": "int64", "lines_in": "Int64", "records": "int64", "quarantined": "int64"}
    )
