"""Claimants a text defines itself: "the UN Assistance Mission in Afghanistan (UNAMA)".

News and reports introduce an organisation once with its acronym, in brackets
or as "…, or ACLED," and then use either. The pair is read from the text when
the acronym's letters are the initials of the name (in order, the first with
the first), so "(RSF)" after "Rapid Support Forces" is a definition and
"(AP)" after a sentence is not. A name the gazetteer knows lends its canonical
entry to the acronym, and the other way round; otherwise the name becomes a
claimant of this document, with the acronym as its alias.
"""

from __future__ import annotations

import re

from recount.claims.claimants import Claimant, Gazetteer

# A last word an acronym may leave out: "Armed Conflict Location & Event Data Project (ACLED)".
_GENERIC_TAIL = {"project", "group", "agency", "organisation", "organization", "network",
                 "programme", "program", "initiative", "centre", "center", "office"}  # fmt: skip
# Arabic names keep their particles in lower case: "Jama'at Nusrat al-Islam wal Muslimeen (JNIM)".
_CONNECTORS = {"of", "the", "for", "on", "in", "and", "&", "to", "de", "du", "des", "la", "le",
               "wal", "wa", "bin", "ibn"}  # fmt: skip
_WORD = r"[A-Z][\w'’.-]*|[a-z]{1,3}-[A-Z][\w'’.-]*|of|the|for|on|in|and|&|to|de|du|des|la|le|wal|wa|bin|ibn"
_NAME = rf"(?P<name>(?:(?:{_WORD})\s+){{0,11}}(?:[A-Z][\w'’.-]*|[a-z]{{1,3}}-[A-Z][\w'’.-]*))"
_ACRONYM = r"[A-Z][A-Za-z&-]{0,9}[A-Z]"
_DEFINITION = re.compile(
    rf"{_NAME}\s*(?:\(\s*(?P<acronym>{_ACRONYM})\s*\)"
    rf"|,\s+(?:or|known\s+as|also\s+known\s+as)\s+(?P<acronym2>{_ACRONYM})\b)"
)
_REVERSE = re.compile(rf"\b(?P<acronym>{_ACRONYM})\s*\(\s*{_NAME}\s*\)")


def definitions(text: str) -> list[tuple[str, str]]:
    """(name, acronym) pairs the text defines, in order."""
    found = []
    for pattern in (_DEFINITION, _REVERSE):
        for match in pattern.finditer(text):
            acronym = match.group("acronym") or match.groupdict().get("acronym2")
            name = _defined_name(match.group("name"), acronym)
            if name is not None:
                found.append((match.start(), name, acronym))
    return [(name, acronym) for _, name, acronym in sorted(found)]


def _defined_name(phrase: str, acronym: str) -> str | None:
    """The shortest tail of `phrase` whose initials spell `acronym`, or None."""
    words = phrase.split()
    letters = [ch for ch in acronym if ch.isalpha()]
    for first in range(len(words) - 1, -1, -1):
        tail = words[first:]
        if not tail[0][0].isupper():
            continue
        if _spells(letters, tail):
            return " ".join(tail)
    return _named_in_another_language(letters, words)


def _named_in_another_language(letters: list[str], words: list[str]) -> str | None:
    """'United Nations Integrated Office in Haiti (BINUH)': an acronym of the name in another
    language shares most letters with the name's initials; the name must be long and proper."""
    start = next((i for i, w in enumerate(words) if w[0].isupper()), None)
    if start is None:
        return None
    name = words[start:]
    content = [w for w in name if w.lower() not in _CONNECTORS]
    if len(content) < 3 or not all(w[0].isupper() for w in content):
        return None
    initials = [w[0].upper() for w in content]
    shared = sum(1 for ch in {c.upper() for c in letters} if ch in initials)
    return " ".join(name) if shared >= 0.6 * len(set(letters)) else None


def _spells(letters: list[str], words: list[str]) -> bool:
    initials: list[list[str]] = []
    content = [w for w in words if w.lower() not in _CONNECTORS]
    for word in words:
        if word.lower() in _CONNECTORS:
            continue
        capitals = [ch for ch in word if ch.isupper()]
        lowered = word[0].islower() and capitals  # "al-Islam" is spelt by its I
        initials.append(capitals if len(capitals) > 1 or lowered else [word[0].upper()])
    if len(initials) < 2 or not initials[0] or initials[0][0] != letters[0].upper():
        return False
    flat = [(index, ch) for index, caps in enumerate(initials) for ch in caps]
    position = 0
    last_word = -1
    for letter in (ch.upper() for ch in letters):
        while position < len(flat) and flat[position][1] != letter:
            position += 1
        if position == len(flat):
            return False
        last_word = flat[position][0]
        position += 1
    if last_word == len(initials) - 1:
        return True
    return last_word == len(initials) - 2 and content[-1].lower() in _GENERIC_TAIL


def document_gazetteer(text: str, gazetteer: Gazetteer, country: str | None = None) -> Gazetteer:
    """`gazetteer` plus the name/acronym pairs `text` defines, and the generic names that mean
    a claimant in a text about `country` ("Commission of Inquiry" about Syria)."""
    gazetteer = gazetteer.for_country(country)
    pairs = definitions(text)
    if not pairs:
        return gazetteer
    extra: list[Claimant] = []
    for name, acronym in pairs:
        known = _known(gazetteer, name) or _known(gazetteer, acronym)
        if known is not None:
            extra.append(Claimant(known.name, known.kind, (name, acronym)))
        else:
            extra.append(Claimant(_strip_article(name), "other", (acronym, name)))
    return gazetteer.merged(extra)


def _known(gazetteer: Gazetteer, alias: str) -> Claimant | None:
    mentions = gazetteer.find(alias)
    if len(mentions) == 1 and mentions[0].start <= 4 and mentions[0].end == len(alias):
        return mentions[0].claimant
    return None


def _strip_article(name: str) -> str:
    return re.sub(r"^(?:the|The)\s+", "", name)
