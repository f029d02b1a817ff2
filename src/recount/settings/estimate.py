"""`[estimate]`, `[estimate.lcmcr]` and `[estimate.hlcmcr]`: multiple systems estimation.

Every default of the estimate stage, of `recount mse` and of the estimators'
constructors is here, once: the methods, K, chains, the seed, the draws totals
add, LCMCR's options and run lengths, the convergence limits.
"""

from __future__ import annotations

from dataclasses import dataclass

from recount.settings.base import Section, Where, setting

# `[estimate] linkage_draws = "auto"`: this many plausible clusterings where labels can
# calibrate the match probabilities (recount.estimate.linkage_stage.auto_linkage_draws).
LINKAGE_DRAWS_AUTO = "auto"
AUTO_LINKAGE_DRAWS = 20

# persons' count of the records naming a person: set by the capture, as the in_* columns are.
CAPTURE_COUNT = "n_records"

# hlcmcr: one hierarchical model over every stratum; the others stratum by stratum.
METHODS = ("hlcmcr", "lcmcr", "loglinear", "dga", "chapman")
ENGINES = ("processes", "spark")  # the first unless [link] backend is spark
CRITERIA = ("aic", "bic")


# LCMCR's samplers, and each one's burn-in (NUTS: tuning), draws kept per chain and
# thinning when not given.
LCMCR_SAMPLERS = ("auto", "nuts", "collapsed", "augmented")
LCMCR_RUN_LENGTHS = {
    "nuts": (1_000, 1_000, 1),
    "collapsed": (5_000, 5_000, 4),
    "augmented": (5_000, 5_000, 4),
}
# Burn-in of a chain that starts where a fit to a nearby table stopped (LCMCR's
# `warm_start`: the linkage replicates start from the single clustering's chains). NUTS
# keeps that fit's step size and mass matrix and does not tune again.
LCMCR_WARM_BURNIN = {"nuts": 100, "collapsed": 500, "augmented": 1_000}
# Vehtari et al. (2021): R-hat below 1.01 and a bulk ESS of 400 or more.
RHAT_LIMIT = 1.01
ESS_MINIMUM = 400
# Chains too short for RHAT_LIMIT to mean what it says (the linkage replicates': a few
# effective draws each) are read against converged chains of their length; an excess
# above RHAT_LIMIT flags them only where chance at that length would give it less often
# than this (`mcmc_diagnostics.rhat_against`).
EXCESS_SIGNIFICANCE = 0.001
# LCMCR chains of the default length short of ESS_MINIMUM or RHAT_LIMIT run on (doubling
# their kept draws) up to this many times the chosen sampler's run, unless `max_sweeps`
# says otherwise: the demo's pooled table (14,186 people, 5 lists) leaves the collapsed
# sweep at R-hat 1.10-1.13, ESS 22-29 in its default run (docs/lcmcr.md).
RUN_ON_LIMIT = 16
# ... and the Gibbs sweeps up to this many times the collapsed sweep's run, in CPU (R's
# sweep, cheaper, runs more sweeps): a sweep's run is cheap, and on a crawl short. On the
# demo's pooled table (N's autocorrelation about 5,500 sweeps) R's sweep stopped at 16
# runs' CPU (571,000 sweeps a chain) at R-hat 1.021, ESS 334 on the stage's seed.
GIBBS_RUN_ON_LIMIT = 32
# A default LCMCR fit whose truncation binds (docs/lcmcr.md) is fitted again with twice
# the classes, up to this many: on 8 lists with directly dependent lists and a hard-to-reach
# group, K = 10's chains sit in configurations apart (R-hat 1.95) and K = 20's agree.
LCMCR_MAX_K = 20
# Beta(a_lambda, b_lambda), the latent classes' capture probabilities' prior in LCMCR and
# HLCMCR: R's LCMCR's uniform Beta(1, 1).
CAPTURE_PRIOR = (1.0, 1.0)
# ... and the prior the headline total is refitted under to show what the lists leave open
# (recount.estimate.sensitivity): it admits classes the lists barely reach.
SENSITIVITY_PRIOR = (0.1, 1.0)
# HLCMCR's draws kept per chain when `draws` is not given (then run on as LCMCR's).
HLCMCR_DRAWS = 1_000


