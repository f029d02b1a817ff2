"""Linkage benchmark: recount against a generic Splink setup on the same simulated lists.

    python bench/link.py [--people 100000] [--sources 6] [--seed 7] [--workdir DIR]

Simulates the lists (cached in --workdir), ingests and normalises them once,
then links them twice, each in its own process so that peak memory is its own:
- `recount`: `recount.link.link_workspace` (the names stage's keys, this model);
- `peer`: Splink as its tutorial builds a model: names lower-cased and split
  into first name and surname, Splink's NameComparison and
  DateOfBirthComparison, governorate, place and sex, EM on date and name
  blocks, clustering at the same threshold.
Prints one JSON line per linker, then one comparing them.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd

from recount import Project

REPO = Path(__file__).resolve().parents[1]
THRESHOLD = 0.9


def prepare(workdir: Path, people: int, sources: int, seed: int) -> dict:
    """Simulate, ingest and normalise once; reuse when already done."""
    from recount.simulate import simulate
    from recount.workspace import Workspace

    marker = workdir / "prepared.json"
    if marker.exists():
        return json.loads(marker.read_text())
    figures: dict = {"people": people, "sources": sources, "seed": seed}
    start = time.perf_counter()
    simulate(workdir, people=people, sources=sources, seed=seed)
    figures["simulate_seconds"] = round(time.perf_counter() - start, 1)
    ws = Workspace(workdir)
    start = time.perf_counter()
    Project(ws).ingest()
    figures["ingest_seconds"] = round(time.perf_counter() - start, 1)
    start = time.perf_counter()
    Project(ws).normalize()
    figures["normalize_seconds"] = round(time.perf_counter() - start, 1)
    figures["records"] = int(ws.query("select count(*) as n from records")["n"][0])
    marker.write_text(json.dumps(figures))
    return figures


def peak_memory_gb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2


def run_recount(workdir: Path) -> dict:
    from recount.link import link_workspace
    from recount.link.evaluate import evaluate_record_person, read_truth
    from recount.workspace import Workspace

    ws = Workspace(workdir)
    start = time.perf_counter()
    result = link_workspace(ws, threshold=THRESHOLD)
    seconds = time.perf_counter() - start
    memory = peak_memory_gb()
    truth = read_truth(workdir / "truth" / "records.csv")
    scores = evaluate_record_person(ws.table("record_person"), truth)
    figures = {
        "linker": "recount",
        "seconds": round(seconds, 1),
        "peak_memory_gb": round(memory, 2),
        "pairs_scored": result.pairs_scored,
        "unidentified_records": result.unidentified,
        "cluster_sizes": {str(k): v for k, v in result.size_distribution.items()},
        "refused_links": {
            "same_list_conflict": result.refused_conflict,
            "different_given_names": result.refused_given_names,
            "size": result.refused_size,
        },
        **_rounded(scores),
    }
    if len(truth) <= 400_000:
        figures.update(blocking_figures(ws, truth))
    return figures


def blocking_figures(ws, truth: pd.DataFrame) -> dict:
    """Blocking recall of every prediction rule alone and of all of them together."""
    from recount.link.evaluate import blocking_report

    report = blocking_report(ws, truth)
    for rule in report["blocking_rules"]:
        rule["recall"] = round(rule["recall"], 4)
    return _rounded(report)


def peer_input(workdir: Path) -> pd.DataFrame:
    """What a generic setup starts from: the ingested records, names lower-cased."""
    from recount.workspace import Workspace

    records = Workspace(workdir).query(
        "select record_id as unique_id, source_id, source_row, name, name_latin, given_name, family_name,"
        " sex, date_of_death, governorate, place from records"
    )
    full = records["name_latin"].fillna(records["name"]).fillna("").str.lower().str.strip()
    tokens = full.str.split()
    records["first_name"] = records["given_name"].str.lower().fillna(tokens.str[0])
    records["surname"] = (
        records["family_name"].str.lower().fillna(tokens.str[-1].where(tokens.str.len() > 1))
    )
    records["place"] = records["place"].str.lower()
    columns = ["unique_id", "first_name", "surname", "sex", "date_of_death", "governorate", "place"]
    return records[columns + ["source_id", "source_row"]]


def run_peer(workdir: Path) -> dict:
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    from recount.link.evaluate import evaluate_clusters, read_truth

    start = time.perf_counter()
    frame = peer_input(workdir)
    frame["date_of_death"] = pd.to_datetime(frame["date_of_death"])
    settings = SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="unique_id",
        comparisons=[
            cl.NameComparison("first_name").configure(term_frequency_adjustments=True),
            cl.NameComparison("surname").configure(term_frequency_adjustments=True),
            cl.DateOfBirthComparison("date_of_death", input_is_string=False),
            cl.ExactMatch("governorate"),
            cl.LevenshteinAtThresholds("place", 2),
            cl.ExactMatch("sex"),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("first_name", "surname"),
            block_on("surname", "date_of_death"),
            block_on("first_name", "date_of_death"),
            block_on("date_of_death", "place"),
        ],
    )
    db = DuckDBAPI()
    linker = Linker(
        db.register(frame.drop(columns=["source_id", "source_row"])), settings, log_level=40
    )
    linker.training.estimate_probability_two_random_records_match(
        [block_on("first_name", "surname", "date_of_death")], recall=0.7
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=5e6, seed=1)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("date_of_death"))
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("first_name", "surname")
    )
    predictions = linker.inference.predict(threshold_match_probability=0.05)
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(
        predictions, threshold_match_probability=THRESHOLD
    ).as_pandas_dataframe()[["unique_id", "cluster_id"]]
    seconds = time.perf_counter() - start
    memory = peak_memory_gb()
    truth = read_truth(workdir / "truth" / "records.csv")
    truth["unique_id"] = truth["source_id"] + ":" + truth["source_row"].astype(str)
    merged = truth.merge(clusters, on="unique_id", how="left")
    scores = evaluate_clusters(merged["cluster_id"], merged["person_id"])
    scores["persons"] = int(merged["cluster_id"].nunique())
    scores["true_persons"] = int(merged["person_id"].nunique())
    scores["unique_count_error"] = (scores["persons"] - scores["true_persons"]) / scores[
        "true_persons"
    ]
    return {
        "linker": "peer",
        "seconds": round(seconds, 1),
        "peak_memory_gb": round(memory, 2),
        **_rounded(scores),
    }


def _rounded(values: dict) -> dict:
    return {k: round(v, 4) if isinstance(v, float) else v for k, v in values.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--sources", type=int, default=6)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--only", choices=["recount", "peer"], default=None)
    parser.add_argument("--run", choices=["recount", "peer"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    workdir = args.workdir or Path(
        f"/tmp/recount-bench-link-{args.people}-{args.sources}-{args.seed}"
    )
    if args.run:
        figures = run_recount(workdir) if args.run == "recount" else run_peer(workdir)
        print(json.dumps(figures))
        return
    prepared = prepare(workdir, args.people, args.sources, args.seed)
    results = {}
    for linker in ("recount", "peer"):
        if args.only and linker != args.only:
            continue
        command = [sys.executable, __file__, "--run", linker, "--workdir", str(workdir)]
        output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
        line = output.strip().splitlines()[-1]
        results[linker] = json.loads(line)
        print(json.dumps({"bench": "link", **prepared, **results[linker]}), flush=True)
    if len(results) == 2:
        ours, peer = results["recount"], results["peer"]
        print(
            json.dumps(
                {
                    "bench": "link-vs-peer",
                    "records": prepared["records"],
                    "pairwise_f1": [ours["pairwise_f1"], peer["pairwise_f1"]],
                    "bcubed_f1": [ours["bcubed_f1"], peer["bcubed_f1"]],
                    "unique_count_error": [ours["unique_count_error"], peer["unique_count_error"]],
                    "time_ratio": round(ours["seconds"] / peer["seconds"], 2),
                }
            )
        )


if __name__ == "__main__":
    main()
