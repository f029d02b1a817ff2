"""docs/configuration.md, written from the settings classes (`make docs` keeps it current)."""

from __future__ import annotations

import dataclasses
import json
import typing

from recount.settings.base import REQUIRED, Section
from recount.settings.claims import ClaimantEntry
from recount.settings.estimate import HlcmcrSettings, LcmcrSettings

HEADER = """# recount.toml reference

Generated from `src/recount/settings/` by `make docs`: every key, its default and what it
does. Every section and key is checked when recount.toml is read; an unknown one, or a value
of the wrong kind, is an error that names the file, the line and the key.
"""


def markdown(sections: dict[str, type[Section]]) -> str:
    from recount.settings.sources import SourceConfig

    parts = [HEADER]
    for cls in (*sections.values(), LcmcrSettings, HlcmcrSettings, ClaimantEntry, SourceConfig):
        title = f"[[{cls.NAME}]]" if cls in (SourceConfig, ClaimantEntry) else f"[{cls.NAME}]"
        parts.append(f"## `{title}`\n")
        if cls.__doc__ and not cls.__doc__.startswith(cls.__name__ + "("):
            parts.append(" ".join(cls.__doc__.split()) + "\n")
        parts.append("| key | default | meaning |\n|---|---|---|")
        hints = typing.get_type_hints(cls)
        for field in dataclasses.fields(cls):
            if isinstance(hints[field.name], type) and issubclass(hints[field.name], Section):
                continue
            meaning = field.metadata.get("help", "")
            choices = field.metadata.get("choices")
            if choices:
                meaning += f" ({', '.join(str(c) for c in choices)})"
            parts.append(f"| `{field.name}` | {_default(field)} | {meaning} |")
        parts.append("")
    return "\n".join(parts)


def _default(field: dataclasses.Field) -> str:
    if field.default is REQUIRED and field.default_factory is dataclasses.MISSING:
        return "required"
    value = field.default if field.default is not REQUIRED else field.default_factory()
    if value is None:
        return "unset"
    if isinstance(value, tuple):
        value = list(value)
    return "`" + json.dumps(value, default=str) + "`"
