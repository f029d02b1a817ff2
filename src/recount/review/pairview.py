"""What the pair page shows: two records field by field, their name forms and people."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import duckdb

from recount.names import fold_latin
from recount.names.arabic import has_arabic
from recount.review import store
from recount.review.store import ReviewError
from recount.settings.sources import extra_field_kind

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
    ("date_of_birth", "Date of birth", False),
    ("date_of_death", "Date of death", False),
    ("date_precision", "Date precision", False),
    ("governorate", "Governorate", False),
    ("place", "Place", False),
    ("place_of_birth", "Place of birth", False),
    ("status", "Status", False),
    ("cause", "Cause", False),
    ("event", "Event", False),
    ("source_id", "Source", False),
    ("record_ref", "Source's id", False),
)
# Where a record comes from, not what it says: two lists' ids always differ, which is no
# evidence against a match, so the page does not mark them.
PROVENANCE = frozenset({"source_id", "record_ref"})


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
    """Values differ beyond case, accents and script: Херсон and Kherson are one place."""
    return bool(left and right) and _compared(left) != _compared(right)


def _compared(value: str) -> str:
    # fold_latin drops Arabic letters: Arabic text is compared as written
    return value.casefold().strip() if has_arabic(value) else fold_latin(value)


def _placeholders(values: list | tuple) -> str:
    return ", ".join("?" * len(values))


def _records(
    con: duckdb.DuckDBPyConnection, tables: set[str], record_ids: tuple[str, str]
) -> dict[str, dict[str, Any]]:
    """Both records, with their name forms and current person when known.

    Simple filtered scans (`in (?, ?)`), no joins: DuckDB answers them in about a
    millisecond, where joining whole tables for two rows costs tens.
    """
    ids = list(record_ids)
    marks = _placeholders(ids)
    cursor = con.execute(f"select * exclude (raw) from records where record_id in ({marks})", ids)
    names = [d[0] for d in cursor.description]
    found = {row[0]: dict(zip(names, row, strict=True)) for row in cursor.fetchall()}
    if any(record_id not in found for record_id in ids):
        raise ReviewError("unknown record id")
    forms, people = {}, {}
    if "normalized" in tables:
        forms = dict(
            con.execute(
                f"select record_id, name_forms from normalized where record_id in ({marks})", ids
            ).fetchall()
        )
    if "record_person" in tables:
        people = dict(
            con.execute(
                f"select record_id, person_id from record_person where record_id in ({marks})", ids
            ).fetchall()
        )
    for record_id, record in found.items():
        record["_name_forms"] = forms.get(record_id)
        record["_person_id"] = people.get(record_id)
    return found


PERSON_FIELDS = (
    "source_id",
    "name",
    "name_latin",
    "sex",
    "age",
    "date_of_death",
    "governorate",
    "place",
)
MEMBER_LIMIT = 200  # records shown per pair page for the people on either side


def person_records(
    con: duckdb.DuckDBPyConnection,
    person_ids: str | list[str],
    exclude: tuple[str, ...] = (),
    limit: int = MEMBER_LIMIT,
) -> list[dict[str, Any]]:
    """The records currently linked into one or more people (identifying fields only)."""
    wanted = [person_ids] if isinstance(person_ids, str) else list(person_ids)
    members = con.execute(
        f"""select record_id, person_id from record_person
            where person_id in ({_placeholders(wanted)}) order by record_id limit ?""",
        [*wanted, limit + len(exclude)],
    ).fetchall()
    person_of = {r: p for r, p in members if r not in exclude}
    if not person_of:
        return []
    ids = list(person_of)
    cursor = con.execute(
        f"""select record_id, {", ".join(PERSON_FIELDS)}
            from records where record_id in ({_placeholders(ids)}) order by record_id""",
        ids,
    )
    names = [d[0] for d in cursor.description]
    rows = []
    for row in cursor.fetchall():
        record = {k: _text(v) for k, v in zip(names, row, strict=True)}
        record["person_id"] = person_of[record["record_id"]]
        rows.append(record)
    return rows


class RecordCache:
    """What pair pages show, held in memory for workspaces up to `max_records` records.

    A pair page then costs no database query: on a busy machine each DuckDB
    query costs milliseconds, and reviewers open a page per decision. Reloaded
    whenever the workspace changes (`Database.generation`); larger workspaces
    are read per page instead.
    """

    def __init__(self, max_records: int = 100_000):
        self.max_records = max_records
        self.generation: int | None = None
        self.records: dict[str, dict[str, Any]] | None = None
        self.members: dict[str, list[str]] = {}

    def ensure_loaded(self, con: duckdb.DuckDBPyConnection, generation: int) -> None:
        if self.generation == generation:
            return
        self.records, self.members = None, {}
        self.generation = generation
        tables = store.existing_tables(con)
        if "records" not in tables:
            return
        if con.execute("select count(*) from records").fetchone()[0] > self.max_records:
            return
        cursor = con.execute("select * exclude (raw) from records")
        names = [d[0] for d in cursor.description]
        records = {row[0]: dict(zip(names, row, strict=True)) for row in cursor.fetchall()}
        forms = (
            dict(con.execute("select record_id, name_forms from normalized").fetchall())
            if "normalized" in tables
            else {}
        )
        people = (
            dict(con.execute("select record_id, person_id from record_person").fetchall())
            if "record_person" in tables
            else {}
        )
        members: dict[str, list[str]] = {}
        for record_id in sorted(records):
            record = records[record_id]
            record["_name_forms"] = forms.get(record_id)
            record["_person_id"] = people.get(record_id)
            if record["_person_id"]:
                members.setdefault(record["_person_id"], []).append(record_id)
        self.records, self.members = records, members

    def pair(self, record_ids: tuple[str, str]) -> dict[str, dict[str, Any]] | None:
        if self.records is None:
            return None
        found = {r: self.records.get(r) for r in record_ids}
        if any(v is None for v in found.values()):
            raise ReviewError("unknown record id")
        return found

    def person_records(
        self, person_ids: list[str], exclude: tuple[str, ...], limit: int = MEMBER_LIMIT
    ) -> list[dict]:
        """As `person_records`, from memory: the first records by id, less `exclude`."""
        members = sorted((r, p) for p in person_ids for r in self.members.get(p, []))
        return [
            {
                "record_id": record_id,
                **{c: _text(self.records[record_id].get(c)) for c in PERSON_FIELDS},
                "person_id": person_id,
            }
            for record_id, person_id in members[: limit + len(exclude)]
            if record_id not in exclude
        ]


def load_pair(
    con: duckdb.DuckDBPyConnection,
    record_id_a: str,
    record_id_b: str,
    cache: RecordCache | None = None,
    probability: float | None = None,
) -> PairView:
    """The pair page's content; from `cache` when it holds the workspace, and with the
    model's `probability` when the caller knows it (its match weight follows from it)."""
    left_id, right_id = store.ordered_pair(record_id_a, record_id_b)
    found = cache.pair((left_id, right_id)) if cache is not None else None
    tables = None
    if found is None:
        tables = store.existing_tables(con)
        found = _records(con, tables, (left_id, right_id))
    left, right = found[left_id], found[right_id]
    rows = []
    for column, label, is_name in FIELDS:
        a, b = _text(left.get(column)), _text(right.get(column))
        if a or b:
            differs = column not in PROVENANCE and _differs(a, b)
            rows.append(FieldRow(label, a, b, is_name, differs))
    extra_l, extra_r = left.get("extra") or {}, right.get("extra") or {}
    for key in sorted(extra_l.keys() | extra_r.keys()):  # what the lists' extra columns say
        a, b = _text(extra_l.get(key)), _text(extra_r.get(key))
        if a or b:
            rows.append(FieldRow(key, a, b, extra_field_kind(key) == "name", _differs(a, b)))
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
        others = (
            cache.person_records(people, (left_id, right_id))
            if tables is None
            else person_records(con, people, (left_id, right_id))
        )
        view.others_l = [o for o in others if o["person_id"] == person_l]
        if person_r != person_l:
            view.others_r = [o for o in others if o["person_id"] == person_r]
    if probability is not None:
        view.probability = probability
        if 0 < probability < 1:
            view.match_weight = math.log2(probability / (1 - probability))
        return view
    if "pairs" in (tables if tables is not None else store.existing_tables(con)):
        score = con.execute(
            """select match_probability, match_weight from pairs
               where record_id_l in (?, ?) and record_id_r in (?, ?) limit 1""",
            [left_id, right_id, left_id, right_id],
        ).fetchone()
        if score:
            view.probability, view.match_weight = score
    return view
