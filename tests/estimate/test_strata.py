"""Stratified estimation from a persons table: sparse strata, coarser levels, flags, settings."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from recount.errors import ConfigError
from recount.estimate.levels import add_stratum_flags, combine
from recount.estimate.methods import fit_method
from recount.estimate.patterns import capture_histories
from recount.estimate.strata import (
    MethodResult,
    StratumResult,
    overlap_ratios,
    sparsity_reason,
)
from recount.estimate.synthetic import latent_class_population
from recount.estimate.workspace import check_strata, estimate_persons, with_periods
from recount.settings import EstimateSettings

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("strata")]


def settings_for(persons, **section):
    section.setdefault("strata", ["governorate", "year"])
    section.setdefault("methods", ["loglinear", "dga"])
    return EstimateSettings.parse(section)


@pytest.fixture(scope="module")
def estimated(stratified_persons):
    persons, truth = stratified_persons
    estimates, draws = estimate_persons(persons, settings_for(persons, workers=2))
    return persons, truth, estimates, draws


def test_every_stratum_is_reported_with_its_documented_count(estimated):
    persons, truth, estimates, _ = estimated
    strata = estimates[estimates["level"] == "stratum"]
    documented = persons.groupby(["governorate", "year"]).size()
    assert len(strata) == 2 * len(truth)
    for row in strata.itertuples():
        assert row.documented == documented[(row.governorate, row.year)]


def test_sparse_strata_are_not_estimated_and_say_why(estimated):
    _, _, estimates, _ = estimated
    strata = estimates[estimates["level"] == "stratum"].set_index(["governorate", "year"])
    few = strata.loc[("SY-RA", 2013)]
    assert (few["status"] == "not_estimable").all()
    assert few["estimate"].isna().all()
    assert few["reason"].str.contains("people documented").all()
    two_lists = strata.loc[("SY-QU", 2012)]
    assert (two_lists["status"] == "not_estimable").all()
    assert two_lists["reason"].str.contains("only 2 lists").all()
    assert (two_lists["lists"] == 2).all()


def test_estimable_strata_cover_their_truth(estimated):
    _, truth, estimates, _ = estimated
    ok = estimates[(estimates["level"] == "stratum") & (estimates["status"] == "ok")]
    assert len(ok) == 8
    covered = [
        row.lower <= truth[(row.governorate, row.year)] <= row.upper for row in ok.itertuples()
    ]
    assert sum(covered) >= 7


def test_coarser_levels_add_strata(estimated):
    persons, truth, estimates, _ = estimated
    levels = set(estimates["level"])
    assert {"stratum", "governorate", "year", "total", "total_pooled"} <= levels
    total = estimates[estimates["level"] == "total"].set_index("method")
    assert (total["documented"] == len(persons)).all()
    strata = estimates[estimates["level"] == "stratum"]
    loglinear = strata[strata["method"] == "loglinear"]
    not_estimated = loglinear.loc[loglinear["status"] != "ok", "documented"].sum()
    expected = loglinear["estimate"].sum() + not_estimated
    assert total.loc["loglinear", "estimate"] == pytest.approx(expected)
    assert "summed_point_estimates" in total.loc["loglinear", "flag"]
    assert "includes_not_estimable_strata" in total.loc["dga", "flag"]
    dga = strata[(strata["method"] == "dga") & (strata["status"] == "ok")]
    # Adding draws, not intervals: the total's interval is narrower than the sum of the strata's.
    width = total.loc["dga", "upper"] - total.loc["dga", "lower"]
    assert width < (dga["upper"] - dga["lower"]).sum()
    assert total.loc["dga", "lower"] <= sum(truth.values()) <= total.loc["dga", "upper"]
    per_year = estimates[(estimates["level"] == "year") & (estimates["method"] == "dga")]
    assert per_year["governorate"].isna().all()
    assert sorted(per_year["year"]) == [2012, 2013]


def test_parallel_and_serial_runs_agree(stratified_persons, estimated):
    persons, _, parallel, _ = estimated
    serial, _ = estimate_persons(persons, settings_for(persons, workers=1))
    columns = ["governorate", "year", "level", "method", "estimate", "lower", "upper", "status"]
    pd.testing.assert_frame_equal(parallel[columns], serial[columns])


def test_small_dependent_strata_are_flagged_low_bias_risk(make_persons):
    sizes = {("SY-HL", 2012): 3000, ("SY-ID", 2012): 400}
    persons, _ = make_persons(sizes, dependent=(("SY-ID", 2012),), seed=3)
    estimates, _ = estimate_persons(
        persons, settings_for(persons, methods=["loglinear"], small_stratum=1000)
    )
    strata = estimates[estimates["level"] == "stratum"].set_index("governorate")
    assert "small_stratum_low_bias_risk" in strata.loc["SY-ID", "flag"]
    big_flag = strata.loc["SY-HL", "flag"]
    assert pd.isna(big_flag) or "small_stratum_low_bias_risk" not in big_flag
    total = estimates[estimates["level"] == "total"].iloc[0]
    assert "includes_low_bias_risk_strata" in total["flag"]


def test_methods_disagree_flag():
    def result(method, lower, upper):
        return MethodResult(method, "ok", estimate=(lower + upper) / 2, lower=lower, upper=upper)

    apart = StratumResult(
        "k",
        {},
        "stratum",
        500,
        4,
        None,
        False,
        [result("lcmcr", 600, 700), result("dga", 750, 900)],
    )
    add_stratum_flags(apart, small_stratum=0)
    assert all("methods_disagree" in m.flags for m in apart.methods)
    overlapping = StratumResult(
        "k",
        {},
        "stratum",
        500,
        4,
        None,
        False,
        [result("lcmcr", 600, 800), result("dga", 750, 900)],
    )
    add_stratum_flags(overlapping, small_stratum=0)
    assert not any(m.flags for m in overlapping.methods)


def test_a_sum_over_strata_says_when_some_stratum_has_not_converged():
    """Note 83: the summed total carried no trace of an unconverged stratum, so neither the
    report nor `recount run` cautioned; the hierarchical total keeps its own diagnostics."""

    def stratum(key, year, flags):
        draws = np.full(40, 100.0)
        methods = [
            MethodResult(m, "ok", estimate=100, lower=90, upper=110, flags=list(flags), draws=draws)
            for m in ("lcmcr", "hlcmcr")
        ]
        return StratumResult(key, {"year": year}, "stratum", 80, 4, None, False, methods)

    results = [stratum("a", 2001, []), stratum("b", 2002, ["poor_convergence"])]
    rows = {r["method"]: r for r in combine(results, ["year"], (), ["lcmcr", "hlcmcr"])}
    assert "includes_poor_convergence_strata" in rows["lcmcr"]["flag"]
    assert "includes_poor_convergence_strata" not in (rows["hlcmcr"]["flag"] or "")
    converged = [stratum("a", 2001, []), stratum("b", 2002, [])]
    rows = combine(converged, ["year"], (), ["lcmcr"])
    assert "includes_poor_convergence_strata" not in (rows[0]["flag"] or "")


def test_sparsity_rules():
    table = pd.DataFrame(
        {"a": [1, 0, 0, 1], "b": [0, 1, 0, 1], "c": [0, 0, 1, 0], "count": [20, 20, 20, 10]}
    )
    assert "shares nobody" in sparsity_reason(table, min_records=10)
    assert "minimum 100" in sparsity_reason(table, min_records=100)
    table.loc[2, "a"] = 1
    assert sparsity_reason(table, min_records=10) is None


def test_overlap_ratio_detects_positive_dependence(make_persons):
    persons, _ = make_persons({("SY-ID", 2012): 3000}, dependent=(("SY-ID", 2012),))
    table = capture_histories(persons)
    ratios = overlap_ratios(table)
    assert ratios[("vdc", "snhr")] > 1.5
    assert ratios[("sccs", "cdc")] < 1.0


def test_derived_periods_respect_date_precision():
    persons = pd.DataFrame(
        {
            "in_a": [True] * 3,
            "date_of_death": pd.to_datetime(["2013-02-01", "2013-08-01", "2013-01-01"]),
            "date_precision": ["day", "month", "year"],
        }
    )
    frame = with_periods(persons, ["half_year", "quarter", "year_month", "year"])
    assert list(frame["half_year"].fillna("?")) == ["2013-H1", "2013-H2", "?"]
    assert list(frame["quarter"].fillna("?")) == ["2013-Q1", "2013-Q3", "?"]
    assert list(frame["year_month"].fillna("?")) == ["2013-02", "2013-08", "?"]
    assert list(frame["year"]) == [2013, 2013, 2013]


def test_half_year_strata(stratified_persons):
    persons, _ = stratified_persons
    estimates, _ = estimate_persons(
        persons, settings_for(persons, strata=["half_year"], methods=["loglinear"])
    )
    strata = estimates[estimates["level"] == "stratum"]
    assert sorted(strata["half_year"]) == ["2012-H1", "2012-H2", "2013-H1", "2013-H2"]
    assert strata["documented"].sum() == len(persons)


@pytest.mark.parametrize(
    ("section", "key"),
    [
        ({"strata": ["name"]}, "estimate.strata"),
        ({"strata": ["district"]}, "estimate.strata"),
        ({"methods": ["mcmc"]}, "estimate.methods"),
        ({"methods": []}, "estimate.methods"),
        ({"K": 0}, "estimate.K"),
        ({"K": "ten"}, "estimate.K"),
        ({"seed": -1}, "estimate.seed"),
        ({"draws": True}, "estimate.draws"),
        ({"delta": -1}, "estimate.delta"),
        ({"criterion": "cp"}, "estimate.criterion"),
        ({"engine": "dask"}, "estimate.engine"),
        ({"pooled": ["district"]}, "estimate.pooled"),
        ({"lcmcr": {"iterations": 5}}, "estimate.lcmcr.iterations"),
        ({"chains": 2, "draws": 1000, "lcmcr": {"draws": 100}}, "estimate.lcmcr.draws"),
        ({"lcmcr": {"sampler": "hmc"}}, "estimate.lcmcr.sampler"),
        ({"lcmcr": {"burnin": -5}}, "estimate.lcmcr.burnin"),
        ({"lcmcr": {"burnin": "long"}}, "estimate.lcmcr.burnin"),
        ({"lcmcr": {"draws": "many"}}, "estimate.lcmcr.draws"),
        ({"lcmcr": {"ess_target": True}}, "estimate.lcmcr.ess_target"),
        ({"lcmcr": {"n_jobs": 0}}, "estimate.lcmcr.n_jobs"),
        ({"stratum": ["year"]}, "estimate.stratum"),
    ],
)
def test_settings_errors_name_the_key(section, key):
    with pytest.raises(ConfigError) as info:
        settings = EstimateSettings.parse({"strata": ["governorate", "year"], **section})
        check_strata(settings, ["governorate", "year", "in_a"])
    assert info.value.key == key


def test_an_unknown_stratum_is_named_with_the_fields_that_can_be_strata_each_once():
    settings = EstimateSettings.parse({"strata": ["region"]})
    with pytest.raises(ConfigError) as info:
        check_strata(settings, ["governorate", "year", "in_a", "in_b", "n_records", "name"])
    choices = str(info.value).split("expected one of ")[1].split(", ")
    assert "'region'" in str(info.value)
    assert sorted(choices) == sorted(["governorate", "year", "half_year", "quarter", "year_month"])


def test_chapman_runs_only_on_two_list_strata(stratified_persons):
    persons, truth = stratified_persons
    settings = settings_for(persons, methods=["chapman", "loglinear"])
    estimates, _ = estimate_persons(persons, settings)
    chapman = estimates[(estimates["level"] == "stratum") & (estimates["method"] == "chapman")]
    chapman = chapman.set_index(["governorate", "year"])
    two = chapman.loc[("SY-QU", 2012)]
    assert two["status"] == "ok" and "assumes_independence" in two["flag"]
    assert two["lower"] <= truth[("SY-QU", 2012)] <= two["upper"]
    assert (
        chapman.loc[("SY-HL", 2012), "reason"]
        == "Chapman's estimator needs exactly two lists, here 4"
    )


def test_without_strata_the_total_is_the_only_level(stratified_persons):
    persons, truth = stratified_persons
    estimates, _ = estimate_persons(persons, settings_for(persons, strata=[], methods=["dga"]))
    assert list(estimates["level"]) == ["total"]
    row = estimates.iloc[0]
    assert row["documented"] == len(persons) and row["status"] == "ok"
    assert row["lists"] == 4


def test_lcmcr_ess_target_from_the_config_runs_a_stratum_until_it_is_reached():
    lam = np.array([[0.3, 0.25, 0.35, 0.3, 0.2]])
    table = latent_class_population(1_500, np.array([1.0]), lam, seed=8)
    section = {
        "K": 2,  # reaches the target on each of seeds 1-8 (K = 5: seed 1 stops at ESS 930)
        "chains": 2,
        "draws": 200,
        "lcmcr": {"sampler": "collapsed", "burnin": 200, "draws": 200},
    }
    fixed = fit_method("lcmcr", table, EstimateSettings.parse(section), seed=1)
    assert fixed.ess < 1_000 and "poor_convergence" in fixed.flags
    section["lcmcr"] |= {"ess_target": 1_000, "max_sweeps": 400_000}
    targeted = fit_method("lcmcr", table, EstimateSettings.parse(section), seed=1)
    assert targeted.ess >= 1_000 and targeted.rhat <= 1.01
    assert "poor_convergence" not in targeted.flags
    assert len(targeted.draws) == 200


class RecordingProgress:
    """A progress that asks which strata are being estimated, as `recount estimate`'s does."""

    def __init__(self):
        self.done: list[tuple[int, int]] = []
        self.seen: list[list[str]] = []

    def __call__(self, done: int, total: int) -> None:
        self.done.append((done, total))

    def running(self, keys: list[str]) -> None:
        self.seen.append(list(keys))


@pytest.mark.parametrize("workers", [1, 2])
def test_the_strata_being_estimated_are_shown_without_changing_a_figure(
    stratified_persons, estimated, workers
):
    persons, _, parallel, _ = estimated
    progress = RecordingProgress()
    shown, _ = estimate_persons(persons, settings_for(persons, workers=workers), progress)
    columns = ["governorate", "year", "level", "method", "estimate", "lower", "upper", "status"]
    pd.testing.assert_frame_equal(shown[columns], parallel[columns])
    total = progress.done[-1][1]
    assert progress.done[-1] == (total, total)
    assert [d for d, _ in progress.done] == sorted(d for d, _ in progress.done)
    keys = {k for seen in progress.seen for k in seen}
    strata = shown[shown["level"] == "stratum"]
    assert any(k.startswith("governorate=") and "|year=" in k for k in keys)
    assert len(keys) <= total and all(len(seen) <= workers for seen in progress.seen)
    assert progress.seen[-1] == [] and len(strata) > 0
