"""Country packs: one country's admin units, known places and name conventions, as data.

A pack is a folder under `reference/data/` holding `pack.toml` (the admin unit's word, the
words written around place names, the name conventions), `admin1.csv` (first-level admin units
as ISO 3166-2 codes with their names and spellings) and `places.csv` (places and the admin unit
each lies in). A workspace chooses one with `[project] country = "SY"`; without one, nothing is
mapped to any admin unit (`NO_PACK`). Any other country's code gives a pack of its first-level
units as ISO 3166-2 names them (pycountry), so a Guatemalan or Sudanese list's departments or
states are strata without a hand-made pack; it has no places below them and no name conventions.
"""

from __future__ import annotations

import csv
import gettext
import re
import tomllib
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources

import pycountry

from recount.errors import ConfigError

ISO_3166_2 = re.compile(r"^[A-Z]{2}-[A-Z0-9]{1,3}$")
_ARABIC_FOLD = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ة": "ه",
        "ى": "ي",
        "ؤ": "و",
        "ئ": "ي",
        "ک": "ك",
        "ی": "ي",
        "ـ": None,
    }
)


@dataclass(frozen=True)
class AdminUnit:
    """A first-level admin unit: its ISO 3166-2 code, national code, names and spellings."""

    code: str
    pcode: str | None
    name: str
    name_local: str | None
    variants: tuple[str, ...]

    @property
    def forms(self) -> tuple[str, ...]:
        """Every name the unit is written by (not its codes)."""
        return tuple(f for f in (self.name, self.name_local, *self.variants) if f)


@dataclass(frozen=True)
class KnownPlace:
    """A place below the first admin level (city, town, municipality ...) and its admin unit."""

    name: str
    name_local: str | None
    variants: tuple[str, ...]
    kind: str
    admin: str

    @property
    def forms(self) -> tuple[str, ...]:
        return tuple(f for f in (self.name, self.name_local, *self.variants) if f)


@dataclass(frozen=True)
class NameConventions:
    """How the country's names are built, for the names and link stages and the simulator."""

    order: str = "given_first"  # given_first | family_first: the usual order in lists
    parts: tuple[str, ...] = ()
    scripts: tuple[str, ...] = ()
    articles: tuple[str, ...] = ()
    particles: tuple[str, ...] = ()
    # The particle before a husband's surname at the end of a married woman's name ('María
    # López de Ramírez'): that word is kept as a name but is not her family name.
    married: tuple[str, ...] = ()
    compound_first: tuple[str, ...] = ()
    compound_last: tuple[str, ...] = ()
    nicknames: dict[str, str] = field(default_factory=dict)  # nickname -> given name (folded)
    # One name in another language's form or romanisation, for the names stage
    # (recount.names.equivalents): letter rewrites, variant -> canonical, patronymic endings.
    spelling: tuple[tuple[str, str], ...] = ()
    equivalents: dict[str, str] = field(default_factory=dict)
    patronymics: dict[str, tuple[str, ...]] = field(default_factory=dict)  # male/female endings

    @property
    def surname_last(self) -> bool:
        """Names written given-first end in a surname (Spanish: paternal, maternal), so two
        records of one person share at least the last word of one of them."""
        return (
            self.order == "given_first" and bool(self.parts) and self.parts[-1].endswith("surname")
        )


@dataclass(frozen=True)
class PlaceMention:
    """A place named in free text: where, as written, and what it is."""

    start: int
    end: int
    text: str
    name: str  # the pack's name for it
    code: str | None  # the admin unit's ISO 3166-2 code; None when the name is ambiguous
    level: str  # admin1 | place


