"""Splink backends: DuckDB in process (default) or Spark on a local session."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import duckdb
import pandas as pd
from splink import DuckDBAPI, Linker

from recount.errors import ConfigError
from recount.settings.link import BACKENDS, LinkSettings
from recount.spark import spark_session

SPLINK_LOG_LEVEL = logging.ERROR


@dataclass
class Engine:
    """A Splink database API and the dialect its SQL is written in."""

    name: str
    db_api: Any
    sql_dialect: str

    def linker(self, frame: pd.DataFrame, settings: Any) -> Linker:
        table = self.db_api.register(frame)
        # Splink's settings validation parses every comparison's SQL (about 15 % of a small
        # link's CPU, for each of a link's four linkers) only to log warnings, which
        # SPLINK_LOG_LEVEL hides: recount builds the settings from its own columns.
        return Linker(table, settings, log_level=SPLINK_LOG_LEVEL, validate_settings=False)


def duckdb_engine() -> Engine:
    connection = duckdb.connect()
    connection.execute("set preserve_insertion_order = false")
    return Engine("duckdb", DuckDBAPI(connection=connection), "duckdb")


def spark_engine(
    driver_memory: str = LinkSettings.spark_driver_memory,
    partitions: int = LinkSettings.spark_partitions,
) -> Engine:
    from splink import SparkAPI

    session = spark_session(driver_memory, partitions)
    api = SparkAPI(
        spark_session=session,
        num_partitions_on_repartition=partitions,
        break_lineage_method="persist",
    )
    return Engine("spark", api, "spark")


def make_engine(
    backend: str,
    driver_memory: str = LinkSettings.spark_driver_memory,
    partitions: int = LinkSettings.spark_partitions,
) -> Engine:
    if backend == "duckdb":
        return duckdb_engine()
    if backend == "spark":
        return spark_engine(driver_memory, partitions)
    raise ConfigError("link.backend", f"expected one of {', '.join(BACKENDS)}, got {backend!r}")
