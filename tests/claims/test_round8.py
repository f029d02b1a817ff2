"""Mechanisms of round 8 of issue #18, on sentences written for these tests."""

from __future__ import annotations

from functools import partial

from claims_reading import claims_by
from hypothesis import given
from hypothesis import strategies as st

from recount.claims.numbers import find_quantities

OUTLET = "Wire"


claims_of = partial(claims_by, outlet=OUTLET, date="2024-10-01")


# A count "of them" larger than the part named before it is a share of the whole, not the part.
@given(
    part=st.integers(min_value=2, max_value=400),
    extra=st.integers(min_value=1, max_value=300),
    people=st.sampled_from(["children", "women", "soldiers"]),
)
def test_of_them_larger_than_the_part_counts_the_whole(part, extra, people):
    share = part + extra
    total = share + 500
    text = (
        f"The group said {total:,} protesters were killed, including {part} {people}, "
        f"{share:,} of them in the last week alone."
    )
    claims = claims_of(text)
    assert claims[str(part)]["population"] != "all"
    of_them = claims[f"{share:,}"]
    assert (of_them["measure"], of_them["population"]) == ("killed", "all")


# "The total", like "the number", is the count the sentence is about: it takes its measure; a
# bare "exceed"/"top" after a modal is "more than", and the modal makes it hypothetical.
@given(
    verb=st.sampled_from(["exceed", "top", "surpass", "pass"]),
    toll=st.integers(min_value=100, max_value=900),
    bound=st.integers(min_value=1_000, max_value=90_000),
)
def test_the_total_could_exceed_a_bound(verb, toll, bound):
    text = (
        f"The death toll has risen to {toll}, and the total could {verb} {bound:,}, the group said."
    )
    claim = claims_of(text)[f"{bound:,}"]
    assert (claim["measure"], claim["qualifier"], claim["context"], claim["low"]) == (
        "killed",
        "more_than",
        "hypothetical",
        bound,
    )


# "The town's mayor, Sami Nour, said the total …": a description and the name it describes are
# the subject; what follows the speech verb is its object, never the speaker.
@given(
    role=st.sampled_from(["The town's mayor", "the regional governor", "The camp's director"]),
    name=st.sampled_from(["Sami Nour", "Lina Farouk Aziz", "Omar Al-Rashed"]),
    count=st.integers(min_value=20, max_value=9_999),
)
def test_a_described_name_before_said_is_the_speaker(role, name, count):
    text = (
        f"So far 12 bodies have been recovered; {role}, {name}, said the total recovered "
        f"since July exceeded {count:,}."
    )
    claim = claims_of(text)[f"{count:,}"]
    assert (claim["measure"], claim["claimant"]) == ("killed", name)


# "215 people killed by police and 97 by the rebels": the second count's verb is left out and
# its agent said again; it takes the first count's measure.
@given(
    verb=st.sampled_from(["killed", "abducted", "wounded"]),
    agents=st.sampled_from([("police", "the rebels"), ("the army", "militias")]),
    first=st.integers(min_value=2, max_value=5_000),
    second=st.integers(min_value=2, max_value=5_000),
)
def test_a_second_agent_with_its_verb_left_out_takes_the_measure(verb, agents, first, second):
    text = (
        f"The group counted {first:,} people {verb} by {agents[0]} and {second:,} by {agents[1]}."
    )
    claims = claims_of(text)
    assert claims[f"{second:,}"]["measure"] == claims[f"{first:,}"]["measure"] != "all"


# Who did it is not who is counted: "civilian deaths …, 71 killed by security forces, 29 in
# shelling" are all civilians, whatever people the agents are.
@given(
    agent=st.sampled_from(["Indian security forces", "army soldiers", "armed men"]),
    first=st.integers(min_value=2, max_value=500),
    second=st.integers(min_value=2, max_value=500),
)
def test_the_agent_of_a_killing_is_not_who_is_counted(agent, first, second):
    total = first + second
    text = (
        f"Of the {total:,} civilian deaths reported by local groups, {first} were killed by "
        f"{agent}, and {second} were killed in shelling."
    )
    claims = claims_of(text)
    assert claims[str(first)]["population"] == claims[str(second)]["population"] == "civilians"


