"""Latin-script folding: case, accents, ayn/hamza marks and punctuation.

Transliterations of one Arabic name differ in accents (ā, ḥ, ṣ), in how ayn
and hamza are marked (ʿ ʾ ‘ ’ ' `), in case and in hyphenation. Folding removes
those differences before the phonetic key looks at the letters. Cyrillic, Ethiopic
and Burmese are romanised first, so Ukrainian, Russian, Tigrinya, Amharic and Burmese
names are keyed like their Latin spellings.
"""

from __future__ import annotations

import re
import unicodedata

from recount.names.burmese import romanise_burmese
from recount.names.cyrillic import romanise_cyrillic
from recount.names.ethiopic import romanise_ethiopic

# Marks that stand for ayn or hamza in transliterations; they carry no letter of their own.
_AYN_HAMZA = re.compile(r"[ʿʾʼʻʽ‘’‛′`´'ˈ]")
_NON_LETTER = re.compile(r"[^a-z0-9\s\-,()]+")
_SPACES = re.compile(r"\s+")
_SPECIAL = str.maketrans({"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ı": "i"})


def fold_latin(text: str) -> str:
    """Lower case ASCII letters, digits, spaces, hyphens, commas and parentheses only."""
    text = romanise_cyrillic(romanise_ethiopic(romanise_burmese(text)))
    text = unicodedata.normalize("NFKD", text).translate(_SPECIAL)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _AYN_HAMZA.sub("", text.casefold())
    text = _NON_LETTER.sub(" ", text)
    return _SPACES.sub(" ", text).strip()
