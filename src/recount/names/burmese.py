"""Burmese (Myanmar) names: the script and its romanisations into one syllable key.

A Burmese name has no family name: one to four syllables (ကျော်ကျော်, အောင်ဆန်း), written
in Burmese script without spaces or romanised syllable by syllable in many ways (Kyaw Kyaw,
Kyawkyaw; Aung San, Aung Hsan; Htun, Tun, Htoon; Thant, Thandt; Soe, So). Each syllable
is keyed as an onset and a rhyme: Burmese script through the letters, Latin through the
spellings that romanisations use for each rhyme (ay, e, ei and ai are one vowel; aw and
au; oe, o and oh; ohn, on and oun), aspiration Latin spellings drop (ht, hs, ph) folded.
An honorific in front (U, Daw, Ko, Ma, Maung/Mg; Saw and Naw for Karen names; Salai and
Mai for Chin; Sai and Nang for Shan) is no part of the name.

Zawgyi, the font encoding most Burmese text was typed in until 2019, puts Burmese letters
at other code points and in visual order (ေ and ြ before their consonant): text in it is
recognised by those signs and converted to Unicode before keying (`to_unicode`).
"""

from __future__ import annotations

import re
from functools import lru_cache

_BURMESE = re.compile("[\u1000-\u109f\uaa60-\uaa7f\ua9e0-\ua9ff]")
_CONSONANTS = "".join(chr(c) for c in range(0x1000, 0x1022))
_CONS = frozenset(_CONSONANTS)
_INDEPENDENT = {"\u1023": "i", "\u1024": "i", "\u1025": "u", "\u1026": "u", "\u1027": "e",
                "\u1029": "aw", "\u102a": "aw", "\u103f": "th"}  # fmt: skip
_ASAT, _VIRAMA, _DOT, _VISARGA = "\u103a", "\u1039", "\u1037", "\u1038"
_YA, _RA, _WA, _HA = "\u103b", "\u103c", "\u103d", "\u103e"


def has_burmese(text: str) -> bool:
    return bool(_BURMESE.search(text))


# -- Zawgyi -------------------------------------------------------------------------------
# Zawgyi code points that differ from Unicode's, as the Unicode letters they stand for
# (ya-yit ြ and ေ are typed before the consonant and moved after it by `to_unicode`).
_ZAWGYI = {
    0x1039: _ASAT, 0x103A: _YA, 0x107D: _YA, 0x103B: _RA, 0x107E: _RA, 0x107F: _RA,
    0x1080: _RA, 0x1081: _RA, 0x1082: _RA, 0x1083: _RA, 0x1084: _RA, 0x103C: _WA,
    0x103D: _HA, 0x1087: _HA, 0x108A: _WA + _HA, 0x1088: _HA + "\u102f", 0x1089: _HA + "\u1030",
    0x1033: "\u102f", 0x1034: "\u1030", 0x1094: _DOT, 0x1095: _DOT, 0x108F: "\u1014",
    0x1090: "\u101b", 0x106A: "\u1009", 0x106B: "\u100a", 0x1086: "\u103f",
    0x1064: "\u1004\u103a\u1039", 0x108B: "\u1004\u103a\u1039\u102d",
    0x108C: "\u1004\u103a\u1039\u102e", 0x108D: "\u1004\u103a\u1039\u1036",
}  # fmt: skip
_ZAWGYI.update(
    {c: _VIRAMA + chr(u) for c, u in zip(range(0x1060, 0x1064), range(0x1000, 0x1004), strict=True)}
)
_ZAWGYI.update({
    0x1065: "\u1039\u1005", 0x1066: "\u1039\u1006", 0x1067: "\u1039\u1006", 0x1068: "\u1039\u1007",
    0x1069: "\u1039\u1008", 0x106C: "\u1039\u100b", 0x106D: "\u1039\u100c", 0x1070: "\u1039\u100f",
    0x1071: "\u1039\u1010", 0x1072: "\u1039\u1010", 0x1073: "\u1039\u1011", 0x1074: "\u1039\u1011",
    0x1075: "\u1039\u1012", 0x1076: "\u1039\u1013", 0x1077: "\u1039\u1014", 0x1078: "\u1039\u1015",
    0x1079: "\u1039\u1016", 0x107A: "\u1039\u1017", 0x107B: "\u1039\u1018", 0x107C: "\u1039\u1019",
    0x1085: "\u1039\u101c", 0x106E: "\u100d\u1039\u100d", 0x106F: "\u100d\u1039\u100e",
    0x1091: "\u100f\u1039\u100d", 0x1092: "\u100b\u1039\u100c", 0x1097: "\u100b\u1039\u100b",
})  # fmt: skip
_ZAWGYI_TABLE = str.maketrans({chr(k): v for k, v in _ZAWGYI.items()})
_MARKS = "\u102b-\u103e\u1056-\u1059\u105e-\u1060\u1062-\u1064\u1067-\u106d\u1071-\u1074\u1082-\u108d\u108f\u109a-\u109d"
# Signs Unicode text never has where Zawgyi puts them: ေ or ya-yit (U+103B in Zawgyi) with no
# consonant before it, asat typed as U+1039 before a non-consonant, a vowel after U+103A (ya-pin
# in Zawgyi, asat in Unicode, which ends a syllable), and Zawgyi-only glyphs.
_ZAWGYI_SIGNS = re.compile(
    rf"(?:^|[^{_CONSONANTS}\u103b-\u103e\u1039])[\u1031\u103b]|\u1039(?![{_CONSONANTS}])"
    r"|\u103a[\u102b-\u1030\u1032]"
    r"|[\u1033\u1034\u106a\u106b\u107d-\u1097]"
)


