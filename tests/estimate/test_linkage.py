"""Linkage uncertainty: calibration, error rates, clustering draws, and the pooled estimate."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.special import expit, logit

from recount.estimate.linkage import (
    apply_recalibration,
    build_graph,
    capture_frame,
    corrected_patterns,
    fit_recalibration,
    model_error_rates,
    one_to_one_scale,
)
from recount.estimate.linkage_stage import estimate_with_linkage, linkage_share
from recount.estimate.workspace import stratum_tasks
from recount.settings import EstimateSettings

LISTS = ["a", "b", "c", "d"]


def world(people: int, missed: float, seed: int = 3, p_missed: float = 0.9, p_linked: float = 0.99):
    """People captured independently by four lists; a share `missed` of the records that
    should join another are left as their own person, with a scored pair of probability
    `p_missed` to the record they belong with. Returns the link tables and the truth."""
    rng = np.random.default_rng(seed)
    caught = rng.random((people, len(LISTS))) < np.array([0.45, 0.4, 0.35, 0.5])
    caught = caught[caught.any(axis=1)]
    records, pairs = [], []
    for i, row in enumerate(caught):
        on = [LISTS[j] for j in np.flatnonzero(row)]
        ids = [f"{s}:{i}" for s in on]
        split = len(ids) > 1 and rng.random() < missed
        for k, (source, rid) in enumerate(zip(on, ids, strict=True)):
            person = f"P{i:06d}" + ("x" if split and k == len(ids) - 1 else "")
            records.append((rid, source, person))
        for k in range(1, len(ids)):
            left, right = sorted((ids[0], ids[k]))
            last = split and k == len(ids) - 1
            pairs.append((left, right, p_missed if last else p_linked))
    record_person = pd.DataFrame(records, columns=["record_id", "source_id", "person_id"])
    pairs = pd.DataFrame(pairs, columns=["record_id_l", "record_id_r", "match_probability"])
    persons = persons_from(record_person)
    return record_person, pairs, persons, len(caught)


def persons_from(record_person: pd.DataFrame) -> pd.DataFrame:
    wide = pd.crosstab(record_person["person_id"], record_person["source_id"]) > 0
    wide = wide.reindex(columns=LISTS, fill_value=False)
    wide.columns = [f"in_{c}" for c in wide.columns]
    return wide.reset_index()


def test_certain_probabilities_reproduce_the_single_clustering():
    record_person, pairs, persons, _ = world(800, 0.0, p_linked=1.0)
    # A pair across people with probability 0 never joins them.
    pairs = pd.concat(
        [pairs, pd.DataFrame([("a:1", "b:2", 0.0)], columns=pairs.columns)], ignore_index=True
    )
    graph = build_graph(record_person, pairs, LISTS)
    expected = pd.factorize(graph.person)[0]
    for seed in range(5):
        labels = graph.draw(np.random.default_rng(seed))
        assert (pd.factorize(labels)[0] == expected).all()
    frame = capture_frame(
        graph, graph.draw(np.random.default_rng(0)), persons.set_index("person_id"), []
    )
    assert len(frame) == len(persons)
    assert (
        frame[[f"in_{s}" for s in LISTS]].sum().tolist()
        == persons.filter(like="in_").sum().tolist()
    )


def test_a_missed_link_joins_people_as_often_as_its_probability():
    record_person = pd.DataFrame(
        [("a:1", "a", "P1"), ("b:1", "b", "P2")], columns=["record_id", "source_id", "person_id"]
    )
    pairs = pd.DataFrame(
        [("a:1", "b:1", 0.3)], columns=["record_id_l", "record_id_r", "match_probability"]
    )
    graph = build_graph(record_person, pairs, LISTS)
    rng = np.random.default_rng(1)
    joined = np.mean([graph.draw(rng).max() == 0 for _ in range(4000)])
    assert joined == pytest.approx(0.3, abs=0.03)


def test_a_pair_the_clustering_refused_at_its_threshold_stays_apart_unless_labelled():
    """Namesakes of one list (a:1, a:2) and a cross-list pair (a:3, b:3) scored above the
    threshold but left apart by the clustering were refused by a guard; the draws keep them
    apart. A pair below the threshold is still joined as often as its probability, and a
    label still joins a refused pair."""
    record_person = pd.DataFrame(
        [
            ("a:1", "a", "P1"),
            ("a:2", "a", "P2"),
            ("a:3", "a", "P3"),
            ("b:3", "b", "P4"),
            ("a:5", "a", "P5"),
            ("c:5", "c", "P6"),
        ],
        columns=["record_id", "source_id", "person_id"],
    )
    pairs = pd.DataFrame(
        [("a:1", "a:2", 0.95), ("a:3", "b:3", 0.9), ("a:5", "c:5", 0.3)],
        columns=["record_id_l", "record_id_r", "match_probability"],
    )
    graph = build_graph(record_person, pairs, LISTS, threshold=0.5)
    rng = np.random.default_rng(2)
    at = {record: i for i, record in enumerate(graph.record_ids)}

    def together(draws, a, b):
        return draws[:, at[a]] == draws[:, at[b]]

    draws = np.array([graph.draw(rng) for _ in range(3000)])
    assert not together(draws, "a:1", "a:2").any() and not together(draws, "a:3", "b:3").any()
    assert np.mean(together(draws, "a:5", "c:5")) == pytest.approx(0.3, abs=0.03)
    labels = pd.DataFrame(
        [("a:3", "b:3", "match")], columns=["record_id_l", "record_id_r", "label"]
    )
    labelled = build_graph(record_person, pairs, LISTS, labels, threshold=0.5)
    assert together(np.array([labelled.draw(rng) for _ in range(50)]), "a:3", "b:3").all()


def test_a_pair_the_guards_refuse_on_its_own_records_stays_apart_below_the_threshold():
    """Brothers on one list (a:1, a:2) scored 0.4, below the threshold: the link stage's guards
    refuse their two records (`pairs.guard` 'given'), so no threshold would link them and no
    draw does; an unguarded pair at the same probability (a:5, a:6) joins as often as it says,
    and a label still joins a guarded pair."""
    record_person = pd.DataFrame(
        [("a:1", "a", "P1"), ("a:2", "a", "P2"), ("a:5", "a", "P5"), ("a:6", "a", "P6")],
        columns=["record_id", "source_id", "person_id"],
    )
    pairs = pd.DataFrame(
        [("a:1", "a:2", 0.4, "given"), ("a:5", "a:6", 0.4, None)],
        columns=["record_id_l", "record_id_r", "match_probability", "guard"],
    )
    graph = build_graph(record_person, pairs, LISTS, threshold=0.5)
    at = {record: i for i, record in enumerate(graph.record_ids)}
    rng = np.random.default_rng(4)
    draws = np.array([graph.draw(rng) for _ in range(3000)])
    assert not (draws[:, at["a:1"]] == draws[:, at["a:2"]]).any()
    assert np.mean(draws[:, at["a:5"]] == draws[:, at["a:6"]]) == pytest.approx(0.4, abs=0.03)
    errors = model_error_rates(graph)
    assert errors["expected_missed_links"].sum() == pytest.approx(0.4)
    # nor does a lower link threshold, as the link stage would not (the sensitivity chart)
    lower = graph.at_threshold(0.3, 0.5)
    assert lower[at["a:1"]] != lower[at["a:2"]] and lower[at["a:5"]] == lower[at["a:6"]]
    labels = pd.DataFrame(
        [("a:1", "a:2", "match")], columns=["record_id_l", "record_id_r", "label"]
    )
    labelled = build_graph(record_person, pairs, LISTS, labels, threshold=0.5)
    linked = np.array([labelled.draw(rng) for _ in range(50)])
    assert (linked[:, at["a:1"]] == linked[:, at["a:2"]]).all()


def test_a_weak_link_inside_a_person_splits_it_as_often_as_it_fails():
    record_person = pd.DataFrame(
        [("a:1", "a", "P1"), ("b:1", "b", "P1")], columns=["record_id", "source_id", "person_id"]
    )
    pairs = pd.DataFrame(
        [("a:1", "b:1", 0.8)], columns=["record_id_l", "record_id_r", "match_probability"]
    )
    graph = build_graph(record_person, pairs, LISTS)
    rng = np.random.default_rng(2)
    split = np.mean([graph.draw(rng).max() == 1 for _ in range(4000)])
    assert split == pytest.approx(0.2, abs=0.03)


def test_a_link_a_rule_made_below_the_threshold_holds_as_a_link_at_the_threshold():
    """a:1 and b:1 are one person though their pair scored 0.1, below the threshold 0.5: a
    rule of the link stage joined them, not the score, so the draws keep them together as
    often as a link at the threshold. Inside a:2, b:2, c:2 the weak pair a:2-c:2 joins
    nothing the strong ones do not already join: it keeps its score."""
    record_person = pd.DataFrame(
        [
            ("a:1", "a", "P1"),
            ("b:1", "b", "P1"),
            ("a:2", "a", "P2"),
            ("b:2", "b", "P2"),
            ("c:2", "c", "P2"),
        ],
        columns=["record_id", "source_id", "person_id"],
    )
    pairs = pd.DataFrame(
        [("a:1", "b:1", 0.1), ("a:2", "b:2", 0.99), ("b:2", "c:2", 0.99), ("a:2", "c:2", 0.1)],
        columns=["record_id_l", "record_id_r", "match_probability"],
    )
    graph = build_graph(record_person, pairs, LISTS, threshold=0.5)
    assert graph.probability.tolist() == pytest.approx([0.5, 0.99, 0.99, 0.1])
    at = {record: i for i, record in enumerate(graph.record_ids)}
    rng = np.random.default_rng(5)
    draws = np.array([graph.draw(rng) for _ in range(3000)])
    assert np.mean(draws[:, at["a:1"]] == draws[:, at["b:1"]]) == pytest.approx(0.5, abs=0.03)
    # without a threshold nothing tells a rule's link from a weak one: the score decides
    plain = build_graph(record_person, pairs, LISTS)
    assert plain.probability[0] == pytest.approx(0.1)
    labels = pd.DataFrame(
        [("a:1", "b:1", "non_match")], columns=["record_id_l", "record_id_r", "label"]
    )
    broken = build_graph(record_person, pairs, LISTS, labels, threshold=0.5)
    apart = np.array([broken.draw(rng) for _ in range(50)])
    assert (apart[:, at["a:1"]] != apart[:, at["b:1"]]).all()


def test_review_labels_are_certain_in_every_draw():
    record_person = pd.DataFrame(
        [("a:1", "a", "P1"), ("b:1", "b", "P1"), ("c:1", "c", "P2")],
        columns=["record_id", "source_id", "person_id"],
    )
    pairs = pd.DataFrame(
        [("a:1", "b:1", 0.5), ("a:1", "c:1", 0.5)],
        columns=["record_id_l", "record_id_r", "match_probability"],
    )
    labels = pd.DataFrame(
        [("a:1", "b:1", "match"), ("c:1", "a:1", "non_match")],
        columns=["record_id_l", "record_id_r", "label"],
    )
    graph = build_graph(record_person, pairs, LISTS, labels)
    rng = np.random.default_rng(3)
    for _ in range(200):
        labels_drawn = graph.draw(rng)
        assert labels_drawn[0] == labels_drawn[1] and labels_drawn[2] != labels_drawn[0]


def test_one_record_never_joins_two_records_of_one_list():
    """a:1 scores 0.9 against two records of list b (namesakes): at most one can be it."""
    record_person = pd.DataFrame(
        [("a:1", "a", "P1"), ("b:1", "b", "P2"), ("b:2", "b", "P3")],
        columns=["record_id", "source_id", "person_id"],
    )
    pairs = pd.DataFrame(
        [("a:1", "b:1", 0.9), ("a:1", "b:2", 0.9)],
        columns=["record_id_l", "record_id_r", "match_probability"],
    )
    graph = build_graph(record_person, pairs, LISTS)
    assert graph.probability == pytest.approx([9 / 19, 9 / 19])  # odds 9 each, and 'none' 1
    rng = np.random.default_rng(4)
    sizes = [np.bincount(graph.draw(rng)).max() for _ in range(500)]
    assert max(sizes) == 2 and min(sizes) == 1


def test_one_to_one_scale_shares_a_record_among_its_candidates_by_odds():
    left = np.array([0, 0, 1])
    right = np.array([2, 3, 4])
    sources_l = np.array([0, 0, 0])
    sources_r = np.array([1, 1, 2])
    # record 0 has two candidates on list 1: they and 'none' share one unit by their odds
    p = np.array([0.99, 0.5, 0.95])
    scaled = one_to_one_scale(left, right, sources_l, sources_r, p)
    assert scaled == pytest.approx([99 / 101, 1 / 101, 0.95])
    # a lone candidate keeps its probability; same-list pairs are left alone
    assert one_to_one_scale(
        left[2:], right[2:], sources_l[2:], sources_r[2:], p[2:]
    ) == pytest.approx([0.95])
    same = one_to_one_scale(left, right, sources_l, sources_l, p)
    assert same == pytest.approx(p)


def test_recalibration_recovers_an_over_confident_model():
    rng = np.random.default_rng(5)
    raw = rng.uniform(0.02, 0.999, 3000)
    truth = expit(-0.5 + 0.6 * logit(raw))  # the model is over-confident
    labels = (rng.random(3000) < truth).astype(float)
    fixed = apply_recalibration(raw, fit_recalibration(raw, labels))
    for lo, hi in ((0.5, 0.8), (0.8, 0.9), (0.9, 0.95)):
        band = (raw >= lo) & (raw < hi)
        assert fixed[band].mean() == pytest.approx(truth[band].mean(), abs=0.06)
        assert raw[band].mean() - truth[band].mean() > 0.05  # it was off
    assert fit_recalibration(raw[:10], labels[:10]) is None  # too few labels


def test_model_error_rates_add_up_the_probabilities():
    record_person, pairs, _, _ = world(2000, 0.1)
    graph = build_graph(record_person, pairs, LISTS)
    rates = model_error_rates(graph)
    within = graph.within
    assert rates["expected_false_links"].sum() == pytest.approx(
        np.sum(1 - graph.probability[within])
    )
    assert rates["expected_missed_links"].sum() == pytest.approx(np.sum(graph.probability[~within]))
    assert rates["linked_pairs"].sum() == int(within.sum())
    assert (rates["missed_link_rate_lower"] <= rates["missed_link_rate"]).all()
    assert (rates["missed_link_rate"] <= rates["missed_link_rate_upper"]).all()
    assert set(zip(rates["list_a"], rates["list_b"], strict=True)) <= {
        (x, y) for x in LISTS for y in LISTS if x <= y
    }


def settings(linkage_draws: int = 10, methods=("loglinear",), **more):
    return EstimateSettings.parse(
        {"methods": list(methods), "linkage_draws": linkage_draws, "workers": 1, "draws": 200}
        | more
    )


def run(record_person, pairs, persons, replicates: int, methods=("loglinear",), **more):
    chosen = settings(replicates, methods, **more)
    graph = build_graph(record_person, pairs, LISTS)

    def tasks(frame, columns, level, options):
        return stratum_tasks(frame, columns, LISTS, [], level, options)

    import recount.estimate.workspace as stage

    estimates, *_ = estimate_with_linkage(persons, graph, chosen, replicates, tasks, stage=stage)
    return estimates


def test_missed_links_move_the_total_down_toward_the_truth():
    """10% of multi-list people split in two, each split scored 0.9: the single clustering
    counts them twice and overshoots; the draws join nine in ten and land near the estimate
    on the true links."""
    truth_tables = world(6000, 0.0, p_linked=1.0)
    on_truth = run(*truth_tables[:3], 2)
    reference = on_truth.loc[on_truth["level"] == "total", "fixed_estimate"].iloc[0]
    record_person, pairs, persons, documented = world(6000, 0.10, p_linked=1.0)
    estimates = run(record_person, pairs, persons, 10)
    row = estimates[estimates["level"] == "total"].iloc[0]
    assert row["fixed_estimate"] > 1.05 * reference  # the false singletons inflate it
    assert abs(row["estimate"] - reference) < 0.25 * abs(row["fixed_estimate"] - reference)
    assert row["documented"] == len(persons) and len(persons) > documented


def test_certain_links_give_the_single_clustering_estimate():
    """With links that cannot be wrong the draws add nothing: no linkage share, same total."""
    record_person, pairs, persons, _ = world(3000, 0.0, p_linked=1.0)
    estimates = run(record_person, pairs, persons, 5)
    row = estimates[estimates["level"] == "total"].iloc[0]
    assert row["estimate"] == pytest.approx(row["fixed_estimate"])
    assert row["upper"] - row["lower"] <= 1.001 * (row["fixed_upper"] - row["fixed_lower"])
    assert row["linkage_share"] == pytest.approx(0.0, abs=0.01)


def test_uncertain_links_widen_the_interval_and_say_by_how_much():
    record_person, pairs, persons, _ = world(4000, 0.15, p_missed=0.5, p_linked=0.9)
    estimates = run(record_person, pairs, persons, 10)
    row = estimates[estimates["level"] == "total"].iloc[0]
    assert row["upper"] - row["lower"] > row["fixed_upper"] - row["fixed_lower"]
    assert 0 < row["linkage_share"] <= 1


def test_linkage_share_is_the_between_clustering_variance_share():
    z = 1.959963984540054
    # replicates spread with variance 4 (ddof 1), M = 2: (1 + 1/2) * 4 = 6 of a variance 24
    assert linkage_share(np.array([8.0, 10.0, 12.0, 10.0]), 2 * z * np.sqrt(24)) == pytest.approx(
        (1 + 1 / 4) * 8 / 3 / 24
    )
    assert linkage_share(np.array([5.0, 5.0, 5.0]), 10.0) == 0.0
    assert linkage_share(np.array([0.0, 100.0]), 1.0) == 1.0  # clipped
    assert linkage_share(None, 10.0) is None


def test_linkage_draws_setting_is_checked():
    from recount.errors import ConfigError
    from recount.settings.estimate import LINKAGE_DRAWS_AUTO

    assert EstimateSettings.parse({}).linkage_draws == LINKAGE_DRAWS_AUTO
    assert EstimateSettings.parse({"linkage_draws": "auto"}).linkage_draws == LINKAGE_DRAWS_AUTO
    assert EstimateSettings.parse({"linkage_draws": 0}).linkage_draws == 0
    assert EstimateSettings.parse({"linkage_draws": 20}).linkage_draws == 20
    for bad in (1, -2, "many", 2.5):
        with pytest.raises(ConfigError, match="linkage_draws"):
            EstimateSettings.parse({"linkage_draws": bad})


def test_a_known_missed_link_rate_moves_the_corrected_total_toward_the_truth():
    """Split people scored 0.9: the corrected table joins 90% of them in expectation, so it
    documents fewer people, and its log-linear total falls from the single clustering's to
    near the true links' total."""
    from recount.estimate.loglinear import LogLinear

    truth_tables = world(6000, 0.0, p_linked=1.0)
    record_person, pairs, persons, _ = world(6000, 0.10, p_linked=1.0)
    on_truth = corrected_patterns(build_graph(truth_tables[0], truth_tables[1], LISTS))
    graph = build_graph(record_person, pairs, LISTS)
    corrected = corrected_patterns(graph)
    observed = corrected_patterns(build_graph(record_person, pairs.iloc[:0], LISTS))
    assert observed["count"].sum() == len(persons)
    assert on_truth["count"].sum() < corrected["count"].sum() < observed["count"].sum()
    split = int((~graph.within).sum())
    # rounding each pattern to whole people costs a few
    assert observed["count"].sum() - corrected["count"].sum() == pytest.approx(
        0.9 * split, rel=0.03
    )

    def total(table):
        return LogLinear().fit(table).summary().iloc[0]["estimate"]

    reference, fixed, fixed_up = total(on_truth), total(observed), total(corrected)
    assert fixed > reference
    assert abs(fixed_up - reference) < 0.25 * abs(fixed - reference)


