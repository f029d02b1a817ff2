"""Stream a source file as chunks of text columns, numbering every data row.

A reader yields `Chunk`s: an Arrow table of rows that could be read
(`source_row` plus one text column per file column, or the whole line for
JSON lines) and an Arrow table of rows that could not (`source_row`,
`reason`, `field`, `raw`). Only one chunk is held as Python objects at a
time. Values are never interpreted here: a spreadsheet formula stays the
text of the formula, a number stays the digits it was written with.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain, islice
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from recount.errors import InputError
from recount.ingest.detect import display_encoding
from recount.ingest.norms import ColumnNorms, LengthRule
from recount.ingest.sheetxml import (
    DEFAULT_MAX_CELLS,
    RowBounds,
    SheetDamaged,
    SheetTooLarge,
    sheet_rows,
)
from recount.ingest.swallowed import (
    ROWS_SPLIT,
    escaped_break_lines,
    json_line_rows,
    multiline_rows,
    renumber,
    split_row,
    split_rows,
)

CHUNK_ROWS = 100_000
MAX_FIELD_CHARS = 16 * 1024 * 1024
QUARANTINE_SCHEMA = pa.schema(
    [
        ("source_row", pa.int64()),
        ("reason", pa.string()),
        ("field", pa.string()),
        ("raw", pa.string()),
    ]
)
ESCAPE_ERRORS = "recount_escape"
UNDECODABLE = "undecodable_bytes"  # the quarantine reason of a row holding such bytes
_ESCAPED_BYTE = re.compile("[\udc00-\udcff]")


def _escape_undecodable(error: UnicodeDecodeError) -> tuple[str, int]:
    """Keep each undecodable byte as a lone surrogate, so the row can be found and quarantined."""
    bad = error.object[error.start : error.end]
    return "".join(chr(0xDC00 + b) for b in bad), error.end


codecs.register_error(ESCAPE_ERRORS, _escape_undecodable)


def unescape(text: str) -> str:
    """Text with escaped bytes shown as \\xNN, safe to store."""
    return _ESCAPED_BYTE.sub(lambda m: f"\\x{ord(m.group()) - 0xDC00:02x}", text)


_SHOWN_BYTE = re.compile(r"\\x([0-9a-f]{2})")


def stored_bytes(text: str, encoding: str) -> bytes:
    """The bytes of a row `unescape` stored: its text in `encoding`, each \\xNN the byte."""
    parts = _SHOWN_BYTE.split(text)  # text, byte, text, byte, ..., text
    return b"".join(
        bytes([int(part, 16)]) if i % 2 else part.encode(encoding, "replace")
        for i, part in enumerate(parts)
    )


@dataclass
class Chunk:
    rows: pa.Table
    quarantine: pa.Table
    progress: float | None  # fraction of the file read so far, None when unknown
    issues: pa.Array | None = None  # per row: what reading it found doubtful (None: nothing)


class UndecodableRow(InputError):
    """A row that is not valid text in an encoding the config declared."""


class Reader:
    """Base of the readers: one per format."""

    format: str = ""
    encoding: str | None = None
    delimiter: str | None = None
    header: list[str] = []
    lines_read: int | None = None  # physical lines read, the header's included (Parquet: rows)

    def __init__(self, path: Path, strict_encoding: bool = False, rule: LengthRule | None = None):
        self.path = path
        self.strict_encoding = strict_encoding
        self.rule = rule or LengthRule()

    def chunks(self) -> Iterator[Chunk]:
        raise NotImplementedError

    def close(self) -> None:
        """Release the file (readers that hold it open between calls override this)."""

    def _text_columns(
        self, columns: Sequence[Sequence[str | None]], source_rows: np.ndarray
    ) -> tuple[pa.Table, pa.Table]:
        """Arrow text columns; rows holding undecodable bytes go to quarantine instead."""
        names = ["source_row"] + [f"c{i}" for i in range(len(columns))]
        try:
            arrays = [pa.array(column, pa.string()) for column in columns]
        except (UnicodeEncodeError, pa.ArrowInvalid):
            return self._split_undecodable(columns, source_rows, names)
        return pa.table(
            [pa.array(source_rows, pa.int64()), *arrays], names=names
        ), _empty_quarantine()

    def _split_undecodable(self, columns, source_rows, names) -> tuple[pa.Table, pa.Table]:
        bad = np.zeros(len(source_rows), dtype=bool)
        bad_field: dict[int, str] = {}
        for index, column in enumerate(columns):
            for position, value in enumerate(column):
                if value is not None and _ESCAPED_BYTE.search(value):
                    bad[position] = True
                    bad_field.setdefault(position, self._column_label(index))
        first = int(np.argmax(bad))
        if self.strict_encoding:
            raise UndecodableRow(
                str(self.path),
                f"not valid {display_encoding(self.encoding)} text (the encoding the config declares); "
                "remove `encoding` to detect it, or declare the right one",
                row=int(source_rows[first]),
                field=bad_field[first],
            )
        keep = ~bad
        arrays = [
            pa.array([v for v, k in zip(column, keep, strict=True) if k], pa.string())
            for column in columns
        ]
        rows = pa.table([pa.array(source_rows[keep], pa.int64()), *arrays], names=names)
        positions = np.flatnonzero(bad)
        quarantine = _quarantine(
            source_rows[positions],
            UNDECODABLE,
            [bad_field[int(p)] for p in positions],
            [self._raw_row([column[p] for column in columns]) for p in positions],
        )
        return rows, quarantine

    def _column_label(self, index: int) -> str:
        return self.header[index] if index < len(self.header) else f"column_{index + 1}"

    def _raw_row(self, values: Sequence[str | None]) -> str:
        return unescape(json.dumps(list(values), ensure_ascii=False))


def _empty_quarantine() -> pa.Table:
    return QUARANTINE_SCHEMA.empty_table()


def _quarantine(
    source_rows, reason: str, fields: Sequence[str | None], raws: Sequence[str]
) -> pa.Table:
    return pa.table(
        [
            pa.array(np.asarray(source_rows, dtype=np.int64)),
            pa.array([reason] * len(raws), pa.string()),
            pa.array(list(fields), pa.string()),
            pa.array(list(raws), pa.string()),
        ],
        schema=QUARANTINE_SCHEMA,
    )


def _with_rows_split(
    chunks: Iterator[Chunk],
    count: Callable[[pa.Table], None],
    candidates: Callable[[pa.Table], np.ndarray],
    split_one: Callable[[list[str | None]], list | None],
) -> Iterator[Chunk]:
    """The chunks with every row that swallowed others split into them (swallowed.py), the
    rows after numbered on, and the rows split out flagged `rows_split`.

    `count` learns the columns' lengths from each chunk before its rows are judged."""
    added_so_far = 0
    for chunk in chunks:
        rows, quarantine, issues = chunk.rows, chunk.quarantine, chunk.issues
        if added_so_far:
            rows = _moved_on(rows, added_so_far)
            quarantine = _moved_on(quarantine, added_so_far)
        count(rows)
        positions = candidates(rows)
        if len(positions):
            before = rows.column(0).to_numpy()
            rows, split_at, added, _from_split = split_rows(rows, positions, split_one)
            if len(split_at):
                numbers = renumber(quarantine.column(0).to_numpy(), split_at, added)
                quarantine = quarantine.set_column(0, "source_row", pa.array(numbers, pa.int64()))
                issues = _issues_after_split(issues, before, split_at, added)
                added_so_far += int(added.sum())
        yield Chunk(rows, quarantine, chunk.progress, issues)


