"""The whole flow on a small simulated conflict: simulate -> run -> report, and re-runs."""

from __future__ import annotations

import contextlib
import re
import shutil

import pandas as pd
import pytest
from typer.testing import CliRunner

from recount import workspace as workspace_module
from recount.cli import app
from recount.errors import ConfigError
from recount.pipeline import run_workspace
from recount.report import write_report
from recount.simulate import simulate
from recount.tables import LINK_SUMMARY_METRICS
from recount.workspace import Workspace

pytestmark = pytest.mark.slow
# One worker builds each shared world once (`--dist loadgroup`); the tests on a world of
# their own are no group, so the other worker can take them meanwhile.
flow_world = pytest.mark.xdist_group("flow")
two_lists = pytest.mark.xdist_group("flow-two-lists")


@pytest.fixture(scope="module")
def flow(tmp_path_factory):
    root = tmp_path_factory.mktemp("flow")
    simulate(root, people=1500, sources=4, seed=7)
    ws = Workspace(root)
    # two linkage draws keep the flow's cost near one estimate (20 by default: 1 + 20/4 times),
    # strata by year alone (a dozen) where governorate x year gives a hundred LCMCR fits, and
    # short chains: these tests check the flow's plumbing, not LCMCR's convergence (59 CPU-s
    # of estimate with the default run, 18 with this; the tutorial runs the default)
    config = ws.config_path.read_text(encoding="utf-8")
    config = config.replace('strata = ["governorate", "year"]', 'strata = ["year"]')
    config = config.replace("[estimate]\n", "[estimate]\nlinkage_draws = 2\n", 1)
    ws.config_path.write_text(
        config + "\n[estimate.lcmcr]\nburnin = 250\ndraws = 250\n", encoding="utf-8"
    )
    first = run_workspace(ws)
    return ws, first


@flow_world
def test_every_stage_runs_and_accounting_holds(flow):
    ws, first = flow
    ran = {s.stage: s.status for s in first.stages}
    assert (
        ran["ingest"]
        == ran["normalize"]
        == ran["link"]
        == ran["estimate"]
        == ran["report"]
        == "ran"
    )
    assert ran["claims"] == "skipped (no claims)"
    sources = ws.table("sources")
    assert (sources["rows_in"] == sources["records"] + sources["quarantined"]).all()
    truth = pd.read_csv(ws.root / "truth" / "records.csv")
    assert len(truth) == int(sources["rows_in"].sum())
    record_person = ws.table("record_person")
    assert len(record_person) == len(ws.table("records"))
    persons = ws.table("persons")
    assert persons["person_id"].is_unique
    assert set(record_person["person_id"].dropna()) == set(persons["person_id"])
    assert (ws.out_dir / "report.html").exists()


@flow_world
def test_the_report_says_what_the_link_stage_did_in_words(flow):
    """Every metric the link stage writes has words, and the report shows the words, not keys."""
    ws, _ = flow
    metrics = set(ws.table("link_summary")["metric"])
    assert {"records", "persons", "refused_given_names", "level_weight"} <= metrics
    assert metrics <= set(LINK_SUMMARY_METRICS)
    html = (ws.out_dir / "report.html").read_text(encoding="utf-8")
    section = html[html.index('id="linkage"') : html.index('id="linkage-uncertainty"')]
    assert LINK_SUMMARY_METRICS["refused_given_names"] in section
    assert LINK_SUMMARY_METRICS["level_weight"] in section
    for key in ("linkable_records", "refused_given_names", "links_used", "level_weight"):
        assert key not in section


@flow_world
def test_the_report_opens_the_database_twice_not_once_a_query(flow, monkeypatch):
    """The report's hundred queries read one open database (each open costs DuckDB about
    20 ms of CPU: 4.1 -> 1.1 CPU-s a report on a small world), and write the same report."""
    ws, _ = flow
    opened = []
    connect = workspace_module.duckdb.connect
    monkeypatch.setattr(
        workspace_module.duckdb, "connect", lambda *a, **k: opened.append(a) or connect(*a, **k)
    )
    write_report(ws)
    assert len(opened) <= 2, len(opened)
    held = (ws.out_dir / "report.html").read_text(encoding="utf-8")
    monkeypatch.setattr(Workspace, "reading", lambda self: contextlib.nullcontext())
    write_report(ws)
    assert len(opened) > 50  # a query, an open
    # the minute it was written, and vl-convert's gradient ids (a count in each process)
    volatile = re.compile(r"Generated [^<]*|gradient_\d+")
    plain = (ws.out_dir / "report.html").read_text(encoding="utf-8")
    assert volatile.sub("", held) == volatile.sub("", plain)


