"""Mechanisms of round 11 of issue #18 (who speaks: noun phrases, not clauses or counts), on
text written for these tests."""

from __future__ import annotations

from functools import partial

from claims_reading import claims_by
from hypothesis import given
from hypothesis import strategies as st

OUTLET = "Wire"
NAMES = ["Harbour Monitor", "Valley Watch Project", "Northern Relief Network", "Kestrel Institute"]
DESCRIPTIONS = ["A Dutch-language photo history", "A regional archive", "The local museum's guide"]


claims_of = partial(claims_by, outlet=OUTLET, date="2024-10-01")


def count_words(n: int) -> str:
    return f"{n:,}"


# After "says" comes what is said: a count ("says more than 100 people were killed") or a clause
# ("says police opened fire") is never the speaker; with nobody before the verb, no one speaks.
@given(
    count=st.integers(min_value=20, max_value=90_000),
    qualifier=st.sampled_from(["more than", "over", "about", "at least"]),
    verb=st.sampled_from(["opened fire", "stormed the square", "charged"]),
)
def test_what_follows_says_is_not_its_speaker(count, qualifier, verb):
    text = f"A memorial page — says {qualifier} {count_words(count)} people were killed."
    claim = claims_of(text)[f"{qualifier} {count_words(count)}"]
    assert claim["attributed"] is False
    text = f"A memorial page — says police {verb} on the crowd; {count_words(count)} people died."
    assert all(verb not in str(c["claimant"]) for c in claims_of(text).values())


# A description with its name in brackets before the verb: the name speaks
# ("A Dutch-language photo history (People Per Project) says …"); a bracket that is no name is
# an aside, and the subject before it speaks.
@given(
    count=st.integers(min_value=20, max_value=90_000),
    name=st.sampled_from(NAMES),
    description=st.sampled_from(DESCRIPTIONS),
)
def test_a_name_in_brackets_before_the_verb_speaks(count, name, description):
    text = f"{description} ({name}) says more than {count_words(count)} people were killed."
    claim = claims_of(text)[f"more than {count_words(count)}"]
    assert claim["claimant"] == name
    text = f"The {name} (its glossary entry) says {count_words(count)} people were killed."
    assert claims_of(text)[count_words(count)]["claimant"] == name


# "The commission took 9,000 testimonies and documented 46 deaths": the verbs share the clause's
# subject; the counted object of the first verb does not speak.
@given(
    taken=st.integers(min_value=1_000, max_value=90_000),
    deaths=st.integers(min_value=2, max_value=900),
    name=st.sampled_from(NAMES),
)
def test_a_verb_after_a_counted_object_keeps_the_clause_subject(taken, deaths, name):
    text = (
        f"The {name} took {count_words(taken)} testimonies and documented "
        f"{count_words(deaths)} deaths."
    )
    assert claims_of(text)[count_words(deaths)]["claimant"] == name


# "(new and revised number)", "the updated toll": a participle before its noun is no speech verb.
@given(count=st.integers(min_value=1_000, max_value=900_000))
def test_a_revised_number_is_no_speaker(count):
    text = (
        f"Fighting since 20 January has displaced an estimated {count_words(count)} people "
        "(new and revised number) to the coast."
    )
    assert claims_of(text)[f"an estimated {count_words(count)}"]["attributed"] is False


# "The Hospital, where many of the 200 injured are treated, recorded five more deaths": the head
# of a relative clause with "where" speaks.
@given(
    injured=st.integers(min_value=20, max_value=900),
    name=st.sampled_from(["GTB Hospital", "Al-Shifa Hospital", "Mercy Clinic"]),
)
def test_the_head_of_a_where_clause_speaks(injured, name):
    text = (
        f"The {name}, where many of the {injured} injured are being treated, "
        "recorded five more deaths."
    )
    assert claims_of(text)["five"]["claimant"] == name


