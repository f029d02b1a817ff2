"""Arabic script into the cross-script key space, letter by letter and deterministically.

The key keeps what both scripts show: consonants (grouped into the classes Latin
transliteration confuses), the long vowels و and ي (written ou/oo/u and
ee/ei/i/y in Latin), and whether the name starts with a vowel sound (ا ع أ),
which separates Ahmad from Hamad. Short vowels are not written in Arabic and
medial alef, ayn and hamza are not reliably visible in Latin, so the key drops
them. A name-final taa marbuta, haa, alef, alef maqsura, hamza or ayn is one mark,
`a`, as Latin writes -a/-ah/-eh: it keeps فادي (Fadi) apart from فادية (Fadia).
"""

from __future__ import annotations

from recount.names.arabic import strip_marks

ONSET = "e"
FINAL_VOWEL = "a"

_CONSONANTS = {
    "ب": "b", "پ": "b",
    "ت": "t", "ط": "t", "ث": "t",
    "ج": "g", "غ": "g", "چ": "g", "گ": "g",
    "ح": "h", "ه": "h", "ھ": "h", "ہ": "h",
    "خ": "k", "ق": "k", "ك": "k", "ک": "k",
    "د": "d", "ذ": "d", "ض": "d", "ظ": "d", "ز": "d",
    "ر": "r",
    "س": "s", "ص": "s",
    "ش": "x",
    "ف": "f", "ڤ": "f",
    "ل": "l", "م": "m", "ن": "n",
    "و": "w", "ؤ": "w",
    "ي": "y", "ئ": "y", "ی": "y", "ې": "y",
}  # fmt: skip
_VOWEL_CARRIERS = set("اأإآٱٲٳعء")
_FINAL_SILENT = set("ةهاىأءۀع")


def romanize(token: str, *, keep_alef: bool = False) -> str:
    """Key letters of one Arabic name token (article and compounds already split off).

    `keep_alef` marks medial alef as `a`: used only to tell apart names whose
    plain keys coincide (عمر, عمار, عامر).
    """
    letters = [
        ch
        for ch in strip_marks(token)
        if ch in _CONSONANTS or ch in _VOWEL_CARRIERS or ch in _FINAL_SILENT or ch == "ة"
    ]
    final_vowel = False
    while len(letters) > 1 and letters[-1] in _FINAL_SILENT:
        letters.pop()
        final_vowel = True
    out: list[str] = []
    for i, ch in enumerate(letters):
        if i == 0 and ch in _VOWEL_CARRIERS:
            out.append(ONSET)
            if ch == "آ" and keep_alef:
                out.append("a")
        elif ch in _CONSONANTS:
            out.append(_CONSONANTS[ch])
        elif ch == "ة":
            out.append("t")
        elif ch == "ى":
            out.append("y")
        elif keep_alef and ch in "اآ":
            out.append("a")
    if final_vowel:
        out.append(FINAL_VOWEL)
    return collapse(out)


def collapse(chars: list[str] | str) -> str:
    """Runs of one key letter count once: doubled consonants and و و/ي ي spellings agree."""
    result: list[str] = []
    for ch in chars:
        if not result or result[-1] != ch:
            result.append(ch)
    return "".join(result)
