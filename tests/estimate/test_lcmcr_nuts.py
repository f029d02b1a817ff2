"""LCMCR by NUTS: the marginal posterior it samples, its class-order moves, its draws of N."""

from __future__ import annotations

import itertools
import math
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import integrate, special, stats

from recount.estimate import _lcmcr_nuts as nuts
from recount.estimate import lcmcr, mcmc_diagnostics
from recount.estimate.lcmcr import LCMCR, ConvergenceWarning, choose_sampler, race_winner
from recount.estimate.synthetic import latent_class_population, patterns_from_matrix


def quiet_fit(model: LCMCR, patterns: pd.DataFrame) -> LCMCR:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        return model.fit(patterns)


def random_table(rng: np.random.Generator, n_lists: int, people: int) -> pd.DataFrame:
    captures = (rng.random((people, n_lists)) < rng.uniform(0.1, 0.6, n_lists)).astype(int)
    return patterns_from_matrix(captures)


def numeric_gradient(
    x: np.ndarray, data: tuple, density=nuts.log_posterior, step: float = 1e-6
) -> np.ndarray:
    out = np.empty_like(x)
    scratch = np.empty_like(x)
    for i in range(x.size):
        up, down = x.copy(), x.copy()
        up[i] += step
        down[i] -= step
        high = density(up, scratch, data)
        low = density(down, scratch, data)
        out[i] = (high - low) / (2 * step)
    return out


@settings(max_examples=25, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    n_lists=st.integers(2, 6),
    n_classes=st.integers(1, 6),
    spread=st.floats(0.1, 4.0),
    far=st.booleans(),
    a_lambda=st.floats(0.05, 3.0),
    b_lambda=st.floats(0.05, 3.0),
)
def test_gradient_matches_finite_differences(
    seed, n_lists, n_classes, spread, far, a_lambda, b_lambda
):
    """Both ways of computing the cells (products in linear space, and log space where
    a logit is large) give the density whose derivative the gradient is, under any
    capture prior."""
    rng = np.random.default_rng(seed)
    table = random_table(rng, n_lists, 300)
    cells = table.drop(columns="count").to_numpy()
    counts = table["count"].to_numpy()
    data = nuts.target_data(cells, counts, n_classes, 0.25, 0.25, a_lambda, b_lambda)
    data[11][:] = rng.permutation(n_classes)  # any order of the classes in the prior
    x = rng.normal(size=n_lists * n_classes + n_classes - 1) * spread
    if far:
        x[0] = 30.0  # past the linear path's bound: the log-space path
    grad = np.empty_like(x)
    value = nuts.log_posterior(x, grad, data)
    assert np.isfinite(value)
    np.testing.assert_allclose(grad, numeric_gradient(x, data), rtol=1e-4, atol=1e-3)


@settings(max_examples=15, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    n_lists=st.integers(2, 5),
    n_classes=st.integers(1, 4),
    n_strata=st.integers(1, 4),
    spread=st.floats(0.1, 2.0),
    tau_scale=st.floats(0.05, 2.0),
    a_lambda=st.floats(0.05, 3.0),
    b_lambda=st.floats(0.05, 3.0),
    far=st.booleans(),
)
def test_strata_gradient_matches_finite_differences(
    seed, n_lists, n_classes, n_strata, spread, tau_scale, a_lambda, b_lambda, far
):
    """The hierarchical density's gradient (class weights, list shifts, tau and sigma,
    the capture prior's shapes), strata from 5 to 400 people, lists absent from some, by
    both ways of computing a stratum's cells (products of odds, and log space where a
    logit is large)."""
    rng = np.random.default_rng(seed)
    data, size = random_strata_data(
        rng, n_lists, n_classes, n_strata, tau_scale, a_lambda, b_lambda
    )
    x = rng.normal(size=size) * spread
    if far:
        x[0] = 30.0  # past the linear path's bound in every stratum: the log-space path
    grad = np.empty_like(x)
    value = nuts.strata_log_posterior(x, grad, data)
    assert np.isfinite(value)
    # Central differences lose about |value| x 1e-16 / step to rounding: at a small list
    # spread sigma the density reaches -7e6 (seed 833, sigma's derivative -1.4e7).
    rounding = 1e-9 * abs(value)
    np.testing.assert_allclose(
        grad,
        numeric_gradient(x, data, nuts.strata_log_posterior),
        rtol=1e-4,
        atol=1e-3 + rounding,
    )


