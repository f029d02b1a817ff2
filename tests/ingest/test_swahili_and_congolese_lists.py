"""Lists from eastern DR Congo and East Africa: Swahili headers, values and month names, the
Congolese postnom, French ages and statuses, a Swahili 'wilaya' that is no province."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from recount.ingest.dates import parse_dates
from recount.ingest.suggest import suggest_source
from recount.ingest.values import recognise_age, recognise_sex, recognise_status
from recount.reference import country_pack

MIEZI = "Januari Februari Machi Aprili Mei Juni Julai Agosti Septemba Oktoba Novemba Desemba"


@settings(max_examples=80, deadline=None)
@given(
    st.dates(dt.date(1990, 1, 1), dt.date(2025, 12, 31)),
    st.sampled_from([str, str.upper, str.lower]),
)
def test_swahili_month_names_read_to_the_day_and_to_the_month(day, style):
    month = style(MIEZI.split()[day.month - 1])
    (full, partial), _ = parse_dates([f"{day.day} {month} {day.year}", f"{month} {day.year}"])
    assert (full.date, full.precision, full.flag) == (day, "day", None)
    assert (partial.date, partial.precision) == (day.replace(day=1), "month")


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 110))
def test_an_age_in_swahili_puts_the_years_first_and_plus_minus_is_a_guess(years):
    assert recognise_age([f"miaka {years}", f"Miaka{years}"]) == [(years, None)] * 2
    assert recognise_age([f"±{years}", f"± {years}"]) == [(years, "age_approximate")] * 2


def test_swahili_sex_words_and_french_and_swahili_statuses():
    assert [s for s, _ in recognise_sex(["Mume", "Mke", "ME", "KE", "mwanaume", "Mwanamke"])] == [
        "M", "F", "M", "F", "M", "F",
    ]  # fmt: skip
    statuses = recognise_status(["Militaire", "Milicien", "soldat", "Raia", "askari", "civils"])
    assert statuses == [("combatant", None)] * 3 + [("civilian", None), ("combatant", None)] + [
        ("civilian", None)
    ]


def _suggest(path: Path, rows: list[str], country: str | None = None) -> dict:
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    pack = country_pack(country) if country else None
    suggestion = suggest_source(path, pack=pack) if pack else suggest_source(path)
    return tomllib.loads(suggestion.toml())["sources"][0]["columns"]


def test_swahili_headers_are_mapped(tmp_path):
    rows = ["Na.,Jina kamili,Jinsia,Umri,Tarehe ya kifo,Mahali"] + [
        f"{i},Person {i} Family,Mume,{20 + i},{i + 1} Machi 2023,Kijiji {i % 4}" for i in range(8)
    ]
    columns = _suggest(tmp_path / "orodha.csv", rows)
    assert columns == {
        "name": "Jina kamili", "sex": "Jinsia", "age": "Umri",
        "date_of_death": "Tarehe ya kifo", "place": "Mahali", "record_ref": "Na.",
    }  # fmt: skip


def test_the_postnom_is_joined_to_the_nom(tmp_path):
    rows = ["NOM,POSTNOM,PRENOM,SEXE"] + [f"NOM{i},POST{i},Prenom{i},M" for i in range(6)]
    columns = _suggest(tmp_path / "liste.csv", rows)
    assert columns["family_name"] == ["NOM", "POSTNOM"]
    assert columns["given_name"] == "PRENOM"


def test_a_first_level_header_whose_values_are_no_unit_of_the_country_is_a_place(tmp_path):
    rows = ["Jina,Wilaya,Mahali"] + [f"Person {i},Beni {i % 3},Kijiji {i}" for i in range(9)]
    columns = _suggest(tmp_path / "orodha.csv", rows, country="CD")
    assert "governorate" not in columns
    assert columns["place"] == "Mahali"
    text = suggest_source(tmp_path / "orodha.csv", pack=country_pack("CD")).toml()
    (line,) = [line for line in text.splitlines() if '"Wilaya"' in line]
    assert line.startswith("# extra.wilaya") and "no value is one of the CD provinces" in line
    provinces = ["Wilaya,Mahali"] + [
        f"{p},Kijiji {i}" for i, p in enumerate(["Ituri", "Nord-Kivu"] * 4)
    ]
    assert _suggest(tmp_path / "mkoa.csv", provinces, country="CD")["governorate"] == "Wilaya"
