"""`recount export TABLE --out FILE`: any workspace table as CSV, Parquet or XLSX."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from recount.cli.common import WorkspaceOption, console, open_project
from recount.errors import WorkspaceError
from recount.exports import SUFFIXES, write_frame
from recount.tables import TABLES
from recount.workspace import Workspace

# Named exports with a fixed shape; any other name exports that table whole.
VIEWS = {
    "clusters": (
        "record_person",
        "select source_id, source_row, person_id from record_person order by source_id, source_row",
    ),
}
# The command that writes a stage's tables, where it is not named after the stage.
STAGE_COMMANDS = {"names": "normalize", "pipeline": "run"}


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
    if not ws.has_table(table):
        raise WorkspaceError(missing_table(ws, table))
    return ws.table(table)


def missing_table(ws: Workspace, table: str) -> str:
    """Why `table` cannot be exported: the stage that writes it, or what can be."""
    if table in TABLES:
        command = STAGE_COMMANDS.get(TABLES[table].stage, TABLES[table].stage)
        return f"{ws.root}: table {table!r} is not written yet; run `recount {command}` first"
    written = set(ws.tables())
    ready = sorted(written | {name for name, (needs, _) in VIEWS.items() if needs in written})
    later = [name for name in TABLES if name not in written] + [
        name for name, (needs, _) in VIEWS.items() if needs not in written
    ]
    return f"{ws.root}: no table {table!r}. Exportable now: {', '.join(ready) or 'none'}" + (
        f"; once their stage has run: {', '.join(later)}" if later else ""
    )
