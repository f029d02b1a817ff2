"""Reviewers' decisions as clustering constraints and training labels.

`labels` is append-only: a pair's label in force is the rule in
`recount.tables.views.effective_labels`. `cluster_actions` holds merges and
splits as constraints between records (stable ids), so they hold through any
number of link runs: a merge must-links the records joined, a split
cannot-links the record taken out with the records it was taken from. Splits
stored before recount kept those records (`apart_from` NULL) are resolved
through the `record_person` of the run the reviewer saw, which is the last
one only until the next relink.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from recount.tables import views
from recount.workspace import Workspace


@dataclass
class Constraints:
    """Pairs of record ids that must, or must not, end up as one person."""

    must_link: list[tuple[str, str]] = field(default_factory=list)
    cannot_link: list[tuple[str, str]] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.must_link) + len(self.cannot_link)


def effective_labels(ws: Workspace) -> pd.DataFrame:
    """One row per labelled pair: record_id_l < record_id_r and its label in force."""
    return views.effective_labels(ws)[["record_id_l", "record_id_r", "label"]]


def load_constraints(ws: Workspace, labels: pd.DataFrame) -> Constraints:
    constraints = Constraints()
    for row in labels.itertuples(index=False):
        if row.label == "match":
            constraints.must_link.append((row.record_id_l, row.record_id_r))
        elif row.label == "non_match":
            constraints.cannot_link.append((row.record_id_l, row.record_id_r))
    actions = views.live_cluster_actions(ws)
    previous = None
    for action in actions.itertuples(index=False):
        records = _ids(action.record_ids)
        if action.action == "merge":
            constraints.must_link.extend(zip(records, records[1:], strict=False))
        elif action.action == "split":
            apart = _ids(action.apart_from)
            if _missing(action.apart_from):  # stored before splits kept their records
                if previous is None:
                    previous = _record_person(ws)
                people = _ids(action.person_ids)
                apart = previous.loc[previous["person_id"].isin(people), "record_id"].tolist()
            taken = set(records)
            constraints.cannot_link.extend((a, b) for a in records for b in apart if b not in taken)
    return constraints


def _missing(values) -> bool:
    """A NULL list as pandas gives it (None, NaN or NA)."""
    return values is None or values is pd.NA or (isinstance(values, float) and values != values)


def _ids(values) -> list[str]:
    return [] if _missing(values) else [v for v in values if v]


def _record_person(ws: Workspace) -> pd.DataFrame:
    if not ws.has_table("record_person"):
        return pd.DataFrame(columns=["record_id", "person_id"])
    return ws.table("record_person", ["record_id", "person_id"])


def match_label_pairs(labels: pd.DataFrame, known_ids: set[str]) -> pd.DataFrame:
    """Matching labelled pairs in Splink's labels format, for estimating m."""
    matches = labels[
        (labels["label"] == "match")
        & labels["record_id_l"].isin(known_ids)
        & labels["record_id_r"].isin(known_ids)
    ]
    return pd.DataFrame(
        {
            "unique_id_l": matches["record_id_l"].to_numpy(),
            "unique_id_r": matches["record_id_r"].to_numpy(),
            "clerical_match_score": 1.0,
        }
    )
