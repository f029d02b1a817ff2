"""Mechanisms of round 9 of issue #18 (who speaks), on sentences written for these tests."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from recount.claims.extraction import claim_records
from recount.claims.grammar.sentences import split_sentences

OUTLET = "Wire"
BODIES = ["The Northern Monitoring Group", "The Valley Rights Network", "The Coastal Relief Office"]


def claims_of(text: str) -> dict[str, dict]:
    return {c["quantity_text"]: c for c in claim_records(text, outlet=OUTLET, date="2024-10-01")}


# An adverb between a subject and its speech verb ("initially estimated", "originally
# estimated") is neither the speaker nor part of its name.
@given(
    body=st.sampled_from(BODIES),
    adverb=st.sampled_from(["initially", "originally", "subsequently", "reportedly", "first"]),
    low=st.integers(min_value=100, max_value=9_000),
    relative=st.booleans(),
)
def test_an_adverb_before_the_verb_is_not_the_speaker(body, adverb, low, relative):
    between = ", which was in the city after the siege," if relative else ""
    text = f"{body}{between} {adverb} estimated the death toll at {low:,}."
    claim = claims_of(text)[f"{low:,}"]
    assert claim["claimant"] == body.removeprefix("The ")


# A time adjunct that opens the clause ("By the afternoon", "On 5 March", "A week later") is
# not the subject: the name or pronoun after it speaks.
@given(
    adjunct=st.sampled_from(["By the afternoon", "On 5 March", "A week later", "Later that day"]),
    pronoun=st.booleans(),
    count=st.integers(min_value=30, max_value=900),
)
def test_a_time_adjunct_before_the_subject_is_not_the_speaker(adjunct, pronoun, count):
    subject = "he" if pronoun else "Petro Danyliuk"
    earlier = "Petro Danyliuk" if pronoun else "A spokeswoman, Olena Marchuk,"
    text = (
        f"{earlier} said 27 people had died. {adjunct} {subject} told reporters that {count} "
        "people had been killed."
    )
    claims = claims_of(text)
    assert claims[str(count)]["claimant"] == "Petro Danyliuk"
    assert claims["27"]["claimant"] == ("Petro Danyliuk" if pronoun else "Olena Marchuk")


# A full stop with no space after it ends a sentence when a capitalised word follows a word
# in lower case; abbreviations and initials stay inside their sentence.
@given(
    first=st.sampled_from(["shoot to kill", "the crowd dispersed", "fire on the square"]),
    count=st.integers(min_value=10, max_value=5_000),
)
def test_a_glued_full_stop_ends_the_sentence(first, count):
    text = (
        f"Troops were ordered to {first}.Official British sources estimated the dead at {count:,}."
    )
    sentences = [text[a:b] for a, b in split_sentences(text)]
    assert sentences == [f"Troops were ordered to {first}.", sentences[1]]
    assert sentences[1].startswith("Official British sources")
    assert claims_of(text)[f"{count:,}"]["claimant"] == "Official British sources"
    assert len(list(split_sentences("Dr.Smith met U.S.Army staff e.g.The team."))) == 1


# "claim", "argued", "spoke of" report figures as "said" does.
@given(
    cue=st.sampled_from(["claim that", "argued that", "spoke of"]),
    count=st.integers(min_value=1_000, max_value=500_000),
)
def test_claim_argue_and_speak_of_name_the_speaker(cue, count):
    verb = "were killed" if cue != "spoke of" else "killed"
    text = f"In the first days, far-right groups {cue} {count:,} people {verb}."
    assert claims_of(text)[f"{count:,}"]["claimant"] == "far-right groups"


# "claimed to belong to", "claimed responsibility": no figure is claimed, so nobody speaks for
# the sentences after it.
@given(count=st.sampled_from(["four", "six", "12"]))
def test_claimed_to_belong_reports_no_figure(count):
    text = (
        "The Front, which the gunmen claimed to belong to, took responsibility for the attack. "
        f"The siege ended the same day, when all {count} of the attackers were killed."
    )
    claim = claims_of(text)[count]
    assert (claim["claimant"], claim["attributed"]) == (OUTLET, False)


# "the Pentagon's first reports of five soldiers killed": an owner's reports are its figures.
@given(count=st.integers(min_value=2, max_value=90), word=st.sampled_from(["first", "initial"]))
def test_an_owners_reports_credit_the_owner(count, word):
    text = (
        f"The toll far exceeded the Pentagon's {word} reports on Sunday of {count} soldiers killed."
    )
    assert claims_of(text)[str(count)]["claimant"] == "Pentagon"
