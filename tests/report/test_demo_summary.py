"""`make demo`'s closing table and sentences (scripts/demo.py) say what the report says."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest
from report_helpers import with_open_refit
from rich.console import Console

from recount.report.figures import headline
from recount.workspace import Workspace

pytestmark = pytest.mark.slow
DEMO = Path(__file__).resolve().parents[2] / "scripts" / "demo.py"


def _printed(ws: Workspace, truth_total: int, monkeypatch) -> str:
    spec = importlib.util.spec_from_file_location("demo_script", DEMO)
    demo = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(demo)
    recorder = Console(record=True, width=10_000)
    monkeypatch.setattr(demo, "console", recorder)
    demo.print_against_truth(ws, truth_total, truth_documented=600)
    return recorder.export_text()


def test_the_demo_prints_the_refit_under_the_open_prior_and_its_sentence(
    report_workspace, tmp_path, monkeypatch
):
    assert "open capture prior" not in _printed(report_workspace, 10**6, monkeypatch)
    shutil.copytree(report_workspace.root, tmp_path / "ws")
    ws = Workspace(tmp_path / "ws")
    with_open_refit(ws, 0.9)
    refit = headline(ws)["sensitivity"]["frame"].iloc[1]
    printed = _printed(ws, int(refit["upper"]) - 1, monkeypatch)
    row = next(line for line in printed.splitlines() if "open capture prior" in line)
    assert f"{refit['estimate']:,.0f} [{refit['lower']:,.0f}, {refit['upper']:,.0f}]" in row
    assert "inside the interval" in row
    assert "The lists fix a lower bound, not an upper one" in printed
