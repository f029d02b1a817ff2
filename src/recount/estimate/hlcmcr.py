"""HLCMCR: one latent-class model over every stratum, so small strata borrow from large ones.

Per-stratum LCMCR fits each governorate x year cell alone: a cell of a few hundred
people cannot see a rarely documented group, and its estimate comes out low (docs/
bench/estimate.md). Here every stratum shares the latent classes' capture
probabilities (learned from all the data), and each stratum has its own class weights,
drawn around shared weights, and its own size:

- lambda_jk ~ Beta(a_lambda, b_lambda), one set for every stratum (a list not operating in
  a stratum, documenting nobody there, leaves that stratum's likelihood);
- shared weights beta under LCMCR's truncated stick-breaking prior, alpha ~ Gamma(a, b);
- stratum weights pi_s = softmax(log beta + tau z_s), z_sk ~ N(0, 1), tau ~ half-normal(
  `tau_scale`): a stratum with few people keeps weights near the shared ones, a large
  one moves them to its own data;
- p(N_s) proportional to 1 / N_s, n0_s <= 20 n_s, as LCMCR's.

With one stratum and tau near 0 this is LCMCR; with K = 1 it is LCMCR's K = 1 model
for any tau. The sampler is NUTS on the posterior with the classes and every N_s summed
out (recount/estimate/_lcmcr_nuts.py), each draw ending in one data-augmentation sweep
that keeps that posterior (`refresh_strata`: where a class fills or empties after tuning,
NUTS alone diverged and the chains stuck apart) and in the layout's centred moves (the shared
weights moved with every stratum's own weights held: where large strata pin theirs, moving
beta with z held crawls), the N_s drawn afterwards: draw i of any set of
strata is the sum of their draws i, so every coarser level and the total are the same
model and cannot disagree. See docs/lcmcr.md.
"""

from __future__ import annotations

import dataclasses
import os
import time
import warnings
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd

from recount.errors import InputError
from recount.estimate import mcmc_diagnostics
from recount.estimate.lcmcr import (
    DEFAULT_SEED,
    ConvergenceWarning,
    _one_blas_thread,
    run_chains,
    run_on_target,
    short_of_target,
)
from recount.estimate.patterns import COUNT
from recount.estimate.protocol import ALPHA, check_alpha
from recount.settings.estimate import ESS_MINIMUM as MIN_ESS
from recount.settings.estimate import RHAT_LIMIT, EstimateSettings, HlcmcrSettings