def _issues_after_split(
    issues: pa.Array | None, numbers: np.ndarray, split_at: np.ndarray, added: np.ndarray
) -> pa.Array:
    """The reader's issues of the rows after a split: the rows split out are flagged
    `rows_split`, beside what their row had (such as the encoding its line was read in)."""
    added_by_row = dict(zip(split_at.tolist(), added.tolist(), strict=True))
    had = issues.to_pylist() if issues is not None else [None] * len(numbers)
    out: list[str | None] = []
    for number, flag in zip(numbers.tolist(), had, strict=True):
        if number in added_by_row:
            split_flag = f"{ROWS_SPLIT};{flag}" if flag else ROWS_SPLIT
            out += [split_flag] * (1 + added_by_row[number])
        else:
            out.append(flag)
    return pa.array(out, pa.string())


def _has_break(cell: object) -> bool:
    return isinstance(cell, str) and ("\n" in cell or "\r" in cell)


def _moved_on(table: pa.Table, by: int) -> pa.Table:
    return table.set_column(0, "source_row", pc.add(table.column(0), pa.scalar(by, pa.int64())))


def header_names(cells: Sequence[object]) -> list[str]:
    """Column names as written; blanks become column_N and repeats get ' (2)', ' (3)'."""
    names: list[str] = []
    seen: dict[str, int] = {}
    for index, cell in enumerate(cells):
        name = "" if cell is None else str(cell).replace("\ufeff", "").strip()
        name = name or f"column_{index + 1}"
        if name in seen:
            seen[name] += 1
            name = f"{name} ({seen[name]})"
        else:
            seen[name] = 1
        names.append(name)
    return names


