"""Recognise sex, status, age and the admin unit as lists write them, in several languages.

Each function takes the *distinct* raw values of one field in one source and
returns, per value, the canonical value and a flag (or None). The caller
joins the result back onto the rows in DuckDB, so the Python work is per
distinct value, never per row.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence

from recount.names.burmese import to_unicode
from recount.reference import NO_PACK, CountryPack

DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "0123456789" * 2)
_ARABIC_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ة": "ه", "ى": "ي", "ـ": None})
MAX_AGE = 120
# The flag of an admin unit the country pack (or, without one, ISO 3166-2) does not know.
UNMAPPED_ADMIN_UNIT = "governorate_unrecognised"

UNKNOWN_WORDS = {
    "",
    "-",
    "--",
    "?",
    "??",
    "na",
    "n/a",
    "none",
    "null",
    "unknown",
    "unk",
    "not known",
    "not specified",
    "غير معروف",
    "غير معروفه",
    "مجهول",
    "غير محدد",
    "لا يوجد",
    "غير مذكور",
    "desconocido",
    "desconocida",
    "sin informacion",
    "sin información",
    "sin dato",
    "sin datos",
    "s/i",
    "no sabe",
    "ns",
    "ns/nr",
    "n/s",
    "s/d",
    "ignorado",
    "ignorada",
    "se desconoce",
    "no consta",
    "no aplica",
    "inconnu",
    "inconnue",
    "non renseigne",
    "non renseigné",
    "nd",
    "n.d.",
    "невідомо",
    "невідомий",
    "неизвестно",
    "неизвестный",
    "н/д",
    "немає даних",
    "нет данных",
}
SEX_WORDS = {
    "M": {
        "m",
        "male",
        "man",
        "boy",
        "men",
        "ذكر",
        "ذ",
        "رجل",
        "شاب",
        "صبي",
        "ولد",
        "طفل ذكر",
        "masculin",
        "h",
        "homme",
        "hombre",
        "masculino",
        "varon",
        "varón",
        "nino",
        "niño",
        "ч",
        "ч.",
        "чол",
        "чол.",
        "чоловік",
        "чоловіча",
        "хлопчик",
        "м",
        "м.",
        "муж",
        "муж.",
        "мужской",
        "мужчина",
        "мальчик",
        # Tigrinya and Amharic (Ge'ez script): male, man, boy
        "ተባዕታይ",
        "ተባ",
        "ወዲ",
        "ወንድ",
        "ወ",
        "ሰብኣይ",
        # Burmese: male (ကျား, also the header ကျား/မ's first half), man
        "ကျား",
        "အမျိုးသား",
        "ယောက်ျား",
        # Swahili: man (mwanaume, mwanamume), the forms' ME, and mume
        "mwanaume",
        "mwanamume",
        "me",
        "mume",
    },
    "F": {
        "f",
        "female",
        "woman",
        "girl",
        "women",
        "انثي",
        "انثى",
        "امراه",
        "مراه",
        "سيده",
        "فتاه",
        "بنت",
        "طفله",
        "feminin",
        "femme",
        "mujer",
        "femenino",
        "nina",
        "niña",
        "ж",
        "ж.",
        "жін",
        "жін.",
        "жінка",
        "жіноча",
        "дівчинка",
        "жен",
        "жен.",
        "женский",
        "женщина",
        "девочка",
        # Tigrinya and Amharic: female, woman, girl
        "ኣንስተይቲ",
        "ኣን",
        "ጓል",
        "ሴት",
        "ሴ",
        "ሰበይቲ",
        # Burmese: female (မ, the header ကျား/မ's second half), woman
        "မ",
        "အမျိုးသမီး",
        "မိန်းမ",
        # Swahili: woman (mwanamke), the forms' KE, and mke
        "mwanamke",
        "ke",
        "mke",
    },
}
STATUS_WORDS = {
    "civilian": {
        "civilian",
        "civilians",
        "civ",
        "civil",
        "non-combatant",
        "noncombatant",
        "non combatant",
        "مدني",
        "مدنيه",
        "مدنيين",
        "مدنيون",
        "مدني/ه",
        "civil/civilian",
        "poblacion civil",
        "población civil",
        "цивільний",
        "цивільна",
        "цивільні",
        "цивільна особа",
        "мирний житель",
        "мирна жителька",
        "мирне населення",
        "мирный житель",
        "мирная жительница",
        "мирное население",
        "гражданский",
        "гражданское лицо",
        "civils",
        "population civile",
        "raia",
    },
    "combatant": {
        "combatant",
        "combatants",
        "fighter",
        "military",
        "soldier",
        "armed",
        "non-civilian",
        "non civilian",
        "عسكري",
        "عسكريه",
        "عسكريين",
        "مقاتل",
        "مقاتله",
        "مقاتلين",
        "جندي",
        "مسلح",
        "غير مدني",
        "combatiente",
        "militar",
        "soldado",
        "військовий",
        "військова",
        "військовослужбовець",
        "військовослужбовиця",
        "комбатант",
        "военный",
        "военнослужащий",
        "militaire",
        "militaires",
        "milicien",
        "miliciens",
        "combattant",
        "combattants",
        "soldat",
        "soldats",
        "askari",
        "mwanajeshi",
        "wanajeshi",
    },
}
# Years after the number in most languages (34 ans, Amharic and Tigrinya 34 ዓመት), before it
# in Swahili (miaka 34).
_AGE = re.compile(
    r"^\s*(?:miaka\s*)?(\d{1,9}(?:[.,]\d+)?)\s*(?:y|yr|yrs|years?|years old|anos|años|ans|سنه|سنوات|سنين|عام|عاما|عامًا|اعوام|ዓመት|ዓመታት|ዓመቱ|አመት|አመታት|ኣመት)?\s*$"
)
_AGE_MONTHS = re.compile(
    r"^\s*\d{1,2}\s*(?:m|mo|months?|meses|mois|شهر|شهرا|اشهر|شهور|ወር|ወራት|ወሩ|ወርሒ|ኣዋርሕ)\s*$"
)
_AGE_NEGATIVE = re.compile(r"^\s*-\s*\d+(?:[.,]\d+)?\s*$")
# An age marked as a guess ("aprox. 30", "about 30", "30?"): read, and flagged age_approximate.
_ABOUT = r"aprox\.?|aproximadamente|approx\.?|approximately|about|around|circa|ca\.|c\.|environ|env\.|~|≈|±|около|приблизно|близько|حوالي|حوالى|تقريبا"
_AGE_APPROXIMATE = re.compile(rf"^\s*(?:{_ABOUT})\s*(.+?)\s*$|^\s*(.+?)\s*(?:\?|{_ABOUT})\s*$")


def fold(value: str) -> str:
    """A matching key: Unicode-normalised (Zawgyi-typed Burmese too), case-folded, Arabic letter
    forms unified, spaces squeezed."""
    text = unicodedata.normalize("NFKC", to_unicode(value)).translate(_ARABIC_FOLD).casefold()
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.split())


def _invert(words: Mapping[str, set[str]]) -> dict[str, str]:
    return {fold(word): canonical for canonical, group in words.items() for word in group}


_SEX = _invert(SEX_WORDS)
_STATUS = _invert(STATUS_WORDS)
_UNKNOWN = {fold(w) for w in UNKNOWN_WORDS}


def implied_sex_values(values: Iterable[str]) -> dict[str, str]:
    """How a column's single letters read, folded value -> sex, when the letters settle it.

    Spanish lists write H (hombre) and M (mujer) where English M is male: a column holding H
    and M but no F is read the Spanish way. A source's `[sources.values.sex]` goes first.
    """
    letters = {fold(value) for value in values}
    if {"h", "m"} <= letters and "f" not in letters:
        return {"h": "M", "m": "F"}
    return {}


def recognise_sex(values: Sequence[str]) -> list[tuple[str | None, str | None]]:
    out = []
    for value in values:
        key = fold(value)
        if key in _SEX:
            out.append((_SEX[key], None))
        elif key in _UNKNOWN:
            out.append((None, None))
        else:
            out.append((None, "sex_unrecognised"))
    return out


def recognise_status(values: Sequence[str]) -> list[tuple[str | None, str | None]]:
    out = []
    for value in values:
        key = fold(value)
        if key in _STATUS:
            out.append((_STATUS[key], None))
        elif key in _UNKNOWN:
            out.append(("unknown", None))
        else:
            out.append(("unknown", "status_unrecognised"))
    return out


def recognise_governorate(
    values: Sequence[str], pack: CountryPack = NO_PACK
) -> list[tuple[str | None, str | None]]:
    """The first-level admin unit's ISO 3166-2 code through the country pack (codes only without one)."""
    out = []
    for value in values:
        code = pack.admin_unit(value)
        if code is not None:
            out.append((code, None))
        elif fold(value) in _UNKNOWN:
            out.append((None, None))
        else:
            out.append((None, UNMAPPED_ADMIN_UNIT))
    return out


