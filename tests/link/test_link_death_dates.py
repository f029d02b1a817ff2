"""The death-date guard: records whose deaths no list error brings together are two people."""

from __future__ import annotations

import datetime

import hypothesis
import numpy as np
import pandas as pd
import pytest
from hypothesis import strategies as st

from recount.errors import ConfigError
from recount.link.clustering import RecordFacts, cluster
from recount.link.death_dates import (
    ERROR_MARGIN,
    MIN_SURE_PAIRS,
    MIN_TOLERANCE_DAYS,
    SURE_GAP_SHARE,
    UNKNOWN_DAY,
    death_gaps,
    exchanged_days,
    learn_death_tolerance,
)
from recount.settings import LinkSettings

EPOCH = datetime.date(1970, 1, 1)


def _day(text: str) -> int:
    return (datetime.date.fromisoformat(text) - EPOCH).days


def _facts(dates: list[str | None], precision: str = "day") -> RecordFacts:
    """One list per record, the same name everywhere: only the dates of death can differ."""
    n = len(dates)
    frame = pd.DataFrame(
        {
            "source_id": [f"list{i}" for i in range(n)],
            "sex": ["M"] * n,
            "dod_day": pd.array([_day(d) if d else None for d in dates], dtype="Int64"),
            "date_precision": [precision if d else None for d in dates],
            # dates of birth, none exact: the dates of death are read on their own
            "dob_day": pd.array([None] * n, dtype="Int64"),
            "dob_precision": ["year"] * n,
        }
    )
    return RecordFacts.from_frame(frame)


def _chain(facts: RecordFacts, tolerance: int | None):
    n = len(facts.source)
    left, right = np.arange(n - 1), np.arange(1, n)
    weight = np.linspace(20.0, 10.0, n - 1)
    return cluster(n, left, right, weight, facts, 45, 40, death_tolerance=tolerance)


def test_namesakes_killed_years_apart_are_two_people_even_through_an_undated_record():
    # cousins of one name, killed in 2013 and 2015; the middle record gives no date
    facts = _facts(["2013-04-20", None, "2015-09-02"])
    result = _chain(facts, tolerance=60)
    assert result.labels[0] == result.labels[1]
    assert result.labels[2] != result.labels[1]
    assert result.refused_death_dates == 1
    assert result.death_date_tolerance == 60
    # without the guard the undated record chains them into one person
    assert len(set(_chain(facts, tolerance=None).labels)) == 1


def test_dates_within_the_tolerance_or_at_a_coarser_precision_are_one_person():
    assert _chain(_facts(["2013-04-20", "2013-06-10"]), tolerance=60).refused_death_dates == 0
    assert _chain(_facts(["2013-04-20", "2013-06-30"]), tolerance=60).refused_death_dates == 1
    # a date given by its year only holds every day of that year
    year_only = _facts(["2013-01-01", "2013-01-01"], precision="year")
    year_only.date_lo[1] = _day("2013-11-30")
    year_only.date_hi[1] = _day("2013-11-30")
    assert _chain(year_only, tolerance=30).refused_death_dates == 0


def test_a_date_with_day_and_month_exchanged_or_a_year_digit_typed_wrong_is_one_death():
    assert _chain(_facts(["2014-03-05", "2014-05-03"]), tolerance=30).refused_death_dates == 0
    assert _chain(_facts(["2014-03-05", "2015-03-05"]), tolerance=30).refused_death_dates == 0
    assert _chain(_facts(["2014-03-05", "2024-03-05"]), tolerance=30).refused_death_dates == 0
    # two digits differ (2014, 2021), or another day of the year: two deaths
    assert _chain(_facts(["2014-03-05", "2021-03-05"]), tolerance=30).refused_death_dates == 1
    assert _chain(_facts(["2014-03-05", "2015-03-06"]), tolerance=30).refused_death_dates == 1


@hypothesis.given(st.dates(datetime.date(1900, 1, 1), datetime.date(2100, 12, 31)))
def test_exchanging_day_and_month_twice_gives_the_date_back(date):
    day = np.array([(date - EPOCH).days], dtype=np.int64)
    once = exchanged_days(day, np.array([True]))
    if date.day > 12 or date.day == date.month:
        assert once[0] == UNKNOWN_DAY
        return
    swapped = EPOCH + datetime.timedelta(days=int(once[0]))
    assert (swapped.year, swapped.month, swapped.day) == (date.year, date.day, date.month)
    assert exchanged_days(once, np.array([True]))[0] == day[0]
    assert exchanged_days(day, np.array([False]))[0] == UNKNOWN_DAY  # a month or a year: none


def test_gaps_read_each_date_the_closest_way_and_skip_unknown_ones():
    facts = _facts(["2014-03-05", "2014-05-03", None, "2014-03-25"])
    left, right = np.array([0, 0, 0]), np.array([1, 2, 3])
    gaps = death_gaps(facts.date_lo, facts.date_hi, facts.exchanged, left, right)
    assert gaps.tolist() == [0, -1, 20]


def test_the_tolerance_is_twice_the_gap_the_sure_pairs_keep_within():
    rng = np.random.default_rng(5)
    gaps = np.concatenate([np.zeros(800), rng.integers(1, 40, 195), [200, 300, 900, 1500, 4000]])
    tolerance = learn_death_tolerance(np.concatenate([gaps, np.full(30, -1)]).astype(np.int64))
    usual = int(np.quantile(gaps, SURE_GAP_SHARE, method="higher"))
    assert tolerance == ERROR_MARGIN * usual
    assert (gaps > tolerance).mean() <= 1 - SURE_GAP_SHARE
    # exact dates everywhere still leave a month
    assert learn_death_tolerance(np.zeros(500, dtype=np.int64)) == MIN_TOLERANCE_DAYS
    assert learn_death_tolerance(np.zeros(MIN_SURE_PAIRS - 1, dtype=np.int64)) is None


def test_the_guard_is_a_setting():
    assert LinkSettings().death_date_guard == "auto"
    assert LinkSettings().with_overrides(death_date_guard=90).death_date_guard == 90
    with pytest.raises(ConfigError, match="death_date_guard"):
        LinkSettings().with_overrides(death_date_guard="sometimes")
