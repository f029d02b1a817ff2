"""Which pair a reviewer sees next.

A pair's priority adds two things a label can change most:
- uncertainty: 1 at the link threshold, falling linearly to 0 at probability 0 or 1;
- impact: the size of the clusters the decision touches (both people for a
  pair across two people, which a "match" would merge; the person for a pair
  inside one person, which a "non-match" would split), as ln(1 + size) / ln(51),
  capped at 1, times `impact_weight`.

A pair is open until it has one reviewer's label, or two for the sample chosen
for double review (`double_review_percent`, fixed per pair by a hash). Pairs
half-way through double review come first, so agreement figures fill up.

The ranked candidates, who labelled what, and the leases live in memory: one
server process serves the app, and picking the next pair must not cost a
database scan per click. The candidates are loaded once, and reloaded whenever
another process has changed the workspace file (`Database.generation`). Serving
a pair leases it to the reviewer for `lease_minutes`; no one else is served a
pair under someone's lease, so two reviewers never get the same pair at once.
Callers hold the database lock around every method (the app does).
"""

from __future__ import annotations

import hashlib
import itertools
import os
import re
import time
from dataclasses import dataclass
from datetime import date

import duckdb

from recount.review import store
from recount.review.store import ReviewError
from recount.settings import LinkSettings, ReviewSettings
from recount.tables import views

# Where the queue centres before any link run when `[link] threshold` is auto.
EVEN_ODDS = 0.5

PERIOD_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
MAX_CANDIDATES = 300_000  # the ranked pairs kept in memory


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

    def accepts(self, candidate: Candidate) -> bool:
        if self.source and self.source not in (candidate.source_l, candidate.source_r):
            return False
        if self.governorate and self.governorate not in (candidate.place_l, candidate.place_r):
            return False
        dates = [d for d in (candidate.date_l, candidate.date_r) if d is not None]
        if self.period_from and not any(d >= self.period_from for d in dates):
            return False
        if self.period_to and not any(d <= self.period_to for d in dates):
            return False
        return True


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


@dataclass(frozen=True, slots=True)
class Candidate:
    record_id_l: str
    record_id_r: str
    probability: float
    uncertainty: float
    impact: float
    priority: float
    double_review: bool
    source_l: str | None
    source_r: str | None
    place_l: str | None
    place_r: str | None
    date_l: date | None
    date_r: date | None

    @property
    def pair(self) -> tuple[str, str]:
        return (self.record_id_l, self.record_id_r)

    @property
    def needed(self) -> int:
        return 2 if self.double_review else 1


def is_double_review(pair: tuple[str, str], percent: float) -> bool:
    """A stable per-pair draw: the same pairs are double-reviewed on every run."""
    digest = hashlib.blake2b(f"{pair[0]}|{pair[1]}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") % 10_000 < percent * 100


def _candidates_sql(tables: set[str]) -> str:
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
    return f"""
        with c as (
            select least(record_id_l, record_id_r) as record_id_l,
                   greatest(record_id_l, record_id_r) as record_id_r,
                   max(match_probability) as probability,
                   any_value(case when record_id_l < record_id_r then source_id_l
                                  else source_id_r end) as source_l,
                   any_value(case when record_id_l < record_id_r then source_id_r
                                  else source_id_l end) as source_r
            from pairs where record_id_l <> record_id_r group by 1, 2
        ),
        scored as (
            select c.*, {person_cols} from c {person_joins}
        ),
        ranked as (
            select *,
                   greatest(0, 1 - abs(probability - $threshold)
                                   / greatest($threshold, 1 - $threshold)) as uncertainty,
                   least(1, ln(1 + case when person_l is not null and person_l = person_r
                                        then size_l else size_l + size_r end) / ln(51)) as impact
            from scored
        )
        select k.record_id_l, k.record_id_r, k.probability, k.uncertainty, k.impact,
               k.uncertainty + $impact_weight * k.impact as priority,
               k.source_l, k.source_r,
               g_l.governorate, g_r.governorate, g_l.date_of_death, g_r.date_of_death
        from (select * from ranked order by uncertainty + $impact_weight * impact desc,
                                            record_id_l, record_id_r limit $limit) k
        left join {place_table} g_l on g_l.record_id = k.record_id_l
        left join {place_table} g_r on g_r.record_id = k.record_id_r
        order by priority desc, k.record_id_l, k.record_id_r
    """


