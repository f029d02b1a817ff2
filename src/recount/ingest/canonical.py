"""Turn one source's staged text rows into canonical `records` and `quarantine` rows.

Runs in DuckDB over the staged Parquet chunks. Values that need judgement
(sex, status, admin unit, age, dates) are read in Python once per distinct
value and joined back, so the work grows with the vocabulary of a source,
not with its rows. Admin units are recognised through the project's country
pack only; extra fields (`extra.NAME` in the mapping) land as text in `extra`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa

from recount.errors import ConfigError
from recount.ingest.dates import GREGORIAN, decide_calendar, decide_dayfirst, parse_dates
from recount.ingest.norms import LengthRule, typical_length
from recount.ingest.values import (
    fold,
    implied_sex_values,
    recognise_age,
    recognise_governorate,
    recognise_sex,
    recognise_status,
    validate_mapped,
)
from recount.reference import country_pack
from recount.settings import EXTRA_PREFIX, NAME_FIELDS, NAME_PARTS, SourceConfig
from recount.tables import TABLES

WHITESPACE = " \t\r\n\u00a0\u200e\u200f\ufeff"
TEXT_FIELDS = (*NAME_FIELDS, "place", "place_of_birth", "cause", "record_ref")
RECOGNISERS: dict[str, Callable[..., list]] = {
    "sex": recognise_sex,
    "status": recognise_status,
    "governorate": recognise_governorate,
    "age": recognise_age,
}
# Date fields: (canonical field, value column, precision column, flag prefix).
DATE_FIELDS = (
    ("date_of_death", "date_of_death", "date_precision", ""),
    ("date_of_birth", "date_of_birth", "date_of_birth_precision", "birth_"),
)
RECORD_COLUMNS = TABLES["records"].duckdb_columns()
# the staged column of what reading a row found doubtful (readers.Chunk.issues)
READER_ISSUES = "reader_issues"


@dataclass
class Finished:
    records_file: Path
    quarantine_file: Path
    rows_in: int
    records: int
    quarantined: int


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _alias(field: str) -> str:
    """The SQL name of a mapped field's text column (`extra.id_number` -> f_extra__id_number)."""
    return "f_" + field.replace(".", "__")


def _joined(pieces: list[str]) -> str:
    """One column's text, or several columns' texts joined with a space (empty ones left out)."""
    if len(pieces) == 1:
        return pieces[0]
    return f"nullif(concat_ws(' ', {', '.join(pieces)}), '')"


def _json_path(dotted: str) -> str:
    parts = [p for p in dotted.split(".") if p] or [dotted]
    return "$" + "".join('."' + p.replace('"', '\\"') + '"' for p in parts)


def finish_source(
    con: duckdb.DuckDBPyConnection,
    source: SourceConfig,
    event: str,
    header: list[str],
    columns: dict[str, int | str | tuple],
    json_lines: bool,
    row_files: list[Path],
    quarantine_files: list[Path],
    out_dir: Path,
    today: dt.date | None = None,
    header_cells: list[str] | None = None,
) -> Finished:
    """Write `records-<id>.parquet` and `quarantine-<id>.parquet`; return the accounting.

    `con` is a scratch in-memory DuckDB connection shared by the sources of one run;
    `header_cells` is the header as written (blank and repeated names unrenamed).
    """
    bad_sql = "null::varchar" if json_lines else _repeated_header_sql(header_cells or header)
    return _finish(
        con,
        source,
        event,
        header,
        columns,
        json_lines,
        row_files,
        quarantine_files,
        out_dir,
        today,
        bad_sql,
    )


def _repeated_header_sql(cells: list[str]) -> str:
    """'repeated_header' for a row that is the header again (files exported and concatenated):
    every filled cell equals its column's name, case aside, and at least two are filled (one in a
    one-column file). Such a row is not a person; it is quarantined, not dropped."""
    ws = _literal(WHITESPACE)
    names = [c.replace("\ufeff", "").strip().lower() for c in cells]
    filled = sum(1 for name in names if name)
    if not filled:
        return "null::varchar"
    row = (
        "list_value("
        + ", ".join(f"coalesce(lower(trim(c{i}, {ws})), '')" for i in range(len(names)))
        + ")"
    )
    header = "[" + ", ".join(_literal(name) for name in names) + "]"
    return (
        f"case when len(list_filter({row}, lambda x: x <> '')) >= {min(2, filled)} "
        f"and len(list_filter({row}, lambda x, i: x <> '' and x <> {header}[i])) = 0 "
        "then 'repeated_header' end"
    )


