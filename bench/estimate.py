"""LCMCR benchmarks: effective samples of N per second, a stratified run, interval coverage.

Prints one JSON line per measurement:

- `lcmcr_8_lists`: 8 lists, 500,000 people (about 360,000 documented), K = 10.
  recount's default (sampler "auto", which takes NUTS on this table), its collapsed
  Gibbs sweep, and R's LCMCR sweep (re-implemented as `sampler="augmented"`, same
  kernels, run with R's settings: 10,000 burn-in, 10,000 draws) in the same run;
  ESS of N per second, burn-in (NUTS: tuning) included.
- `lcmcr_samplers`: NUTS and the collapsed Gibbs sweep on 7- and 8-list tables of several
  sizes and kinds, with the sampler `"auto"` takes for each.
- `lcmcr_strata`: 14 governorates x 10 years = 140 strata, 6 lists, fitted in a
  process pool (one process per core, one thread each); wall time, ESS of N per
  stratum, and coverage of the truth.
- `lcmcr_simulator_strata` (`--only simulator_strata`): the same run on the governorate x
  year strata of recount.simulate's Syria-like conflict (200,000 people, 6 lists), from
  the true people's capture histories.
- `lcmcr_coverage`: coverage of 95% intervals and median relative error over
  replicates, when LCMCR's model holds and when it does not.
- `rhat_noise` (only with `--only rhat_noise`): how often chains that have mixed still
  miss #15's per-stratum bar (R-hat <= 1.01, bulk ESS >= 400) by the diagnostics' noise,
  by iterations per effective draw; no sampler runs.
- `lcmcr_vs_r` (only with `--only r_peer`; needs R with the LCMCR and coda packages):
  the 8-list tables fitted by R's LCMCR itself (bench/lcmcr_peer.R; 3 chains with R's
  settings, one after the other) and by recount's default on one core, ESS of N by
  recount's rank-normalised bulk ESS and by coda's effectiveSize (the figure R users
  quote) for both.

    .venv/bin/python bench/estimate.py
        [--only 8_lists,samplers,strata,simulator_strata,coverage,r_peer,rhat_noise]
        [--replicates 20] [--ess-target 1000 --max-sweeps 50000]
        [--populations latent_class,hard_to_reach,...]  (r_peer's 8-list tables)
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import tempfile
import time
import warnings
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
import pandas as pd

from recount.estimate import mcmc_diagnostics, synthetic
from recount.estimate.lcmcr import LCMCR, ConvergenceWarning, choose_sampler
from recount.estimate.patterns import COUNT, LIST_PREFIX, capture_histories
from recount.estimate.strata import sparsity_reason, usable_patterns
from recount.settings import EstimateSettings
from recount.simulate import simulate

MACHINE = {"cores": os.cpu_count(), "machine": "2-core, 24 GB"}


def emit(name: str, **figures) -> None:
    load = os.getloadavg()[0]
    print(json.dumps({"bench": name, **figures, "load_average": round(load, 2), **MACHINE}))


def fit_quietly(model: LCMCR, patterns: pd.DataFrame) -> LCMCR:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        return model.fit(patterns)


def describe(model: LCMCR, truth: int) -> dict:
    row = model.summary().iloc[0]
    return {
        "seconds": round(model.seconds_, 2),
        "ess": round(model.ess_, 1),
        "ess_tail": round(model.ess_tail_, 1),
        "ess_per_second": round(model.ess_ / model.seconds_, 2),
        "rhat": round(model.rhat_, 3),
        "estimate": row["estimate"],
        "lower": row["lower"],
        "upper": row["upper"],
        "covers_truth": bool(row["lower"] <= truth <= row["upper"]),
    }


def opposed_coverage_population(size: int, n_lists: int, seed: int) -> pd.DataFrame:
    """Strong heterogeneity of another kind than recount.simulate's or the latent classes':
    where a person died (u from 0, the capital, to 1, the remotest district) pulls the
    lists apart (half reach the capital, half the periphery: log-odds slopes from -4 to 4,
    so lists depend negatively), while a heavy-tailed visibility (Student t, 3 d.f.,
    scale 1.2: a few people on every list, many on none) is shared by all of them."""
    rng = np.random.default_rng(seed)
    slopes = rng.permutation(np.linspace(-4.0, 4.0, n_lists))
    base = rng.uniform(-2.2, -1.2, size=n_lists)
    place = rng.random(size)[:, None] - 0.5
    visibility = 1.2 * rng.standard_t(3, size=size)[:, None]
    logits = base[None, :] + slopes[None, :] * place + visibility
    captures = rng.random(logits.shape) < 1.0 / (1.0 + np.exp(-logits))
    return synthetic.patterns_from_matrix(captures)


EIGHT_LIST_TABLES = {
    "latent_class": lambda truth: synthetic.lcmcr_benchmark_population(truth, 8, seed=1),
    "continuous_heterogeneity": lambda truth: synthetic.continuous_heterogeneity_population(
        truth, 8, seed=12
    ),
    "dependent_and_hard_to_reach": lambda truth: synthetic.dependent_hard_to_reach_population(
        truth, 8, seed=3
    ),
    # Strongly heterogeneous: a fifth of the people on each list with probability 0.02
    # against 0.3 for the rest (most of them never documented).
    "hard_to_reach": lambda truth: synthetic.hard_to_reach_population(truth, 8, seed=13),
    # Rasch heterogeneity twice as spread (log-odds sd 3): propensities from near 0 to near 1.
    "wide_continuous_heterogeneity": lambda truth: synthetic.continuous_heterogeneity_population(
        truth, 8, seed=14, spread=3.0
    ),
    # Not shaped like any generator above or recount.simulate: lists that cover places in
    # opposite directions and a heavy-tailed visibility they share (2026-12-06, note 88).
    "opposed_coverage": lambda truth: opposed_coverage_population(truth, 8, seed=15),
}


def eight_list_table(population: str, truth: int = 500_000) -> pd.DataFrame:
    return EIGHT_LIST_TABLES[population](truth)


def bench_8_lists(population: str) -> None:
    """recount's default (NUTS here) and its Gibbs sweeps in the same run, each on both cores."""
    truth = 500_000
    patterns = eight_list_table(population, truth)
    documented = int(patterns["count"].sum())
    # Compile (or load the numba cache) outside the timings.
    for sampler in ("nuts", "collapsed", "augmented"):
        fit_quietly(LCMCR(K=10, sampler=sampler, burnin=5, draws=5, chains=1), patterns)
    runs = {
        "recount": LCMCR(K=10),
        "collapsed_gibbs": LCMCR(K=10, sampler="collapsed", burnin=2_000, draws=8_000, thin=1),
        "r_sweep_replica": LCMCR(
            K=10, sampler="augmented", burnin=10_000, draws=10_000, thin=1, chains=2
        ),
    }
    figures = {}
    for name, model in runs.items():
        fitted = fit_quietly(model, patterns)
        figures[name] = describe(fitted, truth) | {
            "sampler": fitted.sampler_,
            "chains": fitted.chains,
            "iterations_per_chain": fitted.sweeps_,
        }
        if fitted.sampler_ == "nuts":
            figures[name] |= {
                "divergences": int(fitted.divergences_.sum()),
                "leapfrog_steps": round(fitted.leapfrog_steps_, 1),
            }
    emit(
        "lcmcr_8_lists",
        population=population,
        truth=truth,
        documented=documented,
        **figures,
        ess_per_second_ratio_to_r_sweep=round(
            figures["recount"]["ess_per_second"]
            / max(figures["r_sweep_replica"]["ess_per_second"], 1e-9),
            1,
        ),
    )


