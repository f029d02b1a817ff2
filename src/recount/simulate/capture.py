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

from recount.simulate import geography as geo
from recount.simulate.lists import ListSpec
from recount.simulate.population import Population

FIRST_YEAR, LAST_YEAR = geo.FIRST_MONTH[0], geo.LAST_MONTH[0]
CALIBRATION_SAMPLE = (
    60_000  # people used to find the coverage shift (a strided, deterministic subset)
)


def capture_logits(
    population: Population,
    specs: tuple[ListSpec, ...],
    rng: np.random.Generator,
    codes: tuple[str, ...] = geo.GOVERNORATE_CODES,
    years: tuple[int, int] = (FIRST_YEAR, LAST_YEAR),
) -> np.ndarray:
    """Log-odds of capture, people x lists, before the global coverage shift.

    `codes` are the admin units the population's `governorate` indexes; `years` the period.
    """
    n = len(population)
    household = population["household"]
    n_households = int(household.max()) + 1
    networks = sorted({s.capture.network for s in specs if s.capture.network})
    # Informants know communities: the network effect is shared within households, with some individual spread.
    latent = {
        name: rng.standard_normal(n_households)[household] * 0.85 + rng.standard_normal(n) * 0.5
        for name in networks
    }
    gov = population["governorate"]
    year = population["year"] - years[0]
    combatant = population["combatant"]
    opposition = population["opposition"]
    women_children = ~population["male"] | (population["age"] < 18)
    hard = population["hard_to_reach"]
    logits = np.empty((n, len(specs)))
    for j, spec in enumerate(specs):
        c = spec.capture
        by_gov = np.array([c.governorate.get(code, 0.0) for code in codes])
        by_year = np.array([c.years.get(y, 0.0) for y in range(years[0], years[1] + 1)])
        by_status = np.array([c.status.get("civilian", 0.0), c.status.get("combatant", 0.0)])
        by_area = np.array([c.area.get("government", 0.0), c.area.get("opposition", 0.0)])
        by_both = np.array(
            [
                [c.status_in_area.get((status, area), 0.0) for area in ("government", "opposition")]
                for status in ("civilian", "combatant")
            ]
        )
        value = (
            c.base
            + by_gov[gov]
            + by_year[year]
            + by_status[combatant.astype(int)]
            + by_area[opposition.astype(int)]
        )
        value += by_both[combatant.astype(int), opposition.astype(int)]
        value += np.where(women_children, c.women_children, 0.0) + np.where(
            hard, c.hard_to_reach, 0.0
        )
        if c.network:
            value += c.loading * latent[c.network]
        logits[:, j] = value
    return logits


def coverage_shift(logits: np.ndarray, coverage: float) -> float:
    """The shift of every list's log-odds that makes E[share on >= 1 list] = coverage."""
    step = max(1, len(logits) // CALIBRATION_SAMPLE)
    sample = logits[::step]
    low, high = -12.0, 12.0
    for _ in range(40):
        mid = (low + high) / 2
        missed = np.exp(-np.logaddexp(0.0, sample + mid).sum(axis=1))  # prod_j (1 - p_ij)
        if 1.0 - missed.mean() < coverage:
            low = mid
        else:
            high = mid
    return (low + high) / 2


def draw_captures(
    population: Population,
    specs: tuple[ListSpec, ...],
    coverage: float,
    rng: np.random.Generator,
    household_share: float = 0.7,
    codes: tuple[str, ...] = geo.GOVERNORATE_CODES,
    years: tuple[int, int] = (FIRST_YEAR, LAST_YEAR),
) -> np.ndarray:
    """Boolean matrix people x lists: who is on which list (before within-list duplicates).

    `household_share` of household members are captured by one draw shared with the household.
    """
    logits = capture_logits(population, specs, rng, codes, years)
    probability = 1.0 / (1.0 + np.exp(-(logits + coverage_shift(logits, coverage))))
    household = population["household"]
    n_households = int(household.max()) + 1
    n = len(population)
    captured = np.empty(probability.shape, dtype=bool)
    for j in range(len(specs)):
        per_household = rng.random(n_households)[household]
        u = np.where(rng.random(n) < household_share, per_household, rng.random(n))
        captured[:, j] = u < probability[:, j]
    ids = [s.id for s in specs]
    for j, spec in enumerate(specs):
        source = spec.capture.copies_from
        if source in ids:
            copied = captured[:, ids.index(source)] & (rng.random(n) < spec.capture.copy_rate)
            captured[:, j] |= copied
    return captured
