"""LCMCR by the Gibbs sweeps (collapsed, and R's own): exactness, agreement with R's LCMCR
on Kosovo, recovery of N, run lengths. NUTS has its own tests (test_lcmcr_nuts.py)."""

from __future__ import annotations

import tempfile
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from recount.errors import ConfigError, InputError
from recount.estimate.lcmcr import (
    LCMCR,
    SWEEP_WORK,
    TRUNCATION_LIMIT,
    ConvergenceWarning,
    choose_sampler,
    sweeps_winner,
)
from recount.estimate.mcmc_diagnostics import ess_bulk
from recount.estimate.patterns import LIST_PREFIX, capture_histories
from recount.estimate.synthetic import latent_class_population, patterns_from_matrix
from recount.settings.estimate import GIBBS_RUN_ON_LIMIT
from recount.simulate import simulate


def quiet_fit(model: LCMCR, patterns: pd.DataFrame) -> LCMCR:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        return model.fit(patterns)


@pytest.mark.parametrize("sampler", ["collapsed", "nuts"])
def test_single_class_matches_the_exact_posterior(kosovo, single_class_posterior, sampler):
    grid, p = single_class_posterior(kosovo)
    cdf = np.cumsum(p)
    exact = [grid[np.searchsorted(cdf, q)] for q in (0.025, 0.5, 0.975)]
    model = LCMCR(K=1, sampler=sampler, burnin=500, draws=4_000, thin=1, chains=2, seed=3)
    draws = model.fit(kosovo).N_draws_.ravel()
    got = np.quantile(draws, [0.025, 0.5, 0.975])
    assert abs(got[1] - exact[1]) < 15
    assert abs(got[0] - exact[0]) < 30 and abs(got[2] - exact[2]) < 30
    assert draws.mean() == pytest.approx((grid * p).sum(), abs=10)
    assert "truncation_binds" not in model.flags()  # one class is a model, not a truncation


@pytest.mark.parametrize("sampler", ["collapsed", "augmented", "nuts"])
def test_every_sampler_draws_under_the_capture_prior_it_is_given(single_class_posterior, sampler):
    """A sparse table (123 of 300 people on 3 lists at capture 0.1-0.2), where the capture
    prior matters: under Beta(0.2, 1), which admits people the lists barely reach, the exact
    posterior's median is 341 against 314 under R's Beta(1, 1), and each sampler follows it."""
    lam = np.array([[0.15, 0.2, 0.1]])
    patterns = latent_class_population(300, np.array([1.0]), lam, seed=4)
    common = dict(K=1, sampler=sampler, burnin=500, draws=4_000, thin=1, chains=2, seed=3)
    medians = {}
    for shapes in [(1.0, 1.0), (0.2, 1.0)]:
        grid, p = single_class_posterior(patterns, *shapes)
        exact = grid[np.searchsorted(np.cumsum(p), 0.5)]
        model = LCMCR(a_lambda=shapes[0], b_lambda=shapes[1], **common)
        medians[shapes] = np.median(quiet_fit(model, patterns).N_draws_)
        assert abs(medians[shapes] - exact) < 8
    assert medians[(0.2, 1.0)] > medians[(1.0, 1.0)] + 15


@pytest.mark.parametrize(
    "sampler, first_draws",
    [
        # NUTS's trajectories follow the CPU's floating point (vectorised exp and log): its
        # draws differ between machines (an AVX-512 EPYC gave others), so for it the default
        # is held to the explicit prior within one run only.
        ("nuts", None),
        ("collapsed", [7440, 7561, 7708, 7301]),
        ("augmented", [7534, 7549, 7478, 7398]),
    ],
)
def test_the_default_capture_prior_gives_the_draws_of_r_lcmcrs_prior(kosovo, sampler, first_draws):
    """The capture prior's default (R's Beta(1, 1)) gives, for a seed, the draws every sampler
    gave before the prior was a setting (main 7a0db3c). A change to a sampler's moves changes
    them: then update these on purpose."""
    settings = dict(K=5, seed=3, sampler=sampler, burnin=200, draws=100, chains=2, n_jobs=1)
    draws = quiet_fit(LCMCR(**settings), kosovo).N_draws_
    if first_draws is not None:
        assert draws[0, :4].tolist() == first_draws
    explicit = quiet_fit(LCMCR(a_lambda=1.0, b_lambda=1.0, **settings), kosovo).N_draws_
    np.testing.assert_array_equal(draws, explicit)


