"""FEBRL 4 sanity check: Splink 5 with recount's engine, clustering and scoring.

Links ../shared/data/febrl/dataset4a.csv with dataset4b.csv as Splink's own
tutorial does and prints one JSON line: pairwise precision/recall/F1 at
threshold 0.5 and seconds. Target: pairwise F1 >= 0.99.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import splink.comparison_library as cl
from splink import Linker, SettingsCreator, block_on

from recount.link.clustering import RecordFacts, cluster
from recount.link.engines import SPLINK_LOG_LEVEL, duckdb_engine
from recount.link.evaluate import evaluate_clusters

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "febrl"


def load(path: Path, source: str) -> pd.DataFrame:
    frame = pd.read_csv(path, dtype=str, skipinitialspace=True)
    frame.columns = [c.strip() for c in frame.columns]
    frame = frame.apply(lambda col: col.str.strip())
    frame["source_dataset"] = source
    frame["person"] = frame["rec_id"].str.extract(r"rec-(\d+)-")[0]
    return frame


def settings() -> SettingsCreator:
    return SettingsCreator(
        unique_id_column_name="rec_id",
        link_type="link_only",
        comparisons=[
            cl.NameComparison("given_name").configure(term_frequency_adjustments=True),
            cl.NameComparison("surname").configure(term_frequency_adjustments=True),
            cl.DateOfBirthComparison(
                "date_of_birth", input_is_string=True, datetime_format="%Y%m%d"
            ),
            cl.DamerauLevenshteinAtThresholds("soc_sec_id", [2]),
            cl.ExactMatch("street_number").configure(term_frequency_adjustments=True),
            cl.ExactMatch("postcode").configure(term_frequency_adjustments=True),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("given_name", "surname"),
            "l.given_name = r.given_name and levenshtein(r.surname, l.surname) < 2",
            block_on("date_of_birth"),
            block_on("soc_sec_id"),
            block_on("state", "address_1"),
            block_on("street_number", "address_1"),
            block_on("postcode"),
        ],
    )


def run(data_dir: Path = DATA, threshold: float = 0.5) -> dict:
    start = time.perf_counter()
    left = load(data_dir / "dataset4a.csv", "a")
    right = load(data_dir / "dataset4b.csv", "b")
    engine = duckdb_engine()
    tables = [
        engine.db_api.register(left.drop(columns="person")),
        engine.db_api.register(right.drop(columns="person")),
    ]
    linker = Linker(tables, settings(), log_level=SPLINK_LOG_LEVEL)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("given_name", "surname", "date_of_birth")], recall=0.7
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=1e7, seed=1)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("date_of_birth"))
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("given_name", "surname")
    )
    pairs = linker.inference.predict(threshold_match_probability=threshold).as_pandas_dataframe()

    records = pd.concat([left, right], ignore_index=True)
    records["key"] = records["source_dataset"] + ":" + records["rec_id"]
    index = pd.Series(np.arange(len(records)), index=records["key"])
    a = index[pairs["source_dataset_l"] + ":" + pairs["rec_id_l"]].to_numpy()
    b = index[pairs["source_dataset_r"] + ":" + pairs["rec_id_r"]].to_numpy()
    facts = RecordFacts(
        source=pd.factorize(records["source_dataset"])[0],
        sex=np.zeros(len(records), dtype=np.int64),
        date_lo=np.full(len(records), -1),
        date_hi=np.full(len(records), -1),
    )
    # FEBRL 4 holds each person once per file: people of at most two records
    result = cluster(
        len(records),
        a,
        b,
        pairs["match_weight"].to_numpy(),
        facts,
        conflict_days=-1,
        max_cluster_size=2,
    )
    scores = evaluate_clusters(pd.Series(result.labels), records["person"])
    return {
        "bench": "febrl4",
        "engine": "duckdb",
        "threshold": threshold,
        "records": len(records),
        "pairs_scored": len(pairs),
        "pairwise_precision": round(scores["pairwise_precision"], 4),
        "pairwise_recall": round(scores["pairwise_recall"], 4),
        "pairwise_f1": round(scores["pairwise_f1"], 4),
        "seconds": round(time.perf_counter() - start, 2),
    }


if __name__ == "__main__":
    print(json.dumps(run(Path(sys.argv[1]) if len(sys.argv) > 1 else DATA)))
