"""The headline total refitted under a capture prior that admits people the lists barely
reach: where the lists bound the total above, and where they do not."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from recount.estimate.headline import headline_cautions, headline_text
from recount.estimate.sensitivity import COLUMNS, OPEN_RATIO, UNBOUNDED_FLAG
from recount.estimate.workspace import estimate_persons
from recount.settings import EstimateSettings
from recount.settings.estimate import LcmcrSettings

# Short fixed runs: the refit's upper end is read against the headline's, twice or more apart.
SETTINGS = EstimateSettings(
    methods=("lcmcr", "loglinear"),
    K=4,
    chains=2,
    draws=400,
    workers=1,
    lcmcr=LcmcrSettings(burnin=1_000, draws=1_000, thin=2),
)


def persons(groups: list[tuple[int, list[float]]], seed: int) -> pd.DataFrame:
    """Documented people of groups (size, capture probability on each list), lists independent
    within a group."""
    rng = np.random.default_rng(seed)
    caught = np.vstack([rng.random((size, len(p))) < np.array(p) for size, p in groups])
    lists = [f"in_l{j}" for j in range(caught.shape[1])]
    frame = pd.DataFrame(caught[caught.any(axis=1)], columns=lists)
    frame.insert(0, "person_id", [f"P{i:05d}" for i in range(len(frame))])
    return frame


def total_row(estimates: pd.DataFrame) -> pd.Series:
    return estimates[estimates["preferred"].fillna(False) & (estimates["level"] == "total")].iloc[0]


@pytest.mark.parametrize("seed", [1, 2])
def test_many_lists_that_reach_everyone_bound_the_total_above(seed):
    """8 lists, each reaching everyone with probability 0.35-0.5: an invisible class needs
    8 capture probabilities near 0, which even the open prior barely admits; its upper end
    stays near the headline's (1.02-1.06 times on seeds 1-3), and the row is not flagged."""
    frame = persons([(3_000, [0.4, 0.5, 0.45, 0.35] * 2)], seed)
    estimates, _ = estimate_persons(frame, SETTINGS)
    row = total_row(estimates)
    assert row["method"] == "lcmcr"
    assert row["sensitivity_lower"] <= row["sensitivity_estimate"] <= row["sensitivity_upper"]
    assert row["sensitivity_upper"] < 1.3 * row["upper"]
    assert UNBOUNDED_FLAG not in str(row["flag"])
    others = estimates.drop(index=row.name)
    assert others[list(COLUMNS)].isna().all().all()  # the preferred total's row only
    first = headline_text(estimates)[0]
    assert first.startswith("Estimated total: ")
    assert "The lists fix a lower bound and here bound the total above too" in first


@pytest.mark.parametrize("seed", [1, 2])
def test_a_group_the_lists_barely_reach_leaves_the_total_open_above(seed):
    """3 lists, half the people on each with probability 0.02: the lists cannot tell how
    many of them there are. The headline (R's prior) stays near the documented; refitted
    under the open prior the upper end moves 2.8-11 times (seeds 1-3), and the row is
    flagged and the headline says so."""
    frame = persons([(2_000, [0.5, 0.45, 0.4]), (2_000, [0.02] * 3)], seed)
    estimates, _ = estimate_persons(frame, SETTINGS)
    row = total_row(estimates)
    assert row["sensitivity_upper"] >= OPEN_RATIO * row["upper"]
    assert UNBOUNDED_FLAG in row["flag"].split(";")
    first = headline_text(estimates)[0]
    assert "The lists fix a lower bound, not an upper one" in first
    assert f"{row['sensitivity_upper']:,.0f}" in first
    assert UNBOUNDED_FLAG not in "".join(headline_cautions(row["flag"]))  # said once


def test_switched_off_or_on_a_method_without_a_capture_prior_nothing_is_refitted():
    frame = persons([(2_000, [0.5, 0.45, 0.4]), (2_000, [0.02] * 3)], 1)
    for settings in (
        replace(SETTINGS, prior_sensitivity=False),
        replace(SETTINGS, methods=("loglinear",)),
    ):
        estimates, _ = estimate_persons(frame, settings)
        assert estimates[list(COLUMNS)].isna().all().all()
        assert not estimates["flag"].fillna("").str.contains(UNBOUNDED_FLAG).any()
        assert not any("The lists fix" in line for line in headline_text(estimates))
