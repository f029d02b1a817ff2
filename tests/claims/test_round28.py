"""Mechanisms of round 28 of issue #18 (a source's writings, armed men by their service), on text
written for these tests in the constructions of real reporting and of the project's summaries."""

from __future__ import annotations

from functools import partial

from claims_reading import claims_by
from hypothesis import given, settings
from hypothesis import strategies as st

from recount.claims.grammar.writings import writing_owner

OUTLET = "Wire"

claims_of = partial(claims_by, key="text", outlet=OUTLET, date="2025-02-01")

count = st.integers(12, 999)  # not a year
outlet = st.sampled_from(["NDTV", "Vassar College", "C-SPAN", "Radio Tirana", "The Daily Star"])


# "NDTV's first report said …", "Vassar College's chronology says …", "C-SPAN's page for its oral
# histories says …": a name's writing speaks for the name, not a claimant "NDTV's first report".
@settings(max_examples=10, deadline=None)
@given(
    name=outlet,
    writing=st.sampled_from(
        [
            "first report",
            "chronology",
            "page for its oral histories",
            "caption of an agency photograph",
            "fast facts",
            "anniversary story",
        ]
    ),
    verb=st.sampled_from(["says", "said"]),
    n=count,
)
def test_a_names_writing_speaks_for_the_name(name, writing, verb, n):
    found = claims_of(f"{name}'s {writing} {verb} {n} people were killed in the blast.")
    assert found[str(n)]["claimant"].removeprefix("The ") == name.removeprefix("The ")


# "An article in The Guardian says …", "an anniversary piece in the Orissa Post says …": the name
# the writing is in; with no name ("a picture story says", "another site says") the writing is no
# claimant and the figure stays in the text's own voice ("the story" is left to the reading of
# definite nouns, which may find the source named before).
@settings(max_examples=10, deadline=None)
@given(
    writing=st.sampled_from(["An article", "An anniversary piece", "A memorial page", "A story"]),
    place=st.sampled_from(["in", "on"]),
    name=st.sampled_from(["Orissa Post", "Guardian", "Ozwheelie"]),
    n=count,
)
def test_a_writing_speaks_for_the_name_it_is_in(writing, place, name, n):
    found = claims_of(f"{writing} {place} the {name} says {n} people were killed.")
    assert found[str(n)]["claimant"] == name
    assert writing_owner(f"{writing} {place} the {name}").owner == name


@settings(max_examples=10, deadline=None)
@given(
    writing=st.sampled_from(["a picture story", "another site", "a memorial page", "a blog post"]),
    n=count,
)
def test_a_kind_of_writing_with_no_name_is_no_claimant(writing, n):
    found = claims_of(f"Of those killed, {n} were Dutch citizens, {writing} says.")
    assert found[str(n)]["claimant"] == OUTLET
    assert not found[str(n)]["attributed"]
    assert writing_owner(writing).owner is None
    assert writing_owner("Ozwheelie") is None  # a name is no description


# "18 personnel", "57 army officers", "40 jawans", "5 perpetrators": armed men named by their
# service or their part are combatants; "UN personnel" and "medical personnel" are not.
@settings(max_examples=10, deadline=None)
@given(
    noun=st.sampled_from(
        [
            "CRPF personnel",
            "army officers",
            "jawans",
            "perpetrators",
            "members of the paramilitary force",
        ]
    ),
    n=count,
)
def test_armed_men_named_by_their_service_are_combatants(noun, n):
    found = claims_of(f"At least {n} {noun} were killed in the attack, officials said.")
    assert found[f"At least {n}"]["population"] == "combatants"


def test_personnel_of_the_un_or_of_medicine_are_not_combatants():
    found = claims_of("Five UN personnel and 12 medical personnel were killed in the strike.")
    assert found["12"]["population"] == "all"
    assert found["Five"]["population"] == "all"


# "a missile brought down the plane, killing all 298 people aboard": "all" before the count.
@settings(max_examples=10, deadline=None)
@given(verb=st.sampled_from(["killing", "killed"]), n=count)
def test_all_before_a_count_keeps_the_count(verb, n):
    found = claims_of(f"A missile brought down the plane, {verb} all {n} people aboard.")
    assert found[str(n)]["measure"] == "killed"
    assert found[str(n)]["value"] == n


# "On the third anniversary Bangladesh Chronicle put the dead at 75": an anniversary, or a span
# of years, opening the clause is a time, not the speaker.
@settings(max_examples=10, deadline=None)
@given(
    opening=st.sampled_from(
        ["On the third anniversary", "On its tenth anniversary", "Two decades"]
    ),
    paper=st.sampled_from(["Bangladesh Chronicle", "Prothom Alo"]),
    n=count,
)
def test_an_anniversary_opening_the_clause_is_not_the_speaker(opening, paper, n):
    found = claims_of(f"{opening} {paper} put the dead at {n}.")
    assert found[str(n)]["claimant"] == paper


# "the deadliest rail accident since Canada's confederation in 1867": a year of an older century
# after "in" or "since" is no count, even where the sentence before names a toll.
@settings(max_examples=10, deadline=None)
@given(year=st.integers(1000, 1899), n=count)
def test_an_older_year_after_in_is_no_count(year, n):
    text = f"The death toll of {n} makes it the worst accident. It is the deadliest since the union in {year}."
    found = claims_of(text)
    assert str(year) not in found
    assert found[str(n)]["value"] == n


# "74 people were killed on 13 February in Xococ; 177 on 13 March at the pass; and 92 on 14
# September": items told apart by semicolons, each with its date and place, keep the measure.
@settings(max_examples=10, deadline=None)
@given(
    counts=st.lists(st.integers(12, 999), min_size=3, max_size=3, unique=True),
    verb=st.sampled_from(["were killed", "were wounded"]),
)
def test_items_after_semicolons_keep_the_measure(counts, verb):
    a, b, c = counts
    text = (
        f"The army said {a} people {verb} on 13 February in Xococ; {b} on 13 March at the pass;"
        f" and {c} on 14 September in Agua Fria."
    )
    found = claims_of(text)
    measure = "killed" if "killed" in verb else "injured"
    assert [found[str(n)]["measure"] for n in counts] == [measure] * 3
    assert claims_of(
        f"Police said {a} people {verb} in the city; {b} houses were burned."
    ).keys() == {str(a)}
