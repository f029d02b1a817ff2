"""A record without a date of death and its only candidate, below the threshold: one person."""

from __future__ import annotations

import numpy as np
import pandas as pd

from recount.link.only_candidates import only_candidates, only_person


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


def test_an_undated_record_alone_joins_its_only_candidate_person():
    """Records 0-1 are one person on lists 0 and 1; record 2 (undated, list 2) is alone and its
    every candidate is that person: offered. Record 3 (undated, list 1) names the same person,
    but that person already holds a record of list 1. Record 4's candidates are two people."""
    labels = np.array([0, 0, 2, 3, 4, 5, 6])
    sources = np.array([0, 1, 2, 1, 2, 0, 1])
    undated = np.array([False, False, True, True, True, False, False])
    left = np.array([0, 1, 0, 4, 4])
    right = np.array([2, 2, 3, 5, 6])
    assert only_person(left, right, labels, sources, undated) in ([(2, 0)], [(2, 1)])
    # two candidates in one person, one in another: no single person, nothing offered
    assert only_person(np.array([0, 1, 5]), np.array([2, 2, 2]), labels, sources, undated) == []
    # a record already in a person, or dated, is never offered
    assert only_person(np.array([0]), np.array([5]), labels, sources, undated) == []
    every_dated = np.zeros(7, dtype=bool)
    assert only_person(left, right, labels, sources, every_dated) == []


def test_the_clustering_offers_the_only_person_to_the_guards():
    """An undated record whose names sit within a person's (two dated records) scores below the
    threshold with both: joined after the strong links, unless a guard refuses it."""
    from recount.link.clustering import UNKNOWN_DAY, RecordFacts, cluster

    def facts(undated_given: str) -> RecordFacts:
        day = np.array([15_000, 15_002, UNKNOWN_DAY])
        return RecordFacts(
            source=np.array([0, 1, 2]),
            sex=np.array([1, 1, 1]),
            date_lo=day,
            date_hi=day,
            given=["ahmad", "ahmad", undated_given],
            father=["ali", "ali", None],
            family=["halabi", "halabi", "halabi"],
            tokens=[frozenset({"ahmad", "ali", "halabi"})] * 2
            + [frozenset({undated_given, "halabi"})],
        )

    strong = (np.array([0]), np.array([1]), np.array([10.0]))
    every = (np.array([0, 0, 1]), np.array([1, 2, 2]))
    for given_name, joined in (("ahmad", True), ("omar", False)):
        result = cluster(3, *strong, facts(given_name), 45, 50, check=every, only_person_pass=True)
        assert bool(result.labels[2] == result.labels[0]) is joined
        assert result.only_person == int(joined)
        off = cluster(3, *strong, facts(given_name), 45, 50, check=every)
        assert off.labels[2] != off.labels[0]
