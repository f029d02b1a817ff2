"""Lists written surnames first are learnt from the records: given names tell the sex,
surnames do not (`names.order`)."""

from __future__ import annotations

import random

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from recount.names.order import family_first_leads, surname_leads
from recount.names.parts import split_name
from recount.names.workspace import normalize_records

GIVEN = {
    "F": "ana lina luz maria blanca rosa diana gloria".split(),
    "M": "pedro juan jorge carlos andres luis oscar fabio".split(),
}
SURNAMES = "montoya gil perez gomez rojas castro munoz ortiz diaz vargas rincon zapata".split()


def people(rng: random.Random, n: int) -> list[tuple[list[str], list[str], str]]:
    """(given names, surnames, sex) of n simulated people: one or two names of each kind."""
    out = []
    for _ in range(n):
        sex = rng.choice("MF")
        out.append(
            (
                rng.sample(GIVEN[sex], rng.choice((1, 2))),
                rng.sample(SURNAMES, rng.choice((1, 2))),
                sex,
            )
        )
    return out


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000), turned=st.integers(0, 2), lists=st.integers(2, 3))
def test_the_list_written_surnames_first_is_found_and_its_surnames_counted(seed, turned, lists):
    turned = turned % lists
    rng = random.Random(seed)
    sources, keys, sexes, expected = [], [], [], []
    for source in range(lists):
        for gn, sn, sex in people(rng, 200):
            words = sn + gn if source == turned else gn + sn
            sources.append(f"list{source}")
            keys.append(tuple(words))
            sexes.append(sex if rng.random() < 0.7 else None)
            expected.append(len(sn) if source == turned else 0)
    leads = surname_leads(sources, keys, sexes)
    assert all(lead == 0 for lead, s in zip(leads, sources, strict=True) if s != f"list{turned}")
    right = [
        lead == e
        for lead, e, s in zip(leads, expected, sources, strict=True)
        if s == f"list{turned}"
    ]
    assert sum(right) >= 0.9 * len(right)


def test_one_list_alone_is_read_surnames_first_where_its_names_end_in_given_names():
    rng = random.Random(1)
    folk = people(rng, 100)
    sexes = [sex for _, _, sex in folk]
    surnames_first = [tuple(sn + gn) for gn, sn, _ in folk]
    assert surname_leads(["only"] * 100, surnames_first, sexes) == [len(sn) for _, sn, _ in folk]
    given_first = [tuple(gn + sn) for gn, sn, _ in folk]
    assert set(surname_leads(["a"] * 50 + ["b"] * 50, given_first, sexes)) == {0}


def test_without_any_sex_nothing_is_turned():
    folk = people(random.Random(2), 100)
    keys = [tuple(sn + gn) for gn, sn, _ in folk]
    assert set(surname_leads(["a"] * 100, keys, [None] * 100)) == {0}


def test_a_name_turned_round_gets_its_given_name_and_surnames():
    parts = split_name("MONTOYA GIL LINA", surnames_first=2)
    assert (parts.given.text, parts.family.text) == ("lina", "gil")
    assert split_name("MONTOYA GIL LINA", surnames_first=0).given.text == "montoya"
    assert split_name("MONTOYA GIL LINA", surnames_first=3) == split_name("MONTOYA GIL LINA")


