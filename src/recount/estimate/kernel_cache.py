"""numba kernels compiled once per machine, not once per process.

LCMCR's and HLCMCR's kernels are cached on disk (`cache=True`), but a process only
finds a kernel there once another has finished compiling it. The estimate stage starts
its worker processes together, and test workers start together, so on a cold cache each
compiled the same kernels side by side (most of a minute of CPU each:
docs/benchmarks.md note 212). `compile_once` makes a module's kernels compile under one
lock shared by every process of the machine: a process that needs a kernel another is
compiling waits, then loads it from the disk cache (numba reads the cache's index again
at each load). Only kernels a process does not hold yet take the lock, so a warm cache
costs nothing more.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
import threading
from pathlib import Path

from numba.core.dispatcher import Dispatcher

try:
    import fcntl
except ImportError:  # no POSIX locks: each process compiles for itself, as numba does
    fcntl = None

_holding = threading.local()


def compile_once(namespace: dict) -> None:
    """Make every numba kernel defined in `namespace` (a module's globals) compile or load
    under the machine's lock."""
    for kernel in list(namespace.values()):
        if isinstance(kernel, Dispatcher) and kernel.py_func.__module__ == namespace["__name__"]:
            kernel.compile = _locked(kernel.compile)  # shadows the method numba calls


def _locked(compile):
    def locked(signature):
        # a kernel's compile types its callees, which compile inside it: lock once per thread
        if getattr(_holding, "lock", False):
            return compile(signature)
        _holding.lock = True
        try:
            with machine_lock():
                return compile(signature)
        finally:
            _holding.lock = False

    return locked


@contextlib.contextmanager
def machine_lock():
    """One lock per installed copy of recount (its kernels' cache is per source file)."""
    if fcntl is None:
        yield
        return
    here = str(Path(__file__).resolve().parent).encode()
    name = f"recount-kernels-{os.getuid()}-{hashlib.sha1(here).hexdigest()[:12]}.lock"
    with open(Path(tempfile.gettempdir()) / name, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
