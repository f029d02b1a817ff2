"""Options and consoles shared by every command."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console, ConsoleDimensions
from rich.progress import Progress, ProgressColumn

from recount.project import Project

# Written to a file or a pipe, a line is as long as its content up to this: a table fitted
# to rich's default 80 columns cuts its cells ("quarantin…"), losing what was redirected to
# be kept. A terminal, or COLUMNS set, keeps its own width.
PIPED_WIDTH = 10_000


class WholeLineConsole(Console):
    """A rich console that fits a terminal but never narrows output sent elsewhere."""

    def __init__(self, **options: Any):
        super().__init__(**options)
        self._width = None  # rich fixes COLUMNS at creation; read it when printing instead

    @property
    def size(self) -> ConsoleDimensions:
        size = super().size
        if self.is_terminal or self._width is not None or "COLUMNS" in self._environ:
            return size
        return ConsoleDimensions(PIPED_WIDTH, size.height)

    @size.setter
    def size(self, new_size: tuple[int, int]) -> None:
        Console.size.fset(self, new_size)


console = WholeLineConsole()
err_console = WholeLineConsole(stderr=True)


def live_progress(*columns: str | ProgressColumn) -> Progress:
    """A progress display on stderr while a terminal shows it, cleared when done; off a
    terminal nothing (rich would print a blank line at its end)."""
    return Progress(
        *columns, console=err_console, transient=True, disable=not err_console.is_terminal
    )


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
