"""Public lists of people through the newcomer's path, beside Splink's own examples on the same data.

    python bench/link_public.py [--only fake_1000|historical_50k] [--data DIR] [--historical PATH]

For each data set, in one run:
- `recount`: a new workspace (`Workspace.init`), the file (as CSV; historical_50k
  also as the Parquet it is published in) with its columns mapped by
  `recount sources suggest` (`suggest_source`, no hand edits), `recount ingest`,
  `recount normalize`, `recount link` at the default threshold;
- `splink`: the model Splink's documentation builds for that file (fake_1000:
  the getting-started tutorial, clustered at 0.95 as there; historical_50k: the
  "deduplicate 50k synthetic" example, clustered at 0.95 as there).
Prints one JSON line per linker and data set: pairwise and B-cubed precision,
recall and F1 against the file's true `cluster`, people found, seconds.

Neither file is part of the repository. fake_1000.csv is read from --data (default: the
`shared/data` folder beside the repository's, where the team keeps it); historical_50k (Splink's
`historical_figures_with_errors_50k.parquet`, 50,578 records of 5,156 people) from --historical.
A file that is not there stops the run with its path and the option that names it.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

import pandas as pd

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data"


def recount_run(
    name: str, table: pd.DataFrame, truth_column: str, scratch: Path, fmt: str = "csv"
) -> dict:
    """The newcomer's path on `table` written as `fmt` (csv or parquet), its truth column removed."""
    from recount.ingest.suggest import suggest_source
    from recount.link import link_workspace
    from recount.link.evaluate import evaluate_record_person
    from recount.project import Project
    from recount.workspace import Workspace

    root = scratch / f"{name}-{fmt}"
    ws = Workspace.init(root, name=name)
    (root / "lists").mkdir(exist_ok=True)
    path = root / "lists" / f"{name}.{fmt}"
    written = table.drop(columns=[truth_column])
    if fmt == "parquet":
        written.to_parquet(path, index=False)
    else:
        written.to_csv(path, index=False)
    started = time.perf_counter()
    suggestion = suggest_source(path, root)
    with ws.config_path.open("a", encoding="utf-8") as config:
        config.write("\n" + suggestion.toml())
    ws.reload_config()
    Project(ws).ingest()
    Project(ws).normalize()
    result = link_workspace(ws)
    seconds = time.perf_counter() - started
    truth = pd.DataFrame(
        {
            "source_id": suggestion.source_id,
            "source_row": range(1, len(table) + 1),
            "person_id": table[truth_column].astype(str).to_numpy(),
        }
    )
    scores = evaluate_record_person(ws.table("record_person"), truth)
    return {
        "data": name,
        "linker": "recount",
        "file": fmt,
        "mapped": {field: column for field, (column, _) in suggestion.columns.items()},
        "fields": result.fields,
        "preset": result.preset,
        "seconds": round(seconds, 1),
        **_rounded(scores),
    }


def splink_fake_1000(table: pd.DataFrame) -> dict:
    """Splink's getting-started tutorial model on fake_1000 (tutorials 03-05)."""
    import splink.comparison_library as cl
    from splink import ColumnExpression, SettingsCreator, block_on

    settings = SettingsCreator(
        link_type="dedupe_only",
        comparisons=[
            cl.NameComparison("first_name"),
            cl.NameComparison("surname"),
            cl.LevenshteinAtThresholds(ColumnExpression("dob").cast_to_string(), 1),
            cl.ExactMatch("city").configure(term_frequency_adjustments=True),
            cl.EmailComparison("email"),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("first_name", "city"),
            block_on("surname"),
        ],
    )

    def train(linker):
        linker.training.estimate_probability_two_random_records_match(
            [
                block_on("first_name", "dob"),
                "l.first_name = r.first_name and levenshtein(r.surname, l.surname) <= 2",
                block_on("email"),
            ],
            recall=0.7,
        )
        linker.training.estimate_u_using_random_sampling(max_pairs=2e6)
        linker.training.estimate_parameters_using_expectation_maximisation(
            block_on("first_name", "surname")
        )
        linker.training.estimate_parameters_using_expectation_maximisation(block_on("dob"))

    return _splink_run("fake_1000", table, "cluster", settings, train, threshold=0.95)


