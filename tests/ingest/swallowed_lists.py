"""Lists with a quote left open, as a CSV and as a spreadsheet, pandas or a JSON export reads
that CSV: the rows after the quote end up inside one cell. Simulated values only."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass

FORMATS = ("csv", "xlsx", "parquet", "jsonl")
FILENAMES = {"csv": "l.csv", "xlsx": "l.xlsx", "parquet": "l.parquet", "jsonl": "l.jsonl"}


@dataclass
class Swallowed:
    """`rows` data rows (each `header`-wide) whose cell (`row`, `column`) opens a quote that
    the cell (`closed_at`) closes, or that nothing closes."""

    header: list[str]
    rows: list[list[str]]
    row: int  # 0-based data row of the stray quote
    column: int
    closed_at: tuple[int, int] | None  # (data row, column) of the closing quote

    def csv_text(self) -> str:
        cells = [[_quoted(cell) for cell in r] for r in self.rows]
        cells[self.row][self.column] = '"' + cells[self.row][self.column]
        if self.closed_at:
            row, column = self.closed_at
            cells[row][column] = cells[row][column] + '"'
        return "".join(",".join(r) + "\n" for r in [self.header, *cells])

    def as_read(self) -> list[list[str]]:
        """The data rows as a spreadsheet or pandas reads the CSV: the swallowed rows inside
        one cell, the rest of the closing line in the cells after it."""
        return list(csv.reader(io.StringIO(self.csv_text(), newline=""), strict=False))[1:]

    def file(self, fmt: str) -> bytes:
        if fmt == "csv":
            return self.csv_text().encode()
        return list_file(fmt, self.header, self.as_read())

    def source(self) -> dict:
        return {"id": "s", "path": "", "columns": {"name": self.header[0]}}


def list_file(fmt: str, header: list[str], rows: list[list[str]]) -> bytes:
    """The rows (as read: some may be narrower or wider than the header) in a format."""
    if fmt == "csv":
        out = io.StringIO(newline="")
        csv.writer(out, lineterminator="\n").writerows([header, *rows])
        return out.getvalue().encode()
    width = len(header)
    if fmt == "xlsx":
        import openpyxl

        book = openpyxl.Workbook()
        for row in [header, *rows]:
            book.active.append(row)
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue()
    if any(len(r) > width for r in rows):
        raise ValueError("pandas refuses a row wider than the header; no such file exists")
    padded = [r + [None] * (width - len(r)) for r in rows]
    if fmt == "jsonl":
        lines = [json.dumps(dict(zip(header, r, strict=True)), ensure_ascii=False) for r in padded]
        return ("\n".join(lines) + "\n").encode()
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table({h: [r[i] for r in padded] for i, h in enumerate(header)})
    buffer = io.BytesIO()
    pq.write_table(table, buffer)
    return buffer.getvalue()


def _quoted(cell: str) -> str:
    """A cell as a CSV writer writes it (the stray quotes are added to cells that need none)."""
    if any(c in cell for c in ',"\r\n'):
        return '"' + cell.replace('"', '""') + '"'
    return cell
