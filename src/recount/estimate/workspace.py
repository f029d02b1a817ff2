"""The estimate stage: `persons` -> capture histories per stratum -> `estimates`, `estimate_draws`.

Reads `[estimate]` from recount.toml (every key validated, errors name it),
estimates every stratum in parallel (worker processes, or Spark tasks when
`[link] backend = "spark"`), adds strata into coarser levels, estimates the
levels named in `pooled` directly from their pooled tables, and writes both
tables in one transaction.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import numpy as np
import pandas as pd

from recount.errors import ConfigError, WorkspaceError
from recount.estimate.hierarchical import fit_hierarchical
from recount.estimate.levels import (
    COLUMNS,
    add_stratum_flags,
    coarser_levels,
    combine,
    draws_table,
    flag_against_pooled,
    level_name,
    stratum_rows,
)
from recount.estimate.methods import HIERARCHICAL, MethodResult
from recount.estimate.patterns import COUNT, LIST_PREFIX, capture_histories, persons_lists
from recount.estimate.preferred import PREFERRED, mark_preferred
from recount.estimate.sensitivity import COLUMNS as SENSITIVITY_COLUMNS
from recount.estimate.sensitivity import add_prior_sensitivity
from recount.estimate.strata import StratumResult, StratumTask, run_tasks, stratum_key
from recount.estimate.unknown_strata import (
    PLACE,
    UNIT,
    impute_unknown_strata,
    imputed_people,
    person_places,
)
from recount.settings import EstimateSettings
from recount.settings.estimate import CAPTURE_COUNT, ENGINES, LINKAGE_DRAWS_AUTO
from recount.tables import is_pooled, pooled_level
from recount.workspace import Workspace

# Periods derived from date_of_death when a stratum names them.
DERIVED_PERIODS = ("year", "half_year", "quarter", "year_month")
# Person fields that must never become strata (names are sensitive and not categories).
FORBIDDEN_STRATA = ("person_id", "name", "name_latin", "name_forms", "sources", "statuses")
# With one list nothing tells how many deaths it missed; the documented count stands alone.
ONE_LIST_REASON = (
    "only one list: no estimate of undocumented deaths is possible (multiple systems "
    "estimation needs the overlap of two or more lists); the documented count is a floor"
)


def estimate_workspace(
    ws: Workspace, progress: Callable[[int, int], None] | None = None, **overrides: Any
) -> pd.DataFrame:
    """Estimate every stratum of `persons`; write `estimates` and `estimate_draws`; return `estimates`.

    `overrides` take precedence over `[estimate]` (same keys: strata, methods, K, seed, draws, …).
    `progress(done, total)` is called as strata finish.
    """
    settings = ws.config.estimate.with_overrides(**overrides)
    if not ws.has_table("persons"):
        raise WorkspaceError(f"{ws.root}: no table 'persons'; run `recount link` first")
    columns = _persons_columns(ws) or []
    check_strata(settings, columns, str(ws.config_path))
    lists = persons_lists(pd.DataFrame(columns=columns))
    settings = methods_for_lists(settings, lists)
    linked = ws.has_table("pairs") and ws.has_table("record_person") and len(lists) >= 2
    if settings.linkage_draws == LINKAGE_DRAWS_AUTO:
        from recount.estimate.linkage_stage import auto_linkage_draws

        settings = replace(settings, linkage_draws=auto_linkage_draws(ws) if linked else 0)
    if settings.linkage_draws and linked:
        from recount.estimate.linkage_stage import estimate_linked_workspace

        tables = estimate_linked_workspace(ws, settings, progress, sys.modules[__name__])
        tables["estimates"][PREFERRED] = mark_preferred(tables["estimates"])
        persons = ws.table("persons", columns=_needed_columns(ws, ()))
        tables["estimates"] = add_prior_sensitivity(tables["estimates"], persons, lists, settings)
    else:
        persons = stratum_persons(ws, settings)
        estimates, draws = estimate_persons(persons, settings, progress)
        tables = {"estimates": estimates, "estimate_draws": draws}
    ws.write_tables(tables)
    return tables["estimates"]


def estimate_persons(
    persons: pd.DataFrame,
    settings: EstimateSettings,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The stage without the workspace: a `persons` frame in, (`estimates`, `estimate_draws`) out."""
    check_strata(settings, list(persons.columns))
    given = settings
    if settings.lcmcr.n_jobs is None:  # strata run side by side: one thread each
        settings = replace(settings, lcmcr=replace(settings.lcmcr, n_jobs=1))
    strata = list(settings.strata)
    lists = persons_lists(persons)
    frame = stratum_frame(persons, settings, lists)
    if persons.empty:
        raise WorkspaceError("persons is empty: nobody is documented, nothing to estimate")
    if len(lists) < 2:
        return _one_list(persons, strata, settings), draws_table([])
    settings = methods_for_lists(settings, lists)
    tasks = stratum_tasks(frame, strata, lists, strata, level_name(strata, strata), settings)
    for pooled in settings.pooled_levels:
        columns = () if pooled == "total" else tuple(pooled.split("+"))
        tasks += stratum_tasks(frame, columns, lists, strata, pooled_level(pooled), settings)
    engine = settings.engine_for()
    results, totals = estimate_tasks(tasks, settings, settings.workers, engine, progress)
    rows, finest = result_rows(results, strata, settings, totals)
    estimates = pd.DataFrame(rows, columns=strata + COLUMNS)
    estimates = _typed(estimates, frame, strata)
    estimates[PREFERRED] = mark_preferred(estimates)
    estimates = add_prior_sensitivity(estimates, frame, lists, methods_for_lists(given, lists))
    return estimates, draws_table(finest)


