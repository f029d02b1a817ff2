"""Exports: every cell reaches the workbook with its type, no text runs as a formula."""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recount import exports
from recount.exports import write_frame, write_workbook


def sheet_rows(path, name):
    book = openpyxl.load_workbook(path, read_only=True)
    rows = list(book[name].iter_rows(values_only=True))
    book.close()
    return rows


def test_workbook_keeps_types_and_missing_cells(tmp_path):
    frame = pd.DataFrame(
        {
            "person_id": ["p1", "p2", "p3"],
            "age": pd.array([34, None, 7], dtype="Int64"),
            "share": [0.5, np.nan, 1.25],
            "in_vdc": [True, False, True],
            "date_of_death": pd.to_datetime(["2012-03-04", None, "2013-12-31"]),
            "seen_at": pd.to_datetime(["2012-03-04 10:30", "2012-03-05 00:00", None]).tz_localize(
                "UTC"
            ),
            "sources": [["vdc", "snhr"], ["sohr"], []],
            "note": ["=1+1", "-minus", {"a": 1}],
        }
    )
    path = write_workbook({"persons": frame}, tmp_path / "book.xlsx")
    header, *rows = sheet_rows(path, "persons")
    assert list(header) == list(frame.columns)
    assert rows[0] == (
        "p1",
        34,
        0.5,
        True,
        dt.datetime(2012, 3, 4),
        dt.datetime(2012, 3, 4, 10, 30),
        "vdc; snhr",
        "'=1+1",
    )
    assert rows[1] == ("p2", None, None, False, None, dt.datetime(2012, 3, 5), "sohr", "'-minus")
    assert rows[2][4] == dt.datetime(2013, 12, 31) and rows[2][5] is None
    assert rows[2][6] is None or rows[2][6] == ""
    assert rows[2][7] == '{"a": 1}'  # a map cell as JSON text


def test_a_table_longer_than_a_sheet_continues_on_numbered_sheets(tmp_path, monkeypatch):
    monkeypatch.setattr(exports, "EXCEL_DATA_ROWS", 4)
    frame = pd.DataFrame({"n": range(10)})
    path = write_workbook({"persons": frame, "empty": frame.iloc[:0]}, tmp_path / "book.xlsx")
    book = openpyxl.load_workbook(path, read_only=True)
    assert book.sheetnames == ["persons", "persons 2", "persons 3", "empty"]
    book.close()
    values = [
        row[0]
        for name in ("persons", "persons 2", "persons 3")
        for row in sheet_rows(path, name)[1:]
    ]
    assert values == list(range(10))
    assert sheet_rows(path, "empty") == [("n",)]


def excel_text(stored: str | None) -> str:
    """Text as Excel shows it: XLSX escapes control characters (and a literal "_x") as _xHHHH_."""
    return re.sub(r"_x([0-9A-F]{4})_", lambda m: chr(int(m.group(1), 16)), stored or "")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(max_size=40), min_size=1, max_size=20))
def test_any_text_round_trips_and_never_starts_a_formula(tmp_path_factory, texts):
    folder = tmp_path_factory.mktemp("texts")
    frame = pd.DataFrame({"row": range(len(texts)), "text": texts})
    xlsx = write_frame(frame, folder / "texts.xlsx")
    written = [excel_text(row[1]) for row in sheet_rows(xlsx, "texts")[1:]]
    expected = exports.neutralise_formulas(frame)["text"].tolist()
    assert written == expected
    csv = write_frame(frame, folder / "texts.csv")
    assert pd.read_csv(csv, keep_default_na=False, dtype=str)["text"].tolist() == expected
    for text in written:
        assert not text.startswith(("=", "+", "-", "@"))


def test_exports_are_readable_by_others_as_the_umask_allows(tmp_path):
    previous = os.umask(0o022)
    try:
        path = write_frame(pd.DataFrame({"n": [1]}), tmp_path / "n.csv")
    finally:
        os.umask(previous)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


def test_a_file_name_excel_cannot_use_as_a_sheet_name_is_mended(tmp_path):
    path = write_frame(pd.DataFrame({"n": [1]}), tmp_path / "deaths[2012]: v2?.xlsx")
    book = openpyxl.load_workbook(path, read_only=True)
    assert book.sheetnames == ["deaths_2012__ v2_"]
    book.close()


spreadsheet_values = st.one_of(
    st.none(),
    st.text(max_size=12),
    st.lists(st.text(max_size=6), max_size=3),
    st.integers(-5, 5),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(spreadsheet_values, min_size=1, max_size=12))
def test_bulk_neutralising_matches_the_cell_by_cell_rule(values):
    frame = pd.DataFrame({"cell": pd.Series(values, dtype=object)})
    got = exports.neutralise_formulas(frame)["cell"].tolist()
    want = [exports._spreadsheet_cell(v) for v in values]
    assert [None if pd.isna(v) else v for v in got] == [None if v is None else v for v in want]


def test_map_cells_export_as_json_text(tmp_path):
    import duckdb

    frame = duckdb.sql(
        "select 1 as id, map(['occupation', 'id_number'], ['=cmd', '7']) as extra "
        "union all select 2, map([]::varchar[], []::varchar[])"
    ).df()
    path = write_frame(frame, tmp_path / "x.csv")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[1] == '1,"{""occupation"": ""=cmd"", ""id_number"": ""7""}"'
    assert lines[2] == "2,{}"


def test_a_temporary_file_a_killed_writer_left_is_removed_by_the_next_write(tmp_path):
    import fcntl

    from recount.exports import atomic_target

    target = tmp_path / "persons.csv"
    abandoned = tmp_path / ".persons.csv.abc123.csv"
    abandoned.write_text("half")
    held = tmp_path / ".persons.csv.def456.csv"
    held.write_text("being written")
    with open(held, "rb") as writer:
        fcntl.flock(writer, fcntl.LOCK_EX)  # as a running writer holds its own
        with atomic_target(target) as tmp:
            Path(tmp).write_text("a,b\n")
    assert target.read_text() == "a,b\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == [held.name, target.name]


def test_exporting_a_table_not_there_says_what_can_be_exported(tmp_path):
    from recount.cli.export import export_frame
    from recount.errors import WorkspaceError
    from recount.workspace import Workspace

    ws = Workspace.init(tmp_path)
    with pytest.raises(
        WorkspaceError, match=r"'normalized' is not written yet; run `recount normalize`"
    ):
        export_frame(ws, "normalized")
    with pytest.raises(
        WorkspaceError, match=r"no table 'nonsense'\..*once their stage has run: records"
    ):
        export_frame(ws, "nonsense")


def test_records_without_extra_fields_export_to_parquet(tmp_path):
    """`records.extra` is a struct without fields when no list maps an extra column; Parquet
    cannot hold that, so it is written as '{}' text and the other columns keep their types."""
    from typer.testing import CliRunner

    from recount.cli import app

    (tmp_path / "a.csv").write_text("name,age\np1,3\np2,4\n", encoding="utf-8")
    (tmp_path / "recount.toml").write_text(
        '[project]\nname = "t"\n\n[[sources]]\nid = "a"\npath = "a.csv"\n'
        '[sources.columns]\nname = "name"\nage = "age"\n',
        encoding="utf-8",
    )
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", "-w", str(tmp_path)]).exit_code == 0
    out = tmp_path / "records.parquet"
    result = runner.invoke(app, ["export", "records", "-o", str(out), "-w", str(tmp_path)])
    assert result.exit_code == 0, result.output
    back = pd.read_parquet(out)
    assert back["extra"].tolist() == ["{}", "{}"] and back["age"].tolist() == [3, 4]
