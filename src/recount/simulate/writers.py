"""Writes a list in its own format and encoding, byte-for-byte reproducibly.

One record per line or sheet row, no header rows beyond the first, so the
1-based data-row number of every record is its `source_row` in the truth.
"""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from recount.simulate.lists import Schema

FIXED_ZIP_TIME = (2020, 1, 1, 0, 0, 0)


def write_list(frame: pd.DataFrame, schema: Schema, path: Path) -> None:
    """Writes the canonical columns under the list's own headers, atomically."""
    table = pd.DataFrame({header: frame[field] for field, header in schema.columns.items()})
    temporary = path.with_name(path.name + ".tmp")
    writer = {"csv": _csv, "tsv": _csv, "xlsx": _xlsx, "jsonl": _jsonl, "parquet": _parquet}[
        schema.format
    ]
    writer(table, schema, temporary)
    os.replace(temporary, path)


def _csv(table: pd.DataFrame, schema: Schema, path: Path) -> None:
    table.to_csv(
        path,
        index=False,
        sep=schema.delimiter or ",",
        encoding=schema.encoding or "utf-8",
        lineterminator="\r\n" if schema.encoding in ("cp1256", "utf-16") else "\n",
        errors="strict",
    )


def _jsonl(table: pd.DataFrame, schema: Schema, path: Path) -> None:
    paths = [header.split(".") for header in table.columns]
    columns = [_plain(table[c]) for c in table.columns]
    with open(path, "w", encoding=schema.encoding or "utf-8", newline="\n") as handle:
        for values in zip(*columns, strict=True):
            record: dict = {}
            for keys, value in zip(paths, values, strict=True):
                if value is None:
                    continue
                node = record
                for key in keys[:-1]:
                    node = node.setdefault(key, {})
                node[keys[-1]] = value
            handle.write(json.dumps(record, ensure_ascii=False))
            handle.write("\n")


def _plain(column: pd.Series) -> list:
    """Python values with None for missing (ints stay ints)."""
    if isinstance(column.dtype, pd.Int64Dtype):
        return [None if v is pd.NA else int(v) for v in column.array]
    return [
        None if (v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v))) else v
        for v in column
    ]


def _parquet(table: pd.DataFrame, schema: Schema, path: Path) -> None:
    arrays = {}
    for column in table.columns:
        if isinstance(table[column].dtype, pd.Int64Dtype):
            arrays[column] = pa.array(_plain(table[column]), type=pa.int32())
        else:
            arrays[column] = pa.array(_plain(table[column]), type=pa.string())
    pq.write_table(pa.table(arrays), path, compression="snappy")


def _xlsx(table: pd.DataFrame, schema: Schema, path: Path) -> None:
    """A minimal SpreadsheetML workbook written directly (openpyxl writes ~2,000 rows a second)."""
    rows = pd.Series(np.arange(2, len(table) + 2)).astype(str)
    body = pd.Series("", index=rows.index, dtype=object)
    for k, column in enumerate(table.columns):
        letter = _column_letter(k)
        ref = letter + rows
        values = table[column]
        if isinstance(values.dtype, pd.Int64Dtype):
            text = values.astype("string")
            cell = '<c r="' + ref + '"><v>' + text + "</v></c>"
        else:
            text = values.astype("string")
            cell = (
                '<c r="'
                + ref
                + '" t="inlineStr"><is><t xml:space="preserve">'
                + _escape(text)
                + "</t></is></c>"
            )
        body = body + cell.fillna("").astype(object)
    header = "".join(
        f'<c r="{_column_letter(k)}1" t="inlineStr"><is><t>{_escape_one(c)}</t></is></c>'
        for k, c in enumerate(table.columns)
    )
    sheet_rows = '<row r="' + rows + '">' + body + "</row>"
    sheet = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<worksheet xmlns="{_MAIN_NS}"><dimension ref="A1:{_column_letter(len(table.columns) - 1)}{len(table) + 1}"/>'
        f'<sheetData><row r="1">{header}</row>'
        + "".join(sheet_rows.tolist())
        + "</sheetData></worksheet>"
    )
    parts = {
        "[Content_Types].xml": _CONTENT_TYPES,
        "_rels/.rels": _ROOT_RELS,
        "xl/workbook.xml": _WORKBOOK,
        "xl/_rels/workbook.xml.rels": _WORKBOOK_RELS,
        "xl/worksheets/sheet1.xml": sheet,
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            info = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, content.encode("utf-8"))


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _escape(text: pd.Series) -> pd.Series:
    return (
        text.str.replace("&", "&amp;", regex=False)
        .str.replace("<", "&lt;", regex=False)
        .str.replace(">", "&gt;", regex=False)
    )


def _escape_one(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<workbook xmlns="{_MAIN_NS}" xmlns:r="{_REL_NS}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    "</Relationships>"
)
