"""Config mistakes are ConfigErrors that name the key and say what was expected."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from ingest_helpers import read_file

from recount.config import parse_config
from recount.errors import ConfigError

BASE = {"id": "s", "path": "l.csv", "columns": {"name": "name"}}


def config_error(**changes) -> ConfigError:
    source = {**BASE, **changes}
    with pytest.raises(ConfigError) as caught:
        parse_config({"project": {"name": "t"}, "sources": [source]}, Path("/w/recount.toml"))
    return caught.value


def read_error(data: bytes = b"name\nAli\n", name: str = "l.csv", **changes) -> ConfigError:
    with tempfile.TemporaryDirectory() as folder, pytest.raises(ConfigError) as caught:
        read_file(Path(folder), {**BASE, **changes}, data, name)
    return caught.value


@pytest.mark.parametrize(
    ("changes", "key", "says"),
    [
        ({"columns": {"nom": "name"}}, "sources.s.columns.nom", "unknown canonical field"),
        ({"columns": {"sex": "sex"}}, "sources.s.columns", "name field"),
        ({"format": "xls"}, "sources.s.format", "csv, tsv, xlsx, jsonl, parquet"),
        ({"dayfirst": "yes"}, "sources.s.dayfirst", "true or false"),
        ({"colums": {}}, "sources[0].colums", "unknown key"),
        ({"values": {"sex": {"x": 1}}}, "sources.s.values.sex.x", "string"),
        (
            {"columns": {"name": "name", "family_name": []}},
            "sources.s.columns.family_name",
            "non-empty list of columns to join",
        ),
        (
            {"columns": {"name": "name", "family_name": ["a", ""]}},
            "sources.s.columns.family_name",
            "list of non-empty strings",
        ),
        (
            {"columns": {"name": "name", "sex": ["a", "b"]}},
            "sources.s.columns.sex",
            "join several columns",
        ),
    ],
)
def test_parse_errors_name_the_key(changes, key, says):
    error = config_error(**changes)
    assert error.key == key
    assert says in str(error)


def test_a_column_missing_from_the_file_names_the_key_and_lists_the_columns():
    error = read_error(b"full name,sex\nAli,M\n")
    assert error.key == "sources.s.columns.name"
    assert "'full name'" in str(error) and "'sex'" in str(error)


def test_header_matching_ignores_case_spacing_and_arabic_letter_forms():
    with tempfile.TemporaryDirectory() as folder:
        source = {**BASE, "columns": {"name": "الاسم الكامل", "sex": "sex"}}
        result = read_file(Path(folder), source, " الإسم  الكامل ,SEX\nAli,M\n".encode(), "l.csv")
    assert result.records["name"].tolist() == ["Ali"]


@pytest.mark.parametrize(
    ("changes", "key"),
    [
        ({"path": "missing.csv"}, "sources.s.path"),
        ({"encoding": "no-such-codec"}, "sources.s.encoding"),
        ({"delimiter": ";;"}, "sources.s.delimiter"),
    ],
)
def test_read_time_errors_name_the_key(changes, key):
    with tempfile.TemporaryDirectory() as folder, pytest.raises(ConfigError) as caught:
        (Path(folder) / "l.csv").write_bytes(b"name\nAli\n")
        from recount.ingest import read_source

        config = parse_config({"sources": [{**BASE, **changes}]}, Path(folder) / "recount.toml")
        read_source(config.sources[0])
    assert caught.value.key == key


def test_a_missing_sheet_names_the_key(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "Data"
    book.active.append(["name"])
    book.save(tmp_path / "l.xlsx")
    error = read_error((tmp_path / "l.xlsx").read_bytes(), name="l.xlsx", sheet="Victims")
    assert error.key == "sources.s.sheet" and "Data" in str(error)


def test_a_json_path_no_line_has_names_the_key():
    error = read_error(
        b'{"name": {"first": "Ali"}}\n', name="l.jsonl", columns={"name": "name.given"}
    )
    assert error.key == "sources.s.columns.name"
    assert "name.given" in str(error)


def test_delimiter_by_name():
    with tempfile.TemporaryDirectory() as folder:
        result = read_file(
            Path(folder),
            {**BASE, "delimiter": "tab", "columns": {"name": "name", "sex": "sex"}},
            b"name\tsex\nA,B\tM\n",
            "l.csv",
        )
    assert result.delimiter == "\t"
    assert result.records["name"].tolist() == ["A,B"]
