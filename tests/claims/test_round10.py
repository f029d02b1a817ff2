"""Mechanisms of round 10 of issue #18 (infobox losses, populations, number forms), on text
written for these tests."""

from __future__ import annotations

import re
from functools import partial

from claims_reading import claims_by
from hypothesis import assume, given
from hypothesis import strategies as st

from recount.claims.grammar import fields
from recount.claims.grammar.sentences import mask_citations
from recount.claims.numbers import QUALIFIER_PATTERN, find_quantities

OUTLET = "Wire"
SIDES = ["United States", "Freedonia", "Northern Alliance", "Royal Ruritanian Army"]


claims_of = partial(claims_by, outlet=OUTLET, date="2024-10-01")


def counts(draw_count):
    return st.lists(draw_count, min_size=4, max_size=4, unique=True)


# An army's words for its losses name the measure and say the people are soldiers: KIA, WIA,
# MIA, POW, "killed in combat", "non-combat deaths"; "KIA or MIA" is killed or missing.
@given(
    numbers=counts(st.integers(min_value=10, max_value=90_000)),
    side=st.sampled_from(SIDES),
    words=st.sampled_from(
        [
            ("KIA", "WIA", "MIA", "POW"),
            ("killed in action", "wounded in action", "missing in action", "POWs"),
            ("killed in combat", "wounded", "MIA", "POW"),
        ]
    ),
)
def test_an_armys_loss_words_name_measure_and_soldiers(numbers, side, words):
    lines = "\n".join(f"{n:,} {w}" for n, w in zip(numbers, words, strict=True))
    text = f"{side}:\n{lines}\nThe war began in 1950 and ended with a cease-fire three years later."
    claims = claims_of(text)
    measures = [claims[f"{n:,}"]["measure"] for n in numbers]
    assert measures == ["killed", "injured", "missing", "detained"]
    assert {claims[f"{n:,}"]["population"] for n in numbers} == {"combatants"}
    both = claims_of("Freedonia:\n300 KIA or MIA\n1,200 wounded")["300"]
    assert (both["measure"], both["population"]) == ("killed_or_missing", "combatants")


# A copy of an infobox that lost its "Casualties and losses" heading still shows the section
# by those words: a side's "36,516 dead" before "8,176 MIA" are its soldiers.
@given(
    dead=st.integers(min_value=100, max_value=90_000),
    wounded=st.integers(min_value=100, max_value=90_000),
    side=st.sampled_from(SIDES),
)
def test_a_block_of_army_losses_counts_soldiers_without_its_heading(dead, wounded, side):
    text = (
        f"{side}:\n{dead:,} dead (including 95 non-combat)\n{wounded:,} wounded\n8,176 MIA\n"
        "The conflict ended when a cease-fire was reached on July 27, 1953 after long talks."
    )
    claims = claims_of(text)
    assert claims[f"{dead:,}"]["population"] == "combatants"
    assert claims[f"{wounded:,}"]["population"] == "combatants"
    plain = claims_of(f"{side}:\n{dead:,} dead\n{wounded:,} wounded")
    assert plain[f"{dead:,}"]["population"] == "all"  # no army's words: no one's soldiers


# Under a heading that names civilians inside the losses ("Civilian Victims of the Mau Mau:")
# the lines' people are civilians; a label of people before a colon opens each line
# ("Native Kenyans killed: 1,819").
@given(
    numbers=counts(st.integers(min_value=2, max_value=9_000)),
    people=st.sampled_from(["Native Kenyans", "Asians", "Europeans", "Highlanders"]),
)
def test_civilian_heading_in_the_losses_and_labelled_lines(numbers, people):
    a, b, c, d = numbers
    text = (
        f"Casualties and losses\n{a:,} soldiers killed\n{b:,} captured\n\n"
        f"Civilian Victims of the rebels:\n\n{people} killed: {c:,}\n{people} wounded: {d:,}\n"
    )
    claims = claims_of(text)
    assert claims[f"{a:,}"]["population"] == "combatants"
    assert (claims[f"{c:,}"]["measure"], claims[f"{c:,}"]["population"]) == ("killed", "civilians")
    assert (claims[f"{d:,}"]["measure"], claims[f"{d:,}"]["population"]) == ("injured", "civilians")


