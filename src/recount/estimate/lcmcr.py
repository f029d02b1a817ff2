"""LCMCR: Bayesian latent-class multiple systems estimation (Manrique-Vallier 2016).

The model is R's LCMCR: lists independent within latent classes, class weights
from a Dirichlet process truncated at K (stick-breaking, alpha ~ Gamma(a, b)),
capture probabilities lambda ~ Beta(a_lambda, b_lambda) (R's Beta(1, 1) by default), and
p(N) proportional to 1/N. Every
sampler works on capture-pattern counts, so a draw costs the same for 4,000 or
4 million people: NUTS on the posterior with the classes, N and alpha summed out,
a collapsed variant of R's Gibbs sweep, and R's sweep itself. The default races
them per table and runs the one with more effective draws of N per unit of work. See
docs/lcmcr.md for why (same posterior, far faster mixing of N where each is used).
"""

from __future__ import annotations

import dataclasses
import os
import time
import warnings
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass

import numpy as np
import pandas as pd

from recount.estimate import mcmc_diagnostics
from recount.estimate._lcmcr_nuts import WARM_SWEEPS, Chain
from recount.estimate._lcmcr_sampler import STATE, advance_chain, start_chain
from recount.estimate.lcmcr_work import leapfrogs_per_sweep
from recount.estimate.mcmc_diagnostics import converged
from recount.estimate.patterns import COUNT, patterns_from_individuals, validate_patterns
from recount.estimate.protocol import ALPHA, check_alpha, summary_frame
from recount.settings.estimate import (
    ESS_MINIMUM,
    GIBBS_RUN_ON_LIMIT,
    LCMCR_RUN_LENGTHS,
    LCMCR_WARM_BURNIN,
    RHAT_LIMIT,
    RUN_ON_LIMIT,
    EstimateSettings,
    LcmcrSettings,
)

DEFAULT_SEED = 19481210  # HRDAG's verdata seed; every default run gives the same draws
# Where NUTS joins `auto`'s race (choose_sampler), it races the collapsed sweep on
# these runs (burn-in or tuning, draws per chain, thinning) before the real one.
RACE_LENGTHS = {"nuts": (300, 200, 1), "collapsed": (1_000, 1_000, 2)}
# The race counts work in collapsed sweeps, not seconds, so that the same table and seed
# choose the same sampler on a busy machine: a NUTS chain's leapfrog steps at what a sweep
# costs in them on this table (`lcmcr_work.leapfrogs_per_sweep`: 1.8 to 11.7 on tables
# of 4 to 10 lists) and each draw's refresh (`_draw_work`), plus the Gibbs sweeps that
# place each cold chain.
# Cold NUTS chains can settle in separate local modes of the classes, tens to hundreds of
# log-density units apart (8 dependent lists: 8 chains in 8 modes, R-hat 3; docs/lcmcr.md).
# A cold NUTS fit therefore first runs EXPLORE_PER_CHAIN short chains per chain (tuning,
# then draws) and starts its chains at the end points of the most probable ones, one each:
# modes far below the best get no chain, and the chains start apart, so R-hat still says
# whether the best modes found agree on N (where they do not, the fit is not converged).
EXPLORE_PER_CHAIN = 4
# Documented people from which NUTS joins the race on a table with few patterns
# (choose_sampler): the sweep converged on 1,400 and 4,400 people (a simulated world,
# Kosovo) and did not on 14,000 (nor did NUTS: R-hat 1.24 after 85 CPU-s) or 70,000 (NUTS did).
RACE_FROM_PEOPLE = 20_000
# What a Gibbs sweep costs, in collapsed sweeps: R's augmented sweep has no Metropolis
# steps on n0 (the demo's pooled table, K = 10: 18.5-20 us against 26-31 us a sweep; on
# 8 lists it costs 1.15 collapsed sweeps, but NUTS runs there). Work, caps and the race
# count in these units, so the cheaper sweep gets as many CPU seconds, not as many sweeps.
SWEEP_WORK = {"collapsed": 1.0, "augmented": 0.7}
# Every NUTS draw of LCMCR ends in one data-augmentation sweep (`refresh_classes`): R's
# sweep's work plus the two density evaluations (leapfrog steps) around it.
REFRESH_LEAPFROGS = 2
# The two Gibbs sweeps race over their first round where the collapsed sweep's falls short
# (`sweeps_winner`); on a crawl a round's bulk ESS per work varies up to this factor
# between seeds of one sampler (the demo's pooled table, 25,000 sweeps: ESS 17 to 63), so a
# smaller difference is no measurement and the cheaper sweep keeps the run.
RACE_NOISE = 2.0
EXPLORE_LENGTHS = (300, 20)
# The truncation binds when the stick left past the first K - 1 classes, whose prior mean
# given alpha is (alpha / (1 + alpha))^(K - 1), keeps more than this share of the people
# (posterior median): the model then wants more classes than K allows, and its posterior
# breaks into configurations far apart (8 dependent lists at K = 10: alpha 4.6, share 0.17,
# chains 70-840 log-density units apart; the other 8-list shapes 1e-4 or less, Kosovo
# 0.0003-0.0014, alpha mixing slowly there).
TRUNCATION_LIMIT = 0.05
RACE_COLUMNS = [
    "K",
    "sampler",
    "seconds",
    "work",
    "ess",
    "ess_per_work",
    "rhat",
    "truncation_share",
]


@contextmanager
def _one_blas_thread():
    """NUTS estimates its mass matrix with LAPACK (through numba, from SciPy's OpenBLAS).
    On one thread the result does not depend on the machine's thread count, so the same
    seed gives the same draws, and chains on threads do not fight over the cores."""
    import scipy.linalg.cython_lapack  # noqa: F401  (loads the library numba calls)
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1, user_api="blas"):
        yield


