"""Propose a `[[sources]]` block for a file: format, encoding and a column mapping.

The mapping comes from the header (the names lists use in English, Arabic, Spanish
and French) and, when the header says nothing, from what a sample of values looks
like (Ukrainian and Russian headers too). Admin units are recognised through the workspace's country pack; without one,
through every pack recount ships, and the block then says which country to choose.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

import pyarrow as pa

from recount.errors import InputError
from recount.ingest.dates import parse_dates
from recount.ingest.detect import display_encoding
from recount.ingest.files import open_reader
from recount.ingest.readers import JsonLinesReader, Reader
from recount.ingest.values import (
    UNMAPPED_ADMIN_UNIT,
    fold,
    implied_sex_values,
    recognise_age,
    recognise_governorate,
    recognise_sex,
    recognise_status,
)
from recount.reference import NO_PACK, CountryPack, available_packs, country_pack
from recount.settings import SourceConfig

SAMPLE_ROWS = 2000
SPLIT_PARTS = ("given_name", "family_name", "extra.address")  # fields split over columns
# Mean words per value below which a `name` column beside the name's parts is a given name
# (compound given names such as 'عبد الله' or 'Juan Carlos' keep the mean above one).
GIVEN_NAME_MEAN_WORDS = 1.5
# Words too common to name a field on their own inside a longer header (street_number, batch_id).
GENERIC_WORDS = {"number", "no", "id", "name", "date", "code", "type", "first", "last", "full"}
HEADER_WORDS = {
    "name": [
        "name", "full name", "fullname", "full_name", "name_ar", "arabic name", "names",
        "victim", "victim name", "name of victim", "الاسم", "الإسم", "اسم", "الاسم الكامل",
        "الاسم الثلاثي", "الاسم الرباعي", "اسم الشهيد", "اسم الضحية", "nombre", "nombre completo",
        "nombres y apellidos", "nombre y apellidos", "nombre de la victima", "nom complet",
        "nom et prenom", "nom et prenoms", "nom prenom", "піб", "п.і.б.", "п.і.б", "фио",
        "ф.и.о.", "ф.и.о", "прізвище ім'я по батькові", "прізвище, ім'я, по батькові",
        "фамилия имя отчество", "фамилия, имя, отчество", "повне ім'я", "полное имя",
        "ሙሉእ ስም", "ሙሉ ስም", "ስም", "ስም ግዳይ", "ስም ስውእ", "የሟች ስም", "ስም ሙሉ",
        # Tigrinya writes 'name' ሽም (Amharic ስም)
        "ሽም", "ሙሉእ ሽም", "ሽም ግዳይ", "ሽም ስውእ",
        "အမည်", "နာမည်", "ကျဆုံးသူအမည်", "သေဆုံးသူအမည်", "အမည်အပြည့်အစုံ",
        "jina", "jina kamili", "majina", "majina kamili", "jina la marehemu",
    ],
    "given_name": [
        "first name", "first", "given name", "given", "firstname", "first_name", "given names",
        "given_names", "forename", "forenames", "fname", "f_name", "الاسم الأول", "الاسم الاول", "nombres",
        "primer nombre", "nombre(s)", "prenom", "prénom", "prenoms", "segundo nombre",
        "middle name", "middle_name", "second name", "otros nombres", "ім'я", "ім’я", "имя",
        "jina la kwanza",
    ],
    "father_name": [
        "father", "father name", "father's name", "fathers name", "father_name", "اسم الأب",
        "اسم الاب", "الأب", "الاب", "nombre del padre", "padre", "nom du pere", "pere",
        "patronymic", "patronym", "по батькові", "по-батькові", "отчество", "jina la baba",
        "ስም ኣቦ", "ስም አቦ", "ስም አባት", "የአባት ስም", "ሽም ኣቦ",
        "အဖအမည်", "ဖခင်အမည်", "အဖ အမည်", "ဖခင် အမည်",
    ],
    "grandfather_name": [
        "grandfather", "grandfather name", "grandfather's name", "grandfather_name", "اسم الجد",
        "الجد",
        "ስም ኣቦሓጎ", "ስም ኣባሓጎ", "ስም ኣያት", "የአያት ስም", "ስም አያት", "ሽም ኣቦሓጎ", "ሽም ኣባሓጎ",
    ],
    "family_name": [
        "family", "family name", "surname", "last", "name last", "last name", "lastname",
        "last_name", "family_name", "surnames", "lname", "l_name", "الكنية", "النسبة", "العائلة", "اسم العائلة",
        "الكنية/العائلة", "الشهرة", "اللقب", "لقب", "apellidos", "apellido", "nom de famille", "nom",
        "primer apellido", "segundo apellido", "apellido paterno", "apellido materno",
        "прізвище", "фамилия", "jina la ukoo",
        # the Congolese postnom, the second part of the name after the nom: joined after it
        "postnom", "post-nom", "post nom",
    ],
    "name_latin": [
        "name (latin)", "name_en", "english name", "name in english", "latin name", "name_latin",
        "transliteration", "الاسم بالانكليزي", "الاسم بالإنجليزية",
    ],
    "sex": [
        "sex", "gender", "الجنس", "النوع", "الجنس/النوع", "sexo", "genero", "género", "sexe", "genre",
        "стать", "пол", "ጾታ", "ፆታ", "ကျား/မ", "ကျား၊မ", "ကျားမ", "လိင်", "jinsia", "jinsi",
    ],
    "age": ["age", "age (years)", "العمر", "السن", "العمر بالسنوات", "edad", "âge", "age (ans)", "вік",
        "возраст", "вік (років)", "возраст (лет)", "ዕድመ", "ዕድሜ", "እድሜ", "အသက်", "umri"],
    "date_of_death": [
        "date of death", "death date", "date_of_death", "dod", "date", "date died", "died",
        "تاريخ الوفاة", "تاريخ الاستشهاد", "تاريخ الاستشهاد/الوفاة", "التاريخ", "تاريخ",
        "تاريخ الحادثة", "تاريخ القتل", "fecha", "fecha de muerte", "fecha de fallecimiento",
        "fecha de defuncion", "fecha del hecho", "fecha de los hechos", "fecha hecho",
        "date du deces", "date de deces", "date de la mort", "дата смерті", "дата загибелі",
        "дата смерти", "дата гибели", "дата",
        "ዕለት", "ዝተሰውኣሉ ዕለት", "ዕለት ሞት", "ዝሞተሉ ዕለት", "ዕለት ስውኣት", "ዕለት ቀብሪ", "ቀን",
        "የሞተበት ቀን", "የተሰዋበት ቀን", "የሞት ቀን", "date of burial", "burial date",
        "ကျဆုံးသည့်နေ့", "ကျဆုံးသည့်ရက်", "သေဆုံးသည့်နေ့", "သေဆုံးသည့်ရက်စွဲ", "ရက်စွဲ", "နေ့စွဲ",
        "ကျဆုံးရက်", "ရက်",
        "tarehe ya kifo", "tarehe ya kufariki", "tarehe", "tarehe ya tukio", "siku ya kifo",
    ],
    "date_of_birth": [
        "date of birth", "birth date", "birthdate", "date_of_birth", "dob", "born", "birthday",
        "d.o.b.", "تاريخ الولادة", "تاريخ الميلاد", "مواليد", "المواليد", "fecha de nacimiento",
        "fecha nacimiento", "f. nacimiento", "nacimiento", "date de naissance", "ne le", "née le",
        "date naiss", "date de naiss", "ddn",
        "дата народження", "дата рождения", "рік народження", "год рождения",
    ],
    "governorate": [
        "governorate", "province", "gov", "muhafaza", "admin1", "adm1", "admin 1", "state",
        "region", "department", "oblast", "المحافظة", "محافظة", "الولاية", "departamento",
        "depto", "dpto", "provincia", "estado", "region", "departement", "département",
        "wilaya", "governorate/province", "область", "обл.", "регіон", "регион", "ክልል",
        "state/region", "region/state", "တိုင်း/ပြည်နယ်", "တိုင်းဒေသကြီး/ပြည်နယ်", "ပြည်နယ်/တိုင်း",
        "တိုင်းဒေသကြီး", "ပြည်နယ်", "တိုင်း", "mkoa",
    ],
    "place": [
        "place", "area", "location", "city", "town", "village", "district", "place of death",
        "المنطقة", "المكان", "مكان الوفاة", "مكان الاستشهاد", "البلدة", "المدينة", "القرية",
        "الناحية", "municipio", "lugar", "lugar del hecho", "lugar de los hechos", "ciudad",
        "localidad", "vereda", "lugar de muerte", "lugar de fallecimiento", "lieu", "ville",
        "commune", "lieu du deces", "lieu de deces", "suburb", "locality", "neighbourhood",
        "neighborhood", "barrio", "place of injury", "place of incident", "مكان الإصابة",
        "مكان الحادثة", "lugar de la lesion", "municipality", "municipalities", "municipalite",
        "municipal", "county", "parish", "canton", "comuna", "corregimiento", "settlement",
        "township", "ward", "hamlet", "quartier", "localite", "arrondissement", "caserio",
        "poblado", "aldea", "pueblo", "kommune", "gemeinde", "qada", "nahiya", "mantiqa",
        "القضاء", "الحي", "المديرية", "raion", "rayon", "hromada", "населений пункт",
        "населенный пункт", "місто", "город", "село", "район", "громада", "місце загибелі",
        "место гибели", "місце смерті", "место смерти", "المحلية", "محلية", "السكن",
        "woreda", "wereda", "kebele", "tabia", "tabiya", "zone", "zoba", "ቦታ", "ከተማ", "ወረዳ",
        "ቀበሌ", "ጣብያ", "ዞባ", "ዞን", "ዓዲ", "መንደር",
        "မြို့နယ်", "ကျေးရွာ", "ရွာ", "မြို့", "နေရပ်", "ရပ်ကွက်", "နေရာ", "ကျဆုံးသည့်နေရာ",
        "مكان السكن", "محل السكن", "مكان الإقامة", "محل الإقامة", "residence",
        "place of residence", "lugar de residencia", "residencia", "domicile",
        "lieu de residence", "territoire", "territory", "chefferie", "groupement",
        "mahali", "mahali pa kifo", "kijiji", "mji", "mtaa", "kata", "eneo",
    ],
    "place_of_birth": [
        "place of birth", "birthplace", "birth place", "birth_place", "pob", "born in",
        "مكان الولادة", "محل الولادة", "مكان الميلاد", "محل القيد", "lugar de nacimiento",
        "municipio de nacimiento", "lieu de naissance", "lieu naiss", "lieu de naiss", "місце народження", "место рождения",
    ],
    "status": [
        "status", "civilian/combatant", "category", "civilian or combatant", "type", "الصفة",
        "الوضع", "مدني/عسكري", "مدني أم عسكري", "التصنيف", "condicion", "condición",
        "calidad", "statut", "статус", "категорія", "категория", "victim status",
        "victim_status", "victim type", "victim category",
    ],
    "cause": [
        "cause", "cause of death", "weapon", "means", "سبب الوفاة", "طريقة الوفاة", "السبب",
        "سبب الاستشهاد", "طريقة القتل", "causa", "causa de muerte", "arma", "cause du deces",
        "причина смерті", "причина загибелі", "причина смерти", "причина гибели",
        "အကြောင်းရင်း", "ကျဆုံးပုံ",
    ],
    "record_ref": [
        "id", "ref", "record id", "record_id", "no", "no.", "number", "#", "serial", "رقم",
        "الرقم", "الرقم التسلسلي", "المعرف", "م", "identificador", "codigo", "código", "n°", "nº",
        "numero", "número", "unique_id", "uid", "rec_id", "rec id", "record number", "№",
        "№ з/п", "№ п/п", "номер", "ተ.ቁ", "ቁ.", "ቁ", "ቁጽሪ", "ቁጥር", "ተ.ቁ.",
        "စဉ်", "စဥ်", "အမှတ်", "နံပါတ်",
    ],
    "extra.mother_name": [
        "mother", "mother name", "mother's name", "mothers name", "mother_name", "اسم الأم",
        "اسم الام", "الأم", "الام", "nombre de la madre", "madre", "nom de la mere", "mere",
    ],
    "extra.id_number": [
        "national id", "national_id", "id number", "id_number", "id no", "identity number",
        "passport", "passport number", "الرقم الوطني", "رقم الهوية", "رقم البطاقة",
        "cedula", "cédula", "documento", "numero de documento", "número de documento",
        "numero de identificacion", "número de identificación", "dni", "nif", "nuip",
        "soc_sec_id", "soc sec id", "social security number", "ssn", "national insurance number",
    ],
    "extra.address": [
        "address", "street", "street address", "address 1", "address_1", "address line 1",
        "address 2", "address_2", "address line 2", "العنوان", "direccion", "dirección", "adresse",
    ],
    "extra.street_number": ["street number", "street_number", "house number", "house_number"],
    "extra.occupation": [
        "occupation", "job", "profession", "المهنة", "العمل", "ocupacion", "ocupación",
        "profesion", "profesión", "oficio", "metier", "métier", "emploi",
    ],
    "extra.postcode": ["postcode", "post code", "postal code", "zip", "zip code", "codigo postal", "code postal"],
    "extra.nationality": ["nationality", "citizenship", "الجنسية", "nacionalidad", "nationalite"],
    "extra.ethnicity": [
        "ethnicity", "ethnic group", "etnia", "pertenencia etnica", "ethnie", "tribe", "clan",
        "tribe/ethnicity", "القبيلة", "قبيلة", "العشيرة", "tribu",
    ],
    "extra.email": ["email", "e-mail", "email address", "correo", "correo electronico"],
    "extra.phone": ["phone", "telephone", "phone number", "mobile", "الهاتف", "telefono", "teléfono"],
}  # fmt: skip


def _header_key(text: str) -> str:
    """A header as matched: folded like values, accents dropped (género = genero)."""
    decomposed = unicodedata.normalize("NFKD", fold(text))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


_HEADER_INDEX = {
    _header_key(word): field for field, words in HEADER_WORDS.items() for word in words
}
_ARABIC = re.compile("[\u0600-\u06ff]")
_LATIN = re.compile("[A-Za-z]")
# A word of letters and digits together: a postcode's 'tq13', an id's 'a7f3'; never a name's.
_LETTERS_AND_DIGITS = re.compile(r"\b(?=\w*\d)(?=\w*[^\W\d_])\w+\b")


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
    country_hint: str | None = None  # a pack whose admin units the values are, when none is set
    coarser_places: tuple[str, ...] = ()  # place columns with fewer distinct values than `place`
    without_pack: bool = False  # the workspace chose no country pack
    event_dates: tuple[str, ...] = ()  # date columns in the deaths' years: not births
    not_ages: tuple[str, ...] = ()  # an age header over values that are no ages (bands)
    other_sheets: tuple[str, ...] = ()  # a workbook's sheets not read
    sex_values: tuple[tuple[str, str], ...] = ()  # letters whose reading the column settles
    status_values: tuple[tuple[str, str], ...] = ()  # a yes/no soldier or civilian column's answers
    not_unit_columns: tuple[str, ...] = ()  # headed as the first-level unit, read as places
    not_units: str = ""  # the comment saying why

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
        if self.other_sheets:
            others = ", ".join(_toml_string(s) for s in self.other_sheets)
            lines.append(f"# other sheets: {others} (this one holds the most cells)")
        lines += ["", f"[sources.columns]   # from the header and {self.rows_sampled} sampled rows"]
        if not self.columns:
            lines.append("# no column recognised: map at least `name` (or the name parts) by hand")
        for field, (column, why) in self.columns.items():
            value = (
                _toml_string(column)
                if isinstance(column, str)
                else "[" + ", ".join(_toml_string(c) for c in column) + "]"
            )
            lines.append(f"{field} = {value}   # {why}")
        named: Counter[str] = Counter()
        for column in self.unmapped:
            why = (
                f"{self.not_units}; a coarser place than `place`: uncomment to keep it"
                if column in self.not_unit_columns
                else "a coarser place than `place`: uncomment to keep it"
                if column in self.coarser_places
                else "dates in the same years as the deaths, not births: uncomment to keep them"
                if column in self.event_dates
                else "an age header, but most values are no age in years (bands such as "
                "'18-30'?): recount reads ages only; uncomment to keep the text"
                if column in self.not_ages
                else "not recognised: uncomment to keep it as an extra field, or map it"
            )
            field = _field_name(column)
            named[field] += 1  # headers in other scripts all slug to column_x: keep them apart
            field = field if named[field] == 1 else f"{field}_{named[field]}"
            lines.append(f"# extra.{field} = {_toml_string(column)}   # {why}")
        if self.sex_values:
            lines += [
                "",
                "[sources.values.sex]   # H and M but no F: hombre and mujer, M is female",
            ]
            lines += [f"{_toml_string(raw)} = {_toml_string(sex)}" for raw, sex in self.sex_values]
        if self.status_values:
            column = _toml_string(self.columns["status"][0])
            yes = next(status for _, status in self.status_values if status != "unknown")
            other = "civilian" if yes == "combatant" else "combatant"
            lines += [
                "",
                f"[sources.values.status]   # {column} answers yes or no: yes is a {yes}",
            ]
            for raw, status in self.status_values:
                line = f"{_toml_string(raw)} = {_toml_string(status)}"
                lines.append(
                    line
                    + (f"   # or {other}, if the list means that" if status == "unknown" else "")
                )
        if "governorate" in self.columns and self.without_pack and not self.country_hint:
            lines += [
                "",
                f"# No country pack is set and the {_toml_string(self.columns['governorate'][0])} "
                "values are no shipped pack's units:",
                f"# they are kept as written (governorate_raw) and flagged {UNMAPPED_ADMIN_UNIT}.",
                "# To use them (as strata too), set [project] country to the lists' ISO 3166-1",
                "# code (any country's first-level units are read as ISO 3166-2 names them;",
                f"# packs with places below them: {', '.join(available_packs())}), map each value",
                "# to its ISO 3166-2 code under [sources.values.governorate], or map the column",
                "# as place instead if you do not need the first-level unit.",
            ]
        if self.country_advice:
            lines += ["", f"# {self.country_advice}"]
        return "\n".join(lines) + "\n"

    @property
    def country_advice(self) -> str | None:
        """The pack to choose, when the values are its admin units and none is set."""
        if not self.country_hint:
            return None
        pack = country_pack(self.country_hint)
        return (
            f"The {_toml_string(self.columns['governorate'][0])} values are "
            f"{pack.admin_word_plural} of {pack.name}: set country = "
            f'"{self.country_hint}" under [project] so that they are mapped.'
        )


def _as_tuple(column: str | tuple[str, ...]) -> tuple[str, ...]:
    return (column,) if isinstance(column, str) else column


def _mapped(columns: dict[str, tuple]) -> set[str]:
    """Every column a mapping uses (a field may join several)."""
    return {name for column, _ in columns.values() for name in _as_tuple(column)}


def _field_name(column: str) -> str:
    """A snake_case extra field name for a column (`Postcode (fake)` -> postcode_fake; Cyrillic
    and Ge'ez in Latin letters, `ዞባ` -> zoba)."""
    from recount.names.latin import fold_latin

    name = re.sub(r"[^a-z0-9]+", "_", fold_latin(_header_key(column))).strip("_")
    return name if re.match(r"^[a-z]", name or "") else f"column_{name or 'x'}"


def _toml_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t")
    return f'"{escaped}"'


def suggest_source(path: Path, root: Path | None = None, pack: CountryPack = NO_PACK) -> Suggestion:
    """Detect the file's format and encoding and propose a column mapping.

    Admin units are recognised through `pack` (the workspace's), or without one through every
    pack recount ships; the suggestion then names the country whose units the values are.
    """
    path = Path(path)
    source_id = re.sub(r"[^A-Za-z0-9_-]+", "_", path.stem).strip("_") or "source"
    probe = SourceConfig(id=source_id, path=path, columns={})
    reader, sample = _fullest_sheet(probe, open_reader(probe))
    columns: dict[str, tuple[str, str]] = {}
    by_header = {i: _header_field(name) for i, name in enumerate(sample.column_names)}
    not_units = _units_below_the_first_level(by_header, sample, pack)
    finest = _finest_place(sample, by_header)
    for index, field in by_header.items():
        name = sample.column_names[index]
        if field == "place" and index != finest:
            continue  # a coarser unit (county beside town): left for the user to keep as extra
        if field and field not in columns:
            columns[field] = (name, "header" if index not in not_units else _not_units(pack))
        elif field in SPLIT_PARTS:  # PRIMER APELLIDO, SEGUNDO APELLIDO: one field, two columns
            column, why = columns[field]
            columns[field] = ((*_as_tuple(column), name), f"{why}; joined in this order")
    for index, name in enumerate(sample.column_names):
        mentioned = None if by_header[index] else _header_mentions(name)
        if (
            mentioned
            and mentioned[0] not in columns
            and all(c != name for c, _ in columns.values())
        ):
            columns[mentioned[0]] = (name, f"header mentions {mentioned[1]!r}")
    packs = [pack] if pack.code else [country_pack(code) for code in available_packs()]
    hint = None
    for index, name in enumerate(sample.column_names):
        if by_header[index] or name in _mapped(columns):
            continue
        guess = _guess_from_values(sample.column(index).to_pylist(), set(columns), packs)
        if guess:
            columns[guess[0]] = (name, guess[1])
            hint = guess[2] or hint
    if "governorate" in columns and pack.code is None:  # a single column: not joinable
        hint = hint or _country_of(sample.column(columns["governorate"][0]).to_pylist(), packs)
    _name_scripts(columns, sample)
    _given_name_beside_its_parts(columns, sample)
    _middle_name_of_arabic_names(columns, sample)
    status_values = _status_flag(columns, sample)
    event_dates = _dates_by_span(columns, sample)
    not_ages = _not_ages(columns, sample)
    ordered = {f: columns[f] for f in HEADER_WORDS if f in columns}
    mapped = _mapped(ordered)
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
        other_sheets=tuple(s for s in getattr(reader, "sheets", ()) if s != reader.sheet),
        columns=ordered,
        unmapped=[n for n in sample.column_names if n not in mapped],
        rows_sampled=sample.num_rows,
        country_hint=hint if pack.code is None else None,
        without_pack=pack.code is None,
        coarser_places=tuple(
            sample.column_names[i] for i, f in by_header.items() if f == "place" and i != finest
        ),
        event_dates=tuple(event_dates),
        not_ages=not_ages,
        sex_values=_sex_letters(ordered, sample),
        status_values=status_values,
        not_units=_not_units(pack),
        not_unit_columns=tuple(sample.column_names[i] for i in not_units),
    )


