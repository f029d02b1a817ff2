"""A conflict and its lists written by another hand, for testing recount's totals (note 83).

    python bench/independent_world.py write DIR [--world guatemala|iraq] [--people 5000] [--seed 1]
    python bench/independent_world.py run [--world ...] [--people ...] [--seeds 1,2,3] [--r-peer]

`write` makes a true population and five lists of it in their own schemas; `run` takes each
seed's lists through the newcomer's path (`recount init`, `sources suggest` pasted unedited,
`recount run`) and through `recount mse` on the true links, and prints one JSON line a seed.

Written from the multiple systems estimation literature, without reading recount.simulate or
the other bench generators, so that the project's totals meet a world they were not tuned on:

- who dies where and when: departments (governorates) of unequal remoteness, a war's years with
  a peak, 40% of the dead in massacres of one village on one day (households among them), as in
  the Guatemalan CEH/REMHI data (Ball, Kobrak and Spirer 1999) and Iraq's 2014-2017 war;
- who is documented: log-normal individual propensities shared by every list (heterogeneity,
  Manrique-Vallier 2016), a hard-to-reach group (people who fled into the mountains or lived in
  remote villages) that most lists rarely reach, coverage that changes by place and year per
  list (Kang, Gile and Price's Syrian lists), a village's informant network that two lists
  share (positive dependence beyond heterogeneity), a forensic list that captures whole
  exhumed massacre sites (clustered capture), a list that copies part of another (with the
  other's typing), and a list that works where the informant networks do not (negative
  dependence);
- the records: names with their spelling variants, typos, dropped second names and surnames,
  family-first order, nicknames and children recorded as 'son of X'; dates exact, shifted,
  month-only, year-only or missing; ages rounded; places misspelt, missing or a neighbour's;
  duplicates within lists; five files in five schemas, encodings and header languages.

The truth goes to DIR/truth: records.csv (source_id, source_row, person_id, for
`recount link --evaluate`), people.csv, and the capture-pattern tables of the true links
(patterns.csv pooled, patterns_year.csv by year) for `recount mse`.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

REPO = Path(__file__).resolve().parent.parent
RECOUNT = [str(REPO / ".venv" / "bin" / "recount")]  # --recount sets another checkout's

# --------------------------------------------------------------------------------------------
# Guatemala, 1979-1984: Spanish given names, two surnames (paternal, maternal), Maya surnames.

GT_MALE = (
    "Juan José Pedro Diego Miguel Francisco Manuel Antonio Tomás Gaspar Jacinto Domingo Sebastián "
    "Nicolás Andrés Pablo Lorenzo Marcos Mateo Santiago Felipe Cristóbal Lucas Alonso Baltazar "
    "Bartolomé Ignacio Julio Carlos Luis Jesús Vicente Rafael Martín Fermín Esteban Rosendo"
).split()
GT_FEMALE = (
    "María Juana Catarina Magdalena Ana Rosa Manuela Josefa Francisca Micaela Tomasa Dominga "
    "Petrona Lucía Isabel Candelaria Margarita Elena Teresa Dolores Concepción Guadalupe Marta "
    "Sebastiana Pascuala Feliciana Andrea Jacinta"
).split()
GT_SURNAMES_MAYA = (
    "Tum Ixcoy Brito Raymundo Cobo Sajic Ajanel Xon Tzoc Quej Xol Caal Choc Pop Ical Tiul Coc "
    "Bol Chen Cuc Tzul Chub Cac Ixchop Sic Batz Cux Yat Chiquin Pacay Ceto Toma Marcos Matom "
    "Velasco Sanchez Chávez Gómez"
).split()
GT_SURNAMES_LADINO = (
    "Pérez García López Hernández González Rodríguez Martínez Morales Ramírez Castillo Méndez "
    "Díaz Ramos Reyes Cruz Ortiz Vásquez Herrera Aguilar Juárez Castellanos Velásquez Gutiérrez "
    "Mejía Orellana Barrios Estrada Figueroa"
).split()
GT_NICKNAMES = {
    "José": "Chepe",
    "Francisco": "Chico",
    "Lorenzo": "Lencho",
    "Antonio": "Toño",
    "Domingo": "Mingo",
    "Jesús": "Chus",
    "Ignacio": "Nacho",
    "Dolores": "Lola",
    "Concepción": "Concha",
    "Guadalupe": "Lupe",
    "Manuel": "Meme",
    "Sebastián": "Chebo",
}
# (name, remoteness 0-1, share of the dead, Maya share, municipios)
GT_DEPARTMENTS = (
    (
        "Quiché",
        0.75,
        0.34,
        0.95,
        (
            "Nebaj",
            "Chajul",
            "San Juan Cotzal",
            "Uspantán",
            "Sacapulas",
            "Zacualpa",
            "Chichicastenango",
        ),
    ),
    (
        "Huehuetenango",
        0.65,
        0.14,
        0.8,
        ("San Mateo Ixtatán", "Barillas", "Nentón", "Todos Santos Cuchumatán", "Chiantla"),
    ),
    (
        "Alta Verapaz",
        0.65,
        0.12,
        0.9,
        ("Cobán", "Chisec", "Panzós", "San Cristóbal Verapaz", "Carchá"),
    ),
    ("Chimaltenango", 0.45, 0.10, 0.8, ("San Martín Jilotepeque", "Comalapa", "Tecpán", "Patzún")),
    ("Baja Verapaz", 0.55, 0.07, 0.7, ("Rabinal", "Cubulco", "Salamá")),
    ("Petén", 0.6, 0.05, 0.3, ("La Libertad", "Sayaxché", "San Benito")),
    ("Guatemala", 0.05, 0.08, 0.2, ("Guatemala", "Mixco", "Villa Nueva", "Chinautla")),
    ("San Marcos", 0.45, 0.05, 0.5, ("Tajumulco", "San Pedro Sacatepéquez", "Malacatán")),
    ("Sololá", 0.4, 0.03, 0.9, ("Santiago Atitlán", "San Lucas Tolimán", "Sololá")),
    ("Escuintla", 0.2, 0.02, 0.1, ("Escuintla", "Santa Lucía Cotzumalguapa")),
)
GT_DEPT_VARIANTS = {
    "Quiché": ("El Quiché", "Quiche", "EL QUICHE"),
    "Alta Verapaz": ("A. Verapaz", "Alta Vera Paz"),
    "Baja Verapaz": ("B. Verapaz", "Baja Vera Paz"),
    "Petén": ("Peten", "El Petén"),
    "Sololá": ("Solola",),
    "Huehuetenango": ("Huehue",),
}
GT_YEARS = ((1979, 0.05), (1980, 0.12), (1981, 0.24), (1982, 0.38), (1983, 0.14), (1984, 0.07))
MONTHS_ES = (
    "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre"
)
MONTHS_EN = "January February March April May June July August September October November December"

# --------------------------------------------------------------------------------------------
# Iraq, 2014-2017: given, father's, grandfather's names and a family or tribal name, in Arabic
# script and the several ways Latin lists write them.

IQ_MALE = (
    ("محمد", "Mohammed", "Muhammad", "Mohamed"),
    ("أحمد", "Ahmed", "Ahmad"),
    ("علي", "Ali"),
    ("حسين", "Hussein", "Husayn", "Hussain"),
    ("حسن", "Hassan", "Hasan"),
    ("عمر", "Omar", "Umar"),
    ("خالد", "Khalid", "Khaled"),
    ("عبد الله", "Abdullah", "Abd Allah", "Abdallah"),
    ("عبد الرحمن", "Abdulrahman", "Abd al-Rahman", "Abdul Rahman"),
    ("إبراهيم", "Ibrahim", "Ebrahim"),
    ("يوسف", "Yousef", "Yusuf", "Youssef"),
    ("مصطفى", "Mustafa", "Mostafa"),
    ("سعد", "Saad", "Sa'ad"),
    ("جاسم", "Jasim", "Jassim", "Jasem"),
    ("كريم", "Karim", "Kareem"),
    ("حيدر", "Haider", "Hayder"),
    (
        "عباس",
        "Abbas",
    ),
    ("صالح", "Salih", "Saleh"),
    ("فاضل", "Fadhil", "Fadil"),
    ("ياسين", "Yasin", "Yaseen"),
    (
        "سلمان",
        "Salman",
    ),
    ("رعد", "Raad", "Ra'ad"),
    ("ماجد", "Majid", "Majed"),
    ("نوري", "Nouri", "Nuri"),
    ("قاسم", "Qasim", "Kasim", "Qassem"),
    ("زياد", "Ziad", "Ziyad"),
    ("وليد", "Walid", "Waleed"),
    ("عادل", "Adil", "Adel"),
    ("طارق", "Tariq", "Tarek"),
    ("هاشم", "Hashim", "Hashem"),
)
IQ_FEMALE = (
    ("فاطمة", "Fatima", "Fatimah"),
    ("زينب", "Zainab", "Zaynab"),
    ("مريم", "Maryam", "Mariam"),
    ("نور", "Noor", "Nur"),
    ("سارة", "Sara", "Sarah"),
    ("هدى", "Huda", "Hoda"),
    ("رقية", "Ruqaya", "Ruqayya"),
    ("خديجة", "Khadija", "Khadeeja"),
    ("آمنة", "Amina", "Amna"),
    ("شيماء", "Shaima", "Shayma"),
    ("سعاد", "Suad", "Souad"),
    ("ليلى", "Layla", "Leila"),
    (
        "حنان",
        "Hanan",
    ),
    ("إيمان", "Iman", "Eman"),
)
IQ_FAMILY = (
    ("الجبوري", "al-Jubouri", "Al Jboori", "Aljubouri"),
    ("الدليمي", "al-Dulaimi", "Al Dulaymi"),
    ("العبيدي", "al-Obaidi", "Al Ubaydi"),
    ("الشمري", "al-Shammari", "Al Shamari"),
    ("الزبيدي", "al-Zubaidi", "Al Zubaydi"),
    ("التميمي", "al-Tamimi", "Al Temimi"),
    ("الحديدي", "al-Hadidi", "Al Hadeedi"),
    ("الطائي", "al-Tai", "Al Taee"),
    ("السبعاوي", "al-Sabawi", "Al Sabaawi"),
    ("البياتي", "al-Bayati", "Al Bayati"),
    ("الجميلي", "al-Jumaili", "Al Jumaily"),
    ("العزاوي", "al-Azzawi", "Al Azawi"),
    ("الكبيسي", "al-Kubaisi", "Al Kubaisy"),
    ("النعيمي", "al-Nuaimi", "Al Nuaimy"),
    ("الحمداني", "al-Hamdani", "Al Hamadani"),
    ("اللهيبي", "al-Luhaibi", "Al Lehaibi"),
    ("المشهداني", "al-Mashhadani", "Al Mashadani"),
    ("الراوي", "al-Rawi", "Al Rawi"),
    ("السامرائي", "al-Samarrai", "Al Samaraie"),
    ("الخزرجي", "al-Khazraji", "Al Khazrajy"),
)
# (English, Arabic, remoteness, share, districts)
IQ_GOVERNORATES = (
    ("Ninawa", "نينوى", 0.6, 0.38, ("Mosul", "Tal Afar", "Sinjar", "Hamdaniya", "Qayyarah")),
    ("Anbar", "الأنبار", 0.6, 0.2, ("Ramadi", "Fallujah", "Hit", "Haditha", "Al-Qaim")),
    ("Salah al-Din", "صلاح الدين", 0.5, 0.14, ("Tikrit", "Baiji", "Samarra", "Al-Dour")),
    ("Diyala", "ديالى", 0.4, 0.1, ("Baqubah", "Muqdadiya", "Khanaqin")),
    ("Kirkuk", "كركوك", 0.4, 0.08, ("Kirkuk", "Hawija", "Daquq")),
    ("Baghdad", "بغداد", 0.05, 0.1, ("Karkh", "Rusafa", "Sadr City", "Abu Ghraib")),
)
IQ_YEARS = ((2014, 0.3), (2015, 0.2), (2016, 0.2), (2017, 0.3))
ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


# --------------------------------------------------------------------------------------------
# The population: who died, where, when, in which event.


def weighted(rng: np.random.Generator, items, weights, size=None):
    weights = np.asarray(weights, float)
    return rng.choice(len(items), size=size, p=weights / weights.sum())


def make_population(rng: np.random.Generator, people: int, world: str) -> pd.DataFrame:
    """People grouped into events (massacres of a village's households, single killings)."""
    places = GT_DEPARTMENTS if world == "guatemala" else IQ_GOVERNORATES
    years = GT_YEARS if world == "guatemala" else IQ_YEARS
    share = [p[2] for p in places] if world == "guatemala" else [p[3] for p in places]
    rows = []
    event = 0
    while len(rows) < people:
        place = weighted(rng, places, share)
        dept = places[place]
        remote = dept[1] if world == "guatemala" else dept[2]
        municipios = dept[-1]
        muni = municipios[rng.integers(len(municipios))]
        year = years[weighted(rng, years, [w for _, w in years])][0]
        day = date(year, 1, 1) + timedelta(days=int(rng.integers(365)))
        massacre = rng.random() < 0.026  # of events: about 40% of the dead die in massacres
        size = int(min(rng.lognormal(2.8, 0.8), 150)) + 3 if massacre else 1
        size = min(size, people - len(rows))
        # A village is remote, or its people had fled to the mountains: the hard-to-reach.
        hard = rng.random() < (0.45 * remote if massacre else 0.25 * remote)
        network = rng.random() < (0.75 - 0.5 * remote)  # survivors who later told the lists
        exhumed = massacre and rng.random() < 0.35
        indigenous = rng.random() < (dept[3] if world == "guatemala" else 0.0)
        households = _households(rng, size)
        for member, household in enumerate(households):
            rows.append(
                {
                    "event": event,
                    "household": f"{event}-{household}",
                    "place": place,
                    "municipio": muni,
                    "year": year,
                    "date": day + timedelta(days=int(rng.integers(0, 2))) if massacre else day,
                    "massacre": massacre,
                    "hard": hard,
                    "network": network,
                    "exhumed": exhumed,
                    "indigenous": indigenous,
                    "remote": remote,
                    "member": member,
                }
            )
        event += 1
    frame = pd.DataFrame(rows[:people])
    frame.insert(0, "person_id", [f"T{i:06d}" for i in range(len(frame))])
    return _name_people(rng, frame, world)


def _households(rng: np.random.Generator, size: int) -> list[int]:
    out, household = [], 0
    while len(out) < size:
        out += [household] * int(rng.integers(1, 7))
        household += 1
    return out[:size]


def zipf_index(rng: np.random.Generator, size: int, exponent: float = 0.8) -> int:
    """A name's rank drawn Zipf-like over a finite list: the first name about 14% of people."""
    weights = 1.0 / np.arange(1, size + 1) ** exponent
    return int(rng.choice(size, p=weights / weights.sum()))


def _name_people(rng: np.random.Generator, frame: pd.DataFrame, world: str) -> pd.DataFrame:
    """Sex, age and a name; a household shares its family name (and, in Iraq, its father)."""
    n = len(frame)
    frame["sex"] = np.where(rng.random(n) < np.where(frame["massacre"], 0.52, 0.78), "M", "F")
    ages = np.where(rng.random(n) < 0.25, rng.integers(0, 15, n), rng.integers(15, 80, n))
    frame["age"] = ages
    names: dict[str, list] = {
        k: [] for k in ("given", "given2", "family", "family2", "father", "grandfather")
    }
    house_family: dict[str, tuple] = {}
    for row in frame.itertuples():
        if world == "guatemala":
            pool = GT_SURNAMES_MAYA if row.indigenous else GT_SURNAMES_LADINO
            if row.household not in house_family:
                house_family[row.household] = (
                    pool[rng.integers(len(pool))],
                    pool[rng.integers(len(pool))],
                )
            fam = house_family[row.household]
            # Children carry both surnames of the household; adults are spouses or siblings.
            family2 = (
                fam[1] if row.age < 15 or rng.random() < 0.5 else pool[rng.integers(len(pool))]
            )
            given = GT_MALE if row.sex == "M" else GT_FEMALE
            names["given"].append(given[zipf_index(rng, len(given))])
            names["given2"].append(given[rng.integers(len(given))] if rng.random() < 0.55 else "")
            names["family"].append(fam[0])
            names["family2"].append(family2 if rng.random() < 0.93 else "")
            names["father"].append("")
            names["grandfather"].append("")
        else:
            if row.household not in house_family:
                house_family[row.household] = (
                    int(rng.integers(len(IQ_FAMILY))),
                    int(rng.integers(len(IQ_MALE))),
                    int(rng.integers(len(IQ_MALE))),
                )
            fam, father, grandfather = house_family[row.household]
            if row.age >= 15 and rng.random() < 0.5:  # an adult brother or a wife: other father
                father, grandfather = (
                    int(rng.integers(len(IQ_MALE))),
                    int(rng.integers(len(IQ_MALE))),
                )
            given = IQ_MALE if row.sex == "M" else IQ_FEMALE
            names["given"].append(("M" if row.sex == "M" else "F", zipf_index(rng, len(given))))
            names["given2"].append("")
            names["family"].append(fam)
            names["family2"].append("")
            names["father"].append(father)
            names["grandfather"].append(grandfather)
    for key, values in names.items():
        frame[key] = values
    return frame


# --------------------------------------------------------------------------------------------
# Capture: who each list documents.

LISTS = ("comision", "iglesia", "forense", "prensa", "ong")


def logistic(x):
    return 1.0 / (1.0 + np.exp(-x))


def capture(rng: np.random.Generator, people: pd.DataFrame, regime: str) -> pd.DataFrame:
    """One 0/1 column per list. `regime` scales the heterogeneity and the dependence."""
    n = len(people)
    strong = regime == "hard"
    sigma = 1.3 if strong else 0.9  # log-normal propensity shared by every list
    z = rng.normal(0.0, sigma, n) - (0.8 if strong else 0.0)  # and lower coverage overall
    year = people["year"].to_numpy()
    year_rank = (year - year.min()) / max(1, year.max() - year.min())
    remote = people["remote"].to_numpy()
    hard = people["hard"].to_numpy()
    network = people["network"].to_numpy()
    massacre = people["massacre"].to_numpy()
    capital = (remote < 0.1).astype(float)
    place = people["place"].to_numpy()
    place_effect = rng.normal(0.0, 0.5, (len(LISTS), place.max() + 1))  # each list's reach
    out = {}
    # A truth commission: broad, flat in time, leans on survivors' testimony.
    eta = -0.6 + z - 1.8 * hard + 1.2 * network + 0.5 * massacre + place_effect[0, place]
    out["comision"] = rng.random(n) < logistic(eta)
    # The church's project: the same informant networks (positive dependence), later years better.
    eta = (
        -1.2
        + z
        - 2.2 * hard
        + (1.8 if strong else 1.2) * network
        + 0.8 * year_rank
        + place_effect[1, place]
    )
    out["iglesia"] = rng.random(n) < logistic(eta)
    # Forensic exhumations: whole massacre sites at once, identified remains only.
    identified = rng.random(n) < logistic(0.4 + 0.6 * z - 1.0 * (people["age"].to_numpy() < 5))
    out["forense"] = people["exhumed"].to_numpy() & identified
    # The press: the capital and the early years, rarely a rural massacre.
    eta = (
        -2.0
        + 0.7 * z
        + 2.5 * capital
        - 1.6 * year_rank
        - 1.0 * massacre * (1 - capital)
        - 1.5 * hard
        + place_effect[3, place]
    )
    out["prensa"] = rng.random(n) < logistic(eta)
    # An NGO in exile: copies part of the press list, and works where the networks did not
    # (negative dependence with the commission and the church).
    copied = out["prensa"] & (rng.random(n) < (0.6 if strong else 0.4))
    eta = (
        -1.6
        + 0.8 * z
        - (1.6 if strong else 1.0) * network
        - 1.0 * hard
        + 0.6 * year_rank
        + place_effect[4, place]
    )
    out["ong"] = copied | (rng.random(n) < logistic(eta))
    frame = pd.DataFrame(out)
    frame["ong_copied"] = copied
    return frame


# --------------------------------------------------------------------------------------------
# Records: each list writes its people its own way, with its own errors.


def typo(rng: np.random.Generator, text: str, world: str) -> str:
    if len(text) < 4:
        return text
    swaps = (
        (
            ("v", "b"),
            ("b", "v"),
            ("z", "s"),
            ("s", "z"),
            ("c", "k"),
            ("qu", "k"),
            ("ll", "y"),
            ("y", "ll"),
            ("x", "sh"),
            ("tz", "ts"),
            ("h", ""),
            ("ch", "sh"),
        )
        if world == "guatemala"
        else (("ou", "u"), ("ee", "i"), ("aa", "a"), ("dh", "d"), ("q", "k"))
    )
    roll = rng.random()
    if roll < 0.5:
        for old, new in rng.permutation(np.array(swaps, dtype=object)):
            if old in text.lower():
                i = text.lower().index(old)
                repl = new.upper() if text[i].isupper() and new else new
                return text[:i] + repl + text[i + len(old) :]
    i = int(rng.integers(1, len(text) - 1))
    if roll < 0.75:
        return text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    if roll < 0.9:
        return text[:i] + text[i + 1 :]
    return text[:i] + "aeiou"[rng.integers(5)] + text[i + 1 :]


def strip_accents(text: str) -> str:
    return text.translate(str.maketrans("áéíóúÁÉÍÓÚñÑü", "aeiouAEIOUnNu"))


@dataclass(frozen=True)
class Style:
    """How a list writes: its error rates."""

    typo: float = 0.05
    drop_given2: float = 0.3
    drop_family2: float = 0.15
    accents: bool = True
    date_exact: float = 0.75
    date_shift: float = 0.1
    date_month: float = 0.07
    date_year: float = 0.04
    age_missing: float = 0.15
    place_missing: float = 0.05
    place_wrong: float = 0.04
    duplicate: float = 0.03
    unnamed_child: float = 0.0


STYLES = {
    "comision": Style(typo=0.04, duplicate=0.02),
    "iglesia": Style(
        typo=0.06,
        drop_given2=0.45,
        date_exact=0.55,
        date_month=0.2,
        date_year=0.1,
        duplicate=0.04,
        unnamed_child=0.3,
    ),
    "forense": Style(
        typo=0.03,
        drop_given2=0.1,
        drop_family2=0.05,
        date_exact=0.85,
        age_missing=0.02,
        duplicate=0.01,
    ),
    "prensa": Style(
        typo=0.1,
        drop_given2=0.6,
        drop_family2=0.5,
        accents=False,
        date_exact=0.6,
        date_shift=0.2,
        age_missing=0.4,
        place_missing=0.1,
        duplicate=0.05,
    ),
    "ong": Style(
        typo=0.07,
        drop_given2=0.4,
        drop_family2=0.3,
        accents=False,
        date_month=0.12,
        duplicate=0.03,
        unnamed_child=0.15,
    ),
}


def recorded_date(rng: np.random.Generator, true: date, style: Style) -> tuple[date | None, str]:
    """The date as the list knows it and its precision: day, month, year or none."""
    roll = rng.random()
    if roll < style.date_exact:
        return true, "day"
    roll -= style.date_exact
    if roll < style.date_shift:
        return true + timedelta(days=int(rng.choice([-1, 1]) * rng.integers(1, 15))), "day"
    roll -= style.date_shift
    if roll < style.date_month:
        return true, "month"
    roll -= style.date_month
    if roll < style.date_year:
        return true, "year"
    return None, "none"


def recorded_age(rng: np.random.Generator, age: int, style: Style) -> int | None:
    if rng.random() < style.age_missing:
        return None
    roll = rng.random()
    if roll < 0.6:
        return int(age)
    if roll < 0.85:
        return max(0, int(age + rng.integers(-3, 4)))
    return int(round(age / 5) * 5) if age >= 10 else int(age)


def record_for(rng, person, list_id: str, world: str) -> dict:
    """The fields a list holds for one person (before its file's formatting)."""
    style = STYLES[list_id]
    rec: dict = {"person_id": person.person_id}
    if world == "guatemala":
        given, given2 = person.given, person.given2
        if given in GT_NICKNAMES and rng.random() < 0.12:
            given = GT_NICKNAMES[given]
        if given2 and rng.random() < style.drop_given2:
            given2 = ""
        elif given2 and rng.random() < 0.1:
            given2 = given2[0] + "."
        family, family2 = person.family, person.family2
        if family2 and rng.random() < style.drop_family2:
            family2 = ""
        if person.sex == "F" and person.age >= 20 and rng.random() < 0.12:
            family2 = (
                (family2 + " " if family2 else "")
                + "de "
                + GT_SURNAMES_LADINO[rng.integers(len(GT_SURNAMES_LADINO))]
            )
        parts = [given, given2, family, family2]
        parts = [typo(rng, p, world) if p and rng.random() < style.typo else p for p in parts]
        if not style.accents:
            parts = [strip_accents(p) for p in parts]
        rec.update(given=parts[0], given2=parts[1], family=parts[2], family2=parts[3])
        rec["unnamed_child"] = person.age < 3 and rng.random() < style.unnamed_child
    else:
        pool = IQ_MALE if person.given[0] == "M" else IQ_FEMALE
        forms = pool[person.given[1]]
        rec["given_ar"], rec["given_lat"] = forms[0], forms[1 + rng.integers(len(forms) - 1)]
        f = IQ_MALE[person.father]
        rec["father_ar"], rec["father_lat"] = f[0], f[1 + rng.integers(len(f) - 1)]
        g = IQ_MALE[person.grandfather]
        rec["grandfather_ar"], rec["grandfather_lat"] = g[0], g[1 + rng.integers(len(g) - 1)]
        fam = IQ_FAMILY[person.family]
        rec["family_ar"], rec["family_lat"] = fam[0], fam[1 + rng.integers(len(fam) - 1)]
        for key in ("given_lat", "father_lat", "family_lat"):
            if rng.random() < style.typo:
                rec[key] = typo(rng, rec[key], world)
        if rng.random() < style.drop_family2:
            rec["family_ar"] = rec["family_lat"] = ""
        if rng.random() < style.drop_given2:
            rec["grandfather_ar"] = rec["grandfather_lat"] = ""
        rec["unnamed_child"] = False
    rec["date"], rec["precision"] = recorded_date(rng, person.date, style)
    rec["age"] = recorded_age(rng, person.age, style)
    rec["sex"] = person.sex
    place, muni = int(person.place), person.municipio
    places = GT_DEPARTMENTS if world == "guatemala" else IQ_GOVERNORATES
    if rng.random() < style.place_wrong:
        place = int(rng.integers(len(places)))
        muni = places[place][-1][rng.integers(len(places[place][-1]))]
    rec["place"] = None if rng.random() < style.place_missing else place
    rec["municipio"] = muni if rng.random() > 0.1 else ""
    return rec


def list_records(
    rng, people: pd.DataFrame, captured: pd.DataFrame, world: str
) -> dict[str, pd.DataFrame]:
    """Each list's records in its own order, with duplicates; the copying list copies records."""
    out: dict[str, list[dict]] = {}
    by_id = {p.person_id: p for p in people.itertuples()}
    for list_id in LISTS:
        style = STYLES[list_id]
        rows = []
        for i in np.flatnonzero(captured[list_id].to_numpy()):
            person = by_id[people["person_id"].iat[i]]
            if list_id == "ong" and captured["ong_copied"].iat[i]:
                continue  # written below, from the press list's record
            rows.append(record_for(rng, person, list_id, world))
            if rng.random() < style.duplicate:
                rows.append(record_for(rng, person, list_id, world))
        out[list_id] = rows
    copied = set(people["person_id"][captured["ong_copied"].to_numpy()])
    for rec in out["prensa"]:
        if rec["person_id"] in copied:
            copy = dict(rec)
            copied.discard(rec["person_id"])  # one copy a person, even if the press has two
            out["ong"].append(copy)
    return {
        k: pd.DataFrame(v)
        .sample(frac=1.0, random_state=int(rng.integers(1 << 31)))
        .reset_index(drop=True)
        for k, v in out.items()
    }


# --------------------------------------------------------------------------------------------
# Files: five schemas.


def place_name(world: str, place, rng, variants: bool) -> str:
    if place is None or (isinstance(place, float) and np.isnan(place)):
        return ""
    place = int(place)
    if world == "guatemala":
        name = GT_DEPARTMENTS[place][0]
        if variants and name in GT_DEPT_VARIANTS and rng.random() < 0.4:
            options = GT_DEPT_VARIANTS[name]
            return options[rng.integers(len(options))]
        return name
    return IQ_GOVERNORATES[place][0]


def full_name_gt(rec, family_first: bool, caps: bool) -> str:
    given = " ".join(p for p in (rec["given"], rec["given2"]) if p)
    family = " ".join(p for p in (rec["family"], rec["family2"]) if p)
    if rec.get("unnamed_child"):
        return f"hijo de {family}" if rec["sex"] == "M" else f"hija de {family}"
    if family_first:
        text = f"{family.upper() if caps else family}, {given}"
    else:
        text = f"{given} {family}"
    return text.upper() if caps and not family_first else text


def date_text(rec, fmt: str) -> str:
    d, precision = rec["date"], rec["precision"]
    if d is None or precision == "none" or (isinstance(d, float) and np.isnan(d)):
        return ""
    if precision == "year":
        return str(d.year)
    if fmt == "es":
        months = MONTHS_ES.split()
        if precision == "month":
            return f"{months[d.month - 1]} de {d.year}"
        return f"{d.day:02d}/{d.month:02d}/{d.year}"
    if fmt == "es_words":
        months = MONTHS_ES.split()
        if precision == "month":
            return f"{months[d.month - 1]} {d.year}"
        return f"{d.day} de {months[d.month - 1]} de {d.year}"
    if fmt == "en":
        months = MONTHS_EN.split()
        if precision == "month":
            return f"{months[d.month - 1]} {d.year}"
        return f"{months[d.month - 1]} {d.day}, {d.year}"
    if precision == "month":
        return f"{d.year}-{d.month:02d}"
    return d.isoformat()


def age_text(age) -> str:
    return "" if age is None or (isinstance(age, float) and np.isnan(age)) else str(int(age))


def write_lists(
    rng, world: str, records: dict[str, pd.DataFrame], lists_dir: Path
) -> dict[str, str]:
    """Write each list; return list id -> file name."""
    lists_dir.mkdir(parents=True, exist_ok=True)
    writer = write_guatemala if world == "guatemala" else write_iraq
    return writer(rng, records, lists_dir)


def write_guatemala(rng, records, lists_dir: Path) -> dict[str, str]:
    files = {}
    sex_es = {"M": "Masculino", "F": "Femenino"}
    # 1. The commission: UTF-8 CSV, Spanish headers, names in two columns.
    rows = []
    for i, rec in enumerate(records["comision"].to_dict("records")):
        given = " ".join(p for p in (rec["given"], rec["given2"]) if p)
        family = " ".join(p for p in (rec["family"], rec["family2"]) if p)
        if rec["unnamed_child"]:
            given = "N.N."
        rows.append(
            {
                "No.": i + 1,
                "Nombres": given,
                "Apellidos": family,
                "Sexo": sex_es[rec["sex"]],
                "Edad": age_text(rec["age"]),
                "Fecha de muerte": date_text(rec, "es"),
                "Departamento": place_name("guatemala", rec["place"], rng, False),
                "Municipio": rec["municipio"],
            }
        )
    pd.DataFrame(rows).to_csv(lists_dir / "comision.csv", index=False, encoding="utf-8")
    files["comision"] = "comision.csv"
    # 2. The church: XLSX with a title row, one name field family first, place 'Municipio, Depto'.
    rows = []
    for rec in records["iglesia"].to_dict("records"):
        place = ", ".join(
            p for p in (rec["municipio"], place_name("guatemala", rec["place"], rng, True)) if p
        )
        rows.append(
            {
                "NOMBRE COMPLETO": full_name_gt(rec, family_first=rng.random() < 0.7, caps=True),
                "SEXO": "Hombre" if rec["sex"] == "M" else "Mujer",
                "EDAD": age_text(rec["age"]),
                "FECHA DEL HECHO": date_text(rec, "es_words"),
                "LUGAR": place,
            }
        )
    path = lists_dir / "iglesia.xlsx"
    with pd.ExcelWriter(path, engine="openpyxl") as xl:
        pd.DataFrame([["Proyecto de recuperación de la memoria: víctimas de ejecución"]]).to_excel(
            xl, index=False, header=False, startrow=0
        )
        pd.DataFrame(rows).to_excel(xl, index=False, startrow=2)
    files["iglesia"] = "iglesia.xlsx"
    # 3. Forensic: JSON lines, every name part its own field, ages as ranges.
    path = lists_dir / "forense.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for i, rec in enumerate(records["forense"].to_dict("records")):
            age = rec["age"]
            age_field = (
                ""
                if age is None or (isinstance(age, float) and np.isnan(age))
                else (f"{int(age)}-{int(age) + 5}" if rng.random() < 0.3 else str(int(age)))
            )
            out.write(
                json.dumps(
                    {
                        "caso": f"FAFG-{1000 + i}",
                        "primer_nombre": rec["given"],
                        "segundo_nombre": rec["given2"],
                        "primer_apellido": rec["family"],
                        "segundo_apellido": rec["family2"],
                        "sexo": rec["sex"],
                        "edad": age_field,
                        "fecha_hecho": date_text(rec, "iso"),
                        "departamento": place_name("guatemala", rec["place"], rng, False),
                        "municipio": rec["municipio"],
                    },
                    ensure_ascii=False,
                )
                + "\n"
            )
    files["forense"] = "forense.jsonl"
    # 4. The press: Windows-1252, semicolons, English headers, 'Given Family' without accents.
    rows = []
    for rec in records["prensa"].to_dict("records"):
        place = ", ".join(
            p for p in (rec["municipio"], place_name("guatemala", rec["place"], rng, True)) if p
        )
        rows.append(
            {
                "Victim name": full_name_gt(rec, family_first=False, caps=False),
                "Date": date_text(rec, "en"),
                "Location": place,
                "Age": age_text(rec["age"]),
                "Gender": "male" if rec["sex"] == "M" else "female",
            }
        )
    pd.DataFrame(rows).to_csv(
        lists_dir / "prensa.csv", index=False, sep=";", encoding="cp1252", errors="replace"
    )
    files["prensa"] = "prensa.csv"
    # 5. The NGO: Parquet, snake_case, dates as ISO text.
    rows = []
    for rec in records["ong"].to_dict("records"):
        rows.append(
            {
                "nombre_completo": full_name_gt(rec, family_first=False, caps=rng.random() < 0.3),
                "sexo": rec["sex"],
                "edad": age_text(rec["age"]),
                "fecha": date_text(rec, "iso"),
                "departamento": place_name("guatemala", rec["place"], rng, True),
                "municipio": rec["municipio"],
            }
        )
    pd.DataFrame(rows).to_parquet(lists_dir / "ong.parquet", index=False)
    files["ong"] = "ong.parquet"
    return files


def write_iraq(rng, records, lists_dir: Path) -> dict[str, str]:
    files = {}
    gov_ar = {i: g[1] for i, g in enumerate(IQ_GOVERNORATES)}
    # 1. A ministry list: Arabic XLSX, name in four Arabic columns, Arabic-Indic digits.
    rows = []
    for rec in records["comision"].to_dict("records"):
        d = date_text(rec, "es").translate(ARABIC_DIGITS)
        rows.append(
            {
                "الاسم": rec["given_ar"],
                "اسم الأب": rec["father_ar"],
                "اسم الجد": rec["grandfather_ar"],
                "اللقب": rec["family_ar"],
                "الجنس": "ذكر" if rec["sex"] == "M" else "أنثى",
                "العمر": age_text(rec["age"]).translate(ARABIC_DIGITS),
                "تاريخ الوفاة": d,
                "المحافظة": ""
                if rec["place"] is None or pd.isna(rec["place"])
                else gov_ar[int(rec["place"])],
                "القضاء": rec["municipio"],
            }
        )
    pd.DataFrame(rows).to_excel(lists_dir / "comision.xlsx", index=False)
    files["comision"] = "comision.xlsx"
    # 2. A local NGO: Windows-1256 CSV, one Arabic full-name field.
    rows = []
    for rec in records["iglesia"].to_dict("records"):
        name = " ".join(
            p
            for p in (rec["given_ar"], rec["father_ar"], rec["grandfather_ar"], rec["family_ar"])
            if p
        )
        rows.append(
            {
                "الاسم الكامل": name,
                "الجنس": "ذكر" if rec["sex"] == "M" else "أنثى",
                "العمر": age_text(rec["age"]),
                "التاريخ": date_text(rec, "iso"),
                "المحافظة": ""
                if rec["place"] is None or pd.isna(rec["place"])
                else gov_ar[int(rec["place"])],
            }
        )
    pd.DataFrame(rows).to_csv(
        lists_dir / "iglesia.csv", index=False, encoding="cp1256", errors="replace"
    )
    files["iglesia"] = "iglesia.csv"
    # 3. Mass graves: JSON lines, Latin name parts.
    with (lists_dir / "forense.jsonl").open("w", encoding="utf-8") as out:
        for i, rec in enumerate(records["forense"].to_dict("records")):
            out.write(
                json.dumps(
                    {
                        "case": f"MG-{1000 + i}",
                        "first_name": rec["given_lat"],
                        "father_name": rec["father_lat"],
                        "grandfather_name": rec["grandfather_lat"],
                        "family_name": rec["family_lat"],
                        "sex": rec["sex"],
                        "age": age_text(rec["age"]),
                        "date_of_death": date_text(rec, "iso"),
                        "governorate": place_name("iraq", rec["place"], rng, False),
                        "district": rec["municipio"],
                    }
                )
                + "\n"
            )
    files["forense"] = "forense.jsonl"
    # 4. Press monitoring: English CSV, one Latin full name.
    rows = []
    for rec in records["prensa"].to_dict("records"):
        name = " ".join(p for p in (rec["given_lat"], rec["father_lat"], rec["family_lat"]) if p)
        rows.append(
            {
                "Name": name,
                "Date": date_text(rec, "en"),
                "Location": ", ".join(
                    p for p in (rec["municipio"], place_name("iraq", rec["place"], rng, False)) if p
                ),
                "Age": age_text(rec["age"]),
                "Gender": "male" if rec["sex"] == "M" else "female",
            }
        )
    pd.DataFrame(rows).to_csv(lists_dir / "prensa.csv", index=False, encoding="utf-8")
    files["prensa"] = "prensa.csv"
    # 5. An exile group: Parquet, both scripts.
    rows = []
    for rec in records["ong"].to_dict("records"):
        rows.append(
            {
                "name_ar": " ".join(
                    p for p in (rec["given_ar"], rec["father_ar"], rec["family_ar"]) if p
                ),
                "name_en": " ".join(
                    p for p in (rec["given_lat"], rec["father_lat"], rec["family_lat"]) if p
                ),
                "sex": rec["sex"],
                "age": age_text(rec["age"]),
                "date": date_text(rec, "iso"),
                "governorate": place_name("iraq", rec["place"], rng, False),
            }
        )
    pd.DataFrame(rows).to_parquet(lists_dir / "ong.parquet", index=False)
    files["ong"] = "ong.parquet"
    return files


def write_world(out: Path, world: str, people: int, seed: int, regime: str) -> dict:
    """Write DIR/lists and DIR/truth; return a summary of the truth."""
    rng = np.random.default_rng(
        [seed, people, 0 if world == "guatemala" else 1, 0 if regime == "mild" else 1]
    )
    population = make_population(rng, people, world)
    captured = capture(rng, population, regime)
    records = list_records(rng, population, captured, world)
    files = write_lists(rng, world, records, out / "lists")
    truth = out / "truth"
    truth.mkdir(parents=True, exist_ok=True)
    rows = []
    for list_id, frame in records.items():
        rows.append(
            pd.DataFrame(
                {
                    "source_id": Path(files[list_id]).stem,
                    "source_row": np.arange(1, len(frame) + 1),
                    "person_id": frame["person_id"],
                }
            )
        )
    pd.concat(rows).to_csv(truth / "records.csv", index=False)
    flags = pd.DataFrame({lst: captured[lst].astype(int) for lst in LISTS})
    people_out = population[["person_id", "place", "year", "massacre", "hard", "network"]].join(
        flags
    )
    people_out.to_csv(truth / "people.csv", index=False)
    seen = flags[flags.sum(axis=1) > 0]
    patterns = seen.value_counts().rename("count").reset_index()
    patterns.to_csv(truth / "patterns.csv", index=False)
    by_year = seen.join(population["year"]).value_counts().rename("count").reset_index()
    by_year[["year", *LISTS, "count"]].to_csv(truth / "patterns_year.csv", index=False)
    return {
        "people": int(len(population)),
        "documented": int(len(seen)),
        "records": int(sum(len(r) for r in records.values())),
        "per_list": {k: int(len(v)) for k, v in records.items()},
        "true_singleton_share": round(float((seen.sum(axis=1) == 1).mean()), 4),
        "hard_share": round(float(population["hard"].mean()), 3),
    }


# --------------------------------------------------------------------------------------------
# The newcomer's path and the true links.


def sh(args: list[str], cwd: Path, timeout: int = 1800) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_COLOR="1", COLUMNS="200")
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    if result.returncode != 0:
        raise RuntimeError(
            f"{' '.join(args[:3])} failed ({result.returncode}): {result.stderr[-2000:]}"
        )
    return result


