"""Per-stratum estimation as Spark tasks (`[link] backend = "spark"`): small, local[2]."""

from __future__ import annotations

import pandas as pd
import pytest

from recount import tables
from recount.estimate import estimate_workspace
from recount.workspace import Workspace

# Shares a worker (and its JVM) with tests/link/test_link_spark.py, which runs after it.
pytestmark = [pytest.mark.spark, pytest.mark.xdist_group("spark")]

CONFIG = """
[project]
name = "spark"

[link]
backend = "spark"

[estimate]
strata = ["governorate"]
methods = ["loglinear", "dga"]
"""


def test_spark_engine_gives_the_same_estimates_as_processes(tmp_path, make_persons):
    persons, _ = make_persons(
        {("SY-HL", 2012): 900, ("SY-DI", 2012): 700, ("SY-RA", 2012): 20}, seed=5
    )
    ws = Workspace.init(tmp_path / "ws")
    ws.config_path.write_text(CONFIG, encoding="utf-8")
    ws.write_table("persons", tables.frame("persons", persons))
    on_spark = estimate_workspace(ws)
    locally = estimate_workspace(ws, engine="processes")
    columns = [
        "governorate",
        "level",
        "method",
        "documented",
        "estimate",
        "lower",
        "upper",
        "status",
    ]
    pd.testing.assert_frame_equal(on_spark[columns], locally[columns])
    strata = on_spark[on_spark["level"] == "stratum"].set_index(["governorate", "method"])
    assert strata.loc[("SY-RA", "dga"), "status"] == "not_estimable"
    assert strata.loc[("SY-HL", "dga"), "status"] == "ok"