def is_zawgyi(text: str) -> bool:
    """True when the Burmese in `text` is typed in the Zawgyi encoding."""
    return has_burmese(text) and _ZAWGYI_SIGNS.search(text) is not None


# Unicode's order of the signs after a consonant (UTN #11): stacked consonant, medials,
# ေ, the upper and lower vowels, ဲ, anusvara, dot below, asat, visarga.
_ORDER = {c: i for i, c in enumerate("\u103b\u103c\u103d\u103e\u1031\u102d\u102e\u102f\u1030\u1032\u102b\u102c\u1036\u1037\u103a\u1038")}  # fmt: skip


def to_unicode(text: str) -> str:
    """Zawgyi text in Unicode code points and order; other text as it is."""
    if not is_zawgyi(text):
        return text
    out: list[str] = []
    pre = ""  # ေ and ya-yit typed before their consonant
    for ch in text:
        if ch in ("\u1031", "\u103b", *map(chr, range(0x107E, 0x1085))):
            pre += ch.translate(_ZAWGYI_TABLE)
            continue
        out.append(ch.translate(_ZAWGYI_TABLE))
        if ch in _CONS and pre:
            out.append(pre)
            pre = ""
    return _sorted_signs("".join(out) + pre)


_SIGN_RUN = re.compile("[\u102b-\u103e]{2,}")


def _sorted_signs(text: str) -> str:
    """Runs of signs after a consonant in Unicode's order (stacks and kinzi kept in place)."""

    def order(match: re.Match) -> str:
        run = match.group(0)
        if _VIRAMA in run:
            return run
        return "".join(sorted(run, key=lambda c: _ORDER.get(c, 99)))

    return _SIGN_RUN.sub(order, text)


# -- Burmese script into syllable keys ------------------------------------------------------
_ONSET = {
    "က": "k", "ခ": "kh", "ဂ": "g", "ဃ": "g", "င": "ng", "စ": "s", "ဆ": "s", "ဇ": "z", "ဈ": "z",
    "ဉ": "ny", "ည": "ny", "ဋ": "t", "ဌ": "t", "ဍ": "d", "ဎ": "d", "ဏ": "n", "တ": "t",
    "ထ": "t", "ဒ": "d", "ဓ": "d", "န": "n", "ပ": "p", "ဖ": "p", "ဗ": "b", "ဘ": "b", "မ": "m",
    "ယ": "y", "ရ": "y", "လ": "l", "ဝ": "w", "သ": "th", "ဟ": "h", "ဠ": "l", "အ": "",
}  # fmt: skip
_FINAL = {"က": "k", "ဂ": "k", "င": "ng", "စ": "c", "ဇ": "c", "ဉ": "ny", "ည": "nyi", "ဏ": "n",
          "တ": "t", "ဋ": "t", "ဒ": "t", "န": "n", "ပ": "t", "ဗ": "t", "မ": "n", "ယ": "y",
          "လ": "n", "ဠ": "n"}  # fmt: skip
