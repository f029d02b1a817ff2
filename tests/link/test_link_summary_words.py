"""The link summary says in plain words what its guards refused and which lists count as no one."""

from __future__ import annotations

import io
from dataclasses import fields
from pathlib import Path

import pandas as pd
from link_fixtures import newcomer_workspace
from rich.console import Console
from typer.testing import CliRunner

from recount.cli import app
from recount.cli.link import _summary_table
from recount.link.pipeline import LinkResult


def _result(tolerance: int | None) -> LinkResult:
    counts = dict.fromkeys([f.name for f in fields(LinkResult) if f.type == "int"], 0)
    return LinkResult(
        **counts,
        backend="duckdb",
        threshold=0.5,
        trained_from="",
        model_path=Path("model.json"),
        size_distribution={1: 2},
        birth_year_tolerance=tolerance,
        death_date_tolerance=None,
        swapped_ages=False,
    )


def _text(tolerance) -> str:
    out = io.StringIO()
    Console(file=out, width=200).print(_summary_table(_result(tolerance)))
    return out.getvalue()


def test_a_guard_allowing_no_year_apart_says_different_years():
    assert "born in different years" in _text(0)
    assert "0 years" not in _text(0)
    assert "born more than 1 year apart" in _text(1)
    assert "born more than 6 years apart" in _text(6)
    assert "born" not in _text(None)


def test_a_list_of_names_alone_is_named_under_the_summary(tmp_path, monkeypatch):
    """A list whose date and place columns went unmapped counts as no one: `recount link`
    says so, with what to do, besides its row of unidentified records."""
    people = [f"Person{i} Family{i % 7}" for i in range(40)]
    dated = pd.DataFrame(
        {"name": people, "date of death": [f"2023-03-{1 + i % 28:02d}" for i in range(40)]}
    )
    bare = pd.DataFrame({"name": people[:30], "Zamani": ["x"] * 30})
    newcomer_workspace(tmp_path / "ws", {"dated": dated, "bare": bare})
    monkeypatch.chdir(tmp_path / "ws")
    result = CliRunner().invoke(app, ["link"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    (note,) = [line for line in result.output.splitlines() if line.startswith("note: ")]
    assert "30 of the 30 records of bare give a name and nothing else" in note
    assert "dated" not in note
