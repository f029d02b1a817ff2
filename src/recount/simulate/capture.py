"""Who is on which list: heterogeneous, dependent capture.

For person i and list j, logit P(on j) = the list's effects for i's governorate,
year, status, area of control, sex/age, + loading_j * z_network(i) (informant
networks shared by several lists: positive dependence) + a penalty for the
hard-to-reach group + one global shift chosen so that the expected share of
people on at least one list equals the requested coverage. Families are mostly
reported together (one draw per household for most members). Some lists also
copy records from another list (direct dependence).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from recount.simulate.lists import ListSpec


def capture_logits(
    population: pd.DataFrame, specs: tuple[ListSpec, ...], rng: np.random.Generator
) -> np.ndarray:
    """Log-odds of capture, people x lists, before the global coverage shift."""
    household_codes, household = np.unique(
        population["household_id"].to_numpy(), return_inverse=True
    )
    networks = sorted({s.capture.network for s in specs if s.capture.network})
    # Informants know communities: the network effect is shared within households, with some individual spread.
    latent = {
        name: rng.standard_normal(len(household_codes))[household] * 0.85
        + rng.standard_normal(len(population)) * 0.5
        for name in networks
    }
    gov = population["governorate"].to_numpy()
    year = population["year"].to_numpy()
    status = population["status"].to_numpy()
    area = population["area"].to_numpy()
    women_children = ((population["sex"] == "F") | (population["age"] < 18)).to_numpy()
    hard = population["hard_to_reach"].to_numpy()
    logits = np.empty((len(population), len(specs)))
    for j, spec in enumerate(specs):
        c = spec.capture
        value = np.full(len(population), c.base)
        value += _lookup(gov, c.governorate)
        value += _lookup(year, c.years)
        value += _lookup(status, c.status)
        value += _lookup(area, c.area)
        for (st, ar), effect in c.status_in_area.items():
            value += np.where((status == st) & (area == ar), effect, 0.0)
        value += np.where(women_children, c.women_children, 0.0)
        value += np.where(hard, c.hard_to_reach, 0.0)
        if c.network:
            value += c.loading * latent[c.network]
        logits[:, j] = value
    return logits


def coverage_shift(logits: np.ndarray, coverage: float) -> float:
    """The shift of every list's log-odds that makes E[share on >= 1 list] = coverage."""
    low, high = -12.0, 12.0
    for _ in range(40):
        mid = (low + high) / 2
        missed = np.exp(-np.logaddexp(0.0, logits + mid).sum(axis=1))  # prod_j (1 - p_ij)
        if 1.0 - missed.mean() < coverage:
            low = mid
        else:
            high = mid
    return (low + high) / 2


def draw_captures(
    population: pd.DataFrame, specs: tuple[ListSpec, ...], coverage: float, rng: np.random.Generator
) -> np.ndarray:
    """Boolean matrix people x lists: who is on which list (before within-list duplicates)."""
    logits = capture_logits(population, specs, rng)
    probability = 1.0 / (1.0 + np.exp(-(logits + coverage_shift(logits, coverage))))
    _, household = np.unique(population["household_id"].to_numpy(), return_inverse=True)
    n_households = int(household.max()) + 1
    captured = np.empty(probability.shape, dtype=bool)
    ids = [s.id for s in specs]
    for j in range(len(specs)):
        per_household = rng.random(n_households)[household]
        individual = rng.random(len(population))
        u = np.where(rng.random(len(population)) < 0.7, per_household, individual)
        captured[:, j] = u < probability[:, j]
    for j, spec in enumerate(specs):
        source = spec.capture.copies_from
        if source in ids:
            copied = captured[:, ids.index(source)] & (
                rng.random(len(population)) < spec.capture.copy_rate
            )
            captured[:, j] |= copied
    return captured


def _lookup(values: np.ndarray, effects: dict) -> np.ndarray:
    if not effects:
        return np.zeros(len(values))
    return pd.Series(values).map(effects).fillna(0.0).to_numpy(dtype=float)
