"""Cluster view and the two cluster actions: split a record off, merge two people.

Actions are appended to `cluster_actions` and take effect at every later
`recount link`, which reads those in force. Both are stored between records,
whose ids never change, not between people, whose ids are those of one link
run (a person's id is a hash of its smallest record), so a decision holds
through any number of relinks:
- split: record_ids holds the record taken out, apart_from the person's other
  records at that moment (cannot-link between it and each of them);
- merge: record_ids are every record of the people joined (must-link).
person_ids names the people as the reviewer saw them. An undo appends a copy
of the action with `undoes` set to its id.
"""

from __future__ import annotations

from typing import Any

import duckdb

from recount.review import store
from recount.review.pairview import person_records
from recount.review.store import ReviewError
from recount.tables import insert_rows
from recount.tables.views import ACTION_COLUMNS, LIVE_CLUSTER_ACTIONS_SQL


def _require_links(con: duckdb.DuckDBPyConnection) -> None:
    if not {"record_person", "records"} <= store.existing_tables(con):
        raise ReviewError("no linkage yet: run `recount link` first")


def _member_ids(con: duckdb.DuckDBPyConnection, person_id: str) -> list[str]:
    rows = con.execute(
        "select record_id from record_person where person_id = ? order by record_id", [person_id]
    ).fetchall()
    return [r[0] for r in rows]


def _append(
    con: duckdb.DuckDBPyConnection,
    action: str,
    record_ids: list[str],
    person_ids: list[str],
    reviewer: str,
    undoes: int | None = None,
    apart_from: list[str] | None = None,
) -> int:
    action_id = store.next_id(con, "cluster_actions", "action_id")
    row = {"action_id": action_id, "action": action, "record_ids": record_ids}
    row |= {"person_ids": person_ids, "reviewer": reviewer, "created_at": store.now()}
    insert_rows(con, "cluster_actions", [row | {"undoes": undoes, "apart_from": apart_from}])
    return action_id


def split_record(
    con: duckdb.DuckDBPyConnection, person_id: str, record_id: str, reviewer: str
) -> int:
    """Takes one record out of a person; returns the action id."""
    _require_links(con)
    members = _member_ids(con, person_id)
    if record_id not in members:
        raise ReviewError("that record is not in this person")
    if len(members) < 2:
        raise ReviewError("a person with one record cannot be split")
    others = [m for m in members if m != record_id]
    return _append(con, "split", [record_id], [person_id], reviewer, apart_from=others)


def merge_people(
    con: duckdb.DuckDBPyConnection, person_a: str, person_b: str, reviewer: str
) -> int:
    """Joins two people into one; returns the action id."""
    _require_links(con)
    if person_a == person_b:
        raise ReviewError("cannot merge a person with itself")
    members_a, members_b = _member_ids(con, person_a), _member_ids(con, person_b)
    if not members_a or not members_b:
        raise ReviewError("unknown person id")
    return _append(con, "merge", members_a + members_b, [person_a, person_b], reviewer)


def undo_action(con: duckdb.DuckDBPyConnection, action_id: int, user: store.User) -> int:
    """Reverses an action in force (one's own, or anyone's for an admin)."""
    row = con.execute(
        f"""select action, record_ids, person_ids, reviewer, apart_from
            from ({LIVE_CLUSTER_ACTIONS_SQL}) where action_id = ?""",
        [action_id],
    ).fetchone()
    if row is None:
        raise ReviewError("no such action in force")
    action, record_ids, person_ids, reviewer, apart_from = row
    if reviewer != user.username and not user.is_admin:
        raise ReviewError("only its author or an admin can undo an action")
    return _append(
        con,
        action,
        list(record_ids),
        list(person_ids),
        user.username,
        action_id,
        None if apart_from is None else list(apart_from),
    )


def person_view(con: duckdb.DuckDBPyConnection, person_id: str) -> dict[str, Any]:
    """A person's records, the scored links among them, and the actions touching them."""
    _require_links(con)
    tables = store.existing_tables(con)
    records = person_records(con, person_id)
    if not records:
        raise ReviewError("unknown person id")
    ids = [r["record_id"] for r in records]
    links = []
    if "pairs" in tables:
        links = [
            {"record_id_l": r[0], "record_id_r": r[1], "probability": r[2]}
            for r in con.execute(
                """select least(record_id_l, record_id_r), greatest(record_id_l, record_id_r),
                          max(match_probability)
                   from pairs where record_id_l = any(?) and record_id_r = any(?)
                   group by 1, 2 order by 3 desc""",
                [ids, ids],
            ).fetchall()
        ]
    summary = {}
    if "persons" in tables:
        cursor = con.execute(
            "select n_records, sources, sex, age, date_of_death, governorate, status "
            "from persons where person_id = ?",
            [person_id],
        )
        row = cursor.fetchone()
        if row:
            summary = dict(zip([d[0] for d in cursor.description], row, strict=True))
    actions = [
        dict(zip(ACTION_COLUMNS, r, strict=True))
        for r in con.execute(
            f"""select * from ({LIVE_CLUSTER_ACTIONS_SQL})
                where list_contains(person_ids, ?) or list_has_any(record_ids, ?)
                order by action_id desc""",
            [person_id, ids],
        ).fetchall()
    ]
    split_off = {a["record_ids"][0] for a in actions if a["action"] == "split"}
    for record in records:
        record["pending_split"] = record["record_id"] in split_off
    return {
        "person_id": person_id,
        "summary": summary,
        "records": records,
        "links": links,
        "actions": actions,
    }


def active_actions(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """Every cluster action in force, oldest first (what `recount link` applies)."""
    if "cluster_actions" not in store.existing_tables(con):
        return []
    cursor = con.execute(LIVE_CLUSTER_ACTIONS_SQL + " order by action_id")
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]