# A passive with an adverb between its auxiliary and participle ("were later found") names no
# speaker: the words before it are its subject, not a source.
@given(
    adverb=st.sampled_from(["later", "also", "subsequently", "eventually", "never"]),
    verb=st.sampled_from(["found", "identified", "recorded"]),
    count=st.integers(min_value=100, max_value=9_999),
)
def test_a_passive_with_an_adverb_names_no_speaker(adverb, verb, count):
    text = (
        f"In all {count:,} people disappeared during the violence; 85 of them were {adverb} {verb}."
    )
    claim = claims_of(text)[f"{count:,}"]
    assert (claim["measure"], claim["claimant"]) == ("missing", OUTLET)


# A share of the missing, the abducted or the detained said to be found or freed is no longer
# counted by that measure; a share "found dead" still is a count of deaths or of the missing.
@given(
    event=st.sampled_from(["disappeared", "were abducted", "were detained"]),
    outcome=st.sampled_from(["later found", "since released", "freed", "eventually traced"]),
    count=st.integers(min_value=100, max_value=9_999),
    share=st.integers(min_value=2, max_value=99),
)
def test_a_share_found_or_freed_is_not_counted(event, outcome, count, share):
    text = f"In all {count:,} people {event} during the violence; {share} of them were {outcome}."
    claims = claims_of(text)
    assert f"{count:,}" in claims
    assert str(share) not in claims


# An item's label names whom it counts, but a merchant navy is civilian seafarers, and an
# addend named by its own noun ("86 + 2 Hong Kong laundrymen") is not the label's people.
@given(
    service=st.sampled_from(["Navy", "Marines"]),
    count=st.integers(min_value=100, max_value=9_999),
    added=st.integers(min_value=2, max_value=50),
    noun=st.sampled_from(["Hong Kong laundrymen", "cooks", "Maltese stewards"]),
)
def test_merchant_seafarers_and_named_addends_are_not_the_services(service, count, added, noun):
    text = (
        f"In total 20,000 were killed during the war:\n\n"
        f"  • Northland – 12,000\n"
        f"    • Royal {service} – {count:,} + {added} {noun} (see below)\n"
        f"    • Merchant {service} – 6\n"
    )
    claims = claims_of(text)
    assert claims[f"{count:,}"]["population"] == "combatants"
    assert (claims[str(added)]["measure"], claims[str(added)]["population"]) == ("killed", "all")
    assert (claims["6"]["measure"], claims["6"]["population"]) == ("killed", "all")


# "817 people and more likely at least 1,000 were killed": a hedge after "and" still
# coordinates the two counts, so the first takes the measure said after the second.
@given(
    hedge=st.sampled_from(["more likely", "possibly", "perhaps", "probably", "even"]),
    low=st.integers(min_value=10, max_value=900),
)
def test_counts_joined_by_a_hedged_and_share_the_measure(hedge, low):
    high = low * 2
    text = f"A minimum of {low} people and {hedge} at least {high:,} were killed, the group said."
    claim = claims_of(text)[f"A minimum of {low}"]
    assert (claim["measure"], claim["qualifier"], claim["low"]) == ("killed", "at_least", low)


