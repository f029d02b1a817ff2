"""One list's rows: the captured people as that list recorded them, errors included.

Everything is vectorised over records except the few string edits that touch a
small share of rows (typos, inverted names), which loop over those rows only.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from recount.reference.governorates import GOVERNORATES
from recount.simulate import geography as geo
from recount.simulate import spelling
from recount.simulate.lexicon import FAMILIES, FEMALE, MALE
from recount.simulate.lists import ListSpec

MONTHS = np.array(
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    dtype=object,
)
INDIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
UNKNOWN_ARABIC = np.array(["مجهول", "مجهول الهوية", "شهيد مجهول", ""], dtype=object)
UNKNOWN_LATIN = np.array(["Unknown", "unknown", "Unidentified", ""], dtype=object)
RELATION_ARABIC = {"wife": "زوجة", "son": "ابن", "daughter": "ابنة"}
RELATION_LATIN = {"wife": "wife of", "son": "son of", "daughter": "daughter of"}


@dataclass(frozen=True)
class Vocabulary:
    """Arabic forms and Latin spellings, aligned with the population's name codes."""

    given_ar: np.ndarray
    male_ar: np.ndarray
    family_ar: np.ndarray
    given_latin: np.ndarray
    given_counts: np.ndarray
    male_latin: np.ndarray
    male_counts: np.ndarray
    family_latin: np.ndarray
    family_counts: np.ndarray
    family_article: np.ndarray
    place_ar: np.ndarray
    place_latin: np.ndarray


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    male_latin, male_counts = spelling.latin_spellings(MALE)
    female_latin, female_counts = spelling.latin_spellings(FEMALE)
    width = max(male_latin.shape[1], female_latin.shape[1])
    given_latin = np.vstack([_pad(male_latin, width), _pad(female_latin, width)])
    family_latin, family_counts = spelling.latin_spellings(FAMILIES)
    places = geo.place_table()
    return Vocabulary(
        given_ar=np.vstack([spelling.arabic_forms(MALE), spelling.arabic_forms(FEMALE)]),
        male_ar=spelling.arabic_forms(MALE),
        family_ar=spelling.arabic_forms(FAMILIES),
        given_latin=given_latin,
        given_counts=np.concatenate([male_counts, female_counts]),
        male_latin=male_latin,
        male_counts=male_counts,
        family_latin=family_latin,
        family_counts=family_counts,
        family_article=FAMILIES.has_article,
        place_ar=np.asarray(places.arabic, dtype=object),
        place_latin=np.asarray(places.latin, dtype=object),
    )


def _pad(table: np.ndarray, width: int) -> np.ndarray:
    if table.shape[1] == width:
        return table
    return np.hstack([table, np.repeat(table[:, :1], width - table.shape[1], axis=1)])


def list_records(
    population: pd.DataFrame, on_list: np.ndarray, spec: ListSpec, rng: np.random.Generator
) -> pd.DataFrame:
    """The list's rows in file order: canonical fields as written, plus the true `person_id`."""
    people = np.flatnonzero(on_list)
    duplicated = people[rng.random(len(people)) < spec.capture.duplicate_rate]
    rows = np.concatenate([people, duplicated])
    p = population.iloc[rows].reset_index(drop=True)
    n = len(p)
    e = spec.errors
    s = spec.schema

    out: dict[str, object] = {"person_id": p["person_id"].to_numpy()}
    names = _names(p, spec, rng)
    unidentified = rng.random(n) < spec.capture.unidentified_rate
    names = _unidentify(names, p, unidentified, spec, rng)
    out.update(names)

    sex = p["sex"].to_numpy().copy()
    flip = rng.random(n) < e.sex_wrong
    sex[flip] = np.where(sex[flip] == "M", "F", "M")
    out["sex"] = np.where(sex == "M", s.sex_values[0], s.sex_values[1]).astype(object)
    out["sex"][rng.random(n) < e.sex_missing] = None

    age = p["age"].to_numpy().copy()
    off = rng.random(n) < e.age_off
    age[off] = np.clip(age[off] + rng.choice([-3, -2, -1, 1, 1, 2, 3], off.sum()), 0, None)
    out["age"] = pd.array(np.where(rng.random(n) < e.age_missing, -1, age), dtype="Int64")
    out["age"][out["age"] < 0] = pd.NA

    recorded_date, date_text = _dates(p["date_of_death"].to_numpy(), spec, rng)
    out["date_of_death"] = date_text

    out["governorate"] = _governorates(p["governorate_index"].to_numpy(), spec, rng)
    place_names = spelling_of_places(s.place_script)
    out["place"] = place_names[p["place_index"].to_numpy()].copy()
    out["place"][rng.random(n) < e.place_missing] = None

    if s.status_values:
        status = p["status"].to_numpy().copy()
        flip = rng.random(n) < e.status_flip
        status[flip] = np.where(status[flip] == "civilian", "combatant", "civilian")
        status[rng.random(n) < e.status_missing * 0.3] = "unknown"
        written = pd.Series(status).map(s.status_values).to_numpy(dtype=object)
        written[rng.random(n) < e.status_missing] = None
        out["status"] = written

    frame = pd.DataFrame(out)
    if s.order == "date":
        order = np.lexsort((rng.random(n), np.isnat(recorded_date), recorded_date))
    else:
        order = rng.permutation(n)
    frame = frame.iloc[order].reset_index(drop=True)
    if "record_ref" in s.columns:
        start = int(rng.integers(1, 5000))
        refs = pd.Series(np.arange(start, start + n)).astype(str).str.zfill(6)
        frame["record_ref"] = (s.ref_prefix + refs).to_numpy(dtype=object)
    frame["source_row"] = np.arange(1, n + 1)
    return frame


