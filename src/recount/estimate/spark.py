"""Per-stratum estimation on Spark: one Spark task per stratum (used when `[link] backend = "spark"`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from recount.spark import spark_session

Task = TypeVar("Task")
Result = TypeVar("Result")


def run_on_spark(tasks: Sequence[Task], run: Callable[[Task], Result]) -> list[Result]:
    """Map `run` (a module-level function) over the strata, one partition each, on the
    process's local session."""
    tasks = list(tasks)
    if not tasks:
        return []
    spark = spark_session()
    rdd = spark.sparkContext.parallelize(tasks, numSlices=len(tasks))
    return rdd.map(run).collect()
