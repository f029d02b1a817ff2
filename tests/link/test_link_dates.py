"""The date-of-death comparison: levels that mean what they say, at the precision both records have."""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from recount.link import comparisons as cmp

EPOCH = dt.date(1970, 1, 1)
PRECISIONS = ("day", "month", "year")


def _side(date: dt.date | None, precision: str) -> dict:
    """One record's date columns as `recount.link.prepare` writes them (a coarse date keeps
    the day the names stage gave it: the month's or year's first)."""
    if date is None:
        return {"dod_day": None, "dod_month": None, "dod_year": None, "date_precision": None}
    if precision == "month":
        date = date.replace(day=1)
    elif precision == "year":
        date = date.replace(month=1, day=1)
    return {
        "dod_day": (date - EPOCH).days,
        "dod_month": (date.year - 1970) * 12 + date.month - 1,
        "dod_year": date.year,
        "date_precision": precision,
    }


def levels(pairs: list[tuple[dt.date | None, str, dt.date | None, str]]) -> list[str]:
    """The level label the comparison's SQL gives each pair (first level whose condition holds)."""
    rows = []
    for a, pa, b, pb in pairs:
        left, right = _side(a, pa), _side(b, pb)
        rows.append(
            {**{f"{k}_l": v for k, v in left.items()}, **{f"{k}_r": v for k, v in right.items()}}
        )
    frame = pd.DataFrame(rows).astype(
        {
            **{f"dod_{p}_{s}": "Int64" for p in ("day", "month", "year") for s in "lr"},
            **{f"date_precision_{s}": "object" for s in "lr"},
        }
    )
    cases = []
    for lv in cmp.date_of_death()["comparison_levels"]:
        label = lv["label_for_charts"].replace("'", "''")
        condition = "true" if lv["sql_condition"] == "ELSE" else lv["sql_condition"]
        cases.append(f"when {condition} then '{label}'")
    con = duckdb.connect()
    con.register("pairs", frame)
    return [r[0] for r in con.execute(f"select case {' '.join(cases)} end from pairs").fetchall()]


def test_each_level_means_what_it_says():
    d = dt.date
    cases = {
        (d(2023, 5, 10), "day", d(2023, 5, 10), "day"): "same day",
        (d(2023, 5, 10), "day", d(2023, 5, 16), "day"): "within a week",
        (d(2023, 5, 10), "day", d(2023, 5, 1), "month"): "same month",
        # two full dates 28 days apart in one calendar month are within a month, not the same
        (d(2023, 5, 2), "day", d(2023, 5, 30), "day"): "within a month",
        (d(2023, 5, 20), "day", d(2023, 6, 12), "day"): "within a month",
        (d(2023, 5, 1), "month", d(2023, 6, 28), "day"): "within a month",
        (d(2023, 9, 10), "day", d(2023, 1, 1), "year"): "same year",
        # two full dates six months apart were 'same year' (weak evidence); they clearly differ
        (d(2023, 3, 10), "day", d(2023, 9, 10), "day"): "within a year",
        (d(2023, 11, 1), "month", d(2023, 3, 1), "month"): "within a year",
        (d(2021, 3, 10), "day", d(2023, 9, 10), "day"): "All other comparisons",
        (d(2022, 1, 1), "year", d(2023, 1, 1), "year"): "All other comparisons",
        (None, "day", d(2023, 9, 10), "day"): "null",
    }
    assert levels(list(cases)) == list(cases.values())


dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31))
pair = st.tuples(dates, st.sampled_from(PRECISIONS), dates, st.sampled_from(PRECISIONS))


@settings(max_examples=40, deadline=None)
@given(st.lists(pair, min_size=1, max_size=40))
def test_a_level_claims_no_more_precision_than_both_records_have(pairs):
    got = levels(pairs)
    assert got == levels([(b, pb, a, pa) for a, pa, b, pb in pairs])  # symmetric
    day_levels = {"same day", "within a week"}
    for (a, pa, b, pb), label in zip(pairs, got, strict=True):
        if "year" in (pa, pb):
            assert label in ("same year", "All other comparisons")
            assert (label == "same year") == (a.year == b.year)
        elif "month" in (pa, pb):
            assert label not in day_levels
            months = abs((a.year - b.year) * 12 + a.month - b.month)
            assert (label == "same month") == (months == 0)
        else:
            days = abs((a - b).days)
            expected = (
                "same day"
                if days == 0
                else "within a week"
                if days <= 7
                else "within a month"
                if days <= 31
                else "within a year"
                if days <= 366
                else "All other comparisons"
            )
            assert label == expected


def age_levels(rows: list[tuple]) -> list[str]:
    """The age comparison's level for (birth_year, age, dob_day) on each side."""
    names = ("birth_year", "age", "dob_day")
    frame = pd.DataFrame(
        [
            {
                **{f"{n}_l": v for n, v in zip(names, left, strict=True)},
                **{f"{n}_r": v for n, v in zip(names, right, strict=True)},
            }
            for left, right in rows
        ]
    ).astype({f"{n}_{s}": "Int64" for n in names for s in "lr"})
    cases = []
    for lv in cmp.birth_year()["comparison_levels"]:
        condition = "true" if lv["sql_condition"] == "ELSE" else lv["sql_condition"]
        cases.append(f"when {condition} then '{lv['label_for_charts']}'")
    con = duckdb.connect()
    con.register("pairs", frame)
    return [r[0] for r in con.execute(f"select case {' '.join(cases)} end from pairs").fetchall()]


@settings(deadline=None, max_examples=40)
@given(st.integers(0, 100), st.integers(0, 100), st.booleans())
def test_ages_are_compared_where_a_date_of_death_is_missing(age_a, age_b, left_dated):
    """A list without dates still gives ages: with no year of birth on one side the two ages
    are compared as ages; with both years of birth, the years are; with no age, nothing."""
    dated = (2015 - age_a, age_a, None)
    undated = (None, age_b, None)
    pair = (dated, undated) if left_dated else (undated, dated)
    expected = (
        "ages within 1 year, a date missing"
        if abs(age_a - age_b) <= 1
        else "ages further apart, a date missing"
    )
    assert age_levels([pair]) == [expected]
    assert age_levels([(dated, (2015 - age_b, age_b, None))])[0] not in (
        "ages within 1 year, a date missing",
        "ages further apart, a date missing",
    )
    assert age_levels([(dated, (None, None, None))]) == ["null"]
