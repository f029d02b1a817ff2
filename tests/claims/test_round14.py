"""Mechanisms of round 14 of issue #18 (a count taking its clause's measure across a list, a
gap or a people's name), on text written for these tests in the constructions of real reporting."""

from __future__ import annotations

from functools import partial

from claims_reading import claims_by
from hypothesis import given
from hypothesis import strategies as st

from recount.claims.extraction import claim_records

OUTLET = "Wire"


claims_of = partial(claims_by, outlet=OUTLET, date="2024-10-01")


# A people's plural name ("Hungarians", "Tibetans", "Azerbaijanis") is a noun of its own: the
# count before it takes the measure of the next count's verb but not that count's soldiers.
@given(
    people=st.sampled_from(["Hungarians", "Tibetans", "Panamanians", "Azerbaijanis", "Israelis"]),
    first=st.integers(100, 9_000),
    second=st.integers(10, 99),
    fighters=st.sampled_from(["Soviet troops", "Red Army soldiers", "U.S. soldiers"]),
    verb=st.sampled_from(["died", "were killed"]),
)
def test_a_peoples_plural_name_keeps_its_own_people(people, first, second, fighters, verb):
    found = claims_of(f"In the autumn, {first:,} {people} and {second} {fighters} {verb}.")
    assert found[f"{first:,}"]["measure"] == "killed"
    assert found[f"{first:,}"]["population"] == "all"
    assert found[str(second)]["population"] == "combatants"


# Adjectives before the first count still share the next count's noun.
def test_adjectives_still_share_the_next_noun():
    found = claims_of("27,000 French and 115,000 British troops died.")
    assert found["27,000"]["population"] == "combatants"
    assert found["27,000"]["measure"] == "killed"


# The clause's subject names what the bracketed counts after each place count, wherever the clause
# stands in its sentence: "Outside the capital, most deaths were in the counties of A (68), B (64)".
@given(
    counts=st.lists(st.integers(2, 999), min_size=2, max_size=4, unique=True),
    head=st.sampled_from(
        [
            ("Outside the capital, most deaths were in the counties of", "killed"),
            ("In the north, the injured were from the districts of", "injured"),
            ("The dead were from", "killed"),
        ]
    ),
)
def test_counts_in_brackets_after_places_take_the_clause_measure(counts, head):
    words, measure = head
    places = ["Arlen", "Bovaro", "Cresk", "Dunmore"]
    items = [f"{place} ({count})" for place, count in zip(places, counts, strict=False)]
    listed = ", ".join(items[:-1]) + f" and {items[-1]}"
    found = claims_of(f"{words} {listed}.")
    for count in counts:
        assert found[str(count)]["measure"] == measure


# Brackets after places count nothing when no measure heads the clause.
def test_brackets_after_places_without_a_measure_count_nothing():
    assert claims_of("The largest towns are Arlen (68,000) and Bovaro (64,000).") == {}


# A count whose verb is left out, its place given with the preposition the count before had,
# takes that count's measure: "2,300 had crossed into Albania and 1,300 into southern Serbia".
@given(
    first=st.integers(500, 9_000),
    second=st.sampled_from(["1,300", "a few hundred more", "about 400"]),
    verb=st.sampled_from(
        [("had crossed into", "into", "displaced"), ("were killed in", "in", "killed")]
    ),
)
def test_a_count_with_its_verb_left_out_takes_the_count_befores_measure(first, second, verb):
    phrase, preposition, measure = verb
    text = (
        f"A spokesman said {first:,} people {phrase} Albania and {second} "
        f"{preposition} southern Serbia."
    )
    found = claims_of(text)
    key = second.removesuffix(" more")
    assert found[key]["measure"] == measure
    assert found[key]["claimant"] == "spokesman"


# A year after "and" is not a count with its verb left out.
def test_a_year_after_and_is_not_a_gapped_count():
    found = claims_of("In 2015, 300 people were killed in Aleppo and 2016 in Homs.")
    assert list(found) == ["300"]


# Initials before a people noun are an adjective like any other: "23 U.S. soldiers died".
@given(count=st.integers(2, 9_000), verb=st.sampled_from(["died", "were killed"]))
def test_initials_before_the_people_counted(count, verb):
    found = claims_of(f"Officials said {count:,} U.S. soldiers {verb} in the invasion.")
    assert found[f"{count:,}"]["measure"] == "killed"
    assert found[f"{count:,}"]["population"] == "combatants"


# The Pentagon speaks for every U.S. war, not for the coalition against the Islamic State only.
@given(
    name=st.sampled_from(["The Pentagon", "The Defense Department", "The Department of Defense"])
)
def test_the_pentagon_is_the_us_department_of_defense(name):
    found = claims_of(f"{name} said 202 civilians were killed in Panama in December 1989.")
    assert found["202"]["claimant"] == "U.S. Department of Defense"


