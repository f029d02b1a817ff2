"""Candidate pairs of the blocking rules, to measure how many true pairs blocking keeps."""

from __future__ import annotations

import duckdb
import pandas as pd

from recount.link import model


def blocked_pairs(frame: pd.DataFrame, rules: list[str] | None = None) -> pd.DataFrame:
    """Distinct (unique_id_l, unique_id_r) pairs, l < r, that any rule generates."""
    rules = rules or model.PREDICTION_BLOCKING_RULES
    con = duckdb.connect()
    try:
        con.register("records", frame)
        selects = [
            f"select l.unique_id as unique_id_l, r.unique_id as unique_id_r"
            f" from records l join records r on ({rule}) and l.unique_id < r.unique_id"
            for rule in rules
        ]
        return con.execute(" union ".join(selects)).df()
    finally:
        con.close()
