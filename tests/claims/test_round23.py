"""Mechanisms of round 23 of issue #18 (the fields of figures the grammar reads, and text
structure), on text written for these tests in the constructions of real reporting."""

from __future__ import annotations

from functools import partial

from claims_reading import claims_by
from hypothesis import given, settings
from hypothesis import strategies as st

from recount.claims.numbers import find_quantities

OUTLET = "Wire"


# the claims of a text by the number as written, its qualifier left out
claims_of = partial(claims_by, key="last", outlet=OUTLET, date="2025-02-01")


# Gapping: a second subject whose verb and noun are the first clause's, left out. "Guerrillas
# kidnapped 1,200 people and paramilitary groups 300": the 300 were kidnapped too.
@given(
    first=st.sampled_from(["Guerrillas", "The rebels", "Militias in the north"]),
    verb=st.sampled_from(
        [("kidnapped", "abducted"), ("killed", "killed"), ("detained", "detained")]
    ),
    second=st.sampled_from(["paramilitary groups", "the army", "the police in the south"]),
    joint=st.sampled_from([" and", ",", "; and", ", while"]),
    n=st.integers(1_000, 9_000),
    m=st.integers(20, 900),
)
def test_a_second_subject_with_its_verb_left_out_shares_the_measure(
    first, verb, second, joint, n, m
):
    word, measure = verb
    text = f"{first} {word} {n:,} people{joint} {second} {m}."
    found = claims_of(text)
    assert found[f"{n:,}"]["measure"] == measure
    assert found[str(m)]["measure"] == measure


def test_a_named_place_between_the_clauses_is_the_first_counts():
    found = claims_of(
        "The monitor recorded 60 civilian deaths in the port; the village of Tel Hamra 31, "
        "including nine children."
    )
    assert found["31"]["measure"] == "killed"
    found = claims_of("The Red terror claimed 1,650 victims and the White terror about 10,000.")
    assert found["10,000"]["measure"] == "killed"


# Not gapping: the words between name no subject (a clause of time, a qualifier, "of").
@given(n=st.integers(20, 90), m=st.integers(100, 900))
def test_words_that_are_no_subject_do_not_take_the_measure(n, m):
    found = claims_of(f"Around {n} people died, after more than {m} villagers had gathered there.")
    assert str(m) not in found
    found = claims_of(f"Of the {m:,} dead, only {n} have known graves.")
    assert str(n) not in found
    found = claims_of(f"The blast killed {n} people and the fire destroyed {m} homes.")
    assert str(m) not in found


# Figures quoted in the source's language (French, Spanish, Portuguese, Italian), as summaries of
# foreign reporting keep them: the verb before or after the people counted gives the measure, and
# the quoted qualifier and vague count read as in English.
@given(
    quoted=st.sampled_from(
        [
            ("{n} personas murieron", "killed"),
            ("{n} pessoas morreram", "killed"),
            ("{n} persone che sono morte", "killed"),
            ("les {n} personnes qui sont mortes", "killed"),
            ("hanno ucciso {n} persone", "killed"),
            ("matou {n} pessoas", "killed"),
            ("a tué {n} personnes", "killed"),
        ]
    ),
    n=st.integers(12, 900),
    says=st.sampled_from(["The daily wrote that", "A local radio station reported"]),
)
@settings(max_examples=30)
def test_a_figure_quoted_in_a_romance_language_takes_its_verbs_measure(quoted, n, says):
    wording, measure = quoted
    found = claims_of(f'{says} "{wording.format(n=n)}" in the raid.')
    assert found[str(n)]["measure"] == measure


def test_quoted_qualifiers_and_vague_counts_are_read():
    found = claims_of('The strike "a tué au moins 80 personnes et en a blessé des centaines".')
    assert (found["80"]["measure"], found["80"]["qualifier"]) == ("killed", "at_least")
    assert (found["centaines"]["measure"], found["centaines"]["low"]) == ("injured", 100)
    found = claims_of('The Red Cross said "aprox. 400 civiles" were killed.')
    claim = found["400"]
    assert (claim["measure"], claim["population"], claim["qualifier"]) == (
        "killed",
        "civilians",
        "about",
    )
    assert claim["claimant"] == "International Committee of the Red Cross"
    found = claims_of('The monitor said "más de 600 personas" were killed.')
    assert (found["600"]["measure"], found["600"]["qualifier"]) == ("killed", "more_than")


