"""`recount sources suggest` writes out how it will read a list's own values."""

from __future__ import annotations

import tomllib
from pathlib import Path

from recount.ingest.suggest import suggest_source


def _suggested(tmp_path: Path, sexes: list[str]) -> dict:
    rows = ["Nombre,Sexo"] + [f"Persona {i},{sex}" for i, sex in enumerate(sexes)]
    path = tmp_path / "lista.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return tomllib.loads(suggest_source(path).toml())["sources"][0]


def test_h_and_m_letters_are_written_out_as_hombre_and_mujer(tmp_path):
    source = _suggested(tmp_path, ["H", "M", "M", "H", "h"])
    assert source["columns"]["sex"] == "Sexo"
    assert source["values"]["sex"] == {"H": "M", "M": "F", "h": "M"}


def test_m_and_f_letters_need_no_map(tmp_path):
    assert "values" not in _suggested(tmp_path, ["M", "F", "M"])


def _flag_column(tmp_path: Path, header: str, answers: list[str]) -> dict:
    rows = ["name,age," + header] + [f"Person {i},30,{a}" for i, a in enumerate(answers)]
    path = tmp_path / "media.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return tomllib.loads(suggest_source(path).toml())["sources"][0]


def test_a_yes_no_soldier_column_is_the_status_and_yes_is_a_combatant(tmp_path):
    # A news list's 'soldier' column holds 'yes' or nothing: the status, its yes a combatant.
    source = _flag_column(tmp_path, "soldier", ["yes", "", "", "yes", ""])
    assert source["columns"]["status"] == "soldier"
    assert source["values"]["status"] == {"yes": "combatant"}
    both = _flag_column(tmp_path, "Військовий", ["так", "ні", "ні", "Так"])
    assert both["columns"]["status"] == "Військовий"
    assert both["values"]["status"] == {"Так": "combatant", "ні": "unknown", "так": "combatant"}


def test_a_soldier_column_of_other_words_or_beside_a_status_is_left_alone(tmp_path):
    named = _flag_column(tmp_path, "soldier", ["private", "sergeant", "", "private"])
    assert "status" not in named["columns"] and "values" not in named
    rows = ["name,status,soldier", "Person 1,civilian,no", "Person 2,combatant,yes"]
    path = tmp_path / "both.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    source = tomllib.loads(suggest_source(path).toml())["sources"][0]
    assert source["columns"]["status"] == "status" and "values" not in source


def test_a_yes_no_civilian_column_is_the_status_and_yes_is_a_civilian(tmp_path):
    # A UN-style list's 'Civilian' column answers Yes or No: the status, its yes a civilian,
    # its no written out as unknown for the user to read as combatant if the list means that.
    source = _flag_column(tmp_path, "Civilian", ["Yes", "No", "Yes", "Yes"])
    assert source["columns"]["status"] == "Civilian"
    assert source["values"]["status"] == {"Yes": "civilian", "No": "unknown"}
    path = tmp_path / "media.csv"
    assert "yes is a civilian" in suggest_source(path).toml()
    assert "# or combatant, if the list means that" in suggest_source(path).toml()
    named = _flag_column(tmp_path, "civilian", ["farmer", "teacher", "farmer"])
    assert "status" not in named["columns"]
