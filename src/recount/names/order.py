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

from collections import Counter
from collections.abc import Sequence

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
