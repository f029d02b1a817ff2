"""On simulated Syrian-like lists (simulate -> ingest -> normalize -> link): accuracy, recall of blocking."""

from __future__ import annotations

import math

import pytest

from recount import Project
from recount.link import link_workspace
from recount.link.evaluate import blocking_report, evaluate_record_person, read_truth
from recount.link.training import TrainedModel
from recount.simulate import simulate
from recount.workspace import Workspace

pytestmark = pytest.mark.slow
# the tests on the 1,500 people share a group (one worker builds them once); the sparse
# world's one test is no group, so the other worker can take it meanwhile
on_simulated = pytest.mark.xdist_group("link-simulated")


@pytest.fixture(scope="module")
def simulated(tmp_path_factory):
    root = tmp_path_factory.mktemp("sim")
    simulate(root, people=1500, sources=5, seed=11)
    ws = Workspace(root)
    Project(ws).ingest()
    Project(ws).normalize()
    result = link_workspace(ws)
    return ws, read_truth(root / "truth" / "records.csv"), result


@on_simulated
def test_people_are_found_accurately(simulated):
    ws, truth, result = simulated
    scores = evaluate_record_person(ws.table("record_person"), truth)
    assert scores["pairwise_f1"] >= 0.85
    assert scores["bcubed_f1"] >= 0.93
    assert abs(scores["unique_count_error"]) <= 0.05
    assert result.unidentified > 0


@on_simulated
def test_blocking_keeps_nearly_all_true_pairs(simulated):
    ws, truth, _ = simulated
    report = blocking_report(ws, truth)
    assert report["blocking_recall"] >= 0.95
    rules = report["blocking_rules"]
    assert rules and all(0 <= r["recall"] <= report["blocking_recall"] for r in rules)
    # no rule asks which token is the given or family name
    assert not any(part in r["rule"] for r in rules for part in ("given_key", "family_key"))


@on_simulated
def test_pairs_the_guards_refuse_lie_across_people_and_are_rarely_one_person(simulated):
    """`pairs.guard` marks pairs no threshold would link (the estimate's draws keep them
    apart): only pairs across people, and among them few of one true person."""
    ws, truth, _ = simulated
    pairs = ws.table("pairs")
    person = ws.table("record_person").set_index("record_id")["person_id"]
    true_id = truth.assign(
        record_id=truth["source_id"] + ":" + truth["source_row"].astype(int).astype(str)
    ).set_index("record_id")["person_id"]
    guarded = pairs[pairs["guard"].notna()]
    assert set(guarded["guard"]) <= {
        "given",
        "father",
        "family",
        "birth",
        "death",
        "conflict",
        "cannot_link",
    }
    assert len(guarded) >= 100
    assert (guarded["record_id_l"].map(person) != guarded["record_id_r"].map(person)).all()
    one = guarded["record_id_l"].map(true_id) == guarded["record_id_r"].map(true_id)
    assert one.mean() < 0.05
    summary = ws.table("link_summary").set_index("metric")["value"]
    below = pairs["match_probability"] < summary["threshold"]
    assert pairs.loc[below, "guard"].notna().any()


@on_simulated
def test_model_means_same_person_not_namesake(simulated):
    _, _, result = simulated
    weights = (
        TrainedModel.load(result.model_path).match_weights().set_index(["comparison", "level"])
    )
    weight = weights["match_weight"]
    # dates far apart and names that share nothing count against a match, and boundedly
    assert -8 < weight[("date_of_death", "All other comparisons")] < -3
    assert -8 < weight[("name", "All other comparisons")] < -3
    assert weight[("date_of_death", "same day")] > 5
    assert weight[("name", "same names, another order")] > 5
    assert not result.warnings


@on_simulated
def test_a_true_pair_with_any_one_field_wrong_still_links(simulated):
    """Every comparison's worst level costs a bounded weight: the rest, agreeing, carry the pair."""
    _, _, result = simulated
    trained = TrainedModel.load(result.model_path)
    weights = trained.match_weights()
    best = weights.groupby("comparison")["match_weight"].max()
    worst = weights.groupby("comparison")["match_weight"].min()
    prior = trained.settings["probability_two_random_records_match"]
    prior_weight = math.log2(prior / (1 - prior))
    threshold_weight = math.log2(result.threshold / (1 - result.threshold))
    for wrong in best.index:
        total = prior_weight + best.drop(wrong).sum() + worst[wrong]
        assert total > threshold_weight, wrong


