"""The link summary says the birth-year guard in words a reader takes at once."""

from __future__ import annotations

import io
from dataclasses import fields
from pathlib import Path

from rich.console import Console

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