# Headers of a yes/no column that says who was a combatant ('soldier: yes') or who was a
# civilian ('Civilian: Yes'), by what its yes means; and the answers.
COMBATANT_FLAG_HEADERS = {
    "soldier", "soldiers", "military", "combatant", "combatants", "fighter", "serviceman",
    "military personnel", "armed forces", "is_combatant", "is_soldier", "військовий",
    "військовослужбовець", "военный", "военнослужащий", "комбатант", "عسكري", "مقاتل", "militar",
    "combatiente", "militaire", "combattant",
}  # fmt: skip
CIVILIAN_FLAG_HEADERS = {
    "civilian", "civilians", "is_civilian", "is civilian", "civilian victim", "civil",
    "цивільний", "цивільна особа", "гражданский", "мирный житель", "مدني", "civilian?",
}  # fmt: skip
_STATUS_FLAG_KEYS = {
    **{_header_key(word): "civilian" for word in CIVILIAN_FLAG_HEADERS},
    **{_header_key(word): "combatant" for word in COMBATANT_FLAG_HEADERS},
}
YES_WORDS = {fold(w) for w in ("yes", "y", "true", "1", "x", "так", "да", "نعم", "si", "sí", "oui")}
NO_WORDS = {fold(w) for w in ("no", "n", "false", "0", "ні", "нет", "لا", "non")}


