"""Stream the rows of one XLSX worksheet as text, several times faster than openpyxl's cells.

openpyxl (read-only mode) opens the workbook and provides the sheet's XML
stream, its shared strings and which styles are dates. The rows themselves
are cut out of the XML a block at a time with compiled patterns (SpreadsheetML
rows and cells have a fixed, flat shape), so the Python work per cell is a few
string operations. A formula cell gives the formula's text ("=SUM(A1)"),
never a value computed from it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from openpyxl.utils.datetime import from_excel

BLOCK_BYTES = 4 << 20
_P = r"(?:[A-Za-z_][\w.-]*:)?"  # an optional namespace prefix, as in <x:row>
ROW = re.compile(rf"<{_P}row\b([^>]*?)(?:/>|>(.*?)</{_P}row>)", re.S)
ROW_PREFIX = re.compile(rb"[A-Za-z_][\w.-]*:")
CELL = re.compile(rf"<{_P}c\b([^>]*?)(?:/>|>(.*?)</{_P}c>)", re.S)
VALUE = re.compile(rf"<{_P}v>(.*?)</{_P}v>", re.S)
FORMULA = re.compile(rf"<{_P}f\b[^>]*?(?:/>|>(.*?)</{_P}f>)", re.S)
TEXT = re.compile(rf"<{_P}t\b[^>]*?(?:/>|>(.*?)</{_P}t>)", re.S)
CELL_OPEN = re.compile(rf"<{_P}c[\s/>]".encode())
PLAIN_CELL = re.compile(
    rb'<c r="([A-Z]{1,3})(\d+)"(?: s="(\d+)")?(?: t="(s|n|str|b|e|inlineStr)")?'
    rb'(?:/>|>(?:<v>([^<]*)</v>|<is><t(?: xml:space="preserve")?>([^<]*)</t></is>)?</c>)'
)
ATTRIBUTE = re.compile(r"""\b(r|s|t)\s*=\s*["']([^"']*)["']""")
ENTITY = re.compile(r"&(#x[0-9A-Fa-f]+|#\d+|amp|lt|gt|quot|apos);")
NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
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


def unescape(text: str) -> str:
    if "&" not in text:
        return text
    return ENTITY.sub(_entity, text)


def _entity(match: re.Match) -> str:
    name = match.group(1)
    if name[0] == "#":
        code = int(name[2:], 16) if name[1] in "xX" else int(name[1:])
        return chr(code) if 0 <= code <= 0x10FFFF else match.group(0)
    return NAMED[name]


DEFAULT_MAX_CELLS = 50_000_000
MAX_ROW_BYTES = 64 << 20  # of XML for one row: far past any real row


class SheetDamaged(Exception):
    """The sheet's XML cannot be a real sheet."""


class SheetTooLarge(Exception):
    """More cells than the cap allows; `row` is the sheet row where the count passed it."""

    def __init__(self, row: int, cells: int):
        self.row = row
        self.cells = cells
        super().__init__(f"more than {cells:,} cells by sheet row {row}")


@dataclass
class RowBounds:
    """What reading a sheet may cost: `max_cells` cells in all, counted as rows x their width.

    Once `width` is set (the header's), the cells past it are folded into one extra
    cell that tells whether the row has anything there, so a stray value in column
    XFD costs one cell, not sixteen thousand.
    """

    max_cells: int = DEFAULT_MAX_CELLS
    width: int | None = None
    cells: int = 0

    def count(self, row: int, cells: int) -> None:
        self.cells += cells
        if self.cells > self.max_cells:
            raise SheetTooLarge(row, self.max_cells)


