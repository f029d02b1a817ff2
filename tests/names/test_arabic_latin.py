"""Arabic normalisation and Latin folding: each rule, and idempotence under hypothesis."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from recount.names import fold_latin, normalize_arabic


def test_diacritics_and_tatweel_are_removed():
    assert normalize_arabic("مُحَمَّد") == "محمد"
    assert normalize_arabic("محـــمد") == "محمد"
    assert normalize_arabic("الرَّحْمٰن") == "الرحمن"


def test_alef_forms_become_bare_alef():
    assert normalize_arabic("أحمد إبراهيم آمنة ٱلله") == "احمد ابراهيم امنه الله"


def test_hamza_seats_and_lone_hamza():
    assert normalize_arabic("مؤيد") == "مويد"
    assert normalize_arabic("رائد") == "رايد"
    assert normalize_arabic("علاء") == "علا"


def test_taa_marbuta_at_word_end_and_alef_maqsura():
    assert normalize_arabic("فاطمة حمزة") == "فاطمه حمزه"
    assert normalize_arabic("مصطفى") == "مصطفي"


def test_persian_letters_and_digits():
    assert normalize_arabic("کریم") == "كريم"
    assert normalize_arabic("٢٠١٣ ۱۹") == "2013 19"


def test_invisible_marks_and_spaces():
    assert normalize_arabic("\u200fمحمد\u200e   أحمد\u200c") == "محمد احمد"


def test_presentation_forms_fold_to_letters():
    # NFKC maps the lam-alef ligature and isolated forms to plain letters.
    assert normalize_arabic("ﻻ") == "لا"


def test_latin_folding():
    assert fold_latin("ʿAbd al-Raḥmān") == "abd al-rahman"
    assert fold_latin("Sa'id") == "said"
    assert fold_latin("MUṢṬAFĀ  ") == "mustafa"
    assert fold_latin("Hamzé, Nour’") == "hamze, nour"


ARABIC_TEXT = st.text(
    alphabet=st.sampled_from(list("ابتثجحخدذرزسشصضطظعغفقكلمنهويةىأإآؤئءـ ًٌٍَُِّْٰ،٠١٢٣۴کی\u200f ")),
    max_size=40,
)


@given(ARABIC_TEXT)
def test_normalize_arabic_is_idempotent(text):
    once = normalize_arabic(text)
    assert normalize_arabic(once) == once


@given(st.text(max_size=40))
def test_fold_latin_is_idempotent_on_any_text(text):
    once = fold_latin(text)
    assert fold_latin(once) == once
