"""Both engines compare names by one Jaro-Winkler, and decide its levels alike."""

from __future__ import annotations

import itertools
import random

import duckdb
import pandas as pd
import pytest

from recount.link.engines import spark_engine
from recount.link.jaro_winkler import SIMILARITY_TIE, at_least, spark_jaro_winkler


def test_a_similarity_exactly_at_its_bound_reaches_it_on_duckdb():
    # 'aaaa' / 'abaaaa': Jaro 8/9, one common letter of prefix: 8/9 + 1/10 * 1/9 = 9/10 exactly;
    # DuckDB's fused multiply-add gives 0.8999999999999999
    con = duckdb.connect()
    similarity = "jaro_winkler_similarity('aaaa', 'abaaaa')"
    assert con.execute(f"select {similarity} >= 0.9").fetchone()[0] is False
    assert con.execute(f"select {at_least(similarity, 0.9)}").fetchone()[0] is True
    assert (
        con.execute(f"select {at_least(similarity, 0.9 + 2 * SIMILARITY_TIE)}").fetchone()[0]
        is False
    )


def _strings() -> list[tuple[str, str]]:
    """Every pair of strings over three letters up to four long, and random longer ones with
    letters of other scripts (more than one byte each in UTF-8)."""
    short = ["".join(s) for n in range(5) for s in itertools.product("abc", repeat=n)]
    rng = random.Random(13)
    letters = "abcdeé سمير"

    def word() -> str:
        return "".join(rng.choice(letters) for _ in range(rng.randint(1, 14)))

    return list(itertools.product(short, short)) + [(word(), word()) for _ in range(3000)]


@pytest.mark.spark
@pytest.mark.slow
@pytest.mark.xdist_group("spark")
def test_spark_computes_duckdbs_jaro_winkler():
    pairs = pd.DataFrame(_strings(), columns=["a", "b"]).drop_duplicates()
    con = duckdb.connect()
    con.register("pairs", pairs)
    duck = con.sql(
        "select a, b, jaro_winkler_similarity(a, b) as s,"
        f" {at_least('jaro_winkler_similarity(a, b)', 0.88)} as near from pairs"
    ).df()
    spark = spark_engine().db_api.spark  # Splink registers its jar's functions
    spark.createDataFrame(pairs).createOrReplaceTempView("jw_pairs")
    similarity = spark_jaro_winkler("a", "b")
    ours = spark.sql(
        f"select a, b, {similarity} as s, {at_least(similarity, 0.88)} as near from jw_pairs"
    ).toPandas()
    both = duck.merge(ours, on=["a", "b"], suffixes=("_duck", "_spark"))
    assert len(both) == len(pairs) > 17_000
    assert ((both["s_duck"] - both["s_spark"]).abs() < SIMILARITY_TIE).all()
    assert (both["near_duck"] == both["near_spark"]).all()
    # Splink's own Spark function is another similarity, on either side of a name level's 0.88
    jar = spark.sql("select jaro_winkler('mosrir', 'moris')").collect()[0][0]
    duck_value = con.execute("select jaro_winkler_similarity('mosrir', 'moris')").fetchone()[0]
    assert jar < 0.88 < duck_value
