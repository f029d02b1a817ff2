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

from typing import Any

import pandas as pd

# Added to every value's count of other people: a value no list repeats is not impossible.
UNSEEN = 0.5


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
    """Give `linker` the other-people frequencies of every term-frequency column."""
    for column in tf_columns(settings):
        if column in frame.columns and "source_id" in frame.columns:
            table = engine.db_api.register(other_people_frequency(frame, column))
            linker.table_management.register_term_frequency_lookup(table, column)
