"""What the CLI prints when its output goes to a file or a pipe, not a terminal."""

from __future__ import annotations

from typer.testing import CliRunner

from recount.cli import app
from recount.estimate.headline import HEADLINE_CAUTIONS

LISTS = (
    "violations_documentation_center",
    "syrian_network_for_human_rights",
    "observatory_for_human_rights",
)


def test_piped_tables_keep_every_cell_whole(tmp_path):
    """`recount mse t.csv > log`: rich fits tables to 80 columns off a terminal, cutting cells
    ("quarantin…"); piped, each row is one whole line, and a log-linear model that names its
    lists in brackets is printed as text (rich read it as a markup tag and dropped it)."""
    path = tmp_path / "long.csv"
    rows = ["1,0,0,300", "0,1,0,200", "0,0,1,250", "1,1,0,60", "1,0,1,50", "0,1,1,40", "1,1,1,20"]
    path.write_text(",".join([*LISTS, "count"]) + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    result = CliRunner().invoke(
        app, ["mse", str(path), "-m", "loglinear", "-m", "dga"], env={"COLUMNS": None}
    )
    assert result.exit_code == 0, result.output
    assert "…" not in result.output
    (loglinear,) = [line for line in result.output.splitlines() if "│ loglinear" in line]
    assert f"[{', '.join(LISTS)}]" in loglinear
    (dga,) = [line for line in result.output.splitlines() if "│ dga" in line]
    assert " + ".join(LISTS) in dga


def test_a_terminal_width_still_applies_when_given(tmp_path):
    path = tmp_path / "long.csv"
    rows = ["1,0,0,300", "0,1,0,200", "0,0,1,250", "1,1,0,60", "1,0,1,50", "0,1,1,40", "1,1,1,20"]
    path.write_text(",".join([*LISTS, "count"]) + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["mse", str(path), "-m", "dga"], env={"COLUMNS": "60"})
    assert result.exit_code == 0, result.output
    assert max(len(line) for line in result.output.splitlines()) <= 60


def test_init_on_a_workspace_that_exists_says_what_it_kept_and_what_is_next(tmp_path):
    """A second `recount init` rewrites nothing: it says so, names the options it did not
    apply, and gives the next step the workspace is at (not "declare your sources" again)."""
    root = tmp_path / "ws"
    runner = CliRunner()
    first = runner.invoke(app, ["init", str(root)], env={"COLUMNS": None})
    assert first.exit_code == 0 and "`recount sources suggest FILE" in first.output
    config = root / "recount.toml"
    written = config.read_text(encoding="utf-8")
    again = runner.invoke(app, ["init", str(root), "--country", "SY"], env={"COLUMNS": None})
    assert again.exit_code == 0, again.output
    assert config.read_text(encoding="utf-8") == written
    assert "recount.toml kept as it is" in again.output
    assert "not applied: --country SY (set them under [project] in recount.toml)" in again.output
    assert "no sources declared yet" in again.output
    (root / "a.csv").write_text("name,date of death\nA B,2012-01-02\n", encoding="utf-8")
    config.write_text(
        written + '\n[[sources]]\nid = "a"\npath = "a.csv"\n\n[sources.columns]\n'
        'name = "name"\ndate_of_death = "date of death"\n',
        encoding="utf-8",
    )
    declared = runner.invoke(app, ["init", str(root)], env={"COLUMNS": None})
    assert "not applied" not in declared.output
    assert "1 source declared (a): next `recount ingest`" in declared.output
    assert runner.invoke(app, ["ingest", "-w", str(root)]).exit_code == 0
    ingested = runner.invoke(app, ["init", str(root)], env={"COLUMNS": None})
    assert "`recount run` brings every stage up to date" in ingested.output


def test_the_mse_table_shows_each_estimates_flags_and_says_once_what_they_mean(tmp_path):
    """Two lists that share most of their people: the log-linear model needs their
    interaction and dga's weight lies on the graph joining every list. Each row shows its
    flags by number, and under the table each number's flag and meaning, once; at 80
    columns too."""
    path = tmp_path / "dependent.csv"
    rows = ["1,0,0,100", "0,1,0,100", "0,0,1,250", "1,1,0,400", "1,0,1,50", "0,1,1,40", "1,1,1,60"]
    path.write_text(",".join([*LISTS, "count"]) + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    for columns in (None, "80"):
        result = CliRunner().invoke(
            app, ["mse", str(path), "-m", "loglinear", "-m", "dga"], env={"COLUMNS": columns}
        )
        assert result.exit_code == 0, result.output
        lines = result.output.splitlines()
        (header,) = [line for line in lines if "95% interval" in line]
        assert header.split("┃")[-2].strip() == "flags"
        (dga,) = [line for line in lines if "│ dga" in line]
        (loglinear,) = [line for line in lines if "│ loglinear" in line]
        assert dga.split("│")[-2].strip() == "1" and loglinear.split("│")[-2].strip() == "2"
        legend = [line for line in lines if line.startswith("flag ")]
        assert legend[0].startswith("flag 1 saturated_model: ")
        assert legend[1].startswith("flag 2 strong_list_dependence: ")
        if columns is None:
            assert legend == [
                f"flag 1 saturated_model: {HEADLINE_CAUTIONS['saturated_model']}",
                f"flag 2 strong_list_dependence: {HEADLINE_CAUTIONS['strong_list_dependence']}",
            ]


def test_recount_estimate_shows_a_row_per_stratum_being_estimated_on_a_terminal():
    """Under the bar of strata done, a row per stratum (or linkage draw's table) being
    estimated, gone once done; off a terminal no row at all."""
    import io

    from rich.console import Console
    from rich.progress import Progress, TextColumn

    from recount.cli.estimate import StrataProgress, running_label

    assert running_label("governorate=CD-NK|year=2022") == "  governorate=CD-NK, year=2022"
    assert running_label("linkage3:year=2022") == "  linkage draw 4: year=2022"
    assert running_label("total_pooled:total") == "  total_pooled: total"
    terminal = Console(file=io.StringIO(), force_terminal=True)
    with Progress(TextColumn("{task.description}"), console=terminal) as live:
        shown = StrataProgress(live)
        shown(0, 3)
        shown.running(["year=2021", "year=2022"])
        rows = [t.description for t in live.tasks]
        assert rows == ["estimating strata", "  year=2021", "  year=2022"]
        shown(1, 3)
        shown.running(["year=2022", "year=2023"])
        assert [t.description for t in live.tasks][1:] == ["  year=2022", "  year=2023"]
        shown.running([])
        assert [t.description for t in live.tasks] == ["estimating strata"]
        assert live.tasks[0].completed == 1 and live.tasks[0].total == 3
    quiet = Progress(console=Console(file=io.StringIO()), disable=True)
    shown = StrataProgress(quiet)
    shown.running(["year=2021"])
    assert len(quiet.tasks) == 1
