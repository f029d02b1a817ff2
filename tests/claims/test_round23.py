"""Mechanisms of round 23 of issue #18 (the fields of figures the grammar reads, and text
structure), on text written for these tests in the constructions of real reporting."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from recount.claims.extraction import claim_records

OUTLET = "Wire"


def claims_of(text: str) -> dict[str, dict]:
    """The claims of `text`, by the number as written (its qualifier left out)."""
    found = claim_records(text, outlet=OUTLET, date="2025-02-01")
    return {c["quantity_text"].split()[-1]: c for c in found}


# Gapping: a second subject whose verb and noun are the first clause's, left out. "Guerrillas
# kidnapped 1,200 people and paramilitary groups 300": the 300 were kidnapped too.
@given(
    first=st.sampled_from(["Guerrillas", "The rebels", "Militias in the north"]),
    verb=st.sampled_from(
        [("kidnapped", "abducted"), ("killed", "killed"), ("detained", "detained")]
    ),
    second=st.sampled_from(["paramilitary groups", "the army", "the police in the south"]),
    joint=st.sampled_from([" and", ",", "; and", ", while"]),
    n=st.integers(1_000, 9_000),
    m=st.integers(20, 900),
)
def test_a_second_subject_with_its_verb_left_out_shares_the_measure(
    first, verb, second, joint, n, m
):
    word, measure = verb
    text = f"{first} {word} {n:,} people{joint} {second} {m}."
    found = claims_of(text)
    assert found[f"{n:,}"]["measure"] == measure
    assert found[str(m)]["measure"] == measure


def test_a_named_place_between_the_clauses_is_the_first_counts():
    found = claims_of(
        "The monitor recorded 60 civilian deaths in the port; the village of Tel Hamra 31, "
        "including nine children."
    )
    assert found["31"]["measure"] == "killed"
    found = claims_of("The Red terror claimed 1,650 victims and the White terror about 10,000.")
    assert found["10,000"]["measure"] == "killed"


# Not gapping: the words between name no subject (a clause of time, a qualifier, "of").
@given(n=st.integers(20, 90), m=st.integers(100, 900))
def test_words_that_are_no_subject_do_not_take_the_measure(n, m):
    found = claims_of(f"Around {n} people died, after more than {m} villagers had gathered there.")
    assert str(m) not in found
    found = claims_of(f"Of the {m:,} dead, only {n} have known graves.")
    assert str(n) not in found
    found = claims_of(f"The blast killed {n} people and the fire destroyed {m} homes.")
    assert str(m) not in found