def test_false_links_move_the_corrected_total_up():
    record_person, pairs, persons, _ = world(3000, 0.0, p_linked=0.8)
    graph = build_graph(record_person, pairs, LISTS)
    corrected = corrected_patterns(graph)
    assert corrected["count"].sum() > len(persons)
    singles = corrected[corrected[LISTS].sum(axis=1) == 1]["count"].sum()
    assert singles > int((persons.filter(like="in_").sum(axis=1) == 1).sum())


def test_recalibration_from_links_near_one_does_not_bend_the_slope():
    """An audit of links sees nearly only p = 1: two false links in 150 must not turn a
    0.9 link into a coin toss."""
    p = np.full(150, 0.99999)
    labels = np.ones(150)
    labels[:2] = 0
    fixed = apply_recalibration(np.array([0.9, 0.99999]), fit_recalibration(p, labels))
    assert fixed[0] == pytest.approx(0.9)  # no label there: as the model said
    assert 0.97 < fixed[1] < 0.995


def test_audit_answers_become_labels_and_an_unscored_rate():
    """A singleton answered 'missed' with a record the model scored: that pair is a match and
    its other candidates non-matches; one answered with a record never scored: a pair is added,
    certain, and its list's unaudited singletons join someone at the audited rate."""
    from recount.estimate.linkage import audit_evidence

    record_person = pd.DataFrame(
        [
            ("a:1", "a", "P1"),
            ("b:1", "b", "P2"),
            ("b:2", "b", "P3"),
            ("a:2", "a", "P4"),
            ("c:1", "c", "P5"),
            ("a:3", "a", "P6"),
            ("c:2", "c", "P7"),
        ],
        columns=["record_id", "source_id", "person_id"],
    )
    pairs = pd.DataFrame(
        [("a:1", "b:1", 0.6), ("a:1", "b:2", 0.4)],
        columns=["record_id_l", "record_id_r", "match_probability"],
    )
    answered = pd.DataFrame(
        [
            ("singleton", "P1", None, None, "a", None, "missed", "b:2", "b", True),
            ("singleton", "P4", None, None, "a", None, "missed", "c:1", "c", False),
        ],
        columns=[
            "kind", "person_id", "record_id_l", "record_id_r", "list_a", "list_b",
            "answer", "match_record_id", "match_list", "scored",
        ],
    )  # fmt: skip
    evidence = audit_evidence(answered, record_person, pairs)
    labels = {(r.record_id_l, r.record_id_r): r.label for r in evidence.labels.itertuples()}
    assert labels == {
        ("a:1", "b:2"): "match",
        ("a:1", "b:1"): "non_match",
        ("a:2", "c:1"): "match",
    }
    assert list(map(tuple, evidence.unscored_pairs.to_numpy())) == [("a:2", "c:1")]
    assert evidence.unscored == {"a": {("c", True): 0.5}}  # c:1 was a singleton; c unaudited
    graph = build_graph(record_person, pairs, LISTS, audit=evidence)
    assert graph.audited_people.tolist() == [0, 3]  # P1 and P4
    at = {r: i for i, r in enumerate(graph.record_ids)}
    rng = np.random.default_rng(7)
    joined = 0
    for _ in range(400):
        drawn = graph.draw(rng)
        assert drawn[at["a:1"]] == drawn[at["b:2"]]  # always
        assert drawn[at["a:1"]] != drawn[at["b:1"]]  # never
        assert drawn[at["a:2"]] == drawn[at["c:1"]]  # always
        assert drawn[at["a:3"]] != drawn[at["c:1"]]  # c:1's person holds list a already
        joined += drawn[at["a:3"]] == drawn[at["c:2"]]  # a:3, unaudited, joins c:2's
    assert joined / 400 == pytest.approx(0.5, abs=0.08)


