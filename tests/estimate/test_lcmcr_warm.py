"""LCMCR warm starts: a fit to a nearby table starts its chains where another fit stopped.

The linkage replicates run so (recount.estimate.linkage_stage): each replicate's chains
start from the single clustering's in the same stratum, with a short burn-in. These
tests hold that this is reproducible, that it skips the race and the long burn-in, and
that the short burn-in still reaches the new table's posterior from a distant start.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from recount.estimate.lcmcr import LCMCR
from recount.settings.estimate import LCMCR_RUN_LENGTHS, LCMCR_WARM_BURNIN

LISTS = ["a", "b", "c", "d", "e"]


def table(people: int, rates, seed: int, lists=LISTS) -> pd.DataFrame:
    """Capture patterns of `people` caught independently by each list at `rates`."""
    rng = np.random.default_rng(seed)
    caught = rng.random((people, len(lists))) < np.asarray(rates)
    caught = caught[caught.any(axis=1)].astype(int)
    return pd.DataFrame(caught, columns=lists).value_counts().rename("count").reset_index()


def fit(patterns, **options) -> LCMCR:
    """A fit with one thread; short fits warn that their ESS is low, these tests read the
    figures instead."""
    options = {"n_jobs": 1, "seed": 7, **options}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return LCMCR(**options).fit(patterns)


BASE = table(4000, [0.3, 0.35, 0.25, 0.3, 0.4], seed=1)
NEAR = table(4000, [0.3, 0.35, 0.25, 0.3, 0.4], seed=2)


@pytest.mark.parametrize("sampler", ["nuts", "collapsed"])
def test_a_warm_start_reproduces_byte_for_byte_from_the_seed(sampler):
    # any fit's last state is a start: this one's chains start cold, without exploring runs
    start = fit(BASE, sampler=sampler, burnin=300, draws=100, explore=False).stopped_
    first = fit(NEAR, sampler=sampler, draws=60, seed=11, warm_start=start)
    again = fit(NEAR, sampler=sampler, draws=60, seed=11, warm_start=start)
    other = fit(NEAR, sampler=sampler, draws=60, seed=12, warm_start=start)
    assert first.warm_started_
    assert first.N_draws_.tobytes() == again.N_draws_.tobytes()
    assert first.alpha_draws_.tobytes() == again.alpha_draws_.tobytes()
    assert first.N_draws_.tobytes() != other.N_draws_.tobytes()
    # the start is read, never written: the fit it came from can start others alike
    assert fit(NEAR, sampler=sampler, draws=60, seed=11, warm_start=start).N_draws_.tobytes() == (
        first.N_draws_.tobytes()
    )


def test_a_warm_start_skips_the_race_and_the_long_burn_in():
    """`auto` races NUTS against the collapsed sweep and burns in 1,000 (NUTS) or 5,000
    sweeps from a random start; started warm it takes the earlier fit's sampler as is."""
    assert len(BASE) > 3 * (len(LISTS) + 1) - 1  # more patterns than parameters: auto races
    cold = fit(NEAR, K=3, draws=50)
    start = fit(BASE, K=3, burnin=300, draws=100).stopped_
    warm = fit(NEAR, K=3, draws=50, warm_start=start)
    assert cold.race_ is not None and not cold.warm_started_
    assert cold.sweeps_ == LCMCR_RUN_LENGTHS[cold.sampler_][0] + 50 * cold._run_lengths()[2]
    assert warm.race_ is None and warm.sampler_ == start.sampler
    burnin, thin = LCMCR_WARM_BURNIN[warm.sampler_], LCMCR_RUN_LENGTHS[warm.sampler_][2]
    assert warm.sweeps_ == burnin + 50 * thin
    assert warm.N_draws_.shape == (4, 50)
    assert warm.seconds_ < cold.seconds_


