"""Who a claim belongs to, on real published sentences (tests/claims/dev2/ holds their sources).

Each case failed before its mechanism was built (round 2 of issue #18): the claimant was
cut short, taken from a participle or a title in quotes, left as a pronoun, or not carried
from the source the text had just named.
"""

from __future__ import annotations

import pytest

from recount.claims.extraction import claim_records


def claimants(text: str, outlet: str = "Testwire") -> dict[str, str]:
    """quantity_text -> claimant, for every claim of `text`."""
    return {
        c["quantity_text"]: c["claimant"]
        for c in claim_records(text, outlet=outlet, date="2024-10-01")
    }


@pytest.mark.parametrize(
    ("text", "quantity", "claimant"),
    [
        (  # UN Geneva briefing, 2024-10-01: a name longer than six words, kept whole
            "As of 31 August, the UN Human Rights Monitoring Mission in Ukraine had verified that "
            "conflict-related violence had killed 11,743 civilians and injured 24,614 in Ukraine.",
            "11,743",
            "UN Human Rights Monitoring Mission in Ukraine",
        ),
        (  # Wikipedia, Iraq Body Count project: "Count" inside a proper name is no verb
            "The Iraq Body Count project documents 186,901 – 210,296 violent civilian deaths in "
            "their table.",
            "186,901 – 210,296",
            "Iraq Body Count",
        ),
        (  # Wikipedia, Casualties of the Tigray war: who the researchers are
            "According to researchers at Ghent University in Belgium, the combined impact of "
            "wartime violence and famine had killed an estimated 162,000–378,000 people.",
            "an estimated 162,000–378,000",
            "researchers at Ghent University",
        ),
        (  # a clause subject past its modifiers
            "In March 2022, researchers at Ghent University in Belgium led by the geographer Jan "
            "Nyssen estimated that up to 500,000 people had died from war and famine.",
            "up to 500,000",
            "researchers at Ghent University",
        ),
        (  # Wikipedia, Casualties of the Iraq War: a bracketed source credits its own figure
            "Population-based studies produce estimates ranging from 151,000 violent deaths as of "
            "June 2006 (per the Iraq Family Health Survey) to 1,033,000 excess deaths (per the "
            "2007 Opinion Research Business (ORB) survey).",
            "151,000",
            "Iraq Family Health Survey",
        ),
        (
            "Other survey-based studies find 461,000 total deaths (over 60% of them violent) as "
            "of June 2011 (per PLOS Medicine 2013), and 655,000 total deaths (over 90% of them "
            "violent) as of June 2006 (per the 2006 Lancet study).",
            "655,000",
            "2006 Lancet study",
        ),
        (  # a source noun with a participle and a date before its agent
            "Colombia's internal armed conflict has killed at least 220,000 people since 1958, "
            "according to a report presented on 24 July 2013 by the National Centre for "
            "Historical Memory.",
            "at least 220,000",
            "National Centre for Historical Memory",
        ),
        (  # the head of an appositive description, not the description
            'A government database of "deaths because of criminal rivalry", the only official '
            "count ever published, listed 34,612 such deaths up to the end of 2010.",
            "34,612",
            "government database",
        ),
        (  # a possessor of a figure
            "At the Murambi Technical School a government commission's figure of some 20,000 "
            "dead was later raised by some to 70,000.",
            "some 20,000",
            "government commission",
        ),
        (  # a proper subject owns "its count"
            "Mexico raises its count of the disappeared to more than 61,000",
            "more than 61,000",
            "Mexico",
        ),
    ],
)
def test_the_claimant_is_named_whole(text, quantity, claimant):
    assert claimants(text)[quantity] == claimant


def test_a_participle_after_what_is_counted_is_no_speech_verb():
    # UN Geneva, 2024-05-14: "casualties documented for April" is not a speaker
    text = (
        '"Our team has verified that at least eight civilians have been killed," said spokesperson '
        'Liz Throssell.\n"This follows a pattern of civilian casualties documented for April, when '
        'at least 129 civilians were killed and 574 injured," Throssell stated.'
    )
    assert claimants(text)["at least 129"] == "Liz Throssell"


def test_she_said_after_a_quote_is_the_person_quoted_before():
    text = (
        '"We are deeply concerned at the plight of civilians in Ukraine," said spokesperson Liz '
        "Throssell at the bi-weekly press briefing in Geneva.\n"
        '"Our human rights monitoring team in Ukraine has verified that at least eight civilians '
        'have been killed and 35 injured in the Kharkiv region since last Friday," she said.'
    )
    assert set(claimants(text).values()) == {"Liz Throssell"}


def test_a_report_described_by_its_modifiers_refers_back():
    text = (
        "The National Centre for Historical Memory presented its report on Wednesday.\n"
        'The 434-page report, "Enough Already: Memories of War and Dignity", says that of '
        "218,094 dead it counted, 177,307 were civilians."
    )
    assert claimants(text)["218,094"] == "National Centre for Historical Memory"


