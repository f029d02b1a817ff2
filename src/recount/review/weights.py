"""A pair's weight breakdown: how much each comparison pushed towards match or non-match."""

from __future__ import annotations

import math
from typing import Any

import duckdb

from recount.review import store
from recount.workspace import Workspace


def _number(value: Any) -> float | None:
    if value is None:
        return None
    number = float(value)
    return None if math.isnan(number) else number


def breakdown_from_pairs(
    con: duckdb.DuckDBPyConnection, record_id_l: str, record_id_r: str
) -> dict[str, Any] | None:
    """Per comparison: its level (gamma) and match weight, from the `pairs` row.

    Splink 5 writes `gamma_<comparison>` and `mw_<comparison>` when the link
    stage keeps them; None when the row or those columns are missing.
    """
    left, right = store.ordered_pair(record_id_l, record_id_r)
    if "pairs" not in store.existing_tables(con):
        return None
    cursor = con.execute(
        """select * from pairs
           where (record_id_l = ? and record_id_r = ?) or (record_id_l = ? and record_id_r = ?)
           limit 1""",
        [left, right, right, left],
    )
    row = cursor.fetchone()
    if row is None:
        return None
    values = dict(zip([d[0] for d in cursor.description], row, strict=True))
    comparisons = sorted(
        {c[len("mw_") :] for c in values if c.startswith("mw_")}
        | {c[len("gamma_") :] for c in values if c.startswith("gamma_")}
    )
    if not comparisons:
        return None
    return {
        "source": "pairs",
        "match_weight": _number(values.get("match_weight")),
        "match_probability": _number(values.get("match_probability")),
        "comparisons": [
            {
                "comparison": name,
                "level": _number(values.get(f"gamma_{name}")),
                "match_weight": _number(values.get(f"mw_{name}")),
            }
            for name in comparisons
        ],
    }


def breakdown_from_link(ws: Workspace, record_id_l: str, record_id_r: str) -> dict[str, Any]:
    """Asks recount.link's `explain_pair` (which rescores the pair with the saved model).

    Call with the server's connection released: it opens the workspace itself.
    """
    from recount.link.explain import explain_pair

    left, right = store.ordered_pair(record_id_l, record_id_r)
    explanation = explain_pair(ws, left, right)
    return {
        "source": "recount.link.explain_pair",
        "match_weight": _number(explanation.match_weight),
        "match_probability": _number(explanation.match_probability),
        "comparisons": [
            {
                "comparison": str(row["comparison"]),
                "level": str(row["level"]),
                "match_weight": _number(row["weight"]),
            }
            for row in explanation.comparisons.to_dict("records")
        ],
    }