@on_simulated
def test_a_full_name_only_one_person_carries_weighs_more_than_the_average_name(simulated):
    # Splink's term frequency counts the person's own copies: a name on two lists looked as
    # common as the average name (a negative adjustment); counted among other people it is rare
    ws, _, result = simulated
    weights = (
        TrainedModel.load(result.model_path).match_weights().set_index(["comparison", "level"])
    )
    level = weights.loc[("name", "same name, same order"), "match_weight"]
    link_input = ws.query(
        "select n.name_key, count(*) as n, count(distinct r.source_id) as lists "
        "from normalized n join records r using (record_id) group by n.name_key"
    )
    once_per_list = set(link_input.loc[(link_input.n == 2) & (link_input.lists == 2), "name_key"])
    pairs = ws.query(
        "select p.mw_name, l.name_key from pairs p "
        "join normalized l on l.record_id = p.record_id_l "
        "join normalized r on r.record_id = p.record_id_r where l.name_key = r.name_key"
    )
    rare = pairs[pairs["name_key"].isin(once_per_list)]
    assert len(rare) >= 20
    assert (rare["mw_name"] > level).all()


@on_simulated
def test_a_name_within_another_weighs_by_how_many_names_hold_it(simulated):
    # 'one name within the other' had one weight: a father's given and family name within his
    # son's full name weighed as a full name within the same name with a grandfather's added.
    # It now weighs the shorter name by how many other people's names hold it all.
    ws, _, _ = simulated
    pairs = ws.query(
        "select p.mw_name, l.name_tokens as l, r.name_tokens as r from pairs p "
        "join normalized l on l.record_id = p.record_id_l "
        "join normalized r on r.record_id = p.record_id_r"
    )
    names = [
        (set(filter(None, a)), set(filter(None, b)))
        for a, b in zip(pairs["l"], pairs["r"], strict=True)
    ]
    within = [
        min(len(a), len(b)) if a != b and (a <= b or b <= a) and min(len(a), len(b)) >= 2 else 0
        for a, b in names
    ]
    pairs = pairs.assign(shorter=within)
    two = pairs.loc[pairs["shorter"] == 2, "mw_name"]
    three = pairs.loc[pairs["shorter"] >= 3, "mw_name"]
    assert len(two) >= 20 and len(three) >= 20
    assert three.median() > two.median() + 1  # 1.6 bits on these 1,500 people
    assert two.nunique() > 5  # each shorter name its own weight


@pytest.fixture(scope="module")
def sparse(tmp_path_factory):
    root = tmp_path_factory.mktemp("sparse")
    simulate(root, people=3000, sources=5, seed=11, regime="sparse")
    ws = Workspace(root)
    Project(ws).ingest()
    Project(ws).normalize()
    return ws, read_truth(root / "truth" / "records.csv")


def test_the_prior_holds_where_a_list_gives_no_date(sparse):
    # one list gives no date of death, a fifth of the dates are years only, a third of the
    # fathers' names are missing: a rule of 'same names and same day' finds far fewer true
    # pairs than a fixed assumed recall says; the model's own m probabilities know how many
    ws, truth = sparse

    def prior(**overrides):
        result = link_workspace(ws, **overrides)
        return TrainedModel.load(result.model_path).settings["probability_two_random_records_match"]

    estimated = prior()
    linked = ws.table("record_person")
    linked = linked[linked["reason"].isna()]  # the records the model links
    people = linked.merge(truth, on=["source_id", "source_row"]).groupby("person_id_y").size()
    n = len(linked)
    true_prior = float((people * (people - 1) / 2).sum()) / (n * (n - 1) / 2)
    assert estimated == pytest.approx(true_prior, rel=0.35)
    assert prior(deterministic_recall=0.6) < true_prior / 2
