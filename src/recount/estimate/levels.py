"""From per-stratum results to the `estimates` and `estimate_draws` tables.

Coarser levels (per governorate, per year, total …) add strata. For methods
with posterior draws (lcmcr, dga) draw i of a level is the sum of draw i of its
strata, so the interval is a quantile of the sum, never a sum of intervals.
Methods without draws (loglinear, chapman) add point estimates; their interval
adds the strata's variances (read off each 95% interval, lower and upper half
separately), treating strata as independent: flagged `summed_point_estimates`.
A stratum that cannot be estimated enters every sum at its documented count,
and the level says so.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import numpy as np
import pandas as pd

from recount.estimate.chapman import FLAGS as CHAPMAN_FLAGS
from recount.estimate.methods import DRAW_METHODS, HIERARCHICAL, MethodResult
from recount.estimate.protocol import TAILS, Z95
from recount.estimate.strata import (
    StratumResult,
    is_missing,
)
from recount.estimate.unknown_strata import IMPUTED_FLAG
from recount.tables import POOLED_SUFFIX, TABLES

UNCONVERGED_STRATA = "includes_poor_convergence_strata"
# The columns after the strata, as the stage writes them.
COLUMNS = [c.name for c in TABLES["estimates"].columns.values() if c.required]


def level_name(columns: Sequence[str], strata: Sequence[str]) -> str:
    if list(columns) == list(strata):
        return "stratum" if strata else "total"
    return "+".join(columns) if columns else "total"


def coarser_levels(strata: Sequence[str]) -> list[tuple[str, ...]]:
    """Every proper subset of the stratum columns, finest first, ending with the total."""
    out = []
    for size in range(len(strata) - 1, -1, -1):
        out.extend(itertools.combinations(strata, size))
    return out


def add_stratum_flags(result: StratumResult, small_stratum: int) -> None:
    """Flags that compare methods or read the stratum's data, added to each method's flags."""
    ok = [m for m in result.methods if m.status == "ok"]
    disagree = any(a.upper < b.lower or b.upper < a.lower for a, b in itertools.combinations(ok, 2))
    for method in ok:
        if disagree:
            method.flags.append("methods_disagree")
        if result.imputed:
            method.flags.append(IMPUTED_FLAG)
        small = result.documented < small_stratum and result.positive_dependence
        if small and method.method != HIERARCHICAL:  # the hierarchical model borrows
            method.flags.append("small_stratum_low_bias_risk")


def stratum_rows(results: Sequence[StratumResult], strata: Sequence[str]) -> list[dict]:
    rows = []
    for result in results:
        for method in result.methods:
            rows.append(
                _row(
                    result.values,
                    strata,
                    result.level,
                    result.documented,
                    method,
                    result.lists,
                    result.imputed,
                )
            )
    return rows


def combine(
    results: Sequence[StratumResult],
    strata: Sequence[str],
    columns: Sequence[str],
    methods: Sequence[str],
) -> list[dict]:
    """Rows of one coarser level: strata grouped by `columns`, added per method."""
    groups: dict[tuple, list[StratumResult]] = {}
    for result in results:
        key = tuple(_hashable(result.values[c]) for c in columns)
        groups.setdefault(key, []).append(result)
    level = level_name(columns, strata)
    rows = []
    for _key, members in sorted(groups.items(), key=lambda item: tuple(map(_sort_key, item[0]))):
        values = {c: members[0].values[c] for c in columns}
        documented = sum(m.documented for m in members)
        imputed = sum(m.imputed for m in members)
        for index, method in enumerate(methods):
            parts = [m.methods[index] for m in members]
            combined = _combine_method(method, parts, [m.documented for m in members])
            rows.append(_row(values, strata, level, documented, combined, None, imputed))
    return rows


def _combine_method(method: str, parts: list[MethodResult], documented: list[int]) -> MethodResult:
    ok = [i for i, p in enumerate(parts) if p.status == "ok"]
    missing = [i for i in range(len(parts)) if i not in ok]
    if not ok:
        return MethodResult(
            method, "not_estimable", reason=f"none of its {len(parts)} strata could be estimated"
        )
    floor = float(sum(documented[i] for i in missing))
    flags: list[str] = []
    notes = []
    if method in DRAW_METHODS:
        total = floor + np.sum([parts[i].draws for i in ok], axis=0)
        estimate = float(np.median(total))
        lower, upper = (float(q) for q in np.quantile(total, TAILS))
        notes.append(f"sum of posterior draws of {len(ok)} strata")
        draws = total
    else:
        estimate = floor + sum(parts[i].estimate for i in ok)
        down = np.sqrt(sum(((parts[i].estimate - parts[i].lower) / Z95) ** 2 for i in ok))
        up = np.sqrt(sum(((parts[i].upper - parts[i].estimate) / Z95) ** 2 for i in ok))
        lower, upper = (
            max(estimate - Z95 * down, floor + sum(documented[i] for i in ok)),
            estimate + Z95 * up,
        )
        flags.append("summed_point_estimates")
        notes.append(f"sum of point estimates of {len(ok)} strata; interval from added variances")
        draws = None
    if missing:
        flags.append("includes_not_estimable_strata")
        notes.append(
            f"{len(missing)} strata not estimable, added at their documented {int(floor):,}"
        )
    if any("small_stratum_low_bias_risk" in parts[i].flags for i in ok):
        flags.append("includes_low_bias_risk_strata")
    if any(IMPUTED_FLAG in parts[i].flags for i in ok):
        flags.append(IMPUTED_FLAG)
    # A sum of independent fits is as doubtful as its least converged stratum (the
    # hierarchical model's total has diagnostics of its own).
    if method != HIERARCHICAL and any("poor_convergence" in parts[i].flags for i in ok):
        flags.append(UNCONVERGED_STRATA)
    for flag in CHAPMAN_FLAGS:  # a sum of Chapman estimates keeps their assumption
        if any(flag in parts[i].flags for i in ok):
            flags.append(flag)
    return MethodResult(
        method,
        "ok",
        estimate=estimate,
        lower=lower,
        upper=upper,
        seconds=sum(p.seconds for p in parts),
        reason="; ".join(notes),
        flags=flags,
        draws=draws,
    )


def flag_against_pooled(
    rows: list[dict], pooled_rows: list[dict], columns_by_level: dict[str, tuple]
) -> None:
    """Flag a level's summed estimate whose interval misses the directly pooled estimate's."""
    index = {}
    for row in pooled_rows:
        if row["status"] == "ok":
            base = row["level"].removesuffix(POOLED_SUFFIX)
            key = (
                base,
                row["method"],
                tuple(_hashable(row.get(c)) for c in columns_by_level[base]),
            )
            index[key] = row
    for row in rows:
        if row["status"] != "ok" or row["level"] not in columns_by_level:
            continue
        key = (
            row["level"],
            row["method"],
            tuple(_hashable(row.get(c)) for c in columns_by_level[row["level"]]),
        )
        pooled = index.get(key)
        if pooled and (row["upper"] < pooled["lower"] or pooled["upper"] < row["lower"]):
            for target in (row, pooled):
                target["flag"] = _join(target["flag"], "strata_sum_disagrees_with_pooled")


def draws_table(results: Sequence[StratumResult]) -> pd.DataFrame:
    """`estimate_draws`: the posterior draws of N of every stratum, per method with draws."""
    frames = []
    for result in results:
        for method in result.methods:
            if method.status == "ok" and method.draws is not None:
                frames.append(
                    pd.DataFrame(
                        {
                            "method": method.method,
                            "stratum_key": result.key,
                            "draw": np.arange(len(method.draws), dtype=np.int64),
                            "n": np.round(method.draws).astype(np.int64),
                        }
                    )
                )
    if not frames:
        return pd.DataFrame(
            {
                "method": pd.Series(dtype=str),
                "stratum_key": pd.Series(dtype=str),
                "draw": pd.Series(dtype=np.int64),
                "n": pd.Series(dtype=np.int64),
            }
        )
    return pd.concat(frames, ignore_index=True)


def _row(
    values: dict,
    strata: Sequence[str],
    level: str,
    documented: int,
    method: MethodResult,
    lists: int | None,
    imputed: int = 0,
) -> dict:
    row = {c: values.get(c) for c in strata}
    row.update(
        level=level,
        documented=int(documented),
        method=method.method,
        estimate=method.estimate,
        lower=method.lower,
        upper=method.upper,
        rhat=method.rhat,
        ess=method.ess,
        status=method.status,
        reason=method.reason,
        flag=";".join(dict.fromkeys(method.flags)) or None,
        seconds=round(float(method.seconds), 3),
        lists=lists,
        model=method.model,
        imputed=int(imputed),
    )
    return row


def _join(existing: str | None, flag: str) -> str:
    parts = [p for p in (existing or "").split(";") if p]
    return ";".join(dict.fromkeys(parts + [flag]))


def _hashable(value):
    return None if is_missing(value) else value


def _sort_key(value) -> tuple:
    return (1, "") if value is None else (0, value)