class DelimitedReader(Reader):
    """CSV and TSV through the csv module's C parser, a chunk of rows at a time."""

    def __init__(
        self,
        path: Path,
        fmt: str,
        codec: str,
        delimiter: str,
        strict_encoding: bool = False,
        fallbacks: Sequence[str] = (),
        rule: LengthRule | None = None,
        utf8_lines: bool = False,
    ):
        super().__init__(path, strict_encoding, rule)
        self.format = fmt
        self.encoding = "+".join([codec, *fallbacks]) if fallbacks else codec
        self.delimiter = delimiter
        self.raw_header: list[str] = []
        self._size = max(path.stat().st_size, 1)
        self._binary = open(path, "rb")  # noqa: SIM115 - closed in chunks()
        if fallbacks or utf8_lines:
            # each line in the first encoding it is valid in; a line valid in none is quarantined
            tried = ["utf_8", codec] if utf8_lines else [codec, *fallbacks]
            self._text = _lines_decoded(self._binary, tried, codec)
        else:
            self._text = io.TextIOWrapper(
                self._binary, encoding=codec, errors=ESCAPE_ERRORS, newline=""
            )
        csv.field_size_limit(MAX_FIELD_CHARS)
        # the physical lines behind the rows parsed since the last chunk
        self._lines: list[str] = []
        self._reader = self._parser(_recorded(self._text, self._lines))
        self._read_header()
        # one column: a line is a value, so a quoted field's lines are told from rows by length
        self._norms = ColumnNorms(1, self.rule) if len(self.header) == 1 else None

    def _parser(self, lines: Iterable[str]):
        return csv.reader(lines, delimiter=self.delimiter, strict=False)

    def _read_header(self) -> None:
        for row in self._guard(lambda: self._reader):
            if any(field.strip() for field in row):
                self.raw_header = [unescape(field) for field in row]
                self.header = header_names(self.raw_header)
                self.lines_read = len(self._lines)
                self._lines.clear()
                return
        self.close()
        raise InputError(str(self.path), "the file is empty: no header row")

    def _guard(self, make):
        try:
            yield from make()
        except csv.Error as exc:
            raise InputError(
                str(self.path), f"cannot parse the file near line {self._reader.line_num}: {exc}"
            ) from None

    def close(self) -> None:
        self._binary.close()

    def chunks(self) -> Iterator[Chunk]:
        width = len(self.header)
        next_row = 1
        try:
            while True:
                rows, refused, decoded = self._next_rows(width)
                if not rows:
                    return
                source_rows = np.arange(next_row, next_row + len(rows), dtype=np.int64)
                next_row += len(rows)
                good, kept, quarantine = self._shape(rows, width, source_rows, refused)
                columns = list(zip(*good, strict=True)) if good else [()] * width
                table, undecodable = self._text_columns(columns, source_rows[kept])
                yield Chunk(
                    table,
                    pa.concat_tables([quarantine, undecodable]),
                    min(self._binary.tell() / self._size, 1.0),
                    _decoded_issues(table, source_rows, decoded),
                )
        finally:
            self.close()

    def _next_rows(
        self, width: int
    ) -> tuple[list[list[str]], dict[int, tuple[str, str | None]], list[str | None]]:
        """The next chunk's rows, one per physical line unless a quoted field really spans lines.

        A quote that opens and is never closed where it should be makes the parser
        take the lines after it as one field. Such a row is refused (its first line
        goes to quarantine as `unbalanced_quote`) and the lines it swallowed are
        parsed again as the rows they are. Also, per row, the fallback encoding its
        lines were decoded in (None: the first one).
        """
        rows: list[list[str]] = []
        overflow = False
        try:
            rows.extend(islice(self._reader, CHUNK_ROWS))
        except csv.Error:
            overflow = True  # a field past MAX_FIELD_CHARS
        lines = list(self._lines)
        self._lines.clear()
        self.lines_read += len(lines)
        if self._norms is not None:
            self._norms.add_lengths(0, (len(line.rstrip("\r\n")) for line in lines))
        # one line per row, unless the last row's quote ran to the end of the file
        if len(lines) == len(rows) and not overflow and not (rows and _breaks(rows[-1])):
            return rows, {}, [getattr(line, "codec", None) for line in lines]
        return _split_swallowed(lines, self)

    def _shape(
        self,
        rows: list[list[str]],
        width: int,
        source_rows: np.ndarray,
        refused: dict[int, tuple[str, str | None]],
    ) -> tuple[list, np.ndarray, pa.Table]:
        """Rows with the header's width; blank lines padded, ragged rows quarantined."""
        lengths = np.fromiter(map(len, rows), dtype=np.int64, count=len(rows))
        odd = np.flatnonzero(lengths != width)
        if refused:
            odd = np.union1d(odd, np.fromiter(refused, dtype=np.int64))
        keep = np.ones(len(rows), dtype=bool)
        if not len(odd):
            return rows, keep, _empty_quarantine()
        bad_rows, reasons, fields, raws = [], [], [], []
        for position in odd:
            row = rows[position]
            if position in refused:
                reason, field = refused[int(position)]
                keep[position] = False
                bad_rows.append(position)
                reasons.append(reason)
                fields.append(field)
                raws.append(unescape(row[0]) if row else "")
            elif not any(field.strip() for field in row):
                rows[position] = [""] * width
            elif len(row) > width and not any(field.strip() for field in row[width:]):
                rows[position] = row[:width]
            else:
                keep[position] = False
                bad_rows.append(position)
                reasons.append("too_few_fields" if len(row) < width else "too_many_fields")
                fields.append(None)
                raws.append(self._raw_row(row))
        if not bad_rows:
            return rows, keep, _empty_quarantine()
        good = [row for row, k in zip(rows, keep, strict=True) if k]
        quarantine = pa.concat_tables(
            [
                _quarantine(source_rows[[p]], reason, [field], [raw])
                for p, reason, field, raw in zip(bad_rows, reasons, fields, raws, strict=True)
            ]
        )
        return good, keep, quarantine


