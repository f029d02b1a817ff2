"""An encyclopedia infobox's fields: a label line, its sources and their bare counts.

    Deaths
    Human Rights Watch
    817 civilians
    Egypt's National Council for Human Rights: 632 killed
    624 civilians

A line that is only a measure ("Deaths", "Non-fatal injuries") opens a field; a line
that is only a name inside it names the source of the counts below; a bare count
("624 civilians", "8 police officers") takes the field's measure and its source. A
"Source: 632 killed" line does both at once. Prose ends the field.
"""

from __future__ import annotations

import re

from recount.claims.grammar.lexicon import MEASURES_AFTER, POPULATIONS, alternation
from recount.claims.numbers import QUALIFIER_PATTERN

_MEAS = alternation(MEASURES_AFTER)
_POP = alternation(POPULATIONS)
_COUNT = rf"(?:(?:{QUALIFIER_PATTERN})\s+)?\d[\d,.]*\+?"
LABEL_RE = re.compile(
    rf"^\W*(?:[A-Za-z-]+\s+)?(?P<meas>{_MEAS})\W*$",
    re.IGNORECASE,
)
BARE_COUNT_RE = re.compile(
    rf"^\W*{_COUNT}\s+(?:[A-Za-z-]+\s+){{0,2}}?(?:{_POP})\W*$",
    re.IGNORECASE,
)
SOURCE_COUNT_RE = re.compile(
    rf"^\W*(?P<source>[A-Z][^:\d]{{1,70}}?)\s*:\s*{_COUNT}\s+(?P<meas>{_MEAS})\W*$",
    re.IGNORECASE,
)
# A name alone on its line: capitalised words and the small words inside names.
NAME_LINE_RE = re.compile(
    r"^\W*(?P<name>[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.()-]*|of|for|the|and|on|in|de|al))"
    r"{0,9})\W*$"
)
PROSE_WORDS = 12  # a line longer than this is prose, not a field


def label_measure(line: str) -> str | None:
    """The measure a label line names ("Deaths": killed), or None."""
    match = LABEL_RE.match(line)
    return MEASURES_AFTER[_fold(match.group("meas"))] if match else None


def source_count(line: str) -> tuple[str, str] | None:
    """'Health Ministry: 638 killed': the source named and the measure, or None."""
    match = SOURCE_COUNT_RE.match(line)
    if match is None:
        return None
    return match.group("source").strip(), MEASURES_AFTER[_fold(match.group("meas"))]


def name_line(line: str) -> str | None:
    """A line that is only a name ("Human Rights Watch"), or None."""
    match = NAME_LINE_RE.match(line)
    return match.group("name") if match and LABEL_RE.match(line) is None else None


def is_bare_count(line: str) -> bool:
    """'624 civilians', '8 police officers': a count and whom, nothing else."""
    return BARE_COUNT_RE.match(line) is not None


def _fold(word: str) -> str:
    return " ".join(word.lower().split())
