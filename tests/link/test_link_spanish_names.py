"""Spanish names in the Colombian pack: married names and the family-name guard.

Names here are common Spanish names, not anyone's record.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from recount.link.clustering import (
    UNKNOWN_DAY,
    RecordFacts,
    cluster,
    first_given,
    last_family,
    made_of,
)
from recount.link.fields import Fields
from recount.link.pipeline import name_guards_for
from recount.names import split_name
from recount.names.equivalents import NO_EQUIVALENTS, name_equivalents
from recount.names.parts import parts_from_fields
from recount.reference import NO_PACK, country_pack
from recount.settings import LinkSettings

CO = name_equivalents(country_pack("CO"))


def parts(written: str, equivalents=CO):
    return split_name(written, "spelling", equivalents)


def test_a_husbands_surname_is_one_of_her_names_but_not_her_family_name():
    married = parts("María López de Ramírez")
    assert married.family.key == parts("María López").family.key
    assert parts("Ramírez").tokens[0].key not in {t.key for t in married.tokens}  # 'de Ramírez'
    assert len(married.tokens) == 3
    assert parts("Juan de la Cruz").family.key == parts("Juan Delacruz").family.key  # a surname
    assert parts("María de Armas").family.key == parts("María Dearmas").family.key  # too short
    field = parts_from_fields("MARIA", None, None, "PEREZ DE GOMEZ", "spelling", CO)
    assert field.family.key == parts("Pérez").tokens[0].key
    assert len(field.tokens) == 3
    # without the pack the last word is the family name, as before
    assert parts("María López de Ramírez", NO_EQUIVALENTS).family.key == "ramirez"


def _facts(names: list[str]) -> RecordFacts:
    keyed = [parts(name) for name in names]
    n = len(names)
    return RecordFacts(
        source=np.arange(n, dtype=np.int64),
        sex=np.zeros(n, dtype=np.int64),
        date_lo=np.full(n, UNKNOWN_DAY, dtype=np.int64),
        date_hi=np.full(n, UNKNOWN_DAY, dtype=np.int64),
        given=[p.given.key for p in keyed],
        father=[p.father.key if p.father else None for p in keyed],
        family=[p.family.key if p.family else None for p in keyed],
        tokens=[frozenset(t.key for t in p.tokens) for p in keyed],
    )


def _linked(names: list[str], guards=("given", "father", "family")) -> bool:
    """Whether a chain of strong links (each record to the next) makes one person."""
    n = len(names)
    result = cluster(
        n,
        np.arange(n - 1),
        np.arange(1, n),
        np.linspace(20.0, 19.0, n - 1),
        _facts(names),
        45,
        40,
        name_guards=guards,
    )
    return len(set(result.labels.tolist())) == 1


def test_two_men_of_different_surnames_are_kept_apart():
    # 'Luis Alberto' is a common compound given name; the surnames tell the two men apart
    names = ["Luis Alberto Patiño Lozano", "Luis Alberto Salazar"]
    assert not _linked(names)
    assert _linked(names, ("given", "father"))  # what happened before


@pytest.mark.parametrize(
    "names",
    [
        ["María López de Ramírez", "María López Gómez"],  # married name, her own surnames
        ["Luis Alberto Patiño Lozano", "Luis Alberto Patiño"],  # a list that keeps one surname
        ["Jorge Montoya Vélez", "Jorge Mnotoya"],  # a typo
        ["Juan Carlos Pérez Gómez", "PÉREZ GÓMEZ, Juan Carlos"],  # surnames first
        ["Luis de la Hoz Córdoba", "Luis Delahoz"],  # particles joined
        ["Pacho Rentería", "Francisco Rentería Mosquera"],  # a nickname
    ],
)
def test_one_person_written_as_spanish_lists_write_him_stays_one(names):
    assert _linked(names)


_SURNAMES = st.sampled_from(
    ["Gómez", "López", "Rentería", "Mosquera", "Zapata", "Restrepo", "Ospina", "Valencia"]
)


@given(st.sampled_from(["Ana", "José", "Luz Marina"]), _SURNAMES, _SURNAMES, _SURNAMES)
def test_the_guard_refuses_only_where_no_surname_is_shared(first, paternal, maternal, other):
    full = f"{first} {paternal} {maternal}"
    assert _linked([full, f"{first} {paternal}"])
    shared = other in (paternal, maternal)
    assert _linked([full, f"{first} {other}"]) == shared


def test_the_family_guard_is_on_where_the_packs_names_end_in_a_surname():
    dated = Fields(shares={"dod_day": 1.0})
    auto = LinkSettings()
    assert name_guards_for(auto, dated, country_pack("CO")) == ("given", "father", "family")
    for pack in (NO_PACK, country_pack("SY"), country_pack("UA")):
        assert name_guards_for(auto, dated, pack) == ("given", "father")
    assert name_guards_for(auto, Fields(), country_pack("CO")) == ()
    assert country_pack("CO").names.surname_last and not country_pack("SY").names.surname_last


def test_a_given_name_column_of_three_names_with_a_typo_in_the_first_still_links():
    # a registry's NOMBRES column holds every given name, keyed as one run of words
    column = parts_from_fields("JUAM CARLOS NELSON", None, None, "VARGAS CORTEZ", "spelling", CO)
    written = parts("Juan Carlos Vargas")
    facts = _facts(["Juan Carlos Vargas", "Juan Carlos Vargas"])
    facts.given[0] = column.given.key
    facts.family[0] = column.family.key
    facts.tokens[0] = frozenset(t.key for t in column.tokens)
    assert first_given(column.given.key, facts.tokens[0]) == parts("Juam").given.key
    result = cluster(2, np.array([0]), np.array([1]), np.array([20.0]), facts, 45, 40)
    assert result.labels[0] == result.labels[1]
    assert written.given.key != column.given.key  # the names stage keys the column as one run


@given(
    st.lists(
        st.sampled_from(["juan", "carlos", "nelson", "maria", "del", "carmen"]),
        min_size=2,
        max_size=4,
    )
)
def test_a_run_of_the_records_own_names_is_compared_by_its_first_and_its_last(words):
    tokens = frozenset(words)  # no word of these starts or ends another
    assert first_given("".join(words), tokens) == words[0]
    assert made_of("".join(words), tokens)
    assert not made_of("".join(words) + "x", tokens)
    assert last_family("".join(words), tokens) == words[-1]
