"""Dates (of death, of birth) as lists write them, with the precision they give.

Works on the distinct raw values of one source. Whether 05/06/2016 is the
5th of June or the 6th of May is decided once per source from its own data
(a value like 17/12/2016 settles it), unless the config says `dayfirst` or a
`date_format`. Eight digits are year, month and day (19151111); a five-digit number is an
Excel serial date (42721 = 2016-12-17: a
spreadsheet saved without its date format). Any year is kept (births in 1850, or in 701 in a historical register, are real); a day that
does not exist (31/02, year 0) is kept out of the date and flagged, and the text stays in the
`_raw` column. A date in the Ethiopian calendar (its month names, ሕዳር 19 2013, or the
era written after the year, 19/03/2013 ዓ.ም. or E.C.) is converted to the Gregorian one; so
are a source's numeric dates without the era when its config says `calendar = "ethiopian"`,
or when its marked dates show it (`decide_calendar`). A Hijri date (its month names, 15 جمادى
الآخرة 1437, or the era after the year, 15/06/1437هـ or AH) is converted too, and so is a bare
date whose year is among the source's marked Hijri years (`hijri_years`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from recount.exports import EXCEL_EPOCH as SHEET_EPOCH
from recount.ingest import calendars
from recount.ingest.values import DIGITS, fold
from recount.settings.sources import CALENDARS

MONTHS = {
    1: ["january", "jan", "janvier", "enero", "ene", "كانون الثاني", "يناير", "جانفي"],
    2: ["february", "feb", "fevrier", "février", "febrero", "شباط", "فبراير", "فيفري"],
    3: ["march", "mar", "mars", "marzo", "آذار", "اذار", "مارس"],
    4: ["april", "apr", "avril", "abril", "abr", "نيسان", "أبريل", "ابريل", "إبريل", "افريل"],
    5: ["may", "mai", "mayo", "أيار", "ايار", "مايو", "ماي"],
    6: ["june", "jun", "juin", "junio", "حزيران", "يونيو", "يونيه", "جوان"],
    7: ["july", "jul", "juillet", "julio", "تموز", "يوليو", "يوليه", "جويلية"],
    8: ["august", "aug", "aout", "août", "agosto", "ago", "آب", "اب", "أغسطس", "اغسطس"],
    9: [
        "september",
        "sep",
        "sept",
        "septembre",
        "septiembre",
        "setiembre",
        "set",
        "أيلول",
        "ايلول",
        "سبتمبر",
    ],
    10: ["october", "oct", "octobre", "octubre", "تشرين الأول", "تشرين الاول", "أكتوبر", "اكتوبر"],
    11: ["november", "nov", "novembre", "noviembre", "تشرين الثاني", "نوفمبر"],
    12: [
        "december",
        "dec",
        "decembre",
        "décembre",
        "diciembre",
        "dic",
        "كانون الأول",
        "كانون الاول",
        "ديسمبر",
    ],
}
# Ukrainian and Russian: the genitive of "12 березня 2022", the nominative of "березень 2022".
CYRILLIC_MONTHS = {
    1: ["січня", "січень", "января", "январь"],
    2: ["лютого", "лютий", "февраля", "февраль"],
    3: ["березня", "березень", "марта", "март"],
    4: ["квітня", "квітень", "апреля", "апрель"],
    5: ["травня", "травень", "мая", "май"],
    6: ["червня", "червень", "июня", "июнь"],
    7: ["липня", "липень", "июля", "июль"],
    8: ["серпня", "серпень", "августа", "август"],
    9: ["вересня", "вересень", "сентября", "сентябрь"],
    10: ["жовтня", "жовтень", "октября", "октябрь"],
    11: ["листопада", "листопад", "ноября", "ноябрь"],
    12: ["грудня", "грудень", "декабря", "декабрь"],
}
# Swahili (East Africa, eastern DR Congo): "12 Machi 2023".
SWAHILI_MONTHS = {
    1: ["januari"],
    2: ["februari"],
    3: ["machi"],
    4: ["aprili"],
    5: ["mei"],
    6: ["juni"],
    7: ["julai"],
    8: ["agosti"],
    9: ["septemba"],
    10: ["oktoba"],
    11: ["novemba"],
    12: ["desemba"],
}


def _month_names(*tables: dict[int, list[str]]) -> tuple[dict[str, int], re.Pattern]:
    """Month numbers by folded name, and a pattern finding any of those names as a word."""
    by_name = {fold(name): n for table in tables for n, names in table.items() for name in names}
    pattern = re.compile(
        r"(?<![^\W\d_])("
        + "|".join(re.escape(name) for name in sorted(by_name, key=len, reverse=True))
        + r")\.?(?![^\W\d_])"
    )
    return by_name, pattern


_MONTH_BY_NAME, _MONTH_NAMES = _month_names(MONTHS, CYRILLIC_MONTHS, SWAHILI_MONTHS)
_ETHIOPIAN_MONTH_BY_NAME, _ETHIOPIAN_MONTHS = _month_names(calendars.ETHIOPIAN_MONTHS)
_HIJRI_MONTH_BY_NAME, _HIJRI_MONTHS = _month_names(calendars.HIJRI_MONTHS)
# The Hijri era after the year (folded: هـ is ه): 1437هـ, 1437 هجري, 1437 AH, 1437H.
_HIJRI_ERA = re.compile(r"(?<=\d)\s*(ه|هجري|هجريه|a\.?\s*h\.?|h)\.?$")
# An unmarked date read in the Hijri calendar: its year is one of the source's marked Hijri years.
READ_HIJRI = "date_read_hijri"
# The Ethiopian era after the year: ዓ.ም. (ዓመተ ምሕረት, year of mercy), E.C. (Ethiopian calendar).
_ETHIOPIAN_ERA = re.compile(r"(?<=\d)\s*(ዓ\s*[./]?\s*ም\.?|ዓመተ\s*ምሕረት|e\.?\s*c\.?|eth\.?\s*cal\.?)$")
ETHIOPIAN, GREGORIAN = CALENDARS
# An unmarked date read in the Ethiopian calendar because the source's marked dates are.
READ_ETHIOPIAN = "date_read_ethiopian"
# Of a source's distinct dates, the share that must be marked Ethiopian for its bare ones to be
# read so (where that puts them among the marked ones' years).
MIN_MARKED_SHARE = 0.02
_TIME = re.compile(r"[t ]+\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?\s*(z|[+-]\d{2}:?\d{2}|am|pm|ص|م)?$")
# After the year: an era (م, AD), or "year" in Ukrainian and Russian (2022 р., 2022 года).
_ERA = re.compile(r"(?<=\d)\s*(م|ad|ce|р\.?|г\.?|року|года)$")
_SEP = r"\s*[-/.\s]\s*"
_YMD = re.compile(rf"^(\d{{4}}){_SEP}(\d{{1,2}}){_SEP}(\d{{1,2}})$")
_YM = re.compile(rf"^(\d{{4}}){_SEP}(\d{{1,2}})$")
_MY = re.compile(rf"^(\d{{1,2}}){_SEP}(\d{{4}})$")
_Y = re.compile(r"^(\d{4})$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")  # 19151111: year, month, day
_EXCEL_SERIAL = re.compile(r"^(\d{5})(?:\.0+)?$")  # days since EXCEL_EPOCH, as Excel stores dates
EXCEL_EPOCH = SHEET_EPOCH.date()
_AB_Y = re.compile(rf"^(\d{{1,2}}){_SEP}(\d{{1,2}}){_SEP}(\d{{4}}|\d{{2}})$")
_D_MON_Y = re.compile(rf"^(\d{{1,2}}){_SEP}@(\d+)@,?{_SEP}(\d{{4}}|\d{{2}})$")
_MON_D_Y = re.compile(rf"^@(\d+)@{_SEP}(\d{{1,2}})(?:st|nd|rd|th)?\s*,?{_SEP}(\d{{4}})$")
_MON_Y = re.compile(rf"^@(\d+)@,?{_SEP}(\d{{4}})$")
_Y_MON_D = re.compile(rf"^(\d{{4}}){_SEP}@(\d+)@{_SEP}(\d{{1,2}})$")
_OF = re.compile(r"(?<=[\d@])\s+(?:de|del)\s+(?=[\d@])")  # "12 de marzo de 2016"
# A part of a month or year ("early June 2023", "أوائل يونيو 2023", "finales de 2023") says
# no day: the month (or year) is the date, at that precision. Not "أول"/"آخر": "أول يونيو"
# is the first of June.
PARTS_OF_PERIOD = (
    "early", "mid", "middle of", "late", "beginning of", "start of", "end of", "the end of",
    "أوائل", "بداية", "مطلع", "منتصف", "أواسط", "أواخر", "نهاية", "principios de",
    "comienzos de", "inicios de", "mediados de", "finales de", "fines de", "debut", "début",
    "mi", "fin", "fin de", "courant",
)  # fmt: skip
_PART_OF = re.compile(
    r"^(?:"
    + "|".join(re.escape(fold(w)) for w in sorted(PARTS_OF_PERIOD, key=len, reverse=True))
    + r")(?:\s*-\s*|\s+)(?=[@\d])(.*)$"
)


# What lists write for 'no date' (after folding): empty, not a date to flag.
NO_DATE_WORDS = {
    "-",
    "?",
    "unknown",
    "غير معروف",
    "na",
    "n/a",
    "desconocida",
    "sin fecha",
    "s/f",
    "inconnue",
    "невідомо",
    "неизвестно",
}


@dataclass(frozen=True)
class ParsedDate:
    date: dt.date | None
    precision: str | None
    flag: str | None


def _clean(raw: str) -> str:
    text = fold(raw.translate(DIGITS)).replace("،", ",").replace("٫", ".")
    text = _TIME.sub("", text).strip()
    text = _ETHIOPIAN_ERA.sub(" #era#", text).strip()
    text = _ETHIOPIAN_MONTHS.sub(lambda m: f"#{_ETHIOPIAN_MONTH_BY_NAME[m.group(1)]}#", text)
    text = _HIJRI_ERA.sub(" !era!", text).strip()
    text = _HIJRI_MONTHS.sub(lambda m: f"!{_HIJRI_MONTH_BY_NAME[m.group(1)]}!", text)
    text = _ERA.sub("", text).strip()
    text = _MONTH_NAMES.sub(lambda m: f"@{_MONTH_BY_NAME[m.group(1)]}@", text)
    return _OF.sub(" ", text)


def decide_dayfirst(values: Sequence[str]) -> bool:
    """True when the source writes day/month/year: what its unambiguous values show, day-first on a tie."""
    day_first = month_first = 0
    for value in values:
        match = _AB_Y.match(_clean(value))
        if match:
            first, second = int(match.group(1)), int(match.group(2))
            day_first += first > 12 >= second
            month_first += second > 12 >= first
    return day_first >= month_first


def decide_calendar(values: Sequence[str], dayfirst: bool = True) -> str | None:
    """`ETHIOPIAN` when a source's unmarked numeric dates are Ethiopian; None (Gregorian) otherwise.

    They are when most of its dates are marked Ethiopian (month names, era), or when, read so,
    they fall in the years its marked dates fall in more often than read as Gregorian: a
    registry writing most dates bare (19/03/2013) and some with the era has them seven years
    early as Gregorian dates. A source with no marked date (or under `MIN_MARKED_SHARE`) is
    Gregorian unless its config says.
    """
    marked, unmarked = [], []
    for value in values:
        text = _clean(value)
        if text and text not in NO_DATE_WORDS and "!" not in text:  # a Hijri date is marked Hijri
            (marked if "#" in text else unmarked).append(text)
    if len(marked) < MIN_MARKED_SHARE * (len(marked) + len(unmarked)):
        return None  # none, or a stray word read as an Ethiopian month: the list is Gregorian
    if len(marked) > len(unmarked):
        return ETHIOPIAN
    years = Counter(d.year for t in marked if (d := _read_ethiopian(t).date) is not None)

    def near_marked(text: str, ethiopian: bool) -> int:
        read = _read_ethiopian(text) if ethiopian else _read(text, dayfirst, _make)
        return sum(years[read.date.year + i] for i in (-1, 0, 1)) if read.date else 0

    numeric = [t for t in unmarked if "@" not in t]  # a Gregorian month name marks it Gregorian
    ethiopian = sum(near_marked(t, True) for t in numeric)
    return ETHIOPIAN if ethiopian > sum(near_marked(t, False) for t in numeric) else None


def parse_dates(
    values: Sequence[str],
    dayfirst: bool | None = None,
    date_format: str | None = None,
    today: dt.date | None = None,
    calendar: str | None = None,
    flag_unmarked: bool = False,
) -> tuple[list[ParsedDate], bool]:
    """Parse distinct raw dates of one source; returns the results and the day-first decision.

    `calendar` (ETHIOPIAN) is how the source's unmarked dates are read; decided from `values`
    when not given. `flag_unmarked`: an unmarked date read as Ethiopian is flagged
    `READ_ETHIOPIAN` (the calendar was decided, not declared). Unless the calendar is
    Ethiopian or declared Gregorian, an unmarked date in the years of the marked Hijri ones is
    read as Hijri and flagged `READ_HIJRI`.
    """
    today = today or dt.date.today()
    if date_format:
        return [_with_checks(_strptime(v, date_format), today) for v in values], bool(dayfirst)
    if dayfirst is None:
        dayfirst = decide_dayfirst(values)
    if calendar is None:
        calendar = decide_calendar(values, dayfirst)
    declared_gregorian = calendar == GREGORIAN and not flag_unmarked
    hijri = set() if calendar == ETHIOPIAN or declared_gregorian else hijri_years(values, today)
    parsed = [
        _with_checks(_parse_one(v, dayfirst, calendar, flag_unmarked, hijri), today) for v in values
    ]
    return parsed, dayfirst


def hijri_years(values: Sequence[str], today: dt.date) -> set[int]:
    """The years (and one either side) of a source's dates marked Hijri: a bare date written in
    them (15/06/1437 beside 16/06/1437هـ) is Hijri too. Hijri years are 579 behind and run
    about 3% faster, so a list of deaths from one period never has its Gregorian years there.
    A marked date that would fall after `today` is no Hijri year ('Ramadan 2016': the
    Gregorian year with the month's name), and must not turn the list's bare 2016 dates Hijri."""
    years = set()
    for value in values:
        text = _clean(value)
        if "!" in text and (date := _read_hijri(text).date) is not None and date <= today:
            year = calendars.hijri_from_gregorian(date)[0]
            years |= {year - 1, year, year + 1}
    return years


def _strptime(raw: str, date_format: str) -> ParsedDate:
    try:
        stamp = dt.datetime.strptime(raw.translate(DIGITS).strip(), date_format)
    except ValueError:
        return ParsedDate(None, None, "date_unparsed")
    precision = (
        "day"
        if "%d" in date_format or "%j" in date_format
        else "month"
        if "%m" in date_format or "%b" in date_format or "%B" in date_format
        else "year"
    )
    return ParsedDate(stamp.date(), precision, None)


def _parse_one(
    raw: str,
    dayfirst: bool,
    calendar: str | None = None,
    flag_unmarked: bool = False,
    hijri: set[int] | frozenset[int] = frozenset(),
) -> ParsedDate:
    text = _clean(raw)
    if not raw.strip() or text in NO_DATE_WORDS:
        return ParsedDate(None, None, None)
    if "#" in text:
        return _read_ethiopian(text)
    if "!" in text:
        return _read_hijri(text)
    if hijri and "@" not in text:
        read = _read(text, dayfirst, _make)
        if read.date is not None and read.date.year in hijri:
            read = _read(text, True, _make_hijri)
            return ParsedDate(read.date, read.precision, read.flag or READ_HIJRI)
    if calendar == ETHIOPIAN and "@" not in text:
        read = _read_ethiopian(text)
        if flag_unmarked and read.date is not None and read.flag is None:
            return ParsedDate(read.date, read.precision, READ_ETHIOPIAN)
        return read
    return _read(text, dayfirst, _make)


def _read_ethiopian(text: str) -> ParsedDate:
    """A cleaned date in the Ethiopian calendar: day/month/year, as Ethiopian lists write it;
    the 13th month is Pagume."""
    text = re.sub(r"#(\d+)#", r"@\1@", text.replace("#era#", "")).strip()
    return _read(text, True, _make_ethiopian, months=13)


def _read_hijri(text: str) -> ParsedDate:
    """A cleaned date in the Hijri calendar, day/month/year or year/month/day."""
    text = re.sub(r"!(\d+)!", r"@\1@", text.replace("!era!", "")).strip()
    return _read(text, True, _make_hijri)


def _read(text: str, dayfirst: bool, make, months: int = 12) -> ParsedDate:
    """The date a cleaned value writes; `make` builds it from year, month, day in its calendar."""
    if m := _YMD.match(text):
        return make(int(m.group(1)), int(m.group(2)), int(m.group(3)), "day")
    if m := _AB_Y.match(text):
        first, second, year = int(m.group(1)), int(m.group(2)), _year(m.group(3))
        day, month = (first, second) if dayfirst else (second, first)
        if month > months and day <= months:
            return ParsedDate(None, None, "date_order_conflict")
        return make(year, month, day, "day")
    if m := _D_MON_Y.match(text):
        return make(_year(m.group(3)), int(m.group(2)), int(m.group(1)), "day")
    if m := _MON_D_Y.match(text):
        return make(int(m.group(3)), int(m.group(1)), int(m.group(2)), "day")
    if m := _Y_MON_D.match(text):
        return make(int(m.group(1)), int(m.group(2)), int(m.group(3)), "day")
    if m := _YM.match(text):
        return make(int(m.group(1)), int(m.group(2)), 1, "month")
    if m := _MY.match(text):
        return make(int(m.group(2)), int(m.group(1)), 1, "month")
    if m := _MON_Y.match(text):
        return make(int(m.group(2)), int(m.group(1)), 1, "month")
    if m := _Y.match(text):
        return make(int(m.group(1)), 1, 1, "year")
    if m := _COMPACT.match(text):
        return make(int(m.group(1)), int(m.group(2)), int(m.group(3)), "day")
    if m := _EXCEL_SERIAL.match(text):
        return ParsedDate(EXCEL_EPOCH + dt.timedelta(days=int(m.group(1))), "day", None)
    if m := _PART_OF.match(text):
        return _part_of_period(m.group(1), make)
    return ParsedDate(None, None, "date_unparsed")


def _part_of_period(rest: str, make) -> ParsedDate:
    """The month or year that "early", "mid" or "late" qualifies, at that precision."""
    if m := _MON_Y.match(rest):
        return make(int(m.group(2)), int(m.group(1)), 1, "month")
    if m := _Y.match(rest):
        return make(int(m.group(1)), 1, 1, "year")
    return ParsedDate(None, None, "date_unparsed")


def _year(text: str) -> int:
    if len(text) == 4:
        return int(text)
    century = 2000 if int(text) <= dt.date.today().year % 100 else 1900
    return century + int(text)


def _make(year: int, month: int, day: int, precision: str) -> ParsedDate:
    try:
        return ParsedDate(dt.date(year, month, day), precision, None)
    except ValueError:
        return _coarser(year, month, precision, _make)


def _coarser(year: int, month: int, precision: str, make) -> ParsedDate:
    """An impossible date (31/02/2016, day 81, month 13) at the precision that still holds,
    flagged `date_invalid`: a typo in the day leaves the month and the year, which tell
    namesakes apart as well as any list's dates written to the month. Year 0 holds nothing."""
    coarse = {"day": (month, "month"), "month": (1, "year")}.get(precision)
    if coarse is not None:
        kept = make(year, coarse[0], 1, coarse[1])
        if kept.date is not None:
            return ParsedDate(kept.date, kept.precision, "date_invalid")
    return ParsedDate(None, None, "date_invalid")


def _make_ethiopian(year: int, month: int, day: int, precision: str) -> ParsedDate:
    """An Ethiopian date as a Gregorian one. An Ethiopian month straddles two Gregorian ones
    (Hidar is 10 November to 9 December): it is the one that holds its 15th day, where
    two thirds of it fall; an Ethiopian year is the Gregorian year of its 7th month (2013 is
    September 2020 to September 2021: 2021)."""
    try:
        if precision == "day":
            return ParsedDate(calendars.to_gregorian(year, month, day), "day", None)
        if precision == "month":
            middle = calendars.to_gregorian(year, month, min(15, calendars.month_days(year, month)))
            return ParsedDate(middle.replace(day=1), "month", None)
        return ParsedDate(dt.date(calendars.to_gregorian(year, 7, 1).year, 1, 1), "year", None)
    except ValueError:
        return _coarser(year, month, precision, _make_ethiopian)


def _make_hijri(year: int, month: int, day: int, precision: str) -> ParsedDate:
    """A Hijri date as a Gregorian one; a month is the Gregorian month holding its 15th day, a
    year the Gregorian year of its 7th month, as for Ethiopian dates."""
    try:
        if precision == "day":
            return ParsedDate(calendars.hijri_to_gregorian(year, month, day), "day", None)
        if precision == "month":
            return ParsedDate(
                calendars.hijri_to_gregorian(year, month, 15).replace(day=1), "month", None
            )
        return ParsedDate(
            dt.date(calendars.hijri_to_gregorian(year, 7, 1).year, 1, 1), "year", None
        )
    except ValueError:
        return _coarser(year, month, precision, _make_hijri)


def _with_checks(parsed: ParsedDate, today: dt.date) -> ParsedDate:
    if parsed.date is None:
        return parsed
    if parsed.date > today:
        return ParsedDate(parsed.date, parsed.precision, "date_in_future")
    return parsed