PEER_SCRIPT = Path(__file__).with_name("lcmcr_peer.R")
R_SETTINGS = {"burnin": 10_000, "samples": 10_000, "thinning": 1, "K": 10}


def run_peer(*arguments) -> dict:
    done = subprocess.run(
        ["Rscript", str(PEER_SCRIPT), *map(str, arguments)], capture_output=True, text=True
    )
    if done.returncode != 0:
        raise SystemExit(f"bench/lcmcr_peer.R failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout)


def chain_summary(
    draws: list[np.ndarray], seconds: float, coda: list[float], cpu_seconds: float
) -> dict:
    stacked = np.stack(draws)
    bulk = mcmc_diagnostics.ess_bulk(stacked)
    return {
        "chains": len(draws),
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu_seconds, 2),
        "bulk_ess": round(bulk, 1),
        "bulk_ess_per_chain": [round(mcmc_diagnostics.ess_bulk(d[None, :]), 1) for d in draws],
        "bulk_ess_per_second": round(bulk / seconds, 2),
        "bulk_ess_per_cpu_second": round(bulk / cpu_seconds, 2),
        "coda_ess_per_chain": [round(c, 1) for c in coda],
        "coda_ess_per_second": round(sum(coda) / seconds, 2),
        "rhat": round(mcmc_diagnostics.rhat(stacked), 3),
        "median": float(np.median(stacked)),
    }