def scratch_connection(temp_dir: Path) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB that spills to the staging folder rather than the system's /tmp."""
    con = duckdb.connect()
    con.execute(f"set temp_directory = {_literal(str(temp_dir))}")
    return con


def _finish(
    con,
    source,
    event,
    header,
    columns,
    json_lines,
    row_files,
    quarantine_files,
    out_dir,
    today,
    header_bad_sql,
) -> Finished:
    files = "[" + ", ".join(_literal(str(f)) for f in row_files) + "]"
    con.execute(f"create or replace view staged as select * from read_parquet({files})")
    ws = _literal(WHITESPACE)
    field_sql = {}
    if json_lines:
        con.execute(
            f"create or replace view parsed as select source_row, c0 as line, {READER_ISSUES}, "
            "case when json_valid(c0) and json_type(c0::json) = 'OBJECT' then c0::json end as doc, "
            f"trim(c0, {ws}) = '' as is_empty from staged"
        )
        for field, path in columns.items():
            pieces = [
                f"nullif(trim(json_extract_string(doc, {_literal(_json_path(str(p)))}), {ws}), '')"
                for p in ((path,) if isinstance(path, str) else path)
            ]
            field_sql[_alias(field)] = _joined(pieces)
        raw_sql = "line"
        bad_sql = (
            "case when is_empty or doc is not null then null "
            "when json_valid(line) then 'not_a_json_object' else 'invalid_json' end"
        )
        empty_sql = "is_empty"
        base = "parsed"
    else:
        width = len(header)
        for field, index in columns.items():
            pieces = [
                f"nullif(trim(c{i}, {ws}), '')"
                for i in ((index,) if isinstance(index, int) else index)
            ]
            field_sql[_alias(field)] = _joined(pieces)
        pairs = ", ".join(f"{_literal(name)}, c{i}" for i, name in enumerate(header))
        raw_sql = f"json_object({pairs})" if width else "'{}'"
        bad_sql = header_bad_sql
        empty_sql = (
            " and ".join(f"coalesce(trim(c{i}, {ws}), '') = ''" for i in range(width)) or "true"
        )
        base = "staged"
    selected = ", ".join(f"{sql} as {alias}" for alias, sql in field_sql.items())
    con.execute(
        f"create or replace table fields as select source_row, {selected + ', ' if selected else ''}"
        f"{raw_sql} as raw, {empty_sql} as is_empty, {bad_sql} as bad_reason, {READER_ISSUES} "
        f"from {base}"
    )
    if quarantine_files:
        qfiles = "[" + ", ".join(_literal(str(f)) for f in quarantine_files) + "]"
        con.execute(
            f"create or replace view reader_quarantine as select * from read_parquet({qfiles})"
        )
    else:
        con.execute(
            "create or replace view reader_quarantine as select null::bigint as source_row, null::varchar as reason, "
            "null::varchar as field, null::varchar as raw where false"
        )
    last_row = con.execute(
        "select coalesce(max(r), 0) from (select max(source_row) as r from fields where not is_empty "
        "union all select max(source_row) from reader_quarantine)"
    ).fetchone()[0]
    if json_lines:
        _check_paths_found(con, source, columns)
    joins, value_sql, flags = _value_joins(con, source, columns, today)
    flags += _length_flags(con, source, columns)
    flags.append(f"f.{READER_ISSUES}")
    records_sql = _records_select(source, event, columns, joins, value_sql, flags)
    records_file = out_dir / f"records-{source.id}.parquet"
    quarantine_file = out_dir / f"quarantine-{source.id}.parquet"
    con.execute(f"copy ({records_sql}) to {_literal(str(records_file))} (format parquet)")
    sid = _literal(source.id)
    con.execute(
        f"copy (select {sid}::varchar as source_id, source_row::bigint as source_row, "
        "case when is_empty then 'empty_row' else bad_reason end::varchar as reason, "
        "null::varchar as field, raw::varchar as raw from fields "
        f"where (is_empty or bad_reason is not null) and source_row <= {int(last_row)} "
        f"union all select {sid}, source_row, reason, field, raw from reader_quarantine "
        f"order by source_row) to {_literal(str(quarantine_file))} (format parquet)"
    )
    records = con.execute(
        f"select count(*) from read_parquet({_literal(str(records_file))})"
    ).fetchone()[0]
    quarantined = con.execute(
        f"select count(*) from read_parquet({_literal(str(quarantine_file))})"
    ).fetchone()[0]
    if records + quarantined != last_row:
        raise RuntimeError(
            f"ingest accounting broke for source {source.id!r}: {last_row} rows in, "
            f"{records} records + {quarantined} quarantined"
        )
    return Finished(records_file, quarantine_file, int(last_row), int(records), int(quarantined))


