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
from recount.ingest.values import recognise_age
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
    # the bare 20/03/2013 was read as Ethiopian because the list's other dates are: said so
    assert records["issues"].fillna("").tolist() == ["", "", "date_read_ethiopian", ""]


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


_war = st.tuples(
    st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2090, 1, 1)),
    st.lists(st.integers(0, 4 * 365), min_size=1, max_size=40),  # days into a war of four years
)


def _bare(date):
    year, month, day = calendars.from_gregorian(date)
    return f"{day:02d}/{month:02d}/{year}"


@settings(max_examples=150, deadline=None)
@given(_war, st.data())
def test_a_registry_writing_most_dates_bare_reads_them_in_the_calendar_its_marked_dates_show(
    war, data
):
    # Read as Gregorian, 19/03/2013 is seven years early; a few dates written with the era or a
    # month name tell which calendar the bare ones are in, however few they are.
    start, offsets = war
    days = [start + dt.timedelta(days=o) for o in offsets]
    marked = data.draw(st.lists(st.sampled_from(days), min_size=1, max_size=3))
    values = [_bare(d) for d in days] + [
        f"{GEEZ_MONTH[calendars.from_gregorian(d)[1] - 1]} {calendars.from_gregorian(d)[2]} "
        f"{calendars.from_gregorian(d)[0]}"
        for d in marked
    ]
    parsed, _ = parse_dates(values, today=dt.date(2100, 1, 1), flag_unmarked=True)
    assert [p.date for p in parsed] == days + marked
    assert {p.flag for p in parsed[: len(days)]} == {"date_read_ethiopian"}
    assert {p.flag for p in parsed[len(days) :]} == {None}  # marked: read as written, unflagged


@settings(max_examples=150, deadline=None)
@given(_war, st.data())
def test_a_gregorian_list_with_a_few_ethiopian_dates_reads_its_bare_dates_as_gregorian(war, data):
    start, offsets = war
    days = [start + dt.timedelta(days=o) for o in offsets]
    marked = data.draw(st.lists(st.sampled_from(days), min_size=1, max_size=len(days)))
    values = [d.strftime("%d/%m/%Y") for d in days] + [f"{_bare(d)} ዓ.ም." for d in marked]
    parsed, _ = parse_dates(values, dayfirst=True, today=dt.date(2100, 1, 1), flag_unmarked=True)
    assert [p.date for p in parsed] == days + marked
    assert {p.flag for p in parsed} == {None}


ETHIOPIAN_BARE_CSV = "n,ሽም,ዕለት ሞት\n1,ተስፋይ,19/03/2013\n2,ለምለም,20/03/2013\n3,ሙሴ,ሕዳር 21 2013\n"


def test_a_list_says_which_calendar_its_bare_dates_are_in(tmp_path):
    # Without a marked date a bare date is Gregorian; `calendar` says otherwise. Decided, not
    # declared, an Ethiopian reading is flagged and ingest says how to declare it.
    assert runner.invoke(app, ["init", str(tmp_path)]).exit_code == 0
    (tmp_path / "a.csv").write_text(ETHIOPIAN_BARE_CSV, encoding="utf-8")
    (tmp_path / "b.csv").write_text(ETHIOPIAN_BARE_CSV.rsplit("3,", 1)[0], encoding="utf-8")
    blocks = ""
    for source, calendar in (("a", None), ("b", None), ("c", "ethiopian"), ("d", "gregorian")):
        path = "a.csv" if source in "ad" else "b.csv"
        blocks += f'\n[[sources]]\nid = "{source}"\npath = "{path}"\n'
        blocks += f'calendar = "{calendar}"\n' if calendar else ""
        blocks += '[sources.columns]\ngiven_name = "ሽም"\ndate_of_death = "ዕለት ሞት"\n'
    with open(tmp_path / "recount.toml", "a", encoding="utf-8") as config:
        config.write(blocks)
    result = runner.invoke(app, ["ingest", "-w", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "a: date_read_ethiopian 2" in result.output
    assert 'calendar = "ethiopian"' in result.output
    records = Workspace(tmp_path).query(
        "select source_id, date_of_death, issues from records order by source_id, source_row"
    )
    dates = records.groupby("source_id")["date_of_death"].apply(lambda s: [d.date() for d in s])
    nov = [dt.date(2020, 11, d) for d in (28, 29, 30)]
    assert (
        dates.to_dict()
        == {
            "a": nov,
            "b": [dt.date(2013, 3, 19), dt.date(2013, 3, 20)],  # no mark, no setting: Gregorian
            "c": nov[:2],
            "d": [dt.date(2013, 3, 19), dt.date(2013, 3, 20), nov[2]],
        }
    )
    flagged = records.dropna(subset=["issues"])
    assert flagged["source_id"].tolist() == ["a", "a"]


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 110), st.sampled_from(["ዓመት", "ዓመታት", "አመት"]), st.sampled_from(["", " "]))
def test_an_age_in_years_or_months_in_amharic_or_tigrinya_is_read(years, word, space):
    assert recognise_age([f"{years}{space}{word}"]) == [(years, None)]
    assert recognise_age([f"{years % 12}{space}ወር", f"{years % 12} ወርሒ"]) == [(0, None)] * 2


def test_one_stray_ethiopian_month_does_not_turn_a_gregorian_list():
    # 'Sene 2016' (June 2024) among 200 Gregorian dates of 2016: read Ethiopian, they would
    # move to 2023-2024, beside it; one value in 201 says nothing of the list's calendar.
    days = [dt.date(2016, 1, 1) + dt.timedelta(days=i) for i in range(200)]
    values = [d.strftime("%d/%m/%Y") for d in days] + ["Sene 2016"]
    parsed, _ = parse_dates(values, dayfirst=True, today=dt.date(2030, 1, 1), flag_unmarked=True)
    assert [p.date for p in parsed[:-1]] == days
    assert {p.flag for p in parsed[:-1]} == {None}
