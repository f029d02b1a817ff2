"""Cyrillic script into Latin letters, so that Ukrainian and Russian names get keys.

Lists of the dead in Ukraine are kept in Ukrainian and Russian Cyrillic and in
Latin romanisations. The table is Ukraine's national romanisation (2010, the
one passports use: г -> h, и -> y, х -> kh, зг -> zgh so it is not read as ж), with the letters only Russian
writes (ы, э, ё, ъ) added, so a Cyrillic name and its passport spelling fold
to the same letters.
"""

from __future__ import annotations

import re
import unicodedata

_CYRILLIC = re.compile("[\u0400-\u04ff]")
_LETTERS = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie",
    "ж": "zh", "з": "z", "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l",
    "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ю": "iu",
    "я": "ia", "ы": "y", "э": "e", "ё": "e", "ъ": "",
}  # fmt: skip
# At the start of a word these are written as in English: Yevhen, Yurii, Yana, Yosyp.
_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
_TABLE = str.maketrans(_LETTERS)
_WORD_START = re.compile(r"(?<![\w'’ʼ])([єїйюя])")
_ZGH = re.compile("зг")


def has_cyrillic(text: str) -> bool:
    return bool(_CYRILLIC.search(text))


def romanise_cyrillic(text: str) -> str:
    """The text in lower case, its Cyrillic letters written in Latin ones."""
    if not has_cyrillic(text):
        return text
    # NFC first: й and ї typed as и/і plus a combining mark are one letter here.
    lowered = _WORD_START.sub(
        lambda m: _INITIAL[m.group(1)], unicodedata.normalize("NFC", text).lower()
    )
    return _ZGH.sub("zgh", lowered).translate(_TABLE)
