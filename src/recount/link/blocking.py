"""Candidate pairs: blocking rules that do not depend on which part of a name is which.

A pair is scored when any rule holds. Every rule that uses names uses them as
sets of token keys, ranked by how rare each token (and each pair of tokens) is
in the data at hand, never by position:

- the same set of names in the same year, or in the same admin unit;
- a pair of names, or of their first three letters, that few records share (no
  date needed: a rare pair is evidence enough; how few is learnt from the data,
  `rarity_cap`);
- one of a record's rarest pairs of names within a month (two overlapping
  30-day windows, so two dates a fortnight apart always share one);
- a pair of names, or of their first three letters, that few records share within
  the same area and year: rarity measured where the records are, so a pair common
  across a country but rare in one admin unit and year still blocks, and on large
  lists the rule finds people whose dates disagree by more than a month (its cap, like
  `rarity_cap`'s, is the largest within the pair budget; the area alone, tried too,
  cost more precision than it gained recall: docs/bench/link.md). The prefixes find
  two records each misspelling a different name where surnames are few (Spanish
  lists: docs/bench/link.md, round 7);
- a name that few records share with the same value of another field the list gives
  (place of birth, year of birth, occupation, a postcode): a list with no date, or whose
  dates are typed wrong, still finds a person's records that share one rare name and
  something else about them (its cap is the largest within the pair budget, as above);
- one of a record's two rarest names, or their first three letters, on the same day;
- where either record has no date, one of its two rarest names in the same place (else
  admin unit): one person's records of which one is undated and which share a name few
  records of that place carry, the other names typed wrong or dropped or common there
  (`place_undated_tokens`; at 100,000 people 40% of the true pairs no rule scored had a
  record without a date, docs/bench/link.md); kept where its pairs with an undated record
  stay within the pair budget;
- a record without a date whose names are all among another's of its area, or the other
  way round (a list without dates against one that drops a father's name: no dated rule
  can find these, `names_within_undated`);
- any name on the same day in the same place;
- the same identifier, or the same value of a text field that nearly identifies
  (an e-mail address);
- the same day and place (where that makes few enough pairs: `MAX_PAIRS_PER_RECORD`).

The helper columns (pairs of names, their rarity) are computed here, from the
records being linked, before the rules run; so is each record's rarest name
(`rarest_token`), which the name comparison asks for when only one name agrees.
"""

from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd

from recount.link.fields import Fields

# A pair of names shared by at most this many records blocks without a date.
RARE_PAIR_MAX = 10
# How many of a record's rarest pairs of names, and rarest names, enter the dated rules.
TOP_PAIRS = 3
TOP_TOKENS = 2
PREFIX = 3
# A rule that uses no name at all is kept only while it makes at most this many
# pairs per record.
MAX_PAIRS_PER_RECORD = 5
BLOCKING_COLUMNS = (
    "rare_pairs", "top_pairs", "prefix_pairs", "top_tokens", "top_prefixes", "window_a",
    "window_b", "area_year_pairs", "area_year_prefixes", "within_undated", "context_tokens",
    "rarest_token", "place_undated_tokens",
)  # fmt: skip
# Columns of per-record keys, empty lists where a record has none.
KEY_LIST_COLUMNS = (
    "area_year_pairs", "area_year_prefixes", "within_undated", "context_tokens",
    "place_undated_tokens",
)  # fmt: skip
# A record without a date is paired with at most this many records of its area that hold all
# its names (or whose names it holds all of); a name common enough to find more is left to
# the other rules.
WITHIN_UNDATED_MAX = 20

# Rarity caps tried for the name-only rules, smallest first: the largest whose
# blocks make at most MAX_PAIRS_PER_RECORD pairs per record is used, so a list
# holding many copies of each person (whose pairs of names repeat) still blocks.
RARE_CAPS = (RARE_PAIR_MAX, 20, 50, 100, 200)

