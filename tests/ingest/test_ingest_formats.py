"""Every format and encoding the issue names reads into the same canonical records."""

from __future__ import annotations

import datetime as dt
import io
import json
import random

import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from ingest_helpers import assert_accounted, write_workspace

from recount import Project
from recount.config import load_config
from recount.workspace import Workspace

ISSUE_TOML = """\
[project]
name = "example"
event = "killed"            # killed | missing | detained | evacuated
country = "SY"              # the country pack: Syrian governorates are mapped

[[sources]]
id = "vdc"
path = "lists/vdc.csv"      # relative to the workspace
# format, encoding, delimiter, sheet, date_format, dayfirst: optional, detected when absent

[sources.columns]           # canonical field = column name in that file
name = "الاسم الكامل"
sex = "الجنس"
age = "العمر"
date_of_death = "تاريخ الوفاة"
governorate = "المحافظة"
place = "المنطقة"
status = "الصفة"
record_ref = "id"
"""
HEADER = ["id", "الاسم الكامل", "الجنس", "العمر", "تاريخ الوفاة", "المحافظة", "المنطقة", "الصفة"]
ROWS = [
    ["v1", "محمد أحمد الحسن", "ذكر", "34", "17/12/2016", "حلب", "الباب", "مدني"],
    ["v2", "فاطمة علي", "أنثى", "27", "05/06/2016", "ريف دمشق", "دوما", "مدني"],
    ["v3", "عبد الرحمن خالد", "ذكر", "19", "2014", "ادلب", "معرة النعمان", "عسكري"],
]
EXPECTED = [
    ("v1", "M", 34, dt.date(2016, 12, 17), "day", "SY-HL", "civilian"),
    ("v2", "F", 27, dt.date(2016, 6, 5), "day", "SY-RD", "civilian"),
    ("v3", "M", 19, dt.date(2014, 1, 1), "year", "SY-ID", "combatant"),
]


def csv_bytes(rows, encoding="utf-8", delimiter=",", newline="\n") -> bytes:
    text = newline.join(delimiter.join(cells) for cells in [HEADER, *rows]) + newline
    return text.encode(encoding)


def issue_workspace(root, data: bytes, extra: str = "") -> Workspace:
    (root / "lists").mkdir(parents=True)
    (root / "lists" / "vdc.csv").write_bytes(data)
    toml = ISSUE_TOML.replace('path = "lists/vdc.csv"', 'path = "lists/vdc.csv"\n' + extra)
    (root / "recount.toml").write_text(toml, encoding="utf-8")
    return Workspace(root)


def canonical(ws: Workspace, source_id: str = "vdc") -> list[tuple]:
    frame = ws.query(
        "select record_ref, sex, age, date_of_death, date_precision, governorate, status "
        "from records where source_id = ? order by source_row",
        [source_id],
    )
    return [
        (
            r.record_ref,
            r.sex,
            int(r.age),
            r.date_of_death.date(),
            r.date_precision,
            r.governorate,
            r.status,
        )
        for r in frame.itertuples()
    ]


def test_the_issue_toml_shape_parses_with_arabic_column_names(tmp_path):
    ws = issue_workspace(tmp_path, csv_bytes(ROWS))
    config = load_config(ws.config_path)
    assert config.source("vdc").columns["name"] == "الاسم الكامل"
    accounting = Project(ws).ingest()
    assert accounting.loc[0, ["rows_in", "records", "quarantined"]].tolist() == [3, 3, 0]
    assert canonical(ws) == EXPECTED
    names = ws.query(
        "select name, place, event, record_id, source_row from records order by source_row"
    )
    assert names["name"].tolist() == [r[1] for r in ROWS]
    assert names["place"].tolist() == [r[6] for r in ROWS]
    assert set(names["event"]) == {"killed"}
    assert names["record_id"].tolist() == ["vdc:1", "vdc:2", "vdc:3"]
    raw = json.loads(ws.query("select raw from records where source_row = 1")["raw"][0])
    assert raw == dict(zip(HEADER, ROWS[0], strict=True))


