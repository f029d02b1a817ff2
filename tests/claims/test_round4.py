"""Mechanisms of round 4 of issue #18, on sentences written for these tests.

Round 4 looked for mechanisms that generalise (the document's own structure, grammar), each
checked on dev, dev2 and dev3 half A together; the sentences here are the project's own.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from recount.claims.extraction import claim_records

OUTLET = "Wire"


def claimants_of(text: str) -> dict[str, str]:
    return {
        c["quantity_text"]: c["claimant"]
        for c in claim_records(text, outlet=OUTLET, date="2024-10-01")
    }


# The document's speaker: a source goes on speaking in the next sentences, but not where the
# text narrates an event itself, says "it is estimated", or counts another kind of measure.
@pytest.mark.parametrize(
    ("second", "speaker"),
    [
        ("The death toll has since risen to 412.", "Relief Monitor"),
        ("Last week a drone strike on a market killed 57 people.", OUTLET),
        ("The war began when attacks on the border towns killed 90 people.", OUTLET),
        ("The fighting has driven 30,000 people from their homes.", OUTLET),
        ("It is estimated that 12,000 people have fled the province.", OUTLET),
        ("About 2.1 million people have fled abroad.", OUTLET),
    ],
)
def test_who_goes_on_speaking(second, speaker):
    text = f"The Relief Monitor said 350 civilians had been killed in the region. {second}"
    found = claimants_of(text)
    assert found["350"] == "Relief Monitor"
    (quantity,) = [q for q in found if q != "350"]
    assert found[quantity] == speaker


def test_the_speaker_of_a_paragraph_keeps_only_its_own_measures():
    text = (
        "The monitoring mission said it had verified 1,204 civilian deaths. "
        "In the last month alone, 85 were killed and 240 injured. "
        "About 900,000 people remain displaced inside the country."
    )
    found = claimants_of(text)
    assert found["85"] == found["240"] == found["1,204"]
    assert found["About 900,000"] == OUTLET


def test_an_attack_claimed_by_a_group_is_responsibility_not_a_source():
    text = (
        "The mission documented the incidents below. On 3 May, a bombing at a bus station "
        "claimed by an armed group killed five civilians. Another 12 men were injured."
    )
    found = claimants_of(text)
    assert "armed group" not in found["five"]
    assert "armed group" not in found["12"]


# Grammar of the speaker's noun phrase.
@pytest.mark.parametrize(
    ("text", "quantity", "speaker"),
    [
        (
            "Aid workers and church leaders say the toll is between 3,000 and 5,000.",
            "between 3,000 and 5,000",
            "Aid workers and church leaders",
        ),
        (
            "Early reports indicate at least 14 people were killed.",
            "at least 14",
            "Early reports",
        ),
    ],
)
def test_the_whole_subject_speaks(text, quantity, speaker):
    assert claimants_of(text)[quantity] == speaker


@given(st.integers(min_value=11, max_value=99), st.sampled_from(["recorded", "reported"]))
def test_an_attributive_participle_names_no_speaker(percent, verb):
    text = (
        f"The Relief Monitor said 2,400 civilians were killed, up {percent} per cent on the "
        f"highest {verb} figure before, and nearly double that {verb} in 2019."
    )
    assert claimants_of(text)["2,400"] == "Relief Monitor"


def test_reported_speech_with_its_tense_shifted_back_goes_on():
    text = (
        "A spokesperson for the Relief Monitor said 600 civilians had been killed in August. "
        "The deadliest day had been 9 August, when a missile attack on the port left 41 dead."
    )
    assert claimants_of(text)["41"] == claimants_of(text)["600"]
