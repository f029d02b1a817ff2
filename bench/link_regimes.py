"""Linkage on every simulator regime, through the product's own path, with a declared split.

    python bench/link_regimes.py [--split tuning|held_out|all] [--regimes a,b] [--people 20000]
                                 [--seeds fresh|round12|worn] [--workdir DIR]

For each regime: `recount simulate DIR --regime NAME`, `recount ingest`, `recount normalize`,
`recount link` on that workspace (the settings are the product's defaults, fixed before any
regime is run: nothing here configures the linker), then the accuracy that `recount link
--evaluate truth/records.csv` prints, computed by the same function. One JSON line per regime:
pairwise precision/recall/F1, B-cubed F1, documented people found vs true, people on 1, 2, 3...
lists found vs true (a count right within 0.2% can hide splits and merges that cancel; MSE reads
the people on one list), blocking recall
(overall and per rule), seconds per step, and the machine's load.

The split is declared in recount.simulate.regimes (TUNING, HELD_OUT) and docs/simulator.md:
tune linkage on the tuning regimes only; report the held-out ones, never tune on them. Held-out
regimes run with their own seeds, so even their random draws are unseen: fresh ones
(FRESH_SEED + index, from round 21) by default; `--seeds round21` reruns those of round 21
(ROUND21_SEED + index), `--seeds round20` those of round 20 (ROUND20_SEED + index), `--seeds round18` those of round 18
(ROUND18_SEED + index), `--seeds round16` those of round 16 (ROUND16_SEED + index), `--seeds round15` those of round 15
(ROUND15_SEED + index), `--seeds round14` those of round 14 (ROUND14_SEED + index), `--seeds round13` those of round 13
(ROUND13_SEED + index), `--seeds round12` those of round 12 (ROUND12_SEED + index), `--seeds
worn` those scored at the end of ten rounds up to round 11 (HELD_OUT_SEED + index), all kept for
comparison only.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TUNING_SEED = 11
HELD_OUT_SEED = 101  # worn: scored at the end of ten rounds, up to round 11
ROUND12_SEED = 201  # worn: #13 round 12 (2026-12-06, scored twice)
ROUND13_SEED = 301  # worn: #13 round 13 (2026-12-06, scored twice)
ROUND14_SEED = 401  # worn: #13 round 14 (2026-12-06, scored twice)
ROUND15_SEED = 501  # worn: #13 round 15 (2026-12-06, scored once before and once after)
FRESH_SEED = 1001  # fresh from round 21 (2026-12-07): never run
ROUND21_SEED = 901  # worn: scored once before and once after round 21 (note 175)
ROUND20_SEED = 801  # worn: scored once before and once after round 20 (note 156)
ROUND18_SEED = 701  # worn: scored once at the end of round 18 (note 146)
ROUND16_SEED = 601  # worn: scored once at the end of #13 round 16 (note 136)
SEEDS = {
    "fresh": FRESH_SEED,
    "round21": ROUND21_SEED,
    "round20": ROUND20_SEED,
    "round18": ROUND18_SEED,
    "round16": ROUND16_SEED,
    "round15": ROUND15_SEED,
    "round14": ROUND14_SEED,
    "round13": ROUND13_SEED,
    "round12": ROUND12_SEED,
    "worn": HELD_OUT_SEED,
}
RECOUNT = [sys.executable, "-c", "from recount.cli import main; main()"]


def seed_for(name: str, seeds: str = "fresh") -> int:
    """Tuning regimes share one seed; each held-out regime has its own, never used for tuning."""
    from recount.simulate.regimes import HELD_OUT

    if name not in HELD_OUT:
        return TUNING_SEED
    return SEEDS[seeds] + HELD_OUT.index(name)


def _recount(*args: str) -> float:
    """Run one `recount` command; returns its wall seconds (fails loudly with its stderr)."""
    start = time.perf_counter()
    done = subprocess.run([*RECOUNT, *args], capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"recount {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return time.perf_counter() - start


def blocking_report(ws, truth) -> dict:
    """Blocking recall overall and per rule, on the records the linker blocks.

    Uses link's own `blocking_report(ws, truth)` when it offers one (recount.link.evaluate),
    else today's blocking rules.
    """
    from recount.link import evaluate

    if hasattr(evaluate, "blocking_report"):
        return evaluate.blocking_report(ws, truth)
    from recount.link import model
    from recount.link.blocking import blocked_pairs
    from recount.link.evaluate import blocking_recall
    from recount.link.prepare import linkable_records, load_link_input

    linkable = linkable_records(load_link_input(ws))
    keyed = truth.assign(unique_id=truth["source_id"] + ":" + truth["source_row"].astype(str))
    truth_ids = keyed.set_index("unique_id")["person_id"]
    truth_ids = truth_ids[truth_ids.index.isin(linkable["unique_id"])]
    overall = blocking_recall(blocked_pairs(linkable), truth_ids)
    rules = []
    for rule in model.PREDICTION_BLOCKING_RULES:
        found = blocking_recall(blocked_pairs(linkable, [rule]), truth_ids)
        rules.append({"rule": rule, "recall": round(found["blocking_recall"], 4)})
    return {
        "blocking_recall": round(overall["blocking_recall"], 4),
        "candidate_pairs": overall["candidate_pairs"],
        "blocking_rules": rules,
    }


def run_regime(name: str, people: int, workdir: Path, seed: int) -> dict:
    """Simulate, ingest, normalise and link one regime's world; its figures as a dict."""
    from recount.link.evaluate import evaluate_record_person, read_truth
    from recount.simulate.regimes import HELD_OUT, REGIMES
    from recount.workspace import Workspace

    folder = workdir / f"{name}-{people}-{seed}"
    if folder.exists():
        shutil.rmtree(folder)
    seconds = {
        "simulate": _recount(
            "simulate", str(folder), "--regime", name, "--people", str(people), "--seed", str(seed)
        ),
        "ingest": _recount("ingest", "-w", str(folder)),
        "normalize": _recount("normalize", "-w", str(folder)),
        "link": _recount("link", "-w", str(folder)),
    }
    ws = Workspace(folder)
    truth = read_truth(folder / "truth" / "records.csv")
    scores = evaluate_record_person(ws.table("record_person"), truth)
    figures = {
        "bench": "link_regimes",
        "regime": name,
        "split": "held_out" if name in HELD_OUT else "tuning",
        "country": REGIMES[name].country,
        "people": people,
        "seed": seed,
        "records": scores["records"],
        "pairwise_precision": scores["pairwise_precision"],
        "pairwise_recall": scores["pairwise_recall"],
        "pairwise_f1": scores["pairwise_f1"],
        "bcubed_f1": scores["bcubed_f1"],
        "persons": scores["persons"],
        "true_persons": scores["true_persons"],
        "documented_count_error": scores["unique_count_error"],
        "people_on_lists": scores["people_on_lists"],
        "true_people_on_lists": scores["true_people_on_lists"],
        "singletons_error": scores["singletons_error"],
    }
    if scores["records"] <= 200_000:
        figures.update(blocking_report(ws, truth))
    figures["seconds"] = {step: round(value, 1) for step, value in seconds.items()}
    figures["load_average"] = round(os.getloadavg()[0], 1)
    return {k: round(v, 4) if isinstance(v, float) else v for k, v in figures.items()}


