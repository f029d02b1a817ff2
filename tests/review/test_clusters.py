"""Cluster view, split, merge, and their undo."""

from __future__ import annotations

from review_helpers import login, make_clients

from recount.review import active_actions


def test_split_is_audited_shown_and_reversible(client, workspace):
    token = login(client, "rita")
    page = client.get("/person/P0000").text
    assert page.count('class="split"') == 4
    response = client.post("/person/P0000/split", data={"csrf_token": token, "record_id": "vdc:2"})
    assert response.status_code == 303
    page = client.get("/person/P0000").text
    assert 'class="pending"' in page and "split off" in page
    with client.app.state.db.connection() as con:
        (action,) = active_actions(con)
    assert action["action"] == "split" and list(action["record_ids"]) == ["vdc:2"]
    assert list(action["person_ids"]) == ["P0000"] and action["reviewer"] == "rita"
    undo = client.post(
        f"/actions/{action['action_id']}/undo", data={"csrf_token": token, "person_id": "P0000"}
    )
    assert undo.status_code == 303
    with client.app.state.db.connection() as con:
        assert active_actions(con) == []
        rows = con.execute("select action_id, undoes from cluster_actions order by 1").fetchall()
    assert rows == [(1, None), (2, 1)]
    assert 'class="pending"' not in client.get("/person/P0000").text


def test_merge_two_people(client):
    token = login(client, "rita")
    response = client.post(
        "/person/P0000/merge", data={"csrf_token": token, "other_person_id": "P0002"}
    )
    assert response.status_code == 303
    with client.app.state.db.connection() as con:
        (action,) = active_actions(con)
        members = {
            r[0]
            for r in con.execute(
                "select record_id from record_person where person_id in ('P0000', 'P0002')"
            ).fetchall()
        }
    assert action["action"] == "merge" and set(action["record_ids"]) == members
    assert sorted(action["person_ids"]) == ["P0000", "P0002"]


def test_refused_cluster_actions(client):
    token = login(client, "rita")
    wrong_record = client.post(
        "/person/P0000/split", data={"csrf_token": token, "record_id": "moh:99"}
    )
    assert wrong_record.status_code == 400
    self_merge = client.post(
        "/person/P0000/merge", data={"csrf_token": token, "other_person_id": "P0000"}
    )
    assert self_merge.status_code == 400
    unknown = client.post(
        "/person/P0000/merge", data={"csrf_token": token, "other_person_id": "PX"}
    )
    assert unknown.status_code == 400
    assert client.get("/person/NOPE").status_code == 400


def test_only_the_author_or_an_admin_undoes_an_action(workspace):
    author, other, admin = make_clients(workspace, 3)
    token = login(author, "rita")
    author.post("/person/P0000/split", data={"csrf_token": token, "record_id": "vdc:1"})
    other_token = login(other, "rami")
    refused = other.post("/actions/1/undo", data={"csrf_token": other_token})
    assert refused.status_code == 400
    admin_token = login(admin, "ada")
    assert admin.post("/actions/1/undo", data={"csrf_token": admin_token}).status_code == 303


def test_the_pair_page_shows_both_people_and_their_other_records(client):
    login(client, "rita")
    page = client.get("/pair?l=vdc:1&r=vdc:2").text
    assert page.count('href="/person/P0000"') == 2 and "(the same)" in page
    for other in ("snhr:1", "moh:1"):
        assert f"<code>{other}</code>" in page
    assert 'class="diff"' in page or 'class="same"' in page
