"""`recount init`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from recount.cli.common import console
from recount.settings import EVENTS
from recount.workspace import Workspace


def register(app: typer.Typer) -> None:
    @app.command("init")
    def init(
        directory: Annotated[Path, typer.Argument(help="Folder to create (default: here).")] = Path(
            "."
        ),
        name: Annotated[str | None, typer.Option(help="Project name.")] = None,
        event: Annotated[str, typer.Option(help=f"One of {', '.join(EVENTS)}.")] = "killed",
        country: Annotated[
            str | None,
            typer.Option(
                help="Country pack (e.g. SY, CO): maps places to its admin units. "
                "Without one, no place is mapped."
            ),
        ] = None,
    ) -> None:
        """Create a workspace: a commented recount.toml and the DuckDB database."""
        from recount.settings.project import unknown_country

        if event not in EVENTS:
            raise typer.BadParameter(f"expected one of {', '.join(EVENTS)}", param_hint="--event")
        problem = unknown_country(country) if country is not None else None
        if problem:
            raise typer.BadParameter(problem, param_hint="--country")
        ws = Workspace.init(directory, name=name, event=event, country=country)
        console.print(f"workspace ready: {ws.root}")
        console.print(
            f"  edit {ws.config_path.name} to declare your sources, then `recount ingest`"
        )
