"""`[names]`: the names stage (normalising names, places and dates)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from recount.settings.base import Section, setting


@dataclass(frozen=True)
class NamesSettings(Section):
    NAME = "names"

    # The Syrian uprising began in March 2011: a death recorded before it is a data-entry
    # error for a Syria casualty project (or another conflict's).
    earliest_date: dt.date = setting(
        dt.date(2011, 3, 1), "dates of death before this are flagged before_period"
    )
