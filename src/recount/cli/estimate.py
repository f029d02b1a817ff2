"""CLI of the estimate stage: `recount estimate` (the workspace) and `recount mse` (a ready table)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import pandas as pd
import typer
from rich.markup import escape
from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table

from recount.cli.common import WorkspaceOption, console, err_console, live_progress, open_project
from recount.errors import ConfigError, InputError
from recount.estimate.mse_columns import FILE_COLUMNS
from recount.settings import METHODS, EstimateSettings, HlcmcrSettings, LcmcrSettings
from recount.settings.estimate import (
    AUTO_LINKAGE_DRAWS,
    CRITERIA,
    ESS_MINIMUM,
    LCMCR_SAMPLERS,
    RHAT_LIMIT,
)

# `recount mse` fits LCMCR alone unless --method says otherwise.
MSE_METHOD = "lcmcr"
# `recount estimate` and `recount run`: one flag, one help text.
LinkageDrawsOption = Annotated[
    str | None,
    typer.Option(
        "--linkage-draws",
        metavar="N|auto",
        help="Plausible clusterings to pool over, so the interval carries linkage "
        f"error (default [estimate] linkage_draws, {EstimateSettings.linkage_draws}: "
        f"{AUTO_LINKAGE_DRAWS} once review or audit labels can calibrate the match "
        "probabilities; 0: the single clustering).",
    ),
]


def linkage_draws_value(text: str | None) -> int | str | None:
    """The flag as [estimate] linkage_draws reads it: a whole number, or a word such as
    `auto`, left for the setting's own check (which names the allowed values)."""
    if text is None:
        return None
    try:
        return int(text)
    except ValueError:
        return text.strip()