@pytest.mark.parametrize(
    ("encoding", "reported"),
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("utf-16", "utf-16"),
        ("cp1256", "windows-1256"),
        ("iso8859_6", "iso-8859-6"),
    ],
)
def test_each_encoding_is_detected_and_gives_the_same_records(tmp_path, encoding, reported):
    # Many rows so detection has Arabic text to judge, as real lists do.
    ws = issue_workspace(tmp_path, csv_bytes(ROWS * 40, encoding=encoding))
    accounting = Project(ws).ingest()
    assert accounting.loc[0, "encoding"] == reported
    assert canonical(ws)[:3] == EXPECTED
    assert ws.query("select count(*) as n from records")["n"][0] == 120
    assert ws.query("select distinct name from records order by 1")["name"].tolist() == sorted(
        {r[1] for r in ROWS}
    )


def test_a_declared_encoding_is_used_without_detection(tmp_path):
    ws = issue_workspace(
        tmp_path, csv_bytes(ROWS, encoding="iso8859_6"), extra='encoding = "ISO-8859-6"'
    )
    assert Project(ws).ingest().loc[0, "encoding"] == "iso-8859-6"
    assert canonical(ws) == EXPECTED


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_delimiters_are_sniffed(tmp_path, delimiter):
    ws = issue_workspace(tmp_path, csv_bytes(ROWS, delimiter=delimiter))
    accounting = Project(ws).ingest()
    assert accounting.loc[0, "delimiter"] == delimiter
    assert canonical(ws) == EXPECTED


def test_mixed_line_endings_and_quoted_newlines(tmp_path):
    text = (
        ",".join(HEADER)
        + "\r\n"
        + ",".join(ROWS[0])
        + "\r"
        + '"v2","فاطمة\nعلي",أنثى,27,05/06/2016,ريف دمشق,دوما,مدني\n'
        + ",".join(ROWS[2])
    )
    ws = issue_workspace(tmp_path, text.encode("utf-8"))
    assert Project(ws).ingest().loc[0, "records"] == 3
    assert canonical(ws) == EXPECTED
    assert ws.query("select name from records where source_row = 2")["name"][0] == "فاطمة\nعلي"


def test_xlsx_streams_and_keeps_formulas_as_text(make_workspace):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Victims"
    sheet.append(["ref", "Name", "Sex", "Age", "Date of death", "Governorate"])
    sheet.append([101, "Ahmad Hasan", "Male", 34, dt.datetime(2016, 12, 17), "Aleppo"])
    sheet.append([102, '=HYPERLINK("http://x","Mona")', "F", 27.0, "Dec 17 2016", "SY03"])
    sheet.append([None, None, None, None, None, None])
    sheet.append([103, "Omar", "M", "400", "2015-03", "Idlib"])
    buffer = io.BytesIO()
    book.save(buffer)
    ws = make_workspace(
        [
            {
                "id": "xl",
                "path": "list.xlsx",
                "sheet": "Victims",
                "columns": {
                    "name": "Name",
                    "sex": "Sex",
                    "age": "Age",
                    "date_of_death": "Date of death",
                    "governorate": "Governorate",
                    "record_ref": "ref",
                },
            }
        ],
        {"list.xlsx": buffer.getvalue()},
    )
    accounting = Project(ws).ingest()
    assert accounting.loc[0, ["format", "rows_in", "records", "quarantined"]].tolist() == [
        "xlsx",
        4,
        3,
        1,
    ]
    records = ws.query("select * from records order by source_row")
    assert records["source_row"].tolist() == [1, 2, 4]
    assert records["record_ref"].tolist() == ["101", "102", "103"]
    assert records["name"][1] == '=HYPERLINK("http://x","Mona")'
    assert "formula_in_cell" in records["issues"][1]
    assert records["date_of_death"].dt.date.tolist() == [
        dt.date(2016, 12, 17),
        dt.date(2016, 12, 17),
        dt.date(2015, 3, 1),
    ]
    assert records["date_precision"].tolist() == ["day", "day", "month"]
    assert records["age"].tolist()[:2] == [34, 27] and records["age"].isna().tolist()[2]
    assert records["issues"][2] == "age_out_of_range"
    assert records["governorate"].tolist() == ["SY-HL", "SY-RD", "SY-ID"]
    assert ws.query("select reason, source_row from quarantine").values.tolist() == [
        ["empty_row", 3]
    ]
    assert_accounted(ws)


