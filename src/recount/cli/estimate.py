"""CLI of the estimate stage: `recount estimate` (the workspace) and `recount mse` (a ready table)."""

from __future__ import annotations

import math
import time
from pathlib import Path
from typing import Annotated

import pandas as pd
import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from recount.cli.common import WorkspaceOption, console, err_console, open_project
from recount.errors import ConfigError, InputError
from recount.settings import METHODS, EstimateSettings, LcmcrSettings

OUT_COLUMNS = ["method", "estimate", "lower", "upper", "seconds", "ess"]


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
        linkage_draws: Annotated[
            int | None,
            typer.Option(
                "--linkage-draws",
                help="Plausible clusterings to pool over, so the interval carries linkage "
                "error (default [estimate] linkage_draws, 20; 0: the single clustering).",
            ),
        ] = None,
    ) -> None:
        """Estimate every stratum of `persons` (MSE) and write `estimates` and `estimate_draws`."""
        project = open_project(workspace)
        with Progress(
            TextColumn("estimating strata"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=err_console,
            transient=True,
        ) as progress:
            bar = progress.add_task("strata", total=None)

            def advance(done: int, total: int) -> None:
                progress.update(bar, completed=done, total=total)

            estimates = project.estimate(
                progress=advance, methods=method, seed=seed, linkage_draws=linkage_draws
            )
        console.print(summary_table(estimates))
        finest = estimates[estimates["level"] == "stratum"]
        for name, rows in finest.groupby("method", sort=False):
            sparse = rows.loc[rows["status"] != "ok", "documented"]
            if len(sparse):
                console.print(
                    f"{name}: {len(sparse):,} of {len(rows):,} strata not estimable; their "
                    f"{int(sparse.sum()):,} documented people enter coarser levels as documented"
                )
        flagged = finest[finest["flag"].notna()]
        if len(flagged):
            console.print(
                f"{len(flagged):,} stratum estimates carry flags (see `recount export estimates`): "
                + ", ".join(sorted({f for v in flagged["flag"] for f in v.split(";")}))
            )

    @app.command("mse")
    def mse(
        patterns: Annotated[
            Path,
            typer.Argument(
                help="CSV: one 0/1 column per list and a `count` column.", dir_okay=False
            ),
        ],
        method: Annotated[
            list[str] | None,
            typer.Option(
                "--method", "-m", help="lcmcr, loglinear, dga or chapman (repeat for several)."
            ),
        ] = None,
        seed: Annotated[int, typer.Option(help="Seed for the samplers.")] = EstimateSettings.seed,
        out: Annotated[
            Path | None,
            typer.Option("--out", "-o", help="Write method,estimate,lower,upper,seconds,ess here."),
        ] = None,
        K: Annotated[
            int, typer.Option("--K", help="LCMCR: latent classes (truncation).")
        ] = EstimateSettings.K,
        sampler: Annotated[
            str | None,
            typer.Option(
                help="LCMCR: auto (default: NUTS on large tables, the collapsed Gibbs sweep on "
                "sparse ones), nuts, collapsed or augmented (R's sweep)."
            ),
        ] = None,
        burnin: Annotated[
            int | None,
            typer.Option(help="LCMCR: iterations discarded per chain (NUTS tunes in them)."),
        ] = None,
        draws: Annotated[int | None, typer.Option(help="LCMCR: draws kept per chain.")] = None,
        ess_target: Annotated[
            float | None,
            typer.Option(help="LCMCR: run the chains on until the ESS of N reaches this."),
        ] = None,
        max_sweeps: Annotated[
            int | None,
            typer.Option(help="LCMCR: with --ess-target, stop at this many iterations."),
        ] = None,
        model: Annotated[
            str | None,
            typer.Option(help='Log-linear: a fixed model such as "[123,14,34]" (default: search).'),
        ] = None,
        criterion: Annotated[
            str, typer.Option(help="Log-linear search criterion: bic or aic.")
        ] = EstimateSettings.criterion,
        delta: Annotated[
            float | None, typer.Option(help="dga: hyper-Dirichlet delta (default 2^-lists).")
        ] = None,
        lists: Annotated[
            str | None,
            typer.Option(help="Use only these lists, comma-separated (Chapman needs two)."),
        ] = None,
    ) -> None:
        """Estimate N from a ready capture-pattern table; print estimate, 95% interval and seconds."""
        if out is not None:
            from recount.exports import export_format

            export_format(out)
        given = {
            "sampler": sampler,
            "burnin": burnin,
            "draws": draws,
            "ess_target": ess_target,
            "max_sweeps": max_sweeps,
        }
        settings = {k: v for k, v in given.items() if v is not None}
        rows = run_mse(
            patterns, method or ["lcmcr"], seed, K, model, criterion, delta, lists, settings
        )
        frame = pd.DataFrame(rows)
        table = Table(
            title=f"{patterns.name}: {int(frame['observed'].iloc[0]):,} people documented"
        )
        for column in ("method", "estimate", "95% interval", "seconds", "ess", "model"):
            table.add_column(column, justify="left" if column in ("method", "model") else "right")
        for row in rows:
            table.add_row(
                row["method"],
                f"{row['estimate']:,.0f}",
                f"{row['lower']:,.0f} to {row['upper']:,.0f}",
                f"{row['seconds']:.2f}",
                "" if row["ess"] is None else f"{row['ess']:,.0f}",
                row["model"] or "",
            )
        console.print(table)
        if out is not None:
            from recount.exports import write_frame

            path = write_frame(frame[OUT_COLUMNS], out)
            console.print(f"wrote {len(frame)} row{'s' if len(frame) != 1 else ''} to {path}")


def run_mse(
    path: Path,
    methods: list[str],
    seed: int,
    K: int,
    model: str | None,
    criterion: str,
    delta: float | None,
    lists: str | None,
    lcmcr_settings: dict | None = None,
) -> list[dict]:
    """Fit each method to the table in `path`; one result row per method."""
    from recount.estimate.chapman import Chapman
    from recount.estimate.lcmcr import LCMCR
    from recount.estimate.loglinear import LogLinear
    from recount.estimate.patterns import read_patterns, select_lists
    from recount.estimate.strata import fit_method

    for name in methods:
        if name not in METHODS:
            raise InputError(
                "--method", f"unknown method {name!r}; expected one of {', '.join(METHODS)}"
            )
    if criterion not in ("aic", "bic"):
        raise InputError("--criterion", f"expected bic or aic, got {criterion!r}")
    if "lcmcr" in methods:
        try:
            LCMCR(K=K, **(lcmcr_settings or {})).check()
        except ConfigError as error:
            # The settings came from flags: name the flag, not the config key.
            flag = "--" + error.key.rsplit(".", 1)[-1].replace("_", "-")
            raise InputError(flag, error.message) from None
    table = read_patterns(path)
    if lists:
        table = select_lists(table, [c.strip() for c in lists.split(",") if c.strip()])
    observed = int(table["count"].sum())
    rows = []
    for name in methods:
        started = time.perf_counter()
        if name == "loglinear" and model is not None:
            fitted = LogLinear(model=model).fit(table)
            lower, upper = fitted.interval()
            result = {"estimate": fitted.N_, "lower": lower, "upper": upper, "ess": None}
            label = fitted.model_labelled_
        elif name == "chapman":
            if len(table.columns) != 3:
                raise InputError(
                    str(path),
                    "Chapman's estimator needs exactly two lists; pick them with --lists A,B",
                )
            fitted = Chapman().fit(table)
            lower, upper = fitted.interval()
            result = {"estimate": fitted.N_, "lower": lower, "upper": upper, "ess": None}
            label = "independence (assumed)"
        else:
            # One table: its chains may use every core (strata default to one thread each),
            # and no strata are added, so the draws kept need not reach a stratum's count.
            # the LCMCR flags concern LCMCR alone (checked above when it runs)
            given = (lcmcr_settings or {}) if name == "lcmcr" else {}
            lcmcr = LcmcrSettings().with_overrides(**given)
            kept = EstimateSettings.chains * lcmcr.draws_per_chain()
            options = EstimateSettings(
                methods=(name,),
                K=K,
                seed=seed,
                criterion=criterion,
                delta=delta,
                draws=min(EstimateSettings.draws, kept),
                lcmcr=lcmcr,
            )
            fitted = fit_method(name, table, options, seed)
            result = {
                "estimate": fitted.estimate,
                "lower": fitted.lower,
                "upper": fitted.upper,
                "ess": fitted.ess,
            }
            label = fitted.model
            if "poor_convergence" in fitted.flags:
                err_console.print(
                    f"[yellow]warning:[/] {name}: poor convergence (R-hat {fitted.rhat:.3f}, ESS {fitted.ess:,.0f})"
                )
        seconds = time.perf_counter() - started
        ess = result["ess"]
        rows.append(
            {
                "method": name,
                **result,
                "ess": None if ess is None or not math.isfinite(ess) else ess,
                "seconds": round(seconds, 3),
                "observed": observed,
                "model": label,
            }
        )
    return rows


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
