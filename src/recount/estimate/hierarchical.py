"""The hierarchical model in the stage: one HLCMCR fit over every stratum of a level.

Per-stratum methods run stratum by stratum (recount.estimate.strata); `hlcmcr` is one
model of all the finest strata at once, so it is fitted here, once, and its posterior
is handed back per stratum as the stage's `MethodResult`s: draw i of every stratum
comes from the same joint draw, so adding strata draw by draw (recount.estimate.levels)
gives the model's own posterior of any coarser level and the total. Every stratum is
estimated, however few people it holds: it borrows from the others.
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

import numpy as np
import pandas as pd

from recount.estimate.mcmc_diagnostics import converged
from recount.estimate.methods import HIERARCHICAL, MethodResult, fixed_length
from recount.estimate.patterns import COUNT
from recount.estimate.protocol import ALPHA

STRATUM_ID = "stratum_id"


def make_hierarchical(options: Any, strata: Sequence[str], seed: int, n_jobs: int | None):
    """The HLCMCR `options` (an EstimateSettings) configure."""
    from recount.estimate.hlcmcr import HLCMCR

    settings = asdict(options.hlcmcr)
    if settings["n_jobs"] is None:
        settings["n_jobs"] = n_jobs
    return HLCMCR(strata=strata, K=options.K, chains=options.chains, seed=seed, **settings)


def fit_hierarchical(
    tables: Sequence[pd.DataFrame], options: Any, n_jobs: int | None = None
) -> tuple[list, Any]:
    """One MethodResult per table (a stratum's pattern table: lists and `count`), in order,
    and one for the total over every stratum (with its own R-hat and bulk ESS)."""
    stacked = pd.concat(
        [table.assign(**{STRATUM_ID: i}) for i, table in enumerate(tables)], ignore_index=True
    )
    lists = [c for c in stacked.columns if c not in (COUNT, STRATUM_ID)]
    stacked[lists] = stacked[lists].fillna(0).astype(np.int64)
    model = make_hierarchical(options, (STRATUM_ID,), options.seed, n_jobs)
    started = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # convergence is flagged, not warned
        model.fit(stacked[stacked[COUNT] > 0])
    seconds = (time.perf_counter() - started) / max(len(tables), 1)
    summary = model.summary(ALPHA).set_index(STRATUM_ID)
    draws = model.N_draws_.reshape(-1, model.N_draws_.shape[2]).astype(float)
    index = fixed_length(np.arange(len(draws)), options.draws).astype(int)
    label = f"K={options.K}, hierarchical over {len(summary)} strata"
    results = []
    for i, _ in enumerate(tables):
        if i not in summary.index:
            results.append(MethodResult(HIERARCHICAL, "not_estimable", reason="nobody documented"))
            continue
        row = summary.loc[i]
        position = summary.index.get_loc(i)
        result = MethodResult(
            HIERARCHICAL,
            "ok",
            estimate=float(row["estimate"]),
            lower=float(row["lower"]),
            upper=float(row["upper"]),
            rhat=float(row["rhat"]),
            ess=float(row["ess"]),
            seconds=seconds,
            model=label,
            draws=draws[index, position],
        )
        if not converged(result.rhat, result.ess):
            result.flags.append("poor_convergence")
        results.append(result)
    lower, upper = model.interval(ALPHA)
    total = MethodResult(
        HIERARCHICAL,
        "ok",
        estimate=float(np.median(model.total_draws_)),
        lower=lower,
        upper=upper,
        rhat=float(model.total_rhat_),
        ess=float(model.total_ess_),
        seconds=seconds * len(tables),
        model=label,
    )
    if not converged(total.rhat, total.ess):
        total.flags.append("poor_convergence")
    return results, total