def test_json_lines_with_dotted_paths(make_workspace):
    lines = [
        {
            "name": {"first": "Ali", "father": "Hasan", "last": "Khalil"},
            "sex": "male",
            "age": 30,
            "died": "2013-04",
        },
        {"name": {"first": "Mona", "last": "Saleh"}, "sex": "F", "died": "١٧/١٢/٢٠١٦"},
    ]
    data = "\n".join(json.dumps(line, ensure_ascii=False) for line in lines).encode("utf-8")
    ws = make_workspace(
        [
            {
                "id": "j",
                "path": "l.jsonl",
                "columns": {
                    "given_name": "name.first",
                    "father_name": "name.father",
                    "family_name": "name.last",
                    "sex": "sex",
                    "age": "age",
                    "date_of_death": "died",
                },
            }
        ],
        {"l.jsonl": data},
    )
    Project(ws).ingest()
    records = ws.query("select * from records order by source_row")
    assert records["name"].tolist() == ["Ali Hasan Khalil", "Mona Saleh"]
    assert records["given_name"].tolist() == ["Ali", "Mona"]
    assert records["sex"].tolist() == ["M", "F"]
    assert records["date_of_death"].dt.date.tolist() == [dt.date(2013, 4, 1), dt.date(2016, 12, 17)]
    assert records["date_precision"].tolist() == ["month", "day"]
    assert json.loads(records["raw"][0]) == lines[0]


def test_parquet_with_nested_columns(make_workspace, tmp_path):
    table = pa.table(
        {
            "person": pa.array(
                [{"given": "Ali", "family": "Omar"}, {"given": "Sara", "family": None}]
            ),
            "age": pa.array([30, None], pa.int64()),
            "died": pa.array([dt.date(2014, 5, 6), None], pa.date32()),
            "gov": ["SY01", "Damascus"],
        }
    )
    buffer = io.BytesIO()
    pq.write_table(table, buffer)
    ws = make_workspace(
        [
            {
                "id": "pq",
                "path": "l.parquet",
                "columns": {
                    "given_name": "person.given",
                    "family_name": "person.family",
                    "age": "age",
                    "date_of_death": "died",
                    "governorate": "gov",
                },
            }
        ],
        {"l.parquet": buffer.getvalue()},
    )
    accounting = Project(ws).ingest()
    assert accounting.loc[0, ["format", "rows_in", "records"]].tolist() == ["parquet", 2, 2]
    records = ws.query("select * from records order by source_row")
    assert records["name"].tolist() == ["Ali Omar", "Sara"]
    assert records["age"].tolist()[0] == 30
    assert records["date_of_death"].dt.date.tolist()[0] == dt.date(2014, 5, 6)
    assert records["governorate"].tolist() == ["SY-DI", "SY-DI"]


