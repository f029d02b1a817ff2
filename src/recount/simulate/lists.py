"""The documentation projects: whom each list reaches, and how it writes its file.

Each list has a capture profile (log-odds effects on being recorded, by
governorate, year, status, area of control; shared informant networks; copying
from another list) and a schema (format, encoding, headers, script, name
layout, value vocabularies, date style, error rates). The ids echo the kind of
groups that documented Syria (VDC, SNHR, SOHR, the government, …); their
profiles are invented, plausible, and documented in docs/simulator.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Capture:
    """Log-odds of a person being on the list (before the global coverage shift)."""

    base: float
    governorate: dict[str, float] = field(default_factory=dict)
    years: dict[int, float] = field(default_factory=dict)  # missing years: 0
    status: dict[str, float] = field(default_factory=dict)  # civilian / combatant
    area: dict[str, float] = field(default_factory=dict)  # opposition / government
    status_in_area: dict[tuple[str, str], float] = field(default_factory=dict)
    women_children: float = 0.0
    network: str | None = None  # lists on the same network share informants
    loading: float = 0.0  # how strongly the shared network drives capture
    hard_to_reach: float = -2.6
    copies_from: str | None = None  # takes records from another list
    copy_rate: float = 0.0
    duplicate_rate: float = 0.03  # records entered twice
    unidentified_rate: float = 0.015  # records with no usable name


@dataclass(frozen=True)
class Errors:
    """Per-record error rates (per name part for typos)."""

    typo: float = 0.02
    drop_father: float = 0.05
    drop_grandfather: float = 0.7
    honorific: float = 0.0
    kunya: float = 0.0  # ' (أبو عمر)' after an adult man's name; three times as often for fighters
    age_missing: float = 0.3
    age_off: float = 0.15
    sex_missing: float = 0.04
    sex_wrong: float = 0.004
    date_missing: float = 0.02
    date_shift: float = 0.08  # off by 1-3 days (sometimes a week or a month)
    date_swap: float = 0.0  # day and month exchanged (when both are <= 12)
    month_only: float = 0.05
    year_only: float = 0.015
    governorate_missing: float = 0.02
    governorate_wrong: float = 0.01
    place_missing: float = 0.15
    status_missing: float = 0.1
    status_flip: float = 0.03
    hamza_dropped: float = 0.3  # أ/إ/آ written ا
    final_letter_variant: float = 0.2  # ة/ه, ى/ي
    compound_joined: float = 0.2  # عبدالرحمن for عبد الرحمن
    article_dropped: float = 0.1  # المصري -> مصري
    spelling_consistency: float = (
        0.75  # share of a name's Latin spellings that use the list's preferred one
    )
    birth_missing: float = 0.0  # date of birth left out (lists that write one)
    drop_second_surname: float = 0.0  # Spanish names: the mother's surname left out
    drop_second_given: float = 0.0  # Spanish names: the second given name left out
    accents_dropped: float = 0.0  # Spanish names and places written without accents
    nickname: float = 0.0  # Spanish names: a nickname (Pacho) for the given name (Francisco)
    married_name: float = 0.0  # Spanish names: a wife written with 'de' + her husband's surname
    age_heaped: float = 0.0  # ages rounded to a multiple of five, as informants guess them
    age_swapped: float = 0.0  # two-digit ages written with their digits exchanged (34 -> 43)
    father_initial: float = 0.0  # Latin names: the father's name as its initial (Mohammad A. ...)


@dataclass(frozen=True)
class Schema:
    """How the list is written to disk, and which column holds which canonical field."""

    file: str
    format: str  # csv | tsv | xlsx | jsonl | parquet
    encoding: str | None  # None for binary formats
    delimiter: str | None
    script: str  # arabic | latin | both
    layout: str  # full | parts | inverted
    columns: dict[str, str]  # canonical field -> header (dotted path for JSON)
    date_style: str  # iso | dmy | mdy | mon | dmy_indic
    governorate_style: str  # arabic | english | pcode | iso
    place_script: str  # arabic | latin
    sex_values: tuple[str, str]  # (male, female)
    status_values: dict[str, str]  # civilian / combatant / unknown -> as written
    ref_prefix: str
    order: str = "date"  # date | random
    article_style: str = "al-"
    uppercase_family: bool = False
    value_maps: dict[str, dict[str, str]] = field(default_factory=dict)  # [sources.values.*]
    name_order: str = "given_first"  # a regime's order for full names (regimes.NAME_ORDERS)
    name_order_share: float = 0.0  # share of records written in `name_order` (0: none)
    romanisation: str = "mixed"  # mixed: any real-world spelling; else one system (regimes.py)


@dataclass(frozen=True)
class ListSpec:
    id: str
    description: str
    capture: Capture
    schema: Schema
    errors: Errors


STRONG_OPPOSITION_AREAS = {
    "SY-RD": 0.8,
    "SY-DI": 0.4,
    "SY-ID": 0.5,
    "SY-HM": 0.3,
    "SY-HI": 0.4,
    "SY-DR": 0.5,
    "SY-HL": 0.3,
}
REMOTE = {"SY-RA": -1.0, "SY-DY": -0.8, "SY-HA": -1.0, "SY-TA": -1.2, "SY-LA": -0.8, "SY-SU": -1.0}

VDC = ListSpec(
    id="vdc",
    description="Arabic CSV (UTF-8 with BOM), one full-name column, strong in opposition-held areas and on civilians",
    capture=Capture(
        base=0.6,
        governorate={**STRONG_OPPOSITION_AREAS, **REMOTE},
        years={2019: -0.5, 2020: -0.7, 2021: -0.9},
        status={"civilian": 0.4, "combatant": -0.2},
        area={"opposition": 0.6, "government": -0.8},
        network="activists",
        loading=0.9,
        duplicate_rate=0.03,
        unidentified_rate=0.015,
    ),
    schema=Schema(
        file="vdc.csv",
        format="csv",
        encoding="utf-8-sig",
        delimiter=",",
        script="arabic",
        layout="full",
        columns={
            "record_ref": "الرقم",
            "name": "الاسم الكامل",
            "sex": "الجنس",
            "age": "العمر",
            "date_of_death": "تاريخ الوفاة",
            "governorate": "المحافظة",
            "place": "المنطقة",
            "status": "الصفة",
        },
        date_style="iso",
        governorate_style="arabic",
        place_script="arabic",
        sex_values=("ذكر", "أنثى"),
        status_values={"civilian": "مدني", "combatant": "غير مدني", "unknown": "غير معروف"},
        ref_prefix="VDC-",
        value_maps={
            "status": {"مدني": "civilian", "غير مدني": "combatant", "غير معروف": "unknown"}
        },
    ),
    errors=Errors(
        honorific=0.2,
        kunya=0.03,
        drop_grandfather=0.85,
        hamza_dropped=0.35,
        compound_joined=0.3,
        age_missing=0.35,
    ),
)

SNHR = ListSpec(
    id="snhr",
    description="XLSX with English headers, names in both scripts, civilians only in practice; shares informants with vdc and copies some of its records",
    capture=Capture(
        base=0.3,
        governorate={
            "SY-HL": 0.5,
            "SY-ID": 0.5,
            "SY-DR": 0.3,
            "SY-RD": 0.3,
            "SY-HA": -0.6,
            "SY-TA": -1.0,
            "SY-SU": -0.8,
            "SY-LA": -0.4,
        },
        status={"civilian": 0.7, "combatant": -1.2},
        area={"opposition": 0.5, "government": -0.5},
        women_children=0.3,
        network="activists",
        loading=0.9,
        copies_from="vdc",
        copy_rate=0.12,
        duplicate_rate=0.04,
        unidentified_rate=0.02,
    ),
    schema=Schema(
        file="snhr.xlsx",
        format="xlsx",
        encoding=None,
        delimiter=None,
        script="both",
        layout="full",
        columns={
            "record_ref": "Record ID",
            "name_latin": "Name",
            "name": "Name (Arabic)",
            "sex": "Gender",
            "age": "Age",
            "date_of_death": "Date of Death",
            "governorate": "Governorate",
            "place": "Area",
            "status": "Category",
        },
        date_style="dmy",
        governorate_style="english",
        place_script="latin",
        sex_values=("Male", "Female"),
        status_values={"civilian": "Civilian", "combatant": "Non-civilian", "unknown": "Unknown"},
        ref_prefix="SN",
        article_style="al-",
        value_maps={
            "status": {"Civilian": "civilian", "Non-civilian": "combatant", "Unknown": "unknown"}
        },
    ),
    errors=Errors(
        kunya=0.02,
        drop_grandfather=0.9,
        date_swap=0.015,
        age_missing=0.25,
        spelling_consistency=0.7,
    ),
)

SOHR = ListSpec(
    id="sohr",
    description="Windows-1256 CSV with name parts in Arabic, strong on combatants of every side",
    capture=Capture(
        base=0.2,
        governorate={"SY-HA": 0.3, "SY-DY": 0.3, "SY-RA": 0.2},
        years={2011: -0.5},
        status={"civilian": -0.1, "combatant": 1.3},
        network="monitors",
        loading=0.8,
        hard_to_reach=-1.8,
        duplicate_rate=0.05,
        unidentified_rate=0.03,
    ),
    schema=Schema(
        file="sohr.csv",
        format="csv",
        encoding="cp1256",
        delimiter=",",
        script="arabic",
        layout="parts",
        columns={
            "given_name": "الاسم",
            "father_name": "اسم الأب",
            "grandfather_name": "اسم الجد",
            "family_name": "الكنية",
            "sex": "الجنس",
            "age": "العمر",
            "date_of_death": "التاريخ",
            "governorate": "المحافظة",
            "place": "المدينة",
            "status": "الوضع",
            "record_ref": "رقم السجل",
        },
        date_style="dmy",
        governorate_style="arabic",
        place_script="arabic",
        sex_values=("ذكر", "أنثى"),
        status_values={"civilian": "مدني", "combatant": "مقاتل", "unknown": "غير محدد"},
        ref_prefix="S",
        order="random",
        value_maps={"status": {"مدني": "civilian", "مقاتل": "combatant", "غير محدد": "unknown"}},
    ),
    errors=Errors(
        drop_grandfather=0.5,
        drop_father=0.1,
        age_missing=0.45,
        hamza_dropped=0.5,
        final_letter_variant=0.35,
        place_missing=0.25,
    ),
)

GOV = ListSpec(
    id="gov",
    description="JSON lines with nested fields, Arabic name parts and p-codes; records soldiers and civilians in government-held areas, few civilians elsewhere",
    capture=Capture(
        base=-0.9,
        governorate={"SY-TA": 0.8, "SY-LA": 0.8, "SY-DI": 0.5, "SY-SU": 0.5},
        status_in_area={
            ("combatant", "government"): 2.2,
            ("civilian", "government"): 0.9,
            ("civilian", "opposition"): -2.5,
            ("combatant", "opposition"): -3.0,
        },
        hard_to_reach=-3.0,
        duplicate_rate=0.01,
        unidentified_rate=0.005,
    ),
    schema=Schema(
        file="gov.jsonl",
        format="jsonl",
        encoding="utf-8",
        delimiter=None,
        script="arabic",
        layout="parts",
        columns={
            "record_ref": "ref",
            "given_name": "name.first",
            "father_name": "name.father",
            "grandfather_name": "name.grandfather",
            "family_name": "name.last",
            "sex": "person.sex",
            "age": "person.age",
            "date_of_death": "death.date",
            "governorate": "death.governorate",
            "place": "death.place",
            "status": "death.category",
        },
        date_style="iso",
        governorate_style="pcode",
        place_script="arabic",
        sex_values=("1", "2"),
        status_values={"civilian": "مدني", "combatant": "عسكري", "unknown": "غير معروف"},
        ref_prefix="G",
        order="random",
        value_maps={
            "sex": {"1": "M", "2": "F"},
            "status": {"مدني": "civilian", "عسكري": "combatant", "غير معروف": "unknown"},
        },
    ),
    errors=Errors(
        drop_grandfather=0.2,
        typo=0.01,
        age_missing=0.05,
        month_only=0.01,
        year_only=0.005,
        hamza_dropped=0.05,
        final_letter_variant=0.05,
        compound_joined=0.05,
        place_missing=0.05,
    ),
)

SCSR = ListSpec(
    id="scsr",
    description="UTF-16 TSV in Latin script with inverted names ('AL-KHATIB, Abd al-Majid'); started in 2013",
    capture=Capture(
        base=0.3,
        governorate={
            "SY-HL": 0.6,
            "SY-ID": 0.6,
            "SY-RD": 0.3,
            "SY-HA": -0.8,
            "SY-SU": -1.0,
            "SY-TA": -1.0,
        },
        years={2011: -3.0, 2012: -2.2, 2013: -0.4},
        status={"civilian": 0.3},
        network="monitors",
        loading=0.8,
        duplicate_rate=0.06,
        unidentified_rate=0.02,
    ),
    schema=Schema(
        file="scsr.tsv",
        format="tsv",
        encoding="utf-16",
        delimiter="\t",
        script="latin",
        layout="inverted",
        columns={
            "record_ref": "No.",
            "name": "Full name (family, given)",
            "sex": "Sex",
            "age": "Age",
            "date_of_death": "Date",
            "governorate": "Province",
            "place": "Town",
            "status": "Status",
        },
        date_style="mon",
        governorate_style="english",
        place_script="latin",
        sex_values=("M", "F"),
        status_values={"civilian": "civilian", "combatant": "fighter", "unknown": "unknown"},
        ref_prefix="",
        article_style="AL-",
        uppercase_family=True,
        value_maps={
            "status": {"civilian": "civilian", "fighter": "combatant", "unknown": "unknown"}
        },
    ),
    errors=Errors(
        drop_grandfather=1.0, drop_father=0.15, typo=0.03, age_missing=0.4, spelling_consistency=0.6
    ),
)

LCC = ListSpec(
    id="lcc",
    description="Parquet with Latin name parts and an Arabic full name; strongest in 2011-2013, then fading",
    capture=Capture(
        base=0.2,
        governorate={"SY-HI": 0.6, "SY-DR": 0.6, "SY-RD": 0.3, "SY-HM": 0.3},
        years={
            2011: 1.2,
            2012: 0.9,
            2013: 0.4,
            2015: -0.9,
            2016: -1.4,
            2017: -2.0,
            2018: -2.5,
            2019: -3.0,
            2020: -3.0,
            2021: -3.0,
        },
        status={"civilian": 0.2},
        area={"opposition": 0.7, "government": -1.0},
        network="activists",
        loading=0.7,
        duplicate_rate=0.03,
    ),
    schema=Schema(
        file="lcc.parquet",
        format="parquet",
        encoding=None,
        delimiter=None,
        script="both",
        layout="parts",
        columns={
            "record_ref": "uid",
            "given_name": "first_name",
            "father_name": "father_name",
            "family_name": "last_name",
            "name": "name_ar",
            "sex": "gender",
            "age": "age",
            "date_of_death": "date_of_death",
            "governorate": "governorate",
            "place": "location",
            "status": "type",
        },
        date_style="mdy",
        governorate_style="iso",
        place_script="latin",
        sex_values=("male", "female"),
        status_values={"civilian": "civilian", "combatant": "combatant", "unknown": "unknown"},
        ref_prefix="LCC",
        article_style="el-",
    ),
    errors=Errors(drop_grandfather=1.0, age_missing=0.5, spelling_consistency=0.8),
)

LOCAL = ListSpec(
    id="local",
    description="ISO-8859-6 CSV (semicolons) from local councils in the south: Daraa, Quneitra, Suwayda only",
    capture=Capture(
        base=1.2,
        governorate={
            "SY-DR": 1.5,
            "SY-QU": 1.5,
            "SY-SU": 1.0,
            **{
                code: -6.0
                for code in (
                    "SY-DI",
                    "SY-HL",
                    "SY-RD",
                    "SY-HI",
                    "SY-HM",
                    "SY-LA",
                    "SY-ID",
                    "SY-HA",
                    "SY-DY",
                    "SY-TA",
                    "SY-RA",
                )
            },
        },
        duplicate_rate=0.02,
    ),
    schema=Schema(
        file="local.csv",
        format="csv",
        encoding="iso-8859-6",
        delimiter=";",
        script="arabic",
        layout="full",
        columns={
            "record_ref": "الرقم",
            "name": "الاسم",
            "sex": "الجنس",
            "age": "العمر",
            "date_of_death": "تاريخ الاستشهاد",
            "governorate": "المحافظة",
            "place": "البلدة",
            "status": "الحالة",
        },
        date_style="dmy",
        governorate_style="arabic",
        place_script="arabic",
        sex_values=("ذكر", "أنثى"),
        status_values={"civilian": "مدني", "combatant": "مقاتل", "unknown": "غير معروف"},
        ref_prefix="L",
        value_maps={"status": {"مدني": "civilian", "مقاتل": "combatant", "غير معروف": "unknown"}},
    ),
    errors=Errors(honorific=0.4, drop_grandfather=0.6, place_missing=0.05),
)

HOSPITAL = ListSpec(
    id="hospital",
    description="XLSX with Arabic headers and Arabic-Indic digits from field hospitals in Aleppo, Rif Dimashq and Idlib, 2013-2018, civilians",
    capture=Capture(
        base=0.8,
        governorate={
            "SY-HL": 1.0,
            "SY-RD": 1.0,
            "SY-ID": 0.8,
            **{
                code: -6.0
                for code in (
                    "SY-DI",
                    "SY-HI",
                    "SY-HM",
                    "SY-LA",
                    "SY-HA",
                    "SY-DY",
                    "SY-TA",
                    "SY-RA",
                    "SY-DR",
                    "SY-SU",
                    "SY-QU",
                )
            },
        },
        years={y: -4.0 for y in (2011, 2012, 2019, 2020, 2021)},
        status={"combatant": -2.0},
        area={"government": -2.0},
        women_children=0.6,
        duplicate_rate=0.02,
        unidentified_rate=0.04,
    ),
    schema=Schema(
        file="hospital.xlsx",
        format="xlsx",
        encoding=None,
        delimiter=None,
        script="arabic",
        layout="full",
        columns={
            "name": "اسم المتوفى",
            "sex": "الجنس",
            "age": "العمر",
            "date_of_death": "تاريخ الوفاة",
            "governorate": "المحافظة",
            "place": "مكان الإصابة",
        },
        date_style="dmy_indic",
        governorate_style="arabic",
        place_script="arabic",
        sex_values=("ذكر", "أنثى"),
        status_values={},
        ref_prefix="",
        order="random",
    ),
    errors=Errors(
        drop_grandfather=0.9,
        drop_father=0.1,
        typo=0.03,
        age_missing=0.2,
        month_only=0.0,
        year_only=0.0,
    ),
)

DEFAULT_LISTS: tuple[ListSpec, ...] = (VDC, SNHR, SOHR, GOV, SCSR, LCC, LOCAL, HOSPITAL)
