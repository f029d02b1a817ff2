"""Which fields a workspace has: the model is built from these, and nothing else.

A field counts when enough linkable records carry it (`MIN_SHARE`, at least
`MIN_RECORDS`). Extra fields mapped by a list (`records.extra`) are compared
by their kind: identifiers and codes exactly, other text exactly or nearly.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from recount.link.prepare import EXTRA_PREFIX
from recount.settings import extra_field_kind

MIN_SHARE = 0.01
MIN_RECORDS = 10

# Field -> the link-input column that says whether a record carries it.
CORE_FIELDS = {
    "date_of_death": "dod_day",
    "date_of_birth": "dob_day",
    "age": "birth_year",
    "sex": "sex",
    "governorate": "governorate",
    "place": "place_key",
    "place_of_birth": "birth_place",
    # the names stage's guesses of the father's and the family name
    "father": "father_key",
    "family": "family_key",
}


@dataclass
class Fields:
    """The fields present among the linkable records, with their share of records."""

    shares: dict[str, float] = field(default_factory=dict)
    extras: dict[str, str] = field(default_factory=dict)  # column -> kind

    def has(self, column: str) -> bool:
        return column in self.shares

    @property
    def primary_date(self) -> str | None:
        """The date blocking rules use: of death where lists give it, else of birth."""
        for column in ("dod_day", "dob_day"):
            if self.has(column):
                return column
        return None

    @property
    def identifiers(self) -> list[str]:
        return [c for c, kind in self.extras.items() if kind in ("id", "code")]

    def names(self) -> list[str]:
        """Field names, for messages."""
        inverse = {column: name for name, column in CORE_FIELDS.items()}
        return ["name"] + [inverse.get(c, c.removeprefix(EXTRA_PREFIX)) for c in self.shares]


def present_fields(frame: pd.DataFrame) -> Fields:
    """The fields enough of `frame`'s records carry."""
    n = max(len(frame), 1)
    fields = Fields()
    columns = list(CORE_FIELDS.values()) + [c for c in frame.columns if c.startswith(EXTRA_PREFIX)]
    for column in columns:
        if column not in frame.columns:
            continue
        present = frame[column].notna()
        if column == "birth_year" and "dob_day" in frame.columns:
            present &= frame["dob_day"].isna()  # from an age: a date of birth is compared as such
        count = int(present.sum())
        if count >= MIN_RECORDS and count / n >= MIN_SHARE:
            fields.shares[column] = round(count / n, 4)
            if column.startswith(EXTRA_PREFIX):
                fields.extras[column] = extra_field_kind(column.removeprefix(EXTRA_PREFIX))

    return fields
