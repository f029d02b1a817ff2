"""The report's linkage-uncertainty figures: the total with and without linkage error, the
total against the link threshold, singleton shares beside what the error rates imply."""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

from recount.workspace import Workspace

WIDTH = 640


def headline_linkage(ws: Workspace, head: dict[str, Any]) -> dict[str, Any] | None:
    """The headline row's figures on the single clustering and the share of its interval
    that linkage accounts for, with the sentence the report says (None when not estimated)."""
    if head.get("estimate") is None or not ws.has_table("estimates"):
        return None
    columns = set(ws.query("select * from estimates limit 0").columns)
    if "linkage_share" not in columns:
        return None
    found = ws.query(
        """select fixed_estimate, fixed_lower, fixed_upper, linkage_share from estimates
           where level = ? and method = ? and status = 'ok' limit 1""",
        [head["level"], head["method"]],
    )
    if not len(found) or pd.isna(found["fixed_estimate"].iloc[0]):
        return None
    row = found.iloc[0]
    share = None if pd.isna(row["linkage_share"]) else float(row["linkage_share"])
    out = {
        "estimate": float(row["fixed_estimate"]),
        "lower": float(row["fixed_lower"]),
        "upper": float(row["fixed_upper"]),
        "share": share,
    }
    shift = head["estimate"] - out["estimate"]
    direction = "lower" if shift < 0 else "higher"
    out["sentence"] = (
        f"Linkage error accounts for {share:.0%} of the uncertainty in the estimated total: "
        f"over the plausible clusterings of the records the total is {abs(shift):,.0f} {direction} "
        f"than on the single clustering ({out['estimate']:,.0f}, 95% interval "
        f"{out['lower']:,.0f} to {out['upper']:,.0f})."
        if share is not None
        else ""
    )
    return out


def corrected_total(ws: Workspace, method: str | None) -> dict[str, Any] | None:
    """The cross-check: the method's total on the capture table corrected for the expected
    linkage errors."""
    if method is None or not ws.has_table("linkage_corrected"):
        return None
    found = ws.query(
        "select estimate, lower, upper, documented from linkage_corrected "
        "where method = ? and status = 'ok'",
        [method],
    )
    if not len(found):
        return None
    row = found.iloc[0]
    return {k: float(row[k]) for k in ("estimate", "lower", "upper", "documented")}


def singleton_table(ws: Workspace) -> pd.DataFrame | None:
    """Per list: its share of singletons beside what the linkage draws and the audit imply."""
    if not ws.has_table("linkage_singletons"):
        return None
    frame = ws.table("linkage_singletons")
    out = pd.DataFrame(
        {
            "list": frame["list"],
            "documented": frame["documented"],
            "on_this_list_only": frame["singleton_share"],
            "implied_by_the_error_rates": frame["implied_share"],
            "implied_range": [
                f"{lo:.1%} to {hi:.1%}"
                for lo, hi in zip(frame["implied_lower"], frame["implied_upper"], strict=True)
            ],
            "audited": frame["audited"],
            "audit_missed_share": frame["audit_missed_share"].astype(float),
        }
    )
    return out


def error_table(ws: Workspace) -> pd.DataFrame | None:
    """The expected missed and false links per pair of lists (model and audit)."""
    if not ws.has_table("linkage_errors"):
        return None
    frame = ws.table("linkage_errors")
    keep = [
        "list_a",
        "list_b",
        "basis",
        "linked_pairs",
        "audited",
        "expected_missed_links",
        "expected_false_links",
        "missed_link_rate",
        "false_link_rate",
    ]
    return frame[[c for c in keep if c in frame.columns]]


def sensitivity(ws: Workspace, method: str | None) -> pd.DataFrame | None:
    if not ws.has_table("linkage_sensitivity") or method is None:
        return None
    frame = ws.table("linkage_sensitivity")
    frame = frame[(frame["method"] == method) & (frame["status"] == "ok")]
    return frame if len(frame) else None


def threshold_chart(frame: pd.DataFrame) -> alt.LayerChart:
    """The estimated total (and documented people) against the link threshold."""
    data = frame.assign(
        estimate=frame["estimate"].astype(float),
        lower=frame["lower"].astype(float),
        upper=frame["upper"].astype(float),
        setting=frame["current"].map({True: "this workspace", False: "other threshold"}),
    )
    base = alt.Chart(data).encode(
        x=alt.X("threshold:Q", title="link threshold (match probability)")
    )
    band = base.mark_area(opacity=0.2, color="#4c78a8").encode(
        y=alt.Y("lower:Q", title="people", scale=alt.Scale(zero=False)), y2="upper:Q"
    )
    line = base.mark_line(point=True, color="#4c78a8").encode(
        y="estimate:Q",
        tooltip=["threshold", "estimate", "lower", "upper", "documented", "singleton_share"],
    )
    documented = base.mark_line(strokeDash=[4, 2], color="#54a24b").encode(y="documented:Q")
    current = (
        alt.Chart(data[data["current"]])
        .mark_rule(color="#e45756", strokeDash=[4, 2])
        .encode(x="threshold:Q")
    )
    return alt.layer(band, line, documented, current).properties(
        width=WIDTH,
        height=260,
        title="Estimated total (blue, 95% band) and documented people (green) by link threshold; red: this workspace's",
    )
