"""`[[sources]]`: one table per list, with how its columns map to recount's fields."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any, Self

from recount.settings.base import Section, Where, setting
from recount.settings.project import EVENTS, check_country

FORMATS = ("csv", "tsv", "xlsx", "jsonl", "parquet")
CALENDARS = ("ethiopian", "gregorian")  # of the dates a list writes without a calendar's mark
# A name in parts (Arabic nasab order: given, father, grandfather, family), and every name field.
NAME_PARTS = ("given_name", "father_name", "grandfather_name", "family_name")
NAME_FIELDS = ("name", *NAME_PARTS, "name_latin")
CANONICAL_FIELDS = (
    *NAME_FIELDS,
    "sex",
    "age",
    "date_of_death",
    "date_of_birth",
    "governorate",
    "place",
    "place_of_birth",
    "status",
    "cause",
    "record_ref",
)
# Fields whose text may come from several columns, joined with a space in order
# (family_name = ["PRIMER APELLIDO", "SEGUNDO APELLIDO"]); extra fields may too.
JOINABLE_FIELDS = (*NAME_FIELDS, "place", "place_of_birth", "cause")

# Any other field a list gives is mapped as `extra.NAME = "column"` and kept in records.extra.
EXTRA_PREFIX = "extra."
_EXTRA_NAME = re.compile(r"^[a-z][a-z0-9_]{0,62}$")
_EXTRA_IDS = {"id_number", "national_id", "passport", "ssn", "nin", "dni", "cedula", "nid"}
_EXTRA_CODES = {
    "postcode", "post_code", "postal_code", "zip", "zip_code", "zipcode", "street_number", "house_number",
}  # fmt: skip


def extra_field_kind(name: str) -> str:
    """How an extra field compares, from its name: `id`, `code`, `name` or `text`.

    `id`: an identifier (names ending _id, _number, _no, or id_number, passport, ...), equal or
    not; `code`: a postcode-like code, or a street or house number; `name`: a person's name
    (mother_name, spouse_name); `text`: anything else (occupation, nationality, ...).
    """
    if name in _EXTRA_CODES or name == "code" or name.endswith("_code"):
        return "code"
    if name in _EXTRA_IDS or name.endswith(("_id", "_ids", "_number", "_no", "_num")):
        return "id"
    if name.endswith("_name"):
        return "name"
    return "text"


@dataclass(frozen=True)
class SourceConfig(Section):
    """One `[[sources]]` entry. `path` is resolved against the workspace by `Config`."""

    NAME = "sources"

    id: str = setting(help="letters, digits, '-' and '_'")
    path: Path = setting(help="the file, relative to recount.toml")
    columns: dict[str, str | tuple[str, ...]] = setting(
        {}, "canonical field = column name in the file, or a list of columns joined with spaces"
    )
    values: dict[str, dict[str, str]] = setting({}, '[sources.values.FIELD] "theirs" = "ours"')
    format: str | None = setting(None, "detected when absent", choices=FORMATS)
    encoding: str | None = setting(None, "detected when absent")
    delimiter: str | None = setting(None, "detected when absent")
    sheet: str | int | None = setting(None, "XLSX: a sheet name or 0-based index")
    date_format: str | None = setting(None, "strftime format of the dates, when ambiguous")
    dayfirst: bool | None = setting(None, "read 03/04 as 3 April")
    calendar: str | None = setting(
        None,
        "of the dates written without a calendar's mark (19/03/2013); detected when absent: "
        "Gregorian unless the list's marked dates (ሕዳር 19 2013, ዓ.ም.) show them Ethiopian, "
        "or (one by one) Hijri where their years are its marked Hijri dates' (1437هـ)",
        choices=CALENDARS,
    )
    name: str | None = setting(None, "the list's full name, for the report")
    event: str | None = setting(None, "overrides [project] event for this list", choices=EVENTS)
    country: str | None = setting(
        None, "a country pack for this list alone (default: [project] country)"
    )
    max_cells: int | None = setting(
        None, "XLSX: the most cells (rows x columns) read from the sheet", minimum=1
    )
    long_field_quantile: float = setting(
        0.99,
        "a column's typical length: this quantile of its values' lengths",
        minimum=0.5,
        maximum=1.0,
    )
    long_field_factor: float = setting(
        5.0,
        "a value longer than this many times its column's typical length is beyond the norm",
        minimum=1.0,
    )
    long_field_min_chars: int = setting(
        1000,
        "a value is flagged field_too_long only when also longer than this",
        minimum=1,
    )

    @classmethod
    def parse(cls, table: Any, where: Where | None = None) -> Self:
        """Errors name the source by its id once it is known: `sources.vdc.columns`."""
        where = where or Where(prefix=("sources", 0))
        if isinstance(table, dict):
            source_id = table.get("id")
            if not isinstance(source_id, str) or not source_id.strip():
                raise where.error(("id",), "expected a non-empty string")
            if not source_id.replace("_", "").replace("-", "").isalnum():
                raise where.error(("id",), "use letters, digits, '-' and '_' only")
            known = {f.name for f in fields(cls)}
            if set(table) <= known:
                where = where.labelled("sources", source_id)
            if isinstance(table.get("columns"), dict):
                table = {**table, "columns": _flatten_extra(table["columns"], where)}
        return super().parse(table, where)

    @property
    def extra_columns(self) -> dict[str, str | tuple[str, ...]]:
        """Extra field name -> column, for the fields mapped as `extra.NAME`."""
        return {
            field.removeprefix(EXTRA_PREFIX): column
            for field, column in self.columns.items()
            if field.startswith(EXTRA_PREFIX)
        }

    def check(self, where: Where) -> None:
        if not self.columns:
            raise where.error(
                ("columns",), "expected a table mapping canonical fields to column names"
            )
        for canonical, column in self.columns.items():
            joinable = canonical in JOINABLE_FIELDS or canonical.startswith(EXTRA_PREFIX)
            if not column:
                raise where.error(
                    ("columns", canonical),
                    "expected a column name (string)"
                    + (", or a non-empty list of columns to join" if joinable else ""),
                )
            if isinstance(column, tuple) and not joinable:
                raise where.error(
                    ("columns", canonical),
                    "expected a column name (string); only "
                    f"{', '.join(JOINABLE_FIELDS)} and extra fields join several columns",
                )
            if canonical not in CANONICAL_FIELDS and not canonical.startswith(EXTRA_PREFIX):
                raise where.error(
                    ("columns", canonical),
                    f"unknown canonical field; expected one of {', '.join(CANONICAL_FIELDS)}, "
                    'or an extra field as extra.NAME = "column"',
                )
        for canonical in self.values:
            if canonical not in CANONICAL_FIELDS:
                raise where.error(("values", canonical), "unknown canonical field")
        if self.country is not None:
            check_country(self.country, where, ("country",))
        if not set(NAME_FIELDS) & set(self.columns):
            raise where.error(("columns",), "map at least one name field: name or given_name, …")

    def resolved(self, root: Path, country: str | None) -> SourceConfig:
        """Path against the workspace; the project's country pack unless the list names one."""
        own = self.country.upper() if self.country else None
        return replace(self, path=root / self.path, country=own or country)


def _flatten_extra(columns: dict[str, Any], where: Where) -> dict[str, Any]:
    """`extra = {occupation = "Occ"}` (or `extra.occupation = ...`) as flat `extra.occupation` keys."""
    flat: dict[str, Any] = {}
    for canonical, column in columns.items():
        if canonical != "extra":
            flat[canonical] = column
            continue
        if not isinstance(column, dict) or not column:
            raise where.error(
                ("columns", "extra"),
                'expected a table of extra fields: extra.occupation = "Occupation"',
            )
        for name, extra_column in column.items():
            if not _EXTRA_NAME.match(name):
                raise where.error(
                    ("columns", "extra", name),
                    "an extra field's name is lower-case letters, digits and _ (e.g. id_number)",
                )
            if name in CANONICAL_FIELDS:
                raise where.error(
                    ("columns", "extra", name),
                    f"{name!r} is a canonical field: map it as {name} = ..., not as an extra",
                )
            flat[EXTRA_PREFIX + name] = extra_column
    return flat
