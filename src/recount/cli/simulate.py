"""CLI commands of the simulate stage: `recount simulate OUT_DIR`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from recount.cli.common import console, err_console


def register(app: typer.Typer) -> None:
    """Registers `recount simulate`."""

    @app.command("simulate")
    def simulate_command(
        out_dir: Annotated[
            Path,
            typer.Argument(
                help="Folder to write the lists, truth/ and recount.toml into.", file_okay=False
            ),
        ],
        people: Annotated[
            int, typer.Option("--people", "-n", min=1, help="True number of people killed.")
        ] = 20000,
        sources: Annotated[
            int, typer.Option("--sources", "-k", min=2, max=8, help="Number of lists (2-8).")
        ] = 5,
        seed: Annotated[
            int,
            typer.Option("--seed", "-s", help="Random seed: the same seed writes the same files."),
        ] = 1,
        coverage: Annotated[
            float,
            typer.Option(
                "--coverage",
                min=0.05,
                max=0.99,
                help="Expected share of people on at least one list.",
            ),
        ] = 0.7,
        rows: Annotated[
            int | None,
            typer.Option(
                "--rows", min=1, help="Aim for about this many source rows (sets --people)."
            ),
        ] = None,
        lists: Annotated[
            str | None,
            typer.Option(
                "--lists",
                help="Comma-separated list ids instead of the first K (e.g. vdc,sohr,gov).",
            ),
        ] = None,
    ) -> None:
        """Simulate a conflict: a true population, K lists in their own formats, the truth and a recount.toml."""
        from recount.simulate import people_for_rows, simulate

        chosen = [item.strip() for item in lists.split(",") if item.strip()] if lists else None
        if rows is not None:
            people = people_for_rows(rows, sources, seed, coverage=coverage, lists=chosen)
        with Progress(
            TextColumn("[bold]simulate[/] {task.description}"),
            BarColumn(),
            TextColumn("{task.completed}/{task.total}"),
            TimeElapsedColumn(),
            console=err_console,
            transient=True,
        ) as progress:
            task = progress.add_task("starting", total=1)

            def report(step: str, done: int, total: int) -> None:
                progress.update(task, description=step, completed=done, total=total)

            result = simulate(
                out_dir,
                people=people,
                sources=sources,
                seed=seed,
                coverage=coverage,
                lists=chosen,
                progress=report,
            )

        table = Table(title=f"Simulated lists (seed {seed})")
        for column in ("list", "file", "rows", "duplicate rows", "unidentifiable rows"):
            table.add_column(column, justify="left" if column in ("list", "file") else "right")
        for source_id, path in result.list_paths.items():
            table.add_row(
                source_id,
                str(path.relative_to(result.out_dir)),
                f"{result.rows[source_id]:,}",
                f"{result.duplicate_rows[source_id]:,}",
                f"{result.unidentified_rows[source_id]:,}",
            )
        console.print(table)
        console.print(
            f"true people: {result.people:,}   on at least one list: {result.documented:,} "
            f"({result.documented_share:.0%})   rows written: {result.total_rows:,}"
        )
        console.print(f"truth: {result.truth_records.parent}   config: {result.config_path}")
