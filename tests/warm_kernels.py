"""Compile LCMCR's and HLCMCR's numba kernels into the on-disk cache, once.

A fresh clone has no compiled kernels: about a CPU-minute each for NUTS and the hierarchical
model (note 191). Under xdist both workers, and the estimate stage's worker processes they
start, met the first estimate test at once and compiled the same kernels side by side.
tests/conftest.py runs this script in the background while the first tests (which use no
kernel) run; tests that fit a model wait for it (the `compiled_kernels` fixture). The fits
are tiny: what is kept is numba's cache, keyed by the kernels' argument types, which the
public fitters fix whatever the table.

    python tests/warm_kernels.py DONE_FILE
"""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

import numpy as np

from recount.estimate.hlcmcr import HLCMCR
from recount.estimate.lcmcr import LCMCR
from recount.estimate.synthetic import latent_class_population


def warm() -> None:
    capture = np.array([[0.5, 0.4, 0.45, 0.5], [0.08, 0.1, 0.06, 0.1]])
    table = latent_class_population(400, np.array([0.7, 0.3]), capture, seed=1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for sampler in ("nuts", "collapsed", "augmented", "auto"):
            LCMCR(K=2, sampler=sampler, chains=1, burnin=20, draws=20, seed=1).fit(table)
        strata = table.assign(place=np.where(np.arange(len(table)) % 2, "A", "B"))
        HLCMCR(strata=("place",), K=2, burnin=20, draws=20, chains=1, seed=1).fit(strata)


if __name__ == "__main__":
    try:
        warm()
    finally:  # a failed compile must not hold the tests up: they compile (and fail) alone
        Path(sys.argv[1]).write_text("done\n", encoding="utf-8")
