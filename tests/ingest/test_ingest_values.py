"""Sex, status, governorate, age and dates as lists write them, in Arabic and English."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ingest_helpers import read_file

from recount.errors import ConfigError
from recount.ingest.dates import NO_DATE_WORDS, decide_dayfirst, parse_dates
from recount.ingest.values import (
    fold,
    recognise_age,
    recognise_governorate,
    recognise_sex,
    recognise_status,
)
from recount.reference import country_pack

ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


@pytest.mark.parametrize(
    ("raw", "sex"),
    [
        ("ذكر", "M"),
        ("أنثى", "F"),
        ("انثى", "F"),
        ("male", "M"),
        ("Female", "F"),
        ("M", "M"),
        ("f", "F"),
        (" MALE ", "M"),
    ],
)
def test_sex_words(raw, sex):
    assert recognise_sex([raw]) == [(sex, None)]


def test_unknown_and_unrecognised_sex():
    assert recognise_sex(["غير معروف", "unknown", "?", "child"]) == [
        (None, None),
        (None, None),
        (None, None),
        (None, "sex_unrecognised"),
    ]


@pytest.mark.parametrize(
    ("raw", "status"),
    [
        ("مدني", "civilian"),
        ("civilian", "civilian"),
        ("عسكري", "combatant"),
        ("مقاتل", "combatant"),
        ("Combatant", "combatant"),
        ("غير معروف", "unknown"),
    ],
)
def test_status_words(raw, status):
    assert recognise_status([raw]) == [(status, None)]


def test_unrecognised_status_is_unknown_and_flagged_never_inferred():
    assert recognise_status(["Free Syrian Army"]) == [("unknown", "status_unrecognised")]


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("حلب", "SY-HL"),
        ("ريف دمشق", "SY-RD"),
        ("Rural Damascus", "SY-RD"),
        ("SY07", "SY-ID"),
        ("Deir ez-Zor", "SY-DY"),
        ("محافظة درعا", "SY-DR"),
    ],
)
def test_governorates(raw, code):
    assert recognise_governorate([raw], country_pack("SY")) == [(code, None)]


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("Antioquia", "CO-ANT"),
        ("ANTIOQUIA", "CO-ANT"),
        ("Dpto. de Antioquia", "CO-ANT"),
        ("05", "CO-ANT"),
        ("5", "CO-ANT"),
        ("Bogotá D.C.", "CO-DC"),
        ("bogota", "CO-DC"),
        ("Nariño", "CO-NAR"),
        ("Narino", "CO-NAR"),
        ("N. de Santander", "CO-NSA"),
        ("Valle del Cauca", "CO-VAC"),
        ("CO-VAC", "CO-VAC"),
    ],
)
def test_colombian_departments(raw, code):
    assert recognise_governorate([raw], country_pack("CO")) == [(code, None)]


def test_admin_units_of_another_country_are_not_recognised():
    assert (
        recognise_governorate(["Aleppo", "SY-HL"], country_pack("CO"))
        == [(None, "governorate_unrecognised")] * 2
    )
    assert recognise_governorate(["Antioquia"], country_pack("SY")) == [
        (None, "governorate_unrecognised")
    ]


def test_without_a_country_pack_only_iso_codes_are_admin_units():
    assert recognise_governorate(["Aleppo", "حلب", "Antioquia", "co-ant", "SY-HL", "unknown"]) == [
        (None, "governorate_unrecognised"),
        (None, "governorate_unrecognised"),
        (None, "governorate_unrecognised"),
        ("CO-ANT", None),
        ("SY-HL", None),
        (None, None),
    ]


@given(st.integers(0, 120))
def test_ages_in_any_digits(age):
    for text in (
        str(age),
        str(age).translate(ARABIC_INDIC),
        f"{age} years",
        f"{age}.0",
        f"{age} سنة",
    ):
        assert recognise_age([text]) == [(age, None)], text


@given(
    st.integers(0, 120),
    st.sampled_from(["aprox. {}", "Aprox {}", "about {}", "~{}", "{}?", "{} aprox.", "حوالي {}"]),
)
def test_an_age_marked_as_a_guess_is_read_and_flagged(age, written):
    assert recognise_age([written.format(age)]) == [(age, "age_approximate")]


@pytest.mark.parametrize("written", ["NS", "ns/nr", "S/D", "Ignorado", "?"])
def test_spanish_words_for_an_unknown_age_are_missing_not_unparsed(written):
    assert recognise_age([written]) == [(None, None)]


@given(st.integers(121, 10_000) | st.integers(-10_000, -1))
def test_ages_out_of_range_are_null_and_flagged(age):
    assert recognise_age([str(age)]) == [(None, "age_out_of_range")]


# -- dates ----------------------------------------------------------------------------
DATES = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2024, 12, 31))
MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
MONTHS_LEVANT = [
    "كانون الثاني",
    "شباط",
    "آذار",
    "نيسان",
    "أيار",
    "حزيران",
    "تموز",
    "آب",
    "أيلول",
    "تشرين الأول",
    "تشرين الثاني",
    "كانون الأول",
]


@settings(max_examples=200)
@given(DATES)
def test_unambiguous_day_formats_round_trip(day):
    written = [
        day.isoformat(),
        f"{MONTHS_EN[day.month - 1]} {day.day} {day.year}",
        f"{MONTHS_EN[day.month - 1]} {day.day}, {day.year}",
        f"{day.day} {MONTHS_EN[day.month - 1]} {day.year}",
        f"{day.day} {MONTHS_LEVANT[day.month - 1]} {day.year}",
        day.isoformat().translate(ARABIC_INDIC),
        f"{day.isoformat()} 00:00:00",
        f"{day.year}/{day.month:02d}/{day.day:02d}",
    ]
    parsed, _ = parse_dates(written)
    for text, result in zip(written, parsed, strict=True):
        assert (result.date, result.precision) == (day, "day"), text


@settings(max_examples=200)
@given(DATES, st.booleans())
def test_slash_dates_follow_the_order_the_source_shows(day, dayfirst):
    settle = "17/12/2016" if dayfirst else "12/17/2016"
    text = (
        f"{day.day:02d}/{day.month:02d}/{day.year}"
        if dayfirst
        else f"{day.month:02d}/{day.day:02d}/{day.year}"
    )
    parsed, decided = parse_dates([settle, text.translate(ARABIC_INDIC)])
    assert decided is dayfirst
    assert (parsed[1].date, parsed[1].precision) == (day, "day")


def test_day_first_is_the_default_on_a_tie_and_config_can_force_it():
    assert decide_dayfirst(["05/06/2016"]) is True
    parsed, _ = parse_dates(["05/06/2016"], dayfirst=False)
    assert parsed[0].date == dt.date(2016, 5, 6)


def test_values_contradicting_the_source_order_are_flagged():
    parsed, decided = parse_dates(["17/12/2016", "18/12/2016", "12/19/2016"])
    assert decided is True
    assert parsed[2].date is None and parsed[2].flag == "date_order_conflict"


@pytest.mark.parametrize(
    ("raw", "date", "precision"),
    [
        ("2016", dt.date(2016, 1, 1), "year"),
        ("٢٠١٦", dt.date(2016, 1, 1), "year"),
        ("2016-12", dt.date(2016, 12, 1), "month"),
        ("12/2016", dt.date(2016, 12, 1), "month"),
        ("December 2016", dt.date(2016, 12, 1), "month"),
        ("كانون الأول 2016", dt.date(2016, 12, 1), "month"),
        ("ديسمبر ٢٠١٦", dt.date(2016, 12, 1), "month"),
        ("2016م", dt.date(2016, 1, 1), "year"),
        ("17-Dec-16", dt.date(2016, 12, 17), "day"),
    ],
)
def test_partial_dates_keep_their_precision(raw, date, precision):
    parsed, _ = parse_dates([raw])
    assert (parsed[0].date, parsed[0].precision, parsed[0].flag) == (date, precision, None)


def test_date_format_from_the_config():
    parsed, _ = parse_dates(["17.12.2016", "2016", "bad"], date_format="%d.%m.%Y")
    assert [(p.date, p.precision, p.flag) for p in parsed] == [
        (dt.date(2016, 12, 17), "day", None),
        (None, None, "date_unparsed"),
        (None, None, "date_unparsed"),
    ]


@settings(max_examples=300)
@given(st.integers(1900, 2025), st.integers(0, 99), st.integers(0, 99))
def test_an_impossible_day_or_month_keeps_what_still_holds(year, month, day):
    """31/02/2016 is February 2016 and 2016-13-45 is 2016, both flagged: a typo in the day
    must not throw away the year that tells namesakes apart."""
    (result,), _ = parse_dates([f"{year}-{month:02d}-{day:02d}"], today=dt.date(2026, 1, 1))
    try:
        exact = dt.date(year, month, day)
    except ValueError:
        exact = None
    if exact is not None:
        assert (result.date, result.precision, result.flag) == (exact, "day", None)
    elif 1 <= month <= 12:
        assert (result.date, result.precision) == (dt.date(year, month, 1), "month")
        assert result.flag == "date_invalid"
    else:
        assert (result.date, result.precision) == (dt.date(year, 1, 1), "year")
        assert result.flag == "date_invalid"


@given(st.text(max_size=30) | st.sampled_from(sorted(NO_DATE_WORDS)).map(str.upper))
def test_any_text_parses_or_is_flagged(text):
    parsed, _ = parse_dates([text])
    result = parsed[0]
    assert (result.date is None) == (result.precision is None)
    if result.date is None and text.strip():
        assert result.flag is not None or fold(text.strip()) in NO_DATE_WORDS


# -- [sources.values.FIELD] maps --------------------------------------------------------
def read(data: str, source: dict):
    with tempfile.TemporaryDirectory() as folder:
        return read_file(Path(folder), source, data.encode("utf-8"), "l.csv")


def test_values_maps_translate_a_sources_own_vocabulary():
    source = {
        "id": "s",
        "path": "l.csv",
        "columns": {"name": "name", "sex": "category", "status": "category", "place": "place"},
        "values": {
            "sex": {"Adult - Male": "M", "Adult - Female": "F", "Child": ""},
            "status": {"Adult - Male": "unknown", "Fighter (FSA)": "combatant"},
            "place": {"Dmsq": "Damascus"},
        },
    }
    data = "name,category,place\nA,Adult - Male,Dmsq\nB,adult - female,Homs\nC,Child,x\nD,Fighter (FSA),x\n"
    records = read(data, source).records
    assert records["sex"].tolist()[:2] == ["M", "F"]
    assert pd.isna(records["sex"][2]) and pd.isna(records["sex"][3])
    assert records["status"].tolist() == ["unknown", "unknown", "unknown", "combatant"]
    assert records["place"].tolist()[:2] == ["Damascus", "Homs"]
    issues = [None if pd.isna(v) else v for v in records["issues"]]
    assert issues == [None, "status_unrecognised", "status_unrecognised", "sex_unrecognised"]


@settings(max_examples=30, deadline=None)
@given(
    st.lists(st.sampled_from(["H", "h", "M", "m", " M", "Hombre", "Mujer"]), min_size=1, max_size=9)
)
def test_h_and_m_without_f_are_hombre_and_mujer(cells):
    """A Spanish list's M is a woman beside H; the same M beside F (or alone) is a man."""
    source = {"id": "s", "path": "l.csv", "columns": {"name": "name", "sex": "sex"}}
    data = "name,sex\n" + "".join(f"A{i},{cell}\n" for i, cell in enumerate(cells))
    letters = {cell.strip().lower() for cell in cells}
    spanish = {"h", "m"} <= letters
    expected = [
        "M"
        if cell.strip().lower() in ("h", "hombre")
        else "F"
        if spanish or cell == "Mujer"
        else "M"
        for cell in cells
    ]
    assert read(data, source).records["sex"].tolist() == expected