def test_guarded_pairs_stay_apart_when_the_audit_found_a_match_never_scored():
    """An audit's unscored match adds a pair to the graph; the guards of the scored pairs
    must survive it (on sparse simulated lists, seed 3001, they did not: 1,874 guarded pairs
    came back at the model's probability and each draw made 80-120 false joins)."""
    from recount.estimate.linkage import audit_evidence

    record_person = pd.DataFrame(
        [("a:1", "a", "P1"), ("a:2", "a", "P2"), ("a:3", "a", "P3"), ("c:1", "c", "P4")],
        columns=["record_id", "source_id", "person_id"],
    )
    pairs = pd.DataFrame(
        [("a:1", "a:2", 0.45, "given")],
        columns=["record_id_l", "record_id_r", "match_probability", "guard"],
    )
    answered = pd.DataFrame(
        [("singleton", "P3", None, None, "a", None, "missed", "c:1", "c", False)],
        columns=[
            "kind", "person_id", "record_id_l", "record_id_r", "list_a", "list_b",
            "answer", "match_record_id", "match_list", "scored",
        ],
    )  # fmt: skip
    evidence = audit_evidence(answered, record_person, pairs)
    assert len(evidence.unscored_pairs) == 1
    graph = build_graph(record_person, pairs, LISTS, audit=evidence, threshold=0.5)
    at = {r: i for i, r in enumerate(graph.record_ids)}
    rng = np.random.default_rng(5)
    draws = np.array([graph.draw(rng) for _ in range(300)])
    assert not (draws[:, at["a:1"]] == draws[:, at["a:2"]]).any()
    assert (draws[:, at["a:3"]] == draws[:, at["c:1"]]).all()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_missed_matches_between_singletons_are_joined_once_not_once_from_each_side(seed):
    """400 singletons on list a and 400 on list b, 100 of each pair truly one person, never
    scored; 100 audited singletons of each list answered from the truth. Each such match is
    seen from both lists' audits: the draws must join about 100 pairs, not 200 (700 people)."""
    from recount.estimate.linkage import audit_evidence

    rng = np.random.default_rng(seed)
    n, matched = 400, 100
    record_person = pd.DataFrame(
        [(f"a:{i}", "a", f"A{i}") for i in range(n)] + [(f"b:{i}", "b", f"B{i}") for i in range(n)],
        columns=["record_id", "source_id", "person_id"],
    )
    partner_of = {f"A{i}": f"b:{i}" for i in range(matched)}
    partner_of |= {f"B{i}": f"a:{i}" for i in range(matched)}
    audited = [f"A{i}" for i in rng.choice(n, 100, replace=False)]
    audited += [f"B{i}" for i in rng.choice(n, 100, replace=False)]
    answered = pd.DataFrame(
        [
            (
                "singleton",
                person,
                person[0].lower(),
                "missed" if person in partner_of else "none",
                partner_of.get(person),
                partner_of[person][0] if person in partner_of else None,
                False if person in partner_of else None,
            )
            for person in audited
        ],
        columns=[
            "kind", "person_id", "list_a", "answer", "match_record_id", "match_list", "scored",
        ],
    )  # fmt: skip
    pairs = pd.DataFrame(columns=["record_id_l", "record_id_r", "match_probability"])
    evidence = audit_evidence(answered, record_person, pairs)
    assert set(evidence.unscored) == {"a", "b"}
    graph = build_graph(record_person, pairs, LISTS, audit=evidence)
    people = np.mean([graph.draw(rng).max() + 1 for _ in range(200)])
    assert people == pytest.approx(2 * n - matched, abs=25)
    table = corrected_patterns(graph)
    assert table["count"].sum() == pytest.approx(2 * n - matched, abs=25)


