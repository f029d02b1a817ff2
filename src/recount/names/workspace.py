"""The names stage over a workspace: `records` in, `normalized` out (docs/architecture.md)."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor

import numpy as np
import pandas as pd
import pyarrow as pa

from recount.errors import WorkspaceError
from recount.names.arabic import has_arabic
from recount.names.burmese import has_burmese
from recount.names.cyrillic import has_cyrillic
from recount.names.dates import date_flags
from recount.names.equivalents import NO_EQUIVALENTS, NameEquivalents, keying
from recount.names.ethiopic import has_ethiopic
from recount.names.keys import (
    ARABIC_KEYS,
    AUTO_KEYS,
    BURMESE_KEYS,
    CYRILLIC_KEYS,
    ETHIOPIC_KEYS,
    SCRIPT_SHARE,
    SPELLING_KEYS,
    listed_token,
)
from recount.names.lexicon import load_lexicon
from recount.names.order import name_leads
from recount.names.parts import (
    NameParts,
    comma_family_in_capitals,
    order_marked,
    parts_from_fields,
    split_name,
)
from recount.names.places import coarser_parts, resolve_place
from recount.reference import NO_PACK, CountryPack, workspace_pack
from recount.settings import NAME_FIELDS, NAME_PARTS, NamesSettings
from recount.tables import TABLES

NORMALIZED_SCHEMA = TABLES["normalized"].schema
_RECORD_COLUMNS = (
    "record_id", "source_id", *NAME_FIELDS, "governorate", "governorate_raw", "place",
    "date_of_death", "date_precision", "date_of_death_raw", "sex",
)  # fmt: skip
PARTS = ("given", "father", "grandfather", "family")


def normalize_workspace(ws) -> pd.DataFrame:
    """Write `normalized` (one row per record) and return a per-source summary."""
    if not ws.has_table("records"):
        raise WorkspaceError(f"{ws.root}: no `records` table yet; run `recount ingest` first")
    available = set(ws.query("select * from records limit 0").columns)
    select = ", ".join(f'"{c}"' if c in available else f'null as "{c}"' for c in _RECORD_COLUMNS)
    records = ws.query(f"select {select} from records order by record_id")
    pack = workspace_pack(ws)
    table = normalize_records(
        records,
        earliest=ws.config.names.earliest_date,
        key_style=key_style_setting(ws.config.names.latin_keys, pack),
        pack=pack,
        declared=ws.config.names.equivalents,
    )
    ws.write_table("normalized", table)
    return summarize(table.to_pandas())


def key_style_setting(value: str, pack: CountryPack = NO_PACK) -> str:
    """`[names] latin_keys` (auto, arabic, spelling or ethiopic): how Latin names are keyed.

    `auto` with a country pack whose names are written in Arabic script (SY)
    reads every Latin name as a transliteration of Arabic; with one whose names
    are written in Cyrillic (UA), every Latin name by its spelling, through the
    pack's name equivalents (a Slavic name is no transliteration of Arabic).
    """
    if value == AUTO_KEYS and "arabic" in pack.names.scripts:
        return ARABIC_KEYS
    if value == AUTO_KEYS and "cyrillic" in pack.names.scripts:
        return SPELLING_KEYS
    return value


def workspace_name_style(ws) -> str:
    """How `recount normalize` keys this workspace's Latin names: its setting and pack, and
    with `auto`, the share of its records' names written in Arabic script."""
    setting = key_style_setting(ws.config.names.latin_keys, workspace_pack(ws))
    if setting != AUTO_KEYS or not ws.has_table("records"):
        return setting
    available = set(ws.query("select * from records limit 0").columns)
    columns = ("name", *NAME_PARTS)
    select = ", ".join(f'"{c}"' if c in available else f'null as "{c}"' for c in columns)
    return workspace_key_style(ws.query(f"select {select} from records"), setting)