def default_draws(sampler: str = "auto") -> int:
    """LCMCR's draws kept per chain when `draws` is not given (for "auto", the smaller)."""
    if sampler == "auto":
        return min(lengths[1] for lengths in LCMCR_RUN_LENGTHS.values())
    return LCMCR_RUN_LENGTHS[sampler][1]


@dataclass(frozen=True)
class LcmcrSettings(Section):
    """LCMCR's own options (its constructor's defaults are these). K, chains and seed are
    [estimate] keys. burnin, draws and thin left unset take the chosen sampler's run lengths."""

    NAME = "estimate.lcmcr"

    a_alpha: float = setting(0.25, "Gamma prior of the stick-breaking alpha: shape",
                             minimum=0, open_interval=True)  # fmt: skip
    b_alpha: float = setting(0.25, "... and rate", minimum=0, open_interval=True)
    a_lambda: float = setting(
        CAPTURE_PRIOR[0], "Beta prior of the classes' capture probabilities: first shape (R's "
        "uniform prior; below 1 admits people the lists barely reach, docs/lcmcr.md)",
        minimum=0, open_interval=True,
    )  # fmt: skip
    b_lambda: float = setting(CAPTURE_PRIOR[1], "... and second shape", minimum=0,
                              open_interval=True)  # fmt: skip
    burnin: int | None = setting(None, "iterations discarded per chain (NUTS tunes in them)",
                                 minimum=0)  # fmt: skip
    draws: int | None = setting(None, "draws kept per chain", minimum=4)
    thin: int | None = setting(None, "keep every thin-th draw", minimum=1)
    n_jobs: int | None = setting(None, "threads for the chains (default: one per chain)",
                                 minimum=1)  # fmt: skip
    mh_attempts: int = setting(3, "Gibbs: Metropolis steps per class and sweep", minimum=1)
    sampler: str = setting(
        "auto", "auto (the faster by a race: NUTS where the table identifies the model, "
        "the collapsed or R's sweep), nuts, collapsed or augmented (R's sweep)", choices=LCMCR_SAMPLERS,
    )  # fmt: skip
    ess_target: float | None = setting(
        None, f"run the chains on until the ESS of N reaches this and R-hat {RHAT_LIMIT} "
        f"(default: {ESS_MINIMUM} where draws is left unset, none where it is given)",
        minimum=0, open_interval=True,
    )  # fmt: skip
    max_sweeps: int | None = setting(
        None, f"... but no more iterations per chain than this (default: {RUN_ON_LIMIT} "
        "times the chosen sampler's run)", minimum=1,
    )  # fmt: skip
    max_K: int = setting(
        LCMCR_MAX_K, "where draws is left unset and the truncation binds (every class in use), "
        "fit again with twice the classes, up to this many ([estimate] K or less: never)",
        minimum=1,
    )  # fmt: skip

    def draws_per_chain(self) -> int:
        return self.draws if self.draws is not None else default_draws(self.sampler)


