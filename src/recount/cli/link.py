"""`recount link` (records into people) and `recount link explain A B`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from recount.cli.common import WorkspaceOption, console, err_console, live_progress, open_project
from recount.settings.link import AUTO_THRESHOLD, BACKENDS

STEP_TEXT = {
    "prepare": "reading records and name keys",
    "train": "training the model",
    "predict": "scoring candidate pairs",
    "cluster": "clustering into people",
    "persons": "building persons",
    "write": "writing tables",
}


def _threshold(value: str) -> float | str:
    """`--threshold`: a probability, or `auto` as in `[link] threshold`."""
    if value.strip().lower() == AUTO_THRESHOLD:
        return AUTO_THRESHOLD
    try:
        return float(value)
    except ValueError:
        raise typer.BadParameter(
            f"expected a number or {AUTO_THRESHOLD!r}, got {value!r}"
        ) from None


def register(app: typer.Typer) -> None:
    link_app = typer.Typer(
        help="Link records that name the same person into people.", invoke_without_command=True
    )
    app.add_typer(link_app, name="link")

    @link_app.callback()
    def link(
        ctx: typer.Context,
        workspace: WorkspaceOption = Path("."),
        evaluate: Annotated[
            Path | None,
            typer.Option(
                "--evaluate",
                help="Truth CSV (source_id,source_row,person_id): print accuracy.",
                dir_okay=False,
            ),
        ] = None,
        backend: Annotated[
            str | None,
            typer.Option(help=f"{' or '.join(BACKENDS)} (default: [link] backend)."),
        ] = None,
        threshold: Annotated[
            str | None,
            typer.Option(
                help="Match probability to join two records, or auto: the one the scored pairs "
                "expect to do best (default: [link] threshold).",
                parser=_threshold,
                metavar="<float|auto>",
            ),
        ] = None,
        reuse_model: Annotated[
            bool,
            typer.Option(
                "--reuse-model", help="Score with the saved model instead of training again."
            ),
        ] = False,
    ) -> None:
        """Train the model, score pairs, cluster into people; writes pairs, record_person, persons."""
        if ctx.invoked_subcommand is not None:
            return
        project = open_project(workspace)
        with live_progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            TimeElapsedColumn(),
        ) as bar:
            task = bar.add_task("link", total=None)
            result = project.link(
                progress=lambda step: bar.update(task, description=STEP_TEXT.get(step, step)),
                reuse_model=reuse_model,
                backend=backend,
                threshold=threshold,
            )
        console.print(_summary_table(result))
        # under the table: a sentence as a cell widened the table, pushing every count right
        console.print(f"trained from: {result.trained_from}", markup=False)
        for warning in result.warnings:
            err_console.print(f"[yellow]model warning:[/] {warning}", highlight=False)
        for note in result.name_only_notes():
            err_console.print(f"[yellow]note:[/] {note}", highlight=False)
        if evaluate is not None:
            from recount.link.evaluate import evaluate_record_person, read_truth

            scores = evaluate_record_person(project.table("record_person"), read_truth(evaluate))
            console.print(_evaluation_table(scores))

    @link_app.command("explain")
    def explain(
        record_a: Annotated[str, typer.Argument(help="A record id, 'source:row'.")],
        record_b: Annotated[str, typer.Argument(help="Another record id.")],
        workspace: WorkspaceOption = Path("."),
        chart: Annotated[
            Path | None,
            typer.Option(
                help="Waterfall chart file (default: out/explain/A__B.html).", dir_okay=False
            ),
        ] = None,
        show_values: Annotated[
            bool,
            typer.Option("--show-values", help="Put the compared values (names) in the chart."),
        ] = False,
    ) -> None:
        """Print the weight each comparison gives the pair and write Splink's waterfall chart."""
        from recount.link.explain import explain_pair

        ws = open_project(workspace).workspace
        if chart is None:
            safe = f"{record_a}__{record_b}".replace(":", "_").replace("/", "_")
            chart = ws.out_dir / "explain" / f"{safe}.html"
        result = explain_pair(ws, record_a, record_b, chart_path=chart, include_values=show_values)
        table = Table(title=f"{record_a} vs {record_b}")
        table.add_column("comparison")
        table.add_column("level")
        table.add_column("weight", justify="right")
        table.add_row("prior", "two random records", f"{result.prior_weight:+.2f}")
        for row in result.comparisons.itertuples(index=False):
            table.add_row(row.comparison, row.level, f"{row.weight:+.2f}")
        table.add_row(
            "total", f"probability {result.match_probability:.4f}", f"{result.match_weight:+.2f}"
        )
        console.print(table)
        for record, reason in result.unlinkable.items():
            console.print(f"note: {record} is kept out of linkage ({reason})")
        console.print(f"waterfall chart: {result.chart_path}")


