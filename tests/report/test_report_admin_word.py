"""The report names first-level admin units as the workspace's country pack does."""

from __future__ import annotations

import pandas as pd

from recount.ingest import ingest_workspace
from recount.reference import NO_PACK, country_pack
from recount.report.charts import by_governorate
from recount.report.figures import admin_names_as_written
from recount.workspace import Workspace


def _frame(codes):
    return pd.DataFrame(
        {
            "governorate": codes,
            "documented": [10, 5],
            "estimate": [12.0, None],
            "lower": [11.0, None],
            "upper": [14.0, None],
        }
    )


def test_departments_for_colombia_and_governorates_for_syria():
    chart = by_governorate(_frame(["CO-ANT", "CO-CHO"]), "1985-2016", country_pack("CO")).to_dict()
    assert "by department" in " ".join(chart["title"])
    assert {row["place"] for row in chart["datasets"][next(iter(chart["datasets"]))]} == {
        "Antioquia",
        "Chocó",
    }
    chart = by_governorate(_frame(["SY-HL", "SY-ID"]), "2011-2021", country_pack("SY")).to_dict()
    assert "by governorate" in " ".join(chart["title"])


def test_without_a_pack_the_codes_are_shown_as_they_are():
    chart = by_governorate(_frame(["SY-HL", "XX-1"]), "2011", NO_PACK).to_dict()
    assert "by admin unit" in " ".join(chart["title"])
    assert {row["place"] for row in chart["datasets"][next(iter(chart["datasets"]))]} == {
        "SY-HL",
        "XX-1",
    }


def test_without_a_pack_a_code_the_lists_name_is_shown_by_their_name():
    """A user in a country without a pack maps the lists' state names to codes (SD-DW): the
    chart names each unit as the lists do, the code beside it."""
    written = {"SD-DW": "West Darfur"}
    chart = by_governorate(_frame(["SD-DW", "SD-KH"]), "2023", NO_PACK, written).to_dict()
    assert {row["place"] for row in chart["datasets"][next(iter(chart["datasets"]))]} == {
        "West Darfur (SD-DW)",
        "SD-KH",
    }
    # a pack's own name wins
    chart = by_governorate(_frame(["SY-HL", "SY-ID"]), "2011", country_pack("SY"), {"SY-HL": "x"})
    places = {
        row["place"] for row in chart.to_dict()["datasets"][next(iter(chart.to_dict()["datasets"]))]
    }
    assert "Aleppo" in places and "x (SY-HL)" not in places


def test_the_name_taken_is_the_lists_commonest_in_latin_script(tmp_path):
    root = tmp_path / "ws"
    Workspace.init(root, name="t")
    rows = ["غرب دارفور"] * 5 + ["West Darfur"] * 3 + ["W. Darfur"] * 2 + ["SD-KH"] * 2
    (root / "a.csv").write_text(
        "name,state\n" + "".join(f"Adam {i},{state}\n" for i, state in enumerate(rows)),
        encoding="utf-8",
    )
    values = {"غرب دارفور": "SD-DW", "West Darfur": "SD-DW", "W. Darfur": "SD-DW"}
    mapped = "".join(f'"{theirs}" = "{ours}"\n' for theirs, ours in values.items())
    with open(root / "recount.toml", "a", encoding="utf-8") as config:
        config.write(
            '\n[[sources]]\nid = "a"\npath = "a.csv"\n[sources.columns]\nname = "name"\n'
            f'governorate = "state"\n[sources.values.governorate]\n{mapped}'
        )
    ws = Workspace(root)
    ingest_workspace(ws)
    assert admin_names_as_written(ws) == {"SD-DW": "West Darfur"}
    # no name written beside any code: nothing to add
    (root / "a.csv").write_text("name,state\nAdam,SD-KH\n", encoding="utf-8")
    ingest_workspace(ws)
    assert admin_names_as_written(ws) == {}


def test_the_table_names_each_unit_beside_its_code_under_the_countrys_word():
    """The table under the chart showed codes (GT-13) under 'governorate' for a Guatemalan
    workspace; it names the units as the chart does, under 'department'."""
    from recount.report import _named_units

    frame = _frame(["GT-13", "unknown"])
    table = _named_units(frame, country_pack("GT"), {})
    assert table.columns[:2].tolist() == ["department", "code"]
    assert table["department"].tolist() == ["Huehuetenango", "unknown"]
    assert table["code"].tolist() == ["GT-13", ""]
    assert table["documented"].tolist() == [10, 5]
    table = _named_units(_frame(["SD-DW", "SD-KH"]), NO_PACK, {"SD-DW": "West Darfur"})
    assert table["admin unit"].tolist() == ["West Darfur (SD-DW)", "SD-KH"]
