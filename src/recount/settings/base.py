"""How a recount.toml section is declared and checked: one validator for every section.

A section is a frozen dataclass whose fields are its keys; each field's default
is the one default of that setting, and `setting(...)` adds what the value
must satisfy (choices, bounds) and a line of help. `Section.parse` checks
every key of the table (unknown keys, types, bounds, then the section's own
`check` for rules between keys) and names the file, the line and the key of
the first problem. `with_overrides` applies CLI or API values through the
same checks.

Types a field may have: bool, int, float, str, datetime.date, tuple[str, ...]
(a TOML array of strings),
dict[str, str], dict[str, dict[str, str]], `X | None`, `str | int`, or
another Section (a sub-table such as `[estimate.lcmcr]`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, Self

import numpy as np

from recount.errors import ConfigError
from recount.settings.lines import TomlLines

REQUIRED: Any = dataclasses.MISSING


def setting(
    default: Any = REQUIRED,
    help: str = "",
    *,
    choices: tuple[Any, ...] | None = None,
    minimum: float | None = None,
    maximum: float | None = None,
    open_interval: bool = False,
    single: bool = False,
) -> Any:
    """A key of a section: its default (the only one), help, and what its value must satisfy.
    `open_interval` makes the bounds strict (a probability strictly between 0 and 1); with
    `single`, one string stands for a one-item list (`strata = "year"`)."""
    metadata = {
        "help": help,
        "choices": choices,
        "minimum": minimum,
        "maximum": maximum,
        "open": open_interval,
        "single": single,
    }
    if isinstance(default, list | set):
        raise TypeError("use a tuple, not a mutable default")
    if isinstance(default, dict):
        return dataclasses.field(default_factory=lambda: dict(default), metadata=metadata)
    if dataclasses.is_dataclass(default):
        return dataclasses.field(default_factory=lambda: default, metadata=metadata)
    return dataclasses.field(default=default, metadata=metadata)


@dataclass(frozen=True)
class Where:
    """Where a table came from, to name in errors."""

    path: str | None = None
    lines: TomlLines | None = None
    prefix: tuple[str | int, ...] = ()
    # how the prefix is shown, when not as it is found (`sources.vdc` for `sources[0]`)
    label: tuple[str | int, ...] | None = None

    def error(self, key: tuple[str | int, ...], message: str) -> ConfigError:
        line = self.lines.find(self.prefix + key) if self.lines else None
        shown = (self.prefix if self.label is None else self.label) + key
        return ConfigError(_dotted(shown), message, self.path, line)

    def within(self, *key: str | int) -> Where:
        label = None if self.label is None else self.label + key
        return Where(self.path, self.lines, self.prefix + key, label)

    def labelled(self, *label: str | int) -> Where:
        return Where(self.path, self.lines, self.prefix, label)


@dataclass(frozen=True)
class Section:
    """Base of every section class. Subclasses set `NAME` (the TOML table) and fields."""

    NAME: ClassVar[str] = ""

    @classmethod
    def parse(cls, table: Any, where: Where | None = None) -> Self:
        """The section from its TOML table ({} when absent); ConfigError for the first problem."""
        where = where or Where(prefix=cls._prefix())
        if not isinstance(table, Mapping):
            raise where.error((), f"expected a table, got {_kind(table)}")
        known = {f.name: f for f in dataclasses.fields(cls)}
        for key in table:
            if key not in known:
                raise where.error(
                    (key,), f"unknown key; expected one of {', '.join(sorted(known))}"
                )
        hints = typing.get_type_hints(cls)
        values = {}
        for name, value in table.items():
            values[name] = _read(hints[name], value, known[name], where, (name,))
        missing = [
            f.name
            for f in dataclasses.fields(cls)
            if f.name not in values
            and f.default is REQUIRED
            and f.default_factory is dataclasses.MISSING
        ]
        if missing:
            raise where.error((missing[0],), "required; not given")
        section = cls(**values)
        section.check(where)
        return section

    def check(self, where: Where) -> None:
        """Rules between keys (override); raise `where.error((key,), message)`."""

    def with_overrides(self, where: Where | None = None, **overrides: Any) -> Self:
        """A copy with the given keys replaced (None means: keep), checked like the file."""
        where = where or Where(prefix=self._prefix())
        known = {f.name: f for f in dataclasses.fields(self)}
        given = {k: v for k, v in overrides.items() if v is not None}
        for key in given:
            if key not in known:
                raise where.error(
                    (key,), f"unknown key; expected one of {', '.join(sorted(known))}"
                )
        hints = typing.get_type_hints(type(self))
        values = {k: _read(hints[k], v, known[k], where, (k,)) for k, v in given.items()}
        section = dataclasses.replace(self, **values)
        section.check(where)
        return section

    @classmethod
    def check_keys(cls, where: Where | None = None, **values: Any) -> dict[str, Any]:
        """The given keys checked one by one (types and bounds, not `check`), typed;
        for estimators that take a section's keys as arguments. None means unset."""
        where = where or Where(prefix=cls._prefix())
        known = {f.name: f for f in dataclasses.fields(cls)}
        hints = typing.get_type_hints(cls)
        return {
            k: _read(hints[k], v, known[k], where, (k,)) for k, v in values.items() if v is not None
        }

    @classmethod
    def _prefix(cls) -> tuple[str, ...]:
        return tuple(cls.NAME.split("."))

    @classmethod
    def help(cls) -> dict[str, str]:
        """Each key's help text, for docs and `recount init`'s template."""
        return {f.name: f.metadata.get("help", "") for f in dataclasses.fields(cls)}