def _status_flag(
    columns: dict[str, tuple[str, str]], sample: pa.Table
) -> tuple[tuple[str, str], ...]:
    """Map a yes/no column headed 'soldier' or 'civilian' (or the like) as the status when no
    column is: its 'yes' is a combatant or a civilian; its 'no' stays unknown until the user
    says it means the other."""
    if "status" in columns:
        return ()
    mapped = _mapped(columns)
    for name in sample.column_names:
        meaning = _STATUS_FLAG_KEYS.get(_header_key(name))
        if name in mapped or meaning is None:
            continue
        written = sorted({str(v).strip() for v in sample.column(name).to_pylist() if v is not None})
        written = [w for w in written if w]
        answers = {fold(w) for w in written}
        if not answers & YES_WORDS or not answers <= YES_WORDS | NO_WORDS:
            continue
        columns["status"] = (name, f"a yes/no column naming {meaning}s")
        return tuple((w, meaning if fold(w) in YES_WORDS else "unknown") for w in written)
    return ()


def _sex_letters(
    columns: dict[str, tuple[str, str]], sample: pa.Table
) -> tuple[tuple[str, str], ...]:
    """The sex column's letters as ingest will read them (H/M: hombre/mujer), written out so the
    user sees the reading and can change it."""
    if "sex" not in columns:
        return ()
    cells = sample.column(columns["sex"][0]).to_pylist()
    written = sorted({str(cell).strip() for cell in cells if cell is not None})
    implied = implied_sex_values(written)
    return tuple((raw, implied[fold(raw)]) for raw in written if fold(raw) in implied)


