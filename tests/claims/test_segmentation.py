"""Sentence splitting of published text: offsets, citation markers, headlines (hypothesis)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from recount.claims.grammar.sentences import is_hard_wrapped, mask_citations, split_sentences
from recount.claims.numbers import find_quantities

WORDS = st.sampled_from(
    [
        "the",
        "monitor",
        "said",
        "people",
        "were",
        "killed",
        "in",
        "Aleppo",
        "UN",
        "toll",
        "12",
        "300,000",
    ]
)
SENTENCES = st.lists(WORDS, min_size=1, max_size=12).map(lambda w: " ".join(w).capitalize() + ".")
MARKERS = st.sampled_from(["", "[1]", "[12]", "[3][4]", "[citation needed]", "[a]"])


@given(st.text(max_size=400))
def test_masking_keeps_every_offset(text):
    masked = mask_citations(text)
    assert len(masked) == len(text)
    assert all(a == b or b == " " for a, b in zip(text, masked, strict=True))


@given(st.text(max_size=400))
def test_spans_are_trimmed_ordered_and_inside_the_text(text):
    spans = list(split_sentences(text))
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        assert not text[start].isspace() and not text[end - 1].isspace()
        previous_end = end


@given(st.lists(st.tuples(SENTENCES, MARKERS), min_size=1, max_size=6))
def test_citation_markers_end_no_sentence_early_and_join_none(parts):
    text = " ".join(sentence + marker for sentence, marker in parts)
    masked = mask_citations(text)
    spans = list(split_sentences(masked))
    assert len(spans) == len(parts)
    assert "[" not in "".join(masked[s:e] for s, e in spans)


@given(st.lists(SENTENCES, min_size=1, max_size=5))
def test_a_headline_line_is_a_sentence_of_its_own(body):
    text = "Airstrikes kill 12 in Idlib\n" + " ".join(body)
    spans = list(split_sentences(text))
    assert text[spans[0][0] : spans[0][1]] == "Airstrikes kill 12 in Idlib"
    assert len(spans) == 1 + len(body)


def test_hard_wrapped_text_is_recognised():
    assert is_hard_wrapped("the monitor said that\nsome 300 people were killed")
    assert not is_hard_wrapped("Airstrikes kill 12\nAt least 30 were wounded.")


@given(st.integers(min_value=1, max_value=12))
def test_dozens_of_words_are_twelves(n):
    words = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
             "eleven", "twelve"]  # fmt: skip
    (quantity,) = find_quantities(f"{words[n - 1]} dozen people")
    assert quantity.value == 12 * n


@given(st.integers(min_value=1, max_value=999), st.integers(min_value=0, max_value=999))
def test_a_grouped_numeral_glued_to_a_label_is_read(thousands, units):
    numeral = f"{thousands},{units:03d}"
    (quantity,) = find_quantities(f"Deaths{numeral}+ killed")
    assert quantity.low == thousands * 1000 + units and quantity.text == f"{numeral}+"


def test_one_lower_case_line_does_not_make_a_list_hard_wrapped():
    from recount.claims.grammar.sentences import is_hard_wrapped

    infobox = (
        "Casualties and losses\nYugoslav Army: 1,008 killed\nNATO: 2 killed\n(non-combat)\n"
        "Civilians: 489–528 killed\nDisplaced: 1.2 million\nRefugees: 860,000\n"
    )
    assert not is_hard_wrapped(infobox)
    wrapped = (
        "The fighting has killed more than 300 people\nin the past week, the ministry said,\n"
        "and displaced thousands\nfrom their homes in the north.\n"
    )
    assert is_hard_wrapped(wrapped)
