"""People whose stratum is unknown take the stratum of a person documented by the same lists.

A person's year or place is unknown when none of their records gives it, which happens far
more often to a person on one list than to a person on several (each list leaves a date out
at its own rate, and one record is one chance). Kept apart, the unknown stratum is nearly all
singletons, which MSE reads as the mark of people the lists rarely reach: on another hand's
lists (docs/benchmarks.md, note 83) 162 people of unknown year were estimated at 1,143 and
lifted the sum over years by 20% of the truth, while the known years missed the people they
had lost. Missingness here depends on which lists hold a person, so each unknown value is
drawn from the people with the same capture pattern and the same known stratum values (a hot
deck; HRDAG imputes missing fields before MSE the same way, e.g. the verdata replicates).
Known values never change; a column nobody knows (no country pack: no governorate) stays
unknown, one stratum that is the whole population.

An unknown admin unit is drawn first from people whose records write the same place (a
village the country pack does not know, but that other lists write with its province): on
DRC-like lists a parish list writes villages only, the people it alone holds are mostly where
the other lists reach least, and drawn by capture pattern they went to the other province
(note 248).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

IMPUTED_PREFIX = "_imputed:"
IMPUTED_FLAG = "imputed_strata"
# The admin unit a place lies in, and the frame's column of each person's place key.
UNIT = "governorate"
PLACE = "place_key"


def imputed_column(stratum: str) -> str:
    """The marker column saying a person's `stratum` value was drawn, not read."""
    return IMPUTED_PREFIX + stratum


def impute_unknown_strata(
    frame: pd.DataFrame, strata: Sequence[str], lists: Sequence[str], seed: int
) -> pd.DataFrame:
    """`frame` (persons with their stratum columns and `in_<list>` columns) with each unknown
    stratum value drawn from a donor documented alike, and a marker column per stratum."""
    out = frame.copy()
    imputable = [s for s in strata if out[s].notna().any() and out[s].isna().any()]
    for stratum in strata:
        out[imputed_column(stratum)] = False
    if not imputable:
        return out
    captured = out[[f"in_{name}" for name in lists]].fillna(False).astype(bool).to_numpy()
    pattern = pd.Series(captured @ (1 << np.arange(len(lists), dtype=np.int64)), index=out.index)
    on_lists = pd.Series(captured.sum(axis=1), index=out.index)
    known = out[imputable].notna()
    donors = known.all(axis=1) & (on_lists > 0)
    if UNIT in imputable and PLACE in out.columns:
        _draw_unit_by_place(out, on_lists > 0, np.random.default_rng([seed, 248]))
    rng = np.random.default_rng([seed, 83])
    # Rows that lack some value, grouped by which values they know and what those are.
    known = out[imputable].notna()
    todo = out.index[~known.all(axis=1) & (on_lists > 0)]
    if not len(todo):
        return out
    masks = known.loc[todo].apply(tuple, axis=1)
    for mask, rows in todo.groupby(masks).items():
        given = [s for s, k in zip(imputable, mask, strict=True) if k]
        missing = [s for s, k in zip(imputable, mask, strict=True) if not k]
        _draw(out, rows, given, missing, donors, (pattern, on_lists), rng)
    return out


def _draw_unit_by_place(out: pd.DataFrame, seen: pd.Series, rng: np.random.Generator) -> None:
    """Fill the unknown admin unit of people whose place is known from people of the same
    place whose unit is known (read, not drawn); the other unknown values are drawn after,
    from donors of that unit."""
    has_unit = out[UNIT].notna() & seen
    wanted = out.index[out[UNIT].isna() & out[PLACE].notna() & seen]
    if not len(wanted) or not has_unit.any():
        return
    pool = out.index[has_unit.to_numpy()]
    groups = out.loc[pool, PLACE].groupby(out.loc[pool, PLACE], sort=True).groups
    for place, need in (
        out.loc[wanted, PLACE].groupby(out.loc[wanted, PLACE], sort=True).groups.items()
    ):
        source = groups.get(place)
        if source is not None:
            _fill(out, need, source, [UNIT], rng)


def person_places(places: pd.DataFrame) -> pd.Series:
    """Per person (`person_id`), the place key their records write most often (a tie: the
    first in order), from one row per record (`person_id`, `place_key`)."""
    written = places.dropna(subset=["person_id", PLACE])
    counts = written.groupby(["person_id", PLACE]).size().rename("n").reset_index()
    counts = counts.sort_values(["person_id", "n", PLACE], ascending=[True, False, True])
    return counts.drop_duplicates("person_id").set_index("person_id")[PLACE]


# The second tier of `_draw`: donors whose capture pattern holds every list of the person's.
_ON_EVERY_LIST = "on every list"


def _draw(
    out: pd.DataFrame,
    rows: pd.Index,
    given: list[str],
    missing: list[str],
    donors: pd.Series,
    likeness: tuple[pd.Series, pd.Series],
    rng: np.random.Generator,
) -> None:
    """Fill `missing` on `rows` from donors agreeing on `given`: first those with the same
    capture pattern, then those on every list the person is on, then those on as many lists,
    then any.

    A list reaches people where it works, so a person on lists that never write a place is
    where those lists work: donors who share those lists come before people on as many other
    lists (a list alone in one province that never wrote its place had its people drawn into
    the other province, where it then held people no other list shared; note 237)."""
    pattern, on_lists = likeness
    pending = rows
    for alike in (pattern, _ON_EVERY_LIST, on_lists, None):
        if not len(pending):
            return
        keys = [out[c] for c in given] + ([alike] if isinstance(alike, pd.Series) else [])
        pool = out.index[donors.to_numpy()]
        donor_key = _key([k.loc[pool] for k in keys], pool) if keys else _blank(pool)
        wanted_key = _key([k.loc[pending] for k in keys], pending) if keys else _blank(pending)
        groups = donor_key.groupby(donor_key).groups
        filled = []
        for key, need in wanted_key.groupby(wanted_key).groups.items():
            source = groups.get(key)
            if source is None:
                continue
            if alike is _ON_EVERY_LIST:
                for want, part in pattern.loc[need].groupby(pattern.loc[need]).groups.items():
                    covering = source[(pattern.loc[source].to_numpy() & want) == want]
                    if len(covering):
                        _fill(out, part, covering, missing, rng)
                        filled.extend(part)
                continue
            _fill(out, need, source, missing, rng)
            filled.extend(need)
        pending = pending.difference(pd.Index(filled))


def _fill(
    out: pd.DataFrame,
    need: pd.Index,
    source: pd.Index,
    missing: list[str],
    rng: np.random.Generator,
) -> None:
    picks = rng.choice(np.asarray(source), size=len(need))
    for column in missing:
        out.loc[need, column] = out.loc[picks, column].to_numpy()
        out.loc[need, imputed_column(column)] = True


def _blank(index: pd.Index) -> pd.Series:
    return pd.Series("", index=index)


def _key(parts: list[pd.Series], index: pd.Index) -> pd.Series:
    text = [p.astype("string").fillna("\x00") for p in parts]
    joined = text[0]
    for part in text[1:]:
        joined = joined + "\x1f" + part
    return pd.Series(joined.to_numpy(), index=index)


def imputed_people(frame: pd.DataFrame, columns: Sequence[str]) -> pd.Series:
    """Per row of `frame`: was any of `columns` imputed (False without marker columns)."""
    markers = [imputed_column(c) for c in columns if imputed_column(c) in frame.columns]
    if not markers:
        return pd.Series(False, index=frame.index)
    return frame[markers].any(axis=1)
