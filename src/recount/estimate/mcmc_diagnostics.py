"""Convergence diagnostics for MCMC draws: split R-hat and effective sample size.

Rank-normalised split R-hat and bulk/tail effective sample size follow Vehtari,
Gelman, Simpson, Carpenter and Bürkner (2021), "Rank-normalization, folding, and
localization: an improved R-hat for assessing convergence of MCMC", *Bayesian
Analysis* 16(2); the autocorrelation sum uses Geyer's initial monotone sequence,
as Stan and ArviZ do. Every function takes draws shaped (chains, draws); a 1-D
array is one chain.
"""

from __future__ import annotations

import numpy as np
from scipy import stats

from recount.settings.estimate import ESS_MINIMUM, EXCESS_SIGNIFICANCE, RHAT_LIMIT

__all__ = [
    "converged",
    "ess_basic",
    "ess_bulk",
    "ess_tail",
    "rhat",
    "rhat_against",
    "rhat_basic",
    "split_chains",
]


def converged(rhat: float, ess: float) -> bool:
    """R-hat at most RHAT_LIMIT and bulk ESS at least ESS_MINIMUM (recount.settings.estimate;
    NaN fails)."""
    return bool(rhat <= RHAT_LIMIT and ess >= ESS_MINIMUM)


def _as_chains(draws: np.ndarray) -> np.ndarray:
    array = np.asarray(draws, dtype=float)
    if array.ndim == 1:
        array = array[np.newaxis, :]
    if array.ndim != 2:
        raise ValueError(f"draws must be shaped (chains, draws), got {array.shape}")
    return array


def split_chains(draws: np.ndarray) -> np.ndarray:
    """Cut every chain in two halves (dropping a middle draw when odd) so R-hat sees drift."""
    array = _as_chains(draws)
    half = array.shape[1] // 2
    return np.concatenate([array[:, :half], array[:, array.shape[1] - half :]], axis=0)


def _autocovariance(chain: np.ndarray) -> np.ndarray:
    """Biased autocovariance of one chain at every lag, through the FFT."""
    n = chain.size
    centred = chain - chain.mean()
    size = 1 << (2 * n - 1).bit_length()
    spectrum = np.fft.rfft(centred, size)
    return np.fft.irfft(spectrum * np.conjugate(spectrum), size)[:n] / n


def _ess(chains: np.ndarray) -> float:
    """Multi-chain ESS (Stan's estimator) of chains already shaped (chains, draws)."""
    n_chains, n_draws = chains.shape
    if n_draws < 4:
        return float("nan")
    if np.ptp(chains) == 0:
        return float("nan")
    acov = np.stack([_autocovariance(chain) for chain in chains])
    chain_means = chains.mean(axis=1)
    mean_var = acov[:, 0].mean() * n_draws / (n_draws - 1)
    var_plus = mean_var * (n_draws - 1) / n_draws
    if n_chains > 1:
        var_plus += chain_means.var(ddof=1)
    rho = 1.0 - (mean_var - acov.mean(axis=0)) / var_plus
    rho[0] = 1.0
    # Geyer's initial positive sequence over pairs of lags, made monotone.
    pair_sums = []
    lag = 0
    while lag + 1 < n_draws:
        pair = rho[lag] + rho[lag + 1]
        if pair < 0:
            break
        pair_sums.append(pair)
        lag += 2
    pairs = np.minimum.accumulate(np.asarray(pair_sums)) if pair_sums else np.array([1.0])
    tau = -1.0 + 2.0 * pairs.sum()
    tau = max(tau, 1.0 / np.log10(n_chains * n_draws))
    return float(n_chains * n_draws / tau)


def _rank_normalise(array: np.ndarray) -> np.ndarray:
    """Normal scores of the pooled ranks (average ranks for ties), Blom's offset."""
    ranks = stats.rankdata(array, method="average").reshape(array.shape)
    return stats.norm.ppf((ranks - 0.375) / (array.size + 0.25))


def _rhat_of(chains: np.ndarray) -> float:
    n_draws = chains.shape[1]
    if n_draws < 2 or np.ptp(chains) == 0:
        return float("nan")
    within = chains.var(axis=1, ddof=1).mean()
    between = n_draws * chains.mean(axis=1).var(ddof=1)
    var_plus = (n_draws - 1) / n_draws * within + between / n_draws
    return float(np.sqrt(var_plus / within))


