"""The estimate stage with linkage uncertainty: MSE on many plausible clusterings, pooled.

As HRDAG's verdata pools the estimates of its imputation replicates, the stage draws
`linkage_draws` plausible clusterings of the records (`recount.estimate.linkage`), builds
each one's capture histories, estimates every stratum of every replicate (one task per
replicate and stratum, in worker processes or Spark tasks; each replicate's LCMCR chains
start from states of the single clustering's fit in the same stratum, so the long burn-in
is paid once per stratum), and pools:

- methods with posterior draws (lcmcr, dga): the replicates' draws side by side, the
  mixture posterior (draw i of every stratum comes from the same replicate, so strata add
  draw by draw as before);
- methods without (loglinear, chapman): Rubin's rules on the log scale.

The single clustering is estimated too, so each row also carries the estimate without
linkage uncertainty (`fixed_*`) and the share of the interval that linkage accounts for.
"""

from __future__ import annotations

import copy
import itertools
import math
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import pandas as pd

from recount.estimate import mcmc_diagnostics
from recount.estimate.headline import TOTAL_LEVELS, preferred_total
from recount.estimate.lcmcr import run_on_target, short_of_target, sweeps_cap
from recount.estimate.levels import (
    COLUMNS,
    Z95,
    coarser_levels,
    draws_table,
    level_name,
)
from recount.estimate.linkage import LinkageGraph, capture_frame
from recount.estimate.mcmc_diagnostics import converged
from recount.estimate.methods import DRAW_METHODS, MethodResult, fixed_length
from recount.estimate.patterns import COUNT
from recount.estimate.protocol import TAILS
from recount.estimate.strata import (
    StratumResult,
    StratumTask,
    is_missing,
    run_stratum,
    run_tasks,
    usable_patterns,
)
from recount.settings import EstimateSettings
from recount.settings.estimate import LCMCR_RUN_LENGTHS, LCMCR_WARM_BURNIN, LcmcrSettings
from recount.tables import is_pooled, pooled_level

REPLICATE_PREFIX = "linkage"
THRESHOLD_PREFIX = "threshold"
CORRECTED_KEY = "corrected:total"
# Link thresholds whose totals the sensitivity chart shows (with the workspace's own).
SENSITIVITY_THRESHOLDS = (0.5, 0.7, 0.8, 0.9, 0.95, 0.99)
# LCMCR draws kept per chain in each replicate at least: enough for each replicate's split
# R-hat to see whether its chains agree (the pool keeps `draws / M` of them).
MIN_REPLICATE_DRAWS_PER_CHAIN = 100


def replicate_options(options: EstimateSettings, replicates: int) -> EstimateSettings:
    """What each replicate is estimated with: its share of the posterior draws (from chains
    of at least MIN_REPLICATE_DRAWS_PER_CHAIN draws), no ESS target (the pooled ESS adds
    over replicates). Its LCMCR burn-in is LCMCR_WARM_BURNIN when it starts warm."""
    draws = math.ceil(options.draws / replicates)
    lcmcr = replace(
        options.lcmcr,
        ess_target=None,
        draws=max(math.ceil(draws / options.chains), MIN_REPLICATE_DRAWS_PER_CHAIN),
    )
    return replace(options, draws=draws, lcmcr=lcmcr)


def replicated_methods(
    results: list[StratumResult], strata: list[str], settings, result_rows: Callable
) -> tuple[str, ...]:
    """The methods the replicates estimate on the finest strata (the one-table levels get
    every method): all of them without strata (the total is one table); with strata, only
    the preferred total's method, and only where that total is their sum. A total read from
    one pooled table, as wherever a stratum cannot be estimated, needs no replicate of the
    strata: their rows keep the single clustering's figures."""
    if not strata:
        return tuple(settings.methods)
    rows, _ = result_rows(copy.deepcopy(results), strata, settings)
    head = preferred_total(pd.DataFrame(rows, columns=strata + COLUMNS))
    if head is None or head["level"] != "total":
        return ()
    return (str(head["method"]),)


