"""Pairwise and B-cubed scores, checked against hand counts."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recount.errors import InputError
from recount.link.evaluate import (
    blocking_recall,
    evaluate_clusters,
    evaluate_record_person,
    read_truth,
)


def test_scores_match_hand_counts():
    # truth: {0,1,2} {3}; predicted: {0,1} {2,3}
    scores = evaluate_clusters(pd.Series(["a", "a", "b", "b"]), pd.Series([1, 1, 1, 2]))
    assert scores["true_pairs"] == 3 and scores["predicted_pairs"] == 2
    assert scores["pairwise_precision"] == pytest.approx(0.5)
    assert scores["pairwise_recall"] == pytest.approx(1 / 3)
    # B-cubed precision: (1 + 1 + 1/2 + 1/2) / 4; recall: (2/3 + 2/3 + 1/3 + 1) / 4
    assert scores["bcubed_precision"] == pytest.approx(0.75)
    assert scores["bcubed_recall"] == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1) / 4)


def test_missing_predictions_are_singletons():
    scores = evaluate_clusters(pd.Series([None, None]), pd.Series([1, 1]))
    assert scores["pairwise_recall"] == 0.0
    assert scores["predicted_pairs"] == 0


@settings(deadline=None)
@given(st.lists(st.integers(0, 6), min_size=1, max_size=40))
def test_a_perfect_clustering_scores_one_whatever_the_label_names(labels):
    truth = pd.Series(labels)
    predicted = truth.map(lambda x: f"person-{x * 7}")
    scores = evaluate_clusters(predicted, truth)
    assert scores["bcubed_f1"] == pytest.approx(1.0)
    assert scores["pairwise_precision"] == pytest.approx(1.0)
    assert scores["pairwise_recall"] == pytest.approx(1.0)


def test_blocking_recall_counts_true_pairs_found():
    truth = pd.Series({"a": 1, "b": 1, "c": 1, "d": 2})
    candidates = pd.DataFrame({"unique_id_l": ["a", "a", "c"], "unique_id_r": ["b", "d", "d"]})
    result = blocking_recall(candidates, truth)
    assert result["true_pairs"] == 3 and result["true_pairs_found"] == 1


def test_truth_file_errors_name_the_problem(tmp_path):
    path = tmp_path / "truth.csv"
    path.write_text("source_id,row,person_id\na,1,p\n", encoding="utf-8")
    with pytest.raises(InputError, match="source_row"):
        read_truth(path)
    path.write_text("source_id,source_row,person_id\na,x,p\n", encoding="utf-8")
    with pytest.raises(InputError, match="not a number"):
        read_truth(path)
    with pytest.raises(InputError, match="not found"):
        read_truth(tmp_path / "missing.csv")


def test_people_on_k_lists_are_counted_found_and_true_and_a_split_shows_in_those_on_one():
    # truth: p on lists a and b, q on a, r on b; found: p split in two, q and r merged
    truth = pd.DataFrame(
        {"source_id": ["a", "b", "a", "b"], "source_row": [1, 1, 2, 2], "person_id": list("ppqr")}
    )
    found = truth.assign(person_id=["P1", "P2", "Q", "Q"])
    scores = evaluate_record_person(found, truth)
    assert scores["persons"] == scores["true_persons"] == 3
    assert scores["true_people_on_lists"] == [2, 1]
    assert scores["people_on_lists"] == [2, 1]  # P1, P2 alone; Q on both
    split = truth.assign(person_id=["P1", "P2", "Q", "R"])
    scores = evaluate_record_person(split, truth)
    assert scores["people_on_lists"] == [4, 0]
    assert scores["singletons_error"] == pytest.approx(1.0)
