"""Two listed names one typo apart that a typo explains better than a relative, learnt per list.

The name guards take two names the lexicon lists as two people however alike their keys
(Ahmad, Muhammad: brothers are named so). A typo that happens to spell another listed name
(Rashid typed Rashad, Firas typed Faris) then splits one person's records across two lists,
and each half counts as a person only one list saw: the evidence of the unseen that multiple
systems estimation reads (100,000 people: people on one list +4% for a documented count within
0.2%, docs/benchmarks.md note 123).

Which is likelier is a matter of how common each name is. Two records of one person named x
show y when x is typed as y: the share `typed` of records whose name is a one-edit variant of
a listed name that no list lists (a typo that spells nothing, measured on the workspace's own
records), spread over the one-edit strings of x (`one_edit_strings`). Two relatives show x and
y as often as y is given (its share of the records). The pair is one name between two lists'
records when the typo is the likelier in either direction. Within one list the guards stay as
they were: a list rarely names one person twice, its two records of a family are relatives.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict

import pandas as pd

from recount.link.clustering import one_edit


def deletions(key: str) -> set[str]:
    """The key and each string one letter shorter: two keys a letter changed, added or dropped
    apart share one of these."""
    return {key} | {key[:i] + key[i + 1 :] for i in range(len(key))}


def one_edit_strings(key: str, alphabet: int) -> int:
    """How many strings one edit (`clustering.one_edit`) from `key` over `alphabet` letters:
    a letter changed, added or dropped, or two neighbours swapped."""
    n = len(key)
    return n * (alphabet - 1) + (n + 1) * alphabet + n + max(n - 1, 0)


def one_edit_neighbours(keys: list[str]) -> dict[str, set[str]]:
    """For each key, the other keys of `keys` one edit from it (`clustering.one_edit`)."""
    by_deletion: dict[str, set[str]] = defaultdict(set)
    for key in keys:
        for d in deletions(key):
            by_deletion[d].add(key)
    neighbours: dict[str, set[str]] = defaultdict(set)
    for key in keys:
        for d in deletions(key):
            for other in by_deletion[d]:
                if other != key and one_edit(key, other):
                    neighbours[key].add(other)
    present = set(keys)
    for key in keys:  # two neighbours swapped share no deletion with each other
        for i in range(len(key) - 1):
            swapped = key[:i] + key[i + 1] + key[i] + key[i + 2 :]
            if swapped != key and swapped in present:
                neighbours[key].add(swapped)
    return neighbours


def misspelt_names(odds: dict[tuple[str, str], float]) -> frozenset[tuple[str, str]]:
    """The pairs of listed name keys (both orders) one edit apart that a typo explains better
    than two relatives' names on the names' counts alone: positive `typo_odds`."""
    return frozenset(pair for pair, log_odds in odds.items() if log_odds > 0)


def typo_odds(names: pd.Series, known: frozenset[str]) -> dict[tuple[str, str], float]:
    """For each pair of listed name keys one edit apart (both orders), the log odds of a typo
    against two relatives so named (module docstring), in the likelier direction; empty where
    no record's key is a typo that spells nothing listed (nothing measured)."""
    counts = Counter(k for k in names if isinstance(k, str) and k)
    total = sum(counts.values())
    if not total:
        return {}
    keys = list(counts)
    neighbours = one_edit_neighbours(keys)
    typed = sum(
        n
        for key, n in counts.items()
        if key not in known and any(other in known for other in neighbours.get(key, ()))
    )
    if not typed:
        return {}
    share_typed = typed / total
    alphabet = len({letter for key in keys for letter in key})
    odds: dict[tuple[str, str], float] = {}
    for x in keys:
        if x not in known:
            continue
        rate = share_typed / one_edit_strings(x, alphabet)  # x typed as one given string
        for y in neighbours.get(x, ()):
            if y in known:  # against a relative named y
                log_odds = math.log(rate / (counts[y] / total))
                odds[x, y] = odds[y, x] = max(log_odds, odds.get((x, y), -math.inf))
    return odds