def test_a_list_opened_by_a_colon_speaks_for_its_source():
    text = (
        "The commission found that at least 450,664 people were killed in the armed conflict. "
        "It also said that at least 121,768 people were disappeared.\n\n"
        "Among its other findings:\n\n"
        "  • Kidnapping: at least 50,000 people were kidnapped between 1990 and 2018.\n"
        "  • Forced displacement: at least 7.7 million people were displaced between 1985 and 2019."
    )
    text = "Colombia's Truth Commission presented its final report.\n" + text
    got = claimants(text, outlet="Wire")
    assert got["at least 50,000"] == got["at least 7.7 million"] == "Truth Commission of Colombia"


def test_their_estimate_refers_back():
    text = (
        "In March 2022, researchers at Ghent University estimated that up to 500,000 people had "
        "died.\nTheir estimate broke down as 50,000 to 100,000 victims of direct killings and "
        "150,000 to 200,000 deaths from starvation."
    )
    got = claimants(text, outlet="Wire")
    assert got["50,000 to 100,000"] == "researchers at Ghent University"


def test_a_headline_figure_takes_the_bodys_claimant():
    text = (
        "Report: Colombia's conflict has claimed at least 220,000 lives since 1958\n"
        "Colombia's internal armed conflict has killed at least 220,000 people since 1958, "
        "according to the National Centre for Historical Memory."
    )
    got = [c["claimant"] for c in claim_records(text, outlet="Wire")]
    assert got == ["National Centre for Historical Memory"] * 2


@pytest.mark.parametrize(
    "text",
    [
        # AFP summary, 2023-12-30: "Hamas-run Gaza", and Israel named in the same sentence
        "The health ministry in Hamas-run Gaza said on Saturday that at least 21,672 people have "
        "been killed in the Palestinian territory since the war began with Hamas's attack on Israel.",
        # a ministry left unqualified in a story about Gaza that names Israel last
        "Gaza's health ministry updates its toll daily. Israel disputes it.\nFor the 50-day war "
        "of 2014, the Palestinian toll was 2,310 according to the Ministry of Health.",
    ],
)
def test_the_gaza_ministry_of_health_is_not_israels(text):
    assert set(claimants(text).values()) == {"Gaza Ministry of Health"}


def test_the_next_paragraph_goes_on_in_the_source_just_named():
    # AAPP summary, 2024-11-22: the figures after "according to AAPP" are AAPP's
    text = (
        "Since the military coup of 1 February 2021, the junta has killed 5,982 people, according "
        "to the Assistance Association for Political Prisoners (AAPP).\n"
        "The junta has arrested 27,702 people in connection with its seizure of power."
    )
    got = claimants(text, outlet="Wire")
    assert got["27,702"] == "Assistance Association for Political Prisoners"


def test_an_encyclopedias_next_paragraph_speaks_for_itself():
    # Wikipedia, Casualties of the Syrian civil war: a new cited paragraph is the article's
    text = (
        "The UN put the toll at 306,887 civilians in 2022.[3]\n"
        "The most violent year of the conflict was 2014, when around 110,000 people were "
        "killed.[6]"
    )
    got = claimants(text, outlet="Wikipedia")
    assert got["around 110,000"] == "Wikipedia"


@pytest.mark.parametrize(
    ("text", "claimant"),
    [  # headlines credit their source after a dash or a colon, or before a colon
        ("Death Toll In Sudan Clashes Rises To 436 - Doctors' Committee", "Doctors' Committee"),
        ("Over 10,000 civilians killed, wounded in Afghanistan in 2017 - UN", "United Nations"),
        (
            "ICMP: 6,838 Srebrenica victims identified so far",
            "International Commission on Missing Persons",
        ),
        ("Serbia: 13,000 killed and missing from Kosovo war - rights group", "rights group"),
        # a verb that gives a count names who counts
        ("Peru commission doubles war death toll to 69,280", "Peru commission"),
    ],
)
def test_headline_sources(text, claimant):
    assert set(claimants(text).values()) == {claimant}


def test_a_place_before_a_headline_colon_is_no_source():
    assert set(claimants("Serbia: 13,000 killed and missing from Kosovo war").values()) == {
        "Testwire"
    }


def test_we_outside_a_quote_is_the_texts_author():
    got = claim_records(
        "We have documented 500 civilian deaths since January.", outlet="Amnesty International"
    )
    assert [(c["claimant"], c["attributed"]) for c in got] == [("Amnesty International", False)]


def test_another_sources_figure_for_the_same_toll():
    text = "UN Says Darfur Dead May Be 300,000; Sudan Says 10,000"
    got = [(c["quantity_text"], c["measure"], c["claimant"]) for c in claim_records(text)]
    assert got == [("300,000", "killed", "United Nations"), ("10,000", "killed", "Sudan")]


@pytest.mark.parametrize(
    ("text", "quantity", "claimant"),
    [
        (
            "According to the ministry's latest figures, 2,000 people have died.",
            "2,000",
            "ministry",
        ),
        (
            "The regional governor, Oleh Synyehubov, said nine people were wounded.",
            "nine",
            "Oleh Synyehubov",
        ),
    ],
)
def test_owners_of_figures_and_named_appositives(text, quantity, claimant):
    assert claimants(text)[quantity] == claimant