def test_a_singleton_answer_counts_only_while_the_person_is_one_lists_alone():
    from recount.estimate.linkage import audit_evidence

    record_person = pd.DataFrame(
        [("a:1", "a", "P1"), ("c:1", "c", "P1"), ("a:2", "a", "P2"), ("c:2", "c", "P3")],
        columns=["record_id", "source_id", "person_id"],
    )  # a relink joined P1's a:1 with c:1 after the audit
    answered = pd.DataFrame(
        [
            ("singleton", "P1", "a", "missed", "c:1", "c", False),
            ("singleton", "P2", "a", "none", None, None, None),
        ],
        columns=[
            "kind", "person_id", "list_a", "answer", "match_record_id", "match_list", "scored",
        ],
    )  # fmt: skip
    pairs = pd.DataFrame(columns=["record_id_l", "record_id_r", "match_probability"])
    evidence = audit_evidence(answered, record_person, pairs)
    assert evidence.audited_people == ["P2"]
    assert evidence.unscored == {}  # P1's answer is stale; P2 had no match


def lcmcr_run(record_person, pairs, persons, replicates: int, monkeypatch, K: int = 1):
    """The stage with LCMCR alone (one class: these lists are independent, and it mixes
    fast), recording every table it estimates (workers = 1: in this process) and each
    pooled row's replicate results; 2,000 pooled draws so the intervals' ends are steady."""
    import recount.estimate.linkage_stage as linkage_stage
    from recount.estimate import strata

    calls, pooled = [], {}
    real, pool = strata.run_stratum, linkage_stage._pool_method

    def recording(task):
        result = real(task)
        calls.append((task, result, result.methods[0].stopped))
        return result

    def pooling(name, replicas, *args):
        pooled[name] = replicas
        return pool(name, replicas, *args)

    monkeypatch.setattr(strata, "run_stratum", recording)
    monkeypatch.setattr(linkage_stage, "_pool_method", pooling)
    estimates = run(record_person, pairs, persons, replicates, methods=("lcmcr",), K=K, draws=2000)
    return estimates[estimates["level"] == "total"].iloc[0], calls, pooled["lcmcr"]


