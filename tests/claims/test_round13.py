"""Mechanisms of round 13 of issue #18 (a report's credit in its header, …), on text written
for these tests in the constructions of real reporting."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from recount.claims.extraction import claim_records

OUTLET = "Wire"


def claims_of(text: str) -> dict[str, dict]:
    return {c["quantity_text"]: c for c in claim_records(text, outlet=OUTLET, date="2024-10-01")}


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
