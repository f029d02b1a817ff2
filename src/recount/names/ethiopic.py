"""Ethiopic (Ge'ez) script into Latin letters, so that Tigrinya and Amharic names get keys.

Lists of the dead in Ethiopia and Eritrea are kept in Ge'ez script and in Latin
romanisations that differ in their vowels (Tesfay, Tesfaye, Tesfai). Each Ge'ez
letter is a consonant and a vowel (its order): the table writes the consonant as
common romanisations do and the vowel as a, u, i, a, e, -, o (the sixth order,
a bare or barely voiced consonant, gives no vowel: ብርሃነ brhane, as Brhane and
Berhane key alike). Letters that sound alike are one Latin letter: ሀ ሐ ኀ h, ሰ ሠ s,
ጸ ፀ ts, and the glottal and pharyngeal አ ዐ only their vowel, so the Amharic and
Tigrinya spellings of one name (ኃይለ, ሃይለ) meet.
"""

from __future__ import annotations

import re

_ETHIOPIC = re.compile("[\u1200-\u137f]")
# The consonant of each row of eight letters (by its first code point).
_ROWS = {
    0x1200: "h", 0x1208: "l", 0x1210: "h", 0x1218: "m", 0x1220: "s", 0x1228: "r", 0x1230: "s",
    0x1238: "sh", 0x1240: "q", 0x1250: "q", 0x1260: "b", 0x1268: "v", 0x1270: "t", 0x1278: "ch",
    0x1280: "h", 0x1290: "n", 0x1298: "ny", 0x12A0: "", 0x12A8: "k", 0x12B8: "kh", 0x12C8: "w",
    0x12D0: "", 0x12D8: "z", 0x12E0: "zh", 0x12E8: "y", 0x12F0: "d", 0x12F8: "d", 0x1300: "j",
    0x1308: "g", 0x1318: "ng", 0x1320: "t", 0x1328: "ch", 0x1330: "p", 0x1338: "ts",
    0x1340: "ts", 0x1348: "f", 0x1350: "p",
}  # fmt: skip
_VOWELS = ("e", "u", "i", "a", "e", "", "o", "wa")
# The glottal rows' sixth order (እ, ዕ) is a vowel of its own, written e or i (Eyob, Iyob,
# Endale): not nothing, or a name it begins would lose its vowel onset.
_GLOTTAL_SIXTH = "e"
# Rows whose first order is said as their fourth (ሀ ha, አ a), in Amharic and in many names.
_LARYNGEAL = {0x1200, 0x1210, 0x1280, 0x12A0, 0x12D0}
# Labialised rows (ቈ ኈ ኰ ዀ ጐ): consonant + w, vowels by position (1, 6 and 7 unassigned).
_LABIAL_ROWS = {0x1248: "q", 0x1258: "q", 0x1288: "h", 0x12B0: "k", 0x12C0: "kh", 0x1310: "g"}
_LABIAL_VOWELS = ("we", "", "wi", "wa", "we", "w", "", "")
_PUNCTUATION = {0x1361: " ", 0x1362: " ", 0x1363: ",", 0x1364: " ", 0x1365: " ", 0x1366: " "}


def _letter(code: int) -> str:
    if code in _PUNCTUATION:
        return _PUNCTUATION[code]
    row, order = code - code % 8, code % 8
    if row in _LABIAL_ROWS:
        return _LABIAL_ROWS[row] + _LABIAL_VOWELS[order]
    if row not in _ROWS:
        return ""  # numerals, marks and the few letters outside the rows
    if order == 0 and row in _LARYNGEAL:
        return _ROWS[row] + "a"
    if order == 5 and _ROWS[row] == "":
        return _GLOTTAL_SIXTH
    return _ROWS[row] + _VOWELS[order]


_TABLE = {code: _letter(code) for code in range(0x1200, 0x1380)}


def has_ethiopic(text: str) -> bool:
    return bool(_ETHIOPIC.search(text))


# A sixth-order consonant before h is written with a vowel where Latin spellings write one:
# before ha (ኣብርሃ Abreha, not Abrha, which would end in h + a, not in -eha), and before any h
# where the two letters would read as one (ፍስሃ Fisseha: fsha is f-sh-a).
_H_ROWS = (0x1200, 0x1210, 0x1280)
_SIXTH = "".join(chr(row + 5) for row in _ROWS)
_DIGRAPH_SIXTH = "".join(chr(row + 5) for row, c in _ROWS.items() if c in set("sktdgzpc"))
_BEFORE_H = re.compile(
    f"([{_SIXTH}])(?=[{''.join(chr(row + 3) for row in _H_ROWS)}])"
    f"|([{_DIGRAPH_SIXTH}])(?=[{''.join(chr(row + i) for row in _H_ROWS for i in range(8))}])"
)


# Titles Ge'ez lists put before a name (Mr, Mrs, Miss, Dr, priest, martyr), in Amharic and
# Tigrinya spellings: not names, dropped from the front while a word is left.
TITLES = (
    "አቶ",
    "ኣቶ",
    "ወ/ሮ",
    "ወይዘሮ",
    "ወ/ት",
    "ወ/ሪት",
    "ወይዘሪት",
    "ዶ/ር",
    "ቄስ",
    "ስውእ",
    "ስዉእ",
    "ሰማዕት",
    "ሰማእት",
)
_TITLE = re.compile(
    r"^\s*(?:" + "|".join(re.escape(t) for t in TITLES) + r")(?:[\s፡]+|\.\s*)(?=[\u1200-\u137f])"
)
# A compound name's first part abbreviated to its letter and a slash, as Ge'ez lists write it:
# ገ/መድህን is ገብረመድህን (Gebremedhin), ወ/ማርያም ወልደማርያም, ኃ/ሥላሴ ኃይለሥላሴ.
ABBREVIATED = {"ገ": "ገብረ", "ወ": "ወልደ", "ኃ": "ኃይለ", "ሃ": "ሃይለ", "ተ": "ተክለ", "ኪ": "ኪዳነ"}
_ABBREVIATION = re.compile(
    "(?<![\u1200-\u137f])([" + "".join(ABBREVIATED) + "])\\s*/\\s*"
    "(?!(?:ሮ|ት|ሪት)(?![\u1200-\u137f]))(?=[\u1200-\u137f])"  # ወ/ሮ and ወ/ት are titles
)


def expand_ethiopic(text: str) -> str:
    """The name with the titles in front dropped and its abbreviated parts written out."""
    while (title := _TITLE.match(text)) is not None:
        text = text[title.end() :]
    return _ABBREVIATION.sub(lambda m: ABBREVIATED[m.group(1)], text)


def romanise_ethiopic(text: str) -> str:
    """The text with its Ge'ez letters written in Latin ones (lower case), the rest as it was;
    a name's titles in front dropped and its abbreviated parts written out (`expand_ethiopic`)."""
    if not has_ethiopic(text):
        return text
    text = expand_ethiopic(text)
    return _BEFORE_H.sub(lambda m: _TABLE[ord(m.group(0))] + "e", text).translate(_TABLE)
