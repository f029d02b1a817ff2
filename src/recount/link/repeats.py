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
people once; `clustering.cluster` then keeps two of its records in one person only where the
two are themselves a scored pair (kept for review: alike enough for the model to score them
at `prediction_threshold`), not where only records of other lists tie them. A list that is all the workspace has (one list deduplicated),
or that repeats people more often than the others name them, is left alone.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from recount.link.clustering import sure_pairs


def once_lists(linkable: pd.DataFrame, left: np.ndarray, right: np.ndarray) -> frozenset[str]:
    """The lists whose sure pairs among the confident pairs (left[k], right[k]) within the list
    are fewer than those with other lists."""
    sure = sure_pairs(linkable["token_set"], linkable["token_set_freq"], left, right)
    source = linkable["source_id"].to_numpy()
    a, b = source[left[sure]], source[right[sure]]
    within = pd.Series(a[a == b]).value_counts()
    across = pd.concat([pd.Series(a[a != b]), pd.Series(b[a != b])]).value_counts()
    within = within.reindex(across.index, fill_value=0)
    return frozenset(str(s) for s in across.index[within < across])


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