def test_the_names_stage_reads_a_surnames_first_list_given_first():
    rng = random.Random(7)
    rows = []
    for gn, sn, sex in people(rng, 90):
        rows.append(("a", " ".join(gn + sn).title(), sex))
        rows.append(("b", " ".join(gn + sn).title(), None))
        rows.append(("registry", " ".join(sn + gn).upper(), sex))
    records = pd.DataFrame(rows, columns=["source_id", "name", "sex"])
    records["record_id"] = [f"{s}:{i}" for i, s in enumerate(records["source_id"])]
    out = normalize_records(records, workers=1).to_pandas()
    given_key = out.set_index("record_id")["given_key"]
    same = [
        given_key[f"a:{3 * i}"] == given_key[f"registry:{3 * i + 2}"] for i in range(len(rows) // 3)
    ]
    assert sum(same) >= 0.9 * len(same)


ARABIC_GIVEN = "محمد أحمد علي عمر خالد حسن يوسف إبراهيم سامر فاطمة مريم هبة ليلى رنا".split()
ARABIC_FAMILY = "حلبي حمصي عبيد زعبي خطيب حريري قاسم رفاعي شامي نجار حداد عطار".split()


def arabic_people(rng: random.Random, n: int) -> list[tuple[str, ...]]:
    """Given, father's and family name of n simulated people (one word each)."""
    return [
        (rng.choice(ARABIC_GIVEN), rng.choice(ARABIC_GIVEN[:9]), rng.choice(ARABIC_FAMILY))
        for _ in range(n)
    ]


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000), flips=st.integers(3, 240), lists=st.integers(2, 4))
def test_names_written_family_first_in_a_list_that_mixes_orders_are_found(seed, flips, lists):
    """One list writes some of its 300 names (at least 1%) family-first with no mark at all;
    the words' places on every other record find them, and names written given-first stay."""
    rng = random.Random(seed)
    flipped = set(rng.sample(range(300), flips))
    sources, keys, turned = [], [], []
    for source in range(lists):
        for j, (given_, father, family) in enumerate(arabic_people(rng, 300)):
            flip = source == 0 and j in flipped
            sources.append(f"list{source}")
            keys.append((family, given_, father) if flip else (given_, father, family))
            turned.append(flip)
    leads = family_first_leads(sources, keys)
    assert sum(lead == 1 for lead, t in zip(leads, turned, strict=True) if t) >= 0.9 * sum(turned)
    assert sum(lead != 0 for lead, t in zip(leads, turned, strict=True) if not t) <= 0.02 * (
        len(turned) - sum(turned)
    )


def test_a_list_whose_turn_rests_on_little_evidence_stays_as_written():
    """A small list's names written family-first are turned where their words stand on many
    other records, and stay as written where those words stand on one or two: a handful of
    names, each a word or two away from fitting, does not show that a list mixes orders."""
    rng = random.Random(13)
    small = [(family, given_, father) for given_, father, family in arabic_people(rng, 3)]
    others = [(given_, father, family) for family, given_, father in small]
    thin = family_first_leads(["small"] * 3 + ["other"] * 3, small + others)
    assert thin == [0] * 6
    many = others * 40 + arabic_people(rng, 200)
    thick = family_first_leads(["small"] * 3 + ["other"] * len(many), small + many)
    assert thick[:3] == [1, 1, 1] and set(thick[3:]) == {0}


def test_a_given_first_list_whose_family_names_are_given_names_is_not_turned():
    """Families named Hassan or Ali: a name 'Ali Hassan Omar' reads about as well either
    way, and a list that writes none of its names family-first turns none of them."""
    rng = random.Random(3)
    keys = [
        (rng.choice(ARABIC_GIVEN), rng.choice(ARABIC_GIVEN), rng.choice(ARABIC_GIVEN[:6]))
        for _ in range(400)
    ]
    assert set(family_first_leads(["a"] * 200 + ["b"] * 200, keys)) == {0}


def test_names_of_one_word_or_none_are_never_turned():
    keys = [("hlby", "mhmd", "ehmd")] * 30 + [("mhmd", "ehmd", "hlby")] * 30 + [("mhmd",), ()]
    leads = family_first_leads(["a"] * len(keys), keys)
    assert leads[-2:] == [0, 0]


def test_the_names_stage_reads_names_written_family_first_without_article():
    rng = random.Random(11)
    rows = []
    for i, (given_, father, family) in enumerate(arabic_people(rng, 240)):
        rows.append(("a", f"{given_} {father} ال{family}", f"a:{i}"))
        written = f"{family} {given_} {father}" if i % 3 == 0 else f"{given_} {father} {family}"
        rows.append(("b", written, f"b:{i}"))
    records = pd.DataFrame(rows, columns=["source_id", "name", "record_id"])
    out = normalize_records(records, workers=1).to_pandas().set_index("record_id")
    for part in ("given_key", "father_key", "family_key"):
        same = [out[part][f"a:{i}"] == out[part][f"b:{i}"] for i in range(240)]
        assert sum(same) >= 0.95 * 240, part


