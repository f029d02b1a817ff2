"""Every estimator speaks one protocol (recount.estimate.protocol), and one adapter builds
them from settings for the stage and `recount mse` (recount.estimate.methods)."""

from __future__ import annotations

import warnings

import pytest

from recount.estimate import DGA, LCMCR, Chapman, LogLinear
from recount.estimate.methods import STRATUM_METHODS, fit_method, make_estimator
from recount.estimate.patterns import select_lists
from recount.estimate.protocol import SUMMARY_COLUMNS
from recount.settings.estimate import EstimateSettings


def _estimators():
    return {
        "lcmcr": LCMCR(K=3, burnin=200, draws=300, chains=2, seed=1),
        "loglinear": LogLinear(),
        "dga": DGA(),
        "chapman": Chapman(lists=("EXH", "ABA")),
    }


@pytest.mark.parametrize("method", list(_estimators()))
def test_fit_returns_self_and_summary_has_the_same_columns(kosovo, method):
    estimator = _estimators()[method]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        assert estimator.fit(kosovo) is estimator
    summary = estimator.summary()
    assert list(summary.columns) == SUMMARY_COLUMNS and len(summary) == 1
    row = summary.iloc[0]
    assert row["method"] == method
    assert (row["lower"], row["upper"]) == pytest.approx(estimator.interval())
    assert row["estimate"] == pytest.approx(estimator.N_)
    assert row["observed"] == estimator.n_observed_
    narrow = estimator.interval(alpha=0.5)
    assert row["lower"] <= narrow[0] <= narrow[1] <= row["upper"]
    assert isinstance(estimator.flags(), list)


def test_the_adapter_builds_each_method_from_the_stage_settings(kosovo):
    options = EstimateSettings(K=3, chains=2, criterion="aic", delta=0.5, draws=40)
    built = {m: make_estimator(m, options, seed=5) for m in STRATUM_METHODS}
    assert (built["lcmcr"].K, built["lcmcr"].chains, built["lcmcr"].seed) == (3, 2, 5)
    assert built["loglinear"].criterion == "aic" and built["dga"].delta == 0.5
    fitted = fit_method("dga", kosovo, options, seed=5)
    assert fitted.status == "ok" and len(fitted.draws) == 40
    chapman = fit_method("chapman", select_lists(kosovo, ["EXH", "ABA"]), options, seed=5)
    assert chapman.flags == ["assumes_independence", "independence_untestable"]
    assert chapman.draws is None
    loglinear = fit_method("loglinear", kosovo, options, seed=5, model="[123,14,34]")
    assert loglinear.model == "[EXH.ABA.OSCE, EXH.HRW, OSCE.HRW]"


def test_the_hierarchical_model_takes_its_defaults_and_checks_from_the_settings():
    """HLCMCR had its own copy of K, chains, the priors and run lengths, and its own validator."""
    from recount.errors import ConfigError
    from recount.estimate.hlcmcr import HLCMCR
    from recount.settings.estimate import HlcmcrSettings

    model = HLCMCR()
    assert (model.K, model.chains) == (EstimateSettings.K, EstimateSettings.chains)
    keys = ("a_alpha", "b_alpha", "tau_scale", "a_lambda", "b_lambda", "burnin", "draws")
    for key in (*keys, "thin", "max_sweeps"):
        assert getattr(model, key) == getattr(HlcmcrSettings, key), key
    with pytest.raises(ConfigError) as bad_burnin:
        HLCMCR(burnin=0).check()
    assert bad_burnin.value.key == "estimate.hlcmcr.burnin"
    with pytest.raises(ConfigError) as bad_shape:
        HLCMCR(a_lambda=0).check()
    assert bad_shape.value.key == "estimate.hlcmcr.a_lambda"
    with pytest.raises(ConfigError) as bad_chains:
        HLCMCR(chains=0).check()
    assert bad_chains.value.key == "estimate.chains"
    with pytest.raises(RuntimeError, match="fit"):
        HLCMCR().interval()
