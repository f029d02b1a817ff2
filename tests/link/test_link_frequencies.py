"""Term frequencies of a dedupe: how often another person carries a value, not its copies."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from recount.link.frequencies import UNSEEN, other_people_frequency, tf_columns


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
