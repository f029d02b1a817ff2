"""Who a sentence says is speaking: reported speech, "according to", "X's figures".

An attribution is a claimant with the position of its cue in the sentence; a
claim takes the attribution nearest to it in the same clause. Pronouns ("he
said", "the group said") resolve to the last claimant named earlier in the
document. No attribution means the outlet speaks for itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from recount.claims.claimants import ClaimantMention
from recount.claims.grammar.lexicon import (
    DETERMINERS,
    PRONOUNS,
    SOURCE_NOUNS,
    SPEECH_VERBS,
    alternation,
)


@dataclass(frozen=True)
class Attribution:
    cue: int  # offset of the cue in the sentence
    claimant: str | None  # None: a pronoun still to resolve
    kind: str
    mention: tuple[int, int] | None  # where the claimant is named in the sentence
    pronoun: str | None = None


_SPEECH_RE = re.compile(rf"\b(?:{alternation(SPEECH_VERBS)})\b", re.IGNORECASE)
_ACCORDING_RE = re.compile(r"\b(?:according\s+to|as\s+per|per)\s+", re.IGNORECASE)
_SOURCE_AFTER_RE = re.compile(
    rf"^(?:['’]s)?\s+(?:(?:latest|new|own|most|recent|updated|final|official|annual|monthly|\d{{4}})\s+){{0,3}}(?:{alternation(SOURCE_NOUNS)})\b",
    re.IGNORECASE,
)
_SOURCE_BEFORE_RE = re.compile(
    rf"\b(?:{alternation(SOURCE_NOUNS)})\s+(?:(?:compiled|published|released|issued|gathered)\s+)?(?:from|by|of)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_NP_BEFORE_RE = re.compile(
    r"((?:[A-Za-z][\w'’.-]*\s+){0,5}?[A-Za-z][\w'’.-]*)\s+(?:(?:has|have|had|also|previously|earlier|later|again|now|recently)\s+)*$"
)
_NP_AFTER_RE = re.compile(r"^\s*((?:[A-Za-z][\w'’.-]*)(?:\s+[A-Za-z][\w'’.-]*){0,6})")
_APPOSITION_RE = re.compile(
    r"([A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|al|el|bin|abu|de)){1,5}),\s+(?:a|an|the|who|head|director|spokesman|spokeswoman|spokesperson)\b[^,]{0,80},\s*$"
)
_CLAUSE_BREAK_RE = re.compile(
    r";|\s[—–]\s|,\s*(?:while|whereas|but|although|though)\b|\bwhile\b|\bwhereas\b"
)
_NOT_A_SPEAKER = {
    "were", "was", "are", "is", "been", "be", "being", "people", "civilians", "killed", "dead",
    "toll", "figure", "number", "it", "which", "that", "who", "what", "there", "and", "or",
}  # fmt: skip


def find_attributions(
    sentence: str, mentions: list[ClaimantMention], masked: list[tuple[int, int]]
) -> list[Attribution]:
    """Every attribution cue in the sentence, with its claimant (or a pronoun to resolve)."""
    found: list[Attribution] = []
    for match in _ACCORDING_RE.finditer(sentence):
        if match.group(0).strip().lower() == "per" and not _mention_at(mentions, match.end(), 6):
            continue
        found.append(_object_attribution(sentence, match.start(), match.end(), mentions))
    for mention in mentions:
        after = sentence[mention.end : mention.end + 60]
        if _SOURCE_AFTER_RE.match(after):
            found.append(_named(mention.start, mention))
        if _SOURCE_BEFORE_RE.search(sentence[max(0, mention.start - 60) : mention.start]):
            found.append(_named(mention.start, mention))
    for match in _SPEECH_RE.finditer(sentence):
        if any(s <= match.start() < e for s, e in masked):
            continue
        attribution = _speech_attribution(sentence, match, mentions)
        if attribution is not None:
            found.append(attribution)
    return [a for a in found if a is not None]


def _named(cue: int, mention: ClaimantMention) -> Attribution:
    return Attribution(
        cue, mention.claimant.name, mention.claimant.kind, (mention.start, mention.end)
    )


def _mention_at(
    mentions: list[ClaimantMention], position: int, slack: int
) -> ClaimantMention | None:
    for mention in mentions:
        if position <= mention.start <= position + slack:
            return mention
    return None


def _object_attribution(
    sentence: str, cue: int, after: int, mentions: list[ClaimantMention]
) -> Attribution:
    mention = _mention_at(mentions, after, 12)
    if mention is not None:
        return _named(cue, mention)
    phrase = _NP_AFTER_RE.match(sentence[after : after + 100])
    name = _clean_phrase(phrase.group(1)) if phrase else None
    return _unnamed(cue, name)


def _speech_attribution(
    sentence: str, verb: re.Match[str], mentions: list[ClaimantMention]
) -> Attribution | None:
    before = sentence[: verb.start()]
    clause_start = max([m.end() for m in _CLAUSE_BREAK_RE.finditer(before)], default=0)
    for mention in reversed(mentions):
        if (
            clause_start <= mention.start
            and mention.end <= verb.start()
            and verb.start() - mention.end <= 100
        ):
            between = sentence[mention.end : verb.start()]
            if (
                not _SPEECH_RE.search(between)
                and not re.search(r"\d", between)
                and _subject_gap(between)
            ):
                return _named(verb.start(), mention)
            break
    apposition = _APPOSITION_RE.search(before[-160:])
    if apposition is not None:
        return _unnamed(verb.start(), apposition.group(1))
    subject = _NP_BEFORE_RE.search(before[-80:])
    tail = before.rstrip()
    inverted = not tail or tail[-1] in ",\"'”’" or subject is None
    if not inverted and subject is not None:
        name = _clean_phrase(subject.group(1))
        if name is not None:
            return _unnamed(verb.start(), name)
        return None
    mention = _mention_at(mentions, verb.end(), 16)
    if mention is not None:
        return _named(verb.start(), mention)
    phrase = _NP_AFTER_RE.match(sentence[verb.end() : verb.end() + 100])
    name = _clean_phrase(phrase.group(1)) if phrase else None
    if name is None:
        return None
    return _unnamed(verb.start(), name)


def _subject_gap(between: str) -> bool:
    """The words between a named claimant and its verb: an apposition or an auxiliary, not a new subject."""
    stripped = between.strip()
    if not stripped:
        return True
    if (
        stripped.startswith(",")
        or stripped.startswith("(")
        or stripped.startswith("’s")
        or stripped.startswith("'s")
    ):
        return True
    words = stripped.lower().split()
    return len(words) <= 3 and all(
        w
        in {
            "has",
            "have",
            "had",
            "also",
            "previously",
            "earlier",
            "later",
            "again",
            "now",
            "recently",
            "on",
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
            "last",
            "week",
            "month",
            "year",
        }
        for w in words
    )


_PHRASE_STOPS = {
    "on", "in", "at", "that", "who", "which", "to", "with", "as", "from", "last", "this",
    "after", "before", "when", "while", "during", "since", "by", "has", "have", "had", "was",
    "is", "were", "are", "said", "says", "told",
}  # fmt: skip


_CONJUNCTIONS = {
    "but", "and", "while", "as", "so", "yet", "or", "although", "though", "whereas", "when",
    "after", "because", "where", "since", "if", "that", "then", "before",
}  # fmt: skip


def _clean_phrase(phrase: str) -> str | None:
    words = phrase.split()
    for index, word in enumerate(words):
        if index > 0 and word.lower() in _PHRASE_STOPS:
            words = words[:index]
            break
    while words and (words[0].lower() in DETERMINERS or words[0].lower() in _CONJUNCTIONS):
        words = words[1:]
    if not words:
        return None
    joined = " ".join(words).rstrip(".,")
    if any(w.lower() in _NOT_A_SPEAKER for w in words) and joined.lower() not in PRONOUNS:
        return None
    return joined


def _unnamed(cue: int, name: str | None) -> Attribution | None:
    if name is None:
        return None
    lowered = name.lower()
    if lowered in PRONOUNS or f"the {lowered}" in PRONOUNS:
        return Attribution(cue, None, "pronoun", None, pronoun=lowered)
    kind = "person" if name[0].isupper() else "other"
    return Attribution(cue, name, kind, None)


def choose_attribution(
    attributions: list[Attribution], sentence: str, position: int
) -> Attribution | None:
    """The attribution for a claim at `position`: same clause first, then nearest."""
    if not attributions:
        return None
    breaks = [m.start() for m in _CLAUSE_BREAK_RE.finditer(sentence)]

    def clause(offset: int) -> int:
        return sum(1 for b in breaks if b < offset)

    here = clause(position)
    return min(attributions, key=lambda a: (clause(a.cue) != here, abs(a.cue - position)))