# "The Ottoman forces had more than 300,000 casualties, of whom over 58,000 died": an armed body
# that had the losses counts its soldiers, and so do the counts that break them down.
@given(
    total=st.integers(min_value=10_000, max_value=400_000),
    share=st.integers(min_value=2, max_value=9),
    body=st.sampled_from(
        ["The Ottoman forces", "The Allies", "The rebel army", "Government troops"]
    ),
    verb=st.sampled_from(["had", "suffered", "sustained"]),
)
def test_an_armed_bodys_losses_and_their_breakdown_are_soldiers(total, share, body, verb):
    dead = total // share
    text = (
        f"{body} {verb} {count_words(total)} casualties, of whom approximately "
        f"{count_words(dead)} died; 40 civilians were killed nearby."
    )
    claims = claims_of(text)
    assert claims[count_words(total)]["population"] == "combatants"
    assert claims[f"approximately {count_words(dead)}"]["population"] == "combatants"
    assert claims["40"]["population"] == "civilians"


# People named by nation or origin, foreigners and pupils are people counted: "10,000 Nama",
# "38 foreigners", "176 pupils" (pupils are children).
@given(
    count=st.integers(min_value=2, max_value=90_000),
    noun=st.sampled_from(["Hereros", "Nama", "Australians", "foreigners", "pupils"]),
)
def test_peoples_foreigners_and_pupils_are_counted(count, noun):
    claim = claims_of(f"{count_words(count)} {noun} were killed in the fighting.")[
        count_words(count)
    ]
    assert claim["measure"] == "killed"
    assert claim["population"] == ("children" if noun == "pupils" else "all")


# "27,000 French and 115,000 British troops were killed or wounded": adjectives alone before the
# next count share its noun and its measure.
@given(
    first=st.integers(min_value=100, max_value=90_000),
    second=st.integers(min_value=100, max_value=90_000),
    sides=st.sampled_from([("French", "British"), ("Iraqi", "Iranian"), ("Ottoman", "Australian")]),
    measure=st.sampled_from([("were killed", "killed"), ("were killed or wounded", "casualties")]),
)
def test_adjectives_before_the_next_count_share_its_noun(first, second, sides, measure):
    text = (
        f"{count_words(first)} {sides[0]} and {count_words(second)} {sides[1]} troops {measure[0]}."
    )
    claims = claims_of(text)
    for count in (first, second):
        claim = claims[count_words(count)]
        assert (claim["measure"], claim["population"]) == (measure[1], "combatants")


# "over 7,000 people were dying every day": the progressive is a measure too, with its rate.
@given(
    count=st.integers(min_value=2, max_value=90_000),
    period=st.sampled_from(["day", "week", "month"]),
)
def test_people_dying_every_period_is_a_rate_of_the_dead(count, period):
    text = f"In the worst winter over {count_words(count)} people were dying every {period}."
    claim = claims_of(text)[f"over {count_words(count)}"]
    assert (claim["measure"], claim["rate"]) == ("killed", period)


# An infobox line's bracketed source ("108 (per U.N. observers)") credits its own figure; the next
# line, with none, is the outlet's own.
@given(
    dead=st.integers(min_value=20, max_value=900),
    injured=st.integers(min_value=1_000, max_value=9_000),
    source=st.sampled_from(["U.N. observers", "the Red Cross", "local doctors"]),
)
def test_a_bracketed_source_stays_on_its_line(dead, injured, source):
    text = f"Location | Houla |\nDeaths | {dead} (per {source})[1] |\nInjured | {injured:,}[2] |"
    claims = claims_of(text)
    assert claims[str(dead)]["attributed"] is True
    assert claims[f"{injured:,}"]["attributed"] is False


# An infobox's losses: "9,000 killed & missing" is killed or missing soldiers; "20,000 evacuated
# sick" counts no one harmed; "Total: 300,000 (56,707 dead)" sums the side's soldiers.
@given(
    lost=st.lists(
        st.integers(min_value=1_000, max_value=90_000), min_size=5, max_size=5, unique=True
    ),
    side=st.sampled_from(["French Third Republic France", "Australia Australia", "Freedonia"]),
)
def test_an_infobox_side_total_of_soldiers(lost, side):
    missing, wounded, sick, total, dead = (f"{n:,}" for n in lost)
    text = (
        f"Casualties and losses\n\n{side}:\n{missing} killed & missing\n{wounded} wounded\n"
        f"{sick} evacuated sick[10]\n\n\nTotal: {total} ({dead} dead)[10]\n"
    )
    claims = claims_of(text)
    assert (claims[missing]["measure"], claims[missing]["population"]) == (
        "killed_or_missing",
        "combatants",
    )
    assert sick not in claims
    assert (claims[total]["measure"], claims[total]["population"]) == ("casualties", "combatants")
    assert (claims[dead]["measure"], claims[dead]["population"]) == ("killed", "combatants")


