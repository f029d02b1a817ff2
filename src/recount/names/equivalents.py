"""A country pack's name equivalents: one name in another language's form or romanisation.

Lists of Ukraine's dead name one man Олександр, Александр, Oleksandr and Aleksandr, and his
father's name Олександрович or Aleksandrovich. The pack declares, as data, the letter
rewrites that bridge romanisation systems (`[names] spelling`: h/g, y/i), the given names that
differ between languages (`[names.equivalents]`: Nikolai -> Mykola) and the patronymic
endings (`[names.patronymics]`). A name word is keyed by its canonical form, so blocking,
comparisons and the cluster guards all see one name. A pack without them changes nothing.

Spanish lists name one woman Guadalupe and Lupe, one man de la Cruz and Delacruz: a pack
whose names are written in Latin script keys a nickname it lists (`[names.nicknames]`) as the
given name it stands for, and its particles (`[names] particles`: de, del, de la) with the
word they belong to, as a list that writes them joined does.

Lists of one country in two languages name one man Jean and Yohana: the user declares such
groups in recount.toml (`[names] equivalents`), merged with the pack's (`with_declared`); a
declared word is keyed as its group however its name is keyed otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache

from recount.names.keys import CYRILLIC_KEYS, SPELLING_KEYS
from recount.names.latin import fold_latin
from recount.names.romanise import collapse
from recount.reference import CountryPack, available_packs, country_pack

# Letters a patronymic's stem drops or changes from the father's name (Mykola -> Mykolaiovych,
# Nikolai -> Nikolaevich, Dmytro -> Dmytrovych, Aleksei -> Alekseevich): tried in this order.
_STEM_ENDS = ("", "i", "o", "a", "ei")


@dataclass(frozen=True, eq=False)
class NameEquivalents:
    """Folds name words to one canonical form. Compared by identity: one per pack."""

    rewrites: tuple[tuple[re.Pattern[str], str], ...] = ()
    canonical: dict[str, str] = field(default_factory=dict)  # folded variant -> folded canonical
    male: tuple[str, ...] = ()  # patronymic endings, folded; the first is the one keys use
    female: tuple[str, ...] = ()
    particles: frozenset[str] = frozenset()  # folded words keyed with the word after them
    married: tuple[str, ...] = ()  # the particle run before a husband's surname, folded
    declared: frozenset[str] = frozenset()  # folded words of the user's groups

    def __bool__(self) -> bool:
        return bool(self.rewrites or self.canonical or self.male or self.female or self.particles)

    def join_particles(
        self, words: list[str], married_after: int | None = 2
    ) -> list[tuple[str, bool]]:
        """Folded name words with each run of particles joined to the word after it ('de la
        hoz' -> 'delahoz', as 'Delahoz' is written); particles with no word after them stay as
        they are (the caller drops them). Each word comes with whether it is a husband's
        surname: the last word, after the pack's `married` particles and at least
        `married_after` words (a whole name: given name and surname; a family name field: one
        surname; None: never)."""
        if not self.particles:
            return [(word, False) for word in words]
        joined: list[tuple[str, bool]] = []
        run: list[str] = []
        for position, word in enumerate(words):
            if word in self.particles:
                run.append(word)
                continue
            married = (
                married_after is not None
                and position == len(words) - 1
                and " ".join(run) in self.married
                and len(joined) >= married_after
            )
            joined.append(("".join(run) + word, married))
            run = []
        return joined + [(word, False) for word in run]

    def fold(self, word: str) -> str:
        """The word's letters (a folded name word) through the rewrites, doubled letters once."""
        letters = "".join(ch for ch in fold_latin(word) if "a" <= ch <= "z")
        for pattern, into in self.rewrites:
            letters = pattern.sub(into, letters)
        return collapse(letters)

    def key(self, word: str) -> tuple[str, bool]:
        """Key of a folded name word, and whether it is a patronymic (by its ending)."""
        folded = self.fold(word)
        if folded in self.canonical:
            return self.canonical[folded], False
        for endings in (self.male, self.female):
            for ending in sorted(endings, key=len, reverse=True):
                if folded.endswith(ending) and len(folded) > len(ending) + 1:
                    stem = folded[: -len(ending)]
                    return collapse(self._father(stem) + endings[0]), True
        return folded, False

    def _father(self, stem: str) -> str:
        """The father's given name a patronymic's stem stands for (canonical), else the stem
        without a final i (Yuriiovych and Yurevich: yur)."""
        trimmed = stem[:-1] if stem.endswith("i") else stem
        for candidate in (stem, trimmed, *(stem + end for end in _STEM_ENDS[1:])):
            if candidate in self.canonical:
                return self.canonical[candidate]
        return trimmed


NO_EQUIVALENTS = NameEquivalents()


@cache
def name_equivalents(pack: CountryPack) -> NameEquivalents:
    """The pack's equivalents, folded once (NO_EQUIVALENTS for a pack that declares none)."""
    names = pack.names
    latin_only = names.scripts == ("latin",)
    nicknames = names.nicknames if latin_only else {}
    particles = frozenset(fold_latin(p) for p in names.particles) if latin_only else frozenset()
    particles = frozenset(word for p in particles for word in p.split())
    married = tuple(fold_latin(p) for p in names.married) if particles else ()
    if not (names.spelling or names.equivalents or names.patronymics or nicknames or particles):
        return NO_EQUIVALENTS
    rewrites = tuple((re.compile(pattern), into) for pattern, into in names.spelling)
    plain = NameEquivalents(rewrites)
    canonical: dict[str, str] = {}
    for variant, name in (*names.equivalents.items(), *nicknames.items()):
        canonical[plain.fold(name)] = plain.fold(name)
        canonical[plain.fold(variant)] = plain.fold(name)
    ends = {
        sex: tuple(plain.fold(e) for e in names.patronymics.get(sex, ()))
        for sex in ("male", "female")
    }
    return NameEquivalents(rewrites, canonical, ends["male"], ends["female"], particles, married)


@cache
def with_declared(
    equivalents: NameEquivalents, groups: tuple[tuple[str, ...], ...]
) -> NameEquivalents:
    """`equivalents` with the user's `groups` of names that are one name: each group, and the
    pack's names it reaches, keyed as one (the first name the pack knows, else its first)."""
    if not groups:
        return equivalents
    canonical = dict(equivalents.canonical)
    declared: set[str] = set()
    for group in groups:
        words = [equivalents.fold(name) for name in group]
        declared.update(words)
        olds = {canonical.get(word, word) for word in words}
        into = next((canonical[w] for w in words if w in canonical), words[0])
        for variant, name in list(canonical.items()):
            if name in olds:
                canonical[variant] = into
        canonical.update(dict.fromkeys(words, into))
    return replace(equivalents, canonical=canonical, declared=frozenset(declared))


def keying(
    style: str, pack: CountryPack, declared: tuple[tuple[str, ...], ...] = ()
) -> tuple[str, NameEquivalents]:
    """How tokens are keyed in a workspace of `pack` whose names `style` describes. A workspace
    of Cyrillic names (`CYRILLIC_KEYS`) keys its Latin names by their spelling and, where its
    pack declares no equivalents (none chosen), through those of the pack recount ships whose
    names are written in Cyrillic: the same name in Ukrainian and Russian forms and in every
    romanisation (Олександр, Александр, Oleksandr, Olexandr, Aleksandr) is one name whichever
    country the lists come from, while places stay unmapped until a pack is chosen. The user's
    `declared` groups (`[names] equivalents`) are merged in."""
    equivalents = name_equivalents(pack)
    if style == CYRILLIC_KEYS:
        style, equivalents = SPELLING_KEYS, equivalents or _cyrillic_equivalents()
    return style, with_declared(equivalents, declared)


@cache
def _cyrillic_equivalents() -> NameEquivalents:
    for code in available_packs():
        if "cyrillic" in country_pack(code).names.scripts:
            return name_equivalents(country_pack(code))
    return NO_EQUIVALENTS
