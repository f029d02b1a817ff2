"""Mechanisms of round 9 of issue #18 (who speaks), on sentences written for these tests."""

from __future__ import annotations

from functools import partial

from claims_reading import claims_by
from hypothesis import given
from hypothesis import strategies as st

from recount.claims.grammar.sentences import split_sentences
from recount.claims.numbers import find_quantities

OUTLET = "Wire"
BODIES = ["The Northern Monitoring Group", "The Valley Rights Network", "The Coastal Relief Office"]


claims_of = partial(claims_by, outlet=OUTLET, date="2024-10-01")


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


# "X said it had identified 18,000 victims and estimated that …": the second verb shares the
# first one's subject; a participle and its agent after the subject ("set up by the UN") are
# not the subject.
@given(
    body=st.sampled_from(BODIES),
    first=st.integers(min_value=100, max_value=9_000),
    extra=st.integers(min_value=1, max_value=9_000),
    agent=st.sampled_from(["set up by", "led by", "appointed by", "funded by"]),
)
def test_a_coordinated_verb_and_an_agent_phrase_keep_the_subject(body, first, extra, agent):
    text = (
        f"{body} {agent} the provincial governor said it had identified {first:,} victims and "
        f"estimated that a maximum of {first + extra:,} people lost their lives."
    )
    claims = claims_of(text)
    assert claims[f"a maximum of {first + extra:,}"]["claimant"] == body.removeprefix("The ")


# Estimates nobody owns ("the lower estimates reporting", "the most widely published
# estimates") are the text's own report; a name in brackets after a figure is its source.
@given(
    low=st.integers(min_value=1_000, max_value=9_000),
    high=st.integers(min_value=10_000, max_value=90_000),
    name=st.sampled_from(["Robert Fisk", "Anna Berg", "Hale and Moss"]),
)
def test_unowned_estimates_and_a_bracketed_source(low, high, name):
    text = (
        "Subsequent estimates vary, with the lower estimates reporting at least "
        f"{low:,} deaths, while others put the number at {high:,} ({name})."
    )
    claims = claims_of(text)
    assert claims[f"at least {low:,}"]["claimant"] == OUTLET
    assert claims[f"{high:,}"]["claimant"] == name
    widely = claims_of(f"According to the most widely published estimates {high:,} people died.")
    assert widely[f"{high:,}"]["claimant"] == OUTLET
    place = claims_of(f"Government forces killed {high:,} (Hama City) in the raid.")
    assert place[f"{high:,}"]["claimant"] == OUTLET


# Whose reports ("reports from Western countries"), whose book ("X in his book T states"),
# a name with letters beyond ASCII, and the article left at a phrase's end.
@given(count=st.integers(min_value=10, max_value=90_000))
def test_the_source_phrase_is_read_whole(count):
    claims = claims_of(
        f"Initial diplomatic reports from Western countries stated that {count:,} died."
    )
    assert claims[f"{count:,}"]["claimant"] == "Initial diplomatic reports from Western countries"
    text = f"Raul Arias Ramos in his book La Legion en La Guerra states that there were {count:,} dead."
    assert claims_of(text)[f"{count:,}"]["claimant"] == "Raul Arias Ramos"
    text = (
        "A recent study by Vicente del Palacio and José Ángel Etxaniz for the Gernika History "
        f"Group estimated the number of victims to be {count:,}."
    )
    assert claims_of(text)[f"{count:,}"]["claimant"] == "Vicente del Palacio and José Ángel Etxaniz"
    text = f"The wartime police and administrators had believed there were about {count:,} victims."
    assert claims_of(text)[f"about {count:,}"]["claimant"] == "wartime police and administrators"


# A spaced em dash (a dateline's, "Nairobi, 4 October 1993 — Twelve soldiers …") or a spaced
# dash after a year is a clause's dash, not a range; "~" is "about" (a range keeps its ends).
@given(
    year=st.integers(min_value=1950, max_value=2025),
    count=st.sampled_from(["Twelve", "12", "Some 40", "seven"]),
    dash=st.sampled_from(["—", "–", "-"]),
)
def test_a_spaced_dash_after_a_dateline_is_no_range(year, count, dash):
    text = f"Nairobi, 4 October {year} {dash} {count} soldiers were killed in the battle."
    claim = claims_of(text)[count]
    assert (claim["measure"], claim["population"]) == ("killed", "combatants")
    quantities = [q.text for q in find_quantities("killed 12 — 15 more and 200–315 and 1914–18")]
    assert quantities == ["12", "15", "200–315"]


@given(count=st.integers(min_value=100, max_value=900_000))
def test_a_tilde_is_about(count):
    (about,) = find_quantities(f"Victims~{count:,} civilians deported")
    assert (about.text, about.qualifier, about.low) == (f"~{count:,}", "about", count * 0.9)
    (span,) = find_quantities(f"~{count:,}–{count + 50:,} activists killed")
    assert (span.qualifier, span.low, span.high) == ("range", count, count + 50)


# An infobox's "Casualties and losses" lines stay each side's fighters through a long table
# line; a line labelled with civilians, or the war's totals, counts everyone.
@given(side=st.sampled_from(["U.S.", "Malaysia", "Pakistan"]), dead=st.integers(1, 99))
def test_losses_lines_of_a_table_are_fighters_unless_labelled_otherwise(side, dead):
    text = (
        "Casualties and losses | |||||||\n"
        f"{side} {dead} killed, 73 wounded, 1 captured 2 UH-60 Black Hawks shot down Malaysia 1 "
        "killed, 7 wounded |\n"
        "SNA Militia and civilians 200–315 killed (per ICRC) 300–500 killed (per U.N.) |\n"
        "| 70,000–80,000 (total dead); 8,000 disappeared |\n"
    )
    claims = claims_of(text)
    assert claims[str(dead)]["population"] == "combatants"
    assert claims["73"]["population"] == "combatants"
    assert claims["200–315"]["population"] == "all"
    assert claims["8,000"]["population"] == "all"


# A bare count glued to an infobox label ("Deaths17", "Injured20") is read; codes stay out.
@given(dead=st.integers(1, 999), more=st.integers(1, 99))
def test_a_count_glued_to_an_infobox_label(dead, more):
    hurt = dead + more
    text = f"Attack type\nMassacre\nDeaths{dead}\nInjured{hurt}\nPerpetrators\nUnknown"
    claims = claims_of(text)
    assert claims[str(dead)]["measure"] == "killed"
    assert claims[str(hurt)]["measure"] == "injured"
    assert find_quantities("COVID19 and F16 and M939") == []


# People an attack was aimed at are the people its participle clause counts; pushed from their
# homes is displacement; "took N students hostage" is an abduction.
@given(
    verb=st.sampled_from(["shot at", "fired on", "attacked"]),
    dead=st.integers(2, 99),
    hurt=st.integers(100, 199),
    held=st.integers(20, 900),
)
def test_targets_displacement_and_hostages(verb, dead, hurt, held):
    text = f"Guards {verb} Iraqi civilians, killing {dead} and injuring {hurt} in the square."
    claims = claims_of(text)
    assert (claims[str(dead)]["population"], claims[str(hurt)]["population"]) == (
        "civilians",
        "civilians",
    )
    pushed = claims_of(f"Some {held:,} people have been pushed out of their homes by the war.")
    assert pushed[f"Some {held:,}"]["measure"] == "displaced"
    taken = claims_of(f"The gunmen took over {held:,} students hostage, freeing some.")
    assert taken[f"over {held:,}"]["measure"] == "abducted"
    assert claims_of(f"Gunmen took {dead} hours to leave.") == {}
