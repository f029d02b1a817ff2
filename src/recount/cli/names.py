"""CLI commands of the names stage: `recount normalize` and `recount names key`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from recount.cli.common import WorkspaceOption, console, err_console, open_project

names_app = typer.Typer(
    help="Name keys: see how names compare across scripts and spellings.", no_args_is_help=True
)


def register(app: typer.Typer) -> None:
    """Adds `recount normalize` and the `recount names` group."""
    app.command("normalize")(normalize)
    app.add_typer(names_app, name="names")


def normalize(workspace: WorkspaceOption = Path(".")) -> None:
    """Write the `normalized` table: name parts and keys, places and dates, beside `records`."""
    project = open_project(workspace)
    with err_console.status("normalising names, places and dates"):
        summary = project.normalize()
    total = int(summary["records"].sum()) if len(summary) else 0
    identifiable = int(summary["identifiable"].sum()) if len(summary) else 0
    console.print(
        f"normalized: {total} records, {identifiable} identifiable, {total - identifiable} unidentified"
    )
    from recount.reference import workspace_pack

    pack = workspace_pack(project.workspace)
    units = pack.admin_word_plural
    for row in summary.itertuples(index=False):
        console.print(
            f"  {row.source_id}: {row.records} records, {row.identifiable} identifiable, "
            f"{row.no_name} without name, {row.unknown_name} unknown, {row.relational} relational, "
            f"{row.governorate_inferred} {units} inferred from place"
            + (f", {row.no_governorate} with no {pack.admin_word}" if pack.code else "")
            + f", {row.date_flagged} dates flagged",
            highlight=False,
        )
    if pack.code and len(summary) and summary["no_governorate"].any():
        # A list whose places the pack cannot map leaves its people's stratum to a draw.
        console.print(
            f"records with no {pack.admin_word}: where `[estimate] strata` names governorate, "
            "`recount estimate` draws one from people on the same lists (flag imputed_strata); "
            "to give a list's own, map its column as `governorate` and its values under "
            "`[sources.values.governorate]` (docs/configuration.md)",
            highlight=False,
            markup=False,
        )


@names_app.command("key")
def key(
    names: Annotated[list[str], typer.Argument(help="Names in any script (quote each name).")],
    explain: Annotated[
        bool, typer.Option("--explain", help="Show each step from the name to its key.")
    ] = False,
    country: Annotated[
        str | None,
        typer.Option(
            "--country", metavar="<code>", help="Key as a workspace of this country pack does."
        ),
    ] = None,
    source: Annotated[
        str | None,
        typer.Option(
            "--source", metavar="<source_id>", help="In a workspace, read as this list reads it."
        ),
    ] = None,
    workspace: WorkspaceOption = Path("."),
) -> None:
    """Print each name's cross-script key, one line per name: in a workspace, as `recount
    normalize` keys its names (Latin names as transliterations of Arabic where its lists say so,
    a name its list writes family-first turned round as that list's records of it were)."""
    from recount.names import explain_key, name_key
    from recount.names.explain import split_in_pack
    from recount.names.reading import AS_WRITTEN, workspace_reading
    from recount.names.workspace import workspace_name_style
    from recount.reference import workspace_pack

    pack, style, ws = _pack(country), None, None
    if (workspace / "recount.toml").is_file():
        ws = open_project(workspace).workspace
        pack = pack if country else workspace_pack(ws)
        style = workspace_name_style(ws)
    for name in names:
        reading = workspace_reading(ws, name, source) if ws is not None else AS_WRITTEN
        if explain:
            console.print(f"[bold]{name}[/]", highlight=False)
            for step in explain_key(name, pack, style, reading):
                console.print(f"  {step.step:<12} {step.detail}", highlight=False, markup=False)
            continue
        value = name_key(name, pack, style, reading)
        if not value:
            reason = split_in_pack(name, pack, style, reading).unidentified_reason
            value = f"(unidentified: {reason})"
        console.print(value, highlight=False, markup=False)


def _pack(country: str | None):
    """The country pack named on the command line (none: NO_PACK)."""
    from recount.errors import ConfigError
    from recount.reference import country_pack

    try:
        return country_pack(country)
    except ConfigError as error:
        raise typer.BadParameter(error.message, param_hint="--country") from None


@names_app.command("equivalents")
def equivalents(
    suggest: Annotated[
        bool,
        typer.Option(
            "--suggest", help="Write the learnt groups to out/equivalents.toml, to check and paste."
        ),
    ] = False,
    workspace: WorkspaceOption = Path("."),
) -> None:
    """Given names the lists' own records show are one name (pairs of records alike in all
    else): how many, and with --suggest the groups and their evidence in a file (never
    printed: names stay off the screen and out of logs)."""
    from recount.exports import atomic_target
    from recount.link.given_names import learn_given_names, name_groups, suggestion
    from recount.link.prepare import load_link_input

    ws = open_project(workspace).workspace
    frame = load_link_input(ws, learn_names=False)
    learnt = learn_given_names(frame)
    groups = name_groups(learnt, frame)
    declared = len(ws.config.names.equivalents)
    used = "keys them as one" if ws.config.names.learn_equivalents else "does not use them"
    console.print(
        f"{len(groups)} given names learnt as another's form in {len(set(groups.values()))} "
        f"groups, from {sum(n.pairs for n in learnt)} pairs of records alike in all else; "
        f"link {used} ([names] learn_equivalents); [names] equivalents declares {declared} groups",
        highlight=False,
        markup=False,
    )
    if suggest and not learnt:
        console.print("nothing to suggest: no file written")
    elif suggest:
        path = ws.out_dir / "equivalents.toml"
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_target(path) as temporary:
            Path(temporary).write_text(suggestion(learnt, frame), encoding="utf-8")
        console.print(
            f"written: {path} (check each group, then paste its line under [names])", markup=False
        )