def cross_check_tasks(
    corrected: pd.DataFrame | None,
    starts: dict[tuple[str, str], dict],
    options: EstimateSettings,
    strata: list[str],
) -> list[StratumTask]:
    """The corrected table's task (none without one). Its chains start where the single
    clustering's one-table total stopped and run the default length without running on: a
    cross-check beside the headline, whose long run it does not repeat."""
    if corrected is None:
        return []
    lcmcr = replace(options.lcmcr, ess_target=None, draws=options.lcmcr.draws_per_chain())
    task = StratumTask(
        key=CORRECTED_KEY,
        values=dict.fromkeys(strata),
        level="corrected",
        patterns=corrected,
        options=replace(options, lcmcr=lcmcr),
    )
    task.warm_starts = total_start(starts)
    return [task]


def total_start(starts: dict[tuple[str, str], dict]) -> dict:
    """Where the single clustering's one-table total stopped, per method (none without
    one): the start of the tables of the whole population at other links (the
    thresholds', the corrected one), whose lists are the same."""
    for key in [k for k in starts if k[0] in TOTAL_LEVELS][:1]:
        return {m: s.pick(0) for m, s in starts[key].items()}
    return {}


def replicate_persons(
    graph: LinkageGraph, persons: pd.DataFrame, carry: list[str], replicates: int, seed: int
) -> list[pd.DataFrame]:
    """`replicates` persons frames, one per plausible clustering (seeded per replicate)."""
    indexed = persons.set_index("person_id")
    frames = []
    for r in range(replicates):
        labels = graph.draw(np.random.default_rng([seed, 14, r]))
        frames.append(capture_frame(graph, labels, indexed, carry))
    return frames


def singleton_shares(persons: pd.DataFrame) -> dict[str, float]:
    """Per list: the share of its people that no other list documents."""
    flags = persons[[c for c in persons.columns if c.startswith("in_")]].to_numpy(dtype=bool)
    alone = flags.sum(axis=1) == 1
    names = [c.removeprefix("in_") for c in persons.columns if c.startswith("in_")]
    return {
        name: float((flags[:, j] & alone).sum() / max(int(flags[:, j].sum()), 1))
        for j, name in enumerate(names)
    }


def singletons_table(
    persons: pd.DataFrame, shares: pd.DataFrame, rates: pd.DataFrame | None
) -> pd.DataFrame:
    """`linkage_singletons`: per list, the singleton share of the clustering beside the one
    the linkage draws imply (mean and 95% range over draws) and the audit's missed share."""
    observed = singleton_shares(persons)
    rows = []
    for name, share in observed.items():
        on = int(persons[f"in_{name}"].fillna(False).astype(bool).sum())
        row = {
            "list": name,
            "documented": on,
            "singletons": int(round(share * on)),
            "singleton_share": share,
            "implied_share": float(shares[name].mean()),
            "implied_lower": float(shares[name].quantile(TAILS[0])),
            "implied_upper": float(shares[name].quantile(TAILS[1])),
            "audited": 0,
            "audit_missed_share": None,
            "audit_lower": None,
            "audit_upper": None,
        }
        if rates is not None and len(rates):
            found = rates[
                (rates["kind"] == "missed_link")
                & (rates["list_a"] == name)
                & rates["list_b"].isna()
            ]
            if len(found):
                hit = found.iloc[0]
                row.update(
                    audited=int(hit["audited"]),
                    audit_missed_share=float(hit["rate"]),
                    audit_lower=float(hit["lower"]),
                    audit_upper=float(hit["upper"]),
                )
        rows.append(row)
    table = pd.DataFrame(rows)
    for column in ("audit_missed_share", "audit_lower", "audit_upper"):
        table[column] = table[column].astype("Float64")
    return table


