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