def recognise_age(values: Sequence[str]) -> list[tuple[int | None, str | None]]:
    """Whole years; infants given in months are 0; -3 or 400 are kept as NULL and flagged."""
    out: list[tuple[int | None, str | None]] = []
    for value in values:
        text = fold(value.translate(DIGITS)).replace("٫", ".")
        approximate = _AGE_APPROXIMATE.match(text)
        if approximate and _AGE.match(approximate.group(1) or approximate.group(2)):
            years, flag = recognise_age([approximate.group(1) or approximate.group(2)])[0]
            out.append((years, flag or "age_approximate"))
            continue
        match = _AGE.match(text)
        if match:
            years = int(float(match.group(1).replace(",", ".")))
            out.append((years, None) if years <= MAX_AGE else (None, "age_out_of_range"))
        elif _AGE_MONTHS.match(text):
            out.append((0, None))
        elif _AGE_NEGATIVE.match(text):
            out.append((None, "age_out_of_range"))
        elif text in _UNKNOWN:
            out.append((None, None))
        else:
            out.append((None, "age_unparsed"))
    return out


def validate_mapped(field: str, value: str, pack: CountryPack = NO_PACK) -> str | None:
    """Why a `[sources.values.FIELD]` target is not usable for that field, or None when it is."""
    if field == "sex" and value not in ("M", "F", ""):
        return 'expected "M", "F" or "" (unknown)'
    if field == "status" and value not in ("civilian", "combatant", "unknown"):
        return 'expected "civilian", "combatant" or "unknown"'
    if field == "governorate" and value and pack.admin_unit(value) is None:
        if pack.code is None:
            return "expected an ISO 3166-2 code (e.g. CO-ANT); set [project] country to use names"
        return (
            f"expected an ISO 3166-2:{pack.code} code ({pack.admin_codes[0]} …), "
            f"a national code or a {pack.admin_word} name"
        )
    if field == "age" and value and recognise_age([value])[0][1] is not None:
        return "expected a whole number of years from 0 to 120"
    return None
