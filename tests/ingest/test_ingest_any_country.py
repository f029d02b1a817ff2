"""What lists of any country carry: dates of birth, places of birth, extra fields, any year."""

from __future__ import annotations

import datetime as dt
import io
import tempfile
from pathlib import Path

import openpyxl
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ingest_helpers import read_file

from recount.config import parse_config
from recount.errors import ConfigError
from recount.ingest.dates import parse_dates
from recount.settings import extra_field_kind

HEADER = [
    "Nombre",
    "Sexo",
    "Fecha de nacimiento",
    "Lugar de nacimiento",
    "Departamento",
    "Cédula",
    "Ocupación",
    "Fecha",
]
ROWS = [
    ["Juan Carlos Pérez Gómez", "Hombre", "12/03/1950", "Medellín", "Antioquia", "71234567", "agricultor", "05/06/2002"],
    ["María José de la Hoz", "Mujer", "1899", "Quibdó", "Chocó", "", "docente", "2001"],
    ["Luis Ángel Ruiz", "", "marzo de 1975", "", "Bogotá D.C.", "80111222", "", "3 de mayo de 1998"],
]  # fmt: skip
SOURCE = {
    "id": "co",
    "columns": {
        "name": "Nombre",
        "sex": "Sexo",
        "date_of_birth": "Fecha de nacimiento",
        "place_of_birth": "Lugar de nacimiento",
        "governorate": "Departamento",
        "extra.id_number": "Cédula",
        "extra.occupation": "Ocupación",
        "date_of_death": "Fecha",
    },
}
EXPECTED = [
    (dt.date(1950, 3, 12), "day", "12/03/1950", "Medellín", "CO-ANT", {"id_number": "71234567", "occupation": "agricultor"}, dt.date(2002, 6, 5)),
    (dt.date(1899, 1, 1), "year", "1899", "Quibdó", "CO-CHO", {"occupation": "docente"}, dt.date(2001, 1, 1)),
    (dt.date(1975, 3, 1), "month", "marzo de 1975", None, "CO-DC", {"id_number": "80111222"}, dt.date(1998, 5, 3)),
]  # fmt: skip


def _csv(rows=ROWS) -> bytes:
    return "\n".join(",".join(cells) for cells in [HEADER, *rows]).encode("utf-8")


