"""The headline total in words: the preferred total, what its flags mean for a reader, or
why there is none. One wording, said by the report and after `recount run` and
`recount estimate`.
"""

from __future__ import annotations

import pandas as pd

from recount.estimate.preferred import PREFERENCE, TOTAL_LEVELS, preferred_rows
from recount.estimate.sensitivity import BOUND_FACTOR, BOUND_SHARE, UNBOUNDED_FLAG, sampler_bound
from recount.settings.estimate import ESS_MINIMUM, GIBBS_RUN_ON_LIMIT, RHAT_LIMIT, RUN_ON_LIMIT

# What a flag on the headline total means for a reader, said beside the figure.
HEADLINE_CAUTIONS = {
    "poor_convergence": (
        "The sampler's chains behind this figure have not converged (R-hat of the estimated "
        f"total above {RHAT_LIMIT} or fewer than {ESS_MINIMUM} effective draws), so neither the "
        "figure nor its interval can be trusted yet. Unless `draws` is set, the chains ran on "
        f"until their cap ({RUN_ON_LIMIT} times the default run for NUTS, {GIBBS_RUN_ON_LIMIT} "
        "times its CPU time for the Gibbs sweeps), or stopped sooner where each "
        "chain had mixed alone but the chains still disagreed. To run longer, raise max_sweeps "
        "under [estimate.lcmcr] in recount.toml (or set ess_target = 1000 there) and run "
        "`recount estimate` again. On some tables the chains crawl, or sit in separate modes, "
        "beyond what a longer run mends (docs/lcmcr.md, Known limits)."
    ),
    "includes_poor_convergence_strata": (
        "This total adds strata whose sampler's chains have not converged (flagged "
        "poor_convergence in `recount export estimates`), so the figure and its interval "
        "carry their doubt: run longer as for poor_convergence, or compare the pooled table."
    ),
    "truncation_binds": (
        "LCMCR's latent classes are all in use: the lists' dependence asks for more classes "
        "than its truncation K allows (a default run already doubled K up to max_K under "
        "[estimate.lcmcr]), and at this K its chains can settle in configurations that "
        "disagree. Raise K under [estimate] in recount.toml (twice as many classes) and run "
        "`recount estimate` again; it costs more time (docs/lcmcr.md, Known limits)."
    ),
    "methods_disagree": (
        "The estimation methods disagree beyond their intervals for this total: the data "
        "support more than one answer. Compare them in the report's estimation diagnostics "
        "(section 6) or in `recount export estimates -o estimates.csv`."
    ),
    "strong_list_dependence": (
        "The lists depend on each other strongly (a selected log-linear interaction with "
        "|log odds ratio| of 1 or more), which the models may not absorb."
    ),
    "saturated_model": (
        "dga's weight lies on the model joining every list, which fits any overlaps: the "
        "lists cannot tell how many people they missed, and the interval's upper end follows "
        "the prior. Read LCMCR's figure beside it, or add a list."
    ),
    "strata_sum_disagrees_with_pooled": (
        "The sum over strata and the pooled estimate do not overlap: capture differs "
        "between strata, or some strata are estimated poorly."
    ),
    "independence_untestable": (
        "Only two lists: this is Chapman's (Lincoln-Petersen) estimate, which assumes the two "
        "lists are independent. With two lists that cannot be checked, and positive dependence "
        "(the same deaths more likely to reach both lists, the usual case) biases it low. "
        "A third list would allow models of the dependence (lcmcr, loglinear, dga)."
    ),
}


def sensitivity_sentence(row: pd.Series) -> str | None:
    """What the lists leave open above the total (recount.estimate.sensitivity), in a sentence;
    None where the row has no refit under the open capture prior."""
    if pd.isna(row.get("sensitivity_upper", pd.NA)):
        return None
    flags = str(row["flag"]).split(";") if pd.notna(row["flag"]) else []
    upper, opened = float(row["upper"]), float(row["sensitivity_upper"])
    refit = (
        f"refitted under a capture prior that admits people the lists barely reach, the total is "
        f"{row['sensitivity_estimate']:,.0f} (95% interval {row['sensitivity_lower']:,.0f} to "
        f"{opened:,.0f})"
    )
    if UNBOUNDED_FLAG not in flags:
        return (
            f"The lists fix a lower bound and here bound the total above too: {refit}, an upper "
            f"end {opened / upper:.1f} times the one above."
        )
    bound = sampler_bound(row["documented"])
    reach = (
        f", running into the sampler's bound ({bound:,.0f}, {BOUND_FACTOR} times the documented)"
        if opened >= BOUND_SHARE * bound
        else ""
    )
    return (
        f"The lists fix a lower bound, not an upper one: {refit}, an upper end "
        f"{opened / upper:.1f} times the one above{reach}. The interval above rests on the default "
        "capture prior (R's LCMCR's), not on the lists alone: people whom no list nearly ever "
        "reaches leave no trace in their overlaps."
    )


def headline_cautions(flag: object) -> list[str]:
    """The cautions of a row's `flag` (';'-joined names), in HEADLINE_CAUTIONS' order."""
    flags = set(filter(None, str(flag if pd.notna(flag) else "").split(";")))
    return [text for name, text in HEADLINE_CAUTIONS.items() if name in flags]


def preferred_total(estimates: pd.DataFrame) -> pd.Series | None:
    """The preferred total row (summed over strata or pooled), or None."""
    rows = preferred_rows(estimates)
    rows = rows[rows["level"].isin(TOTAL_LEVELS)]
    return None if rows.empty else rows.iloc[0]


def no_estimate_reason(estimates: pd.DataFrame) -> str:
    """Why no total could be estimated: the reason of the most preferred method's total (the
    pooled table's, which says what is wrong, before the sum's)."""
    totals = estimates[estimates["level"].isin(TOTAL_LEVELS) & estimates["reason"].notna()]
    if totals.empty:
        return "no stratum could be estimated; each one's reason is in the report's estimation diagnostics"
    rank = {m: i for i, m in enumerate(PREFERENCE)}
    order = totals.assign(
        _method=totals["method"].map(lambda m: rank.get(m, len(rank))),
        _summed=totals["level"] == "total",
    ).sort_values(["_method", "_summed"], kind="stable")
    row = order.iloc[0]
    if totals["reason"].nunique() == 1:  # the same for every method (one list): say it once
        return str(row["reason"])
    return f"{row['method']}: {row['reason']}"


def headline_text(estimates: pd.DataFrame) -> list[str]:
    """The total in a sentence with what the lists leave open above it, then its cautions,
    or why there is none (numbers only, no name)."""
    documented = int(estimates["documented"].max()) if len(estimates) else 0
    row = preferred_total(estimates)
    if row is None:
        return [
            f"No estimate of the total ({documented:,} documented people): "
            + no_estimate_reason(estimates)
        ]
    how = "summed over strata" if row["level"] == "total" else "one pooled table"
    if pd.notna(row["rhat"]) and pd.notna(row["ess"]):
        how += f", R-hat {row['rhat']:.3f}, ESS {row['ess']:,.0f}"
    sensitivity = sensitivity_sentence(row)
    return [
        f"Estimated total: {row['estimate']:,.0f} (95% interval {row['lower']:,.0f} to "
        f"{row['upper']:,.0f}; {row['method']}, {how}); {documented:,} documented people."
        + (f" {sensitivity}" if sensitivity else ""),
        *headline_cautions(row["flag"]),
    ]
