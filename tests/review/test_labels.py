"""Labels: append-only storage, undo, effective labels, Splink format in and out."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from review_helpers import login

from recount.errors import InputError
from recount.review import effective_labels, labels_io, store
from recount.review.store import ReviewError


def test_labels_are_append_only_and_undo_appends(workspace):
    with workspace.connect() as con:
        store.ensure_schema(con)
        first = store.add_label(con, "vdc:2", "vdc:1", "match", "rita")
        second = store.add_label(con, "vdc:1", "vdc:2", "non_match", "rita")
        undone = store.undo_last_label(con, "rita")
        rows = con.execute(
            "select label_id, record_id_l, record_id_r, label, undoes from labels order by 1"
        ).fetchall()
    assert undone["label_id"] == second
    assert rows == [
        (first, "vdc:1", "vdc:2", "match", None),
        (second, "vdc:1", "vdc:2", "non_match", None),
        (second + 1, "vdc:1", "vdc:2", "non_match", second),
    ]
    effective = effective_labels(workspace)
    assert effective[["record_id_l", "record_id_r", "label"]].values.tolist() == [
        ["vdc:1", "vdc:2", "match"]
    ]


def test_undo_walks_back_one_label_at_a_time(workspace):
    with workspace.connect() as con:
        store.ensure_schema(con)
        store.add_label(con, "vdc:1", "vdc:2", "match", "rita")
        store.add_label(con, "vdc:1", "snhr:1", "unsure", "rita")
        store.add_label(con, "vdc:1", "moh:1", "match", "rami")
        assert store.undo_last_label(con, "rita")["record_id_l"] == "snhr:1"
        assert store.undo_last_label(con, "rita")["record_id_r"] == "vdc:2"
        assert store.undo_last_label(con, "rita") is None
    effective = effective_labels(workspace)
    assert effective["reviewer"].tolist() == ["rami"]


def test_labels_need_known_records_and_a_valid_value(workspace):
    with workspace.connect() as con:
        store.ensure_schema(con)
        with pytest.raises(ReviewError):
            store.add_label(con, "vdc:1", "nowhere:9", "match", "rita")
        with pytest.raises(ReviewError):
            store.add_label(con, "vdc:1", "vdc:2", "maybe", "rita")
        with pytest.raises(ReviewError):
            store.add_label(con, "vdc:1", "vdc:1", "match", "rita")


def test_keyboard_flow_over_http_label_undo_previous(client):
    token = login(client, "rita")
    start = client.post("/next", data={"csrf_token": token})
    page = client.get(start.headers["location"])
    assert page.status_code == 200 and "score hidden until you decide" in page.text
    query = parse_qs(urlsplit(start.headers["location"]).query)
    pair = (query["l"][0], query["r"][0])
    decided = client.post(
        "/pair/label", data={"csrf_token": token, "l": pair[0], "r": pair[1], "label": "non_match"}
    )
    after = client.get(decided.headers["location"])
    assert "You said <strong>non-match</strong>" in after.text
    assert "the model's match probability was" in after.text
    back = client.get(client.get("/pair/prev").headers["location"])
    assert 'id="my-label">non-match<' in back.text and 'id="score"' in back.text
    undo = client.post("/undo", data={"csrf_token": token})
    assert undo.status_code == 303
    assert "my-label" not in client.get(undo.headers["location"]).text
    progress = client.get("/api/progress").json()
    assert progress["counts"]["pairs_reviewed"] == 0 and progress["counts"]["undos"] == 1


def test_show_scores_setting_lifts_blind_mode(client):
    token = login(client, "rita")
    client.post("/settings", data={"csrf_token": token, "show_scores": "on"})
    start = client.post("/next", data={"csrf_token": token})
    page = client.get(start.headers["location"])
    assert 'id="score"' in page.text


def test_export_then_import_round_trip(workspace, tmp_path):
    with workspace.connect() as con:
        store.ensure_schema(con)
        store.add_label(con, "vdc:1", "vdc:2", "match", "rita")
        store.add_label(con, "vdc:1", "snhr:1", "non_match", "rita")
        store.add_label(con, "moh:1", "snhr:1", "unsure", "rami")
        exported = labels_io.export_labels(con)
    assert list(exported.columns) == list(labels_io.SPLINK_COLUMNS)
    assert sorted(exported["clerical_match_score"]) == [0.0, 0.5, 1.0]
    assert set(exported["source_dataset_l"]) <= {"vdc", "snhr", "moh"}
    path = tmp_path / "labels.csv"
    exported.to_csv(path, index=False)
    with workspace.connect() as con:
        counts = labels_io.import_labels(con, path, "imported")
        again = labels_io.import_labels(con, path, "imported")
        mine = con.execute(
            "select record_id_l, record_id_r, label from labels where reviewer = 'imported' order by 1, 2"
        ).fetchall()
    assert counts == {"rows": 3, "added": 3, "skipped": 0}
    assert again == {"rows": 3, "added": 0, "skipped": 3}
    assert mine == [
        ("moh:1", "snhr:1", "unsure"),
        ("snhr:1", "vdc:1", "non_match"),
        ("vdc:1", "vdc:2", "match"),
    ]


def test_import_accepts_source_rows_as_unique_ids(workspace, tmp_path):
    path = tmp_path / "splink.csv"
    pd.DataFrame(
        {
            "source_dataset_l": ["vdc", "vdc"],
            "unique_id_l": [1, 2],
            "source_dataset_r": ["snhr", "moh"],
            "unique_id_r": [1, 1],
            "clerical_match_score": [0.9, 0.1],
        }
    ).to_csv(path, index=False)
    with workspace.connect() as con:
        store.ensure_schema(con)
        labels_io.import_labels(con, path, "imported")
        rows = con.execute(
            "select record_id_l, record_id_r, label from labels order by 1, 2"
        ).fetchall()
    assert rows == [("moh:1", "vdc:2", "non_match"), ("snhr:1", "vdc:1", "match")]


@pytest.mark.parametrize(
    ("column", "value", "field"),
    [
        ("unique_id_r", "999999", "unique_id_r"),
        ("clerical_match_score", "1.5", "clerical_match_score"),
        ("clerical_match_score", "yes", "clerical_match_score"),
    ],
)
def test_import_names_the_bad_row(workspace, tmp_path, column, value, field):
    frame = pd.DataFrame(
        {
            "source_dataset_l": ["vdc", "vdc"],
            "unique_id_l": ["vdc:1", "vdc:1"],
            "source_dataset_r": ["vdc", "snhr"],
            "unique_id_r": ["vdc:2", "snhr:1"],
            "clerical_match_score": ["1", "0"],
        }
    )
    frame.loc[1, column] = value
    path = tmp_path / "bad.csv"
    frame.to_csv(path, index=False)
    with workspace.connect() as con:
        store.ensure_schema(con)
        with pytest.raises(InputError) as error:
            labels_io.import_labels(con, path, "imported")
        assert con.execute("select count(*) from labels").fetchone()[0] == 0
    assert error.value.row == 2 and error.value.field == field


def test_import_counts_blank_lines_in_the_row_it_names(workspace, tmp_path):
    """A blank line is skipped, but the bad row after it is named by its place in the file."""
    path = tmp_path / "bad.csv"
    path.write_text(
        "source_dataset_l,unique_id_l,source_dataset_r,unique_id_r,clerical_match_score\n"
        "vdc,vdc:1,vdc,vdc:2,1\n\nvdc,vdc:1,snhr,snhr:1,yes\n",
        encoding="utf-8",
    )
    with workspace.connect() as con:
        store.ensure_schema(con)
        with pytest.raises(InputError) as error:
            labels_io.import_labels(con, path, "imported")
    assert (error.value.row, error.value.field) == (3, "clerical_match_score")
    path.write_text(path.read_text().replace("yes", "0"), encoding="utf-8")
    with workspace.connect() as con:
        assert labels_io.import_labels(con, path, "imported")["rows"] == 2


def test_import_refuses_a_file_without_the_columns(workspace, tmp_path):
    path = tmp_path / "other.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with workspace.connect() as con, pytest.raises(InputError, match="missing column"):
        labels_io.import_labels(con, path, "imported")


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(score=st.floats(min_value=0, max_value=1, allow_nan=False))
def test_score_to_label_is_monotone_and_round_trips(score):
    label = labels_io.label_of_score(score)
    assert labels_io.label_of_score(labels_io.SCORE_OF_LABEL[label]) == label
    if score > 0.5:
        assert label == "match"
    elif score < 0.5:
        assert label == "non_match"


@settings(max_examples=25, deadline=None)
@given(
    ids=st.lists(
        st.tuples(
            st.text(alphabet="abcxyz_-", min_size=1, max_size=6),
            st.integers(min_value=1, max_value=10**6),
        ),
        min_size=2,
        max_size=6,
        unique=True,
    ),
    scores=st.lists(st.sampled_from([0.0, 0.5, 1.0]), min_size=1, max_size=5),
)
def test_resolve_labels_handles_any_source_names(ids, scores):
    known = {f"{s}:{n}" for s, n in ids}
    record_ids = sorted(known)
    rows = []
    for i, score in enumerate(scores):
        left, right = record_ids[i % len(record_ids)], record_ids[(i + 1) % len(record_ids)]
        rows.append(
            {
                "source_dataset_l": labels_io.source_of(left),
                "unique_id_l": left.rsplit(":", 1)[1],
                "source_dataset_r": labels_io.source_of(right),
                "unique_id_r": right,
                "clerical_match_score": str(score),
            }
        )
    resolved = labels_io.resolve_labels(pd.DataFrame(rows), known, "f.csv")
    assert len(resolved) == len(scores)
    for (left, right, label), score in zip(resolved, scores, strict=True):
        assert left < right and left in known and right in known
        assert label == labels_io.label_of_score(score)
