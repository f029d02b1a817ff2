"""Propose a `[[sources]]` block for a file: format, encoding and a column mapping.

The mapping comes from the header (Arabic or English names lists use) and,
when the header says nothing, from what a sample of values looks like.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa

from recount.ingest.dates import parse_dates
from recount.ingest.detect import display_encoding
from recount.ingest.files import open_reader
from recount.ingest.readers import JsonLinesReader, Reader
from recount.ingest.values import (
    fold,
    recognise_age,
    recognise_governorate,
    recognise_sex,
    recognise_status,
)
from recount.settings import SourceConfig

SAMPLE_ROWS = 2000
HEADER_WORDS = {
    "name": [
        "name",
        "full name",
        "fullname",
        "full_name",
        "name_ar",
        "arabic name",
        "الاسم",
        "الإسم",
        "اسم",
        "الاسم الكامل",
        "الاسم الثلاثي",
        "الاسم الرباعي",
        "اسم الشهيد",
        "اسم الضحية",
    ],
    "given_name": [
        "first name",
        "first",
        "given name",
        "given",
        "firstname",
        "first_name",
        "الاسم الأول",
        "الاسم الاول",
    ],
    "father_name": [
        "father",
        "father name",
        "father's name",
        "fathers name",
        "father_name",
        "اسم الأب",
        "اسم الاب",
        "الأب",
        "الاب",
    ],
    "grandfather_name": [
        "grandfather",
        "grandfather name",
        "grandfather's name",
        "grandfather_name",
        "اسم الجد",
        "الجد",
    ],
    "family_name": [
        "family",
        "family name",
        "surname",
        "last",
        "name last",
        "last name",
        "lastname",
        "last_name",
        "family_name",
        "الكنية",
        "النسبة",
        "العائلة",
        "اسم العائلة",
        "الكنية/العائلة",
    ],
    "name_latin": [
        "name (latin)",
        "name_en",
        "english name",
        "name in english",
        "latin name",
        "name_latin",
        "transliteration",
        "الاسم بالانكليزي",
        "الاسم بالإنجليزية",
    ],
    "sex": ["sex", "gender", "الجنس", "النوع", "الجنس/النوع"],
    "age": ["age", "age (years)", "العمر", "السن", "العمر بالسنوات"],
    "date_of_death": [
        "date of death",
        "death date",
        "date_of_death",
        "dod",
        "date",
        "تاريخ الوفاة",
        "تاريخ الاستشهاد",
        "تاريخ الاستشهاد/الوفاة",
        "التاريخ",
        "تاريخ",
        "تاريخ الحادثة",
        "تاريخ القتل",
    ],
    "governorate": ["governorate", "province", "gov", "muhafaza", "admin1", "المحافظة", "محافظة"],
    "place": [
        "place",
        "area",
        "location",
        "city",
        "town",
        "village",
        "district",
        "place of death",
        "المنطقة",
        "المكان",
        "مكان الوفاة",
        "مكان الاستشهاد",
        "البلدة",
        "المدينة",
        "القرية",
        "الناحية",
    ],
    "status": [
        "status",
        "civilian/combatant",
        "category",
        "civilian or combatant",
        "type",
        "الصفة",
        "الوضع",
        "مدني/عسكري",
        "مدني أم عسكري",
        "التصنيف",
    ],
    "cause": [
        "cause",
        "cause of death",
        "weapon",
        "means",
        "سبب الوفاة",
        "طريقة الوفاة",
        "السبب",
        "سبب الاستشهاد",
        "طريقة القتل",
    ],
    "record_ref": [
        "id",
        "ref",
        "record id",
        "record_id",
        "no",
        "no.",
        "number",
        "#",
        "serial",
        "رقم",
        "الرقم",
        "الرقم التسلسلي",
        "المعرف",
        "م",
    ],
}
_HEADER_INDEX = {fold(word): field for field, words in HEADER_WORDS.items() for word in words}
_ARABIC = re.compile("[\u0600-\u06ff]")
_LATIN = re.compile("[A-Za-z]")


@dataclass
class Suggestion:
    source_id: str
    path: str
    format: str
    encoding: str | None
    delimiter: str | None
    sheet: str | None
    columns: dict[str, tuple[str, str]]  # field -> (column, why)
    unmapped: list[str]
    rows_sampled: int

    def toml(self) -> str:
        lines = [
            "[[sources]]",
            f"id = {_toml_string(self.source_id)}",
            f"path = {_toml_string(self.path)}",
        ]
        lines.append(f"format = {_toml_string(self.format)}")
        if self.encoding:
            lines.append(
                f"# encoding = {_toml_string(self.encoding)}   # detected; set it to force one"
            )
        if self.delimiter:
            lines.append(f"# delimiter = {_toml_string(self.delimiter)}   # detected")
        if self.sheet:
            lines.append(f"sheet = {_toml_string(self.sheet)}")
        lines += ["", f"[sources.columns]   # from the header and {self.rows_sampled} sampled rows"]
        if not self.columns:
            lines.append("# no column recognised: map at least `name` (or the name parts) by hand")
        for field, (column, why) in self.columns.items():
            lines.append(f"{field} = {_toml_string(column)}   # {why}")
        for column in self.unmapped:
            lines.append(f"# ? = {_toml_string(column)}   # not recognised")
        return "\n".join(lines) + "\n"


def _toml_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t")
    return f'"{escaped}"'


def suggest_source(path: Path, root: Path | None = None) -> Suggestion:
    """Detect the file's format and encoding and propose a column mapping."""
    path = Path(path)
    source_id = re.sub(r"[^A-Za-z0-9_-]+", "_", path.stem).strip("_") or "source"
    probe = SourceConfig(id=source_id, path=path, columns={})
    reader = open_reader(probe)
    sample = _sample(reader)
    columns: dict[str, tuple[str, str]] = {}
    by_header = {i: _header_field(name) for i, name in enumerate(sample.column_names)}
    for index, field in by_header.items():
        if field and field not in columns:
            columns[field] = (sample.column_names[index], "header")
    for index, name in enumerate(sample.column_names):
        if by_header[index] or any(c == name for c, _ in columns.values()):
            continue
        guess = _guess_from_values(sample.column(index).to_pylist(), set(columns))
        if guess:
            columns[guess[0]] = (name, guess[1])
    _prefer_arabic_name(columns, sample)
    ordered = {f: columns[f] for f in HEADER_WORDS if f in columns}
    mapped = {c for c, _ in ordered.values()}
    try:
        shown_path = str(path.resolve().relative_to(root.resolve())) if root else str(path)
    except ValueError:
        shown_path = str(path.resolve())
    return Suggestion(
        source_id=source_id,
        path=shown_path,
        format=reader.format,
        encoding=display_encoding(reader.encoding) if reader.encoding else None,
        delimiter=reader.delimiter,
        sheet=getattr(reader, "sheet", None),
        columns=ordered,
        unmapped=[n for n in sample.column_names if n not in mapped],
        rows_sampled=sample.num_rows,
    )


