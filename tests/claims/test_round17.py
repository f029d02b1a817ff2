"""Mechanisms of round 17 of issue #18 (a measure carried across a list, a toll named after its
number, homicides), on text written for these tests in the constructions of real reporting."""

from __future__ import annotations

from functools import partial

from claims_reading import claims_by
from hypothesis import given
from hypothesis import strategies as st

OUTLET = "Wire"
MONTHS = ["January", "February", "March", "April", "May", "June"]
COUNTRIES = ["France", "India", "Ghana", "Pakistan", "Nepal", "Kenya"]


claims_of = partial(claims_by, outlet=OUTLET, date="2025-02-01")


# Homicides and murders count the killed, as a count's noun and as a toll's.
@given(total=st.integers(100, 999), verb=st.sampled_from(["left", "brought", "saw"]))
def test_homicides_are_killed(total, verb):
    found = claims_of(f"The dispute {verb} {total} homicides in the state.")
    assert found[str(total)]["measure"] == "killed"


# A breakdown after a colon goes on counting what the count before it counts, item by item,
# whatever month or place each item is given for.
@given(counts=st.lists(st.integers(10, 99), min_size=2, max_size=5, unique=True))
def test_a_breakdown_by_month_keeps_the_measure(counts):
    items = [f"{n} in {month}" for n, month in zip(counts, MONTHS, strict=False)]
    listed = ", ".join(items[:-1]) + f" and {items[-1]}"
    found = claims_of(f"The war left 803 homicides in the state: {listed}.")
    for n in counts:
        assert found[str(n)]["measure"] == "killed"


# A list of counts by where the people came from keeps the measure of the count it breaks down.
@given(counts=st.lists(st.integers(100, 9_000), min_size=2, max_size=4, unique=True))
def test_counts_by_origin_keep_the_measure(counts):
    items = [f"{n:,} from {country}" for n, country in zip(counts, COUNTRIES, strict=False)]
    listed = ", ".join(items[:-1]) + f" and {items[-1]}"
    found = claims_of(f"About 58,000 soldiers died, including {listed}.")
    for n in counts:
        assert found[f"{n:,}"]["measure"] == "killed"


# An organisation's acronym in brackets between two coordinated counts does not end the list:
# the count after it is killed too, with its own people.
@given(
    first=st.integers(2, 90),
    second=st.sampled_from(["two policemen", "three civilians", "five soldiers"]),
    body=st.sampled_from(
        [
            "Central Reserve Police Force (CRPF)",
            "Rapid Support Forces (RSF)",
            "District Reserve Guard (DRG)",
        ]
    ),
)
def test_an_acronym_between_coordinated_counts(first, second, body):
    found = claims_of(f"Rebels killed {first} members of the {body} and {second} near the village.")
    assert found[str(first)]["measure"] == "killed"
    number, people = second.split()
    assert found[number]["measure"] == "killed"
    assert found[number]["population"] == {"policemen": "combatants", "soldiers": "combatants"}.get(
        people, "civilians"
    )


# "bringing to eight the number of people killed": a toll whose number comes before its noun.
@given(
    n=st.integers(3, 500),
    toll=st.sampled_from(
        [
            ("the number of people killed", "killed"),
            ("the number of deaths", "killed"),
            ("the death toll", "killed"),
            ("the number of people injured", "injured"),
            ("the total of detainees", "detained"),
        ]
    ),
    verb=st.sampled_from(["bringing", "which brings", "which brought"]),
)
def test_a_toll_after_its_number(n, toll, verb):
    words, measure = toll
    found = claims_of(f"A man died of his wounds on Friday, {verb} to {n} {words} since May.")
    assert found[str(n)]["measure"] == measure


# What is not people stays out: "brought to 12 the number of rounds of talks".
def test_a_number_of_other_things_after_bringing_to():
    assert claims_of("The meeting brought to 12 the number of rounds of talks this year.") == {}


