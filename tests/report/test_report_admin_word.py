"""The report names first-level admin units as the workspace's country pack does."""

from __future__ import annotations

import pandas as pd

from recount.reference import NO_PACK, country_pack
from recount.report.charts import by_governorate


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