# A quoted field may hold a line break (an address on two lines); one that holds
# lines looking like whole rows, or this many lines, is a quote left open.
MAX_FIELD_LINES = 20
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


_BINARY_LINE = re.compile(rb"[^\r\n]*(?:\r\n|\r|\n)")


def _lines_decoded(binary, codecs: Sequence[str], main: str) -> Iterator[str]:
    """The file's lines, each decoded by the first codec it is valid in; a line decoded by
    another than `main` is a FallbackLine naming it (bytes valid in none are escaped under
    `main`, so the row is quarantined as undecodable_bytes)."""
    pending = b""
    while block := binary.read(1 << 20):
        data = pending + block
        lines = _BINARY_LINE.findall(data)
        if lines and lines[-1].endswith(b"\r"):
            lines.pop()  # \r then, maybe, \n in the next block
        pending = data[sum(map(len, lines)) :]  # a line the block cut short
        for line in lines:
            yield _decode_line(line, codecs, main)
    if pending:
        yield _decode_line(pending, codecs, main)


class FallbackLine(str):
    """A line decoded by another encoding than the file's: a fallback of `encoding = "utf-8,
    windows-1256"`, or UTF-8 in a file detected as Windows-1252."""

    codec: str


def _decode_line(line: bytes, codecs: Sequence[str], main: str) -> str:
    if line.isascii():
        return line.decode("ascii")  # the same text in every codec tried
    for codec in codecs:
        try:
            text = line.decode(codec)
        except UnicodeDecodeError:
            continue
        if codec == main:
            return text
        decoded = FallbackLine(text)
        decoded.codec = codec
        return decoded
    return line.decode(main, ESCAPE_ERRORS)


DECODED_AS = "decoded_as:"


