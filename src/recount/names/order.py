"""Which lists, and which names, are written surnames or family name first, learnt from the
records themselves.

A government registry may write 'MONTOYA GIL LINA LUZ' where other lists write 'Lina Luz
Montoya Gil', with nothing in the text (no comma, no capitals that differ) to say so, and a
country's habit is no guide: lists of one country differ. The records say it: a given name
tells its bearer's sex (Lina, Luz are women's), a family name does not (Montoya, Gil are
borne by both). So a word's sex purity over every record that gives a sex marks it a given
name or not, and a list whose names end in such words more than they start with them is read
surnames first; each of its names is turned round where its first given name begins. Where
no list gives a sex, or names tell it as well at both ends (Arabic fathers' names are men's
names, borne in women's names too), nothing is turned. Names a list writes one way or the
other, with nothing in the text to say which, are read per name (`family_first_leads`).
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
# the end) whose words stand where the other records put them, weighed against the turns
# its own list takes (learnt from all its names: a list writing 'Halabi Mohammad Ahmad'
# moves one word, never three).
# Pseudo-records of the overall position shares (first, middle, last word) behind each
# word's own (a word seen on a handful of records tells little).
POSITION_PRIOR = 2.0
# The most leading words a turn moves (a family name of up to three words).
MOST_MOVED = 3
# Rounds of the per-list shares of each turn (EM); no share below this, so that no list is
# sure a priori that it never takes a turn.
SHARE_ROUNDS = 20
SHARE_FLOOR = 0.001


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
    # every place keeps some prior weight: lists of two-word names have no middle words
    prior = (POSITION_PRIOR * (totals + 1) / (totals.sum() + 3)).tolist()
    fits = np.full((len(keys), MOST_MOVED + 1), -np.inf)
    for j, (words, w) in enumerate(zip(keys, weights, strict=True)):
        n = len(words)
        if n < 2:
            fits[j, 0] = 0.0
            continue
        places = [_position(i, n) for i in range(n)]
        logp = []
        for word, own in zip(words, places, strict=True):
            seen = list(counts[word])
            seen[own] -= w  # the name's own records say nothing of where its words stand
            total = sum(seen) + POSITION_PRIOR
            logp.append([math.log((c + a) / total) for c, a in zip(seen, prior, strict=True)])
        for k in range(min(n, MOST_MOVED + 1)):
            fits[j, k] = sum(logp[(i + k) % n][p] for i, p in enumerate(places))
    return _turns_by_list(sources, fits, np.asarray(weights, dtype=float)).tolist()


def _turns_by_list(sources: Sequence[str], fits: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Each name's turn: the fit of each (log-likelihood; -inf where the name is too short)
    weighed against the shares of its list's names taking each turn, those shares learnt
    from the fits themselves (EM)."""
    lists, codes = np.unique(np.asarray(sources, dtype=object), return_inverse=True)
    fits = fits - fits.max(axis=1, keepdims=True)
    share = np.full((len(lists), fits.shape[1]), 1.0 / fits.shape[1])
    for _ in range(SHARE_ROUNDS):
        odds = np.exp(fits) * share[codes]
        posterior = odds / odds.sum(axis=1, keepdims=True)
        mass = np.zeros_like(share)
        np.add.at(mass, codes, posterior * weights[:, None])
        share = np.maximum(mass / np.maximum(mass.sum(axis=1, keepdims=True), 1e-12), SHARE_FLOOR)
        share /= share.sum(axis=1, keepdims=True)
    return posterior.argmax(axis=1)


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
