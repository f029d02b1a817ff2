"""Hostile source files, generated at test time: several hundred kinds of broken, odd or
malicious lists, each with the number of rows a person would count in it (None when a
file has no rows to count) or the cause an unreadable one must be reported with.

Records are simulated: the names are drawn from a short list of common given names.
"""

from __future__ import annotations

import io
import itertools
import json
import os
import random
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HEADER = ["name", "sex", "age", "date", "gov", "place"]
COLUMNS = {
    "name": "name",
    "sex": "sex",
    "age": "age",
    "date_of_death": "date",
    "governorate": "gov",
    "place": "place",
}
GIVEN = ["محمد", "أحمد", "فاطمة", "Ali", "Omar", "مريم", "خالد", "Hind"]
ROWS = 30


@dataclass
class Case:
    kind: str
    filename: str
    write: Callable[[Path], None]
    rows: int | None = None  # data rows a person counts: rows in must equal it
    cause: str | None = None  # for an unreadable file: words its error must hold
    either: bool = False  # noise: read with every row accounted for, or refused with a clear error
    source: dict = field(default_factory=dict)  # extra [[sources]] keys


def _row(i: int) -> list[str]:
    return [
        f"{GIVEN[i % len(GIVEN)]} {i}",
        "ذكر" if i % 2 else "F",
        str(i % 90),
        f"{i % 28 + 1:02d}/0{i % 9 + 1}/2016",
        ["حلب", "Idlib", "SY-RD", "درعا"][i % 4],
        "الباب",
    ]


def _text(rows: list[list[str]], delimiter: str = ",", end: str = "\n") -> str:
    return "".join(delimiter.join(row) + end for row in rows)


def _base(n: int = ROWS) -> list[list[str]]:
    return [HEADER] + [_row(i) for i in range(1, n + 1)]


