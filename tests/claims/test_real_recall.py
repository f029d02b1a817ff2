"""What is counted and how, on real published sentences (tests/claims/dev2/ holds their sources).

Each case was missed or misread before its mechanism was built (round 2 of issue #18).
"""

from __future__ import annotations

import pytest

from recount.claims.extraction import claim_records


def claims_of(text: str) -> list[tuple]:
    return [
        (c["quantity_text"], c["measure"], c["population"], c["qualifier"], c["context"])
        for c in claim_records(text, outlet="Wire", date="2024-10-01")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # Wikipedia infobox, labels glued to values
            "DeathsAbout 5,000 Yazidis killed by ISIL, according to the United Nations",
            [("About 5,000", "killed", "all", "about", "asserted")],
        ),
        (
            "Deaths25,000–43,000",
            [("25,000–43,000", "killed", "all", "range", "asserted")],
        ),
        (  # AAPP summary: a breakdown between dashes
            "It added that, by its records, 108 people — eight women and 100 men — were killed in "
            "prisons.",
            [
                ("108", "killed", "all", None, "asserted"),
                ("eight", "killed", "women", None, "asserted"),
                ("100", "killed", "all", None, "asserted"),
            ],
        ),
        (  # "of whom" after the number
            "The junta has arrested 27,702 people; 21,145 remain in detention, 9,532 of whom are "
            "serving sentences.",
            [
                ("27,702", "detained", "all", None, "asserted"),
                ("21,145", "detained", "all", None, "asserted"),
                ("9,532", "detained", "all", None, "asserted"),
            ],
        ),
        (  # the population as a predicate after a total
            "The report says that of 218,094 dead it counted, 177,307 were civilians and 40,787 "
            "were combatants.",
            [
                ("218,094", "killed", "all", None, "asserted"),
                ("177,307", "killed", "civilians", None, "asserted"),
                ("40,787", "killed", "combatants", None, "asserted"),
            ],
        ),
        (  # coordinated figures with a source each
            "For the 50-day war of 2014, the Palestinian toll was 2,310 according to the Ministry "
            "of Health, 2,251 according to the UN and 2,125 according to an Israeli government "
            "investigation.",
            [
                ("2,310", "killed", "all", None, "asserted"),
                ("2,251", "killed", "all", None, "asserted"),
                ("2,125", "killed", "all", None, "asserted"),
            ],
        ),
        (  # a figure compared within the same war, after a place of its own
            "An estimated 550 civilians died in Boko Haram attacks in 2016, compared with almost "
            "3,500 in 2015.",
            [
                ("An estimated 550", "killed", "civilians", "about", "asserted"),
                ("almost 3,500", "killed", "civilians", "nearly", "asserted"),
            ],
        ),
        (  # "more than 220" qualifies, it compares nothing; hostages taken
            "Some 1,400 Israelis, most of them civilians, were killed in the Hamas raid on southern "
            "Israel on 7 October, and more than 220 others were taken to Gaza as hostages.",
            [
                ("Some 1,400", "killed", "all", "about", "asserted"),
                ("more than 220", "abducted", "all", "more_than", "asserted"),
            ],
        ),
        (
            "Most of the casualties are civilians, and 312 health workers are among the dead, it "
            "added.",
            [("312", "killed", "all", None, "asserted")],
        ),
        (  # bodies never identified are the dead
            "In 2012 the National Human Rights Commission said some 16,000 bodies found during the "
            "drug war had never been identified.",
            [("some 16,000", "killed", "all", "about", "asserted")],
        ),
        (
            'The Israel Defense Forces say they have "eliminated over 17,000 terrorists".',
            [("over 17,000", "killed", "combatants", "more_than", "asserted")],
        ),
        (  # "estimated" as the subject's verb is no qualifier
            "Using a capture-recapture analysis, the authors estimated 64 260 deaths (95% CI "
            "55 298–78 525) from traumatic injury.",
            [("64 260", "killed", "all", None, "asserted")],
        ),
        (
            "The estimated number kidnapped is 6,800 (95% CI 4,200–10,800).",
            [("6,800", "abducted", "all", "about", "asserted")],
        ),
        (
            "The commission said that the full number of dead, counting those never reported, "
            "could reach 800,000.",
            [("800,000", "killed", "all", "up_to", "hypothetical")],
        ),
        (  # a hedge on the speaker's judgement is no hypothesis
            '"We would conclude that at least half a million persons were killed in the '
            'genocide," the report said.',
            [("at least half a million", "killed", "all", "at_least", "asserted")],
        ),
        (
            "other reported estimates reaching numbers as high as 600,000 killed.",
            [("as high as 600,000", "killed", "all", "up_to", "asserted")],
        ),
    ],
)
def test_what_is_counted(text, expected):
    assert claims_of(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        '"For every combatant killed, four civilians died," the report states.',  # a ratio
        "a commission created by the government under the 2011 victims' law.",  # a law's year
        "Of the 1,200 bodies identified so far, 300 were women.",  # identifications
    ],
)
def test_not_counts_of_people(text):
    assert claims_of(text) == []