def register(app: typer.Typer) -> None:
    @app.command("estimate")
    def estimate(
        workspace: WorkspaceOption = Path("."),
        method: Annotated[
            list[str] | None,
            typer.Option(
                "--method", "-m", help="Override [estimate] methods (repeat for several)."
            ),
        ] = None,
        seed: Annotated[int | None, typer.Option(help="Override [estimate] seed.")] = None,
        linkage_draws: LinkageDrawsOption = None,
    ) -> None:
        """Estimate every stratum of `persons` (MSE) and write `estimates` and `estimate_draws`."""
        project = open_project(workspace)
        with live_progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn("{task.fields[count]}"),
            TimeElapsedColumn(),
        ) as progress:
            estimates = project.estimate(
                progress=StrataProgress(progress),
                methods=method,
                seed=seed,
                linkage_draws=linkage_draws_value(linkage_draws),
            )
        print_estimates(estimates)

    @app.command("mse")
    def mse(
        patterns: Annotated[
            Path,
            typer.Argument(
                help="CSV: one 0/1 (or true/false) column per list and a `count` column; with "
                "--strata, the stratum columns too.",
                dir_okay=False,
            ),
        ],
        method: Annotated[
            list[str] | None,
            typer.Option(
                "--method",
                "-m",
                help=f"One of {', '.join(METHODS)} (hlcmcr: one hierarchical model over every "
                f"stratum; repeat for several; default {MSE_METHOD}, and chapman on a table of "
                "two lists).",
            ),
        ] = None,
        strata: Annotated[
            str | None,
            typer.Option(
                help="Stratum columns, comma-separated (e.g. governorate,year): every stratum "
                "is estimated by each method, then each method's sum over strata is printed."
            ),
        ] = None,
        seed: Annotated[int, typer.Option(help="Seed for the samplers.")] = EstimateSettings.seed,
        out: Annotated[
            Path | None,
            typer.Option(
                "--out",
                "-o",
                help=f"Write the stratum columns, then {','.join(FILE_COLUMNS)}.",
            ),
        ] = None,
        K: Annotated[
            int, typer.Option("--K", help="LCMCR and HLCMCR: latent classes (truncation).")
        ] = EstimateSettings.K,
        sampler: Annotated[
            str | None,
            typer.Option(
                help=f"LCMCR: {', '.join(LCMCR_SAMPLERS)} (default {LcmcrSettings.sampler}; "
                "auto: the one with more effective draws per unit of work in a race, NUTS "
                "only where the table identifies the model; augmented: R's sweep)."
            ),
        ] = None,
        burnin: Annotated[
            int | None,
            typer.Option(
                help="LCMCR, HLCMCR: iterations discarded per chain (NUTS tunes in them)."
            ),
        ] = None,
        draws: Annotated[
            int | None, typer.Option(help="LCMCR, HLCMCR: draws kept per chain.")
        ] = None,
        ess_target: Annotated[
            float | None,
            typer.Option(help="LCMCR, HLCMCR: run the chains on until the ESS of N reaches this."),
        ] = None,
        max_sweeps: Annotated[
            int | None,
            typer.Option(help="LCMCR, HLCMCR: with --ess-target, stop at this many iterations."),
        ] = None,
        a_lambda: Annotated[
            float | None,
            typer.Option(
                help=f"LCMCR, HLCMCR: Beta prior of the capture probabilities, first shape "
                f"(default {LcmcrSettings.a_lambda}, R's; below 1 admits people the lists "
                "barely reach)."
            ),
        ] = None,
        b_lambda: Annotated[
            float | None,
            typer.Option(
                help=f"LCMCR, HLCMCR: ... and second shape (default {LcmcrSettings.b_lambda})."
            ),
        ] = None,
        model: Annotated[
            str | None,
            typer.Option(help='Log-linear: a fixed model such as "[123,14,34]" (default: search).'),
        ] = None,
        criterion: Annotated[
            str, typer.Option(help=f"Log-linear search criterion: {' or '.join(CRITERIA)}.")
        ] = EstimateSettings.criterion,
        delta: Annotated[
            float | None, typer.Option(help="dga: hyper-Dirichlet delta (default 2^-lists).")
        ] = None,
        lists: Annotated[
            str | None,
            typer.Option(help="Use only these lists, comma-separated (Chapman needs two)."),
        ] = None,
        workers: Annotated[
            int, typer.Option(help="With --strata: worker processes for the strata.")
        ] = EstimateSettings.workers,
    ) -> None:
        """Estimate N from a ready capture-pattern table, whole or by stratum; print estimate,
        95% interval, seconds and MCMC diagnostics."""
        if out is not None:
            from recount.exports import export_format

            export_format(out)
        given = {
            "burnin": burnin,
            "draws": draws,
            "ess_target": ess_target,
            "max_sweeps": max_sweeps,
            "a_lambda": a_lambda,
            "b_lambda": b_lambda,
        }
        settings = {k: v for k, v in given.items() if v is not None}
        names = [c.strip() for c in strata.split(",") if c.strip()] if strata else []
        frame = run_mse(
            patterns,
            method,
            seed,
            K,
            model,
            criterion,
            delta,
            lists,
            {**settings, **({"sampler": sampler} if sampler else {})},
            strata=names,
            hlcmcr_settings=settings,
            workers=workers,
        )
        console.print(mse_table(frame, names, patterns.name))
        for name, total in frame.attrs.get("sums", {}).items():
            console.print(sum_line(name, total), markup=False)
        for name, total in frame.attrs.get("totals", {}).items():
            console.print(
                f"{name}, total over every stratum (one posterior): {total['estimate']:,.0f} "
                f"({total['lower']:,.0f}-{total['upper']:,.0f}), R-hat {total['rhat']:.3f}, "
                f"ESS {total['ess']:,.0f}"
            )
        for line in flag_legend(frame):
            console.print(line, markup=False)
        if frame["flag"].fillna("").str.contains("independence_untestable").any():
            from recount.estimate.headline import HEADLINE_CAUTIONS

            caution = escape(HEADLINE_CAUTIONS["independence_untestable"])
            err_console.print(f"[yellow]caution:[/] {caution}")
        for name, rows in frame.groupby("method", sort=False):
            poor = rows["flag"].fillna("").str.contains("poor_convergence")
            if poor.any():
                label = f"{poor.sum()} of {len(rows)} strata" if names else "the chains"
                err_console.print(
                    f"[yellow]warning:[/] {name}: poor convergence in {label} (R-hat of N above "
                    f"{RHAT_LIMIT} or ESS below {ESS_MINIMUM}); run longer with --ess-target 1000"
                )
            bound = rows["flag"].fillna("").str.contains("truncation_binds")
            if bound.any():
                label = f"{bound.sum()} of {len(rows)} strata" if names else "the fit"
                err_console.print(
                    f"[yellow]warning:[/] {name}: every latent class in use in {label} (the "
                    "truncation binds); fit again with a larger --K"
                )
        sparse = not_estimable(frame)
        if sparse:
            where = "--out writes each stratum's reason" if out is None else f"reasons in {out}"
            err_console.print(
                f"{sparse}, e.g. {frame.loc[frame['status'] != 'ok', 'reason'].iloc[0]} ({where})",
                markup=False,
            )
        if out is not None:
            from recount.exports import write_frame

            path = write_frame(frame[names + FILE_COLUMNS], out)
            console.print(f"wrote {len(frame)} row{'s' if len(frame) != 1 else ''} to {path}")


