"""recount.toml: the project and its sources.

Only `[project]` and `[[sources]]` are parsed here. Every stage reads its own
section (`[link]`, `[estimate]`, …) through :meth:`Config.section`, so a stage's
options live beside the code that uses them.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from recount.errors import ConfigError

EVENTS = ("killed", "missing", "detained", "evacuated")
FORMATS = ("csv", "tsv", "xlsx", "jsonl", "parquet")
CANONICAL_FIELDS = (
    "name",
    "given_name",
    "father_name",
    "grandfather_name",
    "family_name",
    "name_latin",
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
EXTRA_PREFIX = "extra."
_EXTRA_NAME = re.compile(r"^[a-z][a-z0-9_]{0,62}$")
# How a stage should compare an extra field, from its name (see extra_field_kind).
_EXTRA_IDS = {"id_number", "national_id", "passport", "ssn", "nin", "dni", "cedula", "nid"}
_EXTRA_CODES = {"postcode", "post_code", "postal_code", "zip", "zip_code", "zipcode"}
SOURCE_KEYS = {
    "id",
    "path",
    "format",
    "encoding",
    "delimiter",
    "sheet",
    "date_format",
    "dayfirst",
    "columns",
    "values",
    "name",
    "event",
}


@dataclass(frozen=True)
class SourceConfig:
    id: str
    path: Path
    columns: dict[str, str]
    values: dict[str, dict[str, str]] = field(default_factory=dict)
    format: str | None = None
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | int | None = None
    date_format: str | None = None
    dayfirst: bool | None = None
    name: str | None = None
    event: str | None = None
    country: str | None = None  # the project's country pack (ISO 3166-1 alpha-2), None for none

    @property
    def extra_columns(self) -> dict[str, str]:
        """Extra field name -> column, for the fields mapped as `extra.NAME`."""
        return {
            field.removeprefix(EXTRA_PREFIX): column
            for field, column in self.columns.items()
            if field.startswith(EXTRA_PREFIX)
        }


@dataclass(frozen=True)
class Config:
    path: Path
    project_name: str
    event: str
    sources: tuple[SourceConfig, ...]
    raw: dict[str, Any]
    country: str | None = None  # [project] country: the country pack, None when not chosen

    def section(self, name: str) -> dict[str, Any]:
        """The raw table `[name]`, or {} when absent."""
        value = self.raw.get(name, {})
        if not isinstance(value, dict):
            raise ConfigError(name, f"expected a table, got {type(value).__name__}", str(self.path))
        return value

    def source(self, source_id: str) -> SourceConfig:
        for source in self.sources:
            if source.id == source_id:
                return source
        known = ", ".join(s.id for s in self.sources) or "none"
        raise ConfigError(
            "sources", f"no source with id {source_id!r} (known: {known})", str(self.path)
        )


def load_config(path: Path) -> Config:
    path = Path(path)
    if not path.exists():
        raise ConfigError("project", "recount.toml not found; run `recount init`", str(path))
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError("toml", f"not valid TOML: {exc}", str(path)) from exc
    except UnicodeDecodeError as exc:
        raise ConfigError("toml", "not UTF-8 text", str(path)) from exc
    return parse_config(raw, path)


def parse_config(raw: dict[str, Any], path: Path) -> Config:
    where = str(path)
    project = raw.get("project", {})
    if not isinstance(project, dict):
        raise ConfigError("project", "expected a table", where)
    name = project.get("name", path.parent.name)
    if not isinstance(name, str):
        raise ConfigError("project.name", "expected a string", where)
    event = project.get("event", "killed")
    if event not in EVENTS:
        raise ConfigError(
            "project.event", f"expected one of {', '.join(EVENTS)}, got {event!r}", where
        )
    country = project.get("country")
    if country is not None:
        country = _check_country(country, where)
    sources_raw = raw.get("sources", [])
    if not isinstance(sources_raw, list):
        raise ConfigError("sources", "expected an array of tables: [[sources]]", where)
    sources = []
    seen: set[str] = set()
    for index, entry in enumerate(sources_raw):
        source = _parse_source(entry, index, path, country)
        if source.id in seen:
            raise ConfigError(f"sources[{index}].id", f"duplicate source id {source.id!r}", where)
        seen.add(source.id)
        sources.append(source)
    return Config(
        path=path,
        project_name=name,
        event=event,
        sources=tuple(sources),
        raw=raw,
        country=country,
    )


def _check_country(country: Any, where: str) -> str:
    from recount.reference import available_packs

    if not isinstance(country, str) or country.upper() not in available_packs():
        known = ", ".join(available_packs())
        raise ConfigError(
            "project.country",
            f"expected the code of a country pack ({known}), got {country!r}; "
            "leave it out to map no place to any admin unit",
            where,
        )
    return country.upper()


def extra_field_kind(name: str) -> str:
    """How an extra field compares, from its name: `id`, `code`, `name` or `text`.

    `id`: an identifier (names ending _id, _number, _no, or id_number, passport, ...), equal or
    not; `code`: a postcode-like code; `name`: a person's name (mother_name, spouse_name);
    `text`: anything else (occupation, nationality, ...).
    """
    if name in _EXTRA_IDS or name.endswith(("_id", "_number", "_no")):
        return "id"
    if name in _EXTRA_CODES:
        return "code"
    if name.endswith("_name"):
        return "name"
    return "text"


def _flatten_columns(columns: dict[str, Any], key: str, where: str) -> dict[str, Any]:
    """`extra = {occupation = "Occ"}` (or `extra.occupation = ...`) as flat `extra.occupation` keys."""
    flat: dict[str, Any] = {}
    for canonical, column in columns.items():
        if canonical != "extra":
            flat[canonical] = column
            continue
        if not isinstance(column, dict) or not column:
            raise ConfigError(
                f"{key}.columns.extra",
                'expected a table of extra fields: extra.occupation = "Occupation"',
                where,
            )
        for name, extra_column in column.items():
            if not _EXTRA_NAME.match(name):
                raise ConfigError(
                    f"{key}.columns.extra.{name}",
                    "an extra field's name is lower-case letters, digits and _ (e.g. id_number)",
                    where,
                )
            if name in CANONICAL_FIELDS:
                raise ConfigError(
                    f"{key}.columns.extra.{name}",
                    f"{name!r} is a canonical field: map it as {name} = ..., not as an extra",
                    where,
                )
            flat[EXTRA_PREFIX + name] = extra_column
    return flat


def _parse_source(entry: Any, index: int, config_path: Path, country: str | None) -> SourceConfig:
    where = str(config_path)
    key = f"sources[{index}]"
    if not isinstance(entry, dict):
        raise ConfigError(key, "expected a table", where)
    unknown = set(entry) - SOURCE_KEYS
    if unknown:
        raise ConfigError(
            f"{key}.{sorted(unknown)[0]}",
            f"unknown key; expected one of {', '.join(sorted(SOURCE_KEYS))}",
            where,
        )
    source_id = entry.get("id")
    if not isinstance(source_id, str) or not source_id.strip():
        raise ConfigError(f"{key}.id", "expected a non-empty string", where)
    if not source_id.replace("_", "").replace("-", "").isalnum():
        raise ConfigError(f"{key}.id", "use letters, digits, '-' and '_' only", where)
    key = f"sources.{source_id}"
    file = entry.get("path")
    if not isinstance(file, str) or not file:
        raise ConfigError(f"{key}.path", "expected a file path relative to the workspace", where)
    fmt = entry.get("format")
    if fmt is not None and fmt not in FORMATS:
        raise ConfigError(
            f"{key}.format", f"expected one of {', '.join(FORMATS)}, got {fmt!r}", where
        )
    columns = entry.get("columns", {})
    if not isinstance(columns, dict) or not columns:
        raise ConfigError(
            f"{key}.columns", "expected a table mapping canonical fields to column names", where
        )
    columns = _flatten_columns(columns, key, where)
    for canonical, column in columns.items():
        if canonical not in CANONICAL_FIELDS and not canonical.startswith(EXTRA_PREFIX):
            raise ConfigError(
                f"{key}.columns.{canonical}",
                f"unknown canonical field; expected one of {', '.join(CANONICAL_FIELDS)}, "
                'or an extra field as extra.NAME = "column"',
                where,
            )
        if not isinstance(column, str) or not column:
            raise ConfigError(
                f"{key}.columns.{canonical}", "expected a column name (string)", where
            )
    name_fields = {
        "name",
        "given_name",
        "father_name",
        "grandfather_name",
        "family_name",
        "name_latin",
    }
    if not name_fields & set(columns):
        raise ConfigError(
            f"{key}.columns", "map at least one name field: name or given_name, …", where
        )
    values = entry.get("values", {})
    if not isinstance(values, dict):
        raise ConfigError(f"{key}.values", "expected tables [sources.values.FIELD]", where)
    for canonical, mapping in values.items():
        if canonical not in CANONICAL_FIELDS:
            raise ConfigError(f"{key}.values.{canonical}", "unknown canonical field", where)
        if not isinstance(mapping, dict) or not all(isinstance(v, str) for v in mapping.values()):
            raise ConfigError(
                f"{key}.values.{canonical}", 'expected a table of "their value" = "ours"', where
            )
    dayfirst = entry.get("dayfirst")
    if dayfirst is not None and not isinstance(dayfirst, bool):
        raise ConfigError(f"{key}.dayfirst", "expected true or false", where)
    event = entry.get("event")
    if event is not None and event not in EVENTS:
        raise ConfigError(f"{key}.event", f"expected one of {', '.join(EVENTS)}", where)
    for text_key in ("encoding", "delimiter", "date_format", "name"):
        if entry.get(text_key) is not None and not isinstance(entry[text_key], str):
            raise ConfigError(f"{key}.{text_key}", "expected a string", where)
    sheet = entry.get("sheet")
    if sheet is not None and not isinstance(sheet, str | int):
        raise ConfigError(f"{key}.sheet", "expected a sheet name or 0-based index", where)
    return SourceConfig(
        id=source_id,
        path=(config_path.parent / file),
        columns=dict(columns),
        values={k: dict(v) for k, v in values.items()},
        format=fmt,
        encoding=entry.get("encoding"),
        delimiter=entry.get("delimiter"),
        sheet=sheet,
        date_format=entry.get("date_format"),
        dayfirst=dayfirst,
        name=entry.get("name"),
        event=event,
        country=country,
    )