def _decoded_issues(
    table: pa.Table, source_rows: np.ndarray, decoded: list[str | None]
) -> pa.Array | None:
    """`decoded_as:<encoding>` for the rows read from lines in a fallback encoding."""
    by_row = {
        int(row): DECODED_AS + display_encoding(codec)
        for row, codec in zip(source_rows, decoded, strict=True)
        if codec
    }
    if not by_row:
        return None
    return pa.array([by_row.get(row) for row in table.column(0).to_pylist()], pa.string())


def _recorded(text: Iterable[str], kept: list[str]) -> Iterator[str]:
    for line in text:
        kept.append(line)
        yield line


def _breaks(row: Sequence[str]) -> int:
    return sum(len(_LINE_BREAK.findall(field)) for field in row if "\n" in field or "\r" in field)


def _split_swallowed(lines: list[str], reader) -> tuple[list[list[str]], dict, list[str | None]]:
    """The rows of these lines with every quote left open undone: (rows, {position: (reason,
    field)}, the fallback encoding of each row's lines or None).

    The lines are parsed one row at a time; a row that a quote left open made
    of several lines is refused (its first line is kept as it was) and parsing
    starts again on the line after it, so the lines it took become rows again.
    """
    width, delimiter = len(reader.header), reader.delimiter
    out: list[list[str]] = []
    decoded: list[str | None] = []
    refused: dict[int, tuple[str, str | None]] = {}
    pending = deque(lines)
    while pending:
        for row, own, too_long in _rows_with_lines(reader, pending):
            beyond = (
                reader._norms is not None
                and len(own) > 1
                and bool(row)
                and reader._norms.beyond(0, len(row[0]))
            )
            if not too_long and not _swallowed(row, own, width, delimiter, not pending, beyond):
                out.append(row)
                decoded.append(next((line.codec for line in own if hasattr(line, "codec")), None))
                continue
            if too_long:
                reason, label = ("field_too_long" if len(own) == 1 else "unbalanced_quote"), None
            else:
                column = next(i for i, field in enumerate(row) if "\n" in field or "\r" in field)
                reason, label = "unbalanced_quote", reader._column_label(column)
            refused[len(out)] = (reason, label)
            out.append([own[0].rstrip("\r\n")])
            decoded.append(None)
            pending.extendleft(reversed(own[1:]))
            break  # parse again from the line after the refused one
        else:
            break
    return out, refused, decoded


def _rows_with_lines(reader, pending: deque) -> Iterator[tuple[list[str], list[str], bool]]:
    """(row, the lines it was parsed from, whether a field overflowed) from the pending lines."""
    taken: list[str] = []
    rows = reader._parser(_recorded(_drain(pending), taken))
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return
        except csv.Error:  # a field past MAX_FIELD_CHARS
            yield [], list(taken), True
            return
        yield row, list(taken), False
        taken.clear()


def _drain(pending: deque) -> Iterator[str]:
    while pending:
        yield pending.popleft()


def _swallowed(
    row: Sequence[str],
    lines: Sequence[str],
    width: int,
    delimiter: str,
    at_end: bool,
    beyond_norm: bool = False,
) -> bool:
    """A row spanning lines whose quote was left open: too many lines, lines shaped like rows
    (in a one-column file, where every line is: a field beyond the column's length norm), or
    a span that runs to the end of what was read without the quote closing."""
    if len(lines) > MAX_FIELD_LINES:
        return True
    if width == 1 and len(lines) > 1 and beyond_norm:
        return True
    if width >= 2 and len(lines) > 1:
        # a line wholly inside the field, or the first and the last together (the last holds
        # the rest of its row after the quote closes, so alone it proves nothing)
        if any(_row_shaped(line, width, delimiter) for line in lines[1:-1]):
            return True
        if _row_shaped(lines[0], width, delimiter) and _row_shaped(lines[-1], width, delimiter):
            return True
    return at_end and any(field.endswith(("\n", "\r")) for field in row)


def _row_shaped(line: str, width: int, delimiter: str) -> bool:
    return line.count(delimiter) >= width - 1


