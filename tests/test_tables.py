"""The table contract: every write is held to recount/tables/catalog.py, and shared rules are one."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest

from recount import tables
from recount.link.constraints import effective_labels as link_labels
from recount.review import effective_labels as review_labels
from recount.tables import TABLES, TableSchemaError, views
from recount.workspace import Workspace

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def ws(tmp_path) -> Workspace:
    return Workspace.init(tmp_path / "ws")


def persons(**extra) -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "person_id": ["P1", "P2"],
            "n_records": [2, 1],
            "sources": [["a", "b"], ["a"]],
            "in_a": [True, True],
            "in_b": [True, False],
            "age": [30.0, None],  # pandas holds an integer column with a gap as floats
            "year": pd.array([2013, None], dtype="Int64"),
            **extra,
        }
    )
    return tables.frame("persons", frame)


def test_a_table_is_stored_with_its_declared_types_and_order(ws):
    ws.write_table("persons", persons())
    described = ws.query("describe persons")
    types = dict(zip(described["column_name"], described["column_type"], strict=True))
    assert types["age"] == "INTEGER" and types["year"] == "INTEGER"
    assert types["sources"] == "VARCHAR[]" and types["in_b"] == "BOOLEAN"
    declared = [c for c in TABLES["persons"].names]
    stored = [c for c in described["column_name"] if not c.startswith("in_")]
    assert stored == declared
    # the per-source columns sit where the catalog puts the family: after `sources`
    names = list(described["column_name"])
    assert names[names.index("sources") + 1 : names.index("sources") + 3] == ["in_a", "in_b"]
    assert ws.table("persons")["age"].tolist()[0] == 30


def test_an_undeclared_column_is_refused_and_nothing_is_written(ws):
    ws.write_table("persons", persons())
    with pytest.raises(TableSchemaError, match="declares no column 'nickname'"):
        ws.write_tables(
            {"link_summary": pd.DataFrame({"metric": ["m"], "detail": [None], "value": [1.0]}),
             "persons": persons(nickname=["x", "y"])}
        )  # fmt: skip
    assert not ws.has_table("link_summary")
    assert "nickname" not in ws.table("persons").columns


def test_a_missing_column_a_wrong_kind_and_a_null_key_are_refused(ws):
    complete = persons()
    with pytest.raises(TableSchemaError, match="missing column.*statuses"):
        ws.write_table("persons", complete.drop(columns=["statuses"]))
    with pytest.raises(TableSchemaError, match="'age' is declared int32 but holds (large_)?string"):
        ws.write_table("persons", complete.assign(age=["thirty", None]))
    with pytest.raises(TableSchemaError, match="'age'.*does not fit int32"):
        ws.write_table("persons", complete.assign(age=[30.5, None]))
    with pytest.raises(TableSchemaError, match="'person_id' holds 1 NULL"):
        ws.write_table("persons", complete.assign(person_id=["P1", None]))
    with pytest.raises(TableSchemaError, match="no table 'people' is declared"):
        ws.write_table("people", complete)


def test_estimates_keep_stratum_columns_of_any_type(ws):
    frame = tables.frame(
        "estimates",
        pd.DataFrame(
            {
                "governorate": ["SY-HL", None],
                "year": pd.array([2013, None], dtype="Int64"),
                "level": ["stratum", "total"],
                "method": ["lcmcr", "lcmcr"],
                "estimate": [10.0, 12.0],
            }
        ),
    )
    ws.write_table("estimates", frame)
    stored = ws.table("estimates")
    assert list(stored.columns[:3]) == ["governorate", "year", "level"]
    assert TABLES["estimates"].family_columns(list(stored.columns)) == ["governorate", "year"]


def test_replace_rows_adds_columns_declared_since_the_table_was_written(ws):
    with ws.connect() as con:  # a `sources` table as an older recount wrote it
        con.execute("create table sources (source_id VARCHAR, path VARCHAR, rows_in BIGINT)")
        con.execute("insert into sources values ('old', 'old.csv', 3)")
    new = tables.frame("sources", pd.DataFrame({"source_id": ["new"], "sha256": ["ab"]}))
    ws.replace_rows({"sources": new}, "source_id", ["new"])
    stored = ws.query("select source_id, rows_in, sha256 from sources order by source_id")
    assert stored["source_id"].tolist() == ["new", "old"]
    assert stored["sha256"].tolist()[0] == "ab" and pd.isna(stored["sha256"].tolist()[1])


def test_append_rows_creates_the_declared_table(ws):
    row = pd.DataFrame(
        {"stage": ["link"], "fingerprint": ["f"], "seconds": [1], "summary": ["s"],
         "finished_at": [dt.datetime(2026, 1, 1)]}
    )  # fmt: skip
    ws.append_rows("stage_runs", row)
    ws.append_rows("stage_runs", row)
    assert ws.query("select count(*) as n from stage_runs")["n"].item() == 2
    assert ws.query("describe stage_runs")["column_type"].tolist()[2] == "DOUBLE"


def test_every_declared_table_has_duckdb_types_and_is_described_in_the_architecture():
    architecture = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    for name, table in TABLES.items():
        assert table.create_sql().startswith("create table if not exists")
        assert f"`{name}`" in architecture, f"docs/architecture.md does not describe `{name}`"


def test_link_and_review_read_the_same_label_when_clocks_disagree(ws):
    """The later label (by label_id, the order of appending) is in force, even when its
    clock reads earlier; link used to order by created_at and review by label_id."""
    labels = pd.DataFrame(
        {
            "label_id": [1, 2, 3, 4],
            "record_id_l": ["a:1", "a:1", "a:2", "b:1"],
            "record_id_r": ["b:1", "b:1", "b:2", "a:2"],  # the last is stored reversed
            "label": ["match", "non_match", "match", "non_match"],
            "reviewer": ["r1", "r2", "r1", "r2"],
            "created_at": pd.to_datetime(["2026-01-02", "2026-01-01", "2026-01-01", "2026-01-03"]),
            "undoes": pd.array([None, None, None, None], dtype="Int64"),
        }
    )
    ws.write_table("labels", labels)
    from_review = review_labels(ws)
    from_link = link_labels(ws)
    expected = [("a:1", "b:1", "non_match"), ("a:2", "b:1", "non_match"), ("a:2", "b:2", "match")]
    assert sorted(from_link.itertuples(index=False, name=None)) == expected
    assert (
        sorted(
            from_review[["record_id_l", "record_id_r", "label"]].itertuples(index=False, name=None)
        )
        == expected
    )


def test_an_undo_takes_a_label_out_of_force(ws):
    labels = pd.DataFrame(
        {
            "label_id": [1, 2, 3],
            "record_id_l": ["a:1", "a:1", "a:1"],
            "record_id_r": ["b:1", "b:1", "b:1"],
            "label": ["non_match", "match", "match"],
            "reviewer": ["r1", "r1", "r1"],
            "created_at": pd.to_datetime(["2026-01-01", "2026-01-02", "2026-01-03"]),
            "undoes": pd.array([None, None, 2], dtype="Int64"),
        }
    )
    ws.write_table("labels", labels)
    assert views.effective_labels(ws)["label"].tolist() == ["non_match"]
    with ws.connect(read_only=True) as con:
        assert views.effective_labels_by_reviewer(con)["label_id"].tolist() == [1]


def test_views_read_missing_tables_as_empty(ws):
    assert views.effective_labels(ws).empty
    assert views.live_cluster_actions(ws).empty
    assert views.link_threshold(ws) is None
    ws.write_table(
        "link_summary",
        pd.DataFrame(
            {"metric": ["records", "threshold"], "detail": [None, None], "value": [9.0, 0.8]}
        ),
    )
    assert views.link_threshold(ws) == 0.8


def test_a_staged_dataset_must_already_have_the_declared_schema(tmp_path):
    import pyarrow.dataset as pads
    import pyarrow.parquet as pq

    good = TABLES["quarantine"].schema.empty_table()
    pq.write_table(good, tmp_path / "good.parquet")
    dataset = pads.dataset(str(tmp_path / "good.parquet"))
    assert tables.conform("quarantine", dataset) is dataset
    bad = pa.table({"source_id": ["a"], "source_row": pa.array([1], pa.int32()),
                    "reason": ["x"], "field": [None], "raw": ["r"]})  # fmt: skip
    pq.write_table(bad, tmp_path / "bad.parquet")
    with pytest.raises(TableSchemaError, match="source_row int32 where source_row int64"):
        tables.conform("quarantine", pads.dataset(str(tmp_path / "bad.parquet")))


def test_rows_appended_one_by_one_are_checked_like_every_write(ws):
    """The review app appends to its tables over its own connection (insert_rows)."""
    from recount.review import store

    with ws.connect() as con:
        store.ensure_schema(con)
        good = store.label_row(1, "a:1", "b:1", "match", "rev", dt.datetime(2026, 1, 1))
        tables.insert_rows(con, "labels", [good])
        with pytest.raises(TableSchemaError, match="label_id"):
            tables.insert_rows(con, "labels", [good | {"label_id": None}])
        with pytest.raises(TableSchemaError, match="declares no column 'note'"):
            tables.insert_rows(con, "labels", [good | {"label_id": 2, "note": "x"}])
        with pytest.raises(TableSchemaError, match="created_at"):
            tables.insert_rows(con, "labels", [good | {"label_id": 2, "created_at": "today"}])
        assert con.execute("select count(*) from labels").fetchone()[0] == 1


def test_review_rows_land_in_their_columns_whatever_the_stored_order(ws):
    """A review table made by an older recount gains new columns at its end; the review app
    inserted by position, so a user added there put `false` into `created_at`."""
    from recount.review import store

    with ws.connect() as con:
        con.execute(
            "create table review_users (username varchar, role varchar, password_hash varchar, "
            "active boolean, failed_logins integer, locked_until timestamp, created_at timestamp)"
        )
        store.ensure_schema(con)  # adds show_scores after created_at
        store.insert_user(con, "ana", "reviewer", "hash")
        row = con.execute(
            "select active, show_scores, failed_logins, created_at from review_users"
        ).fetchone()
    assert row[:3] == (True, False, 0) and isinstance(row[3], dt.datetime)