def test_files_larger_than_a_chunk_are_numbered_across_chunks(tmp_path, monkeypatch):
    import recount.ingest.readers as readers

    monkeypatch.setattr(readers, "CHUNK_ROWS", 7)
    rows = [
        [f"v{i}", "اسم", "ذكر", str(i % 90), "03/04/2015", "حمص", "x", "مدني"] for i in range(50)
    ]
    rows[45][4] = "13/04/2015"  # the only value that settles day-first comes in the last chunk
    rows[20] = ["only", "two"]
    ws = issue_workspace(tmp_path, csv_bytes(rows))
    accounting = Project(ws).ingest()
    assert accounting.loc[0, ["rows_in", "records", "quarantined"]].tolist() == [50, 49, 1]
    assert ws.query("select source_row from quarantine")["source_row"].tolist() == [21]
    dates = ws.query("select distinct date_of_death from records order by 1")[
        "date_of_death"
    ].dt.date.tolist()
    assert dates == [dt.date(2015, 4, 3), dt.date(2015, 4, 13)]
    assert_accounted(ws)


def test_reingesting_one_source_replaces_only_its_rows(make_workspace):
    csv_a = b"name,sex\nAli,M\nSara,F\n"
    csv_b = b"name,sex\nOmar,M\n"
    sources = [
        {"id": "a", "path": "a.csv", "columns": {"name": "name", "sex": "sex"}},
        {"id": "b", "path": "b.csv", "columns": {"name": "name", "sex": "sex"}},
    ]
    ws = make_workspace(sources, {"a.csv": csv_a, "b.csv": csv_b})
    Project(ws).ingest()
    b_before = ws.query("select * from records where source_id = 'b'")
    (ws.root / "a.csv").write_bytes(b"name,sex\nAli,M\n")
    accounting = Project(ws).ingest(["a"])
    assert accounting["source_id"].tolist() == ["a"]
    assert ws.query(
        "select source_id, count(*) as n from records group by 1 order by 1"
    ).values.tolist() == [["a", 1], ["b", 1]]
    assert ws.query("select * from records where source_id = 'b'").equals(b_before)
    assert ws.query("select source_id from sources order by 1")["source_id"].tolist() == ["a", "b"]


def test_a_source_removed_from_the_config_loses_its_rows_on_a_full_ingest(make_workspace):
    sources = [
        {"id": "a", "path": "a.csv", "columns": {"name": "name"}},
        {"id": "b", "path": "b.csv", "columns": {"name": "name"}},
    ]
    files = {"a.csv": b"name\nAli\n", "b.csv": b"name\nOmar\n"}
    ws = make_workspace(sources, files)
    Project(ws).ingest()
    ws = write_workspace(ws.root, sources[:1], {})
    Project(ws).ingest()
    assert ws.query("select distinct source_id from records")["source_id"].tolist() == ["a"]
    assert ws.query("select source_id from sources")["source_id"].tolist() == ["a"]


def test_a_source_that_fails_keeps_its_rows_and_the_others_are_read(make_workspace):
    sources = [
        {"id": "a", "path": "a.csv", "columns": {"name": "name"}},
        {"id": "b", "path": "b.csv", "columns": {"name": "name"}},
        {"id": "c", "path": "c.csv", "columns": {"name": "name"}},
    ]
    files = {"a.csv": b"name\nAli\n", "b.csv": b"name\nOmar\n", "c.csv": b"name\nHind\n"}
    ws = make_workspace(sources, files)
    Project(ws).ingest()
    before_b = ws.query("select * exclude (ingested_at) from sources where source_id = 'b'")
    (ws.root / "a.csv").write_bytes(b"name\nAli\nSara\nHind\n")
    (ws.root / "b.csv").write_bytes(b"other\nOmar\n")  # b's mapped column is gone
    (ws.root / "c.csv").unlink()
    (ws.root / "c.csv").mkdir()  # c is now a folder
    from recount.ingest.run import SourcesFailed

    with pytest.raises(SourcesFailed) as caught:
        Project(ws).ingest()
    failures = caught.value.failures
    assert list(failures) == ["b", "c"]
    assert failures["b"].key == "sources.b.columns.name"
    assert failures["c"].key == "sources.c.path" and "a folder" in str(failures["c"])
    assert "2 of 3 sources could not be read" in str(caught.value)
    assert ws.query("select count(*) from records where source_id = 'a'").iloc[0, 0] == 3
    assert ws.query("select * exclude (ingested_at) from sources where source_id = 'b'").equals(
        before_b
    )
    assert ws.query("select count(*) from records where source_id = 'c'").iloc[0, 0] == 1
    assert not list(ws.root.glob(".ingest-*")), "staging files are cleaned up"


