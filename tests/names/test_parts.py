"""Splitting written names into given, father's, grandfather's and family name."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from recount.names import name_key, parts_from_fields, split_name
from recount.names.arabic import has_arabic


def roles(text):
    p = split_name(text)
    return [
        getattr(p, r).text if getattr(p, r) else None
        for r in ("given", "father", "grandfather", "family")
    ]


def test_syrian_orders():
    assert roles("محمد") == ["محمد", None, None, None]
    assert roles("محمد العلي") == ["محمد", None, None, "العلي"]
    assert roles("محمد أحمد العلي") == ["محمد", "احمد", None, "العلي"]
    assert roles("محمد أحمد حسن العلي") == ["محمد", "احمد", "حسن", "العلي"]


def test_compounds_are_one_part():
    assert roles("عبد الرحمن نور الدين الحلبي") == ["عبدالرحمن", "نورالدين", None, "الحلبي"]
    assert roles("Abd al-Rahman Nour Eddin al-Halabi") == [
        "abdalrahman",
        "noureddin",
        None,
        "alhalabi",
    ]
    assert roles("محمد ابو زيد") == ["محمد", None, None, "ابوزيد"]


def test_inverted_and_family_first():
    assert name_key("AL-KHATIB, Abd al-Majid") == name_key("Abd al-Majid al-Khatib")
    assert name_key("KHATIB Abd al-Majid Mahmoud") == name_key("Abd al-Majid Mahmoud Khatib")
    assert name_key("العلي، محمد أحمد") == name_key("محمد أحمد العلي")


@given(
    st.sampled_from(["Fatima", "Mohammad", "Hisham", "Lina", "فاطمة", "محمد"]),
    st.sampled_from(["Ahmad", "Khaled", "Abd al-Rahman", "Nur al-Din", "أحمد", "عبد الرحمن"]),
    st.sampled_from(["al-Halabi", "AL-SHAAR", "el Ali", "ash-Shami", "الحلبي", "الشعار"]),
)
def test_a_comma_before_given_names_and_an_article_family_name_keeps_the_order(
    given_name, father, family
):
    """'Fatima, Ahmad al-Halabi': the family name carries its article after the comma, so the
    part before it is the given name, not a family name written first."""
    if has_arabic(given_name + father + family) and not all(
        has_arabic(w) for w in (given_name, father, family)
    ):
        return  # one script per name
    comma = "، " if has_arabic(given_name) else ", "
    written = split_name(f"{given_name}{comma}{father} {family}")
    plain = split_name(f"{given_name} {father} {family}")
    assert written.key == plain.key
    assert (written.given.key, written.family.key) == (plain.given.key, plain.family.key)
    # the family name first, with or without its article, is read as before
    assert split_name(f"{family}{comma}{given_name} {father}").key == plain.key


@given(
    st.sampled_from(["محمد", "فاطمة", "عبد الرحمن", "خالد", "نور الدين"]),
    st.sampled_from(["أحمد", "عبد الله", "حسن", None]),
    st.sampled_from(["الحلبي", "العساف", "الفلسطيني", "العبدالله"]),
)
def test_an_arabic_name_that_begins_with_the_article_is_family_first(given_name, father, family):
    """'العساف يوسف محمد' is written family-first, as registries write names: an Arabic given
    name does not begin with the article, so its parts are those of 'يوسف محمد العساف'."""
    rest = " ".join(w for w in (given_name, father) if w)
    first = split_name(f"{family} {rest}")
    plain = split_name(f"{rest} {family}")
    assert [first.given, first.father, first.family] == [plain.given, plain.father, plain.family]
    assert first.family.text == split_name(family).given.text


def test_a_given_name_with_a_hamza_is_no_article():
    # إلياس carries a hamza: a given name, not al + yas; the honorific before a name is dropped
    assert roles("إلياس محمد العلي")[0] == "الياس"
    assert roles("الشهيد محمد أحمد العلي") == ["محمد", "احمد", None, "العلي"]


@given(
    st.sampled_from(["Aisha", "Fadi", "Muhammad", "Imad"]),
    st.sampled_from(["Fadi", "Ayman", "Hasan"]),
    st.sampled_from(["Farhat", "Dib", "Hasun", "Mallas"]),
)
def test_a_list_that_writes_family_names_in_capitals_writes_other_commas_given_first(
    given_name, father, family
):
    """In a list that writes 'FARHAT, Aisha', 'Aisha, Fadi Farhat' follows the given name;
    elsewhere a comma follows the family name ('Farhat, Aisha')."""
    plain = split_name(f"{given_name} {father} {family}")
    marked = split_name(f"{given_name}, {father} {family}", capitals_mark_family=True)
    assert (marked.given, marked.father, marked.family) == (plain.given, plain.father, plain.family)
    capitals = split_name(f"{family.upper()}, {given_name} {father}", capitals_mark_family=True)
    assert capitals.key == plain.key
    unmarked = split_name(f"{family}, {given_name} {father}")
    assert unmarked.key == plain.key


def test_a_compound_given_name_after_a_comma_is_no_family_name():
    # 'Abd al-Rahman' and 'Nur al-Din' carry an article but are given names
    assert name_key("HALABI, Mohammad Abd al-Rahman") == name_key("Mohammad Abd al-Rahman Halabi")
    assert name_key("HALABI, Mohammad Nur al-Din") == name_key("Mohammad Nur al-Din Halabi")
    assert name_key("الحلبي، محمد عبد الرحمن") == name_key("محمد عبد الرحمن الحلبي")


def test_nasab_marks_the_father():
    p = split_name("محمد بن أحمد")
    assert (p.given.text, p.father.text, p.family) == ("محمد", "احمد", None)
    p = split_name("Muhammad bin Ahmad al-Ali")
    assert (p.father.key, p.family.key) == ("ehmd", "ely")


def test_kunya_is_kept_apart():
    p = split_name("أبو أحمد محمد العلي")
    assert p.kunya.key == "ebwehmd"
    assert name_key("أبو أحمد محمد العلي") == name_key("محمد العلي")
    p = split_name("Mohammad (Abu Ahmad) al-Ali")
    assert p.kunya.key == "ebwehmd" and p.family.key == "ely"
    p = split_name("أبو أحمد")
    assert p.identifiable and p.given is None and p.kunya.key == "ebwehmd"


@pytest.mark.parametrize(
    "label", ["الشهيد", "الشهيد الطفل", "الطفلة", "الحاج", "the martyr", "Dr.", "martyr child"]
)
def test_labels_in_front_are_dropped(label):
    assert name_key(f"{label} Mohammad Ahmad") == name_key("Mohammad Ahmad") or name_key(
        f"{label} محمد أحمد"
    ) == name_key("محمد أحمد")


@pytest.mark.parametrize(
    "text",
    [
        "unknown",
        "Unknown",
        "UNIDENTIFIED",
        "مجهول",
        "مجهول الهوية",
        "مجهولة",
        "شهيد مجهول",
        "طفل مجهول",
        "جثة مجهولة الهوية",
        "unidentified male",
        "unknown child",
        "غير معروف",
        "N.N.",
        "NN",
        "n. n.",
        "Persona no identificada",
        "Sin identificar",
        "Cadáver sin identificar",
        "hombre no identificado",
        "DESCONOCIDO",
        "pessoa não identificada",
        "homme inconnu",
        "J. M.",
    ],
)
def test_unknown_names_are_unidentified(text):
    p = split_name(text)
    assert not p.identifiable
    assert p.unidentified_reason == "unknown_name"


@pytest.mark.parametrize("text", [None, "", "   ", "()", "---", "?", "-"])
def test_missing_names(text):
    p = split_name(text)
    assert not p.identifiable
    assert p.unidentified_reason in ("no_name", "unknown_name")


@pytest.mark.parametrize(
    "text,relation",
    [
        ("wife of Ahmad al-Ali", "wife"),
        ("زوجة أحمد العلي", "wife"),
        ("son of Mohammad Hasan", "son"),
        ("ابن محمد حسن", "son"),
        ("ابنة محمد حسن", "daughter"),
        ("daughter of Mohammad Hasan", "daughter"),
        ("mother of Omar", "mother"),
        ("hijo de Juan Medina", "son"),
        ("Esposa de Pedro Gómez", "wife"),
        ("filha do João Silva", "daughter"),
        ("veuve de Jean Dupont", "wife"),
    ],
)
def test_relational_names_name_their_anchor(text, relation):
    p = split_name(text)
    assert not p.identifiable and p.unidentified_reason == "relational"
    assert p.relation == relation
    anchor = text.split(" ", 2)[-1] if not has_arabic(text) else text.split(" ", 1)[1]
    assert p.relation_anchor_key == name_key(anchor)


@given(
    st.lists(st.sampled_from(["Juan", "Pedro", "María", "Gómez", "Medina", "Cruz"]), min_size=1),
    st.sampled_from(["Padre", "Madre", "Hijo", "Prima", "Persona", "Don"]),
)
def test_words_that_are_also_names_keep_a_name_without_of(names, word):
    """'Padre Juan', 'Prima Gómez': a relation word not followed by 'de'/'of' is a name's
    word, so the name stays identifiable."""
    assert split_name(" ".join([word, *names])).identifiable


def test_parts_from_separate_columns_keep_their_roles():
    p = parts_from_fields("عبد الله", "محمد", None, "الحلبي")
    assert (p.given.key, p.father.key, p.grandfather, p.family.key) == (
        "ebdla",
        "mhmd",
        None,
        "hlby",
    )
    assert p.key == name_key("عبد الله محمد الحلبي")
    assert parts_from_fields("Abdullah", "Mohammad", None, "al-Halabi").key == p.key
    unknown = parts_from_fields("مجهول", None, None, None)
    assert not unknown.identifiable and unknown.unidentified_reason == "unknown_name"
    assert parts_from_fields(None, None, None, None).unidentified_reason == "no_name"


def test_every_name_token_is_kept():
    p = split_name("Mohammad Ahmad Hasan Ali al-Halabi")
    assert [t.key for t in p.tokens] == ["mhmd", "ehmd", "hsn", "ely", "hlby"]


def test_a_family_name_is_not_mistaken_for_a_label():
    assert split_name("Ahmad Majhoul").identifiable
    assert split_name("محمد الشيخ").family.key == "xyk"


@given(
    st.lists(
        st.sampled_from(
            ["de", "la", "del", "da", "van", "von", "y", "Maren", "Tovik", "سامر", "Лесь"]
        ),
        min_size=1,
        max_size=4,
    )
)
def test_an_identifiable_name_has_a_key(words):
    # 'De La' was identifiable with an empty key: a record the linker could not compare.
    parts = split_name(" ".join(words))
    assert parts.identifiable == bool(parts.key)


LATIN_WORD = st.text(alphabet="abcdefghijklmnoprstuvwy", min_size=4, max_size=10)


@given(LATIN_WORD, LATIN_WORD, st.data())
def test_a_digit_typed_for_a_letter_keeps_the_name(given_name, family, data):
    """'j0hn smith', 'm0rgan': the word with the digit is still a name, keyed as the word
    without it; an ordinal of a title (1st, 16th) or a code is no name."""
    at = data.draw(st.integers(1, len(family) - 2))
    digit = data.draw(st.sampled_from("0123456789"))
    typed = family[:at] + digit + family[at + 1 :]
    clean = split_name(f"{given_name} {family[:at] + family[at + 1 :]}", "spelling")
    parts = split_name(f"{given_name} {typed}", "spelling")
    assert parts.identifiable
    assert [t.key for t in parts.tokens] == [t.key for t in clean.tokens]
    alone = split_name(typed, "spelling")
    assert alone.identifiable and [t.key for t in alone.tokens] == [clean.tokens[-1].key]


@pytest.mark.parametrize("text", ["1st", "16th", "2nd.", "q61105409", "3"])
def test_ordinals_numbers_and_codes_are_no_name_token(text):
    assert [t.key for t in split_name(f"thomas {text} clifford", "spelling").tokens] == [
        t.key for t in split_name("thomas clifford", "spelling").tokens
    ]


@given(
    st.sampled_from(["Khaled", "Lina", "Ahmad", "Yusuf", "Maria", "Juan Carlos"]),
    st.sampled_from(["al-Zein", "Hamada", "Chehade", "AL-HADDAD", "Perez Gomez"]),
    st.sampled_from(["A.", "M.", "Sh.", "K", "H."]),
)
def test_a_fathers_initial_after_the_given_name_is_no_name_token(first, family, initial):
    # 'Khaled M. al-Zein': the father's name as its initial names no one in particular
    plain = split_name(f"{first} {family}")
    with_initial = split_name(f"{first} {initial} {family}")
    assert [t.key for t in with_initial.tokens] == [t.key for t in plain.tokens]
    assert with_initial.father == plain.father and with_initial.given.key == plain.given.key
    inverted = split_name(f"{family.upper()}, {first} {initial}")
    assert {t.key for t in inverted.tokens} == {t.key for t in plain.tokens}
    fields = parts_from_fields(first, initial, None, family)
    assert fields.father is None and len(fields.tokens) == len(plain.tokens)
    assert parts_from_fields(first, "Omar", None, family).father is not None


@given(
    st.sampled_from(["Ali", "Hossein", "Fatme", "Khaled"]),
    st.sampled_from(["Mohammad", "Abdul Latif", "Ibrahim", "Hasan"]),
    st.sampled_from(["al-Zein", "Abazeed", "Yunus", "Maarouf"]),
    st.sampled_from(["A.", "M.", "I.", "Kh."]),
)
def test_after_a_fathers_initial_comes_the_grandfathers_name(first, grandfather, family, initial):
    """'Hossein I. Abdul Latif Yunus': the initial holds the father's place, so the name after
    it is the grandfather's; read as the father's it contradicted every list that writes the
    father in full. An initial says nothing of a name's origin either: the name is keyed as
    the same name without it."""
    written = split_name(f"{first} {initial} {grandfather} {family}")
    full = split_name(f"{first} Omar {grandfather} {family}")
    assert written.father is None
    assert written.grandfather.key == full.grandfather.key
    assert (written.given.key, written.family.key) == (full.given.key, full.family.key)
    assert [t.key for t in written.tokens] == [
        t.key for t in split_name(f"{first} {grandfather} {family}").tokens
    ]


def test_a_name_that_starts_with_an_initial_keeps_it():
    assert split_name("J. Smith").given.key == split_name("J Smith").given.key
    assert len(split_name("J. Smith").tokens) == 2
    assert not split_name("M. A.").identifiable  # initials alone name no one
