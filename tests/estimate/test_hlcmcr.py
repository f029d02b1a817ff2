"""HLCMCR, one latent-class model over every stratum: agreement with LCMCR where the two
must agree, draws that add up, the stage and `recount mse --strata` around it."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from test_lcmcr_nuts import same_quantiles
from typer.testing import CliRunner

from recount.cli import app
from recount.estimate import mcmc_diagnostics
from recount.estimate.hlcmcr import HLCMCR
from recount.estimate.lcmcr import ConvergenceWarning
from recount.estimate.mcmc_diagnostics import ess_bulk
from recount.estimate.synthetic import latent_class_population
from recount.estimate.workspace import estimate_persons
from recount.settings import EstimateSettings

pytestmark = pytest.mark.slow  # compiles the hierarchical NUTS kernel (once per machine)


def quiet_fit(model, table):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        return model.fit(table)


def test_one_stratum_with_one_class_matches_lcmcr_exact_posterior(kosovo, single_class_posterior):
    """With one stratum and K = 1 the model is LCMCR's K = 1 model; only the list shift's
    prior is added, which 4,400 people on four lists leave no room for."""
    grid, p = single_class_posterior(kosovo)
    cdf = np.cumsum(p)
    exact = [grid[np.searchsorted(cdf, q)] for q in (0.025, 0.5, 0.975)]
    model = quiet_fit(HLCMCR(K=1, burnin=400, draws=1_500, chains=2, seed=3), kosovo)
    got = np.quantile(model.N_draws_[:, :, 0], [0.025, 0.5, 0.975])
    assert abs(got[1] - exact[1]) < 25
    assert abs(got[0] - exact[0]) < 40 and abs(got[2] - exact[2]) < 40
    assert model.rhat_[0] < 1.01


def _strata_table(seed=4):
    """Three strata of one two-class population: the rare class is seen alike everywhere,
    the lists cover the strata unequally, one stratum is small."""
    lam = np.array([[0.5, 0.4, 0.45, 0.5], [0.08, 0.1, 0.06, 0.1]])
    rows = []
    for name, size, shift in (("A", 6_000, 1.0), ("B", 3_000, 0.8), ("C", 150, 1.2)):
        table = latent_class_population(
            size, np.array([0.7, 0.3]), np.clip(lam * shift, 0, 0.95), seed=seed
        )
        rows.append(table.assign(place=name))
        seed += 1
    return pd.concat(rows, ignore_index=True)


def test_strata_add_up_draw_by_draw_and_small_strata_borrow():
    table = _strata_table()
    model = quiet_fit(
        HLCMCR(strata=("place",), K=3, burnin=300, draws=300, chains=2, seed=1), table
    )
    assert list(model.strata_["place"]) == ["A", "B", "C"]
    np.testing.assert_array_equal(model.total_draws_, model.N_draws_.sum(axis=2))
    summary = model.summary()
    assert list(summary.columns[:2]) == ["place", "method"]
    assert (summary["lower"] >= summary["observed"]).all()
    small = summary.set_index("place").loc["C"]
    assert small["observed"] < small["estimate"] < 4 * small["observed"]
    assert model.interval()[0] <= model.total_draws_.ravel().mean() <= model.interval()[1]


def sweeps_alone(model, table, sweeps=100_000, thin=20, chains=4, seed=0):
    """N per stratum (chains x draws x strata) from the hierarchical model's reference
    sampler: its data-augmentation sweeps alone, no NUTS (`strata_sweeps`), each chain
    started as a default fit's is; the first fifth of each chain dropped."""
    from recount.estimate._lcmcr_nuts import StrataChain, strata_sweeps

    arrays = model._arrays(table)
    priors = (model.K, model.a_alpha, model.b_alpha, model.tau_scale, model.a_lambda)
    draws = []
    for rng in map(np.random.default_rng, np.random.SeedSequence(seed).spawn(chains)):
        chain = StrataChain(rng, *arrays, *priors, model.b_lambda, n_tune=1)
        out = np.empty((sweeps // thin, len(arrays[2]) - 1), dtype=np.int64)
        strata_sweeps(rng, chain.state[0].copy(), chain.data, sweeps, thin, out)
        draws.append(out[len(out) // 5 :])
    return np.stack(draws)


def test_the_default_fit_and_the_sweeps_alone_share_the_posterior():
    """K = 3 on three strata of a two-class population, so a class empties and fills. The
    default fit (NUTS, each draw ending in one sweep, run on to R-hat 1.01 and ESS 400)
    against the sweeps alone, a sampler that shares no code with the density NUTS samples
    (4 x 100,000 sweeps): every stratum's and the total's five quantiles agree within four
    Monte Carlo standard errors, and a fit under another capture prior (Beta(0.5, 1)) is
    told apart. Before the sweep (2026-12-06) one chain in four of a default fit here
    diverged on 10-35% of its draws."""
    table = _strata_table()
    fit = quiet_fit(HLCMCR(strata=("place",), K=3, seed=19), table)
    reference = sweeps_alone(HLCMCR(strata=("place",), K=3), table)
    ours = [*np.moveaxis(fit.N_draws_, 2, 0), fit.total_draws_]
    theirs = [*np.moveaxis(reference, 2, 0), reference.sum(axis=2)]
    for draws in ours + theirs:
        assert mcmc_diagnostics.converged(mcmc_diagnostics.rhat(draws), ess_bulk(draws))
    for a, b in zip(ours, theirs, strict=True):
        assert same_quantiles(a, b)
    other = quiet_fit(HLCMCR(strata=("place",), K=3, seed=19, a_lambda=0.5), table)
    others = [*np.moveaxis(other.N_draws_, 2, 0), other.total_draws_]
    assert not all(same_quantiles(a, b) for a, b in zip(others, theirs, strict=True))


def _twenty_strata_table():
    """Twenty strata of 2,000 people from one two-class population, each stratum's class
    weights drawn around (0.7, 0.3) (0.5 on the log scale): strata that pin their own
    weights, and so the shared weights through them."""
    rng = np.random.default_rng(0)
    lam = np.array([[0.5, 0.4, 0.45], [0.1, 0.08, 0.12]])
    rows = []
    for s in range(20):
        logit = np.log([0.7, 0.3]) + 0.5 * rng.standard_normal(2)
        weights = np.exp(logit) / np.exp(logit).sum()
        table = latent_class_population(2_000, weights, lam, seed=100 + s)
        rows.append(table.assign(place=f"S{s:02d}"))
    return pd.concat(rows, ignore_index=True)


def test_the_layout_moves_leave_shared_weights_the_single_site_sweeps_stay_stuck_on():
    """Start where every stratum's own class weights fit (log beta + tau z_s as a chain
    placed them) but the shared weights beta are 0.05 for the class the strata give more
    weight and 0.95 for the other, the strata's z carrying the difference. The sweeps alone move beta with z held, so every large stratum's weights
    with it: in 200 sweeps that class's beta stays below 0.15 and tau, stretched to carry
    z, above 1.
    With the layout's moves (beta moved with the strata's weights held) beta is back among
    the strata's weights and tau near the strata's spread within those sweeps."""
    from recount.estimate._lcmcr_nuts import (
        StrataChain,
        stick_weights,
        sticks_from_weights,
        strata_sweeps,
    )

    cells, counts, starts, active = HLCMCR(strata=("place",), K=2)._arrays(_twenty_strata_table())
    chain = StrataChain(
        np.random.default_rng(5), cells, counts, starts, active, 2, 0.25, 0.25, 1.0, 1.0, 1.0, 1
    )
    start, data = chain.state[0].copy(), chain.data
    n_lists, tau_at, z = 3, 3 * 2 + 1, slice(3 * 2 + 3, 3 * 2 + 3 + 20 * 2)
    log_beta = np.empty(2)
    stick_weights(start, n_lists, 2, log_beta)
    tau = np.exp(start[tau_at])
    strata_weights = log_beta + tau * start[z].reshape(20, 2)
    large = int(np.argmax(log_beta))
    off = np.log([0.95, 0.95])
    off[large] = np.log(0.05)
    sticks_from_weights(off, n_lists, start)
    start[z] = ((strata_weights - off) / tau).ravel()
    out = np.empty((1, 20), dtype=np.int64)
    for layout, seed in ((False, 0), (False, 1), (True, 0), (True, 1)):
        x = start.copy()
        strata_sweeps(np.random.default_rng(seed), x, data, 200, 200, out, layout)
        stick_weights(x, n_lists, 2, log_beta)
        beta, tau = np.exp(log_beta[large]), np.exp(x[tau_at])
        if layout:
            assert 0.3 < beta < 0.8 and tau < 0.6
        else:
            assert beta < 0.15 and tau > 1.0


def test_each_draw_records_the_log_density_where_the_chain_stands():
    """`log_density_draws_` is what tells chains in modes apart: draw by draw it is the
    model's density at the chain's position, and chains of one mode agree on it."""
    from recount.estimate._lcmcr_nuts import StrataChain, strata_log_posterior

    model = HLCMCR(strata=("place",), K=3)
    cells, counts, starts, active = model._arrays(_strata_table())
    chain = StrataChain(
        np.random.default_rng(5), cells, counts, starts, active, 3, 0.25, 0.25, 1.0, 1.0, 1.0, 50
    )
    for draw in range(50, 55):
        *_, stats = chain.advance(draw, 1) if draw > 50 else chain.advance(0, 51)
        position = chain.state[0]
        here = strata_log_posterior(position, np.empty_like(position), chain.data)
        assert stats[-1, 4] == pytest.approx(here, rel=1e-12)
    fitted = quiet_fit(
        HLCMCR(strata=("place",), K=3, burnin=300, draws=300, chains=2, seed=1), _strata_table()
    )
    assert fitted.log_density_draws_.shape == (2, 300)
    means = fitted.log_density_draws_.mean(axis=1)
    assert abs(means[0] - means[1]) < 3 * fitted.log_density_draws_.std(axis=1).max()


def test_the_default_runs_on_until_every_stratum_and_the_total_have_mixed():
    """Draws left unset: LCMCR's run-on rule over every stratum's N and the total. Whether
    2 chains of K = 5 mix in the first run, or within a cap, is each seed's luck (seeds
    1-6, two versions of the sweeps' random stream: none to four rounds of running on, a
    few stopped apart or at a cap), so this asserts the rule, which holds on all: rounds
    double the draws kept, and the run stops only where every quantity has mixed, or its
    chains have mixed apart, or at the cap, the last two said in the warning."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ConvergenceWarning)
        model = HLCMCR(strata=("place",), K=5, chains=2, seed=6, max_sweeps=9_000)
        model.fit(_strata_table())
    rounds = len(model.rhat_path_) - 1  # each doubles the 1,000 draws kept
    assert model.sweeps_ == min(1_000 + 1_000 * 2**rounds, 9_000)
    quantities = [*np.moveaxis(model.N_draws_, 2, 0), model.total_draws_]
    rhats = [*model.rhat_, model.total_rhat_]
    esses = [*model.ess_, model.total_ess_]
    mixed = [r <= 1.01 and e >= 400 for r, e in zip(rhats, esses, strict=True)]
    apart = [min(ess_bulk(chain[None, :]) for chain in q) >= 400 for q in quantities]
    said = " ".join(str(w.message) for w in caught)
    if model.short_:
        assert model.sweeps_ == 9_000 and "cap of 9,000" in said
    else:
        assert all(m or a for m, a in zip(mixed, apart, strict=True))
        assert all(mixed) == (said == "") and ("modes apart" in said) == (not all(mixed))


def test_running_on_stops_at_its_cap_says_so_and_gives_one_longer_run():
    settings = dict(strata=("place",), K=3, burnin=100, chains=2, seed=2)
    with pytest.warns(ConvergenceWarning, match="cap of 140 iterations"):
        capped = HLCMCR(draws=10, ess_target=400, max_sweeps=140, **settings).fit(_strata_table())
    assert capped.sweeps_ == 140 and capped.short_ and len(capped.rhat_path_) == 3
    one_run = quiet_fit(HLCMCR(draws=40, **settings), _strata_table())
    np.testing.assert_array_equal(capped.N_draws_, one_run.N_draws_)


def test_the_stage_reports_hlcmcr_levels_from_one_posterior(stratified_persons):
    persons, _ = stratified_persons
    section = {
        "strata": ["governorate", "year"],
        "methods": ["hlcmcr", "loglinear"],
        "K": 3,
        "chains": 2,
        "draws": 200,
        "hlcmcr": {"burnin": 200, "draws": 200},
    }
    estimates, draws = estimate_persons(persons, EstimateSettings.parse(section))
    rows = estimates[estimates["method"] == "hlcmcr"]
    strata = rows[rows["level"] == "stratum"]
    assert (strata["status"] == "ok").all()  # sparse strata borrow: none is left out
    assert len(strata) == 6 and rows["level"].str.endswith("_pooled").sum() == 0
    own = draws[draws["method"] == "hlcmcr"].pivot(index="draw", columns="stratum_key", values="n")
    total = rows[rows["level"] == "total"].iloc[0]
    assert total["estimate"] == pytest.approx(np.median(own.sum(axis=1)), abs=1)
    assert pd.isna(total["flag"]) or "includes_not_estimable" not in total["flag"]
    assert total["rhat"] > 0.9 and total["ess"] > 0  # the total's own diagnostics
    preferred = estimates[estimates["preferred"] & (estimates["level"] == "total")]
    assert list(preferred["method"]) == ["hlcmcr"]


def test_mse_on_a_stratified_table(tmp_path):
    table = _strata_table()
    table = table.groupby(["place", "L1", "L2", "L3", "L4"], as_index=False)["count"].sum()
    text = table.astype({c: bool for c in ("L1", "L2", "L3", "L4")})
    path = tmp_path / "strata.csv"
    text.to_csv(path, index=False)  # list columns as True/False
    out = tmp_path / "out.csv"
    args = ["mse", str(path), "--strata", "place", "-m", "loglinear", "-m", "hlcmcr"]
    result = CliRunner().invoke(
        app, [*args, "--K", "3", "--burnin", "200", "--draws", "200", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    written = pd.read_csv(out)
    assert list(written.columns) == [
        "place", "method", "estimate", "lower", "upper", "seconds", "ess", "rhat",
        "model", "status", "reason", "flag",
    ]  # fmt: skip
    assert len(written) == 6 and set(written["method"]) == {"loglinear", "hlcmcr"}
    hier = written[written["method"] == "hlcmcr"]
    assert hier["ess"].notna().all() and hier["rhat"].notna().all()
    assert written.loc[written["method"] == "loglinear", "rhat"].isna().all()


def test_tuning_draws_stop_at_depth_7():
    """Tuning draws are discarded, and the first ones, at a first-guess step size and mass
    matrix, ran to depth 10 (255 to 1,023 leapfrog steps each on this table): they now stop
    at 127 steps, and the kept draws may still go deeper."""
    from recount.estimate._lcmcr_nuts import MAX_DEPTH, TUNING_MAX_DEPTH, StrataChain

    assert TUNING_MAX_DEPTH == 7 < MAX_DEPTH
    cells, counts, starts, active = HLCMCR(strata=("place",), K=3)._arrays(_strata_table())
    for seed in range(2):
        chain = StrataChain(
            np.random.default_rng(seed), cells, counts, starts, active, 3, 0.25, 0.25, 1.0,
            1.0, 1.0, 30,
        )  # fmt: skip
        chain.advance(0, 30)
        assert chain.tuning_steps.max() == 2**TUNING_MAX_DEPTH - 1  # the cap binds
