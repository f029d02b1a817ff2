"""Learnt from the lists in hand: the clustering threshold (`[link] threshold = "auto"`,
the one that maximises the F1 the scored pairs expect) and the prior match probability."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from recount.errors import ConfigError
from recount.link.threshold import EVEN_ODDS, expected_f1_threshold
from recount.link.training import (
    START_RECALL,
    prior_from_rule,
    rule_coverage,
    rule_recall_among_matches,
)
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


def test_the_prior_counts_only_the_pairs_the_deterministic_rule_can_see():
    """Same names and same date cannot find a pair where a record lacks its date: the
    assumed recall applies to the pairs sharing names in which both records carry one."""
    frame = pd.DataFrame(
        {
            "token_set": ["a"] * 4 + ["b"] * 2 + ["c"],
            "dod_day": [1.0, 2.0, None, None, 5.0, 5.0, None],
        }
    )
    # names a: 6 pairs, 1 with both dates; names b: 1 pair, both dated
    assert rule_coverage(frame, (("token_set", "dod_day"), "")) == pytest.approx(2 / 7)
    assert rule_coverage(frame, (("token_set",), "")) == 1.0


def test_the_rules_recall_is_auto_by_default_and_a_number_is_still_accepted():
    assert LinkSettings().deterministic_recall == "auto"
    assert LinkSettings().with_overrides(deterministic_recall=0.6).deterministic_recall == 0.6
    with pytest.raises(ConfigError, match="deterministic_recall"):
        LinkSettings().with_overrides(deterministic_recall="often")


def _level(label, m):
    return {"label_for_charts": label, "m_probability": m, "sql_condition": "x"}


def test_the_rules_recall_is_what_the_models_m_probabilities_say():
    settings = {
        "comparisons": [
            {
                "output_column_name": "name",
                "comparison_levels": [
                    {"is_null_level": True, "sql_condition": "n"},
                    _level("same name, same order", 0.3),
                    _level("same names, another order", 0.1),
                    _level("one name within the other", 0.6),
                ],
            },
            {
                "output_column_name": "date_of_death",
                "comparison_levels": [
                    {"is_null_level": True, "sql_condition": "n"},
                    _level("same day", 0.5),
                    _level("All other comparisons", 0.5),
                ],
            },
        ]
    }
    # a true pair has the same set of names with probability 0.4, the same day with 0.5
    assert rule_recall_among_matches(settings, (("token_set", "dod_day"), "")) == 0.2
    assert rule_recall_among_matches(settings, (("token_set",), "")) == 0.4
    # a user's comparisons without recount's name levels: the assumed starting recall
    settings["comparisons"][0]["comparison_levels"] = [_level("exact", 0.9)]
    assert rule_recall_among_matches(settings, (("token_set", "dod_day"), "")) == START_RECALL


def test_the_prior_is_the_rules_pairs_over_its_recall():
    frame = pd.DataFrame(
        {
            "token_set": ["a b", "a b", "a b", "c d", "c d", "e f"],
            "dod_day": pd.array([1, 1, 2, 5, 5, 9], dtype="Int64"),
            "token_set_freq": pd.array([3, 3, 3, 2, 2, 1], dtype="Int64"),
            "token_count": pd.array([2] * 6, dtype="Int64"),
        }
    )
    # two pairs agree on names and day among 15; a rule finding half the matches: 4 matches
    assert prior_from_rule(frame, (("token_set", "dod_day"), ""), 0.5) == pytest.approx(4 / 15)
