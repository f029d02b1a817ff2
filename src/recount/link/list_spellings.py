"""Two name keys that two lists write for one name, learnt from the lists at hand.

Lists romanise by their own habits: one writes Djamil, Madjid and Chalid where the others write
Jamil, Majid and Khalid (keys dxml, mdxd, xld against gml, mgd, kld), another Hamed where the
rest write Hamad. The name guards take two different keys as two people (brothers differ in the
given name, cousins in the father's), so one person's records on such lists stayed apart: on
the latin_only regime (fresh seed 602) the guards refused 270 such people's records scored
above 0.99, and each half counted as a person only one list saw.

Learnt from the scored pairs, with no alphabet or language assumed. Pairs of records on two
lists sharing two or more names, each holding one name the other lacks (one of them may hold
one name more, a grandfather's), show (x, y): relatives (brothers, sisters, cousins) and, for
a few (x, y), one person spelt two ways. Relatives' names are drawn alike on every list, so
the same kind of pairs within one list measure how often two names meet by kinship: at the
rate of each name there (`name_shares`), or of the pair itself where it meets that often. A
pair seen across lists beyond that chance (Poisson tail below `CHANCE`, over every pair tested)
is a spelling only where the letters it changes are a habit: the same change (dx for g, an
added y) in at least `MIN_HABIT` such pairs. Two relatives' names (Huda, Salma) differ by a
change no other pair makes.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd
from scipy.stats import poisson

from recount.link.spellings import CHANCE, name_codes, scored_chunks

# A change of letters (dx for g) is a list's habit when this many learnt pairs make it.
MIN_HABIT = 2


def names_apart(codes: np.ndarray, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """For pairs (left[k], right[k]) whose records share two or more names, one holding one name
    the other lacks and the other one or two (a grandfather's name more): the (x, y) codes each
    holds that the other does not, the smaller first, a row per (x, y)."""
    a, b = codes[left], codes[right]
    in_b = ((a[:, :, None] == b[:, None, :]) & (a[:, :, None] >= 0)).any(axis=2)
    in_a = ((b[:, :, None] == a[:, None, :]) & (b[:, :, None] >= 0)).any(axis=2)
    only_a, only_b = (a >= 0) & ~in_b, (b >= 0) & ~in_a
    shared = in_b.sum(axis=1) >= 2
    found = [np.zeros((0, 2), dtype=np.int64)]
    # one name each is counted from a's side only
    for lone, many, lone_only, many_only, counts in (
        (a, b, only_a, only_b, (1, 2)),
        (b, a, only_b, only_a, (2,)),
    ):
        rows = np.flatnonzero(
            shared & (lone_only.sum(axis=1) == 1) & np.isin(many_only.sum(axis=1), counts)
        )
        x = lone[rows, lone_only[rows].argmax(axis=1)]
        first = many_only[rows].argmax(axis=1)
        last = many_only.shape[1] - 1 - many_only[rows][:, ::-1].argmax(axis=1)
        two = first != last
        found += [
            np.column_stack([x, many[rows, first]]),
            np.column_stack([x[two], many[rows[two], last[two]]]),
        ]
    return np.sort(np.concatenate(found), axis=1)


def name_shares(within: Counter, names: int) -> np.ndarray:
    """Each name's share of the names that pairs within one list hold apart (`within`: (x, y)
    codes -> pairs), one added to every name of `names`: a name never seen there is rare,
    not impossible."""
    counts = np.ones(names, dtype=np.float64)
    for (x, y), n in within.items():
        counts[x] += n
        counts[y] += n
    return counts / counts.sum()


def change(x: str, y: str) -> tuple[str, str]:
    """The letters one key changes to make the other, once their common start and end are set
    aside (dxml, gml: dx for g; gndy, gwndy: an added w), the same whichever key is first."""
    start = 0
    while start < min(len(x), len(y)) and x[start] == y[start]:
        start += 1
    end = 0
    while end < min(len(x), len(y)) - start and x[-1 - end] == y[-1 - end]:
        end += 1
    return tuple(sorted((x[start : len(x) - end], y[start : len(y) - end])))


def list_spellings(
    tokens: pd.Series, source: np.ndarray, left: np.ndarray, right: np.ndarray
) -> frozenset[tuple[str, str]]:
    """Pairs of name keys (both orders) that two lists write for one name (module docstring),
    from the scored pairs (left[k], right[k]; -1: not a record) of records with `tokens` (name
    keys) on lists `source` (a code per record); empty with fewer than two lists."""
    if len(np.unique(source)) < 2:
        return frozenset()
    codes, names = name_codes(tokens)
    across, within = Counter(), Counter()
    for a, b in scored_chunks(left, right):
        two_lists = source[a] != source[b]
        across.update(map(tuple, names_apart(codes, a[two_lists], b[two_lists]).tolist()))
        within.update(map(tuple, names_apart(codes, a[~two_lists], b[~two_lists]).tolist()))
    across_total, within_total = sum(across.values()), sum(within.values())
    if not across_total or not within_total:
        return frozenset()
    share = name_shares(within, len(names))
    pairs = np.array(list(across), dtype=np.int64)
    counts = np.fromiter(across.values(), dtype=np.float64, count=len(across))
    met = np.fromiter((within[p] for p in across), dtype=np.float64, count=len(across))
    kin = np.maximum(2 * share[pairs[:, 0]] * share[pairs[:, 1]], met / within_total)
    beyond = pairs[poisson.sf(counts - 1, kin * across_total) * len(across) < CHANCE]
    made = {(names[x], names[y]): change(names[x], names[y]) for x, y in beyond.tolist()}
    habits = Counter(made.values())
    spelt = set()
    for (x, y), found in made.items():
        if habits[found] >= MIN_HABIT:
            spelt |= {(x, y), (y, x)}
    return frozenset(spelt)
