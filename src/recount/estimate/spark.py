"""Per-stratum estimation on Spark: one Spark task per stratum (used when `[link] backend = "spark"`)."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from recount.estimate.strata import StratumResult, StratumTask, run_stratum


def run_on_spark(tasks: Sequence[StratumTask]) -> list[StratumResult]:
    """Map `run_stratum` over the strata, one partition each, on the active or a local session.

    A session this function starts is stopped when it is done; an existing one is left running.
    """
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    spark = active or (
        SparkSession.builder.master("local[2]")
        .appName("recount-estimate")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.memory", "1g")
        .getOrCreate()
    )
    try:
        tasks = list(tasks)
        if not tasks:
            return []
        rdd = spark.sparkContext.parallelize(tasks, numSlices=len(tasks))
        return rdd.map(run_stratum).collect()
    finally:
        if active is None:
            spark.stop()