def random_strata_data(
    rng, n_lists, n_classes, n_strata, tau_scale=1.0, a_lambda=1.0, b_lambda=1.0
):
    """The hierarchical density's data for random strata of 5 to 400 people (a list may
    document nobody in one), classes in a random prior order, and the position's size."""
    tables = [random_table(rng, n_lists, int(rng.integers(5, 400))) for _ in range(n_strata)]
    cells = np.vstack([t.drop(columns="count").to_numpy() for t in tables])
    counts = np.concatenate([t["count"].to_numpy() for t in tables])
    starts = np.cumsum([0] + [len(t) for t in tables])
    active = np.array([(t.drop(columns="count").to_numpy().sum(axis=0) > 0) for t in tables])
    data = nuts.strata_data(
        cells,
        counts,
        starts,
        active.astype(float),
        n_classes,
        0.25,
        0.25,
        tau_scale,
        a_lambda,
        b_lambda,
    )
    data[11][:] = rng.permutation(n_classes)
    return data, n_lists * n_classes + n_classes - 1 + 2 + n_strata * (n_classes + n_lists)


@pytest.mark.parametrize("seed", range(6))
def test_strata_density_is_one_function_across_the_linear_bound(seed):
    """A stratum's cells come from products of odds while every logit eta_jk + rho_sj is
    within LINEAR_MAX_ETA and from log space past it: the density is continuous where one
    logit crosses the bound (the two ways compute the same function)."""
    rng = np.random.default_rng(seed)
    data, size = random_strata_data(rng, 4, 3, 2)
    x = rng.normal(size=size) * 0.5
    rho_first = size - 2 * 4  # stratum 0's shift of list 0
    values = []
    for eta in (nuts.LINEAR_MAX_ETA - 1e-9, nuts.LINEAR_MAX_ETA + 1e-9):
        x[0] = eta - x[rho_first]
        values.append(nuts.strata_log_posterior(x, np.empty_like(x), data))
    assert np.isfinite(values).all()
    assert values[1] == pytest.approx(values[0], rel=1e-9, abs=1e-6)


def test_capture_prior_is_beta_a_b_on_every_capture_probability():
    """LCMCR's density under Beta(a, b) differs from R's Beta(1, 1) by exactly
    sum_jk [(a - 1) log lambda_jk + (b - 1) log(1 - lambda_jk)], wherever the chain stands."""
    rng = np.random.default_rng(4)
    assert_capture_prior_moves_by_beta_log_density(
        rng,
        lambda cells, counts, shapes: nuts.target_data(cells, counts, 3, 0.25, 0.25, *shapes),
        nuts.log_posterior,
        extra=0,
    )


def test_strata_capture_prior_is_beta_a_b_on_every_shared_capture_probability():
    """Changing the capture prior's shapes moves the hierarchical log density by exactly
    sum_jk [(a - 1) log lambda_jk + (b - 1) log(1 - lambda_jk)] (the logit's Jacobian is
    the same for every prior), wherever the chain stands."""
    rng = np.random.default_rng(8)

    def data_of(cells, counts, shapes):
        starts, active = np.array([0, len(cells)]), np.ones((1, 4))
        return nuts.strata_data(cells, counts, starts, active, 3, 0.25, 0.25, 1.0, *shapes)

    assert_capture_prior_moves_by_beta_log_density(
        rng, data_of, nuts.strata_log_posterior, extra=2 + 3 + 4
    )


