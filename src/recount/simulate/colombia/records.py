"""One Colombian list's rows: the captured people as that list wrote them, errors included.

Names as Spanish-speaking lists write them: given names then both surnames, or surnames
first (government style), capitals, accents dropped, the second given name or the mother's
surname left out, a wife as 'de' + her husband's surname, nicknames, particles written
several ways (de la Hoz, De La Hoz, Delahoz); places with or without their department.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from functools import lru_cache

import numpy as np
import pyarrow as pa

from recount.reference import country_pack
from recount.simulate import spelling
from recount.simulate.arrowtext import join_present
from recount.simulate.colombia import geography as geo
from recount.simulate.colombia.lexicon import FEMALE, MALE, NICKNAMES, SURNAME
from recount.simulate.lists import ListSpec
from recount.simulate.population import ROLE_CHILD, ROLE_MOTHER, Population
from recount.simulate.records import ListRows, _dates, file_rows

PERIOD = (f"{geo.FIRST_MONTH[0]}-01-01", f"{geo.LAST_MONTH[0]}-12-31")
UNKNOWN = np.array(["N.N.", "NN", "Sin identificar", "Persona no identificada", ""], dtype=object)
RELATION = {"wife": "esposa de", "son": "hijo de", "daughter": "hija de"}


def list_records(
    population: Population, on_list: np.ndarray, spec: ListSpec, rng: np.random.Generator
) -> ListRows:
    """The captured people as this list recorded them, errors included, in file order."""
    people = np.flatnonzero(on_list)
    duplicated = people[rng.random(len(people)) < spec.capture.duplicate_rate]
    rows = np.concatenate([people, duplicated])
    p = population.take(rows)
    n = len(p)
    e, s = spec.errors, spec.schema
    out: dict[str, np.ndarray] = {}
    unidentified = rng.random(n) < spec.capture.unidentified_rate
    out.update(_names(p, spec, unidentified, rng))

    male = p["male"] ^ (rng.random(n) < e.sex_wrong)
    out["sex"] = np.where(male, s.sex_values[0], s.sex_values[1]).astype(object)
    out["sex"][rng.random(n) < e.sex_missing] = None
    age = p["age"].copy()
    off = rng.random(n) < e.age_off
    age[off] = np.clip(age[off] + rng.choice([-2, -1, 1, 1, 2], off.sum()), 0, None)
    age_missing = rng.random(n) < e.age_missing

    recorded, out["date_of_death"] = _dates(p["date"], spec, rng, PERIOD)
    birth_spec = _birth_errors(spec)
    _, out["date_of_birth"] = _dates(p["birth"], birth_spec, rng, ("1880-01-01", PERIOD[1]))
    out["governorate"] = _departments(p["governorate"], spec, rng)
    out["place"] = _places(p["place"], p["governorate"], spec, rng)
    out["extra.id_number"] = _id_numbers(p, rng)
    if s.status_values:
        status = p["combatant"].astype(int) ^ (rng.random(n) < e.status_flip)
        labels = np.array(
            [s.status_values["civilian"], s.status_values["combatant"], s.status_values["unknown"]],
            dtype=object,
        )
        status[rng.random(n) < e.status_missing * 0.3] = 2
        out["status"] = labels[status]
        out["status"][rng.random(n) < e.status_missing] = None
    if unidentified.any():
        out["date_of_birth"][unidentified] = None
        out["extra.id_number"][unidentified] = None

    return file_rows(
        out, age, age_missing, recorded, p["person"], unidentified, len(people), s, rng, 7
    )


def _birth_errors(spec: ListSpec) -> ListSpec:
    """Dates of birth: missing at the list's own rate, rarely shifted, with its precisions."""
    errors = dataclasses.replace(
        spec.errors, date_missing=spec.errors.birth_missing, date_shift=0.02, date_swap=0.0
    )
    return dataclasses.replace(spec, errors=errors)


@lru_cache(maxsize=1)
def _given_spellings() -> tuple[np.ndarray, np.ndarray]:
    return _table(MALE.spellings + FEMALE.spellings)


@lru_cache(maxsize=1)
def _surname_spellings() -> tuple[np.ndarray, np.ndarray]:
    return _table(SURNAME.spellings)


def _table(spellings) -> tuple[np.ndarray, np.ndarray]:
    width = max(len(s) for s in spellings)
    table = np.array([[s[k % len(s)] for k in range(width)] for s in spellings], dtype=object)
    return table, np.array([len(s) for s in spellings])