@flow_world
def test_unchanged_inputs_are_not_recomputed_and_from_forces(flow):
    ws, _ = flow
    persons_before = ws.table("persons").sort_values("person_id").reset_index(drop=True)
    again = run_workspace(ws)
    assert all(s.status.startswith("skipped") for s in again.stages)
    forced = run_workspace(ws, from_stage="link")
    statuses = {s.stage: s.status for s in forced.stages}
    assert statuses["ingest"].startswith("skipped") and statuses["normalize"].startswith("skipped")
    assert statuses["link"] == statuses["estimate"] == statuses["report"] == "ran"
    persons_after = ws.table("persons").sort_values("person_id").reset_index(drop=True)
    assert list(persons_after["person_id"]) == list(persons_before["person_id"])


@flow_world
def test_cli_run_and_export(flow, tmp_path):
    ws, _ = flow
    runner = CliRunner()
    result = runner.invoke(app, ["run", "--workspace", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "skipped (unchanged)" in result.output
    # off a terminal each stage is a line as it ends (a live display printed only at the end)
    assert "ingest skipped (unchanged): inputs unchanged (0.0 s)" in result.output
    out = tmp_path / "clusters.csv"
    result = runner.invoke(
        app, ["export", "clusters", "--out", str(out), "--workspace", str(ws.root)]
    )
    assert result.exit_code == 0, result.output
    clusters = pd.read_csv(out)
    assert list(clusters.columns) == ["source_id", "source_row", "person_id"]
    assert len(clusters) == len(ws.table("records"))
    result = runner.invoke(app, ["run", "--from", "nowhere", "--workspace", str(ws.root)])
    assert result.exit_code != 0


def test_run_without_sources_says_so_and_writes_nothing(tmp_path):
    ws = Workspace.init(tmp_path / "empty")
    with pytest.raises(ConfigError, match="no sources declared") as info:
        run_workspace(ws)
    assert info.value.key == "sources"
    assert not ws.has_table("records") and not ws.has_table("stage_runs")


@pytest.fixture(scope="module")
def two_list_world(tmp_path_factory):
    root = tmp_path_factory.mktemp("two_lists")
    simulate(root, people=800, sources=2, seed=3)
    return root


@two_lists
def test_run_on_two_lists_gives_chapman_with_its_caveat(two_list_world):
    """Two lists: no other method can run; Chapman's estimate is the headline, flagged,
    and the run's output and the report say what it assumes."""
    result = CliRunner().invoke(app, ["run", "--workspace", str(two_list_world)])
    assert result.exit_code == 0, result.output
    output = " ".join(result.output.split())
    assert "Estimated total:" in output and "chapman" in output
    assert "caution: Only two lists" in output and "biases it low" in output
    estimates = Workspace(two_list_world).table("estimates")
    headline = estimates[estimates["preferred"] & estimates["level"].str.startswith("total")]
    assert list(headline["method"]) == ["chapman"]
    assert "independence_untestable" in headline["flag"].iloc[0]
    assert set(estimates["method"]) == {"chapman"}  # the others need three lists: not run
    report = (two_list_world / "out" / "report.html").read_text(encoding="utf-8")
    assert "Only two lists: this is Chapman" in report


@two_lists
def test_run_on_one_list_reports_the_documented_count_and_no_estimate(two_list_world, tmp_path):
    """One list: the run completes, the documented count is reported, and both the output
    and the report say no estimate of undocumented deaths is possible."""
    root = tmp_path / "one_list"
    shutil.copytree(
        two_list_world, root, ignore=shutil.ignore_patterns("*.duckdb*", "out", "model")
    )
    config = root / "recount.toml"
    text = config.read_text(encoding="utf-8")
    second = text.index("[[sources]]", text.index("[[sources]]") + 1)
    config.write_text(text[:second] + text[text.index("[names]") :], encoding="utf-8")
    result = CliRunner().invoke(app, ["run", "--workspace", str(root)])
    assert result.exit_code == 0, result.output
    ws = Workspace(root)
    documented = len(ws.table("persons"))
    output = " ".join(result.output.split())
    assert f"No estimate of the total ({documented:,} documented people): only one list" in output
    report = (root / "out" / "report.html").read_text(encoding="utf-8")
    assert "no estimate of the total: only one list" in report
    assert f"{documented:,}" in report


def test_run_linkage_draws_override_reruns_the_estimate_as_a_changed_setting(tmp_path):
    """`recount run --linkage-draws N` is [estimate] linkage_draws for one run: a value other
    than the file's reruns the estimate (and what follows), the file's own value does not."""
    root = tmp_path / "draws"
    simulate(root, people=600, sources=3, seed=5)
    ws = Workspace(root)
    config = ws.config_path.read_text(encoding="utf-8")
    fast = '[estimate]\nlinkage_draws = 0\nmethods = ["loglinear"]\n'
    ws.config_path.write_text(config.replace("[estimate]\n", fast, 1), encoding="utf-8")
    run_workspace(ws)
    same = run_workspace(ws, linkage_draws=0)  # the file's value
    assert all(s.status.startswith("skipped") for s in same.stages)
    result = CliRunner().invoke(app, ["run", "--linkage-draws", "2", "--workspace", str(root)])
    assert result.exit_code == 0, result.output
    runs = ws.query(
        "select stage, count(*) as n from stage_runs group by stage order by stage"
    ).set_index("stage")["n"]
    assert runs["link"] == 1 and runs["estimate"] == runs["report"] == 2
    assert ws.table("estimates")["linkage_share"].notna().any()
    again = run_workspace(ws, linkage_draws=2)
    assert all(s.status.startswith("skipped") for s in again.stages)
    back = {s.stage: s.status for s in run_workspace(ws).stages}
    assert back["link"].startswith("skipped") and back["estimate"] == "ran"
    assert ws.table("estimates")["linkage_share"].isna().all()
    with pytest.raises(ConfigError) as info:
        run_workspace(ws, linkage_draws=1)
    assert info.value.key == "estimate.linkage_draws"


def test_stages_run_one_by_one_are_recorded_and_run_skips_them(tmp_path):
    """Each stage's own command records its run (the report's "Stage runs" listed only
    `recount run`'s); `recount run` then skips what is unchanged, and reruns a stage last
    run with options beside recount.toml (a link at another threshold) as the file says."""
    root = tmp_path / "by_hand"
    simulate(root, people=500, sources=3, seed=8)
    ws = Workspace(root)
    config = ws.config_path.read_text(encoding="utf-8")
    fast = '[estimate]\nlinkage_draws = 0\nmethods = ["loglinear"]\n'
    ws.config_path.write_text(config.replace("[estimate]\n", fast, 1), encoding="utf-8")
    runner = CliRunner()
    for stage in ("ingest", "normalize", "link", "estimate", "report"):
        result = runner.invoke(app, [stage, "--workspace", str(root)])
        assert result.exit_code == 0, result.output
    runs = ws.query("select stage, summary from stage_runs order by finished_at")
    assert list(runs["stage"]) == ["ingest", "normalize", "link", "estimate", "report"]
    assert runs["summary"].iloc[1].endswith("unidentifiable")
    report = (root / "out" / "report.html").read_text(encoding="utf-8")
    assert runs["summary"].iloc[1] in report and runs["summary"].iloc[3] in report
    assert all(s.status.startswith("skipped") for s in run_workspace(ws).stages)
    result = runner.invoke(app, ["link", "--threshold", "0.99", "--workspace", str(root)])
    assert result.exit_code == 0, result.output
    statuses = {s.stage: s.status for s in run_workspace(ws).stages}
    assert statuses["normalize"].startswith("skipped")
    assert statuses["link"] == statuses["estimate"] == statuses["report"] == "ran"
