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
from scipy.optimize import minimize_scalar
from scipy.special import digamma, gammaln

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
# it, a given name starts them. Each name is read in the turn (its first k words moved to the
# end) whose words stand where the other records put them, weighed against the turns its own
# list takes (learnt from all its names: a list writing 'Halabi Mohammad Ahmad' moves one
# word, never three). A list's names are read so only where its names say, all together,
# that it mixes orders: a handful of names whose words stand on one or two other records do
# not (`_turns_by_list`).
# The range searched for how many pseudo-records of the overall place shares stand behind
# each word's own places (`_position_strength`).
STRENGTH_RANGE = (0.01, 1e6)
# The most leading words a turn moves (a family name of up to three words).
MOST_MOVED = 3
# Rounds of the per-list shares of each turn (variational Bayes).
SHARE_ROUNDS = 30


def _position(i: int, n: int) -> int:
    return 0 if i == 0 else 2 if i == n - 1 else 1


def _turn(words: tuple[str, ...], k: int) -> tuple[str, ...]:
    return words[k:] + words[:k]


def family_first_leads(
    sources: Sequence[str],
    keys: Sequence[tuple[str, ...]],
    weights: Sequence[int] | None = None,
    marked: Sequence[bool] | None = None,
) -> list[int]:
    """Per name, how many of its leading words to move after the rest: 0 where it reads
    best as written. `keys`: each name's word keys in the order read (names of one word
    or none are never turned); `weights`: how many records carry each (source, name);
    `marked`: names whose text says its order (a comma, `parts.order_marked`): their words
    count where they stand, and they are never turned."""
    weights = [1] * len(keys) if weights is None else list(weights)
    marked = [False] * len(keys) if marked is None else list(marked)
    counts: dict[str, list[float]] = {}
    for words, w in zip(keys, weights, strict=True):
        if len(words) >= 2:
            for i, word in enumerate(words):
                counts.setdefault(word, [0.0, 0.0, 0.0])[_position(i, len(words))] += w
    totals = np.sum(list(counts.values()) or [[0.0, 0.0, 0.0]], axis=0)
    if not totals.sum():
        return [0] * len(keys)
    # every place keeps some prior weight: lists of two-word names have no middle words
    shares = (totals + 1) / (totals.sum() + 3)
    lengths = np.asarray([len(words) if len(words) >= 2 else 0 for words in keys])
    place, seen, weight = [], [], []
    for words, w, n in zip(keys, weights, lengths, strict=True):
        for i, word in enumerate(words[:n]):
            place.append(_position(i, n))
            seen.append(counts[word])
            weight.append(w)
    seen_at = np.asarray(seen).reshape(-1, 3)
    # the name's own records say nothing of where its words stand
    seen_at[np.arange(len(place)), place] -= weight
    strength = _position_strength(seen_at, np.asarray(place), np.asarray(weight, float), shares)
    logp = np.log(seen_at + strength * shares) - np.log(seen_at.sum(axis=1) + strength)[:, None]
    fits = np.full((len(keys), MOST_MOVED + 1), -np.inf)
    fits[:, 0] = 0.0
    starts = np.cumsum(lengths) - lengths
    for n in set(lengths.tolist()) - {0}:
        names = np.flatnonzero(lengths == n)
        places = [_position(i, n) for i in range(n)]
        for k in range(min(n, MOST_MOVED + 1)):
            fits[names, k] = sum(logp[starts[names] + (i + k) % n, p] for i, p in enumerate(places))
    fits[np.asarray(marked, dtype=bool), 1:] = -np.inf
    return _turns_by_list(sources, fits, np.asarray(weights, dtype=float)).tolist()


def _position_strength(
    seen: np.ndarray, places: np.ndarray, weights: np.ndarray, shares: np.ndarray
) -> float:
    """How many pseudo-records of the overall place shares (first, middle, last) stand behind
    a word's own places on the other records: the number under which those places best
    foretell where each name puts the word (empirical Bayes, each name's own records left
    out). Where words keep their places (a family name ends the names that carry it) it is
    small and a word seen on a few records tells its place; where they do not, or a word's
    other records are few and disagree, it is large and they tell little. `seen`: per word
    of each name, its count at each place on the other records."""
    total = seen.sum(axis=1)
    telling = total > 0
    if not telling.any():
        return STRENGTH_RANGE[1]
    at = seen[np.arange(len(places)), places][telling]
    total, base, weights = total[telling], shares[places[telling]], weights[telling]
    low, high = (math.log(bound) for bound in STRENGTH_RANGE)

    def loss(log_strength: float) -> float:
        strength = math.exp(log_strength)
        return -float(weights @ np.log((at + strength * base) / (total + strength)))

    return math.exp(minimize_scalar(loss, bounds=(low, high), method="bounded").x)