# -- CSV mutations: text -> (text, rows a person counts) ------------------------------
def _csv_mutations() -> dict[str, Callable[[str, str], tuple[str, int]]]:
    def body(rows, d, e):
        return _text(rows, d, e)

    def stray(*positions, text='"Aleppo'):
        def make(d, e):
            rows = _base()
            for p in positions:
                rows[p][4] = text
            return body(rows, d, e), ROWS

        return make

    def with_rows(change, count=ROWS):
        def make(d, e):
            rows = _base()
            change(rows)
            return body(rows, d, e), count

        return make

    def multiline(d, e):
        rows = _base()
        rows[7][5] = '"first line' + e + 'second line"'
        return body(rows, d, e), ROWS

    def long_field(d, e):
        rows = _base()
        rows[3][5] = "ب" * 100_000
        return body(rows, d, e), ROWS

    def wide(d, e):
        rows = [r + [f"x{k}" for k in range(3000)] for r in _base(5)]
        rows[0] = HEADER + [f"extra{k}" for k in range(3000)]
        return body(rows, d, e), 5

    def blanks_inside(d, e):
        return body(_base(10), d, e) + e + e + body(_base(10)[1:], d, e) + e * 3, 22

    def no_final_newline(d, e):
        return body(_base(), d, e).rstrip(e), ROWS

    def header_only(d, e):
        return d.join(HEADER) + e, 0

    def duplicate_unmapped(d, e):
        rows = [r + [f"n{i}", f"m{i}"] for i, r in enumerate(_base())]
        rows[0] = HEADER + ["note", "note"]
        return body(rows, d, e), ROWS

    def nul_line(d, e):
        return body(_base(5), d, e) + "\x00\x00" + e + body(_base(5)[1:], d, e), 11

    def quoted_everything(d, e):
        return "".join(d.join(f'"{c}"' for c in r) + e for r in _base()), ROWS

    def doubled_quotes(d, e):
        rows = _base()
        rows[2][5] = '"say ""hello"" twice"'
        return body(rows, d, e), ROWS

    def quote_mid_field(d, e):
        rows = _base()
        rows[4][0] = 'Abu "Ali'
        return body(rows, d, e), ROWS

    def quote_closed_then_text(d, e):
        rows = _base()
        rows[4][5] = '"Bab" Hawa'
        return body(rows, d, e), ROWS

    return {
        "plain": lambda d, e: (body(_base(), d, e), ROWS),
        "stray_quote_first_row": stray(1),
        "stray_quote_row_5": stray(5),
        "stray_quote_last_row": stray(ROWS),
        "stray_quotes_twice": stray(4, 20),
        "stray_quotes_adjacent": stray(8, 9, 10),
        "stray_quote_and_multiline": lambda d, e: (
            _text(_base()[:6], d, e).replace("SY-RD", '"SY-RD', 1)
            + _text(_base()[6:], d, e).replace("الباب", '"two' + e + 'lines"', 1),
            ROWS,
        ),
        "stray_quote_long_tail": stray(2, text='"' + "x" * 5000),
        "multiline_field": multiline,
        "field_100k_chars": long_field,
        "3000_columns": wide,
        "too_few_fields": with_rows(lambda r: r.__setitem__(6, r[6][:2])),
        "too_many_fields": with_rows(lambda r: r.__setitem__(6, r[6] + ["extra", "more"])),
        "trailing_delimiters": with_rows(lambda r: r.__setitem__(6, r[6] + ["", ""])),
        "blank_lines_inside_and_after": blanks_inside,
        "whitespace_only_row": with_rows(lambda r: r.__setitem__(9, [" "] * 6)),
        "no_final_newline": no_final_newline,
        "header_only": header_only,
        "duplicate_unmapped_header": duplicate_unmapped,
        "nul_line": nul_line,
        "nul_in_field": with_rows(lambda r: r[3].__setitem__(0, "Al\x00i")),
        "formula_cells": with_rows(lambda r: r[2].__setitem__(5, "=HYPERLINK(1)")),
        "marks_and_zero_width": with_rows(lambda r: r[2].__setitem__(0, "\u200fمحمد\u200c\u00a0")),
        "header_repeated_inside": with_rows(lambda r: r.insert(10, list(HEADER)), ROWS + 1),
        "quoted_everything": quoted_everything,
        "doubled_quotes": doubled_quotes,
        "quote_inside_field": quote_mid_field,
        "quote_closed_then_text": quote_closed_then_text,
        "arabic_indic_digits": with_rows(lambda r: r[5].__setitem__(2, "٤٥")),
        "stray_quote_closed_later": with_rows(
            lambda r: (r[5].__setitem__(4, '"Aleppo'), r[25].__setitem__(4, 'Idlib"'))
        ),
        "stray_quote_closed_next_line": with_rows(
            lambda r: (r[5].__setitem__(0, '"Omar'), r[6].__setitem__(3, '2016"'))
        ),
        "long_value_in_a_short_column": with_rows(lambda r: r[9].__setitem__(5, "سوق " * 1500)),
        "multiline_first_column": with_rows(
            lambda r: r[3].__setitem__(0, '"Ali' + "\n" + 'al-Halabi, the baker, from Bab"')
        ),
    }


ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "cp1256"]
LINE_ENDS = {"lf": "\n", "crlf": "\r\n", "cr": "\r"}


def _csv_cases() -> list[Case]:
    cases = []
    for (name, make), encoding, (end_name, end) in itertools.product(
        _csv_mutations().items(), ENCODINGS, LINE_ENDS.items()
    ):
        if end_name != "lf" and encoding not in ("utf-8", "utf-16"):
            continue  # line ends are tried in two encodings, encodings with one line end
        text, rows = make(",", end)
        try:
            data = text.encode(encoding)
        except UnicodeEncodeError:
            continue  # a character the code page lacks (Arabic-Indic digits in cp1256)
        cases.append(_bytes_case(f"csv/{name}/{encoding}/{end_name}", "l.csv", data, rows))
    for name, delimiter in (("semicolon", ";"), ("pipe", "|"), ("tab", "\t")):
        for mutation in ("plain", "stray_quote_row_5", "multiline_field", "too_many_fields"):
            text, rows = _csv_mutations()[mutation](delimiter, "\n")
            suffix = "tsv" if delimiter == "\t" else "csv"
            cases.append(_bytes_case(f"csv/{mutation}/{name}", f"l.{suffix}", text.encode(), rows))
    return cases


def _bytes_case(kind, filename, data: bytes, rows=None, cause=None, **source) -> Case:
    return Case(kind, filename, lambda path: path.write_bytes(data), rows, cause, source=source)


