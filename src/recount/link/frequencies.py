"""Term frequencies for a dedupe: how often *another person* carries a value.

Splink's term frequency of a value is its share of all records. In a dedupe that
counts the person's own copies: a full name only one person carries, written on
three lists, looks as common as a name three people carry, so agreeing on it
weighs no more than agreeing on an ordinary name. A list rarely writes one
person twice, so within each list the records beyond the first that carry a
value are other people. Their share of the records, with half a record added
(a value no list repeats is rarer than any repeated one, not impossible), is the
frequency the model scores with.
"""

from __future__ import annotations

from itertools import combinations
from typing import Any

import pandas as pd

from recount.link import comparisons as cmp

# Added to every value's count of other people: a value no list repeats is not impossible.
UNSEEN = 0.5
# `within_frequency` reads a record's first this many names (the name comparison counts six).
WITHIN_TOKENS = 8


def other_people_frequency(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    """One row per value of `column`: the value and `tf_<column>`, Splink's lookup format."""
    values = frame[["source_id", column]].dropna()
    per_list = values.groupby([column, "source_id"], sort=True).size()
    others = (per_list - 1).groupby(level=0).sum()
    tf = (others + UNSEEN) / max(len(values), 1)
    return pd.DataFrame({column: tf.index.to_numpy(), f"tf_{column}": tf.to_numpy(dtype=float)})


def tf_columns(settings: dict[str, Any]) -> list[str]:
    """The columns the model's term-frequency adjustments read, in order, once each."""
    columns = [
        level["tf_adjustment_column"]
        for comparison in settings["comparisons"]
        for level in comparison["comparison_levels"]
        if level.get("tf_adjustment_column")
    ]
    return list(dict.fromkeys(columns))


def register_frequencies(engine: Any, linker: Any, frame: pd.DataFrame, settings: dict) -> None:
    """Give `linker` the other-people frequencies of every term-frequency column (for the
    death event: of its place among the day's dead)."""
    for column in tf_columns(settings):
        if column == cmp.DEATH_EVENT and column in frame.columns:
            table = engine.db_api.register(event_frequency(frame))
            linker.table_management.register_term_frequency_lookup(table, column)
        elif column == cmp.NAME_WITHIN and column in frame.columns:
            table = engine.db_api.register(within_frequency(frame))
            linker.table_management.register_term_frequency_lookup(table, column)
        elif column in frame.columns and "source_id" in frame.columns:
            table = engine.db_api.register(other_people_frequency(frame, column))
            linker.table_management.register_term_frequency_lookup(table, column)


def add_death_events(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with `death_day` (a date of death known to the day) and `death_event` (that day
    and the place, where both are known)."""
    out = frame.copy()
    day = frame["dod_day"].where(frame["date_precision"] == "day").astype("Int64")
    out["death_day"] = day
    event = day.astype("string") + "|" + frame["place_key"].astype("string")
    out["death_event"] = event.astype(object).where(event.notna(), None)
    return out


def add_name_within(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with `name_within`: its set of names (`token_set`) where it holds two or more."""
    out = frame.copy()
    out[cmp.NAME_WITHIN] = frame["token_set"].where(frame["token_count"].fillna(0) >= 2)
    return out


def within_frequency(frame: pd.DataFrame) -> pd.DataFrame:
    """Per set of names (`name_within`): the share of other people's records whose names hold
    every name of the set, counted as `other_people_frequency` counts (within each list, the
    records beyond the first).

    The level 'one name within the other' has one u for every pair, an average over names
    of two and of four. A father's given and family name lie within his son's full name and
    within his other sons' and grandsons': two common names are held by thousands of records,
    three or four names by one person's records alone. The pair's shorter name is the one whose
    names the other holds, and its share is the larger of the two records' (Splink takes the
    larger), so the level's weight is that of the shorter name.
    """
    per_list = frame.groupby([cmp.NAME_WITHIN, "source_id"]).size().rename("n").reset_index()
    names = per_list[cmp.NAME_WITHIN].astype(object).unique().tolist()
    wanted = set(names)
    holder, held = [], []
    for name in names:  # tokens sorted once: a subset joined is its own set's key
        tokens = name.split(" ")[:WITHIN_TOKENS]
        for size in range(2, len(tokens) + 1):
            for key in map(" ".join, combinations(tokens, size)):
                if key in wanted:
                    holder.append(name)
                    held.append(key)
    holders = pd.DataFrame({cmp.NAME_WITHIN: holder, "key": held}, dtype=object).merge(
        per_list.astype({cmp.NAME_WITHIN: object})
    )
    counts = holders.groupby(["key", "source_id"])["n"].sum()
    others = (counts - 1).groupby(level=0).sum()
    values = pd.Index(sorted(wanted))
    tf = (others.reindex(values, fill_value=0) + UNSEEN) / max(len(frame), 1)
    return pd.DataFrame(
        {cmp.NAME_WITHIN: values.to_numpy(), f"tf_{cmp.NAME_WITHIN}": tf.to_numpy(dtype=float)}
    )


def add_birth_days(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with `birth_day`: a date of birth known to the day."""
    out = frame.copy()
    out[cmp.BIRTH_DAY] = frame["dob_day"].where(frame["dob_precision"] == "day").astype("Int64")
    return out


def event_frequency(frame: pd.DataFrame) -> pd.DataFrame:
    """Per `death_event`: how often the day's other dead were at its place, P(place | day) among
    other people, with one pseudo-record at the place's own frequency (a day with no one else
    on the lists says nothing about where its dead were).

    A massacre's day gives its town nearly 1, so a pair agreeing on that day and town gains
    little for the town; a quiet day gives about the town's own frequency.
    """
    rows = frame.loc[frame["death_event"].notna(), ["source_id", "death_day", "death_event"]]

    def others(column: str) -> pd.Series:
        per_list = rows.groupby([column, "source_id"], sort=True).size()
        return (per_list - 1).groupby(level=0).sum()

    place_tf = other_people_frequency(frame, "place_key").set_index("place_key")["tf_place_key"]
    events = frame.loc[rows.index, ["death_event", "death_day", "place_key"]].drop_duplicates(
        "death_event"
    )
    at_event = events["death_event"].map(others("death_event")).astype(float)
    on_day = events["death_day"].map(others("death_day")).astype(float)
    tf = (at_event + events["place_key"].map(place_tf).astype(float)) / (on_day + 1)
    return pd.DataFrame(
        {
            cmp.DEATH_EVENT: events["death_event"].to_numpy(),
            f"tf_{cmp.DEATH_EVENT}": tf.to_numpy(dtype=float),
        }
    )
