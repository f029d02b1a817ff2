"""Which lists rarely name one person twice, learnt from their surest pairs.

Groups keep one line per victim and enter a few twice; relatives killed together carry the
same names (cousins named after one grandfather, a record without the father's name), so two
records of one list that the model scores alike are namesakes more often than two records of
different lists are. On the mixed regime (seed 403) a fifth of the scored pairs within a list
at match weight 6 to 9 were one person, against seven in ten across lists, and half the
records wrongly put in a person shared a list with one of its records.

How often a list repeats a person is measured on its sure pairs (the same full name, which at
most `clustering.RARE_FULL_NAME` records carry: relatives never share all their names): a list
whose records make fewer such pairs among themselves than with the other lists' records names
people once, and that ratio is the odds that two of its records alike are one person against
two records of different lists. `clustering.cluster` then keeps two of its records in one
person where the two are themselves a scored pair (kept for review: alike enough for the
model to score them at `prediction_threshold`), and otherwise only through a link whose odds,
times the list's, still reach the threshold: records of other lists tying two unalike records
of one list are namesakes more often than one person. A list that is all the workspace has (one list deduplicated),
or that repeats people more often than the others name them, is left alone.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from recount.link.clustering import sure_pairs


def repeat_odds(linkable: pd.DataFrame, left: np.ndarray, right: np.ndarray) -> dict[str, float]:
    """Per list that names people once: its sure pairs (among the confident pairs left[k],
    right[k]) within the list, plus one, over those with other lists' records (below 1)."""
    sure = sure_pairs(linkable["token_set"], linkable["token_set_freq"], left, right)
    source = linkable["source_id"].to_numpy()
    a, b = source[left[sure]], source[right[sure]]
    within = pd.Series(a[a == b]).value_counts()
    across = pd.concat([pd.Series(a[a != b]), pd.Series(b[a != b])]).value_counts()
    odds = (within.reindex(across.index, fill_value=0) + 1) / across
    return {str(s): float(v) for s, v in odds[odds < 1].items()}


def scored_within(
    sources: np.ndarray, left: np.ndarray, right: np.ndarray, once: frozenset[int]
) -> np.ndarray:
    """The scored pairs (left[k], right[k]) within each list of `once` (codes in `sources`), as
    a * records + b with a < b, sorted (`clustering.cluster`'s `scored_within`)."""
    if not once:
        return np.zeros(0, dtype=np.int64)
    same = (sources[left] == sources[right]) & np.isin(sources[left], list(once))
    a, b = left[same].astype(np.int64), right[same].astype(np.int64)
    return np.unique(np.minimum(a, b) * len(sources) + np.maximum(a, b))
