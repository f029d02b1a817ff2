"""Stream the rows of one XLSX worksheet as text, faster than openpyxl's cell objects.

openpyxl (read-only mode) opens the workbook and provides the sheet's XML
stream, its shared strings and which styles are dates; this module feeds the
XML to expat a block at a time and keeps only the rows of that block. A
formula cell gives the formula's text ("=SUM(A1)"), never a value computed
from it.
"""

from __future__ import annotations

from collections.abc import Iterator
from xml.parsers import expat

from openpyxl.utils.datetime import from_excel

BLOCK_BYTES = 1 << 20
_COLUMNS: dict[str, int] = {}


def column_index(reference: str) -> int:
    """1-based column of a cell reference like 'AB12'."""
    letters = reference.rstrip("0123456789")
    index = _COLUMNS.get(letters)
    if index is None:
        index = 0
        for letter in letters.upper():
            index = index * 26 + (ord(letter) - 64)
        _COLUMNS[letters] = index
    return index


class _SheetHandler:
    """expat callbacks that turn <row>/<c> elements into tuples of cell text."""

    def __init__(self, shared, date_styles, epoch):
        self.shared = shared
        self.date_styles = date_styles
        self.epoch = epoch
        self.rows: list[tuple[int, tuple[str | None, ...]]] = []
        self.row_number = 0
        self.cells: dict[int, str | None] = {}
        self.column = 0
        self.kind = "n"
        self.style: str | None = None
        self.text: list[str] | None = None
        self.value: str | None = None
        self.formula: str | None = None
        self.inline: list[str] | None = None

    def start(self, name: str, attrs: dict) -> None:
        tag = name.rpartition(":")[2]
        if tag == "c":
            reference = attrs.get("r")
            self.column = column_index(reference) if reference else self.column + 1
            self.kind = attrs.get("t", "n")
            self.style = attrs.get("s")
            self.value = self.formula = self.inline = None
        elif tag == "v" or tag == "f":
            self.text = []
        elif tag == "t" and self.inline is not None:
            self.text = []
        elif tag == "is":
            self.inline = []
        elif tag == "row":
            self.row_number = int(attrs.get("r") or self.row_number + 1)
            self.cells = {}
            self.column = 0

    def end(self, name: str) -> None:
        tag = name.rpartition(":")[2]
        if tag == "v":
            self.value = "".join(self.text or ())
            self.text = None
        elif tag == "f":
            self.formula = "".join(self.text or ())
            self.text = None
        elif tag == "t" and self.inline is not None and self.text is not None:
            self.inline.append("".join(self.text))
            self.text = None
        elif tag == "c":
            self.cells[self.column] = self._cell_text()
        elif tag == "row":
            cells = self.cells
            values = tuple(cells.get(i) for i in range(1, max(cells) + 1)) if cells else ()
            self.rows.append((self.row_number, values))

    def characters(self, data: str) -> None:
        if self.text is not None:
            self.text.append(data)

    def _cell_text(self) -> str | None:
        if self.formula:
            return "=" + self.formula
        if self.kind == "inlineStr":
            return None if self.inline is None else "".join(self.inline)
        value = self.value
        if value is None or value == "":
            return None
        if self.kind == "s":
            return str(self.shared[int(value)])
        if self.kind == "b":
            return "TRUE" if value == "1" else "FALSE"
        if self.kind != "n":
            return value  # str, e (errors like #N/A), d (ISO dates) stay as written
        if self.style and int(self.style) in self.date_styles:
            return _date_text(value, self.epoch)
        return _number_text(value)


def sheet_rows(sheet, book) -> Iterator[tuple[str | None, ...]]:
    """Every row of the sheet from row 1, as a tuple of cell texts; missing rows are empty tuples."""
    # openpyxl's read-only worksheet keeps these for its own (slower) parser.
    handler = _SheetHandler(sheet._shared_strings, book._date_formats, book.epoch)
    parser = expat.ParserCreate()
    parser.buffer_text = True
    parser.StartElementHandler = handler.start
    parser.EndElementHandler = handler.end
    parser.CharacterDataHandler = handler.characters
    expected = 1
    with sheet._get_source() as source:
        while True:
            block = source.read(BLOCK_BYTES)
            parser.Parse(block, not block)
            for number, values in handler.rows:
                while expected < number:
                    yield ()
                    expected += 1
                yield values
                expected = number + 1
            handler.rows.clear()
            if not block:
                return


def _date_text(value: str, epoch) -> str:
    try:
        stamp = from_excel(float(value), epoch)
    except (OverflowError, ValueError):
        return value
    if hasattr(stamp, "hour") and (stamp.hour, stamp.minute, stamp.second) == (0, 0, 0):
        return stamp.date().isoformat()
    return stamp.isoformat(sep=" ") if hasattr(stamp, "isoformat") else str(stamp)


def _number_text(value: str) -> str:
    """Whole numbers without a trailing '.0' (Excel stores 34 as '34' or '34.0')."""
    try:
        number = float(value)
    except ValueError:
        return value
    if number.is_integer() and abs(number) < 1e15:
        return str(int(number))
    return value
