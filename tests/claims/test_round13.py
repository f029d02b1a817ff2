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
