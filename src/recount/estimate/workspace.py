"""The estimate stage: `persons` -> capture histories per stratum -> `estimates`, `estimate_draws`.

Reads `[estimate]` from recount.toml (every key validated, errors name it),
estimates every stratum in parallel (worker processes, or Spark tasks when
`[link] backend = "spark"`), adds strata into coarser levels, estimates the
levels named in `pooled` directly from their pooled tables, and writes both
tables in one transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields, replace
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
from recount.estimate.methods import HIERARCHICAL, METHODS
from recount.estimate.patterns import COUNT, capture_histories, persons_lists
from recount.estimate.preferred import PREFERRED, mark_preferred
from recount.estimate.strata import (
    EstimateOptions,
    StratumTask,
    run_tasks,
    stratum_key,
)
from recount.workspace import Workspace

# Periods derived from date_of_death when a stratum names them.
DERIVED_PERIODS = ("year", "half_year", "quarter", "year_month")
# Person fields that must never become strata (names are sensitive and not categories).
FORBIDDEN_STRATA = ("person_id", "name", "name_latin", "name_forms", "sources", "statuses")
ENGINES = ("processes", "spark")
# Options passed through `[estimate.hlcmcr]` (K, chains and seed are `[estimate]` keys).
HLCMCR_OPTIONS = (
    "a_alpha",
    "b_alpha",
    "tau_scale",
    "burnin",
    "draws",
    "thin",
    "n_jobs",
    "ess_target",
    "max_sweeps",
)
# Options passed through `[estimate.lcmcr]` (K, chains and seed are `[estimate]` keys).
LCMCR_OPTIONS = (
    "a_alpha",
    "b_alpha",
    "burnin",
    "draws",
    "thin",
    "n_jobs",
    "mh_attempts",
    "sampler",
    "ess_target",
    "max_sweeps",
)


@dataclass(frozen=True)
class Settings:
    strata: tuple[str, ...]
    pooled: tuple[str, ...]
    workers: int
    engine: str
    options: EstimateOptions


def estimate_workspace(
    ws: Workspace, progress: Callable[[int, int], None] | None = None, **overrides: Any
) -> pd.DataFrame:
    """Estimate every stratum of `persons`; write `estimates` and `estimate_draws`; return `estimates`.

    `overrides` take precedence over `[estimate]` (same keys: strata, methods, K, seed, draws, …).
    `progress(done, total)` is called as strata finish.
    """
    settings = read_settings(ws, overrides)
    if not ws.has_table("persons"):
        raise WorkspaceError(f"{ws.root}: no table 'persons'; run `recount link` first")
    persons = ws.table("persons", columns=_needed_columns(ws, settings.strata))
    estimates, draws = estimate_persons(persons, settings, progress)
    ws.write_tables({"estimates": estimates, "estimate_draws": draws})
    return estimates


def estimate_persons(
    persons: pd.DataFrame, settings: Settings, progress: Callable[[int, int], None] | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The stage without the workspace: a `persons` frame in, (`estimates`, `estimate_draws`) out."""
    strata = list(settings.strata)
    frame = with_periods(persons, strata)
    lists = persons_lists(persons)
    if persons.empty:
        raise WorkspaceError("persons is empty: nobody is documented, nothing to estimate")
    if len(lists) < 2:
        raise WorkspaceError(
            "persons has fewer than two in_<source> columns: nothing to estimate from"
        )
    options = settings.options
    tasks = stratum_tasks(frame, strata, lists, strata, level_name(strata, strata), options)
    columns_by_level = {level_name(c, strata): c for c in coarser_levels(strata)} if strata else {}
    for pooled in settings.pooled:
        columns = () if pooled == "total" else tuple(pooled.split("+"))
        tasks += stratum_tasks(frame, columns, lists, strata, f"{pooled}_pooled", options)
    results, totals = estimate_tasks(tasks, options, settings.workers, settings.engine, progress)
    finest = [r for r in results if r.level == level_name(strata, strata)]
    pooled_results = [r for r in results if r.level.endswith("_pooled")]
    for result in results:
        add_stratum_flags(result, options.small_stratum)
    rows = stratum_rows(finest, strata)
    if strata:
        for columns in coarser_levels(strata):
            rows += combine(finest, strata, columns, options.methods)
    for row in rows:
        # The hierarchical total's own diagnostics (its draws add strata within one chain).
        total = totals.get(row["method"])
        if total is not None and row["level"] == "total":
            row.update(rhat=total.rhat, ess=total.ess)
            if "poor_convergence" in total.flags:
                row["flag"] = ";".join(filter(None, [row["flag"], "poor_convergence"]))
    pooled_rows = stratum_rows(pooled_results, strata)
    flag_against_pooled(rows, pooled_rows, columns_by_level)
    estimates = pd.DataFrame(rows + pooled_rows, columns=strata + COLUMNS)
    estimates = _typed(estimates, frame, strata)
    estimates[PREFERRED] = mark_preferred(estimates)
    return estimates, draws_table(finest)