def bench_against_r(population: str, seeds=(1, 2, 3)) -> None:
    """R's LCMCR (its settings, one chain at a time) against recount's default on one core
    (n_jobs=1: its 4 chains one after the other), ESS of N measured both ways."""
    patterns = eight_list_table(population)
    for sampler in ("nuts", "collapsed"):  # compile (or load the cache) outside the timings
        fit_quietly(LCMCR(K=10, sampler=sampler, burnin=5, draws=5, chains=1), patterns)
    settings = R_SETTINGS
    r_draws, r_coda = [], []
    r_seconds = r_setup = r_cpu = 0.0
    with tempfile.TemporaryDirectory() as folder:
        table = Path(folder) / "patterns.csv"
        patterns.to_csv(table, index=False)
        for seed in seeds:
            out = Path(folder) / f"r_{seed}.csv"
            figures = run_peer(table, out, seed, *settings.values())
            r_draws.append(pd.read_csv(out)["N"].to_numpy())
            r_coda.append(figures["coda_ess"])
            r_seconds += figures["seconds_sampling"]
            r_cpu += figures["cpu_seconds_sampling"]
            r_setup += figures["seconds_setup"]
        cpu = time.process_time()
        model = fit_quietly(LCMCR(K=settings["K"], seed=1, n_jobs=1), patterns)
        cpu = time.process_time() - cpu
        ours_coda = []
        for c, chain in enumerate(model.N_draws_):
            mine = Path(folder) / f"recount_{c}.csv"
            pd.DataFrame({"N": chain}).to_csv(mine, index=False)
            ours_coda.append(run_peer("--coda", mine)["coda_ess"])
    r_figures = chain_summary(r_draws, r_seconds, r_coda, r_cpu)
    r_figures["seconds_setup_excluded"] = round(r_setup, 2)
    our_figures = chain_summary(list(model.N_draws_), model.seconds_, ours_coda, cpu)
    our_figures |= {
        "sampler": model.sampler_,
        "K": model.K_,
        "grown_from": model.grown_from_,
        "refuted": model.refuted_,
        "truncation_share": round(model.truncation_share_, 3),
        "iterations_per_chain": model.sweeps_,
    }
    if model.race_ is not None:
        our_figures["race"] = model.race_.round(3).to_dict("records")
    emit(
        "lcmcr_vs_r",
        population=population,
        documented=int(patterns["count"].sum()),
        r_settings_per_chain=settings,
        r_lcmcr=r_figures,
        recount=our_figures,
        ratio_bulk_ess_per_second=round(
            our_figures["bulk_ess_per_second"] / r_figures["bulk_ess_per_second"], 1
        ),
        ratio_bulk_ess_per_cpu_second=round(
            our_figures["bulk_ess_per_cpu_second"] / r_figures["bulk_ess_per_cpu_second"], 1
        ),
        ratio_coda_ess_per_second=round(
            our_figures["coda_ess_per_second"] / r_figures["coda_ess_per_second"], 1
        ),
    )


def syria_like_strata(seed: int = 5) -> list[tuple[str, int, int, pd.DataFrame]]:
    """14 x 10 strata, 6 lists; true sizes log-normal (median about 1,000, 30 to 30,000);
    two latent classes per stratum, a well-documented majority and a rarely seen group."""
    rng = np.random.default_rng(seed)
    strata = []
    for governorate in range(14):
        list_rates = rng.uniform(0.15, 0.55, size=6)
        for year in range(2011, 2021):
            size = int(np.clip(rng.lognormal(np.log(1_000), 1.1), 30, 30_000))
            visible = np.clip(list_rates * rng.uniform(0.7, 1.3, size=6), 0.02, 0.9)
            hidden = visible * rng.uniform(0.1, 0.3)
            weights = np.array([0.75, 0.25])
            patterns = synthetic.latent_class_population(
                size, weights, np.vstack([visible, hidden]), seed=int(rng.integers(1 << 31))
            )
            strata.append((f"G{governorate:02d}", year, size, patterns))
    return strata