def _spelled(codes: np.ndarray, table, counts, e, rng) -> np.ndarray:
    """The name's usual spelling, or (1 - consistency of the time) another one."""
    other = (rng.random(len(codes)) * counts[np.maximum(codes, 0)]).astype(int)
    index = np.where(rng.random(len(codes)) < e.spelling_consistency, 0, other)
    return np.where(codes >= 0, table[np.maximum(codes, 0), index], None)


def _names(p: Population, spec: ListSpec, unidentified: np.ndarray, rng) -> dict[str, np.ndarray]:
    e, s = spec.errors, spec.schema
    n = len(p)
    given_table, given_counts = _given_spellings()
    surname_table, surname_counts = _surname_spellings()
    given = _spelled(p["given"], given_table, given_counts, e, rng)
    given2 = _spelled(p["given2"], given_table, given_counts, e, rng)
    paternal = _spelled(p["paternal"], surname_table, surname_counts, e, rng)
    maternal = _spelled(p["maternal"], surname_table, surname_counts, e, rng)

    nick = rng.random(n) < e.nickname
    for i in np.flatnonzero(nick):
        options = NICKNAMES.get(given[i])
        if options:
            given[i] = options[int(rng.integers(len(options)))]
    given2 = np.where(rng.random(n) < e.drop_second_given, None, given2)
    maternal = np.where(rng.random(n) < e.drop_second_surname, None, maternal)
    married = (p["role"] == ROLE_MOTHER) & (rng.random(n) < e.married_name)
    husband = _spelled(p["husband_surname"], surname_table, surname_counts, e, rng)
    maternal = np.where(married, np.char.add("de ", husband.astype(str)).astype(object), maternal)
    paternal, maternal = _particles(paternal, rng), _particles(maternal, rng)

    parts = {"given": given, "given2": given2, "paternal": paternal, "maternal": maternal}
    for key in parts:
        parts[key] = _typos(parts[key], e.typo, rng)
    accentless = rng.random(n) < e.accents_dropped
    upper = s.uppercase_family
    for key, values in parts.items():
        parts[key] = _written(values, accentless, upper)

    given_text = _join([parts["given"], parts["given2"]])
    surnames = _join([parts["paternal"], parts["maternal"]])
    result: dict[str, np.ndarray] = {}
    if s.layout == "parts":
        result["given_name"], result["family_name"] = given_text, surnames
    else:
        result["name"] = _ordered(given_text, surnames, s, rng)
    if unidentified.any():
        written = _unidentified(p, unidentified, rng, accentless, upper)
        for key in result:
            column = result[key].copy()
            column[unidentified] = written if key in ("name", "given_name") else None
            result[key] = column
    return result


def _particles(surnames: np.ndarray, rng) -> np.ndarray:
    """de la Hoz as lists write it: de la Hoz, De La Hoz, Delahoz (one habit per record)."""
    out = surnames.copy()
    for i, name in enumerate(surnames):
        if name is None or name[:3].lower() not in ("de ", "del"):
            continue
        u = rng.random()
        if u < 0.3:
            out[i] = " ".join(w.capitalize() for w in name.split())
        elif u < 0.45:
            out[i] = "".join(name.split()).capitalize()
    return out


def _typos(values: np.ndarray, rate: float, rng) -> np.ndarray:
    hit = np.flatnonzero(rng.random(len(values)) < rate)
    out = values.copy()
    for i in hit:
        if out[i] is not None:
            out[i] = spelling.latin_typo(out[i], rng.random(), rng.random())
    return out


def _written(values: np.ndarray, accentless: np.ndarray, upper: bool) -> np.ndarray:
    out = np.array(
        [
            None if v is None else (strip_accents(v) if a else v)
            for v, a in zip(values, accentless, strict=True)
        ],
        dtype=object,
    )
    if upper:
        out = np.array([None if v is None else v.upper() for v in out], dtype=object)
    return out