def workspace_key_style(frame: pd.DataFrame, setting: str = AUTO_KEYS) -> str:
    """The key style for a whole workspace: the setting, or `arabic` where Arabic script is
    common, `burmese` where Burmese script is (its Latin names are romanised Burmese
    syllables, honorifics in front), `ethiopic` where Ge'ez is (its Latin names are romanised
    Tigrinya or Amharic names, vowels spelt many ways), `cyrillic` where Cyrillic is (its Latin
    names are romanised Ukrainian or Russian names, in whichever system)."""
    if setting != AUTO_KEYS:
        return setting
    names = pd.concat([frame[c].dropna() for c in ("name", *NAME_PARTS)], ignore_index=True)
    if names.empty:
        return AUTO_KEYS
    distinct = names.drop_duplicates()
    counts = names.value_counts()

    def share(has_script) -> float:
        return counts[distinct[distinct.map(has_script).to_numpy()]].sum() / counts.sum()

    for has_script, style in (
        (has_burmese, BURMESE_KEYS),
        (has_arabic, ARABIC_KEYS),
        (has_ethiopic, ETHIOPIC_KEYS),
        (has_cyrillic, CYRILLIC_KEYS),
    ):
        if share(has_script) >= SCRIPT_SHARE:
            return style
    return AUTO_KEYS


def normalize_records(
    records: pd.DataFrame,
    earliest: dt.date | None = NamesSettings.earliest_date,
    workers: int | None = None,
    key_style: str = AUTO_KEYS,
    pack: CountryPack = NO_PACK,
    declared: tuple[tuple[str, ...], ...] = NamesSettings.equivalents,
) -> pa.Table:
    """The `normalized` rows for a frame of `records` (missing columns count as empty).

    Latin names are keyed as `key_style` says (`workspace_key_style`); places
    are mapped to admin units through the country `pack` only (none without one). Given
    names the user `declared` one name (`[names] equivalents`) are keyed as one.

    Names, places and dates repeat heavily across records, so each distinct
    combination is normalised once and the results are spread back with
    Arrow's `take`; dates are flagged column-wise. Many distinct names are
    split across `workers` processes (default: one per core).
    """
    frame = pd.DataFrame({c: _text_column(records, c) for c in _TEXT_COLUMNS})
    out: dict[str, pa.Array] = {
        "record_id": pa.array(frame["record_id"], pa.string()),
        "source_id": pa.array(frame["source_id"], pa.string()),
    }
    style, equivalents = keying(workspace_key_style(frame, key_style), pack, declared)
    frame["capitals"] = capitals_mark_family(frame).map({True: "1", False: None})
    codes, distinct = _distinct(frame, ("name", "name_latin", *NAME_PARTS, "capitals"))
    rows = _name_rows(distinct, workers, style, equivalents)
    codes, turns = _surnames_first(frame, codes, distinct, rows, style, equivalents)
    out["name_turn"] = pa.array(turns, NORMALIZED_SCHEMA.field("name_turn").type)
    for j, field in enumerate(NAME_OUTPUT):
        out[field] = _spread([row[j] for row in rows], codes, NORMALIZED_SCHEMA.field(field).type)
    codes, distinct = _distinct(frame, ("governorate", "governorate_raw", "place"))
    burmese = style == BURMESE_KEYS
    places = {v[2] for v in distinct if v[2]}
    coarser = coarser_parts(places, burmese) if pack.code is None else frozenset()
    rows = [_place(*values, pack, coarser, burmese) for values in distinct]
    for j, field in enumerate(
        ("governorate", "governorate_inferred", "place_key", "place_is_unit", "unit_written")
    ):
        out[field] = _spread([row[j] for row in rows], codes, NORMALIZED_SCHEMA.field(field).type)
    dates = _dates(records)
    out["date_of_death"] = pa.array(dates.dt.date.where(dates.notna(), None), pa.date32())
    out["date_precision"] = pa.array(frame["date_precision"], pa.string())
    out["date_flag"] = pa.array(
        date_flags(dates, frame["date_precision"], frame["date_of_death_raw"], earliest),
        pa.string(),
    )
    return pa.Table.from_pydict(
        {f.name: out[f.name] for f in NORMALIZED_SCHEMA}, schema=NORMALIZED_SCHEMA
    )


