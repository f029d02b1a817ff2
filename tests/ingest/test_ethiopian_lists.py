"""Ethiopian lists: Ge'ez headers and values, dates in the Ethiopian calendar (issue #13)."""

from __future__ import annotations

import datetime as dt
import tomllib

from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from recount.cli import app
from recount.ingest import calendars
from recount.ingest.dates import parse_dates
from recount.ingest.suggest import suggest_source
from recount.workspace import Workspace

runner = CliRunner()
_dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))
GEEZ_MONTH = [names[0] for names in calendars.ETHIOPIAN_MONTHS.values()]


@given(_dates)
def test_gregorian_to_ethiopian_and_back_is_the_same_day(date):
    year, month, day = calendars.from_gregorian(date)
    assert 1 <= month <= 13 and 1 <= day <= calendars.month_days(year, month)
    assert calendars.to_gregorian(year, month, day) == date
    # the next day is the next Ethiopian day: no gap and no overlap between months or years
    following = calendars.from_gregorian(date + dt.timedelta(days=1))
    if day < calendars.month_days(year, month):
        assert following == (year, month, day + 1)
    else:
        assert following[2] == 1 and following[:2] in ((year, month + 1), (year + 1, 1))


def test_known_days():
    assert calendars.to_gregorian(2013, 1, 1) == dt.date(2020, 9, 11)  # Enkutatash
    assert calendars.to_gregorian(2012, 1, 1) == dt.date(2019, 9, 12)  # after a leap Pagume
    assert calendars.to_gregorian(2013, 3, 19) == dt.date(2020, 11, 28)
    assert calendars.to_gregorian(2011, 13, 6) == dt.date(2019, 9, 11)


@settings(max_examples=200, deadline=None)
@given(_dates, st.sampled_from(["{M} {d} {y}", "{d:02d}/{m:02d}/{y} ዓ.ም.", "{d}/{m}/{y} E.C.",
                                "{d}.{m}.{y}ዓ.ም", "{L} {d}, {y}"]))  # fmt: skip
def test_an_ethiopian_date_reads_as_its_gregorian_day(date, pattern):
    year, month, day = calendars.from_gregorian(date)
    latin = calendars.ETHIOPIAN_MONTHS[month][-3].title()
    text = pattern.format(M=GEEZ_MONTH[month - 1], L=latin, d=day, m=month, y=year)
    (parsed,), _ = parse_dates([text], today=dt.date(2101, 1, 1))
    assert (parsed.date, parsed.precision, parsed.flag) == (date, "day", None), text


@given(_dates)
def test_an_ethiopian_month_is_the_gregorian_month_of_its_middle(date):
    year, month, _ = calendars.from_gregorian(date)
    (parsed,), _ = parse_dates([f"{GEEZ_MONTH[month - 1]} {year}"], today=dt.date(2101, 1, 1))
    middle = calendars.to_gregorian(year, month, min(15, calendars.month_days(year, month)))
    assert (parsed.date, parsed.precision) == (middle.replace(day=1), "month")


def test_a_source_that_dates_in_the_ethiopian_calendar_reads_its_bare_dates_so_too():
    # Without the era a date 19/03/2013 is Gregorian 2013 in another list, seven years off.
    marked = ["19/03/2013 ዓ.ም.", "ሕዳር 20 2013", "19/03/2013"]
    parsed, _ = parse_dates(marked, today=dt.date(2026, 1, 1))
    assert [p.date for p in parsed] == [
        dt.date(2020, 11, 28),
        dt.date(2020, 11, 29),
        dt.date(2020, 11, 28),
    ]
    gregorian = ["19/03/2013", "28/11/2020", "19/03/2013 ዓ.ም."]
    parsed, _ = parse_dates(gregorian, today=dt.date(2026, 1, 1))
    assert [p.date for p in parsed] == [
        dt.date(2013, 3, 19),
        dt.date(2020, 11, 28),
        dt.date(2020, 11, 28),
    ]
    (pagume,), _ = parse_dates(["06/13/2012 ዓ.ም."])  # 2012 is no leap year: Pagume has 5 days
    assert pagume.flag == "date_invalid"


