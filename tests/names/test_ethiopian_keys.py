"""Ethiopian and Eritrean names: one key for the Latin spellings of one Ge'ez name, in a
workspace whose lists write names in Ge'ez, and nothing of it anywhere else.

On Tigray-like lists 23% of the Latin spellings keyed apart from their Ge'ez name (the
transliteration key of Arabic names read Azieb's ie and Tesfaye's -ye as long vowels), a list
writing two names read the father's as a family name, and G/Medhin lost its Gebre."""

from __future__ import annotations

import pandas as pd
from hypothesis import assume, given
from hypothesis import strategies as st

from recount.link.model import preset_for
from recount.names import explain_key, split_name
from recount.names.ethiopian import ethiopian_key
from recount.names.keys import ARABIC_KEYS, AUTO_KEYS, ETHIOPIC_KEYS
from recount.names.parts import parts_from_fields
from recount.names.workspace import (
    key_style_setting,
    normalize_records,
    workspace_key_style,
    workspace_name_style,
)
from recount.settings import NAME_PARTS
from recount.workspace import Workspace

# Latin name-like words: consonant + vowel syllables, Ethiopian consonants, ending in a consonant.
_CONSONANTS = st.sampled_from(["b", "d", "f", "g", "k", "l", "m", "n", "r", "s", "t", "z", "ts"])
_syllable = st.tuples(_CONSONANTS, st.sampled_from("aeiou"))
_stem = st.lists(_syllable, min_size=1, max_size=3).map(
    lambda pairs: "".join(c + v for c, v in pairs)
)
# two syllables and more: no Arabic particle (ben, abu, al) among them
_word = st.tuples(_syllable, _stem, _CONSONANTS).map(lambda t: "".join(t[0]) + t[1] + t[2])


def key(text: str) -> str:
    return split_name(text, ETHIOPIC_KEYS).key


@given(_stem, _CONSONANTS, st.sampled_from(["e", "i", ""]), _CONSONANTS)
def test_the_sixth_order_vowel_however_written_keys_alike(stem, c1, vowel, c2):
    # Berhane, Birhane, Brhane: a bare consonant written with e, i or nothing (two letters
    # that meet as one, t and z as tz, are another spelling)
    assume(ethiopian_key(c1 + c2) == ethiopian_key(c1) + ethiopian_key(c2))
    assert key(f"{stem}{c1}{vowel}{c2}a") == key(f"{stem}{c1}e{c2}a")


@given(_stem, _CONSONANTS, st.sampled_from(["", "n", "r", "b"]))
def test_e_written_ie_keys_as_e(stem, consonant, end):
    # Azieb and Azeb, Kidanie and Kidane, Selassie and Selase
    assume(key(f"{stem}{consonant}e{end}"))  # not a word read as no name ('none', 'late')
    assert key(f"{stem}{consonant}ie{end}") == key(f"{stem}{consonant}e{end}")


@given(_stem, st.sampled_from(["ay", "ai", "aye", "ey", "ei"]))
def test_a_final_y_however_written_keys_alike(stem, ending):
    # Tesfay, Tesfai, Tesfaye; Gidey, Gidei
    plain = "ay" if ending.startswith("a") else "ey"
    assert key(stem + ending) == key(stem + plain)


@given(_word, st.sampled_from(["u", "a"]))
def test_related_names_that_differ_in_the_final_vowel_stay_apart(word, other):
    # Haile and Hailu, Gebre and Gebru, Bekele and Bikila are different names
    assert key(word + "e") != key(word + other)


@given(st.lists(_word, min_size=2, max_size=3).map(" ".join))
def test_doubled_letters_and_italian_spellings_key_alike(name):
    doubled = " ".join(w[0] + w[1:].replace("s", "ss") for w in name.split())
    italian = name.replace("k", "c").replace("ga", "gha")  # Tecle, Ghebre
    assert key(doubled) == key(name) == key(italian)


def test_geez_and_the_spellings_of_ethiopian_lists_key_alike():
    # Made-up pairings of name-like words with spellings as Ethiopian and Eritrean lists write
    # them: the vowel orders as e/ie/ye, y as i, Italian c and gh, dh in Medhin (ድህ), እ's onset.
    pairs = {
        "ተስፋዬ": ["Tesfaye", "Tesfay", "Tesfai"],
        "ኣዜብ": ["Azeb", "Azieb"],
        "ገብረስላሴ": ["Gebreselassie", "Gebre Selassie", "Ghebreslase"],
        "ገብረመድህን": ["Gebremedhin", "Gebre Medhin", "G/Medhin", "G/ Medhin"],
        "ግደይ": ["Gidey", "Guidey", "Gidei"],
        "ጎይቶም": ["Goitom", "Goytom"],
        "ተኽለ": ["Tekle", "Tecle"],
        "እዮብ": ["Eyob", "Iyob"],
        "ሃይለማርያም": ["Hailemariam", "Haylemaryam", "Haile Mariam", "ሃይለ ማርያም"],
        "ኪዳነ ማርያም": ["Kidanemariam", "Kidane Mariam"],
        "ፍረወይኒ": ["Freweini", "Fireweyni"],
        "ሕይወት": ["Hiwet", "Hiwot"],
        "ቅዱስ": ["Kidus", "Qidus"],
        "በርሀ": ["Berhe", "Berha", "Berhie"],
    }
    for geez, spellings in pairs.items():
        for latin in spellings:
            assert key(latin) == key(geez), latin
    assert key("ኃይሉ") != key("ኃይለ")  # Hailu, Haile
    # a father named Mikael or Giyorgis is a name of his own: Haile, son of Giyorgis
    assert len(split_name("Haile Giyorgis", ETHIOPIC_KEYS).tokens) == 2