def _script_share(values: list, pattern: re.Pattern) -> float:
    texts = [str(v) for v in values if v is not None and str(v).strip()]
    return sum(1 for t in texts if pattern.search(t)) / len(texts) if texts else 0.0


def _prefer_arabic_name(columns: dict[str, tuple[str, str]], sample: pa.Table) -> None:
    """When `name` holds Latin script and another column holds Arabic names, map them as name / name_latin."""
    if "name" not in columns or "name_latin" in columns:
        return
    current = columns["name"][0]
    if _script_share(sample.column(current).to_pylist(), _LATIN) < 0.8:
        return
    mapped = {column for column, _ in columns.values()}
    for column in sample.column_names:
        values = sample.column(column).to_pylist()
        if column in mapped or _script_share(values, _ARABIC) < 0.8:
            continue
        texts = [str(v) for v in values if v is not None and str(v).strip()]
        if sum(1 for t in texts if len(t.split()) >= 2) >= 0.8 * len(texts):
            columns["name_latin"] = (current, "Latin-script names")
            columns["name"] = (column, "Arabic-script names")
            return


def _header_field(name: str) -> str | None:
    """The canonical field a column name means: whole name, then 'name first', then 'first'."""
    for candidate in (name, name.replace(".", " ").replace("_", " "), name.rsplit(".", 1)[-1]):
        field = _HEADER_INDEX.get(fold(candidate))
        if field:
            return field
    return None