# Below this share of sampled values naming one of the country's first-level units, a column
# headed as one (Swahili 'wilaya' is a district, Arabic 'wilaya' a state) holds places.
FIRST_LEVEL_SHARE = 0.1


def _not_units(pack: CountryPack) -> str:
    return (
        f"headed as a {pack.admin_word}, but no value is one of the {pack.code} "
        f"{pack.admin_word_plural}: a place (map it as governorate, with "
        "[sources.values.governorate], if they are)"
    )


def _units_below_the_first_level(
    by_header: dict[int, str | None], sample: pa.Table, pack: CountryPack
) -> set[int]:
    """A column headed as the first-level unit whose values name none of the workspace
    country's units is a place: mapped as the governorate, every row would be flagged.
    Returns the columns so read."""
    demoted: set[int] = set()
    if pack.code is None:
        return demoted
    for index, field in by_header.items():
        if field != "governorate":
            continue
        texts = [str(v) for v in sample.column(index).to_pylist() if v is not None]
        read = [code for code, flag in recognise_governorate(texts, pack) if code or flag]
        if read and sum(code is not None for code in read) < FIRST_LEVEL_SHARE * len(read):
            by_header[index] = "place"
            demoted.add(index)
    return demoted


def _finest_place(sample: pa.Table, by_header: dict[int, str | None]) -> int | None:
    """Of several columns whose headers name a place (county, town), the one with the most
    distinct values: the finest unit, whatever the words, in any country."""
    places = [i for i, field in by_header.items() if field == "place"]
    return max(places, key=lambda i: len(set(sample.column(i).to_pylist())), default=None)


