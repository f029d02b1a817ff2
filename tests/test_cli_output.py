"""What the CLI prints when its output goes to a file or a pipe, not a terminal."""

from __future__ import annotations

from typer.testing import CliRunner

from recount.cli import app

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