def estimate_tasks(
    tasks: list[StratumTask],
    options: EstimateOptions,
    workers: int = 2,
    engine: str = "processes",
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
        finest = [r for r in results if not r.level.endswith("_pooled")]
        tables = [t.patterns for t in tasks if not t.level.endswith("_pooled")]
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
    options: EstimateOptions,
) -> list[StratumTask]:
    """One task per distinct combination of `columns` among persons seen on some list."""
    histories = capture_histories(frame, list(columns), lists)
    return history_tasks(histories, columns, lists, strata, level, options)


def history_tasks(
    histories: pd.DataFrame,
    columns: tuple[str, ...] | list[str],
    lists: list[str],
    strata: list[str],
    level: str,
    options: EstimateOptions,
) -> list[StratumTask]:
    """One task per distinct combination of `columns` in a table of capture histories
    (the columns, one 0/1 column per list, `count`)."""
    tasks = []
    if not columns:
        groups = [((), histories)]
    else:
        groups = histories.groupby(list(columns), dropna=False, sort=True)
    for values, table in groups:
        values = values if isinstance(values, tuple) else (values,)
        named = {
            c: (None if _missing(v) else _plain(v)) for c, v in zip(columns, values, strict=True)
        }
        full = {c: named.get(c) for c in strata} if level.endswith("_pooled") else named
        key = stratum_key(named)
        if level.endswith("_pooled"):
            key = f"{level}:{key}"
        tasks.append(
            StratumTask(
                key=key,
                values=full,
                level=level,
                patterns=table[lists + [COUNT]].reset_index(drop=True),
                options=options,
            )
        )
    return tasks


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


def read_settings(ws: Workspace, overrides: dict[str, Any]) -> Settings:
    section = dict(ws.config.section("estimate"))
    section.update({k: v for k, v in overrides.items() if v is not None})
    backend = ws.config.section("link").get("backend", "duckdb")
    return parse_settings(section, backend, str(ws.config_path), available=_persons_columns(ws))


def parse_settings(
    section: dict[str, Any],
    backend: str = "duckdb",
    path: str | None = None,
    available: list[str] | None = None,
) -> Settings:
    """Validate `[estimate]`; every error names the key."""
    known = {f.name for f in fields(EstimateOptions)} | {"strata", "pooled", "workers", "engine"}
    for key in section:
        if key not in known:
            raise ConfigError(
                f"estimate.{key}", f"unknown key; expected one of {', '.join(sorted(known))}", path
            )

    def error(key: str, message: str) -> ConfigError:
        return ConfigError(f"estimate.{key}", message, path)

    strata = _string_list(section.get("strata", []), "strata", error)
    for name in strata:
        if name in FORBIDDEN_STRATA or name.startswith("in_"):
            raise error(
                "strata",
                f"{name!r} cannot be a stratum (names and capture columns are not categories)",
            )
        if available is not None and name not in available and name not in DERIVED_PERIODS:
            choices = ", ".join(
                sorted(set(available) - set(FORBIDDEN_STRATA)) + list(DERIVED_PERIODS)
            )
            raise error("strata", f"no person field {name!r}; expected one of {choices}")
    if len(set(strata)) != len(strata):
        raise error("strata", "a field is named twice")
    methods = _string_list(section.get("methods", list(EstimateOptions.methods)), "methods", error)
    if not methods:
        raise error("methods", "name at least one method")
    for method in methods:
        if method not in METHODS:
            raise error(
                "methods", f"unknown method {method!r}; expected some of {', '.join(METHODS)}"
            )
    pooled = _string_list(section.get("pooled", ["total"] if strata else []), "pooled", error)
    for level in pooled:
        parts = [] if level == "total" else level.split("+")
        if not set(parts) <= set(strata) or len(parts) >= len(strata):
            raise error(
                "pooled",
                f"{level!r} is not a coarser level of strata {strata}: use 'total' or '+'-joined fields",
            )
    values = {
        "K": _integer(section, "K", 10, 2, error),
        "chains": _integer(section, "chains", 2, 1, error),
        "seed": _integer(section, "seed", 20111, 0, error),
        "draws": _integer(section, "draws", 1000, 10, error),
        "min_records": _integer(section, "min_records", 30, 1, error),
        "small_stratum": _integer(section, "small_stratum", 1000, 0, error),
    }
    criterion = section.get("criterion", "bic")
    if criterion not in ("aic", "bic"):
        raise error("criterion", f"expected 'aic' or 'bic', got {criterion!r}")
    delta = section.get("delta")
    if delta is not None and (
        not isinstance(delta, int | float) or isinstance(delta, bool) or delta <= 0
    ):
        raise error(
            "delta", "expected a number > 0 (dga's hyper-Dirichlet parameter; default 2^-lists)"
        )
    lcmcr = section.get("lcmcr", {})
    if not isinstance(lcmcr, dict):
        raise error("lcmcr", "expected a table of extra LCMCR options, e.g. { burnin = 2000 }")
    for key in lcmcr:
        if key not in LCMCR_OPTIONS:
            raise error(
                f"lcmcr.{key}", f"unknown LCMCR option; expected one of {', '.join(LCMCR_OPTIONS)}"
            )
    workers = _integer(section, "workers", 2, 1, error)
    engine = section.get("engine", "spark" if backend == "spark" else "processes")
    if engine not in ENGINES:
        raise error("engine", f"expected one of {', '.join(ENGINES)}, got {engine!r}")
    if "lcmcr" in methods:
        _check_lcmcr(lcmcr, values, error)
    hlcmcr = section.get("hlcmcr", {})
    if not isinstance(hlcmcr, dict):
        raise error("hlcmcr", "expected a table of extra HLCMCR options, e.g. { draws = 2000 }")
    for key in hlcmcr:
        if key not in HLCMCR_OPTIONS:
            raise error(
                f"hlcmcr.{key}",
                f"unknown HLCMCR option; expected one of {', '.join(HLCMCR_OPTIONS)}",
            )
    if HIERARCHICAL in methods:
        _check_hlcmcr(hlcmcr, values, error)
    options = EstimateOptions(
        methods=tuple(methods),
        criterion=criterion,
        delta=delta,
        lcmcr=dict(lcmcr),
        hlcmcr=dict(hlcmcr),
        **values,
    )
    return Settings(tuple(strata), tuple(pooled), workers, engine, options)