def width(row, prefix: str = "") -> float:
    return row[f"{prefix}upper"] - row[f"{prefix}lower"]


def test_each_replicate_is_its_own_fit_started_warm_and_burnt_in_against_autocorrelation(
    monkeypatch,
):
    """The single clustering runs first and keeps one state per replicate; replicate r's
    chains start from its r-th states (different draws of that posterior), burn in for
    REPLICATE_BURNIN_TIMES autocorrelation times of the single fit (iterations x chains /
    ESS), and run as one independent fit each. The pooled row's ESS adds the replicates',
    and its R-hat compares their chains within each replicate, against the single
    clustering's chains cut to their length."""
    from recount.estimate import mcmc_diagnostics
    from recount.estimate.linkage_stage import REPLICATE_BURNIN_TIMES
    from recount.settings.estimate import LCMCR_WARM_BURNIN

    record_person, pairs, persons, _ = world(2000, 0.15, p_missed=0.5, p_linked=0.9)
    row, calls, replicas = lcmcr_run(record_person, pairs, persons, 4, monkeypatch)
    (task, single, kept), *others = calls
    assert task.key == "total" and task.snapshots == 4 and not task.warm_starts
    fitted = single.methods[0]
    tau = fitted.sweeps * 4 / fitted.ess
    replicates = [(t, r) for t, r, _ in others if t.key.startswith("linkage")]
    assert [t.key for t, _ in replicates] == [f"linkage{r}:total" for r in range(4)]
    starts = set()
    for index, (block, result) in enumerate(replicates):
        start = block.warm_starts["lcmcr"]
        assert start.chains == kept.pick(index).chains
        starts.add(start.chains[0][0][0].tobytes())
        burnin = max(LCMCR_WARM_BURNIN[start.sampler], np.ceil(REPLICATE_BURNIN_TIMES * tau))
        assert block.options.lcmcr.burnin == burnin
        own = result.methods[0]
        assert own.chains.shape[0] == 4 and own.rhat is not None and own.ess > 0
    assert len(starts) == 4  # every replicate from other states
    logs = [np.log(m.chains) for m in replicas]
    against, _ = mcmc_diagnostics.rhat_against(logs, np.log(fitted.chains))
    assert row["rhat"] == pytest.approx(against)
    assert row["ess"] == pytest.approx(sum(m.ess for m in replicas))


