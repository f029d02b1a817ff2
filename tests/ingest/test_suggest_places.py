"""`recount sources suggest` maps the usual names of admin units and places, in any country."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recount.ingest.suggest import suggest_source

PLACE_WORDS = [
    "Municipality", "district", "county", "municipio", "city", "village", "town", "locality",
    "lieu", "commune", "parish", "canton", "settlement", "neighbourhood", "ward", "Localité",
    "subdistrict", "sub-county", "admin2", "ADM3", "Administrative level 2",
]  # fmt: skip
FIRST_LEVEL_WORDS = ["province", "region", "departamento", "state", "admin1", "ADM1", "Admin 1"]
STYLES = st.sampled_from([str, str.upper, str.lower, str.title])
SHAPES = st.sampled_from(["{}", "{} name", "{} of death", "{}_name", "{} (where killed)"])
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _columns(header: str) -> dict[str, str]:
    rows = [f"name,{header},age"] + [f"person {i},Unit {i % 3},{20 + i}" for i in range(6)]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "list.csv"
        path.write_text("\n".join(rows) + "\n", encoding="utf-8")
        return {field: column for field, (column, _) in suggest_source(path).columns.items()}


@SETTINGS
@given(st.sampled_from(PLACE_WORDS), STYLES, SHAPES)
def test_a_column_named_for_a_lower_admin_unit_or_place_is_the_place(word, style, shape):
    header = shape.format(style(word))
    columns = _columns(header)
    assert columns.get("place") == header, columns
    assert "governorate" not in columns


@SETTINGS
@given(st.sampled_from(FIRST_LEVEL_WORDS), STYLES)
def test_a_column_named_for_the_first_admin_level_is_the_governorate(word, style):
    header = style(word)
    columns = _columns(header)
    assert columns.get("governorate") == header, columns
    assert "place" not in columns


def test_words_that_only_contain_admin_or_sub_are_not_places():
    for header in ("Subject", "submitted", "badminton", "Country", "adm0"):
        assert header not in _columns(header).values()


def test_of_two_place_columns_the_finer_is_the_place_and_the_other_is_kept_as_extra():
    rows = ["name,county,town"] + [f"person {i},C{i % 2},T{i % 5}" for i in range(10)]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "list.csv"
        path.write_text("\n".join(rows) + "\n", encoding="utf-8")
        suggestion = suggest_source(path)
    assert suggestion.columns["place"][0] == "town"
    assert suggestion.unmapped == ["county"]
    assert '# extra.county = "county"   # a coarser place than `place`' in suggestion.toml()


def test_a_first_level_column_without_a_country_pack_says_what_happens_to_it():
    rows = ["name,Province"] + [f"person {i},P{i % 3}" for i in range(6)]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "list.csv"
        path.write_text("\n".join(rows) + "\n", encoding="utf-8")
        text = " ".join(suggest_source(path).toml().replace("#", "").split())
    assert 'No country pack is set and the "Province" values are no shipped pack\'s units' in text
    assert "flagged governorate_unrecognised" in text
    assert "map each value to its ISO 3166-2 code under [sources.values.governorate]" in text
    assert "set [project] country to the lists' ISO 3166-1 code" in text
