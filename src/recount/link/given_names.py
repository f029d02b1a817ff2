"""Given names the lists write in two forms, learnt from records alike in everything else.

Lists of one country in two languages name one man Jean and Yohana, Pierre and Petro (DR
Congo's parish list writes the Swahili form, the others the French). No country pack holds such
names and a user may not know them (`[names] equivalents`); the given-name guard then takes one
person's two records for relatives, and each half counts as someone only one list saw (people
on one list +32% on the DR Congo lists, note 168).

Learnt from the records at hand, with no language assumed. Pairs of records that hold the same
other names (family name, postnom, father's name), or one of which holds only some of the
other's (lists drop a postnom or a second surname: identical other names alone gave 113 pairs
and 2 forms on a Guatemala-like seed, note 220), die within a week (in the same month where a
record gives only the month), agree on every other field both give (sex, year of birth within a
year, place, admin unit) and have a year of birth or a place to agree on, but hold different
given names, are mostly one person written two ways; the rest are namesakes and brothers
killed together, whose given names are drawn as anyone's. A pair of given names (x, y) is taken
as one name where three things hold:

- its count among such pairs is beyond chance (Poisson tail below `CHANCE`, over every pair of
  names tested) under both readings of chance: x and y drawn at their shares of the records of
  the pair's sex, and at their shares of such pairs (a name merely common among them);
- it holds at least `SHARE` of the rarer name's such pairs: a name's other form is one name,
  while a brother's name is any of many;
- at least `MIN_PAIRS` such pairs show it.

Pairs that share a name form a group, keyed as one; a group two of whose names meet as often as
chance says (two people) is dropped (`consistent`).
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass

import duckdb
import numpy as np
import pandas as pd
from scipy.stats import poisson

from recount.link.spellings import CHANCE

# Least share of the rarer name's pairs that a learnt pair must hold, and least pairs.
SHARE = 0.5
MIN_PAIRS = 3
# A pair of names met this likely by chance alone is two names (`consistent`).
TWO_NAMES = 0.05
# Dates of death this many days apart still agree (lists shift a date by a day or two).
DAYS_APART = 7
UNKNOWN_SEX = "?"
# A record whose rarest other name more records than this hold in its month is compared with
# none (a common family name alone at a million records: namesakes), which bounds the pairs
# compared to this many per record.
MAX_ALIKE = 100
# The link input's columns that hold name keys joined by spaces (besides its lists of keys).
KEY_TEXTS = (
    "given_key", "father_key", "grandfather_key", "family_key", "name_key", "relation_anchor_key",
)  # fmt: skip

PAIRS_SQL = f"""
with keyed as (
    select row, unnest(rest_list) as t, dod_month from alike
),
pairs as (
    select l.*, r.given_key as r_given, r.sex as r_sex, r.dod_day as r_day,
        r.date_precision as r_precision, r.birth_year as r_born, r.place_key as r_place,
        r.governorate as r_area
    from alike l
    join keyed k on k.t = l.key_token and k.dod_month = l.dod_month and k.row <> l.row
    join alike r on r.row = k.row
    where list_has_all(r.rest_list, l.rest_list)
      and (len(l.rest_list) < len(r.rest_list) or l.row < r.row)
)
select distinct rest, dod_month, least(given_key, r_given) as x,
    greatest(given_key, r_given) as y, coalesce(sex, r_sex, '{UNKNOWN_SEX}') as sex
from pairs
where given_key <> r_given
  and (sex is null or r_sex is null or sex = r_sex)
  and (date_precision <> 'day' or r_precision <> 'day' or abs(dod_day - r_day) <= {DAYS_APART})
  and (birth_year is null or r_born is null or abs(birth_year - r_born) <= 1)
  and (place_key is null or r_place is null or place_key = r_place)
  and (governorate is null or r_area is null or governorate = r_area)
  and ((birth_year is not null and r_born is not null)
       or (place_key is not null and r_place is not null))