def fit_stratum(job: tuple[str, int, int, pd.DataFrame, dict]) -> dict:
    governorate, year, truth, patterns, settings = job
    model = fit_quietly(LCMCR(n_jobs=1, **settings), patterns)
    row = model.summary().iloc[0]
    return {
        "governorate": governorate,
        "year": year,
        "truth": truth,
        "documented": model.n_observed_,
        "estimate": row["estimate"],
        "lower": row["lower"],
        "upper": row["upper"],
        "ess": model.ess_,
        "rhat": model.rhat_,
        "seconds": model.seconds_,
        "sweeps": model.sweeps_,
    }


def simulator_strata(
    people: int = 200_000, seed: int = 3
) -> list[tuple[str, int, int, pd.DataFrame]]:
    """Governorate x year strata of recount.simulate's conflict (6 lists; household
    reporting, shared informant networks, copying between lists, a hard-to-reach group),
    from the true people's capture histories; strata the estimate stage would call too
    sparse are left out, as it leaves them out."""
    strata = ["governorate", "year"]
    with tempfile.TemporaryDirectory() as folder:
        simulate(folder, people=people, sources=6, seed=seed)
        persons = pd.read_csv(
            Path(folder) / "truth" / "persons.csv",
            usecols=lambda column: column in strata or column.startswith(LIST_PREFIX),
        )
    sizes = persons.groupby(strata).size()
    histories = capture_histories(persons, strata)
    chosen = []
    for (governorate, year), table in histories.groupby(strata):
        patterns = usable_patterns(table.drop(columns=strata).reset_index(drop=True))
        if sparsity_reason(patterns, EstimateSettings.min_records) is None:
            size = int(sizes.loc[(governorate, year)])
            chosen.append((governorate, int(year), size, patterns))
    return chosen


# The hierarchical model's worlds: tuned on seed 3; 101 and 102 were read in round 12's
# diagnosis (note 87), round 13 held out 103-105, run once (note 96); round 14 holds out
# 106-108 for the capture prior (note 104). 1801-1805 are the held-out acceptance world
# `reached` (its hard-to-reach group rare on lists but seen; note 115), fixed before any
# stratified estimate ran on it and run once with the product default (note 127); a change
# to the method is developed on other `reached` seeds (1851 on) and scored on fresh ones.
HIERARCHICAL_WORLDS = {
    "tuning_seed_3": {"seed": 3},
    "held_out_seed_101": {"seed": 101},
    "held_out_seed_102_low_coverage": {"seed": 102, "coverage": 0.55},
    "held_out_seed_103": {"seed": 103},
    "held_out_seed_104_dependent": {"seed": 104, "regime": "dependent"},
    "held_out_seed_105_small_lists": {"seed": 105, "regime": "small_lists"},
    "held_out_seed_106": {"seed": 106},
    "held_out_seed_107_dependent": {"seed": 107, "regime": "dependent"},
    "held_out_seed_108_small_lists": {"seed": 108, "regime": "small_lists"},
    **{
        f"held_out_seed_{seed}_reached": {"seed": seed, "regime": "reached"}
        for seed in range(1801, 1806)
    },
}


def simulator_table(people: int, **world) -> tuple[pd.DataFrame, pd.DataFrame]:
    """recount.simulate's governorate x year capture histories of the true people (every
    stratum, however small, as `recount mse --strata` reads them) and the true sizes."""
    strata = ["governorate", "year"]
    with tempfile.TemporaryDirectory() as folder:
        simulate(folder, people=people, sources=6, **world)
        persons = pd.read_csv(
            Path(folder) / "truth" / "persons.csv",
            usecols=lambda column: column in strata or column.startswith(LIST_PREFIX),
        )
    persons["governorate"] = persons["governorate"].astype("string")
    truth = persons.groupby(strata, dropna=False).size().rename("truth").reset_index()
    return capture_histories(persons, strata), truth


