"""The Colombian world's lists: whom each reaches and how it writes its file.

The ids echo the kinds of sources that document Colombia's dead (a government victims'
registry, a memory centre, a human-rights NGO database, the forensic institute, the press);
their profiles are invented and plausible, not models of those institutions.
"""

from __future__ import annotations

from recount.simulate.lists import Capture, Errors, ListSpec, Schema

PACIFIC_AND_SOUTH = {"CO-CHO": 0.5, "CO-NAR": 0.4, "CO-CAU": 0.4, "CO-PUT": 0.4, "CO-CAQ": 0.3}
REMOTE = {"CO-GUV": -1.0, "CO-VAU": -1.2, "CO-GUA": -1.2, "CO-VID": -1.0, "CO-AMA": -1.0}

RUV = ListSpec(
    id="ruv",
    description="government victims' registry: XLSX, capitals without accents, given names and "
    "surnames in two columns, id numbers, DANE department codes; registration began late",
    capture=Capture(
        base=1.0,
        governorate=REMOTE,
        years={y: -1.5 + 0.1 * (y - 1985) for y in range(1985, 1998)},
        status={"civilian": 0.5, "combatant": -2.0},
        hard_to_reach=-2.0,
        duplicate_rate=0.04,
        unidentified_rate=0.005,
    ),
    schema=Schema(
        file="ruv.xlsx",
        format="xlsx",
        encoding=None,
        delimiter=None,
        script="latin",
        layout="parts",
        columns={
            "record_ref": "ID",
            "given_name": "NOMBRES",
            "family_name": "APELLIDOS",
            "extra.id_number": "DOCUMENTO",
            "sex": "SEXO",
            "date_of_birth": "FECHA_NACIMIENTO",
            "date_of_death": "FECHA_HECHO",
            "governorate": "COD_DPTO",
            "place": "MUNICIPIO",
        },
        date_style="dmy",
        governorate_style="dane",
        place_script="upper",
        sex_values=("HOMBRE", "MUJER"),
        status_values={},
        ref_prefix="RUV",
        order="random",
        uppercase_family=True,
    ),
    errors=Errors(
        typo=0.02,
        accents_dropped=1.0,
        drop_second_given=0.1,
        drop_second_surname=0.05,
        birth_missing=0.2,
        sex_missing=0.01,
        date_missing=0.01,
        month_only=0.05,
        year_only=0.03,
        place_missing=0.03,
        governorate_missing=0.02,
    ),
)

CNMH = ListSpec(
    id="cnmh",
    description="memory centre: UTF-8 CSV, full names given-first with accents, department names, "
    "ISO dates; strong on massacres and on the 1980s-1990s",
    capture=Capture(
        base=0.3,
        governorate=PACIFIC_AND_SOUTH,
        years={y: 0.6 for y in range(1985, 1996)} | {y: -0.5 for y in range(2010, 2017)},
        status={"civilian": 0.4, "combatant": -0.5},
        network="memory",
        loading=0.8,
        duplicate_rate=0.03,
        unidentified_rate=0.02,
    ),
    schema=Schema(
        file="cnmh.csv",
        format="csv",
        encoding="utf-8",
        delimiter=",",
        script="latin",
        layout="full",
        columns={
            "record_ref": "Código",
            "name": "Nombre completo",
            "sex": "Sexo",
            "age": "Edad",
            "date_of_death": "Fecha",
            "governorate": "Departamento",
            "place": "Municipio",
            "status": "Calidad de la víctima",
        },
        date_style="iso",
        governorate_style="name",
        place_script="name",
        sex_values=("Masculino", "Femenino"),
        status_values={
            "civilian": "Civil",
            "combatant": "Combatiente",
            "unknown": "Sin información",
        },
        ref_prefix="CNMH-",
    ),
    errors=Errors(
        typo=0.02,
        accents_dropped=0.1,
        drop_second_given=0.2,
        drop_second_surname=0.15,
        married_name=0.3,
        age_missing=0.3,
        date_missing=0.02,
    ),
)

