"""Simulator speed: one JSON line per size (seconds, rows per second, peak memory).

Each size runs in a fresh process so that its peak memory is its own. CPU
seconds are reported beside wall seconds because the 2-core machine is often
shared while benchmarks run.
Usage: .venv/bin/python bench/simulate.py [--quick]
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time

SIZES = [  # (label, people or None, target rows or None, lists)
    ("20k people x 5 lists", 20_000, None, 5),
    ("100k people x 6 lists", 100_000, None, 6),
    ("1M rows x 5 lists", None, 1_000_000, 5),
]


def measure(people: int | None, rows: int | None, sources: int) -> dict:
    from recount.simulate import people_for_rows, simulate

    if people is None:
        people = people_for_rows(rows, sources, seed=1)
    with tempfile.TemporaryDirectory() as folder:
        start, cpu_start = time.perf_counter(), time.process_time()
        result = simulate(folder, people=people, sources=sources, seed=1)
        seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "people": people,
        "lists": sources,
        "rows": result.total_rows,
        "documented_share": round(result.documented_share, 3),
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu_seconds, 2),  # wall time inflates when the machine is shared
        "rows_per_second": round(result.total_rows / seconds),
        "peak_memory_mb": round(peak_mb),
    }


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--one":
        people, rows, sources = (None if v == "-" else int(v) for v in sys.argv[2:5])
        print(json.dumps(measure(people, rows, sources)))
        return
    sizes = SIZES[:1] if "--quick" in sys.argv else SIZES
    for label, people, rows, sources in sizes:
        args = [str(people) if people else "-", str(rows) if rows else "-", str(sources)]
        output = subprocess.run(
            [sys.executable, __file__, "--one", *args], check=True, capture_output=True, text=True
        ).stdout
        figures = json.loads(output.strip().splitlines()[-1])
        print(json.dumps({"benchmark": "simulate", "size": label, **figures}), flush=True)


if __name__ == "__main__":
    main()
