"""People from clusters: stable ids, `record_person` and the `persons` table."""

from __future__ import annotations

import hashlib

import pandas as pd
import pyarrow as pa

from recount.workspace import Workspace

ARABIC = "[\u0600-\u06ff]"


def person_id_from(smallest_record_id: str) -> str:
    """'P' + hash of the person's smallest record id: stable while that record stays theirs."""
    return "P" + hashlib.sha1(smallest_record_id.encode("utf-8")).hexdigest()[:12]


def assign_person_ids(record_ids: pd.Series, labels: pd.Series) -> pd.Series:
    """Map cluster labels to stable person ids (aligned with record_ids)."""
    frame = pd.DataFrame({"record_id": record_ids.to_numpy(), "label": labels.to_numpy()})
    smallest = frame.groupby("label")["record_id"].min()
    ids = smallest.map(person_id_from)
    return pd.Series(frame["label"].map(ids).to_numpy(), index=record_ids.index)


PERSONS_SQL = """
with members as (
    select a.person_id, r.record_id, r.source_id, r.name, r.name_latin, r.sex, r.age,
           r.status, n.name_forms, n.date_of_death, n.date_precision, n.governorate,
           case n.date_precision when 'day' then 3 when 'month' then 2 when 'year' then 1 else 0 end
               as precision_rank
    from assignment a
    join records r using (record_id)
    left join normalized n using (record_id)
    where a.person_id is not null
),
best_name as (
    select person_id, arg_max(name, (n, name)) as name from (
        select person_id, name, count(*) as n from members
        where regexp_matches(name, '{arabic}') group by all
    ) group by all
),
best_latin as (
    select person_id, arg_max(name_latin, (n, name_latin)) as name_latin from (
        select person_id, coalesce(name_latin, name) as name_latin, count(*) as n from members
        where not regexp_matches(coalesce(name_latin, name), '{arabic}') group by all
    ) group by all
),
best_date as (
    select person_id,
           arg_max(date_of_death, (precision_rank, n, -epoch(date_of_death))) as date_of_death,
           arg_max(date_precision, (precision_rank, n, -epoch(date_of_death))) as date_precision
    from (
        select person_id, date_of_death, date_precision, precision_rank, count(*) as n from members
        where date_of_death is not null group by all
    ) group by all
),
status as (
    select person_id,
           case when count(distinct status) filter (known) = 0 then 'unknown'
                when count(distinct status) filter (known) = 1 then max(status) filter (known)
                else 'conflicting' end as status,
           string_agg(source_id || ':' || coalesce(status, 'unknown'), '; '
                      order by source_id, coalesce(status, 'unknown')) as statuses
    from (
        select distinct person_id, source_id, status,
               status is not null and status <> 'unknown' as known
        from members
    ) group by all
),
summary as (
    select
        person_id,
        count(*)::integer as n_records,
        list_sort(list_distinct(list(source_id))) as sources,
        {capture}
        list_sort(list_distinct(flatten(list(coalesce(name_forms, []::varchar[]))))) as name_forms,
        round(median(age))::integer as age
    from members
    group by person_id
),
{best_sex},
{best_governorate}
select s.person_id, s.n_records, s.sources, {capture_columns}
       n.name, l.name_latin, s.name_forms, x.sex, s.age,
       d.date_of_death, d.date_precision,
       year(d.date_of_death)::integer as year,
       case when d.date_precision in ('day', 'month') then month(d.date_of_death)::integer end as month,
       g.governorate, t.status, t.statuses
from summary s
left join best_sex x using (person_id)
left join best_governorate g using (person_id)
left join best_name n using (person_id)
left join best_latin l using (person_id)
left join best_date d using (person_id)
left join status t using (person_id)
order by s.person_id
"""


def _most_common(field: str) -> str:
    """A CTE picking each person's most common value of `field`; a tie goes to the value
    more sources give, then to the first in sort order, so the same records always give
    the same person."""
    return f"""best_{field} as (
    select person_id, arg_max({field}, (n, sources, -sort_rank)) as {field} from (
        select person_id, {field}, count(*) as n, count(distinct source_id) as sources,
               dense_rank() over (partition by person_id order by {field}) as sort_rank
        from members where {field} is not null group by person_id, {field}
    ) group by all
)"""


def build_persons(ws: Workspace, assignment: pd.DataFrame) -> pa.Table:
    """One row per person from `assignment` (record_id, person_id)."""
    with ws.connect(read_only=True) as con:
        sources = [
            r[0]
            for r in con.execute("select distinct source_id from records order by 1").fetchall()
        ]
        capture = "".join(
            f"bool_or(source_id = '{_sql_text(s)}') as {_quote('in_' + s)}, " for s in sources
        )
        capture_columns = "".join(f"s.{_quote('in_' + s)}, " for s in sources)
        con.register("assignment", assignment[["record_id", "person_id"]])
        sql = PERSONS_SQL.format(
            arabic=ARABIC,
            capture=capture,
            capture_columns=capture_columns,
            best_sex=_most_common("sex"),
            best_governorate=_most_common("governorate"),
        )
        return con.sql(sql).to_arrow_table()


def _sql_text(value: str) -> str:
    return value.replace("'", "''")


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'