def _xlsx() -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for row in ROWS:
        sheet.append([cell or None for cell in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _parquet() -> bytes:
    columns = list(zip(*ROWS, strict=True))
    table = pa.table(
        {h: pa.array([v or None for v in c]) for h, c in zip(HEADER, columns, strict=True)}
    )
    buffer = io.BytesIO()
    pq.write_table(table, buffer)
    return buffer.getvalue()


def _read(data: bytes, name: str, country: str | None = "CO", source: dict = SOURCE):
    with tempfile.TemporaryDirectory() as folder:
        return read_file(Path(folder), source, data, name, country=country)


def _fields(records) -> list[tuple]:
    return [
        (
            r.date_of_birth,
            r.date_of_birth_precision,
            r.date_of_birth_raw,
            None if pd.isna(r.place_of_birth) else r.place_of_birth,
            r.governorate,
            r.extra,
            r.date_of_death,
        )
        for r in records.itertuples()
    ]


@pytest.mark.parametrize(
    ("data", "name"),
    [(_csv(), "l.csv"), (_xlsx(), "l.xlsx"), (_parquet(), "l.parquet")],
    ids=["csv", "xlsx", "parquet"],  # the bytes would name them, and an XLSX holds its time
)
def test_birth_fields_and_extras_from_csv_xlsx_and_parquet(data, name):
    result = _read(data, name)
    assert _fields(result.records) == EXPECTED
    assert result.records["sex"].tolist()[:2] == ["M", "F"]


def test_without_a_country_pack_no_department_is_mapped_and_each_is_flagged():
    records = _read(_csv(), "l.csv", country=None).records
    assert records["governorate"].isna().all()
    assert records["governorate_raw"].tolist() == ["Antioquia", "Chocó", "Bogotá D.C."]
    assert all("governorate_unrecognised" in issues for issues in records["issues"])


def test_dates_before_1900_are_kept_and_impossible_ones_flagged_with_their_text():
    rows = [
        [*ROWS[0][:2], "1850-07-04", *ROWS[0][3:]],
        [*ROWS[0][:2], "30/02/1950", *ROWS[0][3:]],
        [*ROWS[0][:2], "0701-01-01", *ROWS[0][3:]],
        [*ROWS[0][:2], "12/03/2099", *ROWS[0][3:]],
    ]
    records = _read(_csv(rows), "l.csv").records
    assert records["date_of_birth"].iloc[0] == dt.date(1850, 7, 4)
    assert pd.isna(records["issues"].iloc[0])
    assert records["date_of_birth"].iloc[1] == dt.date(1950, 2, 1)  # 30 February: the month holds
    assert records["date_of_birth"].iloc[2] == dt.date(701, 1, 1)  # a historical register
    assert records["date_of_birth_raw"].tolist() == [
        "1850-07-04",
        "30/02/1950",
        "0701-01-01",
        "12/03/2099",
    ]
    issues = records["issues"].tolist()[1:]
    assert issues[0] == "birth_date_invalid" and pd.isna(issues[1])
    assert issues[2] == "birth_date_in_future;birth_after_death"


def test_a_birth_after_the_death_is_flagged_and_both_dates_kept():
    rows = [[*ROWS[0][:2], "12/03/2005", *ROWS[0][3:]]]
    record = _read(_csv(rows), "l.csv").records.iloc[0]
    assert record["date_of_birth"] == dt.date(2005, 3, 12)
    assert record["date_of_death"] == dt.date(2002, 6, 5)
    assert record["issues"] == "birth_after_death"


def test_both_dates_share_one_day_first_decision():
    """17/03/1950 in the births settles that 05/06/2002 in the deaths is the 5th of June."""
    rows = [[*ROWS[0][:2], "17/03/1950", *ROWS[0][3:]]]
    record = _read(_csv(rows), "l.csv").records.iloc[0]
    assert record["date_of_death"] == dt.date(2002, 6, 5)
    rows = [[*ROWS[0][:2], "03/17/1950", *ROWS[0][3:]]]
    record = _read(_csv(rows), "l.csv").records.iloc[0]
    assert record["date_of_birth"] == dt.date(1950, 3, 17)
    assert record["date_of_death"] == dt.date(2002, 5, 6)


def test_extra_fields_in_config_dotted_or_as_a_table(tmp_path):
    def parse(columns):
        raw = {"sources": [{"id": "a", "path": "a.csv", "columns": columns}]}
        return parse_config(raw, tmp_path / "recount.toml").sources[0]

    source = parse({"name": "n", "extra": {"id_number": "DNI", "mother_name": "Madre"}})
    assert source.columns == {"name": "n", "extra.id_number": "DNI", "extra.mother_name": "Madre"}
    assert source.extra_columns == {"id_number": "DNI", "mother_name": "Madre"}
    for bad, key in [
        ({"name": "n", "extra": {"Bad Name": "x"}}, "sources.a.columns.extra.Bad Name"),
        ({"name": "n", "extra": {"sex": "x"}}, "sources.a.columns.extra.sex"),
        ({"name": "n", "extra": "x"}, "sources.a.columns.extra"),
        ({"name": "n", "occupation": "x"}, "sources.a.columns.occupation"),
    ]:
        with pytest.raises(ConfigError) as error:
            parse(bad)
        assert error.value.key == key


def test_extra_field_kinds_come_from_their_names():
    assert [extra_field_kind(n) for n in ("id_number", "passport", "voter_id", "case_no")] == [
        "id"
    ] * 4
    assert [extra_field_kind(n) for n in ("mother_name", "spouse_name")] == ["name", "name"]
    assert extra_field_kind("postcode") == "code"
    assert [extra_field_kind(n) for n in ("occupation", "nationality")] == ["text", "text"]


def test_a_missing_extra_column_is_named_in_the_error():
    source = {"id": "co", "columns": {"name": "Nombre", "extra.occupation": "Oficio"}}
    with pytest.raises(ConfigError) as error:
        _read(_csv(), "l.csv", source=source)
    assert error.value.key == "sources.co.columns.extra.occupation"


def test_rows_without_extras_have_an_empty_map():
    source = {"id": "co", "columns": {"name": "Nombre"}}
    records = _read(_csv(), "l.csv", source=source).records
    assert records["extra"].tolist() == [{}, {}, {}]


ENGLISH_MONTHS = (
    "January February March April May June July August September October November December".split()
)


@settings(max_examples=200, deadline=None)
@given(
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(2025, 12, 31)),
    st.sampled_from(
        [
            "{y}-{m:02d}-{d:02d}",
            "{d:02d}/{m:02d}/{y}",
            "{d} {M} {y}",
            "{M} {d}, {y}",
            "{d:02d}.{m:02d}.{y}",
        ]
    ),
)
def test_any_birth_date_of_any_year_reads_back(date, pattern):
    text = pattern.format(
        y=f"{date.year:04d}", m=date.month, d=date.day, M=ENGLISH_MONTHS[date.month - 1]
    )
    parsed, _ = parse_dates([text], dayfirst=True, today=dt.date(2026, 1, 1))
    assert parsed[0].date == date and parsed[0].precision == "day" and parsed[0].flag is None


SPANISH_MONTHS = "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre".split()


@settings(max_examples=100, deadline=None)
@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2025, 12, 31)), st.booleans())
def test_spanish_long_dates(date, with_day):
    month = SPANISH_MONTHS[date.month - 1]
    text = (
        f"{date.day} de {month} de {date.year}"
        if with_day
        else f"{month.capitalize()} de {date.year}"
    )
    parsed, _ = parse_dates([text], today=dt.date(2026, 1, 1))
    expected = date if with_day else date.replace(day=1)
    assert parsed[0].date == expected and parsed[0].precision == ("day" if with_day else "month")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=25))
