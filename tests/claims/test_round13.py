"""Mechanisms of round 13 of issue #18 (a report's credit in its header, …), on text written
for these tests in the constructions of real reporting."""

from __future__ import annotations

from functools import partial

from claims_reading import claims_by
from hypothesis import given
from hypothesis import strategies as st

from recount.claims.extraction import claim_records

OUTLET = "Wire"


claims_of = partial(claims_by, outlet=OUTLET, date="2024-10-01")


# A report's credit in brackets before the dash that opens its paragraph names whose report the
# text is, not who counted: the figure keeps the source its own sentence gives, or the outlet.
@given(
    credit=st.sampled_from(
        [
            "AFP",
            "a summary of an Agence France-Presse report",
            "AP, as reported by The Guardian",
            "summary of reports by Latin Post and teleSUR",
        ]
    ),
    dash=st.sampled_from(["-", "–", "—"]),
    count=st.integers(20, 90_000),
)
def test_a_report_credit_in_the_header_is_not_the_claimant(credit, dash, count):
    lede = f"AUCKLAND, 9 March 1998 ({credit}) {dash} "
    said = claims_of(f"{lede}Around {count:,} people died in the war, according to a survey.")
    assert said[f"Around {count:,}"]["claimant"] == "survey"
    unsaid = claims_of(f"{lede}At least {count:,} people were killed in the fighting.")
    assert unsaid[f"At least {count:,}"]["claimant"] == OUTLET


# An infobox credits a side's figures in brackets after them ("(Eritrean claim)"), on the line
# under them, or in a label at the line's head ("Vietnamese estimate:", "Claimed by China:"): a
# country's adjective names its state, by the country's name; other words are kept as written.
@given(
    first=st.integers(1_000, 40_000),
    second=st.integers(50_000, 90_000),
    side=st.sampled_from(
        [("Eritrean", "Eritrea"), ("Ethiopian", "Ethiopia"), ("Chinese", "China")]
    ),
    other=st.sampled_from([("other", "other estimates"), ("Western", "Western estimate")]),
)
def test_an_infobox_credits_each_side_its_own_figures(first, second, side, other):
    adjective, country = side
    word, phrase = other
    kind = "estimates" if word == "other" else "estimate"
    one_line = claims_of(
        f"Casualties and losses\n{first:,} killed ({adjective} claim) "
        f"{second:,} killed ({word} {kind}) |\n"
    )
    assert one_line[f"{first:,}"]["claimant"] == country
    assert one_line[f"{second:,}"]["claimant"] == phrase
    under = claims_of(
        f"Casualties and losses\n{first:,} killed\n({adjective} claim)\n"
        f"{second:,} killed\n(Ethiopian clandestine opposition claim)\n"
    )
    assert under[f"{first:,}"]["claimant"] == country
    assert under[f"{second:,}"]["claimant"] == "Ethiopian clandestine opposition"
    head = claims_of(
        f"Casualties and losses\n\n{adjective} estimate: {first:,} killed, {second:,} wounded.\n\n"
        f"Unknown, estimated nearly {second:,} killed.\n"
    )
    assert head[f"{first:,}"]["claimant"] == head[f"{second:,}"]["claimant"] == country
    assert head[f"nearly {second:,}"]["claimant"] == OUTLET


# A country's name is nobody's surname, and a name does not run across lines: an infobox lists
# its commanders as "Vietnam Đàm Quang Trung" lines before the losses.
@given(count=st.integers(1_000, 90_000))
def test_a_country_claimant_is_not_expanded_into_a_commander_s_name(count):
    text = (
        "Commanders and leaders\nChina Yang Dezhi\nVietnam Đàm Quang Trung\nVietnam Vũ Lập\n"
        f"Casualties and losses\n\nVietnamese estimate: {count:,} casualties.\n"
        f"Claimed by China: {count + 7:,} killed.\n"
    )
    claims = claims_of(text)
    assert claims[f"{count:,}"]["claimant"] == "Vietnam"
    assert claims[f"{count + 7:,}"]["claimant"] == "China"


