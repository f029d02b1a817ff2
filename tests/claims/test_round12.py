"""Mechanisms of round 12 of issue #18 (number forms of other languages, an infobox's losses
kept on one line, …), on text written for these tests."""

from __future__ import annotations

from functools import partial

import pytest
from claims_reading import claims_by
from hypothesis import given
from hypothesis import strategies as st

from recount.claims.evaluate import score_corpus
from recount.claims.numbers import find_quantities

OUTLET = "Wire"


claims_of = partial(claims_by, outlet=OUTLET, date="2024-10-01")


def only_quantity(text: str):
    (quantity,) = find_quantities(text)
    return quantity


# Thousands grouped by a dot ("44.000", "200.000"), as German, Spanish, Portuguese and Turkish
# write them: a count of people to the thousandth does not exist. A decimal's first end before a
# scale word ("1.671 to 1.871 million") stays a decimal.
@given(thousands=st.integers(1, 999), low=st.integers(100, 499), high=st.integers(500, 999))
def test_a_dot_groups_thousands(thousands, low, high):
    assert only_quantity(f"{thousands}.000 Tote").value == thousands * 1_000
    quantity = only_quantity(f"zwischen {low}.000 und {high}.000")
    assert (quantity.low, quantity.high, quantity.qualifier) == (low * 1_000, high * 1_000, "range")
    quantity = only_quantity(f"{low / 100:.3f} to {high / 100:.3f} million")
    assert quantity.low == pytest.approx(low * 10_000)


# A decimal comma before a scale word of the quoted language: "1,5 Millionen", "2,3 millones".
@given(
    whole=st.integers(1, 9),
    tenth=st.integers(1, 9),
    scale=st.sampled_from(["Millionen", "millones", "milhões", "million", "millions"]),
)
def test_a_decimal_comma_before_a_scale_word(whole, tenth, scale):
    quantity = only_quantity(f"{whole},{tenth} {scale} Menschen")
    assert quantity.value == pytest.approx(whole * 1_000_000 + tenth * 100_000)


# Qualifiers of the quoted languages and '≈' widen the figure as their English words do.
@given(
    count=st.integers(20, 90_000),
    said=st.sampled_from(
        [
            ("rund", "about"),
            ("fast", "nearly"),
            ("pelo menos", "at_least"),
            ("≈", "about"),
            ("más de", "more_than"),
            ("environ", "about"),
        ]  # fmt: skip
    ),
)
def test_qualifiers_of_other_languages(count, said):
    word, qualifier = said
    quantity = only_quantity(f"{word} {count}" if word != "≈" else f"≈{count}")
    assert quantity.qualifier == qualifier


# An infobox copied without its line breaks keeps a side's losses on one line, with the side's
# total at the end ("… 43,557 wounded 800 captured 70,000 total casualties"): all of them that
# side's fighters. A total standing alone ("| 70,000 (total dead); 8,000 disappeared") is the
# war's, and what follows it too.
@given(
    dead=st.integers(1_000, 9_000),
    wounded=st.integers(10_000, 90_000),
    captured=st.integers(100, 900),
    total=st.integers(100, 900),
)
def test_a_sides_total_on_its_own_line_sums_its_fighters(dead, wounded, captured, total):
    text = (
        "Casualties and losses | ||||\n"
        f"{dead:,} dead or missing {wounded:,} wounded {captured} captured 62 aircraft lost "
        f"{total},000 total casualties |\n"
        f"| {total + 1},000 total dead; {captured + 1} disappeared |\n"
    )
    claims = claims_of(text)
    for figure in (f"{dead:,}", f"{wounded:,}", str(captured), f"{total},000"):
        assert claims[figure]["population"] == "combatants", figure
    assert claims[f"{total + 1},000"]["population"] == "all"
    assert claims[str(captured + 1)]["population"] == "all"


# The fields of a military infobox copied with the template's names: the first two columns are
# the belligerents ("- Casualties1: PLO 3,400 killed"), so their losses are fighters.
@given(side=st.integers(1, 2), dead=st.integers(10, 9_000), hurt=st.integers(10, 900))
def test_the_belligerents_fields_of_an_infobox(side, dead, hurt):
    text = (
        "- Commander1: A | B\n"
        f"- Casualties{side}: Front {dead:,} killed, {hurt} casualties, 120 tanks lost\n"
        "- Strength1: Front 15,000–40,000\n"
    )
    claims = claims_of(text)
    assert claims[f"{dead:,}"]["population"] == "combatants"
    assert claims[str(hurt)]["population"] == "combatants"


# A labeller may write the ends of "about 25,904" (23,313.6 to 28,494.4) to the whole person.
@given(count=st.integers(1_001, 99_999).filter(lambda n: n % 10))
def test_the_scorer_takes_band_ends_rounded_to_whole_people(count):
    text = f"Officials said about {count:,} people were killed."
    low, high = round(count * 0.9), round(count * 1.1)
    label = {"measure": "killed", "population": "all", "value": count, "low": low, "high": high,
             "qualifier": "about", "context": "asserted", "claimant": "officials"}  # fmt: skip
    score = score_corpus([{"id": "t", "text": text, "claim": [label]}])
    assert score.true_positives == 1


