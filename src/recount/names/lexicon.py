"""The name lexicon: common Syrian names with their Arabic spelling and Latin spellings.

Rules alone cannot tell from a Latin spelling which vowels are long (Khalid is
خالد, Walid is وليد), so the spellings of common names are listed by hand
(data/name_lexicon.csv) and map to the key of their Arabic form. Names whose
plain keys coincide (عمر, عمار, عامر) get a finer key that keeps the medial
alef, and Latin spellings choose among them by the nearest listed spelling.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

from recount.names.arabic import normalize_arabic
from recount.names.compounds import arabic_compound_key
from recount.names.latin import fold_latin
from recount.names.phonetic import spelling_key
from recount.names.romanise import collapse, romanize

LEXICON_FILE = "name_lexicon.csv"


@dataclass(frozen=True)
class Lexicon:
    arabic: dict[str, str]  # normalised Arabic (no spaces) -> key
    latin: dict[str, str]  # folded Latin (no spaces or hyphens) -> key
    spelling: dict[str, str]  # spelling key -> key, only where one name has it
    patterns: dict[str, list[tuple[str, str]]]  # consonant skeleton -> [(vowel pattern, key)]
    groups: dict[str, list[tuple[str, list[str]]]]  # plain key -> [(fine key, spelling keys)]


class _RuleArabic:
    """Part keys from the letters alone (first pass of building the lexicon)."""

    def __init__(self, keep_alef: bool = False):
        self.keep_alef = keep_alef

    def key(self, word: str) -> str:
        return romanize(word, keep_alef=self.keep_alef)

    def known(self, word: str) -> bool:
        return False


class _ListedArabic:
    """Part keys from the first pass, so عبد الجبار is built from the key of جبار as listed."""

    def __init__(self, keys: dict[str, str]):
        self.keys = keys

    def key(self, word: str) -> str:
        return self.keys.get(compact(normalize_arabic(word))) or romanize(word)

    def known(self, word: str) -> bool:
        return compact(normalize_arabic(word)) in self.keys


def compact(text: str) -> str:
    return "".join(text.split()).replace("-", "")


def _rows() -> list[tuple[str, list[str], list[str]]]:
    text = (
        resources.files("recount.names").joinpath("data").joinpath(LEXICON_FILE).read_text("utf-8")
    )
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    rows = []
    for row in csv.DictReader(lines):
        latin = [v.strip() for v in (row["latin"] or "").split("|") if v.strip()]
        variants = [v.strip() for v in (row["arabic_variants"] or "").split("|") if v.strip()]
        rows.append((row["arabic"].strip(), latin, variants))
    return rows


@cache
def load_lexicon() -> Lexicon:
    """The lexicon, built once per process."""
    merged: dict[str, tuple[str, list[str], list[str]]] = {}
    for arabic, latin, variants in _rows():
        norm = compact(normalize_arabic(arabic))
        if norm in merged:
            merged[norm][1].extend(latin)
            merged[norm][2].extend(variants)
        else:
            merged[norm] = (arabic, list(latin), list(variants))
    # Pass 1: letter keys; names whose keys coincide keep their medial alef.
    plain = {norm: arabic_compound_key(entry[0], _RuleArabic()) for norm, entry in merged.items()}
    counts: dict[str, int] = {}
    for key in plain.values():
        counts[key] = counts.get(key, 0) + 1
    first = {
        norm: arabic_compound_key(merged[norm][0], _RuleArabic(keep_alef=True))
        if counts[key] > 1
        else key
        for norm, key in plain.items()
    }
    # Pass 2: compounds from their listed parts.
    listed = _ListedArabic(first)
    keys = {
        norm: arabic_compound_key(entry[0], listed) if " " in entry[0] else first[norm]
        for norm, entry in merged.items()
    }
    arabic: dict[str, str] = {}
    latin: dict[str, str] = {}
    spelling_owners: dict[str, set[str]] = {}
    patterns: dict[str, list[tuple[str, str]]] = {}
    groups: dict[str, list[tuple[str, list[str]]]] = {}
    for norm, (canonical, spellings, variants) in merged.items():
        key = keys[norm]
        for form in (canonical, *variants):
            arabic.setdefault(compact(normalize_arabic(form)), key)
        folded = [compact(fold_latin(s)) for s in spellings]
        for form in folded:
            latin.setdefault(form, key)
            spelling_owners.setdefault(spelling_key(form), set()).add(key)
            skeleton, pattern = vowel_pattern(form)
            patterns.setdefault(skeleton, []).append((pattern, key))
        if counts[plain[norm]] > 1:
            groups.setdefault(plain[norm], []).append((key, [spelling_key(f) for f in folded]))
    spelling = {
        sk: next(iter(owners)) for sk, owners in spelling_owners.items() if len(owners) == 1
    }
    return Lexicon(arabic, latin, spelling, patterns, groups)


_PATTERN_CLUSTERS = (
    ("sch", "S"), ("sh", "S"), ("ch", "S"), ("kh", "K"), ("gh", "G"), ("dh", "D"), ("th", "T"),
    ("ou", "U"), ("oo", "U"), ("ee", "I"), ("ei", "I"), ("ey", "I"), ("ai", "I"), ("ay", "I"),
    ("ie", "I"), ("a", "A"), ("e", "E"), ("i", "I"), ("o", "U"), ("u", "U"),
)  # fmt: skip


def vowel_pattern(word: str) -> tuple[str, str]:
    """(consonant skeleton, vowel classes) of a folded Latin word, doubles collapsed.

    The vowel classes are A (a), E (e), I (i, ee, ei, ai, ay), U (o, u, ou).
    """
    for cluster, code in _PATTERN_CLUSTERS:
        word = word.replace(cluster, code)
    word = collapse(word)
    skeleton = "".join(c for c in word if c not in "AEIU")
    vowels = "".join(c if c in "AEIU" else "." for c in word)
    return skeleton, vowels


def compatible_key(lexicon: Lexicon, word: str) -> str | None:
    """The key of the one listed name this spelling could be, reading e as a or i (Khatteb, Hariry)."""
    skeleton, pattern = vowel_pattern(word)
    keys = {
        key for listed, key in lexicon.patterns.get(skeleton, ()) if _vowels_agree(pattern, listed)
    }
    return keys.pop() if len(keys) == 1 else None


def _vowels_agree(a: str, b: str) -> bool:
    if len(a) != len(b):
        return False
    return all(x == y or {x, y} in ({"E", "A"}, {"E", "I"}) for x, y in zip(a, b, strict=True))


def nearest_in_group(lexicon: Lexicon, plain_key: str, word: str) -> str | None:
    """For a Latin word whose plain key several names share, the name with the nearest spelling."""
    members = lexicon.groups.get(plain_key)
    if not members:
        return None
    target = spelling_key(word)
    best = min(members, key=lambda m: min((_distance(target, s) for s in m[1]), default=99))
    return best[0]


def _distance(a: str, b: str) -> int:
    """Levenshtein distance (short strings)."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]