# An infobox field's list: "Fatalities: 2 unidentified, 36 Muslims, 15 Hindus" — an item's own
# word before the comma does not break the list; "75,000 displaced to Tall Refaat, 15,500 to Nabul
# town and 8,500 to Zahraa town": items that say only where they went share the measure.
@given(
    counts=st.lists(st.integers(min_value=2, max_value=1_500), min_size=3, max_size=3, unique=True),
    peoples=st.sampled_from([("Muslims", "Hindus"), ("Serbs", "Croats"), ("Hutus", "Tutsis")]),
    places=st.sampled_from([("Tall Refaat", "Nabul", "Zahraa"), ("Goma", "Bukavu", "Uvira")]),
)
def test_list_items_with_a_word_of_their_own_or_a_destination(counts, peoples, places):
    first, second, third = counts
    text = f"- Fatalities: {first} unidentified, {second} {peoples[0]}, {third} {peoples[1]}\n- Injuries: 200+"
    claims = claims_of(text)
    assert {claims[str(n)]["measure"] for n in counts} == {"killed"}
    text = (
        f"{first:,} people were displaced to {places[0]} district, {second:,} to {places[1]} town "
        f"and {third:,} to {places[2]} town."
    )
    claims = claims_of(text)
    assert {claims[f"{n:,}"]["measure"] for n in counts} == {"displaced"}


# "said Director of Health Services Anil Jasinghe": the person, without the post or its office;
# a subject cut after "of" ("… archive of the Truth and Reconciliation Commission") is the body.
@given(
    count=st.integers(min_value=2, max_value=9_000),
    person=st.sampled_from(["Anil Jasinghe", "Maria Lopez", "Ahmed Khalil"]),
    office=st.sampled_from(
        ["Director of Health Services", "Minister of Foreign Affairs", "Head of Police Operations"]
    ),
    body=st.sampled_from(["Truth and Reconciliation Commission", "Peace and Justice Commission"]),
)
def test_a_post_and_its_office_are_not_the_persons_name(count, person, office, body):
    text = f'"The count is approximate," said {office} {person}, adding that {count} people were killed.'
    assert claims_of(text)[str(count)]["claimant"] == person
    text = (
        f"The South African Broadcasting Corporation's archive of the {body} "
        f"(its glossary entry) says {count} people were killed."
    )
    assert claims_of(text)[str(count)]["claimant"] == body


# The scorer's second claimant figure accepts a name to another extent or in another order
# ("Health Services Anil Jasinghe" for "Anil Jasinghe", "Ukrainian Ministry of Interior" for
# "Ukrainian Interior Ministry"), never another body or a single shared word, nor the outlet.
def test_claimant_overlaps_accepts_extent_and_order_only():
    from recount.claims.evaluate import claimant_equal, claimant_overlaps

    def pair(label: str, got: str | None, attributed: bool = True) -> tuple[dict, dict]:
        return {"claimant": label}, {"claimant": got, "attributed": attributed, "outlet": "Wire"}

    for label, got in [
        ("Anil Jasinghe", "Health Services Anil Jasinghe"),
        ("Ukrainian Interior Ministry", "Ukrainian Ministry of Interior"),
        ("Kazakhstan's General Prosecutor's Office", "Prosecutor's Office"),
    ]:
        assert not claimant_equal(*pair(label, got))
        assert claimant_overlaps(*pair(label, got))
    for label, got, attributed in [
        ("Delhi Police", "police", True),
        ("Anil Jasinghe", "Ruwan Gunasekara", True),
        ("@outlet", "Ukrainian Interior Ministry", True),
        ("Ukrainian Interior Ministry", "Wire", False),
    ]:
        assert not claimant_overlaps(*pair(label, got, attributed))