def assert_capture_prior_moves_by_beta_log_density(rng, data_of, log_posterior, extra):
    """On a random 4-list table at 3 classes, a log density built by `data_of(cells, counts,
    (a, b))` moves from Beta(1, 1) to Beta(a, b) by exactly sum_jk [(a - 1) log lambda_jk +
    (b - 1) log(1 - lambda_jk)] at random points (capture logits first, `extra` values
    beyond the class weights' logits)."""
    n_lists, n_classes = 4, 3
    table = random_table(rng, n_lists, 300)
    cells, counts = table.drop(columns="count").to_numpy(), table["count"].to_numpy()
    for a_lambda, b_lambda in [(0.1, 1.0), (0.5, 0.5), (2.0, 3.0)]:
        x = rng.normal(size=n_lists * n_classes + n_classes - 1 + extra)
        density = {}
        for shapes in [(1.0, 1.0), (a_lambda, b_lambda)]:
            density[shapes] = log_posterior(x, np.empty_like(x), data_of(cells, counts, shapes))
        lam = special.expit(x[: n_lists * n_classes])
        expected = np.sum((a_lambda - 1) * np.log(lam) + (b_lambda - 1) * np.log1p(-lam))
        moved = density[(a_lambda, b_lambda)] - density[(1.0, 1.0)]
        assert moved == pytest.approx(expected, rel=1e-9, abs=1e-9)


def test_stick_prior_is_the_stick_breaking_prior_with_alpha_summed_out():
    """In the identity order, the stick prior plus the Jacobian of the stick logits is
    int prod_k Beta(V_k; 1, alpha) Gamma(alpha; a, b) dalpha, up to one constant."""
    rng = np.random.default_rng(3)
    n_classes, a_alpha, b_alpha = 5, 0.25, 0.25
    differences = []
    for _ in range(4):
        nu = rng.normal(size=n_classes - 1) * 2
        v = special.expit(nu)

        def integrand(alpha, v=v):
            log_density = np.sum(np.log(alpha) + (alpha - 1) * np.log1p(-v))
            log_density += np.sum(np.log(v) + np.log1p(-v))  # dV / dnu
            log_prior = stats.gamma.logpdf(alpha, a_alpha, scale=1 / b_alpha)
            return np.exp(log_density + log_prior)

        exact = np.log(integrate.quad(integrand, 0, np.inf, limit=200)[0])
        log_w = np.empty(n_classes)
        nuts.stick_weights(nu, 0, n_classes, log_w)
        prior = nuts._stick_prior(
            log_w, np.arange(n_classes), a_alpha, b_alpha, np.zeros(n_classes)
        )
        rest = np.concatenate([[1.0], np.cumprod(1 - v)])[: n_classes - 1]
        jacobian = np.sum(np.log(rest) + np.log(v) + np.log1p(-v))  # nu -> weights
        differences.append(prior + jacobian - exact)
    assert np.ptp(differences) < 1e-7  # the quadrature's own error


def test_class_order_given_the_weights_is_size_biased_times_the_last_weight():
    """p(order | pi) = P_sb(order) g(pi_last) / prod pi, for every one of 4! orders."""
    rng = np.random.default_rng(1)
    n_classes, a_alpha, b_alpha = 4, 0.25, 0.25
    weights = rng.dirichlet(np.full(n_classes, 0.5))
    log_w = np.log(weights)
    shape = a_alpha + n_classes - 1
    gaps = []
    for order in itertools.permutations(range(n_classes)):
        prior = nuts._stick_prior(log_w, np.array(order), a_alpha, b_alpha, np.zeros(n_classes))
        left, size_biased = 1.0, 1.0
        for label in order:
            size_biased *= weights[label] / left
            left -= weights[label]
        expected = np.log(size_biased) - shape * np.log(b_alpha - log_w[order[-1]])
        gaps.append(prior - (expected - log_w.sum()))
    assert np.ptp(gaps) < 1e-10


def test_class_order_moves_sample_the_order_given_the_weights():
    """Run the order moves alone (weights fixed) and compare the share of time spent in
    each order with the exact conditional."""
    rng = np.random.default_rng(5)
    n_classes, n_lists = 4, 1
    log_w = np.log(np.array([0.55, 0.3, 0.12, 0.03]))
    x = np.zeros(n_lists * n_classes + n_classes - 1)
    nuts.sticks_from_weights(log_w, n_lists, x)
    table = pd.DataFrame({"L1": [1], "count": [10]})
    data = nuts.target_data(
        table[["L1"]].to_numpy(), table["count"].to_numpy(), 4, 0.25, 0.25, 1, 1
    )
    orders = list(itertools.permutations(range(n_classes)))
    exact = np.array(
        [nuts._stick_prior(log_w, np.array(o), 0.25, 0.25, np.zeros(n_classes)) for o in orders]
    )
    exact = np.exp(exact - exact.max())
    exact /= exact.sum()
    visits = dict.fromkeys(orders, 0)
    draws = 20_000
    for _ in range(draws):
        nuts.reorder_classes(rng, x, data)
        visits[tuple(data[11])] += 1
    observed = np.array([visits[o] for o in orders]) / draws
    likely = exact > 0.01
    np.testing.assert_allclose(observed[likely], exact[likely], atol=0.02)
    assert observed[~likely].sum() == pytest.approx(exact[~likely].sum(), abs=0.01)


