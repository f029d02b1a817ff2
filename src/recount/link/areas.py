"""Admin units as the lists write them, where no country pack maps them.

Without a pack (or for a unit its pack does not know) a record's admin unit is empty, and
every blocking rule and comparison that uses it is lost, though two lists that both write
'Ninawa' agree on it; lists without a place column then have no area at all. Here such a
record's area is a cross-script key of the unit as written. Two keys are one unit when most
of the smaller one's confidently matched records (the same rare full name, dates within a
month) sit in the other: 'نينوى' and 'Ninawa' key differently, and the lists' own people say
they are one. A record that gives a place but no unit takes the unit that place lies in on
the records that give both, or the unit whose key its place's is ('Baghdad').
"""

from __future__ import annotations

import numpy as np
import pandas as pd

# A key written for a unit, told from an ISO 3166-2 code.
WRITTEN = "~"
# Two keys are one unit when at least this share of the smaller one's confident pairs (and at
# least MIN_PAIRS of them) cross to the other; wrong places spread a key's pairs thinly over
# every other unit (under 10% on lists by another hand).
SAME_UNIT_SHARE = 0.5
MIN_PAIRS = 5
# A place lies in a unit when at least this share of the records giving both (at least
# MIN_RECORDS) name that unit.
PLACE_SHARE = 0.8
MIN_RECORDS = 3
# Confident pairs: the same full name of at least this many names, carried by few records,
# dated within a month of each other.
CONFIDENT_TOKENS = 3
CONFIDENT_FREQ = 4
CONFIDENT_DAYS = 30


def with_written_areas(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` (the link input) with `governorate` filled where only the text gave it
    (`unit_written`, the names stage's key of the unit as written)."""
    written = WRITTEN + frame["unit_written"].dropna().astype(str)
    if written.empty and frame["place_key"].isna().all():
        return frame
    area = frame["governorate"].astype(object).where(frame["governorate"].notna())
    missing = area.isna()
    area[missing] = written.reindex(area.index)[missing]
    # only a written key can be another's spelling: a pack's codes alone need no counting
    units = _same_units(frame, area) if len(written) else {a: a for a in area.dropna().unique()}
    area = _from_places(frame, area.map(units), units)
    if area.equals(frame["governorate"]):
        return frame
    out = frame.assign(governorate=area.astype(object).where(area.notna(), None))
    gained = out["reason"].eq("no_date_or_place") & out["governorate"].notna()
    out.loc[gained, "reason"] = None
    return out


def _same_units(frame: pd.DataFrame, area: pd.Series) -> dict:
    """area -> the area it is one unit with (the key with the most records), learnt from the
    confident pairs; only written keys are read as another's spelling."""
    counts = area.value_counts()
    parent = {a: a for a in counts.index}

    def root(a):
        while parent[a] != a:
            a = parent[a]
        return a

    cross, total = _confident_area_pairs(frame, area)
    for (a, b), n in sorted(cross.items(), key=lambda item: (-item[1], item[0])):
        if not (a.startswith(WRITTEN) or b.startswith(WRITTEN)):
            continue  # two codes a pack gave are two units
        if n >= MIN_PAIRS and n >= SAME_UNIT_SHARE * min(total[a], total[b]):
            ra, rb = root(a), root(b)
            if ra != rb:
                keep, drop = sorted((ra, rb), key=lambda k: (-counts[k], k))
                parent[drop] = keep
    return {a: root(a) for a in parent}


def _confident_area_pairs(
    frame: pd.DataFrame, area: pd.Series
) -> tuple[dict[tuple[str, str], int], dict[str, int]]:
    """Pairs of records nearly surely one person, by their two areas: the count of each pair
    of different areas, and each area's count of pairs."""
    ok = (
        frame["reason"].isna()
        & (frame["token_count"] >= CONFIDENT_TOKENS)
        & (frame["token_set_freq"] <= CONFIDENT_FREQ)
        & frame["dod_day"].notna()
        & area.notna()
    )
    records = pd.DataFrame(
        {
            "row": np.flatnonzero(ok.to_numpy()),
            "token_set": frame.loc[ok, "token_set"].to_numpy(),
            "day": frame.loc[ok, "dod_day"].astype("int64").to_numpy(),
            "area": area[ok].to_numpy(),
        }
    )
    pairs = records.merge(records, on="token_set")
    pairs = pairs[
        (pairs["row_x"] < pairs["row_y"])
        & ((pairs["day_x"] - pairs["day_y"]).abs() <= CONFIDENT_DAYS)
    ]
    low = np.minimum(pairs["area_x"], pairs["area_y"])
    high = np.maximum(pairs["area_x"], pairs["area_y"])
    differ = low != high
    # each area's pairs: a pair within one area counts once, a crossing pair for both
    total = pd.concat([low, high[differ]]).value_counts().to_dict()
    cross = pd.DataFrame({"low": low[differ], "high": high[differ]}).value_counts()
    return {key: int(n) for key, n in cross.items()}, total


def _from_places(frame: pd.DataFrame, area: pd.Series, units: dict) -> pd.Series:
    """`area` with the unit of each record that gives a place but no unit: the unit its place
    lies in on the records that give both, else the unit whose key is its place's."""
    place = frame["place_key"].where(~frame["place_is_unit"].fillna(False).astype(bool))
    both = pd.DataFrame({"place": place, "area": area}).dropna()
    counts = both.value_counts().rename("n").reset_index()
    counts["share"] = counts["n"] / counts.groupby("place")["n"].transform("sum")
    lies_in = counts[(counts["share"] >= PLACE_SHARE) & (counts["n"] >= MIN_RECORDS)]
    unit_of = dict(zip(lies_in["place"], lies_in["area"], strict=True))
    named = {a.removeprefix(WRITTEN): unit for a, unit in units.items() if a.startswith(WRITTEN)}
    missing = area.isna() & frame["place_key"].notna()
    found = frame.loc[missing, "place_key"].map(lambda p: unit_of.get(p) or named.get(p))
    return area.where(~missing, found)
