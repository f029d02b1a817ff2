"""Who a sentence says is speaking: reported speech, "according to", "X's figures".

An attribution is a claimant with the position of its cue in the sentence; a
claim takes the attribution nearest to it in the same clause. Pronouns ("he
said", "the group said") resolve to the last claimant named earlier in the
document. No attribution means the outlet speaks for itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from recount.claims.claimants import ClaimantMention
from recount.claims.grammar.lexicon import (
    COMPILED_PARTICIPLES,
    DETERMINERS,
    EVENT_NOUNS,
    NOBODY,
    POPULATIONS,
    PRONOUNS,
    SOURCE_NOUNS,
    SPEECH_VERBS,
    VERB_NOUNS,
    alternation,
)
from recount.claims.grammar.writings import writing_owner
from recount.claims.numbers import QUALIFIER_PATTERN, UNITS
from recount.claims.scope import country_of_adjective, find_places


@dataclass(frozen=True)
class Attribution:
    cue: int  # offset of the cue in the sentence
    claimant: str | None  # None: a pronoun still to resolve
    kind: str
    mention: tuple[int, int] | None  # where the claimant is named in the sentence
    pronoun: str | None = None
    scope: tuple[int, int] | None = None  # only claims inside it ("estimates of 6,000 given by X")


_SPEECH_WORDS = {verb.lower() for verb in SPEECH_VERBS}
_SAID = {"said", "says", "reported", "told", "stated", "added", "noted", "confirmed", "announced"}
_BRACKETED_SOURCE_RE = re.compile(
    r"\d[^()]{0,60}\(\s*(?:per\s+|according\s+to\s+|source:\s*)?(?:the\s+)?$", re.I
)
_PROPER_SUBJECT_RE = re.compile(
    r"^\W*((?:[A-Z][\w'’.-]*\s+){1,5}?)(?:has\s+|have\s+|had\s+)?[a-z]+\s+$"
)
_POSSESSOR_RE = re.compile(
    r"(?P<np>\b(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?[\w-]+)['’]s\s+(?:(?:own|latest|new|official|"
    r"final|initial|first|revised|[a-z]+ly)\s+){0,2}(?:figures?|estimates?|count|tally|toll|data|"
    r"statistics|numbers|reports?|lists?|registers?|database)\b",
    re.IGNORECASE,
)
_POSSESSIVE_SOURCE_RE = re.compile(
    r"\b(?P<owner>its|their)\s+(?:(?:other|own|latest|new|final|full|updated|main|key|revised|"
    r"earlier|initial|[a-z]+ly|[a-z]+ed)\s+){0,2}(?:findings|figures|data|report|estimates?|count|tally|"
    r"information|"
    r"statistics|records|numbers|calculations|analysis|survey|study|documentation)\b",
    re.IGNORECASE,
)
_SPEECH_RE = re.compile(rf"\b(?:{alternation(SPEECH_VERBS)})\b", re.IGNORECASE)
_ACCORDING_RE = re.compile(
    r"\b(?:according\s+to|as\s+per|per|citing|quoting|cited\s+by|quoted\s+by)\s+", re.IGNORECASE
)
# "the latest reports from de facto authorities", "a conservative estimate by ACLED": the source.
_SOURCE_OF_RE = re.compile(
    rf"(?:(?:the|a|an|its|their|latest|new|recent|conservative|official|updated|final|preliminary|initial|separate|own|\w+ly|(?-i:[a-z][\w-]*))\s+){{0,4}}"
    rf"(?:{alternation(SOURCE_NOUNS)})\s+(?:(?:{alternation(COMPILED_PARTICIPLES)})\s+(?:[^\s,;.]+\s+){{0,5}}?)?(?:from|by|of)\s+",
    re.IGNORECASE,
)
# "estimates of more than 6,000 given by other monitors", "Estimates ..., by various war monitors".
_GIVEN_BY_RE = re.compile(
    rf"\b(?P<noun>{alternation(SOURCE_NOUNS)})\b(?:\s+by(?=\s+(?:the\s+)?[A-Z])|[^.;:!?]{{0,90}}?,\s*by|\s+(?:[^\s.;:!?]+\s+){{0,6}}?(?:given|provided|supplied|published|released|issued|compiled|cited|made|put\s+forward|documented|recorded|collected|verified|reported|written|authored|commissioned)\s+by)\s+",
    re.IGNORECASE,
)
# "…, which said 400 people had died": the speaker is the noun phrase the clause belongs to.
_RELATIVE_RE = re.compile(
    r"(?P<np>[^,;:()]{2,80}?)\s*,?\s+(?:which|who)\s+(?:also\s+|has\s+|had\s+|have\s+)?$"
)
_NOUN_BEFORE_RE = re.compile(
    r"(?:\b(?:a|an|the|its|their|his|her|this|that|these|those|latest|new|recent|conservative|official|annual|monthly|weekly|final|own|separate|previous|earlier)\s+(?:[a-z0-9-]+\s+)?|\b(?:on|in|of|for|from|with|into|at)\s+|\d\s*)$",
    re.IGNORECASE,
)
# "…, which Afghan officials say killed 140", "68 people who villagers say were killed": a relative
# clause that reports what its own subject says.
_EMBEDDED_SPEAKER_RE = re.compile(
    r"\b(?:which|who|whom)\s+(?P<np>(?!(?:also|has|have|had|is|are|was|were|then|now)\b|\w+(?:ed|ing)\b)"
    r"(?:[\w'’.-]+\s+){0,3}?[\w'’.-]+)\s+$",
    re.IGNORECASE,
)
# "a study which was conducted in January 2018 estimated …": the subject before its clause.
_SUBJECT_RELATIVE_RE = re.compile(
    r"(?:^|[,;:]\s+)(?P<np>(?:the|a|an)\s+(?:[a-z-]+\s+){0,2}[a-z]+)\s+(?:which|that|who)\s+(?:was|were|is|are|has\s+been|had\s+been)\s+[a-z]+ed\b[^,;]{0,60}$"
)
_DETERMINER_BEFORE_RE = re.compile(
    r"\b(?:a|an|the|its|their|his|her|this|that|these|those|on|in|of|for|from|with|into|at)\s+$",
    re.IGNORECASE,
)
# A participle right after what is counted modifies it ("the massacres recorded between 1980 and
# 2012"): such nouns never speak, so the verb is not a speech verb with a subject.
_MODIFIED_NOUN_RE = re.compile(
    r"\b(?:deaths|killings|murders|fatalities|casualties|injuries|victims|dead|massacres|attacks|"
    r"incidents|cases|violations|figures?|numbers?|count|toll|tally|people|civilians|bodies|"
    r"names|lists?|those|these|(?:\ba|\ban)\s+(?:[\w-]+\s+)?(?:study|report|survey|analysis|paper|"
    r"review))\s+(?:(?:ever|previously|officially|already|so\s+far|never|not|yet)\s+)?$",
    re.IGNORECASE,
)
# Reported speech inside reported speech: "Its article says state officials admit that 16 …",
# "BBC News wrote that officials now said …": the inner speaker's subject starts after the outer
# verb (the carrier's), not at the sentence's start.
_INNER_SPEAKER_RE = re.compile(
    r"\b(?:said|says|wrote|writes|added|adds)\s+(?:that\s+)?"
    r"(?P<np>(?!(?:it|he|she|they|we|i|there|this|that)\s)(?:(?!(?:that|had|has|have|was|were|is|"
    r"are|would|could|will|so|and|as)\s)[^\W\d_][\w'’.-]*\s+){1,5})$",
    re.IGNORECASE,
)
_NOT_AGENT_NOUNS = {*SOURCE_NOUNS, *VERB_NOUNS, "tolls", "studies", "reports", "accounts"}


def _agent_head(phrase: str) -> bool:
    """Whether a noun phrase's head can speak: people or a body, not figures or a report."""
    words = phrase.split()
    return bool(words) and words[-1].lower() not in _NOT_AGENT_NOUNS


# A carrier quoting its source: "X quoted the Prosecutor's Office as confirming", "cited officials
# as saying" (the source speaks, the carrier carries).
_QUOTED_AS_RE = re.compile(
    r"\b(?:quoted|quotes|quoting|cited|cites|citing)\s+(?P<np>[^,;:]{2,80}?)\s+as\s+$"
)
_PARTICIPLE_RE = re.compile(r"(?:,\s*|\b(?:while|and|as|before|after)\s+)$", re.IGNORECASE)
_GENERIC_SPEAKERS = {"commission", "mission", "project", "study", "survey", "team", "database",
                     "tracker", "department", "authority", "committee", "council", "unit",
                     "directorate", "institute", "researchers", "service", "authorities", "army",
                     "military", "police", "ministry", "office", "agency", "report", "statement",
                     "organisation", "organization", "network", "centre", "center"}  # fmt: skip
