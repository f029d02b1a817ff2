"""Fields far longer than their column's norm: rows swallowed into a cell are split back out in
every format; other long values are kept and flagged `field_too_long:<field>`."""

from __future__ import annotations

import csv
import tempfile
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from ingest_helpers import read_file
from swallowed_lists import FILENAMES, FORMATS, Swallowed, list_file

from recount.ingest.norms import ColumnNorms, LengthRule, typical_length

RULE = LengthRule()
FEW = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
LETTERS = "abcdefghijklmnopqrstuvwxyzمحدأفطرعلي"


def read(data: bytes, source: dict, name: str):
    with tempfile.TemporaryDirectory() as folder:
        return read_file(Path(folder), source, data, name, country=None)


def issues_of(result) -> list[str]:
    return [i for cell in result.records["issues"].dropna() for i in cell.split(";")]


# -- the norm -------------------------------------------------------------------------------
@given(st.lists(st.integers(0, 5000), min_size=1, max_size=300), st.floats(0.5, 1.0))
def test_the_typical_length_is_the_lower_quantile_of_the_non_blank_lengths(lengths, quantile):
    counts: dict[int, int] = {}
    for length in lengths:
        counts[length] = counts.get(length, 0) + 1
    non_blank = [length for length in lengths if length > 0]
    expected = int(np.quantile(non_blank, quantile, method="lower")) if non_blank else None
    assert typical_length(counts, quantile) == expected


def test_one_huge_value_among_few_does_not_set_the_norm():
    norms = ColumnNorms(1, RULE)
    norms.add_lengths(0, [12, 15, 9, 14, 5000])
    assert norms.typical(0) == 15 and norms.beyond(0, 5000) and not norms.beyond(0, 70)


def _csv_column(values: list[str]) -> bytes:
    return ("id,notes\n" + "".join(f"{i},{v}\n" for i, v in enumerate(values, 1))).encode()


NOTES = {"id": "s", "path": "", "columns": {"record_ref": "id", "name": "notes"}}


@FEW
@given(
    st.lists(st.integers(1, 60), min_size=1, max_size=120),
    st.lists(st.integers(61, RULE.min_chars), max_size=3),
)
def test_a_column_whose_values_are_within_its_norm_is_never_flagged(short, long):
    """Short values with a few long ones (a notes or cause column) up to the floor: no flag,
    wherever the long ones sit; and no value within `factor` times the typical length."""
    lengths = short + long
    values = ["x" * n for n in lengths]
    result = read(_csv_column(values), NOTES, "l.csv")
    assert len(result.records) == len(values)
    assert "field_too_long:name" not in issues_of(result)


@FEW
@given(st.lists(st.integers(1, 400), min_size=1, max_size=80), st.integers(0, 79))
def test_a_value_past_the_floor_and_far_past_every_other_is_flagged(lengths, at):
    longest = max(RULE.min_chars, int(RULE.factor * max(lengths))) + 1
    lengths = list(lengths)
    lengths.insert(at % (len(lengths) + 1), longest)
    result = read(_csv_column(["y" * n for n in lengths]), NOTES, "l.csv")
    flagged = result.records[result.records["issues"].fillna("").str.contains("field_too_long")]
    assert flagged["name"].str.len().tolist() == [longest]
    assert flagged["issues"].tolist() == ["field_too_long:name"]
    assert flagged["name"].iloc[0] == "y" * longest  # the value is kept whole


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_far_too_long_value_is_kept_and_flagged_in_every_format(fmt):
    rows = [[f"n{i}", f"p{i % 5}", "shelling"] for i in range(1, 41)]
    rows[6][1] = "ب" * 5000
    source = {"id": "s", "path": "", "columns": {"name": "name", "place": "place"}}
    data = list_file(fmt, ["name", "place", "cause"], rows)
    result = read(data, source, FILENAMES[fmt])
    assert (result.rows_in, len(result.records)) == (40, 40)
    flagged = result.records.dropna(subset=["issues"])
    assert flagged[["source_row", "issues"]].values.tolist() == [[7, "field_too_long:place"]]
    assert flagged["place"].iloc[0] == "ب" * 5000


