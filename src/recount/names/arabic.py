"""Arabic-script normalisation: one spelling per name, whatever the keyboard or the typist.

The rules are the standard ones (Lucene's ArabicNormalizer, pyarabic, camel-tools):
strip tashkeel and tatweel, unify alef forms, hamza seats, taa marbuta/haa and
alef maqsura/yaa, Persian/Urdu letter forms and Arabic-Indic digits.
"""

from __future__ import annotations

import re
import unicodedata

ARABIC_LETTERS = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")

# Harakat, shadda, sukun, superscript alef and Quranic marks; tatweel.
_DIACRITICS = re.compile(r"[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]")
# Bidi controls, zero-width characters and the BOM.
_INVISIBLE = re.compile(r"[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF\u00AD\u061C]")

_LETTER_FOLD = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ٲ": "ا",
        "ٳ": "ا",
        "ؤ": "و",
        "ئ": "ي",
        "ى": "ي",
        "ی": "ي",
        "ې": "ي",
        "ک": "ك",
        "ګ": "ك",
        "گ": "ك",
        "پ": "ب",
        "چ": "ج",
        "ڤ": "ف",
        "ۀ": "ه",
        "ہ": "ه",
        "ھ": "ه",
        "ء": None,
        "،": ",",
        "؛": ";",
        "؟": "?",
        **{chr(0x0660 + d): str(d) for d in range(10)},
        **{chr(0x06F0 + d): str(d) for d in range(10)},
    }
)
_TAA_MARBUTA_AT_END = re.compile(r"ة(?=\s|$|[^\u0600-\u06FF])")
_SPACES = re.compile(r"\s+")


def has_arabic(text: str) -> bool:
    return bool(ARABIC_LETTERS.search(text))


def strip_marks(text: str) -> str:
    """NFKC, then drop diacritics, tatweel and invisible marks; keeps letters as typed."""
    text = unicodedata.normalize("NFKC", text)
    text = _INVISIBLE.sub("", text)
    return _DIACRITICS.sub("", text)


def normalize_arabic(text: str) -> str:
    """Arabic text in one canonical spelling (letters folded, digits ASCII, spaces collapsed).

    Taa marbuta becomes haa at word end (the typists' habit in Syrian lists);
    a medial one (rare, in joined compounds) is kept as ت.
    """
    text = strip_marks(text)
    text = _TAA_MARBUTA_AT_END.sub("ه", text).replace("ة", "ت")
    text = text.translate(_LETTER_FOLD)
    return _SPACES.sub(" ", text).strip()