# (vowel signs, final) -> rhyme; vowel signs as a sorted string of a (ါ ာ), i (ိ ီ), u (ု ူ),
# e (ေ ဲ), and the final's class.
_RHYMES = {
    ("", ""): "a", ("a", ""): "a", ("i", ""): "i", ("u", ""): "u", ("e", ""): "e",
    ("ae", ""): "aw", ("iu", ""): "o", ("", "y"): "e", ("", "k"): "et", ("i", "k"): "eik",
    ("u", "k"): "ok", ("ae", "k"): "auk", ("iu", "k"): "aik", ("", "ng"): "in",
    ("iu", "ng"): "aing", ("ae", "ng"): "aung", ("", "c"): "it", ("", "ny"): "in",
    ("", "nyi"): "i", ("", "t"): "at", ("i", "t"): "eik", ("u", "t"): "ok", ("", "n"): "an",
    ("i", "n"): "ein", ("u", "n"): "on", ("ae", "t"): "auk", ("a", "n"): "an", ("a", "t"): "at",
}  # fmt: skip
_VOWEL_CLASS = {"\u102b": "a", "\u102c": "a", "\u102d": "i", "\u102e": "i", "\u102f": "u",
                "\u1030": "u", "\u1031": "e", "\u1032": "e"}  # fmt: skip
_NASAL_RHYMES = {"an": "ant", "in": "int", "ein": "eint", "un": "unt", "on": "ont"}
_SYLLABLE = re.compile(
    rf"([{_CONSONANTS}\u1023-\u102a\u103f])([{_MARKS}]*)"  # onset and its signs
    rf"((?:[{_CONSONANTS}]\u1037?\u103a[{_MARKS}]*)*)"  # finals (asat), kinzi
)


def _rhyme(vowels: set[str], final: str, medial_w: bool, creaky: bool, anusvara: bool) -> str:
    if anusvara and not final:
        final = "n"
    rhyme = _RHYMES.get(("".join(sorted(vowels)), final)) or ("a" if not vowels else "")
    if medial_w and rhyme in ("an", "at", "a"):
        rhyme = {"an": "un", "at": "ut", "a": "wa"}[rhyme]
    elif medial_w:
        rhyme = "w" + rhyme
    if creaky and rhyme in _NASAL_RHYMES:
        rhyme = _NASAL_RHYMES[rhyme]
    return rhyme


def _syllable_key(onset: str, signs: str, finals: str) -> str:
    if onset in _INDEPENDENT:
        start, vowels = "", {_INDEPENDENT[onset]}
        head = _INDEPENDENT[onset]
        if not finals and not any(s in _VOWEL_CLASS for s in signs):
            return head
    else:
        start = _ONSET.get(onset, "")
        vowels = {_VOWEL_CLASS[s] for s in signs if s in _VOWEL_CLASS}
    if _HA in signs:
        start = "sh" if start == "y" else "h" + start
    if _YA in signs or _RA in signs:
        start = {"kh": "ch", "hkh": "ch", "g": "gy"}.get(start, start + "y")
    final = ""
    creaky = _DOT in signs
    for ch in finals:
        if ch in _FINAL and not final:
            final = _FINAL[ch]
        creaky = creaky or ch == _DOT
    if final and onset in _INDEPENDENT:
        vowels = {"i": {"i"}, "u": {"u"}, "e": {"e"}}.get(_INDEPENDENT[onset], set())
    key = start + _rhyme(vowels, final, _WA in signs, creaky, "\u1036" in signs)
    return "e" if onset == "အ" and key == "i" else key  # အိ is written Ei


