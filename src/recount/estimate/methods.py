"""From settings to estimators: the one adapter the stage and `recount mse` share.

`make_estimator(method, options, seed)` builds the configured, unfitted estimator of a
per-stratum method; `fit_method` fits it to one pattern table and turns its protocol
(recount.estimate.protocol: `summary`, `flags`, `N_draws_`) into the stage's
`MethodResult`. The hierarchical model (`hlcmcr`) is fitted once over every stratum
instead (recount.estimate.hierarchical).
"""

from __future__ import annotations

import math
import warnings
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from recount.errors import InputError
from recount.estimate.chapman import Chapman
from recount.estimate.dga import DGA
from recount.estimate.loglinear import LogLinear
from recount.estimate.protocol import ALPHA
from recount.settings.estimate import METHODS

# Methods fitted stratum by stratum, and the one fitted over every stratum at once.
HIERARCHICAL = "hlcmcr"
STRATUM_METHODS = tuple(m for m in METHODS if m != HIERARCHICAL)
# Methods whose posterior draws add strata into coarser levels draw by draw.
DRAW_METHODS = ("hlcmcr", "lcmcr", "dga")


@dataclass
class MethodResult:
    method: str
    status: str
    estimate: float | None = None
    lower: float | None = None
    upper: float | None = None
    rhat: float | None = None
    ess: float | None = None
    seconds: float = 0.0
    reason: str | None = None
    model: str | None = None
    flags: list[str] = field(default_factory=list)
    draws: np.ndarray | None = None
    # States of the sampler's chains (lcmcr.WarmStart), when the task asked for them.
    stopped: Any = None
    # A sampler's kept draws of N per chain (chains x draws) where it started warm or kept
    # states for warm starts: the linkage replicates' chains are diagnosed together, against
    # the single clustering's cut to their length (`linkage_stage.replicate_diagnostics`).
    chains: np.ndarray | None = None
    # A sampler's iterations per chain, burn-in included (the linkage replicates' burn-in
    # and run length follow the single clustering's autocorrelation: sweeps x chains / ESS).
    sweeps: int | None = None


def make_estimator(
    method: str,
    options: Any,
    seed: int,
    model: str | None = None,
    warm_start: Any = None,
    snapshots: int = 1,
):
    """The estimator `options` (an EstimateSettings) configure; `model` fixes the
    log-linear model (Rcapture's notation) instead of searching; `warm_start` (an
    lcmcr.WarmStart) starts LCMCR's chains where another fit's were, and `snapshots` is
    how many of its chains' states LCMCR keeps for such starts."""
    if method == "lcmcr":
        from recount.estimate.lcmcr import LCMCR

        settings = asdict(options.lcmcr)
        return LCMCR(
            K=options.K,
            chains=options.chains,
            seed=seed,
            warm_start=warm_start,
            snapshots=snapshots,
            **settings,
        )
    if method == "loglinear":
        return LogLinear(model=model, criterion=options.criterion)
    if method == "dga":
        return DGA(delta=options.delta, draws=options.draws, seed=seed)
    if method == "chapman":
        return Chapman()
    raise ValueError(f"unknown method {method!r}")


def fit_method(
    method: str,
    table: pd.DataFrame,
    options: Any,
    seed: int,
    model: str | None = None,
    warm_start: Any = None,
    snapshots: int = 0,
):
    """Fit one method to a pattern table: estimate, 95% interval, diagnostics, draws, flags
    (and with `snapshots`, that many states of a sampler's chains, for warm starts)."""
    estimator = make_estimator(method, options, seed, model, warm_start, max(snapshots, 1))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # convergence is flagged, not warned
        estimator.fit(table)
    row = estimator.summary(ALPHA).iloc[0]
    if not math.isfinite(row["upper"]):
        raise InputError(
            "patterns", f"the {row['model']} model's profile likelihood does not bound N"
        )
    draws = getattr(estimator, "N_draws_", None)
    stopped = getattr(estimator, "stopped_", None) if snapshots else None
    warm = warm_start is not None or stopped is not None
    return MethodResult(
        method,
        "ok",
        estimate=float(row["estimate"]),
        lower=float(row["lower"]),
        upper=float(row["upper"]),
        rhat=_number(row["rhat"]),
        ess=_number(row["ess"]),
        model=row["model"],
        flags=list(estimator.flags()),
        draws=None
        if draws is None
        else fixed_length(np.asarray(draws, float).ravel(), options.draws),
        stopped=stopped,
        chains=np.asarray(draws, float) if draws is not None and warm else None,
        sweeps=getattr(estimator, "sweeps_", None),
    )


def fixed_length(draws: np.ndarray, size: int) -> np.ndarray:
    """Exactly `size` draws: evenly thinned when there are more (chains are kept in proportion)."""
    if len(draws) == size:
        return draws
    if len(draws) < size:
        raise ValueError(
            f"the sampler returned {len(draws)} draws, fewer than the {size} asked for"
        )
    return draws[np.linspace(0, len(draws) - 1, size).round().astype(int)]


def _number(value: Any) -> float | None:
    return None if value is None or not math.isfinite(float(value)) else float(value)
