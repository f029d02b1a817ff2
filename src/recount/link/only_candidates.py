"""Records without a date of death that have one candidate only: one person, below the threshold.

A record with no date of death (a list that gives none) has its names, place and age to go on,
and where its names sit within another record's (the father's name dropped) the model scores
the pair well under the threshold: namesakes look alike in those fields too. What tells the
two apart is the lists themselves: a list writes a person once, so when the undated record's
only scored candidate is one dated record, and that record's only scored candidate on the
undated record's list is it, they are one person more often than not. On the sparse tuning
regime (a list without dates) these pairs were 228 of one person against 60 of two at p of
0.3 or more; the cluster guards still judge each link.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def only_candidates(linkable: pd.DataFrame, pairs: pd.DataFrame, threshold: float) -> np.ndarray:
    """Which scored pairs below `threshold` join an undated record to its only candidate,
    a dated record whose only candidate on the undated record's list it is (a mask on `pairs`)."""
    undated = pd.Series(linkable["dod_day"].isna().to_numpy(), index=linkable["unique_id"])
    if not undated.any() or undated.all():
        return np.zeros(len(pairs), dtype=bool)
    left = undated.reindex(pairs["unique_id_l"]).fillna(False).to_numpy(dtype=bool)
    right = undated.reindex(pairs["unique_id_r"]).fillna(False).to_numpy(dtype=bool)
    mixed = left ^ right
    lone = np.where(left, pairs["unique_id_l"], pairs["unique_id_r"])
    dated = np.where(left, pairs["unique_id_r"], pairs["unique_id_l"])
    lone_list = np.where(left, pairs["source_id_l"], pairs["source_id_r"])
    frame = pd.DataFrame({"lone": lone, "dated": dated, "list": lone_list})[mixed]
    per_lone = frame.groupby("lone")["dated"].transform("size")
    per_dated = frame.groupby(["dated", "list"])["lone"].transform("size")
    only = np.zeros(len(pairs), dtype=bool)
    only[np.flatnonzero(mixed)] = (per_lone.to_numpy() == 1) & (per_dated.to_numpy() == 1)
    return only & (pairs["match_probability"].to_numpy() < threshold)


def only_person(
    left: np.ndarray,
    right: np.ndarray,
    labels: np.ndarray,
    sources: np.ndarray,
    undated: np.ndarray,
) -> list[tuple[int, int]]:
    """After clustering: (record, a record of the person) for each undated record that is a
    person on its own, whose every scored candidate (pairs left[k], right[k]) belongs to one
    other person, and that person holds no record of its list.

    `only_candidates` asks for one candidate record; a person found on two other lists is two
    candidate records, so the undated record that names that one person stayed apart (on
    the mixed regime, 323 of 373 true pairs scored below the threshold were an undated record
    whose names sit within its partner's, most with one candidate person; offered to the
    guards, 4 in 5 such records joined their own person). Records, `labels` (a person per
    record), `sources` (a list code per record) and `undated` are indexed alike."""
    if not undated.any() or undated.all() or not len(left):
        return []
    lone = undated & (np.bincount(labels, minlength=len(labels))[labels] == 1)
    scored = (left >= 0) & (right >= 0)  # masks, not copies: every scored pair is many
    from_left = scored & lone[left]
    from_right = scored & lone[right]
    frame = pd.DataFrame(
        {
            "record": np.concatenate([left[from_left], right[from_right]]),
            "partner": np.concatenate([right[from_left], left[from_right]]),
        }
    )
    frame["person"] = labels[frame["partner"].to_numpy()]
    people = frame.groupby("record").agg(
        people=("person", "nunique"), person=("person", "first"), partner=("partner", "first")
    )
    people = people[people["people"] == 1]
    lists = int(sources.max()) + 1 if len(sources) else 1
    held = np.unique(labels.astype(np.int64) * lists + sources)
    record = people.index.to_numpy()
    wanted = people["person"].to_numpy().astype(np.int64) * lists + sources[record]
    free = ~np.isin(wanted, held)
    return list(
        zip(record[free].tolist(), people["partner"].to_numpy()[free].tolist(), strict=True)
    )