@settings(max_examples=40, deadline=None)
@given(
    q0=st.floats(0.01, 0.995),
    n=st.integers(1, 400),
)
def test_bound_on_the_undocumented_is_the_negative_binomial_cdf(q0, n):
    log_kept, slope = nuts.log_bound_probability(q0, float(n), 20.0 * n)
    expected = stats.nbinom.logcdf(20 * n, n, 1 - q0)
    assert log_kept == pytest.approx(expected, rel=1e-7, abs=1e-12)
    step = 1e-6 * min(q0, 1 - q0)
    high = nuts.log_bound_probability(q0 + step, float(n), 20.0 * n)[0]
    low = nuts.log_bound_probability(q0 - step, float(n), 20.0 * n)[0]
    assert slope == pytest.approx((high - low) / (2 * step), rel=1e-4, abs=1e-9)


@settings(max_examples=50, deadline=None)
@given(
    weights=st.lists(st.floats(1e-200, 1.0), min_size=1, max_size=12),
    n_lists=st.integers(0, 3),
)
def test_stick_logits_and_weights_round_trip(weights, n_lists):
    log_w = np.log(np.asarray(weights) / np.sum(weights))
    x = np.zeros(n_lists * log_w.size + log_w.size - 1)
    nuts.sticks_from_weights(log_w, n_lists, x)
    back = np.empty(log_w.size)
    nuts.stick_weights(x, n_lists, log_w.size, back)
    np.testing.assert_allclose(back, log_w, rtol=1e-9, atol=1e-9)


@settings(max_examples=200, deadline=None)
@given(
    eta=st.floats(-700.0, 700.0),
    total=st.integers(0, 100_000),
    share=st.floats(0.0, 1.0),
)
def test_bernoulli_log_likelihood_is_the_two_log_sigmoids(eta, total, share):
    on = float(int(share * total))
    expected = on * nuts._log_sigmoid(eta) + (total - on) * nuts._log_sigmoid(-eta)
    got = nuts._bernoulli_log_likelihood(on, float(total), eta)
    assert got == pytest.approx(expected, rel=1e-12, abs=1e-9 * (1.0 + total * abs(eta)))


def low_rank_mass_matrix(rng: np.random.Generator, dim: int, rank: int):
    """A mass matrix as NUTS stores it (stds, directions as the first `rank` rows of a
    dim x dim array, their values) and its inverse M^-1 = S (I + U (L - 1) U') S, dense."""
    stds = rng.uniform(0.2, 3.0, dim)
    directions = np.linalg.qr(rng.standard_normal((dim, max(rank, 1))))[0][:, :rank]
    vecs = np.zeros((dim, dim))
    vecs[:rank] = directions.T
    vals = np.ones(dim)
    vals[:rank] = rng.uniform(0.05, 20.0, rank)
    middle = np.eye(dim) + directions @ np.diag(vals[:rank] - 1.0) @ directions.T
    return stds, vecs, vals, np.diag(stds) @ middle @ np.diag(stds)


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 10_000), dim=st.integers(1, 40), share=st.floats(0.0, 1.0))
def test_velocity_is_the_inverse_mass_matrix_times_the_momentum(seed, dim, share):
    rng = np.random.default_rng(seed)
    rank = int(share * dim)
    stds, vecs, vals, inverse = low_rank_mass_matrix(rng, dim, rank)
    p = rng.standard_normal(dim)
    out = np.empty(dim)
    nuts.velocity(p, stds, vecs, vals, rank, out)
    np.testing.assert_allclose(out, inverse @ p, rtol=1e-9, atol=1e-9)