_SOURCE_AFTER_RE = re.compile(
    rf"^(?:['’]s)?\s+(?:(?:latest|new|own|most|recent|updated|final|official|annual|monthly|\d{{4}})\s+){{0,3}}(?:{alternation(SOURCE_NOUNS)})\b",
    re.IGNORECASE,
)
_SOURCE_BEFORE_RE = re.compile(
    rf"\b(?:{alternation(SOURCE_NOUNS)})\s+(?:(?:compiled|published|released|issued|gathered)\s+)?(?:from|by|of)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# Words between a subject and its speech verb: auxiliaries and adverbs of time or manner
# ("Amnesty International initially estimated", "Robert Fisk … originally estimated").
_BETWEEN_WORDS = (
    r"has|have|had|also|previously|earlier|later|again|now|recently|initially|originally|"
    r"first|then|since|subsequently|separately|independently|officially|publicly|reportedly|"
    r"allegedly|repeatedly|formally|jointly|eventually|finally|already|once"
)
_BETWEEN_AT_END_RE = re.compile(rf"(?<=\S)(?:\s+(?:{_BETWEEN_WORDS}))+\s+$", re.IGNORECASE)
_NP_BEFORE_RE = re.compile(
    rf"((?:[^\W\d_][\w'’.-]*\s+){{0,5}}?[^\W\d_][\w'’.-]*)\s+(?:(?:{_BETWEEN_WORDS})\s+)*$"
)
_NP_AFTER_RE = re.compile(
    r"^\s*((?:(?:the\s+)?(?:19|20)\d\d\s+)?(?:[^\W\d_][\w'’.-]*)(?:\s+(?:[^\W\d_][\w'’.-]*|&)){0,8})"
)
_APPOSITION_RE = re.compile(
    r"([A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|al|el|bin|abu|de)){1,5}),\s+(?:a|an|the|who|head|director|spokesman|spokeswoman|spokesperson)\b[^,]{0,80},\s*"
    rf"(?:(?:{_BETWEEN_WORDS})\s+)*$"
)
_CLAUSE_BREAK_RE = re.compile(
    r";|\s[—–]\s|,\s*(?:while|whilst|whereas|but|although|though)\b|\bwhil(?:e|st)\b|\bwhereas\b"
)
_NOT_A_SPEAKER = {
    "were", "was", "are", "is", "been", "be", "being", "people", "civilians", "killed", "dead",
    "toll", "figure", "number", "it", "which", "that", "who", "what", "there", "and", "or",
    # what is counted, not who counts: "Three casualties", "abductions", "the thousands of"
    "whom", "casualties", "deaths", "injuries", "abductions", "refugees", "bodies", "households",
    "thousands", "hundreds", "dozens",
}  # fmt: skip


# A report's credit in brackets before the dash that opens its paragraph: "BAKU, Sept 27 (AFP) –",
# "AUCKLAND, 9 March 1998 (a summary of an Agence France-Presse report) -", "(AP, as reported by
# The Guardian) –". It names whose report the text is (its outlet), not who counted the figures.
_REPORT_CREDIT_RE = re.compile(
    r"^\W*?(?:[A-Z0-9][^()\n]{0,80}?\s)?\((?P<credit>[^()\n]{2,240})\)\s*[-–—]\s+(?=\W*\w)"
)
# What a credit names: "(HJEnglish, an English-learning site)", "(summary of an episode note of
# The Korean War Podcast)": the source, and the nouns the text may call it by ("the site").
_CREDITED_RE = re.compile(
    r"^(?P<name>(?-i:[A-Z])[^,]{1,60}),\s+(?:an?\s+|the\s+)?(?P<what>[^,]{2,60}?)$"
    r"|^(?:[\w\s]{0,20}?summary\s+of\s+)?(?:an?|the)\s+(?P<what2>[a-z][\w\s-]{1,40}?)\s+(?:of|by|from)\s+"
    r"(?P<name2>(?-i:[A-Z])[^,()]{1,60}?)(?:,.*)?$",
    re.IGNORECASE,
)


def report_credit_end(sentence: str) -> int:
    """Where a paragraph's bracketed report credit ends (0 if it has none)."""
    match = _REPORT_CREDIT_RE.match(sentence)
    return match.end() if match else 0


def credited_source(sentence: str) -> tuple[str, frozenset[str]] | None:
    """The source a paragraph's credit names and the nouns it is called by ('site')."""
    match = _REPORT_CREDIT_RE.match(sentence)
    credited = _CREDITED_RE.match(match.group("credit")) if match else None
    if credited is None:
        return None
    name = (credited.group("name") or credited.group("name2")).strip()
    what = credited.group("what") or credited.group("what2")
    return name, frozenset(re.findall(r"[a-z]+", what.lower()))


def find_attributions(
    sentence: str, mentions: list[ClaimantMention], masked: list[tuple[int, int]]
) -> list[Attribution]:
    """Every attribution cue in the sentence, with its claimant (or a pronoun to resolve);
    none from a report's credit in its header."""
    credit = report_credit_end(sentence)
    mentions = [m for m in mentions if m.start >= credit]
    found: list[Attribution] = []
    previous_bracket = 0
    unnamed_citations: list[tuple[int, int]] = []  # spans of "citing a report published …"
    for match in _ACCORDING_RE.finditer(sentence):
        bracketed = sentence[max(0, match.start() - 1) : match.start()] == "("
        if match.group(0).strip().lower() == "per":
            if not (_mention_at(mentions, match.end(), 6) or bracketed):
                continue
        attribution = _object_attribution(sentence, match.start(), match.end(), mentions)
        if attribution is not None and bracketed:
            # "151,000 deaths (per the Iraq Family Health Survey) to 1,033,000 (per …)":
            # a bracketed source credits the figure just before it.
            close = sentence.find(")", match.end())
            close = close if close > 0 else len(sentence)
            earlier = max(previous_bracket, sentence.rfind(";", 0, match.start()) + 1)
            attribution = replace(attribution, scope=(earlier, close))
            previous_bracket = close
        if _unnamed_citation(match, attribution):
            phrase_end = re.compile(r"[,;:]|$").search(sentence, match.end()).start()
            unnamed_citations.append((match.start(), phrase_end))
        found.append(attribution)
    for mention in mentions:
        after = sentence[mention.end : mention.end + 60]
        bracket = _BRACKETED_SOURCE_RE.search(sentence[max(0, mention.start - 20) : mention.start])
        close = re.match(r"\s*(?:estimates?|figures?|data)?\s*\)", after)
        if bracket is not None and close is not None:
            # "Civilian deaths: 489–528 (HRW)": a body in brackets credits the figure before it
            opening = mention.start - len(bracket.group(0))
            scope = (
                max(sentence.rfind(")", 0, opening), sentence.rfind(";", 0, opening)) + 1,
                mention.end + close.end(),
            )
            found.append(replace(_named(mention.start, mention), scope=scope))
            continue
        if _SOURCE_AFTER_RE.match(after):
            found.append(_named(mention.start, mention))
        if _SOURCE_BEFORE_RE.search(sentence[max(0, mention.start - 60) : mention.start]):
            found.append(_named(mention.start, mention))
    found.extend(_bracketed_names(sentence, mentions))
    found.extend(_attributive_counts(sentence, mentions))
    found.extend(_cited_authors(sentence))
    for match in _GIVEN_BY_RE.finditer(sentence):
        given = _object_attribution(sentence, match.start("noun"), match.end(), mentions)
        if given is not None:
            subject = re.fullmatch(
                r"(?:[^—–]{0,60}\s[—–]\s)?\W*(?:(?:the|a|an|[a-z]+)\s+){0,2}",  # after a dateline
                sentence[credit : match.start("noun")],
                re.IGNORECASE,
            )
            # the source noun as the sentence's subject ("Estimates …, by X, range between …")
            # covers the sentence; inside a phrase it covers only the phrase.
            end = len(sentence) if subject else match.end()
            found.append(replace(given, scope=(match.start("noun"), end)))
    for match in _POSSESSIVE_SOURCE_RE.finditer(sentence):  # "Their estimate, …, broke down as"
        subject = _PROPER_SUBJECT_RE.match(sentence[: match.start()])
        if subject is not None:  # "Mexico raises its count of the disappeared"
            named = [m for m in mentions if m.start < subject.end(1)]
            if named:
                found.append(_named(match.start(), named[0]))
            else:
                found.append(_unnamed(match.start(), _clean_phrase(subject.group(1))))
            continue
        pronoun = "they" if match.group("owner").lower() == "their" else "it"
        found.append(Attribution(match.start(), None, "pronoun", None, pronoun=pronoun))
    for match in _HIS_STATEMENT_RE.finditer(sentence):  # "Tecson Lim stands by his statement that"
        person = _PERSON_BEFORE_RE.search(sentence, 0, match.start())
        if person is not None and not any(m.start <= person.start(1) < m.end for m in mentions):
            found.append(_unnamed(match.start(), person.group(1)))
    for match in _POSSESSOR_RE.finditer(sentence):  # "a government commission's figure of"
        name = _clean_phrase(match.group("np"))
        if name and (name.split()[-1].lower() in _ORGANISATION_WORDS or _is_proper(name)):
            if not any(m.start <= match.start("np") < m.end for m in mentions):
                named = _unnamed(match.start(), name)  # covers its own figure only
                found.append(replace(named, scope=(match.start(), match.end() + 30)))
    for match in _REVISES_RE.finditer(sentence):  # "Peru commission doubles war death toll to"
        if _ATTRIBUTIVE_REVISED_RE.match(match.group(0)):
            continue  # "(new and revised number)", "updated figures show": a participle
        if not any(s <= match.start() < e for s, e in masked):
            verb = re.compile(r"\w+").match(sentence, match.start())
            found.append(_speech_attribution(sentence, verb, mentions))
    for match in _ANONYMOUS_RE.finditer(sentence):  # "estimates … ranged from 2,500 to 25,000"
        if not any(s <= match.start("np") < e for s, e in [(m.start, m.end) for m in mentions]):
            found.append(Attribution(match.start("np"), None, "anonymous", None))
    found.extend(_headline_sources(sentence, mentions))
    sides = side_sources(sentence, mentions)
    found.extend(sides)
    names = [(m.start, m.end) for m in mentions] + [(a.cue, a.scope[1]) for a in sides if a.scope]
    for match in _SPEECH_RE.finditer(sentence):
        if any(s <= match.start() < e for s, e in [*masked, *names]):
            continue
        if _is_noun(sentence, match) or _is_attributive(sentence, match):
            continue
        inside_name = match.group(0)[:1].isupper() and re.search(
            r"[A-Z][\w'’.-]*\s+$", sentence[: match.start()]
        )
        if inside_name and not _title_case(sentence):
            continue  # "Libya Body Count, a volunteer tally": inside a name, no verb
        attribution = _speech_attribution(sentence, match, mentions)
        if attribution is not None:
            found.append(attribution)
    found = [a for a in found if a is not None and a.cue >= credit]
    cited = [a for a in found if any(s <= a.cue < e for s, e in unnamed_citations)]
    if any(a.claimant is not None and a not in cited for a in found):
        # "UNFPA says … 170 people, citing an interagency assessment report": who speaks keeps
        # the figure a nameless document of theirs backs
        found = [a for a in found if a not in cited]
    return found


def _unnamed_citation(match: re.Match[str], attribution: Attribution | None) -> bool:
    """'citing an interagency assessment report', 'quoting ministry data': no name, no body."""
    return (
        attribution is not None
        and attribution.mention is None
        and attribution.claimant is not None
        and attribution.claimant == attribution.claimant.lower()
        and match.group(0).strip().lower() in ("citing", "quoting")
    )


# A figure credited to a study by its authors and year: "15 million deaths by Houser, Sands and Xiao
# (2005), 18 million by Yao (1999)" (each figure its own authors').
_CITED_AUTHORS_RE = re.compile(
    r"\d(?:[\d,.]*\d)?(?:\s+(?:million|thousand|[a-z]+)){0,2}\s+by\s+(?P<name>[A-Z][\w'’-]*"
    r"(?:(?:,\s+|\s+and\s+)[A-Z][\w'’-]*){0,4}(?:\s+and\s+colleagues)?)\s+\(\d{4}\)"
)


def _cited_authors(sentence: str) -> list[Attribution]:
    """The authors a figure is cited to, for that figure only."""
    found = []
    for match in _CITED_AUTHORS_RE.finditer(sentence):
        name = match.group("name").removesuffix(" and colleagues")
        found.append(Attribution(match.start(), name, "other", None, scope=match.span()))
    return found


# A name before a count as its attribute: "The Associated Press count of the dead has risen to
# 2,177, The Express Tribune reports" (the agency counts; the paper carries it).
_ATTRIBUTIVE_COUNT_RE = re.compile(
    r"(?:^|[\s(])(?:(?:[Tt]he|An?)\s+)?(?P<name>(?!(?:An?|The)\s)[A-Z][\w'’.&-]*(?:\s+(?:[A-Z][\w'’.&-]*|of|for)){0,4}(?<!\sof)(?<!\sfor))"
    r"\s+(?:(?:death|casualty|running)\s+)?(?:count|tally)\s+(?:of|has|had|rose|stood|now|was|is)\b"
)


# A country's official count named by its adjective: "the official Saudi toll of 769",
# "official Kyrgyz data".
_OFFICIAL_COUNT_RE = re.compile(
    r"\bofficial\s+(?P<adjective>[A-Z][a-z]+)\s+(?:death\s+)?(?:toll|count|tally|figures?|data|"
    r"estimates?|statistics)\b"
)


def _attributive_counts(sentence: str, mentions: list[ClaimantMention]) -> list[Attribution]:
    """Names that own a count as its attribute, not the gazetteer's (read above) nor places."""
    found = []
    for match in _ATTRIBUTIVE_COUNT_RE.finditer(sentence):
        start, end = match.span("name")
        name = match.group("name")
        if any(m.start < end and start < m.end for m in mentions) or find_places(name):
            continue
        if country_of_adjective(name.split()[-1]) is not None:
            continue  # "the Saudi count": whose, the sentence says elsewhere
        named = _unnamed(start, name)
        if named is not None:
            found.append(named)
    for match in _OFFICIAL_COUNT_RE.finditer(sentence):
        if country_of_adjective(match.group("adjective")) is None:
            continue
        # "…, The Express Tribune reports, while the official Saudi toll of 769 killed …": the
        # country's official count speaks for its clause, not the paper that carries it
        closing = _CLAUSE_BREAK_RE.search(sentence, match.end())
        scope = (match.start(), closing.start() if closing else len(sentence))
        found.append(Attribution(match.start(), match.group(0), "government", None, scope=scope))
    return found


# "20,000 (Robert Fisk)": a name in brackets right after a figure is its source.
_BRACKETED_NAME_RE = re.compile(
    r"\d(?:[\d,.]*\d)?(?:\s+[a-z]+){0,2}\s*\((?P<name>[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|and|of|"
    r"for|the|de|del|on|&)){1,7})\)"
)


def _bracketed_names(sentence: str, mentions: list[ClaimantMention]) -> list[Attribution]:
    """Names in brackets after a figure, not known to the gazetteer (those are read above) nor
    places ("300 killed (Hama)"): each credits its own figure only."""
    found = []
    for match in _BRACKETED_NAME_RE.finditer(sentence):
        start, end = match.span("name")
        name = match.group("name")
        capitalised = [w for w in name.split() if w[:1].isupper()]
        if len(capitalised) < 2 or any(m.start < end and start < m.end for m in mentions):
            continue
        if find_places(name):
            continue
        named = _unnamed(start, name)
        if named is not None:
            found.append(replace(named, scope=(match.start(), match.end())))
    return found


# A side's figure as an infobox gives it: "19,000 killed (Eritrean claim)", "150,000 killed (other
# estimates)" after the figure; "Vietnamese estimate: 62,000 casualties", "Claimed by China: 8,531
# killed" at the head of the line.
# A person's own words named as a noun: "stands by his statement that", "repeated her estimate of".
_HIS_STATEMENT_RE = re.compile(
    r"\b(?:his|her)\s+(?:(?:own|earlier|latest|initial|first)\s+)?(?:statement|estimate|claim|"
    r"assertion|assessment|figure|count)\s+(?:that|of)\b"
)
# … and the person: the last name of two to four capitalised words before it in the clause.
_PERSON_BEFORE_RE = re.compile(
    r"\b((?:[A-Z][a-z][\w'’.-]*\s+){1,3}[A-Z][a-z][\w'’.-]*)\s+(?:[a-z]+\s+){1,3}$"
)
_SIDE_KINDS = r"claims?|estimates?|figures?|count"
_SIDE_AFTER_RE = re.compile(
    rf"\d[^()\d]{{0,40}}?\((?P<who>[^()\d\n]{{1,60}}?)\s+(?P<kind>{_SIDE_KINDS})\)"
)
_SIDE_HEAD_RE = re.compile(
    rf"^\W*(?:(?P<who>[A-Z][\w-]*(?:\s+[a-z][\w-]*){{0,3}})\s+(?P<kind>{_SIDE_KINDS})"
    r"|(?:Claimed|Estimated|Reported|Counted)\s+by\s+(?P<by>[A-Z][^:\d\n]{1,50}?))\s*:\s"
)

_UNKNOWN_HEAD_RE = re.compile(r"^\W*Unknown\s*[,;:]")


def side_sources(sentence: str, mentions: list[ClaimantMention]) -> list[Attribution]:
    """Who an infobox credits a side's figures to: a bracket after the figures covers them (back
    to the bracket before), a label at the line's head covers the line up to a bracket."""
    found = []
    for match in _SIDE_AFTER_RE.finditer(sentence):
        start = max(sentence.rfind(")", 0, match.start()), sentence.rfind(";", 0, match.start()))
        name = _side_name(match["who"], match["kind"], match.start("who"), mentions)
        if name is not None:
            scope = (start + 1, match.end())
            found.append(Attribution(match.start("who"), name, "other", None, scope=scope))
    if _UNKNOWN_HEAD_RE.match(sentence):  # "Unknown, estimated nearly 10,000 killed": nobody's
        found.append(Attribution(0, None, "anonymous", None, scope=(0, len(sentence))))
    head = _SIDE_HEAD_RE.match(sentence)
    if head is not None:
        who = head["who"] or head["by"]
        cue = head.start("who") if head["who"] else head.start("by")
        name = _side_name(who, head["kind"] or "", cue, mentions)
        bracket = sentence.find("(", head.end())
        if name is not None:
            scope = (0, bracket if bracket > 0 else len(sentence))
            found.append(Attribution(cue, name, "other", None, scope=scope))
    return found


_SIDE_LINE_RE = re.compile(rf"^\s*\((?P<who>[^()\d\n]{{1,60}}?)\s+(?P<kind>{_SIDE_KINDS})\)\W*$")


def side_line_source(sentence: str, mentions: list[ClaimantMention]) -> str | None:
    """A line that is only a side's source in brackets ("(Eritrean claim)"), as an infobox puts
    it under the figures of the line before: whom it credits them to."""
    match = _SIDE_LINE_RE.match(sentence)
    if match is None:
        return None
    return _side_name(match["who"], match["kind"], match.start("who"), mentions)


def _side_name(who: str, kind: str, cue: int, mentions: list[ClaimantMention]) -> str | None:
    """'Eritrean' (claim): the state, named by its country; 'other' (estimates): the phrase;
    'ICG' (estimate), 'Ethiopian clandestine opposition' (claim): the name, or the body the
    gazetteer knows by it."""
    who = who.strip()
    named = [m for m in mentions if cue <= m.start < cue + len(who)]
    if named:
        return named[0].claimant.name
    country = country_of_adjective(who) or (who if find_places(who) else None)
    if country is not None:
        return country
    words = who.split()
    if words[0].lower() in ("the", "a", "an") or words[-1].lower() in PRONOUNS:
        return None
    if len(words) > 1 or (who.isupper() and len(who) > 1):
        return who  # "Ethiopian clandestine opposition", "ICG"
    return f"{who} {kind}".strip()  # "other estimates", "Western estimate"


# Estimates nobody owns, as a clause's subject: "estimates of the deaths ranged from 2,500 to
# 25,000", "Wider estimates … run from", "with other reported estimates reaching 600,000". The
# text reports a spread of figures in its own voice; no source before it goes on speaking.
_ANONYMOUS_RE = re.compile(
    r"(?:^|[:;]\s*|\b(?:and|but|while|whilst|with|whereas)\s+)\W*(?P<np>(?:the\s+)?(?:(?:other|earlier|"
    r"wider|some|most|many|previous|various|independent|several|unofficial|local|early|initial|subsequent|"
    r"reported|higher|lower|later|highest|lowest)\s+){0,2}(?:estimates|counts|tallies))\b"
    r"(?:\s+of\b[^,;:]{0,60}?)?(?:,[^,;:]{0,80},)?\s+(?:(?:have|had|has)\s+)?(?:ran|range[ds]?|"
    r"run|vary|varied|go|went|reach(?:ed|es)?|reaching|stood|stand|reporting|putting|placing|"
    r"giving|suggesting)\b",
    re.IGNORECASE,
)
# Verbs that give a count as their object, so that their subject is who counts.
_REVISES_RE = re.compile(
    r"\b(?:raise[sd]?|revise[sd]?|lower(?:s|ed)?|double[sd]?|update[sd]?|publish(?:es|ed)?|"
    r"release[sd]?|issue[sd]?|present(?:s|ed)?|cut|cuts|increase[sd]?)\s+"
    r"(?:(?:its|their|the|his|her|a|an)\s+)?"
    r"(?:[\w-]+\s+){0,3}?(?:toll|count|figure|figures|estimate|tally|number|results|findings)\b",
    re.IGNORECASE,
)
# "revised number", "updated figures": the participle describes the noun right after it.
_ATTRIBUTIVE_REVISED_RE = re.compile(
    r"^[a-z]+ed\s+(?:(?!(?:its|their|the|his|her|a|an)\s)[a-z]+\s+)?(?:toll|count|figures?|estimate|tally|number|results|findings)$"
)
# A headline's source: "… Rises To 436 - Doctors' Committee", "…: UN", "ICMP: 6,838 …".
_HEADLINE_SUFFIX_RE = re.compile(r"\s[-–—:]\s*(?P<source>[^-–—:.]{2,40}?)\s*$")
_HEADLINE_PREFIX_RE = re.compile(r"^\W*(?P<source>[^:.,]{2,30}?):\s")
_SOURCE_WORDS = {"un", "u.n.", "committee", "group", "groups", "agency", "ministry", "monitor",
                 "report", "study", "officials", "official", "police", "army", "military",
                 "commission", "mission", "court", "government", "red cross", "who", "unicef",
                 "ngo", "charity", "doctors", "medics", "authorities", "observatory", "says"}  # fmt: skip


def _headline_sources(sentence: str, mentions: list[ClaimantMention]) -> list[Attribution]:
    """Who a headline credits, at its end after a dash or colon or at its start before a colon;
    a place there ("Serbia: 13,000 killed") is no source."""
    if sentence.rstrip()[-1:] in '.!?"”':
        return []
    found = []
    for pattern in (_HEADLINE_SUFFIX_RE, _HEADLINE_PREFIX_RE):
        match = pattern.search(sentence)
        if match is None or re.search(r"\d", match.group("source")):
            continue
        start, end = match.span("source")
        inside = [m for m in mentions if start <= m.start and m.end <= end]
        if inside:
            found.append(replace(_named(start, inside[0]), scope=(0, len(sentence))))
            continue
        words = match.group("source").lower().replace("'s", "").replace("’s", "").split()
        if words and words[-1].strip("'’") in _SOURCE_WORDS:
            name = _clean_phrase(match.group("source"))
            if name is not None:
                found.append(replace(_unnamed(start, name), scope=(0, len(sentence))))
    return found


def _is_noun(sentence: str, verb: re.Match[str]) -> bool:
    """'a conservative estimate', 'the report', '2,350 reports of', 'on record': a noun here.

    'The group estimates that …' is a verb: a third-person form after a noun, not after
    a determiner.
    """
    word = verb.group(0).lower()
    if word not in VERB_NOUNS:
        return False
    before = sentence[max(0, verb.start() - 40) : verb.start()]
    if re.match(r"\s*(?:of|by|from|on|for|in)\b", sentence[verb.end() :]):
        return True
    closing = re.match(r"\s*(?:[,.;:)]|$)", sentence[verb.end() :]) is not None
    if closing and word.endswith("s") and _NAME_CLAUSE_BEFORE_RE.search(before):
        return False  # "…, the AP reports.": a name's verb closing the sentence
    if closing and _NOUN_BEFORE_RE.search(before):
        return True  # "according to the report," but not "…, historians estimate."
    if _DETERMINER_BEFORE_RE.search(before) or re.search(r"\d\s*$", before):
        return True
    if re.search(
        r"\b(?:previous|earlier|other|some|many|several|independent|conservative|latest|"
        r"recent|unofficial|official|subsequent|later|lower|higher|lowest|highest|initial|first|"
        r"rough|separate|different|varying|revised|low|high|upper|median|central|best|worst|"
        r"death|casualty|mortality|[a-z]+ly\s+[a-z]+ed)\s+$",
        before,
        re.IGNORECASE,
    ):
        return True  # "Previous estimates had put the toll at"
    if re.match(r"\s+that\b", sentence[verb.end() :]):
        return False  # "data … in answer to a request show that": a verb taking its clause
    singular = not word.endswith("s")
    return singular and _NOUN_BEFORE_RE.search(before) is not None


# A clause that opens on a name after a comma: ", the AP (reports.)", ", The Independent (notes)".
_NAME_CLAUSE_BEFORE_RE = re.compile(r"[,;:]\s+(?:[Tt]he\s+)?(?:[A-Z][\w.&’'-]*\s+){1,4}$")
_ATTRIBUTIVE_BEFORE_RE = re.compile(r"\b(?:\w+est|most|least|that|those)\s+$", re.IGNORECASE)
_PREPOSITION_AFTER_RE = re.compile(
    r"\s+(?:in|on|at|during|since|for|over|between|from|last|this|so\s+far)\b", re.IGNORECASE
)


def _title_case(sentence: str) -> bool:
    """A headline written in title case ('UN Says Darfur Dead May Be 300,000')."""
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", sentence) if len(w) > 3]
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def _is_attributive(sentence: str, verb: re.Match[str]) -> bool:
    """'the previous highest recorded figure', 'nearly double that recorded in 2015': a
    participle describing a noun, not a verb with a speaker."""
    if not verb.group(0).lower().endswith("ed"):
        return False
    before = sentence[max(0, verb.start() - 30) : verb.start()]
    if not _ATTRIBUTIVE_BEFORE_RE.search(before):
        return False
    after = sentence[verb.end() :]
    superlative = not re.search(r"\b(?:that|those)\s+$", before, re.IGNORECASE)
    return superlative or _PREPOSITION_AFTER_RE.match(after) is not None


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


_NAME_PREFIX_RE = re.compile(r"(?:the\s+)?(?:[A-Z][\w'’-]*\s+){1,2}")


def _object_attribution(
    sentence: str, cue: int, after: int, mentions: list[ClaimantMention]
) -> Attribution:
    source_of = _SOURCE_OF_RE.match(sentence, after)
    if source_of is not None and (
        _mention_at(mentions, source_of.end(), 12) is not None
        or _NP_AFTER_RE.match(sentence[source_of.end() : source_of.end() + 100])
    ):
        after = source_of.end()
    mention = _mention_at(mentions, after, 12) or next(
        (
            m
            for m in mentions
            if m.start >= after and _NAME_PREFIX_RE.fullmatch(sentence, after, m.start)
        ),
        None,
    )  # "by the Benetech Human Rights Data Analysis Group": the body the gazetteer knows
    if mention is not None:
        return _named(cue, mention)
    phrase = _NP_AFTER_RE.match(sentence[after : after + 100])
    if phrase is not None and phrase.group(1).split()[-1].lower() in _TITLE_WORDS:
        # "by Australia's then Foreign Minister, Alexander Downer, and …": the person
        person = _TITLED_NAME_RE.match(sentence, after + phrase.end())
        if person is not None:
            return _unnamed(cue, person.group(1))
    name = _clean_phrase(phrase.group(1)) if phrase else None
    if name is None and phrase is not None and " and " in phrase.group(1):
        # "according to an international aid group and the opposition": the first named
        name = _clean_phrase(phrase.group(1).split(" and ")[0])
    return _unnamed(cue, name)


_TITLED_NAME_RE = re.compile(
    r"\s*,\s+([A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|de|van|von|der|bin|al)){1,3})\s*(?:,|$)"
)


_COMPILED_BY_RE = re.compile(
    rf"^\W*(?:[\w'’-]+\s+){{0,3}}?(?:{alternation(SOURCE_NOUNS)})\s+"
    rf"(?:{alternation(COMPILED_PARTICIPLES)})\s+by\s+(?:the\s+)?(?=[^,;]{{2,140}}$)",
    re.IGNORECASE,
)
# "X said it had identified 18,000 victims and estimated that …": one subject, two verbs.
_COORDINATED_RE = re.compile(r"[^\W\d_]{2,}\s+and\s+$")
# An auxiliary right before the verb: a passive ("were found", "continued to be reported"),
# whose subject is what was said, not who said it.
_PASSIVE_END_RE = re.compile(
    r"\b(?:were|was|been|are|is|being|be)\s+(?:(?:\w+ly|later|also|then|since|never|not|all|"
    r"still|soon|only|subsequently)\s+)?$",
    re.IGNORECASE,
)
_ESTIMATED_AT_RE = re.compile(r"\s+at\s+(?!least\b|most\b)(?:[a-z]+\s+){0,2}?\d", re.IGNORECASE)
# A prepositional phrase set off by commas between the subject and its verb: "X, in a 1983
# article, put …", "the ministry, on Monday, said …".
_PREPOSITIONAL_ASIDE_RE = re.compile(
    r"(?<=[\w.)])\s*,\s*(?:in|on|at|during|from|with|after|before|since)\s+[^,;:()\"“”]{2,60},\s*$",
    re.IGNORECASE,
)
# … after a subject that is a name or a noun phrase of its clause, not a time ("Ten years earlier").
_SUBJECT_BEFORE_ASIDE_RE = re.compile(
    r"(?:^|[;:]\s*|\s[—–]\s)\W*(?!(?:[\w'’-]+\s+){0,3}?(?:earlier|later|ago|before|after)\b)"
    r"(?:(?:the|a|an|its|their|his|her)\s+)?(?:[\w'’.-]+\s+){0,5}?[\w'’.-]*[^\W\d]$"
)
_AGE_ASIDE_RE = re.compile(r"(?<=[A-Za-z]),\s*\d{1,3},\s*$")
# A time after the subject's noun and before its verb: "a study in 2010", "the ministry on 3 May".
_TIME_TAIL_RE = re.compile(
    r"(?<=[a-z])\s+(?:in|on|during|by)\s+(?:(?:early|late|mid)[\s-]+)?(?:\d{1,2}\s+)?"
    r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\s*)?(?:\d{4}|(?<=[a-z]\s))\s*$"
)
# A participle and its agent after the subject: the agent is not who speaks.
_AGENT_TAIL_RE = re.compile(
    r"\s(?:set\s+up|appointed|established|created|commissioned|led|headed|chaired|backed|"
    r"funded|convened|mandated|formed)\s+by\s+[^,;:()]{2,80}$",
    re.IGNORECASE,
)


