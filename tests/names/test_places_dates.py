"""Date flags of the names stage (places: tests/names/test_places.py)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from recount.errors import ConfigError
from recount.names.dates import date_flag, date_flags
from recount.settings import NamesSettings

TODAY = dt.date(2026, 1, 1)
MARCH_2011 = dt.date(2011, 3, 1)  # a project's period start, as [names] earliest_date sets it


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
    assert date_flag(date, precision, raw, MARCH_2011, today=TODAY) == flag


@pytest.mark.parametrize(
    "date,precision,raw",
    [
        (dt.date(1990, 5, 2), "day", "2/5/1990"),
        (dt.date(1958, 1, 1), "year", "1958"),
        (dt.date(2009, 5, 2), "day", "2/5/2009"),
    ],
)
def test_without_a_period_start_no_date_is_before_the_period(date, precision, raw):
    """recount assumed Syria's war (March 2011) for every project: a Colombian death in
    1990 was flagged before_period unless the user knew to set [names] earliest_date."""
    assert date_flag(date, precision, raw, today=TODAY) is None
    assert date_flag(date, precision, raw, NamesSettings().earliest_date, today=TODAY) is None
    dates = pd.Series([pd.Timestamp(date)])
    assert date_flags(dates, pd.Series([precision]), pd.Series([raw]), today=TODAY) == [None]
    assert date_flag(dt.date(2030, 1, 1), "day", "2030-01-01", today=TODAY) == "in_future"


def test_period_start_from_config():
    assert NamesSettings().earliest_date is None
    assert NamesSettings.parse({"earliest_date": "1998-01-01"}).earliest_date == dt.date(1998, 1, 1)
    assert NamesSettings.parse({"earliest_date": dt.date(2000, 1, 1)}).earliest_date == dt.date(
        2000, 1, 1
    )
    with pytest.raises(ConfigError, match="names.earliest_date"):
        NamesSettings.parse({"earliest_date": "March"})