def test_project_and_source_event(make_workspace):
    ws = make_workspace(
        [
            {"id": "a", "path": "a.csv", "columns": {"name": "name"}},
            {"id": "b", "path": "b.csv", "event": "detained", "columns": {"name": "name"}},
        ],
        {"a.csv": b"name\nAli\n", "b.csv": b"name\nOmar\n"},
        event="missing",
    )
    Project(ws).ingest()
    assert ws.query("select source_id, event from records order by 1").values.tolist() == [
        ["a", "missing"],
        ["b", "detained"],
    ]


def test_tables_have_the_architecture_schemas(make_workspace):
    ws = make_workspace(
        [{"id": "a", "path": "a.csv", "columns": {"name": "name"}}],
        {"a.csv": b"name,x\nAli,1\nonly\n"},
    )
    seen = []
    Project(ws).ingest()
    from recount.ingest import ingest_workspace

    ingest_workspace(ws, progress=lambda source, fraction, rows: seen.append((source, rows)))
    assert seen[-1] == ("a", 2)

    def schema(table):
        return ws.query(f"describe {table}")[["column_name", "column_type"]].values.tolist()

    text = "VARCHAR"
    assert schema("records") == [
        ["record_id", text],
        ["source_id", text],
        ["source_row", "BIGINT"],
        ["name", text],
        ["given_name", text],
        ["father_name", text],
        ["grandfather_name", text],
        ["family_name", text],
        ["name_latin", text],
        ["sex", text],
        ["age", "INTEGER"],
        ["date_of_death", "DATE"],
        ["date_precision", text],
        ["date_of_death_raw", text],
        ["date_of_birth", "DATE"],
        ["date_of_birth_precision", text],
        ["date_of_birth_raw", text],
        ["governorate", text],
        ["governorate_raw", text],
        ["place", text],
        ["place_of_birth", text],
        ["status", text],
        ["status_raw", text],
        ["cause", text],
        ["record_ref", text],
        ["event", text],
        ["extra", "MAP(VARCHAR, VARCHAR)"],
        ["issues", text],
        ["raw", text],
    ]
    assert schema("quarantine") == [
        ["source_id", text],
        ["source_row", "BIGINT"],
        ["reason", text],
        ["field", text],
        ["raw", text],
    ]
    assert schema("sources") == [
        ["source_id", text],
        ["path", text],
        ["format", text],
        ["encoding", text],
        ["delimiter", text],
        ["sha256", text],
        ["rows_in", "BIGINT"],
        ["lines_in", "BIGINT"],
        ["records", "BIGINT"],
        ["quarantined", "BIGINT"],
        ["ingested_at", "TIMESTAMP"],
    ]
    row = ws.table("sources").iloc[0]
    assert (row["path"], row["encoding"], row["delimiter"], len(row["sha256"])) == (
        "a.csv",
        "utf-8",
        ",",
        64,
    )


def test_staging_folders_a_killed_ingest_left_are_removed_by_the_next(make_workspace):
    import fcntl
    import os

    ws = make_workspace(
        [{"id": "a", "path": "a.csv", "columns": {"name": "name"}}], {"a.csv": b"name\nAli\n"}
    )
    stale, young, held = (ws.root / f".ingest-{n}" for n in ("stale", "young", "held"))
    for folder in (stale, young, held):
        folder.mkdir()
        (folder / "rows-00000.parquet").write_bytes(b"x")
    (stale / ".in-use").write_bytes(b"")
    old = (ws.root / "a.csv").stat().st_mtime - 3600
    unlocked_and_old = ws.root / ".ingest-unlocked"
    unlocked_and_old.mkdir()
    os.utime(unlocked_and_old, (old, old))
    with open(held / ".in-use", "wb") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)  # as a running ingest holds it
        Project(ws).ingest()
        left = sorted(p.name for p in ws.root.glob(".ingest-*"))
    assert left == [".ingest-held", ".ingest-young"]
    Project(ws).ingest()
    assert sorted(p.name for p in ws.root.glob(".ingest-*")) == [".ingest-young"]


