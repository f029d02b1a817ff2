"""Linkage uncertainty through the product's path: simulate -> ingest -> normalize -> link ->
audit answered from the truth -> `recount estimate --linkage-draws`."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest
from typer.testing import CliRunner

from recount import Project
from recount.cli import app
from recount.errors import ConfigError
from recount.review import audit
from recount.workspace import Workspace

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("linkage-workspace")]

ESTIMATE = """
[estimate]
methods = ["loglinear"]
linkage_draws = 4
workers = 1
"""


@pytest.fixture(scope="module")
def linked(tmp_path_factory) -> Workspace:
    from recount.simulate import simulate

    root = tmp_path_factory.mktemp("linkage") / "ws"
    simulate(root, people=800, sources=4, seed=11)
    ws = Workspace(root)
    text = ws.config_path.read_text(encoding="utf-8")
    start = text.index("[estimate]")
    end = text.find("\n[", start + 1)
    text = text[:start] + ESTIMATE.strip() + ("\n" + text[end:] if end > 0 else "\n")
    ws.config_path.write_text(text, encoding="utf-8")
    project = Project(ws)
    project.ingest()
    project.normalize()
    project.link()
    return ws


def truth_of(ws: Workspace) -> pd.DataFrame:
    truth = pd.read_csv(ws.root / "truth" / "records.csv")
    return pd.DataFrame(
        {
            "record_id": truth["source_id"] + ":" + truth["source_row"].astype(str),
            "true_id": truth["person_id"],
        }
    )


def test_estimate_carries_linkage_and_an_audit(linked):
    result = CliRunner().invoke(app, ["estimate", "-w", str(linked.root), "--linkage-draws", "3"])
    assert result.exit_code == 0, result.output
    estimates = linked.table("estimates")
    total = estimates[estimates["level"] == "total"].iloc[0]
    assert total["lower"] <= total["estimate"] <= total["upper"]
    assert total["fixed_lower"] <= total["fixed_estimate"] <= total["fixed_upper"]
    assert 0 <= total["linkage_share"] <= 1
    errors = linked.table("linkage_errors")
    assert set(errors["basis"]) == {"model"}
    assert (errors["expected_missed_links"] >= 0).all()
    singletons = linked.table("linkage_singletons")
    assert sorted(singletons["list"]) == sorted(
        c.removeprefix("in_") for c in linked.table("persons").columns if c.startswith("in_")
    )
    assert singletons["audit_missed_share"].isna().all()
    corrected = linked.table("linkage_corrected")
    assert list(corrected["method"]) == ["loglinear"] and corrected["status"].eq("ok").all()
    sensitivity = linked.table("linkage_sensitivity")
    assert sensitivity["current"].sum() == 1
    low, high = sensitivity["threshold"].min(), sensitivity["threshold"].max()
    documented = sensitivity.set_index("threshold")["documented"]
    assert documented[low] <= documented[high]  # a lower threshold links more

    with linked.connect() as con:
        audit.ensure_schema(con)
        drawn = audit.draw_sample(con, singletons=80, links=80, seed=3)
        answered = audit.answer_from_truth(con, truth_of(linked))
    assert answered == drawn
    Project(linked).estimate()
    errors = linked.table("linkage_errors")
    audited = errors[errors["basis"] == "audit"]
    assert audited["audited"].sum() > 0
    assert audited["false_link_rate"].notna().any() or audited["missed_link_rate"].notna().any()
    singletons = linked.table("linkage_singletons")
    assert singletons["audit_missed_share"].notna().any()
    # the truth says which singletons have a missed match: the audit's share is the truth's
    # share among the audited, by construction of a perfect reviewer
    answers = audit.audit_results(linked)
    singles = answers[answers["kind"] == audit.SINGLETON]
    assert ((singles["answer"] == "missed") == singles["match_record_id"].notna()).all()


def test_linkage_draws_zero_is_the_single_clustering(linked):
    estimates = Project(linked).estimate(linkage_draws=0)
    total = estimates[estimates["level"] == "total"].iloc[0]
    assert pd.isna(total["linkage_share"]) and pd.isna(total["fixed_estimate"])


def test_bad_linkage_draws_flag_is_refused(linked):
    result = CliRunner().invoke(app, ["estimate", "-w", str(linked.root), "--linkage-draws", "1"])
    assert isinstance(result.exception, ConfigError)
    assert "linkage_draws" in str(result.exception)
    for word in ("sometimes", "2.5"):
        result = CliRunner().invoke(
            app, ["estimate", "-w", str(linked.root), "--linkage-draws", word]
        )
        assert isinstance(result.exception, ConfigError)
        assert f"got {word!r}" in str(result.exception)


def test_the_linkage_draws_flag_takes_auto_as_the_setting_does(linked, tmp_path):
    """`--linkage-draws auto` is the setting's own value: draws where labels can calibrate
    the probabilities (`auto_linkage_draws`), else the single clustering."""
    from recount.estimate.linkage_stage import auto_linkage_draws

    ws = Workspace(shutil.copytree(linked.root, tmp_path / "ws"))
    result = CliRunner().invoke(app, ["estimate", "-w", str(ws.root), "--linkage-draws", "auto"])
    assert result.exit_code == 0, result.output
    total = ws.table("estimates").query("level == 'total'").iloc[0]
    assert pd.isna(total["linkage_share"]) == (auto_linkage_draws(ws) == 0)


def test_auto_linkage_draws_wait_for_labels_that_can_calibrate_the_probabilities(linked, tmp_path):
    """`linkage_draws = "auto"` (the default): the single clustering until labels can calibrate
    the match probabilities (uncalibrated, the draws broke true links on lists that link badly:
    note 100), then AUTO_LINKAGE_DRAWS; answering the audit reruns `recount run`'s estimate."""
    import shutil

    from recount.estimate.linkage import MIN_CALIBRATION_LABELS
    from recount.estimate.linkage_stage import auto_linkage_draws
    from recount.pipeline import fingerprints
    from recount.settings.estimate import AUTO_LINKAGE_DRAWS

    ws = Workspace(shutil.copytree(linked.root, tmp_path / "ws"))
    config = ws.config_path.read_text(encoding="utf-8")
    ws.config_path.write_text(config.replace("linkage_draws = 4\n", ""), encoding="utf-8")
    with ws.connect() as con:
        con.execute("drop table if exists audit_answers")
        con.execute("drop table if exists audit_items")
    assert Workspace(ws.root).config.estimate.linkage_draws == "auto"
    assert auto_linkage_draws(ws) == 0
    total = Project(ws).estimate().query("level == 'total'").iloc[0]
    assert pd.isna(total["linkage_share"]) and pd.isna(total["fixed_estimate"])
    before = fingerprints(ws)["estimate"]
    with ws.connect() as con:
        audit.ensure_schema(con)
        audit.draw_sample(con, singletons=40, links=40, seed=5)
        audit.answer_from_truth(con, truth_of(ws), limit=MIN_CALIBRATION_LABELS - 1)
    assert auto_linkage_draws(ws) == 0
    with ws.connect() as con:
        audit.answer_from_truth(con, truth_of(ws), limit=1)
    assert auto_linkage_draws(ws) == AUTO_LINKAGE_DRAWS
    assert fingerprints(ws)["estimate"] != before
    total = Project(ws).estimate().query("level == 'total'").iloc[0]
    assert 0 <= total["linkage_share"] <= 1 and not pd.isna(total["fixed_estimate"])


