"""The estimate stage on a workspace, its CLI, and `recount mse` on Kosovo."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from recount import tables
from recount.cli import app
from recount.errors import ConfigError, WorkspaceError
from recount.estimate import estimate_workspace
from recount.workspace import Workspace

runner = CliRunner()

CONFIG = """
[project]
name = "test"

[link]
backend = "duckdb"

[estimate]
strata = ["governorate", "year"]
methods = ["lcmcr", "loglinear"]
K = 5
chains = 2
draws = 200
workers = 1

[estimate.lcmcr]
burnin = 200
draws = 400
"""


# The tests on the module's estimated workspace share one xdist worker, which builds it once.
# One stage worker: the stage fits in the test's process, which holds the sampler's kernels
# already, where two worker processes would each import recount and load (on a fresh clone,
# both compile) them; the parallel path is test_strata's (parallel and serial agree).
ON_THE_WORKSPACE = pytest.mark.xdist_group("estimate-workspace")


@pytest.fixture(scope="module")
def workspace(tmp_path_factory, stratified_persons) -> Workspace:
    ws = Workspace.init(tmp_path_factory.mktemp("ws"))
    ws.config_path.write_text(CONFIG, encoding="utf-8")
    ws.write_table("persons", tables.frame("persons", stratified_persons[0]))
    return ws


@pytest.fixture(scope="module")
def estimated(workspace) -> pd.DataFrame:
    return estimate_workspace(workspace)


@pytest.mark.slow
@ON_THE_WORKSPACE
def test_writes_estimates_and_draws(workspace, estimated):
    stored = workspace.table("estimates")
    assert len(stored) == len(estimated)
    expected = [
        "governorate",
        "year",
        "level",
        "documented",
        "method",
        "estimate",
        "lower",
        "upper",
    ]
    assert list(stored.columns[: len(expected)]) == expected
    for column in ("rhat", "ess", "status", "reason", "flag", "seconds"):
        assert column in stored.columns
    draws = workspace.table("estimate_draws")
    assert list(draws.columns) == ["method", "stratum_key", "draw", "n"]
    assert set(draws["method"]) <= {"lcmcr", "dga"}
    draws = draws[draws["method"] == "lcmcr"]
    lcmcr_ok = stored[
        (stored["level"] == "stratum") & (stored["method"] == "lcmcr") & (stored["status"] == "ok")
    ]
    assert draws["stratum_key"].nunique() == len(lcmcr_ok) == 4
    assert (draws.groupby("stratum_key").size() == 200).all()
    assert lcmcr_ok["rhat"].notna().all() and lcmcr_ok["ess"].notna().all()


@pytest.mark.slow
@ON_THE_WORKSPACE
def test_lcmcr_total_adds_stratum_draws(workspace, estimated):
    draws = workspace.table("estimate_draws").query("method == 'lcmcr'")
    strata = estimated[(estimated["level"] == "stratum") & (estimated["method"] == "lcmcr")]
    floor = strata.loc[strata["status"] != "ok", "documented"].sum()
    summed = draws.pivot(index="draw", columns="stratum_key", values="n").sum(axis=1) + floor
    total = estimated[(estimated["level"] == "total") & (estimated["method"] == "lcmcr")].iloc[0]
    assert total["estimate"] == pytest.approx(np.median(summed), abs=1)
    assert total["lower"] == pytest.approx(np.quantile(summed, 0.025), abs=1)
    assert total["documented"] == strata["documented"].sum()


@pytest.mark.slow
@ON_THE_WORKSPACE
def test_keys_match_between_tables(workspace, estimated):
    keys = set(workspace.table("estimate_draws")["stratum_key"])
    assert "governorate=SY-HL|year=2012" in keys


@pytest.mark.slow
@ON_THE_WORKSPACE
def test_overrides_and_config_errors(workspace, tmp_path):
    other = Workspace.init(tmp_path / "bad")
    other.config_path.write_text(CONFIG.replace("K = 5", "K = -1"), encoding="utf-8")
    other.write_table("persons", workspace.table("persons"))
    with pytest.raises(ConfigError, match="estimate.K"):
        estimate_workspace(other)
    empty = Workspace.init(tmp_path / "empty")
    with pytest.raises(WorkspaceError, match="persons"):
        estimate_workspace(empty)


@pytest.mark.slow
@ON_THE_WORKSPACE
def test_cli_estimate_and_export(workspace, tmp_path):
    result = runner.invoke(app, ["estimate", "-w", str(workspace.root), "--method", "loglinear"])
    assert result.exit_code == 0, result.output
    assert "stratum" in result.output and "loglinear" in result.output
    # no live bar off a terminal: a log sees the strata counted, in tenths, to the last
    done = re.findall(r"estimating strata: ([\d,]+) of ([\d,]+) done", result.output)
    assert 1 <= len(done) <= 10 and done[-1][0] == done[-1][1]
    out = tmp_path / "estimates.csv"
    result = runner.invoke(
        app, ["export", "estimates", "--out", str(out), "-w", str(workspace.root)]
    )
    assert result.exit_code == 0, result.output
    exported = pd.read_csv(out)
    for column in ("governorate", "year", "documented", "method", "estimate", "lower", "upper"):
        assert column in exported.columns
    assert set(exported["method"]) == {"loglinear"}
    assert (
        exported.loc[exported["level"] == "total", "documented"] == len(workspace.table("persons"))
    ).all()


def test_cli_mse_on_kosovo_writes_csv(kosovo_path, tmp_path):
    out = tmp_path / "kosovo.csv"
    args = [
        "mse",
        str(kosovo_path),
        "--method",
        "loglinear",
        "--method",
        "dga",
    ]
    result = runner.invoke(app, [*args, "--seed", "3", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "10,357" in result.output and "12,595" in result.output
    written = pd.read_csv(out)
    assert list(written.columns) == [
        "method",
        "estimate",
        "lower",
        "upper",
        "seconds",
        "ess",
        "rhat",
        "model",
        "status",
        "reason",
        "flag",
    ]
    assert written["estimate"].round().tolist() == [10357, 12595]
    assert written["model"].str.contains("EXH").all() and (written["status"] == "ok").all()
    assert written["ess"].isna().all()


@pytest.mark.slow
def test_cli_mse_lcmcr_reports_ess(kosovo_path, tmp_path):
    out = tmp_path / "lcmcr.csv"
    result = runner.invoke(
        app,
        ["mse", str(kosovo_path), "--method", "lcmcr", "--out", str(out)]
        + ["--burnin", "1000", "--draws", "1000", "--ess-target", "400", "--max-sweeps", "300000"],
    )
    assert result.exit_code == 0, result.output
    row = pd.read_csv(out).iloc[0]
    assert row["method"] == "lcmcr"
    assert 4400 < row["lower"] < row["estimate"] < row["upper"]
    assert row["ess"] >= 400  # 1,000 draws per chain alone give far fewer on Kosovo


@pytest.mark.slow
def test_cli_mse_lcmcr_sampler_is_chosen_and_named(kosovo_path, tmp_path):
    kosovo = str(kosovo_path)
    base = ["mse", kosovo, "--method", "lcmcr", "--burnin", "300", "--draws", "300"]
    result = runner.invoke(app, [*base, "--sampler", "nuts"])
    assert result.exit_code == 0, result.output
    assert "K=10, nuts" in result.output
    result = runner.invoke(app, base)
    assert "K=10, collapsed" in result.output  # auto: 15 patterns, 49 parameters
    result = runner.invoke(app, [*base, "--sampler", "hmc"])
    assert result.exit_code != 0 and "expected one of auto, nuts" in str(result.exception)


def test_cli_mse_with_few_draws_and_a_bad_out_path(kosovo_path, tmp_path):
    kosovo = str(kosovo_path)
    short = ["mse", kosovo, "--method", "lcmcr", "--burnin", "100", "--draws", "50"]
    result = runner.invoke(app, [*short, "--out", str(tmp_path / "few.csv")])
    assert result.exit_code == 0, result.output
    assert pd.read_csv(tmp_path / "few.csv")["estimate"].iloc[0] > 4400
    result = runner.invoke(app, [*short, "--out", str(tmp_path / "out.txt")])
    assert result.exit_code != 0 and "unsupported export format" in str(result.exception)
    assert "people documented" not in result.output  # refused before any fitting
    result = runner.invoke(app, [*short, "--ess-target", "0"])
    assert "expected a number > 0" in str(result.exception)


def test_cli_mse_names_the_bad_flag_before_fitting_anything(kosovo_path):
    kosovo = str(kosovo_path)
    both = ["mse", kosovo, "--method", "loglinear", "--method", "lcmcr"]
    for flag, value in (("--draws", "2"), ("--burnin", "-5"), ("--max-sweeps", "0")):
        result = runner.invoke(app, [*both, flag, value])
        assert result.exit_code != 0
        assert str(result.exception).startswith(f"{flag}: expected a whole number")
        assert "loglinear" not in result.output  # no method ran
    # A flag for LCMCR alone does not stop the other methods.
    result = runner.invoke(app, ["mse", kosovo, "--method", "loglinear", "--draws", "2"])
    assert result.exit_code == 0, result.output


def test_cli_mse_errors_are_clean(kosovo_path, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b,count\n1,0,5\n0,2,3\n", encoding="utf-8")
    result = runner.invoke(app, ["mse", str(bad), "--method", "loglinear"])
    assert result.exit_code != 0
    assert "row 2" in str(result.exception) and "'b'" in str(result.exception)
    result = runner.invoke(app, ["mse", str(kosovo_path), "--method", "chapman"])
    assert "exactly two lists" in str(result.exception)
    result = runner.invoke(
        app,
        [
            "mse",
            str(kosovo_path),
            "--method",
            "chapman",
            "--lists",
            "EXH,ABA",
        ],
    )
    assert result.exit_code == 0, result.output