@dataclass(frozen=True, eq=False)
class CountryPack:
    """One country's reference data. Compare packs by identity: each is loaded once."""

    code: str | None
    name: str
    admin_word: str
    admin_word_plural: str
    admin_units: tuple[AdminUnit, ...] = ()
    places: tuple[KnownPlace, ...] = ()
    labels: tuple[str, ...] = ()
    articles: tuple[str, ...] = ()
    generic_words: tuple[str, ...] = ()
    countryside_words: tuple[str, ...] = ()
    countryside_of: dict[str, str] = field(default_factory=dict)
    place_match: str = "phonetic"  # phonetic (by sound, across scripts) | spelling
    names: NameConventions = field(default_factory=NameConventions)

    @property
    def admin_codes(self) -> tuple[str, ...]:
        return tuple(unit.code for unit in self.admin_units)

    def admin_name(self, code: str) -> str:
        """The unit's name (Aleppo, Antioquia); the code itself when the pack does not know it."""
        unit = self._by_code.get(code)
        return unit.name if unit else code

    def admin_unit(self, text: str | None) -> str | None:
        """ISO 3166-2 code of an admin unit as written (name in any script, code or national code).

        Without a pack only a code already in ISO 3166-2 form is recognised, as written.
        """
        if text is None:
            return None
        text = str(text).strip()
        if not text:
            return None
        if self.code is None:
            upper = text.upper()
            return upper if ISO_3166_2.match(upper) else None
        code = self._admin_index.get(self.fold(text))
        return code if code is not None else self._compass_index.get(self._compass_key(text))

    def fold(self, text: str) -> str:
        """A lookup key: case, accents, Arabic letter forms, labels, articles and punctuation folded."""
        text = fold_text(text)
        if self._labels is not None:
            text = self._labels.sub("", text).strip()
        if self._articles is not None:
            text = self._articles.sub("", text)
        return _NOT_LETTERS.sub("", text).replace("_", "")

    def find_places(self, text: str) -> list[PlaceMention]:
        """Admin units and known places named in free text, left to right, longest first.

        For stages that read text (claims): "shelling in Idlib" -> SY-ID. A name shared by places
        in two admin units is returned with code None.
        """
        if self._mention_pattern is None:
            return []
        found = []
        for match in self._mention_pattern.finditer(text):
            key = self.fold(match.group(0))
            hit = self._mention_index.get(key)
            if hit is None:
                continue
            name, code, level = hit
            found.append(
                PlaceMention(match.start(), match.end(), match.group(0), name, code, level)
            )
        return found

    # -- indexes, built once per pack -------------------------------------------------
    @cached_property
    def _by_code(self) -> dict[str, AdminUnit]:
        return {unit.code: unit for unit in self.admin_units}

    @cached_property
    def _labels(self) -> re.Pattern[str] | None:
        if not self.labels:
            return None
        words = "|".join(
            re.escape(fold_text(w)) for w in sorted(self.labels, key=len, reverse=True)
        )
        return re.compile(rf"^(?:{words})(?:\s+(?:of|de|del))?\s+|\s+(?:{words})$")

    @cached_property
    def _articles(self) -> re.Pattern[str] | None:
        latin = [fold_text(a) for a in self.articles if a.isascii()]
        attached = [fold_text(a) for a in self.articles if not a.isascii()]
        options = [rf"^(?:{'|'.join(map(re.escape, latin))})[\s\-']+"] if latin else []
        options += [rf"^{re.escape(a)}" for a in attached]
        return re.compile("|".join(options)) if options else None

    @cached_property
    def _admin_index(self) -> dict[str, str]:
        index: dict[str, str] = {}
        for unit in self.admin_units:
            for form in unit.forms:
                index.setdefault(self.fold(form), unit.code)
        for unit in self.admin_units:
            index[self.fold(unit.code)] = unit.code
            if unit.pcode:
                index[self.fold(unit.pcode)] = unit.code
                if unit.pcode.isdigit():
                    index[str(int(unit.pcode))] = unit.code
        index.pop("", None)
        return index

    def _compass_key(self, text: str) -> tuple[str, ...] | None:
        """A name's words in any order, compass words in one language; None without one."""
        text = fold_text(text)
        if self._labels is not None:
            text = self._labels.sub(" ", text)
        if self._articles is not None:
            text = self._articles.sub("", text)
        words = re.findall(r"[^\W_]+", text)
        if not any(word in _COMPASS for word in words):
            return None
        return tuple(sorted(_COMPASS.get(word, word) for word in words))

    @cached_property
    def _compass_index(self) -> dict[tuple[str, ...] | None, str]:
        """Units by name with the compass word in another language ('North Kivu' for ISO's
        'Nord-Kivu'); a key two units share is dropped."""
        owners: dict[tuple[str, ...] | None, set[str]] = {}
        for unit in self.admin_units:
            for form in unit.forms:
                owners.setdefault(self._compass_key(form), set()).add(unit.code)
        return {key: codes.pop() for key, codes in owners.items() if key and len(codes) == 1}

    @cached_property
    def _mention_index(self) -> dict[str, tuple[str, str | None, str]]:
        index: dict[str, tuple[str, str | None, str]] = {}
        owners: dict[str, set[str]] = {}
        for place in self.places:
            for form in place.forms:
                key = self.fold(form)
                owners.setdefault(key, set()).add(place.admin)
                index.setdefault(key, (place.name, place.admin, "place"))
        for key, admins in owners.items():
            if len(admins) > 1:
                index[key] = (index[key][0], None, "place")
        for unit in self.admin_units:
            for form in unit.forms:
                index[self.fold(form)] = (unit.name, unit.code, "admin1")
        index.pop("", None)
        return index

    @cached_property
    def _mention_pattern(self) -> re.Pattern[str] | None:
        forms = {f for unit in self.admin_units for f in unit.forms}
        forms |= {f for place in self.places for f in place.forms}
        forms |= {_strip_accents(f) for f in forms}
        if not forms:
            return None
        body = "|".join(
            re.escape(f).replace(r"\ ", r"[\s\-]+")
            for f in sorted(forms, key=len, reverse=True)
            if len(f) >= 3
        )
        return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)


