"""`[names]`: the names stage (normalising names, places and dates)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from recount.settings.base import Section, Where, setting

# How Latin names are keyed: auto (per name), as transliterations of Arabic, by spelling, as
# Ethiopian names (recount.names.ethiopian).
LATIN_KEYS = ("auto", "arabic", "spelling", "ethiopic")


@dataclass(frozen=True)
class NamesSettings(Section):
    NAME = "names"

    # How Latin names are keyed: as transliterations of Arabic, by spelling, or auto
    # (recount.names.keys; arabic for a pack written in Arabic script or >= 2% Arabic names).
    latin_keys: str = setting(
        "auto", "how Latin-script names are keyed (auto: per name; ethiopic: as Ethiopian "
        "and Eritrean names, for such lists written in Latin letters only)",
        choices=LATIN_KEYS,
    )  # fmt: skip
    # The period's start is the project's to say (March 2011 for Syria's war, 1985 or 1958
    # for Colombia's): unset, no date of death is flagged for coming before it.
    earliest_date: dt.date | None = setting(
        None, "dates of death before this are flagged before_period (unset: none is)"
    )
    # Given names that are one name in the lists' languages (Jean, Yohana, Jan): the names
    # stage keys each group as one name, on top of the country pack's equivalents.
    equivalents: tuple[tuple[str, ...], ...] = setting(
        (), 'groups of given names that are one name, e.g. [["jean", "yohana"]]'
    )
    # Given names the lists' own records show are one name (pairs of records alike in all
    # else, recount.link.given_names): link keys them as one; `recount names equivalents
    # --suggest` writes them out to check and declare.
    learn_equivalents: bool = setting(
        True, "link keys as one the given names records alike in all else show are one name"
    )

    def check(self, where: Where) -> None:
        seen: dict[str, int] = {}
        for i, group in enumerate(self.equivalents):
            if len(group) < 2:
                raise where.error(("equivalents", i), "a group needs two names or more")
            for name in group:
                folded = name.strip().casefold()
                if not any(ch.isalpha() for ch in name) or len(name.split()) != 1:
                    raise where.error(("equivalents", i), f"expected one word, got {name!r}")
                if seen.get(folded, i) != i:
                    raise where.error(
                        ("equivalents", i),
                        f"{name!r} is also in group {seen[folded]}; put the two groups in one",
                    )
                seen[folded] = i
