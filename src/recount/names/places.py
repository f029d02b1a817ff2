"""Places as written into a first-level admin unit (ISO 3166-2) and a comparable place key.

Sources often give a town or neighbourhood but no admin unit ("Douma", "حي جوبر",
"Aleppo - al-Sukkari", "Apartadó"). The workspace's country pack (recount.reference) lists
places in its scripts and spellings with their admin unit; a place name shared by two units
infers nothing, and without a pack no place infers anything (the place key is still built).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from recount.names.arabic import has_arabic, normalize_arabic, strip_marks
from recount.names.burmese import has_burmese, latin_syllables, romanise_burmese
from recount.names.compounds import LATIN_ARTICLES
from recount.names.cyrillic import has_cyrillic
from recount.names.latin import fold_latin
from recount.names.phonetic import phonetic_key
from recount.names.romanise import romanize
from recount.reference import NO_PACK, CountryPack

_SEPARATORS = re.compile(r"[,،;/|()\[\]]+|\s[-–—]\s|\s+-|-\s+")
# A part of a place that names a first-level unit by its kind (Donetsk Oblast, Донецька обл.,
# Lagos State): without a pack it is left out of the key, so 'Mariupol, Donetsk Oblast' and
# 'Mariupol' agree. Folded Latin (Cyrillic romanised).
_FIRST_LEVEL = re.compile(
    r"\b(?:oblast|obl|region|province|provincia|governorate|muhafazat?|department|departamento|"
    r"state|estado|wilaya)\b"
)


# Without a pack, English words that say what kind of place follows, not which ('Axum Town'
# and 'Axum', 'near Adwa' and 'Adwa'); a pack lists its own languages' words.
_KIND_WORDS = frozenset({"city", "town", "village", "near"})
# The same in Cyrillic place names (Ukrainian and Russian: м. Буча, смт Гостомель, г. Харьков,
# с. Мотижин), romanised as the names stage reads Cyrillic; only for text written in Cyrillic.
_CYRILLIC_KIND_WORDS = frozenset(
    fold_latin(word)
    for word in ("місто", "м", "селище", "смт", "село", "с", "сел", "хутір", "город", "г",
                 "поселок", "посёлок", "пгт", "деревня", "д", "станиця", "станица")
)  # fmt: skip
# Without a pack, a part that the lists write after this many different places is a larger
# unit than a place ('Axum, Central Tigray', 'Adwa, Central Tigray'): left out of the key, as a
# first-level unit named by its kind is.
COARSER_AFTER = 2


@dataclass(frozen=True)
class Place:
    governorate: str | None  # ISO 3166-2 code of the admin unit, None when unknown or ambiguous
    place_key: str | None  # the pack's name for the place, else a phonetic key of the text
    matched: bool  # true when the pack knew it
    # The text names only a first-level unit (an oblast, a governorate), no place in it: the
    # link stage reads it as neither agreeing nor disagreeing with a place of that unit.
    unit_only: bool = False


def place_words_key(
    text: str, generic: frozenset[str] = frozenset(), by_sound: bool = True, burmese: bool = False
) -> str:
    """Key of a place name in either script: `generic` words and articles dropped.

    By sound (a phonetic key shared by Arabic script and its romanisations), or by spelling
    (words folded and joined) for packs whose place names are written one way. `burmese`:
    Latin words read as romanised Burmese syllables (Hpakant as pakant, as ဖားကန့်).
    """
    script_arabic = has_arabic(text)
    if has_burmese(text):  # syllables of a word written together, as romanisations write them
        text = " ".join("".join(romanise_burmese(word).split()) for word in text.split())
    raw = strip_marks(text) if script_arabic else fold_latin(text).replace("-", " ")
    keys = []
    for word in raw.split():
        if any(ch.isdecimal() for ch in word):  # a code or a number (SD04001, Block 12): as written
            keys.append(
                "".join(
                    str(int(ch)) if ch.isdecimal() else ch.casefold() for ch in word if ch.isalnum()
                )
            )
            continue
        norm = normalize_arabic(word) if script_arabic else word
        if norm in generic or norm in LATIN_ARTICLES:
            continue
        if script_arabic:
            if word.startswith("ال") and len(word) >= 4:
                word = word[2:]
            keys.append(romanize(word))
        elif not by_sound:
            keys.append(word)
        else:
            if burmese:
                word = "".join(latin_syllables(word) or (word,))
            if word.startswith(("al", "el")) and len(word) >= 6:
                word = word[2:]
            keys.append(phonetic_key(word))
    return "".join(keys)


@lru_cache(maxsize=8)
def _generic_words(pack: CountryPack) -> frozenset[str]:
    if pack.code is None:
        return _KIND_WORDS
    return frozenset(
        normalize_arabic(w) if has_arabic(w) else fold_latin(w) for w in pack.generic_words
    )


def coarser_parts(places: Iterable[str], burmese: bool = False) -> frozenset[str]:
    """Keys of the parts written after `COARSER_AFTER` or more different first parts (a zone,
    a region): what `resolve_place` leaves out of the place key without a pack."""
    before: dict[str, set[str]] = {}
    for text in places:
        parts = [_key(p, NO_PACK, burmese) for p in _SEPARATORS.split(text) if p and p.strip()]
        for part in parts[1:]:
            before.setdefault(part, set()).add(parts[0])
    return frozenset(
        part for part, firsts in before.items() if len(firsts - {part}) >= COARSER_AFTER
    )


def _key(text: str, pack: CountryPack, burmese: bool = False) -> str:
    generic = _generic_words(pack)
    if pack.code is None and has_cyrillic(text):
        generic = generic | _CYRILLIC_KIND_WORDS
    return place_words_key(text, generic, pack.place_match == "phonetic", burmese)


@lru_cache(maxsize=8)
def _gazetteer(pack: CountryPack) -> tuple[dict[str, set[str]], dict[str, str]]:
    """key -> admin units, key -> canonical place name, from the pack's places and units."""
    units: dict[str, set[str]] = {}
    canonical: dict[str, str] = {}
    for place in pack.places:
        name = re.sub(r"\s*\(.*\)$", "", place.name).strip()
        for form in (name, *place.forms[1:]):
            key = _key(form, pack)
            if key:
                units.setdefault(key, set()).add(place.admin)
                canonical.setdefault(key, name.casefold())
    for unit in pack.admin_units:
        for form in unit.forms:
            key = _key(form, pack)
            if key:
                units.setdefault(key, set()).add(unit.code)
                canonical.setdefault(key, unit.name.casefold())
    return units, canonical