# "UNHCR workers monitoring that stretch of the border say": what the subject is doing is not
# part of its name ("A shipping ministry official said": after an article, a noun's modifier).
_PARTICIPLE_TAIL_RE = re.compile(
    r"(?:^|[,;:]\s*)\W*(?!(?:[Aa]n?|[Tt]he)\s+[a-z]+ing\b)(?:(?!(?:[a-z]+ing|and|or|but)\b)[\w'’.-]+\s+){1,4}?(?P<tail>"
    r"(?!(?:being|having|according|including|following|during|concerning|regarding|citing|quoting)\b)"
    r"[a-z]{2,}ing\s+[^,;:()\"“”]{2,80})$"
)


def _coordinated_speaker(
    sentence: str, verb: re.Match[str], mentions: list[ClaimantMention]
) -> Attribution | None:
    """The speaker of the verb before 'and' in the same clause, cued at this verb."""
    clause = max([m.end() for m in _CLAUSE_BREAK_RE.finditer(sentence, 0, verb.start())], default=0)
    for earlier in reversed(list(_SPEECH_RE.finditer(sentence, clause, verb.start() - 4))):
        if _is_noun(sentence, earlier) or _is_attributive(sentence, earlier):
            continue
        found = _speech_attribution(sentence, earlier, mentions)
        return replace(found, cue=verb.start()) if found is not None else None
    return None