@pytest.mark.parametrize("rank", [0, 2, 5])
def test_momentum_is_drawn_with_the_mass_matrix_as_its_covariance(rank):
    rng = np.random.default_rng(rank)
    dim = 5
    stds, vecs, vals, inverse = low_rank_mass_matrix(rng, dim, rank)
    draws = np.empty((20_000, dim))
    for row in draws:
        nuts.draw_momentum(rng, stds, vecs, vals, rank, row)
    # p' M^-1 p of p ~ N(0, M) is chi-square with dim degrees of freedom; and M^-1 p ~ N(0, M^-1).
    whitened = np.einsum("ni,ij,nj->n", draws, inverse, draws)
    assert stats.kstest(whitened, stats.chi2(dim).cdf).pvalue > 1e-3
    np.testing.assert_allclose(
        np.cov(draws @ inverse, rowvar=False), inverse, atol=0.05 * np.abs(inverse).max()
    )


@pytest.mark.parametrize("q0, n", [(0.3, 50), (0.9, 2), (0.97, 1)])
def test_undocumented_draws_follow_the_truncated_negative_binomial(q0, n):
    rng = np.random.default_rng(2)
    limit = 20 * n
    draws = np.array([nuts.truncated_missing(rng, q0, n, limit) for _ in range(20_000)])
    assert draws.max() <= limit
    support = np.arange(limit + 1)
    pmf = stats.nbinom.pmf(support, n, 1 - q0)
    pmf /= pmf.sum()
    expected = pmf * draws.size
    observed = np.bincount(draws, minlength=limit + 1)
    keep = expected > 10
    chi2 = ((observed[keep] - expected[keep]) ** 2 / expected[keep]).sum()
    assert stats.chi2.sf(chi2, keep.sum() - 1) > 1e-3


def test_auto_takes_nuts_when_the_table_identifies_the_model():
    assert choose_sampler(n_cells=255, n_lists=8, n_classes=10) == "nuts"
    assert choose_sampler(n_cells=63, n_lists=6, n_classes=10) == "collapsed"
    assert choose_sampler(n_cells=15, n_lists=4, n_classes=2) == "nuts"
    assert choose_sampler(n_cells=9, n_lists=4, n_classes=2) == "collapsed"
    # many people: the sweep crawls along N, so the two are raced
    assert choose_sampler(n_cells=63, n_lists=6, n_classes=10, people=70_000) == "nuts"
    assert choose_sampler(n_cells=63, n_lists=6, n_classes=10, people=1_400) == "collapsed"


def test_the_race_takes_the_chains_nearer_agreement_when_neither_agrees():
    def race(nuts, collapsed):
        return pd.DataFrame(
            [("nuts", *nuts), ("collapsed", *collapsed)],
            columns=["sampler", "ess_per_work", "rhat"],
        )

    # the 6-list, 70,000-person table: ESS per work of disagreeing chains is noise
    assert race_winner(race((0.00015, 1.019), (0.00048, 1.819))) == "nuts"
    assert race_winner(race((0.00015, 1.005), (0.00048, 1.004))) == "collapsed"
    assert race_winner(race((0.00015, 1.005), (0.00048, 1.300))) == "nuts"


def test_alpha_draws_follow_their_conditional_given_the_weights():
    """NUTS samples the weights with alpha summed out (checked above), then draws alpha given
    them: Gamma(a + K - 1, b - log pi_last), pi_last the weight in the last stick position."""
    rng = np.random.default_rng(7)
    n_lists, n_classes, a_alpha, b_alpha = 3, 4, 0.25, 0.25
    cells = np.array([[1, 0, 0], [0, 1, 1], [1, 1, 1]])
    data = nuts.target_data(cells, np.array([5, 3, 2]), n_classes, a_alpha, b_alpha, 1.0, 1.0)
    data[11][:] = [2, 0, 3, 1]
    x = rng.normal(size=n_lists * n_classes + n_classes - 1)
    log_w = np.empty(n_classes)
    nuts.stick_weights(x, n_lists, n_classes, log_w)
    draws = np.array([nuts.concentration(rng, x, data) for _ in range(20_000)])
    shape, rate = a_alpha + n_classes - 1, b_alpha - log_w[1]
    assert stats.kstest(draws, stats.gamma(shape, scale=1 / rate).cdf).pvalue > 1e-3
    assert stats.kstest(draws, stats.gamma(shape, scale=1 / (rate + 0.1)).cdf).pvalue < 1e-6