def test_a_sources_own_sex_map_goes_before_the_letters_reading():
    source = {
        "id": "s",
        "path": "l.csv",
        "columns": {"name": "name", "sex": "sex"},
        "values": {"sex": {"M": "M", "H": ""}},
    }
    records = read("name,sex\nA,H\nB,M\n", source).records
    assert pd.isna(records["sex"][0]) and records["sex"][1] == "M"


def test_m_beside_f_stays_male():
    source = {"id": "s", "path": "l.csv", "columns": {"name": "name", "sex": "sex"}}
    records = read("name,sex\nA,H\nB,M\nC,F\n", source).records
    assert records["sex"].tolist() == ["M", "M", "F"]


def test_a_values_map_target_that_is_not_a_value_names_the_key():
    source = {
        "id": "s",
        "path": "l.csv",
        "columns": {"name": "name", "sex": "sex"},
        "values": {"sex": {"Adult - Male": "male person"}},
    }
    with pytest.raises(ConfigError) as caught:
        read("name,sex\nA,Adult - Male\n", source)
    assert caught.value.key == "sources.s.values.sex.'Adult - Male'"
    assert '"M", "F"' in str(caught.value)


@pytest.mark.parametrize(
    ("raw", "sex", "status"),
    [
        ("ч", "M", None),
        ("Чол.", "M", None),
        ("муж", "M", None),
        ("ж", "F", None),
        ("Жінка", "F", None),
        ("жен.", "F", None),
        (None, None, "цивільний"),
        (None, None, "Мирный житель"),
        (None, None, "військовослужбовець"),
        (None, None, "военный"),
    ],
)
def test_ukrainian_and_russian_sex_and_status_words(raw, sex, status):
    if raw is not None:
        assert recognise_sex([raw]) == [(sex, None)]
    else:
        expected = "combatant" if status.startswith(("війсь", "воен")) else "civilian"
        assert recognise_status([status]) == [(expected, None)]


