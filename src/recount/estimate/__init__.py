"""Multiple systems estimation: how many deaths no list recorded.

Estimators in the lifelines style (`fit(patterns)` returns the estimator,
learned values end in `_`, `summary(alpha)` is a DataFrame):

- `LCMCR`: Bayesian latent classes (Manrique-Vallier 2016), HRDAG's standard;
- `LogLinear`: hierarchical log-linear models chosen by AIC/BIC (as Rcapture);
- `DGA`: Bayesian model averaging over decomposable graphs (Madigan & York; R's dga);
- `Chapman`: two lists, assuming independence.

`estimate_workspace(ws)` runs them per stratum of the `persons` table and
writes `estimates` and `estimate_draws`.
"""

from __future__ import annotations

from typing import Any

from recount.estimate.chapman import Chapman
from recount.estimate.dga import DGA
from recount.estimate.graphs import decomposable_graphs
from recount.estimate.loglinear import LogLinear
from recount.estimate.patterns import (
    capture_histories,
    patterns_from_individuals,
    read_patterns,
    validate_patterns,
)

__all__ = [
    "DGA",
    "LCMCR",
    "Chapman",
    "LogLinear",
    "capture_histories",
    "decomposable_graphs",
    "estimate_workspace",
    "patterns_from_individuals",
    "read_patterns",
    "validate_patterns",
]


def __getattr__(name: str) -> Any:
    """Heavier parts load on first use (the sampler compiles with numba; the stage reads DuckDB)."""
    if name == "LCMCR":
        from recount.estimate.lcmcr import LCMCR

        return LCMCR
    if name == "estimate_workspace":
        from recount.estimate.workspace import estimate_workspace

        return estimate_workspace
    raise AttributeError(f"module 'recount.estimate' has no attribute {name!r}")
