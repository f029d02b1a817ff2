"""Estimating every stratum: sparse-stratum rules, one task per stratum, draws for adding up.

A task is plain data (a pattern table and options) so it runs the same in a
worker process or a Spark task. Each result holds, per method, the estimate,
95% interval, diagnostics and, for the Bayesian methods, posterior draws of N
of a fixed length, so coarser levels can add strata draw by draw.
"""

from __future__ import annotations

import time
import zlib
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, wait
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from recount.errors import ConfigError, RecountError
from recount.estimate.methods import MethodResult, fit_method
from recount.estimate.patterns import COUNT
from recount.settings.estimate import ENGINES, EstimateSettings
from recount.workers import WorkerPool


@dataclass
class StratumTask:
    key: str
    values: dict[str, Any]
    level: str
    patterns: pd.DataFrame  # lists + count, every list of the project (zeros included)
    options: EstimateSettings
    # Per method, states of a fit to a nearby table (its chains start there), and how many
    # states of this fit's chains to return for such starts (MethodResult.stopped).
    warm_starts: dict[str, Any] = field(default_factory=dict)
    snapshots: int = 0
    imputed: int = 0  # documented people whose stratum value was drawn (unknown_strata)


@dataclass
class StratumResult:
    key: str
    values: dict[str, Any]
    level: str
    documented: int
    lists: int
    reason: str | None
    positive_dependence: bool
    methods: list[MethodResult]
    imputed: int = 0


def stratum_key(values: dict[str, Any]) -> str:
    """Stable text key of a stratum: "governorate=SY-HL|year=2013" ("null" for unknown)."""
    if not values:
        return "total"
    return "|".join(f"{k}={_text(v)}" for k, v in values.items())


def stratum_seed(seed: int, key: str) -> int:
    """A seed per stratum from the run's seed and the stratum's key (stable when strata change)."""
    return int(np.random.SeedSequence([seed, zlib.crc32(key.encode())]).generate_state(1)[0])


def usable_patterns(patterns: pd.DataFrame) -> pd.DataFrame:
    """Drop lists nobody in the stratum is on (they carry no information here)."""
    lists = [c for c in patterns.columns if c != COUNT]
    kept = [c for c in lists if int(patterns.loc[patterns[c] == 1, COUNT].sum()) > 0]
    table = patterns[kept + [COUNT]]
    table = table[table[COUNT] > 0]
    return table.groupby(kept, as_index=False)[COUNT].sum() if kept else table


def sparsity_reason(patterns: pd.DataFrame, min_records: int) -> str | None:
    """Why a stratum cannot be estimated (None when it can): few records, too few
    lists, or a list sharing nobody with the others."""
    lists = [c for c in patterns.columns if c != COUNT]
    documented = int(patterns[COUNT].sum())
    if documented < min_records:
        people = "person" if documented == 1 else "people"
        return f"only {documented} {people} documented (minimum {min_records})"
    if len(lists) < 3:
        return f"only {len(lists)} lists document anyone here; at least 3 are needed"
    on_many = patterns[lists].sum(axis=1) >= 2
    for name in lists:
        if int(patterns.loc[(patterns[name] == 1) & on_many, COUNT].sum()) == 0:
            return f"list {name!r} shares nobody with the other lists"
    return None


def overlap_ratios(patterns: pd.DataFrame) -> dict[tuple[str, str], float]:
    """Observed overlap of each pair of lists over what independence would allow.

    Among documented people, independent lists overlap *less* than n_j n_k / n
    (the unobserved cell is cut off), so a ratio above 1 is evidence of positive
    dependence, the kind that biases estimates low.
    """
    lists = [c for c in patterns.columns if c != COUNT]
    counts = patterns[COUNT].to_numpy()
    total = counts.sum()
    ratios = {}
    for i, a in enumerate(lists):
        for b in lists[i + 1 :]:
            on_a = patterns[a].to_numpy() == 1
            on_b = patterns[b].to_numpy() == 1
            expected = counts[on_a].sum() * counts[on_b].sum() / total
            if expected > 0:
                ratios[(a, b)] = float(counts[on_a & on_b].sum() / expected)
    return ratios


