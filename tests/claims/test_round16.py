"""Mechanisms of round 16 of issue #18 (people in uniform the lexicon did not know), on text
written for these tests in the constructions of real reporting."""

from __future__ import annotations

from functools import partial

from claims_reading import claims_by
from hypothesis import given
from hypothesis import strategies as st

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


claims_of = partial(claims_by, outlet=OUTLET, date="2024-10-01")


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


# "X itself wrote", "President Y himself announced": the speaker, without the emphatic pronoun.
@given(
    speaker=st.sampled_from(["Human Rights Watch", "the ministry", "President Aliyev"]),
    pronoun=st.sampled_from(["itself", "himself", "herself", "themselves"]),
    count=st.integers(20, 90_000),
)
def test_an_emphatic_pronoun_is_not_part_of_the_speaker(speaker, pronoun, count):
    found = claims_of(f"{speaker} {pronoun} said that {count:,} people were killed.")
    claimant = found[f"{count:,}"]["claimant"]
    assert pronoun not in claimant
    assert claimant.lower() in speaker.lower()


# A date before a lower-case institution opens the clause; it is not part of its name.
@given(
    month=st.sampled_from(["December", "March", "July"]),
    day=st.integers(1, 28),
    body=st.sampled_from(["police", "the army", "the government"]),
    count=st.integers(2, 900),
)
def test_a_date_before_an_institution_is_no_part_of_it(month, day, body, count):
    found = claims_of(f"On {day} {month} {body} reported {count} deaths.")
    assert found[str(count)]["claimant"] == body.removeprefix("the ")


# Counts killed in action are soldiers, and so are the counts coordinated after them.
@given(
    side=st.sampled_from(["Cuba", "The battalion", "The 82nd Airborne"]),
    killed=st.integers(2, 90),
    wounded=st.integers(91, 900),
    action=st.sampled_from(["killed in action", "KIA"]),
)
def test_counts_after_killed_in_action_are_soldiers_too(side, killed, wounded, action):
    found = claims_of(f"{side} had {killed} {action}, with {wounded} wounded, the report says.")
    assert found[str(killed)]["population"] == "combatants"
    assert found[str(wounded)]["measure"] == "injured"
    assert found[str(wounded)]["population"] == "combatants"
