"""The estimate stage with linkage uncertainty: MSE on many plausible clusterings, pooled.

As HRDAG's verdata pools the estimates of its imputation replicates, the stage draws
`linkage_draws` plausible clusterings of the records (`recount.estimate.linkage`), builds
each one's capture histories, estimates every stratum of every replicate (one task per
replicate and stratum, in worker processes or Spark tasks; each replicate's LCMCR chains
start from states of the single clustering's fit in the same stratum and burn in for a
few of its autocorrelation times, so the long search from nowhere is paid once per
stratum), and pools:

- methods with posterior draws (lcmcr, dga): the replicates' draws side by side, the
  mixture posterior, with the replicates' centres moved apart by Rubin's finite-M factor
  (`rubin_spread`; draw i of every stratum comes from the same replicate, so strata add
  draw by draw as before);
- methods without (loglinear, chapman): Rubin's rules on the log scale.

The single clustering is estimated too, so each row also carries the estimate without
linkage uncertainty (`fixed_*`) and the share of the interval that linkage accounts for.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Callable
from dataclasses import replace

import numpy as np
import pandas as pd

from recount.estimate import mcmc_diagnostics
from recount.estimate.headline import preferred_total
from recount.estimate.lcmcr import run_on_target
from recount.estimate.levels import (
    COLUMNS,
    Z95,
    coarser_levels,
    draws_table,
    level_name,
)
from recount.estimate.linkage import LinkageGraph, capture_frame
from recount.estimate.methods import DRAW_METHODS, HIERARCHICAL, MethodResult
from recount.estimate.preferred import TOTAL_LEVELS
from recount.estimate.protocol import TAILS
from recount.estimate.strata import (
    StratumResult,
    StratumTask,
    is_missing,
    run_tasks,
)
from recount.settings import EstimateSettings
from recount.settings.estimate import (
    AUTO_LINKAGE_DRAWS,
    ESS_MINIMUM,
    LCMCR_RUN_LENGTHS,
    LCMCR_WARM_BURNIN,
    RHAT_LIMIT,
    LcmcrSettings,
)
from recount.tables import is_pooled, pooled_level

REPLICATE_PREFIX = "linkage"
THRESHOLD_PREFIX = "threshold"
CORRECTED_KEY = "corrected:total"
# Link thresholds whose totals the sensitivity chart shows (with the workspace's own).
SENSITIVITY_THRESHOLDS = (0.5, 0.7, 0.8, 0.9, 0.95, 0.99)
# LCMCR draws kept per chain in each replicate at least: enough for each replicate's split
# R-hat to see whether its chains agree (the pool keeps `draws / M` of them).
MIN_REPLICATE_DRAWS_PER_CHAIN = 100
# A replicate's chains start from states of the single clustering's chains in the same
# stratum (a nearby table's posterior) and run this many of that fit's autocorrelation
# times of N before they keep draws, so that the start's pull has faded (as exp(-2 t / tau)
# for a chain that mixes like an AR(1)): each replicate then samples its own table's
# posterior, and the pool mixes over the tables (note 69).
REPLICATE_BURNIN_TIMES = 2


def replicate_options(options: EstimateSettings, replicates: int) -> EstimateSettings:
    """What each replicate is estimated with: its share of the posterior draws (from chains
    of at least MIN_REPLICATE_DRAWS_PER_CHAIN draws), no running on (the pooled ESS adds
    over replicates). Its LCMCR run is set per stratum by `replicate_lcmcr`."""
    draws = math.ceil(options.draws / replicates)
    lcmcr = replace(
        options.lcmcr,
        ess_target=None,
        draws=max(math.ceil(draws / options.chains), MIN_REPLICATE_DRAWS_PER_CHAIN),
    )
    return replace(options, draws=draws, lcmcr=lcmcr)


def autocorrelation_time(fitted: MethodResult | None, chains: int) -> float | None:
    """Iterations per effective draw of N in a fit: iterations per chain x chains over its
    bulk ESS (burn-in counted too, so an over-estimate); None without a fit to read."""
    if fitted is None or fitted.status != "ok" or not fitted.sweeps:
        return None
    if fitted.ess is None or not fitted.ess > 0:
        return float(fitted.sweeps)
    return fitted.sweeps * chains / fitted.ess


def replicate_lcmcr(
    options: EstimateSettings,
    share: LcmcrSettings,
    fitted: MethodResult | None,
    sampler: str,
    replicates: int,
) -> LcmcrSettings:
    """One replicate's LCMCR run in a stratum, from the single clustering's fit there (tau
    its autocorrelation time of N, `autocorrelation_time`): a burn-in of
    REPLICATE_BURNIN_TIMES tau (at least LCMCR_WARM_BURNIN), then enough draws that the M
    replicates together reach the run-on target a single fit has (bulk ESS 400 where
    `draws` is unset: tau x 400 / chains iterations, split over the replicates), at least
    the replicates' share of the draws. Neither runs longer than the single fit did, so M
    replicates cost at most M fits, and about one fit plus M burn-ins where it mixed."""
    tau = autocorrelation_time(fitted, options.chains)
    if tau is None:
        return share
    thin = share.thin or LCMCR_RUN_LENGTHS[sampler][2]
    burnin = max(LCMCR_WARM_BURNIN[sampler], math.ceil(REPLICATE_BURNIN_TIMES * tau))
    burnin = min(burnin, fitted.sweeps)
    draws = share.draws
    target = run_on_target(options.lcmcr.ess_target, options.lcmcr.draws)
    if target is not None:
        kept = min(tau * target / options.chains, fitted.sweeps) / replicates
        draws = max(draws, math.ceil(kept / thin))
    return replace(share, burnin=burnin, draws=draws, thin=thin)


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
        task.snapshots = replicates  # where the replicates' chains start, one state each
    # The hierarchical model is fitted once, on the single clustering (all strata in one
    # model, too costly to repeat per replicate): its rows keep that fit's figures, as
    # rows no replicate reads do.
    per_stratum = replace(options, methods=tuple(m for m in options.methods if m != HIERARCHICAL))
    small = replicate_options(per_stratum, replicates)
    draws = replicate_persons(graph, frame, carry, replicates, options.seed)
    threshold_tasks = []
    for i, persons in enumerate((thresholds or {}).values()):
        for task in stratum_tasks(persons, (), "threshold", small):
            task.key = f"{THRESHOLD_PREFIX}{i}:{task.key}"
            threshold_tasks.append(task)
    # The single clustering first, at full length; then every replicate's table of the
    # strata the rows read, each an independent fit whose LCMCR chains start from states
    # of the single clustering's chains in that stratum (`replicate_tasks`). The
    # thresholds' tables start where the total's chains stopped.
    steps = _Progress(progress, len(fixed_tasks) + replicates + len(threshold_tasks) + 1)
    results, totals = stage.estimate_tasks(
        fixed_tasks, settings, settings.workers, settings.engine_for(), steps.phase()
    )
    fixed = {(r.level, r.key): r for r in results}
    starts = {key: _stopped(result) for key, result in fixed.items()}
    finest_methods = tuple(
        m
        for m in replicated_methods(list(fixed.values()), strata, settings, result_rows)
        if m != HIERARCHICAL
    )
    replicates_round = []
    for r, persons in enumerate(draws):
        for task in tasks_for(persons, small, ""):
            if not is_pooled(task.level):
                if not finest_methods:
                    continue
                task.options = replace(small, methods=finest_methods)
            task.key = f"{REPLICATE_PREFIX}{r}:{task.key}"
            if _unprefixed(task) in fixed:  # strata the single clustering lacks: no row reads them
                replicates_round.append(task)
    replicate_tasks(replicates_round, fixed, starts, options, replicates)
    cross_tasks = cross_check_tasks(corrected, starts, per_stratum, strata)
    for task in threshold_tasks:
        task.warm_starts = total_start(starts)
    steps.total = len(fixed_tasks) + len(replicates_round) + len(threshold_tasks) + len(cross_tasks)
    results = run_tasks(
        replicates_round + threshold_tasks + cross_tasks,
        settings.workers,
        settings.engine_for(),
        steps.phase(),
    )
    cross_check = results.pop() if cross_tasks else None
    by_threshold = results[len(replicates_round) :]
    by_replicate: dict[tuple[str, str], list[StratumResult | None]] = {
        k: [None] * replicates for k in fixed
    }
    for result in results[: len(replicates_round)]:
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
    fixed_rows, _ = result_rows(list(fixed.values()), strata, settings, totals)
    pooled_rows, finest = result_rows(list(pooled.values()), strata, settings, totals)
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


def replicate_tasks(
    tasks: list[StratumTask],
    fixed: dict[tuple[str, str], StratumResult],
    starts: dict[tuple[str, str], dict],
    options: EstimateSettings,
    replicates: int,
) -> None:
    """Set each replicate task's LCMCR start and run: replicate r's chain c starts at the
    r-th state kept of the single clustering's chain c in the same stratum (`WarmStart.pick`:
    replicates start from different draws of that posterior), and runs `replicate_lcmcr`'s
    burn-in and length. An independent fit per replicate, so each samples its own table's
    posterior and the pool mixes over them (one chain moved through the tables averaged
    them instead: note 67). Where the single clustering's LCMCR did not run, the replicate
    runs cold with its share of the draws."""
    for task in tasks:
        key = _unprefixed(task)
        start = starts[key].get("lcmcr")
        if start is None or "lcmcr" not in task.options.methods:
            continue
        r = int(task.key.split(":", 1)[0].removeprefix(REPLICATE_PREFIX))
        fitted = _method(fixed[key], "lcmcr")
        lcmcr = replicate_lcmcr(options, task.options.lcmcr, fitted, start.sampler, replicates)
        task.options = replace(task.options, lcmcr=lcmcr)
        task.warm_starts = {"lcmcr": start.pick(r)}


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

        running = getattr(self.progress, "running", None)
        if running is not None:
            report.running = running  # the tasks being run (recount.estimate.strata.run_tasks)
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
    documented = [p.documented if p is not None else 0 for p in parts]
    methods = []
    for fitted in template.methods:  # by name: a pooled level has no hierarchical fit
        replicas = [_method(p, fitted.method) for p in parts]
        methods.append(_pool_method(fitted.method, replicas, documented, options, fitted))
    return StratumResult(
        key=template.key,
        values=template.values,
        level=template.level,
        documented=template.documented,
        lists=template.lists,
        reason=template.reason,
        positive_dependence=template.positive_dependence,
        methods=methods,
        imputed=template.imputed,
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
        draws = np.concatenate(rubin_spread(blocks))
        rhat, ess, disagree = replicate_diagnostics([replicas[i] for i in ok], template)
        short = ess is not None and ess < ESS_MINIMUM
        if disagree or short or "poor_convergence" in template.flags:
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


def rubin_spread(blocks: list[np.ndarray]) -> list[np.ndarray]:
    """The replicates' draws of N, their centres (mean log N) moved apart about their mean
    by sqrt((M + 1) / (M - 1)). The mixture of M replicates' posteriors has the variance
    W + (M - 1) / M B on the log scale (W the replicates' mean variance, B their centres'
    variance, ddof 1); Rubin's rules give T = W + (1 + 1/M) B, which also counts that M
    replicates estimate the clusterings' mean with error B / M. Moved so, the pooled draws
    have Rubin's T, as log-linear's pooled interval does."""
    if len(blocks) < 2:
        return blocks
    logs = [np.log(block) for block in blocks]
    centres = np.array([values.mean() for values in logs])
    mean = centres.mean()
    stretch = math.sqrt((len(blocks) + 1) / (len(blocks) - 1)) - 1
    return [
        np.exp(values + stretch * (centre - mean))
        for values, centre in zip(logs, centres, strict=True)
    ]


def replicate_diagnostics(
    replicas: list[MethodResult], template: MethodResult
) -> tuple[float | None, float | None, bool]:
    """R-hat and bulk ESS of N over the replicates' chains, and whether they disagree.

    Replicates differ by design (linkage), so each replicate's log N is compared within
    itself only. Its chains are short (a few effective draws each: together the
    replicates keep one fit's ESS), and chains that short read an R-hat far above
    RHAT_LIMIT even when they sample their table's posterior exactly (note 78), so the
    replicates' split R-hat is read against the single clustering's converged chains cut
    to the same length (`mcmc_diagnostics.rhat_against`): they disagree where their
    chains sit apart, mix or drift more than those do. ESS adds over the independent
    replicates. Without the single clustering's chains (a cold start, a fit shorter than
    the replicates), the plain split R-hat over all their chains, each replicate centred
    on its own mean, decides; replicates without chains give the root mean square of
    their R-hats; a method without chains (dga's exact draws) keeps the single
    clustering's figures."""
    ess = [m.ess for m in replicas if m.ess is not None and math.isfinite(m.ess)]
    chains = [m.chains for m in replicas if m.chains is not None]
    if ess and len(chains) == len(replicas):
        length = min(c.shape[1] for c in chains)
        logs = [np.log(c[:, :length]) for c in chains]
        reference = template.chains
        if reference is not None and reference.shape[1] >= length >= 4:
            rhat, disagree = mcmc_diagnostics.rhat_against(logs, np.log(reference))
            return rhat, float(sum(ess)), disagree
        centred = np.concatenate([values - values.mean() for values in logs])
        rhat = float(mcmc_diagnostics.rhat(centred))
        return rhat, float(sum(ess)), not rhat <= RHAT_LIMIT
    rhats = [m.rhat for m in replicas if m.rhat is not None and math.isfinite(m.rhat)]
    if not rhats:
        return template.rhat, template.ess, "poor_convergence" in template.flags
    rhat = float(math.sqrt(np.mean(np.square(rhats))))
    return rhat, float(sum(ess)), not rhat <= RHAT_LIMIT


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


def auto_linkage_draws(ws) -> int:
    """`linkage_draws = "auto"`: AUTO_LINKAGE_DRAWS where labels can calibrate the match
    probabilities (at least MIN_CALIBRATION_LABELS review labels or answered audit items),
    else 0. Uncalibrated, the draws follow the model wherever it errs: on lists that link
    badly (the simulator's sparse regime, seeds 3001-3002) Splink's probabilities of linked
    pairs in 0.5-0.8 were 65-67% where 85-87% were true, and the draws broke true links
    (note 100)."""
    from recount.estimate.linkage import MIN_CALIBRATION_LABELS
    from recount.review.audit import audit_results
    from recount.tables.views import effective_labels

    answered = audit_results(ws)
    found = len(effective_labels(ws)) + int((answered["answer"] != "unsure").sum())
    return AUTO_LINKAGE_DRAWS if found >= MIN_CALIBRATION_LABELS else 0


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
    persons = stage.stratum_persons(ws, settings, ids=True)
    lists = persons_lists(persons)
    record_person = ws.table("record_person", ["record_id", "source_id", "person_id"])
    pair_columns = ["record_id_l", "record_id_r", "match_probability"]
    if "guard" in ws.query("select * from pairs limit 0").columns:  # linked since 2026-12-06
        pair_columns.append("guard")
    pairs = ws.table("pairs", pair_columns)
    answered = audit_results(ws)
    evidence = audit_evidence(answered, record_person, pairs) if len(answered) else None
    current = link_threshold(ws)
    graph = build_graph(record_person, pairs, lists, effective_labels(ws), evidence, current)
    frame = stage.stratum_frame(persons, settings, lists)

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