def test_the_thresholds_are_settings_of_the_source():
    values = ["x" * 20] * 50 + ["x" * 300]
    assert "field_too_long:name" not in issues_of(read(_csv_column(values), NOTES, "l.csv"))
    lowered = dict(NOTES, long_field_min_chars=100)
    assert issues_of(read(_csv_column(values), lowered, "l.csv")) == ["field_too_long:name"]
    wider = dict(lowered, long_field_factor=20.0)
    assert issues_of(read(_csv_column(values), wider, "l.csv")) == []


# -- rows swallowed into one cell -------------------------------------------------------------
def _hundred(width: int = 4) -> list[list[str]]:
    return [[f"n{i}", *(f"v{i}x{c}" for c in range(1, width))] for i in range(1, 101)]


HEADER4 = ["name", "place", "cause", "ref"]


@pytest.mark.parametrize("fmt", ["xlsx", "parquet", "jsonl"])
@pytest.mark.parametrize(
    "closed_at", [(60, 1), (60, 3), (4, 2), None], ids=["same", "later", "one_row", "never"]
)
def test_rows_a_spreadsheet_took_into_one_cell_are_split_back(fmt, closed_at):
    case = Swallowed(HEADER4, _hundred(), 3, 1, closed_at)
    result = read(case.file(fmt), case.source(), FILENAMES[fmt])
    assert result.rows_in == 100 and len(result.records) == 100
    assert result.records["name"].tolist() == [f"n{i}" for i in range(1, 101)]
    assert result.records["source_row"].tolist() == list(range(1, 101))
    split = result.records["issues"].eq("rows_split")
    last = closed_at[0] if closed_at else 99
    assert split.sum() == last - 3 + 1
    assert not result.records["raw"].str.contains("\\\\n").any()


def test_a_quote_closed_in_an_earlier_column_leaves_a_wide_row_that_is_split_too():
    case = Swallowed(HEADER4, _hundred(), 3, 2, (30, 0))
    assert len(case.as_read()[3]) > 4  # the row a spreadsheet makes is wider than the header
    result = read(case.file("xlsx"), case.source(), "l.xlsx")
    assert (result.rows_in, len(result.records), len(result.quarantine)) == (100, 100, 0)


def test_a_cell_that_merely_holds_lines_is_kept():
    rows = _hundred()
    rows[5][1] = "Building 5, floor 2\nal-Bab, Aleppo"
    rows[9][3] = "line one\nline two\nline three"
    rows[0][0] = "first\nin the first column, of the header's width, less one"
    source = {"id": "s", "path": "", "columns": {"name": "name", "place": "place"}}
    for fmt in FORMATS:
        result = read(list_file(fmt, HEADER4, rows), source, FILENAMES[fmt])
        assert (result.rows_in, len(result.records)) == (100, 100), fmt
        assert result.records["issues"].isna().all(), fmt
        assert result.records["place"].iloc[5] == "Building 5, floor 2\nal-Bab, Aleppo", fmt


def test_a_narrow_list_is_split_only_past_the_norm():
    """Two columns: a line with one comma reads as a row, so the cell must also be long."""
    rows = [[f"n{i}", f"place {i}"] for i in range(1, 101)]
    rows[3][1] = "Street 5, floor 2\nAleppo, Syria"  # an address: kept
    case = Swallowed(["name", "place"], rows, 40, 1, (70, 1))
    source = {"id": "s", "path": "", "columns": {"name": "name", "place": "place"}}
    for fmt in ("xlsx", "parquet", "jsonl"):
        result = read(case.file(fmt), source, FILENAMES[fmt])
        assert (result.rows_in, len(result.records)) == (100, 100), fmt
        assert result.records["place"].iloc[3] == "Street 5, floor 2\nAleppo, Syria"


def test_a_one_column_csv_whose_quote_swallowed_rows_loses_none():
    names = [f"Name {i}" for i in range(1, 100)]
    names[3] = '"' + names[3]
    names[14] = names[14] + '"'
    data = ("name\n" + "\n".join(names) + "\n").encode()
    result = read(data, {"id": "s", "path": "", "columns": {"name": "name"}}, "l.csv")
    assert (result.rows_in, len(result.records)) == (99, 98)
    assert result.quarantine[["source_row", "reason"]].values.tolist() == [[4, "unbalanced_quote"]]
    assert not result.records["name"].str.contains("\n").any()


