"""Reading simulated lists with plain pandas/openpyxl/pyarrow, independently of recount's ingest."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
from openpyxl import load_workbook


def read_list(path: Path, source) -> pd.DataFrame:
    """A list as a DataFrame of its own columns (text, except Parquet and JSON numbers)."""
    if source.format in ("csv", "tsv"):
        sep = source.delimiter or ("\t" if source.format == "tsv" else ",")
        return pd.read_csv(
            path, sep=sep, encoding=source.encoding or "utf-8-sig", dtype=str, keep_default_na=False
        )
    if source.format == "xlsx":
        rows = list(load_workbook(path, read_only=True).active.iter_rows(values_only=True))
        return pd.DataFrame(rows[1:], columns=rows[0])
    if source.format == "parquet":
        return pq.read_table(path).to_pandas()
    with open(path, encoding="utf-8") as handle:
        return pd.json_normalize([json.loads(line) for line in handle])
