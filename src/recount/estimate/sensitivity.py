"""What the lists leave open above the headline total: the same total refitted under a
capture prior that admits people the lists barely reach.

Multiple systems estimation learns about people no list recorded from the people the lists
share. People whom no list nearly ever reaches leave no trace there: on tables drawn from
LCMCR's own model, the likelihood of N has a floor (about 0.9 N) and no ceiling, and where
the interval ends above is the capture prior's choice (docs/benchmarks.md, note 104). The
stage therefore refits the preferred total, when LCMCR's or HLCMCR's, by LCMCR on the pooled
table of every documented person under Beta(`sensitivity_a_lambda`, `sensitivity_b_lambda`)
([estimate]), and writes that fit's median and interval beside it (`sensitivity_*`). Where
that prior moves the upper end to OPEN_RATIO times the headline's or more, the row is
flagged `lists_do_not_bound_above`: the lists fix a lower bound, not an upper one; the
headline's upper end is the default prior's choice. Measured (docs/benchmarks.md note 116):
8 or 6 lists that reach everyone at 0.35-0.5 move it 1.0-1.3 times; the simulator's 6-list
world 1.6-2.5 times, Kosovo's 4 lists 3.6 times, 3 or 4 lists with a group they barely
reach 3-14 times, up to the sampler's bound.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from recount.estimate._lcmcr_sampler import SUPPORT_FACTOR
from recount.estimate.patterns import COUNT, capture_histories
from recount.estimate.preferred import PREFERRED, TOTAL_LEVELS
from recount.estimate.strata import StratumTask, run_stratum, stratum_key
from recount.settings import EstimateSettings
from recount.tables import pooled_level

SENSITIVITY_METHODS = ("lcmcr", "hlcmcr")  # the methods with a capture prior
COLUMNS = ("sensitivity_estimate", "sensitivity_lower", "sensitivity_upper")
UNBOUNDED_FLAG = "lists_do_not_bound_above"
# The refit's upper end at or above this many times the headline's: the upper end is the
# capture prior's choice, not the lists' (8 lists that reach everyone: 1.0-1.06; 3 lists
# with a half they barely reach: 2.8-11, note 116).
OPEN_RATIO = 2.0
# ... and at or above this share of the sampler's bound on N (BOUND_FACTOR n): it runs into
# the bound, which then ends it.
BOUND_SHARE = 0.5
# [estimate.lcmcr] max_sweeps below any run's length: the refit's chains stop after their run.
NO_RUN_ON = 1


# The largest N the LCMCR samplers draw, over n: n documented plus at most SUPPORT_FACTOR n unseen.
BOUND_FACTOR = 1 + SUPPORT_FACTOR


def sampler_bound(documented: float) -> float:
    """The largest N the LCMCR samplers draw (BOUND_FACTOR n)."""
    return BOUND_FACTOR * documented


def add_prior_sensitivity(
    estimates: pd.DataFrame, frame: pd.DataFrame, lists: list[str], settings: EstimateSettings
) -> pd.DataFrame:
    """`estimates` with the `sensitivity_*` columns: on the preferred total row, when its
    method has a capture prior and `prior_sensitivity` is on, LCMCR's refit of the pooled
    table of `frame` (persons with in_<list> columns) under the sensitivity prior; empty
    elsewhere. Flags that row `lists_do_not_bound_above` where the refit's upper end is
    OPEN_RATIO times the row's or more."""
    out = estimates.copy()
    for column in COLUMNS:
        out[column] = pd.Series(pd.NA, index=out.index, dtype="Float64")
    if not settings.prior_sensitivity or PREFERRED not in out.columns:
        return out
    rows = out[out[PREFERRED].fillna(False).astype(bool) & out["level"].isin(TOTAL_LEVELS)]
    if rows.empty or rows["method"].iloc[0] not in SENSITIVITY_METHODS:
        return out
    fit = refit_total(frame, lists, settings)
    if fit is None:
        return out
    index = rows.index[0]
    for column, value in zip(COLUMNS, fit, strict=True):
        out.loc[index, column] = value
    if fit[2] >= OPEN_RATIO * out.loc[index, "upper"]:
        flag = out.loc[index, "flag"]
        flags = [] if pd.isna(flag) else [f for f in str(flag).split(";") if f]
        out.loc[index, "flag"] = ";".join([*flags, UNBOUNDED_FLAG])
    return out


def refit_total(
    frame: pd.DataFrame, lists: list[str], settings: EstimateSettings
) -> tuple[float, float, float] | None:
    """LCMCR on the pooled table of every documented person under the sensitivity prior,
    with the pooled total's seed (the same stratum key) and its chains on `workers` threads
    unless [estimate.lcmcr] n_jobs says otherwise (it runs alone, after the strata). The
    chosen sampler's run, not run on (NO_RUN_ON): under a prior that admits people the lists
    barely reach the chains crawl along N (Kosovo: 58 CPU-s run on, against 16 s under R's
    prior), and the figure is read against the headline and the bound, not as a second
    headline. Returns (median, lower, upper), or None where the table cannot be estimated."""
    histories = capture_histories(frame, [], lists)
    key = stratum_key({})
    if settings.strata:
        key = f"{pooled_level('total')}:{key}"
    lcmcr = replace(
        settings.lcmcr,
        a_lambda=settings.sensitivity_a_lambda,
        b_lambda=settings.sensitivity_b_lambda,
        n_jobs=settings.lcmcr.n_jobs or settings.workers,
        max_sweeps=NO_RUN_ON,
    )
    options = replace(settings, methods=("lcmcr",), lcmcr=lcmcr)
    task = StratumTask(
        key=key,
        values={},
        level=pooled_level("total"),
        patterns=histories[lists + [COUNT]],
        options=options,
    )
    result = run_stratum(task).methods[0]
    if result.status != "ok" or result.estimate is None:
        return None
    return float(result.estimate), float(result.lower), float(result.upper)
