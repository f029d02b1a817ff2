"""Mechanisms of round 8 of issue #18, on sentences written for these tests."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from recount.claims.extraction import claim_records

OUTLET = "Wire"


def claims_of(text: str) -> dict[str, dict]:
    return {c["quantity_text"]: c for c in claim_records(text, outlet=OUTLET, date="2024-10-01")}


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
