"""Splink backends: DuckDB in process (default) or Spark on a local session."""

from __future__ import annotations

import logging
import tempfile
from dataclasses import dataclass
from typing import Any

import duckdb
import pandas as pd
from splink import DuckDBAPI, Linker

from recount.errors import ConfigError

SPLINK_LOG_LEVEL = logging.ERROR


@dataclass
class Engine:
    """A Splink database API and the dialect its SQL is written in."""

    name: str
    db_api: Any
    sql_dialect: str

    def linker(self, frame: pd.DataFrame, settings: Any) -> Linker:
        table = self.db_api.register(frame)
        return Linker(table, settings, log_level=SPLINK_LOG_LEVEL)


def duckdb_engine() -> Engine:
    connection = duckdb.connect()
    connection.execute("set preserve_insertion_order = false")
    return Engine("duckdb", DuckDBAPI(connection=connection), "duckdb")


_SPARK_SESSION: Any = None


def spark_session(driver_memory: str = "2g", partitions: int = 4) -> Any:
    """A local Spark session with Splink's similarity functions on the classpath."""
    global _SPARK_SESSION
    if _SPARK_SESSION is not None:
        return _SPARK_SESSION
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:  # pragma: no cover - pyspark is a declared extra
        raise ConfigError(
            "link.backend", "spark needs pyspark: pip install 'recount[spark]'"
        ) from exc
    import splink.backends.spark as splink_spark

    session = (
        SparkSession.builder.master("local[2]")
        .appName("recount-link")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.memory", driver_memory)
        .config("spark.sql.shuffle.partitions", str(partitions))
        .config("spark.default.parallelism", str(partitions))
        .config("spark.jars", splink_spark.similarity_jar_location())
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    session.sparkContext.setCheckpointDir(tempfile.mkdtemp(prefix="recount-spark-"))
    _SPARK_SESSION = session
    return session


def spark_engine(driver_memory: str = "2g", partitions: int = 4) -> Engine:
    from splink import SparkAPI

    session = spark_session(driver_memory, partitions)
    api = SparkAPI(
        spark_session=session,
        num_partitions_on_repartition=partitions,
        break_lineage_method="persist",
    )
    return Engine("spark", api, "spark")


def make_engine(backend: str, driver_memory: str = "2g", partitions: int = 4) -> Engine:
    if backend == "duckdb":
        return duckdb_engine()
    if backend == "spark":
        return spark_engine(driver_memory, partitions)
    raise ConfigError("link.backend", f"expected duckdb or spark, got {backend!r}")
