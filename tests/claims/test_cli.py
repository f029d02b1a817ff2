"""The `recount claims` commands, run as a user would."""

from __future__ import annotations

import csv

from typer.testing import CliRunner

from recount.cli import app

runner = CliRunner()

ARTICLE = """Outlet: Levant Daily
Date: 2017-03-01

SNHR says 4,500 people have been killed. The UN put the toll at 400,000.
Our operation saved some 10,000 lives, the Russian defence ministry said.
"""


def test_extract_writes_csv_with_the_documented_columns(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "claims.csv"
    result = runner.invoke(
        app, ["claims", "extract", str(article), "--out", str(out), "-w", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 3
    for column in (
        "claimant",
        "measure",
        "population",
        "value",
        "low",
        "high",
        "qualifier",
        "place",
        "period",
        "sentence",
        "start",
        "end",
    ):
        assert column in rows[0]
    assert rows[1]["claimant"] == "United Nations"
    assert rows[2]["measure"] == "saved"
    assert rows[0]["outlet"] == "Levant Daily"


def test_add_check_list(workspace, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    ws = str(workspace.root)
    added = runner.invoke(app, ["claims", "add", str(article), "-w", ws])
    assert added.exit_code == 0, added.output
    assert "3 claims" in added.output
    listed = runner.invoke(app, ["claims", "list", "-w", ws])
    assert listed.exit_code == 0 and "3 claims" in listed.output
    checked = runner.invoke(app, ["claims", "check", "-w", ws])
    assert checked.exit_code == 0, checked.output
    assert "consistent: 1" in checked.output
    assert "above_range: 1" in checked.output
    assert "not_checkable: 1" in checked.output


def test_bad_date_is_a_clear_error(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    result = runner.invoke(
        app, ["claims", "extract", str(article), "--date", "14/12/2016", "-w", str(tmp_path)]
    )
    assert result.exit_code != 0
    assert "YYYY-MM-DD" in str(result.exception)