# A bare line carries the previous line's measure ("In 2016, another 2,500."), but not a
# count with a word of its own: "2,714 surrendered", "41 downed aircraft".
@given(
    first=st.integers(min_value=100, max_value=9_000),
    second=st.integers(min_value=10, max_value=9_000),
    word=st.sampled_from(["surrendered", "downed aircraft", "deserted", "pardoned"]),
)
def test_a_count_with_its_own_word_does_not_carry_the_measure(first, second, word):
    assume(first != second)
    claims = claims_of(f"Rebels:\n{first:,} captured\n{second:,} {word}\n")
    assert f"{second:,}" not in claims
    bare = claims_of(f"Rebels:\n{first:,} captured\n{second:,}\n")
    assert bare[f"{second:,}"]["measure"] == "detained"


# "Police" counted as a side's losses are combatants; "civilian police" are civilians; a
# place that ends like an army's abbreviation ("Latakia") is no measure; "killed in police
# operations" does not make the dead police.
@given(count=st.integers(min_value=10, max_value=999))  # not a year
def test_police_civilian_police_and_words_inside_names(count):
    assert claims_of(f"{count:,} police and soldiers killed")[f"{count:,}"]["population"] == (
        "combatants"
    )
    text = f"A minimum of 9,852 civilians were killed (including {count} civilian police)."
    assert claims_of(text)[str(count)]["population"] == "civilians"
    text = f"At least 9,225 civilians have been killed, the monitor said: {count} in Latakia."
    assert claims_of(text)[str(count)]["population"] == "civilians"
    text = f"Police said {count:,} drug suspects had been killed in police operations."
    assert claims_of(text)[f"{count:,}"]["population"] == "all"


WORDS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]


# "and" joins number words only after a scale word: "between one and two million" is a range
# of one to two million (it was read as one number, three million); "three hundred and
# twenty" is still one number.
@given(
    pair=st.lists(st.integers(min_value=1, max_value=9), min_size=2, max_size=2, unique=True),
    scale=st.sampled_from([("thousand", 1_000), ("million", 1_000_000)]),
)
def test_and_between_number_words_is_a_range_not_a_sum(pair, scale):
    low, high = sorted(pair)
    text = f"between {WORDS[low - 1]} and {WORDS[high - 1]} {scale[0]}"
    (quantity,) = find_quantities(f"Estimates vary {text} dead.")
    assert (quantity.low, quantity.high, quantity.qualifier) == (
        low * scale[1],
        high * scale[1],
        "range",
    )
    (single,) = find_quantities(f"{WORDS[high - 1]} hundred and {WORDS[low - 1]} people")
    assert single.value == high * 100 + low


# "several hundred thousand", "a few hundred thousand": the multiples of both scales.
@given(
    few=st.sampled_from([("several", 3, 9), ("a few", 2, 5)]),
    end=st.integers(min_value=1, max_value=9),
)
def test_a_few_hundred_thousand_multiplies_both_scales(few, end):
    word, low, high = few
    (quantity,) = find_quantities(f"between {word} hundred thousand and {WORDS[end - 1]} million")
    assert (quantity.low, quantity.high) == (low * 100_000, end * 1_000_000)
    (alone,) = find_quantities(f"{word} hundred thousand people fled")
    assert (alone.low, alone.high) == (low * 100_000, high * 100_000)


# "nearly a 100 civilians": the article between a qualifier and a numeral is no obstacle.
@given(
    qualifier=st.sampled_from([("nearly", "nearly"), ("about", "about"), ("over", "more_than")]),
    count=st.integers(min_value=20, max_value=999),
)
def test_an_article_between_qualifier_and_numeral(qualifier, count):
    (quantity,) = find_quantities(f"the death of {qualifier[0]} a {count} civilians")
    assert (quantity.text, quantity.qualifier) == (f"{qualifier[0]} a {count}", qualifier[1])


# A capitalised negation inside a name the gazetteer does not hold negates nothing ("The No
# More Hiroshima & Nagasaki Museum gives ..."); "No one said" still does. "Ground zero" is a
# place, not a count.
@given(count=st.integers(min_value=1_000, max_value=900_000))
def test_a_negation_inside_a_name_and_ground_zero(count):
    text = f"The No More War & Peace Museum gives the death toll as approximately {count:,}."
    assert claims_of(text)[f"approximately {count:,}"]["context"] == "asserted"
    text = f"No one said {count:,} people were killed."
    assert claims_of(text)[f"{count:,}"]["context"] == "negated"
    text = f"The toll was {count:,}; most people within 500 metres of ground zero died."
    assert [q.text for q in find_quantities(text)] == [f"{count:,}", "500"]