"""


@dataclass(frozen=True)
class LearntName:
    """Two given-name keys taken as one name, with the evidence: how many people or families
    (pairs of records alike in everything else, once per other names and month) hold them, and
    how many chance would give."""

    names: tuple[str, str]
    pairs: int
    expected: float


def alike_pairs(frame: pd.DataFrame) -> pd.DataFrame:
    """The given names (x, y), sex and shorter other names (`rest`) of each pair of records of
    `frame` (the link input) alike in everything but their given names (module docstring)."""
    columns = ["given_key", "sex", "dod_day", "dod_month", "date_precision", "birth_year"]
    columns += ["place_key", "governorate"]
    usable = (
        frame["reason"].isna()
        & frame["given_key"].notna()
        & frame["dod_day"].notna()
        & frame["date_precision"].isin(["day", "month"])
    )
    records = frame.loc[usable, columns].copy()
    records["rest_list"] = [
        sorted(set(tokens) - {given}) if given in tokens else []
        for tokens, given in zip(frame.loc[usable, "tokens"], records["given_key"], strict=True)
    ]
    records = records[records["rest_list"].map(len) > 0].reset_index(drop=True)
    if records.empty:  # no record holds another name beside its given name
        return pd.DataFrame(columns=["rest", "dod_month", "x", "y", "sex"])
    records["rest"] = records["rest_list"].map(" ".join)
    # each record is joined to those holding its rarest other name in its month; a name more
    # than MAX_ALIKE records hold there finds namesakes, not one person (no key then)
    held = records[["rest_list", "dod_month"]].explode("rest_list")
    held["held_by"] = held["rest_list"].map(held["rest_list"].value_counts())
    rarest = held.sort_values(["held_by", "rest_list"], kind="stable")
    records["key_token"] = rarest.loc[~rarest.index.duplicated(), "rest_list"]
    crowd = held.groupby(["rest_list", "dod_month"]).size()
    keyed = pd.MultiIndex.from_arrays([records["key_token"], records["dod_month"]])
    records.loc[crowd.reindex(keyed).to_numpy() > MAX_ALIKE, "key_token"] = None
    records["row"] = np.arange(len(records))
    con = duckdb.connect()
    try:
        con.register("alike", records)
        return con.execute(PAIRS_SQL).df()
    finally:
        con.close()


def learn_given_names(frame: pd.DataFrame) -> list[LearntName]:
    """Pairs of given-name keys that are one name, learnt from `frame` (the link input), the
    most pairs first."""
    pairs = alike_pairs(frame)
    if pairs.empty:
        return []
    # one family or person on four lists makes up to sixteen pairs of records: count it once
    # (the query keeps one row per sex it reads for them)
    pairs = pairs.drop_duplicates(["rest", "dod_month", "x", "y"])
    counts = pairs.groupby(["x", "y"]).size()
    by_records = pd.Series(0.0, index=counts.index)
    by_pairs = pd.Series(0.0, index=counts.index)
    records = frame.loc[frame["reason"].isna() & frame["given_key"].notna()]
    for sex, group in pairs.groupby("sex"):
        same_sex = records if sex == UNKNOWN_SEX else records[records["sex"] == sex]
        share = same_sex["given_key"].value_counts(normalize=True)
        # namesakes never differ by drawing one name twice: their pairs are the rest
        differ = max(1.0 - float((share**2).sum()), 1e-9)
        in_pairs = pd.concat([group["x"], group["y"]]).value_counts() / (2 * len(group))
        seen = group.groupby(["x", "y"]).size().index
        x, y = seen.get_level_values(0), seen.get_level_values(1)
        at_share = share.reindex(x, fill_value=0).to_numpy() * share.reindex(y, fill_value=0)
        by_records[seen] += 2 * len(group) * at_share.to_numpy() / differ
        by_pairs[seen] += 2 * len(group) * in_pairs[x].to_numpy() * in_pairs[y].to_numpy()
    expected = np.maximum(by_records, by_pairs)
    chance = poisson.sf(counts - 1, expected)
    beyond = chance * len(counts) < CHANCE
    held = pd.concat([pairs["x"], pairs["y"]]).value_counts()
    rarer = np.minimum(
        held[counts.index.get_level_values(0)].to_numpy(),
        held[counts.index.get_level_values(1)].to_numpy(),
    )
    taken = beyond & (counts.to_numpy() >= SHARE * rarer) & (counts >= MIN_PAIRS)
    learnt = [
        LearntName((x, y), int(n), float(e))
        for (x, y), n, e in zip(counts.index[taken], counts[taken], expected[taken], strict=True)
    ]
    apart = set(counts.index[chance >= TWO_NAMES])
    return sorted(consistent(learnt, apart), key=lambda name: (-name.pairs, name.names))


def consistent(learnt: list[LearntName], apart: set[tuple[str, str]]) -> list[LearntName]:
    """The learnt pairs whose group (pairs that share a name join) holds no two names seen as
    two people (`apart`: pairs met as often as chance says). A list that writes 'Inconnu'
    or 'Baby' for any given name pairs it with Jean and with Pierre, who meet as namesakes:
    that group is no name."""
    groups = _components([n.names for n in learnt])
    broken = {groups[x] for x, y in apart if x in groups and groups.get(y) == groups[x]}
    return [n for n in learnt if groups[n.names[0]] not in broken]


def _components(pairs: list[tuple[str, str]]) -> dict[str, str]:
    """Each name of `pairs` -> its group's root (pairs that share a name join)."""
    parent: dict[str, str] = {}

    def find(name: str) -> str:
        parent.setdefault(name, name)
        while parent[name] != name:
            name = parent[name]
        return name

    for a, b in pairs:
        parent[find(a)] = find(b)
    return {name: find(name) for name in list(parent)}


