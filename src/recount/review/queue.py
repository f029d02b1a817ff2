"""Which pair a reviewer sees next.

A pair's priority adds two things a label can change most:
- uncertainty: 1 at the link threshold, falling linearly to 0 at probability 0 or 1;
- impact: the size of the clusters the decision touches (both people for a
  pair across two people, which a "match" would merge; the person for a pair
  inside one person, which a "non-match" would split), as ln(1 + size) / ln(51),
  capped at 1, times `impact_weight`.

A pair is open until it has one reviewer's label, or two for the sample chosen
for double review (`double_review_percent`, fixed per pair by a hash). Serving
a pair leases it to the reviewer for `lease_minutes`, and no one else is served
a pair under someone's lease, so two reviewers never get the same pair at once.
Everything happens inside the caller's transaction on the single connection.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import duckdb

from recount.review import store
from recount.review.settings import ReviewSettings
from recount.review.store import ReviewError

PERIOD_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


@dataclass(frozen=True)
class QueueFilter:
    """Restricts the queue: either record from `source`, in `governorate`, dead within the period."""

    source: str | None = None
    governorate: str | None = None
    period_from: date | None = None
    period_to: date | None = None

    @classmethod
    def parse(
        cls,
        source: str | None = None,
        governorate: str | None = None,
        period_from: str | None = None,
        period_to: str | None = None,
    ) -> QueueFilter:
        return cls(
            source=(source or "").strip() or None,
            governorate=(governorate or "").strip().upper() or None,
            period_from=parse_period(period_from, end=False),
            period_to=parse_period(period_to, end=True),
        )

    def as_query(self) -> dict[str, str]:
        values = {
            "source": self.source,
            "governorate": self.governorate,
            "from": self.period_from.isoformat() if self.period_from else None,
            "to": self.period_to.isoformat() if self.period_to else None,
        }
        return {k: v for k, v in values.items() if v}


def parse_period(text: str | None, end: bool) -> date | None:
    """YYYY, YYYY-MM or YYYY-MM-DD; a period's end is its last day."""
    text = (text or "").strip()
    if not text:
        return None
    found = PERIOD_PATTERN.match(text)
    if not found:
        raise ReviewError("period: expected YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = found.groups()
    try:
        if day:
            return date(int(year), int(month), int(day))
        if month:
            first = date(int(year), int(month), 1)
            if not end:
                return first
            following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return date.fromordinal(following.toordinal() - 1)
        return date(int(year), 12, 31) if end else date(int(year), 1, 1)
    except ValueError:
        raise ReviewError("period: not a real date") from None


def _candidates_sql(tables: set[str], queue_filter: QueueFilter) -> tuple[str, list]:
    """Open pairs with their priority, best first; params in order of the placeholders."""
    has_persons = {"record_person", "persons"} <= tables
    place_table = "normalized" if "normalized" in tables else "records"
    person_cols = (
        "rp_l.person_id as person_l, rp_r.person_id as person_r, "
        "coalesce(ps_l.n_records, 1) as size_l, coalesce(ps_r.n_records, 1) as size_r"
        if has_persons
        else "null as person_l, null as person_r, 1 as size_l, 1 as size_r"
    )
    person_joins = (
        """left join record_person rp_l on rp_l.record_id = c.record_id_l
           left join record_person rp_r on rp_r.record_id = c.record_id_r
           left join persons ps_l on ps_l.person_id = rp_l.person_id
           left join persons ps_r on ps_r.person_id = rp_r.person_id"""
        if has_persons
        else ""
    )
    where, params = [], []
    if queue_filter.source:
        where.append("(p.source_id_l = ? or p.source_id_r = ?)")
        params += [queue_filter.source, queue_filter.source]
    if queue_filter.governorate:
        where.append("(g_l.governorate = ? or g_r.governorate = ?)")
        params += [queue_filter.governorate, queue_filter.governorate]
    if queue_filter.period_from:
        where.append("greatest(g_l.date_of_death, g_r.date_of_death) >= ?")
        params.append(queue_filter.period_from)
    if queue_filter.period_to:
        where.append("least(g_l.date_of_death, g_r.date_of_death) <= ?")
        params.append(queue_filter.period_to)
    where_sql = ("where " + " and ".join(where)) if where else ""
    sql = f"""
        with c as (
            select least(p.record_id_l, p.record_id_r) as record_id_l,
                   greatest(p.record_id_l, p.record_id_r) as record_id_r,
                   max(p.match_probability) as probability
            from pairs p
            left join {place_table} g_l on g_l.record_id = p.record_id_l
            left join {place_table} g_r on g_r.record_id = p.record_id_r
            {where_sql}
            group by 1, 2
        ),
        scored as (
            select c.record_id_l, c.record_id_r, c.probability, {person_cols}
            from c {person_joins}
        )
        select record_id_l, record_id_r, probability,
               greatest(0, 1 - abs(probability - ?) / greatest(?, 1 - ?)) as uncertainty,
               least(1, ln(1 + case when person_l is not null and person_l = person_r
                                    then size_l else size_l + size_r end) / ln(51)) as impact,
               (hash(record_id_l || '|' || record_id_r) % 10000) < ? * 100 as double_review
        from scored
    """
    return sql, params


def next_pair(
    con: duckdb.DuckDBPyConnection,
    reviewer: str,
    settings: ReviewSettings,
    queue_filter: QueueFilter | None = None,
) -> tuple[str, str] | None:
    """The reviewer's current lease if they hold one, else the best open pair, now leased."""
    queue_filter = queue_filter or QueueFilter()
    held = store.current_lease(con, reviewer)
    if held is not None and store.reviewer_label(con, *held, reviewer) is None:
        return held
    row = _best_open(con, reviewer, settings, queue_filter, limit=1)
    if not row:
        return None
    pair = (row[0]["record_id_l"], row[0]["record_id_r"])
    con.execute(
        "delete from review_assignments where reviewer = ? and status = 'leased'", [reviewer]
    )
    store.lease(con, pair, reviewer, settings.lease_minutes)
    return pair


def open_pairs(
    con: duckdb.DuckDBPyConnection,
    reviewer: str,
    settings: ReviewSettings,
    queue_filter: QueueFilter | None = None,
    limit: int = 50,
) -> list[dict]:
    """The best open pairs for this reviewer (the queue page), without leasing them."""
    return _best_open(con, reviewer, settings, queue_filter or QueueFilter(), limit)


def _best_open(
    con: duckdb.DuckDBPyConnection,
    reviewer: str,
    settings: ReviewSettings,
    queue_filter: QueueFilter,
    limit: int,
) -> list[dict]:
    tables = store.existing_tables(con)
    if "pairs" not in tables:
        return []
    candidates, filter_params = _candidates_sql(tables, queue_filter)
    threshold = settings.link_threshold
    sql = f"""
        with cand as ({candidates}),
        eff as ({store.EFFECTIVE_BY_REVIEWER_SQL}),
        done as (
            select record_id_l, record_id_r, count(*) as reviewers,
                   bool_or(reviewer = ?) as mine
            from eff group by 1, 2
        ),
        busy as (
            select distinct record_id_l, record_id_r from review_assignments
            where expires_at > ?
              and ((status = 'leased' and reviewer <> ?) or (status = 'skipped' and reviewer = ?))
        )
        select cand.record_id_l, cand.record_id_r, cand.probability, cand.uncertainty,
               cand.impact, cand.double_review,
               cand.uncertainty + ? * cand.impact as priority,
               coalesce(done.reviewers, 0) as reviewers
        from cand
        left join done using (record_id_l, record_id_r)
        anti join busy using (record_id_l, record_id_r)
        where not coalesce(done.mine, false)
          and coalesce(done.reviewers, 0) < case when cand.double_review then 2 else 1 end
        order by coalesce(done.reviewers, 0) desc, priority desc, cand.record_id_l, cand.record_id_r
        limit ?
    """
    moment = store.now()
    params = [
        *filter_params,
        threshold,
        threshold,
        threshold,
        settings.double_review_percent,
        reviewer,
        moment,
        reviewer,
        reviewer,
        settings.impact_weight,
        limit,
    ]
    cursor = con.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]


def queue_counts(con: duckdb.DuckDBPyConnection, settings: ReviewSettings) -> dict[str, int]:
    """Pairs scored, pairs with at least one label, and pairs within 0.25 of the threshold."""
    tables = store.existing_tables(con)
    if "pairs" not in tables:
        return {"pairs": 0, "labelled": 0, "near_threshold": 0}
    row = con.execute(
        f"""with p as (select distinct least(record_id_l, record_id_r) as l,
                              greatest(record_id_l, record_id_r) as r, match_probability
                       from pairs),
               e as ({store.EFFECTIVE_SQL})
            select count(*),
                   count(e.label),
                   count(*) filter (where abs(match_probability - ?) <= 0.25)
            from p left join e on e.record_id_l = p.l and e.record_id_r = p.r""",
        [settings.link_threshold],
    ).fetchone()
    return {"pairs": row[0], "labelled": row[1], "near_threshold": row[2]}
