"""Latin transliterations of Arabic names into the cross-script key space.

Two keys:

* `phonetic_key` predicts what `romanize` gives for the Arabic original:
  consonant classes (q/k/kh/c, j/g/gh/dj, d/z/dh, t/th, s, sh/ch), the long
  vowels that Latin spellings show (ou/oo, ee/ei/ai/ay, a final i/y, an i or u
  in the last syllable) as `y`/`w`, a vowel onset as `e`; short vowels, doubled
  letters and final -a/-ah/-eh dropped.
* `spelling_key` keeps vowel classes (a/e, i/ee/ei/y, o/u/ou) for telling
  near spellings apart when matching against the name lexicon.
"""

from __future__ import annotations

import re

from recount.names.romanise import FINAL_VOWEL, ONSET, collapse

VOWELS = frozenset("aeiou")
_DIGRAPHS = (
    ("sch", "x"),
    ("sh", "x"),
    ("ch", "x"),
    ("kh", "k"),
    ("gh", "g"),
    ("dh", "d"),
    ("th", "t"),
    ("zh", "d"),
    ("ph", "f"),
    ("dj", "g"),
    ("ck", "k"),
)
_SINGLE = {
    "b": "b", "p": "b", "t": "t", "j": "g", "g": "g", "h": "h", "k": "k", "q": "k", "c": "k",
    "x": "ks", "d": "d", "z": "d", "r": "r", "s": "s", "f": "f", "v": "f", "l": "l", "m": "m",
    "n": "n", "w": "w", "y": "y",
}  # fmt: skip
_LONG_I = ("ee", "ei", "ey", "ai", "ay", "ie", "ae", "ii", "iy")
_LONG_U = ("ou", "oo", "uu", "ow", "aou")
_FINAL_TAA = re.compile(r"(?<=[a-z])(ah|eh|a|e)+$")
_SILENT_E = re.compile(r"(?<=[^aeiou][nm])e$")  # French spelling: Amine, Yassine, Sofiane


def phonetic_key(token: str) -> str:
    """Key letters of one folded Latin name token (lower case a-z, article split off)."""
    word = "".join(ch for ch in token if "a" <= ch <= "z")
    if not word:
        return ""
    word, final = _split_ending(word)
    # A single i/u before the last consonant is long (Ibrahim, Mansur, Jamila) unless
    # a nisba or other vowel ending follows (Kurdi, Fatima's short i aside).
    long_last = final in ("", FINAL_VOWEL)
    out: list[str] = []
    if not word:
        return collapse(list(final))
    i = 0
    if word[:1] in VOWELS:
        out.append(ONSET)
        j = 0
        while j < len(word) and word[j] in VOWELS:
            j += 1
        cluster = word[:j]
        if len(cluster) >= 2 and cluster[-1] in "ie":
            out.append("y")
        i = j
    while i < len(word):
        ch = word[i]
        if ch in VOWELS or ch == "y" and _is_vowel_y(word, i):
            i, mark = _vowel(word, i, long_last)
            if mark:
                out.append(mark)
            continue
        for digraph, code in _DIGRAPHS:
            if word.startswith(digraph, i):
                out.append(code)
                i += len(digraph)
                break
        else:
            out.append(_SINGLE.get(ch, ""))
            i += 1
    out.extend(final)
    return collapse(out)


_GLIDE_END = re.compile(r"(?<=[a-z]{2})(iyah|iyeh|iyya|iya|iye|iah|ieh|ia|ie|yah|yeh|ya|ye)$")
_Y_END = re.compile(r"(?<=[^aeiou])(ee|ie|ey|iy|i|y)$|(ay|ai|ei)$")
_W_END = re.compile(r"(?<=[^aeiou])(ou|oo|ow|o|u)$")


def _split_ending(word: str) -> tuple[str, str]:
    """Word without its ending, and the key letter the ending gives.

    -ia/-iya/-yah (Rania, Yahya) end in ي + a; -a/-ah/-eh (taa marbuta, alef)
    give `a`; a final i/y/ee is ي (nisba, Sami); a final o/u/ou is و (Abu);
    the French silent e of -ine/-ane gives nothing.
    """
    if len(word) < 3:
        return word, ""
    if _SILENT_E.search(word):
        return word[:-1], ""
    stem = _GLIDE_END.sub("", word)
    if stem != word:
        return stem, "y" + FINAL_VOWEL
    stem = _FINAL_TAA.sub("", word)
    if stem != word:
        return stem, FINAL_VOWEL
    for pattern, mark in ((_Y_END, "y"), (_W_END, "w")):
        stem = pattern.sub("", word)
        if stem != word:
            return stem, mark
    return word, ""


def _is_vowel_y(word: str, i: int) -> bool:
    before = word[i - 1] if i else ""
    after = word[i + 1] if i + 1 < len(word) else ""
    return before not in VOWELS and after not in VOWELS and before != ""


def _vowel(word: str, i: int, long_last: bool) -> tuple[int, str]:
    """Consume a vowel cluster at i; return the new position and the key letter it yields."""
    j = i
    while j < len(word) and (word[j] in VOWELS or word[j] == "y" and _is_vowel_y(word, j)):
        j += 1
    cluster = word[i:j]
    nxt = word[j] if j < len(word) else ""
    if nxt == "y" or nxt == "w":
        # "ay"/"aw" before a vowel: the y/w is a consonant and carries the key letter.
        return j, ""
    if any(c in cluster for c in _LONG_U):
        return j, "w"
    if any(c in cluster for c in _LONG_I) or "y" in cluster:
        return j, "y"
    if len(cluster) >= 2 and cluster[0] in "ie" and nxt:
        return j, "y"  # Ziad, Mariam, Yehia: i before a vowel is a glide
    rest = word[j:]
    in_last_syllable = long_last and bool(rest) and not any(c in VOWELS for c in rest)
    if in_last_syllable and cluster == "i":
        return j, "y"
    if in_last_syllable and cluster == "u":
        return j, "w"
    return j, ""


_SPELLING_VOWELS = (
    ("ou", "u"),
    ("oo", "u"),
    ("ee", "i"),
    ("ei", "i"),
    ("ey", "i"),
    ("ai", "i"),
    ("ay", "i"),
    ("ie", "i"),
)


def spelling_key(token: str) -> str:
    """Consonant classes plus vowel classes (a/e → a, i/y → i, o/u → u), doubles collapsed."""
    word = "".join(ch for ch in token if "a" <= ch <= "z")
    word = re.sub(r"(?<=[a-z])(ah|eh)$", "a", word)
    for cluster, code in _SPELLING_VOWELS:
        word = word.replace(cluster, code.upper())
    out: list[str] = []
    i = 0
    while i < len(word):
        ch = word[i]
        if ch.isupper():
            out.append(ch.lower())
            i += 1
            continue
        for digraph, code in _DIGRAPHS:
            if word.startswith(digraph, i):
                out.append(code)
                i += len(digraph)
                break
        else:
            out.append({"e": "a", "o": "u", "y": "i", "w": "u"}.get(ch, _SINGLE.get(ch, ch)))
            i += 1
    return collapse(out)
