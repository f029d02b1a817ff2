"""Keys of Ethiopian and Eritrean names, in Latin letters or romanised from Ge'ez.

Ge'ez names are romanised by `recount.names.ethiopic` (BGN/PCGN 1967 without its marks:
ሀ ሐ ኀ h, ሰ ሠ s, ጸ ፀ ts). Latin lists spell one Ge'ez name many ways, mostly in the vowels:
the sixth order (a bare or barely voiced consonant) is written e, i or nothing (Berhane,
Birhane, Brhane); the first and fifth orders are e, a, ie or ye (Gebre, Gabre; Azeb, Azieb;
Selase, Selassie); a y after a vowel is y, i or ye (Tesfay, Tesfai, Tesfaye, the Tigrinya and
Amharic forms of one name); and Italian and French spellings write k as c, g as gh or gu
(Tecle, Ghebre, Guidey). So the key keeps what every spelling writes: the consonants (in the
classes romanisations confuse: q k c kh, ts tz, g gh), y and w where they are consonants, a
vowel onset, and the class of the final vowel (a, e or i, o or u), which tells related names
apart (Haile and Hailu, Gebre and Gebru, Bekele and Bikila), but not after a final h, which
Amharic says ha and Tigrinya he. Vowels inside a name are not kept: no spelling writes them
alike.
"""

from __future__ import annotations

import re
from functools import lru_cache

from recount.names.romanise import collapse

_VOWELS = frozenset("aeiou")
_DIGRAPHS = (
    ("sch", "x"), ("tz", "ts"), ("sh", "x"), ("ch", "c"), ("kh", "k"), ("ck", "k"),
    ("gh", "g"), ("ph", "f"), ("th", "t"), ("dj", "j"), ("ou", "u"),
)  # fmt: skip
_SINGLE = {"q": "k", "c": "k", "v": "b", "x": "ks"}
_FINAL = {"a": "a", "e": "e", "i": "e", "o": "u", "u": "u"}
ONSET = "e"


@lru_cache(maxsize=200_000)
def ethiopian_key(word: str) -> str:
    """Key of one folded Latin name word (lower case a-z; Ge'ez already romanised)."""
    units = _units("".join(ch for ch in word if "a" <= ch <= "z"))
    if not units:
        return ""
    out: list[str] = [ONSET] if units[0] in _VOWELS else []
    out.extend(unit for unit in units if unit not in _VOWELS)
    final = units[-1]
    if final in _VOWELS and len(units) > 1:
        # ሀ ሐ ኀ ending a name: Amharic says ha, Tigrinya he (Berha, Berhe, Berhie)
        after_h = out[-1:] == ["h"] and final in "aei"
        out.append("a" if after_h else _FINAL[final])
    return collapse(out)


def _units(word: str) -> list[str]:
    """The word as consonant classes and single vowels; y, w, i and u read as consonant or
    vowel by their neighbours (é written ie is then two vowels: Azieb, Kidanie keep neither
    but the final class), and a y-final -e (Tesfaye) dropped."""
    raw: list[str] = []
    i = 0
    while i < len(word):
        if word.startswith("gu", i) and word[i + 2 : i + 3] in ("e", "i"):
            raw.append("g")  # Mulugueta, Guidey: the u only keeps the g hard
            i += 2
            continue
        for digraph, unit in _DIGRAPHS:
            if word.startswith(digraph, i):
                raw.append(unit)
                i += len(digraph)
                break
        else:
            raw.append(_SINGLE.get(word[i], word[i]))
            i += 1
    units: list[str] = []
    for j, unit in enumerate(raw):
        before = units[-1] if units else ""
        after = raw[j + 1] if j + 1 < len(raw) else ""
        if unit == "y":
            glide = not before or before in _VOWELS or after in _VOWELS
            units.append("y" if glide else "i")
        elif unit == "i" and before in _VOWELS:
            units.append("y")  # Tesfai, Goitom, Haile: a y written i
        elif unit == "i" and before and after in ("a", "o", "u"):
            units.append("y")  # Mariam, Tsion: ya and yo written ia, io
        elif unit == "u" and before and after in _VOWELS:
            units.append("w")  # Amanuel, Adua
        else:
            units.append(unit)
    if len(units) > 2 and units[-1] in ("e", "i") and units[-2] == "y" and units[-3] in _VOWELS:
        units.pop()  # Tesfaye and Tesfay, ተስፋዬ and ተስፋይ
    return units


# Compounds of a name and a holy name, written in one word or two (Haile Mariam, Hailemariam;
# ኪዳነ ማርያም): the second part is no one's name alone (Mary is no father's name; the Trinity,
# God, Jesus and Christ are no one's), so the two words are one name.
_COMPOUND_FIRST = frozenset(
    map(ethiopian_key, ["haile", "tekle", "kidane", "habte", "tesfa", "gebre", "wolde"])
)
_HOLY = frozenset(
    map(ethiopian_key, ["mariam", "selassie", "egziabher", "iyesus", "yesus", "kristos"])
)


def holy_compound(word: str, following: str) -> bool:
    """Whether two folded words are one compound name (Haile Mariam)."""
    return ethiopian_key(word) in _COMPOUND_FIRST and ethiopian_key(following) in _HOLY


# A compound name's first part abbreviated to its letter and a slash, as Latin lists of
# Ethiopian names write it (G/Medhin, W/Mariam); W/ro, W/t and W/rt are titles (Mrs, Miss).
# Only G and W: H/ is Haile or Habte, T/ Tekle or Tesfa.
_LATIN_ABBREVIATED = {"g": "Gebre", "w": "Wolde"}
_LATIN_ABBREVIATION = re.compile(
    r"(?<![^\W\d_])([GgWw])\s*/\s*(?!(?:ro|t|rt)\b)(?=[^\W\d_])", re.IGNORECASE
)
# Titles in front of an Ethiopian name in Latin lists (Mr, Mrs, Miss), as `ethiopic.TITLES`.
_LATIN_TITLE = re.compile(
    r"^\s*(?:ato|w\s*/\s*ro|w\s*/\s*rt|w\s*/\s*t|weyzero|woizero|weizero|weyzerit)\b\.?\s*(?=\w)",
    re.IGNORECASE,
)


def expand_latin(text: str) -> str:
    """An Ethiopian name in Latin letters with its titles in front dropped and its abbreviated
    compound written out (G/Medhin: Gebremedhin)."""
    while (title := _LATIN_TITLE.match(text)) is not None:
        text = text[title.end() :]
    return _LATIN_ABBREVIATION.sub(lambda m: _LATIN_ABBREVIATED[m.group(1).lower()], text)