def romanise_burmese(text: str) -> str:
    """Burmese script as Latin syllable keys, space-separated; other text as it is."""
    if not has_burmese(text):
        return text
    text = _sorted_signs(to_unicode(text))
    text = text.replace("\u1004\u103a\u1039", "\u1004\u103a ")  # kinzi: a final ng
    text = re.sub(f"\u1039(?=[{_CONSONANTS}])", "\u103a ", text)  # a stack: final + onset
    out: list[str] = []
    pos = 0
    for match in _SYLLABLE.finditer(text):
        out.append(text[pos : match.start()])
        out.append(" " + _syllable_key(*match.groups()) + " ")
        pos = match.end()
    out.append(text[pos:])
    return re.sub(r"[ \t]+", " ", "".join(out)).strip()


# -- Latin romanisations into the same keys ----------------------------------------------------
_LATIN_ONSETS = {
    "": "", "k": "k", "kh": "kh", "hk": "kh", "g": "g", "ng": "ng", "s": "s", "hs": "s", "z": "z",
    "ny": "ny", "t": "t", "ht": "t", "d": "d", "n": "n", "p": "p", "ph": "p", "hp": "p", "b": "b",
    "m": "m", "y": "y", "r": "y", "l": "l", "w": "w", "th": "th", "h": "h", "sh": "sh",
    "ch": "ch", "j": "gy", "gy": "gy", "ky": "ky", "hl": "hl", "hm": "hm", "hn": "hn",
    "hny": "hny", "hng": "hng", "hw": "hw", "f": "p", "v": "b", "c": "ky", "q": "ky", "x": "s",
}  # fmt: skip
_LATIN_RHYMES = {
    "a": ["a", "ar", "ah", "aa"], "i": ["i", "ee", "ii", "y"], "u": ["u", "oo", "uu"],
    "e": ["e", "ay", "ai", "ei", "ae", "eh", "aye"],
    "aw": ["aw", "au", "awe", "aww"], "o": ["o", "oe", "oh"],
    "et": ["et", "ett", "ek", "ette"], "eik": ["eik", "eic", "ake", "eit"], "ok": ["ok", "oke", "ote", "oat"],
    "auk": ["auk", "awk", "auck"], "aik": ["aik", "ike", "aig"], "in": ["in", "inn", "yin"],
    "aing": ["aing", "ine", "aingg"], "aung": ["aung", "ong", "aungg"],
    "it": ["it", "itt", "ic", "eet"], "at": ["at", "att", "art"], "ut": ["ut", "oot", "wut"],
    "an": ["an", "ann", "am", "ang", "arn"], "ein": ["ein", "ane", "ain", "eign", "eine"],
    "on": ["on", "ohn", "oun", "one", "ohnn", "onn", "own", "oan"], "un": ["un", "oon", "unn", "wun"],
    "ant": ["ant", "andt", "and"], "int": ["int", "indt", "ind"], "eint": ["eint", "aint"],
    "unt": ["unt", "oont"], "ont": ["ont", "ohnt"],
}  # fmt: skip
_RHYME_OF = {
    spelling: rhyme for rhyme, spellings in _LATIN_RHYMES.items() for spelling in spellings
}
_ONSET_RE = "|".join(sorted((o for o in _LATIN_ONSETS if o), key=len, reverse=True))
_RHYME_RE = "|".join(sorted(_RHYME_OF, key=len, reverse=True))
_LATIN_SYLLABLE = re.compile(f"(?:{_ONSET_RE})?(?:y|w)?(?:{_RHYME_RE})")


# Spellings few romanisations use: a cut that needs them is the less likely one.
_RARE_SPELLINGS = frozenset(
    "aa ii uu y au awe aww ett ette ek eic ake oke oat awk auck ike aig itt ic eet att art "
    "ann am ang arn eign eine ohnn onn own oan ine aingg aungg ong andt indt aint "
    "ohnt oont".split()
)
_RARE = 0.5  # the cost of a syllable spelt in a rare way, against one more syllable
_VOWEL_START = 0.3  # of a syllable with no onset inside a word (mya naing, not myan aing)
_ONSET_LETTER = 0.05  # less per letter of onset: consonants start syllables (mo nwe, not mon we)