@given(st.lists(_word, min_size=2, max_size=2).map(" ".join))
def test_latin_g_and_w_abbreviations_are_written_out_only_for_ethiopic_names(rest):
    given_name, father = rest.split()
    for letter, part in (("G", "Gebre"), ("W", "Wolde")):
        expanded = split_name(f"{given_name} {part}{father}", ETHIOPIC_KEYS)
        for written in (f"{letter}/{father}", f"{letter.lower()} / {father.title()}"):
            parts = split_name(f"{given_name} {written}", ETHIOPIC_KEYS)
            assert parts.key == expanded.key and parts.father == expanded.father
        # anywhere else G/ is no Gebre: the letter is an initial, as before
        assert (
            split_name(f"{given_name} {letter}/{father}", AUTO_KEYS).key
            == split_name(f"{given_name} {letter}. {father}", AUTO_KEYS).key
        )
    assert key(f"W/ro {rest}") == key(f"Ato {rest}") == key(rest)  # Mrs, Mr


@given(st.lists(_word, min_size=3, max_size=3))
def test_ethiopian_names_are_given_fathers_and_grandfathers(words):
    # no family name: a list writing two names gives the father's as the second
    two, three = split_name(" ".join(words[:2]), ETHIOPIC_KEYS), key(" ".join(words))
    assert two.father is not None and two.family is None
    full = split_name(" ".join(words), ETHIOPIC_KEYS)
    assert (full.father, full.grandfather, full.family) == (two.father, full.grandfather, None)
    assert full.key == three
    fields = parts_from_fields(words[0], words[1], words[2], None, ETHIOPIC_KEYS)
    assert [fields.given.key, fields.father.key, fields.grandfather.key] == full.key.split()
    # a Syrian or Colombian name of two words is still given + family
    assert split_name(" ".join(words[:2]), ARABIC_KEYS).family is not None
    assert split_name(" ".join(words[:2]), AUTO_KEYS).family is not None


_other_scripts = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs",), blacklist_characters=[chr(c) for c in range(0x1200, 0x1380)]
    ),
    min_size=1,
    max_size=12,
)


@given(st.lists(_other_scripts, min_size=1, max_size=30))
def test_no_names_in_geez_no_ethiopic_keys(names):
    frame = pd.DataFrame({"name": names, **{part: [None] * len(names) for part in NAME_PARTS}})
    assert workspace_key_style(frame) != ETHIOPIC_KEYS


def test_a_workspace_of_geez_names_takes_ethiopic_keys_and_the_cross_script_preset():
    names = ["ተስፋይ ሃይለ", "Tesfaye Haile", "Mary Smith"]
    frame = pd.DataFrame({"name": names, **{part: [None] * 3 for part in NAME_PARTS}})
    assert workspace_key_style(frame) == ETHIOPIC_KEYS
    assert workspace_key_style(frame.iloc[1:]) == AUTO_KEYS
    assert workspace_key_style(frame.assign(name=["محمد علي", *names[1:]])) == ARABIC_KEYS
    assert preset_for("auto", 0.0, ethiopic=True).name == "arabic"
    assert preset_for("auto", 0.0).name == "latin"
    assert preset_for("latin", 0.0, ethiopic=True).name == "latin"
    assert ethiopian_key("") == ""


def test_explain_says_a_geez_name_is_keyed_as_an_ethiopian_name():
    steps = {step.step: step.detail for step in explain_key("ተስፋይ ሃይለ", style=ETHIOPIC_KEYS)}
    assert steps["script"] == "ethiopic"
    assert steps["token"].endswith("[Ethiopian name]")
    assert steps["key"] == key("Tesfaye Haile")


def test_a_user_keys_a_latin_only_list_of_ethiopian_names_so(tmp_path):
    # A diaspora list in Latin letters only shows nothing Ethiopian: the user says it is.
    ws = Workspace.init(tmp_path / "ws")
    text = ws.config_path.read_text(encoding="utf-8")
    ws.config_path.write_text(text.replace("[names]\n", '[names]\nlatin_keys = "ethiopic"\n'))
    ws.reload_config()
    assert workspace_name_style(ws) == ETHIOPIC_KEYS
    records = pd.DataFrame(
        {
            "record_id": ["1", "2"],
            "source_id": ["a", "b"],
            "name": ["Tesfaye Gebru", "Tesfai Gebrou Hagos"],
        }
    )
    for style, same_father in (
        (key_style_setting(ws.config.names.latin_keys), True),
        (AUTO_KEYS, False),
    ):
        table = normalize_records(records, key_style=style).to_pandas()
        assert (table["father_key"].iloc[0] == table["father_key"].iloc[1]) is same_father
        assert (table["given_key"].nunique() == 1) is same_father
