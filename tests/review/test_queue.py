"""The queue: priorities, filters, leases, double review."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from review_helpers import login, make_client, make_clients

from recount.review import store
from recount.review.queue import QueueFilter, ReviewQueue, parse_period
from recount.review.store import ReviewError
from recount.settings import ReviewSettings


def _next(client, token, **filters):
    response = client.post("/api/next", json=filters, headers={"x-csrf-token": token})
    assert response.status_code == 200, response.text
    pair = response.json()["pair"]
    return None if pair is None else (pair["record_id_l"], pair["record_id_r"])


def _label(client, token, pair, label="match"):
    response = client.post(
        "/api/labels",
        json={"record_id_l": pair[0], "record_id_r": pair[1], "label": label},
        headers={"x-csrf-token": token},
    )
    return response


def test_two_reviewers_never_hold_the_same_pair(workspace):
    first, second = make_clients(workspace, 2)
    token_1, token_2 = login(first, "rita"), login(second, "rami")
    seen_1, seen_2 = [], []
    for _ in range(15):
        pair_1, pair_2 = _next(first, token_1), _next(second, token_2)
        assert pair_1 != pair_2
        seen_1.append(pair_1)
        seen_2.append(pair_2)
        assert _label(first, token_1, pair_1).status_code == 200
        assert _label(second, token_2, pair_2).status_code == 200
    # a pair leased by one reviewer cannot be labelled by the other
    held = _next(first, token_1)
    refused = _label(second, token_2, held)
    assert refused.status_code == 400 and "another reviewer" in refused.json()["error"]


def test_asking_again_returns_the_pair_still_held(client):
    token = login(client, "rita")
    assert _next(client, token) == _next(client, token)


def loaded(workspace, **settings) -> ReviewQueue:
    review_queue = ReviewQueue(ReviewSettings(**settings), configured_threshold=0.9)
    with workspace.connect() as con:
        store.ensure_schema(con)
        review_queue.ensure_loaded(con, 1)
    return review_queue


def test_the_queue_starts_near_the_threshold_or_with_large_clusters(workspace):
    review_queue = loaded(workspace, impact_weight=0.0, double_review_percent=0)
    rows = review_queue.open_pairs("rita", limit=500)
    distances = [abs(r["probability"] - 0.9) for r in rows]
    assert distances == sorted(distances)
    weighted = loaded(workspace, impact_weight=5.0, double_review_percent=0)
    top = weighted.open_pairs("rita", limit=1)[0]
    # person P0000 has the most records: its internal pairs come first
    assert top["impact"] == max(r["impact"] for r in rows)


def test_the_queue_centres_on_the_threshold_link_used_not_the_configured_one(workspace):
    """`recount link --threshold 0.5` records 0.5 in link_summary; [link] threshold still says 0.9."""
    workspace.write_table(
        "link_summary",
        pd.DataFrame({"metric": ["threshold"], "detail": [None], "value": [0.5]}),
    )
    review_queue = loaded(workspace, impact_weight=0.0, double_review_percent=0)
    assert review_queue.threshold == 0.5
    rows = review_queue.open_pairs("rita", limit=500)
    distances = [abs(r["probability"] - 0.5) for r in rows]
    assert distances == sorted(distances)
    from_configured = [abs(r["probability"] - 0.9) for r in rows]
    assert from_configured != sorted(from_configured)


def test_filters_by_source_governorate_and_period(workspace):
    review_queue = loaded(workspace)
    everything = review_queue.open_pairs("rita", limit=1000)
    by_source = review_queue.open_pairs("rita", QueueFilter.parse(source="moh"), 1000)
    by_place = review_queue.open_pairs("rita", QueueFilter.parse(governorate="sy-hl"), 1000)
    period = QueueFilter.parse(period_from="2013-03", period_to="2013")
    by_period = review_queue.open_pairs("rita", period, 1000)
    with workspace.connect() as con:
        place = dict(con.execute("select record_id, governorate from normalized").fetchall())
        died = dict(con.execute("select record_id, date_of_death from records").fetchall())
    assert 0 < len(by_source) < len(everything)
    assert all("moh:" in r["record_id_l"] + r["record_id_r"] for r in by_source)
    assert 0 < len(by_place) < len(everything)
    assert all("SY-HL" in (place[r["record_id_l"]], place[r["record_id_r"]]) for r in by_place)
    assert 0 < len(by_period) < len(everything)
    for r in by_period:
        dates = (died[r["record_id_l"]], died[r["record_id_r"]])
        assert max(dates) >= date(2013, 3, 1) and min(dates) <= date(2013, 12, 31)


def test_double_review_sample_goes_to_two_reviewers(workspace):
    review_queue = loaded(workspace, double_review_percent=100)
    pair = review_queue.next_pair("rita")
    review_queue.note_label(pair, "rita", "match")
    assert review_queue.next_pair("rita") != pair
    # the second reviewer gets the half-reviewed pair first
    assert review_queue.next_pair("rami") == pair
    review_queue.note_label(pair, "rami", "non_match")
    assert review_queue.next_pair("ada") != pair
    single = loaded(workspace, double_review_percent=0)
    single.note_label(pair, "rita", "match")
    assert pair not in [
        (r["record_id_l"], r["record_id_r"]) for r in single.open_pairs("ada", limit=500)
    ]


def test_about_the_requested_share_is_double_reviewed(workspace):
    rows = loaded(workspace, double_review_percent=30).open_pairs("x", limit=1000)
    share = sum(r["double_review"] for r in rows) / len(rows)
    assert 0.1 < share < 0.5


def test_an_expired_lease_frees_the_pair(workspace):
    review_queue = loaded(workspace, lease_minutes=0)
    pair = review_queue.next_pair("rita")
    assert review_queue.next_pair("rami") == pair
    held = loaded(workspace, lease_minutes=10)
    pair = held.next_pair("rita")
    assert held.next_pair("rami") != pair


def test_skipping_sets_a_pair_aside_for_that_reviewer_only(client):
    token = login(client, "rita")
    first = _next(client, token)
    response = client.post("/pair/skip", data={"csrf_token": token, "l": first[0], "r": first[1]})
    assert response.status_code == 303
    assert _next(client, token) != first


def test_the_queue_ends(workspace):
    with make_client(workspace) as client:
        token = login(client, "rita")
        labelled = set()
        while (pair := _next(client, token)) is not None:
            assert pair not in labelled
            labelled.add(pair)
            assert _label(client, token, pair, "unsure").status_code == 200
            assert len(labelled) < 1000
    assert len(labelled) > 20


def test_labels_from_another_process_are_seen(workspace):
    """A labels import (another process) while the server is up: the queue reloads."""
    with make_client(workspace, release_after_seconds=0.05) as client:
        token = login(client, "rita")
        first = _next(client, token)
        client.app.state.db.release()
        with workspace.connect() as con:
            store.add_label(con, *first, "match", "rita")
        assert _next(client, token) != first


@pytest.mark.parametrize(
    ("text", "end", "expected"),
    [
        ("2013", False, date(2013, 1, 1)),
        ("2013", True, date(2013, 12, 31)),
        ("2012-02", True, date(2012, 2, 29)),
        ("2013-12", True, date(2013, 12, 31)),
        ("2013-05-07", True, date(2013, 5, 7)),
        ("", True, None),
    ],
)
def test_periods(text, end, expected):
    assert parse_period(text, end) == expected


@pytest.mark.parametrize("text", ["13", "2013-13", "2013-02-30", "yesterday", "2013/01"])
def test_bad_periods_are_refused(text):
    with pytest.raises(ReviewError):
        parse_period(text, False)


@settings(max_examples=100, deadline=None)
@given(day=st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)))
def test_any_period_contains_its_own_days(day):
    for text in (f"{day.year:04d}", f"{day.year:04d}-{day.month:02d}", day.isoformat()):
        start, end = parse_period(text, end=False), parse_period(text, end=True)
        assert start <= day <= end
        assert start.year == end.year == day.year


@settings(max_examples=100, deadline=None)
@given(text=st.text(max_size=12))
def test_period_parser_never_crashes(text):
    try:
        parsed = parse_period(text, end=True)
    except ReviewError:
        return
    assert parsed is None or isinstance(parsed, date)


def test_an_undone_label_reopens_its_pair(workspace):
    review_queue = loaded(workspace, double_review_percent=0)
    served = []
    for _ in range(5):
        pair = review_queue.next_pair("rita")
        review_queue.note_label(pair, "rita", "match")
        served.append(pair)
    assert review_queue.done_before >= 1
    review_queue.note_label(served[0], "rita", None)  # rita undid her first label
    assert review_queue.next_pair("rami") == served[0]


def test_the_governorate_filter_offers_the_workspaces_own_units(workspace):
    # A Ukrainian or Colombian team was shown "SY-HL" as the example code.
    codes = workspace.query(
        "select distinct governorate from normalized where governorate is not null order by 1"
    )["governorate"].tolist()
    assert codes
    with make_client(workspace) as client:
        login(client, "rita")
        page = client.get("/queue").text
    assert [c for c in codes if f'<option value="{c}"' in page] == codes
    with workspace.connect() as con:
        con.execute("update normalized set governorate = null")
    with make_client(workspace) as client:
        login(client, "rita")
        assert (
            'name="governorate"' not in client.get("/queue").text
        )  # no pack: nothing to filter by
