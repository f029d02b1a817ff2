"""Ingest throughput on simulated lists: about 1,000,000 source rows in every format the simulator writes.

Simulates a conflict whose lists add up to about `--rows` rows (CSV with BOM,
XLSX, Windows-1256 CSV, nested JSON lines, UTF-16 TSV, Parquet, ISO-8859-6
CSV, XLSX with Arabic-Indic digits), then runs `recount ingest` on it in a
fresh process and prints one JSON line: rows, seconds, rows_per_second,
peak_rss_mb (of the ingesting process), cpu_seconds, and the accounting check.
With --peer it also times pandas loading the same files as they are (no
canonical fields, no quarantine, no workspace) and prints the ratio.

Target on a 2-core machine: under 60 s and under 4 GB.

    .venv/bin/python bench/ingest.py [--rows 1000000] [--seed 1] [--dir DIR] [--peer]
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

from recount import Project

ROWS_PER_PERSON = 1.334  # the simulator's default 8 lists at its default coverage


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--dir", type=Path, help="reuse (or keep) the simulated workspace here")
    parser.add_argument(
        "--peer", action="store_true", help="also time pandas loading the same files"
    )
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--measure-peer", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure_ingest(args.measure)))
        return
    if args.measure_peer:
        print(json.dumps(measure_pandas(args.measure_peer)))
        return
    with tempfile.TemporaryDirectory(prefix="recount-bench-ingest-") as scratch:
        folder = args.dir or Path(scratch) / "ws"
        simulated_seconds = ensure_simulation(folder, args.rows, args.seed)
        result = run_child("--measure", folder)
        result.update(benchmark="ingest", simulate_seconds=simulated_seconds, seed=args.seed)
        print(json.dumps(result), flush=True)
        if args.peer:
            peer = run_child("--measure-peer", folder)
            peer.update(
                benchmark="ingest_peer_pandas_load",
                ratio_recount_to_pandas=round(result["seconds"] / peer["seconds"], 2),
            )
            print(json.dumps(peer), flush=True)


def ensure_simulation(folder: Path, rows: int, seed: int) -> float | None:
    if (folder / "recount.toml").exists():
        return None
    from recount.simulate import simulate

    start = time.perf_counter()
    simulate(folder, people=max(1, round(rows / ROWS_PER_PERSON)), sources=8, seed=seed)
    return round(time.perf_counter() - start, 1)


def run_child(flag: str, folder: Path) -> dict:
    """Measure in a fresh process so peak memory is the ingest's alone."""
    done = subprocess.run(
        [sys.executable, __file__, flag, str(folder)], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        sys.exit(f"bench child failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def measure_ingest(folder: Path) -> dict:
    from recount.workspace import Workspace

    ws = Workspace(folder)
    ws.db_path.unlink(missing_ok=True)
    start, cpu = time.perf_counter(), time.process_time()
    accounting = Project(ws).ingest()
    seconds = time.perf_counter() - start
    rows = int(accounting["rows_in"].sum())
    return {
        "rows": rows,
        "records": int(accounting["records"].sum()),
        "quarantined": int(accounting["quarantined"].sum()),
        "accounting_holds": bool(
            (accounting.rows_in == accounting.records + accounting.quarantined).all()
        ),
        "sources": len(accounting),
        "seconds": round(seconds, 2),
        "rows_per_second": round(rows / seconds),
        "cpu_seconds": round(time.process_time() - cpu, 2),
        "peak_rss_mb": _peak_rss_mb(),
    }


def measure_pandas(folder: Path) -> dict:
    """The peer: pandas reading each list as it is (what a hand-written script would start from)."""
    import pandas as pd

    from recount.config import load_config

    config = load_config(folder / "recount.toml")
    start = time.perf_counter()
    rows = 0
    for source in config.sources:
        fmt = source.format or source.path.suffix.lstrip(".")
        if fmt in ("csv", "tsv"):
            sep = "\t" if fmt == "tsv" else (source.delimiter or ",")
            frame = pd.read_csv(
                source.path, sep=sep, encoding=source.encoding or "utf-8-sig", dtype=str
            )
        elif fmt == "xlsx":
            frame = pd.read_excel(source.path, dtype=str, engine="openpyxl")
        elif fmt == "jsonl":
            frame = pd.json_normalize(
                pd.read_json(source.path, lines=True, dtype=False).to_dict("records")
            )
        else:
            frame = pd.read_parquet(source.path)
        rows += len(frame)
    seconds = time.perf_counter() - start
    return {
        "rows": rows,
        "seconds": round(seconds, 2),
        "rows_per_second": round(rows / seconds),
        "peak_rss_mb": _peak_rss_mb(),
    }


if __name__ == "__main__":
    main()