NAME_OUTPUT = (
    "script", "given_key", "father_key", "grandfather_key", "family_key", "given_norm",
    "father_norm", "grandfather_norm", "family_norm", "name_key", "name_tokens",
    "name_tokens_listed", "name_forms", "kunya", "identifiable", "unidentified_reason", "relation", "relation_anchor_key",
)  # fmt: skip
_TEXT_COLUMNS = tuple(c for c in _RECORD_COLUMNS if c != "date_of_death")
_SEPARATOR = "\x1f"  # unit separator: never in a name
# `capitals_mark_family`: the share of a list's names with a comma written 'FAMILY, Given'
# in capitals, and the fewest such names, for the list to mark family names so
CAPITALS_SHARE = 0.5
CAPITALS_MIN_NAMES = 20
_MISSING = "\x1e"  # record separator: stands for a missing value


def capitals_mark_family(frame: pd.DataFrame) -> pd.Series:
    """Per record: whether its list writes the family name before a comma in capitals, learnt
    from the list's own names (at least `CAPITALS_SHARE` of its names with a comma, from
    `CAPITALS_MIN_NAMES`). Such a list that also writes 'Aisha, Fadi Farhat' writes that name
    given-first (`parts.split_name`); a list writing 'Farhat, Aisha' throughout does not mark
    the family name, and a comma there still follows it. On the mixed regime, 30% of one
    list's comma names were 'Given, Father Family': read family-first, the given-name guard
    kept their records apart from every other list's."""
    texts = frame["name"].where(frame["name"].fillna("").str.contains("[,،]"), frame["name_latin"])
    capitals = texts.map(comma_family_in_capitals, na_action="ignore")
    known = capitals.notna()
    counts = known.groupby(frame["source_id"]).sum()
    share = (capitals.where(known, False).astype(bool).groupby(frame["source_id"]).sum()) / counts
    marked = share[(counts >= CAPITALS_MIN_NAMES) & (share >= CAPITALS_SHARE)].index
    return frame["source_id"].isin(marked)


def _text_column(frame: pd.DataFrame, name: str) -> pd.Series:
    """A column as text with blanks as missing; a missing column is all missing."""
    if name not in frame.columns:
        return pd.Series([None] * len(frame), dtype=object)
    values = frame[name].astype(object).where(frame[name].notna(), None)
    if values.map(lambda v: isinstance(v, str), na_action="ignore").all():
        for control in (_SEPARATOR, _MISSING):
            values = values.str.replace(control, " ", regex=False)
        values = values.where(values.str.strip().ne(""), None)
    else:
        values = values.map(lambda v: None if v is None else str(v).strip() or None)
    return values.reset_index(drop=True)


def _distinct(frame: pd.DataFrame, columns: tuple[str, ...]) -> tuple[np.ndarray, list[tuple]]:
    """Codes per record and the distinct value tuples of the given columns."""
    combined = frame[columns[0]].fillna(_MISSING)
    for column in columns[1:]:
        combined = combined + _SEPARATOR + frame[column].fillna(_MISSING)
    codes, uniques = pd.factorize(combined)
    distinct = [tuple(None if v == _MISSING else v for v in u.split(_SEPARATOR)) for u in uniques]
    return codes, distinct


def _spread(values: list, codes: np.ndarray, type_: pa.DataType) -> pa.Array:
    return pa.array(values, type_).take(pa.array(codes, pa.int64()))


def _dates(records: pd.DataFrame) -> pd.Series:
    if "date_of_death" not in records.columns:
        return pd.Series(pd.NaT, index=range(len(records)), dtype="datetime64[ns]")
    return pd.to_datetime(records["date_of_death"], errors="coerce").reset_index(drop=True)


PARALLEL_FROM = (
    50_000  # distinct name combinations; below this a process pool costs more than it saves
)


