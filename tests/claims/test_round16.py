"""Mechanisms of round 16 of issue #18 (people in uniform the lexicon did not know), on text
written for these tests in the constructions of real reporting."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from recount.claims.extraction import claim_records

OUTLET = "Wire"
ARMED = [
    "service members",
    "U.S. service members",
    "servicemembers",
    "paratroopers",
    "National Guardsmen",
    "UN peacekeepers",
    "conscripts",
    "commandos",
    "mercenaries",
    "partisans",
    "law enforcement officers",
    "security officers",
]


def claims_of(text: str) -> dict[str, dict]:
    return {c["quantity_text"]: c for c in claim_records(text, outlet=OUTLET, date="2024-10-01")}


# Soldiers, police and peacekeepers by their service's own nouns are combatants, and the
# coordinated count after them counts them too ("13 service members had been killed and 15 wounded").
@given(
    armed=st.sampled_from(ARMED),
    killed=st.integers(2, 900),
    wounded=st.integers(901, 5_000),
    verb=st.sampled_from(["were killed", "had been killed", "died"]),
)
def test_people_in_uniform_are_combatants(armed, killed, wounded, verb):
    found = claims_of(f"The ministry said {killed} {armed} {verb} and {wounded:,} wounded.")
    assert found[str(killed)]["measure"] == "killed"
    assert found[str(killed)]["population"] == "combatants"
    assert found[f"{wounded:,}"]["measure"] == "injured"
    assert found[f"{wounded:,}"]["population"] == "combatants"


# One of them, in the singular.
@given(word=st.sampled_from(["policeman", "police officer"]), others=st.integers(2, 40))
def test_one_policeman_is_a_combatant(word, others):
    found = claims_of(f"One {word} was killed and {others} others injured at first.")
    assert found["One"]["measure"] == "killed"
    assert found["One"]["population"] == "combatants"


# The people beside them keep their own word.
def test_civilians_beside_them_stay_civilians():
    found = claims_of("The strike killed 4 UN peacekeepers and 116 civilians.")
    assert found["4"]["population"] == "combatants"
    assert found["116"]["population"] == "civilians"
