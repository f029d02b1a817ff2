"""Write tables as CSV, Parquet or XLSX.

Text cells that a spreadsheet would run as a formula (starting with = + - @,
or a tab or carriage return) are prefixed with an apostrophe in CSV and XLSX,
so an exported name can never execute. Parquet keeps values as they are.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from recount.errors import RecountError

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
SUFFIXES = (".csv", ".parquet", ".xlsx")


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy for spreadsheets: list cells joined with '; ', formula-like text quoted."""
    out = frame.copy()
    for column in out.columns:
        series = out[column]
        if series.dtype == object or pd.api.types.is_string_dtype(series):
            out[column] = series.map(_spreadsheet_cell)
    return out


def _spreadsheet_cell(value: object) -> object:
    if hasattr(value, "__len__") and not isinstance(value, str | bytes | dict):
        value = "; ".join(str(v) for v in value)
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def write_frame(frame: pd.DataFrame, path: str | Path) -> Path:
    """Write one table to a .csv, .parquet or .xlsx file, atomically."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise RecountError(f"{path}: unsupported export format; use one of {', '.join(SUFFIXES)}")
    if suffix == ".xlsx":
        return write_workbook({path.stem[:31] or "data": frame}, path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with _atomic_target(path) as tmp:
        if suffix == ".csv":
            neutralise_formulas(frame).to_csv(tmp, index=False)
        else:
            frame.to_parquet(tmp, index=False)
    return path


def write_workbook(sheets: Mapping[str, pd.DataFrame], path: str | Path) -> Path:
    """One XLSX workbook with a sheet per table, formulas neutralised."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with _atomic_target(path) as tmp:
        with pd.ExcelWriter(tmp, engine="openpyxl") as writer:
            for name, frame in sheets.items():
                clean = neutralise_formulas(frame)
                for column in clean.columns:
                    if isinstance(clean[column].dtype, pd.DatetimeTZDtype):
                        clean[column] = clean[column].dt.tz_localize(None)
                clean.to_excel(writer, sheet_name=name[:31], index=False)
    return path


class _atomic_target:
    """Context manager yielding a temporary path that replaces `path` on success."""

    def __init__(self, path: Path):
        self.path = path

    def __enter__(self) -> str:
        fd, self.tmp = tempfile.mkstemp(
            prefix=f".{self.path.name}.", suffix=self.path.suffix, dir=self.path.parent
        )
        os.close(fd)
        return self.tmp

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            os.replace(self.tmp, self.path)
        elif os.path.exists(self.tmp):
            os.unlink(self.tmp)