_CLAIMS_NO_FIGURE_RE = re.compile(
    r"\s+(?:to\s+(?:be|belong|represent|act|speak|have\s+been)\b|(?:the\s+)?(?:responsibility|credit)\b)",
    re.IGNORECASE,
)
# What "claimed" lives without speaking: an event, a terror, an epidemic.
_KILLERS = [*EVENT_NOUNS, "terror", "genocide", "epidemic", "purge", "purges", "repression",
            "crackdown", "uprising", "rebellion", "revolution", "pogrom", "riots", "cholera",
            "typhus", "disease", "diseases"]  # fmt: skip
_EVENT_SUBJECT_RE = re.compile(
    rf"\b(?:{alternation(_KILLERS)})\s+(?:[a-z]+ly\s+|also\s+|alone\s+)?$", re.IGNORECASE
)
_CLAIMED_EVENT_RE = re.compile(
    rf"\b(?:{alternation(EVENT_NOUNS)})\b[^,;.]{{0,60}}(?:,\s+(?:also\s+|later\s+)?)?$",
    re.IGNORECASE,
)


def _speech_attribution(
    sentence: str, verb: re.Match[str], mentions: list[ClaimantMention]
) -> Attribution | None:
    if verb.group(0).lower() in (
        "believed",
        "said",
        "reported",
        "estimated",
        "thought",
    ) and re.match(r"\s+to\s+(?:be|have)\b", sentence[verb.end() :]):
        return None  # "most of them believed to be Muslims": a passive, nobody speaks
    before = _BETWEEN_AT_END_RE.sub(" ", sentence[: verb.start()])  # "X initially| estimated"
    before = _AGE_ASIDE_RE.sub(", ", before)  # "A resident, Nomi Dung, 38, said": her age
    inner = _INNER_SPEAKER_RE.search(before)
    if inner is not None and _agent_head(inner.group("np")):
        # "Its article says state officials admit that": the officials; "X said the latest
        # reports put the dead at 182": X (a report is what X cites, not who speaks)
        before = " " * inner.start("np") + before[inner.start("np") :]
    if _COORDINATED_RE.search(before):
        shared = _coordinated_speaker(sentence, verb, mentions)
        if shared is not None:
            return shared
        counted = _COUNTED_OBJECT_AND_RE.search(before)
        if counted is not None:  # "The commission took 9,000 testimonies and documented 46 deaths"
            return _clause_subject(sentence, counted.start("verb"), verb.start(), mentions)
    passive = _PASSIVE_END_RE.search(before)  # before a participle is cut: "Fighting was"
    agent = _AGENT_TAIL_RE.search(before)
    doing = _PARTICIPLE_TAIL_RE.search(before)
    aside = _PREPOSITIONAL_ASIDE_RE.search(before)
    if aside is not None and not _SUBJECT_BEFORE_ASIDE_RE.search(before[: aside.start()]):
        aside = None  # "Ten years earlier, in November 1982, estimates put": no subject before
    when = _TIME_TAIL_RE.search(before)
    if when is not None and re.search(r"\bby\s+[^,;]*$", before[: when.start()]):
        when = None  # "A mission dispatched by the UN Secretary General in October 1993"
    if when is not None:  # "A University of Michigan study in 2010 estimated": the study
        before = before[: when.start()] + " "
    if agent is not None:  # "The Commission of Inquiry set up by the UN Secretary-General found"
        before = before[: agent.start()] + " "
    elif doing is not None:  # "UNHCR workers monitoring that stretch of the border say"
        before = before[: doing.start("tail")] + " "
    elif aside is not None:  # "Xavier Yacono, in a 1983 article, put Algerian losses at"
        before = before[: aside.start()] + " "
    by_agent = re.match(r"\s+by\s+", sentence[verb.end() :])
    if by_agent and verb.group(0).lower() == "claimed" and _CLAIMED_EVENT_RE.search(before):
        return None  # "an attack claimed by the so-called Islamic State": responsibility
    if verb.group(0).lower().startswith("claim") and _EVENT_SUBJECT_RE.search(before):
        return None  # "The Red terror claimed 1,650 victims": the event killed, nobody speaks
    if _CLAIMS_NO_FIGURE_RE.match(sentence, verb.end()) and verb.group(0).lower().startswith(
        "claim"
    ):
        return None  # "the group the gunmen claimed to belong to", "claimed responsibility"
    if by_agent and verb.group(0).lower().endswith("ed"):  # "figures documented by OHCHR"
        return _object_attribution(sentence, verb.start(), verb.end() + by_agent.end(), mentions)
    quoted = _QUOTED_AS_RE.search(before)
    if quoted is not None and verb.group(0).lower().endswith("ing"):
        # "The foundation quoted the Prosecutor's Office as confirming 11 deaths": the office
        return _object_attribution(sentence, verb.start(), quoted.start("np"), mentions)
    if verb.group(0).lower().endswith("ing") and _PARTICIPLE_RE.search(before):
        return _main_subject(sentence, verb.start(), mentions)
    if verb.group(0).lower().endswith("ing") and not before.strip():
        return None  # "Estimating war-related deaths poses many challenges"
    if passive is not None:
        return None  # "Some 70 bodies were found": a passive without its agent names no one
    if verb.group(0).lower() == "estimated" and _ESTIMATED_AT_RE.match(sentence, verb.end()):
        return None  # "Abyei displacement now estimated at 96,000": what is estimated, by no one
    subject = re.split(r"[,;:]\s+|\s[-–—]\s", before)[-1]
    writing = writing_owner(subject)
    if writing is not None:  # "The encyclopedia's page of 2001 said": whose the page is
        return _unnamed(verb.start(), writing.owner)
    compiled = _COMPILED_BY_RE.search(before)
    if compiled is not None:  # "Official data supplied by the ministry … show": the ministry
        return _object_attribution(sentence, verb.start(), compiled.end(), mentions)
    if _MODIFIED_NOUN_RE.search(before) and verb.group(0).lower().endswith("ed"):
        return None  # "casualties documented for April", "the only count ever published"
    relative = _RELATIVE_RE.search(before[-120:])
    if relative is not None and not re.search(r"\d", relative.group("np")):
        offset = verb.start() - len(before[-120:])
        np_start, np_end = offset + relative.start("np"), offset + relative.end("np")
        inside = [m for m in mentions if np_start <= m.start and m.end <= np_end]
        if inside:
            return _named(verb.start(), inside[-1])
        name = _clean_phrase(_last_noun_phrase(relative.group("np")))
        if name is not None:
            return _unnamed(verb.start(), name)
    embedded = _EMBEDDED_SPEAKER_RE.search(before[-80:])
    if embedded is not None:  # "the air strikes, which Afghan officials say killed …": officials
        offset = verb.start() - len(before[-80:])
        inside = [m for m in mentions if offset + embedded.start("np") <= m.start]
        if inside:
            return _named(verb.start(), inside[-1])
        name = _clean_phrase(embedded.group("np"))
        if name is not None:
            return _unnamed(verb.start(), name)
    reduced = _SUBJECT_RELATIVE_RE.search(before[-160:])
    if reduced is not None:
        name = _clean_phrase(reduced.group("np"))
        if name is not None and not any(
            m.start >= verb.start() - len(before[-160:]) + reduced.start("np") for m in mentions
        ):
            return _unnamed(verb.start(), name)
    clause_start = max([m.end() for m in _CLAUSE_BREAK_RE.finditer(before)], default=0)
    limit = len(before.rstrip())  # where the subject ends (before an agent phrase, an adverb)
    for mention in reversed(mentions):
        if clause_start <= mention.start and mention.end <= limit and limit - mention.end <= 100:
            between = sentence[mention.end : limit]
            if (
                not _SPEECH_RE.search(between)
                and not re.search(r"\d", between)
                and _subject_gap(between)
            ):
                return _named(verb.start(), mention)
            break
    aside = _TRAILING_ASIDE_RE.search(before)
    if aside is not None:  # "A Dutch-language photo history (People Per Project) says"
        inner = aside.group(1)
        if _is_proper(inner) and not re.search(r"\d", inner) and len(inner.split()) <= 6:
            return _unnamed(verb.start(), _clean_phrase(inner) or inner.strip())
        before = before[: aside.start()] + " "  # "X (its glossary entry) says": X
    work = _IN_WORK_RE.search(before[-200:])
    if work is not None:  # "Raul Arias Ramos in his book La Legion Condor … states": the author
        name = _clean_phrase(work.group("np"))
        if name is not None:
            return _unnamed(verb.start(), name)
    apposition = _APPOSITION_RE.search(before[-160:])
    if apposition is not None:
        return _unnamed(verb.start(), apposition.group(1))
    subject = _NP_BEFORE_RE.search(before[-80:])
    tail = re.sub(r",\s+(?:has|have|had)$", ",", before.rstrip())  # "X, a tally, had recorded"
    inverted = not tail or tail[-1] in ",\"'”’" or subject is None
    if not inverted and subject is not None:
        start = len(before) - len(before[-80:]) + subject.start(1)
        phrase = _whole_name(before, start, subject.group(1))
        owner = _source_owner(before[:start], phrase)
        if owner is not None:  # "the Government of Bangladesh (GoB) official reports indicated"
            return _unnamed(verb.start(), owner)
        if phrase[:1].islower() and phrase.split()[0] not in DETERMINERS:
            phrase = _subject_from_clause_start(before, phrase)
        if phrase.strip().lower() in NOBODY:
            # "…; others estimate 200,000 deaths": unnamed sources, for their own clause only
            closing = _CLAUSE_BREAK_RE.search(sentence, verb.end())
            scope = (start, closing.start() if closing else len(sentence))
            return Attribution(verb.start(), None, "others", None, scope=scope)
        name = _clean_phrase(phrase)
        if name is None:
            # "researchers at Ghent University in Belgium led by … Jan Nyssen estimated": the
            # clause's first noun phrase, its modifiers cut
            window = re.sub(r"^\S*\s", "", before[-160:]) if len(before) > 160 else before
            name = _clean_phrase(re.split(r"[,;:]\s*|\s[-–—]\s|\bthat\s+", window)[-1])
        if name is not None:
            return _unnamed(verb.start(), name)
        return None
    mention = _mention_at(mentions, verb.end(), 16)
    if mention is not None:
        return _named(verb.start(), mention)
    head = re.match(  # after a colon: "… is unclear: the Court, which …, speaks of 45"
        r"(?:.*(?:[:;]|\s[—–])\s+)?\W*([^,:;]{2,80}?),\s+(?:which|who|whose|where)\b[^;,]*,$", tail
    )
    if head is not None and not verb.group(0).lower().endswith("ing"):
        # "The coalition, which documents abuses, put the year's killings at 383": the head
        inside = [m for m in mentions if m.start < head.end(1)]
        if inside:
            return _named(verb.start(), inside[-1])
        name = _clean_phrase(head.group(1))
        if name is not None:
            return _unnamed(verb.start(), name)
    lower_case_after = verb.group(0).lower() in _SAID and re.match(
        r"\s+(?!(?:the|a|an|its|his|her|their)\b)[a-z]", sentence[verb.end() :]
    )  # "The regional governor, Oleh Synyehubov, said nine people …": no name follows
    described = _DESCRIBED_NAME_RE.search(tail)  # "The town's mayor, M A, said the total …"
    closing = re.match(r"\s*(?:(?:on|in)\s+\w+\s*)?[.!?]?[\"”’']?\s*$", sentence[verb.end() :])
    if (
        tail.endswith(",")
        and (
            lower_case_after
            or closing  # "…, the hospital's chief of surgery, Greg Robertson, said.": nothing after
            or described
            or re.match(
                rf"\s+(?:that\b|\d|(?:{QUALIFIER_PATTERN})\s)",
                sentence[verb.end() :],
            )
        )
    ):
        # "The commission, which heard some 14,000 victims …, said that": the head speaks
        relative = re.match(r"\W*([^,]{2,80}?),\s+(?:which|who|whose|where)\b[^;]*,$", tail)
        if relative is not None:
            inside = [m for m in mentions if m.start < relative.end(1)]
            if inside:
                return _named(verb.start(), inside[-1])
            return _unnamed(verb.start(), _clean_phrase(relative.group(1)))
        # "a local monitoring group, the Al Jazirah Conference, reported that …": not inverted
        appositive = re.search(r"(?:^|,)\s*([^,]{2,60}),\s*$", tail[:-1] + ",")
        if appositive is not None:
            inside = [m for m in mentions if tail.rfind(appositive.group(1)) <= m.start < len(tail)]
            if inside:
                return _named(verb.start(), inside[-1])
            head = re.match(r"\s*([^,]{2,120}),\s*[^,]{2,60},\s*$", tail + " ")
            name = _clean_phrase(appositive.group(1))
            if head is not None and not _is_proper(appositive.group(1)):
                # "A government database, the only official count ever published, listed …":
                # the subject is the head; a description in apposition names no one.
                name = _clean_phrase(head.group(1))
            return _unnamed(verb.start(), name)
        return None
    if verb.group(0).lower().endswith(("ing", "ed")) and verb.group(0).lower() not in (
        "reported",
        "added",
        "noted",
        "stated",
        "claimed",
        "warned",
        "confirmed",
        "announced",
        "estimated",
    ):
        return None  # "; adding perhaps 20,000 …": no inverted speaker follows a participle
    if re.search(r"\b(?:the|an|a)\s+$", before, re.IGNORECASE) and verb.group(0).lower().endswith(
        "ed"
    ):
        return None  # "The estimated number kidnapped is 6,800": an adjective
    phrase = _NP_AFTER_RE.match(sentence[verb.end() : verb.end() + 100])
    if phrase and re.match(r"(?:its|their|his|her|our|a|an)\s", phrase.group(1), re.IGNORECASE):
        return None  # "published its quarterly report": an object, not an inverted speaker
    name = _clean_phrase(phrase.group(1)) if phrase else None
    if name is None or not _inverted_speaker(name, sentence[verb.end() :]):
        return None
    return _unnamed(verb.start(), name)


