"""Four lists of the dead in eastern DR Congo, 2022-2024, as a new user would get them (#13).

Not recount.simulate: a world of its own, to try recount in a country it has never seen.
Congolese names have three parts: a nom and a postnom (both Bantu, written in capitals in
administrative lists) and a prénom (French or Christian, often in its Swahili form: Jean /
Yohana, Pierre / Petro). Administrative order is NOM POSTNOM Prénom; people and churches
say Prénom NOM. In North Kivu many noms are birth-order names (Kambale, Kavira), so
namesakes abound; ADF and CODECO attacks kill dozens in one village on one day.

Lists (capture depends on the list, on the person, and on where they died):
  societe_civile.csv  civil society, French, Windows-1252, ';', NOM / POSTNOM / PRENOM split,
                      dd/mm/yyyy, ages as '35 ans' or '±40'.
  paroisse.xlsx       parishes, Swahili, a title row, one full-name cell (Prénom NOM POSTNOM,
                      Swahili prénoms), Mume/Mke, 'miaka 34', '12 Machi 2023' or date cells,
                      5% entered twice.
  un_monitoring.csv   UN-style, English, UTF-8: 'Prénom Nom' without accents (postnom kept
                      on half), ISO dates, age groups, 'North Kivu'; 40% copied from
                      societe_civile's records.
  djugu.csv           a community association in Djugu (Ituri), French, UTF-8 with BOM, one
                      'Noms' cell in administrative order, H/F, '12 mars 2023' or 'mars 2023',
                      10% listed twice. It alone reaches the remote villages well.

Truth in truth/records.csv (source_id, source_row, person_id) and truth/people.json.
Usage: python bench/drc_lists.py OUT --seed 1 [--people 3000]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import math
import random
import unicodedata
from pathlib import Path

from openpyxl import Workbook

# Nande birth-order noms (North Kivu) by sex, then Ituri noms (both sexes).
NK_NOMS_M = "Kambale Kasereka Paluku Muhindo Mumbere Katembo Kakule Mbusa Kasoki Kavusa Kasika Kataliko Kighoma Masinda Sivulyamwenge".split()
NK_NOMS_F = "Kavira Kahindo Masika Kavugho Kahambu Kasoki Mbambu Kanyere Kaswera Kyakimwa".split()
IT_NOMS = "Ngabu Dhedonga Lonema Ndjabu Ugwaru Tchabi Ngona Dhekana Lossa Bahati Ndrundro Dhena Lokana Uzele Mateso Ngadjole Tsedha Bura Dhessa Ucima".split()
PRENOMS_M = "Jean Pierre Joseph Paul Jacques Josué Emmanuel Dieudonné Héritier Espoir Fiston Patient Exaucé Justin Pascal Innocent Christophe Eric Moïse Daniel Samuel David Baraka Amani Furaha Jérémie Gloire Bienvenu Germain Janvier".split()
PRENOMS_F = "Marie Esther Anne Elisabeth Rachel Sarah Christelle Grâce Chance Neema Furaha Zawadi Merveille Jeanne Rebecca Ruth Josée Bernadette Solange Angélique".split()
SWAHILI_FORMS = {
    "Jean": "Yohana",
    "Pierre": "Petro",
    "Joseph": "Yosefu",
    "Paul": "Paulo",
    "Jacques": "Yakobo",
    "Josué": "Yoshua",
    "Emmanuel": "Imanueli",
    "Daniel": "Danieli",
    "Samuel": "Samweli",
    "David": "Daudi",
    "Moïse": "Musa",
    "Marie": "Mariamu",
    "Esther": "Esta",
    "Anne": "Ana",
    "Elisabeth": "Elizabeti",
    "Rachel": "Raheli",
    "Sarah": "Sara",
    "Rebecca": "Rebeka",
}
SYLLABLES = "ka se re mbu vi sya lu ngo tha ghe ku ma ndu li wa sa vu he ta ni".split()

PLACES = {  # province (as the lists write it) -> territory -> localities
    "Nord-Kivu": {
        "Beni": ["Oicha", "Mavivi", "Eringeti", "Mbau", "Kalau", "Mamove", "Bulongo"],
        "Lubero": ["Kipese", "Kanyabayonga", "Alimbongo", "Kirumba"],
        "Rutshuru": ["Kishishe", "Bambo", "Kiwanja", "Rubare"],
    },
    "Ituri": {
        "Djugu": ["Plaine Savo", "Drodro", "Largu", "Rhoe", "Ngongo", "Bule", "Fataki"],
        "Irumu": ["Komanda", "Ndimo", "Boga", "Tchabi"],
        "Mambasa": ["Lolwa", "Biakato", "Mambasa-Centre"],
    },
}
PROVINCE_EN = {"Nord-Kivu": "North Kivu", "Ituri": "Ituri"}
MOIS = (
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split()
)
MIEZI = (
    "Januari Februari Machi Aprili Mei Juni Julai Agosti Septemba Oktoba Novemba Desemba".split()
)
START, DAYS = dt.date(2022, 1, 1), 912


def _postnoms(rng: random.Random, n: int) -> list[str]:
    out: set[str] = set()
    while len(out) < n:
        out.add(
            "".join(rng.choice(SYLLABLES) for _ in range(rng.choice((2, 3, 3, 4)))).capitalize()
        )
    return sorted(out)


def _zipf(rng: random.Random, pool: list[str], s: float = 1.0) -> str:
    weights = [1 / (i + 1) ** s for i in range(len(pool))]
    return rng.choices(pool, weights)[0]


def people(rng: random.Random, n: int) -> list[dict]:
    postnoms = _postnoms(rng, 160)
    # attacks: (date, province, territory, locality, size)
    attacks = []
    for _ in range(25):
        prov = rng.choice(["Nord-Kivu", "Nord-Kivu", "Ituri"])
        terr = rng.choice(list(PLACES[prov]))
        attacks.append(
            (
                START + dt.timedelta(rng.randrange(DAYS)),
                prov,
                terr,
                rng.choice(PLACES[prov][terr]),
                rng.randint(15, 60),
            )
        )
    out = []
    for pid in range(n):
        sex = "M" if rng.random() < 0.68 else "F"
        if out and rng.random() < 0.35 and len(attacks):
            a = rng.choice(attacks)
            date, prov, terr, loc = a[0], a[1], a[2], a[3]
        else:
            prov = "Nord-Kivu" if rng.random() < 0.58 else "Ituri"
            terr = rng.choice(list(PLACES[prov]))
            loc = rng.choice(PLACES[prov][terr])
            date = START + dt.timedelta(rng.randrange(DAYS))
        if prov == "Nord-Kivu":
            nom = _zipf(rng, NK_NOMS_M if sex == "M" else NK_NOMS_F, 0.8)
        else:
            nom = _zipf(rng, IT_NOMS, 0.7)
        age = max(0, min(85, int(rng.gauss(30, 16)))) if rng.random() < 0.85 else rng.randint(1, 14)
        status = rng.choices(["civil", "fardc", "milicien"], [0.86, 0.07, 0.07])[0]
        remote = terr == "Djugu" and rng.random() < 0.75 or rng.random() < 0.12
        out.append(
            {
                "person_id": f"P{pid:05d}",
                "sex": sex,
                "nom": nom,
                "postnom": _zipf(rng, postnoms, 0.6),
                "prenom": _zipf(rng, PRENOMS_M if sex == "M" else PRENOMS_F, 0.9),
                "age": age,
                "date": date,
                "province": prov,
                "territoire": terr,
                "localite": loc,
                "status": status,
                "remote": remote,
                "propensity": math.exp(rng.gauss(0, 0.6)),
            }
        )
    return out


def _typo(rng: random.Random, s: str, p: float) -> str:
    """A French-ear or keyboard variant: ou for u, l/r, a doubled or dropped letter."""
    if not s or rng.random() >= p:
        return s
    kind = rng.randrange(4)
    if kind == 0 and "u" in s[1:]:
        return s[0] + s[1:].replace("u", "ou", 1)
    if kind == 1 and ("l" in s or "r" in s):
        return s.replace("l", "r", 1) if "l" in s else s.replace("r", "l", 1)
    i = rng.randrange(1, len(s)) if len(s) > 1 else 0
    return s[:i] + s[i] + s[i:] if kind == 2 else s[:i] + s[i + 1 :]


def _strip_accents(s: str) -> str:

    return "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn")


def _seen(rng: random.Random, p: dict, base: float, where: dict[str, float]) -> bool:
    rate = base * p["propensity"] * where.get(p["province"], 1.0) * (0.25 if p["remote"] else 1.0)
    return rng.random() < min(0.95, rate)


def _date_shift(rng: random.Random, d: dt.date, p: float) -> dt.date:
    return d + dt.timedelta(days=rng.choice((-3, -2, -1, 1, 2))) if rng.random() < p else d


def societe_civile(rng, world, folder):
    rows, truth = [], []
    for p in world:
        if not _seen(rng, p, 0.52, {"Nord-Kivu": 1.3, "Ituri": 0.35}):
            continue
        age = p["age"]
        age_txt = (
            ""
            if rng.random() < 0.15
            else rng.choice([f"{age}", f"{age} ans", f"±{5 * round(age / 5)}"])
        )
        d = _date_shift(rng, p["date"], 0.06)
        rows.append(
            {
                "N°": len(rows) + 1,
                "NOM": _typo(rng, p["nom"], 0.08).upper(),
                "POSTNOM": "" if rng.random() < 0.12 else _typo(rng, p["postnom"], 0.08).upper(),
                "PRENOM": _typo(rng, p["prenom"], 0.04),
                "SEXE": p["sex"],
                "AGE": age_txt,
                "DATE DU DECES": "" if rng.random() < 0.04 else d.strftime("%d/%m/%Y"),
                "TERRITOIRE": p["territoire"],
                "LOCALITE": p["localite"],
                "PROVINCE": p["province"],
                "STATUT": {"civil": "Civil", "fardc": "Militaire FARDC", "milicien": "Milicien"}[
                    p["status"]
                ],
                "OBSERVATIONS": rng.choice(
                    ["", "", "", "tué par balle", "machette", "corps retrouvé"]
                ),
            }
        )
        truth.append(p["person_id"])
    with open(folder / "societe_civile.csv", "w", encoding="cp1252", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]), delimiter=";")
        w.writeheader()
        w.writerows(rows)
    return rows, truth


def paroisse(rng, world, folder):
    wb = Workbook()
    ws = wb.active
    ws.append(["Orodha ya waumini waliouawa - Dayosisi ya Butembo-Beni na Bunia (2022-2024)"])
    ws.append([])
    ws.append(["Na.", "Jina kamili", "Jinsia", "Umri", "Tarehe ya kifo", "Mahali", "Wilaya"])
    truth = []
    for p in world:
        if not _seen(rng, p, 0.38, {"Nord-Kivu": 1.0, "Ituri": 0.9}):
            continue
        for _copy in range(2 if rng.random() < 0.05 else 1):
            prenom = (
                SWAHILI_FORMS.get(p["prenom"], p["prenom"]) if rng.random() < 0.45 else p["prenom"]
            )
            parts = [prenom, _typo(rng, p["nom"], 0.07).upper()]
            if rng.random() < 0.7:
                parts.append(_typo(rng, p["postnom"], 0.07).upper())
            d = _date_shift(rng, p["date"], 0.08)
            r = rng.random()
            date = d if r < 0.4 else f"{d.day} {MIEZI[d.month - 1]} {d.year}" if r < 0.9 else ""
            age = "" if rng.random() < 0.2 else rng.choice([p["age"], f"miaka {p['age']}"])
            ws.append(
                [
                    len(truth) + 1,
                    " ".join(parts),
                    "Mume" if p["sex"] == "M" else "Mke",
                    age,
                    date,
                    p["localite"],
                    p["territoire"],
                ]
            )
            truth.append(p["person_id"])
    wb.save(folder / "paroisse.xlsx")
    return truth


def un_monitoring(rng, world, folder, civil_rows, civil_truth):
    copied = {}
    for row, pid in zip(civil_rows, civil_truth, strict=True):
        if rng.random() < 0.40:
            copied[pid] = row
    rows, truth = [], []
    for p in world:
        source = copied.get(p["person_id"])
        if source is None and not _seen(rng, p, 0.27, {"Nord-Kivu": 1.0, "Ituri": 1.1}):
            continue
        if source is not None:
            name = f"{source['PRENOM']} {source['NOM'].title()}"
            date = (
                dt.datetime.strptime(source["DATE DU DECES"], "%d/%m/%Y").date()
                if source["DATE DU DECES"]
                else None
            )
        else:
            name = f"{_typo(rng, p['prenom'], 0.05)} {_typo(rng, p['nom'], 0.07)}"
            if rng.random() < 0.5:
                name += f" {_typo(rng, p['postnom'], 0.07)}"
            date = _date_shift(rng, p["date"], 0.1)
        age = p["age"]
        age_txt = rng.choice([str(age), str(age), "Child" if age < 18 else "Adult", ""])
        rows.append(
            {
                "Victim ID": f"UN-{len(rows) + 1:05d}",
                "Full Name": _strip_accents(name) if rng.random() < 0.95 else "Unknown",
                "Sex": {"M": "Male", "F": "Female"}[p["sex"]] if rng.random() < 0.95 else "Unknown",
                "Age": age_txt,
                "Date of incident": date.isoformat() if date else "",
                "Province": PROVINCE_EN[p["province"]],
                "Territory": p["territoire"],
                "Location": p["localite"] if rng.random() < 0.8 else "",
                "Perpetrator": rng.choice(["ADF", "CODECO", "M23", "Unidentified armed group"]),
                "Civilian": "Yes" if p["status"] == "civil" else "No",
            }
        )
        truth.append(p["person_id"])
    with open(folder / "un_monitoring.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    return truth


def djugu(rng, world, folder):
    rows, truth = [], []
    for p in world:
        if p["territoire"] != "Djugu":
            continue
        if rng.random() >= min(0.9, 0.65 * p["propensity"]):
            continue
        for _copy in range(2 if rng.random() < 0.10 else 1):
            name = f"{_typo(rng, p['nom'], 0.08).upper()} {_typo(rng, p['postnom'], 0.08).upper()} {p['prenom']}"
            d = _date_shift(rng, p["date"], 0.05)
            r = rng.random()
            date = (
                f"{d.day} {MOIS[d.month - 1]} {d.year}"
                if r < 0.7
                else f"{MOIS[d.month - 1]} {d.year}"
                if r < 0.88
                else ""
            )
            age = p["age"]
            rows.append(
                {
                    "Noms": name,
                    "Sexe": "H" if p["sex"] == "M" else "F",
                    "Âge": "enfant"
                    if age < 12 and rng.random() < 0.5
                    else ("" if rng.random() < 0.2 else str(age)),
                    "Date": date,
                    "Village": p["localite"],
                    "Chefferie": rng.choice(["Walendu Pitsi", "Bahema Nord", "Walendu Djatsi"]),
                }
            )
            truth.append(p["person_id"])
    with open(folder / "djugu.csv", "w", encoding="utf-8-sig", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    return truth


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--people", type=int, default=3000)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    world = people(rng, args.people)
    lists = args.out / "lists"
    truth_dir = args.out / "truth"
    lists.mkdir(parents=True, exist_ok=True)
    truth_dir.mkdir(parents=True, exist_ok=True)
    civil_rows, civil = societe_civile(rng, world, lists)
    truths = {
        "societe_civile": civil,
        "paroisse": paroisse(rng, world, lists),
        "un_monitoring": un_monitoring(rng, world, lists, civil_rows, civil),
        "djugu": djugu(rng, world, lists),
    }
    with open(truth_dir / "records.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["source_id", "source_row", "person_id"])
        for source, pids in truths.items():
            for row, pid in enumerate(pids, start=1):
                w.writerow([source, row, pid])
    seen = {pid for pids in truths.values() for pid in pids}
    by_year: dict[str, int] = {}
    for p in world:
        by_year[str(p["date"].year)] = by_year.get(str(p["date"].year), 0) + 1
    summary = {
        "true_total": len(world),
        "documented": len(seen),
        "records": {k: len(v) for k, v in truths.items()},
        "one_list": sum(1 for pid in seen if sum(pid in set(v) for v in truths.values()) == 1),
        "by_year": by_year,
        "by_province": {prov: sum(p["province"] == prov for p in world) for prov in PLACES},
    }
    (truth_dir / "people.json").write_text(json.dumps(summary, indent=1))
    print(json.dumps({k: summary[k] for k in ("true_total", "documented", "records", "one_list")}))


if __name__ == "__main__":
    main()
