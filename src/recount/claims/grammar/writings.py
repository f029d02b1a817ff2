"""Whose a described piece of writing is: "a copy of its article", "the encyclopedia's page of 2001".

A summary of many sources names them by what they are ("an older text of the encyclopedia
article", "its list of ferry tragedies", "the infobox") more often than by name. Such a
description is not a claimant: the claimant is whoever the writing is by, the source named
before ("its", "their": a pronoun to resolve), the encyclopedia (which the project's summaries
and the copies they read mean by "the encyclopedia": Wikipedia), or, where the description
names no owner ("the infobox", "a cached copy"), no one.
"""

from __future__ import annotations

import re
from typing import NamedTuple

ENCYCLOPEDIA = "Wikipedia"

# What a text is as a thing: its copies and parts, not a body's report or study (those speak
# for the body named before them, as "the report" does).
_HEAD = (
    r"(?:copy|copies|text|version|revision|fork|mirror|edition|translation|article|page|"
    r"entry|infobox|list|table|timeline|caption|snippets?|section|excerpt|abstract|"
    r"picture\s+of\s+the\s+day)"
)
# A part that says nothing of its owner when nothing else does: "the infobox", "a cached copy".
_OWNERLESS_HEAD = (
    r"(?:copy|text|version|revision|fork|mirror|infobox|caption|snippets?|excerpt|abstract)"
)
_DESCRIBING = r"(?:(?:[a-z]+(?:er|est|ed|al|ent|ious|ic)|old|new|first|own|online|cached|same)\s+)"
_DETERMINER = r"(?:(?:[Aa]n?|[Tt]he)\s+)?"
_ENCYCLOPEDIA = r"(?:online\s+)?encyclop(?:a)?edia(?:['’]s)?(?:\s+(?:article|page|entry))?"

_POSSESSED_RE = re.compile(
    rf"^{_DETERMINER}(?:(?P<pronoun>its|their)|(?:the\s+)?(?P<encyclopedia>{_ENCYCLOPEDIA}))"
    rf"\s+{_DESCRIBING}{{0,2}}{_HEAD}\b",
    re.IGNORECASE,
)
_OF_OWNER_RE = re.compile(
    rf"^{_DETERMINER}{_DESCRIBING}{{0,2}}{_HEAD}\s+(?:of|from|in)\s+"
    rf"(?:(?P<pronoun>its|their)\b|{_DETERMINER}{_DESCRIBING}{{0,2}}(?P<encyclopedia>{_ENCYCLOPEDIA})\b)",
    re.IGNORECASE,
)
_OWNERLESS_RE = re.compile(rf"^{_DETERMINER}{_DESCRIBING}{{0,2}}{_OWNERLESS_HEAD}$")


class Writing(NamedTuple):
    owner: str | None  # "it", "they" (to resolve), "Wikipedia", or None: nobody named


def writing_owner(phrase: str) -> Writing | None:
    """The owner of the writing `phrase` describes; None when `phrase` is not such a description
    (a name, a body, a person, "the report")."""
    phrase = " ".join(phrase.split()).rstrip(",")
    for pattern in (_POSSESSED_RE, _OF_OWNER_RE):
        found = pattern.match(phrase)
        if found is None:
            continue
        if found["pronoun"]:
            return Writing("they" if found["pronoun"].lower() == "their" else "it")
        return Writing(ENCYCLOPEDIA)
    if _OWNERLESS_RE.match(phrase):
        return Writing(None)
    return None
