"""The stage on the simulator's truth (true linkage): every cell reported, counts traced to people."""

from __future__ import annotations

import pandas as pd
import pytest

from recount.estimate.workspace import estimate_persons
from recount.settings import EstimateSettings
from recount.simulate import simulate

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def simulated(tmp_path_factory):
    result = simulate(tmp_path_factory.mktemp("sim"), people=6000, sources=4, seed=3)
    everyone = pd.read_csv(result.truth_persons)
    documented = everyone[everyone["n_lists"] > 0].drop(columns=["name"])
    return result, documented, pd.read_csv(result.truth_totals)


def test_every_governorate_is_reported_with_its_documented_count(simulated):
    result, persons, totals = simulated
    settings = EstimateSettings.parse(
        {"strata": ["governorate"], "methods": ["loglinear", "dga"], "min_records": 50}
    )
    estimates, _ = estimate_persons(persons, settings)
    strata = estimates[(estimates["level"] == "stratum") & (estimates["method"] == "dga")]
    expected = totals.groupby("governorate")["documented"].sum()
    expected = expected[expected > 0]
    assert dict(zip(strata["governorate"], strata["documented"], strict=True)) == expected.to_dict()
    small = strata[strata["documented"] < 50]
    assert (small["status"] == "not_estimable").all()
    estimated = strata[strata["status"] == "ok"]
    assert len(estimated) >= 5
    assert (estimated["estimate"] >= estimated["documented"]).all()
    total = estimates[(estimates["level"] == "total") & (estimates["method"] == "dga")].iloc[0]
    assert total["documented"] == result.documented
    assert result.documented < total["estimate"]
    pooled = estimates[
        (estimates["level"] == "total_pooled") & (estimates["method"] == "loglinear")
    ].iloc[0]
    assert pooled["status"] == "ok" and pooled["documented"] == result.documented
