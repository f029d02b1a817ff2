"""Records without a usable name, joined to the one person killed when and where they were.

A record kept out of linking for its name ('N.N.', none, 'wife of …' that `relational` could
not place) still has a date of death, a place, often a sex and an age. Where exactly one named
person died on that day in that place, of a sex and a year of birth that do not contradict the
record, and no record of that list already names them, the record is most often theirs: a list
writes a person once. How often depends on the lists (massacres, how many lists name a victim),
so it is measured on the workspace itself: named records, their names hidden, go through the
same rule, and the share whose one person is their own is the rule's precision there, for
each kind of evidence (sex and year of birth known, one of them, neither). Unnamed records join
only where that share reaches `[link] attach_unnamed`; they never join one another, so the
count of people does not move.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from recount.link.relational import FEMALE, MALE

UNNAMED_REASONS = ("unknown_name", "no_name", "relational")
UNNAMED_ATTACHED = "unnamed_attached"
# Named records put through the rule to measure it (a fixed sample: the cost stays bounded at
# a million records), and the fewest that may measure one kind of evidence.
MAX_PROBES = 20_000
MIN_PROBES = 50
EVENT = ["dod_day", "place_key"]


@dataclass
class UnnamedResult:
    """Person per attached record (index of the frame) and the precision measured per kind of
    evidence (how many of sex and year of birth the record gives: 0, 1, 2)."""

    person: pd.Series
    precision: dict[int, float] = field(default_factory=dict)


def evidence(frame: pd.DataFrame) -> np.ndarray:
    """0, 1 or 2: how many of sex and year of birth a record gives."""
    return frame["sex"].notna().to_numpy(int) + frame["birth_year"].notna().to_numpy(int)


def _sex(frame: pd.DataFrame) -> pd.Series:
    """The record's sex, or the one its relation word says ('wife of …' is a woman)."""
    relation = frame["relation"].fillna("").str.lower()
    implied = np.where(relation.isin(FEMALE), "F", np.where(relation.isin(MALE), "M", None))
    return frame["sex"].where(frame["sex"].notna(), pd.Series(implied, index=frame.index))


def single_persons(
    probes: pd.DataFrame, pool: pd.DataFrame, birth_tolerance: int | None
) -> pd.Series:
    """The one person of `pool` each probe can be by its exact day and place of death (index:
    the probe's unique_id). Both frames have unique_id, source_id, person (NULL for an unnamed
    probe), sex, birth_year, dod_day, place_key and date_precision. A probe never counts its
    own record; persons a record of the probe's list names, and persons two probes of one list
    claim, are no one's."""
    dated = probes["date_precision"].eq("day") & probes[EVENT].notna().all(axis=1)
    columns = ["unique_id", "source_id", "sex", "birth_year", *EVENT]
    exact = pool["date_precision"].eq("day")
    rows = probes.loc[dated, columns].merge(
        pool.loc[exact, [*columns, "person"]], on=EVENT, suffixes=("", "_c")
    )
    rows = rows[rows["unique_id"] != rows["unique_id_c"]]
    clash = rows["sex"].notna() & rows["sex_c"].notna() & (rows["sex"] != rows["sex_c"])
    if birth_tolerance is not None:
        gap = (rows["birth_year"] - rows["birth_year_c"]).abs()
        clash |= (gap > birth_tolerance).fillna(False).astype(bool)
    verdict = (
        rows.assign(clash=clash).groupby(["unique_id", "person"], sort=False)["clash"].any()
    ).reset_index()
    verdict = verdict[~verdict["clash"]]
    # a list writes a person once: one its other records name is someone else
    on_list = pool.groupby(["person", "source_id"]).size()
    probe = probes.set_index("unique_id").reindex(verdict["unique_id"])
    key = pd.MultiIndex.from_arrays([verdict["person"], probe["source_id"]])
    itself = probe["person"].to_numpy() == verdict["person"].to_numpy()
    fits = verdict[on_list.reindex(key).fillna(0).to_numpy() - itself == 0]
    count = fits.groupby("unique_id")["person"].transform("size")
    single = fits[count == 1].set_index("unique_id")["person"]
    source = probes.set_index("unique_id")["source_id"].reindex(single.index)
    claims = pd.Series(list(zip(single, source, strict=True)), index=single.index)
    return single[claims.map(claims.value_counts()) == 1]


def attach_unnamed(
    frame: pd.DataFrame,
    person_of: pd.Series,
    birth_tolerance: int | None,
    min_precision: float,
    seed: int,
) -> UnnamedResult:
    """Person ids for the unnamed records of `frame` (`prepare.load_link_input`) the rule may
    join (see the module docstring); `person_of`: unique_id -> person of linked records."""
    empty = UnnamedResult(pd.Series(dtype=object))
    frame = frame.assign(sex=_sex(frame), person=frame["unique_id"].map(person_of))
    unnamed = frame[frame["reason"].isin(UNNAMED_REASONS) & frame["person"].isna()]
    named = frame[frame["person"].notna()]
    if unnamed.empty or named.empty or named["dod_day"].isna().all():
        return empty
    probes = named
    if len(probes) > MAX_PROBES:
        rng = np.random.default_rng(seed)
        probes = probes.iloc[np.sort(rng.choice(len(probes), MAX_PROBES, replace=False))]
    found = single_persons(probes, named, birth_tolerance)
    own = probes.set_index("unique_id")["person"].reindex(found.index) == found
    kinds = pd.Series(evidence(probes), index=probes["unique_id"]).reindex(found.index)
    precision = {
        int(kind): float(hits.mean())
        for kind, hits in own.groupby(kinds.to_numpy())
        if len(hits) >= MIN_PROBES
    }
    allowed = [kind for kind, share in precision.items() if share >= min_precision]
    candidates = unnamed[np.isin(evidence(unnamed), allowed)]
    if candidates.empty:
        return UnnamedResult(empty.person, precision)
    person = single_persons(candidates, named, birth_tolerance)
    index = pd.Series(candidates.index, index=candidates["unique_id"])
    return UnnamedResult(
        pd.Series(person.to_numpy(), index=index.reindex(person.index).to_numpy()), precision
    )
