"""Options and consoles shared by every command."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from recount.project import Project

console = Console()
err_console = Console(stderr=True)

WorkspaceOption = Annotated[
    Path,
    typer.Option(
        "--workspace",
        "-w",
        help="Workspace folder (default: the current folder).",
        file_okay=False,
    ),
]


def open_project(path: Path) -> Project:
    """The workspace a command works on (the CLI runs every stage through recount.Project)."""
    return Project(path)