def test_the_hierarchical_model_is_fitted_once_under_linkage_draws(linked, tmp_path):
    """With linkage draws on, `hlcmcr` is fitted on the single clustering (its rows keep that
    fit) while the other methods pool their replicates; it used to come out not estimable
    ('unknown method'), silently, and a pooled level's methods were paired by position."""
    ws = Workspace(shutil.copytree(linked.root, tmp_path / "ws"))
    config = ws.config_path.read_text(encoding="utf-8")
    config = config.replace(
        'methods = ["loglinear"]',
        'methods = ["hlcmcr", "loglinear"]\nstrata = ["year"]\npooled = ["total"]\ndraws = 100',
    )
    ws.config_path.write_text(
        config + "\n[estimate.hlcmcr]\nburnin = 50\ndraws = 25\nmax_sweeps = 75\n",
        encoding="utf-8",
    )
    estimates = Project(ws).estimate(linkage_draws=2)
    hierarchical = estimates[estimates["method"] == "hlcmcr"]
    assert set(hierarchical["level"]) == {"stratum", "total"}
    assert (hierarchical["status"] == "ok").all(), hierarchical["reason"].tolist()
    assert not hierarchical["reason"].fillna("").str.contains("pooled over").any()
    loglinear = estimates[(estimates["method"] == "loglinear") & (estimates["status"] == "ok")]
    assert loglinear["reason"].fillna("").str.contains("pooled over 2 linkage draws").any()
    pooled_total = estimates[estimates["level"] == "total_pooled"]
    assert set(pooled_total["method"]) == {"loglinear"}


