"""Write tables as CSV, Parquet or XLSX.

Text cells that a spreadsheet would run as a formula (starting with = + - @,
or a tab or carriage return) are prefixed with an apostrophe in CSV and XLSX,
so an exported name can never execute. Parquet keeps values as they are.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import glob
import json
import numbers
import os
import re
import tempfile
from collections.abc import Mapping
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import xlsxwriter

from recount.errors import RecountError

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
FORMULA_PATTERN = "^[=+\\-@\t\r]"
SUFFIXES = (".csv", ".parquet", ".xlsx")
EXCEL_DATA_ROWS = 1_048_575  # a sheet's rows, less the header
EXCEL_EPOCH = pd.Timestamp("1899-12-30")  # serial day 0 in the 1900 date system
WRITABLE_AS_IS = (str, numbers.Number, dt.date, dt.time, dt.timedelta)


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy for spreadsheets: list cells joined with '; ', maps as JSON, formula-like text quoted."""
    out = frame.copy()
    for column in out.columns:
        series = out[column]
        if series.dtype == object or pd.api.types.is_string_dtype(series):
            out[column] = _spreadsheet_column(series)
    return out


def _spreadsheet_column(series: pd.Series) -> pd.Series:
    """Text and list columns in bulk through Arrow; mixed columns cell by cell."""
    try:
        cells = pa.array(series, from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
        return series.map(_spreadsheet_cell)
    if pa.types.is_list(cells.type) or pa.types.is_large_list(cells.type):
        if pc.any(pc.is_null(pc.list_flatten(cells))).as_py():
            return series.map(_spreadsheet_cell)  # Arrow would null the whole cell
        cells = pc.binary_join(pc.cast(cells, pa.list_(pa.string())), "; ")
    if not (pa.types.is_string(cells.type) or pa.types.is_large_string(cells.type)):
        return series.map(_spreadsheet_cell)
    risky = pc.fill_null(pc.match_substring_regex(cells, FORMULA_PATTERN), False)
    quote, nothing = pa.scalar("'", cells.type), pa.scalar("", cells.type)
    quoted = pc.if_else(risky, pc.binary_join_element_wise(quote, cells, nothing), cells)
    return pd.Series(quoted.to_pandas(), index=series.index, name=series.name, dtype=object)


def _spreadsheet_cell(value: object) -> object:
    if isinstance(value, dict):  # a MAP cell (records.extra) as JSON text
        value = json.dumps(value, ensure_ascii=False)
    elif hasattr(value, "__len__") and not isinstance(value, str | bytes):
        value = "; ".join(str(v) for v in value)
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def export_format(path: str | Path) -> str:
    """The file's export format (its suffix), or a clear error: callers check before long work."""
    suffix = Path(path).suffix.lower()
    if suffix not in SUFFIXES:
        raise RecountError(f"{path}: unsupported export format; use one of {', '.join(SUFFIXES)}")
    return suffix


def write_frame(frame: pd.DataFrame, path: str | Path) -> Path:
    """Write one table to a .csv, .parquet or .xlsx file, atomically."""
    path = Path(path)
    suffix = export_format(path)
    if suffix == ".xlsx":
        return write_workbook({path.stem[:31] or "data": frame}, path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_target(path) as tmp:
        if suffix == ".csv":
            # CRLF rows (RFC 4180): a cell holding a lone \r is then quoted, not cut.
            neutralise_formulas(frame).to_csv(tmp, index=False, lineterminator="\r\n")
        else:
            pq.write_table(
                _without_empty_structs(pa.Table.from_pandas(frame, preserve_index=False)), tmp
            )
    return path


def _without_empty_structs(table: pa.Table) -> pa.Table:
    """Parquet cannot hold a struct without fields (`records.extra` when no list maps an extra
    column): such a column is written as its JSON text, '{}', as CSV has it."""
    for index, field in enumerate(table.schema):
        if pa.types.is_struct(field.type) and field.type.num_fields == 0:
            column = table.column(index)
            text = pa.array([None if v is None else "{}" for v in column.to_pylist()], pa.string())
            table = table.set_column(index, pa.field(field.name, pa.string()), text)
    return table


def write_workbook(sheets: Mapping[str, pd.DataFrame], path: str | Path) -> Path:
    """One XLSX workbook with a sheet per table, formulas neutralised.

    Rows stream to disk (xlsxwriter's constant-memory mode) with one typed write per cell:
    pandas' `to_excel` through openpyxl took 7 minutes for 570,000 persons. A table longer
    than a sheet holds continues on sheets named "persons 2", "persons 3", ...
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_target(path) as tmp:
        book = xlsxwriter.Workbook(
            tmp,
            {
                "constant_memory": True,
                "strings_to_numbers": False,
                "strings_to_formulas": False,
                "strings_to_urls": False,
                "nan_inf_to_errors": True,
            },
        )
        formats = {
            "date": book.add_format({"num_format": "yyyy-mm-dd"}),
            "datetime": book.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"}),
        }
        try:
            for name, frame in sheets.items():
                _write_sheets(book, formats, name, neutralise_formulas(frame))
        finally:
            book.close()
    return path


def _write_sheets(book, formats: dict, name: str, frame: pd.DataFrame) -> None:
    name = re.sub(r"[\[\]:*?/\\]", "_", name).strip("'") or "data"  # Excel forbids these
    chunks = range(0, max(len(frame), 1), EXCEL_DATA_ROWS)
    for number, start in enumerate(chunks, start=1):
        title = name if number == 1 else f"{name[: 31 - len(str(number)) - 1]} {number}"
        sheet = book.add_worksheet(title[:31])
        sheet.write_row(0, 0, [str(c) for c in frame.columns])
        _write_rows(sheet, formats, frame.iloc[start : start + EXCEL_DATA_ROWS])


def _write_rows(sheet, formats: dict, frame: pd.DataFrame) -> None:
    """Write row by row (constant-memory mode needs row order), each column with its typed call."""
    writers, columns = [], []
    for series in (frame[c] for c in frame.columns):
        values, write = _cells(sheet, formats, series)
        writers.append(write)
        columns.append(values)
    for row in range(len(frame)):
        for column, (write, values) in enumerate(zip(writers, columns, strict=True)):
            value = values[row]
            if value is not None:
                write(row + 1, column, value)


def _cells(sheet, formats: dict, series: pd.Series):
    """(cell values with None for missing, the sheet method that writes them)."""
    if isinstance(series.dtype, pd.DatetimeTZDtype):
        series = series.dt.tz_localize(None)
    if pd.api.types.is_datetime64_any_dtype(series):
        days = (series - EXCEL_EPOCH) / pd.Timedelta(days=1)
        has_time = bool((series.dropna() != series.dropna().dt.normalize()).any())
        cell_format = formats["datetime" if has_time else "date"]
        return _with_none(days), lambda r, c, v: sheet.write_number(r, c, v, cell_format)
    if pd.api.types.is_bool_dtype(series):
        return _with_none(series), sheet.write_boolean
    if pd.api.types.is_numeric_dtype(series):
        return _with_none(series), sheet.write_number
    return [_plain(v) for v in _with_none(series)], sheet.write


def _plain(value: object) -> object:
    """A value xlsxwriter writes as it is, or its text (dicts, bytes and other objects)."""
    return value if value is None or isinstance(value, WRITABLE_AS_IS) else str(value)


def _with_none(series: pd.Series) -> list:
    return series.astype(object).where(series.notna(), None).tolist()


class atomic_target:
    """Context manager yielding a temporary path that replaces `path` on success.

    The file gets the permissions a plain `open` would give (0666 less the umask), not
    mkstemp's 0600: exports are made to be shared.
    """

    def __init__(self, path: Path):
        self.path = Path(path)

    def __enter__(self) -> str:
        prefix, suffix = f".{self.path.name}.", self.path.suffix
        _remove_abandoned(self.path.parent, prefix, suffix)
        fd, self.tmp = tempfile.mkstemp(prefix=prefix, suffix=suffix, dir=self.path.parent)
        # held while the file is written: a temporary file nobody holds was left by a killed process
        fcntl.flock(fd, fcntl.LOCK_EX)
        self._fd = fd
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(self.tmp, 0o666 & ~umask)
        return self.tmp

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            if exc_type is None:
                os.replace(self.tmp, self.path)
            elif os.path.exists(self.tmp):
                os.unlink(self.tmp)
        finally:
            os.close(self._fd)


def _remove_abandoned(folder: Path, prefix: str, suffix: str) -> None:
    """Temporary files of this target that no running writer holds."""
    for candidate in folder.glob(f"{glob.escape(prefix)}*{glob.escape(suffix)}"):
        try:
            fd = os.open(candidate, os.O_RDONLY)
        except OSError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            candidate.unlink(missing_ok=True)
        except BlockingIOError:
            pass
        finally:
            os.close(fd)
