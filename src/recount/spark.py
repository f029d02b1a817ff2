"""The process's one local Spark session, shared by every stage that runs on Spark.

One factory, because a JVM takes its classpath from the first session started in it: a
session started without Splink's similarity jar (say by the estimate stage) would leave
link's `jaro_winkler` unresolvable for the rest of the process.
"""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
from typing import Any

from recount.errors import ConfigError
from recount.settings.link import LinkSettings

_SESSION: Any = None


def spark_session(
    driver_memory: str = LinkSettings.spark_driver_memory,
    partitions: int = LinkSettings.spark_partitions,
) -> Any:
    """The active session if there is one (a cluster's: it must carry Splink's jar), else a
    local[2] session with Splink's similarity functions on the classpath, made once."""
    global _SESSION
    if _SESSION is not None and _SESSION.sparkContext._jsc is not None:
        return _SESSION
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:  # pragma: no cover - pyspark is a declared extra
        raise ConfigError(
            "link.backend", "spark needs pyspark: pip install 'recount[spark]'"
        ) from exc
    active = SparkSession.getActiveSession()
    if active is not None:
        _SESSION = active
        return active
    import splink.backends.spark as splink_spark

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    session = (
        SparkSession.builder.master("local[2]")
        .appName("recount")
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
    checkpoints = tempfile.mkdtemp(prefix="recount-spark-")
    atexit.register(shutil.rmtree, checkpoints, ignore_errors=True)
    session.sparkContext.setCheckpointDir(checkpoints)
    _SESSION = session
    return session
