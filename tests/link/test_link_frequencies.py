"""Term frequencies of a dedupe: how often another person carries a value, not its copies."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from recount.link.comparisons import NAME_WITHIN
from recount.link.frequencies import (
    UNSEEN,
    add_name_within,
    other_people_frequency,
    tf_columns,
    within_frequency,
)


def test_one_persons_name_on_three_lists_is_rarer_than_a_name_three_people_share():
    frame = pd.DataFrame(
        {
            "source_id": ["a", "b", "c", "a", "a", "a", "b", "x", "y", "z"],
            # one person (K) written on three lists; three people (M) on list a, one on b
            "name_key": ["K", "K", "K", "M", "M", "M", "M", None, "P", "Q"],
        }
    )
    tf = other_people_frequency(frame, "name_key").set_index("name_key")["tf_name_key"]
    named = 9
    assert tf["K"] == pytest.approx(UNSEEN / named)  # no list repeats it: no other person
    assert tf["M"] == pytest.approx((2 + UNSEEN) / named)  # list a holds two more M's
    assert tf["P"] == tf["K"]  # once, on one list: as rare as K, however many copies K has
    # Splink's own frequency (share of records) would rank K above M
    assert frame["name_key"].value_counts()["K"] < frame["name_key"].value_counts()["M"]
    assert tf["K"] < tf["M"]


@given(
    st.lists(st.tuples(st.sampled_from("abc"), st.sampled_from(["u", "v", "w", None])), min_size=1)
)
def test_frequencies_are_positive_and_at_most_the_share_of_records(rows):
    frame = pd.DataFrame(rows, columns=["source_id", "token_set"])
    tf = other_people_frequency(frame, "token_set")
    counts = frame["token_set"].value_counts()
    assert set(tf["token_set"]) == set(counts.index)
    for value, share in zip(tf["token_set"], tf["tf_token_set"], strict=True):
        assert 0 < share <= (counts[value] - 1 + UNSEEN) / counts.sum()


def test_the_columns_read_are_those_of_the_models_frequency_levels():
    settings = {
        "comparisons": [
            {"comparison_levels": [{"tf_adjustment_column": "name_key"}, {}]},
            {"comparison_levels": [{"tf_adjustment_column": "token_set"}]},
            {"comparison_levels": [{"tf_adjustment_column": "name_key"}]},
        ]
    }
    assert tf_columns(settings) == ["name_key", "token_set"]


def test_a_short_name_within_many_is_commoner_than_a_full_name_within_one():
    """'one name within the other' weighs the shorter name by how many other people's names
    hold it: a father's given and family name lie within his sons' names, a full name within
    one person's records only."""
    names = [
        ("a", ["ali", "hasan"]),  # the father
        ("a", ["ahmad", "ali", "hasan"]),  # his sons, on list a
        ("a", ["omar", "ali", "hasan"]),
        ("a", ["said", "ali", "hasan"]),
        ("b", ["ahmad", "ali", "hasan"]),  # one son again, on list b
        ("b", ["ahmad", "ali", "karim", "hasan"]),  # and on list c with his grandfather's name
        ("c", ["ahmad", "ali", "karim", "hasan"]),
    ]
    frame = add_name_within(
        pd.DataFrame(
            {
                "source_id": [s for s, _ in names],
                "tokens": [sorted(t) for _, t in names],
                "token_set": [" ".join(sorted(t)) for _, t in names],
                "token_count": [len(t) for _, t in names],
            }
        )
    )
    tf = within_frequency(frame).set_index(NAME_WITHIN)[f"tf_{NAME_WITHIN}"]
    father, son, full = "ali hasan", "ahmad ali hasan", "ahmad ali hasan karim"
    # list a: all four hold the father's two names (3 others), b: 2 (1 other), c: 1 (none)
    assert tf[father] == pytest.approx((3 + 1 + UNSEEN) / len(names))
    # list a: only the son himself; b: the son twice (1 other, the son's own two records)
    assert tf[son] == pytest.approx((0 + 1 + 0 + UNSEEN) / len(names))
    assert tf[full] == pytest.approx(UNSEEN / len(names))  # once on each of two lists
    assert tf[father] > tf[son] > tf[full]


@given(
    st.lists(
        st.tuples(
            st.sampled_from("ab"), st.sets(st.sampled_from(["u", "v", "w", "x"]), max_size=4)
        ),
        min_size=1,
    )
)
def test_within_frequencies_count_supersets_at_least_as_often_as_the_set_itself(rows):
    frame = add_name_within(
        pd.DataFrame(
            {
                "source_id": [s for s, _ in rows],
                "tokens": [sorted(t) for _, t in rows],
                "token_set": [" ".join(sorted(t)) or None for _, t in rows],
                "token_count": [len(t) for _, t in rows],
            }
        )
    )
    within = within_frequency(frame).set_index(NAME_WITHIN)[f"tf_{NAME_WITHIN}"]
    equal = other_people_frequency(frame, NAME_WITHIN).set_index(NAME_WITHIN)
    rescale = frame[NAME_WITHIN].notna().sum() / len(rows)  # that share is of named records
    assert set(within.index) == {" ".join(sorted(t)) for _, t in rows if len(t) >= 2}
    for key, share in within.items():
        holders = sum(set(key.split()) <= t for _, t in rows)
        assert equal.loc[key, f"tf_{NAME_WITHIN}"] * rescale <= share + 1e-12
        assert share <= (holders - 1 + UNSEEN) / len(rows)
