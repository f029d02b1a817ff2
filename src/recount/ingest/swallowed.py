"""Rows swallowed into one cell of a spreadsheet, Parquet file or JSON line, split out again.

A CSV with a quote left open, read by a spreadsheet or by pandas, becomes a
row whose cell holds the rows after it as lines of text (`Aleppo,shelling\n5,
Omar,Idlib,shelling\n6,Ali,Homs`), with the rest of the last swallowed line in
the cells after it. Those rows are found by reading the cell's lines again
with the cells around it: joined back with a delimiter, every line must read
as a whole row of the file (as many fields as it has columns). A cell whose
lines do that is split when the file is wide enough for that to be telling
(three columns or more) or when the cell is beyond its column's length norm;
the rows it held take their places in order, each flagged `rows_split`, and
the rows after them are numbered on. A cell that merely holds lines (an
address on two) does not read as rows and is kept as it is.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Sequence

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

ROWS_SPLIT = "rows_split"
DELIMITERS = (",", "\t", ";", "|")
# below this many columns a line that reads as a row proves little: the cell must also be long
TELLING_WIDTH = 3
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_ESCAPED_BREAK = r"\\[nr]|\\u000[aAdD]"

Cells = Sequence[str | None]
LongEnough = Callable[[int, str], bool]


def rows_in_cell(cells: Cells, column: int, width: int) -> list[list[str]] | None:
    """The rows of `width` fields the cell's lines make with the cells around it, when every
    line reads as a whole row under one delimiter (blank lines between are skipped); None
    when they do not."""
    lines = _LINE_BREAK.split(cells[column] or "")
    if len(lines) < 2:
        return None
    if width == 1:
        if len(cells) != 1:
            return None
        rows = [[line] for line in lines if line.strip()]
        return rows if len(rows) >= 2 else None
    after = list(cells[column + 1 :])
    trimmed = list(after)
    while trimmed and not trimmed[-1]:
        trimmed.pop()
    for delimiter in DELIMITERS:
        for tail in (trimmed, after) if trimmed != after else (after,):
            rows = _read_lines(lines, cells[:column], tail, delimiter, width)
            if rows is not None:
                return rows
    return None


def _read_lines(lines, before, after, delimiter: str, width: int) -> list[list[str]] | None:
    if not _enough_delimiters(lines, len(before), len(after), delimiter, width):
        return None
    texts = list(lines)
    texts[0] = delimiter.join([*(_quoted(c, delimiter) for c in before), texts[0]])
    texts[-1] = delimiter.join([texts[-1], *(_quoted(c, delimiter) for c in after)])
    rows = []
    for index, text in enumerate(texts):
        if index and not text.strip():
            continue  # a blank line between rows, or the line break that ended the file
        fields = _fields(text, delimiter)
        if len(fields) != width:
            return None
        rows.append(fields)
    return rows if len(rows) >= 2 else None


def _enough_delimiters(lines, before: int, after: int, delimiter: str, width: int) -> bool:
    """A cheap necessary condition (a line of k delimiters has at most k + 1 fields), so that
    a column of ordinary multi-line values costs no parsing."""
    if lines[0].count(delimiter) < width - before - 1:
        return False
    ends_blank = not after and not lines[-1].strip()  # the line break that ended the file
    if not ends_blank and lines[-1].count(delimiter) < width - after - 1:
        return False
    return all(line.count(delimiter) >= width - 1 for line in lines[1:-1] if line.strip())


def _quoted(cell: str | None, delimiter: str) -> str:
    text = cell or ""
    if delimiter in text or '"' in text or "\n" in text or "\r" in text:
        return '"' + text.replace('"', '""') + '"'
    return text


def _fields(text: str, delimiter: str) -> list[str]:
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False))
    except csv.Error:
        return []
    return rows[0] if len(rows) == 1 else []


def split_row(
    cells: Cells, long_enough: LongEnough, width: int | None = None
) -> list[list[str]] | None:
    """The rows of `width` fields (default: the row's own) that the row's first swallowing
    cell holds with the cells around it, or None."""
    width = len(cells) if width is None else width
    for column, cell in enumerate(cells):
        if not cell or ("\n" not in cell and "\r" not in cell):
            continue
        rows = rows_in_cell(cells, column, width)
        if rows is not None and (width >= TELLING_WIDTH or long_enough(column, cell)):
            return rows
    return None


def multiline_rows(table: pa.Table) -> np.ndarray:
    """Positions of the rows with a line break in some cell (columns after source_row)."""
    found = np.zeros(table.num_rows, dtype=bool)
    for column in table.columns[1:]:
        hits = pc.fill_null(pc.match_substring_regex(column, r"[\r\n]"), False)
        found |= hits.to_numpy(zero_copy_only=False)
    return np.flatnonzero(found)


def escaped_break_lines(table: pa.Table) -> np.ndarray:
    """Positions of the JSON lines whose text holds an escaped line break."""
    hits = pc.fill_null(pc.match_substring_regex(table.column(1), _ESCAPED_BREAK), False)
    return np.flatnonzero(hits.to_numpy(zero_copy_only=False))


def json_line_rows(line: str, long_enough: LongEnough) -> list[list[str]] | None:
    """A flat JSON object's swallowed rows, each as a JSON line with the object's keys."""
    try:
        value = json.loads(line)
    except ValueError:
        return None
    if not isinstance(value, dict) or not value:
        return None
    if any(isinstance(v, dict | list) for v in value.values()):
        return None
    cells = [v if isinstance(v, str) or v is None else json.dumps(v) for v in value.values()]
    rows = split_row(cells, long_enough)
    if rows is None:
        return None
    keys = list(value)
    return [[json.dumps(dict(zip(keys, row, strict=True)), ensure_ascii=False)] for row in rows]


def split_rows(
    table: pa.Table, positions: np.ndarray, split_one: Callable[[list[str | None]], list | None]
) -> tuple[pa.Table, np.ndarray, np.ndarray, np.ndarray]:
    """The table with each candidate row that `split_one` splits replaced by its rows, and
    source_row numbered on; also the old numbers of the split rows and how many rows each
    added (for `renumber`), and which rows of the new table came from a split."""
    replaced: dict[int, list] = {}
    names = table.column_names
    for position, row in zip(positions, table.take(pa.array(positions)).to_pylist(), strict=True):
        rows = split_one([row[name] for name in names[1:]])
        if rows is not None:
            replaced[int(position)] = rows
    if not replaced:
        none = np.empty(0, np.int64)
        return table, none, none, np.zeros(table.num_rows, dtype=bool)
    numbers = table.column(0).to_numpy()
    split_at = numbers[list(replaced)]
    added = np.array([len(rows) - 1 for rows in replaced.values()], dtype=np.int64)
    moved = renumber(numbers, split_at, added)
    pieces, start, from_split = [], 0, []
    for position, rows in replaced.items():
        pieces.append(
            table.slice(start, position - start).set_column(
                0, "source_row", pa.array(moved[start:position])
            )
        )
        from_split += [False] * (position - start) + [True] * len(rows)
        first = int(moved[position])
        pieces.append(
            pa.table(
                [pa.array(np.arange(first, first + len(rows)), pa.int64())]
                + [pa.array(column, pa.string()) for column in zip(*rows, strict=True)],
                names=names,
            )
        )
        start = position + 1
    pieces.append(table.slice(start).set_column(0, "source_row", pa.array(moved[start:])))
    from_split += [False] * (table.num_rows - start)
    return pa.concat_tables(pieces), split_at, added, np.array(from_split, dtype=bool)


def renumber(numbers: np.ndarray, split_at: np.ndarray, added: np.ndarray) -> np.ndarray:
    """Row numbers moved on by the rows the splits before them added."""
    if not len(split_at):
        return numbers
    order = np.argsort(split_at)
    split_at, added = split_at[order], added[order]
    before = np.searchsorted(split_at, numbers, side="left")
    return numbers + np.concatenate([[0], np.cumsum(added)])[before]
