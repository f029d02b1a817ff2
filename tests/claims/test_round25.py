"""Mechanisms of round 25 of issue #18 (people held, lists of people by their names, rates), on
text written for these tests in the constructions of real reporting."""

from __future__ import annotations

from functools import partial

from claims_reading import claims_by
from hypothesis import given, settings
from hypothesis import strategies as st

OUTLET = "Wire"

claims_of = partial(claims_by, key="text", outlet=OUTLET, date="2025-02-01")

place = st.sampled_from(["the cafe", "the resort", "the school", "the market"])


# Hostages and captives count an abduction, unless the sentence says what befell them: a verb of
# harm before them is their fate ("killed 20 hostages"), as is one said after them ("two of the
# hostages taken from the resort were killed"); a verb that takes them is the abduction itself.
@settings(max_examples=30)
@given(
    verb=st.sampled_from([("killed", "killed"), ("murdered", "killed"), ("wounded", "injured")]),
    noun=st.sampled_from(["hostages", "captives"]),
    n=st.integers(2, 900),
    where=place,
)
def test_held_people_harmed_count_the_harm(verb, noun, n, where):
    word, measure = verb
    found = claims_of(f"Gunmen who seized {where} {word} {n} {noun}, the military said.")
    assert found[str(n)]["measure"] == measure
    later = claims_of(f"{n} of the {noun} taken from {where} were {word} on Monday.")
    assert later[str(n)]["measure"] == measure
    taken = claims_of(f"Gunmen stormed {where} and took {n} {noun}, the police said.")
    assert taken[str(n)]["measure"] == "abducted"


# Held people freed are survivors, not a harm and not lives an operation saved: "rescuing 13
# hostages", "three of the captives were freed", and in a paragraph about hostages, "13 rescued"
# and "we were able to save 13 people". Lives saved elsewhere stay a claim of their own.
@settings(max_examples=30)
@given(
    n=st.integers(11, 90),
    m=st.integers(2, 9),
    noun=st.sampled_from(["hostages", "captives"]),
    verb=st.sampled_from(["rescuing", "freeing", "releasing"]),
    where=place,
)
def test_held_people_freed_count_no_harm(n, m, noun, verb, where):
    text = (
        f"Siege of {where} ends with {n} {noun} dead, {m} rescued\n"
        f"Commandos stormed {where}, {verb} {m} other {noun}. {m} people were rescued. "
        f'"We were able to save {m} people," the minister said.'
    )
    found = claims_of(text)
    assert str(m) not in found, found
    assert found[str(n)]["measure"] == "killed"
    freed = claims_of(f"{m} of the {noun} were freed on Monday, the army said.")
    assert freed == {}
    saved = claims_of(f"The airlift saved some {n},000 lives, the ministry said.")
    assert saved[f"some {n},000"]["measure"] == "saved"


# "The victims included nine Italians and seven Japanese": the people the toll before counted,
# however the numbers are written.
@settings(max_examples=30)
@given(
    subject=st.sampled_from(["victims", "dead"]),
    verb=st.sampled_from(["included", "include"]),
    counts=st.sampled_from([("nine", "seven"), ("9", "7"), ("three", "two")]),
    peoples=st.sampled_from([("Syrians", "Iraqis"), ("Kenyans", "Somalis")]),
)
def test_the_victims_included_carries_the_toll_before(subject, verb, counts, peoples):
    text = (
        f"The bombing killed 22 people, the police said. The {subject} {verb} {counts[0]} "
        f"{peoples[0]} and {counts[1]} {peoples[1]}."
    )
    found = claims_of(text)
    for count in counts:
        assert found[count]["measure"] == "killed", (count, found)
