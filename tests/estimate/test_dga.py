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


def _heterogeneous_three_lists(seed: int, people: int = 2500) -> pd.DataFrame:
    """Three lists whose capture rises with each person's visibility (positive dependence
    among all three, as real lists have): the complete graph takes a share of the weight."""
    rng = np.random.default_rng(seed)
    visible = rng.uniform(0.2, 0.9, people)
    caught = rng.random((people, 3)) < visible[:, None] * np.array([1.0, 0.8, 0.65])
    seen = caught[caught.any(axis=1)].astype(int)
    return pd.DataFrame(seen, columns=list("abc")).value_counts().rename("count").reset_index()


@pytest.mark.parametrize("seed", [14, 15, 16])
def test_a_heavy_tailed_posterior_is_summed_as_on_every_integer(seed):
    """The complete graph on three lists gives the number missing a tail like n0^(delta-2):
    the grid widened to ~10^8 with points ~1,000 apart, each counted as one integer, and
    the point at 0 took nearly all the mass: N = the documented count, interval [n, n]
    (historical_50k in three lists). Every integer to 2,000,000 is the reference."""
    table = _heterogeneous_three_lists(seed)
    fitted = DGA().fit(table)
    graphs, exact = fitted._posterior(np.arange(0, 2_000_001, dtype=float))
    cdf = np.cumsum(exact)
    n = fitted.n_observed_
    for q, got in ((0.025, fitted.interval()[0]), (0.5, fitted.N_), (0.975, fitted.interval()[1])):
        want = n + float(np.searchsorted(cdf, q))
        assert got == pytest.approx(want, rel=0.01, abs=3), q
    weights = fitted.model_weights_.set_index("graph")["weight"]
    names = [g.name(fitted.lists_) for g in fitted._graphs]
    np.testing.assert_allclose(weights.loc[names].to_numpy(), graphs, atol=0.01)
    assert fitted.interval()[1] > n
