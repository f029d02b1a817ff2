"""Model averaging over decomposable graphs against R's dga on Kosovo, and the graph counts."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest

from recount.errors import InputError
from recount.estimate import DGA, decomposable_graphs
from recount.estimate.graphs import is_chordal


@pytest.mark.parametrize(("lists", "count"), [(2, 2), (3, 8), (4, 61), (5, 822)])
def test_decomposable_graph_counts_match_dga(lists, count):
    assert len(decomposable_graphs(lists)) == count


def test_chordality():
    square = ((0, 1), (1, 2), (2, 3), (0, 3))
    assert not is_chordal(4, square)
    assert is_chordal(4, square + ((0, 2),))
    pentagon = tuple((i, (i + 1) % 5) for i in range(5))
    assert not is_chordal(5, pentagon)


def test_junction_trees_are_consistent():
    for graph in decomposable_graphs(5):
        covered = set().union(*graph.cliques)
        assert covered == set(range(5))
        assert len(graph.separators) == len(graph.cliques) - 1
        for a, b in graph.edges:
            assert any({a, b} <= c for c in graph.cliques)
        for c1, c2 in itertools.combinations(graph.cliques, 2):
            assert not c1 <= c2


def test_kosovo_matches_r_dga(kosovo):
    fitted = DGA(delta=2**-4).fit(kosovo)
    summary = fitted.summary().iloc[0]
    # R's dga (delta 2^-4, prior 1/N): median 12,595, 95% interval 9,827 to 16,544.
    assert summary["estimate"] == pytest.approx(12595, abs=2)
    assert summary["lower"] == pytest.approx(9827, abs=2)
    assert summary["upper"] == pytest.approx(16544, abs=2)
    assert fitted.posterior_.sum() == pytest.approx(1.0)
    assert fitted.model_weights_["weight"].sum() == pytest.approx(1.0)
    assert fitted.model_weights_["graph"].iloc[0] == "EXH.ABA.OSCE + EXH.OSCE.HRW"


def test_default_delta_is_two_to_minus_lists(kosovo):
    assert DGA().fit(kosovo).delta_ == 2**-4


def test_draws_follow_the_posterior_and_the_seed(kosovo):
    first = DGA(draws=4000, seed=5).fit(kosovo)
    again = DGA(draws=4000, seed=5).fit(kosovo)
    np.testing.assert_array_equal(first.N_draws_, again.N_draws_)
    assert np.median(first.N_draws_) == pytest.approx(first.N_, rel=0.02)


def test_independent_lists_cover_the_truth():
    rng = np.random.default_rng(2)
    N = 3000
    captures = rng.random((N, 3)) < np.array([0.3, 0.4, 0.25])
    seen = captures[captures.any(axis=1)].astype(int)
    table = pd.DataFrame(seen, columns=list("abc")).value_counts().rename("count").reset_index()
    summary = DGA().fit(table).summary().iloc[0]
    assert summary["lower"] <= N <= summary["upper"]


def test_list_count_limits(kosovo):
    two = kosovo.groupby(["EXH", "ABA"], as_index=False)["count"].sum()
    two = two[(two["EXH"] + two["ABA"]) > 0]
    with pytest.raises(InputError, match="3 to 5"):
        DGA().fit(two)


def test_graphs_far_below_the_best_weigh_nothing_and_do_not_fail():
    """Lists a and b copy each other: graphs without the a-b edge lie thousands of log
    units below the best, their weight underflows to 0 (it failed with a math domain
    error once the graphs were summed in one pass)."""
    rng = np.random.default_rng(4)
    caught = rng.random((20_000, 5)) < [0.3, 0.3, 0.25, 0.3, 0.4]
    caught[:, 1] = np.where(rng.random(20_000) < 0.95, caught[:, 0], caught[:, 1])
    caught = caught[caught.any(axis=1)].astype(int)
    table = pd.DataFrame(caught, columns=list("abcde")).value_counts().rename("count")
    fitted = DGA().fit(table.reset_index())
    weights = fitted.model_weights_
    assert weights["weight"].sum() == pytest.approx(1.0)
    assert (weights["weight"] == 0).any()
    assert "a.b" in weights["graph"].iloc[0]
