"""Progress figures: pairs reviewed, agreement between reviewers, and the linkage's
precision and recall estimated from the labels.

The queue shows reviewers the uncertain pairs on purpose, so labelled pairs are
not a random sample of the linkage: a plain "share of linked labelled pairs that
are matches" would understate precision. The estimate is stratified instead:
pairs are binned by match probability; in each bin the match rate is the
labels' rate shrunk towards the model's own mean probability (a Beta prior
worth `prior_strength` pairs), and bins are weighted by how many scored pairs
(linked, and not linked) they hold. "Linked" means both records are in one
person in `record_person`. Recall is relative to the scored pairs (pairs the
blocking never compared are not in `pairs`). A 95% interval comes from drawing
each bin's rate from its Beta posterior (seeded).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

import duckdb
import numpy as np
import pandas as pd

from recount.review import store
from recount.tables import views

BIN_EDGES = np.array([0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99, 1.0000001])


def cohen_kappa(first: Sequence[str], second: Sequence[str]) -> float | None:
    """Cohen's kappa of two raters over the same items; None when undefined."""
    if len(first) != len(second):
        raise ValueError("both raters must rate the same items")
    n = len(first)
    if n == 0:
        return None
    observed = sum(a == b for a, b in zip(first, second, strict=True)) / n
    count_a, count_b = Counter(first), Counter(second)
    expected = sum(count_a[c] * count_b[c] for c in set(count_a) | set(count_b)) / (n * n)
    if expected >= 1.0:
        return None
    return (observed - expected) / (1.0 - expected)


def review_counts(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    if "labels" not in store.existing_tables(con):
        return {"pairs_reviewed": 0, "by_label": {}, "by_reviewer": {}, "undos": 0}
    effective = con.execute(
        f"select label, count(*) from ({views.EFFECTIVE_LABELS_SQL}) group by 1 order by 1"
    ).fetchall()
    reviewers = con.execute(
        f"select reviewer, count(*) from ({views.EFFECTIVE_LABELS_BY_REVIEWER_SQL}) group by 1 order by 1"
    ).fetchall()
    undos = con.execute("select count(*) from labels where undoes is not null").fetchone()[0]
    return {
        "pairs_reviewed": sum(n for _, n in effective),
        "by_label": dict(effective),
        "by_reviewer": dict(reviewers),
        "undos": undos,
    }


def agreement(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Kappa over pairs with two or more reviewers (the first two by time)."""
    if "labels" not in store.existing_tables(con):
        return {"double_reviewed": 0, "agreed": 0, "kappa": None, "disagreements": []}
    rows = con.execute(
        f"""select record_id_l, record_id_r, list(label order by label_id) as labels
            from ({views.EFFECTIVE_LABELS_BY_REVIEWER_SQL})
            group by 1, 2 having count(*) >= 2 order by 1, 2"""
    ).fetchall()
    first = [r[2][0] for r in rows]
    second = [r[2][1] for r in rows]
    disagreements = [(r[0], r[1]) for r in rows if r[2][0] != r[2][1]]
    return {
        "double_reviewed": len(rows),
        "agreed": len(rows) - len(disagreements),
        "kappa": cohen_kappa(first, second),
        "disagreements": disagreements[:100],
    }


def _pairs_with_linkage(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return con.execute(
        f"""with p as (
                select least(record_id_l, record_id_r) as l, greatest(record_id_l, record_id_r) as r,
                       max(match_probability) as probability
                from pairs group by 1, 2),
            e as ({views.EFFECTIVE_LABELS_SQL})
            select p.probability,
                   coalesce(rp_l.person_id is not null and rp_l.person_id = rp_r.person_id, false)
                       as linked,
                   e.label
            from p
            left join record_person rp_l on rp_l.record_id = p.l
            left join record_person rp_r on rp_r.record_id = p.r
            left join e on e.record_id_l = p.l and e.record_id_r = p.r"""
    ).df()


def estimate_precision_recall(
    frame: pd.DataFrame, prior_strength: float = 2.0, draws: int = 2000, seed: int = 20240
) -> dict[str, Any]:
    """Stratified precision and recall from (probability, linked, label) rows.

    Labels 'unsure' are ignored. Returns point estimates, 95% intervals and the
    per-bin table; None figures when nothing is linked or no label exists.
    """
    frame = frame.assign(
        bin=np.digitize(frame["probability"].astype(float).clip(0, 1), BIN_EDGES) - 1
    )
    decided = frame[frame["label"].isin(["match", "non_match"])]
    rows = []
    for bin_index, group in frame.groupby("bin"):
        labelled = decided[decided["bin"] == bin_index]
        matches = int((labelled["label"] == "match").sum())
        prior_mean = float(group["probability"].mean())
        rows.append(
            {
                "bin_low": float(BIN_EDGES[bin_index]),
                "bin_high": float(min(BIN_EDGES[bin_index + 1], 1.0)),
                "pairs": len(group),
                "linked": int(group["linked"].sum()),
                "labelled": len(labelled),
                "matches": matches,
                "alpha": matches + prior_strength * prior_mean,
                "beta": len(labelled) - matches + prior_strength * (1 - prior_mean),
            }
        )
    bins = pd.DataFrame(rows)
    result: dict[str, Any] = {
        "labelled_pairs": len(decided),
        "precision": None,
        "precision_interval": None,
        "recall": None,
        "recall_interval": None,
        "bins": bins.drop(columns=["alpha", "beta"]).to_dict("records") if len(bins) else [],
    }
    if bins.empty or len(decided) == 0:
        return result
    rng = np.random.default_rng(seed)
    rates = rng.beta(bins["alpha"].to_numpy(), bins["beta"].to_numpy(), size=(draws, len(bins)))
    mean_rates = (bins["alpha"] / (bins["alpha"] + bins["beta"])).to_numpy()
    linked = bins["linked"].to_numpy(dtype=float)
    unlinked = bins["pairs"].to_numpy(dtype=float) - linked

    def ratio(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
        with np.errstate(divide="ignore", invalid="ignore"):
            return numerator / denominator

    if linked.sum() > 0:
        precision_draws = (rates * linked).sum(axis=1) / linked.sum()
        result["precision"] = float((mean_rates * linked).sum() / linked.sum())
        result["precision_interval"] = [
            float(q) for q in np.quantile(precision_draws, [0.025, 0.975])
        ]
    true_linked = (rates * linked).sum(axis=1)
    recall_draws = ratio(true_linked, true_linked + (rates * unlinked).sum(axis=1))
    point_linked = (mean_rates * linked).sum()
    point_total = point_linked + (mean_rates * unlinked).sum()
    if point_total > 0:
        result["recall"] = float(point_linked / point_total)
        finite = recall_draws[np.isfinite(recall_draws)]
        result["recall_interval"] = [float(q) for q in np.quantile(finite, [0.025, 0.975])]
    return result


def linkage_quality(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    tables = store.existing_tables(con)
    if not {"pairs", "record_person", "labels"} <= tables:
        return estimate_precision_recall(
            pd.DataFrame({"probability": [], "linked": [], "label": []})
        )
    return estimate_precision_recall(_pairs_with_linkage(con))


def progress_summary(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    return {
        "counts": review_counts(con),
        "agreement": agreement(con),
        "quality": linkage_quality(con),
    }