def bench_hierarchical(
    people: int,
    methods: list[str],
    settings: dict,
    workers: int,
    worlds: list[str],
    K: int | None = None,
) -> None:
    """`recount mse --strata governorate,year` (its Python path) on the simulator's strata:
    coverage and bias of the stratum truths, the total, diagnostics, time. `K`, the
    [estimate] key, when given (default: the stage's)."""
    from recount.estimate.mse import estimate_stratified
    from recount.settings.estimate import EstimateSettings, HlcmcrSettings

    strata = ["governorate", "year"]
    classes = {} if K is None else {"K": K}
    for world in worlds:
        options = HIERARCHICAL_WORLDS[world]
        table, truth = simulator_table(people, **options)
        hlcmcr = HlcmcrSettings().with_overrides(**settings)
        estimate_options = EstimateSettings(methods=tuple(methods), hlcmcr=hlcmcr, **classes)
        started, cpu = time.perf_counter(), time.process_time()
        rows = estimate_stratified(table, strata, estimate_options, workers)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        rows["governorate"] = rows["governorate"].astype("string")
        totals = rows.attrs.get("totals", {})
        rows = rows.merge(truth, on=strata, how="left")
        for method, group in rows.groupby("method", sort=False):
            ok = group[group["status"] == "ok"]
            covered = (ok["lower"] <= ok["truth"]) & (ok["truth"] <= ok["upper"])
            error = (ok["estimate"] - ok["truth"]) / ok["truth"]
            figures = {
                "strata": len(group),
                "strata_estimated": len(ok),
                "coverage_95": round(float(covered.mean()), 3),
                "median_relative_error": round(float(error.median()), 3),
                "median_absolute_relative_error": round(float(error.abs().median()), 3),
                "rhat_max": round(float(ok["rhat"].max()), 3),
                "strata_rhat_over_1_01": int((ok["rhat"] > 1.01).sum()),
                "ess_min": round(float(ok["ess"].min()), 1),
                "strata_ess_under_400": int((ok["ess"] < 400).sum()),
                "documented_total": int(table[COUNT].sum()),
                "truth_total": int(truth["truth"].sum()),
            }
            total = totals.get(method)
            if total is not None:
                figures["total"] = {
                    k: round(float(total[k]), 3)
                    for k in ("estimate", "lower", "upper", "rhat", "ess")
                }
                figures["total_covered"] = bool(
                    total["lower"] <= figures["truth_total"] <= total["upper"]
                )
            emit(
                "hierarchical_strata",
                world=world,
                method=method,
                settings=settings | classes if method == "hlcmcr" else {},
                wall_seconds_all_methods=round(seconds, 1),
                cpu_seconds_main_process=round(cpu, 1),
                **figures,
            )


def bench_rhat_noise(quantities: int = 155, replicates: int = 1_000, seed: int = 7) -> None:
    """#15's bar asks every stratum's N and the total (155 quantities on the simulator's
    strata) for R-hat <= 1.01 and bulk ESS >= 400. How often does a sampler that has mixed
    miss it by the diagnostics' own noise? Chains that start in the posterior and move as
    AR(1) series with integrated autocorrelation time `tau` (iterations per effective draw),
    as many as the stage runs (EstimateSettings.chains) for 1,000 and 2,000 kept draws (the
    first round and the cap): the share of quantities over R-hat 1.01 or under ESS 400, by
    recount's own diagnostics, and the chance that all `quantities` pass."""
    from scipy.signal import lfilter

    rng = np.random.default_rng(seed)
    chains = EstimateSettings.chains
    for draws in (1_000, 2_000):
        for tau in (2, 4, 6, 7, 8, 10, 15, 20):
            phi = (tau - 1) / (tau + 1)  # AR(1) with (1 + phi) / (1 - phi) = tau
            noise = rng.standard_normal((replicates, chains, draws))
            scale = np.sqrt(1 - phi * phi)
            noise[:, :, 0] /= scale  # the first draw from the stationary law
            series = lfilter([scale], [1.0, -phi], noise, axis=-1)
            rhat = np.array([mcmc_diagnostics.rhat(s) for s in series])
            ess = np.array([mcmc_diagnostics.ess_bulk(s) for s in series])
            short = float(((rhat > 1.01) | (ess < 400)).mean())
            emit(
                "rhat_noise",
                chains=chains,
                draws_per_chain=draws,
                tau=tau,
                true_ess=round(chains * draws / tau),
                replicates=replicates,
                share_rhat_over_1_01=round(float((rhat > 1.01).mean()), 4),
                share_ess_under_400=round(float((ess < 400).mean()), 4),
                expected_short_of=[quantities, round(quantities * short, 1)],
                chance_all_pass=round((1 - short) ** quantities, 3),
            )


