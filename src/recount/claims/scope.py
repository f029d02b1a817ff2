"""The scope a claim states: a place (country, governorate, city) and a period.

Admin units resolve through the workspace's country pack (recount.reference), so
every spelling the rest of recount accepts works here too, and cities of that
country carry their unit's code. Without a pack nothing is mapped to an admin
unit: a place the other packs or this stage's own data know is read as its
country ("in Aleppo" -> SY, "in Mosul" -> IQ), so a claim about another war is
recognised as outside the workspace and no country is assumed. Periods become a first and last day
("since March 2011" -> 2011-03-01 to open; "in December 2016" -> 2016-12-01 to
2016-12-31).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from recount.reference import NO_PACK, CountryPack, available_packs, country_pack


@dataclass(frozen=True)
class Place:
    start: int
    end: int
    text: str
    name: str
    code: str  # ISO 3166-2:SY for governorates and cities, ISO 3166-1 alpha-2 for countries
    level: str  # country, governorate, city

    @property
    def country(self) -> str:
        """The ISO 3166-1 code of the country the place is in."""
        return self.code[:2]


@dataclass(frozen=True)
class Period:
    start: int
    end: int
    text: str
    first_day: dt.date | None
    last_day: dt.date | None


@dataclass(frozen=True)
class _PlaceEntry:
    name: str
    code: str
    level: str


@lru_cache(maxsize=1)
def _places_data() -> dict:
    return tomllib.loads(
        resources.files("recount.claims").joinpath("data/places.toml").read_text(encoding="utf-8")
    )


@lru_cache(maxsize=1)
def country_adjectives() -> dict[str, str]:
    """ISO 3166-1 code -> the adjective the press uses ("SY" -> "Syrian"), first entry wins."""
    adjectives: dict[str, str] = {}
    for country in _places_data()["country"]:
        if "adjective" in country:
            adjectives.setdefault(country["code"], country["adjective"])
    return adjectives


@lru_cache(maxsize=1)
def all_country_adjectives() -> frozenset[str]:
    """Every adjective of a country the data knows ("Syrian", "Russian", "Chechen")."""
    return frozenset(c["adjective"] for c in _places_data()["country"] if "adjective" in c)


@lru_cache(maxsize=256)
def country_of_adjective(adjective: str) -> str | None:
    """The English name of the country an adjective is of ("Eritrean" -> "Eritrea"), if known."""
    return next(
        (c["name"] for c in _places_data()["country"] if c.get("adjective") == adjective), None
    )


@lru_cache(maxsize=8)
def _places(home: str | None) -> tuple[re.Pattern[str], dict[str, _PlaceEntry]]:
    """The place pattern for a workspace whose country is `home` (None: no country)."""
    raw = _places_data()
    names = {c["code"]: c["name"] for c in raw["country"]}
    entries: dict[str, _PlaceEntry] = {}
    for code in sorted(set(available_packs()) - {home}):  # other countries' units: the country
        other = country_pack(code)
        for unit in other.admin_units:
            entry = _PlaceEntry(names.get(other.code, other.name), other.code, "country")
            for alias in (unit.name, *unit.variants):
                if alias.isascii():
                    entries[_fold(alias)] = entry
    if home is not None:
        for unit in country_pack(home).admin_units:
            entry = _PlaceEntry(unit.name, unit.code, "governorate")
            for alias in (unit.name, *unit.variants):
                if alias.isascii():
                    entries[_fold(alias)] = entry
    for city in raw["city"]:
        country = city["governorate"].split("-")[0]
        if country == home:
            entry = _PlaceEntry(city["name"], city["governorate"], "city")
        else:
            entry = _PlaceEntry(names.get(country, country), country, "country")
        for alias in (city["name"], *city["aliases"]):
            entries[_fold(alias)] = entry
    for country in raw["country"]:
        entry = _PlaceEntry(country["name"], country["code"], "country")
        for alias in (country["name"], *country["aliases"]):
            known = entries.get(_fold(alias))
            if known is None or known.level == "country":  # the home units keep their codes
                entries[_fold(alias)] = entry
    names = sorted(entries, key=len, reverse=True)
    body = "|".join(re.escape(n).replace(r"\ ", r"[\s-]+").replace("'", "['’]?") for n in names)
    suffix = r"(?P<suffix>[\s-]+(?:governorate|province|countryside|city))?"
    pattern = re.compile(rf"(?<![\w])(?P<name>{body}){suffix}(?![\w])", re.IGNORECASE)
    return pattern, entries


@lru_cache(maxsize=1)
def _conflicts() -> tuple[tuple[str, dt.date], ...]:
    raw = tomllib.loads(
        resources.files("recount.claims")
        .joinpath("data/conflicts.toml")
        .read_text(encoding="utf-8")
    )
    return tuple(sorted((c["country"], c["start"]) for c in raw["conflict"]))


def war_start(country: str | None, date: dt.date | None = None) -> dt.date | None:
    """When the war a text about `country` speaks of began (data/conflicts.toml): the latest
    start not after the text's `date`; None for a country the data does not know."""
    starts = [start for code, start in _conflicts() if code == country]
    if date is not None:
        starts = [start for start in starts if start <= date]  # none yet: a war the table lacks
    return starts[-1] if starts else None


