"""Per-stratum estimation on Spark: one Spark task per stratum (used when `[link] backend = "spark"`)."""

from __future__ import annotations

from collections.abc import Sequence

from recount.estimate.strata import StratumResult, StratumTask, run_stratum
from recount.spark import spark_session


def run_on_spark(tasks: Sequence[StratumTask]) -> list[StratumResult]:
    """Map `run_stratum` over the strata, one partition each, on the process's local session."""
    tasks = list(tasks)
    if not tasks:
        return []
    spark = spark_session()
    rdd = spark.sparkContext.parallelize(tasks, numSlices=len(tasks))
    return rdd.map(run_stratum).collect()