TIGRINYA_CSV = (
    "ተ.ቁ,ስም,ስም ኣቦ,ስም ኣቦሓጎ,ጾታ,ዕድመ,ዝተሰውኣሉ ዕለት,ዞባ,ቦታ\n"
    "1,ተስፋይ,ኪዳነ,ሃይለ,ተባዕታይ,34,ሕዳር 19 2013,ማእከላይ,ኣኽሱም\n"
    "2,ለምለም,ገብረ,ሙሉጌታ,ኣንስተይቲ,,19/03/2013 ዓ.ም.,ማእከላይ,ኣኽሱም\n"
    "3,ዳዊት,ሰለሞን,,ተባዕታይ,20,20/03/2013,ምብራቓዊ,ዓዲግራት\n"
    "4,ሙሴ,ሰለሞን,,ተባዕታይ,,ጥሪ 2013,ምብራቓዊ,ውቕሮ\n"
)


def test_a_tigrinya_list_is_mapped_by_suggest_and_ingested_as_it_is(tmp_path):
    assert runner.invoke(app, ["init", str(tmp_path)]).exit_code == 0
    (tmp_path / "martyrs.csv").write_text(TIGRINYA_CSV, encoding="utf-8")
    result = runner.invoke(
        app, ["sources", "suggest", str(tmp_path / "martyrs.csv"), "-w", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    columns = tomllib.loads(result.stdout)["sources"][0]["columns"]
    assert columns == {
        "given_name": "ስም", "father_name": "ስም ኣቦ", "grandfather_name": "ስም ኣቦሓጎ", "sex": "ጾታ",
        "age": "ዕድመ", "date_of_death": "ዝተሰውኣሉ ዕለት", "place": "ቦታ", "record_ref": "ተ.ቁ",
    }  # fmt: skip
    assert '# extra.zoba = "ዞባ"' in result.output  # a readable name to uncomment
    with open(tmp_path / "recount.toml", "a", encoding="utf-8") as config:
        config.write("\n" + result.output)
    assert runner.invoke(app, ["ingest", "-w", str(tmp_path)]).exit_code == 0
    records = Workspace(tmp_path).query(
        "select sex, date_of_death, issues from records order by source_row"
    )
    assert records["sex"].tolist() == ["M", "F", "M", "M"]
    assert records["date_of_death"].dt.date.tolist() == [
        dt.date(2020, 11, 28), dt.date(2020, 11, 28), dt.date(2020, 11, 29), dt.date(2021, 1, 1)
    ]  # fmt: skip
    assert records["issues"].isna().all()


def test_tigrinya_and_amharic_spellings_of_name_and_age_headers_are_recognised(tmp_path):
    # Tigrinya writes 'name' ሽም, Amharic ስም; Amharic writes 'age' እድሜ, Tigrinya ዕድመ.
    tigrinya = tmp_path / "tabia.csv"
    tigrinya.write_text(
        "ተ.ቁ,ሽም,ሽም ኣቦ,ሽም ኣባሓጎ,ጾታ,ዕድመ\n1,ተስፋይ,ኪዳነ,ሃይለ,ተባዕታይ,34\n2,ለምለም,ገብረ,,ኣንስተይቲ,20\n",
        encoding="utf-8",
    )
    amharic = tmp_path / "church.csv"
    amharic.write_text(
        "ተ.ቁ,ሙሉ ስም,ፆታ,እድሜ\n1,ተስፋዬ ኪዳነ ኃይሌ,ወንድ,34\n2,ለምለም ገብሬ,ሴት,20\n", encoding="utf-8"
    )
    columns = [suggest_source(path).columns for path in (tigrinya, amharic)]
    assert {f: c[0] for f, c in columns[0].items()} == {
        "record_ref": "ተ.ቁ", "given_name": "ሽም", "father_name": "ሽም ኣቦ",
        "grandfather_name": "ሽም ኣባሓጎ", "sex": "ጾታ", "age": "ዕድመ",
    }  # fmt: skip
    assert {f: c[0] for f, c in columns[1].items()} == {
        "record_ref": "ተ.ቁ", "name": "ሙሉ ስም", "sex": "ፆታ", "age": "እድሜ"
    }  # fmt: skip
