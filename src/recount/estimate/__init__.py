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
PATTERNS = {"capture_histories", "patterns_from_individuals", "read_patterns", "validate_patterns"}


def __getattr__(name: str) -> Any:
    """Every public name loads on first use: `recount ingest` or `recount --help` need none,
    and scipy (Chapman, log-linear, DGA) and numba (the sampler) cost a CLI process more
    than a second of CPU to import. The imports stay statements, so the import graph
    (tests/test_imports.py) sees them."""
    if name in PATTERNS:
        from recount.estimate import patterns as module
    elif name == "Chapman":
        from recount.estimate import chapman as module
    elif name == "DGA":
        from recount.estimate import dga as module
    elif name == "decomposable_graphs":
        from recount.estimate import graphs as module
    elif name == "LogLinear":
        from recount.estimate import loglinear as module
    elif name == "LCMCR":
        from recount.estimate import lcmcr as module
    elif name == "estimate_workspace":
        from recount.estimate import workspace as module
    else:
        raise AttributeError(f"module 'recount.estimate' has no attribute {name!r}")
    return getattr(module, name)