class StrataProgress:
    """`recount estimate`'s display: a bar over the strata (and linkage draws' tables) done
    and, under it, a row per one being estimated with its time, since one stratum's LCMCR
    can run for minutes; off a terminal a line per tenth done, nothing more."""

    def __init__(self, progress: Progress):
        self.progress = progress
        self.bar = progress.add_task("estimating strata", total=None, count="")
        self.rows: dict[str, TaskID] = {}
        self.logged = 0  # tenths of the strata last written to a log (no live bar there)

    def __call__(self, done: int, total: int) -> None:
        self.progress.update(self.bar, completed=done, total=total, count=f"{done:,}/{total:,}")
        tenths = done * 10 // max(total, 1)
        if self.progress.disable and tenths > self.logged:
            self.logged = tenths
            err_console.print(f"estimating strata: {done:,} of {total:,} done")

    def running(self, keys: list[str]) -> None:
        """The strata (task keys) being estimated now: a row each, gone when it is done."""
        if self.progress.disable:
            return
        for key in [k for k in self.rows if k not in keys]:
            self.progress.remove_task(self.rows.pop(key))
        for key in keys:
            if key not in self.rows:
                self.rows[key] = self.progress.add_task(running_label(key), total=None, count="")


def running_label(key: str) -> str:
    """A task key as a row of the display: 'linkage3:governorate=CD-NK|year=2022' reads
    '  linkage draw 4: governorate=CD-NK, year=2022'."""
    from recount.estimate.linkage_stage import REPLICATE_PREFIX

    prefix, _, rest = key.rpartition(":")
    draw = prefix.removeprefix(REPLICATE_PREFIX)
    if prefix.startswith(REPLICATE_PREFIX) and draw.isdigit():
        prefix = f"linkage draw {int(draw) + 1}"
    return "  " + (f"{prefix}: " if prefix else "") + rest.replace("|", ", ")


MSE_ROWS_SHOWN = 40
EXPORT_ESTIMATES = "`recount export estimates -o estimates.csv`"


def not_estimable(rows: pd.DataFrame) -> str | None:
    """One line for the strata not estimable, by method (a line per method or stratum buries
    the output when a method cannot run at all, e.g. LCMCR on two lists)."""
    sparse = rows[rows["status"] != "ok"]
    if sparse.empty:
        return None
    totals = rows.groupby("method", sort=False).size()
    counts = sparse.groupby("method", sort=False).size()
    each = ", ".join(f"{m} {n:,} of {totals[m]:,}" for m, n in counts.items())
    return f"not estimable: {len(sparse):,} of {len(rows):,} stratum estimates ({each})"


def sum_line(method: str, total: dict) -> str:
    """A method's sum over the strata `recount mse --strata` printed, and how it was added."""
    if total["status"] != "ok":
        return f"{method}, sum over strata: not estimable ({total['reason']})"
    return (
        f"{method}, sum over strata: {total['estimate']:,.0f} ({total['lower']:,.0f}-"
        f"{total['upper']:,.0f}; {total['reason']})"
    )


def print_estimates(estimates: pd.DataFrame) -> None:
    """What `recount estimate` prints: the counts per level and method (unless no row has an
    estimate: then rows "0 / 1" only, and the headline says why), the headline, and one line
    each for the strata not estimable and the flags."""
    if (estimates["status"] == "ok").any():
        console.print(summary_table(estimates))
    print_headline(estimates)
    finest = estimates[estimates["level"] == "stratum"]
    sparse = not_estimable(finest)
    if sparse:
        console.print(
            f"{sparse}; they enter coarser levels at their documented count. Each stratum's "
            f"reason: {EXPORT_ESTIMATES} (columns status, reason)",
            markup=False,
        )
    flagged = finest[finest["flag"].notna()]
    if len(flagged):
        console.print(
            f"{len(flagged):,} stratum "
            + ("estimate carries" if len(flagged) == 1 else "estimates carry")
            + f" flags (see {EXPORT_ESTIMATES}): "
            + ", ".join(sorted({f for v in flagged["flag"] for f in v.split(";")})),
            markup=False,
        )