def _check_paths_found(con, source: SourceConfig, columns: dict[str, int | str | tuple]) -> None:
    """A JSON path that no line has is a mapping mistake, not missing data."""
    if not columns:
        return
    counts = con.execute(
        "select count(*) filter (where bad_reason is null and not is_empty), "
        + ", ".join(f"count({_alias(field)})" for field in columns)
        + " from fields"
    ).fetchone()
    if counts[0] == 0:
        return
    for (field, path), found in zip(columns.items(), counts[1:], strict=True):
        if found == 0:
            raise ConfigError(
                f"sources.{source.id}.columns.{field}",
                f"no line of {source.path} has a value at {path!r} (use dotted paths for nested fields, e.g. name.first)",
            )


def _length_flags(con, source: SourceConfig, columns) -> list[str]:
    """`field_too_long:<field>` for a mapped value past its column's length limit, the limit
    learned from this source's values of that field (norms.py)."""
    rule = LengthRule.of(source)
    flags = []
    for field in columns:
        alias = _alias(field)
        counts = dict(
            con.execute(
                f"select length({alias}), count(*) from fields "
                f"where {alias} is not null and bad_reason is null group by 1"
            ).fetchall()
        )
        limit = rule.limit(typical_length(counts, rule.quantile))
        if any(length > limit for length in counts):
            flag = _literal(f"field_too_long:{field}")
            flags.append(f"case when length(f.{alias}) > {int(limit)} then {flag} end")
    return flags


def _value_map(source: SourceConfig, field: str) -> dict[str, str]:
    mapping = source.values.get(field, {})
    for their, ours in mapping.items():
        problem = validate_mapped(field, ours, country_pack(source.country))
        if problem:
            raise ConfigError(
                f"sources.{source.id}.values.{field}.{their!r}", f"{ours!r}: {problem}"
            )
    return {fold(their): ours for their, ours in mapping.items()}


def _distinct(con, field: str) -> list[str]:
    alias = _alias(field)
    rows = con.execute(
        f"select distinct {alias} from fields where {alias} is not null and bad_reason is null"
    ).fetchall()
    return [r[0] for r in rows]


def _value_joins(con, source: SourceConfig, columns, today):
    """Small lookup tables raw -> canonical value (+ flag), registered for the final join."""
    joins: list[str] = []
    value_sql: dict[str, str] = {}
    flags: list[str] = []
    pack = country_pack(source.country)
    for field in ("sex", "status", "governorate", "age"):
        if field not in columns:
            continue
        mapping = _value_map(source, field)
        raws = _distinct(con, field)
        if field == "sex":
            mapping = implied_sex_values(raws) | mapping
        mapped = [mapping.get(fold(raw), raw) for raw in raws]
        recognise = RECOGNISERS[field]
        results = recognise(mapped, pack) if field == "governorate" else recognise(mapped)
        value_type = pa.int32() if field == "age" else pa.string()
        table = pa.table(
            {
                "raw": pa.array(raws, pa.string()),
                "value": pa.array([r[0] for r in results], value_type),
                "flag": pa.array([r[1] for r in results], pa.string()),
            }
        )
        con.register(f"map_{field}", table)
        joins.append(f"left join map_{field} on map_{field}.raw = f.{_alias(field)}")
        value_sql[field] = f"map_{field}.value"
        flags.append(f"map_{field}.flag")
    _date_joins(con, source, columns, today, joins, value_sql, flags)
    for field in TEXT_FIELDS:
        mapping = _value_map(source, field) if field in columns else {}
        if not mapping:
            continue
        raws = _distinct(con, field)
        table = pa.table(
            {
                "raw": pa.array(raws, pa.string()),
                "value": pa.array([mapping.get(fold(r), r) for r in raws], pa.string()),
            }
        )
        con.register(f"map_{field}", table)
        joins.append(f"left join map_{field} on map_{field}.raw = f.{_alias(field)}")
        value_sql[field] = f"nullif(map_{field}.value, '')"
    formula_checks = [f"starts_with(f.{_alias(field)}, '=')" for field in columns]
    if formula_checks:
        flags.append(f"case when {' or '.join(formula_checks)} then 'formula_in_cell' end")
    return joins, value_sql, flags