class JsonLinesReader(Reader):
    """One JSON object per line; the line is kept whole and read with DuckDB's JSON functions."""

    format = "jsonl"

    def __init__(
        self,
        path: Path,
        codec: str,
        strict_encoding: bool = False,
        rule: LengthRule | None = None,
        utf8_lines: bool = False,
    ):
        super().__init__(path, strict_encoding, rule)
        self.encoding = codec
        self.header = ["line"]
        self.utf8_lines = utf8_lines

    def chunks(self) -> Iterator[Chunk]:
        """The lines; a line whose object's text swallowed rows (a CSV's rows read with a
        quote left open) is split into them, judged against this file's line lengths."""
        norms = ColumnNorms(1, self.rule)

        def split_one(cells: list[str | None]) -> list | None:
            line = cells[0] or ""
            return json_line_rows(line, lambda _column, _cell: norms.beyond(0, len(line)))

        return _with_rows_split(
            self._line_chunks(),
            lambda rows: norms.add_arrays(rows.columns[1:]),
            escaped_break_lines,
            split_one,
        )

    def _line_chunks(self) -> Iterator[Chunk]:
        size = max(self.path.stat().st_size, 1)
        with open(self.path, "rb") as binary:
            if self.utf8_lines:
                text = _lines_decoded(binary, ["utf_8", self.encoding], self.encoding)
            else:
                text = io.TextIOWrapper(
                    binary, encoding=self.encoding, errors=ESCAPE_ERRORS, newline=None
                )
            next_row = 1
            while True:
                lines = list(islice(text, CHUNK_ROWS))
                self.lines_read = (self.lines_read or 0) + len(lines)
                if not lines:
                    return
                source_rows = np.arange(next_row, next_row + len(lines), dtype=np.int64)
                next_row += len(lines)
                table, quarantine = self._text_columns([lines], source_rows)
                stripped = pc.utf8_rtrim(table.column("c0"), characters="\r\n")
                table = table.set_column(1, "c0", stripped)
                decoded = [getattr(line, "codec", None) for line in lines]
                issues = _decoded_issues(table, source_rows, decoded)
                yield Chunk(table, quarantine, min(binary.tell() / size, 1.0), issues)

    def _raw_row(self, values: Sequence[str | None]) -> str:
        return unescape((values[0] or "").rstrip("\r\n"))


class ParquetReader(Reader):
    """Parquet row groups in batches; nested columns flattened to dotted names."""

    format = "parquet"

    def __init__(self, path: Path, rule: LengthRule | None = None):
        import pyarrow.parquet as pq

        super().__init__(path, rule=rule)
        try:
            self._file = pq.ParquetFile(path)
        except (pa.ArrowException, OSError) as exc:
            raise InputError(str(path), f"not a readable Parquet file: {exc}") from None
        empty = _flatten(self._file.schema_arrow.empty_table())
        self.raw_header = list(empty.column_names)
        self.header = header_names(self.raw_header)

    def chunks(self) -> Iterator[Chunk]:
        return self._cells_split(self._batches())

    def _cells_split(self, chunks: Iterator[Chunk]) -> Iterator[Chunk]:
        """The batches with each cell that swallowed rows split into them (the norm: this
        file's lengths per column, learned as it is read)."""
        norms = ColumnNorms(len(self.header), self.rule)

        def long_enough(column: int, cell: str) -> bool:
            return norms.beyond(column, len(cell))

        return _with_rows_split(
            chunks,
            lambda rows: norms.add_arrays(rows.columns[1:]),
            multiline_rows,
            lambda cells: split_row(cells, long_enough),
        )

    def _batches(self) -> Iterator[Chunk]:
        self.lines_read = self._file.metadata.num_rows  # a Parquet file's rows, blank or not
        total = max(self._file.metadata.num_rows, 1)
        next_row = 1
        try:
            for batch in self._file.iter_batches(batch_size=CHUNK_ROWS):
                table = _flatten(pa.Table.from_batches([batch]))
                source_rows = np.arange(next_row, next_row + table.num_rows, dtype=np.int64)
                next_row += table.num_rows
                arrays = [_as_text(column) for column in table.columns]
                if any(isinstance(array, list) for array in arrays):
                    # a binary column with bytes that are not UTF-8: those rows are quarantined
                    values = [a if isinstance(a, list) else a.to_pylist() for a in arrays]
                    rows, quarantine = self._text_columns(values, source_rows)
                else:
                    names = ["source_row"] + [f"c{i}" for i in range(len(arrays))]
                    rows = pa.table([pa.array(source_rows), *arrays], names=names)
                    quarantine = _empty_quarantine()
                yield Chunk(rows, quarantine, min((next_row - 1) / total, 1.0))
        except (pa.ArrowException, OSError) as exc:
            raise InputError(
                str(self.path), f"cannot read Parquet data: {exc}", row=next_row
            ) from None


