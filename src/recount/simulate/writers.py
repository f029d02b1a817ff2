"""Writes a list in its own format and encoding, byte-for-byte reproducibly.

One record per line or sheet row, no header rows beyond the first, so the
1-based data-row number of every record is its `source_row` in the truth.
Text is assembled with Arrow compute kernels, so a million rows take seconds.
"""

from __future__ import annotations

import json
import os
import re
import zipfile
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from recount.simulate.arrowtext import concatenated_bytes, join_present
from recount.simulate.lists import Schema

FIXED_ZIP_TIME = (2020, 1, 1, 0, 0, 0)


def write_list(columns: dict[str, pa.Array], schema: Schema, path: Path) -> None:
    """Writes the canonical columns under the list's own headers, atomically."""
    table = pa.table({header: columns[field] for field, header in schema.columns.items()})
    temporary = path.with_name(path.name + ".tmp")
    writer = {
        "csv": write_delimited,
        "tsv": write_delimited,
        "xlsx": _xlsx,
        "jsonl": _jsonl,
        "parquet": _parquet,
    }
    writer[schema.format](
        table, temporary, delimiter=schema.delimiter or ",", encoding=schema.encoding or "utf-8"
    )
    os.replace(temporary, path)


def write_delimited(
    table: pa.Table,
    path: Path,
    delimiter: str = ",",
    encoding: str = "utf-8",
    crlf: bool | None = None,
) -> None:
    """CSV/TSV with minimal quoting (like spreadsheet exports); Windows encodings get CRLF line ends."""
    if crlf is None:
        crlf = encoding.lower() in ("cp1256", "windows-1256", "utf-16")
    newline = "\r\n" if crlf else "\n"
    header = delimiter.join(_quote_one(name, delimiter) for name in table.column_names) + newline
    body = memoryview(b"")
    if table.num_rows:
        fields = [_quote(_text(column), delimiter) for column in table.columns]
        line = fields[0] if len(fields) == 1 else pc.binary_join_element_wise(*fields, delimiter)
        body = concatenated_bytes(pc.binary_join_element_wise(line, newline, ""))
    with open(path, "wb") as handle:
        if encoding.lower().replace("_", "-") in ("utf-8", "utf8"):
            handle.write(header.encode("utf-8"))
            handle.write(body)
        else:
            handle.write((header + bytes(body).decode("utf-8")).encode(encoding, errors="strict"))


def _text(column: pa.ChunkedArray | pa.Array) -> pa.Array:
    return pc.fill_null(pc.cast(column, pa.string()), "")


def _quote(text: pa.Array, delimiter: str) -> pa.Array:
    """Quotes the values that contain the delimiter, a quote or a line break (a scan of the raw bytes first)."""
    raw = np.frombuffer(concatenated_bytes(text), dtype=np.uint8)
    if not any((raw == ord(special)).any() for special in (delimiter, '"', "\r", "\n")):
        return text
    needs = pc.match_substring_regex(text, "[" + re.escape(delimiter) + '"\r\n]')
    quoted = pc.binary_join_element_wise('"', pc.replace_substring(text, '"', '""'), '"', "")
    return pc.if_else(needs, quoted, text)


def _quote_one(text: str, delimiter: str) -> str:
    if any(ch in text for ch in (delimiter, '"', "\r", "\n")):
        return '"' + text.replace('"', '""') + '"'
    return text


def _jsonl(table: pa.Table, path: Path, encoding: str = "utf-8", **_) -> None:
    """One JSON object per line, nested by the dotted headers; missing values leave their key out."""
    tree: dict = {}
    for header, column in zip(table.column_names, table.columns, strict=True):
        node = tree
        keys = header.split(".")
        for key in keys[:-1]:
            node = node.setdefault(key, {})
        node[keys[-1]] = column
    objects = _json_object(tree)
    lines = pc.binary_join_element_wise(pc.fill_null(objects, "{}"), "\n", "")
    with open(path, "wb") as handle:
        handle.write(
            bytes(concatenated_bytes(lines)).decode("utf-8").encode(encoding)
            if encoding != "utf-8"
            else concatenated_bytes(lines)
        )