def test_a_claim_without_a_place_is_about_the_country_the_text_is_about():
    text = (
        "Colombia's internal armed conflict has killed at least 220,000 people since 1958.\n"
        "It also counts more than 25,000 people forcibly disappeared.\n"
        "Turkey hosts 3.6 million refugees."
    )
    places = [c["place_code"] for c in claim_records(text, date="2013-07-25")]
    assert places == ["CO", "CO", None]  # a place as the subject is the host, not the scope


def test_a_table_row_says_who_is_counted_who_says_so_and_when():
    # Wikipedia, Casualties of the Tigray war (table as the stored copy keeps it)
    text = (
        "Breakdown | Estimated & claimed casualties | Time period | Source |\n"
        "---|---|---|---|\n"
        "Civilians | 52,000+ killed | 3 November 2020 – 2 February 2021 | Tigrayan opposition "
        "parties [12] |\n"
        "Military (all sides) | 100,000+ killed | 3 November 2020 – 16 February 2021 | TPLF [13] |\n"
        "100,000 killed | September 2022 – October 2022 | Kjetil Tronvoll [16] | |\n"
        "TPLF allied forces | 5,600+ killed, 2,300 wounded | 3 November 2020 – c. September 2021 "
        "[a] | ENDF [10] |\n"
    )
    got = [
        (c["quantity_text"], c["measure"], c["population"], c["claimant"], str(c["period_end"]))
        for c in claim_records(text, outlet="Wikipedia", date="2024-01-01")
    ]
    assert got == [
        ("52,000+", "killed", "civilians", "Tigrayan opposition parties", "2021-02-02"),
        ("100,000+", "killed", "combatants", "TPLF", "2021-02-16"),
        ("100,000", "killed", "combatants", "Kjetil Tronvoll", "2022-10-31"),
        ("5,600+", "killed", "combatants", "ENDF", "2021-09-30"),
        ("2,300", "injured", "combatants", "ENDF", "2021-09-30"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Direct combat deaths account for around 150,000, the agency said.",
            [("around 150,000", "killed", "all", "about", "asserted")],
        ),
        (
            "Estimates of the death toll range from 200,000 to 400,000.",
            [("from 200,000 to 400,000", "killed", "all", "range", "asserted")],
        ),
        (
            "Some 8,100 Bosniak men and boys were killed at Srebrenica in July 1995.",
            [("Some 8,100", "killed", "all", "about", "asserted")],
        ),
        (
            "More than 500,000 internally displaced persons (IDPs) live in camps.",
            [("More than 500,000", "displaced", "all", "more_than", "asserted")],
        ),
        (
            "Forty-two people were hospitalised with injuries after the attack.",
            [("Forty-two", "injured", "all", None, "asserted")],
        ),
    ],
)
def test_common_wordings(text, expected):
    assert claims_of(text) == expected