def _draw_work(leapfrogs: float, per_sweep: float) -> float:
    """A NUTS draw's work in collapsed sweeps: its leapfrog steps at `per_sweep` steps a
    sweep, and its refresh (REFRESH_LEAPFROGS and one of R's sweeps)."""
    return (leapfrogs + REFRESH_LEAPFROGS) / per_sweep + SWEEP_WORK["augmented"]


def choose_sampler(n_cells: int, n_lists: int, n_classes: int, people: int = 0) -> str:
    """Whether NUTS joins `auto`'s race ("nuts") or only the Gibbs sweeps race
    ("collapsed"): NUTS where the table has more observed capture patterns than the model
    has parameters, K (J + 1) - 1: the likelihood then pins the classes down and NUTS moves
    along the ridges where Gibbs crawls (8 lists, 360,000 people: hundreds of times the
    effective draws per second). With fewer patterns the posterior is mostly prior, a
    landscape of funnels and long tails where NUTS's trial alone costs more than a sweep's
    whole run (6-list strata of the benchmark), unless the table holds many people
    (`RACE_FROM_PEOPLE`): the sweep then crawls along N (a 6-list table of 70,000 people:
    R-hat 1.42, ESS 8; NUTS 1.002, 919). See docs/lcmcr.md."""
    parameters = n_classes * (n_lists + 1) - 1
    return "nuts" if n_cells > parameters or people >= RACE_FROM_PEOPLE else "collapsed"


def race_winner(race: pd.DataFrame) -> str:
    """The race's sampler (`LCMCR._race`): more bulk ESS per work, unless only one's chains
    agree (R-hat within RHAT_LIMIT); where neither's do, the one nearer agreement."""
    mixed = race[race["rhat"] <= RHAT_LIMIT]
    if mixed.empty:
        return str(race.sort_values("rhat", kind="stable").iloc[0]["sampler"])
    pool = mixed if len(mixed) == 1 else race
    return str(pool.sort_values("ess_per_work", kind="stable").iloc[-1]["sampler"])


def sweeps_winner(race: pd.DataFrame) -> str:
    """The Gibbs sweep that runs on after both ran a first round (`LCMCR._race_sweeps`):
    the only one whose chains agree (R-hat within RHAT_LIMIT), else the one with more bulk
    ESS of N per work by more than RACE_NOISE, else the cheaper sweep (SWEEP_WORK): its
    mixing per sweep is not measurably worse and it runs more sweeps in the same CPU time."""
    mixed = race[race["rhat"] <= RHAT_LIMIT]
    if len(mixed) == 1:
        return str(mixed.iloc[0]["sampler"])
    ranked = race.sort_values("ess_per_work", kind="stable")
    best, other = ranked.iloc[-1], ranked.iloc[0]
    if best["ess_per_work"] > RACE_NOISE * other["ess_per_work"]:
        return str(best["sampler"])
    return min(race["sampler"], key=lambda sampler: SWEEP_WORK[sampler])


def _map(pool, function, items) -> list:
    if pool is None:
        return [function(item) for item in items]
    return list(pool.map(function, items))


def run_on_target(ess_target: float | None, draws: int | None) -> float | None:
    """The bulk ESS chains run on towards: `ess_target`, else ESS_MINIMUM for a run of the
    default length (`draws` None); draws given are a run the caller chose (the linkage
    replicates' share, a benchmark's lengths), so None."""
    if ess_target is not None:
        return ess_target
    return ESS_MINIMUM if draws is None else None


def sweeps_cap(max_sweeps: int | None, run: int, sampler: str = "nuts") -> int:
    """Iterations per chain the run-on stops at: `max_sweeps`, else RUN_ON_LIMIT runs
    (NUTS) or GIBBS_RUN_ON_LIMIT runs' work (a Gibbs sweep costing SWEEP_WORK)."""
    if max_sweeps is not None:
        return max_sweeps
    if sampler in SWEEP_WORK:
        return round(GIBBS_RUN_ON_LIMIT * run / SWEEP_WORK[sampler])
    return RUN_ON_LIMIT * run


def short_of_target(draws: np.ndarray, rhat: float, ess: float, target: float) -> bool:
    """Whether chains x draws of one quantity (with its R-hat and bulk ESS) should run on:
    short of the ESS target or of R-hat RHAT_LIMIT, unless the chains sit in modes apart:
    each chain alone has mixed (a bulk ESS of ESS_MINIMUM or more) and still they
    disagree. Running on does not bring them together (an 8-list table of lists that
    depend on each other: each chain 430-770, R-hat 1.95); chains that crawl (the collapsed
    sweep on a sparse table) have mixed in none. Each chain, not the chains together, needs
    ESS_MINIMUM: at ESS_MINIMUM / chains a chain's own mean is too rough to call an R-hat
    just over the limit (up to 1.03) a split (the demo's pooled table stopped so at 1.012, no chain apart).
    A quantity that never moves (no ESS) has nothing to wait for."""
    if not np.isfinite(ess) or (ess >= target and rhat <= RHAT_LIMIT):
        return False
    if rhat > RHAT_LIMIT and len(draws) > 1:
        alone = [mcmc_diagnostics.ess_bulk(chain[None, :]) for chain in draws]
        return min(alone) < ESS_MINIMUM
    return True


