"""Chapman's estimator: known values, its interval, and its label."""

from __future__ import annotations

import pandas as pd
import pytest

from recount.errors import InputError
from recount.estimate import Chapman


def two_lists(n1: int, n2: int, m: int) -> pd.DataFrame:
    return pd.DataFrame({"a": [1, 0, 1], "b": [0, 1, 1], "count": [n1 - m, n2 - m, m]})


def test_known_values():
    # n1 = 60, n2 = 55, m = 20: N = 61 * 56 / 21 - 1 = 161.667;
    # Seber's variance 61 * 56 * 40 * 35 / (21^2 * 22) = 492.93.
    fitted = Chapman().fit(two_lists(60, 55, 20))
    assert fitted.N_ == pytest.approx(161.6667, abs=1e-3)
    assert fitted.variance_ == pytest.approx(492.93, abs=0.01)
    assert (fitted.n1_, fitted.n2_, fitted.m_, fitted.n_observed_) == (60, 55, 20, 95)
    lower, upper = fitted.interval()
    # Chao's log-normal interval: f0 = 66.667, C = exp(1.96 sqrt(log(1 + 492.93 / 66.667^2))) = 1.8882.
    assert lower == pytest.approx(95 + 66.6667 / 1.8882, abs=0.05)
    assert upper == pytest.approx(95 + 66.6667 * 1.8882, abs=0.05)
    assert lower > fitted.n_observed_


def test_summary_is_labelled_as_assuming_independence():
    fitted = Chapman().fit(two_lists(300, 200, 60))
    summary = fitted.summary()
    assert fitted.assumption_ == "assumes the two lists are independent"
    assert fitted.flags() == ["assumes_independence", "independence_untestable"]
    assert summary["estimate"].iloc[0] == pytest.approx(301 * 201 / 61 - 1)


def test_picks_two_lists_of_a_wider_table(kosovo_path):
    kosovo = pd.read_csv(kosovo_path)
    fitted = Chapman(lists=("EXH", "ABA")).fit(kosovo)
    exh = kosovo.loc[kosovo["EXH"] == 1, "count"].sum()
    both = kosovo.loc[(kosovo["EXH"] == 1) & (kosovo["ABA"] == 1), "count"].sum()
    assert (fitted.n1_, fitted.m_) == (exh, both)
    assert fitted.flags() == ["assumes_independence"]  # two more lists could test it
    with pytest.raises(InputError, match="exactly two"):
        Chapman().fit(kosovo)