def name_groups(learnt: list[LearntName], frame: pd.DataFrame) -> dict[str, str]:
    """Each learnt name -> its group's key: the group's name on the most records of `frame`
    (pairs that share a name are one group)."""
    members = defaultdict(list)
    for name, root in _components([n.names for n in learnt]).items():
        members[root].append(name)
    counts = frame["given_key"].value_counts()
    canonical = {}
    for group in members.values():
        into = max(sorted(group), key=lambda name: counts.get(name, 0))
        canonical.update(dict.fromkeys(group, into))
    return {name: into for name, into in canonical.items() if name != into}


def with_learnt_names(frame: pd.DataFrame, canonical: dict[str, str]) -> pd.DataFrame:
    """`frame` (the link input) with every name key `canonical` maps keyed as its group."""
    if not canonical:
        return frame
    out = frame.copy()

    def key_list(keys, order=sorted):
        if not isinstance(keys, list | tuple | np.ndarray):
            return keys  # no name
        return order(dict.fromkeys(canonical.get(k, k) for k in keys))

    def key_text(text):
        if not isinstance(text, str):
            return text
        return " ".join(canonical.get(k, k) for k in text.split(" "))

    out["tokens"] = out["tokens"].map(key_list).astype(object)  # sorted, as prepare's SQL does
    if "listed_tokens" in out.columns:
        out["listed_tokens"] = out["listed_tokens"].map(lambda k: key_list(k, list)).astype(object)
    for column in KEY_TEXTS:
        if column in out.columns:
            out[column] = out[column].map(key_text)
    if "token_set" in out.columns:
        out["token_set"] = [
            " ".join(tokens) if isinstance(tokens, list) and tokens else None
            for tokens in out["tokens"]
        ]
        out["token_count"] = out["tokens"].map(lambda t: len(t) if isinstance(t, list) else 0)
    return out


def suggestion(learnt: list[LearntName], frame: pd.DataFrame) -> str:
    """The learnt groups as TOML to paste under `[names]` (`equivalents = [...]`), each group's
    evidence in a comment above: what a user checks before declaring them."""
    canonical = name_groups(learnt, frame)
    groups: dict[str, list[str]] = defaultdict(list)
    for name, into in sorted(canonical.items()):
        groups[into].append(name)
    lines = [
        "# Given names that pairs of records alike in everything else (other names, date and",
        "# place of death, year of birth, sex) hold far more often than chance says.",
        "# Check each group; paste the line under [names] to key them as one in normalize.",
    ]
    for learnt_name in learnt:
        x, y = learnt_name.names
        lines.append(
            f"# {_toml_string(x)} ~ {_toml_string(y)}: {learnt_name.pairs} such pairs "
            f"(chance: {learnt_name.expected:.2f})"
        )
    listed = [[into, *names] for into, names in sorted(groups.items())]
    body = ", ".join("[" + ", ".join(map(_toml_string, group)) + "]" for group in listed)
    return "\n".join([*lines, f"equivalents = [{body}]", ""])


def _toml_string(text: str) -> str:
    """A TOML basic string: JSON's escapes are TOML's, and TOML escapes DEL too."""
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")