# A person's name keeps its particles ("Charles de Gaulle", "Mark van der Berg"), a title keeps a
# surname that needs it ("General de Gaulle"), and a professor's title is not part of the name
# (a doctor's is kept, as the project's corpus labels it).
@given(
    count=st.integers(1_000, 900_000),
    speaker=st.sampled_from(
        [
            ("Charles de Gaulle said", "Charles de Gaulle"),
            ("General de Gaulle spoke of", "General de Gaulle"),
            ("Mark van der Berg estimated that", "Mark van der Berg"),
            ("According to Prof. Kim Dong-Choon,", "Kim Dong-Choon"),
            ("Professor Ali bin Hassan said", "Ali bin Hassan"),
            ("Dr Ahmed Khalil said", "Dr Ahmed Khalil"),
        ]
    ),
)
def test_a_speaker_s_name_keeps_its_particles(count, speaker):
    words, name = speaker
    claims = claims_of(f"{words} {count:,} people were killed in the war.")
    assert claims[f"{count:,}"]["claimant"] == name


# "others estimate 200,000": unnamed sources for their own clause; the figure before them keeps
# its source, and the speaker of the paragraph goes on after them.
@given(first=st.integers(100, 40_000), second=st.integers(50_000, 90_000))
def test_others_own_only_their_clause(first, second):
    claims = claims_of(
        f"According to Prof. Kim Dong-Choon, at least {first:,} people were executed; "
        f"others estimate {second:,} deaths."
    )
    assert claims[f"at least {first:,}"]["claimant"] == "Kim Dong-Choon"
    assert claims[f"{second:,}"]["claimant"] == OUTLET
    listed = claims_of(
        f"Fatalities: {first:,} according to the U.S. Army, others estimate more than "
        f"{second:,} killed."
    )
    assert listed[f"{first:,}"]["claimant"] != OUTLET
    assert listed[f"more than {second:,}"]["claimant"] == OUTLET


# Quotations keep their language: the measure words and people of French, Spanish, Portuguese,
# Italian and German after the figure, a French range "A à B", "+ de", and "mil"/"mila" as
# thousands.
@given(
    count=st.integers(2, 900),
    said=st.sampled_from(
        [
            ("{n} 500 militaires tués", "killed", "combatants", 500),
            ("{n} muertos o desaparecidos", "killed_or_missing", "all", 0),
            ("{n} mil pessoas deslocadas", "displaced", "all", 0),
            ("{n} mila morti", "killed", "all", 0),
            ("{n} Verletzte", "injured", "all", 0),
            ("{n} personnes disparues", "missing", "all", 0),
        ]
    ),
)
def test_measure_words_of_quoted_languages(count, said):
    phrase, measure, population, extra = said
    text = f'The newspaper wrote of "{phrase.format(n=count)}" in the region.'
    (claim,) = claim_records(text, outlet=OUTLET, date="2024-10-01")
    assert (claim["measure"], claim["population"]) == (measure, population)
    scale = 1_000 if " 500 " in phrase or " mil" in phrase else 1
    assert claim["value"] == count * scale + extra


@given(low=st.integers(100, 400), high=st.integers(500, 900))
def test_a_french_range_and_more_than(low, high):
    text = f'Historians arrive at "une fourchette de {low} 000 à {high} 000 victimes".'
    (claim,) = claim_records(text, outlet=OUTLET, date="2024-10-01")
    assert (claim["low"], claim["high"], claim["qualifier"]) == (low * 1_000, high * 1_000, "range")
    text = f'Estimates run to "+ de {low} 000 personnes tuées".'
    (claim,) = claim_records(text, outlet=OUTLET, date="2024-10-01")
    assert (claim["low"], claim["qualifier"], claim["measure"]) == (
        low * 1_000,
        "more_than",
        "killed",
    )


# A range whose ends each repeat what they count: "30,000 killed-57,000 soldiers killed", "from
# 28,000 children to 32,000 children". Two figures apart in a clause's dash stay two, and so do
# the two ends of a rise.
@given(low=st.integers(100, 40_000), step=st.integers(1, 40_000))
def test_a_range_repeating_its_noun_is_one_claim(low, step):
    high = low + step
    (claim,) = claim_records(
        f"Chinese estimate: {low:,} killed[8]-{high:,} soldiers killed.",
        outlet=OUTLET,
        date="2024-10-01",
    )
    assert (claim["low"], claim["high"], claim["qualifier"]) == (low, high, "range")
    assert claim["population"] == "combatants"
    (claim,) = claim_records(
        f"The census counted from {low:,} children to {high:,} children killed.",
        outlet=OUTLET,
        date="2024-10-01",
    )
    assert (claim["low"], claim["high"], claim["population"]) == (low, high, "children")
    apart = claim_records(
        f"They killed {low:,} soldiers - {high:,} soldiers died later.", outlet=OUTLET
    )
    assert [c["value"] for c in apart] == [low, high]
    rise = claim_records(f"The toll rose from {low:,} killed to {high:,} killed.", outlet=OUTLET)
    assert [c["value"] for c in rise] == [low, high]  # a rise, not a range


