"""Same estimates, same report: what a run's time changes stays in the cells that show it."""

from __future__ import annotations

import re
import shutil

import pytest

from recount.report import write_report
from recount.workspace import Workspace

pytestmark = pytest.mark.slow
# Altair names each chart's data by a hash of its rows.
CHART_DATA = re.compile(r'"(data-[0-9a-f]{32})"')


def test_charts_are_the_same_when_only_the_estimates_run_times_differ(report_workspace, tmp_path):
    """Estimating again gives the same estimates in other seconds: every chart (its data
    named by a hash of its rows) must come out the same, so two reports differ only in the
    cells that show run times and the time they were made."""
    shutil.copytree(report_workspace.root, tmp_path / "ws")
    ws = Workspace(tmp_path / "ws")
    first = CHART_DATA.findall(write_report(ws).read_text(encoding="utf-8"))
    estimates = ws.table("estimates")
    ws.write_table("estimates", estimates.assign(seconds=estimates["seconds"].fillna(0) + 7.25))
    again = CHART_DATA.findall(write_report(ws).read_text(encoding="utf-8"))
    assert len(first) >= 5 and sorted(first) == sorted(again)
