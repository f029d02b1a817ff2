"""Country packs: their data is complete and consistent, and lookups use one pack only."""

from __future__ import annotations

import re
import tomllib
from importlib import resources

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from recount.cli import app
from recount.config import parse_config
from recount.errors import ConfigError
from recount.names.arabic import has_arabic
from recount.reference import NO_PACK, available_packs, country_pack

SYRIA = country_pack("SY")
COLOMBIA = country_pack("CO")
UKRAINE = country_pack("UA")
# ISO 3166-2:CO: 32 departments and the Capital District.
CO_CODES = set(
    "CO-AMA CO-ANT CO-ARA CO-ATL CO-BOL CO-BOY CO-CAL CO-CAQ CO-CAS CO-CAU CO-CES CO-CHO CO-COR "
    "CO-CUN CO-DC CO-GUA CO-GUV CO-HUI CO-LAG CO-MAG CO-MET CO-NAR CO-NSA CO-PUT CO-QUI CO-RIS "
    "CO-SAN CO-SAP CO-SUC CO-TOL CO-VAC CO-VAU CO-VID".split()
)
SY_CODES = set(
    "SY-DI SY-HL SY-RD SY-HI SY-HM SY-LA SY-ID SY-HA SY-DY SY-TA SY-RA SY-DR SY-SU SY-QU".split()
)
# ISO 3166-2:UA: 24 oblasts, the Autonomous Republic of Crimea, Kyiv and Sevastopol.
UA_CODES = set(
    "UA-05 UA-07 UA-09 UA-12 UA-14 UA-18 UA-21 UA-23 UA-26 UA-30 UA-32 UA-35 UA-40 UA-43 UA-46 "
    "UA-48 UA-51 UA-53 UA-56 UA-59 UA-61 UA-63 UA-65 UA-68 UA-71 UA-74 UA-77".split()
)
PACKS = pytest.mark.parametrize("pack", [SYRIA, COLOMBIA, UKRAINE], ids=["SY", "CO", "UA"])


def test_shipped_packs():
    assert available_packs() == ("CO", "SY", "UA")
    assert SYRIA.admin_word == "governorate" and COLOMBIA.admin_word == "department"
    assert UKRAINE.admin_word == "oblast"
    assert set(SYRIA.admin_codes) == SY_CODES
    assert set(COLOMBIA.admin_codes) == CO_CODES
    assert set(UKRAINE.admin_codes) == UA_CODES


@PACKS
def test_every_place_lies_in_one_of_the_packs_units_and_every_unit_has_places(pack):
    codes = set(pack.admin_codes)
    assert len(pack.places) > 100
    for place in pack.places:
        assert place.admin in codes, place
        assert place.name and place.kind, place
    assert {p.admin for p in pack.places} == codes


def test_syrian_places_carry_their_arabic_name():
    for place in SYRIA.places:
        assert has_arabic(place.name_local or ""), place
    for unit in SYRIA.admin_units:
        assert has_arabic(unit.name_local) and re.fullmatch(r"SY\d\d", unit.pcode), unit


def test_colombian_units_carry_their_dane_code():
    assert sorted(u.pcode for u in COLOMBIA.admin_units) == sorted(
        "05 08 11 13 15 17 18 19 20 23 25 27 41 44 47 50 52 54 63 66 68 70 73 76 81 85 86 88 "
        "91 94 95 97 99".split()
    )


def test_pack_files_name_their_sources():
    for code in available_packs():
        folder = resources.files("recount.reference").joinpath("data", code.lower())
        for name in ("admin1.csv", "places.csv"):
            assert "Sources:" in folder.joinpath(name).read_text("utf-8"), (code, name)


@PACKS
def test_every_name_code_and_national_code_finds_its_unit(pack):
    for unit in pack.admin_units:
        for form in (*unit.forms, unit.code, unit.code.lower(), unit.pcode):
            assert pack.admin_unit(form) == unit.code, form
        assert pack.admin_unit(unit.name.upper()) == unit.code