def _script_share(values: list, pattern: re.Pattern) -> float:
    texts = [str(v) for v in values if v is not None and str(v).strip()]
    return sum(1 for t in texts if pattern.search(t)) / len(texts) if texts else 0.0


def _name_scripts(columns: dict[str, tuple[str, str]], sample: pa.Table) -> None:
    """Map the names in Arabic script as `name` and those in Latin script as `name_latin`,
    whichever column the header words chose: a list holding both says so in its values."""
    if "name" not in columns or "name_latin" in columns or not isinstance(columns["name"][0], str):
        return
    current = columns["name"][0]
    values = sample.column(current).to_pylist()
    if _script_share(values, _LATIN) >= 0.8:
        other = _names_column(sample, _mapped(columns), _ARABIC)
        if other:
            columns["name_latin"] = (current, "Latin-script names")
            columns["name"] = (other, "Arabic-script names")
    elif _script_share(values, _ARABIC) >= 0.8:
        other = _names_column(sample, _mapped(columns), _LATIN)
        if other:
            columns["name_latin"] = (other, "Latin-script names beside the Arabic-script ones")


def _names_column(sample: pa.Table, mapped: set[str], script: re.Pattern) -> str | None:
    """An unmapped column of names in `script`: values of two words or more, mostly distinct
    (places, causes and categories repeat)."""
    for column in sample.column_names:
        if column in mapped:
            continue
        values = sample.column(column).to_pylist()
        texts = [str(v) for v in values if v is not None and str(v).strip()]
        if (
            _script_share(values, script) >= 0.8
            and sum(1 for t in texts if len(t.split()) >= 2) >= 0.8 * len(texts)
            and len(set(texts)) >= 0.5 * len(texts)
        ):
            return column
    return None


