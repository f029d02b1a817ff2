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
    event = ["dod_day", "place_key"]
    rel = relational[
        relational["relation_anchor_key"].notna()
        & relational["dod_day"].notna()
        & relational["place_key"].notna()
        & (relational["date_precision"] == "day")
    ]
    if rel.empty or frame.empty:
        return attached
    known = frame[
        frame["dod_day"].notna() & frame["place_key"].notna() & (frame["date_precision"] == "day")
    ]
    known = known.assign(person_id=known["unique_id"].map(person_of))
    rel = rel.assign(
        rel_index=rel.index,
        relation=rel["relation"].fillna("").str.lower(),
        anchor_given=rel["relation_anchor_key"].str.split().str[0],
        anchor_father=rel["relation_anchor_key"].str.split().str[1],
        anchor_family=rel["relation_anchor_key"]
        .str.split()
        .str[-1]
        .where(rel["relation_anchor_key"].str.split().str.len() > 1),
        rel_source=rel["source_id"],
    )[
        [
            "rel_index",
            "rel_source",
            "relation",
            "relation_anchor_key",
            "anchor_given",
            "anchor_father",
            "anchor_family",
            *event,
        ]
    ]
    columns = ["person_id", "sex", "name_key", "father_key", "family_key", *event]
    candidates = rel.merge(known[columns], on=event)
    female = candidates["relation"].isin(FEMALE)
    male = candidates["relation"].isin(MALE)
    child = candidates["relation"].isin(CHILD)
    sibling = candidates["relation"].isin(SIBLING)
    sex_ok = ~(female & (candidates["sex"] == "M")) & ~(male & (candidates["sex"] == "F"))
    # a child's father's name is the named relative's given name, and they share the family name
    child_ok = (
        child
        & (candidates["father_key"] == candidates["anchor_given"])
        & (
            candidates["anchor_family"].isna()
            | (candidates["family_key"] == candidates["anchor_family"])
        )
    )
    # a spouse, parent or sibling: the named relative died with them, and is not them
    present = rel.merge(
        known[["name_key", *event]],
        left_on=["relation_anchor_key", *event],
        right_on=["name_key", *event],
    )
    anchor_present = candidates["rel_index"].isin(present["rel_index"])
    other_ok = (
        ~child
        & anchor_present
        & (candidates["name_key"] != candidates["relation_anchor_key"])
        & (
            ~sibling
            | candidates["anchor_father"].isna()
            | (candidates["father_key"] == candidates["anchor_father"])
        )
    )
    # a list that names the candidate would not also list them as someone's relative
    listed = set(zip(frame["unique_id"].map(person_of), frame["source_id"], strict=True))
    unlisted = ~pd.Series(
        [
            (p, s) in listed
            for p, s in zip(candidates["person_id"], candidates["rel_source"], strict=True)
        ],
        index=candidates.index,
        dtype=bool,
    )
    fitting = candidates[
        sex_ok & (child_ok | other_ok) & unlisted & candidates["person_id"].notna()
    ]
    people = fitting.groupby("rel_index")["person_id"].agg(["nunique", "first"])
    unique = people[people["nunique"] == 1]
    attached.loc[unique.index] = unique["first"].to_numpy()
    return attached
