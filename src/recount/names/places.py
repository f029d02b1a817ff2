"""Places as written into a governorate (ISO 3166-2:SY) and a comparable place key.

Sources often give a town or neighbourhood but no governorate ("Douma",
"حي جوبر", "Aleppo - al-Sukkari"). The gazetteer (data/gazetteer.csv, sources
named in its header) maps places in Arabic and Latin spellings to their
governorate; a place name shared by two governorates infers nothing.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from recount.names.arabic import has_arabic, normalize_arabic, strip_marks
from recount.names.compounds import LATIN_ARTICLES
from recount.names.latin import fold_latin
from recount.names.phonetic import phonetic_key
from recount.names.romanise import romanize
from recount.reference.governorates import GOVERNORATES, lookup_governorate

GAZETTEER_FILE = "gazetteer.csv"

_GENERIC = frozenset(
    [
        normalize_arabic(w)
        for w in "مدينة بلدة قرية حي مخيم منطقة ناحية محافظة حارة شارع مزرعة بلدية".split()
    ]
    + "city town village camp neighbourhood neighborhood district subdistrict sub area governorate province quarter the of in near".split()
)
_COUNTRYSIDE_AR = normalize_arabic("ريف")
_COUNTRYSIDE_LAT = frozenset("countryside rural reef rif suburbs outskirts".split())
_SEPARATORS = re.compile(r"[,،;/|()\[\]]+|\s[-–—]\s|\s+-|-\s+")


@dataclass(frozen=True)
class Place:
    governorate: str | None  # ISO code, None when unknown or ambiguous
    place_key: str | None  # the gazetteer's name for the place, else a phonetic key of the text
    matched: bool  # true when the gazetteer or the governorate list knew it


def place_words_key(text: str) -> str:
    """Phonetic key of a place name in either script: generic words and articles dropped."""
    script_arabic = has_arabic(text)
    raw = strip_marks(text) if script_arabic else fold_latin(text).replace("-", " ")
    keys = []
    for word in raw.split():
        norm = normalize_arabic(word) if script_arabic else word
        if norm in _GENERIC or norm in LATIN_ARTICLES:
            continue
        if script_arabic:
            if word.startswith("ال") and len(word) >= 4:
                word = word[2:]
            keys.append(romanize(word))
        else:
            if word.startswith(("al", "el")) and len(word) >= 6:
                word = word[2:]
            keys.append(phonetic_key(word))
    return "".join(keys)


@cache
def _gazetteer() -> tuple[dict[str, set[str]], dict[str, str]]:
    """key -> governorates, key -> canonical place name."""
    text = (
        resources.files("recount.names")
        .joinpath("data")
        .joinpath(GAZETTEER_FILE)
        .read_text("utf-8")
    )
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    governorates: dict[str, set[str]] = {}
    canonical: dict[str, str] = {}
    for row in csv.DictReader(lines):
        name = re.sub(r"\s*\(.*\)$", "", row["name_en"]).strip()
        forms = [name, row["name_ar"], *[v for v in (row["variants"] or "").split("|") if v]]
        for form in forms:
            key = place_words_key(form)
            if key:
                governorates.setdefault(key, set()).add(row["governorate"])
                canonical.setdefault(key, name.casefold())
    for gov in GOVERNORATES:
        for form in (gov.name_en, gov.name_ar, *gov.variants):
            key = place_words_key(form)
            if key:
                governorates.setdefault(key, set()).add(gov.iso)
                canonical.setdefault(key, gov.name_en.casefold())
    return governorates, canonical


@lru_cache(maxsize=200_000)
def resolve_place(text: str | None) -> Place:
    """The governorate and place key of a place as written."""
    if text is None or not str(text).strip():
        return Place(None, None, False)
    text = str(text)
    governorates, canonical = _gazetteer()
    segments = [s.strip() for s in _SEPARATORS.split(text) if s and s.strip()]
    found: list[tuple[str, str, bool]] = []  # (governorate, canonical name, is a governorate)
    for segment in segments:
        hit = _segment(segment, governorates, canonical)
        if hit:
            found.append(hit)
    whole_key = place_words_key(text)
    if not found:
        return Place(None, whole_key or None, False)
    distinct = {gov for gov, _, _ in found if gov}
    governorate = distinct.pop() if len(distinct) == 1 else None
    specific = [name for _, name, is_governorate in found if not is_governorate]
    return Place(governorate, (specific or [found[0][1]])[0], True)


def _segment(
    segment: str, governorates: dict[str, set[str]], canonical: dict[str, str]
) -> tuple[str, str, bool] | None:
    iso = lookup_governorate(segment)
    if iso:
        return iso, _canonical_governorate(iso), True
    countryside = _countryside_of(segment)
    if countryside:
        return countryside
    key = place_words_key(segment)
    owners = governorates.get(key)
    if not owners:
        return None
    return (next(iter(owners)) if len(owners) == 1 else "", canonical[key], False)


def _countryside_of(segment: str) -> tuple[str, str, bool] | None:
    """'ريف حلب', 'Aleppo countryside', 'rural Idlib': the governorate of the city named."""
    if has_arabic(segment):
        words = normalize_arabic(segment).split()
        if len(words) >= 2 and words[0] == _COUNTRYSIDE_AR:
            rest = " ".join(words[1:])
        else:
            return None
    else:
        words = fold_latin(segment).replace("-", " ").split()
        rest_words = [w for w in words if w not in _COUNTRYSIDE_LAT and w != "of"]
        if len(rest_words) == len(words) or not rest_words:
            return None
        rest = " ".join(rest_words)
    iso = lookup_governorate(rest)
    if iso == "SY-DI":
        iso = "SY-RD"
    return (iso, _canonical_governorate(iso), True) if iso else None


def _canonical_governorate(iso: str) -> str:
    return next(g.name_en.casefold() for g in GOVERNORATES if g.iso == iso)


def place_to_governorate(text: str | None) -> str | None:
    """ISO 3166-2:SY code of the governorate a place as written lies in, or None."""
    return resolve_place(text).governorate
