"""LCMCR: Bayesian latent-class multiple systems estimation (Manrique-Vallier 2016).

The model is R's LCMCR: lists independent within latent classes, class weights
from a Dirichlet process truncated at K (stick-breaking, alpha ~ Gamma(a, b)),
capture probabilities lambda ~ Beta(1, 1), and p(N) proportional to 1/N. The
sampler works on capture-pattern counts, so a sweep costs the same for 4,000 or
4 million people; see docs/lcmcr.md for how it differs from R's (same posterior,
faster mixing of N).
"""

from __future__ import annotations

import os
import time
import warnings
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd

from recount.errors import ConfigError
from recount.estimate import mcmc_diagnostics
from recount.estimate._lcmcr_sampler import STATE, advance_chain, start_chain
from recount.estimate.patterns import COUNT, patterns_from_individuals, validate_patterns

DEFAULT_DRAWS = 5_000  # per chain
DEFAULT_SEED = 19481210  # HRDAG's verdata seed; every default run gives the same draws
SAMPLERS = ("collapsed", "augmented")
RHAT_LIMIT = 1.01
MIN_ESS = 400


class ConvergenceWarning(RuntimeWarning):
    """The chains of N have not mixed (R-hat too high) or carry too few effective draws."""


class LCMCR:
    """Dirichlet-process latent class model for population size, fitted by MCMC.

    Parameters follow R's `lcmCR`: `K` classes (truncation), Gamma(`a_alpha`,
    `b_alpha`) prior on the concentration. `burnin` sweeps per chain are
    discarded, then `draws` are kept per chain, one every `thin` sweeps.
    `chains` independent chains run on `n_jobs` threads (default: one per core;
    pass 1 when strata already run in parallel processes). `seed` fixes every
    draw; None means the fixed `DEFAULT_SEED`.

    With `ess_target`, chains that fall short of it (bulk ESS of N) or of R-hat 1.01 are
    run on, doubling their kept draws each round, until they reach it or `max_sweeps`
    sweeps per chain: easy strata stop early, hard ones get the time. The extended draws
    are those one longer run would give (same seed, same prefix).

    `sampler="collapsed"` (default) updates the unobserved count n0 and alpha with
    lambda and pi integrated out; `"augmented"` is R's LCMCR sweep (n0 by data
    augmentation, alpha given the weights), kept to compare mixing. Both have
    the same stationary distribution. `mh_attempts` Metropolis steps per class
    and sweep move n0 (and alpha) in the collapsed sampler.

    After `fit`: `N_draws_` (chains x draws), `n_observed_`, `lists_`,
    `rhat_`, `ess_` (bulk ESS of N), `ess_tail_`, `alpha_draws_`,
    `acceptance_`, `sweeps_` (per chain, burn-in included), `seconds_`.
    """

    def __init__(
        self,
        K: int = 10,
        a_alpha: float = 0.25,
        b_alpha: float = 0.25,
        burnin: int = 5_000,
        draws: int = DEFAULT_DRAWS,
        thin: int = 4,
        chains: int = 4,
        seed: int | None = None,
        n_jobs: int | None = None,
        mh_attempts: int = 3,
        sampler: str = "collapsed",
        ess_target: float | None = None,
        max_sweeps: int = 1_000_000,
    ):
        self.K = K
        self.a_alpha = a_alpha
        self.b_alpha = b_alpha
        self.burnin = burnin
        self.draws = draws
        self.thin = thin
        self.chains = chains
        self.seed = seed
        self.n_jobs = n_jobs
        self.mh_attempts = mh_attempts
        self.sampler = sampler
        self.ess_target = ess_target
        self.max_sweeps = max_sweeps

    def _check_parameters(self) -> None:
        checks = {
            "K": (self.K >= 1, "a whole number >= 1"),
            "a_alpha": (self.a_alpha > 0, "a number > 0"),
            "b_alpha": (self.b_alpha > 0, "a number > 0"),
            "burnin": (self.burnin >= 0, "a whole number >= 0"),
            "draws": (self.draws >= 4, "a whole number >= 4"),
            "thin": (self.thin >= 1, "a whole number >= 1"),
            "chains": (self.chains >= 1, "a whole number >= 1"),
            "mh_attempts": (self.mh_attempts >= 1, "a whole number >= 1"),
            "sampler": (self.sampler in SAMPLERS, f"one of {', '.join(SAMPLERS)}"),
            "ess_target": (self.ess_target is None or self.ess_target > 0, "a number > 0"),
            "max_sweeps": (self.max_sweeps >= 1, "a whole number >= 1"),
        }
        for key, (ok, expected) in checks.items():
            if not ok:
                raise ConfigError(
                    f"estimate.lcmcr.{key}", f"expected {expected}, got {getattr(self, key)!r}"
                )

    def fit(self, patterns: pd.DataFrame) -> LCMCR:
        """Sample the posterior of N from a pattern table (0/1 list columns and `count`)
        or from one 0/1 row per person (no `count` column)."""
        self._check_parameters()
        if COUNT in patterns.columns:
            table = validate_patterns(patterns)
        else:
            table = patterns_from_individuals(patterns, list(patterns.columns))
        lists = [c for c in table.columns if c != COUNT]
        cells = table[lists].to_numpy(dtype=np.uint8)
        counts = table[COUNT].to_numpy(dtype=np.int64)
        self.lists_ = lists
        self.n_observed_ = int(counts.sum())

        seed = DEFAULT_SEED if self.seed is None else self.seed
        generators = [
            np.random.default_rng(s) for s in np.random.SeedSequence(seed).spawn(self.chains)
        ]
        warmup = min(500, self.burnin // 2)
        states = [start_chain(rng, cells, counts, self.K) for rng in generators]

        def advance(chain: int, first: int, sweeps: int):
            return advance_chain(
                generators[chain],
                cells,
                counts,
                states[chain],
                float(self.a_alpha),
                float(self.b_alpha),
                first,
                sweeps,
                self.burnin,
                self.thin,
                self.mh_attempts,
                warmup,
                self.sampler == "collapsed",
            )

        workers = self.n_jobs or min(self.chains, os.cpu_count() or 1)
        started = time.perf_counter()
        pool = ThreadPoolExecutor(max_workers=workers) if workers > 1 else None
        try:
            sweeps = self.burnin + self.draws * self.thin
            pieces = [self._run(pool, advance, 0, sweeps)]
            self._diagnose(pieces)
            while self._short_of_target() and sweeps < self.max_sweeps:
                more = min(sweeps - self.burnin, self.max_sweeps - sweeps)
                more -= more % self.thin
                if more <= 0:
                    break
                pieces.append(self._run(pool, advance, sweeps, more))
                sweeps += more
                self._diagnose(pieces)
        finally:
            if pool is not None:
                pool.shutdown()
        self.seconds_ = time.perf_counter() - started
        self.sweeps_ = sweeps
        kept_sweeps = max(1.0, float((sweeps - self.burnin) * self.mh_attempts))
        self.acceptance_ = (
            np.stack([state[STATE.index("accepted")] for state in states]) / kept_sweeps
        )
        self._warn_if_unconverged()
        return self

    def _run(self, pool, advance, first: int, sweeps: int) -> list:
        chains = range(self.chains)
        if pool is None:
            return [advance(chain, first, sweeps) for chain in chains]
        return list(pool.map(lambda chain: advance(chain, first, sweeps), chains))

    def _diagnose(self, pieces: list) -> None:
        self.N_draws_ = np.concatenate([np.stack([r[0] for r in p]) for p in pieces], axis=1)
        self.alpha_draws_ = np.concatenate([np.stack([r[1] for r in p]) for p in pieces], axis=1)
        self.rhat_ = mcmc_diagnostics.rhat(self.N_draws_)
        self.ess_ = mcmc_diagnostics.ess_bulk(self.N_draws_)
        self.ess_tail_ = mcmc_diagnostics.ess_tail(self.N_draws_)

    def _short_of_target(self) -> bool:
        if self.ess_target is None:
            return False
        return not (self.ess_ >= self.ess_target and self.rhat_ <= RHAT_LIMIT)

    def _warn_if_unconverged(self) -> None:
        problems = []
        if np.isfinite(self.rhat_) and self.rhat_ > RHAT_LIMIT:
            problems.append(f"R-hat of N is {self.rhat_:.3f} (> {RHAT_LIMIT})")
        for name, value in (("bulk", self.ess_), ("tail", self.ess_tail_)):
            if np.isfinite(value) and value < MIN_ESS:
                problems.append(f"{name} ESS of N is {value:.0f} (< {MIN_ESS})")
        if problems:
            warnings.warn(
                "LCMCR chains may not have converged: "
                + "; ".join(problems)
                + ". Run more draws (draws=, burnin=) before trusting the interval.",
                ConvergenceWarning,
                stacklevel=3,
            )

    def summary(self, alpha: float = 0.05) -> pd.DataFrame:
        """One row: posterior median, (1 - alpha) interval, mean, sd, R-hat, ESS, documented."""
        if not hasattr(self, "N_draws_"):
            raise RuntimeError("call fit() before summary()")
        if not 0 < alpha < 1:
            raise ConfigError("alpha", f"must be between 0 and 1, got {alpha!r}")
        pooled = self.N_draws_.ravel()
        lower, median, upper = np.quantile(pooled, [alpha / 2, 0.5, 1 - alpha / 2])
        return pd.DataFrame(
            {
                "estimate": [float(median)],
                "lower": [float(lower)],
                "upper": [float(upper)],
                "mean": [float(pooled.mean())],
                "sd": [float(pooled.std(ddof=1))],
                "rhat": [self.rhat_],
                "ess": [self.ess_],
                "n_observed": [self.n_observed_],
            },
            index=pd.Index(["N"], name="parameter"),
        )
