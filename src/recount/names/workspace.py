"""The names stage over a workspace: `records` in, `normalized` out (docs/architecture.md)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pyarrow as pa

from recount.names.dates import date_flag, period_start
from recount.names.parts import NameParts, parts_from_fields, split_name
from recount.names.places import resolve_place

NORMALIZED_SCHEMA = pa.schema(
    [
        ("record_id", pa.string()),
        ("source_id", pa.string()),
        ("script", pa.string()),
        ("given_key", pa.string()),
        ("father_key", pa.string()),
        ("grandfather_key", pa.string()),
        ("family_key", pa.string()),
        ("given_norm", pa.string()),
        ("father_norm", pa.string()),
        ("grandfather_norm", pa.string()),
        ("family_norm", pa.string()),
        ("name_key", pa.string()),
        ("name_tokens", pa.list_(pa.string())),
        ("name_forms", pa.list_(pa.string())),
        ("kunya", pa.string()),
        ("identifiable", pa.bool_()),
        ("unidentified_reason", pa.string()),
        ("relation", pa.string()),
        ("relation_anchor_key", pa.string()),
        ("governorate", pa.string()),
        ("governorate_inferred", pa.bool_()),
        ("place_key", pa.string()),
        ("date_of_death", pa.date32()),
        ("date_precision", pa.string()),
        ("date_flag", pa.string()),
    ]
)
_RECORD_COLUMNS = (
    "record_id", "source_id", "name", "given_name", "father_name", "grandfather_name",
    "family_name", "name_latin", "governorate", "governorate_raw", "place", "date_of_death",
    "date_precision", "date_of_death_raw",
)  # fmt: skip
PARTS = ("given", "father", "grandfather", "family")


def normalize_workspace(ws) -> pd.DataFrame:
    """Write `normalized` (one row per record) and return a per-source summary."""
    available = set(ws.query("select * from records limit 0").columns)
    select = ", ".join(f'"{c}"' if c in available else f'null as "{c}"' for c in _RECORD_COLUMNS)
    records = ws.query(f"select {select} from records order by record_id")
    table = normalize_records(records, earliest=period_start(ws.config.section("names")))
    ws.write_table("normalized", table)
    return summarize(table.to_pandas())


def normalize_records(records: pd.DataFrame, earliest: dt.date | None = None) -> pa.Table:
    """The `normalized` rows for a frame of `records` (missing columns count as empty)."""
    earliest = earliest or period_start({})
    today = dt.date.today()
    n = len(records)
    col = {c: _column(records, c, n) for c in _RECORD_COLUMNS}
    out: dict[str, list] = {field.name: [] for field in NORMALIZED_SCHEMA}
    for i in range(n):
        forms = _name_forms(
            col["name"][i], col["name_latin"][i],
            (col["given_name"][i], col["father_name"][i], col["grandfather_name"][i], col["family_name"][i]),
        )  # fmt: skip
        primary = _primary(forms)
        out["record_id"].append(col["record_id"][i])
        out["source_id"].append(col["source_id"][i])
        out["script"].append(_script(forms))
        keyed = _keyed(forms, primary)
        for part in PARTS:
            key_token = getattr(keyed, part) if keyed.identifiable else None
            norm_token = getattr(primary, part) if primary.identifiable else None
            out[f"{part}_key"].append(key_token.key if key_token else None)
            out[f"{part}_norm"].append(norm_token.text if norm_token else None)
        out["name_key"].append(keyed.key or None if keyed.identifiable else None)
        out["name_tokens"].append(
            sorted({t.key for f in forms for t in (*f.tokens, *f.aliases) if t.key})
        )
        out["name_forms"].append(_unique(f.form for f in forms if f.identifiable and f.form))
        kunya = next((f.kunya for f in forms if f.kunya is not None), None)
        out["kunya"].append(kunya.key if kunya else None)
        out["identifiable"].append(primary.identifiable)
        out["unidentified_reason"].append(primary.unidentified_reason)
        out["relation"].append(primary.relation)
        out["relation_anchor_key"].append(primary.relation_anchor_key)
        governorate, inferred, place_key = _place(
            col["governorate"][i], col["governorate_raw"][i], col["place"][i]
        )
        out["governorate"].append(governorate)
        out["governorate_inferred"].append(inferred)
        out["place_key"].append(place_key)
        date = _date(col["date_of_death"][i])
        precision = col["date_precision"][i]
        out["date_of_death"].append(date)
        out["date_precision"].append(precision)
        out["date_flag"].append(
            date_flag(date, precision, col["date_of_death_raw"][i], earliest, today)
        )
    return pa.Table.from_pydict(out, schema=NORMALIZED_SCHEMA)


def _column(frame: pd.DataFrame, name: str, n: int) -> list:
    if name not in frame.columns:
        return [None] * n
    values = frame[name].astype(object).where(frame[name].notna(), None).tolist()
    return [v if not isinstance(v, str) or v.strip() else None for v in values]


def _name_forms(name, latin, fields) -> list[NameParts]:
    """Every form of the name the record carries: separate parts first, then full names."""
    forms = []
    if any(f is not None for f in fields):
        forms.append(parts_from_fields(*(None if f is None else str(f) for f in fields)))
    for text in (name, latin):
        if text is not None:
            forms.append(split_name(str(text)))
    return forms or [split_name(None)]


def _primary(forms: list[NameParts]) -> NameParts:
    """The first identifiable form, else the first form (its reason explains why)."""
    return next((f for f in forms if f.identifiable), forms[0])


def _keyed(forms: list[NameParts], primary: NameParts) -> NameParts:
    """The form whose keys represent the record: Arabic script when there is one (keys are exact there)."""
    if not primary.identifiable:
        return primary
    arabic = [f for f in forms if f.identifiable and f.script == "arabic"]
    if arabic and primary.script != "arabic":
        return _fill(arabic[0], primary)
    return primary


def _fill(preferred: NameParts, other: NameParts) -> NameParts:
    """`preferred`'s parts, with the parts it lacks taken from `other`."""
    values = {p: getattr(preferred, p) or getattr(other, p) for p in PARTS}
    return NameParts(**values, tokens=preferred.tokens, script=preferred.script)