@pytest.mark.parametrize("seed", [3, 4, 5])
def test_uncertain_links_widen_lcmcr_by_the_spread_between_clusterings(seed, monkeypatch):
    """Note 67's world (15% of people split, pairs of probability 0.5; links of 0.9): each
    replicate is its own fit, so the pooled interval carries the spread between the
    clusterings' posteriors, Rubin's W + (1 + 1/M) B on the log scale, and is wider than
    the single clustering's, as log-linear's is under Rubin's rules (one chain through the
    replicates' tables averaged them: 0.73-1.23x, note 67)."""
    tables = world(4000, 0.15, seed=seed, p_missed=0.5, p_linked=0.9)
    row, _, replicas = lcmcr_run(*tables[:3], 6, monkeypatch)
    logs = [np.log(m.draws) for m in replicas]
    within = np.mean([values.var() for values in logs])
    between = np.var([values.mean() for values in logs], ddof=1)
    rubin = within + (1 + 1 / 6) * between
    spread = (np.log(row["upper"]) - np.log(row["lower"])) / (2 * 1.959963984540054)
    assert spread**2 == pytest.approx(rubin, rel=0.15)
    assert between > 0.05 * within and row["linkage_share"] > 0.05
    assert width(row) > 1.2 * width(row, "fixed_")
    loglinear = run(*tables[:3], 6)
    loglinear = loglinear[loglinear["level"] == "total"].iloc[0]
    assert width(loglinear) > 1.5 * width(loglinear, "fixed_")


@pytest.mark.parametrize("seed", [3, 4, 5])
def test_certain_links_add_no_width_to_lcmcr(seed, monkeypatch):
    """Every replicate's table is the single clustering's: the independent fits agree up to
    Monte Carlo error, and the pooled interval is the single clustering's within 10%."""
    record_person, pairs, persons, _ = world(4000, 0.0, seed=seed, p_linked=1.0)
    row, _, _ = lcmcr_run(record_person, pairs, persons, 6, monkeypatch)
    assert 0.9 < width(row) / width(row, "fixed_") <= 1.1
    assert row["linkage_share"] < 0.1