_SINGLE_SPEAKERS = {"police", "military", "army", "officials", "authorities", "government"}


def _inverted_speaker(name: str, after: str) -> bool:
    """A noun phrase after the verb that can be who speaks ('…, said the ministry'), not the
    start of what is said: a count ('says more than 100 people'), a clause ('says police opened
    fire'), or a lone word that is no noun ('Records differ')."""
    if re.match(rf"\s*(?:\d|(?:{QUALIFIER_PATTERN})\s)", after, re.IGNORECASE):
        return False
    words = name.split()
    if any(w.islower() and w.endswith("ed") for w in words[1:]):
        return False
    if len(words) == 1 and name.islower():
        return (
            name.endswith("s") or name in _INSTITUTION_NOUNS | _GENERIC_SPEAKERS | _SINGLE_SPEAKERS
        )
    return True


# "took 9,000 testimonies and (documented)": the verb before is the clause's, so its subject speaks.
_COUNTED_OBJECT_AND_RE = re.compile(
    r"\b(?P<verb>[a-z]+)\s+\d[\d,.]*\s+(?:[a-z][\w-]*\s+){0,2}[a-z]+\s+and\s+$"
)
_TRAILING_ASIDE_RE = re.compile(r"\s*\(([^()]{2,80})\)\s*$")


def _clause_subject(
    sentence: str, verb_at: int, cue: int, mentions: list[ClaimantMention]
) -> Attribution | None:
    """The subject before the clause's first verb (at `verb_at`), for a verb coordinated with it."""
    clause = max([m.end() for m in _CLAUSE_BREAK_RE.finditer(sentence, 0, verb_at)], default=0)
    inside = [m for m in mentions if clause <= m.start and m.end <= verb_at]
    if inside:
        return _named(cue, inside[-1])
    return _unnamed(cue, _clean_phrase(sentence[clause:verb_at]))


# The author before the work the figure is in: "X, in her 2005 book The Title, writes".
_IN_WORK_RE = re.compile(
    r"(?:^|[,;:]\s*|\b(?:and|but|while|whilst)\s+)(?P<np>(?:[A-Z][\w'’.-]*\s+){1,3}[A-Z][\w'’.-]*),?\s+"
    r"in\s+(?:his|her|their|its)\s+(?:(?:\d{4}|[a-z]+)\s+){0,2}(?:book|report|article|memoirs?|"
    r"study|paper|account|history|thesis|column|essay|biography)\b[^,;]{0,100}?,?\s*$"
)
# A description and the name it describes, as the subject before a speech verb: "The town's
# mayor, Mohammed Al-Kesher,". What follows the verb is then its object, not a speaker.
_DESCRIBED_NAME_RE = re.compile(
    r"(?:^|[;:—–]\s*)\W*(?:(?:As\s+of|On|In|By|Since|After|Before|Until|Earlier|Later|Last)\s[^,;:]{1,40},\s*)?"
    r"(?=[^,;:]*\b[a-z])[^,;:\d—–]{2,80},\s*(?:[A-Z][\w'’.-]*\s+){1,4}[A-Z][\w'’.-]*,$"
)  # "(As of 2 March,) the town's mayor, Abdirahin Ali, told …": a time said first
_NAME_WORD_BEFORE_RE = re.compile(r"(?:^|\s)([A-Z][\w'’.-]*)\s+$")
_NAME_LINK_BEFORE_RE = re.compile(r"(?:^|\s)([A-Z][\w'’.-]*\s+(?:for|of|on)\s+)$")
# Particles inside a person's name: "Charles de Gaulle", "Mark van der Berg", "Ali bin Hassan".
_PARTICLES = {"de", "du", "da", "di", "del", "della", "dos", "das", "van", "von", "der", "den",
              "ter", "la", "le", "bin", "ibn", "al", "el"}  # fmt: skip
_NAME_PARTICLE_BEFORE_RE = re.compile(
    rf"(?:^|\s)([A-Z][\w'’.-]*\s+(?:(?:{'|'.join(sorted(_PARTICLES))})\s+){{1,2}})$"
)


