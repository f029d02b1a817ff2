"""The Gibbs chain kernels are compiled once per process, whichever sampler calls them."""

from __future__ import annotations

import warnings

import pandas as pd

from recount.estimate._lcmcr_sampler import advance_chain, start_chain
from recount.estimate.hlcmcr import HLCMCR
from recount.estimate.lcmcr import LCMCR


def test_every_sampler_hands_the_chain_kernels_one_array_layout(kosovo):
    """numba compiles a kernel for each set of argument types it is called with, an array's
    order and writability included. The Gibbs chain kernels (`start_chain`, `advance_chain`:
    about 20 CPU-s to compile, note 212) are called by the Gibbs sweeps, by each cold NUTS
    chain's first sweeps and by HLCMCR's pooled table; the sweeps passed pandas' read-only
    Fortran-ordered cells, the others C-ordered copies, so a process compiled them twice."""
    short = dict(K=2, burnin=20, draws=10, chains=2, seed=1)
    strata = pd.concat([kosovo.assign(place="A"), kosovo.assign(place="B")], ignore_index=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # such short runs say they have not converged
        for sampler in ("collapsed", "augmented", "nuts"):
            LCMCR(sampler=sampler, **short).fit(kosovo)
        HLCMCR(strata=("place",), **short).fit(strata)
    assert len(start_chain.signatures) == 1
    assert len(advance_chain.signatures) == 1