def test_a_warm_start_for_other_lists_or_classes_is_ignored():
    """Whether a fit starts warm is decided before it samples (lists, K, chains, sampler),
    so the fits that must start cold run short cold chains: 100 burn-in iterations, no
    exploring runs (a cold NUTS fit's default 16 exploring runs and 1,000 tuning draws
    would be most of this test's time and are not what it checks)."""
    start = fit(BASE, sampler="nuts", burnin=300, draws=100, explore=False).stopped_
    four = table(4000, [0.3, 0.35, 0.25, 0.3], seed=3, lists=LISTS[:4])

    def cold(patterns, **options):
        return fit(patterns, draws=50, burnin=100, explore=False, warm_start=start, **options)

    assert not cold(four, sampler="nuts").warm_started_
    assert not cold(NEAR, sampler="nuts", K=5, max_K=5).warm_started_
    assert not cold(NEAR, sampler="nuts", K=3).warm_started_
    # a default fit at K = 5 grows to 10 where its truncation binds: that fit's chains fit
    grown = fit(NEAR, sampler="nuts", draws=50, K=5, warm_start=start)
    assert grown.warm_started_ and grown.K_ == 10 and grown.grown_from_ == [5]
    assert not cold(NEAR, sampler="collapsed").warm_started_
    assert fit(NEAR, sampler="nuts", draws=50, warm_start=start).warm_started_


@pytest.mark.slow
@pytest.mark.parametrize("sampler", ["nuts", "collapsed"])
def test_a_short_warm_burn_in_reaches_a_distant_posterior(sampler):
    """Started from a table whose total is 10% higher, some 11 posterior standard
    deviations away (a clustering that splits people is as far from the replicates: the
    demo's single clustering is 5 from their pooled total), the warm chains forget the
    start within the short burn-in: their draws match a long cold run on the new table,
    and the chains of one fit agree (split R-hat, which also sees a drift common to every
    chain)."""
    rates = np.array([0.3, 0.35, 0.25, 0.3, 0.4])
    # The start: where a fit to the far table stopped after its default burn-in (it need not
    # run on to ESS 400: only its last state is used, and its draws' median placed).
    far = fit(table(4400, rates, seed=4), sampler=sampler, draws=100)
    target = table(4000, rates, seed=5)
    reference = fit(target, sampler=sampler, seed=3)
    warm = fit(target, sampler=sampler, draws=250, seed=9, warm_start=far.stopped_)
    spread = np.std(reference.N_draws_)
    assert np.median(far.N_draws_) - np.median(reference.N_draws_) > 9 * spread
    assert warm.warm_started_
    assert abs(np.median(warm.N_draws_) - np.median(reference.N_draws_)) < 0.5 * spread
    assert warm.interval()[0] == pytest.approx(reference.interval()[0], abs=0.6 * spread)
    assert warm.interval()[1] == pytest.approx(reference.interval()[1], abs=0.6 * spread)
    # the first kept draws are no further from the posterior than the last ones
    early, late = warm.N_draws_[:, :50].mean(), warm.N_draws_[:, -50:].mean()
    assert abs(early - late) < 0.5 * spread
    assert warm.rhat_ < 1.05


@pytest.mark.parametrize("sampler", ["nuts", "collapsed"])
def test_states_kept_for_warm_starts_leave_the_draws_unchanged(sampler):
    """Keeping M states per chain (spread over its kept draws, the last where it stopped)
    runs the chain in pieces, which gives the same draws as one run; `pick(r)` starts
    fits from different states."""
    one = fit(BASE, sampler=sampler, burnin=200, draws=80)
    kept = fit(BASE, sampler=sampler, burnin=200, draws=80, snapshots=5)
    assert kept.N_draws_.tobytes() == one.N_draws_.tobytes()
    assert [len(states) for states in kept.stopped_.chains] == [5] * 4
    for last, only in zip(kept.stopped_.chains, one.stopped_.chains, strict=True):
        assert last[-1][0].tobytes() == only[0][0].tobytes()
    firsts = {kept.stopped_.pick(r).chains[0][0][0].tobytes() for r in range(5)}
    assert len(firsts) == 5
    assert (
        kept.stopped_.pick(7).chains[1][0][0].tobytes() == kept.stopped_.chains[1][2][0].tobytes()
    )
