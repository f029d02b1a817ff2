"""People of unknown stratum take a stratum drawn from people on the same lists (note 83)."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recount.estimate.unknown_strata import (
    PLACE,
    impute_unknown_strata,
    imputed_column,
    person_places,
)
from recount.estimate.workspace import estimate_persons
from recount.settings import EstimateSettings

LISTS = ("a", "b", "c")


def persons_with_lost_dates(seed: int, per_year: int = 2000, lost: float = 0.12):
    """Three independent lists (each reaches half of everyone) over two years; each record
    loses its year with probability `lost`, so a person's year is unknown when every one of
    their records lost it: people on one list lose theirs far more often."""
    rng = np.random.default_rng(seed)
    year = np.repeat([2014, 2015], per_year)
    captured = rng.random((len(year), len(LISTS))) < 0.5
    dated = captured & (rng.random(captured.shape) >= lost)
    seen = captured.any(axis=1)
    frame = pd.DataFrame({f"in_{name}": captured[:, i] for i, name in enumerate(LISTS)})
    frame["year"] = pd.array(np.where(dated.any(axis=1), year, -1), dtype="Int64")
    frame.loc[frame["year"] == -1, "year"] = pd.NA
    frame.insert(0, "person_id", [f"P{i}" for i in range(len(frame))])
    return frame[seen].reset_index(drop=True), 2 * per_year


def total(estimates: pd.DataFrame) -> pd.Series:
    return estimates[estimates["level"] == "total"].iloc[0]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_unknown_years_no_longer_inflate_the_sum_over_years(seed):
    persons, truth = persons_with_lost_dates(seed)
    section = {"strata": ["year"], "methods": ["loglinear"], "workers": 1}
    kept_apart, _ = estimate_persons(
        persons, EstimateSettings.parse(section | {"impute_unknown_strata": False})
    )
    imputed, _ = estimate_persons(persons, EstimateSettings.parse(section))
    pooled = imputed[imputed["level"] == "total_pooled"].iloc[0]["estimate"]
    # Estimated on its own, the unknown year is nearly all singletons: the sum over years
    # lands well above the truth and above the one pooled table, its interval missing both.
    apart = total(kept_apart)
    assert apart["estimate"] > 1.05 * truth and apart["lower"] > max(truth, pooled)
    row = total(imputed)
    assert abs(row["estimate"] / truth - 1) < 0.04
    assert abs(row["estimate"] / pooled - 1) < 0.02
    assert "imputed_strata" in row["flag"]
    strata = imputed[imputed["level"] == "stratum"]
    assert strata["year"].notna().all()
    assert strata["documented"].sum() == len(persons)
    # each row counts the people it holds by the draw (the report quotes the share)
    lost = int(persons["year"].isna().sum())
    assert strata["imputed"].sum() == lost > 0 and row["imputed"] == lost
    drawn = strata["flag"].fillna("").str.contains("imputed_strata")
    assert ((strata["imputed"] > 0) == drawn).all()
    assert imputed[imputed["level"] == "total_pooled"].iloc[0]["imputed"] == 0
    assert (kept_apart["imputed"] == 0).all()


frames = st.integers(0, 2**32 - 1).flatmap(
    lambda seed: st.tuples(
        st.just(seed),
        st.integers(5, 60),
        st.floats(0.0, 0.9),
        st.floats(0.0, 0.9),
    )
)


@settings(max_examples=60, deadline=None)
@given(frames)
def test_known_values_stay_and_unknown_ones_come_from_donors_alike(case):
    seed, size, lost_year, lost_place = case
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame({f"in_{name}": rng.random(size) < 0.6 for name in LISTS})
    frame["year"] = pd.array(rng.integers(2000, 2004, size), dtype="Int64")
    frame["place"] = pd.array(rng.choice(["x", "y", "z"], size), dtype="string")
    frame.loc[rng.random(size) < lost_year, "year"] = pd.NA
    frame.loc[rng.random(size) < lost_place, "place"] = pd.NA
    out = impute_unknown_strata(frame, ["year", "place"], LISTS, seed=7)
    again = impute_unknown_strata(frame, ["year", "place"], LISTS, seed=7)
    pd.testing.assert_frame_equal(out, again)
    for column in ("year", "place"):
        known = frame[column].notna()
        assert (out.loc[known, column] == frame.loc[known, column]).all()
        assert not out.loc[known, imputed_column(column)].any()
        drawn = out[imputed_column(column)]
        assert (drawn <= frame[column].isna()).all()
        # A drawn value is one some documented person with that value known holds.
        assert set(out.loc[drawn, column]) <= set(frame[column].dropna())
    # Filled exactly when some documented person with both values agrees on the known ones.
    columns = [c for c in ("year", "place") if frame[c].notna().any() and frame[c].isna().any()]
    seen = frame[[f"in_{n}" for n in LISTS]].any(axis=1)
    donors = seen & frame[columns].notna().all(axis=1)
    for i in frame.index[seen & frame[columns].isna().any(axis=1)]:
        agree = donors.copy()
        for column in columns:
            if pd.notna(frame.at[i, column]):
                agree &= frame[column] == frame.at[i, column]
        assert out.loc[i, columns].notna().all() == bool(agree.any())


def test_a_column_nobody_knows_stays_one_unknown_stratum():
    frame = pd.DataFrame({"in_a": [True, True, False], "in_b": [True, False, True]})
    frame["governorate"] = pd.array([None, None, None], dtype="string")
    frame["year"] = pd.array([2001, None, 2002], dtype="Int64")
    out = impute_unknown_strata(frame, ["governorate", "year"], ["a", "b"], seed=1)
    assert out["governorate"].isna().all()
    assert out["year"].notna().all() and out.loc[1, imputed_column("year")]
    # The person on list a only takes the year of the one other person list a holds (row 0,
    # on a and b), not that of the person on as many lists (row 2, on b only): nobody
    # shares its pattern, and the people a list holds are where that list works.
    assert out.loc[1, "year"] == 2001


def one_province_list_without_places(seed: int):
    """Lists a, b, c reach half of everyone in two provinces and write the place; list d
    works in the south only (a third of the people) and never writes it, so the people only
    d holds have no province (note 237: a DRC-like list of one territory)."""
    rng = np.random.default_rng(seed)
    south = rng.random(6000) < 1 / 3
    abc = rng.random((len(south), 3)) < 0.5
    d = south & (rng.random(len(south)) < 0.6)
    frame = pd.DataFrame({f"in_{name}": abc[:, i] for i, name in enumerate(LISTS)})
    frame["in_d"] = d
    frame["governorate"] = pd.array(np.where(south, "south", "north"), dtype="string")
    frame.loc[~abc.any(axis=1), "governorate"] = pd.NA
    seen = abc.any(axis=1) | d
    return frame[seen].reset_index(drop=True), south[seen], len(south)


@pytest.mark.parametrize("seed", [1, 2])
def test_people_of_a_list_that_writes_no_place_stay_where_that_list_works(seed):
    persons, south, truth = one_province_list_without_places(seed)
    out = impute_unknown_strata(persons, ["governorate"], [*LISTS, "d"], seed=5)
    # Nobody else shares the pattern of the people only d holds: they take the province of
    # the people d shares with other lists, never that of people on some other one list.
    assert (out.loc[persons["in_d"], "governorate"] == "south").all()
    section = {"strata": ["governorate"], "methods": ["loglinear"], "workers": 1}
    estimates, _ = estimate_persons(persons, EstimateSettings.parse(section))
    strata = estimates[estimates["level"] == "stratum"]
    assert (strata["status"] == "ok").all()
    north = strata[strata["governorate"] == "north"].iloc[0]
    assert north["lists"] == 3  # d holds nobody there
    assert abs(total(estimates)["estimate"] / truth - 1) < 0.05


def parish_list_of_villages(seed: int):
    """Lists a, b and c write the province and the village, and reach the north three times
    as well as the south; list d (a parish list) reaches both alike and writes the village
    only (note 248: DRC-like lists). Most people d alone holds are southern, while the
    people d shares with the others are mostly northern."""
    rng = np.random.default_rng(seed)
    south = rng.random(4000) < 0.45
    villages = np.where(south, rng.integers(0, 6, len(south)), rng.integers(6, 12, len(south)))
    reach = np.where(south, 0.15, 0.45)[:, None]
    abc = rng.random((len(south), 3)) < reach
    d = rng.random(len(south)) < 0.4
    frame = pd.DataFrame({f"in_{name}": abc[:, i] for i, name in enumerate(LISTS)})
    frame["in_d"] = d
    frame["governorate"] = pd.array(np.where(south, "south", "north"), dtype="string")
    frame.loc[~abc.any(axis=1), "governorate"] = pd.NA
    frame[PLACE] = [f"village {v}" for v in villages]
    seen = abc.any(axis=1) | d
    return frame[seen].reset_index(drop=True), south[seen]


@pytest.mark.parametrize("seed", [1, 2])
def test_people_of_a_list_that_writes_villages_take_the_province_of_their_village(seed):
    persons, south = parish_list_of_villages(seed)
    lists = [*LISTS, "d"]
    unknown = persons["governorate"].isna()
    by_pattern = impute_unknown_strata(persons.drop(columns=PLACE), ["governorate"], lists, 5)
    right = by_pattern["governorate"].eq(np.where(south, "south", "north"))
    assert right[unknown].mean() < 0.5  # by capture pattern: sent north, where d shares most
    out = impute_unknown_strata(persons, ["governorate"], lists, seed=5)
    truth = pd.Series(np.where(south, "south", "north"), index=persons.index)
    assert (out.loc[unknown, "governorate"] == truth[unknown]).all()
    assert out.loc[unknown, imputed_column("governorate")].all()
    assert (out.loc[~unknown, "governorate"] == persons.loc[~unknown, "governorate"]).all()
    # a village nobody with a known province writes: drawn by capture pattern, as before
    lone = persons.copy()
    lone.loc[unknown, PLACE] = "a village of its own"
    again = impute_unknown_strata(lone, ["governorate"], lists, seed=5)
    assert again["governorate"].equals(by_pattern["governorate"])


def test_a_person_takes_the_place_their_records_write_most():
    records = pd.DataFrame(
        {
            "person_id": ["p1", "p1", "p1", "p2", "p2", "p3", None],
            PLACE: ["oicha", "beni", "oicha", "drodro", "bule", None, "fataki"],
        }
    )
    places = person_places(records)
    assert places.to_dict() == {"p1": "oicha", "p2": "bule"}  # a tie: the first in order
