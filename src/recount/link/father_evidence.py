"""Which scored pairs the father guard leaves to the model's own weighing of the fathers.

The guard refuses two records whose fathers' names clearly differ. Some of them are one
person whose lists spell the father two ways; others are cousins named after one
grandfather. The model compares the fathers (`comparisons.one_name`) and learns from the
workspace how often each level holds one person's records: where a pair reached the
threshold and its fathers sit at a level the model learnt as evidence for one person (a
match weight of zero or more), the score has weighed them and the guard gives way. Where the
level weighs against (fathers the model reads as another name), or no score joins the two
records, the guard stands: on lists where relatives are dense, EM's match class takes in
cousins and under-weighs differing fathers (the `mixed` world: 135 false joins for 18 true,
note 218), so the guard is kept where that evidence is short.
"""

from __future__ import annotations

import math
from typing import Any

import duckdb
import numpy as np
import pandas as pd

from recount.link import comparisons as cmp

FATHER = "father"


def weighed_fathers(
    linkable: pd.DataFrame, left: np.ndarray, right: np.ndarray, settings: dict[str, Any]
) -> np.ndarray | None:
    """The pairs (left[k], right[k]), as a * n + b with a < b, whose fathers' level the trained
    `settings` weigh at zero or more; None where the model does not compare fathers."""
    trained = next((c for c in settings["comparisons"] if c["output_column_name"] == FATHER), None)
    if trained is None:
        return None
    weights = {
        level["label_for_charts"]: math.log2(level["m_probability"] / level["u_probability"])
        for level in trained["comparison_levels"]
        if not level.get("is_null_level")
        and level.get("m_probability")
        and level.get("u_probability")
    }
    kept = [label for label, weight in weights.items() if weight >= 0]
    n = len(linkable)
    if not kept or not len(left):
        return np.zeros(0, dtype=np.int64)
    weighed = np.isin(father_levels(linkable, left, right), kept)
    a, b = left[weighed], right[weighed]
    return np.minimum(a, b).astype(np.int64) * n + np.maximum(a, b)


def father_levels(linkable: pd.DataFrame, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Each pair's level of the father comparison (its label; 'null' where it says nothing),
    read by the comparison's own SQL in DuckDB whatever the engine."""
    comparison = cmp.one_name(cmp.Dialect("duckdb"), FATHER, cmp.NAME_SLOTS[FATHER])
    cases = " ".join(
        f"when {level['sql_condition']} then '{level['label_for_charts']}'"
        for level in comparison["comparison_levels"]
        if level["sql_condition"] != "ELSE"
    )
    other = comparison["comparison_levels"][-1]["label_for_charts"]
    side = linkable[["father_key", "tokens"]].reset_index(drop=True)
    pairs = pd.concat(
        [
            side.iloc[left].add_suffix("_l").reset_index(drop=True),
            side.iloc[right].add_suffix("_r").reset_index(drop=True),
        ],
        axis=1,
    )
    con = duckdb.connect()
    try:
        con.register("pairs", pairs)
        found = con.sql(f"select case {cases} else '{other}' end as level from pairs").df()
    finally:
        con.close()
    return found["level"].to_numpy(dtype=object)