def test_any_text_parses_to_a_date_or_a_flag_never_an_error(text):
    parsed, _ = parse_dates([text], today=dt.date(2026, 1, 1))
    result = parsed[0]
    assert (result.date is None) == (result.precision is None)
    if result.date is not None:
        assert result.date <= dt.date(2026, 1, 1) or result.flag == "date_in_future"


def test_excel_serial_numbers_in_a_date_column_are_dates():
    parsed, _ = parse_dates(["42721", "42721.0", "25569"], today=dt.date(2026, 1, 1))
    assert [p.date for p in parsed] == [dt.date(2016, 12, 17)] * 2 + [dt.date(1970, 1, 1)]
    assert {p.precision for p in parsed} == {"day"}


def test_a_field_may_join_several_columns_in_order():
    header = "PRIMER NOMBRE,SEGUNDO NOMBRE,PRIMER APELLIDO,SEGUNDO APELLIDO,DEPTO\n"
    data = (header + "JUAN,CARLOS,PEREZ,GOMEZ,05\nMARIA,,DE LA HOZ,,08\n").encode("utf-8")
    source = {
        "id": "ruv",
        "columns": {
            "given_name": ["PRIMER NOMBRE", "SEGUNDO NOMBRE"],
            "family_name": ["PRIMER APELLIDO", "SEGUNDO APELLIDO"],
            "governorate": "DEPTO",
        },
    }
    records = _read(data, "l.csv", source=source).records
    assert records["given_name"].tolist() == ["JUAN CARLOS", "MARIA"]
    assert records["family_name"].tolist() == ["PEREZ GOMEZ", "DE LA HOZ"]
    assert records["name"].tolist() == ["JUAN CARLOS PEREZ GOMEZ", "MARIA DE LA HOZ"]
    assert records["governorate"].tolist() == ["CO-ANT", "CO-ATL"]


def test_only_text_fields_may_join_columns(tmp_path):
    raw = {"sources": [{"id": "a", "path": "a.csv", "columns": {"name": "n", "sex": ["a", "b"]}}]}
    with pytest.raises(ConfigError) as error:
        parse_config(raw, tmp_path / "recount.toml")
    assert error.value.key == "sources.a.columns.sex"
    raw["sources"][0]["columns"] = {"name": []}
    with pytest.raises(ConfigError):
        parse_config(raw, tmp_path / "recount.toml")


def test_eight_digits_are_year_month_day():
    parsed, _ = parse_dates(["19151111", "20161231", "20161340"], today=dt.date(2026, 1, 1))
    assert [p.date for p in parsed] == [
        dt.date(1915, 11, 11),
        dt.date(2016, 12, 31),
        dt.date(2016, 1, 1),
    ]
    assert (parsed[2].precision, parsed[2].flag) == (
        "year",
        "date_invalid",
    )  # month 13: the year holds
