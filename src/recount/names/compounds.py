"""Name tokens that are one name though written as two: عبد + X, X + الدين/الله, أبو X, and the article.

Each function splits one token (already joined by the tokenizer, e.g.
``عبد الرحمن`` or ``abdulrahman``) into its meaningful parts and builds its key
from the keys of those parts, so ``Abd al-Rahman``, ``Abdul Rahman``,
``Abdulrahman`` and ``عبدالرحمن`` all give ``ebd`` + the key of رحمن.
"""

from __future__ import annotations

import re
from typing import Protocol

from recount.names.arabic import normalize_arabic, strip_marks


class PartKey(Protocol):
    """Keys simple (non-compound) name words of one script; `known` says the lexicon has it."""

    def key(self, word: str) -> str: ...

    def known(self, word: str) -> bool: ...


ABD_KEY = "ebd"
ABU_KEY = "ebw"
UMM_KEY = "em"
DIN_KEY = "dyn"
ALLAH_KEY = "la"  # الله: ل + final vowel, as Abdullah/Abdalla and عبدالله both give

# -- Arabic ---------------------------------------------------------------------------------
_AR_SPACE = re.compile(r"[\s\-_.]+")
_AR_ARTICLE = "ال"
_AR_UMM = re.compile(r"^ام[\s\-]")


def arabic_compound_key(token: str, part_key: PartKey) -> str:
    """Key of one Arabic token, letters as typed (ى kept), compounds and article resolved."""
    marked = strip_marks(token).strip()
    raw = _AR_SPACE.sub("", marked)
    norm = normalize_arabic(raw)
    if part_key.known(raw):
        return part_key.key(raw)
    if raw.startswith(("ال", "ٱل")) and len(norm) > 6 and norm[2:].startswith(("عبد", "ابو")):
        raw, norm = raw[2:], norm[2:]  # العبدالله, الابوزيد: the article on a compound family name
    if _AR_UMM.match(normalize_arabic(marked)):
        return UMM_KEY + _arabic_tail(raw[2:], part_key)
    if norm.startswith("عبد") and len(norm) > 4 and norm not in ("عبدو", "عبده"):
        return ABD_KEY + _arabic_tail(raw[3:], part_key)
    if norm.startswith("ابو") and len(norm) > 4:
        return ABU_KEY + _arabic_tail(raw[3:], part_key)
    if norm.endswith("الدين") and len(norm) > 6:
        return _arabic_tail(raw[:-5], part_key) + DIN_KEY
    if norm.endswith("الله") and len(norm) > 5:
        return _arabic_tail(raw[:-4], part_key) + ALLAH_KEY
    return _arabic_tail(raw, part_key)


def _arabic_tail(raw: str, part_key: PartKey) -> str:
    if normalize_arabic(raw) == "الله":
        return ALLAH_KEY
    return _arabic_simple(raw, part_key)


def _arabic_simple(raw: str, part_key: PartKey) -> str:
    """A simple name, its article dropped unless the lexicon knows it whole (الياس).

    The article is written with a bare alef; إلياس with hamza is a name, not al + yas.
    """
    if not part_key.known(raw) and raw.startswith(("ال", "ٱل")) and len(raw) >= 4:
        return part_key.key(raw[2:])
    return part_key.key(raw)


# -- Latin ----------------------------------------------------------------------------------
LATIN_ARTICLES = frozenset(
    "al el ul il ol as ash ar ad az at an adh ath es er ed ez et en ech".split()
)
ABD_PREFIXES = frozenset("abd abdul abdel abdal abdoul abdol abdil abdur abdu".split())
ABU_WORDS = frozenset("abu abou abo aboo bou abū".split())
UMM_WORDS = frozenset("umm um oum om omm".split())
DIN_WORDS = frozenset(
    "din deen dine dein dyn eddin eddine eddeen uddin uddeen addin iddin aldin eldin aldeen eldeen".split()
)
ALLAH_WORDS = frozenset("allah alla ullah ulla illah lah llah allāh".split())

_LATIN_ABD = re.compile(
    r"^abd(?:ul|oul|ol|el|il|al|ur|ar|er|us|as|es|un|an|en|ud|ad|ed|ut|at|et|uz|az|ez|ush|ash|esh)(?P<rest>[a-z]{2,})$"
)
_LATIN_ABD_PLAIN = re.compile(r"^abd(?P<rest>[bcdfghjklmnpqrstvwxz][a-z]{2,})$")
_LATIN_DIN = re.compile(
    r"^(?P<head>[a-z]{2,}?)(?:ed|ud|ad|id|el|al|ul|d)?-?d(?:in|een|ine|ein|yn)$"
)
_LATIN_ALLAH = re.compile(r"^(?P<head>[a-z]{2,}?)(?:allah|ullah|alla|ulla|illah)$")
_LATIN_ARTICLE = re.compile(r"^(?:al|el)(?P<rest>[a-z]{3,})$")
_LATIN_ABU = re.compile(r"^ab(?:ou|u)(?P<rest>[a-z]{3,})$")


def latin_compound_key(token: str, part_key: PartKey) -> str:
    """Key of one folded Latin token (words of a compound joined by space or hyphen)."""
    words = [w for w in re.split(r"[\s\-]+", token) if w]
    had_article = False
    while len(words) > 1 and words[0] in LATIN_ARTICLES:
        words = words[1:]
        had_article = True
    if not words:
        return ""
    head, rest = words[0], words[1:]
    rest = [w for w in rest if w not in LATIN_ARTICLES] or rest
    if rest:
        if head in ABD_PREFIXES or head in ("abed", "abid"):
            return ABD_KEY + "".join(_latin_simple(w, part_key) for w in rest)
        if head in ABU_WORDS:
            return ABU_KEY + "".join(_latin_simple(w, part_key) for w in rest)
        if head in UMM_WORDS:
            return UMM_KEY + "".join(_latin_simple(w, part_key) for w in rest)
        if rest[-1] in DIN_WORDS:
            return "".join(_latin_simple(w, part_key) for w in [head, *rest[:-1]]) + DIN_KEY
        if rest[-1] in ALLAH_WORDS:
            return "".join(_latin_simple(w, part_key) for w in [head, *rest[:-1]]) + ALLAH_KEY
        return "".join(_latin_simple(w, part_key) for w in [head, *rest])
    if head in ALLAH_WORDS:
        return ALLAH_KEY
    return _latin_simple(head, part_key, article_allowed=not had_article)


def _latin_simple(word: str, part_key: PartKey, article_allowed: bool = True) -> str:
    if part_key.known(word):
        return part_key.key(word)
    if article_allowed and word.startswith(("alabd", "elabd", "alabu", "elabu")):
        word = word[2:]  # Alabdullah, Alabuzeid: the article on a compound family name
    if match := _LATIN_ABD.match(word) or _LATIN_ABD_PLAIN.match(word):
        return ABD_KEY + _latin_simple(match["rest"], part_key)
    if match := _LATIN_ABU.match(word):
        if part_key.known(match["rest"]):
            return ABU_KEY + part_key.key(match["rest"])
    if match := _LATIN_DIN.match(word):
        return _latin_simple(match["head"], part_key) + DIN_KEY
    if match := _LATIN_ALLAH.match(word):
        return _latin_simple(match["head"], part_key) + ALLAH_KEY
    if (
        article_allowed
        and (match := _LATIN_ARTICLE.match(word))
        and (len(match["rest"]) >= 4 or part_key.known(match["rest"]))
    ):
        return _latin_simple(match["rest"], part_key, article_allowed=False)
    return part_key.key(word)