def _sample(reader: Reader) -> pa.Table:
    """Up to SAMPLE_ROWS rows as text columns named as in the file (JSON: flattened keys)."""
    chunk = next(iter(reader.chunks()), None)
    if chunk is None:
        return pa.table({name: pa.array([], pa.string()) for name in reader.header})
    rows = chunk.rows.slice(0, SAMPLE_ROWS)
    if isinstance(reader, JsonLinesReader):
        return _flatten_json_lines(rows.column("c0"))
    return pa.table(rows.columns[1:], names=reader.header)


def _flatten_json_lines(lines: pa.ChunkedArray) -> pa.Table:
    """Sampled JSON objects as columns named by dotted paths (name.first)."""
    records: list[dict[str, str]] = []
    for line in lines.to_pylist():
        try:
            value = json.loads(line)
        except (ValueError, TypeError):
            continue
        if isinstance(value, dict):
            records.append(dict(_leaves(value, "")))
    names = list(dict.fromkeys(key for record in records for key in record))
    return pa.table({name: pa.array([r.get(name) for r in records], pa.string()) for name in names})


def _leaves(value: dict, prefix: str):
    for key, item in value.items():
        path = f"{prefix}{key}"
        if isinstance(item, dict):
            yield from _leaves(item, path + ".")
        elif item is not None:
            yield path, item if isinstance(item, str) else json.dumps(item, ensure_ascii=False)


def _guess_from_values(values: list, taken: set[str]) -> tuple[str, str] | None:
    texts = [str(v).strip() for v in values if v is not None and str(v).strip()]
    if not texts:
        return None
    distinct = list(dict.fromkeys(texts))

    counts = Counter(texts)

    def share(results, ok) -> float:
        hits = sum(counts[v] for v, r in zip(distinct, results, strict=True) if ok(r))
        return hits / len(texts)

    checks = [
        ("sex", recognise_sex, lambda r: r[0] is not None),
        ("governorate", recognise_governorate, lambda r: r[0] is not None),
        ("status", recognise_status, lambda r: r[1] is None and r[0] != "unknown"),
        ("age", recognise_age, lambda r: r[0] is not None),
    ]
    for field, recognise, ok in checks:
        if field in taken:
            continue
        fraction = share(recognise(distinct), ok)
        if fraction >= 0.8:
            return field, f"{fraction:.0%} of sampled values look like {field}"
    if "date_of_death" not in taken:
        parsed, _ = parse_dates(distinct)
        fraction = share(parsed, lambda p: p.date is not None)
        if fraction >= 0.8:
            return "date_of_death", f"{fraction:.0%} of sampled values are dates"
    multiword = sum(1 for t in distinct if len(t.split()) >= 2) / len(distinct)
    if multiword >= 0.8 and len(distinct) >= 0.5 * len(texts):
        arabic = sum(1 for t in distinct if _ARABIC.search(t)) / len(distinct)
        latin = sum(1 for t in distinct if _LATIN.search(t)) / len(distinct)
        if arabic >= 0.8 and "name" not in taken:
            return "name", "multi-word Arabic-script values"
        if latin >= 0.8:
            field = "name_latin" if "name" in taken else "name"
            if field not in taken:
                return field, "multi-word Latin-script values"
    if (
        "record_ref" not in taken
        and len(distinct) == len(texts)
        and len(texts) >= 5
        and all(len(t) <= 20 and " " not in t for t in distinct)
    ):
        return "record_ref", "unique short values"
    return None
