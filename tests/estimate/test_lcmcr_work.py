"""The work model `auto`'s race counts in (recount.estimate.lcmcr_work): what a collapsed
sweep costs in NUTS leapfrog steps depends on the table, as measured (bench/lcmcr_work.py)."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from recount.estimate._lcmcr_nuts import WARM_SWEEPS
from recount.estimate.lcmcr import LCMCR, REFRESH_LEAPFROGS, SWEEP_WORK, ConvergenceWarning
from recount.estimate.lcmcr_work import leapfrogs_per_sweep
from recount.estimate.synthetic import hard_to_reach_population, lcmcr_benchmark_population

ATTEMPTS = 3  # the collapsed sweep's default Metropolis steps per class


@pytest.mark.parametrize(
    ("people", "n_lists", "n_classes", "measured"),
    [
        # CPU per sweep / per leapfrog step, one process (bench/lcmcr_work.py, 2026-12-06)
        (500_000, 8, 10, 11.72),  # 8 lists, 365,873 documented: 152.6 us / 13.0 us
        (500_000, 8, 20, 9.79),
        (5_000, 8, 20, 2.69),  # 8 lists, 3,611 documented: few people a cell
        (70_000, 6, 10, 6.44),  # 6 lists, 52,179 documented
    ],
)
def test_a_sweep_costs_what_was_measured_in_leapfrog_steps(people, n_lists, n_classes, measured):
    """Within half of the measured cost either way, where the old constant (3) was 3.9
    times off on 8 lists: binomial draws per cell grow with its count, to K."""
    if n_lists == 8:
        table = lcmcr_benchmark_population(people, n_lists, seed=1)
    else:
        table = hard_to_reach_population(people, n_lists, seed=4)
    counts = table["count"].to_numpy()
    modelled = leapfrogs_per_sweep(counts, n_lists, n_classes, ATTEMPTS)
    assert measured / 1.5 < modelled < measured * 1.5


def test_a_sweep_costs_more_where_cells_hold_more_people():
    """The same cells with a hundred times the people: the sweep's binomial draws no longer
    stop after a class or two, a leapfrog step costs the same."""
    small = lcmcr_benchmark_population(5_000, 8, seed=1)["count"].to_numpy()
    large = lcmcr_benchmark_population(500_000, 8, seed=1)["count"].to_numpy()
    assert leapfrogs_per_sweep(large, 8, 20, ATTEMPTS) > 2 * leapfrogs_per_sweep(
        small, 8, 20, ATTEMPTS
    )


@pytest.mark.slow
def test_a_nuts_fit_counts_its_leapfrog_steps_at_the_tables_cost():
    """work_ of a NUTS fit: its leapfrog steps in sweeps at this table's cost and each
    draw's refresh (two density evaluations and one of R's sweeps), plus the Gibbs sweeps
    that placed its chains and its exploring runs' work."""
    table = lcmcr_benchmark_population(20_000, 8, seed=1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        model = LCMCR(K=5, sampler="nuts", burnin=100, draws=100, seed=1).fit(table)
    counts = table["count"].to_numpy()
    assert model.leapfrogs_per_sweep_ == leapfrogs_per_sweep(counts, 8, 5, model.mh_attempts)
    draws = model.sweeps_ * model.chains
    leapfrogs = draws * (model.leapfrog_steps_ + REFRESH_LEAPFROGS)
    refreshes = draws * SWEEP_WORK["augmented"]
    explored = model.starts_["work"].sum()
    placing = WARM_SWEEPS * model.chains  # Gibbs sweeps that place each cold chain
    expected = explored + leapfrogs / model.leapfrogs_per_sweep_ + refreshes + placing
    assert model.work_ == pytest.approx(expected, rel=1e-9)
    assert np.isfinite(model.work_) and model.leapfrogs_per_sweep_ > 3
