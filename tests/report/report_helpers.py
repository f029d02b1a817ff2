"""Changes to a report test workspace that more than one test file makes."""

from __future__ import annotations

from recount.estimate.preferred import TOTAL_LEVELS, mark_preferred
from recount.estimate.sensitivity import UNBOUNDED_FLAG, sampler_bound
from recount.workspace import Workspace


def with_open_refit(ws: Workspace, upper_share_of_bound: float) -> float:
    """Give the preferred total a refit under the open capture prior whose upper end is this
    share of the sampler's bound, flagged lists_do_not_bound_above; returns the bound."""
    estimates = ws.table("estimates")
    total = mark_preferred(estimates) & estimates["level"].isin(TOTAL_LEVELS)
    row = estimates[total].iloc[0]
    bound = sampler_bound(row["documented"])
    estimates.loc[total, ["sensitivity_estimate", "sensitivity_lower", "sensitivity_upper"]] = (
        row["estimate"] * 1.2,
        row["lower"],
        upper_share_of_bound * bound,
    )
    estimates.loc[total, "flag"] = UNBOUNDED_FLAG
    ws.write_table("estimates", estimates)
    return bound
