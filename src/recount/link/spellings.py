"""Two listed names one romanised spelling stands for, learnt from the lists at hand.

A list written in Latin letters keys 'Samir' as one name, yet lists in Arabic script write the
same men as سمير (Samīr) and سامر (Sāmir); Amir and Amer, Hamid and Hamed, Salah and Saleh
likewise. The name guards take two names the lexicon lists as two people however alike their
keys (Ahmad, Muhammad), so such a person's Latin and Arabic records stayed apart (on the mixed
regime's seed 303, 90 true pairs refused against 4,100 rightly).

Which spellings blur which names depends on the lists' romanisation, so it is learnt from the
scored pairs: pairs of records sharing every name but one on each side (x on one record, y on
the other) are mostly relatives (brothers differ in the given name) and, for a few (x, y), one
person. Relatives name their children alike whatever script a list uses, so the pairs between
a romanised record and a record in the original script show (x, y) as often, in proportion,
as pairs between two records in the original script do. A spelling that stands for both names
shows (x, y) far more often across scripts: it is taken as one name there when the
cross-script count is beyond chance (Poisson tail below `CHANCE`, over every pair tested).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import numpy as np
import pandas as pd
from scipy.stats import poisson

# The chance, over all (x, y) tested together, that one reaches its cross-script count by the
# same-script rate alone (a Bonferroni bound): below it the spelling is taken to blur x and y.
CHANCE = 0.01
# Name tokens compared per record (records with more are left out of the counting).
MAX_NAMES = 6
# Pairs counted per step: bounds the memory of the counting at a million records.
CHUNK = 500_000
LATIN_SCRIPT = "latin"


def name_codes(tokens: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Each record's name tokens as integer codes in a (records, MAX_NAMES) matrix (-1: none;
    a record with more names is all -1), and the token of each code."""
    lists = [list(t) if t is not None and len(t) <= MAX_NAMES else [] for t in tokens]
    flat = [t for names in lists for t in names]
    codes, uniques = pd.factorize(pd.Series(flat, dtype=object))
    matrix = np.full((len(lists), MAX_NAMES), -1, dtype=np.int64)
    lengths = np.fromiter((len(names) for names in lists), dtype=np.int64, count=len(lists))
    rows = np.repeat(np.arange(len(lists)), lengths)
    cols = np.concatenate([np.arange(n) for n in lengths]) if len(flat) else np.zeros(0, int)
    matrix[rows, cols] = codes
    return matrix, np.asarray(uniques, dtype=object)


def one_name_apart(codes: np.ndarray, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """For pairs (left[k], right[k]) whose records share every name but one each, and at least
    two: the code each holds that the other does not (shape (such pairs, 2))."""
    a, b = codes[left], codes[right]
    in_b = ((a[:, :, None] == b[:, None, :]) & (a[:, :, None] >= 0)).any(axis=2)
    in_a = ((b[:, :, None] == a[:, None, :]) & (b[:, :, None] >= 0)).any(axis=2)
    only_a = (a >= 0) & ~in_b
    only_b = (b >= 0) & ~in_a
    rows = np.flatnonzero(
        (only_a.sum(axis=1) == 1) & (only_b.sum(axis=1) == 1) & (in_b.sum(axis=1) >= 2)
    )
    return np.column_stack(
        [a[rows, only_a[rows].argmax(axis=1)], b[rows, only_b[rows].argmax(axis=1)]]
    )


def scored_chunks(left: np.ndarray, right: np.ndarray) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """The scored pairs (left[k], right[k]; -1: not a record) in chunks of `CHUNK`, those of two
    records only: counting per chunk keeps nothing per pair."""
    for start in range(0, len(left), CHUNK):
        a, b = left[start : start + CHUNK], right[start : start + CHUNK]
        ok = (a >= 0) & (b >= 0)
        yield a[ok], b[ok]


def blurred_spellings(
    tokens: pd.Series, romanised: np.ndarray, left: np.ndarray, right: np.ndarray
) -> frozenset[tuple[str, str]]:
    """Pairs of name keys (both orders) that a romanised spelling stands for alike, learnt from
    the scored pairs (left[k], right[k]; -1: not a record) of records with `tokens` (name keys)
    of which `romanised` are written in Latin letters only; empty where there is no second
    script to compare."""
    if romanised.all() or not romanised.any():
        return frozenset()
    codes, names = name_codes(tokens)
    across, within = Counter(), Counter()
    for a, b in scored_chunks(left, right):
        crossing = romanised[a] != romanised[b]
        # the romanised record's name first
        first = np.where(romanised[a], a, b)[crossing]
        second = np.where(romanised[a], b, a)[crossing]
        across.update(map(tuple, one_name_apart(codes, first, second).tolist()))
        original = ~romanised[a] & ~romanised[b]
        apart = one_name_apart(codes, a[original], b[original])
        within.update(map(tuple, np.sort(apart, axis=1).tolist()))
    across_total, within_total = sum(across.values()), sum(within.values())
    if not across_total or not within_total:
        return frozenset()
    blurred = set()
    for (x, y), count in across.items():
        # +1: a pair never seen within the original script is rare there, not impossible
        expected = (within[(min(x, y), max(x, y))] + 1) * across_total / within_total
        if poisson.sf(count - 1, expected) * len(across) < CHANCE:
            blurred |= {(names[x], names[y]), (names[y], names[x])}
    return frozenset(blurred)