def quantile_error(draws: np.ndarray, q: float) -> float:
    """Monte Carlo standard error of the q-quantile of draws (chains x draws), from the ESS
    of the indicator below it (Vehtari et al. 2021; ArviZ's mcse of a quantile)."""
    indicator = (draws <= np.quantile(draws, q)).astype(float)
    ess = mcmc_diagnostics.ess_basic(indicator)
    low, high = stats.beta.ppf([0.15865525, 0.84134475], ess * q + 1, ess * (1 - q) + 1)
    return float(np.quantile(draws, high) - np.quantile(draws, low)) / 2


def same_quantiles(a: np.ndarray, b: np.ndarray, errors: float = 4.0) -> bool:
    """Whether two samplers' draws of N agree at five quantiles within `errors` Monte Carlo
    standard errors of their difference (and one person: N is whole)."""
    for q in (0.05, 0.25, 0.5, 0.75, 0.95):
        gap = abs(np.quantile(a, q) - np.quantile(b, q))
        if gap > errors * math.hypot(quantile_error(a, q), quantile_error(b, q)) + 1:
            return False
    return True


@pytest.mark.slow
def test_nuts_and_gibbs_share_the_posterior():
    """Of N, K = 3 on a two-class table, so the third class empties and fills. NUTS runs as
    a default fit does, on to R-hat 1.01 and ESS 400 (K held at 3); the collapsed sweep's
    reference is long (4 x 400,000 sweeps). Their quantiles agree within four Monte Carlo
    standard errors, and the reference under another capture prior (Beta(0.5, 1): N 0.5 to
    0.6 posterior sd higher) is told apart. Until 2026-12-06 a fixed 3,000 draws were held
    to 0.2-0.3 sd: NUTS failed on 5 of seeds 13-36 (a chain stuck where a class filled
    after tuning) and the shorter reference's R-hat on 4. Not of alpha: the collapsed
    sweep's alpha mixes too slowly to be a reference (an ESS of alpha of 100 to 500 in
    4 x 400,000 sweeps on this table), so alpha is checked through its two exact pieces,
    the stick prior and the conditional draw."""
    lam = np.array([[0.5, 0.4, 0.45, 0.5, 0.3], [0.1, 0.15, 0.1, 0.12, 0.2]])
    patterns = latent_class_population(3_000, np.array([0.6, 0.4]), lam, seed=11)
    nuts = quiet_fit(LCMCR(K=3, max_K=3, sampler="nuts", chains=4, seed=19), patterns)

    def reference(a_lambda: float) -> LCMCR:
        lengths = dict(burnin=2_000, draws=20_000, thin=20, chains=4, seed=19)
        return quiet_fit(LCMCR(K=3, sampler="collapsed", a_lambda=a_lambda, **lengths), patterns)

    gibbs = reference(1.0)
    assert mcmc_diagnostics.converged(nuts.rhat_, nuts.ess_)
    assert mcmc_diagnostics.converged(gibbs.rhat_, gibbs.ess_)
    assert same_quantiles(nuts.N_draws_, gibbs.N_draws_)
    assert not same_quantiles(nuts.N_draws_, reference(0.5).N_draws_)


@pytest.mark.slow
def test_kosovo_agrees_with_r_lcmcr(kosovo):
    """R's LCMCR, K = 10, several seeds: median 10,400-10,600, 95% interval about
    [9,000-9,250, 13,600-14,800] (the tolerances allow for this run's Monte Carlo error).
    NUTS is not auto's choice here (15 patterns, 49 parameters) and mixes unevenly: at a
    fixed 2,000 draws seeds 1-3 gave R-hat 1.004-1.022, bulk ESS 140-2,166, and seed 1's
    lower bound 8,607 (numba 0.68). So the fit runs on, as a default fit does, to R-hat
    1.01 and ESS 400: seeds 1-2 then read lower 9,013 / 9,036 at ESS 554 / 1,215."""
    model = quiet_fit(LCMCR(K=10, sampler="nuts", seed=1), kosovo)
    summary = model.summary()
    assert 10_150 <= summary.iloc[0]["estimate"] <= 10_850
    assert 8_700 <= summary.iloc[0]["lower"] <= 9_500
    assert 12_900 <= summary.iloc[0]["upper"] <= 15_000
    assert model.rhat_ <= 1.01 and model.ess_ >= 400


