"""One list's rows: the captured people as that list recorded them, errors included.

Everything is vectorised over records except the few string edits that touch a
small share of rows (typos, inverted names), which loop over those rows only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from recount.reference import country_pack
from recount.simulate import geography as geo
from recount.simulate import spelling
from recount.simulate.arrowtext import join_present
from recount.simulate.lexicon import FAMILIES, FEMALE, MALE
from recount.simulate.lists import ListSpec
from recount.simulate.population import ROLE_CHILD, ROLE_MOTHER, Population

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


@dataclass
class ListRows:
    """One list's rows in file order: canonical field -> Arrow array, and what the truth needs."""

    columns: dict[str, pa.Array]
    person: np.ndarray  # true person index per row
    duplicate: np.ndarray  # bool: a second entry of someone already on the list
    unidentified: np.ndarray  # bool: written with no usable name

    def __len__(self) -> int:
        return len(self.person)


def list_records(
    population: Population, on_list: np.ndarray, spec: ListSpec, rng: np.random.Generator
) -> ListRows:
    """The captured people as this list recorded them, errors included, in file order."""
    people = np.flatnonzero(on_list)
    duplicated = people[rng.random(len(people)) < spec.capture.duplicate_rate]
    rows = np.concatenate([people, duplicated])
    p = population.take(rows)
    n = len(p)
    e = spec.errors
    s = spec.schema

    out: dict[str, np.ndarray] = {}
    names = _names(p, spec, rng)
    unidentified = rng.random(n) < spec.capture.unidentified_rate
    out.update(_unidentify(names, p, unidentified, spec, rng))

    male = p["male"] ^ (rng.random(n) < e.sex_wrong)
    out["sex"] = np.where(male, s.sex_values[0], s.sex_values[1]).astype(object)
    out["sex"][rng.random(n) < e.sex_missing] = None

    age = p["age"].copy()
    off = rng.random(n) < e.age_off
    age[off] = np.clip(age[off] + rng.choice([-3, -2, -1, 1, 1, 2, 3], off.sum()), 0, None)
    age = _heaped_and_swapped(age, e, rng)
    age_missing = rng.random(n) < e.age_missing

    recorded_date, date_text = _dates(p["date"], spec, rng)
    out["date_of_death"] = date_text
    out["governorate"] = _governorates(p["governorate"], spec, rng)
    out["place"] = spelling_of_places(s.place_script)[p["place"]]
    out["place"][rng.random(n) < e.place_missing] = None

    if s.status_values:
        status = p["combatant"].astype(int) ^ (rng.random(n) < e.status_flip)
        status[rng.random(n) < e.status_missing * 0.3] = 2
        labels = np.array(
            [s.status_values["civilian"], s.status_values["combatant"], s.status_values["unknown"]],
            dtype=object,
        )
        out["status"] = labels[status]
        out["status"][rng.random(n) < e.status_missing] = None

    return file_rows(
        out, age, age_missing, recorded_date, p["person"], unidentified, len(people), s, rng
    )


def file_rows(
    out: dict[str, np.ndarray],
    age: np.ndarray,
    age_missing: np.ndarray,
    recorded: np.ndarray,
    persons: np.ndarray,
    unidentified: np.ndarray,
    n_people: int,
    spec: ListSpec,
    rng: np.random.Generator,
    ref_digits: int = 6,
) -> ListRows:
    """A list's rows in file order (by date recorded, or shuffled), as Arrow columns, with its
    own record numbers; rows past the first `n_people` are the list's duplicates."""
    n = len(persons)
    if spec.order == "date":
        order = np.lexsort((rng.random(n), np.isnat(recorded), recorded))
    else:
        order = rng.permutation(n)
    columns = {
        field: pa.array(values[order], type=pa.string(), from_pandas=True)
        for field, values in out.items()
    }
    columns["age"] = pa.array(age[order], type=pa.int32(), mask=age_missing[order])
    if "record_ref" in spec.columns:
        start = int(rng.integers(1, 5000))
        digits = pc.cast(pa.array(np.arange(start, start + n)), pa.string())
        numbers = pc.utf8_lpad(digits, ref_digits, "0")
        columns["record_ref"] = pc.binary_join_element_wise(spec.ref_prefix, numbers, "")
    duplicate = np.zeros(n, dtype=bool)
    duplicate[n_people:] = True
    return ListRows(columns, persons[order], duplicate[order], unidentified[order])