def _flatten(table: pa.Table) -> pa.Table:
    while any(pa.types.is_struct(field.type) for field in table.schema):
        table = table.flatten()
    return table


def _as_text(column: pa.ChunkedArray) -> pa.ChunkedArray | list[str | None]:
    """The column as text; a binary column is decoded value by value (UTF-8), and when
    some values are not UTF-8 it comes back as a list with their bytes escaped."""
    if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
        return column.cast(pa.string())
    if (
        pa.types.is_binary(column.type)
        or pa.types.is_large_binary(column.type)
        or pa.types.is_fixed_size_binary(column.type)
    ):
        try:
            return column.cast(pa.binary()).cast(pa.string())
        except pa.ArrowInvalid:
            return [
                None if v is None else v.decode("utf-8", ESCAPE_ERRORS) for v in column.to_pylist()
            ]
    try:
        return pc.cast(column, pa.string())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        values = column.to_pylist()  # nested lists and maps: rare, kept as JSON text
        return pa.chunked_array(
            [
                pa.array(
                    [
                        None if v is None else json.dumps(v, ensure_ascii=False, default=str)
                        for v in values
                    ],
                    pa.string(),
                )
            ]
        )


# Non-empty rows searched for a spreadsheet's header: a title and column-group rows come above it.
TITLE_SCAN_ROWS = 20


def _header_index(rows: Sequence[tuple]) -> int | None:
    """The first non-empty row filling more than half as many cells as the fullest row below it.

    A title merged across the sheet fills one cell, a row grouping columns ("Victim",
    "Incident") a few; the header names every column, and data rows fill about as many.
    """
    filled = [(i, sum(1 for c in cells if c not in (None, ""))) for i, cells in enumerate(rows)]
    filled = [(i, n) for i, n in filled if n]
    for k, (i, n) in enumerate(filled):
        if 2 * n > max((m for _, m in filled[k + 1 :]), default=0):
            return i
    return None


