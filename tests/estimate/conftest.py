"""Simulated `persons` tables with known truth for the stage's tests (counts only, no names)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.special import gammaln

from recount.estimate._lcmcr_sampler import SUPPORT_FACTOR

LISTS = ("vdc", "snhr", "sccs", "cdc")


def simulate_persons(
    sizes: dict[tuple[str, int], int],
    capture: dict[tuple[str, int], np.ndarray] | None = None,
    dependent: tuple[tuple[str, int], ...] = (),
    seed: int = 7,
) -> tuple[pd.DataFrame, dict[tuple[str, int], int]]:
    """A persons table (in_<list> columns, governorate, year, date_of_death) and the true N per stratum.

    Each stratum's people are captured independently with the stratum's
    probabilities; in `dependent` strata being on the first list makes the
    second far more likely (positive list dependence).
    """
    rng = np.random.default_rng(seed)
    capture = capture or {}
    frames = []
    for (governorate, year), size in sizes.items():
        probabilities = capture.get((governorate, year), np.array([0.35, 0.3, 0.25, 0.4]))
        caught = rng.random((size, len(LISTS))) < probabilities
        if (governorate, year) in dependent:
            caught[:, 1] = np.where(caught[:, 0], rng.random(size) < 0.9, rng.random(size) < 0.1)
        frame = pd.DataFrame(caught, columns=[f"in_{name}" for name in LISTS])
        frame["governorate"] = governorate
        frame["year"] = np.int32(year)
        frame["date_of_death"] = pd.Timestamp(f"{year}-01-01") + pd.to_timedelta(
            rng.integers(0, 365, size), unit="D"
        )
        frame["date_precision"] = "day"
        frames.append(frame)
    persons = pd.concat(frames, ignore_index=True)
    persons = persons[persons.filter(like="in_").any(axis=1)].reset_index(drop=True)
    persons.insert(0, "person_id", [f"P{i:06d}" for i in range(len(persons))])
    persons["year"] = persons["year"].astype("int32")
    return persons, dict(sizes)


@pytest.fixture(scope="session")
def stratified_persons() -> tuple[pd.DataFrame, dict]:
    """Four estimable strata, one with too few people, one where only two lists document anyone."""
    sizes = {
        ("SY-HL", 2012): 2500,
        ("SY-HL", 2013): 1800,
        ("SY-DI", 2012): 1200,
        ("SY-DI", 2013): 900,
        ("SY-RA", 2013): 40,
        ("SY-QU", 2012): 600,
    }
    capture = {
        ("SY-RA", 2013): np.array([0.2, 0.3, 0.2, 0.2]),
        ("SY-QU", 2012): np.array([0.5, 0.4, 0.0, 0.0]),
    }
    return simulate_persons(sizes, capture)


@pytest.fixture(scope="session")
def make_persons():
    """The simulator above, for tests that need their own strata."""
    return simulate_persons


@pytest.fixture(scope="session")
def kosovo(kosovo_path) -> pd.DataFrame:
    """Kosovo 1999, 4 lists (Ball et al. 2002; shipped with R's LCMCR)."""
    return pd.read_csv(kosovo_path)


@pytest.fixture(scope="session")
def single_class_posterior():
    """p(N | data) for LCMCR with K = 1 (model Mt, Beta(a, b) priors on the capture
    probabilities, R's Beta(1, 1) by default, p(N) ~ 1/N, n0 <= 20 n as the samplers), exact."""

    def posterior(
        patterns: pd.DataFrame, a_lambda: float = 1.0, b_lambda: float = 1.0
    ) -> tuple[np.ndarray, np.ndarray]:
        counts = patterns["count"].to_numpy()
        lists = patterns.drop(columns="count").to_numpy()
        n = counts.sum()
        on_list = (lists * counts[:, None]).sum(axis=0)
        grid = np.arange(n, (SUPPORT_FACTOR + 1) * n + 1)
        log_p = gammaln(grid) - gammaln(grid - n + 1)
        for s in on_list:
            log_p += gammaln(b_lambda + grid - s) - gammaln(a_lambda + b_lambda + grid)
        p = np.exp(log_p - log_p.max())
        return grid, p / p.sum()

    return posterior
