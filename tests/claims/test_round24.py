"""Mechanisms of round 24 of issue #18 (claimants, and the figures of summaries), on text
written for these tests in the constructions of real reporting."""

from __future__ import annotations

from functools import partial

from claims_reading import claims_by
from hypothesis import given, settings
from hypothesis import strategies as st

OUTLET = "Wire"


# the claims of a text by where their quantity starts
claims_at = partial(claims_by, key="start", outlet=OUTLET, date="2025-02-01")


# Words of no language the grammar reads: what a quote restates is known from the figure alone.
foreign = st.lists(
    st.text("aeiouklmnprstv", min_size=3, max_size=7).map(lambda w: f"zq{w}"),
    min_size=1,
    max_size=3,
).map(" ".join)


# A figure quoted again in brackets, in the source's own words, restates the figure before it:
# the same claim, whatever the quote's language ("68 civilians died ('muoiono 68 civili')").
@settings(max_examples=30)
@given(
    clause=st.sampled_from(
        [
            ("{n} civilians died", "killed", "civilians"),
            ("the attack killed {n} soldiers", "killed", "combatants"),
            ("gunmen kidnapped {n} migrants", "abducted", "all"),
            ("{n} children were wounded", "injured", "children"),
        ]
    ),
    n=st.integers(11, 9_000),
    before=foreign,
    after=foreign,
    quote=st.sampled_from([("'", "'"), ("‘", "’"), ("“", "”")]),
)
def test_a_figure_quoted_again_in_the_sources_words_is_the_same_claim(
    clause, n, before, after, quote
):
    words, measure, population = clause
    english = words.format(n=f"{n:,}")
    gloss = f"{before} {n} {after}"
    text = f"On Monday {english} ({quote[0]}{gloss}{quote[1]}) in the town."
    found = claims_at(text)
    first, second = text.index(f"{n:,}"), text.index(gloss) + len(before) + 1
    assert second in found, found
    for key in ("measure", "population", "low", "high", "claimant"):
        assert found[second][key] == found[first][key], key
    assert found[first]["measure"] == measure and found[first]["population"] == population


# The sentence around such a quote reads as if the quote were not there ("98 soldiers dead ('98
# soldados murieron') and 47 wounded": the 47 are soldiers as in "98 soldiers dead and 47 wounded").
@settings(max_examples=30)
@given(
    first=st.sampled_from(["{n} soldiers died", "the shelling killed {n} children"]),
    second=st.sampled_from(
        ["and {m} were wounded", "and {m} others wounded", ", {m} of them women"]
    ),
    n=st.integers(11, 900),
    m=st.integers(2, 10),
    words=foreign,
)
def test_the_sentence_around_a_restating_quote_reads_as_without_it(first, second, n, m, words):
    plain = f"On Monday {first.format(n=n)} {second.format(m=m)}.".replace(" ,", ",")
    gloss = f" ('{words} {n}')"
    at = plain.index(str(n)) + len(str(n)) + len(first.format(n=n).split(str(n))[1])
    glossed = plain[:at] + gloss + plain[at:]
    keys = ("quantity_text", "measure", "population", "low", "high", "claimant")
    without = [tuple(c[k] for k in keys) for c in claims_at(plain).values()]
    within = [
        tuple(c[k] for k in keys)
        for c in claims_at(glossed).values()
        if c["construction"] != "gloss"
    ]
    assert within == without


# A quoted number that restates nothing said before it is no claim of its own.
@settings(max_examples=30)
@given(n=st.integers(11, 900), m=st.integers(901, 9_000), words=foreign)
def test_a_quoted_number_that_restates_no_figure_is_no_claim(n, m, words):
    text = f"On Monday {n} civilians died ('{words} {m}') in the town."
    found = claims_at(text)
    assert text.index(str(m)) not in found
    assert len(found) == 1


def claimant_of(text: str, number: str) -> str | None:
    """The claimant of the claim whose quantity starts with `number` (None: the text's own)."""
    claim = next(c for c in claims_at(text).values() if c["quantity_text"].startswith(number))
    return claim["claimant"] if claim["attributed"] else None


sources = st.sampled_from(["Local officials", "Hospital sources", "Rights monitors", "Villagers"])


