"""The names stage: names, places and dates made comparable across scripts and spellings.

Public API: `normalize_workspace(ws)` writes the `normalized` table; `name_key`,
`explain_key`, `split_name`, `normalize_arabic`, `fold_latin`, `romanize`,
`phonetic_key` and `place_to_governorate` work on single values.
"""

from recount.names.arabic import normalize_arabic
from recount.names.explain import explain_key, name_key
from recount.names.latin import fold_latin
from recount.names.parts import NameParts, NameToken, parts_from_fields, split_name
from recount.names.phonetic import phonetic_key
from recount.names.places import place_to_governorate, resolve_place
from recount.names.romanise import romanize
from recount.names.workspace import normalize_records, normalize_workspace

__all__ = [
    "NameParts",
    "NameToken",
    "explain_key",
    "fold_latin",
    "name_key",
    "normalize_arabic",
    "normalize_records",
    "normalize_workspace",
    "parts_from_fields",
    "phonetic_key",
    "place_to_governorate",
    "resolve_place",
    "romanize",
    "split_name",
]
