"""Mechanisms of round 18 of issue #18 (claimants in summaries first: passives, roundups,
condemnations, citations, Arabic acronyms; then hospital and euphemism wording, 'N others'), on
text written for these tests in the constructions of real reporting."""

from __future__ import annotations

from functools import partial

from claims_reading import claims_by
from hypothesis import given
from hypothesis import strategies as st

from recount.claims.documents import unread_script
from recount.claims.extraction import claim_records
from recount.claims.grammar.acronyms import definitions

OUTLET = "Wire"
TOWNS = ["Laas Caanood", "Abyei", "Kursk", "Goma", "Jenin", "Marawi"]


claims_of = partial(claims_by, outlet=OUTLET, date="2025-02-01")


def claim_at(text: str, number: str) -> dict:
    """The claim whose quantity starts with `number`."""
    found = [c for c in claim_records(text, outlet=OUTLET, date="2025-02-01")]
    return next(c for c in found if c["quantity_text"].startswith(number))


# A speech verb in the passive ("fighting was reported", "continued to be reported") names what
# was said, not who said it: its subject is nobody's name, for its sentence or the next.
@given(
    adjective=st.sampled_from(["Heavy", "Renewed", "Fierce", "Sporadic"]),
    passive=st.sampled_from(["was reported", "continued to be reported", "has been reported"]),
    town=st.sampled_from(TOWNS),
    n=st.integers(1_000, 200_000),
)
def test_a_passive_speech_verb_names_no_speaker(adjective, passive, town, n):
    text = f"{adjective} fighting {passive} in {town}. More than {n:,} people have been displaced."
    claim = claim_at(text, "More than")
    assert claim["measure"] == "displaced"
    assert claim["claimant"] == OUTLET and not claim["attributed"]


# "the Foreign Ministry" is the Ministry of Foreign Affairs, not a "Ministry of Foreign".
@given(owner=st.sampled_from(["Russian", "Ukrainian", "Iranian"]), n=st.integers(10, 900))
def test_a_foreign_ministry_is_of_foreign_affairs(owner, n):
    text = f"The {owner} Foreign Ministry said the offensive had killed at least {n} civilians."
    assert claim_at(text, "at least")["claimant"] == f"{owner} Ministry of Foreign Affairs"


# People taken or admitted to hospital are the injured; attackers "neutralised" by an army are
# killed; people who "left the areas" near a front are displaced.
@given(
    n=st.integers(20, 900),
    wording=st.sampled_from(
        [
            "had been taken to hospitals with wounds",
            "were taken to hospital",
            "were admitted to hospital",
        ]
    ),
)
def test_people_taken_to_hospital_are_injured(n, wording):
    assert claim_at(f"The mayor said {n} people {wording}.", str(n))["measure"] == "injured"


@given(n=st.integers(5, 200), spelling=st.sampled_from(["neutralised", "neutralized"]))
def test_neutralised_attackers_are_killed(n, spelling):
    passive = claim_at(f"The army said {n} attackers had been {spelling} so far.", str(n))
    active = claim_at(f"The army said it {spelling} {n} attackers.", str(n))
    assert passive["measure"] == active["measure"] == "killed"
    assert passive["population"] == "combatants"


def test_neutralised_things_are_not_people():
    assert claims_of("The army said it neutralised 12 vehicles and 3 drones.") == {}


def test_people_who_left_the_areas_are_displaced():
    text = "More than 120,000 people had left the areas close to the border."
    assert claim_at(text, "More than")["measure"] == "displaced"


# "killed 12 civilians and wounded 121 others": others under another measure are others of the
# same people (civilians); under the same measure ("killed three soldiers and four others"),
# other people than those.
@given(
    people=st.sampled_from(
        [("civilians", "civilians"), ("soldiers", "combatants"), ("children", "children")]
    ),
    dead=st.integers(2, 50),
    hurt=st.integers(51, 300),
)
def test_others_after_another_measure_are_the_same_people(people, dead, hurt):
    noun, population = people
    text = f"The attack killed {dead} {noun} and wounded {hurt} others."
    found = claim_at(text, str(hurt))
    assert found["measure"] == "injured" and found["population"] == population