def run_chains(pool, start, generators, lengths, diagnose, short_of_target, resume=None):
    """Start a chain per generator, run burn-in and draws x thin iterations each, and run
    them on (doubling the draws kept) while `short_of_target()` says so after
    `diagnose(pieces)`, up to `max_sweeps` iterations per chain. The chains continue where
    they stopped, so the draws are those of one run of the final length. `lengths` is
    (burnin, draws, thin, max_sweeps); returns (chains, iterations per chain, pieces), a
    piece holding each chain's `advance` result. `resume`, such a result, runs those chains
    on instead of starting new ones. Shuts the thread pool down."""
    burnin, draws, thin, max_sweeps = lengths
    try:
        if resume is None:
            chains = _map(pool, start, generators)
            sweeps = burnin + draws * thin
            pieces = [_map(pool, lambda chain: chain.advance(0, sweeps), chains)]
        else:
            chains, sweeps, pieces = resume
        diagnose(pieces)
        while short_of_target() and sweeps < max_sweeps:
            more = min(sweeps - burnin, max_sweeps - sweeps)
            more -= more % thin
            if more <= 0:
                break
            pieces.append(
                _map(pool, lambda chain, first=sweeps, n=more: chain.advance(first, n), chains)
            )
            sweeps += more
            diagnose(pieces)
    finally:
        if pool is not None:
            pool.shutdown()
    return chains, sweeps, pieces


@dataclass(frozen=True)
class WarmStart:
    """States a fitted LCMCR's chains passed through (`LCMCR.stopped_`): per chain, its
    state at `snapshots` points evenly spread over its kept draws, the last where it
    stopped. A fit to a nearby table of the same lists starts chain c at the first state
    of chain c (`pick` chooses another), with the same sampler and (NUTS) the same step
    size and mass matrix, and needs only a short burn-in (LCMCR_WARM_BURNIN)."""

    sampler: str
    lists: tuple[str, ...]
    K: int
    chains: tuple[tuple[tuple[np.ndarray, ...], ...], ...]

    def pick(self, index: int) -> WarmStart:
        """The same start with chain c at its `index`-th state (cycling): fits started
        from different picks start from different draws of the earlier posterior."""
        chains = tuple((states[index % len(states)],) for states in self.chains)
        return dataclasses.replace(self, chains=chains)


class _Snapshotting:
    """A chain that keeps a copy of its state (`stopped()`) after the iterations `at`; it
    advances in pieces, which gives the draws of one run."""

    def __init__(self, chain, at: list[int]):
        self.chain, self.at, self.states = chain, at, []

    def advance(self, first: int, count: int):
        cuts = [a for a in self.at if first < a < first + count] + [first + count]
        pieces = []
        for cut in cuts:
            pieces.append(self.chain.advance(first, cut - first))
            if cut in self.at:
                self.states.append(self.chain.stopped())
            first = cut
        stats = [p[2] for p in pieces]
        return (
            np.concatenate([p[0] for p in pieces]),
            np.concatenate([p[1] for p in pieces]),
            None if stats[0] is None else np.concatenate(stats),
        )

    def __getattr__(self, name):
        return getattr(self.chain, name)


class ConvergenceWarning(RuntimeWarning):
    """The chains of N have not mixed (R-hat too high) or carry too few effective draws."""


