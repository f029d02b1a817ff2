"""The Gibbs chain kernels are compiled once per process, whichever sampler calls them."""

from __future__ import annotations

from kernel_warmup import PHASES, compile_family

from recount.estimate._lcmcr_sampler import advance_chain, start_chain


def test_every_sampler_hands_the_chain_kernels_one_array_layout():
    """numba compiles a kernel for each set of argument types it is called with, an array's
    order and writability included. The Gibbs chain kernels (`start_chain`, `advance_chain`:
    about 20 CPU-s to compile, note 212) are called by the Gibbs sweeps, by each cold NUTS
    chain's first sweeps and by HLCMCR's pooled table; the sweeps passed pandas' read-only
    Fortran-ordered cells, the others C-ordered copies, so a process compiled them twice.
    The warm-up's short fits (tests/kernel_warmup.py) run every sampler here, in one process."""
    for phase in PHASES:
        for family in phase:
            compile_family(family)
    assert len(start_chain.signatures) == 1
    assert len(advance_chain.signatures) == 1