def newcomer(base: Path, files: list[str]) -> Path:
    """`recount init` (no country pack), `sources suggest` for each list appended unedited."""
    ws = base / "ws"
    if ws.exists():
        shutil.rmtree(ws)
    sh([*RECOUNT, "init", str(ws)], base)
    shutil.copytree(base / "lists", ws / "lists")
    for name in files:
        block = sh([*RECOUNT, "sources", "suggest", f"lists/{name}"], ws).stdout
        with (ws / "recount.toml").open("a", encoding="utf-8") as toml:
            toml.write("\n" + block)
    return ws


def linkage_accuracy(ws: Path, truth: Path) -> dict:
    """Pairwise precision/recall of recount's clusters, and its singleton share, against the truth."""
    sh([*RECOUNT, "export", "clusters", "--out", "clusters.csv"], ws)
    clusters = pd.read_csv(ws / "clusters.csv")
    true = pd.read_csv(truth / "records.csv")
    both = clusters.merge(true, on=["source_id", "source_row"], suffixes=("", "_true"))
    left = both[["person_id", "person_id_true"]].set_axis(["found", "true"], axis=1)
    lists_found = both.groupby("person_id")["source_id"].nunique()
    lists_true = both.groupby("person_id_true")["source_id"].nunique()

    def pairs(groups):
        sizes = groups.value_counts()
        return int((sizes * (sizes - 1) // 2).sum())

    tp = pairs(left["found"] + "|" + left["true"])
    found, true_pairs = pairs(left["found"]), pairs(left["true"])
    return {
        "records_scored": int(len(left)),
        "pairwise_precision": round(tp / found, 4) if found else None,
        "pairwise_recall": round(tp / true_pairs, 4) if true_pairs else None,
        "people_found": int(left["found"].nunique()),
        "singleton_share": round(float((lists_found == 1).mean()), 4),
        "true_singleton_share": round(float((lists_true == 1).mean()), 4),
    }


def headline(ws: Path) -> dict:
    sh([*RECOUNT, "export", "estimates", "--out", "estimates.csv"], ws)
    est = pd.read_csv(ws / "estimates.csv")
    total = est[(est["preferred"] == True) & est["level"].astype(str).str.startswith("total")]  # noqa: E712
    row = total.iloc[0]
    methods = est[est["level"].astype(str).str.startswith("total")][
        ["level", "method", "estimate", "lower", "upper", "rhat", "flag"]
    ]
    return {
        "level": row["level"],
        "method": row["method"],
        "documented": int(row["documented"]),
        "estimate": float(row["estimate"]),
        "lower": float(row["lower"]),
        "upper": float(row["upper"]),
        "rhat": None if pd.isna(row["rhat"]) else float(row["rhat"]),
        "ess": None if pd.isna(row["ess"]) else float(row["ess"]),
        "flag": "" if pd.isna(row["flag"]) else row["flag"],
        "others": methods.to_dict("records"),
    }


def unimputed(ws: Path, truth_n: int) -> dict:
    """The headline with people of unknown stratum kept apart (as before note 83)."""
    apart = ws.parent / "ws_apart"
    shutil.copytree(ws, apart, dirs_exist_ok=True)
    toml = (apart / "recount.toml").read_text(encoding="utf-8")
    toml = toml.replace("[estimate]\n", "[estimate]\nimpute_unknown_strata = false\n", 1)
    (apart / "recount.toml").write_text(toml, encoding="utf-8")
    sh([*RECOUNT, "estimate"], apart, timeout=3000)
    head = headline(apart)
    shutil.rmtree(apart, ignore_errors=True)
    return head | score(truth_n, head)


def true_links_mse(base: Path, methods: list[str], seed: int) -> dict:
    out = {}
    for method in methods:
        target = base / f"mse_{method}.csv"
        sh(
            [
                *RECOUNT,
                "mse",
                "truth/patterns.csv",
                "--method",
                method,
                "--seed",
                str(seed),
                "--out",
                str(target),
            ],
            base,
        )
        row = pd.read_csv(target).iloc[0]
        out[method] = {
            k: (None if pd.isna(row[k]) else round(float(row[k]), 3))
            for k in ("estimate", "lower", "upper", "rhat", "ess", "seconds")
        }
    return out


def true_links_by_year(base: Path, methods: list[str], people: int, seed: int) -> dict:
    """`recount mse --strata year` on the true links: per method, the sum of the years'
    estimates against the truth and how many years' intervals hold their truth."""
    target = base / "mse_year.csv"
    flags = [arg for method in methods for arg in ("--method", method)]
    sh([*RECOUNT, "mse", "truth/patterns_year.csv", "--strata", "year", *flags, "--seed",
        str(seed), "--out", str(target)], base)  # fmt: skip
    rows = pd.read_csv(target)
    truth = pd.read_csv(base / "truth" / "people.csv").groupby("year").size().rename("truth")
    rows = rows.merge(truth, left_on="year", right_index=True)
    rows["covered"] = (rows["lower"] <= rows["truth"]) & (rows["truth"] <= rows["upper"])
    out = {}
    for method, group in rows.groupby("method"):
        out[method] = {
            "sum": round(float(group["estimate"].sum()), 1),
            "error": round(float(group["estimate"].sum()) / people - 1, 4),
            "years_covered": f"{int(group['covered'].sum())}/{len(group)}",
            "max_rhat": None
            if group["rhat"].isna().all()
            else round(float(group["rhat"].max()), 3),
        }
    return out


def r_peer(base: Path, seed: int) -> dict:
    env = dict(os.environ, R_LIBS="/work/peer/lib")
    started = time.time()
    result = subprocess.run(
        [
            "Rscript",
            str(REPO / "bench" / "lcmcr_peer.R"),
            "truth/patterns.csv",
            "r_draws.csv",
            str(seed),
            "10000",
            "2000",
            "10",
            "10",
        ],
        cwd=base,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    if result.returncode != 0:
        return {"error": result.stderr[-500:]}
    draws = pd.read_csv(base / "r_draws.csv")["N"]
    return {
        "estimate": float(draws.median()),
        "lower": float(draws.quantile(0.025)),
        "upper": float(draws.quantile(0.975)),
        "seconds": round(time.time() - started, 1),
        "line": json.loads(result.stdout.strip().splitlines()[-1]),
    }


def score(truth_n: int, fit: dict) -> dict:
    est, lo, hi = fit["estimate"], fit["lower"], fit["upper"]
    return {"error": round(est / truth_n - 1, 4), "covered": bool(lo <= truth_n <= hi)}


def run_seed(args, seed: int) -> dict:
    base = Path(args.workdir) / f"{args.world}_{args.regime}_{args.people}_{seed}"
    if base.exists():
        shutil.rmtree(base)
    base.mkdir(parents=True)
    truth = write_world(base, args.world, args.people, seed, args.regime)
    files = sorted(p.name for p in (base / "lists").iterdir())
    line: dict = {
        "world": args.world,
        "regime": args.regime,
        "people": args.people,
        "seed": seed,
        "truth": truth,
    }
    try:
        ws = newcomer(base, files)
        started = time.time()
        sh([*RECOUNT, "run"], ws, timeout=3000)
        line["run_seconds"] = round(time.time() - started, 1)
        line["linkage"] = linkage_accuracy(ws, base / "truth")
        head = headline(ws)
        line["headline"] = head | score(args.people, head)
        if args.unimputed:
            line["headline_unimputed"] = unimputed(ws, args.people)
    except (RuntimeError, subprocess.TimeoutExpired, StopIteration, IndexError, KeyError) as exc:
        line["failed"] = str(exc)[-800:]
    line["true_links"] = {
        m: fit | score(args.people, fit)
        for m, fit in true_links_mse(base, args.methods.split(","), seed).items()
    }
    line["true_links_by_year"] = true_links_by_year(
        base, args.methods.split(","), args.people, seed
    )
    if args.r_peer:
        fit = r_peer(base, seed)
        line["true_links"]["r_lcmcr"] = fit | (score(args.people, fit) if "estimate" in fit else {})
    if not args.keep:
        shutil.rmtree(base / "ws", ignore_errors=True)
    return line


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    write = sub.add_parser("write", help="write one world's lists and truth")
    write.add_argument("out", type=Path)
    run = sub.add_parser("run", help="the newcomer's path and the true links, one JSON line a seed")
    run.add_argument("--seeds", default="1,2,3")
    run.add_argument("--workdir", default="/tmp/independent_world")
    run.add_argument("--methods", default="lcmcr,loglinear,dga")
    run.add_argument("--r-peer", action="store_true", help="R's LCMCR on the true links too")
    run.add_argument("--keep", action="store_true", help="keep each seed's workspace")
    run.add_argument(
        "--unimputed", action="store_true", help="also the headline with unknown strata apart"
    )
    run.add_argument("--recount", help="the recount executable (default: this checkout's)")
    for p in (write, run):
        p.add_argument("--world", choices=("guatemala", "iraq"), default="guatemala")
        p.add_argument("--people", type=int, default=5000)
        p.add_argument("--regime", choices=("mild", "hard"), default="mild")
    write.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if getattr(args, "recount", None):
        RECOUNT[:] = [args.recount]
    if args.command == "write":
        print(json.dumps(write_world(args.out, args.world, args.people, args.seed, args.regime)))
        return
    for seed in (int(s) for s in args.seeds.split(",")):
        print(json.dumps(run_seed(args, seed), default=str), flush=True)


if __name__ == "__main__":
    sys.exit(main())