def bench_strata(
    workers: int,
    ess_target: float | None,
    max_sweeps: int,
    strata: list[tuple[str, int, int, pd.DataFrame]],
    name: str = "lcmcr_strata",
) -> None:
    if ess_target is None:
        settings = {"K": 10, "burnin": 1_000, "draws": 2_500, "thin": 10, "chains": 4}
    else:
        # Short first runs, extended stratum by stratum until the target or max_sweeps.
        settings = {"K": 10, "burnin": 1_000, "draws": 1_000, "thin": 5, "chains": 4}
        settings |= {"ess_target": ess_target, "max_sweeps": max_sweeps}
    jobs = [(g, y, size, patterns, settings) for g, y, size, patterns in strata]
    # Largest tables first, one at a time: extended strata then do not end up last.
    jobs.sort(key=lambda job: -int(job[3][COUNT].sum()))
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        rows = pd.DataFrame(list(pool.map(fit_stratum, jobs)))
    seconds = time.perf_counter() - started
    covered = (rows["lower"] <= rows["truth"]) & (rows["truth"] <= rows["upper"])
    emit(
        name,
        strata=len(rows),
        lists=sorted({patterns.shape[1] - 1 for *_, patterns in strata}),
        settings=settings,
        workers=workers,
        wall_seconds=round(seconds, 1),
        ess_min=round(rows["ess"].min(), 1),
        ess_median=round(rows["ess"].median(), 1),
        strata_ess_at_least_1000=int((rows["ess"] >= 1_000).sum()),
        rhat_max=round(rows["rhat"].max(), 3),
        strata_rhat_over_1_01=int((rows["rhat"] > 1.01).sum()),
        sweeps_per_chain_median=int(rows["sweeps"].median()),
        sweeps_per_chain_max=int(rows["sweeps"].max()),
        coverage_95=round(covered.mean(), 3),
        median_relative_error=round(
            ((rows["estimate"] - rows["truth"]) / rows["truth"]).median(), 3
        ),
        documented_total=int(rows["documented"].sum()),
        truth_total=int(rows["truth"].sum()),
    )


def sampler_tables() -> dict[str, pd.DataFrame]:
    """7- and 8-list tables of several sizes and kinds, for the choice `"auto"` makes."""
    return {
        "latent_class_8_lists_5k": synthetic.lcmcr_benchmark_population(5_000, 8, seed=10),
        "latent_class_8_lists_20k": synthetic.lcmcr_benchmark_population(20_000, 8, seed=4),
        "latent_class_8_lists_100k": synthetic.lcmcr_benchmark_population(100_000, 8, seed=5),
        "latent_class_7_lists_50k": synthetic.lcmcr_benchmark_population(50_000, 7, seed=6),
        "dependent_8_lists_50k": synthetic.dependent_lists_population(50_000, 8, seed=7),
        "hard_to_reach_8_lists_50k": synthetic.hard_to_reach_population(50_000, 8, seed=8),
        "dependent_hard_to_reach_7_lists_30k": synthetic.dependent_hard_to_reach_population(
            30_000, 7, seed=9
        ),
    }


def bench_samplers() -> None:
    """NUTS and the collapsed Gibbs sweep on the same tables, both cores each."""
    for name, patterns in sampler_tables().items():
        lists = patterns.shape[1] - 1
        figures = {}
        for sampler, lengths in (
            ("nuts", {}),
            ("collapsed", {"burnin": 2_000, "draws": 8_000, "thin": 1}),
        ):
            model = fit_quietly(LCMCR(K=10, sampler=sampler, seed=1, **lengths), patterns)
            row = model.summary().iloc[0]
            figures[sampler] = {
                "seconds": round(model.seconds_, 1),
                "ess": round(model.ess_, 1),
                "ess_per_second": round(model.ess_ / model.seconds_, 1),
                "rhat": round(model.rhat_, 3),
                "median": row["estimate"],
                "lower": row["lower"],
                "upper": row["upper"],
            }
        emit(
            "lcmcr_samplers",
            table=name,
            documented=int(patterns["count"].sum()),
            patterns=len(patterns),
            auto_takes=choose_sampler(len(patterns), lists, 10),
            **figures,
        )


SCENARIOS = {
    "model_holds": lambda seed: synthetic.latent_class_population(
        5_000,
        np.array([0.6, 0.4]),
        np.array([[0.4, 0.35, 0.3, 0.45, 0.3], [0.12, 0.1, 0.15, 0.08, 0.1]]),
        seed,
    ),
    "dependent_lists": lambda seed: synthetic.dependent_lists_population(5_000, 5, seed),
    "hard_to_reach": lambda seed: synthetic.hard_to_reach_population(5_000, 5, seed),
    "dependent_and_hard_to_reach": lambda seed: synthetic.dependent_hard_to_reach_population(
        5_000, 5, seed
    ),
}


