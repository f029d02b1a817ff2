"""Which lists write names surnames first, learnt from the records themselves.

A government registry may write 'MONTOYA GIL LINA LUZ' where other lists write 'Lina Luz
Montoya Gil', with nothing in the text (no comma, no capitals that differ) to say so, and a
country's habit is no guide: lists of one country differ. The records say it: a given name
tells its bearer's sex (Lina, Luz are women's), a family name does not (Montoya, Gil are
borne by both). So a word's sex purity over every record that gives a sex marks it a given
name or not, and a list whose names end in such words more than they start with them is read
surnames first; each of its names is turned round where its first given name begins. Where
no list gives a sex, or names tell it as well at both ends (Arabic fathers' names are men's
names, borne in women's names too), nothing is turned.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

import numpy as np

# How much better, on average over a list's names, the last word must tell the sex than the
# first word for the list to be read surnames first (Spanish lists: 0.95 against 0.27;
# Syrian given-first lists 0.72-0.76 first against 0.51 last).
ORDER_MARGIN = 0.3
# A word tells the sex when its purity |men - women| / (men + women + 2) reaches this
# (the 2 keeps a word seen once or twice from telling anything).
GIVEN_PURITY = 0.6
# Names of two or more words a list needs before its order is judged.
MIN_NAMES = 20


def purities(keys: Sequence[tuple[str, ...]], sexes: Sequence[str | None]) -> dict[str, float]:
    """Each word's sex purity over the records that give a sex."""
    men: Counter = Counter()
    women: Counter = Counter()
    for words, sex in zip(keys, sexes, strict=True):
        if sex == "M":
            men.update(set(words))
        elif sex == "F":
            women.update(set(words))
    return {w: abs(men[w] - women[w]) / (men[w] + women[w] + 2) for w in set(men) | set(women)}


def surname_leads(
    sources: Sequence[str], keys: Sequence[tuple[str, ...]], sexes: Sequence[str | None]
) -> list[int]:
    """Per record, how many of its leading name tokens are surnames to move after the given
    names: 0 for every record of a list written given-first. `keys`: each record's name
    tokens in the order written (empty where it has no free-text name); `sexes`: M, F or
    None."""
    purity = purities(keys, sexes)
    if not purity:
        return [0] * len(keys)
    ends: dict[str, list[float]] = {}
    for source, words in zip(sources, keys, strict=True):
        if len(words) >= 2:
            tally = ends.setdefault(source, [0.0, 0.0, 0])
            tally[0] += purity.get(words[0], 0.0)
            tally[1] += purity.get(words[-1], 0.0)
            tally[2] += 1
    turned = {
        source
        for source, (first, last, n) in ends.items()
        if n >= MIN_NAMES and (last - first) / n >= ORDER_MARGIN
    }
    if not turned:
        return [0] * len(keys)
    return _leads(sources, keys, turned, purity)


def _leads(sources, keys, turned, purity) -> list[int]:
    """The leading surnames of each name of the lists read surnames first: up to its first
    word that tells the sex; where none does, as many as most of the list's names of that
    length have."""
    leads: list[int | None] = []
    usual: dict[tuple[str, int], Counter] = {}
    for source, words in zip(sources, keys, strict=True):
        if source not in turned or len(words) < 2 or purity.get(words[0], 0) >= GIVEN_PURITY:
            leads.append(0)
            continue
        found = next(
            (i for i in range(1, len(words)) if purity.get(words[i], 0) >= GIVEN_PURITY), None
        )
        if found is not None:
            usual.setdefault((source, len(words)), Counter())[found] += 1
        leads.append(found)
    return [
        lead
        if lead is not None
        else usual.get((source, len(words)), Counter({1: 1})).most_common(1)[0][0]
        for lead, source, words in zip(leads, sources, keys, strict=True)
    ]


# Per record: a list may write some names family-first and the rest given-first ('Halabi
# Mohammad Ahmad' beside 'Mohammad Ahmad al-Halabi'), with no article or comma to say which.
# Where a word stands on every other record tells: a family name ends most names that carry
# it, a given name starts them. Each name is read in the turn (its first k words moved to
# the end) whose words stand where the other records put them, weighed against the turn
# its own list usually takes.
POSITIONS = ("first", "middle", "last")
# Pseudo-records of the overall position shares behind each word's own (a word seen on a
# handful of records tells little).
POSITION_PRIOR = 2.0
# Rounds of the per-list share of turned names (EM); the share kept inside these bounds so
# that no list is sure a priori that none or all of its names are turned.
SHARE_ROUNDS = 20
SHARE_BOUNDS = (0.001, 0.999)


