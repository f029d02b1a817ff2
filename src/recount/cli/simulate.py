"""CLI commands of the simulate stage: `recount simulate OUT_DIR`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from recount.cli.common import console, live_progress
from recount.simulate.core import COVERAGE, COVERAGE_RANGE, PEOPLE, SEED, SOURCES
from recount.simulate.regimes import (
    COUNTRIES,
    HELD_OUT,
    NAME_ORDERS,
    ROMANISATIONS,
    SCRIPTS,
    TUNING,
    VARIATIONS,
    Regime,
)
from recount.simulate.worlds import WORLDS

MOST_LISTS = max(len(world.lists) for world in WORLDS.values())


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
            int | None,
            typer.Option(
                "--people",
                "-n",
                min=1,
                help=f"True number of people killed (default {PEOPLE:,}, or the regime's).",
            ),
        ] = None,
        sources: Annotated[
            int | None,
            typer.Option(
                "--sources",
                "-k",
                min=2,
                max=MOST_LISTS,
                help=f"Number of lists, 2-{MOST_LISTS} (default {SOURCES}, or the regime's).",
            ),
        ] = None,
        seed: Annotated[
            int,
            typer.Option("--seed", "-s", help="Random seed: the same seed writes the same files."),
        ] = SEED,
        coverage: Annotated[
            float | None,
            typer.Option(
                "--coverage",
                min=COVERAGE_RANGE[0],
                max=COVERAGE_RANGE[1],
                help="Expected share of people on at least one list "
                f"(default {COVERAGE}, or the regime's).",
            ),
        ] = None,
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
        regime: Annotated[
            str,
            typer.Option(
                "--regime",
                help=f"A preset world (docs/simulator.md): {', '.join(TUNING)}; held out: "
                f"{', '.join(HELD_OUT)}.",
            ),
        ] = Regime.name,
        country: Annotated[
            str | None,
            typer.Option(
                "--country", help=f"{' or '.join(COUNTRIES)} (default: the regime's world)."
            ),
        ] = None,
        name_order: Annotated[
            list[str] | None,
            typer.Option(
                "--name-order",
                help="LIST=ORDER[:SHARE] (repeatable; no LIST = every list): "
                + ", ".join(NAME_ORDERS)
                + ".",
            ),
        ] = None,
        romanisation: Annotated[
            list[str] | None,
            typer.Option(
                "--romanisation",
                help=f"LIST=SYSTEM (repeatable): {', '.join(ROMANISATIONS)}.",
            ),
        ] = None,
        script: Annotated[
            list[str] | None,
            typer.Option("--script", help=f"LIST=SCRIPT (repeatable): {', '.join(SCRIPTS)}."),
        ] = None,
        missing: Annotated[
            list[str] | None,
            typer.Option(
                "--missing",
                help="[LIST.]FIELD=RATE (repeatable), e.g. snhr.date_of_death=1 (no such "
                "column), father_name=0.3, year_only=0.2.",
            ),
        ] = None,
        variation: Annotated[
            list[str] | None,
            typer.Option(
                "--variation",
                help="[LIST.]KIND=RATE (repeatable): "
                + ", ".join(VARIATIONS)
                + ", e.g. scsr.father_initial=0.6, age_swapped=0.05.",
            ),
        ] = None,
        relatives: Annotated[
            float | None,
            typer.Option(help="Multiplies the share of people killed with relatives."),
        ] = None,
        cousins: Annotated[
            float | None,
            typer.Option(help="Share of multi-person events that also kill cousins."),
        ] = None,
        namesakes: Annotated[
            float | None, typer.Option(help="Share of those cousins named like a cousin.")
        ] = None,
        dependence: Annotated[
            float | None,
            typer.Option(help="Multiplies the lists' shared-informant loadings (0: none)."),
        ] = None,
        copying: Annotated[
            float | None, typer.Option(help="Multiplies the lists' copying of another list.")
        ] = None,
        hard_to_reach: Annotated[
            float | None,
            typer.Option(
                "--hard-to-reach", help="Multiplies the hard-to-reach group's capture penalty."
            ),
        ] = None,
    ) -> None:
        """Simulate a conflict: a true population, K lists in their own formats, the truth and a recount.toml."""
        from recount.simulate import people_for_rows, simulate
        from recount.simulate.regimes import regime as preset
        from recount.simulate.regimes import regime_from_options

        world = regime_from_options(
            preset(regime),
            name_order=name_order or [],
            romanisation=romanisation or [],
            script=script or [],
            missing=missing or [],
            variation=variation or [],
            country=country.upper() if country else None,
            relatives=relatives,
            cousins=cousins,
            namesakes=namesakes,
            dependence=dependence,
            copying=copying,
            hard_to_reach=hard_to_reach,
        )
        chosen = [item.strip() for item in lists.split(",") if item.strip()] if lists else None
        if rows is not None:
            people = people_for_rows(
                rows, sources, seed, coverage=coverage, lists=chosen, regime=world
            )
        with live_progress(
            TextColumn("[bold]simulate[/] {task.description}"),
            BarColumn(),
            TextColumn("{task.completed}/{task.total}"),
            TimeElapsedColumn(),
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
                regime=world,
                progress=report,
            )

        title = f"Simulated lists (seed {seed}, regime {world.name})"
        table = Table(title=title)
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
