"""Lists written by other hands, and the newcomer's path through them.

    python bench/other_hands.py [--people 8000] [--seed 5] [--out DIR] [--only-write]

Writes five lists of one simulated population the way the simulator never does, then takes
them as a new user would: `recount init --country SY`, `recount sources suggest` on each file
(its block pasted unedited), `recount ingest`, `normalize`, `link`, and the accuracy `recount
link --evaluate` prints (same function). Prints one JSON line; a stage that fails is named
with its error instead of figures.

The writers here share nothing with recount.simulate's list writers: their own schemas and
header languages (Arabic government forms with a title row, Turkish, Kurdish, English
camelCase JSON, snake_case Parquet), their own encodings (Windows-1254, UTF-8 without BOM,
UTF-16 LE without BOM), name orders (family first in columns, FAMILY-first capitals in one
field), romanisations made by rules from the Arabic (Turkish: Muhammet, Hüseyin; Kurdish:
Mihemed, Xalid; Arabizi: Mo7ammad, 3ali), date styles (2016.12.17, 17.12.2016, 17/12/16,
17-Dec-2016, Excel serial numbers) and place names (Turkish: Halep, Şam Kırsalı). Only the
people (and who is on which list) come from the simulator's population model.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import re
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import numpy as np
import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq

RECOUNT = [sys.executable, "-c", "from recount.cli import main; main()"]
NAME_FIELDS = {"name", "name_latin", "given_name", "father_name", "grandfather_name", "family_name"}
TURKISH_PLACES = {
    "SY-DI": "Şam", "SY-HL": "Halep", "SY-RD": "Şam Kırsalı", "SY-HI": "Humus", "SY-HM": "Hama",
    "SY-LA": "Lazkiye", "SY-ID": "İdlib", "SY-HA": "Haseke", "SY-DY": "Deyrizor", "SY-TA": "Tartus",
    "SY-RA": "Rakka", "SY-DR": "Dera", "SY-SU": "Süveyda", "SY-QU": "Kuneytra",
}  # fmt: skip
KURDISH_PLACES = {
    "SY-HA": "Hesekê", "SY-HL": "Heleb", "SY-RA": "Reqa", "SY-DY": "Dêrazor", "SY-DI": "Şam",
    "SY-RD": "Gundewarên Şamê", "SY-ID": "Îdlib", "SY-HI": "Hims", "SY-HM": "Hema", "SY-LA": "Lazqiyê",
    "SY-TA": "Tartûs", "SY-DR": "Dera", "SY-SU": "Siwêda", "SY-QU": "Qinêtra",
}  # fmt: skip
TURKISH_NAMES = {
    "Mohammad": "Muhammet", "Ahmad": "Ahmet", "Hussein": "Hüseyin", "Omar": "Ömer",
    "Youssef": "Yusuf", "Khaled": "Halit", "Mahmoud": "Mahmut", "Mustafa": "Mustafa",
    "Ibrahim": "İbrahim", "Ali": "Ali", "Hasan": "Hasan", "Osama": "Usame", "Walid": "Velit",
    "Abdullah": "Abdullah", "Fatima": "Fatma", "Aisha": "Ayşe", "Zainab": "Zeynep",
}  # fmt: skip
KURDISH_NAMES = {"Mohammad": "Mihemed", "Ahmad": "Ehmed", "Khaled": "Xalid", "Omar": "Omer"}


def _rules(word: str, rules: tuple[tuple[str, str], ...]) -> str:
    lower = word.lower()
    for pattern, replacement in rules:
        lower = re.sub(pattern, replacement, lower)
    return lower[:1].upper() + lower[1:]


TURKISH_RULES = (
    ("kh", "h"), ("sh", "ş"), ("j", "c"), ("q", "k"), ("ou", "u"), ("ee", "i"), ("w", "v"),
    ("d$", "t"), ("dh", "z"), ("th", "s"), ("'", ""),
)  # fmt: skip
KURDISH_RULES = (
    ("kh", "x"), ("sh", "ş"), ("ch", "ç"), ("j", "c"), ("ou", "û"), ("oo", "û"), ("ee", "î"),
    ("q", "q"), ("'", ""),
)  # fmt: skip


def turkish(base: str) -> str:
    return " ".join(TURKISH_NAMES.get(w, _rules(w, TURKISH_RULES)) for w in base.split())


def kurdish(base: str) -> str:
    return " ".join(KURDISH_NAMES.get(w, _rules(w, KURDISH_RULES)) for w in base.split())


def arabizi(base: str, arabic: str) -> str:
    """Chat alphabet: ح as 7, ع as 3, خ as 5, from the Arabic spelling, vowels from the Latin."""
    text = base.lower()
    if "ح" in arabic:
        text = text.replace("h", "7", 1)
    if "خ" in arabic:
        text = text.replace("kh", "5", 1)
    if arabic.startswith("ع"):
        text = "3" + text.lstrip("a")
    elif "ع" in arabic and "'" in text:
        text = text.replace("'", "3", 1)
    return text


def draw_world(people: int, seed: int):
    """A population (the simulator's model) and who is on which of five lists (our own model)."""
    from recount.simulate.geography import GOVERNORATE_CODES
    from recount.simulate.population import draw_population

    rng = np.random.default_rng(seed)
    population = draw_population(people, rng)
    n = len(population)
    gov = population["governorate"]
    latent = rng.standard_normal(int(population["household"].max()) + 1)[population["household"]]
    base = np.array([0.2, -0.3, -0.6, -0.2, -0.8])
    by_gov = rng.normal(0, 0.7, (5, len(GOVERNORATE_CODES)))
    logits = base[None, :] + by_gov.T[gov] + np.outer(latent, [0.8, 0.2, 0.5, 0.9, 0.3])
    on = rng.random((n, 5)) < 1 / (1 + np.exp(-logits))
    mothers = rng.integers(0, 61, int(population["household"].max()) + 1)[population["household"]]
    return population, on, mothers, rng


def write_other_hands(out: Path, people: int = 8000, seed: int = 5) -> dict[str, Path]:
    """Five lists and truth/records.csv in `out`; returns the list paths by source id."""
    from recount.simulate.geography import GOVERNORATE_CODES
    from recount.simulate.lexicon import FAMILIES, FEMALE, MALE
    from recount.simulate.records import vocabulary

    population, on, mothers, rng = draw_world(people, seed)
    vocab = vocabulary()
    given_ar = np.asarray(MALE.arabic + FEMALE.arabic, dtype=object)
    given_lat = np.asarray([s[0] for s in MALE.latin + FEMALE.latin], dtype=object)
    male_ar, male_lat = (
        np.asarray(MALE.arabic, object),
        np.asarray([s[0] for s in MALE.latin], object),
    )
    fam_ar, fam_lat = (
        np.asarray(FAMILIES.arabic, object),
        np.asarray([s[0] for s in FAMILIES.latin], object),
    )
    mother_ar = np.asarray(FEMALE.arabic, object)
    (out / "lists").mkdir(parents=True, exist_ok=True)
    (out / "truth").mkdir(parents=True, exist_ok=True)
    truth_rows: list[tuple[str, int, str]] = []

    def people_on(j: int) -> np.ndarray:
        rows = np.flatnonzero(on[:, j])
        return rng.permutation(np.concatenate([rows, rows[rng.random(len(rows)) < 0.03]]))

    def date(i: int) -> dt.date:
        return population["date"][i].astype("datetime64[D]").astype(dt.date)

    def person(i: int) -> str:
        return f"T{i + 1:07d}"

    paths: dict[str, Path] = {}
    # 1. Ministry: XLSX, a title row and a blank row above the header, family name first in
    #    its own column, mother's name, place and date of birth in one cell, yyyy.mm.dd dates.
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["قائمة بأسماء المتوفين"])
    sheet.append([])
    sheet.append(
        ["م", "الكنية", "الاسم", "اسم الأب", "اسم الأم", "الجنس", "تاريخ الوفاة", "المحافظة"]
    )
    for row, i in enumerate(people_on(0), start=1):
        gov_code = GOVERNORATE_CODES[population["governorate"][i]]
        sheet.append([
            row, fam_ar[population["family"][i]], given_ar[population["given"][i]],
            male_ar[population["father"][i]] if rng.random() > 0.05 else None,
            mother_ar[mothers[i]] if rng.random() > 0.2 else None,
            "ذكر" if population["male"][i] else "انثى",
            date(i).strftime("%Y.%m.%d"),
            {"SY-RD": "ريف دمشق", "SY-HL": "حلب"}.get(gov_code, gov_code),
        ])  # fmt: skip
        truth_rows.append(("ministry", row, person(i)))
    paths["ministry"] = out / "lists" / "ministry.xlsx"
    book.save(paths["ministry"])

    # 2. A Turkish NGO: Windows-1254 CSV with semicolons, Turkish headers, names and places.
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(
        ["Sıra", "Adı Soyadı", "Baba Adı", "Cinsiyet", "Yaş", "Ölüm Tarihi", "İl", "İlçe"]
    )
    for row, i in enumerate(people_on(1), start=1):
        family = turkish(re.sub(r"^(Al|El)-?", "", fam_lat[population["family"][i]]))
        writer.writerow([
            row, f"{turkish(given_lat[population['given'][i]])} {family}",
            turkish(male_lat[population["father"][i]]),
            "E" if population["male"][i] else "K",
            population["age"][i] if rng.random() > 0.3 else "",
            date(i).strftime("%d.%m.%Y"),
            TURKISH_PLACES[GOVERNORATE_CODES[population["governorate"][i]]],
            turkish(vocab.place_latin[population["place"][i]]) if rng.random() > 0.2 else "",
        ])  # fmt: skip
        truth_rows.append(("turkish_ngo", row, person(i)))
    paths["turkish_ngo"] = out / "lists" / "turkish_ngo.csv"
    paths["turkish_ngo"].write_bytes(buffer.getvalue().encode("cp1254"))

    # 3. A Kurdish council: UTF-16 LE TSV without BOM, Kurdish headers, two-digit years.
    lines = ["Nav\tNavê bav\tPaşnav\tZayend\tDîroka mirinê\tBajar"]
    for row, i in enumerate(people_on(2), start=1):
        lines.append("\t".join([
            kurdish(given_lat[population["given"][i]]), kurdish(male_lat[population["father"][i]]),
            kurdish(re.sub(r"^(Al|El)-?", "", fam_lat[population["family"][i]])),
            "Nêr" if population["male"][i] else "Mê", date(i).strftime("%d/%m/%y"),
            KURDISH_PLACES[GOVERNORATE_CODES[population["governorate"][i]]],
        ]))  # fmt: skip
        truth_rows.append(("kurdish_council", row, person(i)))
    paths["kurdish_council"] = out / "lists" / "kurdish_council.tsv"
    paths["kurdish_council"].write_bytes(("\n".join(lines) + "\n").encode("utf-16-le"))

    # 4. A UN agency: JSON lines, camelCase, FAMILY-first capitals with the article joined.
    json_lines = []
    for row, i in enumerate(people_on(3), start=1):
        family = re.sub(r"^(al|el)-", r"\1", fam_lat[population["family"][i]], flags=re.I).upper()
        record = {
            "caseId": f"UN-{seed}-{row:06d}",
            "victim": {
                "fullName": f"{family} {given_lat[population['given'][i]]} {male_lat[population['father'][i]]}",
                "gender": "male" if population["male"][i] else "female",
                "ageYears": int(population["age"][i]),
            },
            "incident": {
                "date": date(i).strftime("%d-%b-%Y"),
                "location": {"admin1Name": vocab.place_latin[population["place"][i]]},
            },
        }  # fmt: skip
        json_lines.append(json.dumps(record, ensure_ascii=False))
        truth_rows.append(("un_agency", row, person(i)))
    paths["un_agency"] = out / "lists" / "un_agency.jsonl"
    paths["un_agency"].write_text("\n".join(json_lines) + "\n", encoding="utf-8")

    # 5. A researcher: Parquet, snake_case, Arabizi names on a third, Excel serial dates.
    rows = people_on(4)
    excel_epoch = dt.date(1899, 12, 30)
    names = []
    for i in rows:
        g, f = population["given"][i], population["father"][i]
        first, father = given_lat[g], male_lat[f]
        if rng.random() < 0.35:
            first, father = arabizi(first, given_ar[g]), arabizi(father, male_ar[f])
        names.append(f"{first} {father} {fam_lat[population['family'][i]]}".lower())
    table = pa.table(
        {
            "victim_name": names,
            "sex_code": [1 if population["male"][i] else 2 for i in rows],
            "death_date_serial": [(date(i) - excel_epoch).days for i in rows],
            "governorate_pcode": [
                f"SY{GOVERNORATE_CODES.index(GOVERNORATE_CODES[population['governorate'][i]]) + 1:02d}"
                for i in rows
            ],
        }
    )
    for row, i in enumerate(rows, start=1):
        truth_rows.append(("researcher", row, person(i)))
    paths["researcher"] = out / "lists" / "researcher.parquet"
    pq.write_table(table, paths["researcher"])

    with open(out / "truth" / "records.csv", "w", newline="", encoding="utf-8") as handle:
        truth = csv.writer(handle)
        truth.writerow(["source_id", "source_row", "person_id"])
        truth.writerows(truth_rows)
    return paths


