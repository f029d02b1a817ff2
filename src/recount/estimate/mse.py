"""`recount mse` without the command line: methods on a ready pattern table, whole or by stratum.

A whole table (one 0/1 column per list and `count`) is fitted by each method as given
(Chapman on two lists picked with `select_lists`, log-linear with a fixed model if one
is named). A stratified table (stratum columns first) is estimated as the estimate
stage estimates `persons`: stratum by stratum for the per-stratum methods, with the
stage's rules for strata too sparse to estimate, and the hierarchical model once over
every stratum. Both return one row per (stratum,) method with `OUT_COLUMNS`; by stratum,
the sums over strata are in the frame's attrs.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

import pandas as pd

from recount.estimate.methods import HIERARCHICAL, MethodResult, fit_method
from recount.estimate.mse_columns import DETAIL_COLUMNS, OUT_COLUMNS
from recount.estimate.patterns import COUNT
from recount.settings.estimate import ENGINES, EstimateSettings


def estimate_whole(
    table: pd.DataFrame, options: EstimateSettings, model: str | None = None
) -> pd.DataFrame:
    """Each of `options.methods` on one table (the hierarchical model as one stratum)."""
    rows = []
    for method in options.methods:
        started = time.perf_counter()
        if method == HIERARCHICAL:
            from recount.estimate.hierarchical import fit_hierarchical

            result = fit_hierarchical([table], options, n_jobs=None)[0][0]
        else:
            result = fit_method(method, table, options, options.seed, model)
        result.seconds = time.perf_counter() - started
        rows.append(_row({}, result, int(table[COUNT].sum())))
    return pd.DataFrame(rows, columns=OUT_COLUMNS + DETAIL_COLUMNS)


def estimate_stratified(
    table: pd.DataFrame,
    strata: Sequence[str],
    options: EstimateSettings,
    workers: int = EstimateSettings.workers,
    progress=None,
) -> pd.DataFrame:
    """Every stratum of `table` (stratum columns, lists, `count`) by each method."""
    from recount.estimate.levels import combine
    from recount.estimate.workspace import estimate_tasks, history_tasks

    strata = list(strata)
    lists = [c for c in table.columns if c not in strata and c != COUNT]
    tasks = history_tasks(table, strata, lists, strata, "stratum", options)
    results, totals = estimate_tasks(tasks, options, workers, ENGINES[0], progress)
    rows = [_row(r.values, m, r.documented) for r in results for m in r.methods]
    frame = pd.DataFrame(rows, columns=strata + OUT_COLUMNS + DETAIL_COLUMNS)
    # The hierarchical model's total over every stratum, with its own diagnostics.
    frame.attrs["totals"] = {
        method: _row({}, total, int(table[COUNT].sum())) for method, total in totals.items()
    }
    # Every other method's sum over strata, added as the stage adds a level (posterior draws
    # summed, a stratum not estimable at its documented count), its notes in `reason`.
    frame.attrs["sums"] = {
        row["method"]: row
        for row in combine(results, strata, (), options.methods)
        if row["method"] != HIERARCHICAL
    }
    return frame


def _row(values: dict, result: MethodResult, observed: int) -> dict:
    return {
        **values,
        "method": result.method,
        "estimate": result.estimate,
        "lower": result.lower,
        "upper": result.upper,
        "seconds": round(float(result.seconds), 3),
        "ess": result.ess,
        "rhat": result.rhat,
        "status": result.status,
        "reason": result.reason if result.status != "ok" else None,
        "model": result.model,
        "flag": ";".join(result.flags) or None,
        "observed": observed,
    }