def _check_lcmcr(lcmcr: dict, values: dict, error) -> None:
    """Every LCMCR option, before any stratum runs; and totals add `draws` posterior draws
    per stratum, taken from chains x draws per chain."""
    from recount.estimate.lcmcr import LCMCR, default_draws

    chains, draws = values["chains"], values["draws"]
    try:
        LCMCR(K=values["K"], chains=chains, **lcmcr).check()
    except ConfigError as problem:
        raise error(problem.key.removeprefix("estimate."), problem.message) from None
    per_chain = lcmcr.get("draws", default_draws(lcmcr.get("sampler", "auto")))
    if per_chain * chains < draws:
        raise error(
            "lcmcr.draws",
            f"{chains} chains x {per_chain} draws give fewer than the {draws} draws per stratum "
            "that totals add ([estimate] draws): raise one or lower the other",
        )


def _check_hlcmcr(hlcmcr: dict, values: dict, error) -> None:
    """Every HLCMCR option, before anything runs; and chains x draws per chain must give
    the `draws` per stratum that totals add."""
    from recount.estimate.hlcmcr import DEFAULT_DRAWS, HLCMCR

    try:
        HLCMCR(K=values["K"], chains=values["chains"], **hlcmcr).check()
    except ConfigError as problem:
        raise error(problem.key.removeprefix("estimate."), problem.message) from None
    per_chain = hlcmcr.get("draws", DEFAULT_DRAWS)
    if per_chain * values["chains"] < values["draws"]:
        raise error(
            "hlcmcr.draws",
            f"{values['chains']} chains x {per_chain} draws give fewer than the "
            f"{values['draws']} draws per stratum that totals add ([estimate] draws)",
        )


def _integer(section: dict, key: str, default: int, minimum: int, error) -> int:
    value = section.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < minimum:
        raise error(key, f"expected a whole number >= {minimum}, got {value!r}")
    return int(value)


def _string_list(value: Any, key: str, error) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) and v for v in value):
        raise error(key, 'expected a list of names, e.g. ["governorate", "year"]')
    return list(value)


def _needed_columns(ws: Workspace, strata: tuple[str, ...]) -> list[str]:
    """Capture columns, strata and dates only: names never leave the database here."""
    available = _persons_columns(ws) or []
    wanted = {c for c in available if c.startswith("in_")} | set(strata)
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
    for column in ("estimate", "lower", "upper", "rhat", "ess", "seconds"):
        estimates[column] = estimates[column].astype("Float64")
    estimates["documented"] = estimates["documented"].astype("Int64")
    estimates["lists"] = estimates["lists"].astype("Int64")
    for column in ("level", "method", "status", "reason", "flag", "model"):
        estimates[column] = estimates[column].astype("string")
    return estimates


def _missing(value: Any) -> bool:
    return value is None or bool(pd.isna(value))


def _plain(value: Any) -> Any:
    return value.item() if isinstance(value, np.generic) else value