PAIRS_SQL = """
create temp table token_freq as
    select t, count(*) as n from (select unnest(tokens) as t from frame) group by t;
create temp table ranked as
    select unique_id, list(t order by n, t) as rt
    from (select unique_id, unnest(tokens) as t from frame) join token_freq using (t)
    group by unique_id;
create temp table pairs as
    select unique_id, unnest(list_transform(
        list_filter(
            list_transform(range(len(rt) * len(rt)), lambda i: [i // len(rt), i % len(rt)]),
            lambda p: p[1] < p[2]),
        lambda p: least(rt[p[1] + 1], rt[p[2] + 1]) || ' ' || greatest(rt[p[1] + 1], rt[p[2] + 1])
    )) as p
    from ranked;
create temp table prefix_pairs as
    select distinct unique_id, unnest(list_transform(
        list_filter(
            list_transform(range(len(px) * len(px)), lambda i: [i // len(px), i % len(px)]),
            lambda p: p[1] < p[2]),
        lambda p: least(px[p[1] + 1], px[p[2] + 1]) || ' ' || greatest(px[p[1] + 1], px[p[2] + 1])
    )) as p
    from (select unique_id, list_distinct(list_transform(rt, lambda t: left(t, {prefix}))) as px
          from ranked);
create temp table pair_freq as select p, count(*) as n from pairs group by p;
create temp table prefix_freq as select p, count(*) as n from prefix_pairs group by p;
"""

# Pairs of names keyed by the area and year they occur in, and their counts there.
LOCAL_SQL = """
create temp table local_pairs as
    select unique_id, p || ' @' || area || ' ' || year as p
    from cells join (select distinct unique_id, p from pairs) using (unique_id)
    where area is not null and year is not null;
create temp table local_freq as select p, count(*) as n from local_pairs group by p;
create temp table local_prefixes as
    select unique_id, p || ' @' || area || ' ' || year as p
    from cells join prefix_pairs using (unique_id)
    where area is not null and year is not null;
create temp table local_prefix_freq as select p, count(*) as n from local_prefixes group by p;
"""

# Each name token keyed by the value of another field the record carries, and their counts.
CONTEXT_SQL = """
create temp table context_keys as
    select distinct unique_id, t || ' @' || field || '=' || value as p
    from (select unique_id, unnest(tokens) as t from frame) join contexts using (unique_id);
create temp table context_freq as select p, count(*) as n from context_keys group by p;
"""

# Pairs of records of one area, one of them without a date, whose names are all among the
# other's: joined on the rarest name of the one within, then checked whole.
WITHIN_SQL = """
create temp table named as
    select unique_id, area, dated, rt from cells join ranked using (unique_id)
    where area is not null and len(rt) >= 2;
create temp table name_index as select unique_id, area, dated, rt, unnest(rt) as t from named;
create temp table within_pairs as
    select inner_.unique_id as a, outer_.unique_id as b
    from (select * from named where not dated) inner_
    join name_index outer_
      on outer_.area = inner_.area and outer_.t = inner_.rt[1]
     and outer_.unique_id <> inner_.unique_id
    where list_has_all(outer_.rt, inner_.rt)
    union all
    select inner_.unique_id as a, outer_.unique_id as b
    from (select * from named where dated) inner_
    join (select * from name_index where not dated) outer_
      on outer_.area = inner_.area and outer_.t = inner_.rt[1]
    where list_has_all(outer_.rt, inner_.rt);
create temp table within_kept as
    select a, b from within_pairs
    where a in (select a from within_pairs group by a having count(*) <= {cap})
      and b in (select b from within_pairs group by b having count(*) <= {cap});
"""

LOCAL_HELPERS_SQL = """
select unique_id, list(p order by n, p) filter (where n <= {cap}) as {column}
from {table} join {freq} using (p)
group by unique_id
"""

HELPERS_SQL = """
with per_record as (
    select unique_id,
           list(p order by n, p) filter (where n <= {rare}) as rare_pairs,
           list_slice(list(p order by n, p), 1, {top_pairs}) as top_pairs
    from pairs join pair_freq using (p)
    group by unique_id
),
prefixes as (
    select unique_id, list(p order by n, p) filter (where n <= {prefix_rare}) as prefix_pairs
    from prefix_pairs join prefix_freq using (p)
    group by unique_id
)
select f.unique_id,
       coalesce(per_record.rare_pairs, []) as rare_pairs,
       coalesce(per_record.top_pairs, []) as top_pairs,
       coalesce(prefixes.prefix_pairs, []) as prefix_pairs,
       coalesce(list_slice(ranked.rt, 1, {top_tokens}), []) as top_tokens,
       ranked.rt[1] as rarest_token,
       coalesce(list_distinct(list_transform(list_slice(ranked.rt, 1, {top_tokens}),
                lambda t: left(t, {prefix}))), []) as top_prefixes,
       {date} // 30 as window_a,
       ({date} + 15) // 30 as window_b
from frame f
left join ranked using (unique_id)
left join per_record using (unique_id)
left join prefixes using (unique_id)
"""


