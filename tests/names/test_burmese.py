"""Burmese names: the script, its romanisations and Zawgyi-typed text key alike (#13)."""

from __future__ import annotations

import pandas as pd
from hypothesis import example, given, settings
from hypothesis import strategies as st

from recount.names import split_name
from recount.names.burmese import is_zawgyi, latin_syllables, romanise_burmese, to_unicode
from recount.names.keys import AUTO_KEYS, BURMESE_KEYS
from recount.names.places import resolve_place
from recount.names.workspace import normalize_records, workspace_key_style

# Common name syllables: Burmese script and the ways lists romanise them.
SYLLABLES = [
    ("အောင်", ("Aung",)), ("ကျော်", ("Kyaw",)), ("ဇော်", ("Zaw",)), ("မင်း", ("Min", "Minn")),
    ("ထွန်း", ("Htun", "Tun", "Htoon")), ("ဝင်း", ("Win", "Winn")), ("မြင့်", ("Myint",)),
    ("နိုင်", ("Naing",)), ("စိုး", ("Soe", "So")), ("သန့်", ("Thant", "Thandt")),
    ("သိန်း", ("Thein", "Thane")), ("လှိုင်", ("Hlaing",)), ("ဖြိုး", ("Phyo", "Pyo")),
    ("ထက်", ("Htet", "Htett")), ("ရဲ", ("Ye", "Yei")), ("လင်း", ("Lin", "Linn")),
    ("ညီ", ("Nyi", "Nyee")), ("ဝေ", ("Wai", "Way")), ("ဟိန်း", ("Hein",)), ("ဦး", ("Oo",)),
    ("လွင်", ("Lwin",)), ("ထူး", ("Htoo", "Htu")), ("ခန့်", ("Khant",)), ("ချစ်", ("Chit",)),
    ("ရွှေ", ("Shwe",)), ("လှ", ("Hla",)), ("ကြည်", ("Kyi", "Kyee")), ("ဆန်း", ("San", "Hsan")),
    ("ခင်", ("Khin",)), ("နွယ်", ("Nwe", "Nway")), ("မြ", ("Mya",)), ("အေး", ("Aye",)),
    ("မိုး", ("Moe", "Mo")), ("နှင်း", ("Hnin",)), ("အိ", ("Ei",)), ("ဖြူ", ("Phyu",)),
    ("မြတ်", ("Myat",)), ("ဝင့်", ("Wint",)), ("ဇာ", ("Zar", "Za")), ("ဌေး", ("Htay", "Htei")),
    ("အုန်း", ("Ohn",)), ("ပန်း", ("Pan",)),
]  # fmt: skip
TITLES = [("ဦး", ("U",)), ("ဒေါ်", ("Daw",)), ("ကို", ("Ko",)), ("မ", ("Ma",)),
          ("မောင်", ("Maung", "Mg")), ("စော", ("Saw",)), ("နော်", ("Naw",))]  # fmt: skip

syllable = st.sampled_from(SYLLABLES)
title = st.sampled_from(TITLES)
title_in_a_name = st.sampled_from([(b, latin[:1]) for b, latin in TITLES])  # Maung Maung


@st.composite
def romanised(draw, syllables):
    """A Latin spelling of the syllables as lists write them: any variant, capitals or not."""
    text = " ".join(draw(st.sampled_from(latin)) for _, latin in syllables)
    return text.upper() if draw(st.booleans()) else text


@settings(max_examples=300, deadline=None)
@given(st.lists(syllable, min_size=1, max_size=4), st.data())
def test_script_and_any_romanisation_key_alike(syllables, data):
    burmese = "".join(b for b, _ in syllables)
    latin = data.draw(romanised(syllables))
    assert split_name(burmese).key == split_name(latin, BURMESE_KEYS).key != ""


def test_syllables_written_together_are_cut_as_the_script_writes_them():
    """Kyawkyaw is Kyaw Kyaw. Some joined spellings read two ways (Minye: Min Ye or Mi Nye);
    of every two syllables of the table joined (before a consonant), 95% are cut right."""
    right = total = 0
    for first, first_latin in SYLLABLES:
        for second, second_latin in SYLLABLES:
            for a in first_latin:
                for b in second_latin:
                    if b[0] in "AEIOU":
                        continue  # Zaw Oo joined would read Za Woo
                    total += 1
                    cut = latin_syllables((a + b).lower())
                    right += cut is not None and " ".join(cut) == romanise_burmese(first + second)
    assert right / total >= 0.95
    for burmese, joined in (("ကျော်ကျော်", "KYAWKYAW"), ("အောင်ဆန်း", "Aungsan"), ("ရွှေလှ", "Shwehla")):
        assert split_name(joined, BURMESE_KEYS).key == split_name(burmese).key


@settings(max_examples=300, deadline=None)
@given(st.lists(syllable | title_in_a_name, min_size=1, max_size=4), title, st.data())
def test_a_title_in_front_never_changes_the_key(syllables, honorific, data):
    burmese = "".join(b for b, _ in syllables)
    latin = data.draw(romanised(syllables))
    title_latin = data.draw(st.sampled_from(honorific[1]))
    assert split_name(honorific[0] + burmese).key == split_name(burmese).key
    assert split_name(f"{title_latin} {latin}", BURMESE_KEYS).key == split_name(burmese).key


def test_different_names_keep_different_keys():
    pairs = [("သန့်", "သန်း"), ("ဝင့်", "ဝင်း"), ("အောင်", "အုန်း"), ("ကျော်", "ချစ်"), ("ခင်", "ကြည်")]
    for one, other in pairs:
        assert split_name(one).key != split_name(other).key
    assert split_name("Thant", BURMESE_KEYS).key != split_name("Than", BURMESE_KEYS).key


