"""Tables in text ("Breakdown | Casualties | Time period | Source |"): who each row counts, who says.

Encyclopedia tables copied as text keep their pipes: a header line, a line of dashes,
then a line per row. A row's first cell names who is counted ("Civilians", "Military
(all sides)", "TPLF allied forces"); a "Source" column names the claimant and a
"Period"/"Date" column the period. A row whose first cell is already a figure continues
the row above it (a cell spanning rows).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SEPARATOR_RE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)+\|?\s*$")
_SOURCE_HEADER_RE = re.compile(
    r"\b(?:source|sources|reported\s+by|according\s+to|claimed\s+by|claimant)\b", re.I
)
_PERIOD_HEADER_RE = re.compile(r"\b(?:period|date|dates|time|years?|as\s+of)\b", re.I)


@dataclass(frozen=True)
class TableRow:
    start: int  # where the row's line starts in the text
    end: int
    label: str  # the first cell: who is counted
    source: str | None  # the cell of a "Source" column
    period: str | None  # the cell of a "Period" or "Date" column


def table_rows(text: str) -> list[TableRow]:
    """Every row of every pipe table in `text`, with its offsets."""
    rows: list[TableRow] = []
    lines = _lines(text)
    index = 0
    while index + 1 < len(lines):
        start, line = lines[index]
        if line.count("|") >= 2 and _SEPARATOR_RE.match(lines[index + 1][1]):
            header = _cells(line)
            source = _column(header, _SOURCE_HEADER_RE)
            period = _column(header, _PERIOD_HEADER_RE)
            label = None
            index += 2
            while index < len(lines) and "|" in lines[index][1]:
                row_start, row = lines[index]
                cells = _cells(row)
                if cells and re.search(r"\d", cells[0]) and label is not None:
                    cells = [label, *cells]  # continues the row above
                if cells:
                    label = cells[0]
                    rows.append(
                        TableRow(
                            row_start,
                            row_start + len(row),
                            cells[0],
                            _cell(cells, source),
                            _cell(cells, period),
                        )
                    )
                index += 1
            continue
        index += 1
    return rows


def _lines(text: str) -> list[tuple[int, str]]:
    out, position = [], 0
    for line in text.split("\n"):
        out.append((position, line))
        position += len(line) + 1
    return out


def _cells(line: str) -> list[str]:
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    while cells and not cells[-1]:
        cells.pop()
    return cells


def _column(header: list[str], pattern: re.Pattern[str]) -> int | None:
    return next((i for i, cell in enumerate(header) if pattern.search(cell)), None)


def _cell(cells: list[str], column: int | None) -> str | None:
    if column is None or column >= len(cells) or not cells[column]:
        return None
    return cells[column]