def _read(
    hint: Any, value: Any, field: dataclasses.Field, where: Where, key: tuple[str | int, ...]
) -> Any:
    meta = field.metadata
    if meta.get("single") and isinstance(value, str):
        value = [value]
    value = _typed(hint, value, where, key)
    values = value if isinstance(value, tuple) else (value,)
    for item in values:
        if item is None or isinstance(item, Section | dict):
            continue
        if meta.get("choices") is not None and item not in meta["choices"]:
            raise where.error(
                key,
                f"expected one of {', '.join(str(c) for c in meta['choices'])}, got {item!r}",
            )
        low, high, strict = meta.get("minimum"), meta.get("maximum"), meta.get("open")
        if isinstance(item, int | float) and not isinstance(item, bool):
            if low is not None and (item <= low if strict else item < low):
                raise where.error(key, _bounds(low, high, strict, item))
            if high is not None and (item >= high if strict else item > high):
                raise where.error(key, _bounds(low, high, strict, item))
    return value


def _typed(
    hint: Any, value: Any, where: Where, key: tuple[str | int, ...], empty: bool = False
) -> Any:
    """`value` as type `hint`, or ConfigError naming what was expected. Strings must not be
    empty, but inside a table (`"their value" = ""` maps a value to nothing)."""
    origin = typing.get_origin(hint)
    if origin in (types.UnionType, typing.Union):
        options = typing.get_args(hint)
        if value is None and type(None) in options:
            return None
        problems = []
        for option in (o for o in options if o is not type(None)):
            try:
                return _typed(option, value, where, key)
            except ConfigError as error:
                problems.append(error.message)
        raise where.error(key, " or ".join(dict.fromkeys(problems)))
    if isinstance(hint, type) and issubclass(hint, Section):
        if isinstance(value, hint):
            return value
        return hint.parse(value, where.within(*key))
    if hint is bool:
        if not isinstance(value, bool):
            raise where.error(key, f"expected true or false, got {value!r}")
        return value
    if hint is int:
        if isinstance(value, bool) or not isinstance(value, int | np.integer):
            raise where.error(key, f"expected a whole number, got {value!r}")
        return int(value)
    if hint is float:
        if isinstance(value, bool) or not isinstance(value, int | float | np.number):
            raise where.error(key, f"expected a number, got {value!r}")
        return float(value)
    if hint is str:
        if not isinstance(value, str) or not (value or empty):
            raise where.error(key, f"expected a non-empty string, got {value!r}")
        return value
    if hint is dt.date:
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            raise where.error(key, f"expected a date like 2011-03-01, got {value!r}") from None
    if hint is Any:
        return value
    if hint is Path:
        if not isinstance(value, str | Path) or not str(value):
            raise where.error(key, f"expected a file path, got {value!r}")
        return Path(value)
    if origin is tuple:
        item_hint = typing.get_args(hint)[0]
        if item_hint is str:
            if not isinstance(value, list | tuple) or not all(
                isinstance(v, str) and v for v in value
            ):
                raise where.error(key, f"expected a list of non-empty strings, got {value!r}")
            return tuple(value)
        if not isinstance(value, list | tuple):
            raise where.error(key, f"expected an array, got {_kind(value)}")
        return tuple(_typed(item_hint, v, where, (*key, i)) for i, v in enumerate(value))
    if origin is dict:
        _, item_hint = typing.get_args(hint)
        if not isinstance(value, Mapping):
            raise where.error(key, f"expected a table, got {_kind(value)}")
        return {k: _typed(item_hint, v, where, (*key, k), empty=True) for k, v in value.items()}
    raise TypeError(f"settings: unsupported type {hint!r} for {_dotted(key)}")


def _bounds(low: float | None, high: float | None, strict: bool, value: Any) -> str:
    what = "a whole number" if isinstance(value, int) else "a number"
    if low is not None and high is not None:
        relation = "strictly between" if strict else "between"
        return f"expected {what} {relation} {low:g} and {high:g}, got {value!r}"
    if low is not None:
        return f"expected {what} {'>' if strict else '>='} {low:g}, got {value!r}"
    return f"expected {what} {'<' if strict else '<='} {high:g}, got {value!r}"


def _kind(value: Any) -> str:
    return {list: "an array", str: "a string", dict: "a table"}.get(
        type(value), type(value).__name__
    )


def _dotted(key: tuple[str | int, ...]) -> str:
    text = ""
    for part in key:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text
