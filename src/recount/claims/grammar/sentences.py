"""Sentence boundaries with character offsets into the original text.

Claims keep the exact sentence and offsets, so splitting never rewrites the
text: it only yields (start, end) spans. Abbreviations common in news copy
("Dr.", "U.N.", "Gen.", "Dec.") do not end a sentence; very long runs without
punctuation are cut at whitespace so every later step works on bounded text.

Two things of published text are read as such:

- citation markers ("killed.[6] In April", "camp,[3][5]") are blanked out
  (`mask_citations`, same length, so offsets hold) and never join sentences, nor
  does a full stop with no space after it ("to kill.Official sources");
- a line break ends a sentence (a headline, a list item, a line of an
  infobox) unless the text is hard-wrapped, which shows as some line that goes
  on in lower case after its break, or the break falls inside a known name or
  after a word no line ends with ("… for Human\nRights said").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

MAX_SENTENCE_CHARS = 1500

ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "capt", "sgt", "maj", "brig", "st",
    "jr", "sr", "no", "nos", "vs", "etc", "e.g", "i.e", "approx", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.n", "u.s", "u.k", "inc", "ltd",
    "co", "corp", "gov", "sen", "rep", "fig", "al", "est", "mt", "ft", "rev", "govt", "dept",
    "aprox",
}  # fmt: skip

# A full stop glued to the next sentence, as copied pages have it ("to kill.Official sources"):
# after a word of lower-case letters (or a number), before a capitalised word.
_GLUED = r"|(?<=[a-z]{2}|\d\d)\.(?=[A-Z][a-z])"
_BOUNDARY = re.compile(r"[.!?؟。]+[\"'”’»)\]]*(?=\s+|$)|\n[ \t]*\n\s*|\n(?=[ \t]*[-*•·])" + _GLUED)
_LINE_BREAK = re.compile(r"[.!?؟。]+[\"'”’»)\]]*(?=\s+|$)|\n\s*" + _GLUED)
_WRAPPED = re.compile(r"[\w,;]\n[ \t]*[a-z(]")
# A marker may carry the cited page ("[1]: 189", "[1]: 166–167"): the page is no count.
_CITATION = re.compile(
    r"\[(?:\d{1,3}|[a-z]|note \d{1,3}|nb \d{1,3}|citation needed|clarification needed|when\?|who\?|by whom\?|failed verification|dubious[^\]]{0,20})\]"
    r"(?::\s?\d{1,4}(?:\s?[–-]\s?\d{1,4})?(?!\d))?",
    re.IGNORECASE,
)
_NEXT_STARTS = re.compile(r"\s*[\"'“‘«(\[]?[A-Z0-9\u0600-\u06FF\u0660-\u0669]")
_WORD_BEFORE = re.compile(r"([\w.]+)$")


def mask_citations(text: str) -> str:
    """`text` with encyclopedia citation markers ("[6]", "[citation needed]") turned to spaces."""
    if "[" not in text:
        return text
    return _CITATION.sub(lambda m: " " * len(m.group(0)), text)


# Quotation marks around a figure alone ('reported that "nearly 170,000" bodies', 'the toll is
# "72,000 collected bodies"'): the words are the source's, the figure reads as if unquoted.
_QUOTED_FIGURE = re.compile(
    r"(?<![\w,])([\"“])((?:[^\W\d_]+\.?\s+){0,3}\d[\d,.]*(?:\s+(?:[^\W\d_][\w-]*)){0,3})([\"”])(?![\w])"
)


def unquote_figures(text: str) -> str:
    """`text` with the quotation marks around a figure alone turned to spaces (same length)."""
    if '"' not in text and "“" not in text:
        return text
    return _QUOTED_FIGURE.sub(lambda m: f" {m.group(2)} ", text)


def is_hard_wrapped(text: str) -> bool:
    """True when lines break inside sentences: a good share of the line breaks go on in lower
    case (one lower-case line in a list or an infobox does not make a text hard-wrapped)."""
    wrapped = len(_WRAPPED.findall(text))
    if wrapped == 0:
        return False
    breaks = len(re.findall(r"(?<!\n)\n(?!\s*\n)", text))
    return wrapped >= 2 and wrapped >= 0.25 * breaks or breaks <= 2


def split_sentences(
    text: str, names: list[tuple[int, int]] | tuple = ()
) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence in `text`, whitespace trimmed, in order.

    Citation markers should be masked first (`mask_citations`). A single line break inside
    one of `names` (spans of names the caller knows, "Syrian Observatory for Human\nRights"),
    or after a word no line of its own ends with ("for", "the"), goes on with the sentence.
    """
    start = 0
    boundary = _BOUNDARY if is_hard_wrapped(text) else _LINE_BREAK
    for match in boundary.finditer(text):
        end = match.end()
        if match.group(0)[0] in ".!?؟。" and not _ends_sentence(text, match.start(), end):
            continue
        if match.group(0).count("\n") == 1 and _line_goes_on(text, match.start(), names):
            continue
        yield from _trimmed_chunks(text, start, end)
        start = end
    yield from _trimmed_chunks(text, start, len(text))


# Words after which no headline, list item or line of a table ends: the line is wrapped.
_OPEN_WORDS = {"of", "for", "the", "a", "an", "and", "or", "in", "on", "at", "to", "by", "from",
               "with", "its", "their", "his", "her", "than", "between", "de", "del", "des", "du",
               "la", "le"}  # fmt: skip


def _line_goes_on(text: str, position: int, names: list[tuple[int, int]] | tuple) -> bool:
    if any(start < position < end for start, end in names):
        return True
    if text[position:].lstrip(" \t\n")[:1] in "-*•·":
        return False  # a list item starts on the next line
    word = re.search(r"([A-Za-z]+)[ \t]*$", text[max(0, position - 20) : position])
    return word is not None and word.group(1) in _OPEN_WORDS


def _ends_sentence(text: str, dot: int, end: int) -> bool:
    if end < len(text) and not _NEXT_STARTS.match(text, end):
        return False
    if text[dot] != ".":
        return True
    word = _WORD_BEFORE.search(text, max(0, dot - 20), dot)
    if word is None:
        return True
    token = word.group(1).lower().strip(".")
    if token in ABBREVIATIONS:
        return False
    return not (len(token) == 1 and token.isalpha())  # an initial: "J. Smith"


def _trimmed_chunks(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", start + MAX_SENTENCE_CHARS // 2, start + MAX_SENTENCE_CHARS)
        if cut <= start:
            cut = start + MAX_SENTENCE_CHARS
        yield start, cut
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        yield start, end