def test_rubin_spread_gives_the_mixture_rubins_variance():
    """M replicates' draws pooled after `rubin_spread`: on the log scale their variance is
    the replicates' mean variance plus (1 + 1/M) times their centres' variance (ddof 1);
    the centres' mean and each replicate's spread are kept."""
    from recount.estimate.linkage_stage import rubin_spread

    rng = np.random.default_rng(1)
    centres = np.array([8.0, 8.2, 8.1, 7.9, 8.3])
    blocks = [np.exp(rng.normal(c, 0.05, 4000)) for c in centres]
    spread = [np.log(b) for b in rubin_spread(blocks)]
    logs = [np.log(b) for b in blocks]
    within = np.mean([v.var() for v in logs])
    between = np.var([v.mean() for v in logs], ddof=1)
    pooled = np.concatenate(spread)
    assert pooled.var() == pytest.approx(within + (1 + 1 / 5) * between, rel=1e-9)
    assert pooled.mean() == pytest.approx(np.concatenate(logs).mean())
    assert [v.std() for v in spread] == pytest.approx([v.std() for v in logs])
    assert rubin_spread(blocks[:1])[0] is blocks[0]


@pytest.mark.slow
def test_pooled_diagnostics_compare_chains_within_their_replicate():
    from recount.estimate.linkage_stage import replicate_diagnostics
    from recount.estimate.methods import MethodResult

    template = MethodResult("lcmcr", "ok", rhat=1.5, ess=10.0)
    parts = [MethodResult("lcmcr", "ok", rhat=r, ess=e) for r, e in [(1.0, 300), (1.02, 200)]]
    rhat, ess, disagree = replicate_diagnostics(parts, template)
    assert rhat == pytest.approx(np.sqrt((1.0 + 1.02**2) / 2)) and ess == 500 and disagree
    exact = [MethodResult("dga", "ok"), MethodResult("dga", "ok")]  # no chains to compare
    assert replicate_diagnostics(exact, template) == (1.5, 10.0, False)


def stratified_run(region_of, monkeypatch, replicates: int = 3, **more):
    """The stage on two regions with loglinear and dga, recording each round's tasks."""
    import recount.estimate.linkage_stage as linkage_stage
    import recount.estimate.workspace as stage

    record_person, pairs, persons, _ = world(4000, 0.15, p_missed=0.5, p_linked=0.9)
    number = persons["person_id"].str.slice(1, 7).astype(int)
    persons = persons.assign(region=number.map(region_of))
    chosen = settings(replicates, ("loglinear", "dga"), strata=["region"], **more)
    graph = build_graph(record_person, pairs, LISTS)
    rounds = []
    real = linkage_stage.run_tasks

    def recording(tasks, *args):
        rounds.append(list(tasks))
        return real(tasks, *args)

    def tasks(frame, columns, level, options):
        return stratum_tasks(frame, columns, LISTS, ["region"], level, options)

    monkeypatch.setattr(linkage_stage, "run_tasks", recording)
    monkeypatch.setattr(stage, "run_tasks", recording)  # the single clustering's round
    estimates, *_ = estimate_with_linkage(persons, graph, chosen, replicates, tasks, stage=stage)
    return estimates, rounds


def replicate_tasks(items) -> list:
    """The replicate tasks of a round (their keys start with the replicate's prefix)."""
    from recount.estimate.linkage_stage import REPLICATE_PREFIX

    return [t for t in items if t.key.startswith(REPLICATE_PREFIX)]


def test_a_pooled_headline_replicates_only_the_pooled_table(monkeypatch):
    """A region too small to estimate makes the sum over strata a floor, so the headline is
    the pooled table's: only it is estimated on each clustering (every method); the strata
    keep the single clustering's figures and say so (nothing beside them)."""
    # About 60 people (over 1% of them: the headline then leaves the sum, note 83), under
    # min_records.
    estimates, (_, second) = stratified_run(
        lambda n: "small" if n < 60 else "big", monkeypatch, min_records=100
    )
    replicated = replicate_tasks(second)
    assert sorted({t.level for t in replicated}) == ["total_pooled"] and len(replicated) == 3
    assert all(t.options.methods == ("loglinear", "dga") for t in replicated)
    pooled = estimates[estimates["level"] == "total_pooled"]
    assert pooled["fixed_estimate"].notna().all() and pooled["linkage_share"].notna().all()
    summed = estimates[estimates["level"].isin(["stratum", "total"])]
    assert summed["fixed_estimate"].isna().all() and summed["linkage_share"].isna().all()
    head = estimates[(estimates["level"] == "total") & (estimates["method"] == "dga")].iloc[0]
    assert "includes_not_estimable_strata" in head["flag"]


def test_a_summed_headline_replicates_the_strata_for_its_method_only(monkeypatch):
    """Where every region is estimable the headline is dga's sum over them: the strata are
    estimated on each clustering with dga alone, and the sum carries the linkage draws."""
    estimates, (_, second) = stratified_run(lambda n: "even" if n % 2 else "odd", monkeypatch)
    strata = [t for t in replicate_tasks(second) if t.level == "stratum"]
    assert len(strata) == 3 * 2 and all(t.options.methods == ("dga",) for t in strata)
    rows = estimates.set_index(["level", "method", "region"], drop=False)
    for level, region in (("stratum", "even"), ("stratum", "odd"), ("total", None)):
        dga = rows.loc[(level, "dga", region)]
        loglinear = rows.loc[(level, "loglinear", region)]
        assert pd.notna(dga["fixed_estimate"]) and 0 <= dga["linkage_share"] <= 1
        assert "linkage draws" in dga["reason"] or level == "total"
        assert pd.isna(loglinear["fixed_estimate"])  # the single clustering's own row
        assert "linkage draws" not in str(loglinear["reason"])


