"""Relational records ('wife of X', 'son of X'): attached to a person only on firm evidence.

Such a record names a relative, not the person. It joins a person only when
exactly one identified person fits: killed the same day in the same place, of
the sex the relation implies, and named consistently with the relative (a son
of 'Ahmad Ali' has Ahmad as father's name), or, for a spouse or parent, with
the named relative himself among the dead of that day and place.
"""

from __future__ import annotations

import pandas as pd

FEMALE = {"wife", "mother", "daughter", "sister", "grandmother", "aunt"}
MALE = {"husband", "father", "son", "brother", "grandfather", "uncle"}
CHILD = {"son", "daughter", "child"}
SIBLING = {"brother", "sister"}


def attach_relational(
    frame: pd.DataFrame, relational: pd.DataFrame, person_of: pd.Series
) -> pd.Series:
    """Person id per relational record (index of `relational`), NULL when evidence is short.

    `frame`: the linkable records (unique_id, name keys, sex, dod_day, date_precision,
    place_key); `person_of`: unique_id -> person id for them.
    """
    attached = pd.Series(None, index=relational.index, dtype=object)
    if relational.empty or frame.empty:
        return attached
    known = frame[
        frame["dod_day"].notna() & frame["place_key"].notna() & (frame["date_precision"] == "day")
    ]
    known = known.assign(person_id=known["unique_id"].map(person_of))
    events = {key: group for key, group in known.groupby(["dod_day", "place_key"], sort=False)}
    for index, row in relational.iterrows():
        anchor = row.get("relation_anchor_key")
        relation = (row.get("relation") or "").lower()
        if not anchor or pd.isna(row.get("dod_day")) or pd.isna(row.get("place_key")):
            continue
        if row.get("date_precision") != "day":
            continue
        group = events.get((row["dod_day"], row["place_key"]))
        if group is None:
            continue
        parts = str(anchor).split()
        candidates = group
        if relation in FEMALE:
            candidates = candidates[candidates["sex"] != "M"]
        elif relation in MALE:
            candidates = candidates[candidates["sex"] != "F"]
        if relation in CHILD:
            candidates = candidates[candidates["father_key"] == parts[0]]
        else:
            anchor_present = (group["name_key"] == anchor).any()
            if not anchor_present:
                continue
            candidates = candidates[candidates["name_key"] != anchor]
            if relation in SIBLING and len(parts) > 1:
                candidates = candidates[candidates["father_key"] == parts[1]]
        people = candidates["person_id"].dropna().unique()
        if len(people) == 1:
            attached[index] = people[0]
    return attached
