"""The link input: one row per record with the columns the model compares.

Built in DuckDB from `records` and `normalized`, from whatever fields the
workspace has: names (as order-free token keys and as positional parts),
dates of death and of birth with their precision (any year), age, sex, admin
unit, place, place of birth and any other mapped field (`records.extra`).
Dates become integers (days, months and years since 1970) so every engine
compares them with plain arithmetic, and each record says whether it can be
linked at all.
"""

from __future__ import annotations

import re

import duckdb
import pandas as pd

from recount.errors import WorkspaceError
from recount.link.areas import with_written_areas
from recount.link.given_names import learn_given_names, name_groups, with_learnt_names
from recount.workspace import Workspace

# Why a record cannot be linked when the names stage did not already say so.
NO_NAME = "no_name"
NO_DATE_OR_PLACE = "no_date_or_place"  # a name and nothing else to tell namesakes apart
# The frame's attribute: how many given names were keyed as another's form (`link.given_names`).
LEARNT_NAMES = "learnt_given_names"

BASE_COLUMNS = [
    "unique_id",
    "source_id",
    "source_row",
    "tokens",
    "token_count",
    "token_set",
    "name_key",
    "given_key",
    "father_key",
    "grandfather_key",
    "family_key",
    "sex",
    "age",
    "birth_year",
    "dod_day",
    "dod_month",
    "dod_year",
    "date_precision",
    "dob_day",
    "dob_month",
    "dob_year",
    "dob_precision",
    "dob_text",
    "governorate",
    "place_key",
    "place_is_unit",
    "birth_place",
    "token_set_freq",
]
EXTRA_PREFIX = "x_"
# Name tokens as integer codes in fixed columns (tk1 ...): counting shared tokens
# with integer equalities is several times faster than intersecting lists.
MAX_TOKENS = 6
TOKEN_CODES = [f"tk{i}" for i in range(1, MAX_TOKENS + 1)]
_EXTRA_NAME = re.compile(r"^[a-z][a-z0-9_]*$")

PREPARE_SQL = """
with joined as (
    select
        r.record_id as unique_id,
        r.source_id,
        r.source_row,
        list_sort(list_distinct(list_filter(n.name_tokens, lambda t: t is not null and t <> '')))
            as tokens,
        {listed} as listed_tokens,
        nullif(trim(n.given_key), '') as given_key,
        nullif(trim(n.father_key), '') as father_key,
        nullif(trim(n.grandfather_key), '') as grandfather_key,
        nullif(trim(n.family_key), '') as family_key,
        nullif(trim(n.name_key), '') as name_key,
        case when r.sex in ('M', 'F') then r.sex end as sex,
        case when r.age between 0 and 120 then r.age end as age,
        n.date_of_death as dod,
        case when n.date_of_death is null then null
             when n.date_precision in ('day', 'month', 'year') then n.date_precision
             else 'day' end as date_precision,
        {dob} as dob,
        case when {dob} is null then null
             when {dob_precision} in ('day', 'month', 'year') then {dob_precision}
             else 'day' end as dob_precision,
        nullif(n.governorate, '') as governorate,
        nullif(trim(n.place_key), '') as place_key,
        {place_is_unit} as place_is_unit,
        {unit_written} as unit_written,
        {birth_place} as birth_place,
        n.script,
        coalesce(n.identifiable, true) as identifiable,
        n.unidentified_reason,
        n.relation,
        nullif(trim(n.relation_anchor_key), '') as relation_anchor_key
        {extras}
    from records r
    left join normalized n using (record_id)
)
select
    * exclude (dod, dob, tokens, listed_tokens),
    coalesce(listed_tokens, []::varchar[]) as listed_tokens,
    case when len(tokens) > 0 then tokens end as tokens,
    len(tokens)::integer as token_count,
    nullif(array_to_string(tokens, ' '), '') as token_set,
    date_diff('day', date '1970-01-01', dod)::integer as dod_day,
    ((year(dod) - 1970) * 12 + month(dod) - 1)::integer as dod_month,
    year(dod)::integer as dod_year,
    date_diff('day', date '1970-01-01', dob)::integer as dob_day,
    ((year(dob) - 1970) * 12 + month(dob) - 1)::integer as dob_month,
    year(dob)::integer as dob_year,
    case when dob_precision = 'day' then strftime(dob, '%Y%m%d') end as dob_text,
    coalesce(
        year(dob), case when age is not null and dod is not null then year(dod) - age end
    )::integer as birth_year,
    case
        when not identifiable then coalesce(unidentified_reason, 'unknown_name')
        when len(tokens) = 0 then 'no_name'
        when dod is null and dob is null and governorate is null and place_key is null
             and age is null and birth_place is null {extra_any} then 'no_date_or_place'
    end as reason
from joined
"""

# Folded free text: case, accents and punctuation do not separate two spellings.
FOLD_SQL = (
    "nullif(trim(regexp_replace(lower(strip_accents(trim({col}))), '[^a-z0-9\\x{{0600}}-\\x{{06ff}}]+', ' ',"
    " 'g')), '')"
)


