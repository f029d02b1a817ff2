"""Four lists of the dead in Myanmar since the 2021 coup, as a new user would get them (#13).

Not recount.simulate: a separate world with Burmese naming, to try recount in a country
it has never seen. Burmese names have no family name: one to four syllables, written in
Burmese script (ကျော်ကျော်) and romanised in many ways (Kyaw Kyaw, Kyawkyaw; Aung San,
Aung Hsan; Htun, Tun), often behind an honorific (U, Daw, Ko, Ma, Maung/Mg; Saw and Naw
for Karen names; Salai and Mai for Chin; Kachin names lead with a clan name). Ages, not
birth dates; townships and states/regions; massacres (many dead on one day in one village).

Lists (capture depends on the region and on the list):
  aapp.csv      English, UTF-8, honorifics, father's name, dd-Mon-yyyy dates.
  media.xlsx    Burmese headers and names in Burmese script, Burmese-numeral dates and ages.
  un.csv        UN-style: romanised without spaces or with Hs/Ht variants, ISO dates, Admin1/Admin3.
  township.csv  a volunteer list from a few Sagaing/Magway townships, Burmese script typed in
                the Zawgyi font encoding (looks like Burmese, other code points).

Truth in truth/records.csv (source_id, source_row, person_id) and truth/people.csv.
Usage: python bench/myanmar_lists.py OUT --seed 7 [--people 3000]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
from pathlib import Path

# Syllables: Burmese script, romanisations (the first most common), sex (m, f or b for both).
SYLLABLES = [
    ("အောင်", ("Aung",), "m"), ("ကျော်", ("Kyaw", "Kyaw"), "m"), ("ဇော်", ("Zaw",), "m"),
    ("မင်း", ("Min", "Minn"), "m"), ("ထွန်း", ("Htun", "Tun", "Htoon"), "m"),
    ("ဝင်း", ("Win", "Winn"), "b"), ("မြင့်", ("Myint",), "b"), ("နိုင်", ("Naing",), "m"),
    ("စိုး", ("Soe", "So"), "m"), ("သန့်", ("Thant", "Thandt"), "m"), ("သိန်း", ("Thein", "Thane"), "b"),
    ("လှိုင်", ("Hlaing",), "b"), ("ဖြိုး", ("Phyo", "Pyo"), "b"), ("ထက်", ("Htet", "Htett"), "b"),
    ("ပိုင်", ("Paing",), "m"), ("ရဲ", ("Ye", "Yei"), "m"), ("သူ", ("Thu",), "m"), ("ဇင်", ("Zin", "Zinn"), "b"),
    ("လင်း", ("Lin", "Linn"), "b"), ("တင်", ("Tin",), "b"), ("သန်း", ("Than",), "b"),
    ("ညီ", ("Nyi", "Nyee"), "m"), ("ဝေ", ("Wai", "Way", "We"), "b"), ("ရန်", ("Yan",), "m"),
    ("ဟိန်း", ("Hein",), "m"), ("မျိုး", ("Myo",), "m"), ("ဦး", ("Oo", "U"), "m"), ("လွင်", ("Lwin",), "b"),
    ("ထူး", ("Htoo", "Htu"), "b"), ("ခန့်", ("Khant",), "m"), ("နောင်", ("Naung",), "m"),
    ("ချစ်", ("Chit",), "b"), ("ရွှေ", ("Shwe",), "b"), ("လှ", ("Hla",), "b"), ("ခိုင်", ("Khaing",), "b"),
    ("ကြည်", ("Kyi", "Kyee"), "b"), ("သက်", ("Thet", "Thett"), "b"), ("နေ", ("Nay", "Ne"), "b"),
    ("ဆန်း", ("San", "Hsan"), "m"), ("ခင်", ("Khin",), "f"), ("စု", ("Su",), "f"),
    ("နွယ်", ("Nwe", "Nway"), "f"), ("မြ", ("Mya",), "f"), ("အေး", ("Aye",), "f"), ("မိုး", ("Moe", "Mo"), "b"),
    ("စန်း", ("San", "Sann"), "f"), ("နှင်း", ("Hnin",), "f"), ("အိ", ("Ei",), "f"), ("ဖြူ", ("Phyu",), "f"),
    ("ယု", ("Yu",), "f"), ("မေ", ("May", "Me"), "f"), ("မြတ်", ("Myat",), "b"), ("ဝင့်", ("Wint",), "f"),
    ("ချို", ("Cho",), "f"), ("ဇာ", ("Zar", "Za"), "f"), ("ဌေး", ("Htay", "Htei"), "b"), ("နု", ("Nu",), "f"),
    ("အုန်း", ("Ohn", "Ohnn"), "b"), ("သီ", ("Thi", "Thee"), "f"), ("ပန်း", ("Pan",), "f"),
]  # fmt: skip
KAREN = [("ထူး", ("Htoo",)), ("ဟဲ", ("Eh", "Heh")), ("ပေါ", ("Paw",)), ("ကလူ", ("Klu",)), ("မူ", ("Mu", "Moo")),
         ("ဘွဲ့", ("Bwe",)), ("ဒိုး", ("Doh", "Do")), ("ဝါ", ("Wah", "Wa")), ("ကော", ("Kaw",)), ("လား", ("Lah", "La"))]  # fmt: skip
KACHIN_CLANS = [("လဖိုင်", ("Lahpai", "La Hpai")), ("မရန်", ("Maran",)), ("အင်ခွမ်", ("Nhkum", "N Hkum")),
                ("မရစ်", ("Marip",)), ("လထောင်", ("Lahtaw", "La Htaw"))]  # fmt: skip
KACHIN_ORDER = {"m": [("ဇော", ("Zau", "Zaw")), ("ဘရန်", ("Brang",)), ("ထူး", ("Tu", "Htu")), ("ဂမ်", ("Gam",))],
                "f": [("လု", ("Lu",)), ("ရွိုင်", ("Roi",)), ("ခေါန်", ("Hkawn", "Khawn")), ("ဘောက်", ("Bawk",))]}  # fmt: skip
CHIN = [("သန်း", ("Thang", "Than")), ("လျန်", ("Lian",)), ("ဗန်", ("Van",)), ("ငွန်", ("Ngun",)), ("ဆွဲ", ("Sui",)),
        ("ဇာ", ("Za",)), ("ဘိတ်", ("Bik",)), ("ချုံ", ("Cung", "Chung"))]  # fmt: skip
# Honorifics: (Burmese, romanisations) by sex and age (Ko/Ma young adults, U/Daw older, Maung boys).
HONORIFIC = {
    ("m", "old"): ("ဦး", ("U",)),
    ("f", "old"): ("ဒေါ်", ("Daw",)),
    ("m", "adult"): ("ကို", ("Ko",)),
    ("f", "adult"): ("မ", ("Ma",)),
    ("m", "young"): ("မောင်", ("Maung", "Mg")),
    ("f", "young"): ("မ", ("Ma",)),
}
ETHNIC_TITLE = {("karen", "m"): ("စော", ("Saw",)), ("karen", "f"): ("နော်", ("Naw",)),
                ("chin", "m"): ("ဆလိုင်း", ("Salai",)), ("chin", "f"): ("မိုင်", ("Mai",))}  # fmt: skip
# Region (Latin variants, Burmese, weight, ethnic mix), townships (Latin variants, Burmese).
REGIONS = [
    (("Sagaing", "Sagaing Region"), "စစ်ကိုင်းတိုင်း", 0.34, "bamar", [
        (("Depayin", "Tabayin"), "ဒီပဲယင်း"), (("Kani", "Kanni"), "ကနီ"), (("Yinmabin", "Yinmarbin"), "ယင်းမာပင်"),
        (("Myaung",), "မြောင်"), (("Khin-U", "Khin U"), "ခင်ဦး"), (("Monywa",), "မုံရွာ"),
        (("Kale", "Kalay"), "ကလေး"), (("Ayadaw",), "အရာတော်")]),
    (("Magway", "Magwe"), "မကွေးတိုင်း", 0.16, "bamar", [
        (("Gangaw",), "ဂန့်ဂေါ"), (("Pauk",), "ပေါက်"), (("Myaing",), "မြိုင်"), (("Saw",), "ဆော")]),
    (("Mandalay",), "မန္တလေးတိုင်း", 0.12, "bamar", [
        (("Chanayethazan", "Chan Aye Thar Zan"), "ချမ်းအေးသာစံ"), (("Mahaaungmye", "Maha Aung Myay"), "မဟာအောင်မြေ"),
        (("Myingyan",), "မြင်းခြံ"), (("Madaya",), "မတ္တရာ")]),
    (("Yangon", "Rangoon"), "ရန်ကုန်တိုင်း", 0.14, "bamar", [
        (("Hlaingthaya", "Hlaing Tharyar"), "လှိုင်သာယာ"), (("Insein",), "အင်းစိန်"),
        (("North Okkalapa", "N. Okkalapa"), "မြောက်ဥက္ကလာပ"), (("Thaketa",), "သာကေတ")]),
    (("Kayin", "Karen"), "ကရင်ပြည်နယ်", 0.09, "karen", [
        (("Hpapun", "Papun"), "ဖာပွန်"), (("Myawaddy",), "မြဝတီ"), (("Hlaingbwe",), "လှိုင်းဘွဲ")]),
    (("Kachin",), "ကချင်ပြည်နယ်", 0.06, "kachin", [
        (("Hpakant", "Phakant"), "ဖားကန့်"), (("Myitkyina",), "မြစ်ကြီးနား")]),
    (("Chin",), "ချင်းပြည်နယ်", 0.05, "chin", [
        (("Mindat",), "မင်းတပ်"), (("Falam",), "ဖလမ်း"), (("Thantlang", "Thantlang"), "ထန်တလန်")]),
    (("Kayah", "Karenni"), "ကယားပြည်နယ်", 0.04, "karen", [
        (("Hpruso", "Hpruso"), "ဖရူဆို"), (("Demoso",), "ဒီးမော့ဆို"), (("Loikaw",), "လွိုင်ကော်")]),
]  # fmt: skip
BURMESE_DIGITS = str.maketrans("0123456789", "၀၁၂၃၄၅၆၇၈၉")
START, END = dt.date(2021, 2, 1), dt.date(2024, 12, 31)


def burmese_name(rng: random.Random, sex: str, ethnic: str) -> tuple[list[tuple[str, str]], str]:
    """Syllables as (Burmese, Latin) pairs, plus which title family applies."""
    if ethnic == "kachin":
        clan = rng.choice(KACHIN_CLANS)
        order = rng.choice(KACHIN_ORDER[sex])
        own = rng.choice(SYLLABLES[:40])
        return [(clan[0], clan[1]), (order[0], order[1]), (own[0], own[1])], "kachin"
    if ethnic == "chin" and rng.random() < 0.8:
        parts = rng.sample(CHIN, rng.choice((2, 3)))
        return [(b, lat) for b, lat in parts], "chin"
    if ethnic == "karen" and rng.random() < 0.7:
        n = rng.choice((1, 2, 2, 3))
        parts = [rng.choice(KAREN) for _ in range(n)]
        return [(b, lat) for b, lat in parts], "karen"
    pool = [s for s in SYLLABLES if s[2] in (sex, "b")]
    n = rng.choices((1, 2, 3, 4), weights=(0.08, 0.42, 0.4, 0.1))[0]
    parts = [rng.choice(pool) for _ in range(n)]
    if n >= 2 and rng.random() < 0.15:  # doubled names: Kyaw Kyaw, Su Su
        parts[1] = parts[0]
    return [(b, lat) for b, lat, _ in parts], "bamar"


def make_people(rng: random.Random, n: int) -> list[dict]:
    people: list[dict] = []
    events = []  # massacres: (date, region index, township index, village, size)
    for _ in range(max(1, n // 100)):
        region = rng.choices(range(len(REGIONS)), weights=(8, 4, 1, 0, 2, 1, 1, 2))[0]
        day = START + dt.timedelta(days=rng.randrange((END - START).days))
        events.append(
            (
                day,
                region,
                rng.randrange(len(REGIONS[region][4])),
                rng.randrange(20),
                rng.randint(6, 40),
            )
        )
    massacred = sum(e[4] for e in events)
    for pid in range(n):
        if pid < massacred:
            k, acc = 0, 0
            while acc + events[k][4] <= pid:
                acc += events[k][4]
                k += 1
            day, region, township, village, _ = events[k]
            event = k
        else:
            region = rng.choices(range(len(REGIONS)), weights=[r[2] for r in REGIONS])[0]
            township = rng.randrange(len(REGIONS[region][4]))
            day = START + dt.timedelta(days=rng.randrange((END - START).days))
            village, event = rng.randrange(20), None
        ethnic = REGIONS[region][3] if rng.random() < 0.85 else "bamar"
        sex = "m" if rng.random() < 0.78 else "f"
        age = max(1, min(90, int(rng.gauss(33, 15))))
        syllables, kind = burmese_name(rng, sex, ethnic)
        father, _ = burmese_name(rng, "m", ethnic)
        people.append({
            "pid": f"P{pid:05d}", "sex": sex, "age": age, "date": day, "region": region,
            "township": township, "village": village, "event": event, "name": syllables,
            "kind": kind, "father": father, "urban": region in (2, 3),
        })  # fmt: skip
    return people


def age_group(age: int) -> str:
    return "young" if age < 18 else ("adult" if age < 45 else "old")


def title(rng: random.Random, p: dict, script: int) -> str | None:
    if p["kind"] in ("karen", "chin"):
        return (
            ETHNIC_TITLE[(p["kind"], p["sex"])][script]
            if script == 0
            else rng.choice(ETHNIC_TITLE[(p["kind"], p["sex"])][1])
        )
    if p["kind"] == "kachin":
        return None
    b, lat = HONORIFIC[(p["sex"], age_group(p["age"]))]
    return b if script == 0 else rng.choice(lat)


def latin_name(rng: random.Random, p: dict, style: str, honorific: float, syllables=None) -> str:
    """A romanisation: `spaced` (Kyaw Kyaw), `joined` (Kyawkyaw; UN-style), `upper`."""
    words = [
        rng.choice(lat) if rng.random() < 0.35 else lat[0] for _, lat in (syllables or p["name"])
    ]
    if style == "joined" and len(words) > 1 and rng.random() < 0.6:
        cut = rng.randrange(1, len(words))
        words = [words[0] + "".join(w.lower() for w in words[1:cut]), *words[cut:]]
        if rng.random() < 0.5:
            words = ["".join([words[0], *(w.lower() for w in words[1:])])]
    if rng.random() < 0.04 and len(words[-1]) > 3:  # a typing error
        w = words[-1]
        i = rng.randrange(1, len(w) - 1)
        words[-1] = w[:i] + w[i + 1] + w[i] + w[i + 2 :]
    if syllables is None and rng.random() < honorific:
        t = title(rng, p, 1)
        if t:
            words.insert(0, t)
    name = " ".join(words)
    return name.upper() if style == "upper" else name


def burmese_text(rng: random.Random, p: dict, honorific: float) -> str:
    text = "".join(b for b, _ in p["name"])
    if rng.random() < honorific:
        t = title(rng, p, 0)
        if t:
            text = t + text
    return text


# Unicode -> Zawgyi, for the letters these names use: Zawgyi is typed in visual order (ေ and
# ြ before the consonant) and puts the medials and asat at other code points.
_ZG_MAP = str.maketrans({"\u103b": "\u103a", "\u103c": "\u103b", "\u103d": "\u103c",
                         "\u103e": "\u103d", "\u103a": "\u1039"})  # fmt: skip
_CONSONANT = {chr(c) for c in range(0x1000, 0x1022)}


def to_zawgyi(text: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch in _CONSONANT:
            j = i + 1
            medials = ""
            while j < len(text) and text[j] in "\u103b\u103c\u103d\u103e":
                medials += text[j]
                j += 1
            pre = ""
            if j < len(text) and text[j] == "\u1031":
                pre, j = "\u1031", j + 1
            ra = "\u103b" if "\u103c" in medials else ""
            rest = medials.replace("\u103c", "").translate(_ZG_MAP)
            if rest == "\u103c\u103d":
                rest = "\u108a"
            out.append(pre + ra + ch + rest)
            i = j
        else:
            out.append(ch.translate(_ZG_MAP))
            i += 1
    return "".join(out)


def write_lists(people: list[dict], out: Path, rng: random.Random) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "truth").mkdir(exist_ok=True)
    truth: list[tuple[str, int, str]] = []
    region_of = lambda p: REGIONS[p["region"]]  # noqa: E731
    town_of = lambda p: REGIONS[p["region"]][4][p["township"]]  # noqa: E731

    def captured(p: dict, base: float, boost: dict[int, float]) -> bool:
        prob = base * boost.get(p["region"], 1.0) * (1.5 if p["event"] is not None else 1.0)
        return rng.random() < min(0.95, prob)

    def rows_of(base, boost, dup=0.02):
        chosen = [p for p in people if captured(p, base, boost)]
        chosen += [p for p in chosen if rng.random() < dup]  # the same person entered twice
        rng.shuffle(chosen)
        return chosen

    def date_of(p, jitter=0.08):
        d = p["date"]
        if rng.random() < jitter:
            d += dt.timedelta(days=rng.choice((-2, -1, 1, 1, 2)))
        return d

    # 1. AAPP-like: English, honorifics, father's name, dd-Mon-yyyy.
    rows = rows_of(0.42, {2: 1.4, 3: 1.5, 5: 0.7, 6: 0.8})
    with open(out / "aapp.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["No.", "Name", "Sex", "Age", "Father's Name", "Date of Death", "Township",
                    "State/Region", "Remark"])  # fmt: skip
        for i, p in enumerate(rows, 1):
            d = date_of(p)
            w.writerow([
                i, latin_name(rng, p, "spaced", 0.7),
                {"m": "Male", "f": "Female"}[p["sex"]] if rng.random() > 0.03 else "",
                p["age"] if rng.random() > 0.12 else "",
                ("U " if rng.random() < 0.5 else "") + latin_name(rng, p, "spaced", 0, p["father"])
                if rng.random() < 0.55 else "",
                d.strftime("%d-%b-%Y") if rng.random() > 0.05 else d.strftime("%b %Y"),
                rng.choice(town_of(p)[0]), rng.choice(region_of(p)[0]),
                "Shot dead" if rng.random() < 0.5 else "Killed in airstrike",
            ])  # fmt: skip
            truth.append(("aapp", i, p["pid"]))
    # 2. Local media: Burmese headers and script, Burmese numerals, XLSX.
    from openpyxl import Workbook

    rows = rows_of(0.3, {0: 1.5, 1: 1.4, 3: 0.6})
    wb = Workbook()
    ws = wb.active
    ws.append(["စဉ်", "အမည်", "ကျား/မ", "အသက်", "အဖအမည်", "ကျဆုံးသည့်နေ့", "မြို့နယ်", "တိုင်း/ပြည်နယ်"])
    for i, p in enumerate(rows, 1):
        d = date_of(p)
        burmese_digits = rng.random() < 0.6
        date = f"{d.day}.{d.month}.{d.year}" if rng.random() < 0.7 else d.isoformat()
        age = str(p["age"]) if rng.random() > 0.15 else ""
        ws.append([
            str(i).translate(BURMESE_DIGITS), burmese_text(rng, p, 0.6),
            {"m": "ကျား", "f": "မ"}[p["sex"]],
            age.translate(BURMESE_DIGITS) if burmese_digits else age,
            ("ဦး" + "".join(b for b, _ in p["father"])) if rng.random() < 0.4 else "",
            date.translate(BURMESE_DIGITS) if burmese_digits else date,
            town_of(p)[1], region_of(p)[1],
        ])  # fmt: skip
        truth.append(("media", i, p["pid"]))
    wb.save(out / "media.xlsx")
    # 3. UN-style: joined or variant romanisation, no honorifics, ISO dates, Admin1/Admin3.
    rows = rows_of(0.22, {2: 1.6, 3: 1.8, 6: 1.3})
    with open(out / "un.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["Case ID", "Full name", "Gender", "Age", "Date of incident", "Admin1", "Admin3",
                    "Incident type"])  # fmt: skip
        for i, p in enumerate(rows, 1):
            d = date_of(p, 0.12)
            w.writerow([
                f"MMR-{i:05d}", latin_name(rng, p, rng.choice(("joined", "upper")), 0.15),
                p["sex"].upper() if rng.random() > 0.05 else "U",
                p["age"] if rng.random() > 0.3 else "",
                d.isoformat() if rng.random() > 0.1 else d.strftime("%Y-%m"),
                region_of(p)[0][0], town_of(p)[0][-1], "Killing",
            ])  # fmt: skip
            truth.append(("un", i, p["pid"]))
    # 4. Township volunteers: a few Sagaing/Magway townships, Zawgyi-typed Burmese, massacres.
    rows = [p for p in people if p["region"] in (0, 1) and p["township"] < 4]
    rows = [p for p in rows if rng.random() < (0.8 if p["event"] is not None else 0.45)]
    rng.shuffle(rows)
    with open(out / "township.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow([to_zawgyi(h) for h in ("အမည်", "အသက်", "ကျား/မ", "ရက်စွဲ", "ကျေးရွာ", "မြို့နယ်")])
        for i, p in enumerate(rows, 1):
            d = date_of(p, 0.05)
            w.writerow([
                to_zawgyi(burmese_text(rng, p, 0.5)), str(p["age"]).translate(BURMESE_DIGITS),
                to_zawgyi({"m": "ကျား", "f": "မ"}[p["sex"]]),
                f"{d.day}/{d.month}/{d.year}".translate(BURMESE_DIGITS),
                f"village {p['village']}", to_zawgyi(town_of(p)[1]),
            ])  # fmt: skip
            truth.append(("township", i, p["pid"]))
    with open(out / "truth" / "records.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["source_id", "source_row", "person_id"])
        w.writerows(truth)
    with open(out / "truth" / "people.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["person_id", "sex", "age", "date_of_death", "region", "massacre"])
        for p in people:
            w.writerow([p["pid"], p["sex"], p["age"], p["date"].isoformat(),
                        REGIONS[p["region"]][0][0], p["event"] is not None])  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--people", type=int, default=3000)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    people = make_people(rng, args.people)
    write_lists(people, args.out, rng)
    counts: dict[str, int] = {}
    documented: set[str] = set()
    with open(args.out / "truth" / "records.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            counts[row["source_id"]] = counts.get(row["source_id"], 0) + 1
            documented.add(row["person_id"])
    print({"people": args.people, "documented": len(documented), "records": counts})


if __name__ == "__main__":
    main()
