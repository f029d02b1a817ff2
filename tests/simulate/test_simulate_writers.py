"""The writers round-trip any text through standard readers (csv, json, openpyxl, pyarrow)."""

from __future__ import annotations

import csv
import json

import pyarrow as pa
import pyarrow.parquet as pq
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from recount.simulate.arrowtext import join_present
from recount.simulate.lists import VDC
from recount.simulate.writers import _jsonl, _parquet, _xlsx, write_delimited

# Text a list might hold: Arabic, Latin, digits, punctuation that needs quoting or escaping.
cell_text = st.one_of(
    st.none(),
    st.text(
        alphabet=st.sampled_from(list("abc XYZ,;\t\"'&<>\\/-محمدعبد الرحمنة٠١٢3")),
        min_size=1,
        max_size=12,
    ),
)
rows = st.lists(
    st.tuples(cell_text, cell_text, st.one_of(st.none(), st.integers(0, 120))),
    min_size=0,
    max_size=30,
)
SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def table_of(data) -> pa.Table:
    return pa.table(
        {
            "الاسم": pa.array([r[0] for r in data], pa.string()),
            "place.name": pa.array([r[1] for r in data], pa.string()),
            "age": pa.array([r[2] for r in data], pa.int32()),
        }
    )


@SETTINGS
@given(
    data=rows,
    delimiter=st.sampled_from([",", ";", "\t"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]),
)
def test_delimited_round_trip(tmp_path, data, delimiter, encoding):
    path = tmp_path / "out.csv"
    write_delimited(table_of(data), path, delimiter=delimiter, encoding=encoding)
    with open(
        path, encoding="utf-16" if encoding == "utf-16" else "utf-8-sig", newline=""
    ) as handle:
        read = list(csv.reader(handle, delimiter=delimiter))
    assert read[0] == ["الاسم", "place.name", "age"]
    expected = [[a or "", b or "", "" if c is None else str(c)] for a, b, c in data]
    assert read[1:] == expected


@SETTINGS
@given(data=rows)
def test_jsonl_nests_dotted_headers_and_leaves_missing_keys_out(tmp_path, data):
    path = tmp_path / "out.jsonl"
    _jsonl(table_of(data), path)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(data)
    for line, (name, place, age) in zip(lines, data, strict=True):
        record = json.loads(line)
        assert record.get("الاسم") == name
        assert record.get("place", {}).get("name") == place
        assert ("place" in record) == (place is not None)
        assert record.get("age") == age


@SETTINGS
@given(data=rows)
def test_xlsx_and_parquet_round_trip(tmp_path, data):
    table = table_of(data)
    _xlsx(table, tmp_path / "out.xlsx")
    sheet = list(
        load_workbook(tmp_path / "out.xlsx", read_only=True).active.iter_rows(values_only=True)
    )
    assert sheet[0] == ("الاسم", "place.name", "age")
    assert [tuple(r) for r in sheet[1:]] == [tuple(r) for r in data]
    _parquet(table, tmp_path / "out.parquet")
    assert pq.read_table(tmp_path / "out.parquet").to_pylist() == table.to_pylist()


@given(
    st.lists(
        st.lists(
            st.one_of(st.none(), st.sampled_from(["a", "b c", "محمد"])), min_size=3, max_size=3
        ),
        max_size=20,
    )
)
def test_join_present_skips_missing_parts(parts):
    columns = [pa.array([row[k] for row in parts], pa.string()) for k in range(3)]
    joined = join_present(columns, " ").to_pylist() if parts else []
    for row, value in zip(parts, joined, strict=True):
        present = [p for p in row if p is not None]
        assert value == (" ".join(present) if present else None)


def test_every_list_schema_maps_canonical_fields_only():
    from recount.settings import CANONICAL_FIELDS
    from recount.simulate import DEFAULT_LISTS

    for spec in DEFAULT_LISTS:
        assert set(spec.schema.columns) <= set(CANONICAL_FIELDS), spec.id
    assert VDC.schema.columns["name"] == "الاسم الكامل"
