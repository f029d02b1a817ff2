"""Reviewers' decisions as clustering constraints and training labels.

`labels` is append-only: a pair's effective label is its latest label that no
later row undoes. `cluster_actions` records merges and splits of people; they
refer to people of the previous run, resolved through the `record_person`
table that run wrote.
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
    if not ws.has_table("cluster_actions"):
        return constraints
    actions = views.live_cluster_actions(ws)
    previous = (
        ws.table("record_person", ["record_id", "person_id"])
        if ws.has_table("record_person")
        else None
    )
    for action in actions.itertuples(index=False):
        records = [r for r in (action.record_ids if action.record_ids is not None else []) if r]
        people = [p for p in (action.person_ids if action.person_ids is not None else []) if p]
        members: list[str] = []
        if previous is not None and people:
            members = previous.loc[previous["person_id"].isin(people), "record_id"].tolist()
        if action.action == "merge":
            group = list(dict.fromkeys(records + members))
            constraints.must_link.extend(zip(group, group[1:], strict=False))
        elif action.action == "split":
            rest = [m for m in members if m not in set(records)]
            constraints.cannot_link.extend((a, b) for a in records for b in rest)
    return constraints


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
