"""A place at the grain of an oblast against a town in it: its own level, not 'else'."""

from __future__ import annotations

import duckdb
import pytest

from recount.link import comparisons as cmp


def _level_reached(comparison, pairs) -> list[str]:
    """The label of the first level each pair meets, as Splink evaluates them in order."""
    cases = " ".join(
        f"when {lv['sql_condition']} then '{lv['label_for_charts']}'"
        for lv in comparison["comparison_levels"]
        if lv["sql_condition"] != "ELSE"
    )
    con = duckdb.connect()
    con.register("pairs", pairs)
    return [
        row[0]
        for row in con.execute(
            f"select case {cases} else 'All other comparisons' end from pairs order by pair"
        ).fetchall()
    ]


@pytest.mark.parametrize("by_day", [True, False])
def test_an_oblast_against_a_town_in_it_is_its_own_level(by_day):
    import pandas as pd

    pairs = pd.DataFrame(
        {
            "pair": [1, 2, 3, 4, 5],
            "place_key_l": ["kherson oblast", "kherson oblast", "izium", "izium", None],
            "place_key_r": ["oleshky", "izium", "oleshky", "izium", "izium"],
            "place_is_unit_l": [True, True, False, False, False],
            "place_is_unit_r": [False, False, False, False, False],
            "governorate_l": ["UA-65", "UA-65", "UA-63", "UA-63", None],
            "governorate_r": ["UA-65", "UA-63", "UA-65", "UA-63", "UA-63"],
            "date_precision_l": ["day"] * 5,
            "date_precision_r": ["day"] * 5,
            "dod_day_l": [1] * 5,
            "dod_day_r": [2] * 5,
        }
    )
    place = cmp.place(cmp.Dialect("duckdb"), "place_key", by_day=by_day)
    assert _level_reached(place, pairs) == [
        cmp.ONLY_THE_UNIT,  # the oblast and a town in it
        "All other comparisons",  # the oblast and a town of another oblast
        "All other comparisons",  # two towns
        "same",
        "null",
    ]