@given(st.text(max_size=30))
def test_lookups_never_leave_the_pack(text):
    assert SYRIA.admin_unit(text) in (None, *SY_CODES)
    assert COLOMBIA.admin_unit(text) in (None, *CO_CODES)
    assert UKRAINE.admin_unit(text) in (None, *UA_CODES)
    found = NO_PACK.admin_unit(text)
    assert found is None or re.fullmatch(r"[A-Z]{2}-[A-Z0-9]{1,3}", found)


# Countries with no shipped pack: their first-level units as ISO 3166-2 names them.
GUATEMALA = country_pack("GT")
SUDAN = country_pack("SD")


def test_a_country_without_a_pack_has_its_iso_3166_2_units():
    assert "GT" not in available_packs() and "SD" not in available_packs()
    assert len(GUATEMALA.admin_units) == 22 and GUATEMALA.admin_word == "department"
    assert GUATEMALA.admin_word_plural == "departments" and GUATEMALA.name == "Guatemala"
    assert len(SUDAN.admin_units) == 18 and SUDAN.admin_word_plural == "states"
    assert country_pack("gt") is GUATEMALA and GUATEMALA.places == ()
    assert GUATEMALA.names.parts == () and SUDAN.names.order == "given_first"
    for pack, written, code in [
        (GUATEMALA, "QUICHÉ", "GT-14"),
        (GUATEMALA, "Quiche", "GT-14"),
        (GUATEMALA, "Departamento de Huehuetenango", "GT-13"),
        (GUATEMALA, "EL QUICHE", "GT-14"),
        (GUATEMALA, "Depto. de Quiché", "GT-14"),
        (GUATEMALA, "Progreso", "GT-02"),
        (GUATEMALA, "Petén", "GT-17"),
        (GUATEMALA, "gt-17", "GT-17"),
        (SUDAN, "North Darfur State", "SD-DN"),
        (SUDAN, "Khartoum", "SD-KH"),
    ]:
        assert pack.admin_unit(written) == code, written
    assert SUDAN.admin_unit("Huehuetenango") is None and GUATEMALA.admin_unit("Darfur") is None
    assert [m.code for m in SUDAN.find_places("Fighting in North Darfur and Khartoum")] == [
        "SD-DN",
        "SD-KH",
    ]
    for code in ("UK", "XX", "AQ", "Guatemala"):  # not a code, none, no first-level units
        with pytest.raises(ConfigError):
            country_pack(code)


def test_a_units_compass_word_is_read_in_any_of_the_languages_lists_write_it():
    congo, cameroon = country_pack("CD"), country_pack("CM")
    for pack, written, code in [
        (congo, "North Kivu", "CD-NK"),  # ISO 3166-2 writes it Nord-Kivu
        (congo, "South Kivu Province", "CD-SK"),
        (congo, "East Kasai", "CD-KE"),  # Kasaï Oriental
        (congo, "Upper Katanga", "CD-HK"),  # Haut-Katanga
        (congo, "Nord-Kivu", "CD-NK"),
        (cameroon, "Nord-Ouest", "CM-NW"),  # North-West
        (SUDAN, "Darfur Nord", "SD-DN"),
    ]:
        assert pack.admin_unit(written) == code, written
    assert congo.admin_unit("West Kivu") is None and congo.admin_unit("Kivu") is None
    assert SYRIA.admin_unit("North Aleppo") is None


def test_iso_names_are_found_without_their_ayn_marks_and_brackets():
    # ISO writes Tāʻizz and Şāʻdah with a modifier letter for the ayn (a letter to a regex's \w,
    # where its ’ and ‘ are punctuation), and Amānat al ‘Āşimah [city] with its kind in brackets
    yemen, spain = country_pack("YE"), country_pack("ES")
    for pack, written, code in [
        (yemen, "Taizz", "YE-TA"),
        (yemen, "Sadah", "YE-SD"),
        (yemen, "Amanat Al Asimah", "YE-SA"),
        (yemen, "Marib", "YE-MA"),  # ’ as before
        (spain, "Catalunya", "ES-CT"),  # Catalunya [Cataluña]
        (spain, "Cataluña", "ES-CT"),
    ]:
        assert pack.admin_unit(written) == code, written
    assert yemen.admin_unit("city") is None  # a bracket's kind is no name
    # the Russian 'Сана [город]' (the city) is not read as 'Сана' (the governorate)
    assert yemen.admin_unit("Сана") == "YE-SN"