@settings(max_examples=60, deadline=None)
@given(
    words=st.lists(
        st.sampled_from(["Lina", "Luz", "Montoya", "Gil", "محمد", "أحمد", "حلبي", "Omar", "Said"]),
        min_size=1,
        max_size=5,
    ),
    lead=st.integers(0, 6),
)
def test_a_name_turned_round_keeps_its_words(words, lead):
    """Turning a name moves its leading words after the rest and changes nothing else."""
    text = " ".join(words)
    plain = split_name(text)
    turned = split_name(text, surnames_first=lead)
    keys = [t.key for t in plain.tokens]
    assert [t.key for t in turned.tokens] == (
        keys[lead:] + keys[:lead] if 0 < lead < len(keys) else keys
    )


@settings(max_examples=100, deadline=None)
@given(
    names=st.lists(
        st.tuples(
            st.sampled_from(["a", "b", "c"]),
            st.lists(st.sampled_from(["lina", "gil", "omar", "hlby", "x"]), max_size=5),
        ),
        max_size=40,
    )
)
def test_any_names_get_a_turn_within_their_words(names):
    """Whatever the lists hold (two-word names only, one word, none, repeats), each name's
    turn moves fewer words than it has, and none for a name of one word or none."""
    leads = family_first_leads([s for s, _ in names], [tuple(w) for _, w in names])
    assert len(leads) == len(names)
    for lead, (_, words) in zip(leads, names, strict=True):
        assert 0 <= lead < max(len(words), 1)


def test_lists_of_two_word_names_only_are_read():
    """No list writes a middle word (fake_1000-like 'given family' names): nothing fails,
    and names written family-first among them are still found."""
    rng = random.Random(5)
    keys, flipped = [], []
    for _ in range(300):
        given_, family = rng.choice(ARABIC_GIVEN), rng.choice(ARABIC_FAMILY)
        flip = rng.random() < 0.2
        keys.append((family, given_) if flip else (given_, family))
        flipped.append(flip)
    leads = family_first_leads(["a"] * 300, keys)
    assert sum(lead == 1 for lead, f in zip(leads, flipped, strict=True) if f) >= 0.9 * sum(flipped)
    assert sum(lead != 0 for lead, f in zip(leads, flipped, strict=True) if not f) <= 6


def test_names_whose_text_says_their_order_are_marked_and_never_turned():
    """A comma, family names in capitals first, or an Arabic family name with its article
    first say the order; such a name keeps it whatever the other records say."""
    from recount.names.parts import order_marked

    assert order_marked("Halabi, Lina Omar") and order_marked("HALABI Lina Omar")
    assert order_marked("الحلبي محمد أحمد") and order_marked("Lina Omar (HALABI), x")
    assert order_marked("محمد أحمد الحلبي") and order_marked("Nasser Hasan al-Mohammad")
    assert not order_marked("Halabi Lina Omar") and not order_marked("محمد أحمد عبد الله")
    assert not order_marked("حلبي محمد نور الدين") and not order_marked("Omar Abd al-Rahman")
    assert not order_marked("MONTOYA GIL LINA") and not order_marked(None)
    keys = [("mhmd", "ehmd", "hlby")] * 60 + [("hlby", "mhmd", "ehmd")] * 2
    free = family_first_leads(["a"] * 60 + ["b"] * 2, keys)
    marked = family_first_leads(["a"] * 60 + ["b"] * 2, keys, marked=[False] * 60 + [True] * 2)
    assert free[-2:] == [1, 1] and marked[-2:] == [0, 0]


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(max_size=40),
    words=st.lists(st.sampled_from(["Lina", "محمد", "Gil"]), min_size=2, max_size=4),
)
def test_any_text_is_marked_or_not_and_a_comma_marks_it(text, words):
    """Any text gets an answer, and a comma between a name's words always marks its order."""
    from recount.names.parts import order_marked

    assert order_marked(text) in (True, False)
    assert order_marked(words[0] + ", " + " ".join(words[1:]))
