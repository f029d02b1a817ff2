"""The `recount` command. Each stage registers its commands from its own module."""

from __future__ import annotations

import sys

import typer
from rich.markup import escape

from recount.cli import (
    claims,
    estimate,
    export,
    ingest,
    link,
    names,
    pipeline,
    report,
    review,
    simulate,
    workspace,
)
from recount.cli.common import err_console
from recount.errors import RecountError

app = typer.Typer(
    name="recount",
    help="Verify conflict casualty counts: ingest lists, link records, estimate, report, check claims.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode="markdown",
)

for module in (
    workspace,
    ingest,
    simulate,
    names,
    link,
    review,
    estimate,
    report,
    claims,
    export,
    pipeline,
):
    module.register(app)


def main() -> None:
    try:
        app()
    except RecountError as exc:
        err_console.print(f"[bold red]error:[/] {escape(str(exc))}", highlight=False, markup=True)
        sys.exit(2)
    except KeyboardInterrupt:
        err_console.print("[yellow]interrupted[/]")
        sys.exit(130)
