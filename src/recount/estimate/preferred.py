"""Which row is "the" estimate of a scope: one rule, marked by the stage, read by every stage.

A scope is a level without its `_pooled` suffix and the strata's values (the total; one
governorate; one governorate in one year...). Among a scope's usable rows (status ok, an
estimate and both ends of the interval), the `preferred` one is:

1. of the first method in `PREFERENCE` that has one: the hierarchical model, whose
   levels are one posterior, then per-stratum LCMCR, dga, log-linear, Chapman;
2. at the level itself (the sum over strata, or the stratum), unless that sum adds
   strata that could not be estimated at their documented count (flag
   `includes_not_estimable_strata`: a floor, not an estimate) and the same method's
   directly pooled row exists, which is then preferred; a floor of under
   `NEGLIGIBLE_FLOOR` of the level's documented people (5 people dated a week into the
   year before the war, note 83) does not make the sum a floor.

The report's headline and figures and the claims check read this mark; nothing else
chooses.
"""

from __future__ import annotations

import pandas as pd

from recount.tables import POOLED_SUFFIX, TABLES, is_pooled, pooled_level

PREFERENCE = ("hlcmcr", "lcmcr", "dga", "loglinear", "chapman")
PREFERRED = "preferred"
# The levels that hold the whole total: per stratum summed, and the pooled table.
TOTAL_LEVELS = ("total", pooled_level("total"))
FLOOR_FLAG = "includes_not_estimable_strata"
# Below this share of a level's documented people, strata added at their documented count
# move the sum less than its interval: the sum stays preferred (the pooled table, estimated
# across strata that differ, was +60% against the sum's +35% where it took over, note 83).
NEGLIGIBLE_FLOOR = 0.01


def scope_columns(estimates: pd.DataFrame) -> list[str]:
    """The strata columns of an `estimates` frame (every column the table does not declare)."""
    return TABLES["estimates"].family_columns(list(estimates.columns))


def mark_preferred(estimates: pd.DataFrame) -> pd.Series:
    """A boolean Series (same index): True on exactly one row of every scope that has a
    usable row, False elsewhere."""
    marked = pd.Series(False, index=estimates.index, name=PREFERRED)
    if estimates.empty:
        return marked
    usable = estimates[
        (estimates["status"].fillna("ok") == "ok")
        & estimates["estimate"].notna()
        & estimates["lower"].notna()
        & estimates["upper"].notna()
    ]
    scope = scope_columns(estimates)
    base = usable["level"].astype(str).str.removesuffix(POOLED_SUFFIX).rename("_base")
    keys = [base] + [usable[c].astype("object").where(usable[c].notna(), None) for c in scope]
    strata = estimates[(estimates["level"] == "stratum") & (estimates["status"] != "ok")]
    for _, rows in usable.groupby(keys, dropna=False, sort=False):
        marked.loc[_choose(rows, strata, scope)] = True
    return marked


def _floor_share(summed: pd.Series, strata: pd.DataFrame, scope: list[str]) -> float | None:
    """Share of a summed row's documented people in the strata it added at their documented
    count (None when the table does not show them)."""
    added = strata[strata["method"] == summed["method"]]
    for column in scope:
        if pd.notna(summed[column]):
            added = added[added[column] == summed[column]]
    if added.empty or not summed["documented"]:
        return None
    return float(added["documented"].sum()) / float(summed["documented"])


def _choose(rows: pd.DataFrame, strata: pd.DataFrame, scope: list[str]):
    rank = {method: i for i, method in enumerate(PREFERENCE)}
    method = min(rows["method"], key=lambda m: rank.get(m, len(rank)))
    own = rows[rows["method"] == method]
    pooled_rows = own["level"].astype(str).map(is_pooled)
    pooled, summed = own[pooled_rows], own[~pooled_rows]
    if summed.empty:
        return pooled.index[0]
    flag = summed["flag"].iloc[0]
    is_floor = FLOOR_FLAG in ("" if pd.isna(flag) else str(flag)).split(";")
    if is_floor:
        share = _floor_share(summed.iloc[0], strata, scope)
        is_floor = share is None or share >= NEGLIGIBLE_FLOOR
    if is_floor and not pooled.empty:
        return pooled.index[0]
    return summed.index[0]


def preferred_rows(estimates: pd.DataFrame) -> pd.DataFrame:
    """The preferred rows of an `estimates` frame (marked by the stage; computed by the
    same rule when a table written before the mark existed lacks it, or leaves it empty)."""
    if PREFERRED in estimates.columns and estimates[PREFERRED].notna().any():
        return estimates[estimates[PREFERRED].fillna(False).astype(bool)]
    return estimates[mark_preferred(estimates)]