def rhat_basic(draws: np.ndarray) -> float:
    """Classic split R-hat (Gelman et al., BDA3) without rank normalisation."""
    return _rhat_of(split_chains(draws))


def rhat(draws: np.ndarray) -> float:
    """Rank-normalised split R-hat: the larger of the bulk and the folded (tail) R-hat.

    Values above RHAT_LIMIT (recount.settings.estimate) say the chains have not mixed; NaN when the draws are constant.
    """
    split = split_chains(draws)
    if np.ptp(split) == 0:
        return float("nan")
    bulk = _rhat_of(_rank_normalise(split))
    folded = np.abs(split - np.median(split))
    tail = _rhat_of(_rank_normalise(folded))
    return float(np.nanmax([bulk, tail]))


def ess_basic(draws: np.ndarray) -> float:
    """Effective sample size of the mean from split chains, no rank normalisation."""
    return _ess(split_chains(draws))


def ess_bulk(draws: np.ndarray) -> float:
    """Bulk ESS: ESS of the rank-normalised split chains (robust to heavy tails)."""
    split = split_chains(draws)
    if np.ptp(split) == 0:
        return float("nan")
    return _ess(_rank_normalise(split))


def ess_tail(draws: np.ndarray, prob: float = 0.05) -> float:
    """Tail ESS: the smaller ESS of the indicators of the `prob` and `1 - prob` quantiles.

    This is what governs the Monte Carlo error of a 95% interval's end points.
    """
    split = split_chains(draws)
    values = []
    for quantile in (prob, 1.0 - prob):
        indicator = (split <= np.quantile(split, quantile)).astype(float)
        values.append(_ess(indicator))
    return float(np.nanmin(values)) if not np.all(np.isnan(values)) else float("nan")


def _between_ratio(groups: list[np.ndarray]) -> tuple[float, int]:
    """Chains of several targets, one (chains, draws) array per target, each centred on its
    own mean: the variance of their split halves' means over the halves' mean variance, and
    its degrees of freedom (halves less targets). Split R-hat squared is (h - 1) / h plus
    this ratio for halves of h draws; at stationarity it is about tau / h (tau the
    autocorrelation time in draws), whatever the targets' spread."""
    halves = [split_chains(group - group.mean()) for group in groups]
    means = np.concatenate([half.mean(axis=1) for half in halves])
    within = float(np.mean(np.concatenate([half.var(axis=1, ddof=1) for half in halves])))
    freedom = means.size - len(groups)
    return float(np.sum(means**2) / freedom / within), freedom


def rhat_against(groups: list[np.ndarray], reference: np.ndarray) -> tuple[float, bool]:
    """Split R-hat of many short chains, read against converged chains of their length.

    `groups` holds chains of several targets (one (chains, draws) array each: the linkage
    replicates' chains, each replicate its own table), `reference` long chains of a
    nearby target that converged (the single clustering's). Chains of a few effective
    draws read an R-hat well above RHAT_LIMIT when stationary (about sqrt(1 + tau / h)
    for halves of h draws), so the reference's chains are cut into blocks of the groups'
    length and the groups' split R-hat (basic, within each group) is given beyond the
    blocks': sqrt(1 + max(0, ratio - reference ratio)) (`_between_ratio`): groups that
    agree better than the reference's blocks (by chance, or mixing faster) read 1, not
    the R-hat below 1 that no reader of R-hat expects. Returns that and
    whether the excess is real: above RHAT_LIMIT and beyond chance (an F test of the two
    ratios at EXCESS_SIGNIFICANCE). Chains that disagree within their group more than
    the reference's at their length (stuck apart, mixing slower, drifting) raise it."""
    length = min(group.shape[1] for group in groups)
    if reference.shape[1] < length or length < 4:
        raise ValueError(
            f"reference chains of {reference.shape[1]} draws cannot be cut to {length}"
        )
    groups = [group[:, :length] for group in groups]
    blocks = [
        reference[:, i * length : (i + 1) * length] for i in range(reference.shape[1] // length)
    ]
    ratio, freedom = _between_ratio(groups)
    expected, reference_freedom = _between_ratio(blocks)
    value = float(np.sqrt(1.0 + max(ratio - expected, 0.0)))
    chance = stats.f.sf(ratio / expected, freedom, reference_freedom) if expected > 0 else 0.0
    return value, bool(value > RHAT_LIMIT and chance < EXCESS_SIGNIFICANCE)
