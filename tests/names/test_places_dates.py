"""Date flags of the names stage (places: tests/names/test_places.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from recount.errors import ConfigError
from recount.names.dates import date_flag
from recount.settings import NamesSettings

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
