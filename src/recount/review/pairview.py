"""What the pair page shows: two records field by field, their name forms and people."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import duckdb

from recount.review import store
from recount.review.store import ReviewError

# (column in `records`, label on the page, is it a name)
FIELDS: tuple[tuple[str, str, bool], ...] = (
    ("name", "Name", True),
    ("given_name", "Given name", True),
    ("father_name", "Father's name", True),
    ("grandfather_name", "Grandfather's name", True),
    ("family_name", "Family name", True),
    ("name_latin", "Name (Latin)", True),
    ("sex", "Sex", False),
    ("age", "Age", False),
    ("date_of_death", "Date of death", False),
    ("date_precision", "Date precision", False),
    ("governorate", "Governorate", False),
    ("place", "Place", False),
    ("status", "Status", False),
    ("cause", "Cause", False),
    ("event", "Event", False),
    ("source_id", "Source", False),
    ("record_ref", "Source's id", False),
)


@dataclass
class FieldRow:
    label: str
    left: str
    right: str
    is_name: bool
    differs: bool


@dataclass
class PairView:
    record_id_l: str
    record_id_r: str
    rows: list[FieldRow]
    name_forms_l: list[str]
    name_forms_r: list[str]
    person_l: str | None
    person_r: str | None
    others_l: list[dict[str, Any]] = field(default_factory=list)
    others_r: list[dict[str, Any]] = field(default_factory=list)
    probability: float | None = None
    match_weight: float | None = None


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)


def _differs(left: str, right: str) -> bool:
    return bool(left and right) and left.casefold().strip() != right.casefold().strip()


def _records(
    con: duckdb.DuckDBPyConnection, tables: set[str], record_ids: tuple[str, str]
) -> dict[str, dict[str, Any]]:
    """Both records in one query, with their name forms and current person when known."""
    forms = "n.name_forms as _name_forms" if "normalized" in tables else "null as _name_forms"
    person = "rp.person_id as _person_id" if "record_person" in tables else "null as _person_id"
    joins = ("left join normalized n using (record_id) " if "normalized" in tables else "") + (
        "left join record_person rp using (record_id)" if "record_person" in tables else ""
    )
    cursor = con.execute(
        f"select r.*, {forms}, {person} from records r {joins} where r.record_id = any(?)",
        [list(record_ids)],
    )
    names = [d[0] for d in cursor.description]
    found = {row[0]: dict(zip(names, row, strict=True)) for row in cursor.fetchall()}
    if any(record_id not in found for record_id in record_ids):
        raise ReviewError("unknown record id")
    return found


def person_records(
    con: duckdb.DuckDBPyConnection, person_ids: str | list[str], exclude: tuple[str, ...] = ()
) -> list[dict[str, Any]]:
    """The records currently linked into one or more people (identifying fields only)."""
    wanted = [person_ids] if isinstance(person_ids, str) else list(person_ids)
    cursor = con.execute(
        """select r.record_id, rp.person_id, r.source_id, r.name, r.name_latin, r.sex, r.age,
                  r.date_of_death, r.governorate, r.place
           from record_person rp join records r using (record_id)
           where rp.person_id = any(?) and not (r.record_id = any(?))
           order by r.record_id""",
        [wanted, list(exclude)],
    )
    names = [d[0] for d in cursor.description]
    return [{k: _text(v) for k, v in zip(names, row, strict=True)} for row in cursor.fetchall()]


def load_pair(con: duckdb.DuckDBPyConnection, record_id_a: str, record_id_b: str) -> PairView:
    left_id, right_id = store.ordered_pair(record_id_a, record_id_b)
    tables = store.existing_tables(con)
    found = _records(con, tables, (left_id, right_id))
    left, right = found[left_id], found[right_id]
    rows = []
    for column, label, is_name in FIELDS:
        a, b = _text(left.get(column)), _text(right.get(column))
        if a or b:
            rows.append(FieldRow(label, a, b, is_name, _differs(a, b)))
    person_l, person_r = left["_person_id"], right["_person_id"]
    view = PairView(
        left_id,
        right_id,
        rows,
        [f for f in (left["_name_forms"] or []) if f],
        [f for f in (right["_name_forms"] or []) if f],
        person_l,
        person_r,
    )
    people = [p for p in dict.fromkeys((person_l, person_r)) if p]
    if people:
        others = person_records(con, people, (left_id, right_id))
        view.others_l = [o for o in others if o["person_id"] == person_l]
        if person_r != person_l:
            view.others_r = [o for o in others if o["person_id"] == person_r]
    if "pairs" in tables:
        score = con.execute(
            """select match_probability, match_weight from pairs
               where (record_id_l = ? and record_id_r = ?) or (record_id_l = ? and record_id_r = ?)
               limit 1""",
            [left_id, right_id, right_id, left_id],
        ).fetchone()
        if score:
            view.probability, view.match_weight = score
    return view