def print_headline(estimates: pd.DataFrame) -> None:
    """The preferred total in a sentence, then its cautions (or why there is no total)."""
    from recount.estimate.headline import headline_text

    first, *cautions = headline_text(estimates)
    console.print(escape(first))
    for caution in cautions:  # they name keys in brackets ([estimate.lcmcr]): not markup
        console.print(f"[yellow]caution:[/] {escape(caution)}")


def mse_table(frame: pd.DataFrame, strata: list[str], name: str) -> Table:
    """The printed result: every row of a whole table, or of up to MSE_ROWS_SHOWN strata."""
    if strata:
        documented = int(frame.groupby(strata, dropna=False)["observed"].first().sum())
    else:
        documented = int(frame["observed"].iloc[0])
    shown = frame.head(MSE_ROWS_SHOWN * max(frame["method"].nunique(), 1))
    title = f"{name}: {documented:,} people documented"
    if len(shown) < len(frame):
        title += f" (first {len(shown)} of {len(frame)} rows; --out writes them all)"
    table = Table(title=title)
    for column in (*strata, "method"):
        table.add_column(column)
    for column in ("N", "95% interval", "sec", "ess", "R-hat"):
        table.add_column(column, justify="right", no_wrap=True)
    table.add_column("model")
    numbers = flag_numbers(frame)
    if numbers:
        table.add_column("flags", no_wrap=True)
    for row in shown.to_dict("records"):
        ok = row["status"] == "ok"
        flags = [" ".join(str(numbers[f]) for f in flag_list(row["flag"]))] if numbers else []
        table.add_row(
            *[("" if pd.isna(row[c]) else str(row[c])) for c in strata],
            row["method"],
            f"{row['estimate']:,.0f}" if ok else "not estimable",
            f"{row['lower']:,.0f}-{row['upper']:,.0f}" if ok else "",
            f"{row['seconds']:.1f}",
            "" if not ok or pd.isna(row["ess"]) else f"{row['ess']:,.0f}",
            "" if not ok or pd.isna(row["rhat"]) else f"{row['rhat']:.3f}",
            # a log-linear model names its lists in brackets: text, not rich markup
            escape((row["model"] or "") if ok else (row["reason"] or "")),
            *flags,
        )
    return table


def flag_list(flag: object) -> list[str]:
    """A row's `;`-separated flags as a list (none when the cell is empty)."""
    return [] if pd.isna(flag) else [f for f in str(flag).split(";") if f]


def flag_numbers(frame: pd.DataFrame) -> dict[str, int]:
    """Each flag in the table and the number the table shows for it (names are too long
    for an 80-column table's cell)."""
    present = sorted({f for cell in frame["flag"] for f in flag_list(cell)})
    return {flag: number for number, flag in enumerate(present, 1)}


# Flags `recount mse` explains in a line of their own (a warning with what to run).
WARNED_FLAGS = ("poor_convergence", "truncation_binds", "independence_untestable")


def flag_legend(frame: pd.DataFrame) -> list[str]:
    """A line per flag in the table: its number, its name and, unless a warning line of its
    own follows, what it means."""
    from recount.estimate.headline import HEADLINE_CAUTIONS

    lines = []
    for flag, number in flag_numbers(frame).items():
        meaning = HEADLINE_CAUTIONS.get(flag) if flag not in WARNED_FLAGS else None
        lines.append(f"flag {number} {flag}" + (f": {meaning}" if meaning else ""))
    return lines


