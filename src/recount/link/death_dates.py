"""Dates of death that no list error explains: two deaths, so two people.

A person dies once. Lists write that day wrongly in a few known ways: a shift of days or
weeks (the day of the report, of the burial), a month or year in place of the day, the day
and the month exchanged (5 March as 3 May), a year typed with one digit wrong. Records whose
dates of death are further apart than all of that are two people, however alike their names:
namesake cousins killed years apart, joined directly or through a record that gives no date.

How far the lists' own dates stray is learnt from pairs that are surely one person (the same
rare full name, `clustering.sure_pairs`), read at the precision each record gives and under
the closest of the readings above.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

UNKNOWN_DAY = np.iinfo(np.int64).min  # as clustering.UNKNOWN_DAY: days since 1970, or none
# The gap this share of the sure pairs keep within is the lists' usual error, from this many.
SURE_GAP_SHARE = 0.99
MIN_SURE_PAIRS = 50
# The guard refuses dates further apart than twice the usual error: a wrongly refused link
# splits a person for good, while the model's own date weight already counts against pairs
# nearer than that. Never under a month: dates given by month, or shifted by a week each
# way, are not two deaths.
ERROR_MARGIN = 2
MIN_TOLERANCE_DAYS = 30


def exchanged_days(day: np.ndarray, exact: np.ndarray) -> np.ndarray:
    """Each exact date (days since 1970) with its day and month exchanged, where both are 12 or
    less and differ (5 March as 3 May); UNKNOWN_DAY elsewhere."""
    known = exact & (day != UNKNOWN_DAY)
    dates = pd.to_datetime(np.where(known, day, 0), unit="D")
    month, dom, year = dates.month.to_numpy(), dates.day.to_numpy(), dates.year.to_numpy()
    swappable = known & (dom <= 12) & (dom != month)
    swapped = pd.to_datetime(
        {"year": year, "month": np.where(swappable, dom, 1), "day": np.where(swappable, month, 1)}
    )
    days = (swapped - pd.Timestamp(0)).dt.days.to_numpy()
    return np.where(swappable, days, UNKNOWN_DAY).astype(np.int64)


def one_year_digit(day_a: int, day_b: int) -> bool:
    """Two exact dates on one day of the year whose years differ in one digit (2014, 2015)."""
    a = pd.Timestamp(day_a, unit="D")
    b = pd.Timestamp(day_b, unit="D")
    if (a.month, a.day) != (b.month, b.day):
        return False
    return sum(x != y for x, y in zip(f"{a.year:04d}", f"{b.year:04d}", strict=True)) == 1


def days_apart(lo_a, hi_a, lo_b, hi_b):
    """Days between two spans of possible dates (0 when they meet)."""
    return np.maximum(0, np.maximum(lo_b - hi_a, lo_a - hi_b))


def death_gaps(
    lo: np.ndarray, hi: np.ndarray, exchanged: np.ndarray, left: np.ndarray, right: np.ndarray
) -> np.ndarray:
    """Days between the dates of death of records left[k] and right[k] under the closest
    reading (as written, or either with its day and month exchanged); -1 where either is
    unknown."""
    unknown = (lo[left] == UNKNOWN_DAY) | (lo[right] == UNKNOWN_DAY)
    gap = days_apart(lo[left], hi[left], lo[right], hi[right])
    for x, y in ((left, right), (right, left)):
        other = exchanged[x] != UNKNOWN_DAY
        alt = days_apart(exchanged[x], exchanged[x], lo[y], hi[y])
        gap = np.where(other, np.minimum(gap, alt), gap)
    return np.where(unknown, -1, gap)


def learn_death_tolerance(gaps: np.ndarray) -> int | None:
    """Days apart beyond which two dates of death are two deaths, from `gaps` (days, -1 unknown)
    of pairs that are surely one person: `ERROR_MARGIN` times the gap `SURE_GAP_SHARE` of them
    keep within, at least `MIN_TOLERANCE_DAYS`. None (no guard) with too few known gaps."""
    known = gaps[gaps >= 0]
    if len(known) < MIN_SURE_PAIRS:
        return None
    usual = int(np.quantile(known, SURE_GAP_SHARE, method="higher"))
    return max(ERROR_MARGIN * usual, MIN_TOLERANCE_DAYS)


def died_apart(
    a: int, b: int, lo: np.ndarray, hi: np.ndarray, exchanged: np.ndarray, tolerance: int
) -> bool:
    """Whether records a and b died further apart than `tolerance` days under every reading
    (`death_gaps`) and not on one day of the year with a year typed wrong (`one_year_digit`)."""
    if lo[a] == UNKNOWN_DAY or lo[b] == UNKNOWN_DAY:
        return False
    gap = max(lo[a], lo[b]) - min(hi[a], hi[b])
    if gap <= tolerance:
        return False
    for x, y in ((a, b), (b, a)):
        if exchanged[x] != UNKNOWN_DAY:
            gap = min(gap, max(exchanged[x], lo[y]) - min(exchanged[x], hi[y]))
    if gap <= tolerance:
        return False
    exact = lo[a] == hi[a] and lo[b] == hi[b]
    return not (exact and one_year_digit(int(lo[a]), int(lo[b])))
