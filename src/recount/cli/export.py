"""`recount export TABLE --out FILE`: any workspace table as CSV, Parquet or XLSX."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from recount.cli.common import WorkspaceOption, console, open_project
from recount.errors import WorkspaceError
from recount.exports import SUFFIXES, write_frame
from recount.workspace import Workspace

# Named exports with a fixed shape; any other name exports that table whole.
VIEWS = {
    "clusters": (
        "record_person",
        "select source_id, source_row, person_id from record_person order by source_id, source_row",
    ),
}


def register(app: typer.Typer) -> None:
    @app.command("export")
    def export(
        table: Annotated[
            str,
            typer.Argument(
                help="clusters, persons, estimates, records, quarantine, pairs, sources, claims, …"
            ),
        ],
        out: Annotated[
            Path, typer.Option("--out", "-o", help=f"File to write: {', '.join(SUFFIXES)}.")
        ],
        workspace: WorkspaceOption = Path("."),
    ) -> None:
        """Export a table of the workspace (text cells that look like formulas are neutralised)."""
        ws = open_project(workspace).workspace
        frame = export_frame(ws, table)
        path = write_frame(frame, out)
        console.print(f"wrote {len(frame):,} rows of {table} to {path}")


def export_frame(ws: Workspace, table: str):
    if table in VIEWS:
        needs, sql = VIEWS[table]
        if not ws.has_table(needs):
            raise WorkspaceError(f"{ws.root}: no table {needs!r}; run `recount link` first")
        return ws.query(sql)
    return ws.table(table)