def _born_apart(tolerance: int) -> str:
    """The birth-year guard in words: 'born in different years' where it allows none."""
    if tolerance == 0:
        return "born in different years"
    return f"born more than {tolerance} year{'s' if tolerance != 1 else ''} apart"


def _summary_table(result) -> Table:
    table = Table(
        title=f"link ({result.backend}, threshold {result.threshold:.4g})", show_header=False
    )
    table.add_column("what")
    table.add_column("count", justify="right")
    rows = [
        ("records", result.records),
        ("linkable records", result.linkable),
        ("unidentified records (may duplicate identified people)", result.unidentified),
        ("relational records attached to a person", result.relational_attached),
        ("unnamed records attached to the one person who died there", result.unnamed_attached),
        ("pairs scored (kept for review)", result.pairs_scored),
        ("persons", result.persons),
        (
            "given names keyed as another's form, learnt (recount names equivalents)",
            result.learnt_given_names,
        ),
        ("links refused: same list, conflicting date or sex", result.refused_conflict),
        ("links refused: reviewer said different", result.refused_cannot_link),
        ("links refused: cluster too large", result.refused_size),
        ("links refused: different given names (relatives?)", result.refused_given_names),
        ("links refused: different fathers' names", result.refused_fathers),
        ("links refused: two records of one list, not alike enough", result.refused_same_list),
        ("reviewer links applied", result.must_links),
    ]
    if result.birth_year_tolerance is not None:
        years = f"links refused: {_born_apart(result.birth_year_tolerance)}"
        if result.swapped_ages:
            years += " (ages read with their digits exchanged too)"
        rows.insert(-1, (years, result.refused_birth_years))
    if result.death_date_tolerance is not None:
        days = f"links refused: died more than {result.death_date_tolerance} days apart"
        rows.insert(-1, (days, result.refused_death_dates))
    for label, value in rows:
        table.add_row(label, f"{value:,}")
    sizes = ", ".join(f"{size}: {count:,}" for size, count in result.size_distribution.items())
    table.add_row("people by number of records", sizes)
    for source, reasons in sorted(result.unidentified_by_source.items()):
        detail = ", ".join(f"{reason} {count:,}" for reason, count in sorted(reasons.items()))
        table.add_row(f"unidentified in {source}", detail)
    table.add_row("seconds", f"{result.seconds:.1f}")
    return table


def _evaluation_table(scores: dict) -> Table:
    table = Table(title="accuracy against the truth", show_header=False)
    table.add_column("measure")
    table.add_column("value", justify="right")
    for key in (
        "pairwise_precision",
        "pairwise_recall",
        "pairwise_f1",
        "bcubed_precision",
        "bcubed_recall",
        "bcubed_f1",
    ):
        table.add_row(key.replace("_", " "), f"{scores[key]:.4f}")
    table.add_row("persons found / true", f"{scores['persons']:,} / {scores['true_persons']:,}")
    table.add_row("unique count error", f"{scores['unique_count_error']:+.2%}")
    for k, (found, true) in enumerate(
        zip(scores["people_on_lists"], scores["true_people_on_lists"], strict=True), start=1
    ):
        table.add_row(
            f"people on {k} list{'s' if k > 1 else ''}: found / true", f"{found:,} / {true:,}"
        )
    table.add_row("people on one list: error", f"{scores['singletons_error']:+.2%}")
    return table