def _recount(*args: str) -> str:
    done = subprocess.run([*RECOUNT, *args], capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"recount {args[0]}: {(done.stderr or done.stdout).strip()[-600:]}")
    return done.stdout


def newcomer_path(out: Path, paths: dict[str, Path]) -> dict:
    """What a new user gets: suggested blocks pasted as they are, then ingest, normalize, link."""
    from recount.link.evaluate import evaluate_record_person, read_truth
    from recount.workspace import Workspace

    figures: dict = {"bench": "other_hands", "lists": len(paths)}
    workspace = out / "workspace"
    _recount("init", str(workspace), "--country", "SY")
    config = (workspace / "recount.toml").read_text(encoding="utf-8")
    mapped, unusable = {}, []
    for source_id, path in paths.items():
        block = _recount("sources", "suggest", str(path), "-w", str(workspace))
        block = re.sub(r'^id = ".*"$', f'id = "{source_id}"', block, count=1, flags=re.M)
        columns = tomllib.loads(block)["sources"][0].get("columns", {})
        mapped[source_id] = sorted(
            [f"extra.{k}" for k in columns.get("extra", {})] + [k for k in columns if k != "extra"]
        )
        if not NAME_FIELDS & set(columns):
            unusable.append(source_id)  # a newcomer would have to map its names by hand
            continue
        config += "\n" + block
    (workspace / "recount.toml").write_text(config, encoding="utf-8")
    figures["suggested_fields"] = mapped
    figures["left_out_no_name_mapped"] = unusable
    start = time.perf_counter()
    for step in ("ingest", "normalize", "link"):
        try:
            _recount(step, "-w", str(workspace))
        except RuntimeError as error:
            figures["failed_at"] = step
            figures["error"] = str(error)
            return figures
    figures["seconds"] = round(time.perf_counter() - start, 1)
    ws = Workspace(workspace)
    scores = evaluate_record_person(
        ws.table("record_person"), read_truth(out / "truth" / "records.csv")
    )
    figures.update({k: round(v, 4) if isinstance(v, float) else v for k, v in scores.items()})
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=8000)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--out", type=Path, default=Path("/tmp/recount-other-hands"))
    parser.add_argument("--only-write", action="store_true", help="write the lists, run nothing")
    args = parser.parse_args()
    if args.out.exists():
        import shutil

        shutil.rmtree(args.out)
    paths = write_other_hands(args.out, args.people, args.seed)
    if args.only_write:
        print(
            json.dumps({"bench": "other_hands", "written": {k: str(v) for k, v in paths.items()}})
        )
        return
    print(
        json.dumps(
            {**newcomer_path(args.out, paths), "people": args.people, "seed": args.seed},
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