@pytest.mark.slow
def test_large_eight_list_table_mixes_in_a_short_run():
    """The table the Gibbs samplers crawl on (documented people spread over classes that
    trade members along ridges): NUTS, chosen by "auto", mixes in 4 x 1,000 draws."""
    centres = np.array([0.25, 0.12, 0.05])
    rng = np.random.default_rng(10_001)
    lam = np.clip(centres[:, None] * rng.uniform(0.7, 1.3, size=(3, 8)), 0.005, 0.95)
    patterns = latent_class_population(100_000, np.array([0.5, 0.35, 0.15]), lam, seed=1)
    model = quiet_fit(LCMCR(K=10, seed=2), patterns)
    assert model.sampler_ == "nuts"
    assert model.rhat_ < 1.01 and model.ess_ > 1_000
    assert model.divergences_.shape == (4,) and model.leapfrog_steps_ > 1
    assert model.summary().iloc[0]["lower"] > model.n_observed_


def test_draws_of_n_respect_the_bound_on_the_undocumented():
    """A tiny table: the posterior of N reaches R's bound n0 <= 20 n, never beyond."""
    patterns = pd.DataFrame({"A": [1, 0, 1], "B": [0, 1, 1], "C": [0, 0, 1], "count": [3, 2, 1]})
    model = quiet_fit(LCMCR(K=2, sampler="nuts", burnin=300, draws=500, seed=1), patterns)
    assert model.N_draws_.max() <= 21 * 6
    assert math.isfinite(model.summary().iloc[0]["estimate"])


def eight_list_patterns(people: int = 20_000) -> pd.DataFrame:
    centres = np.array([0.25, 0.12, 0.05])
    rng = np.random.default_rng(10_001)
    lam = np.clip(centres[:, None] * rng.uniform(0.7, 1.3, size=(3, 8)), 0.005, 0.95)
    return latent_class_population(people, np.array([0.5, 0.35, 0.15]), lam, seed=1)


@pytest.mark.slow
def test_chains_start_where_the_exploring_runs_found_the_most_probable_modes():
    """A cold NUTS fit explores first; each chain starts at one of the end points with the
    highest log posterior, so no chain is spent in a mode far below the best."""
    patterns = eight_list_patterns()
    model = quiet_fit(LCMCR(K=4, seed=3, sampler="nuts", draws=200), patterns)
    starts = model.starts_
    assert len(starts) == lcmcr.EXPLORE_PER_CHAIN * model.chains
    assert (starts["chains"] <= 1).all() and starts["chains"].sum() == model.chains
    chosen = starts.loc[starts["chains"] == 1, "log_density"]
    assert chosen.min() >= starts.loc[starts["chains"] == 0, "log_density"].max()
    assert (starts["work"] > 0).all() and model.work_ > starts["work"].sum()
    again = quiet_fit(LCMCR(K=4, seed=3, sampler="nuts", draws=200), patterns)
    assert np.array_equal(model.N_draws_, again.N_draws_)


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2])
def test_where_the_race_shows_the_truncation_binding_no_full_run_is_spent_on_that_K(
    monkeypatch, seed
):
    """Four classes on 6 lists, K = 2: the race's winner already shows both classes in
    use, so the default run goes on to K = 4 without a full run at K = 2."""
    lam = np.array(
        [[0.8] * 6, [0.1] * 6, [0.7, 0.6, 0.1, 0.1, 0.1, 0.1], [0.1, 0.1, 0.1, 0.6, 0.7, 0.8]]
    )
    patterns = latent_class_population(20_000, np.array([0.2, 0.3, 0.25, 0.25]), lam, seed=seed)
    full_runs = []
    sample = LCMCR._sample

    def counted(self, *arguments, **options):
        if self.draws is None and options.get("resume") is None:  # a run, not its run-on
            full_runs.append(self.K_)  # nor the race's short trials
        return sample(self, *arguments, **options)

    monkeypatch.setattr(LCMCR, "_sample", counted)
    model = quiet_fit(LCMCR(K=2, max_K=4, seed=seed), patterns)
    assert model.grown_from_ == [2] and model.K_ == 4 and full_runs == [4]
    assert model.summary().iloc[0]["model"].startswith("K=4 (grown")
    # the race at K = 2 decided; at K = 4 NUTS runs without another (its trial there would
    # be cold and unsettled), from cold chains (no exploring runs once K grew)
    assert list(model.race_["K"].unique()) == [2] and model.sampler_ == "nuts"
    assert model.starts_ is None