@pytest.mark.slow
def test_collapsed_and_r_style_sweeps_share_the_posterior():
    """The collapsed n0/alpha updates must leave R's posterior unchanged. The collapsed
    sweep mixes slowly on this table (bulk ESS 94-462 in 4 x 50,000 sweeps over seeds 1-6,
    where 2 x 20,000 passed or failed by the seed), so both run 4 x 200,000."""
    lam = np.array([[0.5, 0.4, 0.45, 0.5], [0.1, 0.15, 0.1, 0.12]])
    patterns = latent_class_population(3_000, np.array([0.6, 0.4]), lam, seed=11)
    common = dict(K=3, burnin=2_000, draws=200_000, thin=1, chains=4, seed=5)
    ours = quiet_fit(LCMCR(sampler="collapsed", **common), patterns).N_draws_
    peer = quiet_fit(LCMCR(sampler="augmented", **common), patterns).N_draws_
    sd = ours.std()
    assert abs(np.median(ours) - np.median(peer)) < 0.25 * sd
    for q in (0.1, 0.9):
        assert abs(np.quantile(ours, q) - np.quantile(peer, q)) < 0.35 * sd


@pytest.mark.slow
@pytest.mark.parametrize("sampler", ["collapsed", "augmented"])
def test_kosovo_agrees_with_r_lcmcr(kosovo, sampler):
    """R's LCMCR, K = 10, several seeds: median 10,400-10,600, 95% interval about
    [9,000-9,250, 13,600-14,800]. A long run here (4 x 100,000 sweeps, ESS 680) gives
    10,480 [9,054, 13,876]. The default run runs on towards ESS 400; the tolerances allow
    for its Monte Carlo error (about +-150 on the median, +-300 on the lower end). Seeds
    1-6 checked: a fixed run of 27,000 sweeps was not enough on every one (R-hat 1.13)."""
    model = quiet_fit(LCMCR(K=10, chains=4, sampler=sampler, seed=1), kosovo)
    summary = model.summary()
    assert model.n_observed_ == 4_400
    assert 10_150 <= summary.iloc[0]["estimate"] <= 10_850
    assert 8_500 <= summary.iloc[0]["lower"] <= 9_500
    assert 12_900 <= summary.iloc[0]["upper"] <= 15_500
    assert model.rhat_ < 1.05
    assert model.ess_ > 200


@pytest.mark.slow
def test_recovers_a_population_drawn_from_the_model():
    lam = np.array([[0.45, 0.5, 0.35, 0.4, 0.5], [0.15, 0.1, 0.2, 0.12, 0.15]])
    truth = 40_000
    patterns = latent_class_population(truth, np.array([0.7, 0.3]), lam, seed=21)
    model = quiet_fit(LCMCR(K=5, burnin=2_000, draws=4_000, thin=2, seed=2), patterns)
    summary = model.summary()
    assert summary.iloc[0]["lower"] <= truth <= summary.iloc[0]["upper"]
    assert abs(summary.iloc[0]["estimate"] - truth) < 0.05 * truth
    assert model.n_observed_ < truth


@pytest.mark.parametrize("sampler", ["collapsed", "nuts"])
def test_same_seed_same_draws_and_thread_count_does_not_matter(kosovo, sampler):
    settings = dict(K=4, sampler=sampler, burnin=200, draws=100, thin=1, chains=2)
    first = quiet_fit(LCMCR(seed=9, n_jobs=1, **settings), kosovo).N_draws_
    second = quiet_fit(LCMCR(seed=9, n_jobs=2, **settings), kosovo).N_draws_
    other = quiet_fit(LCMCR(seed=10, n_jobs=1, **settings), kosovo).N_draws_
    assert first.shape == (2, 100)
    np.testing.assert_array_equal(first, second)
    assert not np.array_equal(first, other)


