"""The link input: one row per record with the columns the model compares.

Built in DuckDB from `records` and `normalized`. Dates become integers (days,
months and years since 1970) so that every engine compares them with plain
arithmetic, and each record says whether it can be linked at all.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from recount.errors import WorkspaceError
from recount.workspace import Workspace

# Why a record cannot be linked when the names stage did not already say so.
NO_DATE_OR_PLACE = "no_date_or_place"
NO_NAME = "no_name"

LINK_COLUMNS = [
    "unique_id",
    "source_id",
    "source_row",
    "given_key",
    "father_key",
    "grandfather_key",
    "family_key",
    "name_key",
    "first_token",
    "sex",
    "age",
    "birth_year",
    "dod_day",
    "dod_month",
    "dod_year",
    "date_precision",
    "governorate",
    "place_key",
    "name_parts",
    "name_freq",
]

PREPARE_SQL = """
with joined as (
    select
        r.record_id as unique_id,
        r.source_id,
        r.source_row,
        nullif(trim(n.given_key), '') as given_key,
        nullif(trim(n.father_key), '') as father_key,
        nullif(trim(n.grandfather_key), '') as grandfather_key,
        nullif(trim(n.family_key), '') as family_key,
        nullif(trim(n.name_key), '') as name_key,
        case when r.sex in ('M', 'F') then r.sex end as sex,
        case when r.age between 0 and 120 then r.age end as age,
        case when coalesce(n.date_flag, '') = 'implausible' then null
             else n.date_of_death end as dod,
        case when n.date_of_death is null then null
             when n.date_precision in ('day', 'month', 'year') then n.date_precision
             else 'day' end as date_precision,
        nullif(n.governorate, '') as governorate,
        nullif(trim(n.place_key), '') as place_key,
        coalesce(n.identifiable, true) as identifiable,
        n.unidentified_reason,
        n.relation,
        nullif(trim(n.relation_anchor_key), '') as relation_anchor_key
    from records r
    left join normalized n using (record_id)
)
select
    * exclude (dod),
    split_part(coalesce(name_key, ''), ' ', 1) as first_token,
    date_diff('day', date '1970-01-01', dod)::integer as dod_day,
    ((year(dod) - 1970) * 12 + month(dod) - 1)::integer as dod_month,
    year(dod)::integer as dod_year,
    case when age is not null and dod is not null then year(dod) - age end as birth_year,
    case
        when not identifiable then coalesce(unidentified_reason, 'unknown_name')
        when given_key is null then 'no_name'
        when dod is null and governorate is null and place_key is null then 'no_date_or_place'
    end as reason
from joined
"""


def load_link_input(ws: Workspace) -> pd.DataFrame:
    """Every record with its comparison columns and `reason` (NULL when linkable)."""
    for table in ("records", "normalized"):
        if not ws.has_table(table):
            stage = "ingest" if table == "records" else "normalize"
            raise WorkspaceError(f"{ws.root}: no table {table!r}; run `recount {stage}` first")
    with ws.connect(read_only=True) as con:
        return prepare_frame(con)


def prepare_frame(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Run the preparation on a connection that holds `records` and `normalized`."""
    frame = con.execute(PREPARE_SQL).df()
    frame["first_token"] = frame["first_token"].replace("", None)
    parts = frame[["given_key", "father_key", "grandfather_key", "family_key"]].notna().sum(axis=1)
    frame["name_parts"] = parts.astype("int64")
    # How many linkable records carry each full name (of two parts or more):
    # pairs that share a rare full name are nearly all the same person.
    named = frame["reason"].isna() & (parts >= 2) & frame["name_key"].notna()
    counts = frame.loc[named, "name_key"].map(frame.loc[named, "name_key"].value_counts())
    frame["name_freq"] = pd.Series(counts, index=frame.index).astype("Int64")
    frame = frame.sort_values(["source_id", "source_row"], kind="stable").reset_index(drop=True)
    return frame


def linkable_records(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows the model links, with only the columns it needs."""
    out = frame.loc[frame["reason"].isna(), LINK_COLUMNS].reset_index(drop=True)
    for column in (
        "source_row",
        "age",
        "birth_year",
        "dod_day",
        "dod_month",
        "dod_year",
        "name_parts",
        "name_freq",
    ):
        out[column] = out[column].astype("Int64")
    return out
