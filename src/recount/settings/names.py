"""`[names]`: the names stage (normalising names, places and dates)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from recount.settings.base import Section, setting

# How Latin names are keyed: auto (per name), as transliterations of Arabic, by spelling.
LATIN_KEYS = ("auto", "arabic", "spelling")


@dataclass(frozen=True)
class NamesSettings(Section):
    NAME = "names"

    # The Syrian uprising began in March 2011: a death recorded before it is a data-entry
    # error for a Syria casualty project (or another conflict's).
    # How Latin names are keyed: as transliterations of Arabic, by spelling, or auto
    # (recount.names.keys; arabic for a pack written in Arabic script or >= 2% Arabic names).
    latin_keys: str = setting(
        "auto", "how Latin-script names are keyed (auto: per name)",
        choices=LATIN_KEYS,
    )  # fmt: skip
    earliest_date: dt.date = setting(
        dt.date(2011, 3, 1), "dates of death before this are flagged before_period"
    )