def _name_rows(
    distinct: list[tuple],
    workers: int | None,
    style: str = AUTO_KEYS,
    equivalents: NameEquivalents = NO_EQUIVALENTS,
) -> list[tuple]:
    """Name columns per distinct combination, in forked worker processes when there are many.

    Forking (Linux) lets workers start with the lexicon loaded and needs no
    `__main__` guard in the caller's script; elsewhere the work stays in-process.
    """
    workers = workers or os.cpu_count() or 1
    forking = "fork" in multiprocessing.get_all_start_methods()
    if workers < 2 or len(distinct) < PARALLEL_FROM or not forking:
        return _name_rows_chunk(distinct, style, equivalents)
    size = -(-len(distinct) // (2 * workers))
    chunks = [distinct[i : i + size] for i in range(0, len(distinct), size)]
    load_lexicon()
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        rows = pool.map(
            _name_rows_chunk, chunks, [style] * len(chunks), [equivalents] * len(chunks)
        )
        return [row for chunk in rows for row in chunk]


def _surnames_first(
    frame: pd.DataFrame,
    codes: np.ndarray,
    distinct: list[tuple],
    rows: list[tuple],
    style: str,
    equivalents: NameEquivalents,
) -> tuple[np.ndarray, np.ndarray]:
    """The codes with the names learnt to be written surnames or family name first
    (`names.order`: per list, then per name) read again turned round, their rows appended to
    `rows`; and per record the words moved (0: read as written), the `name_turn` kept."""
    written = [rows[c][-1] for c in codes]
    marked = [
        order_marked(values[0] if values[0] is not None else values[1]) for values in distinct
    ]
    leads = np.asarray(
        name_leads(
            frame["source_id"].tolist(),
            written,
            frame["sex"].tolist(),
            [marked[c] for c in codes],
        ),
        dtype=np.int64,
    )
    codes = codes.copy()
    applied = np.zeros(len(codes), dtype=np.int64)
    turned: dict[tuple[int, int], int] = {}
    for i in np.flatnonzero(leads):
        values = distinct[codes[i]]
        if values[:2] == (None, None) or any(v is not None for v in values[2:6]):
            continue  # no free-text name, or the list gives the parts in their own columns
        key = (int(codes[i]), int(leads[i]))
        if key not in turned:
            turned[key] = len(rows)
            rows.append(_name_row(*values, style, equivalents, int(leads[i])))
        codes[i] = turned[key]
        applied[i] = leads[i]
    return codes, applied


def _name_rows_chunk(
    distinct: list[tuple], style: str = AUTO_KEYS, equivalents: NameEquivalents = NO_EQUIVALENTS
) -> list[tuple]:
    return [_name_row(*values, style=style, equivalents=equivalents) for values in distinct]


def _name_row(
    name,
    latin,
    given,
    father,
    grandfather,
    family,
    capitals=None,
    style: str = AUTO_KEYS,
    equivalents: NameEquivalents = NO_EQUIVALENTS,
    surnames_first: int = 0,
) -> tuple:
    """The name columns of `normalized` for one distinct combination of name fields
    (`capitals`: the record's list marks family names in capitals, `capitals_mark_family`),
    then the primary form's token keys in the order read (`names.order` learns from them)."""
    forms = _name_forms(
        name,
        latin,
        (given, father, grandfather, family),
        style,
        equivalents,
        bool(capitals),
        surnames_first,
    )
    primary = _primary(forms)
    keyed = _keyed(forms, primary)
    keys = [getattr(keyed, p) if keyed.identifiable else None for p in PARTS]
    norms = [getattr(primary, p) if primary.identifiable else None for p in PARTS]
    kunya = next((f.kunya for f in forms if f.kunya is not None), None)
    return (
        _script(forms),
        *[t.key if t else None for t in keys],
        *[t.text if t else None for t in norms],
        (keyed.key or None) if keyed.identifiable else None,
        sorted({t.key for f in forms for t in (*f.tokens, *f.aliases) if t.key}),
        sorted({t.key for f in forms for t in f.tokens if t.key and listed_token(t.text)}),
        _unique(form for f in forms if f.identifiable and (form := f.form)),
        kunya.key if kunya else None,
        primary.identifiable,
        primary.unidentified_reason,
        primary.relation,
        primary.relation_anchor_key,
        _turnable(primary),
    )


def _turnable(parts: NameParts) -> tuple[str, ...]:
    """The name's word keys in the order read, for `names.order`; none where a word has no
    key or is a kunya (turning it would count words wrongly)."""
    if not parts.identifiable or any(not t.key or t.kind != "name" for t in parts.tokens):
        return ()
    return tuple(t.key for t in parts.tokens)


def _name_forms(
    name,
    latin,
    fields,
    style: str = AUTO_KEYS,
    equivalents: NameEquivalents = NO_EQUIVALENTS,
    capitals: bool = False,
    surnames_first: int = 0,
) -> list[NameParts]:
    """Every form of the name the record carries: separate parts first, then full names
    (`surnames_first`: of the name as its list writes it, `split_name`)."""
    forms = []
    if any(f is not None for f in fields):
        values = (None if f is None else str(f) for f in fields)
        forms.append(parts_from_fields(*values, style, equivalents))
    texts = [text for text in (name, latin) if text is not None]
    for i, text in enumerate(texts):
        turn = surnames_first if i == 0 else 0  # the form `names.order` learnt from
        forms.append(split_name(str(text), style, equivalents, capitals, turn))
    return forms or [split_name(None)]


def _primary(forms: list[NameParts]) -> NameParts:
    """The first identifiable form, else the first form (its reason explains why)."""
    return next((f for f in forms if f.identifiable), forms[0])


def _keyed(forms: list[NameParts], primary: NameParts) -> NameParts:
    """The form whose keys represent the record: Arabic script when there is one (keys are exact there)."""
    if not primary.identifiable:
        return primary
    arabic = [f for f in forms if f.identifiable and f.script == "arabic"]
    if arabic and primary.script != "arabic":
        return _fill(arabic[0], primary)
    return primary


def _fill(preferred: NameParts, other: NameParts) -> NameParts:
    """`preferred`'s parts, with the parts it lacks taken from `other`."""
    values = {p: getattr(preferred, p) or getattr(other, p) for p in PARTS}
    return NameParts(**values, tokens=preferred.tokens, script=preferred.script)


def _script(forms: list[NameParts]) -> str | None:
    scripts = {f.script for f in forms if f.identifiable or f.relation}
    if not scripts:
        return None
    return "both" if len(scripts) > 1 else scripts.pop()


def _unique(values) -> list[str]:
    seen: dict[str, None] = {}
    for v in values:
        seen.setdefault(v, None)
    return list(seen)


def _place(
    governorate, governorate_raw, place, pack, coarser=frozenset(), burmese=False
) -> tuple[str | None, bool, str | None, bool | None, str | None]:
    """governorate, whether inferred, place key, whether the place is only a unit, and the
    key of the unit as written where the list gives no code."""
    resolved = resolve_place(str(place), pack, coarser, burmese) if place is not None else None
    place_key = resolved.place_key if resolved else None
    unit_only = resolved.unit_only if place_key else None
    if governorate is not None:
        return str(governorate), False, place_key, unit_only, None
    written = None
    if governorate_raw is not None and str(governorate_raw).strip():
        written = resolve_place(str(governorate_raw)).place_key or None
    for text in (governorate_raw, place):
        if text is not None:
            inferred = resolve_place(str(text), pack).governorate
            if inferred:
                return inferred, True, place_key, unit_only, written
    return None, False, place_key, unit_only, written


def summarize(normalized: pd.DataFrame) -> pd.DataFrame:
    """Per source: records, identifiable, unidentified by reason, inferred governorates, records
    with no governorate, flagged dates."""
    frame = normalized.assign(
        unknown_name=normalized["unidentified_reason"].eq("unknown_name"),
        no_name=normalized["unidentified_reason"].eq("no_name"),
        relational=normalized["unidentified_reason"].eq("relational"),
        no_governorate=normalized["governorate"].isna(),
        date_flagged=normalized["date_flag"].notna(),
    )
    summary = frame.groupby("source_id", dropna=False).agg(
        records=("record_id", "size"),
        identifiable=("identifiable", "sum"),
        no_name=("no_name", "sum"),
        unknown_name=("unknown_name", "sum"),
        relational=("relational", "sum"),
        governorate_inferred=("governorate_inferred", "sum"),
        no_governorate=("no_governorate", "sum"),
        date_flagged=("date_flagged", "sum"),
    )
    return summary.reset_index()
