"""Cross-script keys of single name tokens: lexicon first, then the letter rules."""

from __future__ import annotations

import re
from functools import lru_cache

from recount.names.arabic import has_arabic, normalize_arabic
from recount.names.compounds import arabic_compound_key, latin_compound_key
from recount.names.latin import fold_latin
from recount.names.lexicon import compact, compatible_key, load_lexicon, nearest_in_group
from recount.names.phonetic import phonetic_key, spelling_key
from recount.names.romanise import collapse, romanize
from recount.settings.names import LATIN_KEYS

# How Latin-script tokens are keyed. Arabic script is always romanised into the
# cross-script key space; Latin spellings of Arabic names (Mohammad, Muhammad)
# need that key space too, but other Latin names must keep their letters: the
# transliteration key would make Peter and Potter one name.
# [names] latin_keys (recount.settings.names.LATIN_KEYS):
# auto: per name, Arabic keys for names of Arabic origin, spelling keys otherwise;
# arabic: Latin tokens keyed as transliterations of Arabic;
# spelling: Latin tokens keyed by their folded spelling.
# ethiopic: Latin names and romanised Ge'ez keyed as Ethiopian and Eritrean names
# (recount.names.ethiopian), the vowel orders' spellings alike; auto takes it for a
# workspace whose lists write names in Ge'ez.
AUTO_KEYS, ARABIC_KEYS, SPELLING_KEYS, ETHIOPIC_KEYS = LATIN_KEYS
# Burmese names (recount.names.burmese): syllables keyed by onset and rhyme, honorifics
# dropped; for names in Burmese script, and every Latin name of a workspace whose lists
# write names in it.
BURMESE_KEYS = "burmese"
# East Slavic names (Ukrainian, Russian): Latin names keyed by their spelling through the
# romanisation rewrites, name forms and patronymic endings the Cyrillic pack declares
# (`recount.names.equivalents.keying`), for a workspace whose lists write names in Cyrillic.
CYRILLIC_KEYS = "cyrillic"
# Share of a workspace's names written in a script (Arabic, Burmese, Ge'ez, Cyrillic) from
# which `auto` reads every Latin name of it as a romanisation from that script (lists of one
# population written in both), not only those the name lexicon recognises; the link
# preset follows the same share.
SCRIPT_SHARE = 0.02


class ArabicWords:
    """Keys simple Arabic words: the lexicon's key, else the romanised letters."""

    def key(self, word: str) -> str:
        return arabic_word_key(word)

    def known(self, word: str) -> bool:
        return compact(normalize_arabic(word)) in load_lexicon().arabic


class LatinWords:
    """Keys simple folded Latin words: a listed spelling, else the phonetic rules."""

    def key(self, word: str) -> str:
        return latin_word_key(word)

    def known(self, word: str) -> bool:
        lexicon = load_lexicon()
        return word in lexicon.latin or spelling_key(word) in lexicon.spelling


_ARABIC = ArabicWords()
_LATIN = LatinWords()


@lru_cache(maxsize=200_000)
def arabic_word_key(word: str) -> str:
    lexicon = load_lexicon()
    listed = lexicon.arabic.get(compact(normalize_arabic(word)))
    if listed is not None:
        return listed
    plain = romanize(word)
    if plain in lexicon.groups:
        rich = romanize(word, keep_alef=True)
        if any(rich == member for member, _ in lexicon.groups[plain]):
            return rich
    return plain


# A g that is no part of gh (غ), dj or ng.
_G_FOR_Q = re.compile(r"(?<![dn])g(?!h)")


@lru_cache(maxsize=200_000)
def latin_word_key(word: str) -> str:
    lexicon = load_lexicon()
    listed = lexicon.latin.get(word) or lexicon.spelling.get(spelling_key(word))
    if listed is not None:
        return listed
    if word.startswith("h") and word[1:2] not in ("", "h"):
        # kh written as h (Haled, Hadija): only for names the lexicon knows.
        listed = lexicon.latin.get("k" + word) or lexicon.spelling.get(spelling_key("k" + word))
        if listed is not None:
            return listed
    listed = _listed_with_g_for_q(word)
    if listed is not None:
        return listed
    listed = compatible_key(lexicon, word)
    if listed is not None:
        return listed
    plain = phonetic_key(word)
    return nearest_in_group(lexicon, plain, word) or plain


@lru_cache(maxsize=500_000)
def token_key(token: str) -> str:
    """Key of one name token in either script (a compound such as 'Abd al-Rahman' is one token)."""
    if has_arabic(token):
        listed = load_lexicon().arabic.get(compact(normalize_arabic(token)))
        return listed if listed is not None else arabic_compound_key(token, _ARABIC)
    folded = fold_latin(token)
    if not folded:
        return ""
    whole = compact(folded)
    lexicon = load_lexicon()
    # a compound the lexicon lists by its spelling ('Abdoul Nasser') takes the listed key,
    # as a single word does: composing it from its parts gave ebdnasr where the list has ebdnsr
    listed = lexicon.latin.get(whole) or lexicon.spelling.get(spelling_key(whole))
    if listed is not None:
        return listed
    listed = _listed_with_g_for_q(whole)  # Abd al-Gadir as listed Abd al-Qadir
    if listed is not None:
        return listed
    return latin_compound_key(folded, _LATIN)


def _listed_with_g_for_q(word: str) -> str | None:
    """The key of a listed name written with g for q, as ق is said in Sudan, Yemen, the Gulf
    and Upper Egypt (Yagoub, Tarig, Abd al-Gadir); None for a name the lexicon does not know
    that way (only listed names: Gamal is جمال, and an unlisted g keeps its letter)."""
    as_q = _G_FOR_Q.sub("q", word)
    if as_q == word or phonetic_key(word) in _listed_keys():
        return None  # Gasem is جاسم as well as قاسم: the letters decide, as before
    lexicon = load_lexicon()
    return lexicon.latin.get(as_q) or lexicon.spelling.get(spelling_key(as_q))


@lru_cache(maxsize=1)
def _listed_keys() -> frozenset[str]:
    lexicon = load_lexicon()
    return frozenset(lexicon.latin.values()) | frozenset(lexicon.arabic.values())


@lru_cache(maxsize=200_000)
def spelling_token_key(token: str) -> str:
    """Key of a Latin token by its spelling: folded letters, a doubled letter counted once.

    Allen and Alen agree; Peter and Potter do not (spelling differences beyond
    these are for the link stage's string similarity).
    """
    return collapse("".join(ch for ch in fold_latin(token) if "a" <= ch <= "z"))


@lru_cache(maxsize=200_000)
def listed_token(text: str) -> bool:
    """True when the name lexicon lists this token (a known name: two listed names that
    differ are different names, however alike their keys, e.g. Ahmad and Muhammad)."""
    return token_key_source(text) == "lexicon"


def token_key_source(token: str) -> str:
    """Where a token's key came from: 'lexicon' or 'rules' (for --explain)."""
    lexicon = load_lexicon()
    if has_arabic(token):
        return "lexicon" if compact(normalize_arabic(token)) in lexicon.arabic else "rules"
    whole = compact(fold_latin(token))
    if whole in lexicon.latin or spelling_key(whole) in lexicon.spelling:
        return "lexicon"
    return "rules"
