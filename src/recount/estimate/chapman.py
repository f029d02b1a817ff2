"""Chapman's two-list estimator: valid only when the two lists are independent.

N = (n1 + 1)(n2 + 1) / (m + 1) - 1, with Seber's variance and Chao's (1987)
log-normal interval, which never falls below the number observed. Positive
dependence between the lists (the usual case for casualty lists) biases it low.
"""

from __future__ import annotations

import math

import pandas as pd
from scipy import stats

from recount.errors import InputError
from recount.estimate.patterns import to_arrays
from recount.estimate.protocol import ALPHA, check_alpha, summary_frame

ASSUMPTION = "assumes the two lists are independent"
# Flags of every Chapman row; the second when the table had no third list to check it by.
FLAGS = ("assumes_independence", "independence_untestable")


class Chapman:
    """Two-list estimate of N. `lists` picks two columns of a wider table (a person
    counts as on a list when that list's column is 1; the other lists are ignored)."""

    def __init__(self, lists: tuple[str, str] | None = None):
        self.lists = lists

    def fit(self, patterns: pd.DataFrame) -> Chapman:
        arrays = to_arrays(patterns)
        names = list(arrays.lists)
        chosen = list(self.lists) if self.lists else names
        if len(chosen) != 2:
            raise InputError(
                "patterns", f"Chapman's estimator needs exactly two lists, got {len(chosen)}"
            )
        unknown = [c for c in chosen if c not in names]
        if unknown:
            raise InputError("patterns", f"no list {unknown[0]!r}")
        first, second = (arrays.X[:, names.index(c)].astype(bool) for c in chosen)
        counts = arrays.counts
        self.lists_ = tuple(chosen)
        self.untestable_ = len(names) == 2
        self.n1_ = int(counts[first].sum())
        self.n2_ = int(counts[second].sum())
        self.m_ = int(counts[first & second].sum())
        self.n_observed_ = int(counts[first | second].sum())
        n1, n2, m = self.n1_, self.n2_, self.m_
        self.N_ = (n1 + 1) * (n2 + 1) / (m + 1) - 1
        self.variance_ = (n1 + 1) * (n2 + 1) * (n1 - m) * (n2 - m) / ((m + 1) ** 2 * (m + 2))
        self.assumption_ = ASSUMPTION
        return self

    def interval(self, alpha: float = ALPHA) -> tuple[float, float]:
        """Chao's log-normal interval: n + f0 / C to n + f0 * C, f0 the estimated number missing."""
        check_alpha(alpha)
        missing = self.N_ - self.n_observed_
        if missing <= 0 or self.variance_ <= 0:
            return float(self.N_), float(self.N_)
        z = stats.norm.ppf(1 - alpha / 2)
        spread = math.exp(z * math.sqrt(math.log(1 + self.variance_ / missing**2)))
        return self.n_observed_ + missing / spread, self.n_observed_ + missing * spread

    def summary(self, alpha: float = ALPHA) -> pd.DataFrame:
        """The protocol's row (the standard error is sqrt(`variance_`))."""
        interval = self.interval(alpha)
        return summary_frame("chapman", self.N_, interval, self.n_observed_, "independence")

    def flags(self) -> list[str]:
        """Independence assumed always; untestable when the table holds only these two
        lists (a third could show dependence; two cannot)."""
        return list(FLAGS) if self.untestable_ else list(FLAGS[:1])
