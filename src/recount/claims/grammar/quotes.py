"""Quotations and their speakers, so that "we" in a quote is the person quoted.

A quote may run over several sentences ('"... we have documented 5,996 ...
Among the dead are 382 children," Bogner said.'). The speaker is read once
per quote, from the words just after it (', Bogner said', ', said the UN') or
just before it ('Bogner said: "'). A bare surname takes the full name the
text gave earlier ("Matilda Bogner").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from recount.claims.claimants import Gazetteer

_SAY = r"(?:said|says|told\s+\w+|added|adds|stated|states|noted|notes|warned|warns|explained|insisted|wrote|writes|declared|continued|stressed|emphasi[sz]ed|underlined|concluded|recalled)"
_TITLE = (
    r"(?:(?:UN\s+)?(?:spokesperson|spokesman|spokeswoman|chief|head|director|envoy|official)\s+)?"
)
_PERSON = r"(?:the\s+)?[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|al|el|bin|de|van|von)){0,4}"
# "…," the UN mission's human rights service wrote: a body named by a noun phrase
_BODY = r"the\s+(?:[\w'’.-]+\s+){0,5}?[\w'’.-]+"
_AFTER = re.compile(
    rf"^\s*,?\s*(?:{_SAY}\s+{_TITLE}(?P<after_verb>{_PERSON})|(?P<before_verb>{_PERSON}|{_BODY})\s+{_SAY}\b"
    rf"|(?P<pronoun>he|she)\s+{_SAY}\b|{_SAY}\s+(?P<pronoun2>he|she)\b)"
)
_BEFORE = re.compile(rf"(?P<name>{_PERSON})\s+{_SAY}\s*[:,]?\s*$")
_OPENERS = {"“": "”", "«": "»", '"': '"'}


@dataclass(frozen=True)
class Quote:
    start: int
    end: int
    speaker: str | None
    kind: str


def find_quotes(text: str, gazetteer: Gazetteer) -> list[Quote]:
    """Every quotation in `text` with its speaker when the text names one."""
    quotes = []
    position = 0
    last_person: tuple[str, str] | None = None
    while True:
        opening = _next_opening(text, position)
        if opening is None:
            break
        start, closer = opening
        end = text.find(closer, start + 1)
        if end < 0:
            break
        speaker, kind = _speaker(text, start, end + 1, gazetteer)
        if speaker in ("he", "she"):  # '…," she said': the person quoted last
            speaker, kind = last_person or (None, "other")
        elif speaker is not None:
            last_person = (speaker, kind)
        quotes.append(Quote(start, end + 1, speaker, kind))
        position = end + 1
    return quotes


def _next_opening(text: str, position: int) -> tuple[int, str] | None:
    best = None
    for opener, closer in _OPENERS.items():
        index = text.find(opener, position)
        if index >= 0 and (best is None or index < best[0]):
            best = (index, closer)
    return best


def _speaker(text: str, start: int, end: int, gazetteer: Gazetteer) -> tuple[str | None, str]:
    after = _AFTER.match(text[end : end + 80])
    name = None
    where = end
    if after:
        if after.group("pronoun") or after.group("pronoun2"):
            return after.group("pronoun") or after.group("pronoun2"), "person"
        name = after.group("after_verb") or after.group("before_verb")
        where = end + after.start()
    else:
        before = _BEFORE.search(text[max(0, start - 80) : start])
        if before:
            name = before.group("name")
            where = start
    if name is None:
        return None, "other"
    mentions = gazetteer.find(name)
    if mentions:
        return mentions[0].claimant.name, mentions[0].claimant.kind
    name = re.sub(r"^the\s+", "", name)
    if " " not in name:
        full = re.findall(rf"\b((?:[A-Z][\w'’-]+\s+){{1,3}}){re.escape(name)}\b", text[:where])
        if full:
            name = f"{full[-1].strip()} {name}"
    return name, "person" if name[0].isupper() else "other"