# The qualifier words are defined once (numbers.QUALIFIER_PATTERN): every cue that looks for
# a figure after it accepts all of them, "forced around 3,000 from their homes" as "some".
@given(
    qualifier=st.sampled_from(["some", "around", "approximately", "roughly", "upwards of"]),
    count=st.integers(min_value=2_000, max_value=90_000),
)
def test_every_cue_accepts_every_qualifier(qualifier, count):
    text = f"The fighting forced {qualifier} {count:,} people from their homes."
    assert claims_of(text)[f"{qualifier} {count:,}"]["measure"] == "displaced"
    assert re.fullmatch(rf"(?:{QUALIFIER_PATTERN})", qualifier)
    assert fields.is_bare_count(f"{qualifier} {count:,} civilians")  # an infobox field's line


# An armed body that suffers the losses counts its soldiers, and so does the breakdown after
# it: "British and Commonwealth units suffered 57,470 casualties – 19,240 dead, ...".
@given(
    body=st.sampled_from(["British and Commonwealth units", "The Fifth Army", "Rebel forces"]),
    verb=st.sampled_from(["suffered", "sustained", "had suffered"]),
    numbers=st.lists(st.integers(min_value=100, max_value=90_000), min_size=3, max_size=3),
)
def test_an_armed_body_that_suffers_losses_counts_soldiers(body, verb, numbers):
    total, dead, wounded = sorted(numbers, reverse=True)
    assume(len({total, dead, wounded}) == 3)
    text = f"{body} {verb} {total:,} casualties – {dead:,} dead and {wounded:,} wounded."
    claims = claims_of(text)
    assert {claims[f"{n:,}"]["population"] for n in (total, dead, wounded)} == {"combatants"}
    text = f"The villagers suffered {total:,} casualties – {dead:,} dead and {wounded:,} wounded."
    assert claims_of(text)[f"{total:,}"]["population"] == "all"


# "..., the Military History Blog recalls": recall reports a figure as say does. (Round 28: a kind
# of writing no name describes, "a military history blog", is no claimant: test_round28.py.)
@given(
    source=st.sampled_from(["the Military History Blog", "the parish newsletter", "Amina Diallo"]),
    count=st.integers(min_value=100, max_value=90_000),
)
def test_recalls_names_the_speaker(source, count):
    text = f"On the first day {count:,} people were killed, {source} recalls."
    expected = source.removeprefix("the ").removeprefix("a ")
    assert claims_of(text)[f"{count:,}"]["claimant"] == expected


# "Total: Over 474,000" under a side's dead, wounded, missing and captured sums them: its
# casualties, soldiers when every line summed counted soldiers.
@given(
    numbers=st.lists(st.integers(min_value=100, max_value=90_000), min_size=3, max_size=3),
    total=st.integers(min_value=300_000, max_value=900_000),
    side=st.sampled_from(SIDES),
)
def test_a_sides_total_line_sums_its_casualties(numbers, total, side):
    dead, wounded, taken = numbers
    text = (
        f"Casualties and losses\n{side}:\n{dead:,} dead\n{wounded:,} wounded\n{taken:,} POW\n"
        f"Total: Over {total:,}\n"
    )
    claim = claims_of(text)[f"Over {total:,}"]
    assert (claim["measure"], claim["population"]) == ("casualties", "combatants")


# "30,000 total dead including combatants": the people after "including" are a part of the
# dead, not whom the figure counts.
@given(count=st.integers(min_value=2_000, max_value=90_000))
def test_including_names_a_part_not_the_people_counted(count):
    claims = claims_of(f"In all, {count:,} dead including combatants were counted.")
    assert claims[f"{count:,}"]["population"] == "all"


