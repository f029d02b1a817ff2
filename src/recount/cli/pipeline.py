"""`recount run`: the whole flow, each stage only when its inputs changed."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from recount.cli.common import WorkspaceOption, console, err_console, open_project
from recount.cli.estimate import LinkageDrawsOption, linkage_draws_value, print_headline
from recount.pipeline import STAGES, StageRun


def register(app: typer.Typer) -> None:
    @app.command("run")
    def run(
        workspace: WorkspaceOption = Path("."),
        from_stage: Annotated[
            str | None,
            typer.Option("--from", help=f"Re-run from this stage on: {', '.join(STAGES)}."),
        ] = None,
        linkage_draws: LinkageDrawsOption = None,
    ) -> None:
        """Run every stage in order; stages whose inputs have not changed are not recomputed."""
        project = open_project(workspace)
        progress = Progress(
            SpinnerColumn(),
            TextColumn("[bold]{task.description}"),
            TextColumn("{task.fields[status]}"),
            TimeElapsedColumn(),
            console=err_console,
            disable=not err_console.is_terminal,  # a log gets a line per stage as it ends
        )
        tasks = {
            stage: progress.add_task(stage, total=1, status="waiting", start=False)
            for stage in STAGES
        }

        def started(stage: str) -> None:
            progress.start_task(tasks[stage])
            progress.update(tasks[stage], status="running")

        def ended(run: StageRun) -> None:
            progress.update(tasks[run.stage], completed=1, status=f"{run.status}: {run.summary}")
            progress.stop_task(tasks[run.stage])
            if progress.disable:
                err_console.print(
                    f"{run.stage} {run.status}: {run.summary} ({run.seconds:.1f} s)", markup=False
                )

        with progress:
            result = project.run(
                from_stage,
                on_stage_start=started,
                on_stage_end=ended,
                linkage_draws=linkage_draws_value(linkage_draws),
            )
        table = Table(title="recount run")
        for column in ("stage", "status", "seconds", "summary"):
            table.add_column(column, justify="right" if column == "seconds" else "left")
        for stage in result.stages:
            table.add_row(stage.stage, stage.status, f"{stage.seconds:.1f}", stage.summary)
        console.print(table)
        if project.workspace.has_table("estimates"):
            print_headline(project.table("estimates"))
        if result.report_path:
            console.print(f"report: {result.report_path}")