@pytest.mark.parametrize("sampler", ["collapsed", "nuts"])
def test_a_run_extended_towards_an_ess_target_is_one_longer_run(kosovo, sampler):
    """Extensions double the kept draws; their draws are those of one run that long."""
    settings = dict(K=3, sampler=sampler, burnin=200, thin=2, chains=2, seed=9)
    extended = quiet_fit(
        LCMCR(draws=50, ess_target=1e9, max_sweeps=200 + 2 * 200, **settings), kosovo
    )
    assert extended.sweeps_ == 600 and extended.N_draws_.shape == (2, 200)
    one_run = quiet_fit(LCMCR(draws=200, **settings), kosovo)
    np.testing.assert_array_equal(extended.N_draws_, one_run.N_draws_)
    np.testing.assert_array_equal(extended.alpha_draws_, one_run.alpha_draws_)
    assert extended.ess_ == one_run.ess_
    if sampler == "nuts":
        np.testing.assert_array_equal(extended.divergences_, one_run.divergences_)


def stopped_by_the_rule(model: LCMCR) -> bool:
    """Whether a run on stopped where LCMCR's rule stops it: R-hat 1.01 and ESS 400
    reached, or each chain alone mixed (bulk ESS 400 each) while together they still
    disagree. Which of the two a seed gives is its luck; that it is one of them is not."""
    if model.rhat_ <= 1.01 and model.ess_ >= 400:
        return True
    return min(ess_bulk(chain[None, :]) for chain in model.N_draws_) >= 400