# Numbers that count nothing: a fraction's number ("one-sixth of the population"), a time ("between
# 1.05 and 1.30 a.m."), a sample ("interviewed 188 victims"), a ratio of two measures ("nearly
# five killed to one wounded"), the troops who served ("of 125,000 Americans who fought"). A rise
# of one measure ("from 30 killed to 45 killed") still counts.
@given(
    count=st.integers(20, 900),
    fraction=st.sampled_from(["one-sixth", "two-thirds", "three-quarters", "one-fifth"]),
    low=st.integers(20, 40),
)
def test_numbers_that_count_nothing(count, fraction, low):
    assert fraction.split("-")[0] not in claims_of(f"The war killed {fraction} of the population.")
    assert claims_of(f"The strikes lasted 25 minutes, between 1.05 and 1.{low} a.m.") == {}
    assert claims_of(f"The team interviewed {count} victims and witnesses of the killings.") == {}
    assert claims_of(f'An official noted "{count} killed to one wounded" in the returns.') == {}
    text = f"Of some {count},000 Americans who fought in the islands almost 4,000 died there."
    assert list(claims_of(text)) == ["almost 4,000"]
    rise = claims_of(f"The toll rose from {low} killed to {count} killed.")
    assert {str(low), str(count)} <= set(rise)


# A noun the lexicon does not know, between a count and what only people do ("27,927 Boers had
# died", "68 inmates died", "300,000 Paraguayans, mostly civilians, died", "who succumbed"),
# names people; animals die too ("4,000 cattle died").
@given(
    count=st.integers(20, 90_000),
    people=st.sampled_from(
        ["Boers", "inmates", "Paraguayans", "white Boers", "Black South Africans"]
    ),
    verb=st.sampled_from(
        ["died", "had died", "perished", "who succumbed", ", mostly civilians, died"]
    ),
    animals=st.sampled_from(["cattle", "sheep", "head of cattle", "camels"]),
)
def test_an_unknown_noun_before_dying_names_people(count, people, verb, animals):
    joiner = "" if verb.startswith(",") else " "
    claim = claims_of(f"A study says {count:,} {people}{joiner}{verb} in the camps.")[f"{count:,}"]
    assert (claim["measure"], claim["population"]) == ("killed", "all")
    assert claims_of(f"A study says {count:,} {animals} died in the drought.") == {}


SITES = ["A2OZ", "Clipartbitch", "Winterwar.com", "LiveJournal", "Zaro Answers"]


# A piece of writing speaks for where it is published ("An explainer on A2OZ says", "A longer
# analysis posted on Clipartbitch gives", "the Finland WW1 site"), a description before one
# name gives way to the name ("The Paraguayan broadcaster Telefuturo"); a language or a
# nationality is no name ("A Spanish-language page puts"), nor are people ("per neutral Somalis").
@given(
    count=st.integers(20, 90_000),
    site=st.sampled_from(SITES),
    writing=st.sampled_from(["An explainer on", "A longer analysis posted on", "A page on"]),
    described=st.sampled_from(
        ["The Finnish site", "The Paraguayan broadcaster", "the state daily"]
    ),
)
def test_a_writing_speaks_for_where_it_is_published(count, site, writing, described):
    said = claims_of(f"{writing} {site} says {count:,} soldiers were killed.")
    assert said[f"{count:,}"]["claimant"] == site
    said = claims_of(f"{described} {site} says {count:,} soldiers were killed.")
    assert said[f"{count:,}"]["claimant"] == site
    said = claims_of(f"The {site} site says {count:,} soldiers were killed.")
    assert said[f"{count:,}"]["claimant"] == site
    said = claims_of(f"A Spanish-language page puts the dead at {count:,} people.")
    assert said[f"{count:,}"]["claimant"] != "Spanish-language"


# Detention in its other words: people held in camps or prisons ("were held in more than 60
# small camps", the camps' number being no claim), a camp that held or housed them, the nouns
# of arrest ("1,200 arrests", "2,000 detentions"), "interned", "behind bars", "fell into the
# hands of", "the number of prisoners was"; a meeting held in a hall detains nobody.
@given(
    count=st.integers(100, 90_000),
    camps=st.integers(2, 99),
    said=st.sampled_from(
        [
            "{n} people were held in {c} small camps",
            "the camps also held {n} people",
            "police made {n} arrests",
            "there were {n} detentions",
            "{n} people were interned",
            "{n} protesters remain behind bars",
            "{n} soldiers fell into the hands of the rebels",
            "the number of Red prisoners was only {n}",
        ]
    ),
)
def test_detention_in_its_other_words(count, camps, said):
    text = "A report says " + said.format(n=f"{count:,}", c=camps) + "."
    claims = claims_of(text)
    assert claims[f"{count:,}"]["measure"] == "detained"
    assert str(camps) not in claims
    assert claims_of(f"A rally was held in a hall with {count:,} people.") == {}


# Displacement in its other words: "the displacement of an additional 400,000", "classified as
# internally displaced persons", "had left the country"; a population ("the prewar population
# was 525,000") and a count of estimates ("a survey of 14 estimates") count nobody.
@given(count=st.integers(100, 900_000))
def test_displacement_in_its_other_words(count):
    figure = f"{count:,}"
    for text, quantity in (
        (f"The offensive caused the displacement of an additional {figure} people.", figure),
        (f"Over {figure} Kenyans had been classified as internally displaced.", f"Over {figure}"),
        (f"By 1949 {figure} people had left the country.", figure),
    ):
        assert claims_of(text)[quantity]["measure"] == "displaced", text
    text = (
        f"Some {figure} people died. The prewar population was {figure} (a survey of 14 estimates)."
    )
    assert [c["quantity_text"] for c in claims_of(text).values()] == [f"Some {figure}"]
