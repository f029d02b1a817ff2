"""Cyrillic names (Ukrainian, Russian) get keys: they were read as no name at all."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from recount.names import fold_latin, split_name

UKRAINIAN = "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя"
RUSSIAN_ONLY = "ыэёъ"
_words = st.text(alphabet=UKRAINIAN + RUSSIAN_ONLY, min_size=2, max_size=12)


@given(st.lists(_words, min_size=1, max_size=4), st.booleans())
def test_cyrillic_folds_to_latin_letters_in_either_case(words, title):
    text = " ".join(w.title() if title else w.upper() for w in words)
    folded = fold_latin(text)
    assert folded
    assert folded == fold_latin(text.lower()) == fold_latin(unicodedata.normalize("NFD", text))
    assert all(ch.isascii() and (ch.isalpha() or ch in " -") for ch in folded)


# Two to four syllables of a consonant and a vowel: letters a name has (not ь or ъ alone) and
# no particle (да, де read as da, de).
_syllables = st.lists(
    st.tuples(st.sampled_from("бвгґджзклмнпрстфхцчшщ"), st.sampled_from("аеиоуяюієї")),
    min_size=2,
    max_size=4,
).map(lambda pairs: "".join(c + v for c, v in pairs))


@given(st.lists(_syllables, min_size=2, max_size=3))
def test_a_cyrillic_name_is_identifiable(words):
    parts = split_name(" ".join(w.title() for w in words))
    assert parts.identifiable
    assert parts.key


def test_cyrillic_and_passport_spellings_fold_alike():
    # Made-up words; the Latin is Ukraine's national romanisation as passports print it.
    pairs = {
        "Гаврищук": "havryshchuk",
        "Ярина Євченко": "yaryna yevchenko",
        "Юхимович": "yukhymovych",
        "Зіньківська": "zinkivska",
        "Кир'ятенко": "kyriatenko",
        "Йосипчук": "yosypchuk",
        "Лещенюк": "leshcheniuk",
    }
    for cyrillic, latin in pairs.items():
        assert fold_latin(cyrillic) == latin
        assert split_name(cyrillic).key == split_name(latin.title()).key


@given(_syllables, st.sampled_from(["м.", "смт", "с.", "г.", "пгт", "село", "місто", "город"]))
def test_a_settlements_kind_in_cyrillic_is_not_part_of_its_place_key(name, kind):
    """Without a pack, 'м. Буча', 'смт Гостомель', 'г. Харьков' key as the settlement alone, as
    'Axum Town' does as 'Axum'; a Latin word that could be the abbreviation is kept."""
    from recount.names.places import resolve_place

    bare = resolve_place(name.title()).place_key
    assert bare
    assert resolve_place(f"{kind} {name.title()}").place_key == bare
    assert resolve_place(f"{kind} {name.title()}, Київська обл.").place_key == bare
    assert resolve_place(f"S. {fold_latin(name).title()}").place_key != bare
