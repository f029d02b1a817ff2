"""Lists that rarely name a person twice: two of their records join one person only as a pair."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from recount.link.clustering import RecordFacts, cluster
from recount.link.pipeline import settled_scores
from recount.link.repeats import repeat_odds, scored_within


def facts(sources) -> RecordFacts:
    n = len(sources)
    frame = pd.DataFrame(
        {
            "source_id": sources,
            "sex": [None] * n,
            "dod_day": pd.array([None] * n, dtype="Int64"),
            "date_precision": ["day"] * n,
        }
    )
    return RecordFacts.from_frame(frame)


def chain(scored: list[tuple[int, int]], once=None, weights=(20.0, 19.0), **kwargs):
    """Cousins A (list 0), B (list 1), C (list 0): B alike both, linked strongest first (match
    weights 20, 19); list 0 needs a link of weight 19.5 to join two unalike records."""
    once = {0: 19.5} if once is None else once
    within = scored_within(
        np.array([0, 1, 0]), *map(np.array, zip(*scored, strict=True)), frozenset(once)
    )
    return cluster(
        3,
        np.array([0, 1]),
        np.array([1, 2]),
        np.asarray(weights, dtype=np.float64),
        facts(["a", "b", "a"]),
        45,
        40,
        once_lists=once,
        scored_within=within,
        **kwargs,
    )


def test_a_chain_through_another_list_does_not_join_two_unalike_records_of_one_list():
    result = chain([(0, 1), (1, 2)])
    assert result.labels[0] == result.labels[1] != result.labels[2]
    assert result.refused_same_list == 1


@pytest.mark.parametrize(
    ("scored", "once", "must_link"),
    [
        ([(0, 1), (1, 2), (0, 2)], None, []),  # the two are a scored pair themselves
        ([(0, 1), (1, 2)], {}, []),  # the list names people twice: no rule
        ([(0, 1), (1, 2)], {0: 18.5}, []),  # the link outweighs the list's odds
        ([(0, 1), (1, 2)], None, [(2, 0)]),  # a reviewer said they are one
    ],
)
def test_two_records_of_one_list_join_as_a_pair_by_a_strong_link_or_by_a_reviewer(
    scored, once, must_link
):
    result = chain(scored, once, must_link=must_link)
    assert result.labels[0] == result.labels[1] == result.labels[2]
    assert result.refused_same_list == 0


def linkable(names: list[str], sources: list[str]) -> pd.DataFrame:
    counts = pd.Series(names).map(pd.Series(names).value_counts())
    return pd.DataFrame({"source_id": sources, "token_set": names, "token_set_freq": counts})


def test_a_list_whose_sure_pairs_are_mostly_with_other_lists_names_people_once():
    # list a: four people also on list b, one written twice; list c: one person written
    # three times, never on another list (n6: carried by too many records to be sure)
    names = ["n1", "n2", "n3", "n4", "n1", "n2", "n3", "n4", "n5", "n5", "n6", "n6", "n6", "n6"]
    sources = ["a"] * 4 + ["b"] * 4 + ["a", "a"] + ["c"] * 4
    left = np.array([0, 1, 2, 3, 8, 10, 10, 11])
    right = np.array([4, 5, 6, 7, 9, 11, 12, 12])
    odds = repeat_odds(linkable(names, sources), left, right)
    # a: (1 sure pair within + 1) / 4 with b; b: (0 + 1) / 4; c: none with another list
    assert odds == {"a": pytest.approx(0.5), "b": pytest.approx(0.25)}


def test_one_list_alone_is_never_taken_to_name_people_once():
    names = ["n1", "n1", "n2", "n2"]
    frame = linkable(names, ["a"] * 4)
    assert repeat_odds(frame, np.array([0, 2]), np.array([1, 3])) == {}


def test_a_link_a_last_bit_either_side_of_what_the_list_needs_is_decided_alike():
    # one engine's sums land a bit under 19, the other's a bit over: settled, both join C
    for last_bits in (np.nextafter(19.0, 0.0), np.nextafter(19.0, 40.0)):
        scores = settled_scores(pd.DataFrame({"match_weight": [20.0, last_bits]}))
        assert scores["match_weight"].tolist() == [20.0, 19.0]
        assert scores["match_probability"].is_monotonic_decreasing
        result = chain([(0, 1), (1, 2)], {0: 19.0}, weights=scores["match_weight"])
        assert result.labels[0] == result.labels[1] == result.labels[2]
