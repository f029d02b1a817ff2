"""Two name keys two lists write for one name, learnt from the scored pairs (link.list_spellings)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from recount.link.clustering import UNKNOWN_DAY, RecordFacts, cluster
from recount.link.list_spellings import change, list_spellings, names_apart

GIVEN = ["gml", "mgd", "gbr", "kld", "ehmd", "ely", "hsn", "emr", "ywsf", "slma", "hdy", "rym"]
FAMILIES = ["ktyb", "hmsy", "ngr", "slymn", "eswd", "hlby", "dyb", "mslma", "edlby", "swfy"]
# the habit of list 2: dx where the others write g
HABIT = {"gml": "dxml", "mgd": "mdxd", "gbr": "dxbr"}


def families(seed: int, count: int = 600, habit: dict[str, str] = HABIT):
    """Families of two siblings; each sibling on one to three of three lists (list 2 writes
    names by `habit`); every pair of records within a family is scored."""
    rng = np.random.default_rng(seed)
    tokens, source, family_of = [], [], []
    for f in range(count):
        father = str(rng.choice(GIVEN))
        family = str(rng.choice(FAMILIES))
        for given in rng.choice([n for n in GIVEN if n != father], size=2, replace=False):
            lists = rng.choice(3, size=int(rng.integers(1, 4)), replace=False)
            for listed in lists:
                names = [str(given), father, family]
                if listed == 2:
                    names = [habit.get(n, n) for n in names]
                tokens.append(sorted(set(names)))
                source.append(int(listed))
                family_of.append(f)
    family_of = np.array(family_of)
    left, right = np.triu_indices(len(tokens), k=1)
    kin = family_of[left] == family_of[right]
    return pd.Series(tokens, dtype=object), np.array(source), left[kin], right[kin]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_lists_spelling_habit_is_learnt_and_siblings_names_are_not(seed):
    tokens, source, left, right = families(seed)
    spelt = list_spellings(tokens, source, left, right)
    assert spelt == {pair for x, y in HABIT.items() for pair in ((x, y), (y, x))}


@pytest.mark.parametrize("seed", [1, 2])
def test_a_change_no_other_name_makes_is_no_habit(seed):
    # list 2 writes one name otherwise, a change of letters made once: siblings' names differ so
    tokens, source, left, right = families(seed, habit={"hdy": "slma"})
    assert list_spellings(tokens, source, left, right) == frozenset()


def test_nothing_is_learnt_from_one_list():
    tokens, source, left, right = families(1)
    assert list_spellings(tokens, np.zeros(len(tokens), int), left, right) == frozenset()


def test_names_apart_allows_one_name_more_on_one_side():
    codes = np.array([[0, 1, 2, -1], [0, 1, 3, -1], [0, 1, 3, 4], [0, 5, 6, -1]])
    apart = names_apart(codes, np.array([0, 0, 0]), np.array([1, 2, 3]))
    assert sorted(map(tuple, apart.tolist())) == [(2, 3), (2, 3), (2, 4)]


def test_a_change_is_the_same_whichever_key_is_first():
    assert change("dxml", "gml") == change("gml", "dxml") == ("dx", "g")
    assert change("mdxd", "mgd") == ("dx", "g")
    assert change("gndy", "gwndy") == ("", "w")


def facts(sources, spelt) -> RecordFacts:
    return RecordFacts(
        source=np.array(sources, dtype=np.int64),
        sex=np.zeros(2, dtype=np.int64),
        date_lo=np.full(2, UNKNOWN_DAY, dtype=np.int64),
        date_hi=np.full(2, UNKNOWN_DAY, dtype=np.int64),
        given=["dxml", "gml"],
        father=["ely", "ely"],
        tokens=[frozenset({"dxml", "ely", "ktyb"}), frozenset({"gml", "ely", "ktyb"})],
        spelt=frozenset(spelt),
    )


@pytest.mark.parametrize(
    ("sources", "spelt", "one"),
    [
        ((0, 1), {("dxml", "gml"), ("gml", "dxml")}, True),
        ((0, 0), {("dxml", "gml"), ("gml", "dxml")}, False),  # one list: relatives
        ((0, 1), set(), False),  # nothing learnt: two names
    ],
)
def test_the_given_name_guard_takes_a_lists_spelling_as_one_name_between_two_lists(
    sources, spelt, one
):
    result = cluster(
        2, np.array([0]), np.array([1]), np.array([20.0]), facts(sources, spelt), 45, 40
    )
    assert bool(result.labels[0] == result.labels[1]) is one
    assert result.refused_given_names == (0 if one else 1)