def rarity_cap(
    con: duckdb.DuckDBPyConnection, table: str, records: int, cost: str = "n * (n - 1) // 2"
) -> int:
    """The largest cap in RARE_CAPS whose blocks (keys shared by at most cap records, each
    costing the SQL `cost` pairs) stay within the pair budget."""
    budget = MAX_PAIRS_PER_RECORD * max(records, 1)
    chosen = RARE_CAPS[0]
    for cap in RARE_CAPS:
        pairs = con.execute(
            f"select coalesce(sum({cost}), 0) from {table} where n <= {cap}"
        ).fetchone()[0]
        if pairs > budget:
            break
        chosen = cap
    return chosen


def add_blocking_columns(frame: pd.DataFrame, fields: Fields) -> pd.DataFrame:
    """`frame` with the helper columns the blocking rules explode or compare."""
    con = duckdb.connect()
    try:
        con.register("frame", frame[["unique_id", "tokens", "dod_day", "dob_day"]])
        con.execute(PAIRS_SQL.format(prefix=PREFIX))
        local = _local_pairs(con, frame, fields)
        undated = _place_undated_tokens(con, frame, fields)
        helpers = con.execute(
            HELPERS_SQL.format(
                rare=rarity_cap(con, "pair_freq", len(frame)),
                prefix_rare=rarity_cap(con, "prefix_freq", len(frame)),
                top_pairs=TOP_PAIRS,
                top_tokens=TOP_TOKENS,
                prefix=PREFIX,
                date=fields.primary_date or "null::integer",
            )
        ).df()
    finally:
        con.close()
    helpers = (
        helpers.set_index("unique_id")
        .join(local)
        .join(_context_tokens(frame, fields))
        .join(undated)
        .reindex(frame["unique_id"])
    )
    out = frame.copy()
    for column in BLOCKING_COLUMNS:
        out[column] = helpers[column].to_numpy()
    for column in KEY_LIST_COLUMNS:
        out[column] = [v if isinstance(v, list | np.ndarray) else [] for v in out[column]]
    for column in ("window_a", "window_b"):
        out[column] = out[column].astype("Int64")
    return out


def _local_pairs(
    con: duckdb.DuckDBPyConnection, frame: pd.DataFrame, fields: Fields
) -> pd.DataFrame:
    """Per record, its pairs of names, and of their prefixes, that few records share in its
    area (the admin unit, else the place) and the year of its primary date, each keyed by
    that cell."""
    area = next((c for c in ("governorate", "place_key") if fields.has(c)), None)
    year = {"dod_day": "dod_year", "dob_day": "dob_year"}.get(fields.primary_date or "")
    date = fields.primary_date
    cells = pd.DataFrame(
        {
            "unique_id": frame["unique_id"].to_numpy(),
            "area": frame[area].to_numpy() if area else None,
            "year": frame[year].astype("Int64").to_numpy() if year else None,
            "dated": frame[date].notna().to_numpy() if date else True,
        }
    ).astype({"area": "string", "year": "Int64", "dated": "bool"})
    con.register("cells", cells)
    con.execute(LOCAL_SQL)
    helpers = [
        con.execute(
            LOCAL_HELPERS_SQL.format(
                cap=rarity_cap(con, freq, len(frame)), column=column, table=table, freq=freq
            )
        )
        .df()
        .set_index("unique_id")
        for column, table, freq in (
            ("area_year_pairs", "local_pairs", "local_freq"),
            ("area_year_prefixes", "local_prefixes", "local_prefix_freq"),
        )
    ]
    return helpers[0].join(helpers[1], how="outer").join(_names_within_undated(con), how="outer")


