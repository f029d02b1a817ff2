"""The birth-year guard: records born clearly apart are two people, at the lists' own age errors."""

from __future__ import annotations

import hypothesis
import numpy as np
import pandas as pd
import pytest
from hypothesis import strategies as st

from recount.link.clustering import (
    BULK_SHARE,
    FLOOR_SHARE,
    MIN_SURE_PAIRS,
    RARE_FULL_NAME,
    SURE_GAP_SHARE,
    UNKNOWN_DAY,
    RecordFacts,
    birth_years,
    cluster,
    contamination_floor,
    learn_birth_reading,
    learn_birth_tolerance,
    sure_pairs,
)
from recount.settings import LinkSettings


def _facts(ages: list[int | None], death_year: int = 2013, dob_years=None) -> RecordFacts:
    """One list per record, the same name everywhere: only the years of birth can differ."""
    n = len(ages)
    frame = pd.DataFrame(
        {
            "source_id": [f"list{i}" for i in range(n)],
            "sex": ["M"] * n,
            "dod_day": pd.array([15_700] * n, dtype="Int64"),
            "date_precision": ["day"] * n,
            "dod_year": pd.array([death_year] * n, dtype="Int64"),
            "age": pd.array(ages, dtype="Int64"),
            "dob_year": pd.array(dob_years or [None] * n, dtype="Int64"),
        }
    )
    return RecordFacts.from_frame(frame)


def _chain(facts: RecordFacts, tolerance: int | None, swapped_ages: bool = False):
    n = len(facts.source)
    left, right = np.arange(n - 1), np.arange(1, n)
    weight = np.linspace(20.0, 10.0, n - 1)
    return cluster(
        n, left, right, weight, facts, 45, 40, birth_tolerance=tolerance, swapped_ages=swapped_ages
    )


def test_a_year_of_birth_is_known_at_the_precision_the_record_gives():
    frame = pd.DataFrame(
        {
            "dob_year": pd.array([1980, None, None], dtype="Int64"),
            "dod_year": pd.array([2013, 2013, None], dtype="Int64"),
            "age": pd.array([40, 30, 30], dtype="Int64"),
        }
    )
    lo, hi = birth_years(frame)
    # a date of birth wins over an age; an age at death leaves the birthday open; an age
    # without a date of death says nothing of the year
    assert (lo[0], hi[0]) == (1980, 1980)
    assert (lo[1], hi[1]) == (1982, 1983)
    assert lo[2] == UNKNOWN_DAY


def test_a_father_and_his_namesake_son_are_two_people_even_through_a_record_without_age():
    # 60 and 30 at death, one name, one day; the middle record gives no age and links to both
    result = _chain(_facts([60, None, 30]), tolerance=3)
    assert result.labels[0] == result.labels[1]
    assert result.labels[2] != result.labels[1]
    assert result.refused_birth_years == 1
    # without the guard the record without an age chains them into one person
    assert len(set(_chain(_facts([60, None, 30]), tolerance=None).labels)) == 1


def test_ages_written_within_the_tolerance_are_one_person():
    # 41 and 43 at death (born 1971-1972 and 1969-1970): a year apart, at a tolerance of 1
    result = _chain(_facts([41, 43]), tolerance=1)
    assert result.labels[0] == result.labels[1]
    assert result.refused_birth_years == 0
    assert _chain(_facts([41, 44]), tolerance=1).refused_birth_years == 1


def test_a_date_of_birth_and_an_age_compare_at_their_own_precision():
    # born 1983 (a date of birth) and 30 at a 2013 death (born 1982 or 1983): no gap at all
    result = _chain(_facts([None, 30], dob_years=[1983, None]), tolerance=0)
    assert result.labels[0] == result.labels[1]


def test_the_tolerance_is_the_gap_the_sure_pairs_keep_within():
    rng = np.random.default_rng(3)
    gaps = np.concatenate([np.zeros(900), rng.integers(1, 3, 95), [5, 9, 12, 20, 30]])
    tolerance = learn_birth_tolerance(np.concatenate([gaps, np.full(40, -1)]).astype(np.int64))
    assert tolerance == 2
    assert (gaps > tolerance).mean() <= 1 - SURE_GAP_SHARE
    assert learn_birth_tolerance(np.zeros(MIN_SURE_PAIRS - 1, dtype=np.int64)) is None


