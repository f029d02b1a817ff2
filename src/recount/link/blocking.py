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


def pairs_per_rule(frame: pd.DataFrame, rules: list[str] | None = None) -> list[dict]:
    """How many pairs each rule adds beyond the rules before it (as Splink counts them)."""
    rules = rules or model.PREDICTION_BLOCKING_RULES
    con = duckdb.connect()
    try:
        con.register("records", frame)
        out, previous = [], []
        for rule in rules:
            exclude = "".join(f" and not coalesce(({p}), false)" for p in previous)
            count = con.execute(
                f"select count(*) from records l join records r on ({rule})"
                f" and l.unique_id < r.unique_id{exclude}"
            ).fetchone()[0]
            out.append({"rule": rule, "new_pairs": int(count)})
            previous.append(rule)
        return out
    finally:
        con.close()
