"""A day many died on, in one place, is weak evidence that two of its dead are one person."""

from __future__ import annotations

import datetime as dt
import itertools
import random

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from link_fixtures import newcomer_workspace

from recount.link import comparisons as cmp
from recount.link.frequencies import (
    UNSEEN,
    add_death_events,
    event_frequency,
    other_people_frequency,
)
from recount.link.training import (
    TrainedModel,
    share_m_with_parent,
    unsampled_levels,
    weigh_as_no_evidence,
)
from recount.project import Project


def _frame(rows: list[tuple[str, int | None, str, str | None]]) -> pd.DataFrame:
    """(list, day, precision, place) rows as `prepare` writes the columns the events read."""
    frame = pd.DataFrame(rows, columns=["source_id", "dod_day", "date_precision", "place_key"])
    frame["dod_day"] = frame["dod_day"].astype("Int64")
    return add_death_events(frame)


def test_a_massacre_day_makes_its_town_near_certain_a_quiet_day_leaves_it_as_rare_as_ever():
    massacre = [("a", 100, "day", "town")] * 40 + [("b", 100, "day", "town")] * 30
    quiet = [("a", 200, "day", "town"), ("b", 200, "day", "town")]  # one person on two lists
    elsewhere = [("a", 300 + i, "day", f"village{i % 5}") for i in range(30)]
    coarse = [("a", 400, "month", "town"), ("b", None, "day", "town")]
    frame = _frame(massacre + quiet + elsewhere + coarse)
    assert frame["death_event"].isna().sum() == 2  # no full date, no event
    tf = event_frequency(frame).set_index(cmp.DEATH_EVENT)[f"tf_{cmp.DEATH_EVENT}"]
    town = other_people_frequency(frame, "place_key").set_index("place_key")["tf_place_key"]
    assert tf["100|town"] > 0.98  # every other person who died that day died there
    assert tf["200|town"] == pytest.approx(town["town"])  # no one else that day: no news
    # the day itself: a massacre's day is common among other people, a quiet day is not
    day = other_people_frequency(frame, cmp.DEATH_DAY).set_index(cmp.DEATH_DAY)
    assert day.loc[100, f"tf_{cmp.DEATH_DAY}"] == pytest.approx((39 + 29 + UNSEEN) / 102)
    assert day.loc[200, f"tf_{cmp.DEATH_DAY}"] == pytest.approx(UNSEEN / 102)


@given(
    st.lists(
        st.tuples(
            st.sampled_from("abc"),
            st.integers(0, 4),
            st.sampled_from(["day", "month"]),
            st.sampled_from(["p", "q", "r", None]),
        ),
        min_size=1,
    )
)
def test_a_place_given_its_day_is_a_probability_and_one_per_event(rows):
    frame = _frame(rows)
    tf = event_frequency(frame)
    assert set(tf[cmp.DEATH_EVENT]) == set(frame["death_event"].dropna())
    assert ((tf[f"tf_{cmp.DEATH_EVENT}"] > 0) & (tf[f"tf_{cmp.DEATH_EVENT}"] <= 1)).all()


def test_a_level_split_for_its_u_shares_the_m_of_the_place_and_an_unsampled_level_weighs_nothing():
    place = cmp.place(cmp.Dialect("duckdb"), "place_key", by_day=True)
    masses = {cmp.SAME_PLACE_SAME_DAY: 0.3, "same": 0.12, "nearly the same": 0.05}
    for level in place["comparison_levels"]:
        if not level.get("is_null_level"):
            level["m_probability"] = masses.get(level["label_for_charts"], 0.53)
            level["u_probability"] = 0.5
    settings = {"comparisons": [place]}
    share_m_with_parent(settings)
    m = {lv["label_for_charts"]: lv.get("m_probability") for lv in place["comparison_levels"]}
    assert m[cmp.SAME_PLACE_SAME_DAY] == m["same"] == pytest.approx(0.42)
    assert m["nearly the same"] == 0.05
    nearly = next(
        lv for lv in place["comparison_levels"] if lv["label_for_charts"] == "nearly the same"
    )
    del nearly["u_probability"]  # what Splink leaves on a level no sampled pair reached
    unsampled = unsampled_levels(settings)
    assert unsampled == {("place", nearly["sql_condition"])}
    weigh_as_no_evidence(settings, unsampled)
    weights = TrainedModel(settings, "test").match_weights().set_index("level")["match_weight"]
    assert weights["nearly the same"] == 0
    assert weights["same"] != 0


NAMES = [
    "Abebe",
    "Tesfay",
    "Kidane",
    "Hagos",
    "Berhane",
    "Gebray",
    "Haile",
    "Mulu",
    "Desta",
    "Alem",
]


def _people(seed: int) -> pd.DataFrame:
    """A massacre (160 men killed in one town on one day, three names of ten, a few common)
    and 240 people killed on their own days and in their own places."""
    rng = random.Random(seed)
    weights = [1 / (i + 1) for i in range(len(NAMES))]
    rows = []
    for person in range(400):
        names = rng.choices(NAMES, weights, k=3)
        if person < 160:
            day, place = dt.date(2021, 3, 10), "Kobo"
        else:
            day = dt.date(2020, 11, 1) + dt.timedelta(days=rng.randrange(700))
            place = f"Village {rng.randrange(60)}"
        rows.append((person, " ".join(names), day.isoformat(), place))
    return pd.DataFrame(rows, columns=["person", "full_name", "date_of_death", "place_of_death"])


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_namesakes_killed_together_stay_apart(tmp_path, seed):
    people = _people(seed)
    rng = random.Random(seed)
    lists = {
        source: people[[rng.random() < 0.7 for _ in range(len(people))]].reset_index(drop=True)
        for source in ("church", "monitor")
    }
    ws = newcomer_workspace(
        tmp_path / "ws", {s: t.drop(columns="person") for s, t in lists.items()}
    )
    project = Project(ws)
    project.link()
    linked = project.table("record_person")
    truth = {
        (source, row + 1): person
        for source, table in lists.items()
        for row, person in enumerate(table["person"])
    }
    linked["true"] = [
        truth[(s, r)] for s, r in zip(linked["source_id"], linked["source_row"], strict=True)
    ]
    names = people.set_index("person")["full_name"].str.split().map(frozenset)
    false = true = 0
    for _, group in linked.groupby("person_id"):
        for a, b in itertools.combinations(group["true"], 2):
            false += a != b and names[a] != names[b]  # two men of one name: nothing tells them
            true += a == b
    # the same names on two lists and the same day and town: one person, nearly always
    church, monitor = (set(t["person"]) for t in lists.values())
    both = len(church & monitor)
    assert true >= 0.85 * both
    # another man of that day and town with two of the three names is not him: the day and
    # the town are what 160 records share
    assert false <= 0.1 * true