def sheet_rows(sheet, book, bounds: RowBounds | None = None) -> Iterator[tuple[str | None, ...]]:
    """Every row of the sheet from row 1 to its last row with a value, as a tuple of cell texts.

    Rows without a value are empty tuples, and only when a row with a value comes
    after them: a sheet that declares a million formatted but empty rows costs
    nothing for them.
    """
    bounds = bounds or RowBounds()
    # openpyxl's read-only worksheet keeps these for its own (slower) parser.
    reader = _CellReader(sheet._shared_strings, book._date_formats, book.epoch, bounds)
    expected = 1  # the number of a row that does not say its own
    emitted = 0
    pending = b""
    with sheet._get_source() as source:
        while True:
            block = source.read(BLOCK_BYTES)
            pending += block
            if len(pending) > MAX_ROW_BYTES:
                raise SheetDamaged(
                    f"over {MAX_ROW_BYTES >> 20} MB of the sheet's XML hold no complete row "
                    "(a damaged sheet, or one built to expand when unzipped)"
                )
            cut = _last_row_end(pending) if block else len(pending)
            segment = pending[:cut]
            rows = reader.plain_rows(segment)
            if rows is None:
                text = segment.decode("utf-8", "replace")
                rows = (
                    (_row_number(m.group(1), 0), reader.row(m.group(2))) for m in ROW.finditer(text)
                )
            for number, values in rows:
                number = number or expected
                expected = number + 1
                if not values or number <= emitted:
                    continue
                bounds.count(number, (number - emitted - 1) * (bounds.width or 1) + len(values))
                while emitted < number - 1:
                    yield ()
                    emitted += 1
                yield values
                emitted = number
            pending = pending[cut:]
            if not block:
                return


def _last_row_end(data: bytes) -> int:
    """Where the last complete </row> (or </x:row>) of the data ends; 0 when there is none."""
    end = len(data)
    while True:
        found = data.rfind(b"row>", 0, end)
        if found < 0:
            return 0
        opening = data.rfind(b"</", 0, found)
        if opening >= 0 and (
            opening + 2 == found or ROW_PREFIX.fullmatch(data, opening + 2, found)
        ):
            return found + 4
        end = found


def _row_number(attributes: str, expected: int) -> int:
    for name, value in ATTRIBUTE.findall(attributes):
        if name == "r" and value.isdigit():
            return int(value)
    return expected