def _date_joins(con, source: SourceConfig, columns, today, joins, value_sql, flags) -> None:
    """Dates of death and birth: one day-first and one calendar decision from both fields' values."""
    present = [spec for spec in DATE_FIELDS if spec[0] in columns]
    if not present:
        return
    texts = {}
    for field, *_ in present:
        mapping = _value_map(source, field)
        raws = _distinct(con, field)
        texts[field] = (raws, [mapping.get(fold(raw), raw) for raw in raws])
    dayfirst = source.dayfirst
    every = [t for _, mapped in texts.values() for t in mapped]
    if dayfirst is None and not source.date_format:
        dayfirst = decide_dayfirst(every)
    calendar = source.calendar or decide_calendar(every, dayfirst is not False) or GREGORIAN
    for field, value_column, precision_column, prefix in present:
        raws, mapped = texts[field]
        parsed, _ = parse_dates(
            mapped, dayfirst, source.date_format, today, calendar, source.calendar is None
        )
        name = f"map_{field}"
        table = pa.table(
            {
                "raw": pa.array(raws, pa.string()),
                "date": pa.array([p.date for p in parsed], pa.date32()),
                "precision": pa.array([p.precision for p in parsed], pa.string()),
                "flag": pa.array(
                    [prefix + p.flag if p.flag else None for p in parsed], pa.string()
                ),
            }
        )
        con.register(name, table)
        joins.append(f"left join {name} on {name}.raw = f.{_alias(field)}")
        value_sql[value_column] = f"{name}.date"
        value_sql[precision_column] = f"{name}.precision"
        flags.append(f"{name}.flag")
    if len(present) == 2:
        flags.append(
            "case when map_date_of_birth.date > map_date_of_death.date then 'birth_after_death' end"
        )


def _records_select(source: SourceConfig, event: str, columns, joins, value_sql, flags) -> str:
    def text(field: str) -> str:
        if field in value_sql:
            return value_sql[field]
        return f"f.{_alias(field)}" if field in columns else "null"

    parts = [text(p) for p in NAME_PARTS if p in columns]
    if "name" in columns:
        name = text("name")
    elif parts:
        name = f"nullif(concat_ws(' ', {', '.join(parts)}), '')"
    elif "name_latin" in columns:
        name = text("name_latin")
    else:
        name = "null"
    sid = _literal(source.id)
    status = f"coalesce({value_sql['status']}, 'unknown')" if "status" in value_sql else "'unknown'"
    issues = f"nullif(concat_ws(';', {', '.join(flags)}), '')" if flags else "null"
    select = {
        "record_id": f"{sid} || ':' || f.source_row",
        "source_id": sid,
        "source_row": "f.source_row",
        "name": name,
        **{p: text(p) for p in NAME_PARTS},
        "name_latin": text("name_latin"),
        "sex": value_sql.get("sex", "null"),
        "age": value_sql.get("age", "null"),
        "date_of_death": value_sql.get("date_of_death", "null"),
        "date_precision": value_sql.get("date_precision", "null"),
        "date_of_death_raw": _text_raw("date_of_death", columns),
        "date_of_birth": value_sql.get("date_of_birth", "null"),
        "date_of_birth_precision": value_sql.get("date_of_birth_precision", "null"),
        "date_of_birth_raw": _text_raw("date_of_birth", columns),
        "governorate": value_sql.get("governorate", "null"),
        "governorate_raw": _text_raw("governorate", columns),
        "place": text("place"),
        "place_of_birth": text("place_of_birth"),
        "status": status,
        "status_raw": _text_raw("status", columns),
        "cause": text("cause"),
        "record_ref": text("record_ref"),
        "event": _literal(event),
        "extra": _extra_sql(columns),
        "issues": issues,
        "raw": "f.raw",
    }
    body = ", ".join(f"({select[name]})::{kind} as {name}" for name, kind in RECORD_COLUMNS)
    return (
        f"select {body} from fields f {' '.join(joins)} "
        "where not f.is_empty and f.bad_reason is null order by f.source_row"
    )


def _extra_sql(columns) -> str:
    """The extra fields present on the row, as a MAP name -> text (empty when none)."""
    extras = sorted(field for field in columns if field.startswith(EXTRA_PREFIX))
    if not extras:
        return "map()"
    entries = ", ".join(
        f"{{'key': {_literal(field.removeprefix(EXTRA_PREFIX))}, 'value': f.{_alias(field)}}}"
        for field in extras
    )
    return f"map_from_entries(list_filter([{entries}], lambda e: e.value is not null))"


def _text_raw(field: str, columns) -> str:
    return f"f.{_alias(field)}" if field in columns else "null"