def topic_country(text: str, pack: CountryPack = NO_PACK) -> str | None:
    """The country `text` is about: the one it names most often (the first named breaks a tie),
    a war's place ("the Kosovo conflict") counting double and a dateline ("BELGRADE, Oct 6")
    not at all."""
    counts: dict[str, int] = {}
    for place in find_places(text, pack):
        after = text[place.end : place.end + 20]
        if place.text.isupper() and len(place.text) > 3 and re.match(r"\s*[,(]", after):
            continue
        weight = 2 if _WAR_AFTER_RE.match(after) else 1
        counts[place.country] = counts.get(place.country, 0) + weight
    return max(counts, key=counts.get) if counts else None


_WAR_AFTER_RE = re.compile(
    r"\s+(?:civil\s+)?(?:war|conflict|crisis|genocide|uprising|insurgency|offensive)\b",
    re.IGNORECASE,
)


def country_name(code: str) -> str:
    """The English name of an ISO 3166-1 country the place data knows (else the code)."""
    return next((c["name"] for c in _places_data()["country"] if c["code"] == code), code)


def _fold(text: str) -> str:
    return re.sub(r"[\s'’-]+", " ", text.casefold()).strip()


def find_places(text: str, pack: CountryPack = NO_PACK) -> list[Place]:
    """Places named in `text` (capitalised as names are), left to right.

    `pack` is the workspace's country: its admin units and cities get their codes;
    every other place known is read as its country.
    """
    pattern, entries = _places(pack.code)
    places = []
    for match in pattern.finditer(text):
        raw = match.group("name")
        if not (raw[0].isupper() or raw.lower().startswith(("east", "west", "al-"))):
            continue
        entry = entries.get(_fold(raw))
        if entry is None:
            continue
        suffix = (match.group("suffix") or "").strip(" -").lower()
        code, level, name = entry.code, entry.level, entry.name
        if entry.level == "governorate":
            code = pack.admin_unit(raw) or code
            if suffix == "city":
                level, name = "city", f"{entry.name} city"
            elif suffix == "countryside" and code == "SY-DI":
                code, name = "SY-RD", "Rif Dimashq"
        places.append(Place(match.start(), match.end(), match.group(0), name, code, level))
    return places


MONTHS = {name.lower(): index for index, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): index for index, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
# A month without its year must be written as a name ("in May", never the verb "may").
_CAPITAL_MONTH = "|".join(
    sorted({m.capitalize() for m in MONTHS} | {m.upper() for m in MONTHS}, key=len, reverse=True)
)
_YEAR = r"(?:19|20)\d\d(?!\d)"
_GLUED_YEAR = r"(?:19|20)\d\d(?=[1-9]\d{{0,3}}(?!\d))"  # "In June 2013685 civilians": a lost comma
_ORDINAL = r"(?:st|nd|rd|th)?"
_DATE = (
    rf"(?:(?:the\s+)?(?:(?P<{{p}}pos>end|start|beginning|middle|close)\s+of\s+|(?P<{{p}}mid>mid)-?\s*)?"
    rf"(?:(?P<{{p}}day1>\d{{{{1,2}}}}){_ORDINAL}\s+(?P<{{p}}mon1>{_MONTH})\.?(?:,?\s+(?P<{{p}}year1>{_YEAR}))?"
    rf"|(?P<{{p}}mon2>{_MONTH})\.?\s+(?P<{{p}}day2>\d{{{{1,2}}}}){_ORDINAL}(?![\d,]\d)(?:,?\s+(?P<{{p}}year2>{_YEAR}))?"
    rf"|(?P<{{p}}mon3>{_MONTH})\.?,?\s+(?P<{{p}}year3>{_YEAR}|{_GLUED_YEAR})"
    rf"|(?-i:(?P<{{p}}mon4>{_CAPITAL_MONTH}))(?!\s*\d)"
    rf"|(?P<{{p}}year4>{_YEAR})))"
)


