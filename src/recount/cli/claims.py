"""`recount claims add|extract|check|list`: public figures held against the evidence."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Annotated

import pandas as pd
import typer
from rich.table import Table

from recount.cli.common import WorkspaceOption, console, err_console, live_progress, open_project
from recount.exports import SUFFIXES

OutletOption = Annotated[
    str | None, typer.Option("--outlet", help="Who published the text (overrides its header).")
]
DateOption = Annotated[
    str | None,
    typer.Option("--date", help="When it was published, YYYY-MM-DD (overrides its header)."),
]

EXTRACT_COLUMNS = [
    "claimant", "measure", "population", "value", "low", "high", "qualifier", "place", "period",
    "sentence", "start", "end", "sentence_start", "sentence_end", "quantity_text", "context",
    "attributed", "claimant_kind", "outlet", "date", "place_code", "place_level", "period_start",
    "period_end", "measure_text", "vague", "construction", "claim_id",
]  # fmt: skip
VERDICT_STYLES = {
    "consistent": "green",
    "undercount": "red",
    "below_estimate": "yellow",
    "above_estimate": "cyan",
    "above_range": "magenta",
    "not_checkable": "dim",
}


def register(app: typer.Typer) -> None:
    claims_app = typer.Typer(
        help="Casualty claims from text, held against the evidence.", no_args_is_help=True
    )
    app.add_typer(claims_app, name="claims")

    @claims_app.command("add")
    def add(
        path: Annotated[
            Path, typer.Argument(help="A text file (.txt, .md, .html) or a folder of them.")
        ],
        outlet: OutletOption = None,
        date: DateOption = None,
        workspace: WorkspaceOption = Path("."),
    ) -> None:
        """Extract the claims of a file or folder into the workspace's claims ledger."""
        project = open_project(workspace)
        with live_progress() as progress:
            progress.add_task("extracting claims", total=None)
            added = project.claims.add(path, outlet=outlet, date=date)
        documents = added["doc_id"].nunique() if len(added) else 0
        console.print(
            f"{len(added)} claims from {documents} document(s) with claims added to {project.root.name}/claims"
        )
        for source, script in added.attrs.get("unread", []):
            err_console.print(
                f"[yellow]warning:[/] {source}: no claims read; its text is in {script} script, "
                "and recount reads claims in English text only",
                highlight=False,
                soft_wrap=True,  # the file's path whole, to copy
            )

    @claims_app.command("extract")
    def extract(
        path: Annotated[Path, typer.Argument(help="A text file.")],
        out: Annotated[
            Path | None,
            typer.Option("--out", "-o", help=f"Write the claims here ({', '.join(SUFFIXES)})."),
        ] = None,
        outlet: OutletOption = None,
        date: DateOption = None,
        country: Annotated[
            str | None,
            typer.Option(
                "--country",
                help="ISO 3166-1 code whose admin units places map to (default: the workspace's [project] country).",
            ),
        ] = None,
        workspace: WorkspaceOption = Path("."),
    ) -> None:
        """Extract claims from one text without storing them (print, or write with --out)."""
        from recount.claims import default_gazetteer, extract_claims, workspace_gazetteer
        from recount.claims.documents import coerce_date, read_document
        from recount.errors import InputError
        from recount.exports import write_frame
        from recount.settings.project import unknown_country

        if not path.is_file():
            raise InputError(str(path), "not a file")
        ws = open_project(workspace).workspace
        gazetteer = workspace_gazetteer(ws) if ws.config_path.exists() else default_gazetteer()
        document = read_document(path, outlet, coerce_date(date))
        if country is None and ws.config_path.exists():
            country = ws.config.country
        problem = unknown_country(country) if country is not None else None
        if problem:
            raise InputError("--country", problem)
        claims = extract_claims(
            document.text,
            document.outlet,
            document.date,
            gazetteer,
            source=str(path),
            country=country.upper() if country else None,
        )
        claims = claims[EXTRACT_COLUMNS]
        if out is not None:
            write_frame(claims, out)
            console.print(f"{len(claims)} claims written to {out}")
            return
        _print_claims(claims)

    @claims_app.command("check")
    def check(workspace: WorkspaceOption = Path(".")) -> None:
        """Compare every claim with the documented count and the estimate; print the verdicts."""
        project = open_project(workspace)
        checks = project.claims.check()
        claims = project.claims.ledger()
        merged = checks.merge(
            claims[["claim_id", "quantity_text", "place", "period"]], on="claim_id", how="left"
        )
        table = Table(title=f"{len(checks)} claims checked")
        for column in ("claimant", "claim", "scope", "verdict", "reason"):
            table.add_column(column, overflow="fold")
        for row in merged.to_dict("records"):
            style = VERDICT_STYLES.get(row["verdict"], "")
            scope = (
                ", ".join(str(v) for v in (row.get("place"), row.get("period")) if _present(v))
                or "—"
            )
            claim = f"{row['quantity_text']} {row['measure']} ({row['population']})"
            table.add_row(
                _cell(row.get("claimant")),
                claim,
                scope,
                f"[{style}]{row['verdict']}[/]",
                row["reason"],
            )
        console.print(table)
        counts = checks["verdict"].value_counts()
        console.print(
            "  ".join(f"{verdict}: {counts.get(verdict, 0)}" for verdict in VERDICT_STYLES),
            soft_wrap=True,
        )

    @claims_app.command("list")
    def list_(workspace: WorkspaceOption = Path(".")) -> None:
        """Print the claims ledger."""
        claims = open_project(workspace).claims.ledger()
        _print_claims(claims)


def _present(value: object) -> bool:
    return (
        value is not None
        and value is not pd.NA
        and not (isinstance(value, float) and math.isnan(value))
    )


def _cell(value: object) -> str:
    return str(value) if _present(value) else "—"


def _number(value: object) -> str:
    return f"{value:,.0f}" if _present(value) else "—"


def _print_claims(claims: pd.DataFrame) -> None:
    table = Table(title=f"{len(claims)} claims")
    for column in (
        "claimant",
        "quantity",
        "low",
        "high",
        "measure",
        "population",
        "place",
        "period",
        "context",
    ):
        table.add_column(column, overflow="fold")
    for row in claims.to_dict("records"):
        table.add_row(
            _cell(row.get("claimant")),
            _cell(row.get("quantity_text")),
            _number(row.get("low")),
            _number(row.get("high")),
            _cell(row.get("measure")),
            _cell(row.get("population")),
            _cell(row.get("place")),
            _cell(row.get("period")),
            _cell(row.get("context")),
        )
    console.print(table)