# Zawgyi-typed names (visual order, Zawgyi code points) and their Unicode spelling.
ZAWGYI = [
    ("\u1031\u1000\u103a\u102c\u1039\u1031\u1000\u103a\u102c\u1039", "ကျော်ကျော်"),
    ("\u1031\u1021\u102c\u1004\u1039\u1006\u1014\u1039\u1038", "အောင်ဆန်း"),
    ("\u103b\u1019\u1004\u1037\u1039", "မြင့်"),
    ("\u1031\u101b\u108a", "ရွှေ"),
    ("\u1014\u103d\u1004\u1039\u1038", "နှင်း"),
    ("\u107f\u1016\u102d\u1033\u1038", "ဖြိုး"),
    ("\u1000\u103a\u102c\u1038", "ကျား"),
]


def test_zawgyi_is_recognised_and_converted():
    for zawgyi, unicode in ZAWGYI:
        assert is_zawgyi(zawgyi)
        assert to_unicode(zawgyi) == unicode
        assert split_name(zawgyi).key == split_name(unicode).key


@settings(max_examples=300, deadline=None)
@given(st.lists(syllable | title, min_size=1, max_size=5))
def test_unicode_burmese_is_never_taken_for_zawgyi(syllables):
    text = "".join(b for b, _ in syllables)
    assert not is_zawgyi(text)
    assert to_unicode(text) == text


def test_other_scripts_pass_through():
    for text in ("Kyaw Kyaw", "محمد", "Шевченко", "ተስፋይ", ""):
        assert romanise_burmese(text) == text
        assert not is_zawgyi(text)


def test_unknown_name_in_burmese():
    assert split_name("အမည်မသိ").unidentified_reason == "unknown_name"
    assert split_name("မသိ").unidentified_reason == "unknown_name"
    assert split_name("အေး").identifiable  # one syllable is a name, not an initial


def test_a_workspace_with_burmese_lists_keys_latin_names_as_burmese():
    names = ["ကျော်ကျော်", "ဦးအောင်ဆန်း", "Ko Kyaw Kyaw", "U Aung Hsan", "MAUNG AUNGSAN"]
    frame = pd.DataFrame({"name": names})
    for column in ("name_latin", "given_name", "father_name", "grandfather_name", "family_name"):
        frame[column] = None
    assert workspace_key_style(frame) == BURMESE_KEYS
    assert workspace_key_style(frame.iloc[2:]) == AUTO_KEYS
    records = frame.assign(record_id=[f"a:{i}" for i in range(5)], source_id="a")
    keys = normalize_records(records, workers=1).column("name_key").to_pylist()
    assert keys[0] == keys[2] and keys[1] == keys[3] == keys[4]
    assert keys[0] != keys[1]


def test_a_township_in_burmese_script_keys_like_its_romanisation():
    """A place's syllables are one word, as romanisations write them (ကနီ is Kani, not Ka Ni)."""
    townships = [("ကနီ", "Kani"), ("မုံရွာ", "Monywa"), ("မြောင်", "Myaung"), ("အင်းစိန်", "Insein"),
                 ("လှိုင်သာယာ", "Hlaingthaya"), ("မြစ်ကြီးနား", "Myitkyina"), ("သာကေတ", "Thaketa")]  # fmt: skip
    for burmese, latin in townships:
        assert resolve_place(burmese).place_key == resolve_place(latin).place_key
    assert resolve_place("ကနီ").place_key != resolve_place("မုံရွာ").place_key
    # In a workspace of Burmese names, Latin place names are read as romanised syllables too.
    for burmese, latin in [("ဖားကန့်", "Hpakant"), ("ကလေး", "Kalay"), ("လှိုင်သာယာ", "Hlaing Tharyar")]:
        assert resolve_place(burmese).place_key != resolve_place(latin).place_key
        assert resolve_place(burmese, burmese=True) == resolve_place(latin, burmese=True)


@settings(max_examples=10, deadline=None)
@given(
    own=st.lists(st.sampled_from(SYLLABLES), min_size=1, max_size=3),
    father=st.lists(st.sampled_from(SYLLABLES), min_size=1, max_size=3),
)
@example(own=[("အောင်", ("Aung",))], father=[("ဦး", ("Oo",))])  # U Oo: a father is no one's name
def test_a_fathers_name_in_its_own_column_is_not_among_a_burmese_names_tokens(own, father):
    """A Burmese name has no family name: the father's, given in its own column, is another
    person's name: the name's tokens are the person's own, as on a list without the column. An Arabic father's name is part of the name (a nasab)."""
    name = "".join(b for b, _ in own)
    father_name = "ဦး" + "".join(b for b, _ in father)
    frame = pd.DataFrame(
        {
            "record_id": ["a:1", "b:1", "c:1", "c:2"],
            "source_id": ["a", "b", "c", "c"],
            "name": [name, " ".join(latin[0] for _, latin in own), "محمد علي", "محمد علي"],
            "father_name": [father_name, None, "أحمد", None],
        }
    )
    for column in ("name_latin", "given_name", "grandfather_name", "family_name"):
        frame[column] = None
    rows = normalize_records(frame, workers=1).to_pylist()
    burmese, romanised, arabic, arabic_alone = rows
    assert burmese["name_tokens"] == romanised["name_tokens"]
    assert set(arabic["name_tokens"]) > set(arabic_alone["name_tokens"])