def load_link_input(ws: Workspace, learn_names: bool | None = None) -> pd.DataFrame:
    """Every record with its comparison columns and `reason` (NULL when linkable); given names
    learnt as one are keyed as one where `learn_names` (None: `[names] learn_equivalents`)."""
    for table in ("records", "normalized"):
        if not ws.has_table(table):
            stage = "ingest" if table == "records" else "normalize"
            raise WorkspaceError(f"{ws.root}: no table {table!r}; run `recount {stage}` first")
    with ws.connect(read_only=True) as con:
        if learn_names is None:
            learn_names = ws.config.names.learn_equivalents
        return prepare_frame(con, learn_names)


def extra_fields(con: duckdb.DuckDBPyConnection, columns: set[str]) -> list[str]:
    """Names of the extra fields (`records.extra`) any record carries, sorted."""
    if "extra" not in columns:
        return []
    names = con.execute(
        "select distinct unnest(map_keys(extra)) as k from records where extra is not null"
    ).fetchall()
    return sorted(k for (k,) in names if k and _EXTRA_NAME.match(k))


def prepare_frame(con: duckdb.DuckDBPyConnection, learn_names: bool = True) -> pd.DataFrame:
    """Run the preparation on a connection that holds `records` and `normalized`; with
    `learn_names`, given names the records show are one name are keyed as one
    (`link.given_names`)."""
    columns = {row[0] for row in con.execute("describe records").fetchall()}
    extras = extra_fields(con, columns)

    def column(name: str, sql: str, missing_type: str) -> str:
        return sql if name in columns else f"null::{missing_type}"

    extra_sql = "".join(
        f",\n        {FOLD_SQL.format(col=f'r.extra[{_literal(k)}]')} as {EXTRA_PREFIX}{k}"
        for k in extras
    )
    normalized = {row[0] for row in con.execute("describe normalized").fetchall()}
    sql = PREPARE_SQL.format(
        listed="n.name_tokens_listed" if "name_tokens_listed" in normalized else "[]::varchar[]",
        place_is_unit="coalesce(n.place_is_unit, false)"
        if "place_is_unit" in normalized
        else "false",
        unit_written="nullif(trim(n.unit_written), '')"
        if "unit_written" in normalized
        else "null::varchar",
        dob=column("date_of_birth", "r.date_of_birth::date", "date"),
        dob_precision=column("date_of_birth_precision", "r.date_of_birth_precision", "varchar"),
        birth_place=column("place_of_birth", FOLD_SQL.format(col="r.place_of_birth"), "varchar"),
        extras=extra_sql,
        extra_any="".join(f" and {EXTRA_PREFIX}{k} is null" for k in extras),
    )
    frame = con.execute(sql).df()
    for name in ("tokens",):
        frame[name] = frame[name].astype(object)
    learnt = name_groups(learn_given_names(frame), frame) if learn_names else {}
    frame = with_learnt_names(frame, learnt)
    # How many linkable records carry each set of name tokens (of two or more):
    # pairs that share a rare full name are nearly all the same person.
    named = frame["reason"].isna() & (frame["token_count"] >= 2)
    counts = frame.loc[named, "token_set"].map(frame.loc[named, "token_set"].value_counts())
    frame["token_set_freq"] = pd.Series(counts, index=frame.index).astype("Int64")
    frame = with_written_areas(frame).drop(columns="unit_written")
    frame = frame.sort_values(["source_id", "source_row"], kind="stable").reset_index(drop=True)
    frame.attrs[LEARNT_NAMES] = len(learnt)
    return frame


def linkable_records(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows the model links, with only the columns it needs."""
    extra = [c for c in frame.columns if c.startswith(EXTRA_PREFIX)]
    out = frame.loc[frame["reason"].isna(), BASE_COLUMNS + extra].reset_index(drop=True)
    out = pd.concat([out, token_codes(out["tokens"])], axis=1)
    for column in (
        "source_row",
        "age",
        "birth_year",
        "dod_day",
        "dod_month",
        "dod_year",
        "dob_day",
        "dob_month",
        "dob_year",
        "token_count",
        "token_set_freq",
    ):
        out[column] = out[column].astype("Int64")
    return out


def token_codes(tokens: pd.Series) -> pd.DataFrame:
    """Each record's first `MAX_TOKENS` name tokens as integer codes (one code per distinct token)."""
    exploded = tokens.explode()
    codes, _ = pd.factorize(exploded)
    codes = pd.Series(codes, index=exploded.index).where(exploded.notna())
    position = codes.groupby(level=0).cumcount()
    table = (
        pd.DataFrame(
            {"row": codes.index, "position": position.to_numpy(), "code": codes.to_numpy()}
        )
        .query(f"position < {MAX_TOKENS}")
        .pivot(index="row", columns="position", values="code")
        .reindex(index=range(len(tokens)), columns=range(MAX_TOKENS))
    )
    table.columns = TOKEN_CODES
    return table.astype("Int64").set_axis(tokens.index)


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