def _given_name_beside_its_parts(columns: dict[str, tuple[str, str]], sample: pa.Table) -> None:
    """`name` holding one word per person beside columns of the name's other parts is the
    given name: 'الاسم' or 'Name' heads a full name in one list and a first name in another,
    and only the values tell which."""
    name = columns.get("name", (None,))[0]
    if not isinstance(name, str) or "given_name" in columns:
        return
    if not any(part in columns for part in ("father_name", "grandfather_name", "family_name")):
        return
    from recount.names.burmese import has_burmese

    values = [str(v) for v in sample.column(name).to_pylist() if v and str(v).strip()]
    if sum(map(has_burmese, values)) * 2 > len(values):
        return  # Burmese names are written without spaces, and have no family name
    words = [len(v.split()) for v in values]
    if words and sum(words) / len(words) < GIVEN_NAME_MEAN_WORDS:
        del columns["name"]
        columns["given_name"] = (name, "one word per value beside the name's other parts")


# Headers of a middle name: a second given name in English lists, the father's in Arabic ones.
MIDDLE_NAME_HEADERS = {"middle name", "middle_name", "middle", "second name"}


def _middle_name_of_arabic_names(columns: dict[str, tuple[str, str]], sample: pa.Table) -> None:
    """First and middle name columns joined as the given name, where most first names are
    Arabic names: the middle name is then the father's (Mohamed Adam Abdalla is Mohamed son of
    Adam), and joined it made every father's name part of a given name."""
    given = columns.get("given_name")
    if not given or isinstance(given[0], str) or "father_name" in columns or len(given[0]) != 2:
        return
    first, middle = given[0]
    if _header_key(middle) not in MIDDLE_NAME_HEADERS:
        return
    from recount.names.latin import fold_latin
    from recount.names.parts import arabic_origin

    names = [str(v).strip() for v in sample.column(first).to_pylist() if v and str(v).strip()]
    arabic = sum(1 for n in names if _ARABIC.search(n) or arabic_origin(n, fold_latin(n).split()))
    if names and arabic / len(names) >= 0.5:
        columns["given_name"] = (first, "header")
        columns["father_name"] = (
            middle,
            f"header; {arabic / len(names):.0%} of the first names are Arabic names, whose middle name is the father's",
        )


