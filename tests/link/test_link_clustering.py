"""Anti-chaining clustering: links strongest first, conflicts and reviewers' constraints respected."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from recount.link.clustering import RecordFacts, cluster


def facts(sources, sexes=None, days=None, precision=None) -> RecordFacts:
    n = len(sources)
    frame = pd.DataFrame(
        {
            "source_id": sources,
            "sex": sexes or [None] * n,
            "dod_day": pd.array(days or [None] * n, dtype="Int64"),
            "date_precision": precision or ["day"] * n,
        }
    )
    return RecordFacts.from_frame(frame)


def run(n, links, record_facts, **kwargs):
    left = np.array([a for a, _, _ in links], dtype=np.int64)
    right = np.array([b for _, b, _ in links], dtype=np.int64)
    weight = np.array([w for _, _, w in links], dtype=np.float64)
    options = {"conflict_days": 30, "max_cluster_size": 10} | kwargs
    return cluster(n, left, right, weight, record_facts, **options)


def same(result, a, b) -> bool:
    return result.labels[a] == result.labels[b]


def test_chain_through_a_weak_link_is_cut_when_one_list_holds_two_dates():
    # records 0 and 2 are in list A with dates a year apart; 1 (list B) is linked to both
    record_facts = facts(["A", "B", "A"], days=[100, 100, 465])
    result = run(3, [(0, 1, 12.0), (1, 2, 6.0)], record_facts)
    assert same(result, 0, 1)
    assert not same(result, 1, 2)
    assert result.refused_conflict == 1
    assert result.size_distribution == {1: 1, 2: 1}


def test_records_of_one_list_with_different_sexes_are_never_joined():
    record_facts = facts(["A", "A"], sexes=["M", "F"], days=[10, 10])
    result = run(2, [(0, 1, 20.0)], record_facts)
    assert not same(result, 0, 1)


def test_within_list_duplicates_with_compatible_dates_are_joined():
    # a month-precision date covers the day given by the other record
    record_facts = facts(["A", "A"], sexes=["M", "M"], days=[31, 40], precision=["month", "day"])
    result = run(2, [(0, 1, 15.0)], record_facts)
    assert same(result, 0, 1)


def test_different_lists_may_disagree_on_dates():
    record_facts = facts(["A", "B"], days=[10, 900])
    result = run(2, [(0, 1, 15.0)], record_facts)
    assert same(result, 0, 1)


def test_cannot_link_blocks_the_whole_chain_and_must_link_always_holds():
    record_facts = facts(["A", "B", "C", "D"])
    result = run(
        4,
        [(0, 1, 10.0), (1, 2, 9.0), (2, 3, 8.0)],
        record_facts,
        cannot_link=[(0, 3)],
        must_link=[(0, 2)],
    )
    assert same(result, 0, 1) and same(result, 0, 2)
    assert not same(result, 0, 3)
    assert result.refused_cannot_link == 1
    assert result.must_links == 1


def test_size_cap_stops_giant_clusters():
    n = 12
    record_facts = facts([f"S{i}" for i in range(n)])
    links = [(i, i + 1, 10.0 - i * 0.1) for i in range(n - 1)]
    result = run(n, links, record_facts, max_cluster_size=5)
    assert max(result.size_distribution) <= 5
    assert result.refused_size >= 1


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 14), st.integers(0, 14), st.floats(-5, 30, allow_nan=False)),
        max_size=60,
    ),
    st.lists(st.sampled_from(["A", "B", "C"]), min_size=15, max_size=15),
    st.lists(st.integers(0, 400), min_size=15, max_size=15),
)
def test_no_cluster_ever_holds_a_same_list_conflict(links, sources, days):
    links = [(a, b, w) for a, b, w in links if a != b]
    record_facts = facts(sources, days=days)
    result = run(15, links, record_facts, max_cluster_size=15)
    for label in set(result.labels.tolist()):
        members = np.flatnonzero(result.labels == label)
        for i in members:
            for j in members:
                if i < j and sources[i] == sources[j]:
                    assert abs(days[i] - days[j]) <= 30
    # every link used joins records: people = records - links used
    assert len(set(result.labels.tolist())) == 15 - result.links_used


def test_dates_before_1970_are_dates():
    # days since 1970 are negative before it: a list holding 1950 and 1960 still conflicts
    record_facts = facts(["A", "B", "A"], days=[-7300, -7300, -3650])
    result = run(3, [(0, 1, 10.0), (1, 2, 9.0)], record_facts)
    assert same(result, 0, 1) and not same(result, 1, 2)


def test_pairs_checked_on_their_own_records_say_which_guard_refuses_them():
    # 0, 1: brothers on list A (Ahmad and Omar, sons of Ali); 2 on list A, the other sex;
    # 3 on list B, Ahmad again, linked to 0; 4, 5: a reviewer said they differ
    frame = pd.DataFrame(
        {
            "source_id": ["A", "A", "A", "B", "C", "D"],
            "sex": ["M", "M", "F", "M", None, None],
            "dod_day": pd.array([100] * 6, dtype="Int64"),
            "date_precision": ["day"] * 6,
            "given_key": ["ehmd", "emr", "ehmd", "ehmd", None, None],
            "father_key": ["ely", "ely", "ely", "ely", None, None],
            "tokens": [
                ["ehmd", "ely", "ktyb"],
                ["emr", "ely", "ktyb"],
                ["ehmd", "ely", "ktyb"],
                ["ehmd", "ely", "ktyb"],
                [],
                [],
            ],
        }
    )
    record_facts = RecordFacts.from_frame(frame)
    # scored pairs of any probability: only (0, 3) reached the threshold and is linked
    check = (np.array([0, 0, 0, 4, 1]), np.array([1, 2, 3, 5, 3]))
    result = cluster(
        6,
        np.array([0]),
        np.array([3]),
        np.array([20.0]),
        record_facts,
        45,
        40,
        cannot_link=[(4, 5)],
        check=check,
    )
    assert same(result, 0, 3)
    assert result.pair_guards == ["given", "conflict", None, "cannot_link", "given"]
    # the check never changes the clustering
    plain = cluster(
        6,
        np.array([0]),
        np.array([3]),
        np.array([20.0]),
        record_facts,
        45,
        40,
        cannot_link=[(4, 5)],
    )
    assert plain.labels.tolist() == result.labels.tolist() and plain.pair_guards == []
