"""What the report shows about claims: each claim with its verdict, in one table."""

from __future__ import annotations

from typing import Any

import pandas as pd

from recount.claims.check import VERDICTS, check_frame, workspace_evidence

REPORT_COLUMNS = [
    "claim_id", "date", "outlet", "claimant", "claim", "measure", "population", "place",
    "period", "context", "verdict", "reason", "documented", "estimate", "lower", "upper",
    "sentence", "source",
]  # fmt: skip


def claims_for_report(ws: Any) -> pd.DataFrame:
    """Every claim in the ledger with its verdict, verdicts grouped, newest first within each.

    Uses `claim_checks` when it is current for every claim; otherwise checks
    in memory (the report never writes the workspace).
    """
    if not ws.has_table("claims"):
        return pd.DataFrame(columns=REPORT_COLUMNS)
    claims = ws.table("claims")
    if claims.empty:
        return pd.DataFrame(columns=REPORT_COLUMNS)
    checks = ws.table("claim_checks") if ws.has_table("claim_checks") else None
    if checks is None or set(checks["claim_id"]) != set(claims["claim_id"]):
        checks = check_frame(claims, workspace_evidence(ws))
    merged = claims.merge(
        checks[["claim_id", "verdict", "reason", "documented", "estimate", "lower", "upper"]],
        on="claim_id",
        how="left",
    )
    merged["claim"] = [_claim_words(row) for row in merged.to_dict("records")]
    order = {v: i for i, v in enumerate(VERDICTS)}
    merged["_order"] = merged["verdict"].map(order)
    merged = merged.sort_values(
        ["_order", "date", "claim_id"], ascending=[True, False, True], na_position="last"
    )
    return merged[REPORT_COLUMNS].reset_index(drop=True)


def _claim_words(row: dict) -> str:
    """'more than 300,000 killed (civilians)': the claim as a short phrase."""
    population = row.get("population") or "all"
    who = "" if population == "all" else f" ({population})"
    return f"{row.get('quantity_text')} {row.get('measure')}{who}"