def _script(forms: list[NameParts]) -> str | None:
    scripts = {f.script for f in forms if f.identifiable or f.relation}
    if not scripts:
        return None
    return "both" if len(scripts) > 1 else scripts.pop()


def _unique(values) -> list[str]:
    seen: dict[str, None] = {}
    for v in values:
        seen.setdefault(v, None)
    return list(seen)


def _place(governorate, governorate_raw, place) -> tuple[str | None, bool, str | None]:
    resolved = resolve_place(str(place)) if place is not None else None
    place_key = resolved.place_key if resolved else None
    if governorate is not None:
        return str(governorate), False, place_key
    for text in (governorate_raw, place):
        if text is not None:
            inferred = resolve_place(str(text)).governorate
            if inferred:
                return inferred, True, place_key
    return None, False, place_key


def _date(value) -> dt.date | None:
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def summarize(normalized: pd.DataFrame) -> pd.DataFrame:
    """Per source: records, identifiable, unidentified by reason, inferred governorates, flagged dates."""
    frame = normalized.assign(
        unknown_name=normalized["unidentified_reason"].eq("unknown_name"),
        no_name=normalized["unidentified_reason"].eq("no_name"),
        relational=normalized["unidentified_reason"].eq("relational"),
        date_flagged=normalized["date_flag"].notna(),
    )
    summary = frame.groupby("source_id", dropna=False).agg(
        records=("record_id", "size"),
        identifiable=("identifiable", "sum"),
        no_name=("no_name", "sum"),
        unknown_name=("unknown_name", "sum"),
        relational=("relational", "sum"),
        governorate_inferred=("governorate_inferred", "sum"),
        date_flagged=("date_flagged", "sum"),
    )
    return summary.reset_index()