# Each side of "…, while / whereas / but …" has its own speaker: a source named on one side does
# not speak for a figure on the other ("Officially, 85 were killed, while survivors reported 400").
@settings(max_examples=30)
@given(
    n=st.integers(20, 90),
    m=st.integers(200, 900),
    source=sources,
    joint=st.sampled_from([", while", ", whereas", ", but"]),
    verb=st.sampled_from(["reported", "spoke of", "counted"]),
)
def test_a_source_on_the_other_side_of_a_contrast_does_not_speak_for_a_figure(
    n, m, source, joint, verb
):
    text = f"Officially, {n} people were killed in the village{joint} {source.lower()} {verb} {m} dead."
    assert claimant_of(text, str(n)) is None
    assert claimant_of(text, str(m)) == source.lower()
    text = f"{source} declared that {n} people had been killed{joint} others spoke of {m} victims."
    assert claimant_of(text, str(n)) == source
    # before the contrast, the source's words go on after it
    text = f"{source} said {n} people had been killed{joint} {m} others were wounded."
    assert claimant_of(text, str(m)) == source


# "declared" is a verb of saying; "were declared dead" is what was said, and no one said it.
@settings(max_examples=20)
@given(n=st.integers(20, 900))
def test_a_passive_declared_names_no_one(n):
    text = f"On Monday {n} people were declared dead in the province."
    assert claimant_of(text, str(n)) is None


# A headline's figure is the lede's: it takes the claimant the body's first mention of it has, not
# that of a later paragraph that repeats the figure from another source.
@settings(max_examples=20)
@given(n=st.integers(20, 900), source=sources)
def test_a_headline_takes_the_claimant_of_the_first_mention_in_the_body(n, source):
    text = (
        f"Town mourns {n} dead\n"
        f"LONDON, 3 May 2024 (summary of a report) - Gunmen killed {n} people in the town on "
        f"Sunday.\n\n(summary of another report) - Eight men are to be tried over the attack in "
        f"which {n} people died, {source.lower()} said."
    )
    assert claimant_of(text, str(n)) is None


# A quote's speaker may be a body named by a noun phrase after it: '"… 12 people are missing. The
# figures are not exhaustive," the UN mission's human rights service wrote.'
@settings(max_examples=20)
@given(n=st.integers(20, 900), m=st.integers(2, 19))
def test_a_body_named_by_a_noun_phrase_speaks_for_its_quote(n, m):
    text = (
        f'"The attack left at least {n} dead. In addition, {m} people are missing. The figures '
        f"are not exhaustive,\" the UN mission's human rights service wrote."
    )
    assert claimant_of(text, "at least") == "United Nations"
    assert claimant_of(text, str(m)) == "United Nations"


# An officer speaks for the body named before ("the commission's president said"); a title alone
# or a country's officer ("Chad's president") is the person the text named with that title.
@settings(max_examples=20)
@given(n=st.integers(20, 900), m=st.integers(1_000, 9_000))
def test_an_officer_is_the_person_or_the_body_named_before(n, m):
    text = (
        f'"We lost {n} soldiers," President Amadou Sallé said on Monday.\n\n'
        f"(summary of a radio report) - Kandia's president said {m} soldiers were killed."
    )
    assert claimant_of(text, str(m)) == "Amadou Sallé"
    text = (
        f"About {n} migrants are kidnapped each day, according to a report by the National "
        f"Rights Commission. The commission's president said {m} migrants were kidnapped."
    )
    assert claimant_of(text, str(m)) == "National Rights Commission"


# A relative clause that reports what its own subject says: "the air strikes, which Afghan
# officials say killed 140 people"; "according to X and Y" names X first.
@settings(max_examples=20)
@given(n=st.integers(20, 900), source=sources)
def test_the_subject_of_a_relative_clause_of_saying_speaks(n, source):
    text = f"They died in the air strikes, which {source.lower()} say killed {n} people."
    assert claimant_of(text, str(n)) == source.lower()
    text = f"Soldiers killed {n} villagers, according to {source.lower()} and the opposition."
    assert claimant_of(text, str(n)) == source.lower()


def test_names_keep_their_extent():
    """An adverb is no part of the speaker; "U.N." keeps its last full stop; a newspaper whose
    title is a generic noun ("The Monitor") is that name where it speaks."""
    text = "Local officials still claim that more than 230 people were slaughtered."
    assert claimant_of(text, "more than") == "Local officials"
    text = "U.N. report says at least 26 people were killed\nPARIS (summary) - Rain fell."
    assert claimant_of(text, "at least") == "U.N."
    text = (
        "LIRA, 23 February 2004 (summary of The Monitor) - Rebels raided the camp on Saturday. "
        "The Monitor counted 173 bodies at the scene."
    )
    assert claimant_of(text, "173") == "The Monitor"
