"""`make demo`: simulate a multi-source conflict, run the whole flow, compare with the truth.

Simulates about 20,000 people documented by 5 lists (in different formats,
scripts and encodings), links the records, lets a simulated reviewer answer the
random audit sample from the truth (so the estimate carries linkage uncertainty),
runs `recount run` on the workspace (the embedded DuckDB engine), then prints the
report's path and the headline numbers beside the simulator's truth, with the total
refitted under an open capture prior and what that refit says.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
from rich.console import Console
from rich.table import Table

from recount.link.evaluate import read_truth
from recount.report import figures, simulation_truth
from recount.report import linkage as linkage_figures
from recount.review import audit
from recount.simulate import simulate
from recount.workspace import Workspace

console = Console()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dir", type=Path, default=Path("demo"))
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--sources", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    started = time.perf_counter()
    if args.dir.exists():
        shutil.rmtree(args.dir)
    console.rule("1. simulate")
    console.print(
        f"simulating {args.people:,} people documented by {args.sources} lists into {args.dir}/"
    )
    simulate(args.dir, people=args.people, sources=args.sources, seed=args.seed)

    recount = Path(sys.executable).with_name("recount")
    console.rule("2. recount ingest, normalize, link")
    for stage in ("ingest", "normalize", "link"):
        subprocess.run([str(recount), stage, "--workspace", str(args.dir)], check=True)

    console.rule("3. the audit sample, answered from the truth")
    ws = Workspace(args.dir)
    answered = _answer_audit(ws)
    console.print(
        f"a simulated reviewer answered the {answered} items of the random audit sample "
        "(`recount review`, Audit sample) from the simulator's truth: the estimate now "
        "carries linkage uncertainty (\\[estimate] linkage_draws = auto)"
    )

    console.rule("4. recount run")
    subprocess.run([str(recount), "run", "--workspace", str(args.dir)], check=True)

    console.rule("5. against the truth")
    print_against_truth(ws, simulation_truth(ws), _true_documented(ws))
    console.print(f"report: {(ws.out_dir / 'report.html').resolve()}")
    console.print(f"finished in {time.perf_counter() - started:,.0f} s")
    return 0


def print_against_truth(ws: Workspace, truth_total: int, truth_documented: int) -> None:
    """The headline figures beside the truth, then what the report says about them: the
    single clustering's figure and the total refitted under an open capture prior."""
    head = figures.headline(ws)
    table = Table(title="headline numbers vs the simulator's truth")
    table.add_column("figure")
    table.add_column("recount", justify="right")
    table.add_column("truth", justify="right")
    table.add_row("documented unique people", f"{head['documented']:,}", f"{truth_documented:,}")
    table.add_row("unidentified records (apart)", f"{head['unidentified']:,}", "")
    single = None
    if head["estimate"] is not None:
        _interval_row(table, f"estimated total ({head['method']}, 95% interval)", head, truth_total)
        single = linkage_figures.headline_linkage(ws, head)
        if single is not None:
            label = "the same on the single clustering (no linkage uncertainty)"
            _interval_row(table, label, single, truth_total)
        if head["sensitivity"] is not None:
            refit = head["sensitivity"]["frame"].iloc[1]
            label = "refitted under an open capture prior (95% interval)"
            _interval_row(table, label, refit, truth_total)
    else:
        table.add_row("estimated total", "not estimated", f"{truth_total:,}")
    console.print(table)
    if head["estimate"] is not None and single is not None:
        console.print(single["sentence"])
    if head["sensitivity"] is not None:
        console.print(head["sensitivity"]["sentence"], markup=False)


def _interval_row(table: Table, label: str, figure, truth_total: int) -> None:
    """A figure with its interval (keys estimate, lower, upper), and whether it holds the truth."""
    inside = figure["lower"] <= truth_total <= figure["upper"]
    table.add_row(
        label,
        f"{figure['estimate']:,.0f} [{figure['lower']:,.0f}, {figure['upper']:,.0f}]",
        f"{truth_total:,} ({'inside' if inside else 'OUTSIDE'} the interval)",
    )


def _answer_audit(ws: Workspace) -> int:
    """Draw the audit sample and answer it as a perfect reviewer would (the truth is known
    here): the labels that let the linkage draws calibrate the match probabilities."""
    truth = read_truth(ws.root / "truth" / "records.csv")
    truth = pd.DataFrame(
        {
            "record_id": truth["source_id"] + ":" + truth["source_row"].astype(str),
            "true_id": truth["person_id"],
        }
    )
    with ws.connect() as con:
        audit.draw_sample(con)
        return audit.answer_from_truth(con, truth)


def _true_documented(ws: Workspace) -> int:
    """People in the truth that at least one list holds (identifiable or not)."""
    truth = pd.read_csv(ws.root / "truth" / "records.csv", usecols=["person_id"])
    return int(truth["person_id"].nunique())


if __name__ == "__main__":
    sys.exit(main())
