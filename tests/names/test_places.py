"""Places to first-level admin units, through the workspace's country pack only."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from recount.names import place_to_governorate, resolve_place
from recount.names.places import coarser_parts
from recount.reference import NO_PACK, country_pack

SYRIA = country_pack("SY")
COLOMBIA = country_pack("CO")
# English, Irish, Dutch and French towns: nothing Syrian about them.
ELSEWHERE = ["Bath", "Cork", "Hove", "Breda", "Leeds", "Lyon", "Utrecht", "Galway", "Dover"]


@pytest.mark.parametrize(
    "place,iso",
    [
        ("Aleppo", "SY-HL"),
        ("Halab", "SY-HL"),
        ("حلب", "SY-HL"),
        ("Douma", "SY-RD"),
        ("دوما", "SY-RD"),
        ("Deir ez-Zor", "SY-DY"),
        ("Deir al-Zour", "SY-DY"),
        ("دير الزور", "SY-DY"),
        ("حي جوبر", "SY-DI"),
        ("Aleppo - al-Sukkari", "SY-HL"),
        ("ريف حلب", "SY-HL"),
        ("Damascus countryside", "SY-RD"),
        ("ريف دمشق", "SY-RD"),
        ("Douma, Rif Dimashq", "SY-RD"),
        ("Kafranbel", "SY-ID"),
        ("كفرنبل", "SY-ID"),
        ("Maarat al-Numan", "SY-ID"),
        ("معرة النعمان", "SY-ID"),
        ("Baba Amr", "SY-HI"),
        ("Ras al-Ain", "SY-HA"),
        ("Albukamal", "SY-DY"),
        ("Tal Abyad", "SY-RA"),
        ("Busra al-Sham", "SY-DR"),
        ("Quneitra", "SY-QU"),
    ],
)
def test_syrian_places_map_to_their_governorate_with_the_syria_pack(place, iso):
    assert place_to_governorate(place, SYRIA) == iso


@pytest.mark.parametrize(
    "place,iso",
    [
        ("Medellín", "CO-ANT"),
        ("Medellin", "CO-ANT"),
        ("MEDELLIN", "CO-ANT"),
        ("Apartadó, Antioquia", "CO-ANT"),
        ("municipio de Tumaco", "CO-NAR"),
        ("San Vicente del Caguán", "CO-CAQ"),
        ("Cali - Valle", "CO-VAC"),
        ("Bogotá D.C.", "CO-DC"),
        ("Cúcuta", "CO-NSA"),
        ("Bojayá (Chocó)", "CO-CHO"),
    ],
)
def test_colombian_places_map_to_their_department_with_the_colombia_pack(place, iso):
    assert place_to_governorate(place, COLOMBIA) == iso


def test_without_a_country_pack_no_place_is_mapped_to_anything():
    for place in ["Aleppo", "حلب", "Douma", "Medellín", "Antioquia", *ELSEWHERE]:
        assert place_to_governorate(place) is None, place
        assert place_to_governorate(place, NO_PACK) is None, place
        assert resolve_place(place).matched is False


def test_places_of_other_countries_are_not_mapped_into_the_chosen_pack():
    """Colombian places match by spelling; Syria's by sound, which lets look-alikes such as
    Bath (al-Baath) through: the pack is the guard, chosen by the user."""
    for place in ELSEWHERE:
        assert place_to_governorate(place, COLOMBIA) is None, place
    assert place_to_governorate("Aleppo", COLOMBIA) is None
    assert place_to_governorate("Medellín", SYRIA) is None


def test_ambiguous_and_unknown_places_infer_nothing():
    assert place_to_governorate("Qahtaniyah", SYRIA) is None  # in Quneitra and in al-Hasakah
    assert place_to_governorate("Aleppo, Idlib", SYRIA) is None  # the record contradicts itself
    assert place_to_governorate("somewhere else", SYRIA) is None
    assert place_to_governorate(None, SYRIA) is None
    assert place_to_governorate("Granada", COLOMBIA) is None  # Antioquia, Meta, Cundinamarca
    assert place_to_governorate("Granada, Meta", COLOMBIA) == "CO-MET"


def test_place_key_is_the_same_in_both_scripts():
    assert resolve_place("Douma", SYRIA).place_key == resolve_place("دوما", SYRIA).place_key
    assert resolve_place("Douma", SYRIA).place_key == "douma"
    assert resolve_place("Douma, Rif Dimashq", SYRIA).place_key == "douma"
    assert (
        resolve_place("Unlisted Village").place_key == resolve_place("unlisted  village").place_key
    )


def test_the_place_key_is_kept_without_a_pack():
    """Comparing places as written does not need a pack; mapping them to admin units does."""
    assert resolve_place("Douma").place_key == resolve_place("douma").place_key
    assert resolve_place("Douma").place_key != resolve_place("Harasta").place_key


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_any_text_resolves_without_error_and_maps_only_to_the_packs_units(text):
    for pack in (SYRIA, COLOMBIA):
        place = resolve_place(text, pack)
        assert place.governorate is None or place.governorate in pack.admin_codes
    assert resolve_place(text).governorate is None


@settings(max_examples=100, deadline=None)
@given(
    st.sampled_from(COLOMBIA.places),
    st.sampled_from(["{}", "{} ", "MUNICIPIO DE {}", "{}, Colombia"]),
)
def test_unambiguous_colombian_places_map_however_they_are_written(place, template):
    owners = {p.admin for p in COLOMBIA.places if p.name == place.name}
    expected = place.admin if len(owners) == 1 else None
    written = template.format(place.name)
    if COLOMBIA.admin_unit(place.name):
        expected = COLOMBIA.admin_unit(
            place.name
        )  # a name that is a department's is the department
    assert place_to_governorate(written, COLOMBIA) == expected, written


_town = st.lists(
    st.sampled_from(["ma", "ri", "po", "lo", "ka", "ve", "ny", "sh"]), min_size=2, max_size=4
)


@given(
    _town.map(lambda w: "".join(w).title()),
    _town.map(lambda w: "".join(w).title()),
    st.sampled_from(
        ["{} Oblast", "{} oblast", "{} Region", "Province of {}", "{} State", "{} Department"]
    ),
    st.sampled_from(["{}, {}", "{} ({})", "{}; {}"]),
)
def test_without_a_pack_the_first_level_part_is_left_out_of_the_place_key(town, unit, kind, joined):
    # 'Mariupol, Donetsk Oblast' in one list, 'Mariupol' in another: one place.
    written = joined.format(town, kind.format(unit))
    assert resolve_place(written).place_key == resolve_place(town).place_key
    assert resolve_place(written).governorate is None
    two_towns = joined.format(town, unit)  # no unit word: both parts are kept
    assert resolve_place(two_towns).place_key == resolve_place(f"{town} {unit}").place_key


def test_cyrillic_oblast_is_left_out_and_the_town_agrees_across_scripts():
    # Made-up town; the Ukrainian abbreviation обл. and the full word область.
    key = resolve_place("Mobirivka").place_key
    assert resolve_place("Мобірівка, Мобірська обл.").place_key == key
    assert resolve_place("Мобірівка (Мобірська область)").place_key == key


_code = st.tuples(
    st.text(alphabet="ABCDEFGHJKLMNPRSTUVWXYZ", min_size=1, max_size=3),
    st.integers(0, 99_999),
)


@settings(max_examples=200, deadline=None)
@given(_code, _code)
def test_place_codes_keep_their_digits(one, other):
    """A UN-style list gives place codes (P-codes such as SD04001), not names: two codes are
    one place only when they are one code (digits were dropped, and every code of a country
    was one place, agreeing for every pair of the list)."""
    written = [f"{letters}{number:05d}" for letters, number in (one, other)]
    for pack in (NO_PACK, SYRIA):
        keys = [resolve_place(code, pack).place_key for code in written]
        assert (keys[0] == keys[1]) == (written[0] == written[1]), written
        assert resolve_place(written[0].lower(), pack).place_key == keys[0]
    arabic_digits = written[0].translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    assert resolve_place(arabic_digits).place_key == resolve_place(written[0]).place_key


@given(
    st.lists(_town.map(lambda w: "".join(w).title()), min_size=3, max_size=6, unique=True),
    _town.map(lambda w: "Central " + "".join(w).title()),
)
def test_without_a_pack_a_part_written_after_many_places_is_left_out_of_the_key(towns, zone):
    # 'Axum, Central Tigray', 'Adwa, Central Tigray' in one list, 'Axum' in another: the zone
    # is a larger unit than the place, though no word says so. Made-up names.
    keys = {resolve_place(town).place_key for town in towns}
    assume(len(keys) == len(towns) and resolve_place(zone).place_key not in keys)
    written = [f"{town}, {zone}" for town in towns]
    coarser = coarser_parts(written)
    assert coarser == {resolve_place(zone).place_key}
    for town, text in zip(towns, written, strict=True):
        assert resolve_place(text, NO_PACK, coarser).place_key == resolve_place(town).place_key
    # written after one place only, a part is kept: 'Aleppo, Sukkari' is no zone of Aleppo
    assert coarser_parts([written[0], towns[1]]) == frozenset()


def test_without_a_pack_english_kind_words_are_left_out_of_the_key():
    for written in ("Mobiri Town", "near Mobiri", "Mobiri city", "mobiri village"):
        assert resolve_place(written).place_key == resolve_place("Mobiri").place_key


def test_normalize_leaves_out_the_parts_the_workspace_writes_after_many_places():
    from recount.names.workspace import normalize_records

    places = ["Mobiri, Central Kalo", "Tesan, Central Kalo", "Mobiri Town", "Mobiri", "Tesan"]
    records = pd.DataFrame(
        {"record_id": [f"a:{i}" for i in range(5)], "source_id": "a", "place": places}
    )
    keys = normalize_records(records, workers=1).to_pandas()["place_key"].tolist()
    assert keys[0] == keys[2] == keys[3] != keys[1] == keys[4]
    with_pack = normalize_records(records, workers=1, pack=SYRIA).to_pandas()["place_key"]
    assert with_pack[0] != with_pack[3]  # a pack says what its places are: no guess from data


UKRAINE = country_pack("UA")
_UNIT_FORMS = [
    (pack, form)
    for pack in (SYRIA, COLOMBIA, UKRAINE)
    for unit in pack.admin_units
    for form in unit.forms
]


@given(st.sampled_from(_UNIT_FORMS))
def test_a_place_written_as_a_first_level_unit_names_only_the_unit(pack_and_form):
    # 'Kherson' in a media list, 'Херсонська обл.' in a prosecutor's: the oblast, no town in it.
    pack, form = pack_and_form
    place = resolve_place(form, pack)
    assume(place.place_key is not None)
    assert place.unit_only


@given(st.sampled_from([(pack, p) for pack in (SYRIA, COLOMBIA, UKRAINE) for p in pack.places]))
def test_a_place_below_the_units_with_its_unit_written_after_it_is_a_place(pack_and_place):
    pack, known = pack_and_place
    unit = pack.admin_name(known.admin)
    assume(resolve_place(known.name, pack).governorate == known.admin)
    assume(not resolve_place(known.name, pack).unit_only)  # a city named as its unit
    assert not resolve_place(f"{known.name}, {unit}", pack).unit_only


def test_without_a_pack_only_parts_naming_a_unit_by_its_kind_name_only_the_unit():
    assert resolve_place("Donetsk Oblast").unit_only
    assert resolve_place("Донецька обл.").unit_only
    assert not resolve_place("Mariupol, Donetsk Oblast").unit_only
    assert not resolve_place("Mariupol").unit_only
    assert not resolve_place(
        "Axum, Central Tigray", coarser=frozenset({"central tigray"})
    ).unit_only
