"""Records without a usable name, joined to the one person killed when and where they were.

A record kept out of linking for its name ('N.N.', none, 'wife of …' that `relational` could
not place) still has a date of death, a place, often a sex and an age. Where exactly one named
person died on that day in that place, of a sex and a year of birth that do not contradict the
record, and no record of that list already names them, the record is most often theirs: a list
writes a person once. A record that gives no place is held to its admin unit instead. How often
the rule is right depends on the lists (massacres, how many lists name a victim), so it is
measured on the workspace itself: named records, their names hidden, go through the same rule,
and the share whose one person is their own is the rule's precision there, for each kind of
evidence: where (place, or admin unit), whether the record's year of birth and the person's
agree within a year, are further apart, or cannot be compared, and whether its day and place
hold one named person only or several (the one who fits a crowd is a weaker guess). Kinds join from the most precise down while the share
of the joined records expected right (each kind's precision, weighed by its unnamed records)
reaches `[link] attach_unnamed`; unnamed records never join one another, so the count of people
does not move.
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
# Years of birth this close agree (an age at death is a year off either side of a birthday).
AGREE_YEARS = 1
# Where a record is held, finest first: one that gives no place is held to its admin unit.
EVENTS = {"place": ["dod_day", "place_key"], "admin unit": ["dod_day", "governorate"]}
EVENT = EVENTS["place"]
# A kind of evidence: where (a key of EVENTS), how the years of birth agree (`agreement`: 0, 1,
# 2), and whether the day and place hold one named person only.
Evidence = tuple[str, int, bool]


@dataclass
class UnnamedResult:
    """Person per attached record (index of the frame) and the precision measured per kind of
    evidence (`Evidence`)."""

    person: pd.Series
    precision: dict[Evidence, float] = field(default_factory=dict)


def agreement(
    records: pd.DataFrame, person: pd.Series, pool: pd.DataFrame, event: list[str]
) -> np.ndarray:
    """Per record, how its year of birth agrees with the one person found for it (`person`, by
    unique_id) at its day and place: 2 within AGREE_YEARS, 1 further apart (yet within the
    birth-year guard's tolerance), 0 where either gives none."""
    found = person.reindex(records["unique_id"]).to_numpy()
    rows = records[["unique_id", *event, "birth_year"]].assign(person=found)
    exact = pool.loc[
        pool["date_precision"].eq("day"), ["unique_id", *event, "person", "birth_year"]
    ]
    rows = rows.merge(exact, on=[*event, "person"], suffixes=("", "_c"))
    rows = rows[rows["unique_id"] != rows["unique_id_c"]]
    gap = (rows["birth_year"] - rows["birth_year_c"]).abs().astype("Float64")
    fewest = gap.groupby(rows["unique_id"].to_numpy()).min().reindex(records["unique_id"])
    fewest = fewest.to_numpy(dtype=float, na_value=np.nan)
    return np.where(np.isnan(fewest), 0, np.where(fewest <= AGREE_YEARS, 2, 1))


def alone(records: pd.DataFrame, pool: pd.DataFrame, event: list[str]) -> np.ndarray:
    """Whether each record's day and place (`event`) hold one named person of `pool` only, the
    record itself aside (a named probe is in the pool; an unnamed record is not)."""
    exact = pool[pool["date_precision"].eq("day") & pool[event].notna().all(axis=1)]
    per = exact.groupby([*event, "person"]).size()
    persons = per.groupby(level=list(range(len(event)))).size()
    at = pd.MultiIndex.from_frame(records[event])
    count = persons.reindex(at).fillna(0).to_numpy()
    own = per.reindex(pd.MultiIndex.from_frame(records[[*event, "person"]])).fillna(0).to_numpy()
    return count - (own == 1) == 1


def _sex(frame: pd.DataFrame) -> pd.Series:
    """The record's sex, or the one its relation word says ('wife of …' is a woman)."""
    relation = frame["relation"].fillna("").str.lower()
    implied = np.where(relation.isin(FEMALE), "F", np.where(relation.isin(MALE), "M", None))
    return frame["sex"].where(frame["sex"].notna(), pd.Series(implied, index=frame.index))


def single_persons(
    probes: pd.DataFrame,
    pool: pd.DataFrame,
    birth_tolerance: int | None,
    event: list[str] = EVENT,
) -> pd.Series:
    """The one person of `pool` each probe can be by its exact day and place of death (`event`;
    index: the probe's unique_id). Both frames have unique_id, source_id, person (NULL for an
    unnamed probe), sex, birth_year, date_precision and the event's columns. A probe never
    counts its own record; persons a record of the probe's list names, and persons two probes
    of one list claim, are no one's."""
    dated = probes["date_precision"].eq("day") & probes[event].notna().all(axis=1)
    columns = ["unique_id", "source_id", "sex", "birth_year", *event]
    exact = pool["date_precision"].eq("day")
    rows = probes.loc[dated, columns].merge(
        pool.loc[exact, [*columns, "person"]], on=event, suffixes=("", "_c")
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
    precision: dict[Evidence, float] = {}
    found, kinds = [], []
    for where, event in EVENTS.items():
        if event[-1] not in named.columns or named[event[-1]].isna().all():
            continue
        measured = _measured_precision(probes, named, event, birth_tolerance)
        precision.update({(where, *kind): share for kind, share in measured.items()})
        person = single_persons(unnamed, named, birth_tolerance, event)
        candidates = unnamed.set_index("unique_id").loc[person.index].reset_index()
        found.append(person)
        kinds += [
            (where, int(years), bool(crowd))
            for years, crowd in zip(
                agreement(candidates, person, named, event),
                alone(candidates, named, event),
                strict=True,
            )
        ]
        unnamed = unnamed[unnamed[event[-1]].isna()]  # no place: held to its admin unit next
    person = pd.concat(found) if found else empty.person
    chosen = joined_kinds(kinds, precision, min_precision)
    person = person[[kind in chosen for kind in kinds]]
    # a list writes a person once: two of its records held in two ways to one person join neither
    source = frame.set_index("unique_id")["source_id"].reindex(person.index)
    claims = pd.Series(list(zip(person, source, strict=True)), index=person.index)
    person = person[claims.map(claims.value_counts()) == 1]
    index = pd.Series(frame.index, index=frame["unique_id"])
    return UnnamedResult(
        pd.Series(person.to_numpy(), index=index.reindex(person.index).to_numpy()), precision
    )


def joined_kinds(
    kinds: list[Evidence], precision: dict[Evidence, float], min_precision: float
) -> set[Evidence]:
    """The kinds of evidence whose records join: the most precise first, while the share of the
    joined records expected right (each kind's precision, weighed by its records among
    `kinds`) stays at least `min_precision`. A kind too rare among named records to be
    measured never joins."""
    counts = pd.Series(kinds, dtype=object).value_counts()
    ranked = sorted(
        (kind for kind in counts.index if kind in precision), key=lambda k: -precision[k]
    )
    chosen: set[Evidence] = set()
    right = total = 0.0
    for kind in ranked:
        right += precision[kind] * counts[kind]
        total += counts[kind]
        if right < min_precision * total:
            break
        chosen.add(kind)
    return chosen


def _measured_precision(
    probes: pd.DataFrame, named: pd.DataFrame, event: list[str], birth_tolerance: int | None
) -> dict[tuple[int, bool], float]:
    """The share of named probes, their names hidden, whose one person at `event` is their own,
    per kind of evidence (how the years of birth agree, alone at the event or not), where at
    least MIN_PROBES measure it."""
    found = single_persons(probes, named, birth_tolerance, event)
    held = probes.set_index("unique_id").loc[found.index].reset_index()
    own = pd.Series(held["person"].to_numpy() == found.to_numpy())
    years = agreement(held, found, named, event)
    kinds = pd.Series(list(zip(years, alone(held, named, event), strict=True)))
    return {
        (int(kind[0]), bool(kind[1])): float(hits.mean())
        for kind, hits in own.groupby(kinds)
        if len(hits) >= MIN_PROBES
    }
