"""The whole flow on about 1,000,000 source records: simulate, `recount run`, report.

Runs `recount run` on a simulated workspace in a child process and prints one
JSON line: records, seconds per stage and in all, the peak resident memory of
the run (its own process and, separately, the largest of its worker
processes), documented and estimated counts against the simulator's truth.

Target on a 2-core machine: the report written in under 20 minutes, peak
memory under 12 GB.

    .venv/bin/python bench/pipeline.py [--rows 1000000] [--sources 6] [--seed 1] [--dir DIR]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--sources", type=int, default=6)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--dir", type=Path, help="keep the workspace here")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure)))
        return
    with tempfile.TemporaryDirectory(prefix="recount-bench-pipeline-") as scratch:
        folder = args.dir or Path(scratch) / "ws"
        simulate_seconds = simulate(folder, args.rows, args.sources, args.seed)
        child = subprocess.run(
            [sys.executable, __file__, "--measure", str(folder)], capture_output=True, text=True
        )
        if child.returncode != 0:
            sys.stderr.write(child.stderr)
            raise SystemExit(f"the measured run failed (exit {child.returncode})")
        result = json.loads(child.stdout.strip().splitlines()[-1])
        result.update(
            benchmark="pipeline",
            target_rows=args.rows,
            sources=args.sources,
            seed=args.seed,
            simulate_seconds=simulate_seconds,
        )
        print(json.dumps(result), flush=True)


def simulate(folder: Path, rows: int, sources: int, seed: int) -> float:
    from recount.simulate import simulate as run_simulation
    from recount.simulate.core import people_for_rows

    if (folder / "recount.toml").exists():
        return 0.0
    started = time.perf_counter()
    run_simulation(folder, people=people_for_rows(rows, sources, seed), sources=sources, seed=seed)
    return round(time.perf_counter() - started, 1)


def measure(folder: Path) -> dict:
    import pandas as pd

    from recount.pipeline import run_workspace
    from recount.report import figures, simulation_truth
    from recount.workspace import Workspace

    ws = Workspace(folder)
    started = time.perf_counter()
    run = run_workspace(ws, from_stage="ingest")
    seconds = time.perf_counter() - started
    head = figures.headline(ws)
    truth_records = pd.read_csv(folder / "truth" / "records.csv", usecols=["person_id"])
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {
        "records": int(ws.query("select count(*) from records").iloc[0, 0]),
        "seconds": round(seconds, 1),
        "stage_seconds": {s.stage: round(s.seconds, 1) for s in run.stages},
        "peak_rss_mb": round(own),
        "peak_worker_rss_mb": round(children),
        "documented": head["documented"],
        "true_documented": int(truth_records["person_id"].nunique()),
        "estimate": head["estimate"],
        "interval": [head["lower"], head["upper"]],
        "estimate_level": head["level"],
        "true_total": simulation_truth(ws),
        "report": str(run.report_path),
    }


if __name__ == "__main__":
    main()
