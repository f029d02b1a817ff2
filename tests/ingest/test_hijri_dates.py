"""Dates in the Hijri calendar, as Yemeni, Saudi and Gulf lists write them beside Gregorian ones."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from recount.cli import app
from recount.ingest import calendars
from recount.ingest.dates import GREGORIAN, READ_HIJRI, parse_dates
from recount.workspace import Workspace

runner = CliRunner()
_dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))
ARABIC_MONTH = [names[0] for names in calendars.HIJRI_MONTHS.values()]
TODAY = dt.date(2101, 1, 1)


@given(_dates)
def test_gregorian_to_hijri_and_back_is_the_same_day(date):
    year, month, day = calendars.hijri_from_gregorian(date)
    assert 1 <= month <= 12 and 1 <= day <= calendars.hijri_month_days(year, month)
    assert calendars.hijri_to_gregorian(year, month, day) == date
    following = calendars.hijri_from_gregorian(date + dt.timedelta(days=1))
    if day < calendars.hijri_month_days(year, month):
        assert following == (year, month, day + 1)
    else:
        assert following[2] == 1 and following[:2] in ((year, month + 1), (year + 1, 1))


def test_known_days_within_two_days_of_the_sighted_calendar():
    assert calendars.hijri_to_gregorian(1, 1, 1) == dt.date(622, 7, 19)  # 16 July 622, Julian
    # Umm al-Qura: 1 Muharram 1440 was 11 September 2018, 1 Ramadan 1443 2 April 2022
    for hijri, sighted in [
        ((1440, 1, 1), dt.date(2018, 9, 11)),
        ((1443, 9, 1), dt.date(2022, 4, 2)),
    ]:
        assert abs((calendars.hijri_to_gregorian(*hijri) - sighted).days) <= 2


@settings(max_examples=200, deadline=None)
@given(
    st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2090, 12, 31)),
    st.sampled_from(["{d:02d}/{m:02d}/{y}هـ", "{d} {M} {y}هـ", "{d} {M} {y}", "{y}/{m}/{d} هـ",
                     "{d}/{m}/{y} AH", "{d}-{m}-{y}H", "{d} {L} {y}"]),
    st.booleans(),
)  # fmt: skip
def test_a_hijri_date_reads_as_its_gregorian_day(date, pattern, arabic_digits):
    year, month, day = calendars.hijri_from_gregorian(date)
    latin = calendars.HIJRI_MONTHS[month][1].title()
    text = pattern.format(M=ARABIC_MONTH[month - 1], L=latin, d=day, m=month, y=year)
    if arabic_digits:
        text = text.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    (parsed,), _ = parse_dates([text], today=TODAY)
    assert (parsed.date, parsed.precision, parsed.flag) == (date, "day", None), text


def test_a_hijri_month_or_year_keeps_its_precision():
    (month, year), _ = parse_dates(["رمضان 1443", "1437هـ"], today=TODAY)
    assert (month.date, month.precision) == (dt.date(2022, 4, 1), "month")
    assert (year.date, year.precision) == (dt.date(2016, 1, 1), "year")


def test_bare_dates_in_the_years_of_a_lists_marked_hijri_dates_are_hijri_and_flagged():
    # A monitor's list mixes 15/06/1437هـ, the same without its mark, and Gregorian dates.
    values = ["15/06/1437هـ", "16/06/1437", "1437/06/17", "24/03/2016م", "2016/03/24"]
    parsed, _ = parse_dates(values, today=TODAY)
    assert [p.date for p in parsed] == [
        dt.date(2016, 3, 25), dt.date(2016, 3, 26), dt.date(2016, 3, 27),
        dt.date(2016, 3, 24), dt.date(2016, 3, 24),
    ]  # fmt: skip
    assert [p.flag for p in parsed] == [None, READ_HIJRI, READ_HIJRI, None, None]
    # without a marked Hijri date, or where the list says its dates are Gregorian, a year 1437
    # is a year 1437 (a historical register)
    (alone,), _ = parse_dates(["16/06/1437"], today=TODAY)
    assert (alone.date, alone.flag) == (dt.date(1437, 6, 16), None)
    declared, _ = parse_dates(values[:2], calendar=GREGORIAN, today=TODAY)
    assert declared[1].date == dt.date(1437, 6, 16)


@given(
    st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2090, 12, 31)),
    st.sampled_from(sorted(calendars.HIJRI_MONTHS)),
)
def test_a_hijri_month_named_with_a_gregorian_year_leaves_the_lists_bare_dates_gregorian(
    date, month
):
    # 'Ramadan 2016' names the month in the Gregorian year: as a Hijri year it lies centuries
    # ahead, and must not make the list's bare dates of 2016 Hijri
    named = f"{calendars.HIJRI_MONTHS[month][1]} {date.year}"
    parsed, _ = parse_dates([named, date.strftime("%d/%m/%Y")], today=TODAY)
    assert (parsed[1].date, parsed[1].flag) == (date, None)


MONITOR_CSV = (
    "الاسم,اسم الأب,اللقب,الجنس,تاريخ الاستشهاد,المحافظة\n"
    "علي,صالح,الريمي,ذكر,15/06/1437هـ,تعز\n"
    "خالد,أحمد,الصبري,ذكر,١٦ جمادى الآخرة ١٤٣٧هـ,تعز\n"
    "فاطمة,علي,الريمي,أنثى,17/06/1437,تعز\n"
    "سعيد,قاسم,العبسي,ذكر,24/03/2016م,عدن\n"
)


def test_a_list_dating_in_hijri_and_gregorian_is_ingested_with_gregorian_dates(tmp_path):
    assert runner.invoke(app, ["init", str(tmp_path)]).exit_code == 0
    (tmp_path / "monitor.csv").write_text(MONITOR_CSV, encoding="utf-8")
    block = runner.invoke(
        app, ["sources", "suggest", str(tmp_path / "monitor.csv"), "-w", str(tmp_path)]
    ).stdout
    with open(tmp_path / "recount.toml", "a", encoding="utf-8") as config:
        config.write("\n" + block)
    result = runner.invoke(app, ["ingest", "-w", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert f"{READ_HIJRI}: dates written without a calendar's mark" in result.output
    records = Workspace(tmp_path).query(
        "select date_of_death, issues from records order by source_row"
    )
    assert records["date_of_death"].dt.date.tolist() == [
        dt.date(2016, 3, 25), dt.date(2016, 3, 26), dt.date(2016, 3, 27), dt.date(2016, 3, 24)
    ]  # fmt: skip
    issues = records["issues"].fillna("").tolist()
    assert [READ_HIJRI in i for i in issues] == [False, False, True, False]
    assert not any("date_unparsed" in i for i in issues)
