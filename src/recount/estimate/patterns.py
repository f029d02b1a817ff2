"""Capture-pattern tables: one 0/1 column per list and a `count` column.

Every estimator reads this form (the one R users have, e.g. LCMCR's
`kosovo_aggregate`). It is built from a ready CSV, from one row per person,
or from the `persons` table's `in_<source>` columns.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from recount.errors import InputError

COUNT = "count"
LIST_PREFIX = "in_"


@dataclass(frozen=True)
class PatternArrays:
    """A pattern table as arrays: `X` is (cells, lists) of 0/1, `counts` the people per cell."""

    lists: tuple[str, ...]
    X: np.ndarray
    counts: np.ndarray

    @property
    def n_observed(self) -> int:
        return int(self.counts.sum())

    @property
    def n_lists(self) -> int:
        return len(self.lists)


FLAG_WORDS = {"0": 0, "1": 1, "false": 0, "true": 1}


def read_patterns(path: str | Path, strata: Sequence[str] = ()) -> pd.DataFrame:
    """Read a pattern table from CSV; every problem names the file, row and column.

    List columns hold 0/1 or true/false (any case); `count` a whole number. With
    `strata`, those columns name each row's stratum (kept as text, an empty cell an
    unknown value) and the table comes back with them first, patterns merged within
    each stratum; without, the table is validated as one (duplicates merged).
    """
    path = Path(path)
    if not path.exists():
        raise InputError(str(path), "file not found")
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"not a readable CSV table: {exc}") from exc
    raw.columns = [str(c).strip() for c in raw.columns]
    if COUNT not in raw.columns:
        raise InputError(str(path), "needs a 'count' column beside one 0/1 column per list")
    absent = [c for c in strata if c not in raw.columns]
    if absent:
        raise InputError(str(path), f"no stratum column {absent[0]!r}", field=absent[0])
    lists = [c for c in raw.columns if c != COUNT and c not in strata]
    if len(lists) < 2:
        raise InputError(str(path), "needs at least two list columns")
    table = pd.DataFrame(index=raw.index)
    for column in strata:
        text = raw[column].str.strip()
        table[column] = text.where(text != "", None)
    for column in [*lists, COUNT]:
        text = raw[column].str.strip()
        if column == COUNT:
            values = pd.to_numeric(text, errors="coerce")
            bad = values.isna() | (values < 0) | (values != np.floor(values))
        else:
            values = text.str.lower().map(FLAG_WORDS)
            bad = values.isna()
        if bad.any():
            row = int(np.flatnonzero(bad.to_numpy())[0]) + 1
            expected = "a whole number >= 0" if column == COUNT else "0, 1, true or false"
            raise InputError(str(path), f"expected {expected}", row=row, field=column)
        table[column] = values.astype(np.int64)
    if not strata:
        return validate_patterns(table, source=str(path))
    unseen = (table[lists].sum(axis=1) == 0) & (table[COUNT] > 0)
    if unseen.any():
        row = int(np.flatnonzero(unseen.to_numpy())[0]) + 1
        raise InputError(
            str(path),
            "a pattern with no list has a positive count; nobody is seen on no list",
            row=row,
        )
    merged = table.groupby([*strata, *lists], dropna=False, sort=True)[COUNT].sum().reset_index()
    merged = merged[merged[COUNT] > 0].reset_index(drop=True)
    if merged.empty:
        raise InputError(str(path), "no observed people")
    return merged


def validate_patterns(patterns: pd.DataFrame, source: str = "patterns") -> pd.DataFrame:
    """Check a pattern table and merge duplicate patterns; returns a clean copy."""
    if COUNT not in patterns.columns:
        raise InputError(source, "needs a 'count' column")
    lists = [c for c in patterns.columns if c != COUNT]
    if len(lists) < 2:
        raise InputError(source, "needs at least two list columns")
    frame = patterns[lists + [COUNT]].copy()
    for column in lists:
        if not frame[column].isin([0, 1, True, False]).all():
            raise InputError(source, "list columns hold 0 or 1 only", field=column)
        frame[column] = frame[column].astype(np.int8)
    if (frame[COUNT] < 0).any():
        raise InputError(source, "counts must be >= 0", field=COUNT)
    frame[COUNT] = frame[COUNT].astype(np.int64)
    unseen = (frame[lists].sum(axis=1) == 0) & (frame[COUNT] > 0)
    if unseen.any():
        raise InputError(
            source, "a pattern with no list has a positive count; nobody can be observed on no list"
        )
    frame = frame.groupby(lists, as_index=False, sort=True)[COUNT].sum()
    frame = frame[frame[COUNT] > 0].reset_index(drop=True)
    if frame.empty:
        raise InputError(source, "no observed people")
    return frame


def patterns_from_individuals(individuals: pd.DataFrame, lists: Sequence[str]) -> pd.DataFrame:
    """One row per person with a 0/1 (or boolean) column per list -> a pattern table."""
    lists = list(lists)
    missing = [c for c in lists if c not in individuals.columns]
    if missing:
        raise InputError("individuals", f"no column {missing[0]!r}")
    flags = individuals[lists].fillna(False).astype(bool).astype(np.int8)
    flags = flags[flags.sum(axis=1) > 0]
    table = flags.value_counts(sort=False).rename(COUNT).reset_index()
    return validate_patterns(table, source="individuals") if len(table) else _empty(lists)


def persons_lists(persons: pd.DataFrame) -> list[str]:
    """The list names behind the `in_<source_id>` columns of `persons`."""
    return [c[len(LIST_PREFIX) :] for c in persons.columns if c.startswith(LIST_PREFIX)]


def capture_histories(
    persons: pd.DataFrame, strata: Sequence[str] = (), lists: Sequence[str] | None = None
) -> pd.DataFrame:
    """Pattern tables per stratum from `persons`: stratum columns, one column per list, `count`.

    Lists are named by source id (the `in_` prefix dropped). Missing stratum
    values stay as missing values, forming their own stratum.
    """
    lists = list(lists) if lists is not None else persons_lists(persons)
    columns = [LIST_PREFIX + name for name in lists]
    absent = [c for c in columns if c not in persons.columns]
    if absent:
        raise InputError("persons", f"no capture column {absent[0]!r}")
    flags = persons[columns].fillna(False).astype(bool).astype(np.int8)
    flags.columns = lists
    frame = pd.concat(
        [persons[list(strata)].reset_index(drop=True), flags.reset_index(drop=True)], axis=1
    )
    frame = frame[flags.sum(axis=1).to_numpy() > 0]
    keys = list(strata) + lists
    table = frame.groupby(keys, dropna=False, sort=True).size().rename(COUNT).reset_index()
    return table


def select_lists(patterns: pd.DataFrame, lists: Sequence[str]) -> pd.DataFrame:
    """The table seen by a subset of the lists (people on none of them drop out)."""
    unknown = [c for c in lists if c not in patterns.columns or c == COUNT]
    if unknown:
        raise InputError("patterns", f"no list {unknown[0]!r}")
    table = patterns[list(lists) + [COUNT]]
    return validate_patterns(table[table[list(lists)].sum(axis=1) > 0])


def to_arrays(patterns: pd.DataFrame) -> PatternArrays:
    """A validated pattern table as arrays (zero-count cells dropped)."""
    clean = validate_patterns(patterns)
    lists = tuple(c for c in clean.columns if c != COUNT)
    return PatternArrays(
        lists=lists,
        X=clean[list(lists)].to_numpy(dtype=np.int8),
        counts=clean[COUNT].to_numpy(dtype=np.int64),
    )


def full_table(arrays: PatternArrays) -> np.ndarray:
    """Counts of all 2^J cells, indexed by the pattern read as a binary number (list 1 = top bit)."""
    J = arrays.n_lists
    weights = 1 << np.arange(J - 1, -1, -1)
    index = arrays.X.astype(np.int64) @ weights
    table = np.zeros(1 << J, dtype=np.int64)
    np.add.at(table, index, arrays.counts)
    return table


def all_patterns(J: int) -> np.ndarray:
    """Every 0/1 pattern of J lists, row i = i in binary (list 1 = top bit)."""
    cells = np.arange(1 << J)[:, None]
    return ((cells >> np.arange(J - 1, -1, -1)) & 1).astype(np.int8)


def _empty(lists: Sequence[str]) -> pd.DataFrame:
    return pd.DataFrame(
        {**{c: pd.Series(dtype=np.int8) for c in lists}, COUNT: pd.Series(dtype=np.int64)}
    )
