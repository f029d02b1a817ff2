"""The audit sample: a uniformly random sample of the clustering, checked by people.

The review queue ranks pairs by how uncertain the model is, which is right for
improving the links and wrong for measuring how often they err: its labels say
nothing of the confident links nor of people the model never paired. The audit
sample is drawn once, uniformly at random and with a seed, from

- singleton people (documented by one list only): is there a missed match for
  this person among the other people? (a missed link makes two false singletons);
- linked pairs (two records of one person that the model scored): is this a
  false link?

and is kept apart from the queue: its items are never queued, its answers go
to their own table (`audit_answers`), and the order of items is the random
draw's. From the answers the workspace estimates missed-link and false-link
rates per pair of lists with Jeffreys intervals (`audit_rates`), which the
estimate stage reads (recount.estimate.linkage).
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import numpy as np
import pandas as pd

from recount.review.store import ReviewError, existing_tables, now
from recount.tables import TABLES, insert_rows

SINGLETON, LINK = "singleton", "link"
ANSWERS = {SINGLETON: ("missed", "none", "unsure"), LINK: ("same", "different", "unsure")}
DEFAULT_SIZE = {SINGLETON: 150, LINK: 150}
DEFAULT_SEED = 20141114
CANDIDATES_SHOWN = 5

SCHEMA = tuple(TABLES[name].create_sql() for name in ("audit_items", "audit_answers"))

SINGLETONS_SQL = """
    select p.person_id, any_value(rp.source_id) as list_a
    from persons p join record_person rp using (person_id)
    where len(p.sources) = 1
    group by p.person_id order by p.person_id
"""

LINKED_PAIRS_SQL = """
    select pr.record_id_l, pr.record_id_r, a.person_id, pr.source_id_l, pr.source_id_r,
           pr.match_probability
    from pairs pr
    join record_person a on a.record_id = pr.record_id_l
    join record_person b on b.record_id = pr.record_id_r
    where a.person_id is not null and a.person_id = b.person_id
    order by pr.record_id_l, pr.record_id_r
"""


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    for statement in SCHEMA:
        con.execute(statement)


def draw_sample(
    con: duckdb.DuckDBPyConnection,
    singletons: int = DEFAULT_SIZE[SINGLETON],
    links: int = DEFAULT_SIZE[LINK],
    seed: int = DEFAULT_SEED,
) -> int:
    """Draw the audit sample from the current clustering (once: a second draw would mix two
    clusterings); returns the number of items. Items interleave the two kinds in random order."""
    ensure_schema(con)
    tables = existing_tables(con)
    if not {"persons", "record_person", "pairs"} <= tables:
        raise ReviewError("no linked people yet: run `recount link` before drawing an audit sample")
    if con.execute("select count(*) from audit_items").fetchone()[0]:
        raise ReviewError("the audit sample is already drawn; its answers would mix two samples")
    rng = np.random.default_rng(seed)
    people = con.execute(SINGLETONS_SQL).df()
    linked = con.execute(LINKED_PAIRS_SQL).df()
    chosen_people = people.iloc[_choose(rng, len(people), singletons)]
    chosen_links = linked.iloc[_choose(rng, len(linked), links)]
    items = pd.concat(
        [
            pd.DataFrame(
                {
                    "kind": SINGLETON,
                    "person_id": chosen_people["person_id"].to_numpy(),
                    "record_id_l": None,
                    "record_id_r": None,
                    "list_a": chosen_people["list_a"].to_numpy(),
                    "list_b": None,
                    "match_probability": np.nan,
                    "population": len(people),
                }
            ),
            pd.DataFrame(
                {
                    "kind": LINK,
                    "person_id": chosen_links["person_id"].to_numpy(),
                    "record_id_l": chosen_links["record_id_l"].to_numpy(),
                    "record_id_r": chosen_links["record_id_r"].to_numpy(),
                    "list_a": np.minimum(chosen_links["source_id_l"], chosen_links["source_id_r"]),
                    "list_b": np.maximum(chosen_links["source_id_l"], chosen_links["source_id_r"]),
                    "match_probability": chosen_links["match_probability"].to_numpy(dtype=float),
                    "population": len(linked),
                }
            ),
        ],
        ignore_index=True,
    )
    items = items.iloc[rng.permutation(len(items))].reset_index(drop=True)
    items.insert(0, "item_id", np.arange(1, len(items) + 1, dtype=np.int64))
    items["seed"] = seed
    items["drawn_at"] = now()
    insert_rows(con, "audit_items", items)
    return len(items)


def _choose(rng: np.random.Generator, population: int, size: int) -> np.ndarray:
    """Indices of a simple random sample without replacement, in the order drawn."""
    return rng.choice(population, size=min(size, population), replace=False)


@dataclass(frozen=True)
class AuditItem:
    item_id: int
    kind: str
    person_id: str
    record_id_l: str | None
    record_id_r: str | None
    list_a: str
    list_b: str | None


def items(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    ensure_schema(con)
    return con.execute("select * from audit_items order by item_id").df()


def next_item(con: duckdb.DuckDBPyConnection) -> AuditItem | None:
    """The first item nobody has answered, in the sample's random order."""
    ensure_schema(con)
    row = con.execute(
        """select item_id, kind, person_id, record_id_l, record_id_r, list_a, list_b
           from audit_items
           where item_id not in (select item_id from audit_answers)
           order by item_id limit 1"""
    ).fetchone()
    return AuditItem(*row) if row else None


