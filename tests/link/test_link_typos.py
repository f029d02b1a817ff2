"""Names typed wrong: a typo that spells another listed name, a record whose two forms differ."""

from __future__ import annotations

import math

import hypothesis
import numpy as np
import pandas as pd
import pytest
from hypothesis import strategies as st

from recount.link.clustering import UNKNOWN_DAY, RecordFacts, cluster, given_forms, one_edit
from recount.link.typos import misspelt_names, one_edit_neighbours, one_edit_strings, typo_odds

LISTED = frozenset({"mhmd", "ehmd", "rxyd", "rxd", "ely", "hsn", "ktyb"})


def given_names(typos: int = 400) -> pd.Series:
    """Two common listed names one edit apart (brothers are named so), a listed name and a rare
    listed name one edit from it, and `typos` records typed as strings no list lists."""
    names = ["mhmd"] * 6000 + ["ehmd"] * 3000 + ["rxyd"] * 300 + ["rxd"] + ["hsn"] * 1000
    names += ["mhmdd", "ahmd", "rxydd", "hssn"] * (typos // 4)
    return pd.Series(names, dtype=object)


def test_a_rare_listed_name_one_typo_from_another_is_that_name_and_two_common_ones_are_two():
    misspelt = misspelt_names(typo_odds(given_names(), LISTED))
    assert ("rxd", "rxyd") in misspelt and ("rxyd", "rxd") in misspelt
    assert ("mhmd", "ehmd") not in misspelt  # a relative is far likelier named Ahmad
    assert all(x in LISTED and y in LISTED for x, y in misspelt)


def test_nothing_is_learnt_where_no_record_shows_a_typo():
    assert typo_odds(given_names(typos=0), LISTED) == {}
    assert typo_odds(pd.Series([None, ""], dtype=object), LISTED) == {}


@hypothesis.given(
    st.dictionaries(
        st.text(alphabet="abcde", min_size=1, max_size=4), st.integers(1, 50), min_size=2
    ),
    st.sets(st.text(alphabet="abcde", min_size=1, max_size=4)),
)
def test_a_pair_is_learnt_only_where_the_typo_is_likelier_than_a_relative(counts, listed):
    names = pd.Series([k for k, n in counts.items() for _ in range(n)], dtype=object)
    listed = frozenset(listed)
    odds = typo_odds(names, listed)
    misspelt = misspelt_names(odds)
    total = len(names)
    typed = sum(
        n
        for k, n in counts.items()
        if k not in listed and any(o in listed for o in counts if one_edit(k, o))
    )
    alphabet = len({c for k in counts for c in k})
    rate = lambda name: typed / total / one_edit_strings(name, alphabet)  # noqa: E731
    for x, y in misspelt:
        assert (y, x) in misspelt and x in listed and y in listed and one_edit(x, y)
        assert rate(x) > counts[y] / total or rate(y) > counts[x] / total
    # every pair of listed names one edit apart has its odds, the likelier direction's
    pairs = {
        (x, y) for x in counts for y in counts if x != y and {x, y} <= listed and one_edit(x, y)
    }
    assert set(odds) == (pairs if typed else set())
    for x, y in odds:
        likelier = max(rate(x) / (counts[y] / total), rate(y) / (counts[x] / total))
        assert odds[x, y] == pytest.approx(math.log(likelier))


@hypothesis.given(st.lists(st.text(alphabet="abc", min_size=1, max_size=4), unique=True))
def test_the_neighbours_are_every_key_one_edit_away(keys):
    neighbours = one_edit_neighbours(keys)
    for a in keys:
        assert neighbours.get(a, set()) == {b for b in keys if b != a and one_edit(a, b)}


def facts(slot: str, names: list[str], sources: list[int], misspelt) -> RecordFacts:
    n = len(names)
    others = ["ely"] * n
    given, father = (names, others) if slot == "given" else (others, names)
    return RecordFacts(
        source=np.array(sources, dtype=np.int64),
        sex=np.zeros(n, dtype=np.int64),
        date_lo=np.full(n, UNKNOWN_DAY, dtype=np.int64),
        date_hi=np.full(n, UNKNOWN_DAY, dtype=np.int64),
        given=list(given),
        father=list(father),
        tokens=[frozenset({g, f, "ktyb"}) for g, f in zip(given, father, strict=True)],
        known=LISTED,
        misspelt={slot: frozenset(misspelt)},
    )


@pytest.mark.parametrize("slot", ["given", "father"])
@pytest.mark.parametrize(
    ("sources", "misspelt", "one"),
    [
        ((0, 1), {("rxd", "rxyd"), ("rxyd", "rxd")}, True),
        ((0, 0), {("rxd", "rxyd"), ("rxyd", "rxd")}, False),  # one list's two records: relatives
        ((0, 1), set(), False),  # nothing learnt: two listed names
    ],
)
def test_the_name_guards_take_a_typo_between_two_lists_as_one_name(slot, sources, misspelt, one):
    record_facts = facts(slot, ["rxd", "rxyd"], list(sources), misspelt)
    result = cluster(2, np.array([0]), np.array([1]), np.array([20.0]), record_facts, 45, 40)
    assert bool(result.labels[0] == result.labels[1]) is one
    refused = result.refused_given_names if slot == "given" else result.refused_fathers
    assert refused == (0 if one else 1)
    assert result.misspelt_names == {slot: len(misspelt) // 2}


def test_a_record_in_two_forms_gives_its_given_name_in_both():
    # 'Mohammad Adel Zamalkani' beside 'حمد عادل الزملكاني' (the Arabic typed without its mim):
    # keyed by the Arabic form, the Latin form's given name among its tokens only
    forms = given_forms(
        ["hmd", "hmd", "hmd"],
        [
            frozenset({"hmd", "mhmd", "edl", "dmlkny"}),
            frozenset({"hmd", "mhmd", "syd"}),  # Hamad son of Muhammad: mhmd is his father
            frozenset({"hmd", "edl", "dmlkny"}),
        ],
        [["edl", "mhmd", "edl"], [None, None, None], ["dmlkny", "syd", "dmlkny"]],
    )
    assert forms == [frozenset({"hmd", "mhmd"}), frozenset({"hmd"}), frozenset({"hmd"})]
    # Ana María Restrepo Romero keyed anamaria: maria is a piece of her given name, not a form
    spanish = given_forms(
        ["anamaria"], [frozenset({"ana", "maria", "restrepo", "romero"})], [["restreporomero"]]
    )
    assert spanish == [frozenset({"anamaria"})]
    n = 2
    record_facts = RecordFacts(
        source=np.arange(n, dtype=np.int64),
        sex=np.zeros(n, dtype=np.int64),
        date_lo=np.full(n, UNKNOWN_DAY, dtype=np.int64),
        date_hi=np.full(n, UNKNOWN_DAY, dtype=np.int64),
        given=["mhmd", "hmd"],
        father=["edl", "edl"],
        tokens=[frozenset({"mhmd", "edl", "dmlkny"}), frozenset({"hmd", "mhmd", "edl", "dmlkny"})],
        known=frozenset({"mhmd", "hmd", "edl"}),
    )
    alone = cluster(2, np.array([0]), np.array([1]), np.array([20.0]), record_facts, 45, 40)
    assert alone.labels[0] != alone.labels[1]  # the typo read alone: Hamad, not Muhammad
    record_facts.given_forms = [frozenset({"mhmd"}), forms[0]]
    both = cluster(2, np.array([0]), np.array([1]), np.array([20.0]), record_facts, 45, 40)
    assert both.labels[0] == both.labels[1] and both.refused_given_names == 0
