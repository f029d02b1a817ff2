"""Capture-pattern generators with a known population size, for tests and benchmarks.

Each returns a pattern table (one 0/1 column per list, then `count`, observed
patterns only) and never names anyone. Three kinds of population:

- `latent_class_population`: drawn from LCMCR's own model (lists independent
  within each latent class), so LCMCR's assumptions hold;
- `dependent_lists_population`: being on one list makes a person more likely
  to be on the next (direct list dependence, which no latent class absorbs fully);
- `hard_to_reach_population`: a group that every list rarely documents.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def list_names(n_lists: int) -> list[str]:
    """Column names L1..LJ."""
    return [f"L{j + 1}" for j in range(n_lists)]


def patterns_from_matrix(captures: np.ndarray, names: list[str] | None = None) -> pd.DataFrame:
    """Count the observed (non-zero) rows of a people x lists 0/1 matrix into a pattern table."""
    captures = np.asarray(captures, dtype=np.int64)
    n_lists = captures.shape[1]
    names = names or list_names(n_lists)
    codes = captures @ (1 << np.arange(n_lists - 1, -1, -1))
    counts = np.bincount(codes, minlength=1 << n_lists)
    observed = np.flatnonzero(counts[1:]) + 1
    bits = (observed[:, None] >> np.arange(n_lists - 1, -1, -1)) & 1
    table = pd.DataFrame(bits.astype(np.int64), columns=names)
    table["count"] = counts[observed].astype(np.int64)
    return table


def _captures_with_probabilities(rng: np.random.Generator, probabilities: np.ndarray) -> np.ndarray:
    return (rng.random(probabilities.shape) < probabilities).astype(np.int8)


def latent_class_population(
    size: int,
    class_weights: np.ndarray,
    capture_probabilities: np.ndarray,
    seed: int,
) -> pd.DataFrame:
    """Patterns of `size` people drawn from the latent class model.

    `capture_probabilities` is classes x lists; lists are independent given the class.
    """
    rng = np.random.default_rng(seed)
    weights = np.asarray(class_weights, dtype=float)
    lam = np.asarray(capture_probabilities, dtype=float)
    classes = rng.choice(weights.size, size=size, p=weights / weights.sum())
    return patterns_from_matrix(_captures_with_probabilities(rng, lam[classes]))


def lcmcr_benchmark_population(
    size: int = 500_000, n_lists: int = 8, seed: int = 1
) -> pd.DataFrame:
    """Three latent classes (50/35/15%) with capture rates about 0.25, 0.12 and 0.05 per list:
    about 72% of the people are documented by at least one of eight lists."""
    rng = np.random.default_rng(seed + 10_000)
    centres = np.array([0.25, 0.12, 0.05])
    lam = np.clip(centres[:, None] * rng.uniform(0.7, 1.3, size=(3, n_lists)), 0.005, 0.95)
    return latent_class_population(size, np.array([0.5, 0.35, 0.15]), lam, seed)


def dependent_lists_population(
    size: int,
    n_lists: int,
    seed: int,
    base_rate: float = 0.2,
    boost: float = 2.5,
    heterogeneity: float = 0.5,
) -> pd.DataFrame:
    """Lists with direct positive dependence: a person on list j is `boost` times as likely
    (in odds) to be on list j + 1 (lists sharing sources). Capture propensity also varies
    from person to person (log-normal with sd `heterogeneity` on the logit scale)."""
    rng = np.random.default_rng(seed)
    logit_base = np.log(base_rate / (1.0 - base_rate))
    person_effect = rng.normal(0.0, heterogeneity, size=size)
    captures = np.zeros((size, n_lists), dtype=np.int8)
    previous = np.zeros(size, dtype=np.int8)
    for j in range(n_lists):
        logit = logit_base + person_effect + np.log(boost) * previous
        captures[:, j] = rng.random(size) < 1.0 / (1.0 + np.exp(-logit))
        previous = captures[:, j]
    return patterns_from_matrix(captures)


def hard_to_reach_population(
    size: int,
    n_lists: int,
    seed: int,
    hidden_share: float = 0.2,
    hidden_rate: float = 0.02,
    visible_rate: float = 0.3,
) -> pd.DataFrame:
    """A group (`hidden_share` of the people) that each list documents with probability
    `hidden_rate`, against `visible_rate` for everyone else: most of it is never seen,
    so no method can learn its size from the overlaps alone."""
    rng = np.random.default_rng(seed)
    hidden = rng.random(size) < hidden_share
    rates = np.where(hidden, hidden_rate, visible_rate)
    spread = rng.uniform(0.7, 1.3, size=n_lists)
    probabilities = np.clip(rates[:, None] * spread[None, :], 0.0, 0.95)
    return patterns_from_matrix(_captures_with_probabilities(rng, probabilities))


def dependent_hard_to_reach_population(
    size: int, n_lists: int, seed: int, hidden_share: float = 0.15
) -> pd.DataFrame:
    """Both failures at once: dependent lists plus a group every list rarely reaches."""
    rng = np.random.default_rng(seed)
    hidden = int(rng.binomial(size, hidden_share))
    visible = dependent_lists_population(size - hidden, n_lists, seed + 1, base_rate=0.25)
    rare = hard_to_reach_population(hidden, n_lists, seed + 2, hidden_share=1.0)
    names = list_names(n_lists)
    merged = pd.concat([visible, rare]).groupby(names, as_index=False)["count"].sum()
    return merged


def continuous_heterogeneity_population(
    size: int, n_lists: int, seed: int, spread: float = 1.5, base: float = -1.6
) -> pd.DataFrame:
    """No latent classes at all: each person's capture log-odds on list j is
    base + u_j + theta_i, with theta_i ~ N(0, spread^2) (Rasch's model, Mh in Rcapture)
    and list effects u_j ~ U(-0.5, 0.5). A continuum of propensities that LCMCR's finite
    classes can only approximate; with the defaults about 70% of the people are documented
    by at least one of eight lists."""
    rng = np.random.default_rng(seed)
    theta = rng.normal(0.0, spread, size=size)
    logits = base + rng.uniform(-0.5, 0.5, size=n_lists)[None, :] + theta[:, None]
    return patterns_from_matrix(_captures_with_probabilities(rng, 1.0 / (1.0 + np.exp(-logits))))