@lru_cache(maxsize=2)
def spelling_of_places(script: str) -> np.ndarray:
    v = vocabulary()
    return v.place_ar if script == "arabic" else v.place_latin


def _names(p: Population, spec: ListSpec, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """Name columns as this list writes them: full name or parts, Arabic and/or Latin, in its order."""
    v = vocabulary()
    e, s = spec.errors, spec.schema
    n = len(p)
    keep_father = rng.random(n) >= e.drop_father
    keep_grandfather = keep_father & (rng.random(n) >= e.drop_grandfather)
    result: dict[str, np.ndarray] = {}

    arabic_parts = latin_parts = None
    if s.script in ("arabic", "both"):
        arabic_parts = {
            "given": _arabic(v.given_ar, p["given"], e.compound_joined, e, rng),
            "father": _arabic(v.male_ar, p["father"], e.compound_joined, e, rng),
            "grandfather": _arabic(v.male_ar, p["grandfather"], e.compound_joined, e, rng),
            "family": _arabic(v.family_ar, p["family"], e.article_dropped, e, rng),
        }
        _apply_typos(arabic_parts, e.typo, spelling.arabic_typo, rng)
    if s.script in ("latin", "both"):
        latin_parts = {
            "given": _latin(v.given_latin, v.given_counts, p["given"], e, rng, s.romanisation),
            "father": _latin(v.male_latin, v.male_counts, p["father"], e, rng, s.romanisation),
            "grandfather": _latin(
                v.male_latin, v.male_counts, p["grandfather"], e, rng, s.romanisation
            ),
            "family": _latin_family(p["family"], spec, rng),
        }
        _apply_typos(latin_parts, e.typo, spelling.latin_typo, rng)
        if e.father_initial:
            latin_parts["father"] = _initials(latin_parts["father"], e.father_initial, rng)

    for parts in (arabic_parts, latin_parts):
        if parts is not None:
            parts["father"] = np.where(keep_father, parts["father"], None)
            parts["grandfather"] = np.where(keep_grandfather, parts["grandfather"], None)

    ordered = _in_order_rows(n, s, rng)
    if s.layout == "parts":
        layout_parts = latin_parts if s.script in ("latin", "both") else arabic_parts
        for part in ("given", "father", "grandfather", "family"):
            if f"{part}_name" in s.columns:
                result[f"{part}_name"] = layout_parts[part]
        if s.script == "both":
            result["name"] = _ordered(arabic_parts, s, ordered, _join(arabic_parts))
    elif s.layout == "inverted":
        own = _inverted(latin_parts, s.uppercase_family)
        result["name"] = _ordered(latin_parts, s, ordered, own)
    elif s.script == "latin":
        result["name"] = _ordered(latin_parts, s, ordered, _join(latin_parts))
    else:
        full = _ordered(arabic_parts, s, ordered, _join(arabic_parts))
        if e.honorific:
            full = _honorific(full, p, e.honorific, rng)
        result["name"] = full
        if s.script == "both":
            result["name_latin"] = _ordered(latin_parts, s, ordered, _join(latin_parts))
    if e.kunya and s.layout == "full":
        _add_kunya(result, p, e.kunya, s.script, rng)
    return result


def _heaped_and_swapped(age: np.ndarray, e, rng: np.random.Generator) -> np.ndarray:
    """Ages as informants give them: rounded to a multiple of five, or two digits exchanged.

    Draws nothing when both rates are 0, so lists without these habits keep their bytes.
    """
    if e.age_heaped:
        heaped = (rng.random(len(age)) < e.age_heaped) & (age >= 10)
        age = np.where(heaped, 5 * np.round(age / 5), age).astype(age.dtype)
    if e.age_swapped:
        tens, units = age // 10, age % 10
        swappable = (age >= 10) & (age <= 99) & (units != 0) & (units != tens)
        swapped = swappable & (rng.random(len(age)) < e.age_swapped)
        age = np.where(swapped, units * 10 + tens, age).astype(age.dtype)
    return age


def _initials(names: np.ndarray, rate: float, rng: np.random.Generator) -> np.ndarray:
    """Names written as their initial ('Ahmad' -> 'A.') on `rate` of the rows."""
    chosen = rng.random(len(names)) < rate
    initials = np.array([f"{name[:1].upper()}." if name else name for name in names], dtype=object)
    return np.where(chosen, initials, names)


def _in_order_rows(n: int, schema, rng) -> np.ndarray | None:
    """Rows written in the regime's name order (None when the list keeps its own throughout)."""
    if not schema.name_order_share or schema.name_order == "given_first":
        return None
    return rng.random(n) < schema.name_order_share


def _ordered(parts: dict, schema, rows: np.ndarray | None, own: np.ndarray) -> np.ndarray:
    """Full names: the list's own form, and on `rows` the regime's order."""
    if rows is None or not rows.any():
        return own
    order = schema.name_order
    if order == "comma":
        other = _inverted(parts, schema.uppercase_family)
    elif order == "comma_given":
        rest = join_present([_arrow(parts[k]) for k in ("father", "grandfather", "family")], " ")
        other = pc.binary_join_element_wise(_arrow(parts["given"]), rest, ", ").to_numpy(
            zero_copy_only=False
        )
    else:
        family = parts["family"]
        if order == "family_first_bare":
            family = np.array([_without_article(f) for f in family], dtype=object)
        columns = [_arrow(family)] + [_arrow(parts[k]) for k in ("given", "father", "grandfather")]
        other = join_present(columns, " ").to_numpy(zero_copy_only=False)
    return np.where(rows, other, own)


_LATIN_ARTICLE = re.compile(r"^(?:al|el|as|ash|ad|ar|az|at|an|ath|adh)[- ](?=\w)", re.IGNORECASE)


def _without_article(family: str | None) -> str | None:
    """The family name without its article: الحلبي -> حلبي, al-Halabi / Alhalabi -> Halabi."""
    if family is None:
        return None
    if family.startswith("ال") and len(family) > 3:
        return family[2:]
    bare = _LATIN_ARTICLE.sub("", family)
    if bare == family and family[:2].lower() == "al" and len(family) > 5 and family[2].islower():
        bare = family[2:]  # Alhalabi
    return bare[:1].upper() + bare[1:] if bare else family


def _add_kunya(result: dict[str, np.ndarray], p: Population, rate: float, script: str, rng) -> None:
    """'محمد أحمد الحلبي (أبو عمر)': a kunya after the name, mostly for fighters."""
    v = vocabulary()
    adult_man = p["male"] & (p["age"] >= 18)
    chance = np.where(p["combatant"], 3 * rate, rate)
    rows = np.flatnonzero(adult_man & (rng.random(len(p)) < chance))
    son = rng.choice(len(MALE), size=len(rows), p=MALE.weights)
    latin_abu = np.asarray(["Abu", "Abou", "Abu"], dtype=object)[rng.integers(0, 3, len(rows))]
    for key in ("name", "name_latin"):
        if key not in result:
            continue
        column = result[key].copy()
        latin = key == "name_latin" or script == "latin"
        for k, i in enumerate(rows):
            kunya = (
                f"{latin_abu[k]} {v.male_latin[son[k], 0]}"
                if latin
                else f"أبو {v.male_ar[son[k], 0]}"
            )
            column[i] = f"{column[i]} ({kunya})"
        result[key] = column


def _arabic(forms: np.ndarray, codes: np.ndarray, joined_rate: float, e, rng) -> np.ndarray:
    n = len(codes)
    bits = (
        (rng.random(n) < e.hamza_dropped).astype(int)
        + 2 * (rng.random(n) < e.final_letter_variant)
        + 4 * (rng.random(n) < joined_rate)
    )
    return forms[codes, bits]


def _latin(
    table: np.ndarray, counts: np.ndarray, codes: np.ndarray, e, rng, system: str = "mixed"
) -> np.ndarray:
    """Latin spellings: the list's house spelling or another real one; or one romanisation system."""
    preferred = spelling.preferred_spellings(counts, rng)
    index = spelling.choose_spelling(codes, preferred, counts, e.spelling_consistency, rng)
    if system == "mixed":
        return table[codes, index]
    systematic = _romanised(table, system)[codes]
    return np.where(
        rng.random(len(codes)) < e.spelling_consistency, systematic, table[codes, index]
    )


def _romanised(table: np.ndarray, system: str) -> np.ndarray:
    """Every entry's base spelling (column 0) in one romanisation system."""
    key = (id(table), system)
    if key not in _ROMANISED:
        _ROMANISED[key] = np.array(
            [spelling.romanise(b, system) for b in table[:, 0]], dtype=object
        )
    return _ROMANISED[key]


_ROMANISED: dict[tuple[int, str], np.ndarray] = {}


@lru_cache(maxsize=1)
def _family_with_articles() -> np.ndarray:
    """[family, spelling, article style] -> the family name as written (articles only where Arabic has ال)."""
    v = vocabulary()
    styles = ARTICLE_STYLES
    table = np.empty(v.family_latin.shape + (len(styles),), dtype=object)
    for i in range(v.family_latin.shape[0]):
        for k in range(v.family_latin.shape[1]):
            for m, style in enumerate(styles):
                base = v.family_latin[i, k]
                table[i, k, m] = spelling.with_article(base, style) if v.family_article[i] else base
    return table


ARTICLE_STYLES = spelling.ARTICLE_STYLES + ("sun",)


def _latin_family(codes: np.ndarray, spec: ListSpec, rng) -> np.ndarray:
    v = vocabulary()
    preferred = spelling.preferred_spellings(v.family_counts, rng)
    index = spelling.choose_spelling(
        codes, preferred, v.family_counts, spec.errors.spelling_consistency, rng
    )
    house = ARTICLE_STYLES.index(spec.schema.article_style)
    style = np.where(
        rng.random(len(codes)) < 0.85, house, rng.integers(0, len(ARTICLE_STYLES), len(codes))
    )
    written = _family_with_articles()[codes, index, style]
    system = spec.schema.romanisation
    if system == "mixed":
        return written
    bases = _romanised(v.family_latin, system)[codes]
    styles = np.asarray(ARTICLE_STYLES, dtype=object)[style]
    systematic = np.array(
        [
            spelling.with_article(base, article) if v.family_article[c] else base
            for base, article, c in zip(bases, styles, codes, strict=True)
        ],
        dtype=object,
    )
    return np.where(rng.random(len(codes)) < spec.errors.spelling_consistency, systematic, written)


def _apply_typos(parts: dict[str, np.ndarray], rate: float, typo, rng) -> None:
    for key, values in parts.items():
        hit = np.flatnonzero(rng.random(len(values)) < rate)
        u, w = rng.random(len(hit)), rng.random(len(hit))
        values = values.copy()
        for k, i in enumerate(hit):
            values[i] = typo(values[i], u[k], w[k])
        parts[key] = values


def _arrow(values: np.ndarray) -> pa.Array:
    return pa.array(values, type=pa.string(), from_pandas=True)


def _join(parts: dict[str, np.ndarray]) -> np.ndarray:
    columns = [_arrow(parts[k]) for k in ("given", "father", "grandfather", "family")]
    return join_present(columns, " ").to_numpy(zero_copy_only=False)


def _inverted(parts: dict[str, np.ndarray], uppercase: bool) -> np.ndarray:
    family = _arrow(parts["family"])
    if uppercase:
        family = pc.utf8_upper(family)
    rest = join_present([_arrow(parts["given"]), _arrow(parts["father"])], " ")
    return pc.binary_join_element_wise(family, rest, ", ").to_numpy(zero_copy_only=False)


def _honorific(full: np.ndarray, p: Population, rate: float, rng) -> np.ndarray:
    child = p["age"] < 15
    female = ~p["male"]
    title = np.where(
        child, np.where(female, "الطفلة ", "الطفل "), np.where(female, "الشهيدة ", "الشهيد ")
    )
    use = rng.random(len(full)) < rate
    titled = pc.binary_join_element_wise(_arrow(title.astype(object)), _arrow(full), "").to_numpy(
        zero_copy_only=False
    )
    return np.where(use, titled, full)


def _unidentify(names: dict, p: Population, mask: np.ndarray, spec: ListSpec, rng) -> dict:
    """Turns some records into ones nobody can link by name: unknown, nameless, 'wife of X'."""
    if not mask.any():
        return names
    v = vocabulary()
    rows = np.flatnonzero(mask)
    role = p["role"][rows]
    male = p["male"][rows]
    relation = np.where(
        role == ROLE_MOTHER,
        "wife",
        np.where(role == ROLE_CHILD, np.where(male, "son", "daughter"), ""),
    )
    relational = (relation != "") & (rng.random(len(rows)) < 0.6)
    # The named relative is the household's father: the mother's husband, the child's father,
    # named in full (given, father, family) as lists do, so a careful linker can attach the record.
    mother = role == ROLE_MOTHER
    relative = np.where(mother, p["husband"][rows], p["father"][rows])
    relative_father = np.where(mother, p["husband_father"][rows], p["grandfather"][rows])
    relative_family = np.where(mother, p["husband_family"][rows], p["family"][rows])
    al = ARTICLE_STYLES.index("al-")
    unknown_index = rng.integers(0, 4, len(rows))
    arabic_text = np.empty(len(rows), dtype=object)
    latin_text = np.empty(len(rows), dtype=object)
    for k in range(len(rows)):
        if relational[k]:
            arabic_text[k] = " ".join(
                (
                    RELATION_ARABIC[relation[k]],
                    v.male_ar[relative[k], 0],
                    v.male_ar[relative_father[k], 0],
                    v.family_ar[relative_family[k], 0],
                )
            )
            latin_text[k] = " ".join(
                (
                    RELATION_LATIN[relation[k]],
                    v.male_latin[relative[k], 0],
                    v.male_latin[relative_father[k], 0],
                    _family_with_articles()[relative_family[k], 0, al],
                )
            )
        else:
            arabic_text[k] = UNKNOWN_ARABIC[unknown_index[k]] or None
            latin_text[k] = UNKNOWN_LATIN[unknown_index[k]] or None
    script = spec.schema.script
    latin_columns = (
        {"name_latin"}
        | ({"given_name"} if script in ("latin", "both") else set())
        | ({"name"} if script == "latin" else set())
    )
    for key in ("name", "name_latin", "given_name"):
        if key in names:
            column = names[key].copy()
            column[rows] = latin_text if key in latin_columns else arabic_text
            names[key] = column
    for key in ("father_name", "grandfather_name", "family_name"):
        if key in names:
            column = names[key].copy()
            column[rows] = None
            names[key] = column
    return names


SPANISH_MONTHS = "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre".split()
MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def _dates(
    true_date: np.ndarray,
    spec: ListSpec,
    rng,
    period: tuple[str, str] = ("2011-03-01", "2021-12-31"),
    missing: float | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """(date as recorded, text as written) with shifts, day/month swaps and coarse precision.

    Shifted dates stay within `period`; `missing` overrides the list's date_missing rate.
    """
    e, style = spec.errors, spec.schema.date_style
    n = len(true_date)
    date = true_date.astype("datetime64[D]").copy()
    shift = rng.random(n) < e.date_shift
    offsets = rng.choice([-3, -2, -1, -1, 1, 1, 2, 3, -7, 7, -30, 30], shift.sum())
    date[shift] = date[shift] + offsets.astype("timedelta64[D]")
    date = np.clip(date, np.datetime64(period[0]), np.datetime64(period[1]))
    month_start = date.astype("datetime64[M]")
    day = (date - month_start.astype("datetime64[D]")).astype(int) + 1
    month = month_start.astype(int) % 12 + 1
    swap = (rng.random(n) < e.date_swap) & (day <= 12) & (day != month)
    written_month, written_day = np.where(swap, day, month), np.where(swap, month, day)
    year = date.astype("datetime64[Y]").astype(int) + 1970
    u = rng.random(n)
    precision = np.where(u < e.year_only, 2, np.where(u < e.year_only + e.month_only, 1, 0))
    y = pc.cast(pa.array(year), pa.string())
    m = pc.utf8_lpad(pc.cast(pa.array(written_month), pa.string()), 2, "0")
    d = pc.utf8_lpad(pc.cast(pa.array(written_day), pa.string()), 2, "0")
    if style == "iso":
        full, by_month = (
            pc.binary_join_element_wise(y, m, d, "-"),
            pc.binary_join_element_wise(y, m, "-"),
        )
    elif style == "mdy":
        full, by_month = (
            pc.binary_join_element_wise(m, d, y, "/"),
            pc.binary_join_element_wise(m, y, "/"),
        )
    elif style == "mon":
        name = pa.array(MONTH_NAMES).take(pa.array(written_month - 1))
        unpadded = pc.cast(pa.array(written_day), pa.string())
        full, by_month = (
            pc.binary_join_element_wise(name, unpadded, y, " "),
            pc.binary_join_element_wise(name, y, " "),
        )
    elif style == "es":  # 12 de marzo de 2002, marzo de 2002
        name = pa.array(SPANISH_MONTHS).take(pa.array(written_month - 1))
        unpadded = pc.cast(pa.array(written_day), pa.string())
        full = pc.binary_join_element_wise(unpadded, name, y, " de ")
        by_month = pc.binary_join_element_wise(name, y, " de ")
    else:  # dmy, dmy_indic
        full, by_month = (
            pc.binary_join_element_wise(d, m, y, "/"),
            pc.binary_join_element_wise(m, y, "/"),
        )
    text = pc.if_else(
        pa.array(precision == 0), full, pc.if_else(pa.array(precision == 1), by_month, y)
    )
    if style == "dmy_indic":
        for ascii_digit, indic in zip("0123456789", "٠١٢٣٤٥٦٧٨٩", strict=True):
            text = pc.replace_substring(text, ascii_digit, indic)
    text = text.to_numpy(zero_copy_only=False)
    missing = rng.random(n) < (e.date_missing if missing is None else missing)
    text[missing] = None
    recorded = date.copy()
    recorded[missing] = np.datetime64("NaT")
    return recorded, text


@lru_cache(maxsize=1)
def _governorate_spellings() -> dict[str, list[tuple[str, ...]]]:
    by_iso = {g.code: g for g in country_pack("SY").admin_units}
    arabic, english = [], []
    for code in geo.GOVERNORATE_CODES:
        g = by_iso[code]
        arabic.append((g.name_local,) + tuple(x for x in g.variants if _is_arabic(x)))
        latin = [x for x in g.variants if not _is_arabic(x) and "City" not in x]
        english.append((g.name, *latin[:4]))
    return {"arabic": arabic, "english": english}


def _is_arabic(text: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" for ch in text)


def _governorates(index: np.ndarray, spec: ListSpec, rng) -> np.ndarray:
    """Governorates as the list writes them (its house spelling, sometimes another), a few wrong or missing."""
    e, style = spec.errors, spec.schema.governorate_style
    n = len(index)
    index = index.copy()
    wrong = rng.random(n) < e.governorate_wrong
    index[wrong] = rng.integers(0, len(geo.GOVERNORATE_CODES), wrong.sum())
    if style in ("pcode", "iso"):
        by_iso = {g.code: g for g in country_pack("SY").admin_units}
        labels = [by_iso[c].pcode if style == "pcode" else c for c in geo.GOVERNORATE_CODES]
        text = np.asarray(labels, dtype=object)[index]
    else:
        spellings = _governorate_spellings()[style]
        width = max(len(options) for options in spellings)
        table = np.array(
            [[options[k % len(options)] for k in range(width)] for options in spellings],
            dtype=object,
        )
        counts = np.array([len(options) for options in spellings])
        house = np.where(
            rng.random(len(spellings)) < 0.4, (rng.random(len(spellings)) * counts).astype(int), 0
        )
        other = (rng.random(n) * counts[index]).astype(int)
        text = table[index, np.where(rng.random(n) < 0.1, other, house[index])]
    text[rng.random(n) < e.governorate_missing] = None
    return text