@lru_cache(maxsize=200_000)
def latin_syllables(word: str) -> tuple[str, ...] | None:
    """A folded Latin word as Burmese syllable keys (Kyawkyaw: kyaw kyaw), or None when the
    word is no sequence of Burmese syllables as romanisations spell them. Of the ways to cut
    it, the fewest syllables in common spellings (kyaw kyaw, not kyawk yaw)."""
    best: list[tuple[float, tuple[str, ...]] | None] = [None] * (len(word) + 1)
    best[len(word)] = (0.0, ())
    for start in range(len(word) - 1, -1, -1):
        for end in range(min(len(word), start + 7), start, -1):
            rest = best[end]
            piece = _latin_syllable_key(word[start:end]) if rest is not None else None
            if piece is None or rest is None:
                continue
            cost = rest[0] + piece[1]
            if start and word[start] in "aeiou":
                cost += _VOWEL_START
            if best[start] is None or cost < best[start][0]:  # type: ignore[index]
                best[start] = (cost, (piece[0], *rest[1]))
    return best[0][1] if best[0] is not None else None


@lru_cache(maxsize=100_000)
def _latin_syllable_key(piece: str) -> tuple[str, float] | None:
    """The key of one romanised syllable and the cost of reading the letters so."""
    for onset_len in range(min(3, len(piece)), -1, -1):
        onset, rest = piece[:onset_len], piece[onset_len:]
        if onset not in _LATIN_ONSETS:
            continue
        for medial in ("", "y", "w"):
            if medial and (not rest.startswith(medial) or onset.endswith(medial)):
                continue
            spelling = rest[len(medial) :]
            rhyme = _RHYME_OF.get(spelling)
            if rhyme is None or (spelling == "aye" and onset + medial):
                continue
            start = _LATIN_ONSETS[onset]
            if medial == "y":
                start = {"kh": "ch", "g": "gy"}.get(start, start + "y")
            if medial == "w":
                rhyme = {"an": "un", "at": "ut", "a": "wa"}.get(rhyme, "w" + rhyme)
            rare = spelling in _RARE_SPELLINGS or onset in ("ng", "hng")
            cost = 1 + _RARE * rare - _ONSET_LETTER * len(onset)
            return start + rhyme, cost
    return None


# Honorifics in front of a name: U, Daw, Ko, Ma, Maung (Mg), Saw and Naw (Karen), Salai and
# Mai (Chin), Sai and Nang (Shan), Khun, Mahn, Duwa (Kachin), Bo, Dr, as Latin words and as
# the syllable keys of their Burmese spellings (ဦး ဒေါ် ကို မ မောင် စော နော် ဆလိုင်း မိုင် စိုင်း နန်း).
HONORIFIC_WORDS = {
    w: w for w in "u daw ko ma maung saw naw salai mai sai nang khun mahn duwa bo dr doctor".split()
} | {"mg": "maung"}
_HONORIFICS = frozenset(
    [(w,) for w in HONORIFIC_WORDS.values()]
    + [("maing",), ("saing",), ("nan",), ("man",), ("sa", "laing"), ("du", "wa")]
)


def name_syllables(words: list[str]) -> list[str]:
    """Folded words of a name (Burmese script already romanised, a syllable a word) as
    syllable keys, honorifics in front dropped while a syllable is left, so a title in front
    never changes the key (Ko Maung Maung, Maung Maung and Mg Maung Maung all key as maung)."""
    syllables: list[str] = []
    for word in words:
        title = HONORIFIC_WORDS.get(word)
        syllables.extend((title,) if title else latin_syllables(word) or (word,))
    while len(syllables) > 1:
        if tuple(syllables[:1]) in _HONORIFICS:
            syllables = syllables[1:]
        elif len(syllables) > 2 and tuple(syllables[:2]) in _HONORIFICS:
            syllables = syllables[2:]
        else:
            break
    return syllables


# 'Name unknown' (အမည်မသိ, မသိ) as syllable keys.
_UNKNOWN = ("ma", "thi")
_NAME_WORD = ("a", "mi")


def unknown_burmese(words: list[str]) -> bool:
    """True for a name that says it is not known (အမည်မသိ: name, not known)."""
    rest = [w for w in words if w not in _NAME_WORD]
    return rest == list(_UNKNOWN)
