"""Mechanisms of round 21 of issue #18 (claimants first: time said inside the subject, one of a
series of updates, a name's verb closing the sentence; then lists and people on the move), on text
written for these tests in the constructions of real reporting."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from recount.claims.extraction import claim_records

OUTLET = "Wire"
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def claim_at(text: str, number: str) -> dict:
    """The claim whose quantity starts with `number`."""
    found = claim_records(text, outlet=OUTLET, date="2025-02-01")
    return next(c for c in found if c["quantity_text"].startswith(number))


# Wire copy puts the time between the subject and its verb: "The Philippines Saturday raised the
# toll", "A report of the Interior Ministry early on Saturday put it at": the time is no part of
# who speaks.
@given(
    day=st.sampled_from(DAYS),
    when=st.sampled_from(["early on {day}", "late on {day}", "{day}"]),
    n=st.integers(20, 9_000),
)
def test_a_time_after_the_subject_is_not_the_speaker(day, when, n):
    text = f"A provisional report of the Interior Ministry {when.format(day=day)} put the toll at {n} killed."
    assert claim_at(text, str(n))["claimant"] == "Interior Ministry"
    text = f"The Philippines {day} raised the official death toll. It now says {n:,} were killed."
    assert claim_at(text, f"{n:,}")["claimant"] == "Philippines"


# "One update put it at 820; a later one gave 1,037": one of a series of updates, with no owner
# of its own, is the source whose count the text just named.
@given(
    first=st.sampled_from(["One update", "The first update", "An early bulletin"]),
    later=st.sampled_from(["a later one", "the next one", "the evening bulletin"]),
    n=st.integers(100, 900),
    m=st.integers(1_000, 5_000),
)
def test_one_of_a_series_of_updates_is_its_sources(first, later, n, m):
    text = (
        "The Interior Ministry's count rose through the day. "
        f"{first} put it at {n} killed; {later} gave {m:,} dead."
    )
    assert claim_at(text, str(n))["claimant"] == "Interior Ministry's"
    assert claim_at(text, f"{m:,}")["claimant"] == "Interior Ministry's"


# "…, the AP reports." closes the sentence with a name and its verb: the name speaks, although
# "the X reports" elsewhere is a noun ("according to the UN reports").
@given(
    name=st.sampled_from(["the AP", "Reuters", "The New York Times"]),
    verb=st.sampled_from(["reports", "estimates", "says"]),
    n=st.integers(20, 9_000),
)
def test_a_name_and_its_verb_closing_the_sentence_speak(name, verb, n):
    text = f"Casualties: {n:,} people confirmed dead as of Friday morning, {name} {verb}."
    claimant = claim_at(text, f"{n:,}")["claimant"]
    assert claimant.lower().removeprefix("the ") == name.lower().removeprefix("the ")


# Quotation marks around a figure alone are the source's words for it: 'reported that "nearly
# 170,000" bodies had been counted', 'the toll is "72,000 collected bodies"'.
@given(
    n=st.integers(1_000, 200_000),
    quoted=st.sampled_from(
        ['that "nearly {n:,}" bodies had been counted', 'the toll was "{n:,} collected bodies"']
    ),
    quote=st.sampled_from([('"', '"'), ("“", "”")]),
)
def test_a_quoted_figure_reads_as_unquoted(n, quoted, quote):
    phrase = quoted.format(n=n).replace('"', quote[0], 1).replace('"', quote[1], 1)
    text = f"The president, René Préval, reported on 27 January {phrase}."
    claim = claim_at(text, "nearly" if "nearly" in quoted else f"{n:,}")
    assert claim["measure"] == "killed"
    assert claim["high"] == n
    assert claim["claimant"] == "René Préval"


# A time between the subject and its verb ("A University of Michigan study in 2010 estimated")
# is no part of the subject, and a named study speaks for who made it.
@given(
    when=st.sampled_from(["in 2010", "in June 2010", "on 3 May", "in early 2011"]),
    n=st.integers(1_000, 200_000),
)
def test_a_time_before_the_verb_leaves_the_subject(when, n):
    text = f"A University of Michigan study {when} estimated about {n:,} deaths."
    assert claim_at(text, "about")["claimant"] == "University of Michigan"


# A line that opens a list ("… gave the deaths by province:") and lines of a label and a bare
# count under it ("Al Haouz 290"): each line is an item, with the heading's measure and source.
@given(
    counts=st.lists(st.integers(1, 900), min_size=2, max_size=6, unique=True),
    separator=st.sampled_from([" ", ": ", " - "]),
)
def test_label_and_count_lines_under_a_heading_are_items(counts, separator):
    places = ["Al Haouz", "Taroudant", "Chichaoua", "Ouarzazate", "Azilal", "Greater Casablanca"]
    lines = [f"{place}{separator}{n}" for place, n in zip(places, counts, strict=False)]
    text = "The interior ministry's spokesman gave the deaths by province:\n" + "\n".join(lines)
    found = claim_records(text, outlet=OUTLET, date="2025-02-01")
    assert sorted(c["value"] for c in found) == sorted(counts)
    assert all(c["measure"] == "killed" for c in found)
    assert all(c["claimant"] != OUTLET for c in found)


# "Of these deaths, Al Haouz province counted 694, Taroudant 347": the opening names the
# measure, and a place that "counted" them is where they are, not who speaks.
@given(
    opening=st.sampled_from(["Of these deaths", "Of the deaths", "Among these fatalities"]),
    n=st.integers(100, 900),
    m=st.integers(10, 99),
)
def test_an_opening_measure_and_a_place_that_counts(opening, n, m):
    text = (
        f"The Interior Ministry reported {n + m + 5} dead. "
        f"{opening}, Al Haouz province counted {n} and Taroudant {m}."
    )
    for number in (str(n), str(m)):
        claim = claim_at(text, number)
        assert claim["measure"] == "killed"
        assert claim["claimant"] == "Interior Ministry"


# Buildings and places counted are no people ("the shootings at two Christchurch mosques"), and a
# toll's noun may stand far from its verb ("The toll from … during Friday prayers has climbed to").
@given(
    building=st.sampled_from(["mosques", "churches", "schools", "villages"]),
    n=st.integers(20, 900),
)
def test_buildings_are_not_counted_and_a_far_toll_noun_holds(building, n):
    text = (
        f"The toll from the shootings at two Christchurch {building} during Friday prayers has "
        f"climbed to {n}, New Zealand police confirmed on Sunday."
    )
    found = claim_records(text, outlet=OUTLET, date="2025-02-01")
    assert [(c["measure"], c["value"]) for c in found] == [("killed", n)]


# People in care for their wounds are the injured: in hospital, in critical condition, in
# intensive care, on admission, discharged, being treated, with limbs amputated.
@given(
    wording=st.sampled_from(
        [
            "remain in hospital",
            "are in critical condition",
            "were in intensive care",
            "are on admission",
            "were discharged on Sunday",
            "are being treated at the city's main hospital",
            "had limbs amputated",
        ]
    ),
    n=st.integers(2, 9_000),
)
def test_people_in_care_are_the_injured(wording, n):
    text = f"{n:,} people {wording}, the health ministry said."
    assert claim_at(text, f"{n:,}")["measure"] == "injured"


# People sheltered away from home: moved into camps, still in the camps, left the island.
@given(
    wording=st.sampled_from(
        ["moved into camps", "are still in the camps", "left the island after the storm"]
    ),
    n=st.integers(1_000, 900_000),
)
def test_people_in_camps_are_displaced(wording, n):
    text = f"The report estimates that {n:,} people {wording}."
    assert claim_at(text, f"{n:,}")["measure"] == "displaced"


# "put the dead at 49 - 41 at the Central Mosque, 7 at Linwood Mosque": a spaced dash opens the
# breakdown of the count before it; "49 - 41" is no range (it would run down).
@given(parts=st.lists(st.integers(1, 60), min_size=2, max_size=3))
def test_a_dash_opens_a_breakdown(parts):
    total = sum(parts) + 1
    places = ["at the Central Mosque", "at Linwood Mosque", "in Christchurch Hospital"]
    items = [f"{n} {place}" for n, place in zip(parts, places, strict=False)]
    breakdown = ", ".join(items[:-1]) + f" and {items[-1]}"
    text = f"An earlier tally on Saturday had put the dead at {total} - {breakdown}."
    found = claim_records(text, outlet=OUTLET, date="2025-02-01")
    assert [c["value"] for c in found] == [total, *parts]
    assert all(c["measure"] == "killed" for c in found)


# A speaker named in apposition just before a verb that closes the sentence: "…, the hospital's
# chief of surgery, Greg Robertson, said."
@given(
    post=st.sampled_from(["the hospital's chief of surgery", "the governor of the region"]),
    name=st.sampled_from(["Greg Robertson", "Ali Musa", "Ana Lima"]),
    n=st.integers(2, 900),
)
def test_a_name_in_apposition_before_a_closing_verb_speaks(post, name, n):
    text = f"At least {n} people died, {post}, {name}, said."
    assert claim_at(text, "At least")["claimant"] == name


# A toll revised down names two counts: "revised the number … from more than 500 to 109",
# "revised the confirmed death toll down from 79" (a range never runs down).
@given(high=st.integers(200, 900), low=st.integers(20, 199))
def test_a_toll_revised_down_names_both_counts(high, low):
    text = (
        "Police have revised the number of people they say were killed "
        f"from more than {high} to {low}."
    )
    found = claim_records(text, outlet=OUTLET, date="2025-02-01")
    assert [(c["low"], c["high"], c["measure"]) for c in found][-1] == (low, low, "killed")
    assert found[0]["low"] == high and found[0]["qualifier"] == "more_than"
    assert all(c["claimant"] == "police" for c in found)


# A time opening the clause before a body in lower case ("on Monday local officials counted"),
# and an age in apposition ("A resident, Nomi Dung, 38, said"), leave the speaker.
@given(
    day=st.sampled_from(DAYS),
    body=st.sampled_from(["local officials", "police", "the authorities"]),
    n=st.integers(20, 900),
    age=st.integers(18, 90),
)
def test_a_time_or_an_age_beside_the_speaker(day, body, n, age):
    text = f"9 March: on {day} {body} counted {n} bodies in the villages."
    assert claim_at(text, str(n))["claimant"] == body.removeprefix("the ")
    text = f"A resident, Nomi Dung, {age}, said her three young children had been killed."
    assert claim_at(text, "three")["claimant"] == "Nomi Dung"


# A timeline's line opened by its date and the report it sums up ("8 March, Daily Trust: …")
# credits that report with the line's figures no clause of their own credits.
@given(
    outlet=st.sampled_from(["Daily Trust", "The Wall Street Journal", "BBC"]),
    n=st.integers(100, 900),
    m=st.integers(20, 99),
)
def test_a_timeline_line_speaks_for_its_report(outlet, n, m):
    text = (
        f"8 March, {outlet}: another {n} people have been reported killed in a night raid; "
        f"another source said over {m} were killed. A mass grave holds more than {m} bodies."
    )
    claims = claim_records(text, outlet=OUTLET, date="2025-02-01")
    name = outlet.removeprefix("The ")
    assert [c["claimant"] for c in claims] == [name, "another source", name]


# "believed to be", "said to have": a passive, with nobody speaking ("most of them believed to be
# Muslims" is no speaker for the dead before it).
@given(n=st.integers(100, 900))
def test_believed_to_be_names_no_speaker(n):
    text = (
        f"The violence in January had left more than {n} dead, most of them believed to be Muslims."
    )
    assert claim_at(text, "more than")["claimant"] == OUTLET


# A count in apposition to the toll it gives: "has the most deaths, 2,838;", "The highest toll
# among the districts, 1,021, was reported from Sindhupalchok".
@given(
    frame=st.sampled_from(
        [
            "Sindhupalchowk district has the most deaths, {n:,}; Kathmandu follows.",
            "The highest toll among the districts, {n:,}, was reported from Sindhupalchok.",
        ]
    ),
    n=st.integers(100, 9_000),
)
def test_a_count_in_apposition_to_its_toll(frame, n):
    assert claim_at(frame.format(n=n), f"{n:,}")["measure"] == "killed"


# Excess deaths said against the usual are a count of deaths, not a comparison: "1,052 more
# people than usual died"; "had put the excess at 1,064".
@given(
    usual=st.sampled_from(["usual", "normal", "expected"]),
    n=st.integers(100, 9_000),
)
def test_excess_deaths_against_the_usual(usual, n):
    text = f"The New York Times had estimated that about {n:,} more people than {usual} died."
    claim = claim_at(text, "about")
    assert (claim["measure"], claim["claimant"]) == ("killed", "New York Times")
    text = f"Penn State researchers had put the excess at {n:,} through 21 November."
    assert claim_at(text, f"{n:,}")["measure"] == "killed"


# "A review by The New York Times of daily mortality data … found": the work's maker speaks,
# however long the subject (and a name is never cut inside a word).
@given(
    work=st.sampled_from(["A review", "An analysis", "A study"]),
    n=st.integers(100, 9_000),
)
def test_the_maker_of_a_work_speaks(work, n):
    text = (
        "SAN JUAN, 9 December 2017 (summary of a New York Times analysis as carried by The "
        f"Columbus Dispatch) - {work} by The New York Times of daily mortality data from Puerto "
        "Rico's vital statistics bureau found that in the 42 days after the hurricane made "
        f"landfall on 20 September, {n:,} people died across the island."
    )
    assert claim_at(text, f"{n:,}")["claimant"] == "New York Times"


# "city administrator Tecson Lim stands by his statement that as many as 10,000 people may have
# died": the person whose statement it is, not the line's label ("Tacloban's estimate:").
@given(
    noun=st.sampled_from(["statement", "estimate", "claim"]),
    n=st.integers(1_000, 20_000),
)
def test_his_statement_is_his(noun, n):
    text = (
        "Tacloban's estimate: city administrator Tecson Lim stands by his "
        f"{noun} that as many as {n:,} people may have died in the city."
    )
    assert claim_at(text, "as many as")["claimant"] == "Tecson Lim"


# "A shipping ministry official said": after an article, an -ing word modifies the noun; it is
# not what the subject is doing ("UNHCR workers monitoring the border say").
@given(
    modifier=st.sampled_from(["shipping", "housing", "mining", "printing"]),
    n=st.integers(2, 900),
)
def test_an_ing_modifier_after_an_article_is_part_of_the_speaker(modifier, n):
    text = f"A {modifier} ministry official said {n} people had been arrested over the disaster."
    assert claim_at(text, str(n))["claimant"] == f"{modifier} ministry official"


# "the inmates said the true number was over 200, Snaprecaps notes": the speaker whose verb
# governs the figure, not the carrier whose verb closes the sentence; a carrier alone speaks.
@given(
    carrier=st.sampled_from(["Snaprecaps notes", "Reuters reports", "the AP said"]),
    n=st.integers(100, 900),
)
def test_a_closing_carrier_yields_to_the_speaker_inside(carrier, n):
    text = f"The inmates said the true number of dead was over {n}, {carrier}."
    assert claim_at(text, "over")["claimant"] == "inmates"
    text = f"The true number of dead was over {n}, {carrier}."
    assert claim_at(text, "over")["claimant"] != "inmates"