def warm_replicates(seed: int, replicates: int, far: int):
    """The stage's own runs on a world's table: the single clustering's LCMCR fit keeping
    one state per replicate, then `replicates` independent warm fits (`replicate_options`,
    `replicate_lcmcr`, `WarmStart.pick`) on the same table, except the first, whose table
    has `far` times the singletons. Returns the single fit's result and the replicates'."""
    from dataclasses import replace

    from recount.estimate.linkage_stage import replicate_lcmcr, replicate_options
    from recount.estimate.strata import run_stratum

    options = EstimateSettings.parse(
        {
            "methods": ["lcmcr"],
            "K": 1,
            "draws": 2000,
            "workers": 1,
            "lcmcr": {"burnin": 1000, "draws": 1000, "n_jobs": 1},
        }
    )
    persons = world(1000, 0.15, seed=seed, p_missed=0.5, p_linked=0.9)[2]
    alone = persons[persons.filter(like="in_").sum(axis=1) == 1]
    distant = pd.concat(
        [persons] + [alone.assign(person_id=alone["person_id"] + f"x{i}") for i in range(far - 1)]
    )
    (single,) = stratum_tasks(persons, (), LISTS, [], "total", options)
    single.snapshots = replicates
    fixed = run_stratum(single)
    fitted = fixed.methods[0]
    small = replicate_options(options, replicates)
    lcmcr = replicate_lcmcr(options, small.lcmcr, fitted, fitted.stopped.sampler, replicates)
    parts = []
    for r in range(replicates):
        (task,) = stratum_tasks(distant if r == 0 else persons, (), LISTS, [], "total", small)
        task.options = replace(small, lcmcr=lcmcr)
        task.warm_starts = {"lcmcr": fitted.stopped.pick(r)}
        parts.append(run_stratum(task))
    return fixed, parts, small


@pytest.mark.parametrize("seed", [3, 4])
def test_a_replicate_that_has_not_converged_flags_the_pooled_row(seed):
    """Replicates of the single clustering's own table, started from its states, pool
    unflagged; one of eight whose table has ten times the singletons (its chains start far
    from its posterior and mix slowly there: alone, R-hat above 1.1) flags the pooled row,
    though the seven others hold most of the draws."""
    from recount.estimate.linkage_stage import pool_stratum

    fixed, parts, small = warm_replicates(seed, 8, far=1)
    pooled = pool_stratum(fixed, parts, small, 8).methods[0]
    assert "poor_convergence" not in pooled.flags and pooled.rhat < 1.01
    fixed, parts, small = warm_replicates(seed, 8, far=10)
    assert parts[0].methods[0].rhat > 1.1
    pooled = pool_stratum(fixed, parts, small, 8).methods[0]
    assert "poor_convergence" in pooled.flags and pooled.rhat > 1.02


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_labels_among_pairs_kept_apart_bring_back_the_guards_misses_at_their_rate(seed):
    """400 singletons of list a each have a guarded pair (p 0.99) to a singleton of list b; 40
    of them are one person. Without labels no draw joins them; with 100 of them labelled from
    the truth the unlabelled ones join about as often as the labels found, while guarded pairs
    between two people of several lists stay apart (the audit never samples them)."""
    rng = np.random.default_rng(seed)
    n = 400
    one = np.zeros(n, dtype=bool)
    one[rng.choice(n, 40, replace=False)] = True
    records = [(f"a:{i}", "a", f"A{i}") for i in range(n)] + [
        (f"b:{i}", "b", f"B{i}") for i in range(n)
    ]
    # two people on lists c and d, whose guarded pair is never labelled
    records += [("c:0", "c", "C0"), ("d:0", "d", "C0"), ("c:1", "c", "C1"), ("d:1", "d", "C1")]
    record_person = pd.DataFrame(records, columns=["record_id", "source_id", "person_id"])
    pairs = pd.DataFrame(
        [(f"a:{i}", f"b:{i}", 0.99, "father") for i in range(n)]
        + [("c:0", "c:1", 0.99, "given"), ("d:0", "d:1", 0.99, "given")]
        + [("c:0", "d:0", 1.0, None), ("c:1", "d:1", 1.0, None)],
        columns=["record_id_l", "record_id_r", "match_probability", "guard"],
    )
    plain = build_graph(record_person, pairs, LISTS, threshold=0.5)
    assert plain.probability[:n].max() == 0.0
    labelled_ones = rng.choice(n, 100, replace=False)
    labels = pd.DataFrame(
        {
            "record_id_l": [f"a:{i}" for i in labelled_ones],
            "record_id_r": [f"b:{i}" for i in labelled_ones],
            "label": np.where(one[labelled_ones], "match", "non_match"),
        }
    )
    graph = build_graph(record_person, pairs, LISTS, labels, threshold=0.5)
    rest = np.setdiff1d(np.arange(n), labelled_ones)
    share = one[labelled_ones].mean()
    assert graph.probability[rest].mean() == pytest.approx(share, rel=1e-6)
    at = {record: i for i, record in enumerate(graph.record_ids)}
    draws = np.array([graph.draw(rng) for _ in range(200)])
    joined = np.mean(
        [draws[:, at[f"a:{i}"]] == draws[:, at[f"b:{i}"]] for i in rest], axis=0
    ).mean()
    assert joined == pytest.approx(share, abs=0.02)
    assert 0.03 < joined < 0.2
    assert not (draws[:, at["c:0"]] == draws[:, at["c:1"]]).any()