class HLCMCR:
    """Hierarchical LCMCR over the strata named in `strata` (columns of the table).

    `fit(table)` takes one row per stratum and capture pattern: the stratum columns, one
    0/1 column per list and `count`. Parameters as LCMCR's (K, a_alpha, b_alpha, burnin
    = NUTS tuning, draws and thin per chain, chains, seed, n_jobs, ess_target,
    max_sweeps), `tau_scale`, the scale of the half-normal prior on how far a
    stratum's class weights depart from the shared ones (on the log scale), and
    `a_lambda`, `b_lambda`, the Beta prior of the classes' capture probabilities. As LCMCR's,
    a fit with `draws` unset runs on towards RHAT_LIMIT and ESS_MINIMUM for every stratum
    and the total (LCMCR's rule, `short_of_target`), up to `max_sweeps` iterations.

    After `fit`: `strata_` (a frame of the strata's values), `documented_` (per stratum),
    `N_draws_` (chains x draws x strata), `total_draws_` (chains x draws), `rhat_` and
    `ess_` (per stratum), `total_rhat_`, `total_ess_`, `alpha_draws_`, `tau_draws_`,
    `divergences_`, `leapfrog_steps_` (a draw, after tuning; `tuning_leapfrog_steps_`
    while tuning), `log_density_draws_` (chains x iterations after
    tuning: chains whose log densities lie apart sit in different modes), `sweeps_`,
    `seconds_`, `rhat_path_` (the highest R-hat after each round) and `short_` (stopped
    at `max_sweeps` still short).
    """

    def __init__(
        self,
        strata: Sequence[str] = (),
        K: int = EstimateSettings.K,
        a_alpha: float = HlcmcrSettings.a_alpha,
        b_alpha: float = HlcmcrSettings.b_alpha,
        tau_scale: float = HlcmcrSettings.tau_scale,
        a_lambda: float = HlcmcrSettings.a_lambda,
        b_lambda: float = HlcmcrSettings.b_lambda,
        burnin: int | None = HlcmcrSettings.burnin,
        draws: int | None = HlcmcrSettings.draws,
        thin: int | None = HlcmcrSettings.thin,
        chains: int = EstimateSettings.chains,
        seed: int | None = None,
        n_jobs: int | None = HlcmcrSettings.n_jobs,
        ess_target: float | None = HlcmcrSettings.ess_target,
        max_sweeps: int = HlcmcrSettings.max_sweeps,
    ):
        self.strata = tuple(strata)
        self.K = K
        self.a_alpha = a_alpha
        self.b_alpha = b_alpha
        self.tau_scale = tau_scale
        self.a_lambda = a_lambda
        self.b_lambda = b_lambda
        self.burnin = burnin
        self.draws = draws
        self.thin = thin
        self.chains = chains
        self.seed = seed
        self.n_jobs = n_jobs
        self.ess_target = ess_target
        self.max_sweeps = max_sweeps

    def check(self) -> HLCMCR:
        """Raise ConfigError naming the first bad setting ([estimate] K and chains, and
        [estimate.hlcmcr]'s keys, checked as recount.toml is). burnin, draws and thin left
        as None take [estimate.hlcmcr]'s defaults."""
        EstimateSettings.check_keys(K=self.K, chains=self.chains)
        HlcmcrSettings.check_keys(
            **{f.name: getattr(self, f.name) for f in dataclasses.fields(HlcmcrSettings)}
        )
        return self

    def fit(self, table: pd.DataFrame) -> HLCMCR:
        self.check()
        cells, counts, starts, active = self._arrays(table)
        from recount.estimate._lcmcr_nuts import StrataChain

        burnin = HlcmcrSettings.burnin if self.burnin is None else self.burnin
        draws = HlcmcrSettings(draws=self.draws).draws_per_chain()
        thin = HlcmcrSettings.thin if self.thin is None else self.thin
        seed = DEFAULT_SEED if self.seed is None else self.seed
        generators = [
            np.random.default_rng(s) for s in np.random.SeedSequence(seed).spawn(self.chains)
        ]
        workers = self.n_jobs or min(self.chains, os.cpu_count() or 1)
        priors = (self.K, float(self.a_alpha), float(self.b_alpha), float(self.tau_scale))
        priors += (float(self.a_lambda), float(self.b_lambda))
        self.ess_target_ = run_on_target(self.ess_target, self.draws)
        self.rhat_path_, self.short_ = [], False
        started = time.perf_counter()
        pool = ThreadPoolExecutor(max_workers=workers) if workers > 1 else None
        with _one_blas_thread():
            chains, self.sweeps_, pieces = run_chains(
                pool,
                lambda rng: StrataChain(rng, cells, counts, starts, active, *priors, burnin, thin),
                generators,
                (burnin, draws, thin, self.max_sweeps),
                self._diagnose,
                self._short_of_target,
            )
        self.seconds_ = time.perf_counter() - started
        stats = [np.concatenate([piece[c][2] for piece in pieces]) for c in range(self.chains)]
        self.divergences_ = np.array([int(s[:, 2].sum()) for s in stats])
        self.leapfrog_steps_ = float(np.mean([s[:, 1].mean() for s in stats]))
        self.tuning_leapfrog_steps_ = float(np.mean([c.tuning_steps.mean() for c in chains]))
        self.log_density_draws_ = np.stack([s[:, 4] for s in stats])
        self._warn_if_unconverged()
        return self

    def _arrays(self, table: pd.DataFrame):
        """Cells, counts, stratum boundaries and active lists, strata in sorted order."""
        missing = [c for c in (*self.strata, COUNT) if c not in table.columns]
        if missing:
            raise InputError("patterns", f"no column {missing[0]!r}")
        lists = [c for c in table.columns if c not in self.strata and c != COUNT]
        if len(lists) < 2:
            raise InputError("patterns", "needs at least two list columns")
        for column in lists:
            if not table[column].isin([0, 1, True, False]).all():
                raise InputError("patterns", "list columns hold 0 or 1 only", field=column)
        frame = table[table[COUNT] > 0].copy()
        frame[lists] = frame[lists].astype(np.int64)
        if (frame[lists].sum(axis=1) == 0).any():
            raise InputError("patterns", "a row with no list set counts people no list documents")
        self.lists_ = lists
        if self.strata:
            groups = list(frame.groupby(list(self.strata), dropna=False, sort=True))
        else:
            groups = [((), frame)]
        if not groups:
            raise InputError("patterns", "nobody is documented")
        cells, counts, starts, active, keys = [], [], [0], [], []
        for values, rows in groups:
            merged = rows.groupby(lists, as_index=False)[COUNT].sum()
            cells.append(merged[lists].to_numpy(dtype=np.int64))
            counts.append(merged[COUNT].to_numpy(dtype=np.int64))
            starts.append(starts[-1] + len(merged))
            active.append((cells[-1].sum(axis=0) > 0).astype(float))
            keys.append(values if isinstance(values, tuple) else (values,))
        self.strata_ = pd.DataFrame(keys, columns=list(self.strata))
        self.documented_ = np.array([int(c.sum()) for c in counts])
        self.lists_active_ = np.array(active, dtype=int)
        return np.vstack(cells), np.concatenate(counts), np.array(starts), np.array(active)

    def _diagnose(self, pieces: list) -> None:
        self.N_draws_ = np.concatenate([np.stack([r[0] for r in p]) for p in pieces], axis=1)
        extra = np.concatenate([np.stack([r[1] for r in p]) for p in pieces], axis=1)
        self.alpha_draws_ = extra[:, :, 0]
        self.tau_draws_ = extra[:, :, 1]
        self.sigma_draws_ = extra[:, :, 2]
        self.total_draws_ = self.N_draws_.sum(axis=2)
        per_stratum = np.moveaxis(self.N_draws_, 2, 0)
        self.rhat_ = np.array([mcmc_diagnostics.rhat(d) for d in per_stratum])
        self.ess_ = np.array([mcmc_diagnostics.ess_bulk(d) for d in per_stratum])
        self.ess_tail_ = np.array([mcmc_diagnostics.ess_tail(d) for d in per_stratum])
        self.total_rhat_ = mcmc_diagnostics.rhat(self.total_draws_)
        self.total_ess_ = mcmc_diagnostics.ess_bulk(self.total_draws_)

    def _short_of_target(self) -> bool:
        """LCMCR's rule (`short_of_target`) for every stratum's N and the total: run on
        while any of them is short and its chains have not mixed apart."""
        if self.ess_target_ is None:
            return False
        self.rhat_path_.append(float(np.nanmax(np.append(self.rhat_, self.total_rhat_))))
        quantities = zip(
            [*np.moveaxis(self.N_draws_, 2, 0), self.total_draws_],
            np.append(self.rhat_, self.total_rhat_),
            np.append(self.ess_, self.total_ess_),
            strict=True,
        )
        self.short_ = any(short_of_target(d, r, e, self.ess_target_) for d, r, e in quantities)
        return self.short_

    def unconverged(self) -> np.ndarray:
        """Strata whose R-hat of N is above RHAT_LIMIT or bulk ESS below ESS_MINIMUM."""
        return (self.rhat_ > RHAT_LIMIT) | (self.ess_ < MIN_ESS)

    def _warn_if_unconverged(self) -> None:
        bad = int(self.unconverged().sum())
        total_bad = self.total_rhat_ > RHAT_LIMIT or self.total_ess_ < MIN_ESS
        if bad or total_bad:
            warnings.warn(
                f"HLCMCR chains may not have converged: {bad} of {len(self.rhat_)} strata have "
                f"R-hat of N > {RHAT_LIMIT} or bulk ESS < {MIN_ESS} (total: R-hat "
                f"{self.total_rhat_:.3f}, ESS {self.total_ess_:.0f}). {self._why_stopped()}",
                ConvergenceWarning,
                stacklevel=3,
            )

    def _why_stopped(self) -> str:
        if self.short_:
            return (
                f"The chains ran on to their cap of {self.max_sweeps:,} iterations "
                "(max_sweeps) still short: do not trust the intervals yet."
            )
        if self.ess_target_ is not None:
            return (
                "Running on stopped: each chain has mixed alone but they disagree (modes "
                "apart, which more draws do not join): do not trust the intervals."
            )
        return "Run longer (draws left unset, or ess_target=) before trusting the intervals."

    def summary(self, alpha: float = ALPHA) -> pd.DataFrame:
        """One row per stratum: the stratum's values, then the protocol's columns."""
        if not hasattr(self, "N_draws_"):
            raise RuntimeError("call fit() before summary()")
        check_alpha(alpha)
        draws = self.N_draws_.reshape(-1, self.N_draws_.shape[2])
        lower, median, upper = np.quantile(draws, [alpha / 2, 0.5, 1 - alpha / 2], axis=0)
        frame = self.strata_.copy()
        frame["method"] = "hlcmcr"
        frame["estimate"] = median
        frame["lower"] = lower
        frame["upper"] = upper
        frame["observed"] = self.documented_
        frame["rhat"] = self.rhat_
        frame["ess"] = self.ess_
        return frame

    def interval(self, alpha: float = ALPHA) -> tuple[float, float]:
        """The (1 - alpha) interval of the total over every stratum."""
        if not hasattr(self, "total_draws_"):
            raise RuntimeError("call fit() before interval()")
        check_alpha(alpha)
        pooled = self.total_draws_.ravel()
        lower, upper = np.quantile(pooled, [alpha / 2, 1 - alpha / 2])
        return float(lower), float(upper)