class LCMCR:
    """Dirichlet-process latent class model for population size, fitted by MCMC.

    Parameters follow R's `lcmCR`: `K` classes (truncation), Gamma(`a_alpha`,
    `b_alpha`) prior on the concentration; Beta(`a_lambda`, `b_lambda`) prior on the
    capture probabilities (R's Beta(1, 1) by default; a small `a_lambda` admits classes
    the lists barely reach, and where the lists do not bound N above, the upper end of
    the interval follows it: docs/lcmcr.md). `burnin` iterations per chain are
    discarded (NUTS tunes its step size and mass matrix in them), then `draws` are
    kept per chain, one every `thin` iterations; left as None they follow the
    sampler (NUTS: 1,000, 1,000, 1; Gibbs: 5,000, 5,000, 4). `chains` independent
    chains run on `n_jobs` threads (default: one per core; pass 1 when strata
    already run in parallel processes). `seed` fixes every draw; None means the
    fixed `DEFAULT_SEED`.

    With `ess_target` (by default ESS_MINIMUM where `draws` is left unset), chains that
    fall short of it (bulk ESS of N) or of the R-hat limit are run on, doubling their kept
    draws each round, until they reach it, or `max_sweeps` iterations per chain (by default
    `sweeps_cap`: RUN_ON_LIMIT runs of NUTS, GIBBS_RUN_ON_LIMIT runs' work of a sweep), or
    the chains have mixed apart (each alone has, together they disagree: modes apart).
    Easy strata stop early, hard ones get the time. The extended draws are those one
    longer run would give (same seed, same prefix).

    `sampler="nuts"` runs the no-U-turn sampler on the posterior of the capture
    probabilities and weights with the classes, N and alpha summed out (N and alpha are
    then drawn given each position). `"collapsed"` is a Gibbs sweep with n0 and alpha
    updated with lambda and pi integrated out (`mh_attempts` Metropolis steps per class
    and sweep), and `"augmented"` is R's LCMCR sweep itself, kept to measure against.
    All three have the same stationary distribution. `"auto"` (default) chooses by
    measurement. Where the table has more observed patterns than the model has
    parameters, or many people (`choose_sampler`), it races NUTS against the collapsed
    sweep on short runs (`RACE_LENGTHS`) and takes the one with more bulk ESS of N per
    unit of work (the one whose chains agree, if only one's do; the lower R-hat if
    neither's do). Where a Gibbs sweep is to run, the collapsed sweep runs its first round;
    if that falls short of the ESS target or R-hat limit, R's sweep runs its first round
    too and the one `sweeps_winner` names runs on (`_race_sweeps`). The races' figures are
    in `race_` and their time counts in `seconds_`; `sampler_` says which ran. A NUTS fit that does not start warm starts its chains where short
    exploring runs found the most probable mode (`EXPLORE_PER_CHAIN`; their figures in
    `starts_`), unless `explore` is False or K has grown.

    Where `draws` is left unset and the truncation binds (`truncation_share_` above
    TRUNCATION_LIMIT: every class in use, the model asks for more), the fit is made again
    with twice the classes, up to `max_K`; `K_` is the K fitted, `grown_from_` the K
    values that bound (also in the summary's model), and `seconds_` and `work_` count every
    fit. Where the race ran, its NUTS trial decides before the full run, and the grown fit
    checks that reading over its first round: where its alpha leaves the smaller K's
    truncation unbound, the fit goes back to the smaller K (`refuted_` lists the K values
    left so). On 8 lists with directly dependent lists, K = 10's chains sat in
    configurations apart (R-hat 1.95) where K = 20's agreed (docs/lcmcr.md, Known limits).

    `warm_start` (another fit's `stopped_`, on a table of the same lists, K and chains)
    starts chain c at that fit's chain c's first kept state (see WarmStart), with its sampler (no race) and, for
    NUTS, its step size and mass matrix (no tuning), and its K where that fit grew it;
    `burnin` left as None is then
    LCMCR_WARM_BURNIN. The linkage replicates start so from the single clustering's fit:
    their tables differ from it by a few links, so the long burn-in that finds the
    posterior from nowhere is not needed again (docs/linkage_uncertainty.md). A warm start
    that does not fit the table (other lists) is ignored.

    After `fit`: `sampler_`, `N_draws_` (chains x draws), `n_observed_`, `lists_`,
    `rhat_`, `ess_` (bulk ESS of N), `ess_tail_`, `alpha_draws_`, `sweeps_`
    (iterations per chain, burn-in included), `seconds_`; for NUTS also
    `divergences_` (per chain, after tuning) and `leapfrog_steps_` (mean per draw),
    for the Gibbs samplers `acceptance_` (of the Metropolis steps); `work_` (in collapsed
    sweeps, exploring included: a leapfrog step counts 1 / `leapfrogs_per_sweep_`, what a
    sweep costs in leapfrog steps on this table and K, `lcmcr_work`; a NUTS draw's
    refresh as in `_draw_work`); `starts_` (NUTS: each exploring run's log
    posterior at its end, median N and work, and how many chains start there) and
    `chain_starts_` (the positions the chains started from, None where not explored);
    `rhat_path_` (R-hat of N after the run and each round of running on); `stopped_` (a
    WarmStart of `snapshots` states per chain) and `warm_started_` (whether this fit
    started from `warm_start`).
    """

    def __init__(
        self,
        K: int = EstimateSettings.K,
        a_alpha: float = LcmcrSettings.a_alpha,
        b_alpha: float = LcmcrSettings.b_alpha,
        a_lambda: float = LcmcrSettings.a_lambda,
        b_lambda: float = LcmcrSettings.b_lambda,
        burnin: int | None = LcmcrSettings.burnin,
        draws: int | None = LcmcrSettings.draws,
        thin: int | None = LcmcrSettings.thin,
        chains: int = EstimateSettings.chains,
        seed: int | None = None,
        n_jobs: int | None = LcmcrSettings.n_jobs,
        mh_attempts: int = LcmcrSettings.mh_attempts,
        sampler: str = LcmcrSettings.sampler,
        ess_target: float | None = LcmcrSettings.ess_target,
        max_sweeps: int | None = LcmcrSettings.max_sweeps,
        max_K: int = LcmcrSettings.max_K,
        explore: bool = True,
        warm_start: WarmStart | None = None,
        snapshots: int = 1,
    ):
        self.K = K
        self.a_alpha = a_alpha
        self.b_alpha = b_alpha
        self.a_lambda = a_lambda
        self.b_lambda = b_lambda
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
        self.max_K = max_K
        self.explore = explore
        self.warm_start = warm_start
        self.snapshots = snapshots

    def _run_lengths(self) -> tuple[int, int, int]:
        burnin, draws, thin = LCMCR_RUN_LENGTHS[self.sampler_]
        if self.warm_started_:
            burnin = LCMCR_WARM_BURNIN[self.sampler_]
        return (
            burnin if self.burnin is None else self.burnin,
            draws if self.draws is None else self.draws,
            thin if self.thin is None else self.thin,
        )

    def check(self) -> LCMCR:
        """Raise ConfigError naming the first bad setting ([estimate] K and chains, and
        [estimate.lcmcr]'s keys, checked as recount.toml is); callers such as `recount mse`
        check before they fit anything. Settings left as None take the chosen sampler's
        run lengths, which are valid."""
        EstimateSettings.check_keys(K=self.K, chains=self.chains)
        LcmcrSettings.check_keys(
            **{f.name: getattr(self, f.name) for f in dataclasses.fields(LcmcrSettings)}
        )
        return self

    def fit(self, patterns: pd.DataFrame) -> LCMCR:
        """Sample the posterior of N from a pattern table (0/1 list columns and `count`)
        or from one 0/1 row per person (no `count` column). A default run (`draws` unset)
        whose truncation binds is fitted again with twice the classes, up to `max_K`."""
        self.check()
        if COUNT in patterns.columns:
            table = validate_patterns(patterns)
        else:
            table = patterns_from_individuals(patterns, list(patterns.columns))
        lists = [c for c in table.columns if c != COUNT]
        self.lists_ = lists
        self.n_observed_ = int(table[COUNT].sum())
        warm = self._fitting_warm_start(lists)
        self.warm_started_ = warm is not None
        self.K_ = self.K if warm is None else warm.K
        growth = self._growth()
        self.grown_from_: list[int] = growth[: growth.index(self.K_)]  # a warm start's too
        seconds = work = 0.0
        self.grown_by_nuts_, self.race_, self.refuted_ = False, None, []
        self._race_starts: dict[int, tuple] = {}
        while True:
            outcome = self._fit_at(table, warm)
            seconds += self.seconds_
            work += self.work_
            if outcome == "refuted":
                # The grown fit's first round says the smaller K does not bind: back to it.
                self.refuted_.append(self.K_)
                self.K_ = self.grown_from_.pop()
                continue
            share = self.truncation_share_ if outcome == "fitted" else self.race_share_
            if self.refuted_ or not self._grows(share):
                break
            self.grown_by_nuts_ = outcome == "grow"
            self.grown_from_.append(self.K_)
            self.K_ = growth[growth.index(self.K_) + 1]
            warm = None
        self.seconds_, self.work_ = seconds, work
        self._warn_if_unconverged()
        return self

    def _explores(self) -> bool:
        """Whether cold NUTS chains start from exploring runs: not once K has grown. The
        configurations apart that exploring picks among came from a truncation that binds
        (the dependent 8-list table at K = 10); at K = 20 cold chains agree there."""
        return self.explore and not self.grown_from_

    def _growth(self) -> list[int]:
        """The K values a default fit can reach: K, then doubled up to `max_K`."""
        path = [self.K]
        while path[-1] < self.max_K:
            path.append(min(2 * path[-1], self.max_K))
        return path

    def _grows(self, share: float) -> bool:
        """Whether to fit again with twice the classes: a default run (`draws` unset) whose
        truncation binds (`share` above TRUNCATION_LIMIT) below `max_K` classes."""
        return self.draws is None and self.K_ < self.max_K and share > TRUNCATION_LIMIT

    def _fit_at(self, table: pd.DataFrame, warm: WarmStart | None) -> str:
        """One fit with K_ classes: "fitted"; "grow" where the race's NUTS trial already
        showed the truncation binding (`_grows`), so that no full run is spent on this K;
        "refuted" where a fit grown on that trial's reading finds, after its first round,
        that the smaller K does not bind (`_growth_refuted`), so that no full run is spent
        on this K either."""
        lists = self.lists_
        # C-ordered, writable copies, as the NUTS chains' starting sweeps and HLCMCR's pooled
        # table pass them: numba compiles a kernel once per array layout, and pandas gives a
        # read-only Fortran-ordered array here, so the Gibbs chain kernels compiled twice.
        cells = np.array(table[lists], dtype=np.uint8, order="C")
        counts = np.array(table[COUNT], dtype=np.int64)
        raced_seconds = 0.0
        raced_starts = None
        if warm is not None:
            self.sampler_ = warm.sampler
        elif self.sampler != "auto":
            self.sampler_ = self.sampler
        elif self.grown_by_nuts_:
            # The race's NUTS trial read the binding where the sweep's alpha crawled (the
            # dependent 8-list table: 0.17 against 0.03); at the grown K its short cold
            # trial has not settled (R-hat 1.78 against the sweep's 1.39), and the sweep
            # that won on R-hat crawled to its cap (R-hat 1.34, 561 CPU-s). NUTS runs.
            self.sampler_ = "nuts"
        elif choose_sampler(len(counts), len(lists), self.K_, self.n_observed_) == "collapsed":
            self.sampler_ = "collapsed"
        else:
            started = time.perf_counter()
            self.sampler_, race, raced_starts = self._race(table)
            self._race_starts[self.K_] = raced_starts
            self._add_race(race)
            raced_seconds = time.perf_counter() - started
            # NUTS's trial reads the truncation: it draws alpha from its conditional given
            # weights it moves all at once, where the collapsed sweep's alpha crawls (on the
            # dependent 8-list table at K = 10 NUTS 0.17, the sweep 0.03 after R-hat 1.39;
            # on the latent-class table NUTS 0.0, the sweep 0.06).
            nuts = race[race["sampler"] == "nuts"].iloc[0]
            self.race_share_ = float(nuts["truncation_share"])
            if self._grows(self.race_share_):
                self.seconds_, self.work_ = raced_seconds, float(race["work"].sum())
                return "grow"

        seed = DEFAULT_SEED if self.seed is None else self.seed
        started = time.perf_counter()
        raced_work = 0.0
        with _one_blas_thread() if self.sampler_ == "nuts" else nullcontext():
            stops = [c[0] for c in warm.chains] if warm is not None else [None] * self.chains
            self.starts_, positions = None, [None] * self.chains
            raced_starts = raced_starts or self._race_starts.get(self.K_)
            if self.sampler_ == "nuts" and raced_starts is not None:
                # The race's NUTS run explored with the same seed: the same starts.
                self.starts_, positions = raced_starts
            elif self.sampler_ == "nuts" and warm is None and self._explores():
                self.starts_, positions = self._explore(seed, cells, counts)
            self.chain_starts_ = positions
            if self.sampler == "auto" and warm is None and self.sampler_ == "collapsed":
                (chains, sweeps, pieces), raced_work = self._race_sweeps(seed, cells, counts)
            elif self.grown_by_nuts_ and self.grown_from_ and warm is None:
                first = self._sample(seed, stops, positions, cells, counts, first=True)
                if self._growth_refuted():
                    self.seconds_ = time.perf_counter() - started
                    self.work_ = self._nuts_work(first[1], first[2], counts)
                    return "refuted"
                chains, sweeps, pieces = self._sample(
                    seed, stops, positions, cells, counts, resume=first
                )
            else:
                chains, sweeps, pieces = self._sample(seed, stops, positions, cells, counts)
        self.stopped_ = WarmStart(
            self.sampler_, tuple(lists), self.K_, tuple(tuple(c.states) for c in chains)
        )
        self.seconds_ = time.perf_counter() - started + raced_seconds
        self.sweeps_ = sweeps
        if self.sampler_ == "nuts":
            stats = self._nuts_stats(pieces)
            self.divergences_ = np.array([int(s[:, 2].sum()) for s in stats])
            self.leapfrog_steps_ = float(np.mean([s[:, 1].mean() for s in stats]))
            self.work_ = self._nuts_work(sweeps, pieces, counts)
        else:
            self.acceptance_ = np.stack([chain.acceptance() for chain in chains])
            self.work_ = sweeps * self.chains * SWEEP_WORK[self.sampler_] + raced_work
        return "fitted"

    def _nuts_stats(self, pieces: list) -> list[np.ndarray]:
        """Per chain, every kept NUTS draw's (acceptance, leapfrog steps, diverged, depth)."""
        return [np.concatenate([piece[c][2] for piece in pieces]) for c in range(self.chains)]

    def _nuts_work(self, sweeps: int, pieces: list, counts: np.ndarray) -> float:
        """A NUTS fit's work in collapsed sweeps: exploring runs, draws, warm-up sweeps."""
        explored = 0.0 if self.starts_ is None else float(self.starts_["work"].sum())
        per_sweep = self._leapfrogs_per_sweep(counts)
        stats = self._nuts_stats(pieces)
        drawn = sweeps * sum(_draw_work(float(s[:, 1].mean()), per_sweep) for s in stats)
        return explored + drawn + WARM_SWEEPS * self.chains

    def _growth_refuted(self) -> bool:
        """Whether a fit grown on the race's short NUTS trial (`grow`) has, over its first
        round, fallen short of its target (R-hat of N above RHAT_LIMIT or its bulk ESS under
        the run-on's target) and reads the smaller K's truncation as not binding: its alpha
        leaves at most TRUNCATION_LIMIT past class K - 1 of the smaller K. A first round that
        met the target keeps the grown K: going back would spend another run, at a K whose
        own reading binds. The trial's reading is 200 draws of cold chains; on a 6-list
        table of 69,727 people (100,000 people of `reached`, worn seed 1601) it read 0.079 at
        K = 10 (a full run at K = 10: 0.055, R-hat 1.006) while the fit grown to K = 20 held
        most classes empty (alpha below 1.5), and NUTS there diverged on 45-93% of its draws
        for R-hat 1.47, ESS 8 at its cap. On the 8-list opposed_coverage table the going back
        is a loss (K = 10 crawls to its cap, 1.8x R's ESS per CPU second against 42x at
        K = 20) that this does not mend: K = 20's first round there reads R-hat 1.021
        (docs/bench/estimate.md section 25)."""
        target = run_on_target(self.ess_target, self.draws)
        if self.rhat_ <= RHAT_LIMIT and self.ess_ >= target:
            return False
        smaller = self.grown_from_[-1]
        alpha = self.alpha_draws_.ravel()
        return float(np.median((alpha / (1.0 + alpha)) ** (smaller - 1))) <= TRUNCATION_LIMIT

    def _pool(self) -> ThreadPoolExecutor | None:
        """Threads for the chains (None: one after the other); `run_chains` shuts it down."""
        workers = self.n_jobs or min(self.chains, os.cpu_count() or 1)
        return ThreadPoolExecutor(max_workers=workers) if workers > 1 else None

    def _race_sweeps(self, seed: int, cells, counts) -> tuple[tuple, float]:
        """`auto`'s Gibbs sweeps: the collapsed sweep's first round (the default run); where
        it falls short of the target (`short_of_target`), R's augmented sweep's first round
        too, from the same seed, and the sweep `sweeps_winner` names runs on from where its
        round stopped, so only the other's round is spent (the demo's pooled table: equal
        mixing per sweep, 0.7 of the cost). The rounds' figures are appended to `race_`.
        Returns `run_chains`' result and the other round's work."""
        target = run_on_target(self.ess_target, self.draws)
        rows, rounds, nowhere = [], {}, [None] * self.chains
        for sampler in SWEEP_WORK:
            self.sampler_ = sampler
            started = time.perf_counter()
            rounds[sampler] = self._sample(seed, nowhere, nowhere, cells, counts, first=True)
            work = rounds[sampler][1] * self.chains * SWEEP_WORK[sampler]
            ess = self.ess_ if np.isfinite(self.ess_) else 0.0
            seconds = time.perf_counter() - started
            figures = (ess, ess / work, self.rhat_, self.truncation_share_)
            rows.append((self.K_, sampler, seconds, work, *figures))
            if target is None or not short_of_target(self.N_draws_, self.rhat_, self.ess_, target):
                break
        race = pd.DataFrame(rows, columns=RACE_COLUMNS)
        self.sampler_ = sweeps_winner(race)
        self._add_race(race)
        other = float(race.loc[race["sampler"] != self.sampler_, "work"].sum())
        resume = rounds[self.sampler_]
        return self._sample(seed, nowhere, nowhere, cells, counts, resume=resume), other

    def _add_race(self, race: pd.DataFrame) -> None:
        """Append a race's figures to `race_`, which keeps every K's (column K)."""
        self.race_ = (
            race if self.race_ is None else pd.concat([self.race_, race], ignore_index=True)
        )

    def _fitting_warm_start(self, lists: list[str]) -> WarmStart | None:
        warm = self.warm_start
        if warm is None or warm.lists != tuple(lists) or warm.K not in self._growth():
            return None
        if len(warm.chains) != self.chains or self.sampler not in ("auto", warm.sampler):
            return None
        return warm

    def _race(self, table: pd.DataFrame) -> tuple[str, pd.DataFrame, tuple]:
        """Short runs of NUTS and the collapsed sweep with the same chains and seed; the
        sampler with more bulk ESS of N per unit of work (`work_`) wins, unless only the
        other's chains agree (R-hat within RHAT_LIMIT); if neither's do, the lower R-hat
        (ESS per work of chains that disagree compares noise: a 6-list table of 70,000
        people, NUTS 1.019 and collapsed 1.819, gave the sweep 3x the ESS per work).
        Work, not seconds, so that the choice (and every draw after it) does not depend on
        the machine's load. Returns
        the winner, the race's figures and the NUTS run's starts (`_explore`)."""
        rows = []
        for sampler, (burnin, draws, thin) in RACE_LENGTHS.items():
            trial = LCMCR(
                K=self.K_,
                a_alpha=self.a_alpha,
                b_alpha=self.b_alpha,
                a_lambda=self.a_lambda,
                b_lambda=self.b_lambda,
                burnin=burnin,
                draws=draws,
                thin=thin,
                chains=self.chains,
                seed=self.seed,
                n_jobs=self.n_jobs,
                mh_attempts=self.mh_attempts,
                sampler=sampler,
                explore=self._explores(),
            )
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", ConvergenceWarning)
                trial.fit(table)
            if sampler == "nuts":
                nuts_starts = (trial.starts_, trial.chain_starts_)
            ess = trial.ess_ if np.isfinite(trial.ess_) else 0.0
            rows.append(
                (
                    self.K_,
                    sampler,
                    trial.seconds_,
                    trial.work_,
                    ess,
                    ess / trial.work_,
                    trial.rhat_,
                    trial.truncation_share_,
                )
            )
        race = pd.DataFrame(rows, columns=RACE_COLUMNS)
        return race_winner(race), race, nuts_starts

    def _sample(self, seed, stops, positions, cells, counts, first=False, resume=None):
        """`run_chains` with this fit's sampler and lengths: only the first round with
        `first`, or on from `resume` (an earlier call's result)."""
        burnin, draws, thin = self._run_lengths()
        self.rhat_path_ = []
        kept = draws * thin
        at = [burnin + round(kept * (i + 1) / self.snapshots) for i in range(self.snapshots)]
        run = burnin + draws * thin
        cap = sweeps_cap(self.max_sweeps, run, self.sampler_)
        generators = [
            np.random.default_rng(s) for s in np.random.SeedSequence(seed).spawn(self.chains)
        ]
        return run_chains(
            self._pool(),
            lambda start: _Snapshotting(self._start(*start, cells, counts, burnin, thin), at),
            list(zip(generators, stops, positions, strict=True)),
            (burnin, draws, thin, cap),
            self._diagnose,
            (lambda: False) if first else self._short_of_target,
            resume,
        )

    def _explore(self, seed, cells, counts) -> tuple[pd.DataFrame, list[np.ndarray]]:
        """Where the chains start (EXPLORE_PER_CHAIN): the end points of the short NUTS runs
        with the highest log posterior there, one chain each; and each run's figures."""
        n = EXPLORE_PER_CHAIN * self.chains
        seeds = np.random.SeedSequence(seed).spawn(self.chains + n)[self.chains :]
        priors = self._priors()
        tune, draws = EXPLORE_LENGTHS
        per_sweep = self._leapfrogs_per_sweep(counts)

        def explore(rng):
            chain = Chain(rng, cells, counts, *priors, tune)
            found, _, stats = chain.advance(0, tune + draws)
            position = chain.stopped()[0]
            work = (tune + draws) * _draw_work(float(stats[:, 1].mean()), per_sweep) + WARM_SWEEPS
            return position, chain.log_density(position), float(np.median(found)), work

        pool = self._pool()
        try:
            ends = _map(pool, explore, [np.random.default_rng(s) for s in seeds])
        finally:
            if pool is not None:
                pool.shutdown()
        log_density = np.array([e[1] for e in ends])
        chosen = np.argsort(-log_density, kind="stable")[: self.chains]
        starts = pd.DataFrame(
            {
                "log_density": log_density,
                "N_median": [e[2] for e in ends],
                "work": [e[3] for e in ends],
                "chains": np.bincount(chosen, minlength=n),
            }
        )
        return starts, [ends[i][0] for i in chosen]

    def _leapfrogs_per_sweep(self, counts: np.ndarray) -> float:
        """What a collapsed sweep costs in NUTS leapfrog steps on this table at K_; kept in
        `leapfrogs_per_sweep_`."""
        self.leapfrogs_per_sweep_ = leapfrogs_per_sweep(
            counts, len(self.lists_), self.K_, self.mh_attempts
        )
        return self.leapfrogs_per_sweep_

    def _priors(self) -> tuple:
        """K and the priors' shapes, in the order the chains take them."""
        shapes = (self.a_alpha, self.b_alpha, self.a_lambda, self.b_lambda)
        return (self.K_, *(float(shape) for shape in shapes))

    def _start(self, rng, stopped, position, cells, counts, burnin: int, thin: int):
        priors = self._priors()
        if self.sampler_ == "nuts":
            return Chain(rng, cells, counts, *priors, burnin, thin, stopped, position)
        collapsed = self.sampler_ == "collapsed"
        return GibbsChain(
            rng, cells, counts, *priors, burnin, thin, self.mh_attempts, collapsed, stopped
        )

    def _diagnose(self, pieces: list) -> None:
        self.N_draws_ = np.concatenate([np.stack([r[0] for r in p]) for p in pieces], axis=1)
        self.alpha_draws_ = np.concatenate([np.stack([r[1] for r in p]) for p in pieces], axis=1)
        self.rhat_ = mcmc_diagnostics.rhat(self.N_draws_)
        self.ess_ = mcmc_diagnostics.ess_bulk(self.N_draws_)
        self.ess_tail_ = mcmc_diagnostics.ess_tail(self.N_draws_)

    def _short_of_target(self) -> bool:
        target = run_on_target(self.ess_target, self.draws)
        if target is None:
            return False
        self.rhat_path_.append(self.rhat_)
        return short_of_target(self.N_draws_, self.rhat_, self.ess_, target)

    def _warn_if_unconverged(self) -> None:
        problems = []
        if np.isfinite(self.rhat_) and self.rhat_ > RHAT_LIMIT:
            problems.append(f"R-hat of N is {self.rhat_:.3f} (> {RHAT_LIMIT})")
        for name, value in (("bulk", self.ess_), ("tail", self.ess_tail_)):
            if np.isfinite(value) and value < ESS_MINIMUM:
                problems.append(f"{name} ESS of N is {value:.0f} (< {ESS_MINIMUM})")
        if problems:
            warnings.warn(
                "LCMCR chains may not have converged: "
                + "; ".join(problems)
                + ". Run more draws (draws=, burnin=) before trusting the interval.",
                ConvergenceWarning,
                stacklevel=3,
            )
        if self.truncation_share_ > TRUNCATION_LIMIT:
            grown = f" (grown from K={self.grown_from_[0]})" if self.grown_from_ else ""
            warnings.warn(
                f"LCMCR's {self.K_} latent classes{grown} are all in use (alpha "
                f"{np.median(self.alpha_draws_):.2f} leaves a share of "
                f"{self.truncation_share_:.2f} past class {self.K_ - 1}): the model wants "
                f"more classes, and its chains can sit in configurations apart. Fit with a "
                f"larger K (K={2 * self.K_}, max_K={2 * self.K_}) before trusting the interval.",
                ConvergenceWarning,
                stacklevel=3,
            )

    def interval(self, alpha: float = ALPHA) -> tuple[float, float]:
        """Equal-tailed (1 - alpha) posterior interval of N over every chain's draws."""
        if not hasattr(self, "N_draws_"):
            raise RuntimeError("call fit() before interval()")
        check_alpha(alpha)
        lower, upper = np.quantile(self.N_draws_.ravel(), [alpha / 2, 1 - alpha / 2])
        return float(lower), float(upper)

    @property
    def N_(self) -> float:
        """Posterior median of N."""
        return float(np.median(self.N_draws_))

    def summary(self, alpha: float = ALPHA) -> pd.DataFrame:
        """The protocol's row: posterior median, (1 - alpha) interval, R-hat and bulk ESS of N."""
        interval = self.interval(alpha)
        grown = f" (grown from {self.grown_from_[0]})" if self.grown_from_ else ""
        label = f"K={self.K_}{grown}, {self.sampler_}"
        return summary_frame(
            "lcmcr", self.N_, interval, self.n_observed_, label, self.rhat_, self.ess_
        )

    @property
    def truncation_share_(self) -> float:
        """Posterior median of (alpha / (1 + alpha))^(K - 1): the share of the people the
        stick-breaking prior leaves past the first K - 1 classes, given alpha. Above
        TRUNCATION_LIMIT the K classes are all in use and a larger K is the model asked for.
        0 at K = 1: one class is a model chosen (no stick, no alpha), not a truncation."""
        if self.K_ == 1:
            return 0.0
        alpha = self.alpha_draws_.ravel()
        return float(np.median((alpha / (1.0 + alpha)) ** (self.K_ - 1)))

    def flags(self) -> list[str]:
        """`poor_convergence` when R-hat of N > RHAT_LIMIT or its bulk ESS < ESS_MINIMUM;
        `truncation_binds` when the K classes are all in use (TRUNCATION_LIMIT)."""
        flags = [] if converged(self.rhat_, self.ess_) else ["poor_convergence"]
        if self.truncation_share_ > TRUNCATION_LIMIT:
            flags.append("truncation_binds")
        return flags