def test_the_figure_and_that_range_count_whom_the_figure_before_counted():
    # issue #18 and the Ghent summary: an anaphoric toll noun takes the population before it
    got = claims_of(
        "The US-led coalition acknowledges responsibility for only 326 civilian deaths, while "
        "Airwars puts the figure at more than 1,400."
    )
    assert [c[2] for c in got] == ["civilians", "civilians"]
    got = claims_of(
        "In January 2023 it put civilian deaths in Tigray at 518,000 on average, within a range "
        "of 311,000 to 808,000; in May 2023 it lowered that range to between 162,000 and 378,000."
    )
    assert [(c[0], c[1], c[2]) for c in got] == [
        ("518,000", "killed", "civilians"),
        ("311,000 to 808,000", "killed", "civilians"),
        ("between 162,000 and 378,000", "killed", "civilians"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [  # measures the text names together, in any order and tense
        (
            "More than 2,000 Serbs and 500 Roma were killed or went missing after the war.",
            [
                ("More than 2,000", "killed_or_missing", "all", "more_than", "asserted"),
                ("500", "killed_or_missing", "all", None, "asserted"),
            ],
        ),
        (
            "The toll of killed and missing stands at 13,535.",
            [("13,535", "killed_or_missing", "all", None, "asserted")],
        ),
        (
            "The commission documented 69,280 victims of killings and forced disappearances.",
            [("69,280", "killed_or_missing", "all", None, "asserted")],
        ),
        (
            "It recorded 10,000 missing or dead civilians.",
            [("10,000", "killed_or_missing", "civilians", None, "asserted")],
        ),
    ],
)
def test_killed_or_missing(text, expected):
    assert claims_of(text) == expected


@pytest.mark.parametrize(
    ("text", "context"),
    [  # a hedged estimate of what is, against a projection of what may come
        ("The number of dead could be as high as 300,000.", "asserted"),
        ("The toll may be closer to 50,000, officials said.", "asserted"),
        ("It is feared that as many as 2,000 people were killed.", "asserted"),
        ("If fighting continues, another 500,000 people could be displaced.", "hypothetical"),
        ("The death toll could rise to 1,000 as rescuers search the rubble.", "hypothetical"),
    ],
)
def test_a_hedge_is_no_hypothesis_a_projection_is(text, context):
    assert [c[4] for c in claims_of(text)] == [context]


@pytest.mark.parametrize(
    ("text", "expected"),
    [  # what is counted, said once and meant again
        (
            "The conflict killed 3,000 people in 2015. In 2016, another 2,500.",
            [
                ("3,000", "killed", "all", None, "asserted"),
                ("2,500", "killed", "all", None, "asserted"),
            ],
        ),
        ("Of the dead, 1,200 were children.", [("1,200", "killed", "children", None, "asserted")]),
        (
            "Civilians accounted for 10,000 of the deaths.",
            [("10,000", "killed", "civilians", None, "asserted")],
        ),
        (
            "Children made up 3,000 of those killed.",
            [("3,000", "killed", "children", None, "asserted")],
        ),
        (
            "Civilian deaths: 5,000. Military deaths: 3,000.",
            [
                ("5,000", "killed", "civilians", None, "asserted"),
                ("3,000", "killed", "combatants", None, "asserted"),
            ],
        ),
        # a short sentence with people of its own starts afresh
        (
            "Some 1,000 people fled. Rwanda is sending 2,000 troops.",
            [
                ("Some 1,000", "displaced", "all", "about", "asserted"),
            ],
        ),
    ],
)
def test_a_measure_said_once(text, expected):
    assert claims_of(text) == expected


def test_layouts_of_un_documents():
    # a noon-briefing list by country, an infobox with a bracketed source, numbered paragraphs
    briefing = (
        "Noon Briefing Highlights\n"
        "Yemen: The Secretary-General condemned an airstrike in Taizz which reportedly killed 20 "
        "civilians.\n"
        "South Sudan: The UN Mission said some 5,000 people had fled fighting in Pajok.\n"
    )
    got = [
        (c["quantity_text"], c["place_code"]) for c in claim_records(briefing, date="2017-07-21")
    ]
    assert got == [("20", "YE"), ("some 5,000", "SS")]
    infobox = "Casualties and losses\nCivilian deaths: 489–528 (HRW)\n"
    (claim,) = claim_records(infobox, outlet="Wikipedia")
    assert (claim["measure"], claim["population"], claim["claimant"]) == (
        "killed",
        "civilians",
        "Human Rights Watch",
    )
    paragraphs = (
        "133. Credible sources have estimated that there could have been as many as 40,000 "
        "civilian deaths.\n134. The Government has claimed that there were no civilian casualties.\n"
    )
    got = [(c["quantity_text"], c["context"]) for c in claim_records(paragraphs)]
    assert got == [("as many as 40,000", "asserted")]  # "could have been": an estimate of the past


def test_killed_wounded_in_a_headline_are_casualties():
    text = "UN: More Than 10,000 Civilians Killed, Wounded in Afghanistan in 2017"
    assert claims_of(text) == [
        ("More Than 10,000", "casualties", "civilians", "more_than", "asserted")
    ]


def test_from_a_year_alone_compares_it_does_not_start_a_period():
    (claim,) = claim_records("The report documented 3,438 deaths, a 9 percent drop from 2016.")
    assert claim["period_start"] is None


def test_a_rate_per_thousand_is_no_count():
    assert (
        claims_of("The survey found a crude mortality rate of 2.2 deaths per 1,000 per month.")
        == []
    )


def test_a_participles_speaker_is_the_sentences_subject():
    (claim,) = claim_records(
        "The Sudanese government rejected the UN figure, saying only 9,000 had died."
    )
    assert claim["claimant"] == "Sudanese government"


def test_another_wars_toll_in_a_relative_clause_is_a_yardstick():
    text = "The war has killed more people than the 1994 genocide in Rwanda, which claimed some 800,000 lives."
    assert claims_of(text) == []
    # but a source in the relative clause speaks: issue #18's Myanmar sentence
    text = "The toll is far higher than the official one given by Myanmar authorities, which said 400 people had died."
    assert [c[0] for c in claims_of(text)] == ["400"]


def test_may_after_a_number_is_the_verb_not_the_month():
    text = "John Holmes told the Security Council that 300,000 may have died."
    assert claims_of(text) == [("300,000", "killed", "all", None, "asserted")]
    assert claims_of("Fighting resumed on 15 May in the north.") == []


def test_earlier_estimates_and_the_territorys_ministry():
    (claim,) = claim_records("Previous estimates had put the toll at around 30,000.")
    assert claim["claimant"] == "Previous estimates"
    text = (
        "Israeli strikes on Gaza continued on Sunday.\n"
        "The territory's Health Ministry said at least 330 people were killed."
    )
    (claim,) = claim_records(text)
    assert claim["claimant"] == "Gaza Ministry of Health"


def test_disappearances_are_the_missing():
    text = "The conflict resulted in an estimated 200,000 deaths and 45,000 disappearances."
    assert [c[:2] for c in claims_of(text)] == [
        ("an estimated 200,000", "killed"),
        ("45,000", "missing"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The violence has left more than 1,000 people dead and 5,000 homeless.",
            [
                ("more than 1,000", "killed", "all", "more_than", "asserted"),
                ("5,000", "displaced", "all", None, "asserted"),
            ],
        ),
        (
            "More than 3,000 people have been arbitrarily detained since the coup.",
            [("More than 3,000", "detained", "all", "more_than", "asserted")],
        ),
        (
            "The militia abducted 276 schoolgirls from Chibok.",
            [("276", "abducted", "children", None, "asserted")],
        ),
    ],
)
def test_more_wordings(text, expected):
    assert claims_of(text) == expected