# A count inside the noun phrase is part of it: "the commission of 13 historians led by …".
_LONG_NP_BEFORE_RE = re.compile(
    rf"((?:(?:[^\W\d_][\w'’.-]*|(?<=\bof\s)\d[\d,]*)\s+){{0,11}}?[^\W\d_][\w'’.-]*)\s+"
    rf"(?:(?:{_BETWEEN_WORDS})\s+)*$"
)
_CLAUSE_WORDS = {"where", "when", "that", "which", "who", "whom", "while", "as", "because",
                 "after", "before", "since", "if", "and", "but", "whereas", "whilst"}  # fmt: skip


def _subject_from_clause_start(before: str, phrase: str) -> str:
    """A subject cut inside its noun phrase ('division of the moderate Hurriyat Conference')
    read again from where its clause starts: 'The human rights division of …'."""
    longer = _LONG_NP_BEFORE_RE.search(before[-160:])
    if longer is None or not longer.group(1).endswith(phrase):
        return phrase
    words = longer.group(1).split()
    cut = max(
        (i + 1 for i, w in enumerate(words[: -len(phrase.split())]) if w.lower() in _CLAUSE_WORDS),
        default=0,
    )
    if cut == 0 and len(words) > 11:
        return phrase  # no clause start within reach
    return " ".join(words[cut:])


def _whole_name(text: str, start: int, phrase: str) -> str:
    """`phrase` (which starts at `start` of `text`) with the capitalised words just before it
    when it opens inside a proper name: "… the UN Human Rights Monitoring Mission in Ukraine"."""
    owner = re.search(r"\b([Oo]ur|[Mm]y)\s+$", text[max(0, start - 6) : start])
    if owner is not None:
        return f"{owner.group(1)} {phrase}"  # "Our human rights monitoring team in Ukraine"
    if not phrase[:1].isupper():
        return phrase
    while True:
        window = text[max(0, start - 40) : start]
        # "the General Authority for Research …": a name goes on through "for", "of", "on"
        word = (
            _NAME_WORD_BEFORE_RE.search(window)
            or _NAME_LINK_BEFORE_RE.search(window)
            or _NAME_PARTICLE_BEFORE_RE.search(window)
        )
        if word is None or word.group(1).split()[0].lower() in DETERMINERS:
            return phrase
        phrase = f"{word.group(1).rstrip()} {phrase}"
        start -= len(window) - word.start(1)


# A body's name, and its acronym in brackets, just before its reports: "the Government of
# Bangladesh (GoB) official reports", "the Nepal Army official reports".
_OWNER = r"(?P<name>[A-Z][\w'’.-]*(?:\s+(?:(?:of|for|on|and)\s+)?[A-Z][\w'’.-]*){0,5})"
_OWNER_BEFORE_RE = re.compile(
    rf"(?:^|[,;:]\s*|\b[Tt]he\s+){_OWNER}\s+(?:\([A-Za-z&.]{{2,12}}\)\s*)?$"
)
_OWNED_REPORTS_RE = re.compile(rf"^(?:[Tt]he\s+)?{_OWNER}\s+(?P<reports>[a-z][a-z\s]*)$")


def _source_owner(before: str, phrase: str) -> str | None:
    """The body whose reports a subject like "official reports" is, named just before them."""
    owned = _OWNED_REPORTS_RE.match(phrase)
    reports = owned["reports"] if owned is not None else phrase
    if not reports.islower() or _SOURCE_GAP_RE.match(reports) is None:
        return None
    owner = owned or _OWNER_BEFORE_RE.search(before)
    if owner is None or len(owner["name"].split()) < 2:
        return None  # "Initial reports", "The reports": a sentence's capital, no body
    if owner["name"].split()[0].lower() in DETERMINERS | _DESCRIBING | _CONJUNCTIONS:
        return None
    return owner["name"]


def _is_name(phrase: str) -> bool:
    """A phrase that is a name as a whole ("the Los Angeles Times", "University of Tasmania"), not
    a description holding one ("a study of Emily Hobhouse")."""
    words = phrase.split()
    if words and words[0].lower() == "the":
        words = words[1:]
    return bool(words) and all(w[:1].isupper() or w.lower() in _NAME_LINKS for w in words)


def _is_proper(phrase: str) -> bool:
    """A phrase that is a proper name once its determiner is left out ("the Al Jazirah Conference")."""
    words = [w for w in phrase.split() if w.lower() not in DETERMINERS]
    return bool(words) and words[0][:1].isupper()


def _main_subject(sentence: str, cue: int, mentions: list[ClaimantMention]) -> Attribution | None:
    """'X made the remarks …, while noting that …': a participle's speaker is the clause's subject."""
    first = [m for m in mentions if m.end <= cue]
    subject = re.match(
        r"\s*((?:[A-Za-z][\w'’.-]*\s+){0,5}?[A-Za-z][\w'’.-]*)\s+(?:has\s+|have\s+|had\s+)?[a-z]+ed\b",
        sentence,
    )
    if first and (subject is None or first[0].start < subject.end(1)):
        return _named(cue, first[0])
    if subject is None:
        return None
    # "The Sudanese government rejected the UN figure, saying …": the subject, not the UN
    return _unnamed(cue, _clean_phrase(subject.group(1)))


def _last_noun_phrase(text: str) -> str:
    """The last noun phrase of `text`: 'the official one given by Myanmar authorities' -> 'Myanmar authorities'."""
    words = text.split()
    for index in range(len(words) - 1, -1, -1):
        if words[index].lower() in {"by", "from", "of", "to", "than", "at", "in", "on", "with"}:
            return " ".join(words[index + 1 :])
    return text


def _subject_gap(between: str) -> bool:
    """The words between a named claimant and its verb: an apposition or an auxiliary, not a new subject."""
    stripped = re.sub(r"^\s*(?:\)|\([A-Za-z&.\s-]{1,12}\))", "", between).strip()
    if not stripped:
        return True
    if (
        stripped.startswith(",")
        or stripped.startswith("(")
        or stripped.startswith("’s")
        or stripped.startswith("'s")
    ):
        return True
    if _SOURCE_GAP_RE.match(stripped):
        return True  # "SNHR figures show", "the Observatory's latest data put"
    words = stripped.lower().split()
    return len(words) <= 3 and all(w in _GAP_WORDS for w in words)


_GAP_WORDS = {*_BETWEEN_WORDS.split("|"), "was", "is", "were", "are", "been", "on", "last",
              "week", "month", "year", "monday", "tuesday", "wednesday", "thursday", "friday",
              "saturday", "sunday"}  # fmt: skip


_PHRASE_STOPS = {
    "on", "in", "at", "that", "who", "which", "to", "with", "as", "from", "last", "this",
    "after", "before", "when", "while", "during", "since", "by", "has", "have", "had", "was",
    "is", "were", "are", "said", "says", "told", "led", "quoted", "cited", "based", "headed",
    "backed", "run", "working", "including", "citing", "quoting", "said,", "estimate",
    "estimates", "made", "also", "according", "between",
}  # fmt: skip


_ORGANISATION_WORDS = {"project", "group", "office", "ministry", "agency", "commission", "council",
                       "mission", "network", "centre", "center", "observatory", "organisation",
                       "organization", "committee", "union", "forces", "army", "institute",
                       "university", "foundation", "coalition", "authorities", "government",
                       "data", "department", "unit", "court", "tribunal", "police", "service",
                       "report", "study", "survey", "monitor", "monitors", "groups",
                       "estimates", "figures", "reports", "estimate", "statistics"}  # fmt: skip