def run_mse(
    path: Path,
    methods: list[str] | None,
    seed: int,
    K: int,
    model: str | None,
    criterion: str,
    delta: float | None,
    lists: str | None,
    lcmcr_settings: dict | None = None,
    strata: list[str] | None = None,
    hlcmcr_settings: dict | None = None,
    workers: int = EstimateSettings.workers,
) -> pd.DataFrame:
    """Fit each method to the table in `path`, whole or by stratum: one row per (stratum,)
    method with recount.estimate.mse's columns. Every flag is checked before anything is fitted.
    `methods` None: LCMCR, or on a table of two lists Chapman (LCMCR's classes need three),
    whole or by stratum."""
    from recount.estimate.hlcmcr import HLCMCR
    from recount.estimate.lcmcr import LCMCR
    from recount.estimate.mse import estimate_stratified, estimate_whole
    from recount.estimate.patterns import read_patterns, select_lists

    strata = strata or []
    for name in methods or []:
        if name not in METHODS:
            raise InputError(
                "--method", f"unknown method {name!r}; expected one of {', '.join(METHODS)}"
            )
    if criterion not in CRITERIA:
        raise InputError("--criterion", f"expected {' or '.join(CRITERIA)}, got {criterion!r}")
    if strata and model is not None:
        raise InputError("--model", "a fixed log-linear model cannot be combined with --strata")
    lcmcr = dict(lcmcr_settings or {})
    hlcmcr = dict(hlcmcr_settings or {})
    checks = (("lcmcr", LCMCR(K=K, **lcmcr)), ("hlcmcr", HLCMCR(K=K, **hlcmcr)))
    for name, estimator in checks:
        if name in (methods or [MSE_METHOD]):
            try:
                estimator.check()
            except ConfigError as error:
                # The settings came from flags: name the flag, not the config key.
                flag = "--" + error.key.rsplit(".", 1)[-1].replace("_", "-")
                raise InputError(flag, error.message) from None
    table = read_patterns(path, strata)
    if lists:
        chosen = [c.strip() for c in lists.split(",") if c.strip()]
        table = _select(table, strata, chosen) if strata else select_lists(table, chosen)
    two_lists = len(table.columns) - len(strata) == 3  # two lists and `count`
    if methods is None:
        methods = ["chapman"] if two_lists else [MSE_METHOD]
    if two_lists and {"lcmcr", "hlcmcr"} & set(methods):
        raise InputError(
            str(path),
            "LCMCR needs three or more lists (on two its latent classes are not identified); "
            "on two lists use --method chapman (it assumes them independent) or loglinear",
        )
    if not strata and "chapman" in methods and len(table.columns) != 3:
        raise InputError(
            str(path), "Chapman's estimator needs exactly two lists; pick them with --lists A,B"
        )
    # Nothing is added across strata here, so the draws kept need not reach a stratum's count.
    # A method's flags concern that method alone (checked above when it runs).
    lcmcr = lcmcr if "lcmcr" in methods else {}
    hlcmcr = hlcmcr if "hlcmcr" in methods else {}
    if strata:  # strata run side by side: one thread each
        lcmcr = {"n_jobs": 1, **lcmcr}
    lcmcr_options = LcmcrSettings().with_overrides(**lcmcr)
    hlcmcr_options = HlcmcrSettings().with_overrides(**hlcmcr)
    kept = EstimateSettings.chains * min(
        lcmcr_options.draws_per_chain(), hlcmcr_options.draws_per_chain()
    )
    options = EstimateSettings(
        methods=tuple(methods),
        K=K,
        seed=seed,
        criterion=criterion,
        delta=delta,
        draws=min(EstimateSettings.draws, kept),
        lcmcr=lcmcr_options,
        hlcmcr=hlcmcr_options,
    )
    if strata:
        return estimate_stratified(table, strata, options, workers)
    return estimate_whole(table, options, model)


def _select(table: pd.DataFrame, strata: list[str], chosen: list[str]) -> pd.DataFrame:
    """A stratified table seen by some lists only (people on none of them drop out)."""
    unknown = [c for c in chosen if c not in table.columns or c in strata or c == "count"]
    if unknown:
        raise InputError("--lists", f"no list {unknown[0]!r}")
    kept = table[table[chosen].sum(axis=1) > 0]
    return kept.groupby([*strata, *chosen], dropna=False, sort=True)["count"].sum().reset_index()


def summary_table(estimates: pd.DataFrame) -> Table:
    """Counts per level and method, and single-row levels' estimates: numbers only, never a name."""
    table = Table(title=f"estimates: {int(estimates['documented'].max()):,} people documented")
    for column in ("level", "method", "rows ok / not", "flagged", "estimate (95% interval)"):
        table.add_column(column, justify="left" if column in ("level", "method") else "right")
    for (level, method), group in estimates.groupby(["level", "method"], sort=False):
        ok = group[group["status"] == "ok"]
        single = len(group) == 1 and len(ok) == 1
        table.add_row(
            level,
            method,
            f"{len(ok):,} / {len(group) - len(ok):,}",
            f"{int(group['flag'].notna().sum()):,}",
            f"{ok['estimate'].iloc[0]:,.0f} ({ok['lower'].iloc[0]:,.0f}-{ok['upper'].iloc[0]:,.0f})"
            if single
            else "",
        )
    return table
