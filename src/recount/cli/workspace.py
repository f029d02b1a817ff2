"""`recount init`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from recount.cli.common import console
from recount.settings import EVENTS
from recount.settings.project import ProjectSettings
from recount.workspace import Workspace


def register(app: typer.Typer) -> None:
    @app.command("init")
    def init(
        directory: Annotated[Path, typer.Argument(help="Folder to create (default: here).")] = Path(
            "."
        ),
        name: Annotated[
            str | None, typer.Option(help="Project name (default: the folder's).")
        ] = None,
        event: Annotated[
            str | None,
            typer.Option(help=f"One of {', '.join(EVENTS)} (default {ProjectSettings.event})."),
        ] = None,
        country: Annotated[
            str | None,
            typer.Option(
                help="The lists' ISO 3166-1 code (e.g. SY, CO, GT): maps places to its "
                "first-level admin units. Without one, no place is mapped."
            ),
        ] = None,
    ) -> None:
        """Create a workspace: a commented recount.toml and the DuckDB database."""
        from recount.settings.project import unknown_country

        if event is not None and event not in EVENTS:
            raise typer.BadParameter(f"expected one of {', '.join(EVENTS)}", param_hint="--event")
        problem = unknown_country(country) if country is not None else None
        if problem:
            raise typer.BadParameter(problem, param_hint="--country")
        existed = Workspace(directory).config_path.exists()
        ws = Workspace.init(directory, name=name, event=event, country=country)
        if not existed:
            console.print(f"workspace ready: {ws.root}", markup=False)
            console.print(
                f"  declare your lists in {ws.config_path.name} (`recount sources suggest FILE "
                f">> {ws.config_path.name}` proposes a block for each), then `recount ingest`",
                markup=False,
            )
            return
        console.print(
            f"workspace exists: {ws.root} ({ws.config_path.name} kept as it is)", markup=False
        )
        for line in existing_advice(ws, {"name": name, "event": event, "country": country}):
            console.print(f"  {line}", markup=False)


def existing_advice(ws: Workspace, given: dict[str, str | None]) -> list[str]:
    """What `recount init` on a workspace that exists tells: the options it did not apply
    (recount.toml is never rewritten) and the next step from what the workspace holds."""
    project = ws.config.project
    ignored = [
        f"--{key} {value}"
        for key, value in given.items()
        if value is not None and str(getattr(project, key) or "").upper() != value.upper()
    ]
    lines = []
    if ignored:
        lines.append(
            f"not applied: {', '.join(ignored)} (set them under [project] in {ws.config_path.name})"
        )
    sources = [s.id for s in ws.config.sources]
    declared = f"{len(sources)} source{'s' if len(sources) != 1 else ''} declared"
    if not sources:
        lines.append(
            f"no sources declared yet: `recount sources suggest FILE >> {ws.config_path.name}`, "
            "then `recount ingest`"
        )
    elif not ws.has_table("records"):
        lines.append(f"{declared} ({', '.join(sources)}): next `recount ingest`")
    else:
        lines.append(f"{declared} and ingested: `recount run` brings every stage up to date")
    return lines