def fit_replicate(job: tuple[str, int]) -> dict:
    scenario, seed = job
    patterns = SCENARIOS[scenario](seed)
    model = fit_quietly(
        LCMCR(K=10, burnin=2_000, draws=3_000, thin=5, chains=4, seed=seed, n_jobs=1), patterns
    )
    row = model.summary().iloc[0]
    return {
        "scenario": scenario,
        "covered": bool(row["lower"] <= 5_000 <= row["upper"]),
        "relative_error": (row["estimate"] - 5_000) / 5_000,
        "width": (row["upper"] - row["lower"]) / 5_000,
        "documented": model.n_observed_,
        "ess": model.ess_,
    }


def bench_coverage(replicates: int, workers: int) -> None:
    jobs = [(scenario, 1_000 + r) for scenario in SCENARIOS for r in range(replicates)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        rows = pd.DataFrame(list(pool.map(fit_replicate, jobs)))
    for scenario, group in rows.groupby("scenario", sort=False):
        hits = int(group["covered"].sum())
        emit(
            "lcmcr_coverage",
            scenario=scenario,
            truth=5_000,
            lists=5,
            replicates=len(group),
            covered=hits,
            coverage_95=round(hits / len(group), 3),
            median_relative_error=round(group["relative_error"].median(), 3),
            median_relative_width=round(group["width"].median(), 3),
            median_documented=int(group["documented"].median()),
            median_ess=round(group["ess"].median(), 1),
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="8_lists,samplers,strata,coverage")
    parser.add_argument("--replicates", type=int, default=20)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument(
        "--ess-target", type=float, help="strata: run each on until this ESS of N (and R-hat)"
    )
    parser.add_argument("--max-sweeps", type=int, default=100_000, help="with --ess-target")
    parser.add_argument("--people", type=int, default=200_000, help="hierarchical: people")
    parser.add_argument("--methods", default="hlcmcr", help="hierarchical: methods to run")
    parser.add_argument("--hlcmcr-tuning", type=int, help="hierarchical: default [estimate.hlcmcr]")
    parser.add_argument(
        "--hlcmcr-draws", type=int, help="hierarchical: a fixed run (default: run on as the stage)"
    )
    parser.add_argument(
        "--hlcmcr-a-lambda", type=float, help="hierarchical: the capture prior's first shape"
    )
    parser.add_argument("--hlcmcr-K", type=int, help="hierarchical: [estimate] K (default 10)")
    parser.add_argument(
        "--worlds", default=",".join(HIERARCHICAL_WORLDS), help="hierarchical: worlds to run"
    )
    parser.add_argument(
        "--populations",
        default="latent_class,continuous_heterogeneity,dependent_and_hard_to_reach",
        help=f"r_peer: 8-list tables, of {', '.join(EIGHT_LIST_TABLES)}",
    )
    args = parser.parse_args()
    parts = set(args.only.split(","))
    if "8_lists" in parts:
        bench_8_lists("latent_class")
        bench_8_lists("dependent_and_hard_to_reach")
    if "samplers" in parts:
        bench_samplers()
    if "strata" in parts:
        bench_strata(args.workers, args.ess_target, args.max_sweeps, syria_like_strata())
    if "simulator_strata" in parts:
        bench_strata(
            args.workers,
            args.ess_target,
            args.max_sweeps,
            simulator_strata(),
            name="lcmcr_simulator_strata",
        )
    if "coverage" in parts:
        bench_coverage(args.replicates, args.workers)
    if "hierarchical" in parts:
        given = {
            "burnin": args.hlcmcr_tuning,
            "draws": args.hlcmcr_draws,
            "a_lambda": args.hlcmcr_a_lambda,
        }
        settings = {k: v for k, v in given.items() if v is not None}
        if args.ess_target:
            settings |= {"ess_target": args.ess_target, "max_sweeps": args.max_sweeps}
        bench_hierarchical(
            args.people,
            args.methods.split(","),
            settings,
            args.workers,
            args.worlds.split(","),
            args.hlcmcr_K,
        )
    if "rhat_noise" in parts:
        bench_rhat_noise()
    if "r_peer" in parts:
        for population in args.populations.split(","):
            bench_against_r(population)


if __name__ == "__main__":
    main()