def test_a_passive_without_its_agent_names_no_one():
    (claim,) = claim_records("Some 70 bodies were found in a mass grave.", outlet="Wire")
    assert (claim["claimant"], claim["attributed"]) == ("Wire", False)


def test_one_in_five_is_a_fraction():
    assert claims_of("One in five of the dead were children.") == []
    assert [c[0] for c in claims_of("Five people were killed in two attacks.")] == ["Five"]


def test_a_wire_story_breaks_its_toll_down():
    # written for these tests in the shape of a wire story on a rights group's report
    text = (
        "BELGRADE, Oct 6 (AFP) - A Serbian rights group said Tuesday that 13,535 people were "
        "killed or went missing during the 1998-1999 Kosovo conflict.\n"
        "The Humanitarian Law Center (HLC) said its database lists 10,812 Albanians, 2,197 Serbs "
        "and 526 Roma, Bosniaks and others.\n"
        '"These are the names of real people," HLC director Natasa Kandic told reporters.\n'
        "Of the total, 9,260 were civilians, the group said.\n"
        "Earlier estimates by NATO had put the number of ethnic Albanians killed at 10,000.\n"
    )
    got = [
        (c["quantity_text"], c["measure"], c["population"], c["claimant"], c["place_code"])
        for c in claim_records(text, outlet="AFP", date="2009-10-06")
    ]
    hlc = "Humanitarian Law Center"
    assert got == [
        ("13,535", "killed_or_missing", "all", "Serbian rights group", "XK"),
        ("10,812", "killed_or_missing", "all", hlc, "XK"),
        ("2,197", "killed_or_missing", "all", hlc, "XK"),
        ("526", "killed_or_missing", "all", hlc, "XK"),
        ("9,260", "killed_or_missing", "civilians", hlc, "XK"),
        ("10,000", "killed", "all", "NATO", "XK"),
    ]
    first = claim_records(text, outlet="AFP", date="2009-10-06")[0]
    assert (str(first["period_start"]), str(first["period_end"])) == ("1998-01-01", "1999-12-31")
