"""What a collapsed Gibbs sweep and a NUTS leapfrog step cost, measured, against the model
`auto`'s race counts work with (recount.estimate.lcmcr_work).

On 16 tables (the 8-list shapes, Kosovo, 5-list tables of bench/estimate.py's coverage
scenarios, three 6-list strata, 8 and 10 lists at 5,000 and 50,000, 6 lists at 70,000)
and K = 5, 10, 20: CPU per collapsed sweep (400 sweeps after 400), per leapfrog step and
per draw's refresh sweep (100 NUTS draws after 200 tuning ones, the transition and the
refresh timed apart), one process, one BLAS thread. Prints a JSON line per table and K
(measured and modelled costs in leapfrogs: a sweep's, and a refresh's as `_draw_work`
counts it), then the coefficients a fit to these figures gives (non-negative least
squares on relative error) and the model's error. Time it under the bench lock:

    flock /work/team/bench.lock .venv/bin/python bench/lcmcr_work.py
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.optimize import nnls

sys.path.insert(0, str(Path(__file__).parent))

from estimate import SCENARIOS, eight_list_table, syria_like_strata  # noqa: E402

from recount.estimate import lcmcr_work, synthetic  # noqa: E402
from recount.estimate._lcmcr_nuts import (  # noqa: E402
    LCMCR_MAX_DEPTH,
    Chain,
    nuts_transition,
    refresh_classes,
    reorder_classes,
)
from recount.estimate.lcmcr import (  # noqa: E402
    REFRESH_LEAPFROGS,
    SWEEP_WORK,
    GibbsChain,
    _one_blas_thread,
)
from recount.settings.estimate import LcmcrSettings  # noqa: E402

KOSOVO = Path(__file__).resolve().parents[2] / "shared" / "data" / "kosovo_patterns.csv"
ATTEMPTS = LcmcrSettings.mh_attempts


def tables():
    for name in (
        "latent_class",
        "dependent_and_hard_to_reach",
        "hard_to_reach",
        "opposed_coverage",
    ):
        yield name, eight_list_table(name)
    yield "kosovo", pd.read_csv(KOSOVO)
    for name, scenario in SCENARIOS.items():
        yield f"5_lists_{name}", scenario(1001)
    strata = sorted(syria_like_strata(), key=lambda stratum: stratum[3]["count"].sum())
    for stratum in (strata[5], strata[len(strata) // 2], strata[-1]):
        yield f"stratum_{int(stratum[3]['count'].sum())}", stratum[3]
    yield "8_lists_5000", synthetic.lcmcr_benchmark_population(5_000, 8, seed=1)
    yield "10_lists_50000", synthetic.lcmcr_benchmark_population(50_000, 10, seed=2)
    yield "6_lists_70000", synthetic.hard_to_reach_population(70_000, 6, seed=4)


def measure(table: pd.DataFrame, n_classes: int) -> tuple[float, float, float]:
    """CPU microseconds per collapsed sweep, per leapfrog step and per refresh on `table`."""
    lists = [c for c in table.columns if c != "count"]
    cells = table[lists].to_numpy(dtype=np.uint8)
    counts = table["count"].to_numpy(dtype=np.int64)
    priors = (n_classes, 1.0, 1.0, 1.0, 1.0)
    gibbs = GibbsChain(np.random.default_rng(1), cells, counts, *priors, 300, 1, ATTEMPTS, True)
    gibbs.advance(0, 400)
    started = time.process_time()
    gibbs.advance(400, 400)
    sweep = (time.process_time() - started) / 400
    with _one_blas_thread():
        chain = Chain(np.random.default_rng(2), cells, counts, *priors, 200)
        chain.advance(0, 200)
        leapfrog, refresh = draw_costs(chain, 100)
    return sweep * 1e6, leapfrog * 1e6, refresh * 1e6


def draw_costs(chain: Chain, draws: int) -> tuple[float, float]:
    """CPU seconds per leapfrog step and per refresh over `draws` draws of a tuned chain,
    each draw as `_lcmcr_nuts.run` makes it (transition, order moves, refresh), timed apart."""
    rng, data = chain.rng, chain.data
    x, g, logp, tune, _, _, stds, vecs, vals = chain.state
    moving = refreshing = 0.0
    steps = 0
    for _ in range(draws):
        started = time.process_time()
        logp[0], _, taken, _, _ = nuts_transition(
            rng, x, g, logp[0], tune[0], stds, vecs, vals, int(tune[5]), LCMCR_MAX_DEPTH, data
        )
        reorder_classes(rng, x, data)
        between = time.process_time()
        logp[0] = refresh_classes(rng, x, g, data)
        refreshing += time.process_time() - between
        moving += between - started
        steps += taken
    return moving / steps, refreshing / draws


def main() -> None:
    rows = []
    for name, table in tables():
        counts = table["count"].to_numpy()
        n_lists = table.shape[1] - 1
        for n_classes in (5, 10, 20):
            sweep, leapfrog, refresh = measure(table, n_classes)
            modelled = lcmcr_work.leapfrogs_per_sweep(counts, n_lists, n_classes, ATTEMPTS)
            features = (
                lcmcr_work.sweep_features(counts, n_lists, n_classes, ATTEMPTS),
                lcmcr_work.leapfrog_features(len(counts), n_lists, n_classes),
            )
            refresh_modelled = REFRESH_LEAPFROGS + SWEEP_WORK["augmented"] * modelled
            rows.append(
                (sweep, leapfrog, *features, modelled, refresh / leapfrog, refresh_modelled)
            )
            figures = {
                "table": name,
                "lists": n_lists,
                "cells": len(counts),
                "documented": int(counts.sum()),
                "K": n_classes,
                "sweep_us": round(sweep, 2),
                "leapfrog_us": round(leapfrog, 3),
                "leapfrogs_per_sweep": round(sweep / leapfrog, 2),
                "modelled": round(modelled, 2),
                "refresh_us": round(refresh, 2),
                "refresh_leapfrogs": round(refresh / leapfrog, 2),
                "refresh_modelled": round(refresh_modelled, 2),
            }
            print(json.dumps(figures), flush=True)
    sweeps, leapfrogs = np.array([r[0] for r in rows]), np.array([r[1] for r in rows])
    measured = sweeps / leapfrogs
    fitted = {}
    for name, target, column in (("sweep", sweeps, 2), ("leapfrog", leapfrogs, 3)):
        features = np.array([r[column] for r in rows])
        coefficients, _ = nnls(features / target[:, None], np.ones(len(target)))
        fitted[name] = [float(f"{c:.2g}") for c in coefficients]
    refitted = np.array(
        [np.dot(r[2], fitted["sweep"]) / np.dot(r[3], fitted["leapfrog"]) for r in rows]
    )
    summary = {"fitted_us": fitted}
    for name, modelled in (("model", np.array([r[4] for r in rows])), ("refit", refitted)):
        error = np.abs(np.log(measured / modelled))
        summary[f"{name}_median_error"] = round(float(np.expm1(np.median(error))), 3)
        summary[f"{name}_max_error"] = round(float(np.expm1(error.max())), 3)
    refreshes = np.array([r[5] / r[6] for r in rows])
    summary["refresh_median_ratio"] = round(float(np.median(refreshes)), 3)
    summary["refresh_ratio_range"] = [
        round(float(refreshes.min()), 3),
        round(float(refreshes.max()), 3),
    ]
    summary["constant_3_max_error"] = round(
        float(np.expm1(np.abs(np.log(measured / 3.0)).max())), 3
    )
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