def _date(prefix: str) -> str:
    return _DATE.format(p=prefix)


_START_OF_WAR = r"(?:the\s+)?(?:start|beginning|outbreak|onset)\s+of\s+the\s+(?:war|conflict|uprising|crisis|revolution|fighting|hostilities)"
PERIOD_RE = re.compile(
    rf"\b(?:(?P<since>since|from)\s+(?:{_START_OF_WAR}|{_date('s_')})(?:\s*(?:to|until|till|through|-|–|—)\s*{_date('u_')})?"
    rf"|(?P<between>between)\s+{_date('b_')}\s+and\s+{_date('c_')}"
    rf"|(?P<by>by|as\s+of|until|till|up\s+to|through)\s+{_date('e_')}"
    rf"|(?P<in>in|during|throughout|over|on|for|of)\s+{_date('i_')}(?:\s*(?:-|–|—|to)\s*{_date('j_')})?"
    rf"|(?P<d1>{_date('r_')})\s*(?:–|—|-)\s*(?P<d2>{_date('t_')})"
    rf"|(?P<part>first|second|last)\s+(?P<unit>half|six\s+months|three\s+months|quarter)\s+of\s+(?P<py>{_YEAR})"
    rf"|(?P<rel>(?:this|last|past)\s+(?:year|month|week)|(?:in\s+|over\s+)?the\s+(?:past|last)\s+(?:year|twelve\s+months|12\s+months|24\s+hours|week|seven\s+days))"
    rf"|(?P<began>since)\s+the\s+(?:war|conflict|uprising|crisis|fighting|hostilities)\s+(?:began|started|erupted|broke\s+out)\s+(?:in|on)\s+{_date('g_')}"
    rf"|(?P<war>since\s+{_START_OF_WAR}|since\s+the\s+(?:war|conflict|uprising|crisis|fighting|hostilities)\s+(?:began|started|erupted|broke\s+out)|\bto\s+date\b|\b(?:so|thus)\s+far\b(?!\s+(?:this|in|during|these|that)\b))"
    rf"|(?P<event>since)\s+the\s+(?:[\w-]+\s+){{1,3}}?(?:of|on|in)\s+{_date('v_')}"
    rf")",
    re.IGNORECASE,
)


def find_periods(
    text: str, date: dt.date | None = None, war_start: dt.date | None = None
) -> list[Period]:
    """Periods stated in `text`; `date` (the document's) resolves 'this year', 'last month'
    and a date written without its year ("as of 31 August"); `war_start` is when "since the
    war began" begins (None: unknown, no first day)."""
    periods = []
    for match in PERIOD_RE.finditer(text):
        period = _to_period(match, date, war_start)
        if period is not None:
            periods.append(period)
    return periods


@dataclass(frozen=True)
class _Written:
    """A date as written: any of its parts may be missing."""

    year: int | None
    month: int | None
    day: int | None
    position: str


def _written(match: re.Match[str], prefix: str) -> _Written | None:
    def group(name: str) -> str | None:
        return next(
            (match.group(prefix + name + n) for n in "1234" if _has(match, prefix + name + n)),
            None,
        )

    year, month, day = group("year"), group("mon"), group("day")
    if year is None and month is None:
        return None
    position = (match.group(prefix + "pos") or match.group(prefix + "mid") or "").lower()
    return _Written(
        int(year) if year else None,
        MONTHS[month.lower().rstrip(".")] if month else None,
        int(day) if day else None,
        position,
    )


def _has(match: re.Match[str], name: str) -> bool:
    return name in match.re.groupindex and match.group(name) is not None


def _span(written: _Written | None, year: int | None) -> tuple[dt.date, dt.date] | None:
    """First and last day of a written date; `year` stands in for a year not written."""
    if written is None:
        return None
    year = written.year or year
    if year is None:
        return None
    if written.month is None:
        first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
        if written.position == "end":
            first = dt.date(year, 12, 1)
        elif written.position in ("start", "beginning"):
            last = dt.date(year, 1, 31)
        return first, last
    days = calendar.monthrange(year, written.month)[1]
    day = written.day or (15 if written.position == "mid" else None)
    if day is not None and 1 <= day <= days:
        return dt.date(year, written.month, day), dt.date(year, written.month, day)
    return dt.date(year, written.month, 1), dt.date(year, written.month, days)


def _year_before(written: _Written | None, date: dt.date | None) -> int | None:
    """The year of a date written without one: the latest not after the document's date."""
    if written is None or written.year is not None or date is None or written.month is None:
        return None
    day = min(written.day or 1, calendar.monthrange(date.year, written.month)[1])
    return date.year if dt.date(date.year, written.month, day) <= date else date.year - 1