# An infobox field: a label line opens it, a name line gives the source of the bare counts
# below it, "Source: N killed" does both; prose ends the field.
@given(
    label=st.sampled_from([("Deaths", "killed"), ("Non-fatal injuries", "injured")]),
    first=st.sampled_from(["Human Rights Watch", "National Coalition for Truth"]),
    second=st.sampled_from(["Health Ministry", "Regional Council for Human Rights"]),
    counts=st.lists(st.integers(min_value=2, max_value=9_999), min_size=4, max_size=4, unique=True),
)
def test_an_infobox_field_measures_its_bare_counts_and_names_their_source(
    label, first, second, counts
):
    heading, measure = label
    a, b, c, d = (f"{n:,}" for n in counts)
    text = (
        f"Target\n\nProtesters\n\n{heading}\n\n{first}\n\n{a} civilians\n\n"
        f"{second}: {b} {measure}\n\n{c} civilians\n{d} police officers\n\n"
        "The square was cleared within hours after the security forces moved in at dawn.\n"
    )
    claims = claims_of(text)
    assert (claims[a]["measure"], claims[a]["population"], claims[a]["claimant"]) == (
        measure,
        "civilians",
        first,
    )
    assert (claims[c]["measure"], claims[c]["claimant"]) == (measure, second)
    assert (claims[d]["measure"], claims[d]["population"]) == (measure, "combatants")


# "at least another 93": the qualifier still qualifies the number after "another".
@given(
    qualifier=st.sampled_from([("at least", "at_least"), ("more than", "more_than")]),
    another=st.sampled_from(["another", "a further", "an additional"]),
    count=st.integers(min_value=2, max_value=999_999),
)
def test_a_qualifier_before_another_qualifies_the_count(qualifier, another, count):
    words, normalised = qualifier
    text = f"Security forces killed {words} {another} {count:,} people in Zahedan."
    (quantity,) = find_quantities(text)
    assert (quantity.value, quantity.qualifier) == (count, normalised)
    claim = claims_of(text)[f"{words} {another} {count:,}"]
    assert (claim["measure"], claim["qualifier"], claim["low"]) == ("killed", normalised, count)


# "17,451 had been arrested in 155 cities, among them 540 students": a part is of the last
# count of people before it, not of the cities between; "most of them under 13" is an age.
@given(
    verb=st.sampled_from([("arrested", "detained"), ("abducted", "abducted")]),
    count=st.integers(min_value=1_000, max_value=99_999),
    places=st.integers(min_value=2, max_value=400),
    part=st.integers(min_value=2, max_value=999),
    age=st.integers(min_value=5, max_value=17),
)
def test_a_part_is_of_the_people_counted_and_of_them_under_n_is_an_age(
    verb, count, places, part, age
):
    said, measure = verb
    text = (
        f"The agency said {count:,} demonstrators had been {said} in {places} cities, among "
        f"them at least {part} students, most of them under {age}."
    )
    claims = claims_of(text)
    assert claims[f"at least {part}"]["measure"] == measure
    assert str(places) not in claims
    assert f"under {age}" not in claims


# "a month of protests" is a span of time, not a rate; "a month" alone after a count is one.
@given(
    unit=st.sampled_from(["day", "week", "month", "year"]),
    span=st.sampled_from(["protests", "fighting", "clashes"]),
    count=st.integers(min_value=2, max_value=99_999),
)
def test_a_unit_of_something_is_a_span_not_a_rate(unit, span, count):
    total = claims_of(f"At least {count:,} people have been killed in a {unit} of {span}.")
    rate = claims_of(f"At least {count:,} people have been killed a {unit}, the group said.")
    assert total[f"At least {count:,}"]["rate"] is None
    assert rate[f"At least {count:,}"]["rate"] == unit


# Those who carried out an attack, counted among its dead, are its fighters.
@given(
    noun=st.sampled_from(["attackers", "assailants", "hijackers"]),
    total=st.integers(min_value=100, max_value=999),
    part=st.integers(min_value=2, max_value=99),
)
def test_attackers_are_fighters(noun, total, part):
    claims = claims_of(f"A total of {total} people died, including {part} {noun}.")
    assert (claims[str(part)]["measure"], claims[str(part)]["population"]) == (
        "killed",
        "combatants",
    )