def splink_historical(table: pd.DataFrame) -> dict:
    """Splink's 'deduplicate 50k synthetic' example on historical_50k."""
    import splink.comparison_library as cl
    from splink import SettingsCreator, block_on

    rules = [
        block_on("substr(first_name,1,3)", "substr(surname,1,4)"),
        block_on("surname", "dob"),
        block_on("first_name", "dob"),
        block_on("postcode_fake", "first_name"),
        block_on("postcode_fake", "surname"),
        block_on("dob", "birth_place"),
        block_on("substr(postcode_fake,1,3)", "dob"),
        block_on("substr(postcode_fake,1,3)", "first_name"),
        block_on("substr(postcode_fake,1,3)", "surname"),
        block_on("substr(first_name,1,2)", "substr(surname,1,2)", "substr(dob,1,4)"),
    ]
    settings = SettingsCreator(
        link_type="dedupe_only",
        blocking_rules_to_generate_predictions=rules,
        comparisons=[
            cl.ForenameSurnameComparison(
                "first_name",
                "surname",
                forename_surname_concat_col_name="first_name_surname_concat",
            ),
            cl.DateOfBirthComparison("dob", input_is_string=True),
            cl.PostcodeComparison("postcode_fake"),
            cl.ExactMatch("birth_place").configure(term_frequency_adjustments=True),
            cl.ExactMatch("occupation").configure(term_frequency_adjustments=True),
        ],
    )
    table = table.assign(first_name_surname_concat=table["first_name"] + " " + table["surname"])

    def train(linker):
        linker.training.estimate_probability_two_random_records_match(
            [
                block_on("first_name", "surname", "dob"),
                block_on("substr(first_name,1,2)", "surname", "substr(postcode_fake,1,2)"),
                block_on("dob", "postcode_fake"),
            ],
            recall=0.6,
        )
        linker.training.estimate_u_using_random_sampling(max_pairs=1e7)
        linker.training.estimate_parameters_using_expectation_maximisation(
            block_on("first_name", "surname"), estimate_without_term_frequencies=True
        )
        linker.training.estimate_parameters_using_expectation_maximisation(
            block_on("dob"), estimate_without_term_frequencies=True
        )

    return _splink_run("historical_50k", table, "cluster", settings, train, threshold=0.95)


def _splink_run(name, table, truth_column, settings, train, threshold) -> dict:
    from splink import DuckDBAPI, Linker

    from recount.link.evaluate import evaluate_clusters

    started = time.perf_counter()
    db = DuckDBAPI()
    frame = table.drop(columns=[truth_column])
    linker = Linker(db.register(frame), settings, log_level=40)
    train(linker)
    predictions = linker.inference.predict(threshold_match_probability=0.2)
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(
        predictions, threshold_match_probability=threshold
    ).as_pandas_dataframe()[["unique_id", "cluster_id"]]
    seconds = time.perf_counter() - started
    merged = table[["unique_id", truth_column]].merge(clusters, on="unique_id", how="left")
    scores = evaluate_clusters(merged["cluster_id"], merged[truth_column].astype(str))
    scores["persons"] = int(merged["cluster_id"].nunique())
    scores["true_persons"] = int(merged[truth_column].nunique())
    return {
        "data": name,
        "linker": "splink",
        "threshold": threshold,
        "seconds": round(seconds, 1),
        **_rounded(scores),
    }


def _rounded(values: dict) -> dict:
    return {k: round(v, 4) if isinstance(v, float) else v for k, v in values.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=["fake_1000", "historical_50k"])
    parser.add_argument(
        "--data",
        type=Path,
        default=DEFAULT_DATA,
        help=f"folder holding fake_1000.csv (default {DEFAULT_DATA})",
    )
    parser.add_argument(
        "--historical", type=Path, help="historical_figures_with_errors_50k.parquet"
    )
    args = parser.parse_args()
    fake_1000 = args.data / "fake_1000.csv"
    if args.only in (None, "fake_1000") and not fake_1000.is_file():
        parser.error(
            f"{fake_1000}: no such file; pass --data DIR, the folder holding fake_1000.csv"
        )
    if args.historical is not None and not args.historical.is_file():
        parser.error(f"{args.historical}: no such file (--historical)")
    with tempfile.TemporaryDirectory(prefix="recount-bench-public-") as scratch:
        if args.only in (None, "fake_1000"):
            table = pd.read_csv(fake_1000, dtype={"unique_id": "int64"})
            for run in (
                lambda: recount_run("fake_1000", table, "cluster", Path(scratch)),
                lambda: splink_fake_1000(table),
            ):
                print(json.dumps(run()), flush=True)
        if args.only in (None, "historical_50k"):
            if args.historical is None:
                print(json.dumps({"data": "historical_50k", "skipped": "pass --historical PATH"}))
                return
            table = pd.read_parquet(args.historical)
            for run in (
                lambda: recount_run("historical_50k", table, "cluster", Path(scratch), "parquet"),
                lambda: recount_run("historical_50k", table, "cluster", Path(scratch), "csv"),
                lambda: splink_historical(table),
            ):
                print(json.dumps(run()), flush=True)


if __name__ == "__main__":
    main()
