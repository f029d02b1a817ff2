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
_LONG_U = ("ou", "oo", "uu", "ow", "aou", "au")
_FINAL_TAA = re.compile(r"(?<=[a-z])(ah|eh|a|e)+$")
_SILENT_E = re.compile(r"(?<=[aeiou][nm])e$|(?<=ch)e$")  # French: Amine, Sofiane, Habache


def phonetic_key(token: str) -> str:
    """Key letters of one folded Latin name token (lower case a-z, article split off)."""
    word = "".join(ch for ch in token if "a" <= ch <= "z")
    if not word:
        return ""
    word, final, ending = _split_ending(word)
    # A single i or u before one last consonant is read as long (Ibrahim, Mansur, Jamila,
    # Sufi, Filistini); before two consonants it is short (Kurdi, Bizra). A u before
    # -a is short (Mulla, Jumaa). Fatima and Idlibi are exceptions the lexicon lists.
    long_i = ending in ("", "taa", "nisba")
    long_u = ending in ("", "nisba")
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
            i, mark = _vowel(word, i, long_i, long_u)
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
_NISBA_END = re.compile(r"(?<=[^aeiou])(ee|ie|ey|iy|i|y)$")
_DIPHTHONG_END = re.compile(r"(ay|ai|ei)$")
_AWI_END = re.compile(r"(?<=[a-z]{2})(aoui|awi|awy|oui|wi|wy)$")  # Badawi, Badaoui, Hamwi
_W_END = re.compile(r"(?<=[^aeiou])(ou|oo|ow|o|u)$")
_GEMINATE_AH = re.compile(r"([bcdfghjklmnpqrstvwxz])\1ah$")  # Jarrah, Fallah: -ah is ح


def _split_ending(word: str) -> tuple[str, str, str]:
    """Word without its ending, the key letters the ending gives, and the kind of ending.

    -ia/-iya/-yah (Rania, Yahya) end in ي + a; -a/-ah/-eh (taa marbuta, alef)
    give `a`; a final i/y/ee is ي (nisba, Sami); -awi/-aoui is وي; a final
    o/u/ou is و (Abu); the French silent e of -ine/-ane/-che gives nothing.
    """
    if len(word) < 3:
        return word, "", ""
    if _SILENT_E.search(word):
        return word[:-1], "", ""
    if _GEMINATE_AH.search(word):
        return word, "", ""
    for pattern, mark, kind in (
        (_GLIDE_END, "y" + FINAL_VOWEL, "glide"),
        (_FINAL_TAA, FINAL_VOWEL, "taa"),
        (_AWI_END, "wy", "awi"),
        (_NISBA_END, "y", "nisba"),
        (_DIPHTHONG_END, "y", "diphthong"),
        (_W_END, "w", "waw"),
    ):
        stem = pattern.sub("", word)
        if stem != word:
            return stem, mark, kind
    return word, "", ""


def _one_consonant(rest: str) -> bool:
    """True when rest is a single consonant: a letter, a digraph or a doubled letter."""
    if not rest or any(c in VOWELS for c in rest):
        return False
    if len(rest) == 1 or (len(rest) == 2 and rest[0] == rest[1]):
        return True
    return any(rest == digraph for digraph, _ in _DIGRAPHS)


def _is_vowel_y(word: str, i: int) -> bool:
    before = word[i - 1] if i else ""
    after = word[i + 1] if i + 1 < len(word) else ""
    return before not in VOWELS and after not in VOWELS and before != ""


def _vowel(word: str, i: int, long_i: bool, long_u: bool) -> tuple[int, str]:
    """Consume a vowel cluster at i; return the new position and the key letter it yields."""
    j = i
    while j < len(word) and (word[j] in VOWELS or word[j] == "y" and _is_vowel_y(word, j)):
        j += 1
    cluster = word[i:j]
    nxt = word[j] if j < len(word) else ""
    if nxt == "y" or nxt == "w":
        # "ay"/"aw" before a vowel: the y/w is a consonant and carries the key letter.
        return j, ""
    if cluster in ("oui", "oue", "ouei", "ouai") and nxt:
        return j, "wy"  # French: Touil, Souedi, Houeida
    if any(c in cluster for c in _LONG_U):
        return j, "w"
    if any(c in cluster for c in _LONG_I) or "y" in cluster:
        return j, "y"
    if len(cluster) >= 2 and cluster[0] in "ie" and nxt:
        return j, "y"  # Ziad, Mariam, Yehia: i before a vowel is a glide
    rest = word[j:]
    in_last_syllable = _one_consonant(rest)
    if in_last_syllable and cluster == "i" and long_i:
        return j, "y"
    if in_last_syllable and cluster == "u" and long_u:
        return j, "w"
    return j, ""


_SPELLING_CLUSTERS = (
    ("sch", "S"), ("sh", "S"), ("ch", "S"), ("kh", "K"), ("gh", "G"), ("dh", "D"), ("th", "T"),
    ("zh", "D"), ("ph", "f"), ("dj", "j"), ("ck", "k"), ("ou", "u"), ("oo", "u"), ("ee", "i"),
    ("ei", "i"), ("ey", "i"), ("ai", "i"), ("ay", "i"), ("ie", "i"),
)  # fmt: skip
_SPELLING_SINGLE = str.maketrans(
    {"e": "a", "o": "u", "y": "i", "w": "u", "c": "k", "p": "b", "v": "f"}
)


def spelling_key(token: str) -> str:
    """The spelling with vowels in three classes (a/e, i/ee/ei/y, o/u/ou) and doubles collapsed.

    Consonants stay as written (z, d and dh apart), so Azam never matches Adham.
    """
    word = "".join(ch for ch in token if "a" <= ch <= "z")
    word = re.sub(r"(?<=[a-z])(ah|eh)$", "a", word)
    for cluster, code in _SPELLING_CLUSTERS:
        word = word.replace(cluster, code)
    return collapse(word.translate(_SPELLING_SINGLE))