def estimate_with_linkage(
    frame: pd.DataFrame,
    graph: LinkageGraph,
    settings,
    replicates: int,
    stratum_tasks: Callable,
    progress: Callable[[int, int], None] | None = None,
    thresholds: dict[float, pd.DataFrame] | None = None,
    corrected: pd.DataFrame | None = None,
    stage=None,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(`estimates`, `estimate_draws`, singleton shares per list and replicate, totals per link
    threshold) pooled over `replicates` clusterings of `frame`'s people.

    `frame` is `persons` with the derived periods; `stratum_tasks(frame, columns, level,
    options)` makes the stage's tasks (the stage's own function, so strata are formed alike).
    `thresholds` maps a link threshold to the persons its clustering gives: their totals are
    estimated too (pooled table, the replicates' lighter settings), for the sensitivity chart.
    `corrected` is the capture table corrected for the expected linkage errors: its total is
    the cross-check (`linkage_corrected`), and a pooled total whose interval misses it is
    flagged `linkage_correction_disagrees`.
    """
    result_rows = stage.result_rows
    strata = list(settings.strata)
    options = settings
    finest_level = level_name(strata, strata)
    carry = [c for c in strata if c in frame.columns]
    levels = [(tuple(strata), finest_level)] + [
        (() if p == "total" else tuple(p.split("+")), pooled_level(p))
        for p in settings.pooled_levels
    ]

    def tasks_for(persons: pd.DataFrame, opts: EstimateSettings, prefix: str) -> list:
        tasks = []
        for columns, level in levels:
            for task in stratum_tasks(persons, columns, level, opts):
                task.key = prefix + task.key
                tasks.append(task)
        return tasks

    fixed_tasks = tasks_for(frame, options, "")
    for task in fixed_tasks:
        task.snapshots = 1  # where the replicates' chains start
    small = replicate_options(options, replicates)
    draws = replicate_persons(graph, frame, carry, replicates, options.seed)
    threshold_tasks = []
    for i, persons in enumerate((thresholds or {}).values()):
        for task in stratum_tasks(persons, (), "threshold", small):
            task.key = f"{THRESHOLD_PREFIX}{i}:{task.key}"
            threshold_tasks.append(task)
    # The single clustering first, at full length; then, per stratum the rows read, one set
    # of LCMCR chains goes on from where its chains stopped through the replicates' tables
    # (ReplicateChain). The thresholds' tables start where the total's chains stopped.
    steps = _Progress(progress, len(fixed_tasks) + replicates + len(threshold_tasks) + 1)
    results = run_tasks(fixed_tasks, settings.workers, settings.engine_for(), steps.phase())
    fixed = {(r.level, r.key): r for r in results}
    starts = {key: _stopped(result) for key, result in fixed.items()}
    finest_methods = replicated_methods(list(fixed.values()), strata, settings, result_rows)
    replicate_tasks = []
    for r, persons in enumerate(draws):
        for task in tasks_for(persons, small, ""):
            if not is_pooled(task.level):
                if not finest_methods:
                    continue
                task.options = replace(small, methods=finest_methods)
            task.key = f"{REPLICATE_PREFIX}{r}:{task.key}"
            if _unprefixed(task) in fixed:  # strata the single clustering lacks: no row reads them
                replicate_tasks.append(task)
    chains = replicate_chains(replicate_tasks, starts, options)
    cross_tasks = cross_check_tasks(corrected, starts, options, strata)
    for task in threshold_tasks:
        task.warm_starts = total_start(starts)
    steps.total = len(fixed_tasks) + len(chains) + len(threshold_tasks) + len(cross_tasks)
    results = run_tasks(
        chains + threshold_tasks + cross_tasks,
        settings.workers,
        settings.engine_for(),
        steps.phase(),
        run_replicates,
    )
    cross_check = results.pop() if cross_tasks else None
    by_threshold = results[len(chains) :]
    by_replicate: dict[tuple[str, str], list[StratumResult | None]] = {
        k: [None] * replicates for k in fixed
    }
    for result in [r for chain in results[: len(chains)] for r in chain]:
        prefix, key = result.key.split(":", 1)
        r = int(prefix.removeprefix(REPLICATE_PREFIX))
        result.key = key
        by_replicate.setdefault((result.level, key), [None] * replicates)[r] = result
    pooled = {
        k: pool_stratum(fixed.get(k), parts, options, replicates)
        for k, parts in by_replicate.items()
    }
    pooled = {k: v for k, v in pooled.items() if k in fixed}  # strata are the single clustering's
    points = replicate_points(by_replicate, fixed, options.methods, strata)
    fixed_rows, _ = result_rows(list(fixed.values()), strata, settings)
    pooled_rows, finest = result_rows(list(pooled.values()), strata, settings)
    estimates = _with_fixed(pooled_rows, fixed_rows, strata, points)
    shares = pd.DataFrame(
        [singleton_shares(persons) | {"replicate": r} for r, persons in enumerate(draws)]
    )
    correction = correction_table(cross_check)
    flag_correction(estimates, correction)
    return (
        estimates,
        draws_table(finest),
        shares,
        sensitivity_table(thresholds or {}, by_threshold),
        correction,
    )


@dataclass
class ReplicateChain:
    """One stratum on every plausible clustering, its LCMCR estimated by one set of chains
    that moves through the replicates' tables: each chain runs a block of draws on
    replicate r's table and goes on from where it stopped on the next one's; the block's
    draws are replicate r's. The chains start where the single clustering's chains stopped
    in the stratum, so the long burn-in is paid once, not per replicate. Passes through the
    tables repeat while the chains' draws over every table fall short of the run-on target
    (R-hat and ESS of N, as for one fit), up to `max_sweeps` iterations per chain; R-hat
    compares chains that moved through the same tables in the same order. The other methods
    run once on each table."""

    tasks: list[StratumTask]  # in replicate order
    start: Any  # lcmcr.WarmStart of the single clustering's fit here (None: no LCMCR)
    target: float | None
    max_sweeps: int
    threads: int = 1  # for the chains: a lone chain has the workers' cores to itself


def replicate_chains(
    tasks: list[StratumTask], starts: dict[tuple[str, str], dict], options: EstimateSettings
) -> list[ReplicateChain]:
    """The replicate tasks grouped by stratum (in replicate order), each group one chain."""
    grouped: dict[tuple[str, str], list[StratumTask]] = {}
    for task in tasks:
        grouped.setdefault(_unprefixed(task), []).append(task)
    target = run_on_target(options.lcmcr.ess_target, options.lcmcr.draws)
    threads = min(options.chains, options.workers) if len(grouped) == 1 else 1
    chains = []
    for key, members in grouped.items():
        start = starts[key].get("lcmcr")
        run = 0 if start is None else run_length(options.lcmcr, start.sampler)
        cap = sweeps_cap(options.lcmcr.max_sweeps, run)
        chains.append(ReplicateChain(members, start, target, cap, threads))
    return chains


def run_length(lcmcr: LcmcrSettings, sampler: str) -> int:
    """Iterations per chain of one LCMCR run with these settings and sampler."""
    burnin, draws, thin = (
        given if given is not None else default
        for given, default in zip(
            (lcmcr.burnin, lcmcr.draws, lcmcr.thin), LCMCR_RUN_LENGTHS[sampler], strict=True
        )
    )
    return burnin + draws * thin


def run_replicates(item: ReplicateChain | StratumTask) -> list[StratumResult] | StratumResult:
    """A worker's task in the replicates' round: a chain through one stratum's replicate
    tables, or one table (a threshold's, the corrected one)."""
    return run_chain(item) if isinstance(item, ReplicateChain) else run_stratum(item)


def run_chain(chain: ReplicateChain) -> list[StratumResult]:
    """Every replicate table of one stratum (`ReplicateChain`): every method on each table
    once, LCMCR in blocks that go on from one table to the next, for as many passes as the
    run-on target asks."""
    state, sweeps = chain.start, 0
    blocks: list[list[np.ndarray]] = [[] for _ in chain.tasks]
    trajectory: list[np.ndarray] = []
    results: list[StratumResult] = []
    for again in itertools.count():
        draws = _pass_draws(chain, again, sweeps, state)
        if again and not (draws and _short(trajectory, chain.target)):
            break
        for index, task in enumerate(chain.tasks):
            block, lcmcr = _block(task, state, sweeps == 0, again, draws, chain.threads)
            result = run_stratum(block)
            found = _method(result, "lcmcr")
            if found is not None and found.status == "ok" and found.chains is not None:
                state, trajectory = found.stopped, trajectory + [found.chains]
                blocks[index].append(found.chains)
                sweeps += _block_sweeps(lcmcr, state.sampler, first=len(trajectory) == 1)
                if again:  # the replicate's time is its blocks' over every pass
                    _method(results[index], "lcmcr").seconds += found.seconds
            if not again:
                result.key = task.key
                results.append(result)
    _merge_blocks(results, blocks, trajectory, chain.tasks)
    return results


def _block(
    task: StratumTask, state, first: bool, again: int, draws: int, threads: int
) -> tuple[StratumTask, LcmcrSettings]:
    """Replicate `task` as one block of `draws` draws per chain: from `state`, with the warm
    burn-in only at the chain's start or where the table's lists differ (the state then
    does not fit it, and the block starts cold). Passes after the first run LCMCR alone,
    on their own seed."""
    options = task.options
    lists = [c for c in usable_patterns(task.patterns).columns if c != COUNT]
    fits = state is not None and state.lists == tuple(lists)
    lcmcr = replace(options.lcmcr, draws=draws, n_jobs=threads)
    lcmcr = lcmcr if first or not fits else replace(lcmcr, burnin=0)
    options = replace(options, lcmcr=lcmcr)
    if again:
        options = replace(options, methods=tuple(m for m in options.methods if m == "lcmcr"))
    warm = {"lcmcr": state} if state is not None else {}
    key = task.key if not again else f"{task.key}#{again}"
    return replace(task, key=key, options=options, warm_starts=warm, snapshots=1), lcmcr


def _block_sweeps(lcmcr: LcmcrSettings, sampler: str, first: bool) -> int:
    _, draws, thin = LCMCR_RUN_LENGTHS[sampler]
    burnin = LCMCR_WARM_BURNIN[sampler] if lcmcr.burnin is None else lcmcr.burnin
    return (burnin if first else 0) + (lcmcr.draws or draws) * (lcmcr.thin or thin)


def _pass_draws(chain: ReplicateChain, again: int, sweeps: int, state) -> int:
    """Draws per chain in each block of pass `again`: the replicates' share first, then as
    many as all passes before (so a pass doubles the run, as one fit's running on does),
    within the cap; 0 when no block of at least 4 draws fits."""
    base = chain.tasks[0].options.lcmcr.draws
    if not again or state is None:
        return 0 if again else base
    thin = chain.tasks[0].options.lcmcr.thin or LCMCR_RUN_LENGTHS[state.sampler][2]
    room = (chain.max_sweeps - sweeps) // (len(chain.tasks) * thin)
    size = min(base * 2 ** (again - 1), room)
    return size if size >= 4 else 0


def _short(trajectory: list[np.ndarray], target: float | None) -> bool:
    """Whether the chains' draws over every block so far fall short of the run-on target."""
    if target is None or not trajectory:
        return False
    draws = np.concatenate(trajectory, axis=1)
    rhat, ess = mcmc_diagnostics.rhat(draws), mcmc_diagnostics.ess_bulk(draws)
    return short_of_target(draws, rhat, ess, target)


def _merge_blocks(
    results: list[StratumResult],
    blocks: list[list[np.ndarray]],
    trajectory: list[np.ndarray],
    tasks: list[StratumTask],
) -> None:
    """Each replicate's LCMCR from its blocks over every pass, with R-hat and ESS of the
    whole chain (each replicate carries 1/M of its ESS, so the pool adds them back)."""
    if not trajectory:
        return
    draws = np.concatenate(trajectory, axis=1)
    rhat, ess = mcmc_diagnostics.rhat(draws), mcmc_diagnostics.ess_bulk(draws)
    used = [i for i, b in enumerate(blocks) if b]
    for index in used:
        method = _method(results[index], "lcmcr")
        own = np.concatenate(blocks[index], axis=1).ravel()
        method.draws = fixed_length(own, tasks[index].options.draws)
        method.estimate = float(np.median(own))
        method.lower, method.upper = (float(q) for q in np.quantile(own, TAILS))
        method.rhat, method.ess = float(rhat), float(ess) / len(used)
    for result in results:
        for method in result.methods:
            method.stopped = method.chains = None


class _Progress:
    """One progress count over the stage's two rounds of tasks."""

    def __init__(self, progress: Callable[[int, int], None] | None, total: int):
        self.progress, self.total, self.done = progress, total, 0

    def phase(self) -> Callable[[int, int], None] | None:
        if self.progress is None:
            return None
        start = self.done

        def report(done: int, _: int) -> None:
            self.done = start + done
            self.progress(self.done, self.total)

        return report


def _unprefixed(task: StratumTask) -> tuple[str, str]:
    """A replicate task's (level, key) in the single clustering."""
    return task.level, task.key.split(":", 1)[1]


def _stopped(result: StratumResult) -> dict:
    """Per method, where the single clustering's chains stopped in this stratum (taken off
    the result: nothing else reads it)."""
    starts = {}
    for method in result.methods:
        if method.stopped is not None:
            starts[method.method] = method.stopped
            method.stopped = None
    return starts


def correction_table(result: StratumResult | None) -> pd.DataFrame:
    """`linkage_corrected`: each method's total on the capture table corrected for the
    expected linkage errors (the cross-check on the pooled draws)."""
    rows = []
    for method in result.methods if result is not None else []:
        rows.append(
            {
                "method": method.method,
                "documented": result.documented,
                "estimate": method.estimate,
                "lower": method.lower,
                "upper": method.upper,
                "status": method.status,
                "reason": method.reason,
            }
        )
    table = pd.DataFrame(
        rows, columns=["method", "documented", "estimate", "lower", "upper", "status", "reason"]
    )
    for column in ("estimate", "lower", "upper"):
        table[column] = table[column].astype("Float64")
    return table


def flag_correction(estimates: pd.DataFrame, correction: pd.DataFrame) -> None:
    """Flag totals whose interval misses the corrected table's estimate of the same method."""
    for row in correction[correction["status"] == "ok"].itertuples(index=False):
        chosen = (
            estimates["level"].isin(["total", pooled_level("total")])
            & (estimates["method"] == row.method)
            & (estimates["status"] == "ok")
            & ((estimates["lower"] > row.estimate) | (estimates["upper"] < row.estimate))
        )
        for index in estimates.index[chosen]:
            estimates.at[index, "flag"] = ";".join(
                dict.fromkeys(
                    [f for f in str(estimates.at[index, "flag"] or "").split(";") if f]
                    + ["linkage_correction_disagrees"]
                )
            )


def sensitivity_table(
    thresholds: dict[float, pd.DataFrame], results: list[StratumResult]
) -> pd.DataFrame:
    """`linkage_sensitivity`: per link threshold, the people documented, their singleton share
    and each method's total on the pooled table."""
    rows = []
    for (threshold, persons), result in zip(thresholds.items(), results, strict=True):
        flags = persons[[c for c in persons.columns if c.startswith("in_")]].to_numpy(dtype=bool)
        lists = flags.sum(axis=1)
        for method in result.methods:
            rows.append(
                {
                    "threshold": float(threshold),
                    "documented": int((lists > 0).sum()),
                    "singleton_share": float((lists == 1).sum() / max(int((lists > 0).sum()), 1)),
                    "method": method.method,
                    "estimate": method.estimate,
                    "lower": method.lower,
                    "upper": method.upper,
                    "status": method.status,
                }
            )
    columns = [
        "threshold",
        "documented",
        "singleton_share",
        "method",
        "estimate",
        "lower",
        "upper",
        "status",
    ]
    table = pd.DataFrame(rows, columns=columns)
    for column in ("estimate", "lower", "upper"):
        table[column] = table[column].astype("Float64")
    return table


def replicate_points(
    by_replicate: dict[tuple[str, str], list[StratumResult | None]],
    fixed: dict[tuple[str, str], StratumResult],
    methods: tuple[str, ...],
    strata: list[str],
) -> dict[tuple, np.ndarray]:
    """Each row's point estimate in every replicate (median of its draws, or its estimate; a
    stratum not estimable there counts at its documented number), keyed as the rows are:
    (level, method, stratum values). Coarser levels add their strata replicate by replicate."""
    points: dict[tuple, np.ndarray] = {}
    finest_level = level_name(strata, strata)
    finest = []
    for key, parts in by_replicate.items():
        base = fixed.get(key)
        if base is None:
            continue
        values = tuple(_hashable(base.values.get(c)) for c in strata)
        for method in methods:
            if all(_method(p, method) is None for p in parts):
                continue  # not replicated: the row keeps the single clustering's figures
            array = np.array([_point(p, method) for p in parts], dtype=float)
            points[(base.level, method, values)] = array
            if base.level == finest_level:
                finest.append((base, method, array))
    for columns in coarser_levels(strata) if strata else []:
        level = level_name(columns, strata)
        for base, method, array in finest:
            values = tuple(_hashable(base.values.get(c)) if c in columns else None for c in strata)
            key = (level, method, values)
            points[key] = points.get(key, 0.0) + array
    return points


def _method(part: StratumResult | None, name: str) -> MethodResult | None:
    """The replicate's result of method `name` (None where the replicate did not run it)."""
    return next((m for m in part.methods if m.method == name), None) if part else None


def _point(part: StratumResult | None, name: str) -> float:
    if part is None:
        return 0.0
    method = _method(part, name)
    if method.status != "ok":
        return float(part.documented)
    if method.draws is not None:
        return float(np.median(method.draws))
    return float(method.estimate)


def pool_stratum(
    fixed: StratumResult | None,
    parts: list[StratumResult | None],
    options: EstimateSettings,
    replicates: int,
) -> StratumResult:
    """One stratum's replicates pooled into one result (the single clustering's row as template)."""
    template = fixed or next(p for p in parts if p is not None)
    methods = []
    for index, name in enumerate(options.methods):
        replicas = [_method(p, name) for p in parts]
        documented = [p.documented if p is not None else 0 for p in parts]
        methods.append(_pool_method(name, replicas, documented, options, template.methods[index]))
    return StratumResult(
        key=template.key,
        values=template.values,
        level=template.level,
        documented=template.documented,
        lists=template.lists,
        reason=template.reason,
        positive_dependence=template.positive_dependence,
        methods=methods,
    )


def _pool_method(
    name: str,
    replicas: list[MethodResult | None],
    documented: list[int],
    options: EstimateSettings,
    template: MethodResult,
) -> MethodResult:
    ok = [i for i, m in enumerate(replicas) if m is not None and m.status == "ok"]
    if template.status != "ok" or not ok:
        return template
    seconds = sum(m.seconds for m in replicas if m is not None)
    note = f"pooled over {len(replicas)} linkage draws"
    if len(ok) < len(replicas):
        note += f" ({len(replicas) - len(ok)} not estimable, entered at their documented count)"
    flags = sorted({f for i in ok for f in replicas[i].flags if f != "poor_convergence"})
    if name in DRAW_METHODS:
        size = max(len(replicas[i].draws) for i in ok)
        blocks = [
            replicas[i].draws[:size] if i in ok else np.full(size, float(documented[i]))
            for i in range(len(replicas))
        ]
        draws = np.concatenate(blocks)
        rhat, ess = replicate_diagnostics([replicas[i] for i in ok], template)
        if rhat is not None and not converged(rhat, ess):
            flags.append("poor_convergence")
        lower, upper = np.quantile(draws, TAILS)
        return MethodResult(
            name,
            "ok",
            estimate=float(np.median(draws)),
            lower=float(lower),
            upper=float(upper),
            rhat=rhat,
            ess=ess,
            seconds=seconds,
            reason=note,
            model=template.model,
            flags=flags,
            draws=draws,
        )
    logs = np.log([replicas[i].estimate for i in ok])
    within = np.array(
        [((np.log(replicas[i].upper) - np.log(replicas[i].lower)) / (2 * Z95)) ** 2 for i in ok]
    )
    between = float(np.var(logs, ddof=1)) if len(ok) > 1 else 0.0
    total = float(within.mean()) + (1 + 1 / len(ok)) * between
    centre = float(logs.mean())
    return MethodResult(
        name,
        "ok",
        estimate=float(np.exp(centre)),
        lower=float(np.exp(centre - Z95 * math.sqrt(total))),
        upper=float(np.exp(centre + Z95 * math.sqrt(total))),
        seconds=seconds,
        reason=note + " (Rubin's rules)",
        model=template.model,
        flags=flags,
    )


def replicate_diagnostics(
    replicas: list[MethodResult], template: MethodResult
) -> tuple[float | None, float | None]:
    """R-hat and bulk ESS of N over the replicates' kept draws. Chains are compared within
    their replicate only (replicates differ by design): each replicate's rank-normalised
    split R-hat, squared, is its chains' pooled variance over their within-chain variance,
    on one scale (normal scores), so the replicates' mean of it is that ratio for all
    their chains; ESS adds over independent replicates. A method without chains (dga's
    exact draws) keeps the single clustering's figures."""
    rhats = [m.rhat for m in replicas if m.rhat is not None and math.isfinite(m.rhat)]
    if not rhats:
        return template.rhat, template.ess
    ess = [m.ess for m in replicas if m.ess is not None and math.isfinite(m.ess)]
    return float(math.sqrt(np.mean(np.square(rhats)))), float(sum(ess))


def linkage_share(points: np.ndarray | None, width: float) -> float | None:
    """Share of the pooled interval's variance that linkage accounts for: the between-
    clustering variance of the replicates' estimates, (1 + 1/M) B as in Rubin's rules,
    over the variance the 95% interval's width implies (the fraction of missing
    information; Rubin 1987)."""
    if points is None or len(points) < 2 or not width > 0:
        return None
    between = (1 + 1 / len(points)) * float(np.var(points, ddof=1))
    total = (width / (2 * Z95)) ** 2
    return float(np.clip(between / total, 0.0, 1.0))


def _with_fixed(
    pooled_rows: list[dict],
    fixed_rows: list[dict],
    strata: list[str],
    points: dict[tuple, np.ndarray],
) -> pd.DataFrame:
    """Pooled rows with the single clustering's estimate and interval beside them, and the
    share of their interval that linkage accounts for. Rows no replicate estimated are the
    single clustering's own: nothing beside them."""

    def key(row: dict) -> tuple:
        return (row["level"], row["method"], *(_hashable(row.get(c)) for c in strata))

    fixed = {key(r): r for r in fixed_rows}
    for row in pooled_rows:
        base = fixed.get(key(row))
        replicated = points.get((row["level"], row["method"], key(row)[2:]))
        if base is None or replicated is None or base["status"] != "ok" or row["status"] != "ok":
            row.update(fixed_estimate=None, fixed_lower=None, fixed_upper=None, linkage_share=None)
            continue
        row.update(
            fixed_estimate=base["estimate"],
            fixed_lower=base["lower"],
            fixed_upper=base["upper"],
            linkage_share=linkage_share(replicated, row["upper"] - row["lower"]),
        )
    return pd.DataFrame(pooled_rows, columns=strata + COLUMNS)


def _hashable(value):
    return None if is_missing(value) else value


def estimate_linked_workspace(
    ws, settings, progress: Callable[[int, int], None] | None = None, stage=None
) -> dict[str, pd.DataFrame]:
    """The stage's tables on a linked workspace: `estimates` (pooled, with the single
    clustering's figures beside them), `estimate_draws` and `linkage_errors`."""
    from recount.estimate.linkage import (
        audit_evidence,
        build_graph,
        corrected_patterns,
        model_error_rates,
    )
    from recount.estimate.patterns import persons_lists
    from recount.review.audit import audit_rates, audit_results
    from recount.tables.views import effective_labels, link_threshold

    if settings.lcmcr.n_jobs is None:  # strata run side by side: one thread each
        settings = replace(settings, lcmcr=replace(settings.lcmcr, n_jobs=1))
    strata = list(settings.strata)
    persons = ws.table("persons", columns=stage._needed_columns(ws, settings.strata, ids=True))
    lists = persons_lists(persons)
    record_person = ws.table("record_person", ["record_id", "source_id", "person_id"])
    pairs = ws.table("pairs", ["record_id_l", "record_id_r", "match_probability"])
    answered = audit_results(ws)
    evidence = audit_evidence(answered, record_person, pairs) if len(answered) else None
    current = link_threshold(ws)
    graph = build_graph(record_person, pairs, lists, effective_labels(ws), evidence, current)
    frame = stage.with_periods(persons, strata)

    def tasks(persons_frame, columns, level, options):
        return stage.stratum_tasks(persons_frame, columns, lists, strata, level, options)

    thresholds = {}
    if current is not None:
        indexed = frame.set_index("person_id")
        for threshold in sorted({*SENSITIVITY_THRESHOLDS, current}):
            labels = graph.at_threshold(threshold, current)
            thresholds[threshold] = capture_frame(graph, labels, indexed, [])
    estimates, draws, shares, sensitivity, correction = estimate_with_linkage(
        frame,
        graph,
        settings,
        settings.linkage_draws,
        tasks,
        progress,
        thresholds,
        corrected_patterns(graph),
        stage,
    )
    estimates = stage._typed(estimates, frame, strata)
    rates = audit_rates(answered) if len(answered) else None
    return {
        "estimates": estimates,
        "estimate_draws": draws,
        "linkage_errors": error_table(model_error_rates(graph), rates),
        "linkage_singletons": singletons_table(persons, shares, rates),
        "linkage_sensitivity": sensitivity.assign(current=sensitivity["threshold"] == current),
        "linkage_corrected": correction,
    }


def error_table(model: pd.DataFrame, rates: pd.DataFrame | None) -> pd.DataFrame:
    """`linkage_errors`: the model's rows, and the audit's where there is one. For the audit,
    `false_link_rate` is false links among audited links of the pair of lists and
    `missed_link_rate` the share of audited singletons of `list_a` whose match is on `list_b`
    (`list_b` '*': on any list)."""
    if rates is None or not len(rates):
        return model
    rows = []
    for rate in rates.itertuples(index=False):
        name = "false_link_rate" if rate.kind == "false_link" else "missed_link_rate"
        rows.append(
            {
                "list_a": rate.list_a,
                "list_b": rate.list_b if isinstance(rate.list_b, str) else "*",
                "basis": "audit",
                "audited": int(rate.audited),
                name: float(rate.rate),
                f"{name}_lower": float(rate.lower),
                f"{name}_upper": float(rate.upper),
            }
        )
    return pd.concat([model, pd.DataFrame(rows)], ignore_index=True)[model.columns]