def methods_for_lists(settings: EstimateSettings, lists: list[str]) -> EstimateSettings:
    """With exactly two lists only Chapman's estimator can run: the others model how lists
    depend on each other, which takes three or more. It replaces them (rows of methods that
    cannot run at any level read like strata too small), flagged for the independence it
    assumes; the headline's caution (independence_untestable) names what a third list allows."""
    if len(lists) == 2:
        return replace(settings, methods=("chapman",))
    return settings


def _one_list(persons: pd.DataFrame, strata: list[str], settings: EstimateSettings) -> pd.DataFrame:
    """`estimates` of a one-list project: a total row per method, not estimable, saying why."""
    result = StratumResult(
        key="total",
        values={},
        level="total",
        documented=len(persons),
        lists=len(persons_lists(persons)),
        reason=ONE_LIST_REASON,
        positive_dependence=False,
        methods=[
            MethodResult(m, "not_estimable", reason=ONE_LIST_REASON) for m in settings.methods
        ],
    )
    estimates = pd.DataFrame(stratum_rows([result], strata), columns=strata + COLUMNS)
    estimates = _typed(estimates, persons, strata)
    estimates[PREFERRED] = mark_preferred(estimates)
    return estimates


def result_rows(
    results: list, strata: list[str], settings: EstimateSettings, totals: dict | None = None
) -> tuple[list[dict], list]:
    """The `estimates` rows of the stratum results (flags added; coarser levels added up;
    pooled levels beside them), and the finest strata's results. `totals` holds the
    hierarchical model's own total (its R-hat and ESS go on its `total` row)."""
    totals = totals or {}
    finest = [r for r in results if r.level == level_name(strata, strata)]
    pooled_results = [r for r in results if is_pooled(r.level)]
    for result in results:
        add_stratum_flags(result, settings.small_stratum)
    rows = stratum_rows(finest, strata)
    if strata:
        for columns in coarser_levels(strata):
            rows += combine(finest, strata, columns, settings.methods)
    for row in rows:
        # The hierarchical total's own diagnostics (its draws add strata within one chain).
        total = totals.get(row["method"])
        if total is not None and row["level"] == "total":
            row.update(rhat=total.rhat, ess=total.ess)
            if "poor_convergence" in total.flags:
                row["flag"] = ";".join(filter(None, [row["flag"], "poor_convergence"]))
    pooled_rows = stratum_rows(pooled_results, strata)
    columns_by_level = {level_name(c, strata): c for c in coarser_levels(strata)} if strata else {}
    flag_against_pooled(rows, pooled_rows, columns_by_level)
    return rows + pooled_rows, finest


