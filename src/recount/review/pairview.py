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


def _record(con: duckdb.DuckDBPyConnection, record_id: str) -> dict[str, Any]:
    cursor = con.execute("select * from records where record_id = ?", [record_id])
    row = cursor.fetchone()
    if row is None:
        raise ReviewError("unknown record id")
    return dict(zip([d[0] for d in cursor.description], row, strict=True))


def _name_forms(con: duckdb.DuckDBPyConnection, tables: set[str], record_id: str) -> list[str]:
    if "normalized" not in tables:
        return []
    row = con.execute(
        "select name_forms from normalized where record_id = ?", [record_id]
    ).fetchone()
    return [f for f in (row[0] or []) if f] if row else []


def person_of(con: duckdb.DuckDBPyConnection, tables: set[str], record_id: str) -> str | None:
    if "record_person" not in tables:
        return None
    row = con.execute(
        "select person_id from record_person where record_id = ?", [record_id]
    ).fetchone()
    return row[0] if row else None


def person_records(
    con: duckdb.DuckDBPyConnection, person_id: str, exclude: tuple[str, ...] = ()
) -> list[dict[str, Any]]:
    """The records currently linked into a person (identifying fields only)."""
    cursor = con.execute(
        """select r.record_id, r.source_id, r.name, r.name_latin, r.sex, r.age,
                  r.date_of_death, r.governorate, r.place
           from record_person rp join records r using (record_id)
           where rp.person_id = ? and not (r.record_id = any(?))
           order by r.record_id""",
        [person_id, list(exclude)],
    )
    names = [d[0] for d in cursor.description]
    return [{k: _text(v) for k, v in zip(names, row, strict=True)} for row in cursor.fetchall()]


def load_pair(con: duckdb.DuckDBPyConnection, record_id_a: str, record_id_b: str) -> PairView:
    left_id, right_id = store.ordered_pair(record_id_a, record_id_b)
    tables = store.existing_tables(con)
    left, right = _record(con, left_id), _record(con, right_id)
    rows = []
    for column, label, is_name in FIELDS:
        a, b = _text(left.get(column)), _text(right.get(column))
        if a or b:
            rows.append(FieldRow(label, a, b, is_name, _differs(a, b)))
    person_l = person_of(con, tables, left_id)
    person_r = person_of(con, tables, right_id)
    view = PairView(
        left_id,
        right_id,
        rows,
        _name_forms(con, tables, left_id),
        _name_forms(con, tables, right_id),
        person_l,
        person_r,
    )
    pair_ids = (left_id, right_id)
    if person_l:
        view.others_l = person_records(con, person_l, pair_ids)
    if person_r and person_r != person_l:
        view.others_r = person_records(con, person_r, pair_ids)
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