class ReviewQueue:
    """Ranked candidate pairs, each pair's reviewers, and the leases. Not thread-safe alone."""

    def __init__(
        self, settings: ReviewSettings, configured_threshold: float | str = LinkSettings.threshold
    ):
        self.settings = settings
        # the queue centres on the threshold the last link run used (link_summary);
        # before any run, on the configured one (even odds when it is `auto`: no pair yet)
        if not isinstance(configured_threshold, int | float):
            configured_threshold = EVEN_ODDS
        self.configured_threshold = configured_threshold
        self.threshold = configured_threshold
        self.generation: int | None = None
        self.candidates: list[Candidate] = []
        self.by_pair: dict[tuple[str, str], Candidate] = {}
        self.labels: dict[tuple[str, str], dict[str, str]] = {}  # pair -> reviewer -> label
        self.leases: dict[tuple[str, str], tuple[str, float]] = {}  # pair -> (reviewer, until)
        self.held: dict[str, tuple[str, str]] = {}  # reviewer -> pair
        self.skipped: dict[str, dict[tuple[str, str], float]] = {}
        self.awaiting_second: set[tuple[str, str]] = set()  # double-review pairs with one label
        self.position: dict[tuple[str, str], int] = {}
        self.done_before = 0  # every candidate before this index has all the labels it needs

    # -- loading ------------------------------------------------------------------
    def ensure_loaded(self, con: duckdb.DuckDBPyConnection, generation: int) -> None:
        """(Re)loads candidates and labels when the workspace changed outside this process."""
        if self.generation == generation:
            return
        tables = store.existing_tables(con)
        used = views.link_threshold(con)
        self.threshold = used if used is not None else self.configured_threshold
        candidates: list[Candidate] = []
        if "pairs" in tables:
            con.execute(f"set threads = {os.cpu_count() or 1}")  # one big query: use every core
            try:
                rows = con.execute(
                    _candidates_sql(tables),
                    {
                        "threshold": self.threshold,
                        "impact_weight": self.settings.impact_weight,
                        "limit": MAX_CANDIDATES,
                    },
                ).fetchall()
            finally:
                con.execute("set threads = 1")
            percent = self.settings.double_review_percent
            # row: l, r, probability, uncertainty, impact, priority, then the filter fields
            candidates = [
                Candidate(*r[:6], is_double_review((r[0], r[1]), percent), *r[6:]) for r in rows
            ]
        self.candidates = candidates
        self.by_pair = {c.pair: c for c in candidates}
        self.position = {c.pair: i for i, c in enumerate(candidates)}
        self.done_before = 0
        self.labels = {}
        if "labels" in tables:
            for left, right, reviewer, label in con.execute(
                f"select record_id_l, record_id_r, reviewer, label from ({views.EFFECTIVE_LABELS_BY_REVIEWER_SQL})"
            ).fetchall():
                self.labels.setdefault((left, right), {})[reviewer] = label
        self.awaiting_second = {
            pair
            for pair, reviewers in self.labels.items()
            if len(reviewers) == 1 and pair in self.by_pair and self.by_pair[pair].double_review
        }
        self.generation = generation

    # -- bookkeeping --------------------------------------------------------------
    def note_label(self, pair: tuple[str, str], reviewer: str, label: str | None) -> None:
        """Records a reviewer's effective label for a pair (None after an undo removed it)."""
        if label is None:
            self.labels.get(pair, {}).pop(reviewer, None)
            self.done_before = min(self.done_before, self.position.get(pair, self.done_before))
        else:
            self.labels.setdefault(pair, {})[reviewer] = label
        candidate = self.by_pair.get(pair)
        if (
            candidate is not None
            and candidate.double_review
            and len(self.labels.get(pair, {})) == 1
        ):
            self.awaiting_second.add(pair)
        else:
            self.awaiting_second.discard(pair)
        self.release(pair, reviewer)

    def release(self, pair: tuple[str, str], reviewer: str) -> None:
        lease = self.leases.get(pair)
        if lease and lease[0] == reviewer:
            del self.leases[pair]
        if self.held.get(reviewer) == pair:
            del self.held[reviewer]

    def leased_by_other(self, pair: tuple[str, str], reviewer: str) -> bool:
        lease = self.leases.get(pair)
        return bool(lease and lease[0] != reviewer and lease[1] > time.monotonic())

    def skip(self, pair: tuple[str, str], reviewer: str) -> None:
        self.release(pair, reviewer)
        until = time.monotonic() + self.settings.lease_minutes * 60
        self.skipped.setdefault(reviewer, {})[pair] = until

    def label_of(self, pair: tuple[str, str], reviewer: str) -> str | None:
        return self.labels.get(pair, {}).get(reviewer)

    # -- serving ------------------------------------------------------------------
    def _complete(self, candidate: Candidate) -> bool:
        return len(self.labels.get(candidate.pair, ())) >= candidate.needed

    def _open_for(self, candidate: Candidate, reviewer: str, moment: float) -> bool:
        reviewers = self.labels.get(candidate.pair)
        if reviewers and (reviewer in reviewers or len(reviewers) >= candidate.needed):
            return False
        lease = self.leases.get(candidate.pair)
        if lease and lease[0] != reviewer and lease[1] > moment:
            return False
        skipped_until = self.skipped.get(reviewer, {}).get(candidate.pair)
        return not (skipped_until and skipped_until > moment)

    def open_pairs(
        self, reviewer: str, queue_filter: QueueFilter | None = None, limit: int = 50
    ) -> list[dict]:
        """The best open pairs for this reviewer (second opinions first), without leasing."""
        queue_filter = queue_filter or QueueFilter()
        moment = time.monotonic()
        chosen = sorted(
            (
                candidate
                for candidate in map(self.by_pair.get, self.awaiting_second)
                if queue_filter.accepts(candidate) and self._open_for(candidate, reviewer, moment)
            ),
            key=lambda c: (-c.priority, c.record_id_l, c.record_id_r),
        )[:limit]
        while self.done_before < len(self.candidates) and self._complete(
            self.candidates[self.done_before]
        ):
            self.done_before += 1
        for candidate in itertools.islice(self.candidates, self.done_before, None):
            if len(chosen) >= limit:
                break
            if (
                candidate.pair not in self.awaiting_second
                and queue_filter.accepts(candidate)
                and self._open_for(candidate, reviewer, moment)
            ):
                chosen.append(candidate)
        return [
            {
                "record_id_l": c.record_id_l,
                "record_id_r": c.record_id_r,
                "probability": c.probability,
                "uncertainty": c.uncertainty,
                "impact": c.impact,
                "priority": c.priority,
                "double_review": c.double_review,
                "reviewers": len(self.labels.get(c.pair, {})),
            }
            for c in chosen
        ]

    def next_pair(
        self, reviewer: str, queue_filter: QueueFilter | None = None
    ) -> tuple[str, str] | None:
        """The pair the reviewer holds if still open, else the best open pair, now leased."""
        queue_filter = queue_filter or QueueFilter()
        moment = time.monotonic()
        held = self.held.get(reviewer)
        if held is not None:
            lease = self.leases.get(held)
            candidate = self.by_pair.get(held)
            if (
                lease
                and lease[0] == reviewer
                and lease[1] > moment
                and candidate is not None
                and queue_filter.accepts(candidate)
                and self.label_of(held, reviewer) is None
            ):
                return held
            self.release(held, reviewer)
        best = self.open_pairs(reviewer, queue_filter, limit=1)
        if not best:
            return None
        pair = (best[0]["record_id_l"], best[0]["record_id_r"])
        self.leases[pair] = (reviewer, moment + self.settings.lease_minutes * 60)
        self.held[reviewer] = pair
        return pair

    def counts(self, con: duckdb.DuckDBPyConnection) -> dict[str, int]:
        """Pairs scored, pairs with a label, and pairs within 0.25 of the threshold."""
        if "pairs" not in store.existing_tables(con):
            return {"pairs": 0, "labelled": 0, "near_threshold": 0}
        total, near = con.execute(
            """select count(*), count(*) filter (where abs(p - ?) <= 0.25)
               from (select max(match_probability) as p from pairs
                     group by least(record_id_l, record_id_r), greatest(record_id_l, record_id_r))""",
            [self.threshold],
        ).fetchone()
        labelled = sum(1 for reviewers in self.labels.values() if reviewers)
        return {"pairs": total, "labelled": labelled, "near_threshold": near}
