"""Why LCMCR's NUTS crawls on the dependent 8-list table (#15, note 148): the same fixed-length
run on the table's counts scaled by beta (rounded), which is the likelihood tempered to beta,
a table of beta times the documented people.

For each beta: NUTS at K classes (the K the default grows to there), 4 chains of burn-in +
draws, seed 1, no exploring runs (the grown fit's form). Prints a JSON line: R-hat and bulk
ESS of N (all chains and each alone), divergences, leapfrog steps a draw, alpha, N over the
documented; and, from 100 states a chain spread over its draws, the log density (classes and N
summed out) per chain (mean and sd: chains at one level with a Gaussian's spread, sqrt(d / 2),
are not held apart by a barrier), the bulk ESS of every coordinate (median), and how far the
chain travels against the scale NUTS tuned (median coordinate sd over the states divided by the
mass matrix's diagonal std). Untimed: run it niced, outside the bench lock.

    nice .venv/bin/python bench/lcmcr_crawl.py --betas 0.01,0.1,0.3,1
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import warnings
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))

from estimate import eight_list_table  # noqa: E402

from recount.estimate import mcmc_diagnostics  # noqa: E402
from recount.estimate._lcmcr_nuts import log_posterior, target_data  # noqa: E402
from recount.estimate.lcmcr import LCMCR, ConvergenceWarning  # noqa: E402
from recount.settings.estimate import LcmcrSettings  # noqa: E402

STATES = 100  # states kept per chain, evenly spread over its draws


def tempered(table, beta: float):
    """The table with every count times beta, rounded; cells left empty dropped."""
    scaled = table.assign(count=np.round(table["count"] * beta).astype(np.int64))
    return scaled[scaled["count"] > 0].reset_index(drop=True)


def chain_figures(fit: LCMCR, table) -> dict:
    """Log density, coordinate ESS and travel against the tuned scale, from the kept states."""
    lists = [c for c in table.columns if c != "count"]
    priors = (fit.a_alpha, fit.b_alpha, fit.a_lambda, fit.b_lambda)
    data = target_data(table[lists].to_numpy(), table["count"].to_numpy(), fit.K_, *priors)
    means, sds, coordinate_ess, travel = [], [], [], []
    for states in fit.stopped_.chains:
        positions = np.array([state[0] for state in states])
        density = [log_posterior(x, np.empty_like(x), data) for x in positions]
        means.append(round(float(np.mean(density)), 1))
        sds.append(round(float(np.std(density)), 1))
        ess = [mcmc_diagnostics.ess_bulk(positions[None, :, i]) for i in range(positions.shape[1])]
        coordinate_ess.append(round(float(np.median(ess)), 1))
        travel.append(round(float(np.median(positions.std(axis=0) / states[-1][1])), 2))
    return {
        "log_density_mean": means,
        "log_density_sd": sds,
        "gaussian_sd": round(float(np.sqrt(data[7] * data[8] + data[8] - 1) / np.sqrt(2)), 1),
        "coordinate_ess_median": coordinate_ess,
        "travel_over_tuned_std": travel,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--table", default="dependent_and_hard_to_reach")
    parser.add_argument("--betas", default="0.01,0.1,0.3,1")
    parser.add_argument("--K", type=int, default=20)
    parser.add_argument("--burnin", type=int, default=1_000)
    parser.add_argument("--draws", type=int, default=2_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--n-jobs", type=int, default=LcmcrSettings.n_jobs)
    args = parser.parse_args()
    full = eight_list_table(args.table)
    for beta in (float(b) for b in args.betas.split(",")):
        table = tempered(full, beta)
        fit = LCMCR(
            K=args.K,
            sampler="nuts",
            burnin=args.burnin,
            draws=args.draws,
            seed=args.seed,
            n_jobs=args.n_jobs,
            explore=False,
            snapshots=STATES,
        )
        started = time.process_time()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            fit.fit(table)
        seconds = time.process_time() - started
        line = {
            "table": args.table,
            "beta": beta,
            "documented": fit.n_observed_,
            "K": fit.K_,
            "run": [args.burnin, args.draws],
            "rhat": round(fit.rhat_, 3),
            "ess": round(fit.ess_, 1),
            "chain_ess": [round(mcmc_diagnostics.ess_bulk(c[None]), 1) for c in fit.N_draws_],
            "divergences": int(fit.divergences_.sum()),
            "leapfrog_steps": round(fit.leapfrog_steps_, 1),
            "alpha": round(float(np.median(fit.alpha_draws_)), 2),
            "N_over_documented": round(fit.N_ / fit.n_observed_, 4),
            "cpu_seconds": round(seconds, 1),
            **chain_figures(fit, table),
        }
        print(json.dumps(line), flush=True)


if __name__ == "__main__":
    main()