@lru_cache(maxsize=2)
def spelling_of_places(script: str) -> np.ndarray:
    v = vocabulary()
    return v.place_ar if script == "arabic" else v.place_latin


def _names(p: pd.DataFrame, spec: ListSpec, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """Name columns as this list writes them: full name or parts, Arabic and/or Latin."""
    v = vocabulary()
    e, s = spec.errors, spec.schema
    n = len(p)
    keep_father = rng.random(n) >= e.drop_father
    keep_grandfather = keep_father & (rng.random(n) >= e.drop_grandfather)
    codes = {k: p[k].to_numpy() for k in ("given", "father", "grandfather", "family")}
    result: dict[str, np.ndarray] = {}

    arabic_parts = latin_parts = None
    if s.script in ("arabic", "both"):
        arabic_parts = {
            "given": _arabic(v.given_ar, codes["given"], e.compound_joined, e, rng),
            "father": _arabic(v.male_ar, codes["father"], e.compound_joined, e, rng),
            "grandfather": _arabic(v.male_ar, codes["grandfather"], e.compound_joined, e, rng),
            "family": _arabic(v.family_ar, codes["family"], e.article_dropped, e, rng),
        }
        _apply_typos(arabic_parts, e.typo, spelling.arabic_typo, rng)
    if s.script in ("latin", "both"):
        latin_parts = {
            "given": _latin(v.given_latin, v.given_counts, codes["given"], e, rng),
            "father": _latin(v.male_latin, v.male_counts, codes["father"], e, rng),
            "grandfather": _latin(v.male_latin, v.male_counts, codes["grandfather"], e, rng),
            "family": _latin_family(codes["family"], spec, rng),
        }
        _apply_typos(latin_parts, e.typo, spelling.latin_typo, rng)

    for parts in (arabic_parts, latin_parts):
        if parts is None:
            continue
        parts["father"] = np.where(keep_father, parts["father"], None)
        parts["grandfather"] = np.where(keep_grandfather, parts["grandfather"], None)

    layout_parts = (
        latin_parts if s.script in ("latin", "both") and s.layout == "parts" else arabic_parts
    )
    if s.layout == "parts":
        for part in ("given", "father", "grandfather", "family"):
            if f"{part}_name" in s.columns:
                result[f"{part}_name"] = layout_parts[part]
        if s.script == "both":
            result["name"] = _join(arabic_parts)
    elif s.layout == "inverted":
        result["name"] = _inverted(latin_parts, s.uppercase_family)
    else:
        if s.script == "latin":
            result["name"] = _join(latin_parts)
        else:
            full = _join(arabic_parts)
            if e.honorific:
                full = _honorific(full, p, e.honorific, rng)
            result["name"] = full
            if s.script == "both":
                result["name_latin"] = _join(latin_parts)
    return result


def _arabic(forms: np.ndarray, codes: np.ndarray, joined_rate: float, e, rng) -> np.ndarray:
    n = len(codes)
    bits = (
        (rng.random(n) < e.hamza_dropped).astype(int)
        + 2 * (rng.random(n) < e.final_letter_variant)
        + 4 * (rng.random(n) < joined_rate)
    )
    return forms[codes, bits]


def _latin(table: np.ndarray, counts: np.ndarray, codes: np.ndarray, e, rng) -> np.ndarray:
    preferred = spelling.preferred_spellings(counts, rng)
    index = spelling.choose_spelling(codes, preferred, counts, e.spelling_consistency, rng)
    return table[codes, index]


def _latin_family(codes: np.ndarray, spec: ListSpec, rng) -> np.ndarray:
    v = vocabulary()
    base = _latin(v.family_latin, v.family_counts, codes, spec.errors, rng)
    styles = np.asarray(spelling.ARTICLE_STYLES + ("sun",), dtype=object)
    style = np.where(
        rng.random(len(codes)) < 0.85,
        spec.schema.article_style,
        styles[rng.integers(0, len(styles), len(codes))],
    )
    article = v.family_article[codes]
    out = base.copy()
    for i in np.flatnonzero(article):
        out[i] = spelling.with_article(base[i], style[i])
    return out


def _apply_typos(parts: dict[str, np.ndarray], rate: float, typo, rng) -> None:
    for key, values in parts.items():
        hit = np.flatnonzero(rng.random(len(values)) < rate)
        u, w = rng.random(len(hit)), rng.random(len(hit))
        values = values.copy()
        for k, i in enumerate(hit):
            values[i] = typo(values[i], u[k], w[k])
        parts[key] = values


def _join(parts: dict[str, np.ndarray]) -> np.ndarray:
    frame = pd.DataFrame({k: parts[k] for k in ("given", "father", "grandfather", "family")})
    joined = frame["given"].str.cat(
        [frame["father"], frame["grandfather"], frame["family"]], sep=" ", na_rep=""
    )
    return joined.str.replace(r"\s+", " ", regex=True).str.strip().to_numpy(dtype=object)


def _inverted(parts: dict[str, np.ndarray], uppercase: bool) -> np.ndarray:
    family = pd.Series(parts["family"])
    if uppercase:
        family = family.str.upper()
    rest = (
        pd.Series(parts["given"])
        .str.cat(pd.Series(parts["father"]), sep=" ", na_rep="")
        .str.strip()
    )
    return (family + ", " + rest).to_numpy(dtype=object)


def _honorific(full: np.ndarray, p: pd.DataFrame, rate: float, rng) -> np.ndarray:
    child = (p["age"] < 15).to_numpy()
    female = (p["sex"] == "F").to_numpy()
    title = np.where(
        child, np.where(female, "الطفلة ", "الطفل "), np.where(female, "الشهيدة ", "الشهيد ")
    )
    use = rng.random(len(full)) < rate
    return np.where(use, title + full, full).astype(object)


def _unidentify(names: dict, p: pd.DataFrame, mask: np.ndarray, spec: ListSpec, rng) -> dict:
    """Turns some records into ones nobody can link by name: unknown, nameless, 'wife of X'."""
    if not mask.any():
        return names
    v = vocabulary()
    rows = np.flatnonzero(mask)
    arabic = spec.schema.script != "latin"
    role = p["role"].to_numpy()[rows]
    sex = p["sex"].to_numpy()[rows]
    relation = np.where(
        role == "mother",
        "wife",
        np.where(role == "child", np.where(sex == "M", "son", "daughter"), ""),
    )
    relational = (relation != "") & (rng.random(len(rows)) < 0.6)
    # The named relative is the household's father: the mother's husband, the child's father.
    head_given = np.where(role == "mother", -1, p["father"].to_numpy()[rows])
    unknown = (UNKNOWN_ARABIC if arabic else UNKNOWN_LATIN)[rng.integers(0, 4, len(rows))]
    texts = []
    for k in range(len(rows)):
        if relational[k] and head_given[k] >= 0:
            head = v.male_ar[head_given[k], 0] if arabic else v.male_latin[head_given[k], 0]
            word = (RELATION_ARABIC if arabic else RELATION_LATIN)[relation[k]]
            texts.append(f"{word} {head}")
        else:
            texts.append(unknown[k])
    texts = np.asarray(texts, dtype=object)
    texts[texts == ""] = None
    for key in ("name", "name_latin", "given_name"):
        if key in names:
            column = names[key].copy()
            column[rows] = texts
            names[key] = column
    for key in ("father_name", "grandfather_name", "family_name"):
        if key in names:
            column = names[key].copy()
            column[rows] = None
            names[key] = column
    return names


def _dates(true_date: np.ndarray, spec: ListSpec, rng) -> tuple[np.ndarray, np.ndarray]:
    """(date as recorded, text as written) with shifts, day/month swaps and coarse precision."""
    e, style = spec.errors, spec.schema.date_style
    n = len(true_date)
    date = true_date.astype("datetime64[D]").copy()
    shift = rng.random(n) < e.date_shift
    offsets = rng.choice([-3, -2, -1, -1, 1, 1, 2, 3, -7, 7, -30, 30], shift.sum())
    date[shift] = date[shift] + offsets.astype("timedelta64[D]")
    date = np.clip(date, np.datetime64("2011-03-01"), np.datetime64("2021-12-31"))
    stamp = pd.DatetimeIndex(date)
    year, month, day = stamp.year.to_numpy(), stamp.month.to_numpy(), stamp.day.to_numpy()
    swap = (rng.random(n) < e.date_swap) & (day <= 12) & (day != month)
    month, day = np.where(swap, day, month), np.where(swap, month, day)
    u = rng.random(n)
    precision = np.where(
        u < e.year_only, "year", np.where(u < e.year_only + e.month_only, "month", "day")
    )
    y = pd.Series(year).astype(str)
    m2 = pd.Series(month).astype(str).str.zfill(2)
    d2 = pd.Series(day).astype(str).str.zfill(2)
    mon = pd.Series(MONTHS[month - 1])
    if style == "iso":
        full, by_month = y + "-" + m2 + "-" + d2, y + "-" + m2
    elif style == "mdy":
        full, by_month = m2 + "/" + d2 + "/" + y, m2 + "/" + y
    elif style == "mon":
        full, by_month = mon + " " + pd.Series(day).astype(str) + " " + y, mon + " " + y
    else:  # dmy, dmy_indic
        full, by_month = d2 + "/" + m2 + "/" + y, m2 + "/" + y
    text = np.where(precision == "day", full, np.where(precision == "month", by_month, y)).astype(
        object
    )
    if style == "dmy_indic":
        text = pd.Series(text).str.translate(INDIC_DIGITS).to_numpy(dtype=object)
    missing = rng.random(n) < e.date_missing
    text[missing] = None
    recorded = date.copy()
    recorded[missing] = np.datetime64("NaT")
    return recorded, text


@lru_cache(maxsize=1)
def _governorate_spellings() -> dict[str, list[tuple[str, ...]]]:
    by_iso = {g.iso: g for g in GOVERNORATES}
    arabic, english = [], []
    for code in geo.GOVERNORATE_CODES:
        g = by_iso[code]
        arabic.append((g.name_ar,) + tuple(x for x in g.variants if _is_arabic(x)))
        latin = [x for x in g.variants if not _is_arabic(x) and "City" not in x]
        english.append((g.name_en, *latin[:4]))
    return {"arabic": arabic, "english": english}


def _is_arabic(text: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" for ch in text)


def _governorates(index: np.ndarray, spec: ListSpec, rng) -> np.ndarray:
    e, style = spec.errors, spec.schema.governorate_style
    n = len(index)
    index = index.copy()
    wrong = rng.random(n) < e.governorate_wrong
    index[wrong] = rng.integers(0, len(geo.GOVERNORATE_CODES), wrong.sum())
    if style in ("pcode", "iso"):
        by_iso = {g.iso: g for g in GOVERNORATES}
        labels = [by_iso[c].pcode if style == "pcode" else c for c in geo.GOVERNORATE_CODES]
        text = np.asarray(labels, dtype=object)[index]
    else:
        spellings = _governorate_spellings()[style]
        house = [s[int(rng.integers(0, len(s)))] if rng.random() < 0.4 else s[0] for s in spellings]
        text = np.asarray(house, dtype=object)[index]
        vary = np.flatnonzero(rng.random(n) < 0.1)
        u = rng.random(len(vary))
        for k, i in enumerate(vary):
            options = spellings[index[i]]
            text[i] = options[int(u[k] * len(options))]
    text = text.copy()
    text[rng.random(n) < e.governorate_missing] = None
    return text
