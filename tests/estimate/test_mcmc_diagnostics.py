"""R-hat and effective sample size against cases whose answer is known."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import signal

from recount.estimate.mcmc_diagnostics import (
    ess_basic,
    ess_bulk,
    ess_tail,
    rhat,
    rhat_against,
    rhat_basic,
    split_chains,
)


def ar1_chains(rho: float, chains: int, draws: int, seed: int) -> np.ndarray:
    """Stationary AR(1) chains with unit variance: ESS = n (1 - rho) / (1 + rho)."""
    rng = np.random.default_rng(seed)
    noise = rng.normal(size=(chains, draws)) * np.sqrt(1 - rho**2)
    start = rng.normal(size=chains)
    return signal.lfilter([1.0], [1.0, -rho], noise, axis=1, zi=rho * start[:, None])[0]


def test_split_chains_halves_each_chain():
    draws = np.arange(2 * 11).reshape(2, 11)
    split = split_chains(draws)
    assert split.shape == (4, 5)
    assert split[0].tolist() == [0, 1, 2, 3, 4]
    assert split[1].tolist() == [11, 12, 13, 14, 15]
    assert split[2].tolist() == [6, 7, 8, 9, 10]


def test_independent_draws_have_ess_near_their_number():
    draws = np.random.default_rng(1).normal(size=(4, 2_000))
    for ess in (ess_bulk(draws), ess_basic(draws)):
        assert 0.85 * 8_000 < ess < 1.15 * 8_000
    assert 0.75 * 8_000 < ess_tail(draws) < 1.25 * 8_000
    assert rhat(draws) < 1.01


@pytest.mark.parametrize("rho", [0.5, 0.9])
def test_ar1_ess_matches_theory(rho):
    draws = ar1_chains(rho, chains=4, draws=20_000, seed=2)
    expected = draws.size * (1 - rho) / (1 + rho)
    assert 0.8 * expected < ess_basic(draws) < 1.2 * expected
    assert 0.8 * expected < ess_bulk(draws) < 1.2 * expected


def test_chains_stuck_apart_fail_rhat():
    draws = np.random.default_rng(3).normal(size=(4, 1_000))
    draws[0] += 1.0
    assert rhat(draws) > 1.05
    assert rhat_basic(draws) > 1.05


def test_a_trending_chain_fails_split_rhat():
    rng = np.random.default_rng(4)
    drift = np.linspace(0, 3, 1_000)
    draws = rng.normal(size=(1, 1_000)) + drift
    assert rhat(draws) > 1.1


def test_scale_difference_is_caught_by_folded_rhat():
    draws = np.random.default_rng(5).normal(size=(4, 2_000))
    draws[0] *= 3.0
    assert rhat_basic(draws) < 1.02
    assert rhat(draws) > 1.05


def test_constant_draws_give_nan():
    draws = np.full((4, 100), 7.0)
    assert np.isnan(rhat(draws))
    assert np.isnan(ess_bulk(draws))


@settings(max_examples=20, deadline=None)
@given(st.integers(min_value=0, max_value=10_000), st.sampled_from([np.exp, np.cbrt, np.arctan]))
def test_rank_based_diagnostics_ignore_monotone_transforms(seed, transform):
    draws = ar1_chains(0.7, chains=2, draws=300, seed=seed)
    assert ess_bulk(transform(draws)) == pytest.approx(ess_bulk(draws))
    # The folded (tail) half of R-hat works on |x - median|: invariant to affine maps only.
    assert rhat(3.0 * draws + 10.0) == pytest.approx(rhat(draws), abs=1e-3)


def replicate_groups(rho: float, seed: int, groups: int = 20, length: int = 100) -> list:
    """`groups` targets of 4 short stationary AR(1) chains each, their means spread apart
    (as the linkage replicates' tables are)."""
    rng = np.random.default_rng(seed)
    return [
        ar1_chains(rho, 4, length, seed * 1_000 + g) + rng.normal(0.0, 0.5) for g in range(groups)
    ]


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_short_stationary_chains_pass_against_converged_chains_of_their_length(seed):
    """Chains of 100 draws at rho 0.8 (about 11 effective draws each) sample their targets
    exactly, yet their split R-hat, each target centred on its own mean, reads far above
    RHAT_LIMIT; read against long chains of the same sampler cut to their length, nothing
    is left beyond chance, and the targets' spread never counts."""
    groups = replicate_groups(0.8, seed)
    centred = np.concatenate([g - g.mean() for g in groups])
    assert rhat(centred) > 1.05
    value, disagree = rhat_against(groups, ar1_chains(0.8, 4, 2_000, seed + 100))
    assert not disagree and abs(value - 1.0) < 0.05


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_one_target_whose_chains_sit_apart_disagrees(seed):
    """One target of twenty whose chains sit 3 standard deviations apart (stuck in two
    modes) is beyond what chains of that length do."""
    groups = replicate_groups(0.5, seed)
    groups[7][:2] += 3.0
    value, disagree = rhat_against(groups, ar1_chains(0.5, 4, 2_000, seed + 100))
    assert disagree and value > 1.03


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_chains_mixing_slower_than_the_reference_disagree(seed):
    """Chains mixing four times slower than the converged chains they are read against
    (their autocorrelation time wrongly taken from those) are flagged."""
    groups = replicate_groups(0.95, seed)
    value, disagree = rhat_against(groups, ar1_chains(0.8, 4, 2_000, seed + 100))
    assert disagree and value > 1.05


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_chains_mixing_faster_than_the_reference_read_one(seed):
    """Groups that agree better than the reference's blocks (here mixing four times
    faster) have no excess to show: R-hat 1 exactly, never below it."""
    groups = replicate_groups(0.2, seed)
    value, disagree = rhat_against(groups, ar1_chains(0.8, 4, 2_000, seed + 100))
    assert value == 1.0 and not disagree


def test_a_reference_shorter_than_the_chains_is_refused():
    with pytest.raises(ValueError, match="cannot be cut"):
        rhat_against(replicate_groups(0.5, 1), ar1_chains(0.5, 4, 50, 1))
