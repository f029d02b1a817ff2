"""The country pack's nicknames as name keys, for the cluster guards.

A list that writes a nickname (Pacho for Francisco, Chucho for Jesús) names the
same given name as one that writes it in full: the given-name guard must not
take the two for different people. The pack declares the nicknames
(`[names.nicknames]`); they are keyed here as the names stage keys a token, in
each of its styles (which one a workspace used is the names stage's setting)
and through the pack's name equivalents, as the names stage applies them.
"""

from __future__ import annotations

from recount.names import split_name
from recount.names.equivalents import NameEquivalents, name_equivalents
from recount.reference import CountryPack
from recount.settings.names import LATIN_KEYS


def nickname_keys(pack: CountryPack) -> dict[str, str]:
    """Token key of each nickname -> token key of the given name it stands for."""
    aliases: dict[str, str] = {}
    equivalents = name_equivalents(pack)
    for nickname, name in sorted(pack.names.nicknames.items()):
        for style in LATIN_KEYS:
            short, full = _key(nickname, style, equivalents), _key(name, style, equivalents)
            if short and full and short != full:
                aliases[short] = full
    return aliases


def _key(word: str, style: str, equivalents: NameEquivalents) -> str | None:
    tokens = split_name(word, style, equivalents).tokens
    return tokens[0].key if len(tokens) == 1 else None