def get_item(con: duckdb.DuckDBPyConnection, item_id: int) -> AuditItem:
    ensure_schema(con)
    row = con.execute(
        """select item_id, kind, person_id, record_id_l, record_id_r, list_a, list_b
           from audit_items where item_id = ?""",
        [item_id],
    ).fetchone()
    if row is None:
        raise ReviewError("unknown audit item")
    return AuditItem(*row)


def candidates(con: duckdb.DuckDBPyConnection, person_id: str) -> pd.DataFrame:
    """Records of other people that the model scored against this person's records, most
    probable first: where a reviewer looks first for a missed match."""
    return con.execute(
        """with mine as (select record_id from record_person where person_id = ?),
           scored as (
               select case when record_id_l in (select record_id from mine)
                           then record_id_r else record_id_l end as record_id,
                      match_probability
               from pairs
               where record_id_l in (select record_id from mine)
                  or record_id_r in (select record_id from mine))
           select s.record_id, rp.source_id, rp.person_id, max(s.match_probability) as probability
           from scored s join record_person rp using (record_id)
           where rp.person_id is distinct from ?
           group by all order by probability desc, s.record_id limit ?""",
        [person_id, person_id, CANDIDATES_SHOWN],
    ).df()


def record_answer(
    con: duckdb.DuckDBPyConnection,
    item_id: int,
    answer: str,
    reviewer: str,
    match_record_id: str | None = None,
) -> int:
    """Store one answer (the latest answer to an item is the one that counts)."""
    item = get_item(con, item_id)
    if answer not in ANSWERS[item.kind]:
        raise ReviewError(f"answer must be one of {', '.join(ANSWERS[item.kind])}")
    match_list, scored = None, None
    if item.kind == SINGLETON and answer == "missed":
        match_record_id = (match_record_id or "").strip() or None
        if match_record_id is None:
            raise ReviewError("name the record this person matches")
        found = con.execute(
            "select source_id, person_id from record_person where record_id = ?", [match_record_id]
        ).fetchone()
        if found is None:
            raise ReviewError("unknown record id")
        if found[1] == item.person_id:
            raise ReviewError("that record is already this person's")
        match_list = found[0]
        scored = bool(
            con.execute(
                """select count(*) from pairs p join record_person rp
                   on rp.record_id in (p.record_id_l, p.record_id_r)
                   where rp.person_id = ? and ? in (p.record_id_l, p.record_id_r)""",
                [item.person_id, match_record_id],
            ).fetchone()[0]
        )
    else:
        match_record_id = None
    answer_id = con.execute("select coalesce(max(answer_id), 0) + 1 from audit_answers").fetchone()[
        0
    ]
    row = {"answer_id": answer_id, "item_id": item_id, "answer": answer}
    row |= {"match_record_id": match_record_id, "match_list": match_list, "scored": scored}
    insert_rows(con, "audit_answers", [row | {"reviewer": reviewer, "created_at": now()}])
    return int(answer_id)