def test_the_bench_perfect_links_keep_the_stage_strata(linked, tmp_path):
    """bench/estimate_linkage.py's truth-linked persons carry the strata (`--strata default`
    stopped there: a frame of capture columns alone has no governorate), and their capture
    columns are the truth's people of the identified records."""
    import importlib.util
    from pathlib import Path

    bench_path = Path(__file__).resolve().parents[2] / "bench" / "estimate_linkage.py"
    spec = importlib.util.spec_from_file_location("estimate_linkage_bench", bench_path)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    ws = Workspace(shutil.copytree(linked.root, tmp_path / "ws"))
    config = ws.config_path.read_text(encoding="utf-8")
    config = config.replace(
        'methods = ["loglinear"]', 'methods = ["loglinear"]\nstrata = ["governorate", "year"]'
    )
    ws.config_path.write_text(config, encoding="utf-8")
    persons = bench.true_persons(ws, ws.root)
    records = ws.table("record_person", ["record_id", "source_id", "person_id"]).dropna()
    truth = truth_of(ws).set_index("record_id")["true_id"]
    true_people = records.assign(true_id=truth.reindex(records["record_id"]).to_numpy())
    on_list = true_people.groupby("true_id")["source_id"].apply(set)
    assert len(persons) == len(on_list)
    for name in sorted(records["source_id"].unique()):
        expected = on_list.map(lambda sources, name=name: name in sources)
        got = persons.set_index("person_id")[f"in_{name}"].reindex(expected.index)
        assert (got.astype(bool) == expected).all()
    assert persons["governorate"].notna().any() and persons["date_of_death"].notna().any()
    assert persons["place_key"].notna().any()
    out = bench.perfect_links(ws, ws.root, 800, {"level": "total", "method": "loglinear"})
    assert out["documented"] == len(persons) and out["estimate"] >= len(persons)


def test_the_stage_reads_each_persons_place_where_it_draws_their_governorate(linked):
    """Where `governorate` is a stratum, the stage reads each person's place key (the one their
    records write most) from `normalized`, for the draw of an unknown governorate
    (recount.estimate.unknown_strata, note 248); other strata need no place."""
    from recount.estimate.unknown_strata import PLACE
    from recount.estimate.workspace import stratum_persons

    settings = linked.config.estimate.with_overrides(strata=["governorate", "year"])
    persons = stratum_persons(linked, settings, ids=True)
    written = linked.query(
        "select rp.person_id, n.place_key from record_person rp join normalized n "
        "using (record_id) where n.place_key is not null"
    )
    places = written.groupby("person_id")["place_key"].agg(set)
    placed = persons.set_index("person_id")[PLACE].dropna()
    assert len(placed) > len(persons) / 2
    assert all(key in places[person] for person, key in placed.items())
    assert set(persons.loc[persons[PLACE].isna(), "person_id"]).isdisjoint(places.index)
    by_year = stratum_persons(linked, settings.with_overrides(strata=["year"]))
    assert PLACE not in by_year.columns and "person_id" not in by_year.columns