# Quotations keep their own auxiliaries and qualifiers: "134 civils furent tués, à peu près 700
# furent blessés", "744 personas resultaron heridas y 841 fueron detenidas", Swedish "från 131
# till 170 döda civila, 744 skadade".
@given(killed=st.integers(20, 900), hurt=st.integers(2_100, 9_000))  # not a year
def test_quoted_auxiliaries_qualifiers_and_swedish_words(killed, hurt):
    french = claims_of(
        f'The page says: "{killed} civils furent tués, à peu près {hurt} furent blessés".'
    )
    assert french[str(killed)]["measure"] == "killed"
    assert french[str(killed)]["population"] == "civilians"
    assert french[f"à peu près {hurt}"]["measure"] == "injured"
    assert french[f"à peu près {hurt}"]["qualifier"] == "about"
    spanish = claims_of(f'"{hurt} personas resultaron heridas y {killed} fueron detenidas".')
    assert spanish[str(hurt)]["measure"] == "injured"
    assert spanish[str(killed)]["measure"] == "detained"
    swedish = claims_of(f"Förluster\nfrån {killed} till {hurt} döda civila,\n{hurt + 1} skadade\n")
    assert swedish[f"från {killed} till {hurt}"]["low"] == killed
    assert swedish[f"från {killed} till {hurt}"]["population"] == "civilians"
    assert swedish[str(hurt + 1)]["measure"] == "injured"


# A figure given by reference to the count before it: "2,600 dead and as many wounded".
@given(
    count=st.integers(10, 90_000),
    reference=st.sampled_from(
        [
            ("{n} dead and as many wounded", "as many wounded", "injured"),
            ("almeno {n} morti e altrettanti feriti", "altrettanti feriti", "injured"),
            ("{n} killed and a similar number arrested", "a similar number arrested", "detained"),
        ]
    ),
)
def test_a_figure_given_by_reference_to_the_count_before(count, reference):
    pattern, phrase, measure = reference
    found = claims_of("The revolt was put down, leaving " + pattern.format(n=f"{count:,}") + ".")
    assert found[phrase]["measure"] == measure
    assert found[phrase]["low"] == count


# "According to official estimates between 133 and 137 …": the range's "between" is not the
# source's; "High Commissioner X" is the person.
@given(low=st.integers(100, 500), span=st.integers(1, 90))
def test_a_sources_name_stops_before_a_range(low, span):
    text = f"According to official estimates between {low} and {low + span} civilians died."
    found = claims_of(text)
    assert found[f"between {low} and {low + span}"]["claimant"] == "official estimates"


def test_a_commissioners_title_leaves_the_name():
    found = claims_of('"Some 12,000 people have fled," said High Commissioner Ruud Lubbers.')
    assert found["Some 12,000"]["claimant"] == "Ruud Lubbers"


# A heading by source ("Panamanian civilians killed according to:") over one line per source:
# each line's count has the heading's measure and people, and its label is who gives it.
@given(
    counts=st.lists(st.integers(100, 9_000), min_size=2, max_size=3, unique=True),
    heading=st.sampled_from(
        [("Panamanian civilians killed according to:", "killed", "civilians")]
        + [("People displaced according to:", "displaced", "all")]
    ),
)
def test_lines_under_a_heading_by_source_credit_their_labels(counts, heading):
    words, measure, people = heading
    sources = ["Americas Watch", "United Nations", "U.S. military"]
    lines = "\n".join(f"{s}: {c:,}" for s, c in zip(sources, counts, strict=False))
    found = claims_of(f"Casualties and losses\n\n{words}[3]\n{lines}\n\nThe war began in 1989.")
    for source, count in zip(sources, counts, strict=False):
        claim = found[f"{count:,}"]
        assert (claim["measure"], claim["population"]) == (measure, people)
        assert claim["claimant"] in (source, "United Nations")


# "How many people really died? Hundreds, say officials. Thousands, say rights groups.": the
# answers count what the question asks, each in the words of the source after it; a number
# later in the answer's sentence is not an answer.
@given(
    verb=st.sampled_from([("died", "killed"), ("were displaced", "displaced")]),
    speaker=st.sampled_from(["Gen. Manuel Noriega", "the Roman Catholic Church"]),
)
def test_answers_to_a_question_count_what_it_asks(verb, speaker):
    words, measure = verb
    found = claims_of(
        f"Families are still searching. How many people really {words}? Hundreds, say "
        "government officials, the Southern Command, the church and one human rights group. "
        f"Thousands, say several rights groups. Ten thousand, says {speaker}."
    )
    assert found["Hundreds"]["measure"] == measure
    assert found["Hundreds"]["claimant"] == "government officials"
    assert found["Thousands"]["measure"] == measure
    assert found["Ten thousand"]["measure"] == measure
    assert found["Ten thousand"]["claimant"] == speaker.removeprefix("Gen. ").removeprefix("the ")
    assert "one" not in found


