"""bench/estimate_linkage.py --causes: each cause of a split person mended from the truth in
turn, and the model's expected joins beside the true ones (#14, note 197)."""

import importlib.util
from pathlib import Path

import numpy as np
import pandas as pd

from recount.estimate.linkage import build_graph

BENCH = Path(__file__).resolve().parents[2] / "bench" / "estimate_linkage.py"


def load_bench():
    spec = importlib.util.spec_from_file_location("estimate_linkage_bench", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_each_cause_of_a_split_is_mended_in_turn_and_the_model_sees_only_the_unguarded():
    # true people: t1 = a1 + b1 (scored 0.3, under the threshold), t2 = a2 + c1 (guarded),
    # t3 = b2 + c2 (never scored), t4 = a3 and t5 = b3 linked as one person (a false link)
    records = pd.DataFrame(
        {
            "record_id": ["a:1", "b:1", "a:2", "c:1", "b:2", "c:2", "a:3", "b:3"],
            "source_id": ["a", "b", "a", "c", "b", "c", "a", "b"],
            "person_id": ["P1", "P2", "P3", "P4", "P5", "P6", "P7", "P7"],
        }
    )
    true_of = {"a:1": 1, "b:1": 1, "a:2": 2, "c:1": 2, "b:2": 3, "c:2": 3, "a:3": 4, "b:3": 5}
    pairs = pd.DataFrame(
        {
            "record_id_l": ["a:1", "a:2", "a:3"],
            "record_id_r": ["b:1", "c:1", "b:3"],
            "match_probability": [0.3, 0.9, 0.95],
            "guard": [None, "given_name", None],
        }
    )
    graph = build_graph(records, pairs, ["a", "b", "c"], threshold=0.5)
    true_id = np.array([true_of[r] for r in graph.record_ids])
    out = load_bench().causes(graph, true_id, 0.5)
    assert out["singletons"] == {
        "linked": 6,
        "+below": 4,
        "+guards": 2,
        "+unscored": 0,
        "+merges": 2,
    }
    assert out["needed_joins"] == 3 and out["merged_people"] == 1
    assert out["joins_between_people"]["below"] == {"expected": 0.3, "true": 1}
    assert out["joins_between_people"]["guarded"] == {"expected": 0.0, "true": 1}
    assert set(out["cross_check_singletons"]) == {"both", "missed_only", "false_only"}