_DOTTED_ACRONYM_RE = re.compile(r"(?:\b[A-Z]\.){2,}$")  # "U.N.", "U.S."
# Time said between a subject and its verb, as wire copy does: "The Philippines Saturday
# increased the toll", "a report of the Interior Ministry early on Saturday put it at"; "still".
_TRAILING_ADVERBS = {"there", "here", "now", "today", "yesterday", "tonight", "again", "also", "still",
                     "earlier", "later", "recently", "previously", "early", "late", "overnight",
                     "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                     "sunday"}  # fmt: skip
_LY_NOUNS = {"daily", "weekly", "monthly", "quarterly", "yearly", "family", "assembly", "ally", "tally",
             "rally", "italy", "supply"}  # fmt: skip
# "Human Rights Watch itself wrote", "President Maduro himself announced": the speaker.
_EMPHATIC_PRONOUNS = {"itself", "himself", "herself", "themselves"}
_CONJUNCTIONS = {
    "but", "and", "while", "whilst", "as", "so", "yet", "or", "although", "though", "whereas", "when",
    "after", "because", "where", "since", "if", "that", "then", "before",
}  # fmt: skip


_SOURCE_GAP_RE = re.compile(
    rf"^(?:['’]s\s+)?(?:(?:latest|new|own|most|recent|updated|final|official|annual|monthly)\s+){{0,2}}(?:{alternation(SOURCE_NOUNS)})$",
    re.IGNORECASE,
)
_INSTITUTION_NOUNS = {"ministry", "office", "mission", "department", "directorate", "authority",
                      "authorities", "agency", "commission", "council", "officials", "police",
                      "army", "government", "forces", "unit", "service", "researchers",
                      "scientists", "experts", "academics", "epidemiologists", "doctors",
                      "team"}  # fmt: skip


# A piece of writing speaks for where it is published: "An explainer on A2OZ", "A longer
# analysis posted on Clipartbitch", "the Finland WW1 site", "An official State Department
# account of the war" (the name is the source, the writing its vehicle).
_WRITINGS = (
    r"(?:explainer|analysis|page|web\s?page|site|website|blog|blog\s+post|post|entry|story|"
    r"photo\s+story|article|passage|piece|thread|account|summary|overview|timeline|"
    r"(?:picture|photo|image)\s+gallery|gallery|photo\s+essay|slideshow|video|documentary)"
)
_NAME = r"[A-Z][\w'’.-]*(?:\s+(?:[A-Z0-9][\w'’.-]*|of|for|and|&)){0,5}(?<![\s,.])"
_PUBLISHED_ON_RE = re.compile(
    rf"^(?:(?:[Aa]n?|[Tt]he)\s+)?(?:[a-z][\w-]*\s+){{0,2}}{_WRITINGS}\s+(?:(?:posted|published|"
    rf"quoted|found|written)\s+)?(?:on|at)\s+(?:(?:[Aa]n?|[Tt]he)\s+)?(?P<name>{_NAME})"
    rf"(?:\s+{_WRITINGS})?\s*$"
)
_NAMED_WRITING_RE = re.compile(
    rf"^(?:(?:[Aa]n?|[Tt]he)\s+)?(?:[a-z][\w-]*\s+){{0,2}}(?P<name>{_NAME})\s+{_WRITINGS}"
    rf"(?:\s+(?:of|on|about)\s+[^,;]+)?\s*$"
)
_ADJECTIVE_NAME_RE = re.compile(r"[A-Z][a-z]+(?:-[a-z]+|an|ese|ish|ic|i)")
# A description before one name: "The Paraguayan broadcaster Telefuturo", "the Finnish site
# Winterwar.com", "the state broadcaster PTV", "the New Zealand student paper Critic": the name
# speaks.
_DESCRIBED_ONE_NAME_RE = re.compile(
    rf"^(?:(?:[Aa]n?|[Tt]he)\s+)?(?:[A-Z][a-z]+\s+){{0,2}}(?P<described>(?:[a-z][\w-]*\s+){{1,2}})(?P<name>{_NAME})$"
)


def _published_name(phrase: str) -> str | None:
    """The name a phrase gives for where its writing is published, or that it describes."""
    phrase = phrase.strip().rstrip(",")
    found = _PUBLISHED_ON_RE.match(phrase)
    named = _NAMED_WRITING_RE.match(phrase)
    if found is None and named is not None and not _ADJECTIVE_NAME_RE.fullmatch(named["name"]):
        found = named  # "A Spanish-language page", "a German site": no name
    if found is None:
        found = _DESCRIBED_ONE_NAME_RE.match(phrase)
        if (
            found is None
            or found["name"].lower() in POPULATIONS  # "(per neutral Somalis)": people, no name
            or any(
                w in _NAME_LINKS | DETERMINERS | _CONJUNCTIONS | _PHRASE_STOPS | _PARTICLES
                for w in found["described"].split()
            )
        ):
            return None
    if found.group("name").lower() in DETERMINERS:
        return None  # "A blog gives 33": an article, no name
    return found.group("name")


def _name_goes_on(words: list[str], index: int) -> bool:
    """Whether "at" or "on" at `index` joins two halves of one proper name that ends the phrase
    ("The Irish at War", "the Inter-American Commission on Human Rights"), not a place or a day."""
    tail = words[index + 1 :]
    return (
        words[index] in ("at", "on")
        and words[index - 1][:1].isupper()
        and bool(tail)
        and tail[-1][:1].isupper()
        and all(w[:1].isupper() or w in ("of", "and", "for", "the") for w in tail)
        and not any(_is_date_word(w) or w.lower().rstrip(".,") in _TIME_NOUNS for w in tail)
        and not find_places(" ".join(tail))  # "the Red Cross at Geneva": a place
    )


# A copied page's links lose their spaces: "According to theXinhua News Agency,".
_GLUED_WORD_RE = re.compile(r"\b(the|of|to|by|from|and)(?=[A-Z][a-z])")


# A span of time counted from an event, opening the clause before its subject: "A year after the
# killings Reuters (wrote)", "Four days after the sinking, BBC News (wrote)".
_SPAN_AFTER_EVENT_RE = re.compile(
    r"^\W*(?:[Aa]n?|[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Tt]en|[Ss]everal|"
    r"[Tt]wenty|\d{1,3})\s+(?:days?|weeks?|months?|years?|decades?)\s+(?:after|before|into|since)\s+"
    r"(?:the\s+|its\s+|their\s+)?[a-z]+(?:\s+of\s+[a-z]+)?,?\s+(?=[A-Z])"
)


def _clean_phrase(phrase: str) -> str | None:
    phrase = _GLUED_WORD_RE.sub(r"\1 ", phrase)
    phrase = _SPAN_AFTER_EVENT_RE.sub("", phrase)  # "A year after the killings Reuters": Reuters
    writing = writing_owner(phrase)
    if writing is not None:  # "a copy of its article": whoever the writing is by, or no one
        return writing.owner
    maker = _BY_MAKER_RE.match(phrase)
    if maker is not None:  # "A review by The New York Times of daily mortality data": the Times
        return maker.group("name")
    phrase = re.split(r"\s[\"“‘(]", phrase)[0]  # 'a government database of "deaths …"'
    topic = _NAME_OF_TOPIC_RE.match(phrase)
    if topic is not None and topic.group("last").lower() not in _INSTITUTION_NOUNS | _TITLE_WORDS:
        phrase = topic.group("name")  # "The New York Times of daily mortality data": the Times
    phrase = re.split(r"\s[—–]\s", phrase)[-1]  # "KABUL, 3 May 2012 — Official data …"
    phrase = _OWNED_SOURCE_RE.sub("", phrase)  # "the ministry's latest figures": the ministry
    owned = _NAMES_WRITING_RE.search(phrase)
    if owned is not None and _is_name(phrase[: owned.start()]):
        phrase = phrase[: owned.start()]  # "NDTV's first report": NDTV
    published = _published_name(phrase)
    if published is not None:
        return published
    words = phrase.split()
    if words and words[0] in _SPEECH_WORDS:
        return None  # "informed that today …": a verb, not a speaker
    for index, word in enumerate(words):
        previous = words[index - 1].lower()
        speech = (
            word.lower() in _SPEECH_WORDS
            and previous not in DETERMINERS
            and not (  # "the 434-page report", "the final report": a noun
                word.lower() in VERB_NOUNS
                and (any(ch.isdigit() for ch in previous) or previous in _DESCRIBING)
            )
        )
        if speech and index == len(words) - 1 and word.lower() in VERB_NOUNS and word.endswith("s"):
            continue  # "initial reports (indicate)": the subject's head noun before its verb
        if (
            speech
            and previous.endswith("ly")
            and word.lower().endswith("ed")
            and index + 1 < len(words)
        ):
            continue  # "the most widely published estimates": a participle before its noun
        following = words[index + 1].lower() if index + 1 < len(words) else ""
        if speech and word.lower() in VERB_NOUNS and following in ("from", "by", "of"):
            continue  # "Initial diplomatic reports from Western countries": a noun
        if index > 0 and (word.lower() in _PHRASE_STOPS or speech):
            if word[:1].isupper() and words[index - 1][:1].isupper():
                continue  # inside a proper name: "The Iraq Body Count project"
            if _name_goes_on(words, index):
                continue  # "The Irish at War", "the Commission on Human Rights": one name
            if word.lower() in VERB_NOUNS and (previous in _DESCRIBING or previous.endswith("ed")):
                continue  # "Previous estimates", "the final report"
            place_of_institution = (
                word.lower() in ("in", "of", "for", "at", "from")
                and words[index - 1].lower() in _INSTITUTION_NOUNS | set(SOURCE_NOUNS)
                and index + 1 < len(words)
                and words[index + 1][:1].isupper()
            )
            if place_of_institution:  # "the health ministry in Gaza", "researchers at Ghent"
                continue
            words = words[:index]
            break
    inner_article = next(
        (
            i
            for i in range(len(words) - 1, 0, -1)
            if words[i].lower() in ("the", "a", "an")
            and words[i - 1].lower() not in _NAME_LINKS
            and not words[i - 1][:1].isupper()
        ),
        None,
    )
    if inner_article is not None or (
        len(words) > 2 and words[1] == "the" and _is_date_word(words[0])
    ):
        words = words[inner_article if inner_article is not None else 1 :]  # "30 June the ministry"
    words = _after_time_adjunct(words)
    while words and (
        words[0].lower() in DETERMINERS | _CONJUNCTIONS or (words[0] == "of" and len(words) > 2)
    ):
        words = words[1:]  # "(archive) of the Truth and Reconciliation Commission": the body
    while words and (
        words[-1].lower().rstrip(".,") in _TRAILING_ADVERBS | _EMPHATIC_PRONOUNS
        or (  # "António Guterres strongly (condemned)", not "a Hindi daily"
            len(words) > 1
            and words[-1].islower()
            and words[-1].endswith("ly")
            and words[-1] not in _DESCRIBING | _LY_NOUNS
        )
        or words[-1].lower() in _NAME_LINKS | DETERMINERS
    ):
        words = words[:-1]
    if not words or words[0].lower() in _PHRASE_STOPS:
        return None
    described = next((i for i, w in enumerate(words) if w[:1].isupper()), 0)
    if (
        0 < described <= 2
        and len(words) - described >= 2
        and all(
            w[:1].isupper() or w.lower() in _NAME_LINKS - {"to", "on"} for w in words[described:]
        )
    ):  # "its rival Daily Star", "the rights group Amnesty International": the name
        if all(w.isalpha() and w.lower() not in _NAME_LINKS for w in words[:described]):
            words = words[described:]
    if len(words) > 1 and words[-1].islower() and words[-1].endswith("ed"):
        words = words[:-1]  # "a special committee tasked (to investigate …)": the committee
    joined = " ".join(words).rstrip(",")
    if joined.endswith(".") and _DOTTED_ACRONYM_RE.search(joined) is None:
        joined = joined[:-1]  # a sentence's full stop, not "U.N." or "U.S."
    if (
        len(words) >= 2
        and words[-1] in _WORK_NOUNS  # lower case: "Ground Report" is a name
        and words[0][:1].isupper()
        and words[0].lower() not in _DESCRIBING  # "New report": no name
        and all(w[:1].isupper() or w.lower() in _NAME_LINKS for w in words[:-1])
    ):  # "A University of Michigan study (estimated)": the university
        words = words[:-1]
        joined = " ".join(words)
    source_of = _SOURCE_OF_NAME_RE.match(joined)
    if source_of is not None:  # "provisional report of the Interior Ministry": the ministry
        joined = source_of.group("name")
        words = joined.split()
    if joined.lower() in NOBODY or re.fullmatch(r"[\d.,\s]+", joined):
        return None  # "… at an estimated 130,000": the end of a number is no speaker
    if len(words) == 1 and joined.islower() and joined.endswith(("ed", "ly")):
        return None  # "data supplied by the ministry show": a participle, not a speaker
    inner = [
        w
        for i, w in enumerate(words)
        if not (
            w.lower() in ("and", "&")
            and 0 < i < len(words) - 1
            and (words[i + 1][:1].isupper() or _plural_nouns(words[i - 1], words[-1]))
        )
    ]
    if any(w.lower() in _NOT_A_SPEAKER for w in inner) and joined.lower() not in PRONOUNS:
        return None
    return joined


# A piece of work and who made it: "A review by The New York Times of daily mortality data".
_BY_MAKER_RE = re.compile(
    r"^\W*(?:(?:[Aa]n?|[Tt]he)\s+)?(?:[a-z-]+\s+){0,2}(?:review|study|survey|analysis|"
    r"investigation|assessment|report|count|tally|estimate|update|census)\s+by\s+(?:[Tt]he\s+)?"
    r"(?P<name>[A-Z][\w'’.&-]*(?:\s+(?:[A-Z][\w'’.&-]*|(?:of|for|and)(?=\s+[A-Z])))*)"
)
# A name, then "of" and what the work was about: "The New York Times of daily mortality data".
_NAME_OF_TOPIC_RE = re.compile(
    r"^\W*(?P<name>(?:[Tt]he\s+)?(?:[A-Z][\w'’.&-]*\s+)*(?P<last>[A-Z][\w'’.&-]*))\s+of\s+"
    r"(?!(?:the|a|an)\b)[a-z]"
)
_WORK_NOUNS = {"study", "survey", "report", "analysis", "review", "assessment"}
_SOURCE_OF_NAME_RE = re.compile(
    r"^(?:(?-i:[a-z])[\w-]*\s+){0,3}(?:reports?|updates?|bulletins?|statements?|figures?|data|"
    r"counts?|tally|toll|statistics|estimates?|records|numbers)\s+(?:of|from|by)\s+"
    r"(?:the\s+)?(?P<name>(?-i:[A-Z])[\w'’.-]*(?:\s+(?:(?-i:[A-Z])[\w'’.-]*|of|for|and|&))*)$",
    re.IGNORECASE,
)


def _plural_nouns(left: str, right: str) -> bool:
    """'rights groups and separatists', 'police and administrators': one subject."""
    return right.endswith("s") and all(
        w.isalpha() and w.islower() and w not in _NOT_A_SPEAKER for w in (left.lower(), right)
    )


_NAME_LINKS = {"of", "for", "in", "at", "and", "on", "to", "&"}
_MONTH_NAMES = {"january", "february", "march", "april", "may", "june", "july", "august",
                "september", "october", "november", "december"}  # fmt: skip


def _is_date_word(word: str) -> bool:
    return word.lower().rstrip(",") in _MONTH_NAMES or word.rstrip(",").isdigit()


_TIME_NOUNS = {"day", "week", "month", "year", "morning", "afternoon", "evening", "night",
               "weekend", "later", "earlier", "today", "yesterday", "tonight", "monday",
               "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
               "anniversary", "decade", "days", "weeks", "months", "years", "decades"}  # fmt: skip
_TIME_OPENERS = {"on", "in", "by", "at", "during", "after", "before", "since", "until", "last",
                 "this", "that", "later", "earlier", "a", "an", "one", "the", "next"}  # fmt: skip
_SUBJECT_PRONOUNS = {"he", "she", "they", "we", "it", "i"}


def _after_time_adjunct(words: list[str]) -> list[str]:
    """The subject after a time adjunct that opens its clause: 'By the afternoon Kyrylenko',
    'On 5 March he', 'A week later he' -> 'Kyrylenko', 'he'. A date inside a name ('the 2011
    Commission') is no adjunct: dates count only after a preposition."""
    first = words[0].lower().rstrip(",") if words else ""
    if len(words) < 2 or not (first in _TIME_OPENERS | _TIME_NOUNS or _is_date_word(first)):
        return words
    preposition = first not in DETERMINERS | {"one"}  # or a date or time: "(5) March he"
    cut = max(
        (
            i
            for i, w in enumerate(words[:-1])
            if w.lower().rstrip(",") in _TIME_NOUNS or (preposition and _is_date_word(w))
        ),
        default=-1,
    )
    tail = words[cut + 1 :]
    if cut < 0 or not tail:
        return words
    if cut == 1 and first in DETERMINERS and words[1][:1].isupper() and tail[0][:1].isupper():
        return words  # "The Sunday Observer", "the Evening Standard": a title, no time
    if len(tail) == 1 and tail[0].lower() in _SUBJECT_PRONOUNS:
        return tail
    if (_is_date_word(words[cut]) or words[cut].lower().rstrip(",") in _TIME_NOUNS) and tail[
        -1
    ].lower() in _ORGANISATION_WORDS | _INSTITUTION_NOUNS:
        return tail  # "On 6 December police reported", "on Monday local officials counted"
    return tail if all(w[:1].isupper() for w in tail) else words


_TITLE_WORDS = {"president", "minister", "prime", "secretary", "spokesman", "spokeswoman",
                "spokesperson", "general", "colonel", "commander", "chief", "director", "head",
                "governor", "mayor", "envoy", "ambassador", "deputy", "foreign", "defence",
                "defense", "interior", "health", "lieutenant", "major", "captain", "general-secretary", "chairman", "speaker",
                "prof.", "prof", "professor", "commissioner", "gen.", "col.", "lt.", "maj.",
                "capt.", "dr."}  # fmt: skip


_POST_WORDS = {"services", "affairs", "operations", "relations", "office", "department", "ministry",
               "police", "forces", "security", "information", "communications", "staff", "the"}  # fmt: skip


def _without_title(name: str) -> str:
    """'Armenian Prime Minister Nikol Pashinyan' -> 'Nikol Pashinyan' (the person, not the post);
    'Director of Health Services Anil Jasinghe' -> 'Anil Jasinghe' (the post's office too)."""
    words = name.split()
    last_title = max((i for i, w in enumerate(words) if w.lower() in _TITLE_WORDS), default=-1)
    while (
        last_title >= 0
        and last_title + 3 < len(words)
        and words[last_title + 1].lower() in _POST_WORDS | _TITLE_WORDS | {"of", "for"}
    ):
        last_title += 1  # "of Health Services": the office the post belongs to
    rest = words[last_title + 1 :]
    if rest and rest[0] in _PARTICLES:
        return name  # "General de Gaulle": the title stays with a surname that needs it
    if rest and rest[-1].lower() in _ORGANISATION_WORDS | _INSTITUTION_NOUNS:
        return name  # "USSR General Public Prosecutor's Office": a body's name, no person in it
    if last_title >= 0 and len(rest) >= 2 and all(_name_word(w) for w in rest):
        return " ".join(rest)
    return name


def _name_word(word: str) -> bool:
    """A word of a person's name: capitalised, a particle ("de", "bin"), or a particle joined to
    the name it belongs to ("al-Falih", "el-Sisi")."""
    head, _, tail = word.partition("-")
    return word[:1].isupper() or word in _PARTICLES or (head in _PARTICLES and tail[:1].isupper())


_OWNED_SOURCE_RE = re.compile(
    r"['’]s?\s+(?:(?:latest|new|own|most|recent|updated|final|official|annual|monthly|daily|weekly)\s+){0,2}"
    r"(?:figures|figure|data|report|count|tally|estimate|estimates|statistics|records|numbers|toll)\s*$",
    re.IGNORECASE,
)
# A name's writings speak for the name: "NDTV's first report", "Vassar's chronology", "C-SPAN's
# page for its oral histories", "the Los Angeles Times's caption of an Associated Press
# photograph" (what the writing is of or for goes with it); not "a photographer's caption".
_NAMES_WRITING_RE = re.compile(
    r"(?<=[\w.])['’]s?\s+(?:[a-z0-9][a-z0-9-]*\s+){0,2}"
    r"(?:report|reports|statement|chronology|timeline|caption|page|article|story|explainer|list|"
    r"entry|account|obituary|piece|post|blog|site|website|feature|fact\s+sheet|fast\s+facts|copy|"
    r"oral\s+histories|summary|column|profile|figures|count|tally|estimate|toll)"
    r"(?:\s+(?:for|of|on|about|in|from)\s.*)?\s*$"
)
_DESCRIBING = {"final", "latest", "new", "annual", "full", "joint", "official", "preliminary",
               "previous", "earlier", "other", "independent", "unofficial", "conservative",
               "updated", "interim", "recent", "same", "first", "second", "third", "quarterly",
               "monthly", "weekly", "daily"}  # fmt: skip


# Who or what a body issues: "A ministry statement said" is the ministry named before. Its
# sources are not ("police sources spoke of 150 dead": unnamed people, not the police).
_ISSUED = {"statement", "report", "release", "update", "bulletin", "briefing", "spokesman",
           "spokeswoman", "spokesperson", "official", "officials"}  # fmt: skip


# Heads that name a body of figures or a time, never who speaks: "according to casualty
# figures", "its confirmed data", "the month of June registered", "the previous day's report".
_NOT_AGENT_HEADS = {"figures", "figure", "data", "tally", "tallies", "count", "counts", "toll",
                    "estimate", "estimates", "statistics", "numbers", "records", "information",
                    "calculations", "documentation", "database", "day", "days", "week", "weeks",
                    "month", "months", "year", "years", "day's", "week's", "month's",
                    "year's"} | _MONTH_NAMES  # fmt: skip
# ... unless they say whose they are: "official figures", "a government database".
_OWNER_WORDS = {"official", "government", "police", "military", "army", "hospital", "medical",
                "health", "ministry", "morgue", "un"}  # fmt: skip
# "another organization called NESOHR": the name; "Srisompob Jitpiromsri of the monitoring
# group Deep South Watch": the person before the description of their body.
_CALLED_RE = re.compile(r"^.*?\b(?:called|named|known\s+as)\s+(?=[A-Z])")
_PERSON_OF_RE = re.compile(r"^((?:[A-Z][\w'’.-]*\s+){1,3}[A-Z][\w'’.-]*),?\s+of\s+the\s+[a-z]")


_MEMBERS_RE = re.compile(rf"^(?:the\s+)?(\w+)\s+of\s+(?:\d[\d,]*|{'|'.join(UNITS)})\s+[a-z]+$")


_NO_ONE = {"neither", "none", "nobody", "no one", "either", "both"}  # "registered by neither"
_AREA_HEADS = {"province", "district", "region", "prefecture", "county", "governorate", "oblast",
               "commune", "municipality", "subdistrict", "sub-district"}  # fmt: skip
# One of a series a source issues, named by its order or time and no owner: "One update", "a
# later one", "the latest bulletin" speak for the source named before.
_ANOTHER_ISSUE_RE = re.compile(
    r"(?:(?:one|a|an|the|another|its|their|this|that)\s+)?(?:(?:first|second|third|next|later|"
    r"earlier|previous|latest|new|provisional|preliminary|updated|subsequent|further|early|"
    r"evening|morning|night|afternoon)\s+){0,2}(?:update|bulletin|one)"
)


def _unnamed(cue: int, name: str | None) -> Attribution | None:
    if name is None or not name.strip() or name.strip().lower() in _NO_ONE:
        return None  # a cue with nothing before it ('. at said') names no one
    name = _CALLED_RE.sub("", name)
    person_of = _PERSON_OF_RE.match(name)
    if person_of is not None:
        name = person_of.group(1)
    words = name.lower().split()
    if words == [words[0]] and words[0] in _NOT_AGENT_HEADS:
        return None  # '"Data from our records indicates that …," the chair said': she speaks
    if (
        not set(words) & _OWNER_WORDS
        and all(w.islower() or w.lower() in _MONTH_NAMES for w in name.split())
        and (
            words[-1] in _NOT_AGENT_HEADS
            or (len(words) > 2 and words[0] in _NOT_AGENT_HEADS and words[1] == "of")
        )
    ):
        return None
    if len(words) > 1 and words[-1] in _AREA_HEADS:
        return None  # "Al Haouz province counted 694": a place's count, said by who counts it
    name = _without_title(name)
    lowered = name.lower()
    words = lowered.split()
    if (
        len(words) > 1
        and f"the {words[-1]}" in PRONOUNS
        and name == lowered
        and all(not w.isalpha() or w in _DESCRIBING for w in words[:-1])
    ):
        lowered = words[-1]  # "the 434-page report", "the final report": the report named before
    if len(words) == 2 and words[1] in _ISSUED and f"the {words[0]}" in PRONOUNS:
        lowered = words[0]  # "A ministry statement said": the ministry named before
    if _ANOTHER_ISSUE_RE.fullmatch(lowered):
        lowered = "report"  # "One update put it at 820 …; a later one gave": the same source's
    if lowered.startswith(("our ", "my ")):
        lowered = lowered.split()[0]  # "Our human rights monitoring team": the speaker's own
    members = _MEMBERS_RE.match(lowered)
    if members is not None and f"the {members.group(1)}" in PRONOUNS:
        lowered = members.group(1)  # "the commission of 13 historians": the commission
    if lowered in PRONOUNS or f"the {lowered}" in PRONOUNS:
        return Attribution(cue, None, "pronoun", None, pronoun=lowered)
    words = name.lower().split()
    person = name[0].isupper() and len(words) <= 4 and not set(words) & _ORGANISATION_WORDS
    return Attribution(cue, name, "person" if person else "other", None)


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
    walls = [m.start() for m in _WALL_RE.finditer(sentence)]

    def walled(cue: int) -> bool:
        # "Officially, 85 were killed, while survivors reported 400": a source after a contrast
        # does not speak for the figures before it (before it, "X said A, while B" goes on)
        return any(position < w < cue for w in walls)

    usable = [
        a
        for a in attributions
        if (a.scope is None or a.scope[0] <= position < a.scope[1]) and not walled(a.cue)
    ]
    if not usable:
        return None
    # a source scoped to the claim's own phrase ("151,000 deaths (per X)") comes first
    chosen = min(
        usable, key=lambda a: (a.scope is None, clause(a.cue) != here, abs(a.cue - position))
    )
    if (
        chosen.scope is None
        and chosen.cue > position
        and _CLOSING_VERB_RE.match(sentence, chosen.cue)
    ):
        # "the inmates said the true number was over 200, Snaprecaps notes": the speaker whose
        # verb governs the figure, not the carrier whose verb closes the sentence
        inner = [
            a
            for a in usable
            if a.scope is None
            and a.claimant is not None
            and a.kind not in ("anonymous", "others")
            and position - 150 < a.cue < position
            and clause(a.cue) == here
        ]
        if inner:
            return max(inner, key=lambda a: a.cue)
    return chosen


# A contrast between two clauses: "…, while survivors reported 400".
_WALL_RE = re.compile(r",\s*(?:while|whilst|whereas|but|although|though)\b")
# … at the end of the sentence, or of its clause before a contrast: "…, The Express Tribune reports,
# while the official toll …".
_CLOSING_VERB_RE = re.compile(
    r"\w+(?:\s+(?:on|in)\s+\w+)?\s*(?:[.!?]?[\"”’']?\s*$|,\s*(?:while|whilst|whereas|but)\b)"
)


_CATAPHORIC_RE = re.compile(
    r"^\W*(?:the|these|those|its|their)\s+(?:(?:latest|new|official)\s+)?(?:figures|numbers|data|toll|count|statistics|casualties|findings)\b[^.;]{0,40}?,?\s+"
    r"(?:were\s+|are\s+)?(?:recorded|compiled|published|collected|gathered|verified|documented|provided|released|reported|issued)\s+by\s+",
    re.IGNORECASE,
)


def cataphoric_source(sentence: str, mentions: list[ClaimantMention]) -> Attribution | None:
    """'… The figures, recorded by UN Assistance Mission in Afghanistan (UNAMA), …': a sentence
    that opens by naming who recorded the figures just given."""
    match = _CATAPHORIC_RE.match(sentence)
    if match is None:
        return None
    return _object_attribution(sentence, 0, match.end(), mentions)