def _turns_by_list(sources: Sequence[str], fits: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Each name's turn: the fit of each (log-likelihood; -inf where the name is too short)
    weighed against the shares of its list's names taking each turn, those shares learnt
    from the fits themselves; 0 for every name of a list whose names are likelier all read
    as written than in turns of unknown shares (`_mixed_turns`)."""
    fits = fits - fits.max(axis=1, keepdims=True)
    turns = np.zeros(len(fits), dtype=np.int64)
    lists, codes = np.unique(np.asarray(sources, dtype=object), return_inverse=True)
    for i in range(len(lists)):
        rows = np.flatnonzero(codes == i)
        if not np.isfinite(fits[rows, 1:]).any():
            continue  # no name of the list can be turned (one word each, or marked)
        posterior, evidence = _mixed_turns(fits[rows], weights[rows])
        if evidence > float(weights[rows] @ fits[rows, 0]):
            turns[rows] = posterior.argmax(axis=1)
    return turns


def _mixed_turns(fits: np.ndarray, weights: np.ndarray) -> tuple[np.ndarray, float]:
    """One list's names in turns whose shares are unknown, every share as likely a priori
    (uniform Dirichlet; the turns none of its names is long enough for left out): each
    name's posterior over the turns, and a lower bound on the log-evidence of its names
    (variational Bayes). Compared with their log-likelihood all read as written, it asks
    whether the list mixes orders at all: a list of few names, or one whose turned-looking
    names rest on words seen once or twice, does not show it, and stays as written."""
    usable = np.isfinite(fits).any(axis=0)
    fits = fits[:, usable]
    prior = np.ones(fits.shape[1])
    shares = prior + weights.sum() / fits.shape[1]
    for _ in range(SHARE_ROUNDS):
        expected_log = digamma(shares) - digamma(shares.sum())
        joint = fits + expected_log
        posterior = np.exp(joint - joint.max(axis=1, keepdims=True))
        posterior /= posterior.sum(axis=1, keepdims=True)
        shares = prior + weights @ posterior
    expected_log = digamma(shares) - digamma(shares.sum())
    held = posterior > 0  # a turn a name cannot take (-inf) or never takes adds nothing
    safe = np.where(held, posterior, 1.0)
    terms = np.where(held, safe * (np.where(held, fits, 0.0) + expected_log - np.log(safe)), 0.0)
    divergence = (
        gammaln(shares.sum()) - gammaln(shares).sum() - gammaln(prior.sum()) + gammaln(prior).sum()
        + ((shares - prior) * expected_log).sum()
    )  # fmt: skip
    full = np.zeros((len(fits), len(usable)))
    full[:, usable] = posterior
    return full, float(weights @ terms.sum(axis=1) - divergence)


def name_leads(
    sources: Sequence[str],
    keys: Sequence[tuple[str, ...]],
    sexes: Sequence[str | None],
    marked: Sequence[bool] | None = None,
) -> list[int]:
    """Per record, how many leading words of its name to move after the rest: its list's
    surnames-first reading (`surname_leads`), then the name's own turn (`family_first_leads`,
    learnt once per distinct name of a list; none where `marked`: its text says its order)."""
    marked = [False] * len(keys) if marked is None else list(marked)
    lists = surname_leads(sources, keys, sexes)
    read = [_turn(words, lead) for words, lead in zip(keys, lists, strict=True)]
    names = Counter(zip(sources, read, marked, strict=True))
    own = dict(
        zip(
            names,
            family_first_leads(
                [s for s, _, _ in names],
                [r for _, r, _ in names],
                list(names.values()),
                [m for _, _, m in names],
            ),
            strict=True,
        )
    )
    return [
        (lead + own[(source, words, mark)]) % len(words) if words else 0
        for source, words, lead, mark in zip(sources, read, lists, marked, strict=True)
    ]
