"""`recount report`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from recount.cli.common import WorkspaceOption, console, err_console, open_project


def register(app: typer.Typer) -> None:
    @app.command("report")
    def report(
        workspace: WorkspaceOption = Path("."),
        redact: Annotated[
            bool | None,
            typer.Option(
                "--redact/--no-redact", help="Leave every name out (default: [report] redact)."
            ),
        ] = None,
    ) -> None:
        """Write out/report.html (self-contained) and the exports in out/exports/."""
        project = open_project(workspace)
        with err_console.status("writing the report"):
            path = project.report(redact=redact)
        console.print(f"report: {path}")
        console.print(f"exports: {project.workspace.out_dir / 'exports'}")