@given(st.lists(st.sampled_from(["north", "Sud", "est", "Kivu", "Darfur", "central", "-", " "])))
def test_compass_lookups_never_leave_the_country(words):
    text = " ".join(words)
    assert country_pack("CD").admin_unit(text) in (None, *country_pack("CD").admin_codes)
    assert SUDAN.admin_unit(text) in (None, *SUDAN.admin_codes)


@given(st.text(max_size=30))
def test_iso_lookups_never_leave_the_country(text):
    assert GUATEMALA.admin_unit(text) in (None, *GUATEMALA.admin_codes)
    assert SUDAN.admin_unit(text) in (None, *SUDAN.admin_codes)


def test_no_pack_maps_no_name_and_knows_no_place():
    assert NO_PACK.admin_unit("Aleppo") is None and NO_PACK.admin_unit("Antioquia") is None
    assert NO_PACK.admin_unit(" sy-hl ") == "SY-HL"
    assert NO_PACK.find_places("Shelling in Aleppo and Medellín") == []
    assert NO_PACK.admin_name("SY-HL") == "SY-HL"


def test_find_places_in_text_for_stages_that_read_text():
    mentions = SYRIA.find_places("Shelling in Idlib and Douma; في حلب أيضا")
    assert [(m.text, m.code, m.level) for m in mentions] == [
        ("Idlib", "SY-ID", "admin1"),
        ("Douma", "SY-RD", "place"),
        ("حلب", "SY-HL", "admin1"),
    ]
    mentions = COLOMBIA.find_places("Masacre en Apartado (Antioquia) y en Granada")
    assert [(m.name, m.code, m.level) for m in mentions] == [
        ("Apartadó", "CO-ANT", "place"),
        ("Antioquia", "CO-ANT", "admin1"),
        ("Granada", None, "place"),  # a municipality of three departments
    ]
    text = "Masacre en Apartado"
    m = COLOMBIA.find_places(text)[0]
    assert text[m.start : m.end] == m.text == "Apartado"


def test_ukrainian_units_in_three_scripts_and_the_two_kyivs_apart():
    for written, code in [
        ("Donetsk Oblast", "UA-14"),
        ("Донецька область", "UA-14"),
        ("Донецька обл.", "UA-14"),
        ("Донецкая область", "UA-14"),
        ("Kharkiv", "UA-63"),
        ("Kharkov", "UA-63"),
        ("Харьковская обл.", "UA-63"),
        ("Kyiv", "UA-30"),
        ("м. Київ", "UA-30"),
        ("Kyiv Oblast", "UA-32"),
        ("Київська область", "UA-32"),
        ("АР Крим", "UA-43"),
        ("Crimea", "UA-43"),
        ("UA-14", "UA-14"),
        ("UA14", "UA-14"),
    ]:
        assert UKRAINE.admin_unit(written) == code, written
    for unit in UKRAINE.admin_units:
        assert re.fullmatch(r"UA\d\d", unit.pcode), unit
        assert unit.name_local and not unit.name_local.isascii(), unit


def test_ukrainian_places_in_ukrainian_russian_and_latin():
    from recount.names.places import resolve_place

    for written in ("Маріуполь", "Мариуполь", "Mariupol, Donetsk Oblast", "м. Маріуполь"):
        place = resolve_place(written, UKRAINE)
        assert (place.governorate, place.place_key) == ("UA-14", "mariupol"), written
    for written, code in [
        ("Бахмут", "UA-14"),
        ("Artemovsk", "UA-14"),
        ("Ізюм", "UA-63"),
        ("Izyum", "UA-63"),
        ("Куп'янськ", "UA-63"),
        ("Буча", "UA-32"),
        ("Ирпень", "UA-32"),
        ("Сєвєродонецьк", "UA-09"),
        ("Severodonetsk", "UA-09"),
        ("Авдеевка", "UA-14"),
        ("Kyiv", "UA-30"),
    ]:
        assert resolve_place(written, UKRAINE).governorate == code, written
    mentions = UKRAINE.find_places("Shelling of Bakhmut and Kharkiv Oblast")
    assert [(m.name, m.code, m.level) for m in mentions] == [
        ("Bakhmut", "UA-14", "place"),
        ("Kharkiv Oblast", "UA-63", "admin1"),
    ]