def answered(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every answered item with its latest answer (the tables must exist)."""
    return con.execute(
        """select i.*, a.answer, a.match_record_id, a.match_list, a.scored, a.reviewer
           from audit_items i join (
               select * from audit_answers
               qualify row_number() over (partition by item_id order by answer_id desc) = 1
           ) a using (item_id)
           order by item_id"""
    ).df()


def progress(con: duckdb.DuckDBPyConnection) -> dict[str, dict[str, int]]:
    total = dict(con.execute("select kind, count(*) from audit_items group by 1").fetchall())
    done = answered(con)
    return {
        kind: {"drawn": int(total.get(kind, 0)), "answered": int((done["kind"] == kind).sum())}
        for kind in (SINGLETON, LINK)
    }


def audit_rates(done: pd.DataFrame) -> pd.DataFrame:
    """Missed-link and false-link rates with 95% Jeffreys intervals, from answered items.

    Rows: kind `false_link` per pair of lists (false links over audited links of that pair);
    kind `missed_link` per list of the singleton and list of its match (missed matches over
    audited singletons of that list; `list_b` empty is any list). `unsure` answers are left
    out of both counts.
    """
    rows = []
    sure = done[done["answer"] != "unsure"]
    links = sure[sure["kind"] == LINK]
    for (a, b), group in links.groupby(["list_a", "list_b"], sort=True):
        rows.append(("false_link", a, b, len(group), int((group["answer"] == "different").sum())))
    singles = sure[sure["kind"] == SINGLETON]
    for a, group in singles.groupby("list_a", sort=True):
        missed = group[group["answer"] == "missed"]
        rows.append(("missed_link", a, None, len(group), len(missed)))
        for b, hits in missed.groupby("match_list", sort=True):
            rows.append(("missed_link", a, b, len(group), len(hits)))
    frame = pd.DataFrame(rows, columns=["kind", "list_a", "list_b", "audited", "errors"])
    trials = frame["audited"].to_numpy(dtype=float)
    errors = frame["errors"].to_numpy(dtype=float)
    frame["rate"] = errors / np.maximum(trials, 1)
    frame["lower"], frame["upper"] = jeffreys_interval(errors, trials)
    return frame


def jeffreys_interval(successes: np.ndarray, trials: np.ndarray, alpha: float = 0.05):
    """Jeffreys interval for a binomial share (Brown, Cai and DasGupta 2001)."""
    from scipy.stats import beta

    a, b = successes + 0.5, trials - successes + 0.5
    with np.errstate(invalid="ignore"):
        lower = np.where(successes > 0, beta.ppf(alpha / 2, a, b), 0.0)
        upper = np.where(successes < trials, beta.ppf(1 - alpha / 2, a, b), 1.0)
    return lower, upper


def audit_results(ws) -> pd.DataFrame:
    """The answered audit items of a workspace (empty when nobody has audited)."""
    with ws.connect(read_only=True) as con:
        if "audit_items" not in existing_tables(con) or "audit_answers" not in existing_tables(con):
            return pd.DataFrame(
                columns=[
                    "item_id",
                    "kind",
                    "person_id",
                    "record_id_l",
                    "record_id_r",
                    "list_a",
                    "list_b",
                    "match_probability",
                    "answer",
                    "match_record_id",
                    "match_list",
                    "scored",
                ]
            )
        return answered(con)


def answer_from_truth(
    con: duckdb.DuckDBPyConnection,
    truth: pd.DataFrame,
    reviewer: str = "truth",
    limit: int | None = None,
) -> int:
    """Answer the unanswered items from a gold standard (`record_id`, `true_id`: which true
    person each record is), as a perfect reviewer would: to measure what an audit is worth
    on simulated lists or a benchmark with known links (FEBRL, the simulator's truth/).
    Returns the number of items answered."""
    true_of = dict(zip(truth["record_id"], truth["true_id"], strict=True))
    members = con.execute(
        "select record_id, source_id, person_id from record_person where person_id is not null"
    ).df()
    records_of = members.groupby("person_id")["record_id"].apply(list).to_dict()
    holder = {}  # true person -> records, for the singletons' missed matches
    for record in members["record_id"]:
        if record in true_of:
            holder.setdefault(true_of[record], []).append(record)
    done = 0
    while limit is None or done < limit:
        item = next_item(con)
        if item is None:
            break
        if item.kind == LINK:
            same = true_of.get(item.record_id_l) == true_of.get(item.record_id_r)
            record_answer(con, item.item_id, "same" if same else "different", reviewer)
        else:
            own = records_of.get(item.person_id, [])
            truths = {true_of[r] for r in own if r in true_of}
            others = sorted(r for t in truths for r in holder.get(t, []) if r not in own)
            if others:
                record_answer(con, item.item_id, "missed", reviewer, others[0])
            else:
                record_answer(con, item.item_id, "none", reviewer)
        done += 1
    return done