# The part after such a toll counts what it counts: "…, two of them gendarmes".
def test_a_part_of_a_toll_after_its_number():
    found = claims_of(
        "One of the two men shot on 3 June died, bringing to eight the number of people killed "
        "since the crisis began, two of them gendarmes."
    )
    assert found["eight"]["measure"] == "killed"
    assert found["two"]["measure"] == "killed"
    assert found["two"]["population"] == "combatants"


# A side's losses: an army named by its acronym suffers them, a country loses its men; a village
# that lost its men and women, or an agency that lost its staff, counts no soldiers.
@given(
    army=st.sampled_from(["JNA", "YPA", "PNGDF", "SAF"]),
    dead=st.integers(2, 900),
    wounded=st.integers(901, 3_000),
)
def test_an_army_by_its_acronym_suffers_combatant_losses(army, dead, wounded):
    found = claims_of(f"The {army} suffered {dead} fatalities and {wounded:,} wounded.")
    assert found[str(dead)]["population"] == "combatants"
    assert found[f"{wounded:,}"]["population"] == "combatants"


@given(
    side=st.sampled_from(["Argentina", "Britain", "The U.S. military"]), n=st.integers(20, 5_000)
)
def test_a_side_that_lost_its_men(side, n):
    found = claims_of(f"{side} lost {n:,} men when the cruiser was sunk.")
    assert found[f"{n:,}"]["measure"] == "killed"
    assert found[f"{n:,}"]["population"] == "combatants"


def test_lost_men_and_women_or_staff_are_not_soldiers():
    assert claims_of("The village lost 30 men and 12 women.")["30"]["population"] == "all"
    assert claims_of("The UNHCR lost 3 staff in the attack.")["3"]["population"] == "all"


# "Over 2000 people were injured": a qualified count of people in the years' range is a count;
# a year before people is still a year.
@given(
    n=st.integers(1900, 2099),
    qualifier=st.sampled_from(["Over", "About", "Nearly", "At least", "More than"]),
)
def test_a_qualified_count_in_the_years_range(n, qualifier):
    found = claims_of(f"{qualifier} {n} people were injured in the riots.")
    assert found[f"{qualifier} {n}"]["measure"] == "injured"


@given(year=st.integers(1950, 2030), word=st.sampled_from(["In", "Since", "By"]))
def test_a_year_before_people_is_a_year(year, word):
    assert claims_of(f"{word} {year} people had fled the region.") == {}


# Who insists, discloses or testifies is the claim's source.
@given(verb=st.sampled_from(["insisted", "disclosed", "testified", "asserted"]))
def test_more_verbs_of_saying(verb):
    found = claims_of(f"The regional governor {verb} that 40 people had been killed in the raid.")
    assert found["40"]["claimant"] == "regional governor"


# What is counted is not who counts: a number's tail, the counted people or events before a verb
# of saying are no claimant.
@given(n=st.integers(100, 900))
def test_a_counted_noun_is_not_a_claimant(n):
    found = claims_of(f"{n} casualties received in the district reported gunshot wounds.")
    assert all(c["claimant"] != f"{n} casualties" for c in found.values())
    assert claims_of(f"A teaching text puts the toll at an estimated {n},000 and says more died.")


# The parts of a count its source gives are that source's, not the outlet's that carried it.
@given(
    source=st.sampled_from(["Syrian Network for Human Rights", "Human Rights Watch"]),
    carrier=st.sampled_from(["Anadolu reported", "Reuters reported", "the agency said"]),
    total=st.integers(100, 900),
)
def test_parts_keep_the_source_of_their_whole(source, carrier, total):
    found = claims_of(
        f"The {source} documented {total} deaths in July, including seven children and ten "
        f"women, {carrier}."
    )
    assert found[str(total)]["claimant"] == source
    assert found["seven"]["claimant"] == source
    assert found["ten"]["claimant"] == source


# A source named only after the parts is theirs as it is the whole's.
def test_a_source_after_the_whole_still_credits_its_parts():
    found = claims_of(
        "At least 426 people died, including seven children, Human Rights Watch said."
    )
    assert found["At least 426"]["claimant"] == "Human Rights Watch"
    assert found["seven"]["claimant"] == "Human Rights Watch"