# An admin level written as a number (admin1, ADM2_EN, "Administrative level 3"): the first
# level is the governorate, any lower one a place.
_ADMIN_LEVEL = re.compile(r"(?<![a-z])adm(?:in(?:istrative)?)?[ _-]*(?:level[ _-]*)?([0-9])")
# A unit below another (subdistrict, sub-prefecture, sub-county): a place.
_SUB_UNIT = re.compile(r"^sub[ _-]?([a-z]+)")


def _header_field(name: str) -> str | None:
    """The canonical field a column name means: whole name, then 'name first', then 'first';
    then an admin level by number, or a unit below a named one."""
    for candidate in (name, name.replace(".", " ").replace("_", " "), name.rsplit(".", 1)[-1]):
        field = _HEADER_INDEX.get(_header_key(candidate))
        if field:
            return field
    key = _header_key(name)
    level = _ADMIN_LEVEL.search(key)
    if level and level.group(1) != "0":
        return "governorate" if level.group(1) == "1" else "place"
    below = _SUB_UNIT.match(key)
    if below and _HEADER_INDEX.get(below.group(1)) in ("governorate", "place"):
        return "place"
    return None


def _header_mentions(name: str) -> tuple[str, str] | None:
    """(field, word) when the header's words name exactly one field (postcode_fake -> postcode)."""
    words = re.split(r"[^\w]+|_", _header_key(name))
    words = [w for w in words if w]
    for size in (3, 2, 1):  # the longest phrase that names a field wins (death date, not date)
        found = {}
        for start in range(len(words) - size + 1):
            phrase = " ".join(words[start : start + size])
            field = _HEADER_INDEX.get(phrase)
            if field and len(phrase) >= 3 and phrase not in GENERIC_WORDS:
                found.setdefault(field, phrase)
        if found:
            return next(iter(found.items())) if len(found) == 1 else None
    return None


def _fullest_sheet(probe: SourceConfig, reader: Reader) -> tuple[Reader, pa.Table]:
    """The reader and sample of the workbook's sheet holding the most cells (a first sheet of
    notes or a title page is not the list); any other format's reader and sample as they are."""
    sheets = getattr(reader, "sheets", ())
    best = (reader, _sample(reader))
    for name in sheets[1:]:
        try:
            other = open_reader(replace(probe, sheet=name))
        except InputError:  # an empty sheet
            continue
        sample = _sample(other)
        if sample.num_rows * sample.num_columns > best[1].num_rows * best[1].num_columns:
            best[0].close()
            best = (other, sample)
        else:
            other.close()
    return best


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