# A bare figure coordinated after a counted one takes its measure, also behind the repeated
# preposition: "spoke of 145 000 victims in November 1959 and of 200 000 in November 1960".
@given(first=st.integers(100, 40_000), second=st.integers(50_000, 90_000))
def test_a_coordinated_figure_behind_its_preposition_inherits_the_measure(first, second):
    claims = claims_of(
        f"General de Gaulle spoke of {first:,} victims in November 1959 and of {second:,} in "
        "November 1960."
    )
    assert claims[f"{second:,}"]["measure"] == "killed"
    assert claims[f"{second:,}"]["claimant"] == "General de Gaulle"


# "Among the French civilians of Algeria, 2 788 were killed and 875 disappeared": the people the
# sentence opens on are the people of its counts that name none.
@given(
    first=st.integers(100, 40_000),
    second=st.integers(50_000, 90_000),
    people=st.sampled_from([("civilians", "civilians"), ("children", "children")]),
)
def test_an_opening_among_names_the_people_counted(first, second, people):
    noun, population = people
    claims = claims_of(
        f"Among the French {noun} of Algeria, {first:,} were killed and {second:,} disappeared."
    )
    assert claims[f"{first:,}"]["population"] == claims[f"{second:,}"]["population"] == population
    assert claims[f"{second:,}"]["measure"] == "missing"


# Numbers that count no people: weapons lost under "Casualties and losses" ("4 MiG-29s", "185
# tanks/APCs destroyed"), a model's number, a population, a margin of error, kinds of deaths,
# payments to victims.
@given(count=st.integers(2, 900), people=st.integers(1_000, 9_000))
def test_numbers_that_count_no_people(count, people):
    lines = (
        f"Casualties and losses\n{count} MiG-29s\n1 Aermacchi MB-339\n{count}+ Mi-35s\n"
        f"{count} tanks/APCs destroyed\n{count} artillery pieces destroyed\n"
        f"{people:,} soldiers killed\n"
    )
    assert [c["value"] for c in claim_records(lines, outlet=OUTLET)] == [people]
    text = (
        f"The island's population is estimated at {people * 20:,}. At least {people:,} "
        f"(+/- {count:,}) Timorese died. The deaths are of two kinds. The commission paid "
        f"urgent reparations to {count} victims."
    )
    assert [c["value"] for c in claim_records(text, outlet=OUTLET)] == [people]


# "lists", "counted", "named" carry the previous count's measure to people named as people and
# to a bare total before its breakdown, not to whatever else the sentence counts.
@given(total=st.integers(300, 900), agents=st.integers(10, 299))
def test_a_listing_verb_carries_the_measure_to_people_only(total, agents):
    text = (
        f"The commission's list of {total} dead and disappeared was published. It named "
        f"{agents} state agents as responsible, after two years of work with hundreds of "
        "interviews."
    )
    assert [c["value"] for c in claim_records(text, outlet=OUTLET)] == [total]
    text = (
        f"Police reported {total + 20} deaths. The rights division of the Conference counted "
        f"{total} — {total - 200} civilians, 80 security forces personnel and 120 militants."
    )
    values = {c["value"]: c["measure"] for c in claim_records(text, outlet=OUTLET)}
    assert values[total] == values[total - 200] == "killed"


# A writing's author speaks for it: "A report written by X", "a statistical report by the
# Benetech Human Rights Data Analysis Group" (the body the gazetteer knows, its descriptor left
# out), also under a report's credit; a title in apposition names its holder.
@given(count=st.integers(1_000, 90_000))
def test_a_writing_s_author_is_its_claimant(count):
    credit = "(a summary of pages of the Human Rights Data Analysis Group, 2006) - "
    claims = claims_of(
        f"{credit}A statistical report by the Benetech Human Rights Data Analysis Group (HRDAG) "
        f"for the Commission (CAVR) established that at least {count:,} Timorese died."
    )
    assert claims[f"at least {count:,}"]["claimant"] == "Human Rights Data Analysis Group"
    claims = claims_of(
        "A report written by Australia's then Foreign Minister, Alexander Downer, and his "
        f"department estimates that the conflict killed more than {count:,} people."
    )
    assert claims[f"more than {count:,}"]["claimant"] == "Alexander Downer"


