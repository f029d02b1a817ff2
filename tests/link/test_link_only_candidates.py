"""A record without a date of death and its only candidate, below the threshold: one person."""

from __future__ import annotations

import numpy as np
import pandas as pd

from recount.link.only_candidates import only_candidates


def _records(dated: dict[str, bool]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "unique_id": list(dated),
            "dod_day": pd.array([15_000 if d else None for d in dated.values()], dtype="Int64"),
        }
    )


def _pairs(rows: list[tuple[str, str, float]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "unique_id_l": [a for a, _, _ in rows],
            "unique_id_r": [b for _, b, _ in rows],
            "source_id_l": [a.split(":")[0] for a, _, _ in rows],
            "source_id_r": [b.split(":")[0] for _, b, _ in rows],
            "match_probability": [p for _, _, p in rows],
        }
    )


def test_an_undated_record_and_its_only_dated_candidate_are_offered():
    records = _records({"u:1": False, "d:1": True, "d:2": True})
    pairs = _pairs([("d:1", "u:1", 0.3), ("d:1", "d:2", 0.3)])
    assert only_candidates(records, pairs, threshold=0.5).tolist() == [True, False]


def test_two_candidates_either_way_are_not_one_person():
    records = _records({"u:1": False, "u:2": False, "w:1": False, "d:1": True, "d:2": True})
    # u:1 has two dated candidates; d:2 has two from list u
    pairs = _pairs([("d:1", "u:1", 0.3), ("d:2", "u:1", 0.2), ("d:2", "u:2", 0.3)])
    assert not only_candidates(records, pairs, threshold=0.5).any()
    # a second undated candidate on another list does not count against the pair
    pairs = _pairs([("d:1", "u:1", 0.3), ("d:1", "w:1", 0.3)])
    assert only_candidates(records, pairs, threshold=0.5).tolist() == [True, True]


def test_pairs_at_the_threshold_or_both_dated_or_both_undated_are_left_as_they_are():
    records = _records({"u:1": False, "v:1": False, "d:1": True, "e:1": True})
    pairs = _pairs([("d:1", "u:1", 0.9), ("d:1", "e:1", 0.3), ("u:1", "v:1", 0.3)])
    assert only_candidates(records, pairs, threshold=0.5).tolist() == [False, False, False]
    every_dated = _records({"d:1": True, "e:1": True})
    assert not only_candidates(every_dated, _pairs([("d:1", "e:1", 0.3)]), 0.5).any()
    assert isinstance(only_candidates(records, pairs.iloc[:0], 0.5), np.ndarray)