def _noise_case(kind, filename, data: bytes) -> Case:
    return Case(kind, filename, lambda path: path.write_bytes(data), either=True)


def _truncations() -> list[Case]:
    text, _ = _csv_mutations()["multiline_field"](",", "\n")
    data = text.encode("utf-8")
    cuts = sorted({len(data) * k // 17 for k in range(1, 17)} | {data.index("ف".encode()) + 1})
    cases = [_noise_case(f"truncated/utf-8/at_{cut}", "l.csv", data[:cut]) for cut in cuts]
    utf16 = _text(_base()).encode("utf-16")
    cases += [
        _noise_case(f"truncated/utf-16/at_{cut}", "l.csv", utf16[:cut])
        for cut in (3, len(utf16) // 2 + 1, len(utf16) - 1)
    ]
    return cases


def _mixed_encodings() -> list[Case]:
    cases = []
    for share in (0.05, 0.3, 0.6):
        lines = [",".join(HEADER) + "\n"]
        for i in range(1, 101):
            line = ",".join(_row(i)).replace("F", "أنثى") + "\n"
            lines.append(line.encode("cp1256" if (i * share) % 1 < share else "utf-8"))
        data = lines[0].encode() + b"".join(lines[1:])
        cases.append(
            _bytes_case(f"mixed/{share}/detected", "l.csv", data, cause="mixes two encodings")
        )
        cases.append(
            _bytes_case(
                f"mixed/{share}/line_by_line",
                "l.csv",
                data,
                100,
                encoding="utf-8, windows-1256",
            )
        )
    return cases


def _garbage() -> list[Case]:
    rng = random.Random(16)
    good = _text(_base()).encode()
    cases = [
        _noise_case(f"garbage/random_{n}", "l.csv", rng.randbytes(n)) for n in (1, 7, 300, 5000)
    ]
    cases += [
        _noise_case("garbage/binary_prefix", "l.csv", rng.randbytes(200) + good),
        _noise_case("garbage/binary_suffix", "l.csv", good + rng.randbytes(200)),
        _bytes_case("garbage/empty", "l.csv", b"", cause="empty"),
        _bytes_case("garbage/bom_only", "l.csv", b"\xef\xbb\xbf", cause="empty"),
        _bytes_case("garbage/utf16_bom_only", "l.csv", b"\xff\xfe", cause="empty"),
        _bytes_case("garbage/only_newlines", "l.csv", b"\n\r\n\r" * 50, cause="empty"),
        _bytes_case("garbage/old_xls", "l.csv", b"\xd0\xcf\x11\xe0" + bytes(500), cause=".xls"),
        _noise_case("garbage/pdf", "l.csv", b"%PDF-1.4\n" + rng.randbytes(400)),
        _bytes_case("garbage/xlsx_named_csv", "l.csv", _xlsx(_base()), ROWS),
        _bytes_case("garbage/csv_named_xlsx", "l.xlsx", good, cause="not a valid xlsx"),
        _bytes_case("garbage/csv_named_parquet", "l.parquet", good, cause="not a valid parquet"),
        _bytes_case(
            "garbage/one_line_2mb",
            "l.csv",
            b"name,sex\n" + b"a" * 2_000_000 + b",M\n",
            1,
            columns={"name": "name", "sex": "sex"},
        ),
    ]
    return cases


def _swallowed_cases() -> list[Case]:
    """A CSV with a quote left open, as a spreadsheet, pandas or a JSON export reads it (the
    rows after the quote inside one cell), and long values that are not rows."""
    import csv

    def read_as_spreadsheet(rows: list[list[str]]) -> list[list[str]]:
        return list(csv.reader(io.StringIO(_text(rows), newline=""), strict=False))

    def opened(at: int, column: int, closed: tuple[int, int] | None, n: int = ROWS):
        rows = _base(n)
        rows[at][column] = '"' + rows[at][column]
        if closed:
            rows[closed[0]][closed[1]] += '"'
        return read_as_spreadsheet(rows)

    shapes = {
        "closed_same_column": opened(5, 5, (25, 5)),
        "closed_later_column": opened(5, 1, (12, 4)),
        "closed_next_row": opened(5, 4, (6, 4)),
        "never_closed": opened(20, 2, None),
    }
    cases = []
    for shape, rows in shapes.items():
        cases.append(_bytes_case(f"swallowed/{shape}/xlsx", "l.xlsx", _xlsx(rows), ROWS))
        if all(len(r) <= len(HEADER) for r in rows):
            cases += [
                _bytes_case(f"swallowed/{shape}/{fmt}", f"l.{fmt}", _table_bytes(fmt, rows), ROWS)
                for fmt in ("parquet", "jsonl")
            ]
    wide = opened(5, 4, (12, 1))  # closed in an earlier column: a row wider than the header
    cases.append(_bytes_case("swallowed/closed_earlier_column/xlsx", "l.xlsx", _xlsx(wide), ROWS))
    narrow = [[r[0], r[5]] for r in _base(60)]
    narrow[10][1] = '"' + narrow[10][1]
    narrow[40][1] += '"'
    two = {"columns": {"name": "name", "place": "place"}}
    cases.append(
        _bytes_case(
            "swallowed/two_columns_long_run/xlsx",
            "l.xlsx",
            _xlsx(read_as_spreadsheet(narrow)),
            60,
            **two,
        )
    )
    one = [["name"]] + [[f"{GIVEN[i % 8]} {i}"] for i in range(1, 61)]
    one[5][0] = '"' + one[5][0]
    one[18][0] += '"'
    cases.append(
        _bytes_case(
            "swallowed/one_column_long_run/csv",
            "l.csv",
            _text(one).encode(),
            60,
            columns={"name": "name"},
        )
    )
    document = _base()
    document[8][0] = "\n".join(f"Paragraph {k}: " + "نص " * 60 for k in range(20))
    cases.append(_bytes_case("long_value/pasted_document/xlsx", "l.xlsx", _xlsx(document), ROWS))
    notes = [
        r + [("a long account of the day " * 30) if i in (7, 19) else "shelling"]
        for i, r in enumerate(_base())
    ]
    notes[0][-1] = "cause"
    with_cause = {"columns": dict(COLUMNS, cause="cause")}
    cases.append(
        _bytes_case(
            "long_value/notes_within_norm/csv", "l.csv", _text(notes).encode(), ROWS, **with_cause
        )
    )
    return cases


def _table_bytes(fmt: str, rows: list[list[str]]) -> bytes:
    """Rows (narrower ones padded) as Parquet or JSON lines, with the header's names."""
    import pyarrow as pa

    padded = [r + [None] * (len(HEADER) - len(r)) for r in rows[1:]]
    if fmt == "jsonl":
        lines = [json.dumps(dict(zip(HEADER, r, strict=True)), ensure_ascii=False) for r in padded]
        return ("\n".join(lines) + "\n").encode()
    return _parquet(pa.table({h: [r[i] for r in padded] for i, h in enumerate(HEADER)}))


def _jsonl_cases() -> list[Case]:
    def line(i):
        return json.dumps(
            {"name": GIVEN[i % 8], "sex": "M", "age": i, "place": {"city": "الباب"}},
            ensure_ascii=False,
        )

    good = [line(i) for i in range(ROWS)]
    variants = {
        "plain": ("\n".join(good) + "\n", ROWS),
        "crlf": ("\r\n".join(good) + "\r\n", ROWS),
        "invalid_lines": ("\n".join(good[:10] + ["{broken", "[1, 2]", "42"] + good[10:]), ROWS + 3),
        "blank_lines": ("\n".join(good[:10] + ["", "  "] + good[10:]) + "\n\n", ROWS + 2),
        "nul_bytes": ("\n".join(good[:5] + ["\x00\x00"] + good[5:]), ROWS + 1),
        "huge_line": ("\n".join(good + ['{"name": "%s"}' % ("x" * 1_000_000)]), ROWS + 1),
        "deep_nesting": ("\n".join(good + ["[" * 5000 + "]" * 5000]), ROWS + 1),
        "truncated": ("\n".join(good)[:-7], ROWS),
        "no_objects": ("1\n2\n3\n", 3),
    }
    cases = []
    for name, (text, rows) in variants.items():
        for encoding in ("utf-8", "utf-8-sig", "utf-16"):
            cases.append(
                Case(
                    f"jsonl/{name}/{encoding}",
                    "l.jsonl",
                    lambda path, t=text, e=encoding: path.write_bytes(t.encode(e)),
                    rows,
                    source={"columns": {"name": "name", "place": "place.city"}},
                )
            )
    return cases


def _xlsx(rows: list[list], sheet_xml_edit: Callable[[str], str] | None = None) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    if sheet_xml_edit is None:
        return buffer.getvalue()
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = sheet_xml_edit(data.decode()).encode()
            target.writestr(item, data)
    return out.getvalue()


def _xlsx_cases() -> list[Case]:
    base = _base()
    good = _xlsx(base)

    def add_rows(xml: str, rows: str) -> str:
        return xml.replace("</sheetData>", rows + "</sheetData>")

    declared = (
        '<row r="1048576" s="1" customFormat="1"><c r="A1048576" s="1"/>'
        '<c r="XFD1048576" s="1"/></row>'
    )
    far_right = '<row r="40"><c r="XFD40" t="inlineStr"><is><t>x</t></is></c></row>'

    def bomb(path: Path) -> None:
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
            source = zipfile.ZipFile(io.BytesIO(good))
            for item in source.infolist():
                data = source.read(item.filename)
                if item.filename == "xl/worksheets/sheet1.xml":
                    data = data.replace(b"<sheetData>", b"<sheetData>" + b" " * 80_000_000)
                target.writestr(item.filename, data)

    cases = [
        _bytes_case("xlsx/plain", "l.xlsx", good, ROWS),
        _bytes_case(
            "xlsx/declared_to_row_1048576",
            "l.xlsx",
            _xlsx(
                base, lambda x: add_rows(x, declared).replace('ref="A1:F31"', 'ref="A1:XFD1048576"')
            ),
            ROWS,
        ),
        _bytes_case(
            "xlsx/value_at_column_xfd", "l.xlsx", _xlsx(base, lambda x: add_rows(x, far_right)), 39
        ),
        _bytes_case(
            "xlsx/value_past_the_cell_cap",
            "l.xlsx",
            _xlsx(base, lambda x: add_rows(x, far_right.replace("40", "900000"))),
            cause="max_cells",
            max_cells=100_000,
        ),
        Case("xlsx/zip_bomb_80mb", "l.xlsx", bomb, cause="expand when unzipped"),
        _bytes_case(
            "xlsx/bad_shared_string",
            "l.xlsx",
            _xlsx(
                base, lambda x: add_rows(x, '<row r="50"><c r="A50" t="s"><v>99999</v></c></row>')
            ),
            cause="damaged",
        ),
        _bytes_case(
            "xlsx/formulas_and_errors",
            "l.xlsx",
            _xlsx(base + [["=1+1", "=A1", None, "#N/A", None, "=HYPERLINK(1)"]]),
            ROWS + 1,
        ),
        _bytes_case("xlsx/empty_sheet", "l.xlsx", _xlsx([]), cause="empty"),
        _bytes_case("xlsx/header_only", "l.xlsx", _xlsx([HEADER]), 0),
        _bytes_case("xlsx/missing_sheet", "l.xlsx", good, cause="no sheet", sheet="Nope"),
    ]
    cases += [
        _bytes_case(f"xlsx/truncated_at_{cut}", "l.xlsx", good[:cut], cause="xlsx")
        for cut in (10, len(good) // 3, len(good) // 2, len(good) - 30)
    ]
    return cases


def _parquet(table) -> bytes:
    import pyarrow.parquet as pq

    buffer = io.BytesIO()
    pq.write_table(table, buffer, row_group_size=7)
    return buffer.getvalue()


def _parquet_cases() -> list[Case]:
    import pyarrow as pa

    names = [f"{GIVEN[i % 8]} {i}".encode() for i in range(ROWS)]
    bad = list(names)
    bad[3] = b"\xd9\x85\xff\xfe"
    columns = {"name": "name"}
    tables = {
        "string": pa.table({"name": [n.decode() for n in names]}),
        "binary_bad_byte": pa.table({"name": pa.array(bad, pa.binary())}),
        "large_binary": pa.table({"name": pa.array(names, pa.large_binary())}),
        "fixed_binary": pa.table({"name": pa.array([n.ljust(20) for n in names], pa.binary(20))}),
        "dictionary": pa.table({"name": pa.array([n.decode() for n in names]).dictionary_encode()}),
        "nested_struct": pa.table(
            {
                "name": [n.decode() for n in names],
                "where": [{"city": "x", "n": i} for i in range(ROWS)],
            }
        ),
        "list_and_map": pa.table(
            {
                "name": [n.decode() for n in names],
                "tags": [[1, 2]] * ROWS,
                "m": pa.array([[("k", "v")]] * ROWS, pa.map_(pa.string(), pa.string())),
            }
        ),
        "all_null": pa.table({"name": pa.array([None] * ROWS, pa.string())}),  # no rows: all blank
        "integers_as_names": pa.table({"name": list(range(ROWS))}),
        "timestamps_and_decimals": pa.table(
            {
                "name": [n.decode() for n in names],
                "t": pa.array([0] * ROWS, pa.timestamp("s", tz="Asia/Damascus")),
                "d": pa.array([1] * ROWS, pa.decimal128(10, 2)),
            }
        ),
        "zero_rows": pa.table({"name": pa.array([], pa.string())}),
    }
    cases = [
        _bytes_case(
            f"parquet/{name}",
            "l.parquet",
            _parquet(t),
            0 if name == "all_null" else t.num_rows,  # blank rows at the end are not rows
            columns=columns,
        )
        for name, t in tables.items()
    ]
    good = _parquet(tables["string"])
    cases += [
        _bytes_case(
            f"parquet/truncated_at_{cut}", "l.parquet", good[:cut], cause="parquet", columns=columns
        )
        for cut in (4, len(good) // 2, len(good) - 9)
    ]
    cases.append(
        _bytes_case(
            "parquet/magic_then_garbage",
            "l.parquet",
            b"PAR1" + random.Random(1).randbytes(300) + b"PAR1",
            cause="parquet",
            columns=columns,
        )
    )
    return cases


def _filesystem_cases() -> list[Case]:
    def folder(path: Path) -> None:
        path.mkdir()

    def fifo(path: Path) -> None:
        os.mkfifo(path)

    def loop(path: Path) -> None:
        os.symlink(path.name, path)

    def zero(path: Path) -> None:
        os.symlink("/dev/zero", path)

    def dangling(path: Path) -> None:
        os.symlink("nowhere.csv", path)

    def chain(path: Path) -> None:
        os.symlink(path.name + ".b", path)
        os.symlink(path.name, path.with_name(path.name + ".b"))

    return [
        Case("fs/folder", "l.csv", folder, cause="a folder"),
        Case("fs/fifo", "l.csv", fifo, cause="named pipe"),
        Case("fs/symlink_loop", "l.csv", loop, cause="loop of symbolic links"),
        Case("fs/symlink_pair_loop", "l.csv", chain, cause="loop of symbolic links"),
        Case("fs/dev_zero", "l.csv", zero, cause="a device"),
        Case("fs/dangling_symlink", "l.csv", dangling, cause="does not exist"),
        Case("fs/missing", "l.csv", lambda path: None, cause="no such file"),
    ]


def hostile_cases() -> list[Case]:
    """Every kind, each with a unique `kind`."""
    cases = (
        _csv_cases()
        + _truncations()
        + _mixed_encodings()
        + _garbage()
        + _jsonl_cases()
        + _swallowed_cases()
        + _xlsx_cases()
        + _parquet_cases()
        + _filesystem_cases()
    )
    assert len({c.kind for c in cases}) == len(cases)
    return cases


def source_entry(case: Case, index: int) -> tuple[dict, Path]:
    """The [[sources]] block for a case, and the file's place in the workspace."""
    folder = Path("lists") / f"{index:03d}"
    entry = {"id": f"s{index:03d}", "path": str(folder / case.filename), "columns": dict(COLUMNS)}
    entry.update(case.source)
    return entry, folder / case.filename


def write_corpus(root: Path) -> list[Case]:
    """Every case's file in the workspace folder `root`, and a recount.toml naming them all."""
    from ingest_helpers import source_block

    cases = hostile_cases()
    blocks = []
    for index, case in enumerate(cases):
        entry, relative = source_entry(case, index)
        (root / relative).parent.mkdir(parents=True)
        case.write(root / relative)
        blocks.append(source_block(entry))
    (root / "recount.toml").write_text(
        '[project]\nname = "hostile"\n\n' + "\n".join(blocks), encoding="utf-8"
    )
    return cases