# "the toll has been put as high as 20,000", "the execution of more than one hundred thousand
# civilians": a toll put at a figure, executions counted as the dead.
@given(count=st.integers(1_000, 90_000))
def test_a_toll_put_as_high_as_and_executions_of(count):
    (claim,) = claim_records(f"At times the toll has been put as high as {count:,}.", outlet=OUTLET)
    assert (claim["measure"], claim["high"], claim["qualifier"]) == ("killed", count, "up_to")
    (claim,) = claim_records(
        f"The government ordered the execution of more than {count:,} civilians.", outlet=OUTLET
    )
    assert (claim["measure"], claim["population"], claim["low"]) == ("killed", "civilians", count)


# A headline's country ("South Korea confirms nearly 5,000 wartime executions") stands for the
# body the text has speak for it ("…, a government commission said").
@given(count=st.integers(1_000, 9_000))
def test_a_headline_s_country_takes_the_body_s_claimant(count):
    text = (
        f"South Korea confirms nearly {count:,} wartime executions\n\n"
        f"SEOUL (AP) - Soldiers and police executed nearly {count:,} citizens in the first "
        "months of the war, a government commission said on Thursday.\n"
    )
    claimants = [c["claimant"] for c in claim_records(text, outlet=OUTLET)]
    assert claimants == ["government commission", "government commission"]


# "210 who are still considered disappeared", "30 people were declared dead": what they are
# held to be is their measure, not the list item's before them; "the commission's list of 434
# dead" is the commission's.
@given(first=st.integers(100, 400), second=st.integers(500, 900))
def test_people_considered_missing_and_a_list_s_owner(first, second):
    claims = claims_of(
        f"The commission's list of {first + second} dead and disappeared breaks down into "
        f"{first} people killed and {second} who are still considered disappeared."
    )
    assert claims[f"{first + second}"]["claimant"] == "commission"
    assert claims[f"{second}"]["measure"] == "missing"
    (claim,) = claim_records(f"About {first} people were declared dead.", outlet=OUTLET)
    assert claim["measure"] == "killed"


# An army that lists its own losses counts its soldiers ("French military authorities listed
# their losses at nearly 25,600 dead … and 65,000 wounded"); militias are fighters; prisoners
# under an infobox's losses are a side's fighters taken.
@given(dead=st.integers(1_000, 30_000), wounded=st.integers(40_000, 90_000))
def test_an_army_s_own_losses_and_prisoners_are_fighters(dead, wounded):
    claims = claims_of(
        f"French military authorities listed their losses at nearly {dead:,} dead and "
        f"{wounded:,} wounded."
    )
    assert claims[f"nearly {dead:,}"]["population"] == "combatants"
    assert claims[f"{wounded:,}"]["population"] == "combatants"
    claims = claims_of(
        f"Casualties and losses\n\nChinese estimate: {wounded:,} militias killed.\n\n"
        f"{dead:,} prisoners[11][12]\n"
    )
    assert claims[f"{wounded:,}"]["population"] == "combatants"
    assert (claims[f"{dead:,}"]["measure"], claims[f"{dead:,}"]["population"]) == (
        "detained",
        "combatants",
    )


# "about 70,000 of the island's roughly 200,000 people had been driven from their homes": the
# share is the claim, the whole a population.
@given(share=st.integers(1_000, 90_000), whole=st.integers(100_000, 900_000))
def test_a_share_of_a_whole_is_the_claim(share, whole):
    text = (
        f"At one point, the report says, about {share:,} of the island's roughly {whole:,} people "
        "had been driven from their homes."
    )
    (claim,) = claim_records(text, outlet=OUTLET)
    assert (claim["measure"], claim["value"]) == ("displaced", share)


# Under an infobox's losses a nation's people ("15,000 to 20,000 Bougainvilleans dead") are
# people, not a side's fighters; a bare count there is the side's fighters.
@given(low=st.integers(1_000, 9_000), step=st.integers(1_000, 9_000))
def test_a_nation_s_people_under_the_losses_are_not_fighters(low, step):
    text = (
        f"Casualties and losses\nApprox. {low:,} to {low + step:,} Bougainvilleans dead |\n"
        f"{low:,} killed |\n"
    )
    populations = [c["population"] for c in claim_records(text, outlet=OUTLET)]
    assert populations == ["all", "combatants"]
