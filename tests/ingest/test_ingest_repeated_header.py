"""A header row repeated inside a file (exports concatenated) is quarantined, never a person."""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ingest_helpers import read_file

COLUMN = st.text(alphabet=st.sampled_from("abcdefgxyz _ÉéالاسمNo"), min_size=1, max_size=10).filter(
    lambda c: c.strip()
)
CELL = st.text(alphabet=st.sampled_from("abc xyz0123456789محمد"), max_size=8)


def _csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().encode("utf-8")


def _read(header: list[str], rows: list[list[str]], name: str = "list.csv"):
    source = {"id": "s", "path": name, "columns": {"name": header[0].strip()}}
    with tempfile.TemporaryDirectory() as folder:
        return read_file(Path(folder), source, _csv([header, *rows]), name, country=None)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(COLUMN, min_size=1, max_size=5, unique_by=lambda c: c.strip().lower()),
    st.lists(st.lists(CELL, min_size=5, max_size=5), min_size=1, max_size=6),
    st.data(),
)
def test_every_repeat_of_the_header_is_quarantined_with_its_row(header, people, data):
    # people differ from the header in at least one filled cell (a digit no column name has)
    people = [[f"{cell}1" for cell in row[: len(header)]] for row in people]
    where = sorted(data.draw(st.sets(st.integers(0, len(people)), min_size=1, max_size=3)))
    styled = data.draw(st.sampled_from([str.upper, str.lower, lambda c: f" {c} ", str]))
    rows = list(people)
    for offset, index in enumerate(where):
        rows.insert(index + offset, [styled(c) for c in header])
    result = _read(header, rows)
    repeated = [index + offset + 1 for offset, index in enumerate(where)]
    assert result.quarantine[["source_row", "reason"]].values.tolist() == [
        [row, "repeated_header"] for row in repeated
    ]
    assert len(result.records) == len(people)


def test_a_row_naming_only_some_columns_or_other_words_is_kept():
    header = ["name", "sex", "place"]
    rows = [
        ["name", "sex", "Aleppo"],
        ["Name", "", ""],
        ["name", "sex", ""],
        ["sex", "name", "place"],
    ]
    result = _read(header, rows)
    # a header with its trailing cells blank is still the header; a cell naming another column
    # or holding a value is not
    assert result.quarantine[["source_row", "reason"]].values.tolist() == [[3, "repeated_header"]]
    assert result.records["source_row"].tolist() == [1, 2, 4]


def test_the_reason_and_row_are_printed_after_ingest(tmp_path):
    from typer.testing import CliRunner

    from recount.cli import app

    (tmp_path / "a.csv").write_bytes(
        _csv([["name", "age"], ["p1", "3"], ["name", "age"], ["p2", "4"]])
    )
    (tmp_path / "recount.toml").write_text(
        '[project]\nname = "t"\n\n[[sources]]\nid = "a"\npath = "a.csv"\n'
        '[sources.columns]\nname = "name"\nage = "age"\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["ingest", "--workspace", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "a: repeated_header 1 (a.csv data row 2)" in result.output