# A source in brackets after a count ("(Human Rights Watch)", "(per the army)") closes it as a
# list's item would, and stands between two counts as an aside: "161+ or 200+ (Human Rights
# Watch)", "20,000 (a historian) or 40,000 (a rights committee)".
@given(
    source=st.sampled_from(["Human Rights Watch", "per the army", "according to the UN", "AFP"]),
    n=st.integers(100, 400),
    m=st.integers(500, 900),
)
def test_a_source_in_brackets_closes_an_alternative_count(source, n, m):
    found = claims_of(f"Location Hilltown\nDeaths {n}+ or {m}+ ({source})")
    assert found[f"{m}+"]["measure"] == "killed"
    text = f"Estimates run from 50 deaths to {n:,} ({source}) or {m:,} (Amnesty International)."
    found = claims_of(text)
    assert (found[str(n)]["measure"], found[str(m)]["measure"]) == ("killed", "killed")
    assert found[str(m)]["claimant"] == "Amnesty International"
    found = claims_of(f"Rebels killed {n} civilians in March and {m} ({source}) in April.")
    assert found[str(m)]["measure"] == "killed"


def test_a_year_in_brackets_is_no_source():
    found = claims_of("The raid killed 12 people and 3 (2019) were later found.")
    assert "3" not in found


# Wording of fates the lexicon lacked: people in medical care ("sought medical help"), a manner
# of killing ("hacked to death"), "a massacre of" N people, and the ages of the people counted
# between them and their fate ("children under five died").
@given(
    n=st.integers(20, 900),
    wording=st.sampled_from(
        [
            ("sought medical help", "injured"),
            ("needed medical treatment", "injured"),
            ("were hacked to death", "killed"),
            ("were stabbed to death", "killed"),
        ]
    ),
)
def test_fates_said_in_other_words(n, wording):
    phrase, measure = wording
    found = claims_of(f"Officials said {n} people {phrase} after the attack.")
    assert found[str(n)]["measure"] == measure


@given(
    n=st.integers(20, 900),
    age=st.sampled_from(
        ["under five", "aged 5 to 12", "under 15 years old", "under the age of 10"]
    ),
)
def test_the_ages_of_the_people_counted_stand_between_them_and_their_fate(n, age):
    found = claims_of(f"The report says {n:,} children {age} died of hunger.")
    claim = found[f"{n:,}"]
    assert (claim["measure"], claim["population"]) == ("killed", "children")
    assert len(found) == 1  # the age is no count


def test_a_massacre_of_people_counts_the_killed():
    found = claims_of("The commission reported a massacre of over 100 people in the village.")
    assert (found["100"]["measure"], found["100"]["qualifier"]) == ("killed", "more_than")


# "a hundred and eight civilians": "a" opens a number that goes on after "and", as "one" does.
@given(
    scale=st.sampled_from([("hundred", 100), ("thousand", 1_000)]),
    rest=st.sampled_from([("eight", 8), ("twelve", 12), ("forty-two", 42), ("ninety", 90)]),
)
def test_a_hundred_and_more_is_one_number(scale, rest):
    (word, size), (tail, value) = scale, rest
    quantities = find_quantities(f"the massacre of a {word} and {tail} civilians")
    assert [(q.text, q.value) for q in quantities] == [(f"a {word} and {tail}", size + value)]
    assert [q.value for q in find_quantities(f"a {word} people and the rest")] == [size]


# A count broken down by place, each part in brackets after its place: under "the most deaths
# were in …" or "Deaths by province:".
@given(
    head=st.sampled_from(
        [
            "By the official count the most deaths were in the prefectures of",
            "Deaths by province:",
            "The dead by region were:",
        ]
    ),
    counts=st.lists(st.integers(100, 9_000), min_size=3, max_size=3, unique=True),
)
def test_counts_in_brackets_after_places_take_the_breakdowns_measure(head, counts):
    a, b, c = counts
    found = claims_of(f"{head} Northmoor ({a:,}), Eastvale ({b:,}) and Southridge ({c:,}).")
    assert [found[f"{n:,}"]["measure"] for n in counts] == ["killed"] * 3


def test_a_year_in_brackets_after_a_place_is_no_part():
    assert claims_of("The dead were mostly from Aleppo (2019).") == {}


# "111 prisoners killed: 102 from gunshots … and nine from stab wounds": a total's parts told
# apart by their cause.
@given(n=st.integers(50, 90), m=st.integers(2, 9))
def test_the_parts_of_a_count_by_cause_take_its_measure(n, m):
    text = (
        f"The casualties were {n + m} prisoners killed: {n} from gunshots fired by police and "
        f"{m} from stab wounds."
    )
    found = claims_of(text)
    assert (found[str(n)]["measure"], found[str(m)]["measure"]) == ("killed", "killed")


# An infobox label with its modifier ("Non-fatal injuries | 525+ |", "Non-fatal injuries 40").
@given(n=st.integers(10, 900), sep=st.sampled_from([" | ", " ", ": "]))
def test_a_modified_infobox_label_gives_its_count_a_measure(n, sep):
    text = f"Target{sep}a wedding hall\nDeaths{sep}{n}\nNon-fatal injuries{sep}{n + 7}+"
    found = claims_of(text)
    assert found[f"{n + 7}+"]["measure"] == "injured"
    assert found[str(n)]["measure"] == "killed"