@st.composite
def swallowed_lists(draw) -> tuple[Swallowed, str]:
    fmt = draw(st.sampled_from(FORMATS))
    width = draw(st.integers(1, 6))
    n = draw(st.integers(12, 50))
    bases = [draw(st.integers(2, 12)) for _ in range(width)]
    text = st.text(LETTERS, min_size=1, max_size=1)
    rows = [
        [draw(text) * draw(st.integers(base, 2 * base)) + str(r) for base in bases]
        for r in range(n)
    ]
    row = draw(st.integers(0, n - 2))
    column = draw(st.integers(0, width - 1))
    closed = draw(st.booleans())
    closed_at = None
    if closed:
        closed_at = (draw(st.integers(row + 1, n - 1)), draw(st.integers(0, width - 1)))
    swallowed = (closed_at[0] if closed_at else n - 1) - row
    # a line of a one- or two-column list proves little: the cell must be past the norm, so
    # the run long enough (and, outside a CSV, other rows left to learn the norm from)
    narrow = width == 1 if fmt == "csv" else width < 3
    if narrow:
        assume(swallowed >= 2 * RULE.factor + 1 and (fmt == "csv" or n - swallowed >= 3))
    case = Swallowed([f"h{c}" for c in range(width)], rows, row, column, closed_at)
    if fmt in ("parquet", "jsonl"):
        assume(all(len(r) <= width for r in case.as_read()))
    return case, fmt


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(swallowed_lists())
def test_a_swallowed_run_of_rows_is_always_caught(generated):
    case, fmt = generated
    result = read(case.file(fmt), case.source(), FILENAMES[fmt])
    n = len(case.rows)
    assert result.rows_in == n
    assert not result.records["name"].fillna("").str.contains("[\r\n]").any()
    if fmt == "csv":
        assert result.quarantine["reason"].tolist() == ["unbalanced_quote"]
        assert len(result.records) == n - 1
    else:
        assert len(result.records) == n and result.quarantine.empty
        names = [r[0].replace('"', "") for r in case.rows]
        assert result.records["name"].fillna("").str.replace('"', "").tolist() == names


# -- lines in a fallback encoding -------------------------------------------------------------
def test_rows_decoded_by_the_fallback_encoding_are_flagged():
    lines = [b"name,place\n"]
    for i in range(30):
        line = f"محمد {i},حلب\n"
        lines.append(line.encode("cp1256" if i % 3 == 0 else "utf-8"))
    lines.append('"علي\nأحمد",حلب\n'.encode("cp1256"))  # a row over two lines, both cp1256
    source = {"id": "s", "path": "", "columns": {"name": "name", "place": "place"}}
    result = read(b"".join(lines), dict(source, encoding="utf-8, windows-1256"), "l.csv")
    flagged = result.records.set_index("source_row")["issues"]
    expected = [r for r in range(1, 32) if (r - 1) % 3 == 0 or r == 31]
    assert flagged.dropna().index.tolist() == expected
    assert set(flagged.dropna()) == {"decoded_as:windows-1256"}
    assert result.records["name"].str.startswith(("محمد", "علي")).all()


@pytest.fixture
def csv_default_field_limit():
    """csv's field limit as a fresh process has it (earlier readers in this one raised it)."""
    previous = csv.field_size_limit(131_072)
    yield
    csv.field_size_limit(previous)


def test_a_value_longer_than_csvs_default_limit_near_the_top_is_read(csv_default_field_limit):
    # the delimiter sniff read the first 256 KB with csv's default limit and stopped the
    # ingest with "_csv.Error: field larger than field limit (131072)"
    values = ["x" * 20] * 3 + ["x" * 200_000] + ["x" * 20] * 3
    result = read(_csv_column(values), NOTES, "notes.csv")
    assert len(result.records) == 7 and len(result.quarantine) == 0
    assert result.records["name"].str.len().tolist() == [20] * 3 + [200_000] + [20] * 3