def test_sure_pairs_share_a_full_name_few_records_carry():
    token_set = pd.Series(["ehmd ely ktyb", "ehmd ely ktyb", "ehmd ktyb", "ehmd ktyb", None, None])
    freq = pd.Series([2, 2, RARE_FULL_NAME + 1, RARE_FULL_NAME + 1, None, None], dtype="Int64")
    left, right = np.array([0, 2, 4, 0]), np.array([1, 3, 5, 2])
    assert sure_pairs(token_set, freq, left, right).tolist() == [True, False, False, False]


def test_the_guard_is_a_setting():
    assert LinkSettings().birth_year_guard == "auto"
    assert LinkSettings().with_overrides(birth_year_guard=5).birth_year_guard == 5


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_no_person_ever_holds_two_records_born_further_apart_than_the_tolerance(seed):
    rng = np.random.default_rng(seed)
    n = 60
    ages = [None if rng.random() < 0.3 else int(rng.integers(1, 80)) for _ in range(n)]
    facts = _facts(ages)
    left = rng.integers(0, n, 400)
    right = rng.integers(0, n, 400)
    keep = left != right
    result = cluster(
        n, left[keep], right[keep], rng.random(keep.sum()) * 30, facts, 45, 40, birth_tolerance=4
    )
    for label in set(result.labels.tolist()):
        members = np.flatnonzero(result.labels == label)
        known = [m for m in members if facts.born_lo[m] != UNKNOWN_DAY]
        if known:
            lo, hi = facts.born_lo[known], facts.born_hi[known]
            assert lo.max() - hi.min() <= 4


@hypothesis.given(st.lists(st.integers(0, 40), min_size=MIN_SURE_PAIRS, max_size=300))
def test_on_lists_of_the_dead_the_gaps_sure_pairs_show_before_they_stop_thinning_are_allowed(gaps):
    gaps = np.array(gaps, dtype=np.int64)
    tolerance = learn_birth_tolerance(gaps, killed_together=True)
    quantile = np.quantile(gaps, SURE_GAP_SHARE, method="higher")
    assert learn_birth_tolerance(gaps) == quantile
    assert tolerance is not None and tolerance <= gaps.max()
    counts = np.bincount(gaps)
    floor = contamination_floor(counts)
    if floor is None:
        assert tolerance == quantile
    else:
        # most pairs within the floor, the next gap as thin as it; the tolerance no wider, and
        # at least the 99% gap below it and the widest gap two sure pairs show up to there
        assert (gaps <= floor).mean() >= BULK_SHARE
        assert counts[floor] <= counts[floor + 1] <= FLOOR_SHARE * len(gaps)
        assert min(quantile, floor) <= tolerance <= floor
        assert tolerance == min(quantile, floor) or counts[tolerance] >= 2
        assert (counts[tolerance + 1 : floor + 1] <= 1).all()


def test_namesakes_among_the_sure_pairs_do_not_widen_the_tolerance():
    # one person's records a year or two apart at most, thinning out; 2% of the sure pairs
    # namesake cousins spread over 0-40 years: the 99% gap would be 30 years
    rng = np.random.default_rng(7)
    one_person = rng.choice([0, 1, 2, 3], 5000, p=[0.8, 0.12, 0.07, 0.01])
    namesakes = rng.integers(0, 41, 100)
    gaps = np.concatenate([one_person, namesakes])
    assert np.quantile(gaps, SURE_GAP_SHARE, method="higher") > 20
    assert learn_birth_tolerance(gaps, killed_together=True) <= 6  # where namesakes begin
    # without dates of death the wide gaps are one person's typos (1850 for 1880): kept
    assert learn_birth_tolerance(gaps) > 20
    # ages heaped on fives: a second heap of pairs 4 years apart is one person's, not a floor
    heaped = np.concatenate([one_person, np.full(150, 4)])
    assert learn_birth_tolerance(heaped, killed_together=True) == 4