def _position(i: int, n: int) -> int:
    return 0 if i == 0 else 2 if i == n - 1 else 1


def _turn(words: tuple[str, ...], k: int) -> tuple[str, ...]:
    return words[k:] + words[:k]


def family_first_leads(
    sources: Sequence[str], keys: Sequence[tuple[str, ...]], weights: Sequence[int] | None = None
) -> list[int]:
    """Per name, how many of its leading words to move after the rest: 0 where it reads
    best as written. `keys`: each name's word keys in the order read (names of one word
    or none are never turned); `weights`: how many records carry each (source, name)."""
    weights = [1] * len(keys) if weights is None else list(weights)
    counts: dict[str, list[float]] = {}
    for words, w in zip(keys, weights, strict=True):
        if len(words) >= 2:
            for i, word in enumerate(words):
                counts.setdefault(word, [0.0, 0.0, 0.0])[_position(i, len(words))] += w
    totals = np.sum(list(counts.values()) or [[0.0, 0.0, 0.0]], axis=0)
    if not totals.sum():
        return [0] * len(keys)
    prior = (POSITION_PRIOR * totals / totals.sum()).tolist()
    gains = np.full(len(keys), np.nan)
    turns = [0] * len(keys)
    for j, (words, w) in enumerate(zip(keys, weights, strict=True)):
        n = len(words)
        if n < 2:
            continue
        places = [_position(i, n) for i in range(n)]
        logp = []
        for word, own in zip(words, places, strict=True):
            seen = list(counts[word])
            seen[own] -= w  # the name's own records say nothing of where its words stand
            total = sum(seen) + POSITION_PRIOR
            logp.append([math.log((c + a) / total) for c, a in zip(seen, prior, strict=True)])
        scores = [sum(logp[(i + k) % n][p] for i, p in enumerate(places)) for k in range(n)]
        best = max(range(1, n), key=scores.__getitem__)
        gains[j] = scores[best] - scores[0]
        turns[j] = best
    turned = _turned_by_list(sources, gains, np.asarray(weights, dtype=float))
    return [k if t else 0 for k, t in zip(turns, turned, strict=True)]


def _turned_by_list(sources: Sequence[str], gains: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Whether each name is turned: its log-likelihood gain (NaN: not a candidate) weighed
    against the share of its list's names turned, that share learnt from the gains (EM)."""
    lists, codes = np.unique(np.asarray(sources, dtype=object), return_inverse=True)
    judged = ~np.isnan(gains)
    codes, gain, weight = codes[judged], gains[judged], weights[judged]
    names = np.bincount(codes, weight, minlength=len(lists))
    share = np.full(len(lists), 0.5)
    for _ in range(SHARE_ROUNDS):
        prior = np.clip(share[codes], *SHARE_BOUNDS)
        posterior = 1 / (1 + np.exp(-np.clip(gain + np.log(prior / (1 - prior)), -50, 50)))
        share = np.bincount(codes, posterior * weight, minlength=len(lists)) / np.maximum(names, 1)
    turned = np.zeros(len(gains), dtype=bool)
    turned[judged] = posterior >= 0.5
    return turned


def name_leads(
    sources: Sequence[str], keys: Sequence[tuple[str, ...]], sexes: Sequence[str | None]
) -> list[int]:
    """Per record, how many leading words of its name to move after the rest: its list's
    surnames-first reading (`surname_leads`), then the name's own turn (`family_first_leads`,
    learnt once per distinct name of a list)."""
    lists = surname_leads(sources, keys, sexes)
    read = [_turn(words, lead) for words, lead in zip(keys, lists, strict=True)]
    names = Counter(zip(sources, read, strict=True))
    own = dict(
        zip(
            names,
            family_first_leads([s for s, _ in names], [r for _, r in names], list(names.values())),
            strict=True,
        )
    )
    return [
        (lead + own[(source, words)]) % len(words) if words else 0
        for source, words, lead in zip(sources, read, lists, strict=True)
    ]