CINEP = ListSpec(
    id="cinep",
    description="human-rights NGO database: Windows-1252 CSV with semicolons, names often without "
    "accents or second names, long Spanish dates, the place with its department in brackets",
    capture=Capture(
        base=0.1,
        governorate={**PACIFIC_AND_SOUTH, "CO-ANT": 0.3, "CO-SAN": 0.3, "CO-NSA": 0.3},
        status={"civilian": 0.6, "combatant": -1.5},
        area={"opposition": 0.3},
        network="memory",
        loading=0.8,
        duplicate_rate=0.03,
        unidentified_rate=0.03,
    ),
    schema=Schema(
        file="cinep.csv",
        format="csv",
        encoding="cp1252",
        delimiter=";",
        script="latin",
        layout="full",
        columns={
            "name": "Víctima",
            "sex": "Sexo",
            "age": "Edad",
            "date_of_death": "Fecha",
            "place": "Lugar",
            "status": "Tipo",
        },
        date_style="es",
        governorate_style="name",
        place_script="with_department",
        sex_values=("M", "F"),
        status_values={
            "civilian": "Civil",
            "combatant": "Combatiente",
            "unknown": "Sin información",
        },
        ref_prefix="",
        order="random",
        value_maps={
            "status": {
                "Civil": "civilian",
                "Combatiente": "combatant",
                "Sin información": "unknown",
            }
        },
    ),
    errors=Errors(
        typo=0.03,
        accents_dropped=0.5,
        drop_second_given=0.4,
        drop_second_surname=0.35,
        nickname=0.03,
        age_missing=0.5,
        month_only=0.1,
        year_only=0.05,
        place_missing=0.05,
    ),
)

MEDLEGAL = ListSpec(
    id="medlegal",
    description="forensic institute: Parquet, full names in capitals, dates of birth and death, "
    "ISO 3166-2 department codes, many unidentified bodies (N.N.)",
    capture=Capture(
        base=0.0,
        governorate={"CO-ANT": 0.4, "CO-VAC": 0.4, "CO-DC": 0.8, **REMOTE},
        years={y: -1.0 for y in range(1985, 1995)},
        status={"combatant": 0.6},
        network="state",
        loading=0.7,
        duplicate_rate=0.01,
        unidentified_rate=0.08,
    ),
    schema=Schema(
        file="medlegal.parquet",
        format="parquet",
        encoding=None,
        delimiter=None,
        script="latin",
        layout="full",
        columns={
            "record_ref": "caso",
            "name": "nombre",
            "sex": "sexo",
            "age": "edad",
            "date_of_birth": "fecha_nacimiento",
            "date_of_death": "fecha_muerte",
            "governorate": "departamento",
            "place": "municipio",
        },
        date_style="iso",
        governorate_style="iso",
        place_script="upper",
        sex_values=("M", "F"),
        status_values={},
        ref_prefix="ML",
        uppercase_family=True,
    ),
    errors=Errors(
        typo=0.01,
        accents_dropped=0.3,
        drop_second_given=0.05,
        drop_second_surname=0.05,
        birth_missing=0.3,
        age_missing=0.1,
        month_only=0.0,
        year_only=0.0,
        date_missing=0.0,
    ),
)

PRENSA = ListSpec(
    id="prensa",
    description="press reports: JSON lines, names as journalists write them (often given name and "
    "one surname, nicknames), places as free text, month-only dates common",
    capture=Capture(
        base=-0.6,
        governorate={"CO-DC": 1.0, "CO-ANT": 0.4, "CO-VAC": 0.3, **REMOTE},
        years={y: 0.5 for y in range(1997, 2006)},
        status={"civilian": 0.2},
        network="state",
        loading=0.5,
        copies_from="cnmh",
        copy_rate=0.05,
        duplicate_rate=0.06,
        unidentified_rate=0.04,
    ),
    schema=Schema(
        file="prensa.jsonl",
        format="jsonl",
        encoding="utf-8",
        delimiter=None,
        script="latin",
        layout="full",
        columns={
            "name": "victima.nombre",
            "age": "victima.edad",
            "date_of_death": "hecho.fecha",
            "place": "hecho.lugar",
            "governorate": "hecho.departamento",
        },
        date_style="es",
        governorate_style="name",
        place_script="name",
        sex_values=("hombre", "mujer"),
        status_values={},
        ref_prefix="",
        order="random",
    ),
    errors=Errors(
        typo=0.03,
        accents_dropped=0.2,
        drop_second_given=0.6,
        drop_second_surname=0.5,
        nickname=0.08,
        age_missing=0.4,
        month_only=0.2,
        year_only=0.05,
        place_missing=0.1,
        governorate_missing=0.4,
    ),
)

COLOMBIA_LISTS: tuple[ListSpec, ...] = (RUV, CNMH, CINEP, MEDLEGAL, PRENSA)