# A generic name means a claimant only in a text about its country: "the Commission of
# Inquiry" is the UN's on Syria in a text about Syria, not in one about Chad or Guinea.
@given(
    place=st.sampled_from([("Aleppo", "Syria", True), ("N'Djamena", "Chad", False),
                           ("Conakry", "Guinea", False), ("Homs", "Syria", True)]),
    alias=st.sampled_from(["Commission of Inquiry", "UN Commission of Inquiry"]),
    count=st.integers(min_value=2_000, max_value=90_000),
)  # fmt: skip
def test_a_generic_alias_names_a_claimant_only_in_its_country(place, alias, count):
    city, country, syrian = place
    text = (
        f"Fighting in {city}, {country}, went on for months. The {alias} said {count:,} people "
        f"were killed in {country}."
    )
    claimant = claims_of(text)[f"{count:,}"]["claimant"]
    assert (claimant == "UN Commission of Inquiry on Syria") == syrian
    assert claimant is not None


# "police sources spoke of 150 dead": unnamed sources, not the police.
@given(
    owner=st.sampled_from(["police", "security", "military", "hospital"]),
    count=st.integers(min_value=20, max_value=999),
)
def test_sources_of_a_body_are_not_the_body(owner, count):
    text = f"In the first days, {owner} sources spoke of {count} people killed."
    assert claims_of(text)[str(count)]["claimant"] == f"{owner} sources"


# A count inside the subject belongs to it: "the commission of 13 historians led by X said"
# is the commission named before, not "historians"; "the ministry of public health" is no
# count of members.
@given(
    members=st.sampled_from(["13", "twelve", "40"]),
    people=st.sampled_from(["historians", "experts", "jurists"]),
    count=st.integers(min_value=2_000, max_value=90_000),
)
def test_a_count_inside_the_subject_is_part_of_it(members, people, count):
    text = (
        "Up to 95,000 people died, the Valley Historians' Commission concluded. In an interim "
        f"finding, the commission of {members} {people} led by Anna Berg said it had so far "
        f"identified around {count:,} victims."
    )
    assert claims_of(text)[f"around {count:,}"]["claimant"] == "Valley Historians' Commission"


# A part of the people just counted with a fate of its own: "Fourteen others were wounded,
# one of whom later died" counts one dead, not one wounded.
@given(
    wounded=st.integers(min_value=5, max_value=99),
    died=st.integers(min_value=1, max_value=4),
    cue=st.sampled_from(["later died", "subsequently died", "were later killed"]),
)
def test_a_part_with_its_own_fate(wounded, died, cue):
    part = WORDS[died - 1]
    text = f"{wounded} others were wounded, {part} of whom {cue}."
    claims = claims_of(text)
    assert claims[str(wounded)]["measure"] == "injured"
    assert claims[part]["measure"] == "killed"


# Executions and disappearances are counted as the people they name: "1,200 extrajudicial
# executions" are 1,200 killed, "3,400 enforced disappearances" 3,400 missing.
@given(
    adjective=st.sampled_from(["", "extrajudicial ", "summary "]),
    executed=st.integers(min_value=20, max_value=999),
    disappeared=st.integers(min_value=2_000, max_value=9_000),
)
def test_executions_and_disappearances_are_counts(adjective, executed, disappeared):
    text = (
        f"The commission documented {executed} {adjective}executions and {disappeared:,} "
        "enforced disappearances."
    )
    claims = claims_of(text)
    assert claims[str(executed)]["measure"] == "killed"
    assert claims[f"{disappeared:,}"]["measure"] == "missing"


# "The dead are from Nairobi (17), Nakuru (3)": the counts in brackets after each place break
# down the people the subject names.
@given(
    head=st.sampled_from([("dead", "killed"), ("injured", "injured"), ("arrested", "detained")]),
    numbers=st.lists(st.integers(min_value=1, max_value=99), min_size=3, max_size=3, unique=True),
)
def test_counts_in_brackets_after_places_take_the_subjects_measure(head, numbers):
    a, b, c = numbers
    text = f"The {head[0]} are from Nairobi ({a}), Nakuru ({b}) and Kajiado ({c})."
    claims = claims_of(text)
    assert {claims[str(n)]["measure"] for n in numbers} == {head[1]}


# An estimate's measure is the one named last before it: "… 7 million displaced persons …, and
# death estimates range around 500,000, with low estimates at 200,000 and high estimates at
# 1,000,000" are deaths, and "low estimates" and "high estimates" are nobody's names.
@given(
    low=st.integers(min_value=100, max_value=400),
    high=st.integers(min_value=600, max_value=999),
)
def test_an_estimate_takes_the_measure_named_last_and_is_no_speaker(low, high):
    text = (
        "A blog drew on the census of displaced persons: 7,226,000 Muslims went to Pakistan, "
        f"and death estimates range around 500,000, with low estimates at {low},000 and high "
        f"estimates at {high},000."
    )
    claims = claims_of(text)
    for figure in (f"{low},000", f"{high},000"):
        assert claims[figure]["measure"] == "killed"
        assert claims[figure]["claimant"] not in ("low", "high")


