"""Options and consoles shared by every command."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from recount.workspace import Workspace

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


def open_workspace(path: Path) -> Workspace:
    return Workspace(path)
