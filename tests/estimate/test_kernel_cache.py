"""numba kernels compile once per machine: processes that need a kernel at the same time wait for
one compile under the machine's lock and load it from the disk cache."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from recount.estimate import _lcmcr_nuts, _lcmcr_sampler, kernel_cache

SRC = str(Path(kernel_cache.__file__).resolve().parents[2])

KERNEL = """
from numba import njit

from recount.estimate.kernel_cache import compile_once


@njit(cache=True)
def weighted_sum(values, weights):
    total = 0.0
    for i in range(values.size):
        total += values[i] * weights[i]
    return total


compile_once(globals())
"""

# Says it is ready, runs the kernel, then prints how often it compiled and how often it loaded.
RUN = """
import numpy as np
import kernel
print("ready", flush=True)
assert kernel.weighted_sum(np.ones(3), np.arange(3.0)) == 3.0
stats = kernel.weighted_sum.stats
print(sum(stats.cache_misses.values()), sum(stats.cache_hits.values()))
"""


def _start(folder: Path) -> subprocess.Popen:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(folder), SRC, os.environ.get("PYTHONPATH", "")]),
        "NUMBA_CACHE_DIR": str(folder / "cache"),
    }
    return subprocess.Popen(
        [sys.executable, "-c", RUN], env=env, stdout=subprocess.PIPE, text=True, cwd=folder
    )


def test_processes_started_together_compile_a_kernel_once(tmp_path):
    (tmp_path / "kernel.py").write_text(textwrap.dedent(KERNEL), encoding="utf-8")
    with kernel_cache.machine_lock():  # as if another process were compiling
        runs = [_start(tmp_path), _start(tmp_path)]
        for run in runs:
            assert run.stdout.readline().strip() == "ready"
        time.sleep(1)
        assert all(run.poll() is None for run in runs)  # both wait at the lock
    outcomes = sorted(run.communicate(timeout=300)[0].strip() for run in runs)
    assert [run.returncode for run in runs] == [0, 0]
    assert outcomes == ["0 1", "1 0"]  # one compiled and wrote the cache, the other loaded it


def test_every_kernel_of_the_samplers_compiles_under_the_lock():
    kernels = [
        value
        for module in (_lcmcr_nuts, _lcmcr_sampler)
        for value in vars(module).values()
        if hasattr(value, "py_func")
    ]
    assert len(kernels) > 40
    assert all(kernel.compile.__qualname__.startswith("_locked") for kernel in kernels)