def estimate_tasks(
    tasks: list[StratumTask],
    options: EstimateSettings,
    workers: int = EstimateSettings.workers,
    engine: str = ENGINES[0],
    progress: Callable[[int, int], None] | None = None,
) -> tuple[list, dict]:
    """Every method on every task: the per-stratum methods task by task (in parallel),
    then the hierarchical model once over the finest strata (the tasks whose level is not
    a pooled one), handed back to each of them in the order of `options.methods`.
    Returns the results and, per hierarchical method, its total over every stratum."""
    per_stratum = replace(options, methods=tuple(m for m in options.methods if m != HIERARCHICAL))
    results = run_tasks([replace(t, options=per_stratum) for t in tasks], workers, engine, progress)
    totals = {}
    if HIERARCHICAL in options.methods:
        finest = [r for r in results if not is_pooled(r.level)]
        tables = [t.patterns for t in tasks if not is_pooled(t.level)]
        position = options.methods.index(HIERARCHICAL)
        fitted, totals[HIERARCHICAL] = fit_hierarchical(tables, options, workers)
        for result, method in zip(finest, fitted, strict=True):
            result.methods.insert(position, method)
    return results, totals


def stratum_tasks(
    frame: pd.DataFrame,
    columns: tuple[str, ...] | list[str],
    lists: list[str],
    strata: list[str],
    level: str,
    options: EstimateSettings,
) -> list[StratumTask]:
    """One task per distinct combination of `columns` among persons seen on some list."""
    histories = capture_histories(frame, list(columns), lists)
    return history_tasks(
        histories, columns, lists, strata, level, options, imputed_counts(frame, columns, lists)
    )


def imputed_counts(
    frame: pd.DataFrame, columns: tuple[str, ...] | list[str], lists: list[str]
) -> dict[str, int]:
    """Per stratum key of `columns`: documented people whose value there was imputed."""
    seen = frame[[f"in_{name}" for name in lists]].fillna(False).astype(bool).any(axis=1)
    drawn = frame[imputed_people(frame, columns) & seen]
    if not len(columns) or drawn.empty:
        return {}
    counts = drawn.groupby(list(columns), dropna=False, sort=True).size()
    out = {}
    for values, count in counts.items():
        values = values if isinstance(values, tuple) else (values,)
        named = {
            c: (None if _missing(v) else _plain(v)) for c, v in zip(columns, values, strict=True)
        }
        out[stratum_key(named)] = int(count)
    return out


def history_tasks(
    histories: pd.DataFrame,
    columns: tuple[str, ...] | list[str],
    lists: list[str],
    strata: list[str],
    level: str,
    options: EstimateSettings,
    imputed: dict[str, int] | None = None,
) -> list[StratumTask]:
    """One task per distinct combination of `columns` in a table of capture histories
    (the columns, one 0/1 column per list, `count`); `imputed` counts, per stratum key, the
    people whose value was drawn (recount.estimate.unknown_strata)."""
    tasks = []
    imputed = imputed or {}
    if not columns:
        groups = [((), histories)]
    else:
        groups = histories.groupby(list(columns), dropna=False, sort=True)
    for values, table in groups:
        values = values if isinstance(values, tuple) else (values,)
        named = {
            c: (None if _missing(v) else _plain(v)) for c, v in zip(columns, values, strict=True)
        }
        full = {c: named.get(c) for c in strata} if is_pooled(level) else named
        key = stratum_key(named)
        if is_pooled(level):
            key = f"{level}:{key}"
        tasks.append(
            StratumTask(
                key=key,
                values=full,
                level=level,
                patterns=table[lists + [COUNT]].reset_index(drop=True),
                options=options,
                imputed=imputed.get(stratum_key(named), 0),
            )
        )
    return tasks


def stratum_frame(
    persons: pd.DataFrame, settings: EstimateSettings, lists: list[str]
) -> pd.DataFrame:
    """`persons` with the derived periods and, unless switched off, unknown stratum values
    drawn from people on the same lists (recount.estimate.unknown_strata)."""
    frame = with_periods(persons, list(settings.strata))
    if not settings.impute_unknown_strata or frame.empty:
        return frame
    return impute_unknown_strata(frame, settings.strata, lists, settings.seed)