def _syllable_names(alphabet: str, count: int, seed: int) -> list[str]:
    """Made-up two-word names drawn from one alphabet (no real person's name)."""
    rng = random.Random(seed)
    vowels = [ch for ch in alphabet if ch.lower() in "аеиоуяюієaeiouéèàóíú"]
    consonants = [ch for ch in alphabet if ch not in vowels]
    word = lambda: "".join(rng.choice(consonants) + rng.choice(vowels) for _ in range(3)).title()  # noqa: E731
    return [f"{word()} {word()}" for _ in range(count)]


@pytest.mark.parametrize(
    ("alphabet", "encoding", "reported"),
    [
        ("бвгджзклмнпрстфхцчшщаеиоуяюіє", "cp1251", "windows-1251"),
        ("bcdfglmnprstvaeiouaeiouaeioué", "cp1252", "windows-1252"),
    ],
)
def test_cyrillic_and_latin_code_pages_are_detected(tmp_path, alphabet, encoding, reported):
    # Windows saves a Ukrainian or Russian list as cp1251 (Excel, "CSV"), with semicolons.
    names = _syllable_names(alphabet, 200, seed=len(encoding))
    text = "id;name\n" + "".join(f"{i};{n}\n" for i, n in enumerate(names, 1))
    ws = write_workspace(
        tmp_path,
        [{"id": "a", "path": "lists/a.csv", "columns": {"name": "name", "record_ref": "id"}}],
        {"lists/a.csv": text.encode(encoding)},
    )
    assert Project(ws).ingest().loc[0, "encoding"] == reported
    assert ws.query("select name from records order by source_row")["name"].tolist() == names


@pytest.mark.parametrize("title_rows", [0, 1, 2])
def test_xlsx_title_and_merged_group_rows_above_the_header_are_skipped(make_workspace, title_rows):
    # Registers are shared as a titled report: a title merged across the sheet, then
    # a row grouping the columns ("Victim", "Incident"), then the header.
    book = openpyxl.Workbook()
    sheet = book.active
    if title_rows:
        sheet.append(["Register of civilian deaths, as of 31 Dec"])
        sheet.merge_cells("A1:E1")
    if title_rows == 2:
        sheet.append(["Victim", None, None, "Incident", None])
        sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=3)
    sheet.append(["Surname", "First name", "Age", "Date of death", "Case no."])
    sheet.append(["Avro", "Teklo", 34, dt.datetime(2022, 3, 17), "c1"])
    sheet.append(["Bimo", None, None, "2022-04", "c2"])
    buffer = io.BytesIO()
    book.save(buffer)
    ws = make_workspace(
        [
            {
                "id": "xl",
                "path": "list.xlsx",
                "columns": {
                    "family_name": "Surname",
                    "given_name": "First name",
                    "age": "Age",
                    "date_of_death": "Date of death",
                    "record_ref": "Case no.",
                },
            }
        ],
        {"list.xlsx": buffer.getvalue()},
    )
    accounting = Project(ws).ingest()
    assert accounting.loc[0, ["rows_in", "records", "quarantined"]].tolist() == [2, 2, 0]
    records = ws.query("select * from records order by source_row")
    assert records["record_ref"].tolist() == ["c1", "c2"]
    assert records["date_of_death"].dt.date.tolist() == [dt.date(2022, 3, 17), dt.date(2022, 4, 1)]