@pytest.mark.slow
def test_ess_target_stops_as_soon_as_it_is_reached(kosovo):
    settings = dict(K=3, sampler="collapsed", burnin=300, thin=1, chains=2, seed=2)
    short = quiet_fit(LCMCR(draws=300, **settings), kosovo)
    assert short.ess_ < 400  # so the next fit must run on to reach its target
    extended = quiet_fit(LCMCR(draws=300, ess_target=400, max_sweeps=200_000, **settings), kosovo)
    assert extended.sweeps_ > 600 and extended.sweeps_ < 200_000
    assert extended.ess_ >= 400 and stopped_by_the_rule(extended)
    # One round less (half the draws kept: the same chains' prefix) was still short.
    kept = extended.sweeps_ - 300
    before = quiet_fit(LCMCR(draws=kept // 2, **settings), kosovo)
    assert before.ess_ < 400 or before.rhat_ > 1.01


def test_a_default_length_run_runs_on_until_its_chains_agree(kosovo):
    """Draws left unset: the chains run on until R-hat 1.01 and ESS 400 (or until each
    chain alone has mixed and still they disagree: modes apart); draws given: the run
    asked for. (max_K = K: Kosovo's 3 classes are all in use, which would double K.)"""
    settings = dict(K=3, max_K=3, chains=2, seed=1, sampler="collapsed", thin=1)
    default = quiet_fit(LCMCR(**settings), kosovo)
    assert default.rhat_path_[0] > 1.01  # the default run alone falls short
    assert default.sweeps_ > 5_000 + 5_000
    assert default.rhat_ < default.rhat_path_[0] and default.ess_ >= 400
    assert stopped_by_the_rule(default)
    assert default.sweeps_ < GIBBS_RUN_ON_LIMIT * (5_000 + 5_000)  # the cap
    given = quiet_fit(LCMCR(burnin=5_000, draws=5_000, **settings), kosovo)
    assert given.sweeps_ == 5_000 + 5_000 and given.rhat_path_ == []
    np.testing.assert_array_equal(given.N_draws_, default.N_draws_[:, :5_000])


@pytest.fixture(scope="module")
def demo_pooled_table() -> pd.DataFrame:
    """`make demo`'s pooled table from its world's true people (recount.simulate, seed 1,
    20,000 people, 5 lists): 14,013 documented in 31 patterns, fewer than K = 10's 59
    parameters, so the shape rule (`choose_sampler`) gave it the collapsed sweep. Simulated
    once for the module's seeds (the fits only read it)."""
    with tempfile.TemporaryDirectory() as folder:
        simulate(folder, people=20_000, sources=5, seed=1)
        persons = pd.read_csv(
            Path(folder) / "truth" / "persons.csv",
            usecols=lambda column: column.startswith(LIST_PREFIX),
        )
    return capture_histories(persons)


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_auto_gives_the_demo_table_to_the_sweep_with_more_draws_per_cpu_second(
    demo_pooled_table, seed
):
    """On the demo's pooled table both Gibbs sweeps crawl (N's autocorrelation about 5,500
    sweeps) at the same effective draws per sweep, and R's sweep costs 0.7 of the collapsed
    one's CPU (docs/lcmcr.md): the shape rule's choice stopped at its cap unconverged
    (R-hat 1.011, ESS 369 on a fresh clone). The race runs the collapsed sweep's first
    round, sees it short, runs R's sweep's, and gives the run to R's sweep. (The first
    round only here: `max_sweeps` stops the run there.)"""
    table = demo_pooled_table
    lists = table.shape[1] - 1
    assert choose_sampler(len(table), lists, 10, int(table["count"].sum())) == "collapsed"
    model = quiet_fit(LCMCR(K=10, seed=seed, max_sweeps=25_000), table)
    race = model.race_.set_index("sampler")
    assert list(race.index) == ["collapsed", "augmented"]
    assert race.loc["collapsed", "rhat"] > 1.01 or race.loc["collapsed", "ess"] < 400
    assert race.loc["augmented", "work"] == SWEEP_WORK["augmented"] * race.loc["collapsed", "work"]
    assert model.sampler_ == "augmented" and model.sweeps_ == 25_000
    # its draws are its race round's: the race's round is the run's first
    assert model.ess_ == race.loc["augmented", "ess"]


def test_the_sweeps_race_takes_the_cheaper_sweep_unless_the_other_mixes_measurably_faster():
    def race(collapsed, augmented):
        return pd.DataFrame(
            [("collapsed", *collapsed), ("augmented", *augmented)],
            columns=["sampler", "ess_per_work", "rhat"],
        )

    # the demo's pooled table, seed 3's first rounds: 44.1 and 18.9 ESS in 100,000 sweeps
    assert sweeps_winner(race((44.1e-5, 1.065), (18.9e-5 / 0.7, 1.146))) == "augmented"
    assert sweeps_winner(race((90e-5, 1.05), (30e-5, 1.10))) == "collapsed"  # 3x: measured
    assert sweeps_winner(race((10e-5, 1.005), (40e-5, 1.05))) == "collapsed"  # only one agrees
    assert sweeps_winner(race((10e-5, 1.02), (40e-5, 1.005))) == "augmented"


def _diagnosed(N_draws: np.ndarray) -> LCMCR:
    model = LCMCR(chains=len(N_draws), ess_target=400)
    model.rhat_path_ = []
    model._diagnose([[(chain, np.ones_like(chain)) for chain in N_draws]])
    return model


def test_chains_that_mixed_apart_are_not_run_on_and_crawling_ones_are():
    rng = np.random.default_rng(5)
    apart = _diagnosed(rng.normal([[10_000.0], [10_400.0]], 50.0, (2, 1_000)))
    assert apart.rhat_ > 1.01 and not apart._short_of_target()  # modes apart: no use
    crawling = _diagnosed(10_000 + np.cumsum(rng.normal(0, 20.0, (2, 1_000)), axis=1))
    assert crawling.rhat_ > 1.01 and crawling._short_of_target()
    mixed = _diagnosed(rng.normal(10_000.0, 50.0, (2, 1_000)))
    assert mixed.rhat_ <= 1.01 and mixed.ess_ >= 400 and not mixed._short_of_target()


def test_per_person_rows_give_the_same_fit_as_the_pattern_table():
    lam = np.array([[0.3, 0.4, 0.2]])
    rng = np.random.default_rng(4)
    people = (rng.random((2_000, 3)) < lam).astype(int)
    people = people[people.sum(axis=1) > 0]
    individuals = pd.DataFrame(people, columns=["L1", "L2", "L3"])
    settings = dict(K=2, sampler="collapsed", burnin=200, draws=200, thin=1, chains=2, seed=1)
    by_person = quiet_fit(LCMCR(**settings), individuals)
    by_pattern = quiet_fit(LCMCR(**settings), patterns_from_matrix(people))
    assert by_person.n_observed_ == len(people)
    np.testing.assert_array_equal(by_person.N_draws_, by_pattern.N_draws_)


def test_summary_reports_the_posterior(kosovo):
    model = quiet_fit(LCMCR(K=3, burnin=300, draws=1_000, thin=1, chains=2, seed=4), kosovo)
    summary = model.summary(alpha=0.1)
    row = summary.iloc[0]
    draws = model.N_draws_.ravel()
    assert row["estimate"] == np.median(draws)
    assert row["lower"] == np.quantile(draws, 0.05)
    assert row["lower"] < row["estimate"] < row["upper"]
    assert row["lower"] >= row["observed"] == 4_400
    assert (row["method"], row["model"]) == ("lcmcr", f"K=3, {model.sampler_}")
    assert model.seconds_ > 0


@pytest.mark.parametrize("seed", [1, 2])
def test_a_truncation_that_binds_is_flagged_and_one_that_leaves_classes_empty_is_not(kosovo, seed):
    """Kosovo holds about four classes: at K = 10 the stick left past class 9 is empty
    (alpha 0.5-1, a share of 1e-4 to 0.002); at K = 2 both classes are in use, and the fit says
    to raise K."""
    settings = dict(sampler="collapsed", burnin=2_000, draws=2_000, thin=1, chains=2, seed=seed)
    roomy = quiet_fit(LCMCR(K=10, **settings), kosovo)
    assert roomy.truncation_share_ < 0.01 and "truncation_binds" not in roomy.flags()
    with pytest.warns(ConvergenceWarning, match=r"2 latent classes are all in use.*K=4"):
        tight = LCMCR(K=2, **settings).fit(kosovo)
    assert tight.truncation_share_ > 0.1 and "truncation_binds" in tight.flags()


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_default_run_whose_truncation_binds_is_fitted_again_with_more_classes(kosovo, seed):
    """Kosovo at K = 2 uses both classes (a share of 0.2 past class 1): a default run
    (draws unset) fits again with twice the classes, until the truncation leaves classes
    empty or K reaches max_K, and says so; a run whose draws are given keeps its K."""
    common = dict(K=2, max_K=8, sampler="collapsed", chains=2, seed=seed)
    grown = quiet_fit(LCMCR(**common), kosovo)
    assert grown.grown_from_[0] == 2 and grown.K_ in (4, 8)
    assert grown.grown_from_ == [2] or grown.grown_from_ == [2, 4]
    assert grown.K_ == 8 or grown.truncation_share_ <= TRUNCATION_LIMIT
    assert grown.summary().iloc[0]["model"] == f"K={grown.K_} (grown from 2), collapsed"
    assert grown.stopped_.K == grown.K_ and grown.alpha_draws_.shape == grown.N_draws_.shape
    # The K = 2 fit it replaced is what max_K = 2 gives, with its time counted.
    kept = quiet_fit(LCMCR(**(common | {"max_K": 2})), kosovo)
    assert kept.K_ == 2 and kept.grown_from_ == [] and "truncation_binds" in kept.flags()
    assert grown.seconds_ > kept.seconds_ and grown.work_ > kept.work_
    given = quiet_fit(LCMCR(**common, burnin=1_000, draws=1_000, thin=1), kosovo)
    assert given.K_ == 2 and given.grown_from_ == [] and "truncation_binds" in given.flags()


def test_too_short_a_run_warns():
    lam = np.array([[0.2, 0.3, 0.25, 0.2], [0.05, 0.05, 0.1, 0.05]])
    patterns = latent_class_population(5_000, np.array([0.5, 0.5]), lam, seed=3)
    with pytest.warns(ConvergenceWarning, match="ESS"):
        LCMCR(K=10, sampler="collapsed", burnin=20, draws=30, thin=1, chains=2, seed=1).fit(
            patterns
        )


def test_bad_input_is_a_clear_error(kosovo):
    negative = kosovo.copy()
    negative.loc[0, "count"] = -3
    with pytest.raises(InputError, match="counts"):
        LCMCR().fit(negative)
    not_binary = kosovo.copy()
    not_binary.loc[0, "EXH"] = 2
    with pytest.raises(InputError, match="0 or 1"):
        LCMCR().fit(not_binary)
    with pytest.raises(ConfigError, match="K"):
        LCMCR(K=0).fit(kosovo)
    with pytest.raises(ConfigError, match="sampler"):
        LCMCR(sampler="hmc").fit(kosovo)
    with pytest.raises(ConfigError, match="ess_target"):
        LCMCR(ess_target=0).fit(kosovo)
    with pytest.raises(RuntimeError, match="fit"):
        LCMCR().summary()


@pytest.mark.parametrize(
    "n, p",
    [(1, 0.3), (6, 0.5), (20, 0.1), (60, 0.95), (2_000, 0.004)]  # inversion
    + [(40, 0.3), (1_000, 0.02), (5_000, 0.7), (250_000, 0.01)],  # BTRS
)
def test_fast_binomial_has_the_binomial_distribution(n, p):
    from scipy import stats

    from recount.estimate._lcmcr_sampler import _binomial

    rng = np.random.default_rng(8)
    draws = np.array([_binomial(rng, n, p) for _ in range(20_000)])
    low, high = stats.binom.ppf([1e-4, 1 - 1e-4], n, p).astype(int)
    support = np.arange(low, high + 1)
    expected = stats.binom.pmf(support, n, p) * draws.size
    observed = np.array([(draws == k).sum() for k in support])
    keep = expected > 10
    chi2 = ((observed[keep] - expected[keep]) ** 2 / expected[keep]).sum()
    assert stats.chi2.sf(chi2, keep.sum() - 1) > 1e-3


@pytest.mark.parametrize(
    "log_odds, cell",
    [
        (None, (1, 0, 1, 0, 0, 0)),  # moderate capture probabilities
        (700.0, (1, 0, 1, 0, 0, 0)),  # odds beyond exp(600): products would overflow
        (-300.0, (1, 1, 1, 0, 0, 0)),  # the cell is all but impossible under every class
        ("scale", (1, 1, 1, 1, 1, 1)),  # one class's scale underflows, its odds restore it
    ],
)
def test_observed_cells_are_split_by_the_classes_posterior_probabilities(log_odds, cell):
    from scipy import stats

    from recount.estimate._lcmcr_sampler import _allocate_observed

    rng = np.random.default_rng(11)
    x = np.array(cell)[:, None]
    n_lists, n_classes = len(cell), 4
    lam = rng.uniform(0.05, 0.9, size=(n_lists, n_classes))
    log_lam, log_1m = np.log(lam), np.log1p(-lam)
    if log_odds == "scale":  # class 0 lists all but surely: exp(-900) times odds exp(900)
        log_lam[:, 0], log_1m[:, 0] = 0.0, -150.0 + rng.uniform(0, 5, size=n_lists)
    elif log_odds is not None:  # the cell's first lists capture all (700) or none (-300)
        listed = np.flatnonzero(cell)[: 2 if log_odds > 0 else 3]
        extreme = -abs(log_odds) + rng.uniform(0, 5, size=(len(listed), n_classes))
        if log_odds > 0:
            log_lam[listed], log_1m[listed] = 0.0, extreme
        else:
            log_lam[listed], log_1m[listed] = extreme, 0.0
    log_pi = np.log(rng.dirichlet(np.ones(n_classes)))
    logp = log_pi + (x * log_lam + (1 - x) * log_1m).sum(axis=0)
    expected = np.exp(logp - logp.max())
    expected /= expected.sum()
    patterns = np.array([cell], dtype=np.uint8)
    freq = np.array([200], dtype=np.int64)
    nobs = np.zeros(n_classes, dtype=np.int64)
    ones = np.zeros((n_lists, n_classes), dtype=np.int64)
    totals = np.zeros(n_classes)
    for _ in range(300):
        _allocate_observed(rng, patterns, freq, log_lam, log_1m, log_pi, nobs, ones)
        totals += nobs
        np.testing.assert_array_equal(ones, x * nobs[None, :])
    chi2 = ((totals - expected * totals.sum()) ** 2 / (expected * totals.sum())).sum()
    assert stats.chi2.sf(chi2, n_classes - 1) > 1e-3