# A total counts everyone: the war's total line, a total going on from the civilians' count; a
# side's own total in an infobox still counts its soldiers.
@given(civilians=st.integers(20, 99), low=st.integers(100, 400), total=st.integers(1_000, 9_000))
def test_a_total_counts_everyone_unless_it_sums_a_sides_soldiers(civilians, low, total):
    war = claims_of(
        f"Casualties and losses\nMauritania: {low} soldiers killed\n\n"
        f"Total: {total:,}–{total + 500:,} killed overall\n"
    )
    assert war[f"{total:,}–{total + 500:,}"]["population"] == "all"
    joined = claims_of(
        f"Casualties and losses\n{civilians} Civilians killed, {low} to {low + 100} total dead "
        f"and {total:,} total casualties |\n"
    )
    assert joined[f"{low} to {low + 100}"]["population"] == "all"
    assert joined[f"{total:,}"]["population"] == "all"
    side = claims_of(
        f"Casualties and losses\n{low} dead or missing {total:,} wounded 62 aircraft lost "
        f"{total + 100:,} total casualties |\n"
    )
    assert side[f"{total + 100:,}"]["population"] == "combatants"


# "an estimated 300, 000 displaced": a space typed after the thousands comma; never a list.
@given(thousands=st.integers(1, 999))
def test_a_space_after_the_thousands_comma(thousands):
    found = claims_of(f"The war has displaced an estimated {thousands}, 000 people.")
    assert found[f"an estimated {thousands}, 000"]["value"] == thousands * 1_000
    listed = claims_of(f"Victims were counted in towns 1, 2 and {thousands}: 40 killed.")
    assert all(c["value"] != thousands * 1_000 for c in listed.values())


# People counted as they cross, leave, enter or reach a place, or go into exile, are displaced;
# as they seek care for their wounds, injured. An army crossing, or a count come to a fair, is not.
@given(
    count=st.integers(200, 90_000),
    clause=st.sampled_from(
        [
            ("{n} Albanians from Macedonia entered Kosovo", "displaced"),
            ("more than {n} people have left Macedonia", "displaced"),
            ("{n} people - mostly women and children - have crossed the frontier", "displaced"),
            ("{n} Lao, mostly Hmong, are known to have fled to Thailand", "displaced"),
            ("{n} Tibetans followed the Dalai Lama across the Himalayas into exile", "displaced"),
            ("at least {n} Panamanians sought hospital care for injuries", "injured"),
        ]
    ),
)
def test_people_on_the_move_are_displaced(count, clause):
    words, measure = clause
    text = "Last weekend " + words.format(n=f"{count:,}") + "."
    found = [c for c in claim_records(text, outlet=OUTLET) if c["value"] == count]
    assert [c["measure"] for c in found] == [measure]


def test_armies_and_visitors_moving_are_not_displaced():
    assert claims_of("In 1999, 2,000 came from Rome to the fair.") == {}
    assert claims_of("The 3 tanks entered Kosovo.") == {}


def test_a_daily_crossing_is_a_rate():
    found = claims_of("Workers say about 400 people cross the border daily.")
    assert found["about 400"]["rate"] == "day"


# What the subject is doing is not part of its name: "UNHCR workers monitoring the border say".
@given(task=st.sampled_from(["monitoring that stretch of the border", "working at the crossing"]))
def test_a_participle_after_the_subject_is_not_its_name(task):
    found = claims_of(f"UNHCR workers {task} say about 400 people cross the border daily.")
    assert found["about 400"]["claimant"] == "UNHCR workers"
    citing = claims_of(
        "Latest media reports citing the Gaza health ministry said 5,000 were killed."
    )
    assert citing["5,000"]["claimant"] != "Latest media reports"


# A paragraph's credit names its source and the noun the text calls it by: "(HJEnglish, an
# English-learning site) - … 50,000 wounded, the site says" is HJEnglish's figure.
@given(
    credit=st.sampled_from(
        [("HJEnglish, an English-learning site", "site", "HJEnglish")]
        + [("summary of an episode note of The War Podcast", "episode", "The War Podcast")]
    ),
    count=st.integers(1_000, 90_000),
)
def test_the_noun_a_credit_calls_its_source_by(credit, count):
    words, noun, name = credit
    found = claims_of(f"15 November ({words}) - Gunfire wounded {count:,} people, the {noun} says.")
    assert found[f"{count:,}"]["claimant"] == name


# "several hundred more had crossed", "Thousands more stayed in Austria": more of the count
# before, in its measure, across a clause or a sentence; "four more unmarked graves" count graves.
@given(first=st.integers(1_000, 90_000), more=st.sampled_from(["Several hundred", "Thousands"]))
def test_more_of_the_same_takes_the_measure_before(first, more):
    found = claims_of(
        f"Until 26 May, {first:,} people fled to Yugoslavia. {more} more stayed in Austria only "
        "briefly and were registered by neither."
    )
    assert found[more]["measure"] == "displaced"
    assert found[more]["claimant"] == OUTLET
    graves = claims_of(f"Investigators dug {first:,} bodies from four more unmarked graves.")
    assert "four" not in graves


# A people's name the lexicon does not know, before "go missing", names people, as before "died".
@given(people=st.sampled_from(["Hmong", "Karen", "Montagnards"]), count=st.integers(20, 900))
def test_people_who_go_missing(people, count):
    found = claims_of(f"Activists say {count} {people} went missing inside the country.")
    assert found[str(count)]["measure"] == "missing"
