"""Date flags of the names stage (places: tests/names/test_places.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from recount.errors import ConfigError
from recount.names.dates import date_flag, period_start

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
    assert period_start({}) == dt.date(2011, 3, 1)
    assert period_start({"earliest_date": "1998-01-01"}) == dt.date(1998, 1, 1)
    assert period_start({"earliest_date": dt.date(2000, 1, 1)}) == dt.date(2000, 1, 1)
    with pytest.raises(ConfigError):
        period_start({"earliest_date": "March"})


def test_column_flags_follow_the_single_value_rules():
    import pandas as pd

    from recount.names.dates import date_flags

    cases = [
        (dt.date(2013, 5, 2), "day", "x"),
        (dt.date(2009, 5, 2), "day", "x"),
        (dt.date(2011, 1, 1), "year", "2011"),
        (dt.date(2011, 1, 1), "month", "2011-01"),
        (dt.date(2011, 3, 1), "month", "2011-03"),
        (dt.date(2030, 1, 1), "day", "x"),
        (None, None, "sometime"),
        (None, None, None),
        (None, None, "  "),
    ]
    dates = pd.Series([pd.Timestamp(d) if d else pd.NaT for d, _, _ in cases])
    flags = date_flags(
        dates, pd.Series([p for _, p, _ in cases]), pd.Series([r for _, _, r in cases]), today=TODAY
    )
    assert flags == [date_flag(d, p, r, today=TODAY) for d, p, r in cases]
