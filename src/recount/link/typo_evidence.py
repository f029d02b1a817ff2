"""What a pair's other fields say of two listed names one typo apart: one person, or relatives.

The name guards take two names the lexicon lists as two people however alike (Ahmad and
Muhammad, a key letter apart: brothers are named so), and `link.typos` takes such a pair as one
name between two lists only where the names' counts alone make a typo likelier than a relative.
A common name typed as another common one (Muhammad typed Hamad) then splits one person whose
two records agree on everything else, and each half counts as someone only one list saw.

Relatives killed together share a family name, a father, a date and place of death; brothers
differ in age. So the guard weighs the pair's other fields, each as often as the workspace's
own confident pairs across lists show it agreeing, differing or missing on pairs that are
surely one person (`clustering.sure_pairs`) against pairs of two clearly different listed
names in the guard's slot (relatives, nearly all). The years of birth are read by how far apart
they are. Fields that relatives share as often as one person's records weigh nothing; no field
is named as a country's or a simulator's. The odds of one person against relatives among
confident pairs across lists (pairs that agree on the slot's name against those two clearly
different listed names) complete the typo's odds (`typos.typo_odds`), which assume them even.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from recount.link.clustering import (
    MIN_SURE_PAIRS,
    UNKNOWN_DAY,
    RecordFacts,
    birthdays,
    one_edit,
    similar_names,
)
from recount.link.prepare import EXTRA_PREFIX

# the fields weighed besides the names' other slots, the extra fields and the years of birth
EVIDENCE_FIELDS = ("sex", "dod_day", "governorate", "place_key", "birth_place")
NAME_SLOTS = {"given": "given_key", "father": "father_key"}
OTHER_NAMES = ("given_key", "father_key", "grandfather_key", "family_key")
# years of birth apart, by class: unknown, 0, 1, ..., BIRTH_CLASSES - 2 or more
BIRTH_CLASSES = 5
# a field's three readings: missing on either record, equal, different
UNKNOWN, EQUAL, DIFFERENT = 0, 1, 2


@dataclass(frozen=True)
class PairEvidence:
    """Log likelihood ratios, one person against relatives, of each field's reading on a pair."""

    prior: float  # log odds of one person against relatives among confident cross-list pairs
    codes: np.ndarray  # (records, fields) value codes, -1 missing
    weights: np.ndarray  # (fields, 3): UNKNOWN, EQUAL, DIFFERENT
    born_lo: np.ndarray
    born_hi: np.ndarray
    birthday: np.ndarray  # month * 100 + day of a full date of birth, -1 unknown
    birth_weights: np.ndarray  # (BIRTH_CLASSES,) by `birth_class`

    def weight(self, a: int, b: int) -> float:
        """The log odds that records a and b are one person rather than relatives, from their
        other fields and the prior."""
        fields, born = readings(self.codes, self.born_lo, self.born_hi, self.birthday, [a], [b])
        taken = self.weights[np.arange(len(self.weights)), fields[0]]
        return float(self.prior + taken.sum() + self.birth_weights[born[0]])


def readings(
    codes: np.ndarray,
    lo: np.ndarray,
    hi: np.ndarray,
    birthday: np.ndarray,
    left: np.ndarray | list[int],
    right: np.ndarray | list[int],
) -> tuple[np.ndarray, np.ndarray]:
    """Each pair's reading of every field (pairs, fields: UNKNOWN, EQUAL, DIFFERENT) and its
    class of years of birth: 0 where either is unknown or both records give one birthday (a
    year typed wrong, `clustering.birthdays`), else 1 + the years between them, at most
    BIRTH_CLASSES - 1."""
    a, b = codes[left], codes[right]
    fields = np.where((a < 0) | (b < 0), UNKNOWN, np.where(a == b, EQUAL, DIFFERENT))
    unknown = (lo[left] == UNKNOWN_DAY) | (lo[right] == UNKNOWN_DAY)
    unknown |= (birthday[left] >= 0) & (birthday[left] == birthday[right])
    gap = np.maximum(0, np.maximum(lo[right] - hi[left], lo[left] - hi[right]))
    return fields, np.where(unknown, 0, 1 + np.minimum(gap, BIRTH_CLASSES - 2))


def field_codes(linkable: pd.DataFrame, slot: str) -> np.ndarray:
    """Per record, a code for each weighed field's value (-1 missing): EVIDENCE_FIELDS, the
    other name slots and the extra fields (x_...) that some record gives."""
    own = NAME_SLOTS[slot]
    extra = sorted(c for c in linkable.columns if c.startswith(EXTRA_PREFIX))
    columns = [
        c
        for c in (*EVIDENCE_FIELDS, *OTHER_NAMES, *extra)
        if c != own and c in linkable.columns and linkable[c].notna().any()
    ]
    codes = [pd.factorize(linkable[c])[0] for c in columns]
    return np.column_stack(codes).astype(np.int64) if codes else np.zeros((len(linkable), 0), int)


def learn_pair_evidence(
    linkable: pd.DataFrame,
    facts: RecordFacts,
    left: np.ndarray,
    right: np.ndarray,
    sure: np.ndarray,
    slot: str,
    floor: float,
) -> PairEvidence | None:
    """The weights of `slot`'s guard ('given' or 'father') from the confident pairs (left[k],
    right[k]) across lists, `sure` marking those surely one person; relatives are the pairs
    whose two names in the slot are listed and clearly different (below `floor`, not one edit
    apart). None with fewer than MIN_SURE_PAIRS of either."""
    n = len(linkable)
    names = np.array(facts.given if slot == "given" else facts.father, dtype=object)
    if len(names) != n:
        return None
    across = facts.source[left] != facts.source[right]
    left, right, sure = left[across], right[across], sure[across]
    known = facts.known
    same_name = np.zeros(len(left), dtype=bool)
    relatives = np.zeros(len(left), dtype=bool)
    for k, (x, y) in enumerate(zip(names[left], names[right], strict=True)):
        if x is None or y is None:
            continue
        same_name[k] = x == y
        relatives[k] = (
            x in known and y in known and not similar_names(x, y, floor) and not one_edit(x, y)
        )
    if sure.sum() < MIN_SURE_PAIRS or relatives.sum() < MIN_SURE_PAIRS:
        return None
    lo, hi = facts.born_lo, facts.born_hi
    if len(lo) != n:
        lo = hi = np.full(n, UNKNOWN_DAY, dtype=np.int64)
    birthday = birthdays(facts.birth_day) if len(facts.birth_day) == n else np.full(n, -1)
    codes = field_codes(linkable, slot)
    one = readings(codes, lo, hi, birthday, left[sure], right[sure])
    two = readings(codes, lo, hi, birthday, left[relatives], right[relatives])
    weights = np.array([log_ratio(one[0][:, f], two[0][:, f], 3) for f in range(codes.shape[1])])
    return PairEvidence(
        prior=float(np.log(same_name.sum() / relatives.sum())),
        codes=codes,
        weights=weights.reshape(codes.shape[1], 3),
        born_lo=lo,
        born_hi=hi,
        birthday=birthday,
        birth_weights=log_ratio(one[1], two[1], BIRTH_CLASSES),
    )


def log_ratio(one: np.ndarray, two: np.ndarray, classes: int) -> np.ndarray:
    """Log of each class's share among `one` over its share among `two`, each count plus one
    (a class neither shows weighs nothing)."""
    a = np.bincount(one, minlength=classes) + 1.0
    b = np.bincount(two, minlength=classes) + 1.0
    return np.log(a / a.sum()) - np.log(b / b.sum())