def run_stratum(task: StratumTask) -> StratumResult:
    """Estimate one stratum with every configured method; never raises for data problems."""
    options = task.options
    table = usable_patterns(task.patterns)
    lists = [c for c in table.columns if c != COUNT]
    documented = int(table[COUNT].sum())
    reason = sparsity_reason(table, options.min_records)
    positive = documented > 0 and any(r > 1 for r in overlap_ratios(table).values())
    seed = stratum_seed(options.seed, task.key)
    results = []
    for method in options.methods:
        warm = (task.warm_starts.get(method), task.snapshots)
        results.append(_run_method(method, table, lists, reason, options, seed, warm))
    return StratumResult(
        key=task.key,
        values=task.values,
        level=task.level,
        documented=documented,
        lists=len(lists),
        reason=reason,
        positive_dependence=positive,
        methods=results,
        imputed=task.imputed,
    )


def _run_method(
    method: str,
    table: pd.DataFrame,
    lists: list[str],
    reason: str | None,
    options: EstimateSettings,
    seed: int,
    warm: tuple[Any, bool] = (None, False),
) -> MethodResult:
    if method == "chapman":
        why = _chapman_obstacle(table, lists, options.min_records)
        if why is not None:
            return MethodResult(method, "not_estimable", reason=why)
    elif reason is not None:
        return MethodResult(method, "not_estimable", reason=reason)
    if method == "dga" and not 3 <= len(lists) <= 5:
        return MethodResult(
            method, "not_estimable", reason=f"dga averages 3 to 5 lists, here {len(lists)}"
        )
    started = time.perf_counter()
    try:
        result = fit_method(method, table, options, seed, None, *warm)
    except ConfigError:
        raise
    except (RecountError, ValueError, np.linalg.LinAlgError, FloatingPointError) as exc:
        return MethodResult(
            method,
            "not_estimable",
            reason=f"{method} failed: {exc}",
            seconds=time.perf_counter() - started,
        )
    result.seconds = time.perf_counter() - started
    return result


def _chapman_obstacle(table: pd.DataFrame, lists: list[str], min_records: int) -> str | None:
    """Why Chapman's estimator cannot run here (None when it can)."""
    documented = int(table[COUNT].sum())
    if len(lists) != 2:
        return f"Chapman's estimator needs exactly two lists, here {len(lists)}"
    if documented < min_records:
        return f"only {documented} documented (minimum {min_records})"
    if int(table.loc[(table[lists[0]] == 1) & (table[lists[1]] == 1), COUNT].sum()) == 0:
        return "the two lists share nobody"
    return None


# How often a progress that shows the strata being estimated (a `running(keys)` method beside
# `__call__(done, total)`, as `recount estimate`'s bar) hears which are: a stratum's LCMCR can
# run for minutes on to its ESS target, the count of strata done standing still meanwhile.
RUNNING_POLL_SECONDS = 1.0


def run_tasks(
    tasks: Sequence[Any],
    workers: int = EstimateSettings.workers,
    engine: str = ENGINES[0],
    progress: Callable[[int, int], None] | None = None,
) -> list[Any]:
    """Run every task (`run_stratum`) in parallel (worker processes, or one Spark task
    each), results in the tasks' order. `progress(done, total)` hears as tasks finish and,
    where it has a `running` method, which tasks are being run (their keys)."""
    if engine == "spark":
        from recount.estimate.spark import run_on_spark

        results = run_on_spark(tasks, run_stratum)
        if progress:
            progress(len(tasks), len(tasks))
        return results
    running = getattr(progress, "running", None)
    if workers <= 1 or len(tasks) <= 1:
        results = []
        for done, task in enumerate(tasks, start=1):
            if running is not None:
                running([task.key])
            results.append(run_stratum(task))
            if progress:
                progress(done, len(tasks))
        if running is not None:
            running([])
        return results
    with WorkerPool(workers) as pool:
        futures = [pool.submit(run_stratum, task) for task in tasks]
        pending = set(futures)
        while pending:
            finished, pending = wait(pending, RUNNING_POLL_SECONDS, FIRST_COMPLETED)
            for future in finished:
                future.result()
            if progress and finished:
                progress(len(tasks) - len(pending), len(tasks))
            if running is not None:  # the pool marks one task more than it runs: queued next
                started = [t.key for t, f in zip(tasks, futures, strict=True) if f.running()]
                running(started[:workers])
    return [future.result() for future in futures]


def _text(value: Any) -> str:
    return "null" if is_missing(value) else str(value)


def is_missing(value: Any) -> bool:
    return value is None or (np.ndim(value) == 0 and bool(pd.isna(value)))
