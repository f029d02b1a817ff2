"""Mechanisms of round 7 of issue #18, on sentences written for these tests."""

from __future__ import annotations

from functools import partial

from claims_reading import claims_by
from hypothesis import given
from hypothesis import strategies as st

OUTLET = "Wire"
FLIGHT = [
    "had left the region",
    "took refuge in the mountains",
    "have taken refuge in schools",
    "are sheltering in schools",
    "flee the city",
    "fled to neighbouring Chad",
    "abandoned their homes",
]
ESCAPE = ["fled the jail", "fled the base", "fled from the prison", "fled police custody"]


claims_of = partial(claims_by, outlet=OUTLET, date="2024-10-01")


# Flight said by its verb is displacement, whatever the frame around the count.
@given(
    verb=st.sampled_from(FLIGHT),
    people=st.sampled_from(["people", "residents", "civilians"]),
    count=st.integers(min_value=2, max_value=999_999),
)
def test_flight_said_by_its_verb_is_displacement(verb, people, count):
    count_text = f"More than {count:,}"
    claim = claims_of(f"{count_text} {people} {verb}, the agency said.")[count_text]
    assert (claim["measure"], claim["value"], claim["claimant"]) == ("displaced", count, "agency")


def test_forced_to_abandon_their_homes_is_displacement():
    claims = claims_of("The fighting forced 40,000 people to abandon their homes, the agency said.")
    assert claims["40,000"]["measure"] == "displaced"


# Fleeing a jail or a post is an escape: no one was displaced.
@given(escape=st.sampled_from(ESCAPE), who=st.sampled_from(["prisoners", "soldiers", "inmates"]))
def test_fleeing_a_jail_or_a_post_is_not_displacement(escape, who):
    assert claims_of(f"The police said 12 {who} {escape} on Monday.") == {}


# A heading that counts ("In total 300 were killed in the war:") gives its items its measure;
# an item's label says whom it counts.
@given(
    service=st.sampled_from(["Army", "Navy", "Air Force", "Marines", "Coast Guard"]),
    count=st.integers(min_value=100, max_value=9_999),
)
def test_a_counting_heading_measures_its_items_and_their_labels_say_who(service, count):
    text = (
        f"In total 20,000 were killed during the war:\n\n"
        f"  • Northland – 12,000\n"
        f"    • National {service} – {count:,}\n"
        f"    • Civilian sailors – 16\n"
    )
    claims = claims_of(text)
    assert [claims[q]["measure"] for q in ("20,000", "12,000", f"{count:,}", "16")] == [
        "killed"
    ] * 4
    assert claims["12,000"]["population"] == "all"
    assert claims[f"{count:,}"]["population"] == "combatants"
    assert claims["16"]["population"] == "civilians"


# A measure word in quotes is still the measure ('270 people "disappeared" without trace').
@given(
    word=st.sampled_from([("disappeared", "missing"), ("died", "killed"), ("wounded", "injured")]),
    quote=st.sampled_from(['"', "“"]),
)
def test_a_measure_in_quotes_is_the_measure(word, quote):
    said, measure = word
    closing = "”" if quote == "“" else quote
    text = f"Rights groups said 270 people had {quote}{said}{closing} in the attack."
    assert claims_of(text)["270"]["measure"] == measure


# Camps of the displaced, and prisoners taken, name their measure.
def test_camps_and_prisoners_name_the_measure():
    claims = claims_of(
        "Officials said more than 24,000 people were in relief camps. "
        "The army said 1,800 Argentines had been taken prisoner, 1,400 of them at the port."
    )
    assert claims["more than 24,000"]["measure"] == "displaced"
    assert (claims["1,800"]["measure"], claims["1,400"]["measure"]) == ("detained", "detained")


# A count joined after a breakdown is of the people counted, not of the breakdown's part.
@given(
    part=st.sampled_from(["children", "women"]),
    count=st.integers(min_value=1_000, max_value=99_999),
)
def test_a_count_after_a_breakdown_is_not_of_its_part(part, count):
    text = (
        f"The office confirmed at least 12,910 civilians killed, including 682 {part}, "
        f"and nearly {count:,} injured."
    )
    claims = claims_of(text)
    assert claims["682"]["population"] == part  # the part keeps its own people
    assert (claims[f"nearly {count:,}"]["measure"], claims[f"nearly {count:,}"]["population"]) == (
        "injured",
        "all",
    )
