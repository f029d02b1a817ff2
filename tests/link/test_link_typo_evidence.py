"""A typo that spells another listed name, weighed by the pair's other fields (link.typo_evidence)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from recount.link.clustering import (
    SIMILAR_NAMES,
    UNKNOWN_DAY,
    RecordFacts,
    cluster,
)
from recount.link.typo_evidence import BIRTH_CLASSES, learn_pair_evidence

LISTED = frozenset({"mhmd", "hmd", "ely", "hsn", "ktyb", "xmy"})
PAIRS = 80  # of each kind the evidence is learnt from


def records() -> pd.DataFrame:
    """PAIRS pairs of one person's records on lists 0 and 1 (one name, one year of birth), then
    PAIRS pairs of brothers killed together (one family, date and place of death, two clearly
    different listed given names, born four years apart), each pair's records on two lists."""
    rows = []
    for k in range(PAIRS):
        born = 1950 + k % 40
        day = 15000 + k
        for source in (0, 1):
            rows.append(("ely", "xmy", "ktyb", born, day, "gaza", source))
    for k in range(PAIRS):
        born = 1950 + k % 40
        day = 16000 + k
        rows.append(("ely", "xmy", "ktyb", born, day, "gaza", 0))
        rows.append(("hsn", "xmy", "ktyb", born + 4, day, "gaza", 1))
    return pd.DataFrame(
        rows,
        columns=[
            "given_key",
            "father_key",
            "family_key",
            "birth",
            "dod_day",
            "governorate",
            "source",
        ],
    )


def facts_of(frame: pd.DataFrame) -> RecordFacts:
    n = len(frame)
    born = frame["birth"].to_numpy(dtype=np.int64)
    return RecordFacts(
        source=frame["source"].to_numpy(dtype=np.int64),
        sex=np.zeros(n, dtype=np.int64),
        date_lo=np.full(n, UNKNOWN_DAY, dtype=np.int64),
        date_hi=np.full(n, UNKNOWN_DAY, dtype=np.int64),
        given=list(frame["given_key"]),
        father=list(frame["father_key"]),
        family=list(frame["family_key"]),
        tokens=[
            frozenset({g, f, s})
            for g, f, s in zip(
                frame["given_key"], frame["father_key"], frame["family_key"], strict=True
            )
        ],
        known=LISTED,
        born_lo=born,
        born_hi=born,
    )


def learnt(frame: pd.DataFrame):
    facts = facts_of(frame)
    left = np.arange(0, 4 * PAIRS, 2)
    right = left + 1
    sure = np.arange(2 * PAIRS) < PAIRS  # the first PAIRS pairs share a rare full name
    return facts, learn_pair_evidence(frame, facts, left, right, sure, "given", SIMILAR_NAMES)


def test_agreeing_years_of_birth_weigh_for_one_person_and_shared_fields_weigh_nothing():
    _, evidence = learnt(records())
    assert evidence is not None
    assert evidence.birth_weights[1] > 2  # born the same year: one person's records
    assert evidence.birth_weights[BIRTH_CLASSES - 1] < -2  # three or more years: brothers
    # family, father and governorate agree on both kinds of pair: they tell nothing
    assert np.allclose(evidence.weights[:, 1], 0)
    assert evidence.prior == pytest.approx(np.log(1))  # as many pairs share the name as differ


def test_nothing_is_learnt_from_too_few_pairs():
    frame = records()
    facts = facts_of(frame)
    left, right = np.array([0, 2 * PAIRS]), np.array([1, 2 * PAIRS + 1])
    sure = np.array([True, False])
    assert learn_pair_evidence(frame, facts, left, right, sure, "given", SIMILAR_NAMES) is None


@pytest.mark.parametrize(
    ("apart", "sources", "odds", "one"),
    [
        (0, (0, 1), -1.0, True),  # Muhammad typed Hamad on another list, born the same year
        (5, (0, 1), -1.0, False),  # brothers Muhammad and Hamad, born five years apart
        (0, (0, 0), -1.0, False),  # one list's two records: relatives
        (0, (0, 1), -9.0, False),  # two names so common a relative is far likelier
    ],
)
def test_a_typo_between_two_lists_is_one_name_where_the_other_fields_agree(
    apart, sources, odds, one
):
    frame = records()
    pair = pd.DataFrame(
        [
            ("mhmd", "xmy", "ktyb", 1970, 17000, "gaza", sources[0]),
            ("hmd", "xmy", "ktyb", 1970 + apart, 17000, "gaza", sources[1]),
        ],
        columns=frame.columns,
    )
    frame = pd.concat([frame, pair], ignore_index=True)
    facts, evidence = learnt(frame)
    facts.evidence = {"given": evidence}
    facts.typo_odds = {"given": {("mhmd", "hmd"): odds, ("hmd", "mhmd"): odds}}
    a, b = len(frame) - 2, len(frame) - 1
    result = cluster(len(frame), np.array([a]), np.array([b]), np.array([20.0]), facts, 45, 40)
    assert bool(result.labels[a] == result.labels[b]) is one
    assert result.refused_given_names == (0 if one else 1)
    # without the evidence the names' counts alone keep them apart
    facts.evidence = {}
    alone = cluster(len(frame), np.array([a]), np.array([b]), np.array([20.0]), facts, 45, 40)
    assert alone.labels[a] != alone.labels[b]