class GibbsChain:
    """One chain of the Gibbs samplers (`_lcmcr_sampler`), with the interface of the NUTS
    chain: `advance(first, count)` returns the kept (N, alpha) and no per-draw stats.

    With `stopped` (another chain's `stopped()`) the chain starts from that state, with
    its tuned Metropolis scales and no further tuning; its first `burnin` sweeps are
    discarded."""

    def __init__(
        self,
        rng,
        cells,
        counts,
        n_classes,
        a_alpha,
        b_alpha,
        a_lambda,
        b_lambda,
        burnin,
        thin,
        attempts,
        collapsed,
        stopped=None,
    ):
        self.rng = rng
        self.data = (cells, counts)
        self.priors = (a_alpha, b_alpha, a_lambda, b_lambda)
        self.burnin = burnin
        if stopped is None:
            # As R's LCMCR: up to 500 warm-up sweeps without alpha updates, within burn-in.
            self.schedule = (burnin, thin, attempts, min(500, burnin // 2), collapsed)
            self.state = start_chain(rng, cells, counts, n_classes)
        else:
            # The sampler sees no burn-in (so tunes nothing); the sweeps before `burnin`
            # are dropped here.
            self.schedule = (0, thin, attempts, 0, collapsed)
            self.state = tuple(part.copy() for part in stopped)
            self.state[STATE.index("accepted")][:] = 0
        self.kept_sweeps = 0

    def advance(self, first: int, count: int):
        draws, alphas = advance_chain(
            self.rng, *self.data, self.state, *self.priors, first, count, *self.schedule
        )
        tuned, thin, attempts, _, _ = self.schedule
        self.kept_sweeps = max(0, first + count - tuned) * attempts
        if tuned < self.burnin:
            sweeps = first + np.arange(len(draws)) * thin + (thin - 1 - first % thin)
            draws, alphas = draws[sweeps >= self.burnin], alphas[sweeps >= self.burnin]
        return draws, alphas, None

    def stopped(self) -> tuple[np.ndarray, ...]:
        """The chain's state (STATE), copied: what a chain on a nearby table starts from."""
        return tuple(part.copy() for part in self.state)

    def acceptance(self) -> np.ndarray:
        """Share of accepted Metropolis steps of n0 since burn-in, per class."""
        return self.state[STATE.index("accepted")] / max(1.0, float(self.kept_sweeps))