@given(dead=st.integers(2, 50), more=st.integers(51, 300))
def test_others_under_the_same_measure_are_other_people(dead, more):
    text = f"Gunmen killed {dead} soldiers and {more} others."
    assert claim_at(text, str(dead))["population"] == "combatants"
    assert claim_at(text, str(more))["population"] == "all"


# An Arabic name keeps its particles in lower case ("al-Islam", "wal"): the acronym is spelt by
# the capitals, so the text's own definition names the body for "the group" later.
@given(
    words=st.lists(
        st.sampled_from(["Jama'at", "Nusrat", "Ansar", "Tahrir", "Jaish", "Harakat", "Liwa"]),
        min_size=1,
        max_size=3,
        unique=True,
    ),
    particle=st.sampled_from(["al-Islam", "al-Sham", "ad-Din", "al-Mujahidin"]),
    tail=st.sampled_from(["", " wal Muslimeen", " wa Ansar"]),
)
def test_an_arabic_name_defines_its_acronym(words, particle, tail):
    name = " ".join([*words, particle]) + tail
    acronym = "".join(c for w in name.split() for c in w if c.isupper())
    assert definitions(f"{name} ({acronym}) claimed the attack.") == [(name, acronym)]


def test_the_group_is_the_body_the_text_defined():
    text = (
        "Jama'at Nusrat al-Islam wal Muslimeen (JNIM), an al-Qaeda affiliate, claimed the attack. "
        "The group said it had killed 70 soldiers in its raids, according to a monitoring group."
    )
    assert claim_at(text, "70")["claimant"] == "Jama'at Nusrat al-Islam wal Muslimeen"


# "an attack near the border, also claimed by JNIM": claiming an attack is responsibility, not
# a source for the toll.
@given(n=st.integers(5, 90), adverb=st.sampled_from(["also ", "later ", ""]))
def test_an_attack_claimed_by_a_group_is_not_its_count(n, adverb):
    text = f"{n} soldiers were killed in a similar attack near the border with Niger, {adverb}claimed by JNIM."
    claim = claim_at(text, str(n))
    assert claim["claimant"] == OUTLET


# Who condemns an attack gives its toll: "UNISFA condemned an attack … in which 14 died",
# "condemned raids …, which it said left 27 people killed".
@given(
    verb=st.sampled_from(["condemned", "denounced", "deplored"]),
    n=st.integers(5, 99),
)
def test_who_condemns_an_attack_gives_its_toll(verb, n):
    text = f"The UN mission {verb} an attack on a village, in which at least {n} people died."
    assert claim_at(text, "at least")["claimant"] == "UN mission"


def test_which_it_said_is_the_condemning_body():
    text = (
        "In another attack reported by Radio Tamazuj, the UN mission condemned raids on three "
        "villages, which it said left an estimated 27 people killed and 14 injured."
    )
    assert claim_at(text, "an estimated 27")["claimant"] == "UN mission"


# A roundup's credit names several reports: the lede's source does not speak for the figures of
# later paragraphs that name no source of their own.
LATER = (
    "\n\nSchools have been closed since then. Nine police officers have been killed since "
    "9 September.\n\nBy the end of January the dispute had left 803 homicides in the state."
)
LEDE = "The state prosecutor's office recorded at least 9 murders in the first three days."


@given(
    credit=st.sampled_from(
        ["a summary of Pledge Times; Mosaique; and O-Abroad", "BBC and AFP reports"]
    )
)
def test_a_roundups_later_paragraphs_are_the_texts_own(credit):
    text = f"CULIACÁN, 24 June 2025 ({credit}) - {LEDE}{LATER}"
    assert claim_at(text, "Nine")["claimant"] == claim_at(text, "803")["claimant"] == OUTLET


# A time said first ("As of 2 March,") does not hide the described speaker after it.
@given(
    opening=st.sampled_from(
        ["As of Thursday 2 March", "On 14 May", "By April", "Earlier this week"]
    ),
    verb=st.sampled_from(["told a press conference that", "told reporters that", "said"]),
    n=st.integers(20, 900),
)
def test_a_time_before_a_described_speaker(opening, verb, n):
    text = f"{opening}, the town's mayor, Abdirahin Ali, {verb} {n} people had been killed."
    assert claim_at(text, str(n))["claimant"] == "Abdirahin Ali"


