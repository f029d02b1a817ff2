"""CPU-s of the test suite's modules, every process each one starts counted (docs/bench/suite.md).

    python bench/suite.py tests/test_flow.py tests/estimate/test_lcmcr.py

`/usr/bin/time` misses the estimate stage's workers: they are children of a forkserver
that pytest never waits for. Each module runs here in its own pytest process (no xdist,
no cache provider) under this process as a child subreaper, which adopts the orphaned
workers, waits for every descendant and then reads their CPU time. One JSON line per
module: user and system CPU-s, wall seconds, pytest's exit code, the load beside it.
"""

from __future__ import annotations

import argparse
import ctypes
import json
import os
import resource
import subprocess
import sys
import time

PR_SET_CHILD_SUBREAPER = 36


def become_subreaper() -> None:
    """Orphaned descendants (the forkserver's workers) are re-parented to this process."""
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_CHILD_SUBREAPER) failed")


def reap_all() -> None:
    """Wait for every descendant left, so RUSAGE_CHILDREN holds their CPU too."""
    while True:
        try:
            os.wait()
        except ChildProcessError:
            return


def measure(module: str, pytest_args: list[str]) -> dict:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    load = os.getloadavg()[0]
    start = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *pytest_args, module],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    reap_all()
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    user, system = after.ru_utime - before.ru_utime, after.ru_stime - before.ru_stime
    summary = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""
    return {
        "module": module,
        "cpu_s": round(user + system, 1),
        "user_s": round(user, 1),
        "sys_s": round(system, 1),
        "wall_s": round(wall, 1),
        "rc": done.returncode,
        "pytest": summary,
        "load_start": round(load, 1),
        "load_end": round(os.getloadavg()[0], 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="+", help="test modules or node ids, each run alone")
    parser.add_argument("--pytest-args", default="", help="more arguments for pytest, one string")
    args = parser.parse_args()
    become_subreaper()
    for module in args.modules:
        print(json.dumps(measure(module, args.pytest_args.split())), flush=True)


if __name__ == "__main__":
    main()