def test_one_birthday_with_another_year_is_a_year_typed_wrong_not_two_people():
    # 1985-03-14 and 1995-03-14: ten years apart on one birthday (Splink's fake_1000 has 82)
    days = pd.to_datetime(["1985-03-14", "1995-03-14", "1995-07-02"]) - pd.Timestamp("1970-01-01")
    frame = pd.DataFrame(
        {
            "source_id": ["a", "b", "c"],
            "sex": ["F"] * 3,
            "dod_day": pd.array([None] * 3, dtype="Int64"),
            "date_precision": [None] * 3,
            "dob_day": pd.array(days.days, dtype="Int64"),
            "dob_precision": ["day"] * 3,
            "dob_year": pd.array([1985, 1995, 1995], dtype="Int64"),
            "dod_year": pd.array([None] * 3, dtype="Int64"),
            "age": pd.array([None] * 3, dtype="Int64"),
        }
    )
    facts = RecordFacts.from_frame(frame)
    assert facts.birth_gaps(np.array([0, 0]), np.array([1, 2])).tolist() == [-1, 10]
    result = cluster(
        3, np.array([0, 0]), np.array([1, 2]), np.array([20.0, 19.0]), facts, 45, 40,
        birth_tolerance=2,
    )  # fmt: skip
    assert result.labels[0] == result.labels[1] != result.labels[2]
    assert result.refused_birth_years == 1


def test_a_pair_born_apart_is_marked_for_the_linkage_draws_at_any_probability():
    # the father and the son (60 and 30 at death) scored below the threshold: no threshold
    # links them, so `pairs.guard` says birth and the estimate's draws keep them apart
    facts = _facts([60, 30, 61])
    check = (np.array([0, 1]), np.array([1, 2]))
    result = cluster(
        3,
        np.array([0]),
        np.array([2]),
        np.array([20.0]),
        facts,
        45,
        40,
        check=check,
        birth_tolerance=3,
    )
    assert result.pair_guards == ["birth", "birth"]
    plain = cluster(3, np.array([0]), np.array([2]), np.array([20.0]), facts, 45, 40, check=check)
    assert plain.pair_guards == [None, None]


def test_an_age_with_its_digits_exchanged_is_read_both_ways_where_the_lists_have_the_habit():
    # 34 and 43 at one death: nine years apart as written, none with the digits exchanged
    assert _chain(_facts([34, 43]), tolerance=3).refused_birth_years == 1
    read_both = _chain(_facts([34, 43]), tolerance=3, swapped_ages=True)
    assert read_both.labels[0] == read_both.labels[1] and read_both.swapped_ages
    # ... and still within the tolerance only: 34 and 48 are apart either way (43 and 48: 4)
    assert _chain(_facts([34, 48]), tolerance=3, swapped_ages=True).refused_birth_years == 1
    # ages without two different digits, or with a date of birth, have no second reading
    assert _chain(_facts([33, 30]), tolerance=1, swapped_ages=True).refused_birth_years == 1
    assert _chain(_facts([40, 4]), tolerance=3, swapped_ages=True).refused_birth_years == 1
    dob = _facts([43, 43], dob_years=[1970, None])  # a date of birth wins over the age
    assert dob.swapped_lo[0] == UNKNOWN_DAY and dob.swapped_lo[1] == 2013 - 34 - 1


def test_the_gaps_under_the_closest_reading_of_the_ages():
    facts = _facts([34, 43, 60, None])
    left, right = np.array([0, 0, 0]), np.array([1, 2, 3])
    assert facts.birth_gaps(left, right).tolist() == [8, 25, -1]
    assert facts.birth_gaps(left, right, swapped_ages=True).tolist() == [0, 16, -1]  # 43, 60


def test_digits_are_read_exchanged_only_when_they_explain_more_sure_pairs_than_the_slack():
    rng = np.random.default_rng(5)
    either = rng.integers(0, 3, 1000)
    written = either.copy()
    written[:5] = 27  # 0.5% of sure pairs: within what the tolerance leaves out anyway
    assert learn_birth_reading(written, either) == (learn_birth_tolerance(written), False)
    written[:40] = 27  # 4%: a habit of these lists
    assert learn_birth_reading(written, either) == (2, True)
    # read as written, the 99% gap is 27 years: the guard would be gone
    assert np.quantile(written, SURE_GAP_SHARE, method="higher") > 20
    assert learn_birth_reading(written[:10], either[:10]) == (None, False)