class _CellReader:
    def __init__(self, shared, date_styles, epoch, bounds: RowBounds):
        self.shared = shared
        self.date_styles = date_styles
        self.epoch = epoch
        self.bounds = bounds
        self._shared_array: pa.Array | None = None

    def _last_column(self) -> int | None:
        return None if self.bounds.width is None else self.bounds.width + 1

    def plain_rows(self, segment: bytes) -> list[tuple[int, tuple]] | None:
        """Rows of a block whose cells all have the plain shape most writers use, or None.

        One pattern pass in C finds every cell; values are resolved per column
        with Arrow. Any other shape (formulas, rich text, prefixes, other
        attribute order) sends the block to the general path.
        """
        cells = PLAIN_CELL.findall(segment)
        if len(cells) != len(CELL_OPEN.findall(segment)):
            return None
        try:
            return self._plain_rows(cells)
        except pa.ArrowInvalid:
            return None

    def _plain_rows(self, cells: list[tuple[bytes, ...]]) -> list[tuple[int, tuple]]:
        if not cells:
            return []
        letters, numbers, styles, kinds, values, inline = (
            pa.array(part, pa.binary()).cast(pa.string()) for part in zip(*cells, strict=True)
        )  # a cast that meets broken UTF-8 raises, and the block takes the general path
        row_numbers = pc.cast(numbers, pa.int64()).to_numpy()
        letter_codes = letters.dictionary_encode()
        columns = np.asarray(
            [column_index(x) for x in letter_codes.dictionary.to_pylist()], dtype=np.int64
        )[letter_codes.indices.to_numpy(zero_copy_only=False)]
        text = pc.if_else(pc.equal(kinds, "inlineStr"), inline, values)
        text = self._resolve(text, kinds, styles)
        filled = text.is_valid().to_numpy(zero_copy_only=False)
        if not filled.any():
            return []
        row_numbers, columns = row_numbers[filled], columns[filled]
        last_column = self._last_column()
        if last_column is not None:
            columns = np.minimum(columns, last_column)
        present, position = np.unique(row_numbers, return_inverse=True)
        width = int(columns.max())
        cells = text.filter(pa.array(filled)).to_pylist()
        if len(present) * width > 8 * len(cells) + 64 * len(present):
            # sparse (a value far to the right): row by row, not a mostly empty grid
            by_row: dict[int, dict[int, str]] = {}
            for number, column, value in zip(row_numbers, columns, cells, strict=True):
                by_row.setdefault(int(number), {})[int(column)] = value
            return [
                (n, tuple(row.get(i) for i in range(1, max(row) + 1)))
                for n, row in sorted(by_row.items())
            ]
        grid = np.full((len(present), width), None, dtype=object)
        grid[position, columns - 1] = np.asarray(cells, dtype=object)
        return [(int(n), _trimmed(row)) for n, row in zip(present, grid, strict=True)]

    def _resolve(self, text: pa.Array, kind: pa.Array, style: pa.Array) -> pa.Array:
        is_shared = pc.equal(kind, "s")
        if pc.any(is_shared).as_py():
            if self._shared_array is None:
                self._shared_array = pa.array([str(x) for x in self.shared], pa.string())
            indices = pc.cast(pc.if_else(is_shared, text, "0"), pa.int64())
            text = pc.if_else(is_shared, self._shared_array.take(indices), text)
        is_number = pc.or_(pc.equal(kind, ""), pc.equal(kind, "n"))
        text = pc.if_else(
            is_number, pc.replace_substring_regex(text, r"^(-?\d+)\.0+$", r"\1"), text
        )
        text = pc.if_else(
            pc.equal(kind, "b"), pc.if_else(pc.equal(text, "1"), "TRUE", "FALSE"), text
        )
        text = pc.if_else(pc.equal(text, ""), pa.scalar(None, pa.string()), text)
        is_date = pc.and_(
            is_number, pc.is_in(style, pa.array([str(s) for s in self.date_styles], pa.string()))
        )
        needs_python = pc.or_(is_date, pc.match_substring(text, "&"))
        if pc.any(needs_python).as_py():
            values = text.to_pylist()
            for i in np.flatnonzero(needs_python.fill_null(False).to_numpy(zero_copy_only=False)):
                if values[i] is not None:
                    values[i] = (
                        _date_text(values[i], self.epoch)
                        if is_date[i].as_py()
                        else unescape(values[i])
                    )
            text = pa.array(values, pa.string())
        return text

    def row(self, body: str | None) -> tuple[str | None, ...]:
        if not body:
            return ()
        cells: dict[int, str | None] = {}
        column = 0
        for attributes, inner in CELL.findall(body):
            reference = kind = style = None
            for name, value in ATTRIBUTE.findall(attributes):
                if name == "r":
                    reference = value
                elif name == "t":
                    kind = value
                else:
                    style = value
            column = column_index(reference) if reference else column + 1
            value = self.cell(kind or "n", style, inner) if inner else None
            if value is not None:
                last_column = self._last_column()
                cells[column if last_column is None else min(column, last_column)] = value
        if not cells:
            return ()
        return tuple(cells.get(i) for i in range(1, max(cells) + 1))

    def cell(self, kind: str, style: str | None, inner: str) -> str | None:
        if "<f" in inner or ":f" in inner:
            formula = FORMULA.search(inner)
            if formula and formula.group(1):
                return "=" + unescape(formula.group(1))
        if kind == "inlineStr":
            return unescape("".join(t or "" for t in TEXT.findall(inner)))
        found = VALUE.search(inner)
        if found is None or found.group(1) == "":
            return None
        value = found.group(1)
        if kind == "s":
            return str(self.shared[int(value)])
        if kind == "b":
            return "TRUE" if value == "1" else "FALSE"
        if kind != "n":
            return unescape(value)  # str, e (errors like #N/A), d (ISO dates) stay as written
        if style and style.isdigit() and int(style) in self.date_styles:
            return _date_text(value, self.epoch)
        return _number_text(value)


def _trimmed(row) -> tuple:
    """The row without its empty cells at the end."""
    end = len(row)
    while end and row[end - 1] is None:
        end -= 1
    return tuple(row[:end])


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