UK_GENITIVE = (
    "січня лютого березня квітня травня червня липня серпня вересня жовтня листопада грудня"
)
RU_GENITIVE = "января февраля марта апреля мая июня июля августа сентября октября ноября декабря"
UK_NOMINATIVE = (
    "січень лютий березень квітень травень червень липень серпень вересень жовтень листопад грудень"
)


@settings(max_examples=200)
@given(DATES)
def test_ukrainian_and_russian_month_names_and_year_words(day):
    uk, ru = UK_GENITIVE.split()[day.month - 1], RU_GENITIVE.split()[day.month - 1]
    days = [
        f"{day.day} {uk} {day.year} р.",
        f"{day.day} {ru} {day.year} г.",
        f"{day.day} {ru} {day.year} года",
    ]
    month = UK_NOMINATIVE.split()[day.month - 1].title() + f" {day.year} року"
    parsed, _ = parse_dates([*days, month])
    for text, result in zip(days, parsed[:-1], strict=True):
        assert (result.date, result.precision, result.flag) == (day, "day", None), text
    assert (parsed[-1].date, parsed[-1].precision) == (day.replace(day=1), "month")


MONTHS_EGYPT = "يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر"


@settings(max_examples=200)
@given(DATES, st.sampled_from(["Early", "mid", "Mid-", "late", "beginning of", "end of"]))
def test_a_part_of_a_month_is_the_month(day, part):
    """'Early June 2023' and 'أوائل يونيو ٢٠٢٣' (Sudanese and Egyptian month names) say the
    month and no day: month precision, never a guessed day, never unparsed."""
    arabic = MONTHS_EGYPT.split()[day.month - 1]
    written = [
        f"{part}{'' if part.endswith('-') else ' '}{MONTHS_EN[day.month - 1]} {day.year}",
        f"أوائل {arabic} {day.year}".translate(ARABIC_INDIC),
        f"منتصف {arabic} {day.year}",
        f"أواخر {arabic} {day.year}",
        f"mediados de {['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'][day.month - 1]} de {day.year}",
    ]
    parsed, _ = parse_dates(written)
    for text, result in zip(written, parsed, strict=True):
        assert (result.date, result.precision, result.flag) == (
            day.replace(day=1),
            "month",
            None,
        ), text
    late, _ = parse_dates([f"late {day.year}"])
    assert (late[0].date, late[0].precision) == (day.replace(month=1, day=1), "year")


def test_the_first_of_a_month_is_a_day_not_a_part_of_the_month():
    # "أول يونيو" is the first of June, never "early June": left unparsed rather than guessed
    parsed, _ = parse_dates(["أول يونيو 2023", "early", "early 5 June 2023"])
    assert [p.flag for p in parsed] == ["date_unparsed"] * 3
