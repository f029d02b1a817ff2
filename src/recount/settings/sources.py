"""`[[sources]]`: one table per list, with how its columns map to recount's fields."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any, Self

from recount.settings.base import Section, Where, setting
from recount.settings.project import EVENTS

FORMATS = ("csv", "tsv", "xlsx", "jsonl", "parquet")
NAME_FIELDS = (
    "name",
    "given_name",
    "father_name",
    "grandfather_name",
    "family_name",
    "name_latin",
)
CANONICAL_FIELDS = (
    *NAME_FIELDS,
    "sex",
    "age",
    "date_of_death",
    "governorate",
    "place",
    "status",
    "cause",
    "record_ref",
)


@dataclass(frozen=True)
class SourceConfig(Section):
    """One `[[sources]]` entry. `path` is resolved against the workspace by `Config`."""

    NAME = "sources"

    id: str = setting(help="letters, digits, '-' and '_'")
    path: Path = setting(help="the file, relative to recount.toml")
    columns: dict[str, str] = setting({}, "canonical field = column name in the file")
    values: dict[str, dict[str, str]] = setting({}, '[sources.values.FIELD] "theirs" = "ours"')
    format: str | None = setting(None, "detected when absent", choices=FORMATS)
    encoding: str | None = setting(None, "detected when absent")
    delimiter: str | None = setting(None, "detected when absent")
    sheet: str | int | None = setting(None, "XLSX: a sheet name or 0-based index")
    date_format: str | None = setting(None, "strftime format of the dates, when ambiguous")
    dayfirst: bool | None = setting(None, "read 03/04 as 3 April")
    name: str | None = setting(None, "the list's full name, for the report")
    event: str | None = setting(None, "overrides [project] event for this list", choices=EVENTS)

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
        return super().parse(table, where)

    def check(self, where: Where) -> None:
        if not self.columns:
            raise where.error(
                ("columns",), "expected a table mapping canonical fields to column names"
            )
        for mapping_key, mapping in (("columns", self.columns), ("values", self.values)):
            for canonical in mapping:
                if canonical not in CANONICAL_FIELDS:
                    raise where.error(
                        (mapping_key, canonical),
                        f"unknown canonical field; expected one of {', '.join(CANONICAL_FIELDS)}",
                    )
        if not set(NAME_FIELDS) & set(self.columns):
            raise where.error(("columns",), "map at least one name field: name or given_name, …")

    def resolved(self, root: Path) -> SourceConfig:
        return replace(self, path=root / self.path)