def _names_within_undated(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Per record, a key for each record of its area it pairs with (`WITHIN_SQL`): one of the
    two has no date and its names are all among the other's, or the other's among its own."""
    con.execute(WITHIN_SQL.format(cap=WITHIN_UNDATED_MAX))
    return (
        con.execute(
            """
            select unique_id, list_sort(list_distinct(list(k))) as within_undated from (
                select a as unique_id, least(a, b) || '~' || greatest(a, b) as k from within_kept
                union all
                select b as unique_id, least(a, b) || '~' || greatest(a, b) as k from within_kept
            ) group by unique_id
            """
        )
        .df()
        .set_index("unique_id")
    )


# A record's two rarest names keyed by its place, with how many records, and how many of them
# undated, share each key.
PLACE_TOKENS_SQL = """
create temp table place_keys as
    select distinct unique_id, t || ' @' || place as p, dated
    from (select unique_id, unnest(list_slice(rt, 1, {top_tokens})) as t from ranked)
    join places using (unique_id);
create temp table place_freq as
    select p, count(*) as n, count(*) filter (where not dated) as u from place_keys group by p;
"""


def _place_undated_tokens(
    con: duckdb.DuckDBPyConnection, frame: pd.DataFrame, fields: Fields
) -> pd.DataFrame:
    """Per record, its two rarest names keyed by its place (else admin unit), kept where an
    undated record holds the key and the key's pairs with an undated record stay within the
    pair budget (`rarity_cap`): the rule pairs them only where either record is undated."""
    area = next((c for c in ("place_key", "governorate") if fields.has(c)), None)
    date = fields.primary_date
    if area is None or date is None:
        return pd.DataFrame(
            {"place_undated_tokens": pd.Series(dtype=object)},
            index=pd.Index([], name="unique_id"),
        )
    places = pd.DataFrame(
        {
            "unique_id": frame["unique_id"].to_numpy(),
            "place": frame[area].astype("string").to_numpy(),
            "dated": frame[date].notna().to_numpy(),
        }
    ).dropna(subset=["place"])
    con.register("places", places)
    con.execute(PLACE_TOKENS_SQL.format(top_tokens=TOP_TOKENS))
    cap = rarity_cap(con, "place_freq", len(frame), "u * (n - u) + u * (u - 1) // 2")
    return (
        con.execute(
            f"""select unique_id,
                       list(p order by n, p) filter (where n <= {cap} and u > 0)
                           as place_undated_tokens
                from place_keys join place_freq using (p) group by unique_id"""
        )
        .df()
        .set_index("unique_id")
    )


def context_columns(fields: Fields) -> list[str]:
    """The fields a rare name is paired with in `context_tokens`: place of birth, year of
    birth (where no date of death is the primary date) and text or code extras, which say
    something about a person without naming a time and place of death (identifiers have a
    rule of their own; the place and admin unit of death have the area-and-year rules)."""
    columns = ["birth_place"] if fields.has("birth_place") else []
    if fields.primary_date == "dob_day":
        columns.append("dob_year")
    return columns + [c for c, kind in fields.extras.items() if kind in ("text", "code")]


def _context_tokens(frame: pd.DataFrame, fields: Fields) -> pd.DataFrame:
    """Per record, its names keyed by each context field's value (`context_columns`), kept
    where few records share the key: at most the largest cap within the pair budget."""
    columns = [c for c in context_columns(fields) if c in frame.columns]
    empty = pd.DataFrame(
        {"context_tokens": pd.Series(dtype=object)}, index=pd.Index([], name="unique_id")
    )
    if not columns:
        return empty
    long = (
        frame[["unique_id", *columns]]
        .astype({c: "string" for c in columns})
        .melt(id_vars="unique_id", var_name="field", value_name="value")
        .dropna(subset=["value"])
    )
    con = duckdb.connect()
    try:
        con.register("frame", frame[["unique_id", "tokens"]])
        con.register("contexts", long)
        con.execute(CONTEXT_SQL)
        cap = rarity_cap(con, "context_freq", len(frame))
        return (
            con.execute(
                LOCAL_HELPERS_SQL.format(
                    cap=cap, column="context_tokens", table="context_keys", freq="context_freq"
                )
            )
            .df()
            .set_index("unique_id")
        )
    finally:
        con.close()


def prediction_rules(fields: Fields, frame: pd.DataFrame | None = None) -> list[dict]:
    """Splink blocking rules (dicts, DuckDB SQL) for the fields this workspace has.

    With `frame` (the records), rules that use no name are kept only where they
    make few pairs.
    """
    rules: list[tuple[str, list[str] | None]] = []
    date = fields.primary_date
    year = {"dod_day": "dod_year", "dob_day": "dob_year"}.get(date or "")
    if year:
        rules.append((f"l.token_set = r.token_set and l.{year} = r.{year}", None))
    if fields.has("governorate"):
        rules.append(("l.token_set = r.token_set and l.governorate = r.governorate", None))
    if fields.has("place_key"):
        rules.append(("l.token_set = r.token_set and l.place_key = r.place_key", None))
    if not date and not fields.has("governorate") and not fields.has("place_key"):
        rules.append(("l.token_set = r.token_set", None))
    rules.append(("l.rare_pairs = r.rare_pairs", ["rare_pairs"]))
    if (fields.has("governorate") or fields.has("place_key")) and year:
        rules.append(("l.area_year_pairs = r.area_year_pairs", ["area_year_pairs"]))
        rules.append(("l.area_year_prefixes = r.area_year_prefixes", ["area_year_prefixes"]))
    rules.append(("l.prefix_pairs = r.prefix_pairs", ["prefix_pairs"]))
    if date and (fields.has("governorate") or fields.has("place_key")):
        rules.append(("l.within_undated = r.within_undated", ["within_undated"]))
    if context_columns(fields):
        rules.append(("l.context_tokens = r.context_tokens", ["context_tokens"]))
    if date:
        rules.append(("l.top_pairs = r.top_pairs and l.window_a = r.window_a", ["top_pairs"]))
        rules.append(("l.top_pairs = r.top_pairs and l.window_b = r.window_b", ["top_pairs"]))
        rules.append((f"l.top_tokens = r.top_tokens and l.{date} = r.{date}", ["top_tokens"]))
        rules.append((f"l.top_prefixes = r.top_prefixes and l.{date} = r.{date}", ["top_prefixes"]))
        if fields.has("place_key") or fields.has("governorate"):
            rules.append(
                (
                    "l.place_undated_tokens = r.place_undated_tokens"
                    f" and (l.{date} is null or r.{date} is null)",
                    ["place_undated_tokens"],
                )
            )
        if fields.has("place_key"):
            rules.append(
                (
                    f"l.tokens = r.tokens and l.{date} = r.{date} and l.place_key = r.place_key",
                    ["tokens"],
                )
            )
    if frame is not None:
        limit = MAX_PAIRS_PER_RECORD * len(frame)
        for column in fields.extras:
            if equal_pairs(frame, [column]) <= limit:
                rules.append((f"l.{column} = r.{column}", None))
        for where in ("place_key", "birth_place") if date else ():
            if fields.has(where) and equal_pairs(frame, [date, where]) <= limit:
                rules.append((f"l.{date} = r.{date} and l.{where} = r.{where}", None))
    return [
        {"blocking_rule": sql, "sql_dialect": "duckdb", "arrays_to_explode": explode}
        for sql, explode in rules
    ]


def equal_pairs(frame: pd.DataFrame, columns: list[str]) -> int:
    """How many pairs agree on every one of `columns` (none missing)."""
    sizes = frame.dropna(subset=columns).groupby(columns, sort=False).size()
    return int((sizes * (sizes - 1) // 2).sum())


def blocked_pairs(frame: pd.DataFrame, rules: list[dict]) -> pd.DataFrame:
    """Distinct (unique_id_l, unique_id_r) pairs, l < r, that any rule generates."""
    return pd.concat(
        [rule_pairs(frame, rule) for rule in rules], ignore_index=True
    ).drop_duplicates(ignore_index=True)


def rule_pairs(frame: pd.DataFrame, rule: dict) -> pd.DataFrame:
    """The pairs one rule generates (an exploding rule is joined on its exploded values)."""
    con = duckdb.connect()
    try:
        columns = [c for c in frame.columns if c == "unique_id" or f".{c}" in rule["blocking_rule"]]
        explode = rule.get("arrays_to_explode") or []
        select = ", ".join(f"unnest({c}) as {c}" if c in explode else c for c in columns)
        con.register("frame", frame[columns])
        return con.execute(
            f"with records as (select {select} from frame) "
            "select distinct l.unique_id as unique_id_l, r.unique_id as unique_id_r "
            f"from records l join records r on ({rule['blocking_rule']}) "
            "and l.unique_id < r.unique_id"
        ).df()
    finally:
        con.close()