def test_ukrainian_places_have_one_sound_each():
    """By sound (match = phonetic), two towns of different oblasts must not share a key."""
    from recount.names.places import place_words_key

    owners: dict[str, set[str]] = {}
    for place in UKRAINE.places:
        for form in place.forms:
            owners.setdefault(place_words_key(form), set()).add(place.admin)
    assert {key: codes for key, codes in owners.items() if len(codes) > 1} == {}


def test_name_conventions():
    assert SYRIA.names.parts == ("given", "father", "grandfather", "family")
    assert "de la" in COLOMBIA.names.particles
    assert COLOMBIA.names.nicknames["pacho"] == "francisco"
    assert UKRAINE.names.scripts == ("cyrillic", "latin")
    assert UKRAINE.names.equivalents["nikolai"] == "mykola"
    assert "ovich" in UKRAINE.names.patronymics["male"]
    assert not (SYRIA.names.equivalents or COLOMBIA.names.equivalents)
    assert not (SYRIA.names.spelling or COLOMBIA.names.patronymics)
    assert ("z", "s") in COLOMBIA.names.spelling


def test_project_country_chooses_the_pack(tmp_path):
    config = parse_config(
        {
            "project": {"country": "co"},
            "sources": [{"id": "a", "path": "a.csv", "columns": {"name": "n"}}],
        },
        tmp_path / "recount.toml",
    )
    assert config.country == "CO" and config.sources[0].country == "CO"
    assert parse_config({}, tmp_path / "recount.toml").country is None
    with pytest.raises(ConfigError) as error:
        parse_config({"project": {"country": "Syria"}}, tmp_path / "recount.toml")
    assert error.value.key == "project.country" and "CO, SY, UA" in str(error.value)
    with pytest.raises(ConfigError):
        country_pack("XX")


def test_init_with_a_country_no_pack_covers_says_to_leave_it_out(tmp_path):
    # A British team types --country UK (ISO 3166-1 says GB): the message says what a
    # workspace without a country does.
    result = CliRunner().invoke(app, ["init", str(tmp_path / "ws"), "--country", "UK"])
    assert result.exit_code != 0
    said = " ".join(result.output.replace("│", " ").split())
    assert "ships packs for CO, SY, UA" in said and "ISO 3166-1 alpha-2" in said
    assert "leave it out" in said
    assert not (tmp_path / "ws" / "recount.toml").exists()
    assert CliRunner().invoke(app, ["init", str(tmp_path / "ws")]).exit_code == 0


def _uncommented(text: str) -> str:
    return "\n".join(line.split("#", 1)[0] for line in text.splitlines())


def test_init_without_a_country_assumes_none(tmp_path):
    # A team in a country with no pack: its recount.toml names no Syrian column, date or
    # governorate stratum, which without a pack would be one 'unknown' stratum.
    assert CliRunner().invoke(app, ["init", str(tmp_path / "ws")]).exit_code == 0
    written = (tmp_path / "ws" / "recount.toml").read_text(encoding="utf-8")
    assert not has_arabic(written) and "2011-03" not in written and "vdc" not in written
    assert "governorate" not in _uncommented(written)
    config = parse_config(tomllib.loads(written), tmp_path / "ws" / "recount.toml")
    assert config.country is None and config.estimate.strata == ("year",)


@pytest.mark.parametrize("code", [*available_packs(), "GT", "SD"])
def test_init_with_a_country_strata_by_its_admin_units(tmp_path, code):
    result = CliRunner().invoke(app, ["init", str(tmp_path / "ws"), "--country", code.lower()])
    assert result.exit_code == 0
    written = (tmp_path / "ws" / "recount.toml").read_text(encoding="utf-8")
    config = parse_config(tomllib.loads(written), tmp_path / "ws" / "recount.toml")
    assert config.country == code and config.estimate.strata == ("governorate", "year")
    assert country_pack(code).admin_word_plural in written