# "X says …, citing an interagency assessment report": a nameless document backs the speaker's
# figure; a named body cited is still the source ("citing UNHCR").
@given(
    document=st.sampled_from(
        [
            "an interagency assessment report",
            "ministry data",
            "the latest reports",
            "unnamed sources",
        ]
    ),
    n=st.integers(100, 900),
)
def test_citing_a_nameless_document_keeps_the_speaker(document, n):
    text = f"The Relief Agency says the fighting has claimed the lives of over {n} people, citing {document}."
    assert claim_at(text, "over")["claimant"] == "Relief Agency"


def test_citing_a_named_body_credits_it():
    text = "The Relief Agency says the fighting has claimed the lives of over 300 people, citing UNHCR."
    assert claim_at(text, "over")["claimant"] == "UNHCR"


# An infobox line sets counts side by side with no punctuation: "~300 people dead 154,000
# civilians displaced" is two claims; "dead" takes no object, so the next count is not its own.
@given(dead=st.integers(100, 999), moved=st.integers(1_000, 200_000))
def test_counts_side_by_side_after_dead(dead, moved):
    found = claim_records(
        f"~{dead} people dead[10] {moved:,} civilians displaced[11] |", outlet=OUTLET
    )
    assert sorted((c["measure"], c["value"]) for c in found) == [
        ("displaced", moved),
        ("killed", dead),
    ]


# Families and households are homes counted, not people; the people restated in brackets after
# them are, with the predicate that follows the bracket ("who had just been displaced").
@given(
    homes=st.integers(10, 900),
    noun=st.sampled_from(["families", "households", "displaced families"]),
    adverb=st.sampled_from(["", "just ", "recently "]),
)
def test_families_are_not_people_but_the_people_after_them_are(homes, noun, adverb):
    people = homes * 6
    text = f"About {homes} {noun} ({people} people) who had {adverb}been displaced arrived in town."
    found = claim_records(text, outlet=OUTLET)
    assert [(c["measure"], c["value"]) for c in found] == [("displaced", people)]


# People who received aid are counted by who helps them, not by what befell them.
@given(
    n=st.integers(1_000, 90_000),
    aid=st.sampled_from(["cash assistance", "food aid", "shelter kits"]),
)
def test_people_who_received_aid_are_not_a_claim(n, aid):
    assert (
        claim_records(f"So far, more than {n:,} individuals have received {aid}.", outlet=OUTLET)
        == []
    )


# The residents of a place are people wherever they are said to be from; the last count inside
# brackets is not the subject of the verb after them ("(132 290 maquisards and 204 458
# civilians) were killed" counts neither), nor is a year in brackets.
@given(
    n=st.integers(1_000, 9_000),
    home=st.sampled_from(["border settlements", "the village", "nearby towns"]),
)
def test_residents_of_a_place_evacuated(n, home):
    found = claim_at(
        f"About {n:,} residents of {home} had been evacuated, the governor said.", "About"
    )
    assert found["measure"] == "evacuated" and found["claimant"] == "governor"


def test_a_bracketed_breakdown_is_not_the_subject_after_the_bracket():
    text = (
        "According to the archives, 152 863 of a cumulative 336 748 moudjahidines (132 290 FLN "
        "maquisards and 204 458 FLN civilians) were killed, a figure close to others."
    )
    assert all(c["value"] not in (132_290, 204_458) for c in claim_records(text, outlet=OUTLET))
    text = "Total: 40,000 (1976)[11] – 80,000 (1977)[12] refugees"
    assert all(c["value"] not in (1976, 1977) for c in claim_records(text, outlet=OUTLET))


@given(n=st.integers(10, 900))
def test_assassinated_are_killed(n):
    assert (
        claim_at(f"The gang leader assassinated {n} elderly people.", str(n))["measure"] == "killed"
    )


