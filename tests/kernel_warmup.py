"""numba's LCMCR and HLCMCR kernels compiled once, on both cores, before the xdist workers start.

On a fresh clone numba's disk cache (beside src/recount/estimate) is empty, and each process
that fits LCMCR or HLCMCR compiles the kernels it needs unless another has saved them first:
the two xdist workers compiled the same kernels side by side, and again the estimate
stage's worker processes of the end-to-end tests (note 212: 249 CPU-s of compiles, 150 of
them repeats). Under xdist the controller therefore first runs this file, a tiny fit per
process: the Gibbs sweeps' chain kernels alone (every sampler's cold chains start with
them), then NUTS's and HLCMCR's side by side; the workers load what they saved. Where the
cache is warm each process only loads the kernels (a few CPU-s). A kernel a test needs
beyond these tiny fits compiles in the test's process as before.
"""

from __future__ import annotations

import subprocess
import sys
import warnings
from pathlib import Path

import pytest

# Run one after the other; the families within a phase side by side (one process each).
PHASES = (("sweeps",), ("nuts", "hlcmcr"))
# A family's compile took under 60 CPU-s (note 212); past this the warm-up gives up on it.
TIMEOUT_SECONDS = 900
ESTIMATE_TESTS = Path(__file__).parent / "estimate"


def compile_family(family: str) -> None:
    """A tiny fit that compiles (or loads) one family's kernels: the Gibbs sweeps' (both
    sweeps), NUTS's for LCMCR (with its exploring runs), or HLCMCR's."""
    import numpy as np
    import pandas as pd

    from recount.estimate.hlcmcr import HLCMCR
    from recount.estimate.lcmcr import LCMCR
    from recount.estimate.synthetic import latent_class_population

    lam = np.array([[0.5, 0.4, 0.45, 0.5], [0.1, 0.15, 0.1, 0.12]])
    table = latent_class_population(300, np.array([0.6, 0.4]), lam, seed=1)
    short = dict(K=2, burnin=20, draws=10, chains=2, seed=1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # such short runs say they have not converged
        if family == "sweeps":
            for sampler in ("collapsed", "augmented"):
                LCMCR(sampler=sampler, **short).fit(table)
        elif family == "nuts":
            LCMCR(sampler="nuts", **short).fit(table)
        else:
            strata = pd.concat([table.assign(place="A"), table.assign(place="B")])
            HLCMCR(strata=("place",), **short).fit(strata.reset_index(drop=True))


def runs_estimate_tests(config: pytest.Config) -> bool:
    """Whether the session's paths hold tests/estimate (the whole suite's do)."""
    paths = (
        Path(config.invocation_params.dir, arg.split("::")[0]).resolve() for arg in config.args
    )
    return any(
        ESTIMATE_TESTS in (path, *path.parents) or path in ESTIMATE_TESTS.parents for path in paths
    )


def pytest_sessionstart(session: pytest.Session) -> None:
    """In the xdist controller, before it starts the workers (pytest-xdist's hook runs last)."""
    config = session.config
    if hasattr(config, "workerinput") or not config.getoption("numprocesses", None):
        return
    if not runs_estimate_tests(config):
        return
    for phase in PHASES:
        processes = {
            family: subprocess.Popen(
                [sys.executable, __file__, family],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
            )
            for family in phase
        }
        for family, process in processes.items():
            try:
                _, errors = process.communicate(timeout=TIMEOUT_SECONDS)
            except subprocess.TimeoutExpired:
                process.kill()
                _, errors = process.communicate()
            if process.returncode != 0:  # the workers then compile as they would have
                last = errors.strip().splitlines()[-1] if errors.strip() else "timed out"
                config.issue_config_time_warning(
                    pytest.PytestWarning(f"numba warm-up of the {family} kernels failed: {last}"),
                    stacklevel=2,
                )


if __name__ == "__main__":
    compile_family(sys.argv[1])
