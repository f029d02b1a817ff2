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

    # How Latin names are keyed: as transliterations of Arabic, by spelling, or auto
    # (recount.names.keys; arabic for a pack written in Arabic script or >= 2% Arabic names).
    latin_keys: str = setting(
        "auto", "how Latin-script names are keyed (auto: per name)",
        choices=LATIN_KEYS,
    )  # fmt: skip
    # The period's start is the project's to say (March 2011 for Syria's war, 1985 or 1958
    # for Colombia's): unset, no date of death is flagged for coming before it.
    earliest_date: dt.date | None = setting(
        None, "dates of death before this are flagged before_period (unset: none is)"
    )
