"""Projects with two lists (Chapman, flagged, is the estimate) and one list (none, said why)."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from rich.console import Console

from recount.cli.estimate import summary_table
from recount.estimate import Chapman, capture_histories
from recount.estimate.headline import HEADLINE_CAUTIONS, headline_text
from recount.estimate.preferred import preferred_rows
from recount.estimate.workspace import ONE_LIST_REASON, estimate_persons
from recount.settings import EstimateSettings


def _keep_lists(persons, kept):
    """`persons` as a project of only these lists would have it (people on none drop out)."""
    columns = [f"in_{name}" for name in kept]
    dropped = [c for c in persons.columns if c.startswith("in_") and c not in columns]
    frame = persons.drop(columns=dropped)
    return frame[frame[columns].any(axis=1)].reset_index(drop=True)


@pytest.fixture(scope="module")
def two_lists(make_persons):
    persons, truth = make_persons({("SY-HL", 2012): 3000, ("SY-DI", 2012): 2000}, seed=11)
    return _keep_lists(persons, ["vdc", "snhr"]), sum(truth.values())


def test_two_lists_give_chapman_as_the_flagged_headline(two_lists):
    persons, truth = two_lists
    settings = EstimateSettings.parse({"strata": ["governorate"], "workers": 1})
    assert "chapman" not in settings.methods  # the default methods need three lists
    estimates, _ = estimate_persons(persons, settings)
    preferred = preferred_rows(estimates)
    total = preferred[preferred["level"].isin(["total", "total_pooled"])].iloc[0]
    assert total["method"] == "chapman" and total["status"] == "ok"
    pooled = estimates[(estimates["level"] == "total_pooled") & (estimates["method"] == "chapman")]
    direct = Chapman().fit(capture_histories(persons))
    assert pooled["estimate"].iloc[0] == pytest.approx(direct.N_)
    assert (pooled["lower"].iloc[0], pooled["upper"].iloc[0]) == pytest.approx(direct.interval())
    assert abs(total["estimate"] - truth) < 0.1 * truth  # lists independent here
    assert {"assumes_independence", "independence_untestable"} <= set(total["flag"].split(";"))
    # lcmcr, loglinear and dga model how the lists depend on each other: two lists cannot
    # show it at any level, so they are not run (rows "not estimable" everywhere read like
    # strata too small); the caution says what a third list allows
    assert set(estimates["method"]) == {"chapman"}
    first, *cautions = headline_text(estimates)
    assert first.startswith(f"Estimated total: {total['estimate']:,.0f}")
    assert HEADLINE_CAUTIONS["independence_untestable"] in cautions
    assert "A third list would allow models of the dependence" in cautions[0]
    printed = io.StringIO()
    Console(file=printed, width=200).print(summary_table(estimates))
    assert "chapman" in printed.getvalue() and "lcmcr" not in printed.getvalue()


def test_one_list_gives_no_estimate_and_says_why(two_lists):
    persons, _ = two_lists
    one = _keep_lists(persons, ["vdc"])
    settings = EstimateSettings.parse({"strata": ["governorate"], "workers": 1})
    estimates, draws = estimate_persons(one, settings)
    assert list(estimates["level"].unique()) == ["total"] and draws.empty
    assert (estimates["status"] == "not_estimable").all()
    assert (estimates["reason"] == ONE_LIST_REASON).all()
    assert (estimates["documented"] == len(one)).all()
    assert not estimates["preferred"].any()
    (line,) = headline_text(estimates)
    assert line == (f"No estimate of the total ({len(one):,} documented people): {ONE_LIST_REASON}")


def test_mse_on_two_lists_fits_chapman_and_refuses_lcmcr(tmp_path):
    """`recount mse` on a two-list table: Chapman by default, with the caveat; LCMCR, whose
    latent classes two lists cannot identify, is refused with what to use instead."""
    from typer.testing import CliRunner

    from recount.cli import app

    path = tmp_path / "two.csv"
    path.write_text("A,B,count\n1,0,300\n0,1,200\n1,1,60\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["mse", str(path)])
    assert result.exit_code == 0, result.output
    output = " ".join(result.output.split())
    assert "chapman │ 1,544" in output and "caution: Only two lists" in output
    result = CliRunner().invoke(app, ["mse", str(path), "--method", "lcmcr"])
    assert result.exit_code != 0
    assert "LCMCR needs three or more lists" in str(result.exception)
    # by stratum too: Chapman by default (no LCMCR rows "not estimable" in every stratum)
    path.write_text(
        "region,A,B,count\n"
        + "".join(f"{r},1,0,300\n{r},0,1,200\n{r},1,1,60\n" for r in ("north", "south")),
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["mse", str(path), "--strata", "region"])
    assert result.exit_code == 0, result.output
    output = " ".join(result.output.split())
    assert output.count("│ chapman │ 1,544") == 2 and "│ lcmcr" not in output
    result = CliRunner().invoke(app, ["mse", str(path), "--strata", "region", "-m", "lcmcr"])
    assert "LCMCR needs three or more lists" in str(result.exception)


def test_strata_not_estimable_are_one_line_by_method(make_persons):
    """Strata too small for any method: one line counts them by method and says where each
    reason is, instead of a line per method or stratum."""
    from recount.cli.estimate import EXPORT_ESTIMATES, not_estimable

    small = {("SY-HL", 2012): 2000, ("SY-DI", 2012): 20, ("SY-ID", 2012): 25}
    persons, _ = make_persons(small, seed=12)
    settings = EstimateSettings.parse(
        {"strata": ["governorate"], "workers": 1, "methods": ["loglinear", "dga"]}
    )
    estimates, _ = estimate_persons(persons, settings)
    finest = estimates[estimates["level"] == "stratum"]
    assert finest.loc[finest["status"] != "ok", "reason"].str.contains("minimum 30").all()
    line = not_estimable(finest)
    sparse = finest[finest["status"] != "ok"]
    per = finest.groupby("method").size()
    assert line.startswith(f"not estimable: {len(sparse):,} of {len(finest):,} stratum estimates (")
    for method, count in sparse.groupby("method").size().items():
        assert f"{method} {count:,} of {per[method]:,}" in line
    assert "\n" not in line and not_estimable(finest[finest["status"] == "ok"]) is None
    assert "recount export estimates -o" in EXPORT_ESTIMATES


def test_mse_by_stratum_summarises_the_strata_not_estimable_in_one_line(tmp_path):
    from typer.testing import CliRunner

    from recount.cli import app

    path = tmp_path / "strata.csv"
    rows = ["region,A,B,C,count"] + [
        f"r{i},{a},{b},{c},{3 if i % 2 else 40}"
        for i in range(6)
        for a, b, c in ((1, 0, 0), (0, 1, 0), (0, 0, 1), (1, 1, 0), (0, 1, 1))
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["mse", str(path), "--strata", "region", "-m", "loglinear"])
    assert result.exit_code == 0, result.output
    output = " ".join(result.output.split())
    assert output.count("not estimable:") == 1
    assert "not estimable: 3 of 6 stratum estimates (loglinear 3 of 6), e.g. " in output
    assert "--out writes each stratum's reason" in output
    out = tmp_path / "strata_out.csv"
    args = ["mse", str(path), "--strata", "region", "-m", "loglinear", "--out", str(out)]
    assert CliRunner().invoke(app, args).exit_code == 0
    written = pd.read_csv(out).set_index("region")
    assert (written.loc[["r1", "r3", "r5"], "status"] == "not_estimable").all()
    assert written.loc["r1", "reason"].startswith("only 15 people documented")
    assert (written.loc[["r0", "r2", "r4"], "status"] == "ok").all()
    # the sum over strata, as the stage adds a level: not-estimable strata at their documented 45
    summed = written.loc[["r0", "r2", "r4"], "estimate"].sum() + 45
    assert f"loglinear, sum over strata: {summed:,.0f} (" in output
    assert "3 strata not estimable, added at their documented 45)" in output


def test_estimate_on_one_list_prints_why_without_rows_of_nothing(two_lists):
    """One list: `recount estimate` prints why there is no estimate, not a table whose every
    method reads "0 / 1" as if strata were too small."""
    from recount.cli.common import console
    from recount.cli.estimate import print_estimates

    persons, _ = two_lists
    one = _keep_lists(persons, ["vdc"])
    settings = EstimateSettings.parse({"strata": ["governorate"], "workers": 1})
    estimates, _ = estimate_persons(one, settings)
    with console.capture() as captured:
        print_estimates(estimates)
    output = " ".join(captured.get().split())
    assert output.startswith("No estimate of the total") and ONE_LIST_REASON in output
    assert "0 / 1" not in output