def fold_text(text: str) -> str:
    """Case, accents and Arabic letter forms folded; spaces squeezed."""
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.translate(_ARABIC_FOLD).casefold().split())


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize(
        "NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    )


NO_PACK = CountryPack(code=None, name="", admin_word="admin unit", admin_word_plural="admin units")


def _data_root():
    return resources.files("recount.reference").joinpath("data")


@cache
def available_packs() -> tuple[str, ...]:
    """Codes of the packs recount ships (SY, CO, ...)."""
    return tuple(
        sorted(
            entry.name.upper()
            for entry in _data_root().iterdir()
            if entry.is_dir() and entry.joinpath("pack.toml").is_file()
        )
    )


def country_pack(code: str | None) -> CountryPack:
    """The pack for an ISO 3166-1 alpha-2 code (shipped, else ISO 3166-2's), or NO_PACK for None."""
    if code is None:
        return NO_PACK
    upper = str(code).upper()
    if upper in available_packs():
        return _load(upper)
    if iso_admin_units(upper):
        return _iso_pack(upper)
    raise ConfigError(
        "project.country",
        f"no country {code!r} with first-level admin units in ISO 3166-2; recount ships packs "
        f"for {', '.join(available_packs())} and reads any other ISO 3166-1 alpha-2 code",
    )


# What a lookup key leaves out: punctuation and spaces, and the modifier letters that mark an
# ayn or a hamza in romanised Arabic (ISO's 'Tāʻizz' is a list's 'Taizz', as 'Ta’izz' already was).
_NOT_LETTERS = re.compile(r"[^\w]+|[ʻʼʽʾʿˀˁ]")
# A bracket in an ISO 3166-2 name: another name of the unit ('Catalunya [Cataluña]'), its kind
# ('Amānat al ‘Āşimah [city]') or a code ('Stockholms län [SE-01]').
_BRACKET = re.compile(r"\s*\[([^\]]*)\]")
# Words written around an admin unit's name in lists ("Departamento de Huehuetenango", "North
# Darfur State"), besides the ISO 3166-2 type of the country's units.
_ADMIN_LABELS = (
    *("state", "province", "region", "department", "governorate", "county", "district"),
    *("oblast", "estado", "provincia", "región", "departamento", "département", "région"),
    *("depto.", "dpto.", "depto", "dpto", "dept.", "prov.", "wilaya", "ولاية", "محافظة"),
    "إقليم",
)
# Compass and position words in a unit's name, in the languages lists and ISO 3166-2 write
# them ('Nord-Kivu' and 'North Kivu', 'Kasaï Oriental' and 'East Kasai', 'Baja California').
_COMPASS = {
    word: meaning
    for meaning, words in {
        "north": ("north", "northern", "nord", "norte"),
        "south": ("south", "southern", "sud", "sur", "sul"),
        "east": ("east", "eastern", "est", "este", "leste", "oriental", "orientale"),
        "west": ("west", "western", "ouest", "oeste", "occidental", "occidentale"),
        "centre": ("centre", "center", "central", "centrale", "centro"),
        "upper": ("upper", "haut", "haute", "alto", "alta"),
        "lower": ("lower", "bas", "basse", "bajo", "baja", "baixo"),
    }.items()
    for word in words
}
# Articles before a unit's name in the languages ISO 3166-2 names are written in ("El Quiché",
# "La Paz", "Al Qadarif"): folded away on both sides of a lookup, so a name is found with or
# without its article.
_ARTICLES = ("el", "la", "los", "las", "le", "les", "l'", "al", "al-", "el-")
# Languages whose ISO 3166-2 names are read as further spellings of a unit.
_ISO_LANGUAGES = ("en", "fr", "es", "pt", "de", "ar", "fa", "ru", "uk", "tr", "my", "am", "so")


@cache
def iso_admin_units(code: str) -> tuple[AdminUnit, ...]:
    """A country's first-level admin units as ISO 3166-2 names them (none for an unknown code)."""
    if not re.fullmatch(r"[A-Z]{2}", code) or pycountry.countries.get(alpha_2=code) is None:
        return ()
    top = sorted(
        (
            unit
            for unit in pycountry.subdivisions.get(country_code=code) or ()
            if unit.parent_code is None
        ),
        key=lambda unit: unit.code,
    )
    names = {
        unit.code: {_translation(language).gettext(unit.name) for language in _ISO_LANGUAGES}
        for unit in top
    }
    # a name without its bracket that is another unit's name (Russian 'Сана [город]', the city,
    # beside 'Сана', the governorate) is left out
    taken = Counter(fold_text(name) for spellings in names.values() for name in spellings)
    units = []
    for unit in top:
        spellings = names[unit.code]
        spellings |= {
            form
            for spelling in spellings
            for form in _unbracketed(spelling)
            if not taken[fold_text(form)]
        }
        variants = tuple(sorted(spellings - {unit.name}))
        units.append(AdminUnit(unit.code, None, unit.name, None, variants))
    return tuple(units)


def _unbracketed(name: str) -> list[str]:
    """An ISO name without its bracket, and the bracket when it holds another name (capitalised,
    no code): lists write 'Catalunya' or 'Cataluña', and 'Amanat al Asimah' without '[city]'."""
    if not (found := _BRACKET.findall(name)):
        return []
    inner = [text for text in found if text[:1].isupper() and not re.search(r"\d|[A-Z]{2}-", text)]
    return [_BRACKET.sub("", name).strip(), *inner]


@cache
def _translation(language: str):
    return gettext.translation(
        "iso3166-2", pycountry.LOCALES_DIR, languages=[language], fallback=True
    )


@cache
def _iso_pack(code: str) -> CountryPack:
    units = iso_admin_units(code)
    kinds = Counter(
        unit.type.casefold()
        for unit in pycountry.subdivisions.get(country_code=code)
        if unit.parent_code is None
    )
    word = kinds.most_common(1)[0][0]
    return CountryPack(
        code=code,
        name=pycountry.countries.get(alpha_2=code).name,
        admin_word=word,
        admin_word_plural=_plural(word),
        admin_units=units,
        labels=tuple(sorted(set(kinds) | set(_ADMIN_LABELS))),
        articles=_ARTICLES,
        place_match="spelling",
    )


def _plural(word: str) -> str:
    """English plural of an admin unit's word (state, province, city, capital district)."""
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    return word + ("es" if word.endswith(("s", "x", "ch", "sh")) else "s")


@cache
def _load(code: str) -> CountryPack:
    folder = _data_root().joinpath(code.lower())
    meta = tomllib.loads(folder.joinpath("pack.toml").read_text("utf-8"))
    places = meta.get("places", {})
    names = dict(meta.get("names", {}))
    nicknames = names.pop("nicknames", {})
    equivalents = names.pop("equivalents", {})
    patronymics = {sex: tuple(ends) for sex, ends in names.pop("patronymics", {}).items()}
    spelling = tuple((pattern, into) for pattern, into in names.pop("spelling", ()))
    units = tuple(
        AdminUnit(
            row["code"],
            row["pcode"] or None,
            row["name"],
            row["name_local"] or None,
            _split(row["variants"]),
        )
        for row in _csv_rows(folder.joinpath("admin1.csv").read_text("utf-8"))
    )
    codes = {unit.code for unit in units}
    known = tuple(
        KnownPlace(
            row["name"],
            row["name_local"] or None,
            _split(row["variants"]),
            row["kind"],
            row["admin1"],
        )
        for row in _csv_rows(folder.joinpath("places.csv").read_text("utf-8"))
    )
    stray = sorted({p.admin for p in known} - codes)
    if stray or any(not unit.code.startswith(code + "-") for unit in units):
        raise ValueError(f"country pack {code}: admin codes outside the pack: {stray}")
    return CountryPack(
        code=meta["code"],
        name=meta["name"],
        admin_word=meta["admin_word"],
        admin_word_plural=meta["admin_word_plural"],
        admin_units=units,
        places=known,
        labels=tuple(places.get("labels", ())),
        articles=tuple(places.get("articles", ())),
        generic_words=tuple(places.get("generic_words", ())),
        countryside_words=tuple(places.get("countryside_words", ())),
        countryside_of=dict(places.get("countryside_of", {})),
        place_match=places.get("match", "phonetic"),
        names=NameConventions(
            **{
                key: tuple(value) if isinstance(value, list) else value
                for key, value in names.items()
            },
            nicknames=dict(nicknames),
            spelling=spelling,
            equivalents=dict(equivalents),
            patronymics=patronymics,
        ),
    )


def _csv_rows(text: str) -> list[dict[str, str]]:
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines))


def _split(variants: str | None) -> tuple[str, ...]:
    return tuple(v.strip() for v in (variants or "").split("|") if v.strip())
