"""Two listed names one romanised spelling stands for alike, learnt from the scored pairs."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from recount.link.clustering import UNKNOWN_DAY, RecordFacts, cluster
from recount.link.spellings import blurred_spellings, one_name_apart

NAMES = ["ehmd", "mhmd", "ely", "hsn", "kld", "emr", "ywsf", "ebrhym", "samr", "smyr", "salh"]
FAMILIES = ["ktyb", "hmsy", "ngr", "slymn", "eswd", "hlby", "dyb", "mslma"]


def brothers(seed: int, families: int = 400):
    """Two brothers per family, each on an Arabic-script list and on a romanised one that
    writes Sāmir (samr) as Samir (smyr); every pair of records within a family is scored."""
    rng = np.random.default_rng(seed)
    tokens, romanised, family_of = [], [], []
    for f in range(families):
        father = rng.choice(NAMES)
        family = rng.choice(FAMILIES)
        for given in rng.choice([n for n in NAMES if n != father], size=2, replace=False):
            for latin in (False, True):
                written = "smyr" if latin and given == "samr" else given
                tokens.append(sorted({written, father, family}))
                romanised.append(latin)
                family_of.append(f)
    family_of = np.array(family_of)
    left, right = np.triu_indices(len(tokens), k=1)
    within = family_of[left] == family_of[right]
    return pd.Series(tokens, dtype=object), np.array(romanised), left[within], right[within]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_spelling_that_stands_for_two_names_is_learnt_and_brothers_names_are_not(seed):
    tokens, romanised, left, right = brothers(seed)
    blurred = blurred_spellings(tokens, romanised, left, right)
    assert blurred == {("smyr", "samr"), ("samr", "smyr")}


def test_nothing_is_learnt_without_records_in_two_scripts():
    tokens, romanised, left, right = brothers(1)
    assert blurred_spellings(tokens, np.zeros(len(tokens), bool), left, right) == frozenset()
    assert blurred_spellings(tokens, np.ones(len(tokens), bool), left, right) == frozenset()


def test_one_name_apart_needs_two_shared_names_and_one_other_each():
    codes = np.array([[0, 1, 2, -1], [0, 1, 3, -1], [0, 4, 5, -1], [0, 1, 2, 3]])
    apart = one_name_apart(codes, np.array([0, 0, 0]), np.array([1, 2, 3]))
    assert apart.tolist() == [[2, 3]]


def facts(given, tokens, romanised, blurred) -> RecordFacts:
    n = len(given)
    return RecordFacts(
        source=np.arange(n, dtype=np.int64),
        sex=np.zeros(n, dtype=np.int64),
        date_lo=np.full(n, UNKNOWN_DAY, dtype=np.int64),
        date_hi=np.full(n, UNKNOWN_DAY, dtype=np.int64),
        given=list(given),
        father=["ely"] * n,
        tokens=[frozenset(t) for t in tokens],
        known=frozenset({"samr", "smyr", "ely"}),
        romanised=np.array(romanised),
        blurred=frozenset(blurred),
    )


@pytest.mark.parametrize(
    ("romanised", "blurred", "one"),
    [
        ((True, False), {("smyr", "samr"), ("samr", "smyr")}, True),
        ((False, False), {("smyr", "samr"), ("samr", "smyr")}, False),  # both in Arabic script
        ((True, False), set(), False),  # nothing learnt: two listed names
    ],
)
def test_the_given_name_guard_takes_a_blurred_spelling_as_one_name_across_scripts_only(
    romanised, blurred, one
):
    record_facts = facts(
        ["smyr", "samr"], [{"smyr", "ely", "ktyb"}, {"samr", "ely", "ktyb"}], romanised, blurred
    )
    result = cluster(2, np.array([0]), np.array([1]), np.array([20.0]), record_facts, 45, 40)
    assert bool(result.labels[0] == result.labels[1]) is one
    assert result.refused_given_names == (0 if one else 1)
