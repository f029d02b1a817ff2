"""What a collapsed Gibbs sweep and a NUTS leapfrog step cost on a given table, so that
`auto`'s race (recount.estimate.lcmcr) counts both in one unit, collapsed sweeps, from
the table alone: the same table and seed then choose the same sampler however busy the
machine is. A constant did not fit: a sweep costs 1.8 leapfrog steps on a 6-list stratum
of 124 people and 11.7 on 8 lists of 366,000 (docs/lcmcr.md, "Work, not seconds").

The model follows where each spends its time. A sweep splits every cell's count over the
classes by binomial draws, which stop once the count is spent (about min(count, K) draws
a cell), and runs `mh_attempts` Metropolis steps per class on its unseen count, each
summing K + J log-gamma terms. A leapfrog step weighs every cell under every class and
multiplies by the mass matrix, whose low-rank part grows with the square of the number of
parameters. Coefficients in CPU microseconds: non-negative least squares on relative
error over 48 measurements (16 tables of 4 to 10 lists and 124 to 391,234 documented
people, K = 5, 10, 20; `bench/lcmcr_work.py`, which measures and fits them again).
"""

from __future__ import annotations

import numpy as np

SWEEP_FIXED_US = 3.3
SWEEP_PER_BINOMIAL_US = 0.054
SWEEP_PER_LOG_GAMMA_US = 0.0098
LEAPFROG_FIXED_US = 2.8
LEAPFROG_PER_CELL_AND_CLASS_US = 0.0030
LEAPFROG_PER_PARAMETER_PAIR_US = 0.00062


def sweep_features(counts: np.ndarray, n_lists: int, n_classes: int, mh_attempts: int) -> list:
    """A collapsed sweep's terms: 1, binomial draws, log-gamma terms of the n0 steps."""
    binomials = float(np.minimum(counts, n_classes).sum())
    return [1.0, binomials, float(mh_attempts * n_classes * (n_lists + n_classes))]


def leapfrog_features(n_cells: int, n_lists: int, n_classes: int) -> list:
    """A leapfrog step's terms: 1, cells x classes, parameters squared."""
    parameters = n_lists * n_classes + n_classes - 1
    return [1.0, float(n_cells * n_classes), float(parameters * parameters)]


def leapfrogs_per_sweep(
    counts: np.ndarray, n_lists: int, n_classes: int, mh_attempts: int
) -> float:
    """How many NUTS leapfrog steps cost as much CPU as one collapsed sweep on this table
    (capture-pattern `counts`, K = `n_classes`)."""
    sweep = np.dot(
        sweep_features(counts, n_lists, n_classes, mh_attempts),
        [SWEEP_FIXED_US, SWEEP_PER_BINOMIAL_US, SWEEP_PER_LOG_GAMMA_US],
    )
    leapfrog = np.dot(
        leapfrog_features(len(counts), n_lists, n_classes),
        [LEAPFROG_FIXED_US, LEAPFROG_PER_CELL_AND_CLASS_US, LEAPFROG_PER_PARAMETER_PAIR_US],
    )
    return float(sweep / leapfrog)