@lru_cache(maxsize=200_000)
def resolve_place(
    text: str | None,
    pack: CountryPack = NO_PACK,
    coarser: frozenset[str] = frozenset(),
    burmese: bool = False,
) -> Place:
    """The admin unit and place key of a place as written, through `pack` (nothing without one).

    Without a pack, parts that name a first-level unit by its kind, and the `coarser` parts
    (`coarser_parts` of the workspace's places), are left out of the key; in a workspace of
    Burmese names (`burmese`), Latin place names are keyed as romanised Burmese syllables.
    """
    if text is None or not str(text).strip():
        return Place(None, None, False)
    text = str(text)
    whole_key = _key(text, pack, burmese)
    if pack.code is None:
        parts = [s for s in _SEPARATORS.split(text) if s and s.strip()]
        below = [
            s for s in parts if not _names_first_level(s) and _key(s, pack, burmese) not in coarser
        ]
        key = (
            _key(" ".join(below), pack, burmese) if below and len(below) < len(parts) else whole_key
        )
        return Place(None, key or None, False, bool(parts) and all(map(_names_first_level, parts)))
    units, canonical = _gazetteer(pack)
    segments = [s.strip() for s in _SEPARATORS.split(text) if s and s.strip()]
    found: list[tuple[str, str, bool]] = []  # (admin unit, canonical name, is an admin unit)
    for segment in segments:
        hit = _segment(segment, pack, units, canonical)
        if hit:
            found.append(hit)
    if not found:
        return Place(None, whole_key or None, False)
    distinct = {unit for unit, _, _ in found if unit}
    governorate = distinct.pop() if len(distinct) == 1 else None
    specific = [name for _, name, is_unit in found if not is_unit]
    return Place(governorate, (specific or [found[0][1]])[0], True, not specific)


def _names_first_level(segment: str) -> bool:
    return _FIRST_LEVEL.search(fold_latin(segment)) is not None


def _segment(
    segment: str, pack: CountryPack, units: dict[str, set[str]], canonical: dict[str, str]
) -> tuple[str, str, bool] | None:
    code = pack.admin_unit(segment)
    if code:
        return code, pack.admin_name(code).casefold(), True
    countryside = _countryside_of(segment, pack)
    if countryside:
        return countryside
    key = _key(segment, pack)
    owners = units.get(key)
    if not owners:
        return None
    return (next(iter(owners)) if len(owners) == 1 else "", canonical[key], False)


def _countryside_of(segment: str, pack: CountryPack) -> tuple[str, str, bool] | None:
    """'ريف حلب', 'Aleppo countryside', 'rural Idlib': the admin unit of the city named."""
    if not pack.countryside_words:
        return None
    arabic_words = {normalize_arabic(w) for w in pack.countryside_words if has_arabic(w)}
    latin_words = {fold_latin(w) for w in pack.countryside_words if not has_arabic(w)}
    if has_arabic(segment):
        words = normalize_arabic(segment).split()
        if len(words) >= 2 and words[0] in arabic_words:
            rest = " ".join(words[1:])
        else:
            return None
    else:
        words = fold_latin(segment).replace("-", " ").split()
        rest_words = [w for w in words if w not in latin_words and w != "of"]
        if len(rest_words) == len(words) or not rest_words:
            return None
        rest = " ".join(rest_words)
    code = pack.admin_unit(rest)
    code = pack.countryside_of.get(code, code) if code else None
    return (code, pack.admin_name(code).casefold(), True) if code else None


def place_to_governorate(text: str | None, pack: CountryPack = NO_PACK) -> str | None:
    """ISO 3166-2 code of the admin unit a place as written lies in, through `pack`, or None."""
    return resolve_place(text, pack).governorate