# '"Data from our records indicates that 39 people have died," the chair said': data is no
# speaker; the chair is.
@given(count=st.integers(min_value=10, max_value=999))
def test_data_is_no_speaker(count):
    text = f'"Data from our records indicates that {count} people have died," Amina Diallo said.'
    assert claims_of(text)[str(count)]["claimant"] == "Amina Diallo"


# A citation marker may carry the cited page ("killed[1]: 189", "[1]: 166–167"): masked with
# the marker, same length, so no page is read as a count and offsets hold.
@given(
    marker=st.integers(min_value=1, max_value=99),
    first=st.integers(min_value=1, max_value=999),
    span=st.integers(min_value=0, max_value=20),
    count=st.integers(min_value=20, max_value=999),
)
def test_a_citations_page_is_masked_with_it(marker, first, span, count):
    page = f"{first}–{first + span}" if span else str(first)
    text = f"The attack was reported.[{marker}]: {page} Later {count} people were killed."
    masked = mask_citations(text)
    assert len(masked) == len(text)
    assert [q.text for q in find_quantities(masked)] == [str(count)]
    assert mask_citations("killed in 2014 [3]").count("2014") == 1


# "the death toll was probably over 100,000": an adverb between the toll's verb and its
# figure; "may have reached or even exceeded 200,000" is at least 200,000.
@given(
    adverb=st.sampled_from(["probably", "perhaps", "likely"]),
    count=st.integers(min_value=2, max_value=900),
)
def test_a_toll_hedged_by_an_adverb_and_reached_or_exceeded(adverb, count):
    text = f"The death toll was {adverb} over {count},000."
    claim = claims_of(text)[f"over {count},000"]
    assert (claim["measure"], claim["qualifier"]) == ("killed", "more_than")
    text = f"The death total may have reached or even exceeded {count},000 by 1950."
    claim = claims_of(text)[f"{count},000"]
    assert (claim["qualifier"], claim["low"], claim["high"]) == (
        "at_least",
        count * 1000,
        None,
    )


# A people's name the same in the plural closes a list's item ("and 35 Bedouin."): a count of
# those people with the list's measure, not of the item before; "419,000 British and" is no
# people's name.
@given(
    numbers=st.lists(st.integers(min_value=10, max_value=999), min_size=3, max_size=3, unique=True),
    name=st.sampled_from(["Bedouin", "Kikuyu", "Hmong"]),
)
def test_a_peoples_name_closes_a_list_item(numbers, name):
    a, b, c = numbers
    text = f"The monitor counted 2,311 dead: among them {a} fighters, {b} soldiers and {c} {name}."
    claim = claims_of(text)[str(c)]
    assert (claim["measure"], claim["population"]) == ("killed", "all")


# Two peoples joined after a toll's figure share a population only if both have it: "the
# death toll was between 2,800 and 6,000 civilians and prisoners of war" counts all.
@given(
    low=st.integers(min_value=100, max_value=2_000),
    joined=st.sampled_from(
        [("civilians and prisoners of war", "all"), ("soldiers and policemen", "combatants")]
    ),
)
def test_two_peoples_after_a_toll_figure(low, joined):
    text = f"The estimated death toll was between {low:,} and {low + 3_000:,} {joined[0]}."
    claim = claims_of(text)[f"between {low:,} and {low + 3_000:,}"]
    assert claim["population"] == joined[1]


# In the losses, a line of other estimates of the war's dead is no side's fighters.
@given(
    side=st.integers(min_value=100, max_value=999),
    total=st.integers(min_value=2, max_value=99),
    high=st.integers(min_value=100, max_value=999),
)
def test_other_estimates_in_the_losses_are_no_sides(side, total, high):
    text = (
        f"Casualties and losses\n{side} soldiers killed\n{total},000 total dead\n"
        f"Other estimates reach as high as {high},000\n"
    )
    claims = claims_of(text)
    assert claims[str(side)]["population"] == "combatants"
    assert claims[f"as high as {high},000"]["population"] == "all"