def strip_accents(text: str) -> str:
    """Accents off (Pérez -> Perez) but ñ kept: that is how Colombian lists drop them."""
    kept = text.replace("ñ", "\0").replace("Ñ", "\1")
    bare = "".join(ch for ch in unicodedata.normalize("NFD", kept) if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", bare.replace("\0", "ñ").replace("\1", "Ñ"))


def _join(columns: list[np.ndarray]) -> np.ndarray:
    arrays = [pa.array(c, type=pa.string(), from_pandas=True) for c in columns]
    return join_present(arrays, " ").to_numpy(zero_copy_only=False)


def _ordered(given: np.ndarray, surnames: np.ndarray, schema, rng) -> np.ndarray:
    """Given names first, or (on the regime's share of rows) surnames first or with a comma."""
    own = _join([given, surnames])
    order, share = schema.name_order, schema.name_order_share
    if not share or order == "given_first":
        return own
    rows = rng.random(len(given)) < share
    if order in ("family_first", "family_first_bare"):
        family = surnames
        if order == "family_first_bare":
            family = np.array(
                [
                    None if f is None else "".join(f.split()) if f.lower().startswith("de") else f
                    for f in surnames
                ],
                dtype=object,
            )
        other = _join([family, given])
    elif order == "comma":
        other = np.array(
            [f"{s}, {g}" if s and g else s or g for g, s in zip(given, surnames, strict=True)],
            dtype=object,
        )
    else:  # comma_given
        other = np.array(
            [f"{g}, {s}" if s and g else s or g for g, s in zip(given, surnames, strict=True)],
            dtype=object,
        )
    return np.where(rows, other, own)


def _unidentified(p: Population, rows: np.ndarray, rng, accentless, upper) -> np.ndarray:
    """N.N., 'Sin identificar', or (for a mother or child, 60%) 'esposa de Juan Pérez'."""
    index = np.flatnonzero(rows)
    role, male = p["role"][index], p["male"][index]
    out = np.empty(len(index), dtype=object)
    for k, i in enumerate(index):
        relation = (
            "wife"
            if role[k] == ROLE_MOTHER
            else ("son" if male[k] else "daughter")
            if role[k] == ROLE_CHILD
            else None
        )
        if relation and rng.random() < 0.6:
            father = MALE.names[p["husband"][i]]
            text = f"{RELATION[relation]} {father} {SURNAME.names[p['husband_surname'][i]]}"
        else:
            text = UNKNOWN[int(rng.integers(len(UNKNOWN)))] or None
        if text is not None:
            text = strip_accents(text) if accentless[i] else text
            out[k] = text.upper() if upper else text
    return out


@lru_cache(maxsize=1)
def _department_names() -> dict[str, tuple[str, str]]:
    """ISO code -> (name, DANE code) from the reference list of departments."""
    return {u.code: (u.name, u.pcode) for u in country_pack("CO").admin_units}


def _departments(index: np.ndarray, spec: ListSpec, rng) -> np.ndarray:
    e, style = spec.errors, spec.schema.governorate_style
    n = len(index)
    index = index.copy()
    wrong = rng.random(n) < e.governorate_wrong
    index[wrong] = rng.integers(0, len(geo.DEPARTMENT_CODES), wrong.sum())
    names = _department_names()
    if style == "dane":
        labels = [names[c][1] for c in geo.DEPARTMENT_CODES]
    elif style == "iso":
        labels = list(geo.DEPARTMENT_CODES)
    else:
        labels = [names[c][0] for c in geo.DEPARTMENT_CODES]
    text = np.asarray(labels, dtype=object)[index]
    if style == "name":
        plain = rng.random(n) < e.accents_dropped
        text = np.where(plain, np.array([strip_accents(t) for t in text], dtype=object), text)
    text[rng.random(n) < e.governorate_missing] = None
    return text


def _places(place: np.ndarray, dept: np.ndarray, spec: ListSpec, rng) -> np.ndarray:
    e, style = spec.errors, spec.schema.place_script
    table = geo.place_table()
    names = np.asarray(table.name, dtype=object)[place]
    n = len(place)
    if style == "upper":
        text = np.array([strip_accents(t).upper() for t in names], dtype=object)
    elif style == "with_department":
        depts = _department_names()
        text = np.array(
            [
                f"{t} ({depts[geo.DEPARTMENT_CODES[d]][0]})"
                for t, d in zip(names, dept, strict=True)
            ],
            dtype=object,
        )
    else:
        text = names.copy()
    plain = rng.random(n) < e.accents_dropped
    text = np.where(plain, np.array([strip_accents(t) for t in text], dtype=object), text)
    text[rng.random(n) < e.place_missing] = None
    return text


def _id_numbers(p: Population, rng) -> np.ndarray:
    """Cédula numbers for adults (70% known to a list), stable per person; none for children."""
    number = (10_000_000 + (p["person"] * 7919 + 1_234_567) % 89_000_000).astype(str)
    known = (p["age"] >= 18) & (rng.random(len(number)) < 0.7)
    return np.where(known, number.astype(object), None)
