"""How a list writes a name: Arabic orthographic variants, Latin spellings, typos.

Independent of `recount.names` on purpose: the names stage is measured
against data written by these rules, so it must not share them.
"""

from __future__ import annotations

import re

import numpy as np

from recount.simulate.lexicon import Lexicon

HAMZA_SEATS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا"})

# Letters that are confused in handwriting and typing (dots and neighbours).
ARABIC_CONFUSIONS = {
    "ح": "خج",
    "خ": "حج",
    "ج": "حخ",
    "س": "ش",
    "ش": "س",
    "ص": "ض",
    "ض": "ص",
    "ط": "ظ",
    "ظ": "ط",
    "د": "ذ",
    "ذ": "د",
    "ر": "ز",
    "ز": "ر",
    "ع": "غ",
    "غ": "ع",
    "ف": "ق",
    "ق": "ف",
    "ت": "ثن",
    "ث": "ت",
    "ن": "ت",
    "ب": "تن",
    "ي": "ى",
    "ى": "ي",
    "ة": "ه",
    "ه": "ة",
    "و": "ؤ",
    "ا": "أ",
    "أ": "ا",
}
LATIN_NEIGHBOURS = {
    "a": "eso",
    "e": "aid",
    "i": "eou",
    "o": "uia",
    "u": "oi",
    "h": "gj",
    "k": "jq",
    "q": "kg",
    "s": "az",
    "z": "s",
    "d": "st",
    "t": "dr",
    "m": "n",
    "n": "mb",
    "r": "te",
    "l": "k",
    "b": "nv",
    "y": "ie",
    "w": "v",
    "f": "g",
    "j": "hk",
    "g": "hq",
}


def arabic_forms(lexicon: Lexicon) -> np.ndarray:
    """Array [entry, 8] of spellings; the index bits are hamza dropped, final letter varied, compound joined/article dropped."""
    forms = np.empty((len(lexicon), 8), dtype=object)
    for i, word in enumerate(lexicon.arabic):
        for bits in range(8):
            text = word
            if bits & 1:
                text = text.translate(HAMZA_SEATS)
            if bits & 2:
                text = _final_letter_variant(text)
            if bits & 4:
                if lexicon.has_article[i] and text.startswith("ال"):
                    text = text[2:]
                else:
                    text = text.replace("عبد ", "عبد")
            forms[i, bits] = text
    return forms


def _final_letter_variant(text: str) -> str:
    words = text.split(" ")
    out = []
    for w in words:
        if w.endswith("ة"):
            w = w[:-1] + "ه"
        elif w.endswith("ى"):
            w = w[:-1] + "ي"
        out.append(w)
    return " ".join(out)


def latin_spellings(lexicon: Lexicon) -> tuple[np.ndarray, np.ndarray]:
    """([entry, max spellings] array padded with the base spelling, count per entry)."""
    width = max(len(s) for s in lexicon.latin)
    table = np.empty((len(lexicon), width), dtype=object)
    counts = np.zeros(len(lexicon), dtype=int)
    for i, spellings in enumerate(lexicon.latin):
        counts[i] = len(spellings)
        for k in range(width):
            table[i, k] = spellings[k] if k < len(spellings) else spellings[0]
    return table, counts