class SpreadsheetReader(Reader):
    """XLSX: openpyxl (read-only) opens the workbook, sheetxml streams the rows; formulas stay text."""

    format = "xlsx"

    def __init__(
        self,
        path: Path,
        sheet: str | int | None,
        source_key: str,
        max_cells: int = DEFAULT_MAX_CELLS,
        rule: LengthRule | None = None,
    ):
        from openpyxl import load_workbook

        from recount.errors import ConfigError

        super().__init__(path, rule=rule)
        self._handle = open(path, "rb")  # noqa: SIM115 - closed in chunks() or on error
        try:
            self._book = load_workbook(self._handle, read_only=True, data_only=False)
            names = self._book.sheetnames
        except Exception as exc:  # openpyxl raises many kinds on a damaged file
            self._handle.close()
            raise InputError(
                str(path), f"not a readable .xlsx workbook ({type(exc).__name__}: {exc})"
            ) from None
        if sheet is None:
            chosen = names[0]
        elif isinstance(sheet, int):
            if not 0 <= sheet < len(names):
                raise ConfigError(
                    f"{source_key}.sheet", f"no sheet {sheet}; the workbook has {len(names)}"
                )
            chosen = names[sheet]
        elif sheet in names:
            chosen = sheet
        else:
            raise ConfigError(
                f"{source_key}.sheet", f"no sheet {sheet!r}; sheets: {', '.join(names)}"
            )
        self.sheet = chosen
        self.sheets = tuple(names)  # every sheet of the workbook, in order
        self._sheet = self._book[chosen]
        self._sheet_row = 0
        self._bounds = RowBounds(max_cells)
        self._source_key = source_key
        self._rows = self._guarded_rows()
        head = []
        for cells in self._rows:
            head.append(cells)
            if sum(1 for row in head if any(row)) >= TITLE_SCAN_ROWS:
                break
        at = _header_index(head)
        if at is None:
            self.close()
            raise InputError(str(path), f"sheet {chosen!r} is empty: no header row")
        self.header = header_names(list(head[at]))
        self.raw_header = list(self.header)
        self._header_row = at + 1
        self._bounds.width = len(self.header)
        self._rows = chain(head[at + 1 :], self._rows)

    def _guarded_rows(self) -> Iterator[tuple]:
        """The sheet's rows; a damaged sheet becomes an InputError naming the row it broke at."""
        try:
            for cells in sheet_rows(self._sheet, self._book, self._bounds):
                self._sheet_row += 1
                yield cells
        except SheetDamaged as exc:
            raise InputError(str(self.path), str(exc), row=None) from None
        except SheetTooLarge as exc:
            header_row = getattr(self, "_header_row", 0)
            raise InputError(
                str(self.path),
                f"the sheet holds more than {exc.cells:,} cells (rows x columns) by sheet row "
                f"{exc.row:,}; if that is real content, raise `max_cells` for this source "
                f"([[sources]] {self._source_key.removeprefix('sources.')}), else delete the "
                "stray cells far below or to the right of the list",
                row=max(exc.row - header_row - 1, 0) + 1,
            ) from None
        except Exception as exc:  # a damaged zip or XML surfaces as many kinds of error
            header_row = getattr(self, "_header_row", self._sheet_row)
            raise InputError(
                str(self.path),
                f"the sheet is damaged after sheet row {self._sheet_row} ({type(exc).__name__})",
                row=max(self._sheet_row - header_row, 0) + 1,
            ) from None

    def close(self) -> None:
        self._book.close()
        self._handle.close()

    def chunks(self) -> Iterator[Chunk]:
        width = len(self.header)
        norms = ColumnNorms(width, self.rule)
        next_row = 1
        try:
            while True:
                rows = list(islice(self._rows, CHUNK_ROWS))
                if not rows:
                    return
                rows, from_split = self._split_swallowed(rows, norms)
                source_rows = np.arange(next_row, next_row + len(rows), dtype=np.int64)
                next_row += len(rows)
                over = [i for i, r in enumerate(rows) if len(r) > width and any(r[width:])]
                keep = np.ones(len(rows), dtype=bool)
                keep[over] = False
                fitted = [
                    tuple(r[:width]) + (None,) * (width - len(r))
                    for r, k in zip(rows, keep, strict=True)
                    if k
                ]
                columns = list(zip(*fitted, strict=True)) if fitted else [[]] * width
                table, _ = self._text_columns(columns, source_rows[keep])
                if from_split is None:
                    norms.add_arrays(table.columns[1:])
                    issues = None
                else:
                    issues = pa.array(
                        [ROWS_SPLIT if f else None for f in from_split[keep]], pa.string()
                    )
                quarantine = _quarantine(
                    source_rows[over],
                    "too_many_fields",
                    [None] * len(over),
                    [self._raw_row(list(rows[i])) for i in over],
                )
                yield Chunk(table, quarantine, None, issues)
        finally:
            self.close()

    def _split_swallowed(
        self, rows: list[tuple], norms: ColumnNorms
    ) -> tuple[list[tuple], np.ndarray | None]:
        """The rows with each row whose cell swallowed rows split into them (swallowed.py),
        and which rows came from a split (None when none did: then the chunk's lengths are
        still to be counted). A row of another width than the header's can be split too: a
        quote opened in one column and closed in another leaves one."""
        width = len(self.header)
        found = [i for i, row in enumerate(rows) if any(map(_has_break, row))]
        if not found:
            return rows, None
        for column in range(width):
            norms.add_lengths(
                column, (len(r[column]) for r in rows if len(r) > column and r[column])
            )

        def long_enough(column: int, cell: str) -> bool:
            return column < width and norms.beyond(column, len(cell))

        out: list[tuple] = []
        from_split: list[bool] = []
        start = 0
        for position in found:
            out += rows[start:position]
            from_split += [False] * (position - start)
            split = split_row(list(rows[position]), long_enough, width)
            out += [tuple(r) for r in split] if split else [rows[position]]
            from_split += [True] * len(split) if split else [False]
            start = position + 1
        out += rows[start:]
        from_split += [False] * (len(rows) - start)
        return out, np.array(from_split, dtype=bool)