# "Two gunmen killed almost 60 people": a count of people as the verb's object makes the
# count before the verb its subject, the killers, not a count of the killed.
@given(
    killers=st.sampled_from(["gunmen", "attackers", "soldiers"]),
    verb=st.sampled_from(["killed", "wounded", "abducted"]),
    count=st.integers(min_value=10, max_value=999),
)
def test_the_subject_of_a_transitive_count_is_not_counted(killers, verb, count):
    claims = claims_of(f"At the station two {killers} {verb} almost {count} people.")
    assert list(claims) == [f"almost {count}"]


# A body's name goes on through "for", "of", "on" before the words nearest the verb.
@given(
    name=st.sampled_from(
        [
            "General Authority for Research and Identification of Missing Persons",
            "National Office for Research and Documentation of War Victims",
        ]
    ),
    count=st.integers(min_value=2, max_value=9_999),
)
def test_a_long_name_before_said_is_whole(name, count):
    text = f"Last week the {name} said {count:,} bodies had been recovered in the town."
    assert claims_of(text)[f"{count:,}"]["claimant"] == name


# "cost hundreds of Argentine and British lives": adjectives joined by "and" still lead to
# the people counted.
@given(
    first=st.sampled_from(["Argentine", "local", "Iraqi"]),
    second=st.sampled_from(["British", "foreign", "Kurdish"]),
    count=st.integers(min_value=2, max_value=99_999),
)
def test_adjectives_joined_by_and_lead_to_the_people(first, second, count):
    text = f"The war is estimated to have cost {count:,} {first} and {second} lives."
    assert claims_of(text)[f"{count:,}"]["measure"] == "killed"


# "hundreds more on both sides have been wounded": a place phrase between the count and its
# verb, after "more", still leads to the measure.
@given(
    place=st.sampled_from(["on both sides", "in Gaza", "on each side", "in Goma"]),
    verb=st.sampled_from([("wounded", "injured"), ("killed", "killed")]),
    count=st.sampled_from(["Hundreds", "Dozens", "Thousands"]),
)
def test_a_place_after_more_still_leads_to_the_measure(place, verb, count):
    said, measure = verb
    claim = claims_of(f"{count} more {place} have been {said}, officials said.")[count]
    assert claim["measure"] == measure


# "The toll will rise from 952 to 1,180": the new figure is to come, the one it rises from
# stands now.
@given(
    modal=st.sampled_from(["will", "could", "may"]),
    start=st.integers(min_value=100, max_value=900),
    rise=st.integers(min_value=1, max_value=900),
)
def test_a_rise_to_come_starts_from_a_standing_figure(modal, start, rise):
    end = start + rise
    text = f"The official death toll {modal} rise from {start} to {end:,} next month."
    claims = claims_of(text)
    assert (claims[str(start)]["measure"], claims[str(start)]["context"]) == ("killed", "asserted")
    assert (claims[f"{end:,}"]["measure"], claims[f"{end:,}"]["context"]) == (
        "killed",
        "hypothetical",
    )


# "2,800 were killed in Delhi and 3,350 nationwide": a count with only its scope after it is
# the next item of the list; "whilst" opens another source's clause as "while" does.
@given(
    scope=st.sampled_from(["nationwide", "countrywide", "overall", "altogether"]),
    first=st.integers(min_value=100, max_value=2_000),
    extra=st.integers(min_value=1, max_value=2_000),
    link=st.sampled_from(["while", "whilst"]),
)
def test_a_count_with_its_scope_is_listed_and_whilst_opens_a_clause(scope, first, extra, link):
    second = first + extra
    text = (
        f"Government estimates project that about {first:,} people were killed in Delhi and "
        f"{second:,} {scope}, {link} other sources estimate the number of deaths at 9,000."
    )
    claims = claims_of(text)
    assert claims[f"{second:,}"]["measure"] == "killed"
    assert claims[f"{second:,}"]["claimant"] == claims[f"about {first:,}"]["claimant"]
    assert claims[f"{second:,}"]["claimant"] != "other sources"
