"""From scored pairs to people: greedy constrained single-linkage.

Connected components at a threshold chain different people together through
weak links (A~B, B~C although A and C clearly differ). Here links are added
strongest first, and a link is refused when it would put in one person two
records of the same list that conflict (different sexes, or dates of death too
far apart), records a reviewer said differ (cannot-link), or more records than
a person can plausibly have. Reviewer 'match' labels and merges are added
first and always kept (must-link).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

DATE_PRECISION_SPAN = {"day": 0, "month": 30, "year": 364}


@dataclass
class ClusterResult:
    """Cluster label per record (index into the records given) and what happened."""

    labels: np.ndarray
    links_used: int = 0
    refused_conflict: int = 0
    refused_cannot_link: int = 0
    refused_size: int = 0
    refused_given_names: int = 0
    must_links: int = 0
    size_distribution: dict[int, int] = field(default_factory=dict)


@dataclass
class RecordFacts:
    """What the anti-chaining checks need to know about each record."""

    source: np.ndarray  # int code per record
    sex: np.ndarray  # 0 unknown, 1 M, 2 F
    date_lo: np.ndarray  # days since 1970, -1 when unknown
    date_hi: np.ndarray

    @classmethod
    def from_frame(cls, frame: pd.DataFrame) -> RecordFacts:
        source = pd.factorize(frame["source_id"])[0].astype(np.int64)
        sex = frame["sex"].map({"M": 1, "F": 2}).fillna(0).astype(np.int64).to_numpy()
        day = frame["dod_day"].astype("Float64").fillna(-1).astype(np.int64).to_numpy()
        span = (
            frame["date_precision"].map(DATE_PRECISION_SPAN).fillna(0).astype(np.int64).to_numpy()
        )
        known = day >= 0
        return cls(source, sex, np.where(known, day, -1), np.where(known, day + span, -1))


def cluster(
    n_records: int,
    left: np.ndarray,
    right: np.ndarray,
    weight: np.ndarray,
    facts: RecordFacts,
    conflict_days: int,
    max_cluster_size: int,
    must_link: list[tuple[int, int]] = (),
    cannot_link: list[tuple[int, int]] = (),
) -> ClusterResult:
    """Cluster records 0..n_records-1 given links (left[k], right[k]) with weights."""
    parent = list(range(n_records))
    members: dict[int, list[int]] = {}
    by_source: dict[int, dict[int, list[int]]] = {}
    forbidden: dict[int, set[int]] = defaultdict(set)
    for a, b in cannot_link:
        forbidden[a].add(b)
        forbidden[b].add(a)
    sources, sexes, lo, hi = facts.source, facts.sex, facts.date_lo, facts.date_hi

    def find(x: int) -> int:
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    def members_of(root: int) -> list[int]:
        return members.get(root) or [root]

    def sources_of(root: int) -> dict[int, list[int]]:
        index = by_source.get(root)
        if index is None:
            index = {int(sources[root]): [root]}
        return index

    def conflicting(a: int, b: int) -> bool:
        if sexes[a] and sexes[b] and sexes[a] != sexes[b]:
            return True
        if lo[a] >= 0 and lo[b] >= 0:
            gap = max(lo[a], lo[b]) - min(hi[a], hi[b])
            return gap > conflict_days
        return False

    def union(ra: int, rb: int) -> None:
        small, big = (ra, rb) if len(members_of(ra)) < len(members_of(rb)) else (rb, ra)
        big_members = members_of(big) + members_of(small)
        big_index = sources_of(big)
        for source, recs in sources_of(small).items():
            big_index.setdefault(source, []).extend(recs)
        parent[small] = big
        members[big] = big_members
        by_source[big] = big_index
        members.pop(small, None)
        by_source.pop(small, None)

    result = ClusterResult(labels=np.empty(0, dtype=np.int64))
    for a, b in must_link:
        ra, rb = find(a), find(b)
        if ra != rb:
            union(ra, rb)
            result.must_links += 1

    order = np.argsort(-weight, kind="stable")
    for k in order:
        a, b = int(left[k]), int(right[k])
        ra, rb = find(a), find(b)
        if ra == rb:
            continue
        small, big = (ra, rb) if len(members_of(ra)) < len(members_of(rb)) else (rb, ra)
        small_members = members_of(small)
        if len(small_members) + len(members_of(big)) > max_cluster_size:
            result.refused_size += 1
            continue
        if forbidden and any(
            find(other) == big for m in small_members for other in forbidden.get(m, ())
        ):
            result.refused_cannot_link += 1
            continue
        big_index = sources_of(big)
        if any(
            conflicting(m, other)
            for m in small_members
            for other in big_index.get(int(sources[m]), ())
        ):
            result.refused_conflict += 1
            continue
        union(ra, rb)
        result.links_used += 1

    result.labels = np.fromiter(
        (find(i) for i in range(n_records)), dtype=np.int64, count=n_records
    )
    sizes = Counter(Counter(result.labels.tolist()).values())
    result.size_distribution = dict(sorted(sizes.items()))
    return result