def _json_object(tree: dict) -> pa.Array:
    """Arrow strings '{"k": v, …}' per row, or null when every member is missing."""
    members = []
    for key, value in tree.items():
        if isinstance(value, dict):
            rendered = _json_object(value)
        elif pa.types.is_integer(value.type):
            rendered = pc.cast(value, pa.string())
        else:
            escaped = _json_escape(value)
            rendered = pc.binary_join_element_wise('"', escaped, '"', "")
        members.append(
            pc.binary_join_element_wise(json.dumps(key, ensure_ascii=False) + ": ", rendered, "")
        )
    body = join_present(members, ", ")
    wrapped = pc.binary_join_element_wise("{", body, "}", "")
    return pc.if_else(pc.equal(body, ""), pa.scalar(None, pa.string()), wrapped)


def _json_escape(text: pa.Array) -> pa.Array:
    """The body of a JSON string: backslash, quote and control characters escaped."""
    text = pc.replace_substring(pc.replace_substring(text, "\\", "\\\\"), '"', '\\"')
    raw = np.frombuffer(concatenated_bytes(text), dtype=np.uint8)
    for code in np.unique(raw[raw < 0x20]):
        text = pc.replace_substring(text, chr(code), json.dumps(chr(code))[1:-1])
    return text


def _parquet(table: pa.Table, path: Path, **_) -> None:
    pq.write_table(table, path, compression="snappy")


def _xlsx(table: pa.Table, path: Path, **_) -> None:
    """A minimal SpreadsheetML workbook with inline strings, written directly (openpyxl manages ~2,000 rows a second)."""
    n = table.num_rows
    rows = pc.cast(pa.array(np.arange(2, n + 2)), pa.string())
    cells = []
    for k, column in enumerate(table.columns):
        reference = pc.binary_join_element_wise(_column_letter(k), rows, "")
        if pa.types.is_integer(column.type):
            cell = pc.binary_join_element_wise(
                '<c r="', reference, '"><v>', pc.cast(column, pa.string()), "</v></c>", ""
            )
        else:
            cell = pc.binary_join_element_wise(
                '<c r="',
                reference,
                '" t="inlineStr"><is><t xml:space="preserve">',
                _escape(column),
                "</t></is></c>",
                "",
            )
        cells.append(pc.fill_null(cell, ""))
    row_xml = (
        pc.binary_join_element_wise('<row r="', rows, '">', *cells, "</row>", "")
        if n
        else pa.array([], pa.string())
    )
    header = "".join(
        f'<c r="{_column_letter(k)}1" t="inlineStr"><is><t>{_escape_one(name)}</t></is></c>'
        for k, name in enumerate(table.column_names)
    )
    last = f"{_column_letter(table.num_columns - 1)}{n + 1}"
    arabic_headers = any("\u0600" <= ch <= "\u06ff" for name in table.column_names for ch in name)
    right_to_left = ' rightToLeft="1"' if arabic_headers else ""  # as Arabic spreadsheets are saved
    sheet = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<worksheet xmlns="{_MAIN_NS}"><dimension ref="A1:{last}"/>'
        f'<sheetViews><sheetView workbookViewId="0"{right_to_left}/></sheetViews>'
        f'<sheetData><row r="1">{header}</row>'
    )
    sheet_end = "</sheetData></worksheet>"
    parts = {
        "[Content_Types].xml": _CONTENT_TYPES,
        "_rels/.rels": _ROOT_RELS,
        "xl/workbook.xml": _WORKBOOK,
        "xl/_rels/workbook.xml.rels": _WORKBOOK_RELS,
        "xl/styles.xml": _STYLES,
        "xl/worksheets/sheet1.xml": [
            sheet.encode(),
            concatenated_bytes(row_xml),
            sheet_end.encode(),
        ],
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, content in parts.items():
            info = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            with archive.open(info, "w") as member:
                for chunk in content if isinstance(content, list) else [content.encode()]:
                    member.write(chunk)


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _escape(text: pa.ChunkedArray | pa.Array) -> pa.Array:
    for raw, escaped in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;")):
        text = pc.replace_substring(text, raw, escaped)
    return text


def _escape_one(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/>'
    "</Relationships>"
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<workbook xmlns="{_MAIN_NS}" xmlns:r="{_REL_NS}">'
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" '
    'Target="styles.xml"/>'
    "</Relationships>"
)
_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<styleSheet xmlns="{_MAIN_NS}">'
    '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)