def with_periods(persons: pd.DataFrame, strata: list[str]) -> pd.DataFrame:
    """Add the derived period columns a stratum names (unknown where the date is too coarse)."""
    frame = persons.copy()
    wanted = [s for s in strata if s in DERIVED_PERIODS and s not in frame.columns]
    if not wanted:
        return frame
    dates = pd.to_datetime(frame.get("date_of_death"), errors="coerce")
    precision = frame.get("date_precision", pd.Series("day", index=frame.index)).fillna("day")
    year = dates.dt.year.astype("Int64")
    within_year = dates.notna() & precision.isin(["day", "month"]).to_numpy()
    month = dates.dt.month.where(within_year)
    for name in wanted:
        if name == "year":
            frame[name] = year
        elif name == "half_year":
            frame[name] = _label(year, "H", (month - 1) // 6 + 1)
        elif name == "quarter":
            frame[name] = _label(year, "Q", (month - 1) // 3 + 1)
        else:
            frame[name] = _label(year, "", month, width=2)
    return frame


def check_strata(settings: EstimateSettings, available: list[str], path: str | None = None) -> None:
    """Each stratum is a field of `persons` (or a period derived from its dates), never a name."""
    for name in settings.strata:
        if name in FORBIDDEN_STRATA:
            raise ConfigError(
                "estimate.strata",
                f"{name!r} cannot be a stratum (names and capture columns are not categories)",
                path,
            )
        if name not in available and name not in DERIVED_PERIODS:
            fields = set(available) - set(FORBIDDEN_STRATA) - set(DERIVED_PERIODS)
            fields -= {f for f in fields if f.startswith(LIST_PREFIX)} | {CAPTURE_COUNT}
            choices = ", ".join(sorted(fields) + list(DERIVED_PERIODS))
            raise ConfigError(
                "estimate.strata", f"no person field {name!r}; expected one of {choices}", path
            )


def stratum_persons(ws: Workspace, settings: EstimateSettings, ids: bool = False) -> pd.DataFrame:
    """The `persons` columns the stage reads and, where an unknown admin unit is drawn, each
    person's place key from their records (`normalized`; recount.estimate.unknown_strata)."""
    placed = (
        settings.impute_unknown_strata
        and UNIT in settings.strata
        and ws.has_table("normalized")
        and ws.has_table("record_person")
    )
    persons = ws.table("persons", columns=_needed_columns(ws, settings.strata, ids or placed))
    if not placed:
        return persons
    places = ws.query(
        "select rp.person_id, n.place_key from record_person rp join normalized n "
        "using (record_id) where rp.person_id is not null and n.place_key is not null"
    )
    persons[PLACE] = persons["person_id"].map(person_places(places))
    return persons if ids else persons.drop(columns="person_id")


def _needed_columns(ws: Workspace, strata: tuple[str, ...], ids: bool = False) -> list[str]:
    """Capture columns, strata and dates (and person ids): names never leave the database here."""
    available = _persons_columns(ws) or []
    wanted = {c for c in available if c.startswith("in_")} | set(strata)
    if ids:
        wanted.add("person_id")
    if any(s in DERIVED_PERIODS for s in strata):
        wanted |= {"date_of_death", "date_precision"}
    return [c for c in available if c in wanted]


def _persons_columns(ws: Workspace) -> list[str] | None:
    if not ws.has_table("persons"):
        return None
    return list(ws.query("select * from persons limit 0").columns)


def _label(year: pd.Series, mark: str, part: pd.Series, width: int = 1) -> pd.Series:
    text = (
        year.astype("string") + "-" + mark + part.astype("Int64").astype("string").str.zfill(width)
    )
    return text.where(part.notna() & year.notna())


def _typed(estimates: pd.DataFrame, persons: pd.DataFrame, strata: list[str]) -> pd.DataFrame:
    """Stable column types: stratum columns as in persons, numbers as floats, text as strings."""
    for column in strata:
        if column in persons.columns and pd.api.types.is_integer_dtype(persons[column].dtype):
            estimates[column] = estimates[column].astype("Int64")
        elif column in persons.columns and pd.api.types.is_bool_dtype(persons[column].dtype):
            estimates[column] = estimates[column].astype("boolean")
        else:
            estimates[column] = estimates[column].astype("string")
    for column in (
        "estimate",
        "lower",
        "upper",
        "rhat",
        "ess",
        "seconds",
        "fixed_estimate",
        "fixed_lower",
        "fixed_upper",
        "linkage_share",
        *SENSITIVITY_COLUMNS,
    ):
        estimates[column] = estimates[column].astype("Float64")
    estimates["documented"] = estimates["documented"].astype("Int64")
    estimates["imputed"] = estimates["imputed"].fillna(0).astype("Int64")
    estimates["lists"] = estimates["lists"].astype("Int64")
    for column in ("level", "method", "status", "reason", "flag", "model"):
        estimates[column] = estimates[column].astype("string")
    return estimates


def _missing(value: Any) -> bool:
    return value is None or bool(pd.isna(value))


def _plain(value: Any) -> Any:
    return value.item() if isinstance(value, np.generic) else value
