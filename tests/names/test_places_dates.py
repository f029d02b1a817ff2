"""Places to governorates through the gazetteer, and date flags."""

from __future__ import annotations

import datetime as dt

import pytest

from recount.errors import ConfigError
from recount.names import place_to_governorate, resolve_place
from recount.names.dates import date_flag
from recount.settings import NamesSettings


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
def test_places_map_to_their_governorate(place, iso):
    assert place_to_governorate(place) == iso


def test_ambiguous_and_unknown_places_infer_nothing():
    assert place_to_governorate("Qahtaniyah") is None  # in Quneitra and in al-Hasakah
    assert place_to_governorate("Aleppo, Idlib") is None  # the record contradicts itself
    assert place_to_governorate("somewhere else") is None
    assert place_to_governorate(None) is None


def test_place_key_is_the_same_in_both_scripts():
    assert resolve_place("Douma").place_key == resolve_place("دوما").place_key == "douma"
    assert resolve_place("Douma, Rif Dimashq").place_key == "douma"
    assert (
        resolve_place("Unlisted Village").place_key == resolve_place("unlisted  village").place_key
    )


def test_gazetteer_names_its_sources():
    from importlib import resources

    text = (
        resources.files("recount.names")
        .joinpath("data")
        .joinpath("gazetteer.csv")
        .read_text("utf-8")
    )
    assert "Sources:" in text and "OCHA" in text


TODAY = dt.date(2026, 1, 1)


@pytest.mark.parametrize(
    "date,precision,raw,flag",
    [
        (dt.date(2013, 5, 2), "day", "2/5/2013", None),
        (dt.date(2009, 5, 2), "day", "2/5/2009", "before_period"),
        (dt.date(2011, 1, 1), "year", "2011", None),
        (dt.date(2011, 1, 1), "month", "2011-01", "before_period"),
        (dt.date(2011, 3, 1), "month", "2011-03", None),
        (dt.date(2030, 1, 1), "day", "2030-01-01", "in_future"),
        (None, None, "sometime", "unparsed"),
        (None, None, None, None),
    ],
)
def test_date_flags(date, precision, raw, flag):
    assert date_flag(date, precision, raw, today=TODAY) == flag


def test_period_start_from_config():
    assert NamesSettings().earliest_date == dt.date(2011, 3, 1)
    assert NamesSettings.parse({"earliest_date": "1998-01-01"}).earliest_date == dt.date(1998, 1, 1)
    assert NamesSettings.parse({"earliest_date": dt.date(2000, 1, 1)}).earliest_date == dt.date(
        2000, 1, 1
    )
    with pytest.raises(ConfigError, match="names.earliest_date"):
        NamesSettings.parse({"earliest_date": "March"})
