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
