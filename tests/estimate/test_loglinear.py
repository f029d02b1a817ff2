"""Log-linear models against Rcapture's published Kosovo figures and closed-form cases."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
from hypothesis import given, settings
from hypothesis import strategies as st

from recount.errors import InputError
from recount.estimate import LogLinear
from recount.estimate.loglinear import (
    design_matrix,
    fit_poisson,
    hierarchical_models,
    model_terms,
    parse_model,
)


def test_kosovo_best_bic_model_matches_rcapture(kosovo):
    fitted = LogLinear(criterion="bic").fit(kosovo)
    assert fitted.model_ == "[123,14,34]"
    assert fitted.N_ == pytest.approx(10356.5, abs=0.5)
    lower, upper = fitted.interval()
    # Rcapture closedpCI.t profile interval: 8,994 to 12,110.
    assert lower == pytest.approx(8994, abs=1)
    assert upper == pytest.approx(12110, abs=1)
    summary = fitted.summary()
    model = "[EXH.ABA.OSCE, EXH.HRW, OSCE.HRW]"
    assert list(summary[["method", "model"]].iloc[0]) == ["loglinear", model]


def test_kosovo_search_is_over_every_hierarchical_model(kosovo):
    fitted = LogLinear().fit(kosovo)
    assert len(fitted.models_) == len(list(hierarchical_models(4, 3)))
    assert fitted.models_["bic"].is_monotonic_increasing
    assert fitted.models_["model"].iloc[0] == "[123,14,34]"


def test_fixed_model_and_aic(kosovo):
    independence = LogLinear(model="[1,2,3,4]").fit(kosovo)
    assert independence.model_ == "[1,2,3,4]"
    assert len(independence.interaction_strength()) == 0
    assert independence.N_ < 8000  # positively dependent lists: independence is low
    by_aic = LogLinear(criterion="aic").fit(kosovo)
    assert by_aic.aic_ <= independence.aic_
    assert by_aic.aic_ == by_aic.models_["aic"].min()


def test_two_list_independence_is_lincoln_petersen():
    # n1 = 300, n2 = 200, m = 60: the log-linear MLE is n1 n2 / m = 1,000.
    table = pd.DataFrame({"a": [1, 0, 1], "b": [0, 1, 1], "count": [240, 140, 60]})
    fitted = LogLinear(model="[1,2]").fit(table)
    assert fitted.N_ == pytest.approx(1000, rel=1e-6)


def test_poisson_fit_agrees_with_statsmodels():
    rng = np.random.default_rng(3)
    X = design_matrix(4, model_terms(parse_model("[12,34]", 4)))[1:]
    y = rng.poisson(np.exp(X @ rng.normal(0, 0.5, X.shape[1]) + 3)).astype(float)
    ours = fit_poisson(X, y)
    theirs = sm.GLM(y, X, family=sm.families.Poisson()).fit()
    assert ours.converged
    np.testing.assert_allclose(ours.coef, theirs.params, rtol=1e-6, atol=1e-8)
    assert ours.loglik == pytest.approx(theirs.llf, rel=1e-9)


def test_stepwise_search_on_five_independent_lists_covers_truth():
    rng = np.random.default_rng(11)
    N = 4000
    captures = rng.random((N, 5)) < np.array([0.3, 0.2, 0.25, 0.15, 0.35])
    seen = captures[captures.any(axis=1)].astype(int)
    table = pd.DataFrame(seen, columns=list("abcde")).value_counts().rename("count").reset_index()
    fitted = LogLinear().fit(table)
    lower, upper = fitted.interval()
    assert lower <= N <= upper
    assert len(fitted.models_) < 7000  # stepwise, not the full enumeration


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[123,14,34]", "[123,14,34]"),
        ("[34,123,14]", "[123,14,34]"),
        ("[12]", "[12,3,4]"),
        ("1,2,3,4", "[1,2,3,4]"),
    ],
)
def test_model_notation(text, expected):
    from recount.estimate.loglinear import model_name

    assert model_name(parse_model(text, 4)) == expected


@pytest.mark.parametrize("bad", ["[15]", "[1a]", "[11]", "[]"])
def test_bad_model_notation_is_an_input_error(bad):
    with pytest.raises(InputError):
        parse_model(bad, 4)


def test_full_interaction_is_refused(kosovo):
    with pytest.raises(InputError, match="unidentified"):
        LogLinear(model="[1234]").fit(kosovo)


@settings(max_examples=40, deadline=None)
@given(st.sets(st.frozensets(st.integers(0, 3), min_size=1, max_size=3), min_size=1, max_size=5))
def test_notation_round_trips(terms):
    from recount.estimate.loglinear import generators, model_name

    gens = generators(terms, 4)
    assert parse_model(model_name(gens), 4) == gens


def test_implausible_extrapolations_are_set_aside():
    # Saturated [12,13,23] puts n0 = 50^4 / 1 = 6.25 million beside 203 documented people.
    table = pd.DataFrame(
        {
            "a": [1, 0, 0, 1, 1, 0, 1],
            "b": [0, 1, 0, 1, 0, 1, 1],
            "c": [0, 0, 1, 0, 1, 1, 1],
            "count": [50, 50, 50, 1, 1, 1, 50],
        }
    )
    with pytest.raises(InputError, match="plausible"):
        LogLinear(model="[12,13,23]").fit(table)
    searched = LogLinear().fit(table)
    assert searched.model_ != "[12,13,23]"
    assert searched.N_ <= 21 * 203
    assert not searched.models_.set_index("model").loc["[12,13,23]", "plausible"]
