"""Mechanisms of round 3 of issue #18, on sentences written for these tests.

Each mechanism was found on half A of tests/claims/dev3/ (verbatim UN reports,
encyclopedia infoboxes, wire copy); the sentences here are the project's own.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from recount.claims.extraction import claim_records
from recount.claims.numbers import find_quantities


def claims_of(text: str) -> list[tuple]:
    return [
        (c["quantity_text"], c["measure"], c["population"])
        for c in claim_records(text, outlet="Wire", date="2024-10-01")
    ]


# Number forms: a decimal range shares the scale word its second half carries.
@given(
    st.integers(min_value=1, max_value=8),
    st.integers(min_value=0, max_value=999),
    st.integers(min_value=1, max_value=999),
)
def test_a_decimal_range_shares_its_scale(whole, first, step):
    low = whole + first / 1000
    high = low + step / 1000
    low_text, high_text = f"{low:.3f}", f"{high:.3f}"
    for text in (
        f"between {low_text} and {high_text} million",
        f"{low_text} to {high_text} million",
    ):
        (quantity,) = find_quantities(f"They counted {text} people.")
        assert quantity.low == pytest.approx(float(low_text) * 1_000_000)
        assert quantity.high == pytest.approx(float(high_text) * 1_000_000)


@given(st.integers(min_value=1, max_value=99), st.integers(min_value=0, max_value=9))
def test_a_decimal_glued_to_an_infobox_label(whole, tenth):
    (quantity,) = find_quantities(f"Deaths{whole}.{tenth} million")
    assert quantity.low == pytest.approx((whole + tenth / 10) * 1_000_000)


def test_a_glued_capital_word_is_not_a_label():
    assert find_quantities("The MiG29 million") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a topic said once: the breakdown after it counts the same people
            "Between May and June, the mission recorded civilian casualties – 14 deaths and 40 "
            "injuries – in the south.",
            [("14", "killed", "civilians"), ("40", "injured", "civilians")],
        ),
        (
            "Most civilian casualties were caused by mortar fire (9 killed and 22 injured), "
            "followed by air strikes (four killed).",
            [
                ("9", "killed", "civilians"),
                ("22", "injured", "civilians"),
                ("four", "killed", "civilians"),
            ],
        ),
        (
            "The office recorded 50 civilian casualties, including 20 deaths and 30 injuries.",
            [
                ("50", "casualties", "civilians"),
                ("20", "killed", "civilians"),
                ("30", "injured", "civilians"),
            ],
        ),
        (  # ... or after the counts
            "The shelling caused at least five deaths and 12 injuries to civilians.",
            [("at least five", "killed", "civilians"), ("12", "injured", "civilians")],
        ),
        (  # a count that names its own people keeps them
            "In the same month 40 civilian deaths were recorded, and 12 fighters were killed.",
            [("40", "killed", "civilians"), ("12", "killed", "combatants")],
        ),
        (  # a list takes the measure said after its last item
            "The dead were 3 men, two women and one child killed, and 9 men and four children "
            "injured.",
            [
                ("3", "killed", "all"),
                ("two", "killed", "women"),
                ("one", "killed", "children"),
                ("9", "injured", "all"),
                ("four", "injured", "children"),
            ],
        ),
        (
            "The ministry cited 12 civilians, 40 rebels and 9 security forces personnel killed.",
            [
                ("12", "killed", "civilians"),
                ("40", "killed", "combatants"),
                ("9", "killed", "combatants"),
            ],
        ),
        (
            "That year 310 militants and 75 security personnel were killed.",
            [("310", "killed", "combatants"), ("75", "killed", "combatants")],
        ),
        (  # people named by any noun, in a passive clause
            "Officials said 420 smuggling suspects had been killed in raids.",
            [("420", "killed", "all")],
        ),
        (
            "Residents say 30 Civilians Killed & Wounded in the raid",
            [("30", "casualties", "civilians")],
        ),
        (  # a breakdown between spaced hyphens
            "Nine persons - six men and three women - were found dead.",
            [("Nine", "killed", "all"), ("six", "killed", "all"), ("three", "killed", "women")],
        ),
        ("Eleven people were treated for gunshot wounds.", [("Eleven", "injured", "all")]),
        (
            "Some 40,000 people have found shelter in neighbouring countries.",
            [("Some 40,000", "displaced", "all")],
        ),
        (  # "the number" refers to the figure before; a footnote marker is no count
            "In 1990, 800 people died in the clashes; by 1993 the number had fallen to 120. 17/",
            [("800", "killed", "all"), ("120", "killed", "all")],
        ),
        (
            "A total of 3,000 households were surveyed after 40 people were killed.",
            [("40", "killed", "all")],
        ),
    ],
)
def test_what_is_counted(text, expected):
    assert claims_of(text) == expected


def test_an_infobox_losses_section_counts_fighters():
    text = (
        "Strength\n4,000 troops\nCasualties and losses\nNorthland 210+ killed,[4]\n"
        "35 captured[5]\n600 wounded\n90 civilians died\n20,000 evacuated\n\n"
        "The war began when rebels took the north of the country and the army answered it, and "
        "12 people were killed."
    )
    assert claims_of(text) == [
        ("210+", "killed", "combatants"),
        ("35", "detained", "combatants"),
        ("600", "injured", "combatants"),
        ("90", "killed", "civilians"),
        ("20,000", "evacuated", "all"),
        ("12", "killed", "all"),
    ]


def test_a_report_goes_on_counting_whom_and_when_its_total_counts():
    text = (
        "From 1 March to 30 April 2020, the mission documented 45 civilian casualties, "
        "including 15 deaths and 30 injuries.\n"
        "Most deaths and injuries were caused by shelling (9 deaths, 20 injuries).\n"
        "The mission documented 6 deaths and 10 injured in the capital.\n"
        "On 3 May, 12 fighters were killed in an ambush."
    )
    got = [
        (c["quantity_text"], c["measure"], c["population"], c["period_start"], c["period_end"])
        for c in claim_records(text, outlet="Wire", date="2020-06-01")
    ]
    window = ("2020-03-01", "2020-04-30")
    assert [g[:3] for g in got] == [
        ("45", "casualties", "civilians"),
        ("15", "killed", "civilians"),
        ("30", "injured", "civilians"),
        ("9", "killed", "civilians"),
        ("20", "injured", "civilians"),
        ("6", "killed", "civilians"),
        ("10", "injured", "civilians"),
        ("12", "killed", "combatants"),
    ]
    assert all(tuple(str(d)[:10] for d in g[3:]) == window for g in got[:7])
    assert str(got[7][3])[:10] == "2020-05-03"


def test_bare_counts_after_another_kind_of_total_are_not_assumed_civilians():
    text = (
        "The army documented 45 casualties among its soldiers last month.\n"
        "It recorded 6 deaths and 10 injured in the capital."
    )
    got = [(c["quantity_text"], c["population"]) for c in claim_records(text, outlet="Wire")]
    assert got == [("45", "combatants"), ("6", "all"), ("10", "all")]


def claimants_of(text: str) -> list[tuple]:
    return [
        (c["quantity_text"], c["measure"], c["population"], c["claimant"])
        for c in claim_records(text, outlet="Wire")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a descriptive word before a name is not part of it
            "Its rival Morning Herald reported 92 deaths.",
            [("92", "killed", "all", "Morning Herald")],
        ),
        (
            "The rights group Amnesty International said 40 people were killed.",
            [("40", "killed", "all", "Amnesty International")],
        ),
        (  # a dateline before the subject; data supplied by a body are its figures
            "TOWN, 3 March 2012 — Official data supplied by the Ministry of Planning show that "
            "4,000 people were killed.",
            [("4,000", "killed", "all", "Ministry of Planning")],
        ),
        (  # the head of a relative clause speaks, whatever the speech verb
            "The Valley Rights Network, which documents abuses, put the year's killings at 383.",
            [("383", "killed", "all", "Valley Rights Network")],
        ),
        (  # "including N" after a later figure is a part of that figure, not of the toll
            "The agency put the toll at 900 dead, 80 of them civilians, and another 4,000 "
            "wounded, including 200 civilians.",
            [
                ("900", "killed", "all", "agency"),
                ("80", "killed", "civilians", "agency"),
                ("4,000", "injured", "all", "agency"),
                ("200", "injured", "civilians", "agency"),
            ],
        ),
        (
            "There have been 9,000 civilian casualties, with 3,000 deaths, including 200 "
            "children, and 6,000 people injured.",
            [
                ("9,000", "casualties", "civilians", "Wire"),
                ("3,000", "killed", "civilians", "Wire"),
                ("200", "killed", "children", "Wire"),
                ("6,000", "injured", "all", "Wire"),
            ],
        ),
    ],
)
def test_who_says_so_and_parts(text, expected):
    assert claimants_of(text) == expected


def test_a_count_before_a_colon_is_no_clock_time():
    (first, *_) = claimants_of("The network put the toll at 383: 145 civilians and 238 militants.")
    assert first == ("383", "killed", "all", "network")


def test_times_and_footnotes_are_no_counts():
    assert claims_of("At 10:30 the shelling began and 12 people were killed.") == [
        ("12", "killed", "all")
    ]


def test_only_the_reports_author_goes_on_counting_its_people():
    text = (
        "The UN Mission for Northland (UNMN) documented 50 civilian casualties in May.\n"
        "UNMN recorded 12 deaths and 30 injured in the north.\n"
        "On Tuesday, the army said 15 deaths were recorded in the east."
    )
    assert claimants_of(text) == [
        ("50", "casualties", "civilians", "UN Mission for Northland"),
        ("12", "killed", "civilians", "UN Mission for Northland"),
        ("30", "injured", "civilians", "UN Mission for Northland"),
        ("15", "killed", "all", "army"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # the displaced are not the civilians killed beside them
            "Since the coup, at least 900 civilians had been killed, more than 2.1 million "
            "displaced.",
            [
                ("at least 900", "killed", "civilians"),
                ("more than 2.1 million", "displaced", "all"),
            ],
        ),
        (  # a part with no people of its own is of the people of its whole
            "Analysts estimate 50,000 to 60,000 military casualties, including up to 14,000 dead.",
            [
                ("50,000 to 60,000", "casualties", "combatants"),
                ("up to 14,000", "killed", "combatants"),
            ],
        ),
        (  # a scope before a colon: "for civilians:"
            "It was the worst month for civilians in the war: 214 were killed and 640 injured.",
            [("214", "killed", "civilians"), ("640", "injured", "civilians")],
        ),
        (  # victims released are no dead
            "While 40 victims were released, 6 persons were found dead.",
            [("6", "killed", "all")],
        ),
        (
            "A spokesman said 2,050 lives had been lost. Some 300 jobs were lost.",
            [("2,050", "killed", "all")],
        ),
        (
            "The agency says 90,000 people are living as internal refugees.",
            [("90,000", "displaced", "all")],
        ),
        (
            "The number of arrivals has increased daily, reaching 1,700 on Monday.",
            [("1,700", "displaced", "all")],
        ),
        (
            "The mission has documented 120 cases of arbitrary detention.",
            [("120", "detained", "all")],
        ),
    ],
)
def test_people_and_measures_said_once(text, expected):
    assert claims_of(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # an agent after "by" is not who is counted
            "Of the 90 civilian deaths, 40 were allegedly killed by government forces.",
            [("90", "killed", "civilians"), ("40", "killed", "civilians")],
        ),
        (  # a people word before a generic one says who they are
            "The blast killed two civilian men and a soldier.",
            [("two", "killed", "civilians")],
        ),
        (  # "along with" coordinates counts of the same people
            "At least 300 children died, along with 120 injured.",
            [("At least 300", "killed", "children"), ("120", "injured", "children")],
        ),
    ],
)
def test_who_is_counted(text, expected):
    assert claims_of(text) == expected


def test_coordinated_counts_share_their_neighbours_people_not_the_reports():
    text = (
        "The Northland Monitoring Group (NMG) documented 40 civilian casualties in May.\n"
        "NMG recorded 11 men killed and 7 injured, and 9 deaths in the capital."
    )
    assert claims_of(text) == [
        ("40", "casualties", "civilians"),
        ("11", "killed", "all"),
        ("7", "injured", "all"),
        ("9", "killed", "civilians"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a label that names its people
            "Casualties\n\nSoldiers killed: 1,100+\nCivilians killed: 240\nInjured: 3,000+",
            [
                ("1,100+", "killed", "combatants"),
                ("240", "killed", "civilians"),
                ("3,000+", "injured", "all"),
            ],
        ),
        (  # captured people, not captured towns
            "The army killed about 900 rebels and captured 200 others. The rebels captured 3 towns.",
            # "others" under another measure are others of the people just counted (round 18)
            [("about 900", "killed", "combatants"), ("200", "detained", "combatants")],
        ),
        (  # the earlier figure of the same series
            "The mission documented 6,000 civilian deaths in 2022, up from 4,000 the year before.",
            [("6,000", "killed", "civilians"), ("4,000", "killed", "civilians")],
        ),
    ],
)
def test_labels_verbs_and_series(text, expected):
    assert claims_of(text) == expected
