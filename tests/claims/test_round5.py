"""Mechanisms of round 5 of issue #18, on sentences from the read development material.

Round 5 looked for general mechanisms, each checked on dev, check, dev2, dev3 and dev4 half A
together (tests/claims/dev4/README.md); the sentences here are from those passages (UN text,
Wikipedia, or the project's own summaries) or written for these tests.
"""

from __future__ import annotations

from functools import partial

from claims_reading import claims_by
from hypothesis import given
from hypothesis import strategies as st

from recount.claims.extraction import claim_records

OUTLET = "Wire"


claims_of = partial(claims_by, outlet=OUTLET, date="2024-10-01")


# A body of figures is not who speaks: the source is who collected or released them.
def test_figures_released_by_a_body_are_the_body_s():
    text = (
        "According to casualty figures released recently by United Nations Assistance Mission "
        "for Iraq (UNAMI), a total of 1,101 Iraqis were killed in December 2014."
    )
    assert claims_of(text)["1,101"]["claimant"] == "UN Assistance Mission for Iraq"


def test_information_collected_by_a_body_is_the_body_s():
    text = (
        "According to information collected by UNAMI, a minimum of 852 civilians were killed "
        "in ongoing armed violence in Iraq during October 2013."
    )
    assert claims_of(text)["a minimum of 852"]["claimant"] == "UN Assistance Mission for Iraq"


def test_its_data_is_the_body_named_before():
    text = (
        "Civilian casualties reached 9,983, the Office of the UN High Commissioner for Human "
        "Rights (OHCHR) said on Wednesday. According to its confirmed data, some 1,712 men "
        "were killed."
    )
    found = claims_of(text)
    assert found["some 1,712"]["claimant"] == found["9,983"]["claimant"]
    assert "OHCHR" in found["some 1,712"]["claimant"]


def test_a_time_is_not_a_speaker():
    text = (
        "The UN mission said 40 civilians were killed on Monday. Since the previous day's "
        "report, three more children were killed."
    )
    assert claims_of(text)["three"]["claimant"] == "UN mission"


def test_a_body_called_by_its_name_and_a_person_of_a_body():
    text = (
        "Another organization called NESOHR published that 4000 to 5000 Tamil civilians were "
        "killed. In five years there were 3,287 deaths, according to Srisompob Jitpiromsri of "
        "the monitoring group Deep South Watch."
    )
    found = claims_of(text)
    assert found["4000 to 5000"]["claimant"] == "NESOHR"
    assert found["3,287"]["claimant"] == "Srisompob Jitpiromsri"


@given(st.sampled_from(["figures", "data", "statistics", "information", "estimates"]))
def test_any_body_of_figures_credits_who_released_it(noun):
    text = f"According to new {noun} released by the World Health Organization, 120 people died."
    assert claims_of(text)["120"]["claimant"] == "World Health Organization"


# A year-like number is a count where a count's predicate follows it, even after "and".
def test_a_four_digit_count_after_and_is_a_count():
    text = "In September 2013, 887 civilians were killed and 1957 were injured."
    found = claims_of(text)
    assert (found["1957"]["measure"], found["1957"]["population"]) == ("injured", "civilians")


def test_a_count_glued_to_the_year_before_it():
    text = "In June 2013685 civilians were killed and 1610 were injured."
    found = claims_of(text)
    assert found["685"]["value"] == 685 and found["685"]["measure"] == "killed"
    assert found["685"]["period_start"].isoformat() == "2013-06-01"


@given(st.integers(min_value=1900, max_value=2099), st.integers(min_value=10, max_value=999))
def test_a_year_and_a_count_apart_are_both_read(year, count):
    text = f"In May {year}, {count} civilians were killed."
    assert claims_of(text)[str(count)]["value"] == count


def test_a_further_count_is_of_the_people_counted_not_of_the_part_in_brackets():
    text = (
        "A minimum of 852 civilians were killed (including 158 civilian police) a further 1793 "
        "were injured (including 218 civilian police) in Iraq during October 2013."
    )
    assert claims_of(text)["1793"]["population"] == "civilians"


def test_a_report_s_bare_counts_with_an_aside_are_its_people():
    text = (
        "OHCHR recorded 292 civilian casualties in Ukraine from 1 to 10 September. In the "
        "Donetsk region, OHCHR counted 2,414 (2,403) killed and 2,372 (2,359) wounded."
    )
    found = claims_of(text)
    assert found["2,414"]["population"] == found["2,372"]["population"] == "civilians"


# Members of an armed body are fighters, whatever the body is called; a list shares the
# predicate said after its last item, and "comprise" opens a breakdown of the count before it.
def test_members_of_an_armed_body_are_fighters():
    text = (
        "A further 421 members of the Iraqi Security Forces were killed and 508 were injured. "
        "During the peace process, 25 members of the security forces, 25 PKK members and 66 "
        "civilians were killed."
    )
    found = claim_records(text, outlet=OUTLET, date="2024-10-01")
    rows = [(c["value"], c["measure"], c["population"]) for c in found]
    assert rows == [
        (421, "killed", "combatants"),
        (508, "injured", "combatants"),
        (25, "killed", "combatants"),
        (25, "killed", "combatants"),
        (66, "killed", "civilians"),
    ]


def test_comprise_breaks_the_count_down():
    text = (
        "The 3,961 dead comprise 2,610 civilians, 509 soldiers, 138 teachers and 321 "
        "insurgents; 9,625 people were injured."
    )
    found = claim_records(text, outlet=OUTLET, date="2024-10-01")
    rows = [(c["value"], c["measure"], c["population"]) for c in found]
    assert rows == [
        (3961, "killed", "all"),
        (2610, "killed", "civilians"),
        (509, "killed", "combatants"),
        (138, "killed", "all"),
        (321, "killed", "combatants"),
        (9625, "injured", "all"),
    ]


@given(st.sampled_from(["PKK", "militia", "cartel", "gang", "ELN"]))
def test_any_armed_body_s_members(body):
    text = f"Officials said 40 {body} members were killed in the clashes."
    assert claims_of(text)["40"]["population"] == "combatants"