def preferred_spellings(counts: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Each list's house spelling per name: the base spelling half the time, else another."""
    other = (rng.random(len(counts)) * counts).astype(int)
    return np.where(rng.random(len(counts)) < 0.5, 0, other)


def choose_spelling(
    codes: np.ndarray,
    preferred: np.ndarray,
    counts: np.ndarray,
    consistency: float,
    rng: np.random.Generator,
) -> np.ndarray:
    """Spelling index per record: the list's house spelling, or any spelling of the name."""
    any_spelling = (rng.random(len(codes)) * counts[codes]).astype(int)
    return np.where(rng.random(len(codes)) < consistency, preferred[codes], any_spelling)


ARTICLE_STYLES = ("al-", "Al-", "el-", "Al ", "Al", "", "AL-", "El-")


def with_article(base: str, style: str) -> str:
    """A family name with the article as one list writes it (al-Khatib, Alkhatib, ash-Shami…)."""
    if style == "sun":
        first = base[:2].lower() if base[:2].lower() in ("sh", "th", "dh") else base[:1].lower()
        arabic_sun = first in ("t", "th", "d", "dh", "r", "z", "s", "sh", "n")
        return f"a{first}-{base}" if arabic_sun else f"al-{base}"
    if style == "Al":
        return "Al" + base.lower()
    return style + base


def arabic_typo(word: str, u: float, v: float) -> str:
    """One realistic slip in Arabic script: a confused letter, a dropped or doubled one."""
    if len(word) < 2:
        return word
    position = int(u * len(word))
    letter = word[position]
    if v < 0.5 and letter in ARABIC_CONFUSIONS:
        options = ARABIC_CONFUSIONS[letter]
        return (
            word[:position]
            + options[int(v * 2 * len(options)) % len(options)]
            + word[position + 1 :]
        )
    if v < 0.8 and letter != " ":
        return word[:position] + word[position + 1 :]
    if letter != " ":
        return word[:position] + letter + word[position:]
    return word


def latin_typo(word: str, u: float, v: float) -> str:
    """One realistic slip in Latin script: a neighbouring key, a dropped, doubled or swapped letter."""
    if len(word) < 3:
        return word
    position = 1 + int(u * (len(word) - 1))
    letter = word[position]
    lower = letter.lower()
    if v < 0.4 and lower in LATIN_NEIGHBOURS:
        options = LATIN_NEIGHBOURS[lower]
        new = options[int(v * 2.5 * len(options)) % len(options)]
        return word[:position] + (new.upper() if letter.isupper() else new) + word[position + 1 :]
    if v < 0.65 and letter not in " -,":
        return word[:position] + word[position + 1 :]
    if v < 0.85 and letter not in " -,":
        return word[:position] + letter + word[position:]
    if position + 1 < len(word):
        return word[:position] + word[position + 1] + letter + word[position + 2 :]
    return word


# Romanisation systems: rewrites of a name's base (English-style) spelling, word by word, in the
# order given. They make the systematic differences real lists show between an English-, a
# French-, a German-speaking or a library cataloguer's hand (Shehadeh / Chehadé / Schehadeh /
# Shihadah), including names no lexicon lists that way.
ROMANISATION_RULES: dict[str, tuple[tuple[str, str], ...]] = {
    "english": (),
    "french": (
        (r"sh", "ch"),
        (r"(?<![o])u", "ou"),
        (r"^j", "dj"),
        (r"^w(?=[aeiou])", "ou"),
        (r"ee", "i"),
        (r"oo", "ou"),
        (r"q", "k"),
    ),
    "german": (
        (r"sh", "sch"),
        (r"^j", "dsch"),
        (r"(?<![dsc])j", "dsch"),
        (r"^y(?=[aeiou])", "j"),
        (r"ou", "u"),
        (r"oo", "u"),
        (r"ee", "i"),
        (r"kh", "ch"),
    ),
    "academic": (
        (r"ou", "u"),
        (r"oo", "u"),
        (r"ee", "i"),
        (r"ei", "ay"),
        (r"eh$", "ah"),
        (r"o", "u"),
        (r"e", "i"),
        (r"ss", "s"),
    ),
}


def romanise(base: str, system: str) -> str:
    """A name's base spelling as `system` writes it (words keep their capitalisation)."""
    if system not in ROMANISATION_RULES:
        raise ValueError(f"unknown romanisation {system!r}")
    if system == "academic":
        base = re.sub(r"\bAbdul ", "Abd al-", base)
    words = []
    for word in base.split(" "):
        pieces = []
        for piece in word.split("-"):
            lower = piece.lower()
            for pattern, replacement in ROMANISATION_RULES[system]:
                lower = re.sub(pattern, replacement, lower)
            pieces.append(lower.capitalize() if piece[:1].isupper() else lower)
        words.append("-".join(pieces))
    return " ".join(words)