def _guess_from_values(
    values: list, taken: set[str], packs: list[CountryPack]
) -> tuple[str, str, str | None] | None:
    """(field, why, country pack code or None) for a column the header did not name."""
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
        ("status", recognise_status, lambda r: r[1] is None and r[0] != "unknown"),
        ("age", recognise_age, lambda r: r[0] is not None),
    ]
    if "governorate" not in taken:
        best = max(
            (
                (share(recognise_governorate(distinct, p), lambda r: r[0] is not None), p)
                for p in packs
            ),
            key=lambda hit: hit[0],
            default=(0.0, NO_PACK),
        )
        if best[0] >= 0.8:
            unit = best[1].admin_word
            return "governorate", f"{best[0]:.0%} of sampled values are {unit} names", best[1].code
    for field, recognise, ok in checks:
        if field in taken:
            continue
        fraction = share(recognise(distinct), ok)
        if fraction >= 0.8:
            return field, f"{fraction:.0%} of sampled values look like {field}", None
    numbers = sum(counts[t] for t in distinct if t.replace(".", "", 1).isdigit()) / len(texts)
    if not {"date_of_death", "date_of_birth"} <= taken and numbers < 0.8:  # ids are not dates
        parsed, _ = parse_dates(distinct)
        fraction = share(parsed, lambda p: p.date is not None)
        if fraction >= 0.8:
            field = "date_of_death" if "date_of_death" not in taken else "date_of_birth"
            return field, f"{fraction:.0%} of sampled values are dates", None
    multiword = sum(1 for t in distinct if len(t.split()) >= 2) / len(distinct)
    coded = sum(1 for t in distinct if _LETTERS_AND_DIGITS.search(t)) / len(distinct)
    if multiword >= 0.8 and len(distinct) >= 0.5 * len(texts) and coded < 0.2:
        arabic = sum(1 for t in distinct if _ARABIC.search(t)) / len(distinct)
        latin = sum(1 for t in distinct if _LATIN.search(t)) / len(distinct)
        parts = {"given_name", "family_name"} & taken  # the header already names the name
        if arabic >= 0.8 and "name" not in taken and not parts:
            return "name", "multi-word Arabic-script values", None
        if latin >= 0.8 and "name" not in taken and not parts:
            return "name", "multi-word Latin-script values", None
    if (
        "record_ref" not in taken
        and len(distinct) == len(texts)
        and len(texts) >= 5
        and all(len(t) <= 20 and " " not in t for t in distinct)
    ):
        return "record_ref", "unique short values", None
    return None


def _country_of(values: list, packs: list[CountryPack]) -> str | None:
    """The pack in which most of a column's values are admin units (at least half), if any."""
    texts = [str(v).strip() for v in values if v is not None and str(v).strip()]
    best, best_share = None, 0.5
    for pack in packs:
        hits = sum(1 for t in texts if pack.admin_unit(t))
        if texts and hits / len(texts) >= best_share:
            best, best_share = pack.code, hits / len(texts)
    return best


def _dates_by_span(columns: dict[str, tuple[str, str]], sample: pa.Table) -> list[str]:
    """Of two date columns guessed from values, the one whose years span decades is the birth
    date; a second date column in the same years as the deaths (an admission, burial or report
    date) is no birth date: it is left unmapped, and returned."""
    death, birth = columns.get("date_of_death"), columns.get("date_of_birth")
    if not death:
        return []
    years = {
        field: _years(sample, columns[field][0])
        for field in ("date_of_death", "date_of_birth")
        if field in columns
    }
    if (
        birth
        and "header" not in (death[1], birth[1])
        and (_span(years["date_of_death"]) > _span(years["date_of_birth"]))
    ):
        columns["date_of_death"], columns["date_of_birth"] = birth, death
        years = {"date_of_death": years["date_of_birth"], "date_of_birth": years["date_of_death"]}
    elif not birth and death[1] != "header" and _span(years["date_of_death"]) > 30:
        del columns["date_of_death"]
        columns["date_of_birth"] = (death[0], f"{death[1]}, spread over decades like births")
        return []
    birth = columns.get("date_of_birth")
    if (
        birth
        and birth[1] != "header"
        and years["date_of_death"]
        and years["date_of_birth"]
        and _median(years["date_of_death"]) - _median(years["date_of_birth"]) < BIRTH_GAP_MIN_YEARS
    ):
        del columns["date_of_birth"]
        return [birth[0]]
    return []


def _not_ages(columns: dict[str, tuple[str, str]], sample: pa.Table) -> tuple[str, ...]:
    """An age column by its header whose sampled values are mostly no age in years (age
    groups such as '18-30' or '51+'): left unmapped, and returned, rather than mapped and
    every value flagged age_unparsed."""
    age = columns.get("age")
    if not age or not isinstance(age[0], str):
        return ()
    texts = [str(v).strip() for v in sample.column(age[0]).to_pylist() if v is not None]
    texts = [t for t in texts if t]
    read = sum(1 for years, _ in recognise_age(texts) if years is not None)
    if texts and read / len(texts) < 0.5:
        del columns["age"]
        return (age[0],)
    return ()


# A column guessed as births whose typical year is closer than this to the deaths' is another
# date of the same events (admission, burial, report): half the dead would be infants.
BIRTH_GAP_MIN_YEARS = 3


def _years(sample: pa.Table, column: str) -> list[int]:
    parsed, _ = parse_dates([str(v) for v in sample.column(column).to_pylist() if v])
    return sorted(p.date.year for p in parsed if p.date)


def _median(years: list[int]) -> int:
    return years[len(years) // 2]


def _span(years: list[int]) -> int:
    """Years between the 10th and 90th percentiles (0 without dates)."""
    return years[len(years) * 9 // 10] - years[len(years) // 10] if years else 0
