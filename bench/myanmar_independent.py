"""An independent Myanmar test world, written without reading recount's Burmese keys.

Why: the Burmese name keys and the first Myanmar generator came from one hand, so a
score on that generator may measure agreement with itself. This one was written
from published naming practice (no family names; 1-4 syllables; honorifics U, Daw,
Ko, Ma, Maung/Mg; Karen Saw/Naw, Shan Sai/Nang kept as part of the name; no standard
romanisation, so lists spell a syllable several ways, join or split syllables, or
write Burmese script, some of it in Zawgyi order) and scored on the product's path.

Writes OUT/lists/{aapp.csv, media.xlsx, community.csv, news.xlsx} and
OUT/truth/{records.csv, persons.csv}; truth holds no names. Prints one JSON line of
counts; never prints a name.

Usage: python bench/myanmar_independent.py OUT [--people 3000] [--seed 1]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import math
import random
from pathlib import Path

# syllable -> (Burmese script, romanisations as lists write them, first most common)
SYLLABLES: dict[str, tuple[str, list[str]]] = {
    "aung": ("အောင်", ["Aung", "Aungg", "Aong"]),
    "kyaw": ("ကျော်", ["Kyaw", "Kyaww", "Chaw", "Kyaw"]),
    "htun": ("ထွန်း", ["Htun", "Tun", "Htunn", "Htoon", "Tunn"]),
    "tin": ("တင်", ["Tin", "Tinn", "Tin"]),
    "hlaing": ("လှိုင်", ["Hlaing", "Hlaine", "Hlaing", "Laing"]),
    "myint": ("မြင့်", ["Myint", "Myintt", "Myint"]),
    "thein": ("သိန်း", ["Thein", "Thane", "Thein"]),
    "zaw": ("ဇော်", ["Zaw", "Zawe", "Zaw"]),
    "oo": ("ဦး", ["Oo", "U", "Oo", "Oo"]),
    "nyein": ("ငြိမ်း", ["Nyein", "Nyien", "Nyein", "Nyain"]),
    "phyo": ("ဖြိုး", ["Phyo", "Pyo", "Phyoe"]),
    "thu": ("သူ", ["Thu", "Thuu", "Thu"]),
    "win": ("ဝင်း", ["Win", "Winn", "Wynn"]),
    "min": ("မင်း", ["Min", "Minn", "Min"]),
    "naing": ("နိုင်", ["Naing", "Naine", "Naing"]),
    "soe": ("စိုး", ["Soe", "Soh", "So"]),
    "moe": ("မိုး", ["Moe", "Moh", "Mo"]),
    "htet": ("ထက်", ["Htet", "Htett", "Htet"]),
    "khin": ("ခင်", ["Khin", "Khinn", "Khin"]),
    "mya": ("မြ", ["Mya", "Myah", "Mya"]),
    "aye": ("အေး", ["Aye", "Aye", "Ay"]),
    "san": ("ဆန်း", ["San", "Sann", "San"]),
    "su": ("စု", ["Su", "Suu", "Soo"]),
    "hla": ("လှ", ["Hla", "Hlah", "Hla"]),
    "than": ("သန်း", ["Than", "Thann", "Than"]),
    "swe": ("ဆွေ", ["Swe", "Sway", "Swei"]),
    "nwe": ("နွယ်", ["Nwe", "Nway", "Nwe"]),
    "khaing": ("ခိုင်", ["Khaing", "Khine", "Khaing"]),
    "lwin": ("လွင်", ["Lwin", "Lwinn", "Lwin"]),
    "ye": ("ရဲ", ["Ye", "Yè", "Yae"]),
    "pyae": ("ပြည့်", ["Pyae", "Pyay", "Pyae"]),
    "wai": ("ဝေ", ["Wai", "Way", "Wai"]),
    "yan": ("ရန်", ["Yan", "Yann", "Yan"]),
    "kyi": ("ကြည်", ["Kyi", "Kyii", "Chi"]),
    "thet": ("သက်", ["Thet", "Thett", "Thet"]),
    "lin": ("လင်း", ["Lin", "Linn", "Lin"]),
    "paing": ("ပိုင်", ["Paing", "Pine", "Paing"]),
    "zin": ("ဇင်", ["Zin", "Zinn", "Zin"]),
    "hein": ("ဟိန်း", ["Hein", "Hain", "Hein"]),
    "shwe": ("ရွှေ", ["Shwe", "Shway", "Shwe"]),
    "nay": ("နေ", ["Nay", "Ne", "Nei"]),
    "myo": ("မျိုး", ["Myo", "Myoe", "Myo"]),
    "ei": ("အိ", ["Ei", "Ei", "Eai"]),
    "ko": ("ကို", ["Ko", "Ko", "Koe"]),
    "maung": ("မောင်", ["Maung", "Mg", "Maung"]),
    "ma": ("မ", ["Ma", "Ma", "Mar"]),
    "sithu": ("စည်သူ", ["Sithu", "Si Thu", "Sithu"]),
    "yadanar": ("ရတနာ", ["Yadanar", "Yadana", "Ya Da Nar"]),
    "sandar": ("စန္ဒာ", ["Sandar", "Sanda", "San Dar"]),
    "thiha": ("သီဟ", ["Thiha", "Thi Ha", "Thihar"]),
}
MALE_SYL = "aung kyaw htun tin hlaing myint thein zaw oo naing soe min htet win phyo thu ye yan lin paing hein myo zin ko maung sithu thiha"
FEMALE_SYL = "khin mya aye san su hla than swe nwe khaing lwin pyae wai kyi thet nay ei moe shwe zin sandar yadanar phyo thu ma"
# ethnic prefixes that are part of the name (Karen, Shan), by sex
ETHNIC = {"karen": ("Saw", "စော", "Naw", "နော်"), "shan": ("Sai", "စိုင်း", "Nang", "နန်း")}
HONORIFIC = {  # (sex, age band) -> [(Latin, Burmese)]
    ("M", "young"): [("Maung", "မောင်"), ("Mg", "မောင်")],
    ("M", "adult"): [("Ko", "ကို")],
    ("M", "old"): [("U", "ဦး")],
    ("F", "young"): [("Ma", "မ")],
    ("F", "adult"): [("Ma", "မ")],
    ("F", "old"): [("Daw", "ဒေါ်")],
}
# region -> (Latin spellings, Burmese, townships [(Latin spellings, Burmese)], ethnic mix)
REGIONS = {
    "sagaing": (
        ["Sagaing Region", "Sagaing", "Sagain Division", "SGG"],
        "စစ်ကိုင်းတိုင်း",
        [
            (["Kani", "Ka Ni"], "ကနီ"),
            (["Yinmabin", "Yinmarbin"], "ယင်းမာပင်"),
            (["Depayin", "Tabayin"], "ဒီပဲယင်း"),
            (["Pale", "Pa Lae"], "ပုလဲ"),
            (["Monywa", "Mon Ywa"], "မုံရွာ"),
            (["Shwebo", "Shwe Bo"], "ရွှေဘို"),
            (["Kalay", "Kale"], "ကလေး"),
            (["Tamu", "Ta Mu"], "တမူး"),
        ],
        None,
    ),
    "magway": (
        ["Magway Region", "Magwe", "Magway Division"],
        "မကွေးတိုင်း",
        [
            (["Gangaw", "Gant Gaw"], "ဂန့်ဂေါ"),
            (["Myaing", "Myai"], "မြိုင်"),
            (["Pauk", "Pauk"], "ပေါက်"),
            (["Salin", "Sa Lin"], "စလင်း"),
        ],
        None,
    ),
    "yangon": (
        ["Yangon Region", "Yangon", "Rangoon"],
        "ရန်ကုန်တိုင်း",
        [
            (["Hlaing Tharyar", "Hlaingthaya", "Hlaing Thar Yar"], "လှိုင်သာယာ"),
            (["North Okkalapa", "N. Okkalapa"], "မြောက်ဥက္ကလာပ"),
        ],
        None,
    ),
    "kayah": (
        ["Kayah State", "Karenni", "Kayah"],
        "ကယားပြည်နယ်",
        [(["Loikaw", "Loi Kaw"], "လွိုင်ကော်"), (["Demoso", "Dee Maw So"], "ဒီးမော့ဆို")],
        "karen",
    ),
    "kayin": (
        ["Kayin State", "Karen State", "Kayin"],
        "ကရင်ပြည်နယ်",
        [(["Hpapun", "Papun"], "ဖာပွန်"), (["Myawaddy", "Myawadi"], "မြဝတီ")],
        "karen",
    ),
    "shan": (
        ["Shan State", "Shan", "Southern Shan"],
        "ရှမ်းပြည်နယ်",
        [(["Pekon", "Pekhon"], "ဖယ်ခုံ"), (["Hsihseng", "Hsi Hseng"], "ဆီဆိုင်")],
        "shan",
    ),
}
BURMESE_DIGITS = str.maketrans("0123456789", "၀၁၂၃၄၅၆၇၈၉")
# Zawgyi writes some signs at other code points and the e-vowel and medial ra in visual order
ZAWGYI = str.maketrans(
    {
        "\u103b": "\u103a",
        "\u103c": "\u103b",
        "\u103a": "\u1039",
        "\u103d": "\u103c",
        "\u103e": "\u103d",
    }
)
LISTS = ("aapp", "media", "community", "news")


def zawgyi(text: str) -> str:
    """Unicode Burmese rewritten as Zawgyi-encoded text stores it (approximately)."""
    out: list[str] = []
    for ch in text:
        if ch in "\u1031\u103c" and out and "\u1000" <= out[-1] <= "\u1021":
            out.insert(len(out) - 1, ch)
        elif (
            ch in "\u1031\u103c"
            and len(out) > 1
            and out[-1] in "\u103b\u103d\u103e"
            and "\u1000" <= out[-2] <= "\u1021"
        ):
            out.insert(len(out) - 2, ch)
        else:
            out.append(ch)
    return "".join(out).translate(ZAWGYI)


def make_people(n: int, rng: random.Random) -> list[dict]:
    male = MALE_SYL.split()
    female = FEMALE_SYL.split()
    zipf = {s: 1 / (i + 1) ** 0.8 for i, s in enumerate(male)}
    zipf_f = {s: 1 / (i + 1) ** 0.8 for i, s in enumerate(female)}
    regions = list(REGIONS)
    start = dt.date(2021, 2, 1)
    people: list[dict] = []
    # massacres: many dead, one day, one village
    events = []
    for _ in range(12):
        region = rng.choice(["sagaing", "sagaing", "magway", "kayah"])
        town = rng.randrange(len(REGIONS[region][2]))
        events.append(
            (
                region,
                town,
                start + dt.timedelta(days=rng.randrange(1000)),
                f"village{rng.randrange(900)}",
            )
        )
    for i in range(n):
        sex = "M" if rng.random() < 0.78 else "F"
        age = min(95, max(1, int(rng.gauss(34, 15))))
        if rng.random() < 0.12:
            region, town, date, village = rng.choice(events)
            massacre = 1
        else:
            region = rng.choices(regions, weights=[45, 20, 10, 9, 8, 8])[0]
            town = rng.randrange(len(REGIONS[region][2]))
            date = start + dt.timedelta(days=int(rng.random() ** 1.3 * 1000))
            village = f"village{rng.randrange(900)}"
            massacre = 0
        pool = zipf if sex == "M" else zipf_f
        k = rng.choices([1, 2, 3, 4], weights=[8, 45, 38, 9])[0]
        syl = rng.choices(list(pool), weights=list(pool.values()), k=k)
        if k >= 2 and rng.random() < 0.12:  # reduplicated syllables: Htet Htet, Ko Ko
            syl[1] = syl[0]
        ethnic = REGIONS[region][3] if rng.random() < 0.7 else None
        band = "young" if age < 20 else "adult" if age < 45 else "old"
        people.append(
            dict(
                person_id=f"P{i + 1:05d}",
                sex=sex,
                age=age,
                date=date,
                region=region,
                town=town,
                village=village,
                massacre=massacre,
                syl=syl,
                ethnic=ethnic,
                band=band,
                alias=rng.choices(list(pool), k=2) if rng.random() < 0.05 else None,
                catch=rng.lognormvariate(0, 0.9),
            )
        )
    return people


def captured(people: list[dict], rng: random.Random) -> dict[str, list[dict]]:
    """Heterogeneous capture; community and news depend on each other (news copies)."""
    base = {"aapp": 0.55, "media": 0.35, "community": 0.30, "news": 0.12}
    out: dict[str, list[dict]] = {name: [] for name in LISTS}
    for p in people:
        for name in LISTS:
            prob = base[name] * p["catch"]
            if name == "media" and p["massacre"]:
                prob *= 2.0
            if name == "community" and p["region"] not in ("sagaing", "magway"):
                prob *= 0.3
            if name == "news" and out["community"] and out["community"][-1] is p:
                prob = 0.55
            if name == "aapp" and p["region"] in ("kayah", "kayin", "shan"):
                prob *= 0.6
            if rng.random() < min(0.97, prob):
                out[name].append(p)
    return out


def roman(p: dict, rng: random.Random, style: dict) -> str:
    parts = []
    for s in p["syl"]:
        forms = SYLLABLES[s][1]
        form = forms[0] if rng.random() < style["canonical"] else rng.choice(forms)
        parts.append(form)
    if style["join"] and rng.random() < style["join"]:  # joined syllables: Aungkyaw, AungKyaw
        cut = rng.randrange(1, len(parts)) if len(parts) > 1 else 1
        joined = "".join(parts[: cut + 1])
        parts = [joined.capitalize() if rng.random() < 0.5 else joined] + parts[cut + 1 :]
    name = " ".join(parts)
    if p["ethnic"]:
        prefix = ETHNIC[p["ethnic"]][0 if p["sex"] == "M" else 2]
        name = f"{prefix} {name}"
    elif rng.random() < style["honorific"]:
        name = f"{rng.choice(HONORIFIC[(p['sex'], p['band'])])[0]} {name}"
    if p["alias"] and rng.random() < style["alias"]:
        alias = " ".join(SYLLABLES[s][1][0] for s in p["alias"])
        mark = rng.choice(["a.k.a.", "(aka", "@"])
        name = f"{name} {mark} {alias}" + (")" if mark == "(aka" else "")
    if rng.random() < style["typo"]:
        i = rng.randrange(1, len(name))
        name = name[:i] + name[i + 1 :] if rng.random() < 0.5 else name[:i] + name[i] + name[i:]
    if rng.random() < style["case"]:
        name = name.upper() if rng.random() < 0.7 else name.lower()
    return name


def burmese(p: dict, rng: random.Random) -> str:
    name = "".join(SYLLABLES[s][0] for s in p["syl"])
    if p["ethnic"]:
        name = ETHNIC[p["ethnic"]][1 if p["sex"] == "M" else 3] + name
    elif rng.random() < 0.7:
        name = rng.choice(HONORIFIC[(p["sex"], p["band"])])[1] + name
    if rng.random() < 0.08:
        name = zawgyi(name)
    return name


def noisy_date(d: dt.date, rng: random.Random) -> dt.date:
    return d + dt.timedelta(days=rng.choice([-1, 1])) if rng.random() < 0.06 else d


def noisy_age(a: int, rng: random.Random) -> int:
    return max(1, a + rng.choice([-2, -1, 1, 2])) if rng.random() < 0.15 else a


def rows_for(
    name: str, people: list[dict], rng: random.Random
) -> tuple[list[str], list[list], list[str]]:
    rows: list[list] = []
    ids: list[str] = []
    dup = [p for p in people if rng.random() < 0.03]  # the same person entered twice
    order = people + dup
    rng.shuffle(order)
    for p in order:
        lat_region, bur_region, towns, _ = REGIONS[p["region"]]
        town_lat, town_bur = towns[p["town"]]
        d = noisy_date(p["date"], rng)
        age = noisy_age(p["age"], rng)
        if name == "aapp":
            style = dict(canonical=0.75, join=0.05, honorific=0.6, alias=0.5, typo=0.03, case=0.05)
            row = [
                len(rows) + 1,
                roman(p, rng, style),
                "Male" if p["sex"] == "M" else "Female",
                age if rng.random() > 0.08 else "",
                d.strftime("%d-%b-%Y") if rng.random() > 0.03 else "",
                town_lat[0],
                lat_region[0],
                "",
            ]
        elif name == "media":
            sex = "ကျား" if p["sex"] == "M" else "မ"
            row = [
                burmese(p, rng),
                sex,
                str(age).translate(BURMESE_DIGITS) if rng.random() < 0.7 else age,
                d.isoformat()
                if rng.random() < 0.5
                else d.strftime("%d/%m/%Y").translate(BURMESE_DIGITS),
                town_bur,
                bur_region,
            ]
        elif name == "community":
            style = dict(canonical=0.45, join=0.2, honorific=0.3, alias=0.3, typo=0.07, case=0.3)
            row = [
                roman(p, rng, style),
                rng.choice(["M", "m", "male"])
                if p["sex"] == "M"
                else rng.choice(["F", "f", "female"]),
                f"{age}" if rng.random() > 0.15 else rng.choice(["", f"about {age}", f"{age} yrs"]),
                d.strftime("%d/%m/%Y") if rng.random() > 0.05 else d.strftime("%m/%Y"),
                p["village"],
                rng.choice(town_lat),
                rng.choice(lat_region) if rng.random() > 0.2 else "",
            ]
        else:
            style = dict(canonical=0.6, join=0.1, honorific=0.5, alias=0.2, typo=0.04, case=0.0)
            where = (
                f"{rng.choice(town_lat)} Township, {rng.choice(lat_region)}"
                if rng.random() > 0.1
                else rng.choice(town_lat)
            )
            row = [
                roman(p, rng, style),
                "M" if p["sex"] == "M" else "F",
                age if rng.random() > 0.25 else "",
                d.strftime("%B %d, %Y") if rng.random() > 0.1 else d.strftime("%B %Y"),
                where,
            ]
        rows.append(row)
        ids.append(p["person_id"])
    headers = {
        "aapp": [
            "No.",
            "Name",
            "Sex",
            "Age",
            "Date of Incident",
            "Township",
            "State/Region",
            "Remark",
        ],
        "media": ["အမည်", "ကျား/မ", "အသက်", "ကွယ်လွန်သည့်နေ့", "မြို့နယ်", "တိုင်းဒေသကြီး/ပြည်နယ်"],
        "community": [
            "full_name",
            "gender",
            "age_years",
            "death_date",
            "village",
            "township",
            "region",
        ],
        "news": ["Victim", "M/F", "Age", "Date", "Location"],
    }[name]
    return headers, rows, ids


def write(out: Path, people: list[dict], seed: int) -> dict:
    from openpyxl import Workbook

    rng = random.Random(seed * 7919 + 1)
    lists = captured(people, rng)
    (out / "lists").mkdir(parents=True, exist_ok=True)
    (out / "truth").mkdir(parents=True, exist_ok=True)
    truth: list[tuple[str, int, str]] = []
    for name in LISTS:
        headers, rows, ids = rows_for(name, lists[name], rng)
        if name in ("media", "news"):
            wb = Workbook()
            ws = wb.active
            ws.append(headers)
            for row in rows:
                ws.append(row)
            wb.properties.created = dt.datetime(2026, 1, 1)
            wb.save(out / "lists" / f"{name}.xlsx")
        else:
            with open(out / "lists" / f"{name}.csv", "w", newline="", encoding="utf-8") as f:
                w = csv.writer(f)
                w.writerow(headers)
                w.writerows(rows)
        truth += [(name, i + 1, pid) for i, pid in enumerate(ids)]
    with open(out / "truth" / "records.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["source_id", "source_row", "person_id"])
        w.writerows(truth)
    in_list = {name: {p["person_id"] for p in lists[name]} for name in LISTS}
    with open(out / "truth" / "persons.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(
            [
                "person_id",
                "sex",
                "age",
                "date_of_death",
                "region",
                "massacre",
                *(f"in_{n}" for n in LISTS),
            ]
        )
        for p in people:
            w.writerow(
                [
                    p["person_id"],
                    p["sex"],
                    p["age"],
                    p["date"].isoformat(),
                    p["region"],
                    p["massacre"],
                    *(int(p["person_id"] in in_list[n]) for n in LISTS),
                ]
            )
    documented = len(set().union(*in_list.values()))
    return {
        "people": len(people),
        "documented": documented,
        "rows": len(truth),
        **{f"rows_{n}": sum(1 for t in truth if t[0] == n) for n in LISTS},
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--people", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    people = make_people(args.people, rng)
    stats = write(args.out, people, args.seed)
    print(
        json.dumps(
            {
                "bench": "myanmar_independent",
                "seed": args.seed,
                **stats,
                "massacre_share": round(sum(p["massacre"] for p in people) / len(people), 3),
                "mean_catch": round(math.fsum(p["catch"] for p in people) / len(people), 2),
            }
        )
    )


if __name__ == "__main__":
    main()
