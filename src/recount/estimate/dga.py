"""Bayesian model averaging over decomposable graphical models (Madigan & York 1997; R's dga).

For each decomposable graph on the J lists, a hyper-Dirichlet prior (delta per
cell of the full 2^J table) gives the marginal likelihood of the completed
table in closed form: a product over cliques divided by one over separators.
Only the unobserved cell depends on N, so the posterior over N is computed
exactly on a grid, for every graph, and averaged with the graphs' posterior
weights. The prior on N is proportional to 1/N, as dga's default.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from scipy import special

from recount.errors import InputError
from recount.estimate.graphs import decomposable_graphs
from recount.estimate.patterns import all_patterns, full_table, to_arrays
from recount.estimate.protocol import ALPHA, check_alpha, summary_frame
from recount.settings.estimate import EstimateSettings

MIN_LISTS, MAX_LISTS = 3, 5
# Grid points for the posterior over the number missing; enough for quantiles to ~0.1%.
GRID_POINTS = 50_000


class DGA:
    """Model-averaged posterior of N over every decomposable graph of 3 to 5 lists.

    delta: the hyper-Dirichlet parameter per cell (default 2^-J, as dga suggests).
    max_missing: the grid's upper end for the number missing (default: found
    from the data so the posterior's far tail lies inside it).
    """

    def __init__(
        self,
        delta: float | None = None,
        max_missing: int | None = None,
        draws: int = EstimateSettings.draws,
        seed: int = EstimateSettings.seed,
    ):
        if delta is not None and delta <= 0:
            raise InputError("delta", "must be > 0")
        self.delta = delta
        self.max_missing = max_missing
        self.draws = draws
        self.seed = seed

    def fit(self, patterns: pd.DataFrame) -> DGA:
        arrays = to_arrays(patterns)
        J = arrays.n_lists
        if not MIN_LISTS <= J <= MAX_LISTS:
            raise InputError("patterns", f"dga averages graphs of 3 to 5 lists, got {J}")
        self.lists_ = arrays.lists
        self.n_observed_ = n = arrays.n_observed
        self.delta_ = self.delta if self.delta is not None else 2.0**-J
        self._graphs = decomposable_graphs(J)
        self._table = full_table(arrays).astype(float)
        self.missing_grid_ = self._support_grid()
        graph_mass, self.posterior_ = self._posterior(self.missing_grid_)
        self.model_weights_ = pd.DataFrame(
            {"graph": [g.name(self.lists_) for g in self._graphs], "weight": graph_mass}
        ).sort_values("weight", ascending=False, ignore_index=True)
        self.N_grid_ = n + self.missing_grid_
        self.N_ = self.quantile(0.5)
        rng = np.random.default_rng(self.seed)
        self.N_draws_ = self.sample(self.draws, rng)
        return self

    def _posterior(self, missing: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Posterior weight of each graph, and of each grid point averaged over graphs.
        One pass over the graphs: the sum is rescaled when a row peaks higher than any
        before it (each row costs as much as the rest of the fit together)."""
        peak = -math.inf
        graph_log_mass = np.empty(len(self._graphs))
        point_mass = np.zeros(len(missing))
        log_widths = np.log(_widths(missing))
        for i, row in enumerate(self._log_rows(missing)):
            row = row + log_widths  # a point weighs for every integer it stands for
            top = float(row.max())
            if top > peak:
                point_mass *= math.exp(peak - top)
                peak = top
            weights = np.exp(row - peak)
            with np.errstate(divide="ignore"):  # a graph far below the best weighs 0
                graph_log_mass[i] = np.log(weights.sum()) + peak
            point_mass += weights
        total = point_mass.sum()
        return np.exp(graph_log_mass - peak - math.log(total)), point_mass / total

    def _log_rows(self, missing: np.ndarray):
        """log p(graph, n0 | data) up to a constant, one grid row per graph (lazily)."""
        J, n, delta = len(self.lists_), self.n_observed_, self.delta_
        N = n + missing.astype(float)
        total_prior = delta * 2**J
        # Prior on N (1/N) and the multinomial coefficient N! / n0! of the completed table.
        base = -np.log(N) + special.gammaln(N + 1) - special.gammaln(missing + 1.0)
        normaliser = math.lgamma(total_prior) - special.gammaln(total_prior + N)
        cache: dict[frozenset[int], np.ndarray] = {}

        def term(members: frozenset[int]) -> np.ndarray:
            """Log Dirichlet-multinomial marginal likelihood of the table margin over `members`."""
            if members not in cache:
                alpha = delta * 2 ** (J - len(members))
                margin = _marginal(self._table, J, members)
                fixed = np.sum(special.gammaln(alpha + margin[1:])) - len(margin) * math.lgamma(
                    alpha
                )
                zero_cell = special.gammaln(alpha + margin[0] + missing)
                cache[members] = normaliser + fixed + zero_cell
            return cache[members]

        for graph in self._graphs:
            row = base.copy()
            for clique in graph.cliques:
                row += term(clique)
            for separator in graph.separators:
                if separator:  # an empty separator's margin is the total: its term is zero
                    row -= term(separator)
            yield row

    def _support_grid(self) -> np.ndarray:
        """Where the posterior of the number missing lives: a coarse scan, then a fine grid.

        The scan widens until the top of its range holds negligible mass (< 1e-9);
        the fine grid spans the central 1 - 2e-9 of that mass, every integer when it fits.
        """
        upper = self.max_missing or max(10 * self.n_observed_, 1000)
        for _ in range(12):
            coarse = _grid(0, upper, points=4000)
            _, mass = self._posterior(coarse)
            if self.max_missing or mass[-len(mass) // 20 :].sum() < 1e-9:
                break
            upper *= 4
        cdf = np.cumsum(mass)
        low_index = max(int(np.searchsorted(cdf, 1e-9)) - 1, 0)
        high_index = min(int(np.searchsorted(cdf, 1 - 1e-9)) + 1, len(coarse) - 1)
        return _grid(int(coarse[low_index]), int(coarse[high_index]))

    def quantile(self, q: float) -> float:
        cdf = np.cumsum(self.posterior_)
        return float(self.N_grid_[min(np.searchsorted(cdf, q), len(cdf) - 1)])

    def sample(self, size: int, rng: np.random.Generator) -> np.ndarray:
        """Draws of N from the exact posterior (so strata can be added draw by draw)."""
        return rng.choice(self.N_grid_, size=size, p=self.posterior_).astype(float)

    def interval(self, alpha: float = ALPHA) -> tuple[float, float]:
        """Equal-tailed (1 - alpha) interval of the exact posterior of N."""
        check_alpha(alpha)
        return self.quantile(alpha / 2), self.quantile(1 - alpha / 2)

    def summary(self, alpha: float = ALPHA) -> pd.DataFrame:
        """The protocol's row; `model` names the top graph and its posterior weight."""
        top = self.model_weights_.iloc[0]
        label = f"{top['graph']} ({top['weight']:.0%})"
        return summary_frame("dga", self.N_, self.interval(alpha), self.n_observed_, label)

    def flags(self) -> list[str]:
        return []


def _grid(low: int, high: int, points: int = GRID_POINTS) -> np.ndarray:
    """Integer grid from low to high: every integer when it fits in `points`, else every
    integer for half the points and geometric steps on to `high`. A posterior's bulk lies
    near the low end of its support; the complete graph's tail (like n0^(delta-2)) runs
    to 10^8 and more, and evenly spaced points ~1,000 apart stepped over the bulk."""
    if high - low + 1 <= points:
        return np.arange(low, high + 1, dtype=float)
    dense = points // 2
    tail = np.round(np.geomspace(low + dense, high, points - dense))
    return np.unique(np.concatenate([np.arange(low, low + dense, dtype=float), tail]))


def _widths(grid: np.ndarray) -> np.ndarray:
    """How many integers each grid point stands for: from midway to each neighbour (1 each
    where the grid takes every integer, so such a grid sums the posterior exactly)."""
    edges = np.concatenate([[grid[0] - 0.5], (grid[1:] + grid[:-1]) / 2, [grid[-1] + 0.5]])
    return np.diff(edges)


def _marginal(table: np.ndarray, J: int, members: frozenset[int]) -> np.ndarray:
    """Counts of the marginal table over `members`; index 0 is the all-absent cell."""
    patterns = all_patterns(J)
    keep = sorted(members)
    weights = 1 << np.arange(len(keep) - 1, -1, -1)
    index = patterns[:, keep].astype(np.int64) @ weights
    return np.bincount(index, weights=table, minlength=1 << len(keep))
