"""Flags for dates of death that cannot be right for the project's period."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from recount.settings import NamesSettings


def date_flag(
    date: dt.date | None,
    precision: str | None,
    raw: str | None,
    earliest: dt.date | None = NamesSettings.earliest_date,
    today: dt.date | None = None,
) -> str | None:
    """`before_period`, `in_future`, `unparsed` (text given but no date read), or None when fine.

    A partial date is wrong only when its whole period is: "2011" is fine for a
    period starting in March 2011, "2011-01" is not. Without `earliest` ([names]
    earliest_date unset) no date is before the period.
    """
    today = today or dt.date.today()
    if date is None:
        return "unparsed" if raw is not None and str(raw).strip() else None
    if date > today:
        return "in_future"
    if earliest is not None and period_end(date, precision) < earliest:
        return "before_period"
    return None


def period_end(date: dt.date, precision: str | None) -> dt.date:
    """Last day of the period a date with this precision stands for."""
    if precision == "year":
        return dt.date(date.year, 12, 31)
    if precision == "month":
        following = dt.date(date.year + date.month // 12, date.month % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    return date


def date_flags(
    dates: pd.Series,
    precision: pd.Series,
    raw: pd.Series,
    earliest: dt.date | None = NamesSettings.earliest_date,
    today: dt.date | None = None,
) -> list[str | None]:
    """`date_flag` for whole columns at once (same rules, vectorised for millions of records)."""
    dates = pd.to_datetime(dates.reset_index(drop=True), errors="coerce")
    precision = precision.reset_index(drop=True)
    raw = raw.reset_index(drop=True)
    end = dates.copy()
    year = precision.eq("year").to_numpy()
    month = precision.eq("month").to_numpy()
    end[year] = dates[year] + pd.offsets.YearEnd(0)
    end[month] = dates[month] + pd.offsets.MonthEnd(0)
    flags = pd.Series([None] * len(dates), dtype=object)
    given = raw.notna() & raw.astype(str).str.strip().ne("")
    flags[(dates.isna() & given).to_numpy()] = "unparsed"
    if earliest is not None:
        flags[(end < pd.Timestamp(earliest)).to_numpy()] = "before_period"
    flags[(dates > pd.Timestamp(today or dt.date.today())).to_numpy()] = "in_future"
    return flags.tolist()
