"""What every estimator offers (the lifelines style, one protocol for all methods).

- `fit(patterns)` returns the estimator; learned values end in `_` (`N_` the point
  estimate or posterior median, `n_observed_` the people documented, `N_draws_` the
  posterior draws of the Bayesian methods);
- `interval(alpha=ALPHA)` is the (1 - alpha) interval of N as (lower, upper);
- `summary(alpha=ALPHA)` is a one-row DataFrame with exactly `SUMMARY_COLUMNS` (`rhat`
  and `ess` are NaN for methods that are not MCMC; `model` says what was fitted);
- `flags()` lists what the stage should flag about this fit (see docs/estimate.md).
"""

from __future__ import annotations

import math

import pandas as pd
from scipy.special import ndtri

from recount.errors import ConfigError

# The default 1 - 95% of every interval (the estimators' and the stage's).
ALPHA = 0.05
TAILS = (ALPHA / 2, 1 - ALPHA / 2)  # the interval's ends as quantiles
Z95 = float(ndtri(TAILS[1]))  # 1.96: the normal quantile of the interval's upper end
SUMMARY_COLUMNS = ["method", "estimate", "lower", "upper", "observed", "rhat", "ess", "model"]


def check_alpha(alpha: float) -> None:
    if not (isinstance(alpha, int | float) and 0 < alpha < 1):
        raise ConfigError("alpha", f"must be between 0 and 1, got {alpha!r}")


def summary_frame(
    method: str,
    estimate: float,
    interval: tuple[float, float],
    observed: int,
    model: str,
    rhat: float = math.nan,
    ess: float = math.nan,
) -> pd.DataFrame:
    """The one-row summary every estimator returns."""
    lower, upper = interval
    return pd.DataFrame(
        [[method, float(estimate), float(lower), float(upper), int(observed), rhat, ess, model]],
        columns=SUMMARY_COLUMNS,
    )
