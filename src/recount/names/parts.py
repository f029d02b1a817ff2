"""A written name into its parts: given, father's, grandfather's and family name, and kunya.

Syrian lists write a person as given + father + (grandfather) + family name,
sometimes inverted ('AL-KHATIB, Abd al-Majid'), with labels in front (الشهيد,
الطفل, 'the martyr'), with a nasab (بن/bin), a kunya (أبو أحمد) or no name at
all ('unknown', مجهول, 'wife of …'). Unidentified names are recognised here so
that the link stage never matches them on their words.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

from recount.names.arabic import has_arabic, normalize_arabic, strip_marks
from recount.names.burmese import has_burmese, name_syllables, unknown_burmese
from recount.names.compounds import (
    ABD_PREFIXES,
    ABU_WORDS,
    ALLAH_WORDS,
    DIN_WORDS,
    LATIN_ARTICLES,
    UMM_WORDS,
)
from recount.names.equivalents import NO_EQUIVALENTS, NameEquivalents
from recount.names.ethiopian import ethiopian_key, expand_latin, holy_compound
from recount.names.keys import (
    ARABIC_KEYS,
    AUTO_KEYS,
    BURMESE_KEYS,
    ETHIOPIC_KEYS,
    SPELLING_KEYS,
    LatinWords,
    spelling_token_key,
    token_key,
)
from recount.names.latin import fold_latin
from recount.names.lexicon import compact


class NameToken(NamedTuple):
    text: str  # normalised in its own script, compound words joined
    key: str  # cross-script key
    kind: str = "name"  # name | kunya (and, while splitting, nasab_name | patronymic)


class NameParts(NamedTuple):
    """A name split into its parts (a tuple: built millions of times, cached, never changed)."""

    given: NameToken | None = None
    father: NameToken | None = None
    grandfather: NameToken | None = None
    family: NameToken | None = None
    kunya: NameToken | None = None
    tokens: tuple[NameToken, ...] = ()
    aliases: tuple[NameToken, ...] = ()
    script: str | None = None
    identifiable: bool = True
    unidentified_reason: str | None = None
    relation: str | None = None
    relation_anchor_key: str | None = None

    @property
    def key(self) -> str:
        """Full-name key: the part keys (given father [grandfather] family) joined by spaces."""
        parts = (self.given, self.father, self.grandfather, self.family)
        return " ".join(p.key for p in parts if p is not None and p.key)

    @property
    def form(self) -> str:
        """The normalised name as one string (parts in order)."""
        parts = (self.given, self.father, self.grandfather, self.family)
        return " ".join(p.text for p in parts if p is not None)


# -- word lists (normalised Arabic, folded Latin) ------------------------------------------
_AR = normalize_arabic
HONORIFICS = frozenset(
    [
        _AR(w)
        for w in (
            "الشهيد الشهيدة شهيد شهيدة الطفل الطفلة طفل طفلة الرضيع الرضيعة رضيع رضيعة الشاب الشابة "
            "السيد السيدة الحاج الحاجة المواطن المواطنة الشيخ الدكتور د. د الطبيب الطبيبة المهندس "
            "المهندسة م. الأستاذ الأستاذة المعلم المعلمة الطالب الطالبة المجند الملازم النقيب الرائد "
            "المقدم العقيد العميد اللواء المساعد الرقيب العريف الجندي المقاتل القائد البطل الصحفي "
            "الناشط الإعلامي المسعف المدني السجين المعتقل المعتقلة الفقيد المرحوم المرحومة الإمام "
            "الشهيد_البطل المدعو المدعوة المسن المسنة العجوز الطفل_الرضيع"
        ).split()
    ]
    + (
        "the martyr martyrs shahid shaheed child baby infant mr mrs ms miss dr doctor eng engineer "
        "sheikh shaykh haj hajj hajji haji lt lieutenant capt captain col colonel gen general sgt "
        "sergeant pvt private soldier fighter commander activist journalist citizen prisoner "
        "detainee late named called so"
    ).split()
)
_UNKNOWN_SIGNALS = frozenset(
    [_AR(w) for w in "مجهول مجهولة مجهولين مجهولي مجهولا مجهوله".split()]
    + "unknown unidentified unnamed anonymous nameless unknow unkown n/a na none null nil".split()
    # Spanish, Portuguese, French, Italian, German; 'NN' (also written N.N.) is nomen nescio,
    # the name given to unidentified bodies across Latin America and Europe
    + (
        "nn desconocido desconocida desconocidos desconhecido desconhecida inconnu inconnue "
        "sconosciuto sconosciuta ignoto ignota unbekannt unbekannte indocumentado indocumentada"
    ).split()
)
_UNKNOWN_PHRASES = tuple(
    [
        _AR(p)
        for p in (
            "غير معروف",
            "غير معروفة",
            "غير معرف",
            "بدون اسم",
            "لا يوجد",
            "غير محدد",
            "لم يعرف",
            "لم يتم التعرف",
        )
    ]
    + ["no name", "not known", "name withheld", "not identified", "unknown name"]
    + (
        "sin identificar|no identificado|no identificada|sin nombre|por identificar|"
        "sin identificacion|nao identificado|nao identificada|sem nome|non identifie|"
        "non identifiee|sans nom|non identificato|non identificata"
    ).split("|")
)
_PHRASE_WORDS = frozenset(p.split()[0] for p in _UNKNOWN_PHRASES)
_FILLER = frozenset(
    [
        _AR(w)
        for w in (
            "الهوية هوية الاسم اسم جثة جثه جثث رجل امرأة امراة ذكر أنثى انثى شخص طفل طفلة شاب شابة "
            "مسن مسنة عجوز فتاة فتى صبي ولد بنت سيدة الجثة"
        ).split()
    ]
    + (
        "male female man woman men women boy girl child children body bodies person people adult "
        "young old elderly corpse remains name no not known identity of a an the martyr baby infant "
        "teenager youth unknown persona personas cadaver cuerpo cuerpos restos hombre mujer "
        "nino nina joven menor adulto masculino femenino sexo pessoa corpo homem mulher "
        "personne corps homme femme enfant"
    ).split()
    + list(HONORIFICS)
)
RELATIONS_AR = {
    _AR(w): rel
    for w, rel in (
        ("زوجة", "wife"), ("أرملة", "wife"), ("زوج", "husband"), ("ابن", "son"), ("نجل", "son"),
        ("ابنة", "daughter"), ("بنت", "daughter"), ("كريمة", "daughter"), ("والدة", "mother"),
        ("والد", "father"), ("أخ", "brother"), ("أخو", "brother"), ("شقيق", "brother"),
        ("أخت", "sister"), ("شقيقة", "sister"), ("حفيد", "grandchild"), ("حفيدة", "grandchild"),
        ("عائلة", "family"), ("أسرة", "family"), ("طفل", "child"), ("طفلة", "child"),
    )
}  # fmt: skip
RELATIONS_LAT = {
    "wife": "wife", "widow": "wife", "husband": "husband", "son": "son", "daughter": "daughter",
    "mother": "mother", "father": "father", "brother": "brother", "sister": "sister",
    "child": "child", "baby": "child", "infant": "child", "grandson": "grandchild",
    "granddaughter": "grandchild", "grandchild": "grandchild", "family": "family",
    "relative": "relative", "nephew": "relative", "niece": "relative", "cousin": "relative",
    # Spanish, Portuguese, French: 'hijo de …', 'esposa de …', 'filha de …', 'veuve de …'
    "hijo": "son", "hija": "daughter", "esposa": "wife", "esposo": "husband", "viuda": "wife",
    "viudo": "husband", "madre": "mother", "padre": "father", "hermano": "brother",
    "hermana": "sister", "nieto": "grandchild", "nieta": "grandchild", "sobrino": "relative",
    "sobrina": "relative", "primo": "relative", "prima": "relative", "familia": "family",
    "bebe": "child", "filho": "son", "filha": "daughter", "viuva": "wife", "mae": "mother",
    "pai": "father", "irmao": "brother", "irma": "sister", "neto": "grandchild",
    "neta": "grandchild", "fils": "son", "fille": "daughter", "epouse": "wife",
    "epoux": "husband", "veuve": "wife", "mere": "mother", "pere": "father", "frere": "brother",
    "soeur": "sister", "famille": "family",
}  # fmt: skip
# 'of' after a relation word: 'wife of', 'hijo de', 'filha do', 'veuve du'
_RELATION_OF = frozenset("of de del da do das dos du des di".split())
_NASAB = frozenset(
    [_AR("بن"), _AR("ابن"), _AR("بنت"), "bin", "ibn", "ben", "bint", "binti", "ibnat"]
)
_AR_ABU = frozenset([_AR("أبو"), _AR("ابو"), _AR("ابي")])
_AR_UMM = frozenset([_AR("أم"), _AR("ام")])
_AR_JOIN_NEXT = frozenset([_AR("عبد")])
_AR_JOIN_PREV = frozenset([_AR("الدين"), _AR("الله")])
# The first part of an Ethiopian compound name (ገብረ መድህን, Gebre Medhin: Gebremedhin), as
# written in Latin letters and as Ge'ez romanises; joined to the next word, since lists write
# the compound as one word as often. Not Haile or Tekle, which are names on their own too.
_ET_JOIN_NEXT = frozenset(["gebre", "wolde", "welde"])
_PARENS = re.compile(r"[(\[{](.*?)[)\]}]")
_SPLIT = re.compile(r"[\s_/\\.;:|\"«»]+")


@lru_cache(maxsize=1_000_000)
def split_name(
    text: str | None,
    style: str = AUTO_KEYS,
    equivalents: NameEquivalents = NO_EQUIVALENTS,
    capitals_mark_family: bool = False,
    surnames_first: int = 0,
) -> NameParts:
    """The parts of one written name (either script).

    `style` says how Latin tokens are keyed (`recount.names.keys`): as
    transliterations of Arabic, by spelling, or (auto) by whether this name
    looks Arabic in origin. Words keyed by spelling go through the country
    pack's `equivalents` (`recount.names.equivalents`). `capitals_mark_family`: the
    name's list writes the family name before a comma in capitals (`capitals_mark_family`
    in recount.names.workspace), so a comma after a name not in capitals follows the given
    name ('Aisha, Fadi Farhat'). `surnames_first`: how many leading name tokens are family
    names written before the given names (the names stage learns it per list,
    `recount.names.order`).
    """
    if text is None or not str(text).strip():
        return NameParts(identifiable=False, unidentified_reason="no_name")
    text = str(text)
    script = "arabic" if has_arabic(text) else "latin"
    main = _PARENS.sub(" ", text)
    if script == "latin" and style == ETHIOPIC_KEYS:
        main = expand_latin(main)
    if script == "latin":
        main = _ABBREVIATION.sub(r"\1", main)
    words = _words(_reorder(main, script, capitals_mark_family), script)
    requested = style
    style = latin_style(text, words, style) if script == "latin" else ARABIC_KEYS
    aliases = tuple(
        t
        for seg in _PARENS.findall(text)
        for t in _tokens(_words(seg, script), script, style, equivalents)
    )
    if style == BURMESE_KEYS and words:
        # One-letter words are syllables (U, E), not initials.
        latin_unknown = any(len(w) > 1 for w in words) and _is_unknown(words)
        if unknown_burmese(words) or latin_unknown:
            return NameParts(script=script, identifiable=False, unidentified_reason="unknown_name")
        return _assign(_tokens(words, script, style), aliases, script)
    words = _drop_leading_honorifics(words)
    if not words:
        reason = "unknown_name" if _has_letters(text) else "no_name"
        return NameParts(script=script, identifiable=False, unidentified_reason=reason)
    if _is_unknown(words) and (script == "arabic" or _written_in_latin(text)):
        return NameParts(script=script, identifiable=False, unidentified_reason="unknown_name")
    father_initial = False
    if script == "latin":
        father_initial = len(words) > 2 and _is_initial(words[1])
        words = _without_initials(words)
    relation, rest = _relation(words, script)
    if relation:
        anchor = (
            split_name(" ".join(rest), requested, equivalents, capitals_mark_family)
            if rest
            else NameParts()
        )
        return NameParts(
            script=script,
            identifiable=False,
            unidentified_reason="relational",
            relation=relation,
            relation_anchor_key=anchor.key or None,
            tokens=anchor.tokens,
        )
    if script == "arabic":
        words = _family_first(words)
    tokens = _tokens(words, script, style, equivalents)
    if not tokens:  # particles only ('De La', 'Da Da'): nothing to key
        return NameParts(script=script, identifiable=False, unidentified_reason="unknown_name")
    if 0 < surnames_first < len(tokens):
        tokens = tokens[surnames_first:] + tokens[:surnames_first]
    return _assign(
        tokens,
        aliases,
        script,
        father_initial and style in (ARABIC_KEYS, ETHIOPIC_KEYS),
        style == ETHIOPIC_KEYS,
    )


# Latin words that tie name parts together (de la Cruz, van der Berg, García y López):
# with spelling keys they are not name tokens.
SPELLING_PARTICLES = frozenset(
    "de del della der den di da das do dos du la las le les los van von vande y e of".split()
)
_ARABIC_PARTICLE = re.compile(
    r"\b(?:al|el)-[a-z]|\b(?:bin|ibn|bint|abd|abdul|abdel|abu|abou|umm)\b|(?:eddine|uddin|ullah|allah)\b"
)


def latin_style(text: str, words: list[str], style: str = AUTO_KEYS) -> str:
    """How the tokens of a Latin name are keyed; `auto` decides by the name itself.

    A name is of Arabic origin when most of its words are spellings the name
    lexicon lists, or when it carries an Arabic particle (al-, bin, Abd, Abu)
    and at least one listed word.
    """
    if has_burmese(text):
        return BURMESE_KEYS
    if style != AUTO_KEYS:
        return style
    return ARABIC_KEYS if arabic_origin(text, words) else SPELLING_KEYS


def arabic_origin(text: str, words: list[str]) -> bool:
    # an initial (Ali A. Mohammad) tells nothing of where a name comes from
    names = [w for w in words if w not in SPELLING_PARTICLES and _LETTER.search(w) and len(w) > 1]
    if not names:
        return False
    known = sum(1 for w in names if _known_latin(w))
    if 2 * known > len(names):
        return True
    return known >= 1 and _ARABIC_PARTICLE.search(fold_latin(text)) is not None


_LATIN_WORDS = LatinWords()


@lru_cache(maxsize=200_000)
def _known_latin(word: str) -> bool:
    return _LATIN_WORDS.known(compact(word))


_LETTER = re.compile(r"[^\W\d_]")


def _has_letters(text: str) -> bool:
    return _LETTER.search(text) is not None


def order_marked(text: str | None) -> bool:
    """Whether a written name says itself where its family name stands: a comma, family names
    in capitals before the given names (`_reorder`), a family name with its article first
    (`_family_first`) or last ('Ahmad Hasan al-Mohammad': a family named as a given name is
    no given name there). The names stage never turns such a name (`names.order`)."""
    if text is None or not str(text).strip():
        return False
    text = _PARENS.sub(" ", str(text))
    if "," in text or "،" in text:
        return True
    script = "arabic" if has_arabic(text) else "latin"
    if _ends_in_family_article(text, script):
        return True
    if script == "latin":
        return _reorder(text, script) != text
    words = _words(text, script)
    return _family_first(words) != words


def _reorder(text: str, script: str, capitals_mark_family: bool = False) -> str:
    """'FAMILY, Given Father' and 'FAMILY Given Father' (capitals first) become given-first.

    A comma does not always follow the family name: 'Given, Father al-Family' writes the family
    name last, marked by its article, so where the part after the comma ends in an article's
    name and the part before does not, the name is already given-first; so is 'Given, Father
    Family' in a list that writes the family name before a comma in capitals
    (`capitals_mark_family`) when no word of the name is in capitals."""
    for comma in (",", "،"):
        if comma in text:
            before, _, after = text.partition(comma)
            after = after.replace(",", " ").replace("،", " ")
            if before.strip() and after.strip() and len(before.split()) <= 3:
                if _ends_in_family_article(after, script) and not _ends_in_family_article(
                    before, script
                ):
                    return f"{before} {after}"
                if capitals_mark_family and not any(_is_caps(w) for w in text.split()):
                    return f"{before} {after}"
                return f"{after} {before}"
            return text.replace(comma, " ")
    if script == "latin":
        words = text.split()
        caps = [w for w in words if _is_caps(w)]
        if caps and len(caps) < len(words) and _is_caps(words[0]):
            lead = 0
            while lead < len(words) and _is_caps(words[lead]):
                lead += 1
            if all(not _is_caps(w) for w in words[lead:]):
                return " ".join(words[lead:] + words[:lead])
    return text


# A family name with its article as Latin lists write it (al-Halabi, el Ali, ash-Shami).
_LATIN_FAMILY_ARTICLE = re.compile(
    r"(?:^|\s)(?:(?:al|el|a[dnrstz]|ash|adh|ath)-|(?:al|el) )([a-z]+)$"
)


def _ends_in_family_article(part: str, script: str) -> bool:
    """Whether a part of a name ends in a name carrying the article (al-Halabi, الحلبي): a
    family name, unless it ends a compound given name (Abd al-Rahman, Nur al-Din)."""
    if script == "arabic":
        words = _words(part, script)
        last = _norm(words[-1]) if words else ""
        return (
            len(last) >= 4
            and last.startswith("ال")
            and last not in _AR_JOIN_PREV
            and (len(words) < 2 or _norm(words[-2]) not in _AR_JOIN_NEXT)
        )
    folded = fold_latin(part)
    found = _LATIN_FAMILY_ARTICLE.search(folded)
    if not found or found.group(1) in DIN_WORDS or found.group(1) in ALLAH_WORDS:
        return False
    before = folded[: found.start()].split()
    return not (before and (before[-1] in ABD_PREFIXES or before[-1] in ABU_WORDS))


def comma_family_in_capitals(text: str) -> bool | None:
    """For a name with a comma, whether the part before it is written in capitals
    ('AL-ZAHIR, Samir'); None for a name without a comma or with no letters before it."""
    for comma in (",", "،"):
        if comma in text:
            words = [w for w in text.partition(comma)[0].split() if _has_letters(w)]
            return all(_is_caps(w) for w in words) if words else None
    return None


def _family_first(words: list[str]) -> list[str]:
    """An Arabic name whose first word carries the article (الحلبي أحمد محمد) is written
    family-first, as registries write it: a given name does not begin with the article written
    with a bare alef (إلياس, إلهام carry a hamza), so the family name goes last. Read
    given-first, every part of such a name is wrong and the guards cannot tell two siblings
    written family-first apart (both 'given' names are the family's)."""
    if len(words) < 2 or not words[0].startswith(("ال", "ٱل")):
        return words
    if not _ends_in_family_article(words[0], "arabic") or _norm(words[1]) in _AR_JOIN_PREV:
        return words
    return words[1:] + words[:1]


def _is_caps(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _words(text: str, script: str) -> list[str]:
    if script == "arabic":
        text = strip_marks(text).replace("،", " ").replace(",", " ").replace("-", " ")
        return [w for w in _SPLIT.split(text) if w and (w.isalpha() or _has_letters(w))]
    text = fold_latin(text).replace(",", " ").replace("-", " ").replace("(", " ").replace(")", " ")
    return [w for w in _SPLIT.split(text) if w and (w.isalpha() or _has_letters(w))]


@lru_cache(maxsize=200_000)
def _norm(word: str) -> str:
    return normalize_arabic(word) if has_arabic(word) else word


def _drop_leading_honorifics(words: list[str]) -> list[str]:
    i = 0
    while i < len(words) and _norm(words[i]) in HONORIFICS:
        i += 1
    return words[i:]


# A two-letter abbreviation ('Sh.', 'Kh.' for one Latin letter of Arabic) becomes its first
# letter, so that once the dots are gone it still reads as an initial.
# Titles and Jr./Sr. are not names' initials.
_ABBREVIATION = re.compile(r"(?<=\s)(?!(?i:dr|mr|ms|st|jr|sr)\.)([^\W\d_])[^\W\d_]\.(?=[\s,]|$)")
_INITIALS_ONLY = re.compile(r"\s*(?:(?:[^\W\d_]{1,2}\.|[^\W\d_])(?:\s+|$))+")


def _is_initial(word: str) -> bool:
    """'M', 'M.': a name known only by its first letter."""
    return sum(c.isalpha() for c in word) == 1


def _without_initials(words: list[str]) -> list[str]:
    """The words less the initials after the first word ('Khaled M. al-Zein': a father's name
    as its initial). An initial names no one in particular: kept, it is a name token that
    matches nothing, a father's name every full name contradicts, and a list writing fathers
    as initials had half its true pairs split (held-out regime `initials`). A name that
    starts with an initial (J. Smith) keeps it: the given name is its only trace."""
    kept = words[:1] + [w for w in words[1:] if not _is_initial(w)]
    return kept if len(kept) > 1 else words


def _is_unknown(words: list[str]) -> bool:
    """Unknown words and phrases with nothing else but filler ('unidentified male', 'sin
    identificar'), 'N.N.', or initials alone: none of them tells one person from another."""
    normed = [_norm(w) for w in words]
    if all(len(w) == 1 for w in normed):
        return True
    signal = any(w in _UNKNOWN_SIGNALS for w in normed)
    if not signal and any(w in _PHRASE_WORDS for w in normed):
        text = " ".join(normed)
        signal = any(p in text for p in _UNKNOWN_PHRASES)
    if not signal:
        return False
    leftover = [w for w in normed if w not in _FILLER and w not in _UNKNOWN_SIGNALS]
    for phrase in _UNKNOWN_PHRASES:
        leftover = [w for w in leftover if w not in phrase.split()]
    return not leftover


def _written_in_latin(text: str) -> bool:
    """Whether every letter of `text` is Latin: the unknown words are Latin and Arabic ones,
    and a name in another script can romanise to one (Ge'ez ኖነ ኖነ to 'none none')."""
    return all(unicodedata.name(ch, "").startswith("LATIN") for ch in text if ch.isalpha())


def _relation(words: list[str], script: str) -> tuple[str | None, list[str]]:
    if len(words) < 2:
        return None, words
    first = _norm(words[0])
    if script == "arabic":
        rel = RELATIONS_AR.get(first)
        if rel is None:
            return None, words
        rest = words[1:]
        while rest and _norm(rest[0]) in HONORIFICS:
            rest = rest[1:]
        return rel, rest
    if first in RELATIONS_LAT and words[1] in _RELATION_OF:
        return RELATIONS_LAT[first], words[2:]
    return None, words


def _tokens(
    words: list[str],
    script: str,
    style: str = ARABIC_KEYS,
    equivalents: NameEquivalents = NO_EQUIVALENTS,
    married_after: int | None = 2,
) -> list[NameToken]:
    """Words into name tokens: compounds joined, articles attached, nasab markers dropped.

    A token right after a nasab marker (بن, bin) has kind `nasab_name`: it is a
    father's or grandfather's name, never a family name. Latin names keyed by
    spelling have none of these: each word is a token, particles (de, van) dropped or, where
    the pack's `equivalents` declare them, joined to the next word; keyed through those
    `equivalents` (a patronymic has kind `patronymic`).
    """
    if script == "latin" and style == BURMESE_KEYS:
        return [NameToken(s, s) for s in name_syllables(words)]
    if script == "latin" and style == SPELLING_KEYS:
        kept = [w for w in map(_without_typed_digits, words) if w]
        return [
            _spelling_token(w, equivalents, married)
            for w, married in equivalents.join_particles(kept, married_after)
            if w not in SPELLING_PARTICLES and spelling_token_key(w)
        ]
    groups: list[tuple[list[str], str]] = []  # (words, kind)
    normed = [_norm(w) for w in words]
    i = 0
    pending_article: str | None = None
    after_nasab = False
    while i < len(words):
        w, n = words[i], normed[i]
        if pending_article is not None:
            w = f"{pending_article} {w}" if script == "latin" else pending_article + w
            pending_article = None
        nxt = i + 1 < len(words)
        role = _ROLE.get(n)
        if style == ETHIOPIC_KEYS and nxt and holy_compound(n, normed[i + 1]):
            role = "join_next"
        if role is None:
            pass
        elif role == "nasab" and groups:
            after_nasab = True
            i += 1
            continue
        elif role == "article" and nxt:
            pending_article = w
            i += 1
            continue
        elif role == "abd" and nxt and (n not in ("abed", "abid") or _allah_name(normed[i + 1])):
            take = 3 if normed[i + 1] in LATIN_ARTICLES and i + 2 < len(words) else 2
            groups.append(([w, *words[i + 1 : i + take]], "nasab_name" if after_nasab else "name"))
            after_nasab = False
            i += take
            continue
        elif role == "join_next" and nxt:
            groups.append(([w + words[i + 1]], "nasab_name" if after_nasab else "name"))
            after_nasab = False
            i += 2
            continue
        elif role == "kunya" and nxt:
            groups.append(([w, words[i + 1]], "kunya"))
            i += 2
            continue
        elif role == "join_prev" and groups and not after_nasab:
            groups[-1][0].append(w)
            i += 1
            continue
        groups.append(([w], "nasab_name" if after_nasab else "name"))
        after_nasab = False
        i += 1
    tokens = []
    for group, kind in groups:
        raw = group[0] if len(group) == 1 else " ".join(group)
        key = _declared_key(raw, equivalents) if script == "latin" else None
        key = key or (ethiopian_key(raw) if style == ETHIOPIC_KEYS else token_key(raw))
        if key:
            tokens.append(NameToken(_token_text(raw, script), key, kind))
    return tokens


_ORDINAL = re.compile(r"\d+(st|nd|rd|th|e|er|º|ª)?\.?")
# Letters a word must keep, once its digits are dropped, to still be a name.
MIN_LETTERS_LEFT = 3


def _without_typed_digits(word: str) -> str | None:
    """A word with a digit typed for a letter (j0hn, m0rgan, richa5d) without it; None for
    an ordinal of a title (1st, 16th), a number, or a code (q61105409) that leaves too few
    letters. Dropping the whole word lost the name: a one-word name became 'unknown', a
    longer one lost the name the typo was in."""
    if not any(ch.isdigit() for ch in word):
        return word
    if _ORDINAL.fullmatch(word):
        return None
    kept = "".join(ch for ch in word if not ch.isdigit())
    return kept if sum(ch.isalpha() for ch in kept) >= MIN_LETTERS_LEFT else None


def _declared_key(word: str, equivalents: NameEquivalents) -> str | None:
    """The key of a word the user declared one name with others (`[names] equivalents`),
    whether the name it is in is keyed as Arabic or by spelling; else None."""
    if not equivalents.declared:
        return None
    folded = equivalents.fold(word)
    return equivalents.canonical[folded] if folded in equivalents.declared else None


def _spelling_token(word: str, equivalents: NameEquivalents, married: bool = False) -> NameToken:
    if not equivalents:
        return NameToken(compact(word), spelling_token_key(word))
    key, patronymic = equivalents.key(word)
    kind = "patronymic" if patronymic else MARRIED if married else "name"
    return NameToken(compact(word), key, kind)


# A husband's surname after a married woman's own (`NameEquivalents.join_particles`): one of
# her names, never her family name.
MARRIED = "married"


@lru_cache(maxsize=200_000)
def _token_text(raw: str, script: str) -> str:
    return compact(normalize_arabic(raw)) if script == "arabic" else compact(raw)


_ROLE: dict[str, str] = {
    **{w: "nasab" for w in _NASAB},
    **{w: "article" for w in (*LATIN_ARTICLES, "ال", "آل")},
    **{w: "abd" for w in (*_AR_JOIN_NEXT, *ABD_PREFIXES, "abed", "abid")},
    **{w: "kunya" for w in (*_AR_ABU, *_AR_UMM, *ABU_WORDS, *UMM_WORDS)},
    **{w: "join_prev" for w in (*_AR_JOIN_PREV, *DIN_WORDS, *ALLAH_WORDS)},
    **{w: "join_next" for w in _ET_JOIN_NEXT},
}


_ALLAH_NAMES = frozenset(
    "rahman rahim karim kareem aziz latif lateef razzaq razak qader kader qadir kadir hamid hameed "
    "majid majeed salam jabbar ghani hakim halim wahab wahhab nasser naser hadi hay hayy ilah elah "
    "rabbo rabbuh rabbih allah lah mounem moneim munim basit baset jalil sattar ghafour rauf raouf "
    "fattah quddus baqi khaliq mohsen muhsin qahhar wahid jawad muti moti".split()
)


def _allah_name(word: str) -> bool:
    return word in LATIN_ARTICLES or word in _ALLAH_NAMES


def _patronymic_at(names: list[NameToken]) -> int | None:
    """Where a name of two or three words has its patronymic, after the given name."""
    found = [i for i, t in enumerate(names) if t.kind == "patronymic"]
    if len(found) != 1 or found[0] == 0 or len(names) > 3:
        return None
    return found[0]


def _assign(
    tokens: list[NameToken],
    aliases: tuple[NameToken, ...],
    script: str,
    father_initial: bool = False,
    no_family: bool = False,
) -> NameParts:
    """Tokens to parts by position. `father_initial`: an Arabic name whose father's name was
    written as its initial, dropped (Hussein I. Abd al-Latif Yunus): the name after the given
    name is then the grandfather's, and the father's is unknown, not a contradiction of
    every other list's father (initials regime: 271 true pairs refused by the father guard).
    `no_family`: names with no family name (Ethiopian, Eritrean: given, father's,
    grandfather's), so a second name is the father's whether or not a third follows; read
    as a family name, a list writing two names kept its people apart from one writing three."""
    last = len(tokens) - 1
    kunya = None
    names: list[NameToken] = []
    nasab = False
    for pos, tok in enumerate(tokens):
        if tok.kind == "kunya" and not (pos == last and last >= 1):
            kunya = kunya or tok
            continue
        nasab = nasab or tok.kind == "nasab_name"
        names.append(tok)
    kunya = kunya or next((a for a in aliases if a.kind == "kunya"), None)
    plain = [
        t if t.kind == "name" else NameToken(t.text, t.key, "name")
        for t in names
        if t.kind != MARRIED
    ]
    given = father = grandfather = family = None
    patronymic = _patronymic_at(names)
    if patronymic is not None:
        # Given name and patronymic stand together, the family name before or after them.
        given, father = plain[patronymic - 1], plain[patronymic]
        rest = plain[: patronymic - 1] + plain[patronymic + 1 :]
        family = rest[0] if rest else None
    elif nasab:
        given = plain[0] if plain else None
        chain = plain[1:]
        if chain and names[-1].kind != "nasab_name":
            family = chain.pop()
        father = chain[0] if chain else None
        grandfather = chain[1] if len(chain) > 1 else None
    elif len(plain) == 1:
        given = plain[0]
    elif no_family:
        given, father, grandfather = (plain + [None, None])[:3]
        if father_initial:
            father, grandfather = None, father
    elif father_initial and len(plain) >= 3:
        given, grandfather, family = plain[0], plain[1], plain[-1]
    elif len(plain) == 2:
        given, family = plain
    elif len(plain) == 3:
        given, father, family = plain
    elif plain:
        given, father, grandfather, family = plain[0], plain[1], plain[2], plain[-1]
    all_tokens = tuple(
        t
        if t.kind == (kind := "kunya" if t is kunya else "name")
        else NameToken(t.text, t.key, kind)
        for t in tokens
    )
    return NameParts(
        given=given,
        father=father,
        grandfather=grandfather,
        family=family,
        kunya=kunya,
        tokens=all_tokens,
        aliases=aliases,
        script=script,
    )


# Positions of the father's and grandfather's fields. A Burmese name has no family name: the
# father's is another person's name, not a part of this one's (as a nasab is), so its tokens
# are kept as the father's part but left out of the name's tokens.
FORBEAR_FIELDS = (1, 2)
FAMILY_FIELD = 3


@lru_cache(maxsize=500_000)
def parts_from_fields(
    given: str | None,
    father: str | None,
    grandfather: str | None,
    family: str | None,
    style: str = AUTO_KEYS,
    equivalents: NameEquivalents = NO_EQUIVALENTS,
) -> NameParts:
    """Parts the source gave in separate columns; each field keeps its role."""
    fields = (given, father, grandfather, family)
    present = [str(f) for f in fields if f is not None and str(f).strip()]
    if not present:
        return NameParts(identifiable=False, unidentified_reason="no_name")
    script = "arabic" if any(has_arabic(f) for f in present) else "latin"
    joined = " ".join(present)
    words = _drop_leading_honorifics(_words(joined, script))
    if not words or _is_unknown(words) or _relation(words, script)[0]:
        if not any(f is not None and str(f).strip() for f in (given, family)):
            # a father's or grandfather's name alone is never read as the person's own
            return NameParts(identifiable=False, unidentified_reason="no_name")
        return split_name(joined, style, equivalents)
    latin = latin_style(joined, _words(joined, "latin"), style)
    role_tokens: list[NameToken | None] = []
    kunya = None
    all_tokens: list[NameToken] = []
    for position, field in enumerate(fields):
        if field is None or not str(field).strip():
            role_tokens.append(None)
            continue
        field_script = "arabic" if has_arabic(str(field)) else "latin"
        text = _PARENS.sub(" ", str(field))
        if field_script == "latin" and latin == ETHIOPIC_KEYS:
            text = expand_latin(text)
        words = _words(text, field_script)
        if position == 0:
            words = _drop_leading_honorifics(words)
        elif field_script == "latin" and _INITIALS_ONLY.fullmatch(str(field)):
            words = []  # a father's name written as its initial: see _without_initials
        keying = latin if field_script == "latin" else ARABIC_KEYS
        married_after = 1 if position == FAMILY_FIELD else None
        tokens = _tokens(words, field_script, keying, equivalents, married_after)
        if keying != BURMESE_KEYS or position not in FORBEAR_FIELDS:
            all_tokens.extend(
                t if t.kind in ("name", "kunya") else t._replace(kind="name") for t in tokens
            )
        if position == 0 and tokens and tokens[0].kind == "kunya" and len(tokens) > 1:
            kunya, tokens = tokens[0], tokens[1:]
        role_tokens.append(_merge(tokens) if tokens else None)
    given_t, father_t, grandfather_t, family_t = role_tokens
    return NameParts(
        given=given_t,
        father=father_t,
        grandfather=grandfather_t,
        family=family_t,
        kunya=kunya,
        tokens=tuple(all_tokens),
        script=script,
        identifiable=given_t is not None or family_t is not None,
        unidentified_reason=None if (given_t or family_t) else "unknown_name",
    )


def _merge(tokens: list[NameToken]) -> NameToken:
    """Several tokens in one field (a double given name) act as one part; a husband's
    surname is none of it."""
    tokens = [t for t in tokens if t.kind != MARRIED] or tokens
    if len(tokens) == 1:
        return NameToken(tokens[0].text, tokens[0].key, "name")
    return NameToken(" ".join(t.text for t in tokens), "".join(t.key for t in tokens), "name")