def _to_period(
    match: re.Match[str], date: dt.date | None, war_start: dt.date | None
) -> Period | None:
    first: dt.date | None = None
    last: dt.date | None = None

    def pair(a: str, b: str) -> tuple[tuple | None, tuple | None]:
        """Two ends of a range: an end written without a year takes the other's."""
        start, end = _written(match, a), _written(match, b)
        end_year = end.year if end else None
        start_span = _span(start, end_year or _year_before(start, date))
        start_year = (
            start.year if start and start.year else (start_span[0].year if start_span else None)
        )
        end_span = _span(
            end, start_year if end and end.year is None and start_year else _year_before(end, date)
        )
        return start_span, end_span

    if match.group("war"):
        first = war_start
    elif match.group("event") or match.group("began"):
        # "since the military coup of 1 February 2021", "since the conflict began in 2003"
        written = _written(match, "v_" if match.group("event") else "g_")
        span = _span(written, _year_before(written, date))
        if span is None:
            return None
        first = span[0]
    elif match.group("since"):
        if re.search(
            r"start|beginning|outbreak|onset", match.group(0), re.IGNORECASE
        ) and not _written(match, "s_"):
            first = war_start
            until = _span(_written(match, "u_"), None)
            last = until[1] if until else None
        else:
            span, until = pair("s_", "u_")
            if span is None or (match.group("since").lower() == "from" and until is None):
                return None  # "a 9 percent drop from 2016" compares; "from 2016 to 2018" spans
            first = span[0]
            last = until[1] if until else None
    elif match.group("between"):
        a, b = pair("b_", "c_")
        if a is None or b is None:
            return None
        first, last = a[0], b[1]
    elif match.group("d1"):
        a, b = pair("r_", "t_")
        if a is None or b is None:
            return None
        first, last = a[0], b[1]
    elif match.group("by"):
        written = _written(match, "e_")
        span = _span(written, _year_before(written, date))
        if span is None:
            return None
        last = span[1]
    elif match.group("in") and _written(match, "j_") is not None:  # "during the 1998-1999 war"
        a, b = pair("i_", "j_")
        if a is None or b is None:
            return None
        first, last = a[0], b[1]
    elif match.group("in"):
        written = _written(match, "i_")
        if match.group("in").lower() == "of" and (written is None or written.month is not None):
            return None  # "of 2014" (the war of 2014) only, never "of May"
        span = _span(written, _year_before(written, date))
        if span is None:
            return None
        first, last = span
    elif match.group("part"):
        first, last = _part_of_year(
            int(match.group("py")), match.group("part").lower(), match.group("unit").lower()
        )
    elif match.group("rel"):
        if date is None:
            return None
        first, last = _relative(match.group("rel").lower(), date)
    if first is None and last is None:
        return None
    if first is not None and last is not None and last < first:
        return None
    return Period(match.start(), match.end(), match.group(0), first, last)


def _part_of_year(year: int, part: str, unit: str) -> tuple[dt.date, dt.date]:
    """'the first six months of 2018', 'the second half of 2016', 'the last quarter of 2020'."""
    months = 3 if unit in ("quarter", "three months") else 6
    first_month = (
        1 if part == "first" else (7 if months == 6 else 4) if part == "second" else 13 - months
    )
    last_month = first_month + months - 1
    days = calendar.monthrange(year, last_month)[1]
    return dt.date(year, first_month, 1), dt.date(year, last_month, days)


def _relative(text: str, date: dt.date) -> tuple[dt.date, dt.date]:
    words = text.split()
    if "hours" in words:  # "over the past 24 hours"
        return date - dt.timedelta(days=1), date
    if "week" in words or "days" in words:
        if words[0] == "this":
            return date - dt.timedelta(days=date.weekday()), date
        if words[0] == "last" and "the" not in words:  # "last week": the calendar week before
            monday = date - dt.timedelta(days=date.weekday() + 7)
            return monday, monday + dt.timedelta(days=6)
        return date - dt.timedelta(days=7), date
    if "past" in words or ("last" in words and "the" in words):
        return date - dt.timedelta(days=365), date
    if words[-1] == "year":
        year = date.year - (1 if words[0] == "last" else 0)
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    month_start = date.replace(day=1)
    if words[0] == "last":
        month_start = (month_start - dt.timedelta(days=1)).replace(day=1)
    days = calendar.monthrange(month_start.year, month_start.month)[1]
    return month_start, month_start.replace(day=days)
