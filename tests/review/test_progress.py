"""Progress figures: Cohen's kappa and the stratified precision / recall estimate."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from review_helpers import login, make_clients

from recount.review.progress import cohen_kappa, estimate_precision_recall


def test_kappa_textbook_example():
    # Cohen (1960)-style 2x2: 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no -> kappa 0.4
    first = ["y"] * 25 + ["n"] * 25
    second = ["y"] * 20 + ["n"] * 5 + ["y"] * 10 + ["n"] * 15
    assert cohen_kappa(first, second) == pytest.approx(0.4)


def test_kappa_perfect_and_undefined():
    assert cohen_kappa(["match", "non_match"], ["match", "non_match"]) == 1.0
    assert cohen_kappa(["match", "match"], ["match", "match"]) is None
    assert cohen_kappa([], []) is None


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["match", "non_match", "unsure"]),
            st.sampled_from(["match", "non_match", "unsure"]),
        ),
        min_size=1,
        max_size=40,
    )
)
def test_kappa_is_symmetric_and_bounded(pairs):
    first, second = [a for a, _ in pairs], [b for _, b in pairs]
    kappa = cohen_kappa(first, second)
    assert kappa == cohen_kappa(second, first)
    if kappa is not None:
        assert -1.0 - 1e-9 <= kappa <= 1.0 + 1e-9


def _synthetic_linkage(seed: int, n: int = 40_000):
    """Pairs whose true match rate equals their probability (a calibrated model)."""
    rng = np.random.default_rng(seed)
    probability = rng.beta(0.6, 0.6, n)
    truth = rng.random(n) < probability
    linked = probability >= 0.7
    return probability, truth, linked


def test_stratified_estimate_recovers_precision_and_recall_from_a_biased_sample():
    probability, truth, linked = _synthetic_linkage(3)
    true_precision = truth[linked].mean()
    true_recall = (truth & linked).sum() / truth.sum()
    rng = np.random.default_rng(4)
    # the queue labels pairs near the threshold far more often than the rest
    weight = np.exp(-(((probability - 0.7) / 0.1) ** 2)) + 0.02
    sample = rng.random(len(probability)) < weight * 0.08
    label = np.where(sample, np.where(truth, "match", "non_match"), None)
    frame = pd.DataFrame({"probability": probability, "linked": linked, "label": label})
    result = estimate_precision_recall(frame)
    assert result["labelled_pairs"] == sample.sum()
    assert result["precision"] == pytest.approx(true_precision, abs=0.03)
    assert result["recall"] == pytest.approx(true_recall, abs=0.04)
    low, high = result["precision_interval"]
    assert low < true_precision < high
    # the naive figure over labelled pairs is visibly biased, which is why we stratify
    naive = (label[sample & linked] == "match").mean()
    assert abs(naive - true_precision) > 0.05


def test_estimate_without_labels_is_not_made_up():
    frame = pd.DataFrame(
        {"probability": [0.2, 0.95], "linked": [False, True], "label": [None, None]}
    )
    result = estimate_precision_recall(frame)
    assert result["precision"] is None and result["recall"] is None
    assert [b["pairs"] for b in result["bins"]] == [1, 1]


def test_agreement_on_double_reviewed_pairs_over_http(workspace):
    first, second = make_clients(workspace, 2, double_review_percent=100)
    tokens = [login(first, "rita"), login(second, "rami")]
    for _ in range(6):
        for client, token, label in ((first, tokens[0], "match"), (second, tokens[1], "match")):
            pair = client.post("/api/next", json={}, headers={"x-csrf-token": token}).json()["pair"]
            assert (
                client.post(
                    "/api/labels", json={**pair, "label": label}, headers={"x-csrf-token": token}
                ).status_code
                == 200
            )
    agreement = first.get("/api/progress").json()["agreement"]
    assert agreement["double_reviewed"] >= 4
    assert agreement["agreed"] == agreement["double_reviewed"]
    page = first.get("/progress").text
    assert "Cohen" in page and 'id="pairs-reviewed">' in page