@dataclass(frozen=True)
class HlcmcrSettings(Section):
    """The hierarchical LCMCR's own options (recount.estimate.hlcmcr). K, chains and seed
    are [estimate] keys."""

    NAME = "estimate.hlcmcr"

    a_alpha: float = setting(0.25, "Gamma prior of the shared stick-breaking alpha: shape",
                             minimum=0, open_interval=True)  # fmt: skip
    b_alpha: float = setting(0.25, "... and rate", minimum=0, open_interval=True)
    tau_scale: float = setting(
        1.0, "scale of the half-normal priors on how far strata depart from the shared "
        "class weights and list coverage", minimum=0, open_interval=True,
    )  # fmt: skip
    a_lambda: float = setting(
        CAPTURE_PRIOR[0], "Beta prior of the classes' capture probabilities: first shape",
        minimum=0, open_interval=True,
    )  # fmt: skip
    b_lambda: float = setting(CAPTURE_PRIOR[1], "... and second shape", minimum=0,
                              open_interval=True)  # fmt: skip
    burnin: int = setting(1_000, "NUTS tuning iterations per chain", minimum=1)
    draws: int | None = setting(
        None, f"draws kept per chain (default: {HLCMCR_DRAWS}, run on as ess_target says)",
        minimum=4,
    )  # fmt: skip
    thin: int = setting(1, "keep every thin-th draw", minimum=1)
    n_jobs: int | None = setting(None, "threads for the chains (default: [estimate] workers)",
                                 minimum=1)  # fmt: skip
    ess_target: float | None = setting(
        None, f"run the chains on until every stratum's and the total's ESS of N reaches this "
        f"and R-hat {RHAT_LIMIT} (default: {ESS_MINIMUM} where draws is left unset)",
        minimum=0, open_interval=True,
    )  # fmt: skip
    # One round of running on: 154 strata x 6 lists then take about 5 minutes on 2 cores
    # (issue #15's budget); LCMCR's 16 runs would take an hour there (docs/lcmcr.md).
    max_sweeps: int = setting(3_000, "... but no more iterations per chain than this",
                              minimum=1)  # fmt: skip

    def draws_per_chain(self) -> int:
        return HLCMCR_DRAWS if self.draws is None else self.draws


