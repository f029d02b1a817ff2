"""CLI commands of the report stage."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Registers this stage's commands (filled in by the stage's work)."""
