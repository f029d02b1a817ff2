"""XLSX files written by Excel-like tools (shared strings, date styles, prefixes) read as openpyxl reads them."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
import pytest

from recount.ingest.sheetxml import sheet_rows

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
</Types>"""
ROOT_RELS = """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""
WORKBOOK = """<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"""
WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
</Relationships>"""
STYLES = """<?xml version="1.0" encoding="UTF-8"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<fonts count="1"><font/></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders>
<cellStyleXfs count="1"><xf/></cellStyleXfs>
<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs>
</styleSheet>"""
SHARED = """<?xml version="1.0" encoding="UTF-8"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" uniqueCount="4">
<si><t>الاسم</t></si><si><t>ذكر</t></si><si><t xml:space="preserve">A &amp; B </t></si><si><r><t>rich </t></r><r><rPr><b/></rPr><t>text</t></r></si>
</sst>"""
PLAIN_ROWS = (
    '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>sex</t></is></c><c r="C1" t="str"><v>d</v></c></row>'
    '<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>1</v></c><c r="C2" s="1"><v>42721</v></c><c r="E2"><v>34.0</v></c></row>'
    '<row r="4"><c r="A4" t="b"><v>1</v></c><c r="B4" s="1"/><c r="C4" t="e"><v>#N/A</v></c></row>'
)
GENERAL_ROWS = (
    '<row r="5"><c r="A5"><f>SUM(E2:E3)</f><v>34</v></c><c r="B5" t="s"><v>3</v></c>'
    '<c r="C5" t="inlineStr"><is><r><t>ri</t></r><r><t>ch</t></r></is></c></row>'
    '<row r="6" spans="1:3"><c t="inlineStr" r="A6"><is><t>order</t></is></c><c r="B6" t="inlineStr"><is><t>&#1575;&lt;</t></is></c></row>'
)


def sheet(rows: str, prefix: str = "") -> str:
    p = f"{prefix}:" if prefix else ""
    xmlns = f"xmlns:{prefix}" if prefix else "xmlns"
    body = rows.replace("<", f"<{p}").replace(f"<{p}/", f"</{p}") if prefix else rows
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<{p}worksheet {xmlns}="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<{p}sheetData>{body}</{p}sheetData></{p}worksheet>"
    )


def write_xlsx(path: Path, sheet_xml: str) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        archive.writestr("xl/styles.xml", STYLES)
        archive.writestr("xl/sharedStrings.xml", SHARED)
        archive.writestr("xl/worksheets/sheet1.xml", sheet_xml)
    return path


def _cell_text(value: object) -> str | None:
    """openpyxl's cell value as the text a person sees (the reference the fast reader must match)."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    return str(value)


def both_readings(path: Path):
    book = openpyxl.load_workbook(path, read_only=True)
    mine = list(sheet_rows(book.worksheets[0], book))
    theirs = [
        tuple(_cell_text(v) for v in row) for row in book.worksheets[0].iter_rows(values_only=True)
    ]
    book.close()

    def trimmed(row):
        while row and row[-1] is None:
            row = row[:-1]
        return tuple(row)

    return [trimmed(r) for r in mine], [trimmed(r) for r in theirs]


@pytest.mark.filterwarnings("ignore:Workbook contains no default style")
@pytest.mark.parametrize("rows", [PLAIN_ROWS, PLAIN_ROWS + GENERAL_ROWS], ids=["plain", "general"])
@pytest.mark.parametrize("prefix", ["", "x"])
def test_rows_match_openpyxl(tmp_path, rows, prefix):
    mine, theirs = both_readings(write_xlsx(tmp_path / "l.xlsx", sheet(rows, prefix)))
    assert mine[:4] == theirs[:4]
    assert mine[0] == ("الاسم", "sex", "d")
    assert mine[1] == ("A & B ", "ذكر", "2016-12-17", None, "34")
    assert mine[2] == ()
    assert mine[3] == ("TRUE", None, "#N/A")
    if rows is not PLAIN_ROWS:
        assert mine[4] == ("=SUM(E2:E3)", "rich text", "rich")
        assert mine[5] == ("order", "ا<")


# A list of three rows in a sheet that declares a million: formatted empty cells
# down to row 1,048,576 and across to column XFD, as a careless template leaves them.
DECLARED = (
    '<row r="1"><c r="A1" t="inlineStr"><is><t>name</t></is></c><c r="B1" t="inlineStr"><is><t>age</t></is></c><c r="XFD1" s="1"/></row>'
    '<row r="2"><c r="A2" t="inlineStr"><is><t>Ali</t></is></c><c r="B2"><v>3</v></c><c r="XFD2" s="1"/></row>'
    '<row r="3"><c r="A3" t="inlineStr"><is><t>Omar</t></is></c><c r="B3"><v>4</v></c></row>'
    '<row r="4" s="1" customFormat="1"/>'
    '<row r="1048576"><c r="A1048576" s="1"/><c r="XFD1048576" s="1"/></row>'
)


@pytest.mark.filterwarnings("ignore:Workbook contains no default style")
@pytest.mark.parametrize("general", [False, True], ids=["plain", "general"])
def test_a_sheet_declared_to_the_last_row_costs_only_its_content(tmp_path, general):
    from recount.ingest.sheetxml import RowBounds

    rows = DECLARED + (
        GENERAL_ROWS.replace('r="5"', 'r="7"').replace('r="6"', 'r="8"') if general else ""
    )
    book = openpyxl.load_workbook(write_xlsx(tmp_path / "l.xlsx", sheet(rows)), read_only=True)
    bounds = RowBounds()
    read = list(sheet_rows(book.worksheets[0], book, bounds))
    book.close()
    assert read[:3] == [("name", "age"), ("Ali", "3"), ("Omar", "4")]
    assert len(read) == (8 if general else 3)
    assert bounds.cells < 100


@pytest.mark.filterwarnings("ignore:Workbook contains no default style")
def test_cells_past_the_cap_are_a_clear_error(tmp_path):
    from ingest_helpers import read_file

    from recount.errors import InputError

    far = '<row r="20000"><c r="A20000" t="inlineStr"><is><t>x</t></is></c></row>'
    data = write_xlsx(
        tmp_path / "l.xlsx", sheet(DECLARED.split('<row r="1048576">')[0] + far)
    ).read_bytes()
    source = {"id": "s", "path": "l.xlsx", "columns": {"name": "name"}, "max_cells": 10_000}
    with pytest.raises(InputError) as caught:
        read_file(tmp_path, source, data, "l.xlsx")
    assert "more than 10,000 cells" in str(caught.value) and "max_cells" in str(caught.value)
    # under the default cap the far value is real content: the rows between are empty rows
    result = read_file(tmp_path, {**source, "max_cells": 50_000}, data, "l.xlsx")
    assert result.rows_in == 19999 and len(result.records) == 3