@pytest.mark.slow
def test_a_growth_the_grown_fit_does_not_bear_out_goes_back_to_the_smaller_K(monkeypatch):
    """The race's NUTS trial is 200 draws of cold chains; where it reads the truncation as
    binding (here forced: a one-class table, whose alpha is small) and the fit grown on that
    reading finds, over a first round short of its target (here an ESS it cannot reach),
    that the smaller K does not bind, the fit goes back to the smaller K from the race's
    starts, and spends no full run at the grown K. A first round that meets its target keeps
    the grown K (the same table at the default target)."""
    rng = np.random.default_rng(5)
    patterns = patterns_from_matrix((rng.random((3_000, 8)) < 0.3).astype(int))
    race = LCMCR._race

    def misread(self, table):
        winner, figures, starts = race(self, table)
        figures.loc[figures["sampler"] == "nuts", "truncation_share"] = 0.5
        return "nuts", figures, starts

    full_runs = []
    sample = LCMCR._sample

    def counted(self, *arguments, **options):
        if self.draws is None and options.get("resume") is None:
            full_runs.append((self.K_, options.get("first", False)))
        return sample(self, *arguments, **options)

    monkeypatch.setattr(LCMCR, "_race", misread)
    monkeypatch.setattr(LCMCR, "_sample", counted)
    model = quiet_fit(LCMCR(K=5, max_K=10, seed=4, ess_target=10**6, max_sweeps=2_000), patterns)
    assert model.refuted_ == [10] and model.K_ == 5 and model.grown_from_ == []
    assert full_runs == [(10, True), (5, False)]  # the grown K's first round only
    assert model.sampler_ == "nuts" and model.summary().iloc[0]["model"] == "K=5, nuts"
    assert model.starts_ is not None  # the race's exploring runs place the chains
    assert list(model.race_["K"].unique()) == [5]
    alpha = model.alpha_draws_.ravel()
    assert np.median((alpha / (1 + alpha)) ** 4) <= lcmcr.TRUNCATION_LIMIT
    full_runs.clear()
    kept = quiet_fit(LCMCR(K=5, max_K=10, seed=4), patterns)
    assert kept.rhat_ <= lcmcr.RHAT_LIMIT and kept.ess_ >= lcmcr.ESS_MINIMUM
    assert kept.refuted_ == [] and kept.K_ == 10 and kept.grown_from_ == [5]
    assert full_runs == [(10, True)]  # its first round was the run


@pytest.mark.slow
def test_the_race_does_not_depend_on_the_machine_being_busy(monkeypatch):
    """The same table and seed take the same sampler (and so the same draws) however slow
    one sampler's trial happens to run: the race counts work, not seconds."""
    patterns = eight_list_patterns()
    calm = quiet_fit(LCMCR(K=4, seed=6, draws=100), patterns)
    clock = {"now": 0.0, "step": 1e6}

    def busy_clock():
        # Each reading moves on a tenth as far as the last: the first trial (NUTS) seems
        # a hundred times slower than the second, as on a machine busy only at first.
        clock["now"] += clock["step"]
        clock["step"] /= 10
        return clock["now"]

    monkeypatch.setattr(lcmcr.time, "perf_counter", busy_clock)
    busy = quiet_fit(LCMCR(K=4, seed=6, draws=100), patterns)
    # Whichever rule decides on this seed (ESS per work, or R-hat where neither trial's
    # chains agree), its figures are the calm run's although the seconds are not.
    assert (busy.race_["seconds"] != calm.race_["seconds"]).all()
    for figure in ("work", "ess_per_work", "rhat"):
        assert list(busy.race_[figure]) == list(calm.race_[figure])
    assert busy.sampler_ == calm.sampler_
    assert np.array_equal(busy.N_draws_, calm.N_draws_)
