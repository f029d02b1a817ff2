"""`recount ingest` and `recount sources suggest FILE`."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Annotated

import pandas as pd
import typer
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from recount.cli.common import WorkspaceOption, console, err_console, live_progress, open_project
from recount.workspace import Workspace

SHOWN_ROWS = 5  # rows named per source and quarantine reason; the table holds them all


def register(app: typer.Typer) -> None:
    @app.command("ingest")
    def ingest(
        workspace: WorkspaceOption = Path("."),
        source: Annotated[
            list[str] | None,
            typer.Option(
                "--source",
                "-s",
                help="Only this source id (repeatable); its rows alone are replaced.",
            ),
        ] = None,
    ) -> None:
        """Read the sources into `records` and `quarantine`, then print rows in = records + quarantined."""
        from recount.ingest import SourcesFailed

        project = open_project(workspace)
        failed: SourcesFailed | None = None
        with _progress() as bar:
            tasks: dict[str, int] = {}

            def on_progress(source_id: str, fraction: float | None, rows: int) -> None:
                if source_id not in tasks:
                    tasks[source_id] = bar.add_task(
                        source_id, total=1.0 if fraction is not None else None, rows=""
                    )
                bar.update(tasks[source_id], completed=fraction, rows=f"{rows:,} rows")

            try:
                accounting = project.ingest(source or None, progress=on_progress)
            except SourcesFailed as exc:
                failed, accounting = exc, exc.accounting
        if failed is not None:
            if not accounting.empty:
                console.print(_accounting_table(accounting))
                _print_reasons(project.workspace, accounting)
            raise failed  # printed by the CLI's error handler, which exits with 2
        if accounting.empty:
            console.print(
                "no sources declared: add [[sources]] to recount.toml (`recount sources suggest FILE` helps)",
                markup=False,
            )
            return
        console.print(_accounting_table(accounting))
        if "quarantine" in project.tables():
            _print_reasons(project.workspace, accounting)
        _print_flags(project.workspace, accounting)

    sources_app = typer.Typer(
        help="Help with declaring sources in recount.toml.", no_args_is_help=True
    )
    app.add_typer(sources_app, name="sources")

    @sources_app.command("suggest")
    def suggest(
        file: Annotated[
            Path,
            typer.Argument(help="A list: CSV/TSV, XLSX, JSON lines or Parquet.", dir_okay=False),
        ],
        workspace: WorkspaceOption = Path("."),
    ) -> None:
        """Print a [[sources]] block with a proposed column mapping, to paste into recount.toml."""
        from recount.ingest.suggest import suggest_source

        ws = open_project(workspace).workspace
        if workspace == Path(".") and not ws.config_path.exists():
            # Outside any workspace the block may go to any recount.toml (`>> ws/recount.toml`):
            # a path relative to here would name no file from there.
            suggestion = suggest_source(file.resolve(), None, _pack_despite_config(ws))
            err_console.print(
                "no recount.toml here: the block's path is absolute (with -w WORKSPACE it is "
                "relative to that workspace)",
                markup=False,
            )
        else:  # relative to the workspace's recount.toml, as ingest reads it
            suggestion = suggest_source(file, ws.root, _pack_despite_config(ws))
        print(suggestion.toml(), end="")
        if suggestion.country_advice:  # also on stderr: a block appended to recount.toml hides it
            err_console.print(f"{file}: {suggestion.country_advice}", markup=False)


def _pack_despite_config(ws: Workspace):
    """The country pack to suggest with. A recount.toml that does not load (a block pasted
    and not yet fixed) is named on stderr, and its `[project] country` still used when that
    alone reads: the user fixing the file still gets suggestions for the next list."""
    from recount.errors import ConfigError
    from recount.reference import NO_PACK, country_pack, workspace_pack

    if not ws.config_path.exists():
        return NO_PACK
    try:
        return workspace_pack(ws)
    except ConfigError as problem:
        try:
            country = tomllib.loads(ws.config_path.read_text("utf-8"))["project"]["country"]
            pack = country_pack(country) if isinstance(country, str) else NO_PACK
        except (tomllib.TOMLDecodeError, UnicodeDecodeError, KeyError, TypeError, ConfigError):
            pack = NO_PACK
        err_console.print(
            f"recount.toml is not valid, so `recount ingest` will refuse it: {problem}\n"
            f"suggesting {f'with the {pack.code} country pack' if pack.code else 'with no country pack'}"
            " all the same; fix recount.toml before ingesting.",
            markup=False,
        )
        return pack


def _progress() -> Progress:
    return live_progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        TextColumn("{task.fields[rows]}"),
        TimeElapsedColumn(),
    )


def _accounting_table(accounting) -> Table:
    table = Table(title="ingest: rows in = records + quarantined")
    for column, justify in (
        ("source", "left"),
        ("format", "left"),
        ("encoding", "left"),
        ("lines", "right"),
        ("rows in", "right"),
        ("records", "right"),
        ("quarantined", "right"),
        ("", "center"),
    ):
        table.add_column(column, justify=justify)
    for row in accounting.itertuples():
        balanced = row.rows_in == row.records + row.quarantined
        table.add_row(
            row.source_id,
            row.format,
            row.encoding if isinstance(row.encoding, str) else "",
            "" if pd.isna(row.lines_in) else f"{row.lines_in:,}",
            f"{row.rows_in:,}",
            f"{row.records:,}",
            f"{row.quarantined:,}",
            "[green]✓[/]" if balanced else "[red]✗[/]",
        )
    if len(accounting) > 1:
        table.add_row(
            "total",
            "",
            "",
            "",
            f"{accounting.rows_in.sum():,}",
            f"{accounting.records.sum():,}",
            f"{accounting.quarantined.sum():,}",
            "",
            style="bold",
        )
    return table


def _print_reasons(ws: Workspace, accounting) -> None:
    """Per source and reason: how many rows, and the first rows by file and number."""
    from recount.ingest.readers import UNDECODABLE

    paths = dict(zip(accounting["source_id"], accounting["path"], strict=True))
    reasons = ws.query(
        "select source_id, reason, count(*) as n, list(source_row order by source_row)[:?] as rows "
        "from quarantine where source_id = any(?) group by all order by source_id, n desc",
        [SHOWN_ROWS, list(paths)],
    )
    if reasons.empty:
        return
    console.print("quarantined rows by reason (see the `quarantine` table):", markup=False)
    for row in reasons.itertuples():
        rows = ", ".join(str(n) for n in row.rows) + (", …" if row.n > len(row.rows) else "")
        where = f"{paths[row.source_id]} data row{'s' if row.n > 1 else ''} {rows}"
        console.print(f"  {row.source_id}: {row.reason} {row.n:,} ({where})", markup=False)
        if row.reason == UNDECODABLE:
            _print_other_encoding(ws, accounting, row.source_id)


def _print_other_encoding(ws: Workspace, accounting, source_id: str) -> None:
    """Rows of a CSV that are not text in its encoding are often lines pasted from a file in
    another: name the setting that reads them, with the encoding they look like."""
    from recount.ingest.detect import codec_for, guess_single_byte
    from recount.ingest.readers import UNDECODABLE, stored_bytes

    source = accounting.loc[accounting["source_id"] == source_id].iloc[0]
    encoding = source["encoding"]
    if source["format"] not in ("csv", "tsv") or "+" in encoding or codec_for(encoding) is None:
        return
    raws = ws.query(
        "select raw from quarantine where source_id = ? and reason = ? order by source_row limit 200",
        [source_id, UNDECODABLE],
    )["raw"]
    lines = [stored_bytes(raw, codec_for(encoding)) for raw in raws]
    guess = guess_single_byte(lines)
    looks = f" (they read as {guess})" if guess else ""
    base = "utf-8" if encoding == "utf-8-sig" else encoding
    console.print(
        f"    not {encoding} text: if these are lines from a file in another encoding{looks}, "
        f'`encoding = "{base}, {guess or "<their encoding>"}"` for this source reads each line '
        "in the first encoding it is valid in",
        markup=False,
    )


def _print_flags(ws: Workspace, accounting) -> None:
    """Per source, how many values were kept but flagged, by flag: an age column of bands
    ('18-30') or dates in words the reader does not know show here, not only in an export."""
    from recount.ingest.dates import READ_ETHIOPIAN, READ_HIJRI
    from recount.ingest.values import UNMAPPED_ADMIN_UNIT
    from recount.reference import available_packs

    flags = ws.query(
        "select source_id, flag, count(*) as n from ("
        "select source_id, unnest(string_split(issues, ';')) as flag from records "
        "where issues is not null and source_id = any(?)) group by all order by source_id, n desc",
        [list(accounting["source_id"])],
    )
    if flags.empty:
        return
    console.print(
        "values kept as written but flagged (records.issues; `recount export records`):",
        markup=False,
    )
    for source_id, rows in flags.groupby("source_id", sort=False):
        counts = ", ".join(f"{row.flag} {row.n:,}" for row in rows.itertuples())
        console.print(f"  {source_id}: {counts}", markup=False)
    if ws.config.project.country_code is None and (flags["flag"] == UNMAPPED_ADMIN_UNIT).any():
        console.print(
            f"  {UNMAPPED_ADMIN_UNIT}: no country pack is set, so no first-level unit is mapped "
            "(each is kept as written in governorate_raw, and strata cannot use it): set "
            "[project] country to the lists' ISO 3166-1 code (packs with places: "
            f"{', '.join(available_packs())}; any other country's units come from ISO 3166-2), "
            "map the values to ISO 3166-2 codes under [sources.values.governorate], or map the "
            "column as `place`",
            markup=False,
        )
    if flags["flag"].str.endswith(READ_ETHIOPIAN).any():
        console.print(
            f"  {READ_ETHIOPIAN}: dates written without a calendar's mark (19/03/2013) were read "
            "in the Ethiopian calendar, as the list's marked dates (ሕዳር 19 2013, 19/03/2013 ዓ.ም.) "
            'are; say which calendar they are in with calendar = "ethiopian" or "gregorian" '
            "in the list's [[sources]] block",
            markup=False,
        )
    if flags["flag"].str.endswith(READ_HIJRI).any():
        console.print(
            f"  {READ_HIJRI}: dates written without a calendar's mark (15/06/1437) were read in "
            "the Hijri calendar, as their years are those of the list's marked Hijri dates "
            '(15/06/1437هـ, 15 جمادى الآخرة 1437); calendar = "gregorian" in its [[sources]] '
            "block keeps them Gregorian",
            markup=False,
        )
