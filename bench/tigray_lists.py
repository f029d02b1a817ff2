"""Four lists of the dead in a Tigray-like war, 2020-11 to 2022-11, as a new user would get them.

Not recount.simulate, nor any other generator here: written by hand, from what a statistician
in the Horn of Africa knows of such lists, to try recount in a country it has never seen.
Names have no family name: a given name, the father's given name and the grandfather's
(Tesfay Gebru Hagos); brothers share the last two, a son's father's name is his father's given
name. Lists write two or three of the names, in Ge'ez script (Tigrinya or Amharic spelling,
`ገ/መድህን` for Gebremedhin) or in Latin letters spelt several ways (Tesfay, Tesfaye, Tesfai).
Ages, never birth dates. Massacres kill dozens in one woreda on one day, often brothers.

Lists (capture depends on the list, on the person, and on where and how they died):
  diaspora.xlsx  a diaspora network, English, a title row above the header, one Latin
                 'Full Name' cell, Male/Female, date cells or '28/11/2020' or 'November 2020',
                 Zone / Woreda / Place. Reaches people with relatives abroad; 4% twice.
  tabia.csv      local administrations (tabias), Tigrinya, UTF-8 with BOM, Ge'ez names in three
                 columns, ተባዕታይ/ኣንስተይቲ, dates in the Ethiopian calendar ('19/03/2013',
                 'ሕዳር 19 2013', '19/03/2013 ዓ.ም.'). Cannot reach the occupied Western zone.
  church.txt     parishes, Amharic, UTF-16 tab-separated (Excel's 'Unicode text'), one Ge'ez
                 name cell in Amharic spelling, some with አቶ / ወ/ሮ in front, ወንድ/ሴት,
                 Gregorian ISO dates. Commemorates massacre victims above all; 3% twice.
  ghent.csv      an academic database, English, Windows-1252, 'name' often given + father only,
                 M/F, ISO dates or 'Nov-2020'; draws on diaspora reports like diaspora.xlsx
                 (positive dependence: the same people, 30% of shared records copied verbatim).

Truth in truth/records.csv (source_id, source_row, person_id), truth/people.json, and
truth/capture.csv (one 0/1 column per list and a count: the true capture table, unobserved
people excluded). Names are never printed.
Usage: python bench/tigray_lists.py OUT --seed 1 [--people 3000]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
from collections import Counter
from pathlib import Path

import numpy as np
import openpyxl

START, END = dt.date(2020, 11, 4), dt.date(2022, 11, 2)

# Latin spellings (the first most common) and the Tigrinya spelling in Ge'ez.
MALE = [
    (["Tesfay", "Tesfaye", "Tesfai"], "ተስፋይ"),
    (["Gebremedhin", "Gebre Medhin", "Gebremedhn"], "ገብረመድህን"),
    (["Haile", "Hayle"], "ኃይለ"),
    (["Berhane", "Birhane", "Brhane"], "ብርሃነ"),
    (["Kidane", "Kidanie"], "ኪዳነ"),
    (["Gebreegziabher", "Gebre Egziabher", "Gebregziabher"], "ገብረእግዚኣብሄር"),
    (["Hagos", "Hagoss"], "ሓጎስ"),
    (["Mebrahtu", "Mebratu"], "መብራህቱ"),
    (["Tekle", "Tecle", "Takla"], "ተኽለ"),
    (["Gebru", "Gebrou"], "ገብሩ"),
    (["Abraha", "Abreha"], "ኣብርሃ"),
    (["Kahsay", "Kahsai", "Kassay"], "ካሕሳይ"),
    (["Girmay", "Germay", "Girmai"], "ግርማይ"),
    (["Yohannes", "Yohanes", "Johannes"], "ዮሃንስ"),
    (["Mulugeta", "Mulugueta"], "ሙሉጌታ"),
    (["Desta", "Dessta"], "ደስታ"),
    (["Weldu", "Woldu"], "ወልዱ"),
    (["Asefa", "Assefa"], "ኣሰፋ"),
    (["Gebremichael", "Gebre Michael", "Gebremikael"], "ገብረሚካኤል"),
    (["Hailu", "Haylu"], "ሃይሉ"),
    (["Tsegay", "Tsegaye", "Tsegai"], "ጸጋይ"),
    (["Fitsum", "Fisum"], "ፍጹም"),
    (["Mehari", "Mehary"], "መሓሪ"),
    (["Aregawi", "Aregawy"], "ኣረጋዊ"),
    (["Negash", "Negasch"], "ነጋሽ"),
    (["Berhe", "Berhie"], "በርሀ"),
    (["Amanuel", "Emmanuel"], "ኣማኑኤል"),
    (["Goitom", "Goytom"], "ጎይቶም"),
    (["Gebreslassie", "Gebre Selassie", "Gebreselassie"], "ገብረስላሴ"),
    (["Niguse", "Nigussie", "Negusse"], "ንጉሰ"),
    (["Araya", "Araia"], "ኣርኣያ"),
    (["Tewelde", "Tewolde", "Teweldé"], "ተወልደ"),
    (["Hadush", "Haddush"], "ሃዱሽ"),
    (["Gebrehiwet", "Gebre Hiwot", "Gebrehiwot"], "ገብረሕይወት"),
    (["Shishay", "Shishai"], "ሽሻይ"),
    (["Kiros", "Kiross"], "ኪሮስ"),
    (["Atsbeha", "Atsbaha"], "ኣጽብሃ"),
    (["Gidey", "Guidey", "Gidei"], "ግደይ"),
    (["Hailemariam", "Haile Mariam"], "ሃይለማርያም"),
    (["Teklay", "Teklai"], "ተኽላይ"),
    (["Mesfin", "Mesfen"], "መስፍን"),
    (["Abadi", "Abbadi"], "ኣባዲ"),
    (["Gebrekidan", "Gebre Kidan"], "ገብረኪዳን"),
    (["Solomon", "Selomon"], "ሰሎሞን"),
    (["Meles", "Melles"], "መለስ"),
    (["Redae", "Redai"], "ረዳኢ"),
    (["Gebreyohannes", "Gebre Yohannes"], "ገብረዮሃንስ"),
    (["Bahta", "Bahita"], "ባህታ"),
    (["Daniel"], "ዳኒኤል"),
    (["Alem", "Alemu"], "ኣለም"),
]
FEMALE = [
    (["Letay", "Letai"], "ለታይ"),
    (["Mebrat", "Mebrhat"], "መብራት"),
    (["Tsega", "Tsegga"], "ጸጋ"),
    (["Hiwet", "Hiwot"], "ሕይወት"),
    (["Azeb", "Azieb"], "ኣዜብ"),
    (["Selam", "Salam"], "ሰላም"),
    (["Mulu", "Mullu"], "ሙሉ"),
    (["Lemlem", "Lemelem"], "ለምለም"),
    (["Kidist", "Qidist"], "ቅድስቲ"),
    (["Tirhas", "Terhas", "Trhas"], "ትርሓስ"),
    (["Abrehet", "Abrehot"], "ኣብርሀት"),
    (["Freweini", "Fireweyni"], "ፍረወይኒ"),
    (["Senait", "Senayit"], "ሰናይት"),
    (["Tsehaye", "Tsehay"], "ጸሃየ"),
    (["Meaza", "Maaza"], "መኣዛ"),
    (["Almaz", "Almas"], "ኣልማዝ"),
    (["Genet", "Ghenet"], "ገነት"),
    (["Mihret", "Mehret"], "ምሕረት"),
    (["Saba"], "ሳባ"),
    (["Aster", "Astier"], "ኣስቴር"),
    (["Rahel", "Rachel"], "ራሄል"),
    (["Yirgalem", "Yrgalem"], "ይርጋለም"),
    (["Zewdi", "Zewdie"], "ዘውዲ"),
    (["Hirut", "Hiruth"], "ሂሩት"),
    (["Nigisti", "Negesti"], "ንግስቲ"),
    (["Akberet", "Akeberet"], "ኣኽበረት"),
]
# Tigrinya letters an Amharic writer spells otherwise.
AMHARIC = str.maketrans({"ኣ": "አ", "ሓ": "ሐ", "ኽ": "ክ", "ቕ": "ቅ", "ቐ": "ቀ"})

ZONES = {  # English, Tigrinya
    "W": ("Western", "ምዕራባዊ"),
    "NW": ("North Western", "ሰሜን ምዕራባዊ"),
    "C": ("Central", "ማእከላይ"),
    "E": ("Eastern", "ምብራቓዊ"),
    "SE": ("South Eastern", "ደቡባዊ ምብራቓዊ"),
    "S": ("Southern", "ደቡባዊ"),
    "M": ("Mekelle", "መቐለ"),
}
WOREDAS = [  # Latin spellings, Ge'ez, zone, weight
    (["Humera", "Setit Humera"], "ሑመራ", "W", 3),
    (["Mai Kadra", "Maykadra", "May Kadra"], "ማይካድራ", "W", 2),
    (["Dansha"], "ዳንሻ", "W", 1),
    (["Shire", "Shire Endaselassie"], "ሽረ", "NW", 3),
    (["Axum", "Aksum"], "ኣኽሱም", "C", 3),
    (["Adwa", "Adua"], "ዓድዋ", "C", 3),
    (["Abi Adi", "Abiy Addi"], "ዓብይ ዓዲ", "C", 2),
    (["Adigrat"], "ዓዲግራት", "E", 3),
    (["Wukro", "Wuqro"], "ውቕሮ", "E", 2),
    (["Hawzen", "Hawzien"], "ሓውዜን", "E", 2),
    (["Zalambessa", "Zalanbesa"], "ዛላምበሳ", "E", 1),
    (["Samre"], "ሳምረ", "SE", 1),
    (["Hintalo", "Hintalo Wajirat"], "ሕንጣሎ", "SE", 2),
    (["Mekelle", "Mekele", "Makalle"], "መቐለ", "M", 4),
    (["Maychew", "Maichew", "Mai Chew"], "ማይጨው", "S", 2),
    (["Alamata"], "ኣላማጣ", "S", 2),
]
# (woreda index, date, share of the people): many dead in one place on one day.
MASSACRES = [
    (1, dt.date(2020, 11, 9), 0.040),
    (0, dt.date(2020, 11, 12), 0.013),
    (4, dt.date(2020, 11, 28), 0.065),
    (8, dt.date(2020, 11, 30), 0.020),
    (14, dt.date(2021, 1, 8), 0.022),
    (5, dt.date(2021, 1, 15), 0.020),
    (11, dt.date(2021, 2, 20), 0.013),
    (6, dt.date(2021, 6, 22), 0.021),
    (3, dt.date(2022, 10, 14), 0.016),
]
PERIODS = [  # (first day, last day, weight): fighting comes in waves
    (dt.date(2020, 11, 4), dt.date(2021, 6, 30), 0.60),
    (dt.date(2021, 7, 1), dt.date(2022, 3, 31), 0.22),
    (dt.date(2022, 4, 1), dt.date(2022, 7, 31), 0.05),
    (dt.date(2022, 8, 1), dt.date(2022, 11, 2), 0.13),
]
ET_MONTHS_TI = [
    "መስከረም",
    "ጥቅምቲ",
    "ሕዳር",
    "ታሕሳስ",
    "ጥሪ",
    "ለካቲት",
    "መጋቢት",
    "ሚያዝያ",
    "ግንቦት",
    "ሰነ",
    "ሓምለ",
    "ነሓሰ",
    "ጳጉሜን",
]
EN_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
ET_EPOCH = 1723856  # Amete Mihret, as a Julian day number


def to_ethiopian(day: dt.date) -> tuple[int, int, int]:
    """(year, month, day) in the Ethiopian calendar: 12 months of 30 days and Pagume."""
    jdn = day.toordinal() + 1721425
    r = (jdn - ET_EPOCH) % 1461
    n = r % 365 + 365 * (r // 1460)
    year = 4 * ((jdn - ET_EPOCH) // 1461) + r // 365 - r // 1460
    return year, n // 30 + 1, n % 30 + 1


def zipf_choice(rng, n: int, size=None, s: float = 1.0):
    """Index into a list whose first entries are the commonest, as names are."""
    w = 1.0 / np.arange(1, n + 1) ** s
    return rng.choice(n, size=size, p=w / w.sum())


def people(rng, n: int) -> list[dict]:
    """The dead: names (brothers and sons among a massacre's dead), place, day, age."""
    out: list[dict] = []
    wweights = np.array([w[3] for w in WOREDAS], float)
    events = [(w, d, max(5, round(share * n))) for w, d, share in MASSACRES]
    while sum(e[2] for e in events) < 0.35 * n:  # small massacres: a village, a day
        period = PERIODS[rng.choice(len(PERIODS), p=[p[2] for p in PERIODS])]
        day = period[0] + dt.timedelta(int(rng.integers((period[1] - period[0]).days + 1)))
        events.append(
            (
                int(rng.choice(len(WOREDAS), p=wweights / wweights.sum())),
                day,
                int(rng.integers(5, 16)),
            )
        )
    for woreda, day, size in events:
        first = len(out)
        for _ in range(size):
            kin = out[int(rng.integers(first, len(out)))] if len(out) > first else None
            out.append(person(rng, woreda, day, True, kin))
    while len(out) < n:
        period = PERIODS[rng.choice(len(PERIODS), p=[p[2] for p in PERIODS])]
        day = period[0] + dt.timedelta(int(rng.integers((period[1] - period[0]).days + 1)))
        out.append(
            person(
                rng, int(rng.choice(len(WOREDAS), p=wweights / wweights.sum())), day, False, None
            )
        )
    out = out[:n]
    for i, p in enumerate(rng.permutation(len(out))):
        out[p]["person_id"] = f"P{i + 1:05d}"
    return out


def person(rng, woreda: int, day: dt.date, massacre: bool, kin: dict | None) -> dict:
    male = rng.random() < (0.85 if massacre else 0.72)
    given = int(zipf_choice(rng, len(MALE) if male else len(FEMALE), s=0.8))
    father, grandfather = (int(i) for i in zipf_choice(rng, len(MALE), size=2, s=0.8))
    age = int(np.clip(rng.gamma(5.0, 7.0), 1, 90))
    if (
        kin is not None and rng.random() < 0.35
    ):  # a brother or sister: same father, same grandfather
        father, grandfather = kin["father"], kin["grandfather"]
        age = int(np.clip(kin["age"] + rng.integers(-12, 13), 1, 90))
    elif (
        kin is not None and kin["male"] and kin["age"] >= 36 and rng.random() < 0.15
    ):  # a son or daughter
        father, grandfather = kin["given"], kin["father"]
        age = int(np.clip(kin["age"] - rng.integers(18, 35), 1, 90))
    return {
        "male": bool(male),
        "given": given,
        "father": father,
        "grandfather": grandfather,
        "age": age,
        "woreda": woreda,
        "date": day,
        "massacre": massacre,
        "diaspora": bool(rng.random() < 0.3),  # relatives abroad: they report the death
    }


def latin(rng, table, index: int, compound_split: float = 0.2) -> str:
    """One Latin spelling: the usual one mostly, another sometimes; 'Gebre Medhin' as well."""
    spellings = table[index][0]
    w = np.array([3.0] + [1.0] * (len(spellings) - 1))
    s = spellings[int(rng.choice(len(spellings), p=w / w.sum()))]
    if s.startswith("Gebre") and " " not in s and rng.random() < compound_split:
        s = "G/" + s[5:] if rng.random() < 0.4 else "Gebre " + s[5:].capitalize()
    return s


def geez(rng, table, index: int, amharic: bool = False) -> str:
    """The Ge'ez spelling; 'ገ/መድህን' for a Gebre- name sometimes, Amharic letters on request."""
    s = table[index][1]
    if s.startswith("ገብረ") and rng.random() < 0.15:
        s = "ገ/" + s[3:]
    return s.translate(AMHARIC) if amharic else s


def noisy_age(rng, age: int) -> int:
    return int(np.clip(age + round(rng.normal(0, 2.5)), 0, 95))


def shifted(rng, p: dict, spread: float) -> dt.date:
    """The day a list gives: a massacre's day exactly, another death a day or two off at times."""
    if p["massacre"] or rng.random() > spread:
        return p["date"]
    return p["date"] + dt.timedelta(int(rng.choice([-2, -1, 1, 2])))


def capture(rng, ps: list[dict]) -> dict[str, list[int]]:
    """Which people each list holds (indices, duplicates repeated), and which ghent copies."""
    lists: dict[str, list[int]] = {"diaspora": [], "tabia": [], "church": [], "ghent": []}
    for i, p in enumerate(ps):
        zone = WOREDAS[p["woreda"]][2]
        pa = 0.20 + 0.40 * p["diaspora"] + 0.10 * p["massacre"]
        pt = (0.08 if zone == "W" else 0.55) * (0.8 if p["date"] > dt.date(2021, 6, 28) else 1.0)
        pc = 0.55 if p["massacre"] else 0.10
        pg = 0.10 + 0.40 * p["diaspora"] + 0.15 * p["massacre"]
        for name, prob, twice in (
            ("diaspora", pa, 0.04),
            ("tabia", pt, 0.02),
            ("church", pc, 0.03),
            ("ghent", pg, 0.0),
        ):
            if rng.random() < prob:
                lists[name].append(i)
                if rng.random() < twice:
                    lists[name].append(i)
    for name in lists:
        lists[name] = [int(x) for x in rng.permutation(lists[name])]
    return lists


def full_latin(rng, p: dict, parts: int, split: float = 0.2) -> str:
    given = latin(rng, MALE if p["male"] else FEMALE, p["given"], split)
    names = [given, latin(rng, MALE, p["father"], split), latin(rng, MALE, p["grandfather"], split)]
    return " ".join(names[:parts])


def write_diaspora(rng, out: Path, ps, idx) -> list[dict]:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Victims"
    ws.append(
        [
            "Tigray: list of civilians killed, compiled from families' reports (as of 1 December 2022)"
        ]
    )
    ws.append(
        [
            "No.",
            "Full Name",
            "Sex",
            "Age",
            "Date of Death",
            "Zone",
            "Woreda",
            "Place of incident",
            "Remarks",
        ]
    )
    texts = []
    for row, i in enumerate(idx, 1):
        p = ps[i]
        name = full_latin(rng, p, 3 if rng.random() < 0.7 else 2)
        if rng.random() < 0.08:
            name = name.upper()
        day = shifted(rng, p, 0.3)
        r = rng.random()
        date = day if r < 0.6 else (day.strftime("%d/%m/%Y") if r < 0.85 else day.strftime("%B %Y"))
        w = WOREDAS[p["woreda"]]
        age = noisy_age(rng, p["age"]) if rng.random() < 0.8 else None
        remark = "massacre" if p["massacre"] and rng.random() < 0.5 else ""
        place = latin(rng, [w], 0) + " town" if rng.random() < 0.3 else ""
        ws.append(
            [
                row,
                name,
                "Male" if p["male"] else "Female",
                age,
                date,
                ZONES[w[2]][0],
                latin(rng, [w], 0),
                place,
                remark,
            ]
        )
        if isinstance(date, dt.date):
            ws.cell(ws.max_row, 5).number_format = "dd/mm/yyyy"
        texts.append({"name": name})
    wb.save(out / "diaspora.xlsx")
    return texts


def write_tabia(rng, out: Path, ps, idx) -> None:
    header = ["ተ.ቁ", "ሽም", "ሽም ኣቦ", "ሽም ኣባሓጎ", "ጾታ", "ዕድመ", "ዕለት ሞት", "ዞባ", "ወረዳ", "ጣብያ"]
    with open(out / "tabia.csv", "w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        for row, i in enumerate(idx, 1):
            p = ps[i]
            y, m, d = to_ethiopian(shifted(rng, p, 0.2))
            r = rng.random()
            if r < 0.55:
                date = f"{d:02d}/{m:02d}/{y}"
            elif r < 0.85:
                date = f"{ET_MONTHS_TI[m - 1]} {d} {y}"
            else:
                date = f"{d:02d}/{m:02d}/{y} ዓ.ም."
            wo = WOREDAS[p["woreda"]]
            grandfather = geez(rng, MALE, p["grandfather"]) if rng.random() < 0.8 else ""
            w.writerow(
                [
                    row,
                    geez(rng, MALE if p["male"] else FEMALE, p["given"]),
                    geez(rng, MALE, p["father"]),
                    grandfather,
                    "ተባዕታይ" if p["male"] else "ኣንስተይቲ",
                    noisy_age(rng, p["age"]) if rng.random() < 0.9 else "",
                    date,
                    ZONES[wo[2]][1],
                    wo[1],
                    "",
                ]
            )


def write_church(rng, out: Path, ps, idx) -> None:
    lines = ["\t".join(["ተ.ቁ", "ሙሉ ስም", "ፆታ", "እድሜ", "የሞተበት ቀን", "ቦታ", "ደብር"])]
    for row, i in enumerate(idx, 1):
        p = ps[i]
        parts = [
            geez(rng, MALE if p["male"] else FEMALE, p["given"], True),
            geez(rng, MALE, p["father"], True),
        ]
        if rng.random() < 0.6:
            parts.append(geez(rng, MALE, p["grandfather"], True))
        if rng.random() < 0.2:
            parts.insert(0, "አቶ" if p["male"] else "ወ/ሮ")
        age = noisy_age(rng, p["age"])
        age_text = f"{age} ዓመት" if rng.random() < 0.3 else str(age)
        wo = WOREDAS[p["woreda"]]
        day = shifted(rng, p, 0.3)
        lines.append(
            "\t".join(
                [
                    str(row),
                    " ".join(parts),
                    "ወንድ" if p["male"] else "ሴት",
                    age_text,
                    day.isoformat(),
                    wo[1].translate(AMHARIC),
                    "",
                ]
            )
        )
    (out / "church.txt").write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-16"))


def write_ghent(rng, out: Path, ps, idx, diaspora_idx, diaspora_texts) -> None:
    first_row = {}
    for row, i in enumerate(diaspora_idx):
        first_row.setdefault(i, row)
    with open(out / "ghent.csv", "w", encoding="cp1252", newline="") as f:
        w = csv.writer(f)
        w.writerow(
            ["id", "name", "gender", "age", "date", "location", "woreda", "zone", "perpetrator"]
        )
        for row, i in enumerate(idx, 1):
            p = ps[i]
            if (
                i in first_row and rng.random() < 0.3
            ):  # taken from the diaspora list as it was written
                name = diaspora_texts[first_row[i]]["name"]
            else:
                name = full_latin(rng, p, 3 if rng.random() < 0.4 else 2, 0.1)
            day = shifted(rng, p, 0.3)
            date = (
                day.isoformat() if rng.random() < 0.8 else f"{EN_MONTHS[day.month - 1]}-{day.year}"
            )
            wo = WOREDAS[p["woreda"]]
            age = noisy_age(rng, p["age"]) if rng.random() < 0.85 else ""
            perp = rng.choice(["EDF", "ENDF", "Amhara forces", "unknown", "airstrike"])
            w.writerow(
                [
                    f"TG{row:04d}",
                    name,
                    "M" if p["male"] else "F",
                    age,
                    date,
                    latin(rng, [wo], 0),
                    latin(rng, [wo], 0),
                    ZONES[wo[2]][0],
                    perp,
                ]
            )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--people", type=int, default=3000)
    a = ap.parse_args()
    rng = np.random.default_rng(a.seed)
    ps = people(rng, a.people)
    lists = capture(rng, ps)
    (a.out / "lists").mkdir(parents=True, exist_ok=True)
    (a.out / "truth").mkdir(parents=True, exist_ok=True)
    texts = write_diaspora(rng, a.out / "lists", ps, lists["diaspora"])
    write_tabia(rng, a.out / "lists", ps, lists["tabia"])
    write_church(rng, a.out / "lists", ps, lists["church"])
    write_ghent(rng, a.out / "lists", ps, lists["ghent"], lists["diaspora"], texts)
    with open(a.out / "truth" / "records.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["source_id", "source_row", "person_id"])
        for name, idx in lists.items():
            for row, i in enumerate(idx, 1):
                w.writerow([name, row, ps[i]["person_id"]])
    seen = {name: {ps[i]["person_id"] for i in idx} for name, idx in lists.items()}
    patterns = Counter(tuple(int(p["person_id"] in seen[n]) for n in lists) for p in ps)
    with open(a.out / "truth" / "capture.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow([*lists, "count"])
        for pattern, count in sorted(patterns.items()):
            if any(pattern):
                w.writerow([*pattern, count])
    fields = ("person_id", "male", "age", "woreda", "massacre", "diaspora")
    people_json = [
        {
            **{k: p[k] for k in fields},
            "date": p["date"].isoformat(),
            "zone": WOREDAS[p["woreda"]][2],
            "lists": [n for n in lists if p["person_id"] in seen[n]],
        }
        for p in ps
    ]
    (a.out / "truth" / "people.json").write_text(json.dumps(people_json))
    documented = sum(1 for p in people_json if p["lists"])
    print(
        json.dumps(
            {
                "people": len(ps),
                "documented": documented,
                "records": {n: len(i) for n, i in lists.items()},
            }
        )
    )


if __name__ == "__main__":
    main()
