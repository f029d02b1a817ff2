"""Errors a user can act on. The CLI prints them without a traceback."""

from __future__ import annotations


class RecountError(Exception):
    """Base class: a problem with the user's input, config or workspace."""


class ConfigError(RecountError):
    """recount.toml is wrong: names the file, the line (when known), the key and what was expected."""

    def __init__(self, key: str, message: str, path: str | None = None, line: int | None = None):
        self.key = key
        self.message = message
        self.path = path
        self.line = line
        where = f"{path}{f':{line}' if line else ''}: " if path else ""
        super().__init__(f"{where}[{key}] {message}")


class InputError(RecountError):
    """A source file cannot be read: names the file, and the row and field when known."""

    def __init__(self, file: str, message: str, row: int | None = None, field: str | None = None):
        self.file = file
        self.row = row
        self.field = field
        parts = [str(file)]
        if row is not None:
            parts.append(f"row {row}")
        if field is not None:
            parts.append(f"field {field!r}")
        super().__init__(f"{', '.join(parts)}: {message}")


class WorkspaceError(RecountError):
    """The workspace is missing a table or is not a workspace."""