def run_all(names: list[str], people: int, workdir: Path, seeds: str = "fresh") -> list[dict]:
    """Every regime in turn; one that fails is reported (which command, its error) and the rest run."""
    results = []
    for name in names:
        try:
            figures = run_regime(name, people, workdir, seed_for(name, seeds))
        except RuntimeError as error:
            figures = {"bench": "link_regimes", "regime": name, "error": str(error)[-2000:]}
        print(json.dumps(figures, ensure_ascii=False), flush=True)
        results.append(figures)
    return results


def main() -> None:
    from recount.simulate.regimes import HELD_OUT, REGIMES, TUNING

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["tuning", "held_out", "all"], default="all")
    parser.add_argument("--regimes", default=None, help="comma-separated names (overrides --split)")
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument(
        "--seeds",
        choices=list(SEEDS),
        default="fresh",
        help="held-out seeds: fresh (1001, ...), round 21's (901, ...), round 20's (801, ...), round 18's (701, ...), round 16's (601, ...), round 15's (501, ...), round 14's (401, ...), round 13's (301, ...), "
        "round 12's (201, ...) or the "
        "worn ones of rounds up to 11 (101, ...)",
    )
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/recount-bench-link-regimes"))
    args = parser.parse_args()
    if args.regimes:
        names = [n.strip() for n in args.regimes.split(",") if n.strip()]
        unknown = [n for n in names if n not in REGIMES]
        if unknown:
            parser.error(f"unknown regime(s) {unknown}; known: {', '.join(REGIMES)}")
    else:
        names = {"tuning": list(TUNING), "held_out": list(HELD_OUT), "all": [*TUNING, *HELD_OUT]}[
            args.split
        ]
    args.workdir.mkdir(parents=True, exist_ok=True)
    run_all(names, args.people, args.workdir, args.seeds)


if __name__ == "__main__":
    main()