@dataclass(frozen=True)
class EstimateSettings(Section):
    NAME = "estimate"

    strata: tuple[str, ...] = setting(
        (),
        "persons fields (or year, half_year, quarter, year_month) to estimate within",
        single=True,
    )
    pooled: tuple[str, ...] | None = setting(
        None,
        "levels also estimated from one pooled table (default: total, with strata)",
        single=True,
    )
    methods: tuple[str, ...] = setting(
        ("lcmcr", "loglinear", "dga"),
        "methods to fit in every stratum (with exactly two lists, chapman is added: the "
        "others need three)",
        choices=METHODS,
        single=True,
    )
    K: int = setting(10, "LCMCR: latent classes (truncation)", minimum=1)
    chains: int = setting(4, "LCMCR: chains per stratum", minimum=1)
    seed: int = setting(20111, "each stratum's seed derives from this and its key", minimum=0)
    draws: int = setting(1000, "posterior draws per stratum that coarser levels add", minimum=10)
    min_records: int = setting(30, "strata with fewer documented people are not estimated",
                               minimum=1)  # fmt: skip
    small_stratum: int = setting(1000, "strata below this many people are flagged small",
                                 minimum=0)  # fmt: skip
    impute_unknown_strata: bool = setting(
        True,
        "people of unknown stratum (no record gives the year or place) take one drawn from "
        "people on the same lists; false: they form a stratum of their own",
    )
    criterion: str = setting("bic", "log-linear model search criterion", choices=CRITERIA)
    delta: float | None = setting(
        None, "dga's hyper-Dirichlet parameter (default 2^-lists)", minimum=0, open_interval=True
    )
    workers: int = setting(2, "worker processes", minimum=1)
    engine: str | None = setting(
        None, "processes or spark (default: spark when [link] backend is spark)", choices=ENGINES
    )
    # auto: the draws need calibrated match probabilities. Without labels, on lists that
    # link badly (the simulator's sparse regime) Splink's were under-confident and the
    # draws broke true links: the pooled total +22.8% where the single clustering's was
    # +11.0%; with an audit they follow the labels (note 100).
    linkage_draws: int | str = setting(
        LINKAGE_DRAWS_AUTO,
        "plausible clusterings the estimate pools over, so its interval carries linkage error "
        f"(0: the single clustering; auto: {AUTO_LINKAGE_DRAWS} once labels (review or audit "
        "answers) can calibrate the match probabilities, else 0; docs/linkage_uncertainty.md)",
        minimum=0,
    )
    prior_sensitivity: bool = setting(
        True,
        "refit the headline total (when LCMCR's or HLCMCR's) by LCMCR on the pooled table under "
        "a capture prior that admits people the lists barely reach, Beta(sensitivity_a_lambda, "
        "sensitivity_b_lambda), and show where its interval ends (docs/estimate.md)",
    )
    sensitivity_a_lambda: float = setting(
        SENSITIVITY_PRIOR[0], "that capture prior's first shape ([estimate.lcmcr] a_lambda is "
        "the headline's)", minimum=0, open_interval=True,
    )  # fmt: skip
    sensitivity_b_lambda: float = setting(SENSITIVITY_PRIOR[1], "... and second shape",
                                          minimum=0, open_interval=True)  # fmt: skip
    lcmcr: LcmcrSettings = setting(LcmcrSettings(), "[estimate.lcmcr]: LCMCR's own options")
    hlcmcr: HlcmcrSettings = setting(
        HlcmcrSettings(), "[estimate.hlcmcr]: the hierarchical LCMCR's own options"
    )

    def engine_for(self, link_backend: str | None = None) -> str:
        """`engine`, or when unset: spark when [link] backend is spark, else processes."""
        if self.engine is not None:
            return self.engine
        return "spark" if link_backend == "spark" else ENGINES[0]

    @property
    def pooled_levels(self) -> tuple[str, ...]:
        if self.pooled is not None:
            return self.pooled
        return ("total",) if self.strata else ()

    def check(self, where: Where) -> None:
        if len(set(self.strata)) != len(self.strata):
            raise where.error(("strata",), "a field is named twice")
        for name in self.strata:
            if name.startswith("in_") or name == CAPTURE_COUNT:
                raise where.error(
                    ("strata",),
                    f"{name!r} cannot be a stratum (which lists hold a person is what the "
                    "estimate reads, not a category)",
                )
        if not self.methods:
            raise where.error(("methods",), "name at least one method")
        for level in self.pooled_levels:
            parts = [] if level == "total" else level.split("+")
            if not set(parts) <= set(self.strata) or len(parts) >= len(self.strata):
                raise where.error(
                    ("pooled",),
                    f"{level!r} is not a coarser level of strata {list(self.strata)}: "
                    "use 'total' or '+'-joined fields",
                )
        if isinstance(self.linkage_draws, str) and self.linkage_draws != LINKAGE_DRAWS_AUTO:
            raise where.error(
                ("linkage_draws",),
                f"expected {LINKAGE_DRAWS_AUTO}, 0 (off) or at least 2 plausible clusterings, "
                f"got {self.linkage_draws!r}",
            )
        if self.linkage_draws == 1:
            raise where.error(
                ("linkage_draws",), "expected 0 (off) or at least 2 plausible clusterings"
            )
        if "lcmcr" in self.methods:
            self._check_lcmcr(where)
        hlcmcr_draws = self.hlcmcr.draws_per_chain()
        if "hlcmcr" in self.methods and hlcmcr_draws * self.chains < self.draws:
            raise where.error(
                ("hlcmcr", "draws"),
                f"{self.chains} chains x {hlcmcr_draws} draws give fewer than the "
                f"{self.draws} draws per stratum that totals add ([estimate] draws)",
            )

    def _check_lcmcr(self, where: Where) -> None:
        """Totals add `draws` posterior draws per stratum, taken from chains x draws per chain."""
        per_chain = self.lcmcr.draws_per_chain()
        if per_chain * self.chains < self.draws:
            raise where.error(
                ("lcmcr", "draws"),
                f"{self.chains} chains x {per_chain} draws give fewer than the {self.draws} "
                "draws per stratum that totals add ([estimate] draws): raise one or lower the other",
            )
