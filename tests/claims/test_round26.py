"""Mechanisms of round 26 of issue #18 (a claimant's name taken whole), on text written for these
tests in the constructions of real reporting."""

from __future__ import annotations

from functools import partial

from claims_reading import claims_by
from hypothesis import given, settings
from hypothesis import strategies as st

OUTLET = "Wire"

claims_of = partial(claims_by, key="text", outlet=OUTLET, date="2025-02-01")

count = st.integers(12, 999)  # not a year
agency = st.sampled_from(["Tanjug", "Anadolu", "Bernama", "Antara"])


# A copied page's links lose their spaces ("According to theXinhua News Agency,"): the name is
# the agency's whole name, not its last two words.
@settings(max_examples=25)
@given(agency=agency, n=count, glue=st.sampled_from(["the", "the "]))
def test_a_name_glued_to_its_article_is_read_whole(agency, n, glue):
    found = claims_of(f"According to {glue}{agency} News Agency, {n} people were confirmed dead.")
    assert found[str(n)]["claimant"] == f"{agency} News Agency"
    assert found[str(n)]["attributed"]


# A work whose title joins its words with "at" or "on" ("The Irish at War", "the Commission on
# Human Rights") is one name; a day or a date after "on" is not part of it.
@settings(max_examples=25)
@given(
    name=st.sampled_from(
        [
            "The Balkans at War",
            "The Scots at Sea",
            "The Inter-American Commission on Human Rights",
            "The Committee on Missing Persons",
        ]
    ),
    n=count,
)
def test_a_title_that_goes_on_through_at_or_on_is_one_name(name, n):
    found = claims_of(f"{name} puts the dead at {n}, with many more injured.")
    assert found[str(n)]["claimant"] == name.removeprefix("The ")
    for day in ("Tuesday", "3 May"):  # a day after "on" is not part of a name
        found = claims_of(f"Amnesty International on {day} said {n} people were killed.")
        assert found[str(n)]["claimant"] == "Amnesty International"


# "A Radio Free Europe picture gallery said": the broadcaster speaks, its gallery is the vehicle;
# "the New Zealand student paper Critic": the paper's name, its description left out.
@settings(max_examples=25)
@given(
    vehicle=st.sampled_from(["picture gallery", "photo gallery", "photo essay", "video"]),
    n=count,
)
def test_a_gallery_speaks_for_its_publisher(vehicle, n):
    found = claims_of(f"A Radio Free Europe {vehicle} said at least {n} people were killed.")
    assert found[f"at least {n}"]["claimant"] == "Radio Free Europe"


@settings(max_examples=25)
@given(
    described=st.sampled_from(["New Zealand student paper", "South African student weekly"]),
    paper=st.sampled_from(["Critic", "Varsity", "Salient"]),
    n=count,
)
def test_a_name_after_its_description_with_a_two_word_adjective(described, paper, n):
    found = claims_of(f"The {described} {paper} wrote that the attack left {n} tourists dead.")
    assert found[str(n)]["claimant"] == paper


# A title word inside a body's name ("General" in the USSR General Public Prosecutor's Office)
# is not a person's title: the body keeps its whole name.
@settings(max_examples=20)
@given(
    body=st.sampled_from(
        [
            "USSR General Public Prosecutor's Office",
            "Yugoslav Chief Military Prosecutor's Office",
            "Soviet General Staff Directorate",
        ]
    ),
    n=count,
)
def test_a_title_word_inside_a_body_s_name_stays(body, n):
    found = claims_of(
        f"The riots, which, according to the {body}, killed {n} people, ended on Sunday."
    )
    assert found[str(n)]["claimant"] == body
    found = claims_of(f"Armenian Prime Minister Nikol Pashinyan said {n} people were killed.")
    assert found[str(n)]["claimant"] == "Nikol Pashinyan"  # a person's title is left out


# "the Government of Bangladesh (GoB) official reports indicated": the government's reports, so
# the government is the claimant, not "official reports".
@settings(max_examples=25)
@given(
    body=st.sampled_from(["Government of Nepal", "Government of Fiji", "Nepal Army"]),
    acronym=st.sampled_from([" (GoX)", ""]),
    noun=st.sampled_from(["official reports", "latest reports", "reports"]),
    n=count,
)
def test_a_body_s_reports_are_the_body_s(body, acronym, noun, n):
    found = claims_of(
        f"As of 3 May, the {body}{acronym} {noun} indicated a death toll of {n} people."
    )
    assert found[str(n)]["claimant"] == body


# "the paper wrote" refers back to the last newspaper named, as "the ministry" does to a ministry.
@settings(max_examples=20)
@given(
    paper=st.sampled_from(["The Oslo Tribune", "The Bergen Times", "The Sunday Observer"]),
    n=count,
)
def test_the_paper_is_the_last_newspaper_named(paper, n):
    text = (
        f"OSLO, 3 May 1999 (summary of {paper}, 1999; a blog) - Thirty people died in the blasts, "
        f"{paper} reports. Years later the paper wrote that the explosions killed {n} people."
    )
    found = claims_by(text, outlet="recount summary", date="1999-05-03")
    assert found[str(n)]["claimant"] == paper.removeprefix("The ")


# "A blog gives 33 dead": the article is no name.
@settings(max_examples=15)
@given(writing=st.sampled_from(["blog", "blog post", "video"]), n=count)
def test_an_article_before_a_writing_is_no_name(writing, n):
    found = claims_of(f"A {writing} gives {n} dead.")
    assert found[str(n)]["claimant"] not in ("A", "a")


# "…: the Court, which condemned the state, speaks of 45 victims": the head after the colon.
@settings(max_examples=15)
@given(
    body=st.sampled_from(["Inter-American Court of Human Rights", "African Commission on Peace"]),
    n=count,
)
def test_a_head_with_a_relative_clause_after_a_colon(body, n):
    found = claims_of(
        f"The ministry says the count is unclear: the {body}, which condemned the state in 2001, "
        f"speaks of {n} victims, while residents speak of almost a hundred."
    )
    assert found[str(n)]["claimant"] == body


# "killed: 21 Danes, 9 Italians, five Canadians": each item after the colon is a count of the
# same measure, its people named by a capitalised word (a nationality) as by a lower-case one.
@settings(max_examples=25)
@given(
    peoples=st.permutations(["Danes", "Italians", "Canadians", "Chileans", "Austrians"]),
    counts=st.lists(st.integers(2, 99), min_size=5, max_size=5, unique=True),
    verb=st.sampled_from([("killed", "killed"), ("wounded", "injured")]),
)
def test_a_breakdown_by_nationality_keeps_its_measure(peoples, counts, verb):
    word, measure = verb
    items = ", ".join(f"{n} {p}" for n, p in zip(counts[:4], peoples[:4], strict=True))
    text = f"A total of 400 foreign visitors were {word}: {items} and {counts[4]} {peoples[4]}."
    found = claims_of(text)
    for n in counts:
        assert found[str(n)]["measure"] == measure
