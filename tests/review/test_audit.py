"""The audit sample: uniformly random, kept apart from the queue, answered in the app, rates."""

from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd
import pytest
from review_helpers import login
from scipy.stats import chisquare

from recount.review import audit
from recount.review.store import ReviewError


def synthetic_links(con: duckdb.DuckDBPyConnection, people: int = 400) -> None:
    """persons / record_person / pairs as the link stage writes them: half the people on one
    list, half on two (with one scored pair each)."""
    persons, members, pairs = [], [], []
    for i in range(people):
        pid = f"P{i:04d}"
        if i % 2:
            persons.append((pid, ["a"]))
            members.append((f"a:{i}", "a", pid))
        else:
            persons.append((pid, ["a", "b"]))
            members += [(f"a:{i}", "a", pid), (f"b:{i}", "b", pid)]
            pairs.append((f"a:{i}", f"b:{i}", "a", "b", 0.5 + i / (4 * people)))
    con.execute("create table persons (person_id VARCHAR, sources VARCHAR[])")
    con.executemany("insert into persons values (?, ?)", persons)
    con.execute(
        "create table record_person (record_id VARCHAR, source_id VARCHAR, person_id VARCHAR)"
    )
    con.executemany("insert into record_person values (?, ?, ?)", members)
    con.execute(
        """create table pairs (record_id_l VARCHAR, record_id_r VARCHAR, source_id_l VARCHAR,
           source_id_r VARCHAR, match_probability DOUBLE)"""
    )
    con.executemany("insert into pairs values (?, ?, ?, ?, ?)", pairs)


SEEDS = 200


def test_the_sample_is_a_uniform_random_draw_of_singletons_and_links():
    """Over many seeds every singleton and every linked pair is drawn equally often, whatever
    its match probability: nothing ranks the sample. One database, its drawn items cleared
    between seeds (a fresh database a seed cost seven times as much)."""
    hits_people: dict[str, int] = {}
    hits_links: dict[str, int] = {}
    con = duckdb.connect()
    synthetic_links(con, 200)
    for seed in range(SEEDS):
        audit.draw_sample(con, singletons=20, links=20, seed=seed)
        drawn = audit.items(con)
        for pid in drawn.loc[drawn["kind"] == audit.SINGLETON, "person_id"]:
            hits_people[pid] = hits_people.get(pid, 0) + 1
        for pid in drawn.loc[drawn["kind"] == audit.LINK, "record_id_l"]:
            hits_links[pid] = hits_links.get(pid, 0) + 1
        con.execute("delete from audit_items")
    con.close()
    assert len(hits_people) == 100 and len(hits_links) == 100  # singletons only; links only
    for hits in (hits_people, hits_links):
        counts = np.array(list(hits.values()))
        assert counts.sum() == SEEDS * 20
        assert chisquare(counts).pvalue > 0.001
    # strong links (higher record numbers) are not favoured: their share is their number's share
    strong = sum(v for k, v in hits_links.items() if int(k.split(":")[1]) >= 100)
    assert strong / (SEEDS * 20) == pytest.approx(0.5, abs=0.03)


def test_the_sample_is_drawn_once_and_reproducibly():
    frames = []
    for _ in range(2):
        con = duckdb.connect()
        synthetic_links(con)
        audit.draw_sample(con, singletons=30, links=30, seed=5)
        frames.append(audit.items(con).drop(columns=["drawn_at"]))
        with pytest.raises(ReviewError, match="already drawn"):
            audit.draw_sample(con, seed=6)
    pd.testing.assert_frame_equal(frames[0], frames[1])
    kinds = frames[0]["kind"].tolist()
    assert kinds.count(audit.SINGLETON) == 30 and kinds.count(audit.LINK) == 30
    assert kinds != sorted(kinds)  # interleaved in random order


def test_rates_from_answers_with_intervals():
    con = duckdb.connect()
    synthetic_links(con)
    audit.draw_sample(con, singletons=100, links=100, seed=1)
    drawn = audit.items(con)
    links = drawn[drawn["kind"] == audit.LINK]["item_id"].tolist()
    singles = drawn[drawn["kind"] == audit.SINGLETON]["item_id"].tolist()
    for k, item in enumerate(links):
        audit.record_answer(con, item, "different" if k < 10 else "same", "rita")
    for k, item in enumerate(singles):
        if k < 20:
            # the singleton a:{odd} is really the two-list person's a:{even} ... on list b
            person = drawn.loc[drawn["item_id"] == item, "person_id"].iloc[0]
            other = f"b:{(int(person[1:]) + 1) % 400}"
            audit.record_answer(con, item, "missed", "rita", other)
        else:
            audit.record_answer(con, item, "unsure" if k >= 90 else "none", "rita")
    rates = audit.audit_rates(audit.answered(con)).set_index(["kind", "list_a"])
    false = rates.loc[("false_link", "a")]
    assert (false["list_b"], false["audited"], false["errors"]) == ("b", 100, 10)
    assert false["lower"] < 0.1 < false["upper"]
    missed = rates.loc[("missed_link", "a")]
    overall = missed[missed["list_b"].isna()].iloc[0]
    assert (overall["audited"], overall["errors"]) == (90, 20)  # unsure answers left out
    by_list = missed[missed["list_b"] == "b"].iloc[0]
    assert by_list["errors"] == 20


def test_answers_are_checked():
    con = duckdb.connect()
    synthetic_links(con)
    audit.draw_sample(con, singletons=5, links=5, seed=1)
    drawn = audit.items(con)
    single = int(drawn.loc[drawn["kind"] == audit.SINGLETON, "item_id"].iloc[0])
    link = int(drawn.loc[drawn["kind"] == audit.LINK, "item_id"].iloc[0])
    with pytest.raises(ReviewError, match="answer must be"):
        audit.record_answer(con, link, "missed", "rita")
    with pytest.raises(ReviewError, match="name the record"):
        audit.record_answer(con, single, "missed", "rita")
    with pytest.raises(ReviewError, match="unknown record"):
        audit.record_answer(con, single, "missed", "rita", "zz:1")
    with pytest.raises(ReviewError, match="unknown audit item"):
        audit.record_answer(con, 999, "same", "rita")


def test_the_app_offers_the_sample_apart_from_the_queue(client, workspace):
    token = login(client, "rita")
    page = client.get("/audit-sample").text
    assert 'id="draw"' in page
    assert client.post("/audit-sample/draw", data={"csrf_token": token}).status_code == 303
    before = client.get("/queue").text
    with client.app.state.db.connection() as con:
        drawn = audit.items(con)
    assert len(drawn) > 0
    answered = 0
    for _ in range(len(drawn)):
        page = client.get("/audit-sample").text
        assert 'id="audit-item"' in page
        item = int(page.split('data-item="')[1].split('"')[0])
        kind = drawn.loc[drawn["item_id"] == item, "kind"].iloc[0]
        answer = "same" if kind == audit.LINK else "none"
        response = client.post(
            "/audit-sample/answer", data={"csrf_token": token, "item_id": item, "answer": answer}
        )
        assert response.status_code == 303, response.text
        answered += 1
    assert 'id="audit-done"' in client.get("/audit-sample").text
    with client.app.state.db.connection() as con:
        assert len(audit.answered(con)) == answered
        labels = con.execute("select count(*) from labels").fetchone()[0]
    assert labels == 0  # audit answers never enter the queue's labels
    assert client.get("/queue").text == before
    bad = client.post(
        "/audit-sample/answer", data={"csrf_token": token, "item_id": 1, "answer": "maybe"}
    )
    assert bad.status_code == 400
