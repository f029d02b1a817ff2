"""Ethiopic (Ge'ez) names get keys: they were read as no name at all (unknown_name)."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from recount.names import fold_latin, split_name
from recount.names.ethiopic import ABBREVIATED, TITLES
from recount.names.keys import ARABIC_KEYS
from recount.names.parts import parts_from_fields

# Every letter of the rows of eight (consonant x vowel order), the labialised rows' letters.
_LETTERS = [chr(c) for c in range(0x1200, 0x135A) if chr(c).isalpha()]
_words = st.text(alphabet=_LETTERS, min_size=2, max_size=8)


@given(st.lists(_words, min_size=1, max_size=4))
def test_geez_folds_to_latin_letters(words):
    folded = fold_latin("፡".join(words))  # the Ethiopic word space separates words
    assert all(ch.isascii() and (ch.isalpha() or ch == " ") for ch in folded)
    assert len(folded.split()) <= len(words)


# Syllables of a consonant and a vowel other than the sixth order (bare consonant).
_syllables = st.lists(
    st.tuples(st.sampled_from("ሀለመረሰበተነከወዘየደገፈ"), st.sampled_from([0, 1, 2, 3, 4, 6])),
    min_size=2,
    max_size=4,
).map(lambda pairs: "".join(chr(ord(c) + order) for c, order in pairs))


@given(st.lists(_syllables, min_size=2, max_size=3))
@example(["ኖነ", "ኖነ"])  # romanised 'none none': a Latin unknown word, not a Ge'ez one
def test_a_geez_name_is_identifiable(words):
    parts = split_name(" ".join(words), ARABIC_KEYS)
    assert parts.identifiable and parts.key


def test_geez_and_common_romanisations_key_alike():
    # Made-up pairings of name-like words; the Latin is written as English-language lists do.
    pairs = {
        "ተስፋይ": "Tesfay",
        "ሃይለ": "Haile",
        "ኃይለ": "Hayle",  # Amharic spelling, the other h
        "ብርሃነ": "Berhane",
        "ምሕረት": "Mihret",
        "ኪዳነ": "Kidane",
        "ፍስሃ": "Fsaha",  # sixth-order s before h: not read as sh
        "ጸጋይ": "Tsegay",
        "ፀጋይ": "Tsegai",
        "ኣብርሃ": "Abreha",
        "ዮሃንስ": "Yohannes",
    }
    for geez, latin in pairs.items():
        assert split_name(geez, ARABIC_KEYS).key == split_name(latin, ARABIC_KEYS).key, latin
    assert split_name("ተስፋይ", ARABIC_KEYS).key != split_name("ኪዳነ", ARABIC_KEYS).key


_geez_name = st.lists(_syllables, min_size=2, max_size=3).map(" ".join)


@given(_geez_name, st.sampled_from(TITLES), st.sampled_from([" ", "፡", ". "]))
def test_a_title_in_front_of_a_geez_name_is_not_part_of_it(name, title, space):
    # አቶ (Mr) and ወ/ሮ (Mrs) in front of a parish list's names were read as given names
    assert split_name(title + space + name, ARABIC_KEYS).key == split_name(name, ARABIC_KEYS).key


@given(st.sampled_from(sorted(ABBREVIATED.items())), _syllables, _geez_name)
def test_an_abbreviated_geez_compound_keys_as_written_out(abbreviation, rest, before):
    letter, part = abbreviation  # ገ/መድህን for ገብረመድህን
    written_out = split_name(f"{before} {part}{rest}", ARABIC_KEYS).key
    assert split_name(f"{before} {letter}/{rest}", ARABIC_KEYS).key == written_out
    assert split_name(f"{before} {letter} / {rest}", ARABIC_KEYS).key == written_out


@given(_geez_name, _syllables, st.sampled_from(["ገብረ", "ወልደ"]))
def test_an_ethiopian_compound_written_in_two_words_keys_as_in_one(before, rest, first):
    # Gebre Medhin and Gebremedhin, ገብረ መድህን and ገብረመድህን: one name, however written
    for text in (first, fold_latin(first).title()):
        one = split_name(f"{before} {text}{rest}", ARABIC_KEYS)
        two = split_name(f"{before} {text} {rest}", ARABIC_KEYS)
        assert two.key == one.key and len(two.tokens) == len(one.tokens)


def test_gebre_alone_in_its_own_column_stays_a_name():
    parts = parts_from_fields("ለምለም", "ገብረ", "ሙሉጌታ", None, ARABIC_KEYS)
    assert [t.key for t in parts.tokens] == [
        split_name(w, ARABIC_KEYS).key for w in ("ለምለም", "ገብረ", "ሙሉጌታ")
    ]