# "Abyei displacement now estimated at 96,000": what is estimated at a figure is not who
# estimates it; "X estimated at least …", "estimated at the time that …" still name X.
@given(
    n=st.integers(1_000, 200_000),
    what=st.sampled_from(["Abyei displacement", "The death toll", "Casualties"]),
)
def test_what_is_estimated_at_a_figure_is_not_a_speaker(n, what):
    assert claim_at(f"{what} now estimated at {n:,}", f"{n:,}")["claimant"] == OUTLET


def test_who_estimated_at_least_still_speaks():
    assert (
        claim_at("UNHCR estimated at least 96,000 people were displaced.", "at least")["claimant"]
        == "UNHCR"
    )
    assert (
        claim_at("UNHCR estimated at the time that 96,000 people had fled.", "96,000")["claimant"]
        == "UNHCR"
    )


# Gapping: "September closed with 144 murders, October with a record 188 and November with
# 175": each later item says only its name and "with" before its count.
@given(
    counts=st.lists(st.integers(100, 999), min_size=2, max_size=4, unique=True),
    verb=st.sampled_from(["closed", "ended"]),
)
def test_gapped_items_with_their_counts(counts, verb):
    months = ["September", "October", "November", "December"]
    items = [f"{months[i]} with {n}" for i, n in enumerate(counts)]
    text = f"{months[0]} {verb} with {counts[0]} murders, " + ", ".join(items[1:-1])
    text = (text + ", " if len(items) > 2 else text) + f"and {items[-1]}."
    text = text.replace(", and", " and").replace(",  and", " and")
    for n in counts:
        assert claim_at(text, str(n))["measure"] == "killed"


# A text in a script the grammar does not read gives no claims, and `claims add` says so by
# name, so a user can tell an unread language from a text without claims.
@given(
    words=st.lists(
        st.sampled_from(["قُتل", "شخص", "ولايات", "دارفور", "убито", "человек", "области"]),
        min_size=3,
        max_size=12,
    ),
    numbers=st.lists(st.integers(10, 9_999), max_size=3),
)
def test_the_script_of_a_text(words, numbers):
    text = " ".join(words + [str(n) for n in numbers])
    arabic = sum(1 for w in words for c in w if c.isalpha() and "\u0600" <= c <= "\u06ff")
    cyrillic = sum(1 for w in words for c in w if c.isalpha() and "\u0400" <= c <= "\u04ff")
    expected = "Arabic" if arabic > cyrillic else "Cyrillic" if cyrillic > arabic else None
    if expected is not None:
        assert unread_script(text) == expected
    assert unread_script("SNHR says 4,500 people have been killed. " + text[:10]) is None


def test_claims_add_names_a_text_it_cannot_read(workspace, tmp_path):
    from typer.testing import CliRunner

    from recount.cli import app

    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "statement.txt").write_text(
        "Date: 2023-06-01\n\nAt least 3,000 people have been killed in Darfur, the UN said.\n",
        encoding="utf-8",
    )
    (texts / "bayan.txt").write_text(
        "قُتل ما لا يقل عن 3000 شخص في ولايات دارفور منذ أبريل 2023. وفي الخرطوم تجاوز عدد القتلى 600 شخص.",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["claims", "add", str(texts), "-w", str(workspace.root)])
    assert result.exit_code == 0, result.output
    assert "1 claims from 1 document(s)" in result.output
    assert "bayan.txt: no claims read; its text is in Arabic script" in result.output
    assert "statement.txt" not in result.output


# A prepositional aside between a speaker and its verb ("X, in a 1983 article, put …") leaves the
# speaker; a fronted time before an aside is no speaker ("Ten years earlier, in November 1982,
# estimates put …").
@given(
    aside=st.sampled_from(
        ["in a 1983 article", "on Monday", "in its annual report", "during a visit"]
    ),
    n=st.integers(1_000, 900_000),
)
def test_an_aside_between_speaker_and_verb(aside, n):
    text = f"Xavier Yacono, {aside}, put Algerian losses at about {n:,} dead."
    assert claim_at(text, "about")["claimant"] == "Xavier Yacono"


def test_a_fronted_time_before_an_aside_is_no_speaker():
    text = "Ten years earlier, in November 1982, estimates put the dead at approximately 50,000."
    assert claim_at(text, "approximately")["claimant"] == OUTLET
