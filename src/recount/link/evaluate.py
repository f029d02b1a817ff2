"""Accuracy against a known truth (the simulator's truth/records.csv)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from recount.errors import InputError

TRUTH_COLUMNS = ("source_id", "source_row", "person_id")


def read_truth(path: str | Path) -> pd.DataFrame:
    path = Path(path)
    if not path.exists():
        raise InputError(str(path), "file not found")
    try:
        truth = pd.read_csv(path, dtype={"source_id": str, "person_id": str})
    except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as exc:
        raise InputError(str(path), f"not a readable CSV: {exc}") from exc
    missing = [c for c in TRUTH_COLUMNS if c not in truth.columns]
    if missing:
        raise InputError(
            str(path),
            f"missing column(s) {', '.join(missing)}; expected {', '.join(TRUTH_COLUMNS)}",
        )
    truth = truth[list(TRUTH_COLUMNS)].copy()
    truth["source_row"] = pd.to_numeric(truth["source_row"], errors="coerce")
    bad = truth["source_row"].isna()
    if bad.any():
        raise InputError(
            str(path),
            "source_row is not a number",
            row=int(np.flatnonzero(bad)[0]) + 1,
            field="source_row",
        )
    truth["source_row"] = truth["source_row"].astype(np.int64)
    return truth


def _pair_count(sizes: np.ndarray) -> float:
    sizes = sizes.astype(np.float64)
    return float((sizes * (sizes - 1) / 2).sum())


def evaluate_clusters(predicted: pd.Series, true: pd.Series) -> dict[str, float]:
    """Pairwise and B-cubed precision/recall/F1 of two labelings of the same records.

    Missing predicted labels (unidentified records) count as singletons.
    """
    predicted = predicted.reset_index(drop=True)
    true = true.reset_index(drop=True)
    singletons = pd.Series([f"__single_{i}" for i in range(len(predicted))])
    predicted = predicted.astype(object).where(predicted.notna(), singletons)
    pred_codes = pd.factorize(predicted)[0]
    true_codes = pd.factorize(true.astype(str))[0]
    cells = (
        pd.DataFrame({"p": pred_codes, "t": true_codes}).value_counts().rename("n").reset_index()
    )
    pred_sizes = np.bincount(pred_codes)
    true_sizes = np.bincount(true_codes)
    tp = _pair_count(cells["n"].to_numpy())
    predicted_pairs = _pair_count(pred_sizes)
    true_pairs = _pair_count(true_sizes)
    precision = tp / predicted_pairs if predicted_pairs else 1.0
    recall = tp / true_pairs if true_pairs else 1.0
    n = cells["n"].to_numpy(dtype=np.float64)
    b3_precision = float((n * n / pred_sizes[cells["p"].to_numpy()]).sum() / len(predicted))
    b3_recall = float((n * n / true_sizes[cells["t"].to_numpy()]).sum() / len(predicted))
    return {
        "records": int(len(predicted)),
        "pairwise_precision": precision,
        "pairwise_recall": recall,
        "pairwise_f1": _f1(precision, recall),
        "bcubed_precision": b3_precision,
        "bcubed_recall": b3_recall,
        "bcubed_f1": _f1(b3_precision, b3_recall),
        "true_pairs": int(true_pairs),
        "predicted_pairs": int(predicted_pairs),
    }


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def evaluate_record_person(record_person: pd.DataFrame, truth: pd.DataFrame) -> dict[str, float]:
    """Compare `record_person` with the truth; adds counts of people found and true."""
    merged = record_person.merge(
        truth, on=["source_id", "source_row"], how="inner", suffixes=("", "_true")
    )
    if merged.empty:
        raise InputError(
            "truth", "no record of the workspace matches the truth file (source_id, source_row)"
        )
    scores = evaluate_clusters(merged["person_id"], merged["person_id_true"])
    identified = merged["person_id"].notna()
    scores["persons"] = int(merged.loc[identified, "person_id"].nunique())
    scores["true_persons"] = int(merged["person_id_true"].nunique())
    scores["unique_count_error"] = (scores["persons"] - scores["true_persons"]) / max(
        scores["true_persons"], 1
    )
    scores["unmatched_truth_rows"] = int(len(truth) - len(merged))
    lists = int(merged["source_id"].nunique())
    found = people_on_lists(
        merged.loc[identified, "person_id"], merged.loc[identified, "source_id"]
    )
    true = people_on_lists(merged["person_id_true"], merged["source_id"])
    scores["people_on_lists"] = found.reindex(range(1, lists + 1), fill_value=0).tolist()
    scores["true_people_on_lists"] = true.reindex(range(1, lists + 1), fill_value=0).tolist()
    scores["singletons_error"] = (found.get(1, 0) - true.get(1, 0)) / max(true.get(1, 0), 1)
    return scores


def people_on_lists(person: pd.Series, source: pd.Series) -> pd.Series:
    """How many people are on exactly k lists, by k: the capture pattern's shape. A documented
    count within 0.2% can hide missed and false links that cancel, while the people on one list,
    which multiple systems estimation reads as evidence of the unseen, move by several percent
    (docs/benchmarks.md note 123)."""
    lists = pd.DataFrame({"person": person, "source": source}).groupby("person")["source"].nunique()
    return lists.value_counts().sort_index()


def blocking_recall(candidate_pairs: pd.DataFrame, truth_ids: pd.Series) -> dict[str, float]:
    """Share of true same-person pairs among `candidate_pairs` (unique_id_l, unique_id_r).

    `truth_ids` maps unique_id -> true person for the records that were blocked.
    """
    sizes = truth_ids.value_counts().to_numpy()
    true_pairs = _pair_count(sizes)
    left = candidate_pairs["unique_id_l"].map(truth_ids)
    right = candidate_pairs["unique_id_r"].map(truth_ids)
    found = int((left.notna() & (left == right)).sum())
    return {
        "candidate_pairs": int(len(candidate_pairs)),
        "true_pairs": int(true_pairs),
        "true_pairs_found": found,
        "blocking_recall": found / true_pairs if true_pairs else 1.0,
    }


def blocking_report(ws, truth: pd.DataFrame) -> dict:
    """Blocking recall of every prediction rule alone and of all of them together.

    `truth` as `read_truth` returns it. Rules as `recount link` builds them for the
    workspace's fields (`recount.link.blocking.prediction_rules`).
    """
    from recount.link.blocking import add_blocking_columns, prediction_rules, rule_pairs
    from recount.link.fields import present_fields
    from recount.link.prepare import linkable_records, load_link_input

    linkable = linkable_records(load_link_input(ws))
    fields = present_fields(linkable)
    linkable = add_blocking_columns(linkable, fields)
    keyed = truth.assign(unique_id=truth["source_id"] + ":" + truth["source_row"].astype(str))
    truth_ids = keyed.set_index("unique_id")["person_id"]
    truth_ids = truth_ids[truth_ids.index.isin(linkable["unique_id"])]
    per_rule, found = [], []
    for rule in prediction_rules(fields, linkable):
        pairs = rule_pairs(linkable, rule)
        found.append(pairs)
        scores = blocking_recall(pairs, truth_ids)
        per_rule.append(
            {
                "rule": rule["blocking_rule"],
                "pairs": scores["candidate_pairs"],
                "recall": scores["blocking_recall"],
            }
        )
    union = pd.concat(found, ignore_index=True).drop_duplicates()
    return {**blocking_recall(union, truth_ids), "blocking_rules": per_rule}
