"""`[link] threshold = "auto"`: the threshold that maximises the F1 the scored pairs expect."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from recount.errors import ConfigError
from recount.link.threshold import EVEN_ODDS, expected_f1_threshold
from recount.settings import LinkSettings


def test_auto_is_the_default_and_a_number_is_still_accepted():
    assert LinkSettings().threshold == "auto"
    assert LinkSettings().with_overrides(threshold=0.8).threshold == 0.8
    with pytest.raises(ConfigError, match="threshold"):
        LinkSettings().with_overrides(threshold="sometimes")
    with pytest.raises(ConfigError, match="threshold"):
        LinkSettings().with_overrides(threshold=1.0)


def test_the_threshold_maximises_the_expected_f1():
    # expected matches 6.0 in all; kept at 0.95: F1 2*3.8/(4+6) = 0.76; at 0.5: 2*5.8/(8+6)
    # = 0.83; at 0.05: 2*6/(12+6) = 0.67
    probabilities = np.array([0.95] * 4 + [0.5] * 4 + [0.05] * 4)
    assert expected_f1_threshold(probabilities) == 0.5
    # a few likely pairs and many unlikely ones: the unlikely ones stay out
    assert expected_f1_threshold(np.array([0.9] * 10 + [0.2] * 10)) == 0.9


def test_no_pair_means_even_odds():
    assert expected_f1_threshold(np.array([])) == EVEN_ODDS


@given(st.lists(st.floats(0.05, 1.0), min_size=1, max_size=60))
def test_the_threshold_is_a_scored_probability_no_other_does_better(values):
    probabilities = np.array(values)
    chosen = expected_f1_threshold(probabilities)
    assert chosen in probabilities

    def expected_f1(t: float) -> float:
        return (
            2
            * probabilities[probabilities >= t].sum()
            / ((probabilities >= t).sum() + probabilities.sum())
        )

    assert all(expected_f1(chosen) >= expected_f1(t) - 1e-12 for t in probabilities)
