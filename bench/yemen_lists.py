"""Yemen-like casualty lists with known truth (newuser25's own generator, docs/bench/newuser.md).

`python bench/yemen_lists.py OUT --seed N` writes OUT/lists/ and OUT/truth/ and prints a JSON line.

Four lists kept by different bodies, 2015-2022:
  moh.csv      Sana'a ministry of health (Houthi-held north): Windows-1256, Arabic headers,
               one Arabic cell with 3-4 names, dd/mm/yyyy dates, Arabic governorates.
  ngo.csv      an NGO's English CSV: transliterated names (given father [grandfather] family),
               several spellings per name, ISO dates or 'March 2016', English governorates.
  un.xlsx      a UN-style workbook: title row, Arabic name (often empty) and an English name
               written FAMILY, Given Father; date cells; age category and sometimes age.
  monitor.csv  a local monitor (Taiz/Aden, government-held south): name in four Arabic
               columns; dates Hijri ('15/06/1437هـ', '15 جمادى الآخرة 1437') or Gregorian
               ('24/03/2016م', '2016/03/24'), mixed.
Truth in truth/: records.csv (source_id, source_row, person_id), persons.csv, capture.csv.
Never prints a name.
"""

import argparse
import datetime as dt
import json
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

# ---- names: Arabic form and Latin spellings (first = most common) ----
MALE = [
    ("محمد", ["Mohammed", "Mohamed", "Muhammad", "Mohammad"]),
    ("أحمد", ["Ahmed", "Ahmad"]),
    ("علي", ["Ali", "Aly"]),
    ("عبدالله", ["Abdullah", "Abdallah", "Abdulla", "Abd Allah"]),
    ("عبدالرحمن", ["Abdulrahman", "Abdul Rahman", "Abdurrahman"]),
    ("عبدالملك", ["Abdulmalik", "Abdul Malik", "Abdulmalek"]),
    ("صالح", ["Saleh", "Salih", "Saleh"]),
    ("حسين", ["Hussein", "Hussain", "Husain"]),
    ("حسن", ["Hassan", "Hasan"]),
    ("يحيى", ["Yahya", "Yahia", "Yehia"]),
    ("عبده", ["Abdo", "Abduh", "Abdu"]),
    ("ناصر", ["Nasser", "Naser", "Nasir"]),
    ("سعيد", ["Saeed", "Said", "Saied"]),
    ("فيصل", ["Faisal", "Faysal"]),
    ("خالد", ["Khaled", "Khalid"]),
    ("قاسم", ["Qasim", "Gasem", "Kassem", "Qassem"]),
    ("منصور", ["Mansour", "Mansur"]),
    ("عادل", ["Adel", "Adil"]),
    ("فؤاد", ["Fuad", "Fouad", "Foad"]),
    ("جمال", ["Jamal", "Gamal"]),
    ("عمر", ["Omar", "Umar"]),
    ("مراد", ["Murad", "Mourad"]),
    ("هادي", ["Hadi", "Hady"]),
    ("طارق", ["Tareq", "Tariq", "Tarek"]),
    ("وليد", ["Waleed", "Walid"]),
    ("مختار", ["Mukhtar", "Mokhtar"]),
    ("نبيل", ["Nabil", "Nabeel"]),
    ("عبدالقادر", ["Abdulqader", "Abdul Qadir", "Abdulgader"]),
    ("حمود", ["Hamoud", "Hamood", "Hammoud"]),
    ("مطهر", ["Mutahar", "Motahar"]),
    ("شرف", ["Sharaf", "Sharf"]),
    ("عبدالكريم", ["Abdulkarim", "Abdul Kareem"]),
    ("زيد", ["Zaid", "Zayd", "Zeid"]),
    ("إبراهيم", ["Ibrahim", "Ebrahim"]),
    ("إسماعيل", ["Ismail", "Esmail", "Ismael"]),
    ("عبدالوهاب", ["Abdulwahab", "Abdul Wahhab"]),
    ("سلطان", ["Sultan", "Soltan"]),
    ("منير", ["Munir", "Mounir"]),
    ("أمين", ["Amin", "Ameen"]),
    ("رشاد", ["Rashad", "Rachad"]),
    ("هاشم", ["Hashem", "Hashim"]),
    ("عبدالسلام", ["Abdulsalam", "Abdul Salam", "Abdussalam"]),
    ("محسن", ["Mohsen", "Muhsin"]),
    ("مهدي", ["Mahdi", "Mehdi"]),
    ("بشير", ["Bashir", "Basheer"]),
    ("عبدالعزيز", ["Abdulaziz", "Abdul Aziz"]),
    ("ياسر", ["Yasser", "Yasir"]),
    ("مجاهد", ["Mujahid", "Mojahed"]),
    ("عارف", ["Aref", "Arif"]),
    ("غالب", ["Ghaleb", "Ghalib"]),
]
FEMALE = [
    ("فاطمة", ["Fatima", "Fatma", "Fatimah"]),
    ("عائشة", ["Aisha", "Aysha", "Aesha"]),
    ("مريم", ["Maryam", "Mariam"]),
    ("خديجة", ["Khadija", "Khadeeja"]),
    ("سعاد", ["Suad", "Soad"]),
    ("هدى", ["Huda", "Hoda"]),
    ("أسماء", ["Asma", "Asmaa"]),
    ("رحمة", ["Rahma", "Rahmah"]),
    ("زينب", ["Zainab", "Zaynab"]),
    ("أمل", ["Amal"]),
    ("سمية", ["Sumaya", "Somaya"]),
    ("حليمة", ["Halima", "Halimah"]),
    ("نجلاء", ["Najla", "Najlaa"]),
    ("بلقيس", ["Balqees", "Bilqis"]),
    ("ليلى", ["Laila", "Layla"]),
    ("صفية", ["Safia", "Safiya"]),
    ("نورية", ["Nouria", "Nuriya"]),
]
FAMILY = [
    ("الأحمر", ["al-Ahmar", "Al Ahmar"]),
    ("الحوثي", ["al-Houthi", "al-Huthi"]),
    ("العولقي", ["al-Awlaki", "al-Aulaqi"]),
    ("الشرعبي", ["al-Sharabi", "al-Shar'abi", "Alsharabi"]),
    ("الحميري", ["al-Himyari", "al-Humairi"]),
    ("المقطري", ["al-Maqtari", "al-Makhtari"]),
    ("الصبري", ["al-Sabri", "Alsabri"]),
    ("الحكيمي", ["al-Hakimi", "al-Hakeemi"]),
    ("الزبيدي", ["al-Zubaidi", "al-Zubaydi"]),
    ("الأغبري", ["al-Aghbari", "Alaghbari"]),
    ("الريمي", ["al-Raimi", "al-Rimi"]),
    ("الوصابي", ["al-Wossabi", "al-Wasabi"]),
    ("الذماري", ["al-Dhamari", "al-Thamari"]),
    ("العنسي", ["al-Ansi", "al-Anesi"]),
    ("الشامي", ["al-Shami", "Alshami"]),
    ("المتوكل", ["al-Mutawakel", "al-Mutawakkil"]),
    ("الكبسي", ["al-Kibsi", "al-Kebsi"]),
    ("الجرادي", ["al-Jaradi", "al-Garadi"]),
    ("السقاف", ["al-Saqqaf", "al-Sakkaf"]),
    ("باعباد", ["Baabad", "Ba'abbad"]),
    ("العمودي", ["al-Amoudi", "al-Amudi"]),
    ("الحضرمي", ["al-Hadrami", "al-Hadhrami"]),
    ("اليافعي", ["al-Yafei", "al-Yafai"]),
    ("الضالعي", ["al-Dhalei", "al-Dali"]),
    ("القاضي", ["al-Qadhi", "al-Gadhi"]),
    ("الأهدل", ["al-Ahdal", "Alahdal"]),
    ("الهمداني", ["al-Hamdani", "al-Hamadani"]),
    ("الخولاني", ["al-Khawlani", "al-Kholani"]),
    ("الجبري", ["al-Jabri", "al-Gabri"]),
    ("النهمي", ["al-Nahmi", "Alnahmi"]),
    ("العزي", ["al-Ezzi", "al-Azzi"]),
    ("البكري", ["al-Bakri", "al-Bakry"]),
    ("الفقيه", ["al-Faqih", "al-Fakih"]),
    ("المخلافي", ["al-Mikhlafi", "al-Mekhlafi"]),
    ("السنباني", ["al-Sanabani", "al-Sunbani"]),
    ("مرشد", ["Murshed", "Murshid"]),
    ("سيف", ["Saif", "Sayf"]),
    ("الصوفي", ["al-Sufi", "al-Soufi"]),
    ("العبسي", ["al-Absi", "al-Abssi"]),
    ("الشيباني", ["al-Shaibani", "al-Shaybani"]),
]

# governorate: ISO code, Arabic, English spellings, side (N = Houthi-held, S = government), weight
GOVS = [
    ("YE-SA", "أمانة العاصمة", ["Sana'a City", "Amanat Al Asimah", "Sanaa City"], "N", 14),
    ("YE-SN", "صنعاء", ["Sana'a", "Sanaa"], "N", 6),
    ("YE-SD", "صعدة", ["Sa'ada", "Saada", "Sadah"], "N", 14),
    ("YE-HJ", "حجة", ["Hajjah", "Hajja"], "N", 8),
    ("YE-HU", "الحديدة", ["Al Hudaydah", "Hodeidah", "Hudaydah"], "N", 12),
    ("YE-TA", "تعز", ["Taizz", "Taiz", "Ta'iz"], "T", 20),
    ("YE-AD", "عدن", ["Aden"], "S", 7),
    ("YE-LA", "لحج", ["Lahj", "Lahij"], "S", 4),
    ("YE-MA", "مأرب", ["Marib", "Ma'rib"], "S", 6),
    ("YE-BA", "البيضاء", ["Al Bayda", "Al Baidha"], "N", 3),
    ("YE-DA", "الضالع", ["Al Dhale'e", "Ad Dali", "Dhale"], "S", 3),
    ("YE-JA", "الجوف", ["Al Jawf", "Al-Jouf"], "N", 3),
]
HIJRI_MONTHS = [
    "محرم",
    "صفر",
    "ربيع الأول",
    "ربيع الآخر",
    "جمادى الأولى",
    "جمادى الآخرة",
    "رجب",
    "شعبان",
    "رمضان",
    "شوال",
    "ذو القعدة",
    "ذو الحجة",
]
EN_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
START, END = dt.date(2015, 3, 26), dt.date(2022, 4, 2)
ISLAMIC_EPOCH = 1948439.5


def hijri(d):
    """Tabular (arithmetic) Islamic date of a Gregorian date: within a day or two of Umm al-Qura."""
    jd = d.toordinal() + 1721424.5
    jd = np.floor(jd) + 0.5
    year = int(np.floor((30 * (jd - ISLAMIC_EPOCH) + 10646) / 10631))
    month = int(min(12, np.ceil((jd - (29 + _hj(year, 1, 1))) / 29.5) + 1))
    day = int(jd - _hj(year, month, 1) + 1)
    return year, month, day


def _hj(y, m, d):
    return (
        d
        + np.ceil(29.5 * (m - 1))
        + (y - 1) * 354
        + np.floor((3 + 11 * y) / 30)
        + ISLAMIC_EPOCH
        - 1
    )


AR_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def ar_variant(word, rng):
    """Arabic typing variants: hamza dropped, ة written ه, ى written ي, عبد written apart."""
    w = word
    if rng.random() < 0.3:
        w = w.replace("أ", "ا").replace("إ", "ا")
    if w.endswith("ة") and rng.random() < 0.2:
        w = w[:-1] + "ه"
    if w.endswith("ى") and rng.random() < 0.3:
        w = w[:-1] + "ي"
    if w.startswith("عبد") and len(w) > 3 and rng.random() < 0.4:
        w = "عبد " + w[3:]
    return w


def latin_typo(word, rng):
    if len(word) < 4:
        return word
    i = int(rng.integers(1, len(word) - 1))
    kind = rng.integers(3)
    if kind == 0:
        return word[:i] + word[i + 1 :]
    if kind == 1:
        return word[:i] + word[i] + word[i:]
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def make_people(n, rng):
    ppl = []
    gw = np.array([g[4] for g in GOVS], float)
    gw /= gw.sum()
    days = (END - START).days
    # mass-casualty events (airstrikes on markets, weddings, funerals): 20% of the dead
    n_event_people = int(0.2 * n)
    events = []
    left = n_event_people
    while left > 0:
        size = int(min(left, max(3, rng.geometric(1 / 12))))
        events.append(size)
        left -= size
    pid = 0

    def family_tuple():
        return (
            int(rng.integers(len(MALE))),
            int(rng.integers(len(MALE))),
            int(rng.zipf(1.6) - 1) % len(FAMILY),
        )

    def person(gov, date, event, fam):
        nonlocal pid
        sex = "F" if rng.random() < (0.3 if event >= 0 else 0.12) else "M"
        age = int(np.clip(rng.normal(30, 16) if rng.random() > 0.25 else rng.uniform(1, 17), 1, 90))
        gi = int(rng.zipf(1.5) - 1) % (len(FEMALE) if sex == "F" else len(MALE))
        # visibility: some people far easier to document (known, urban, in hospitals)
        vis = rng.normal(0, 1) + (0.7 if event >= 0 else 0.0)
        reach = rng.normal(0, 1)  # media / hospital reach shared by the NGO and the UN
        d = dict(
            person_id=f"P{pid:05d}",
            sex=sex,
            age=age,
            given=gi,
            father=fam[0],
            grandfather=fam[1],
            family=fam[2],
            gov=gov,
            date=date,
            event=event,
            vis=vis,
            reach=reach,
        )
        pid += 1
        return d

    for e, size in enumerate(events):
        gov = int(rng.choice(len(GOVS), p=gw))
        date = START + dt.timedelta(days=int(rng.integers(days)))
        fam = family_tuple()
        for k in range(size):
            if k > 0 and rng.random() < 0.35:
                f = fam  # sibling: same father, grandfather, family
            else:
                f = family_tuple()
            ppl.append(person(gov, date, e, f))
    while len(ppl) < n:
        gov = int(rng.choice(len(GOVS), p=gw))
        # more deaths 2015-2016 and 2018 (Hodeidah), fewer later
        day = int(days * rng.beta(1.2, 2.2))
        ppl.append(person(gov, START + dt.timedelta(days=day), -1, family_tuple()))
    return pd.DataFrame(ppl)


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def capture(people, rng):
    side = people["gov"].map(lambda g: GOVS[g][3]).to_numpy()
    north = (side == "N").astype(float)
    south = (side == "S").astype(float)
    taiz = (side == "T").astype(float)
    v, r = people["vis"].to_numpy(), people["reach"].to_numpy()
    p = {
        "moh": sigmoid(-0.2 + 1.3 * v + 1.0 * north - 2.2 * south - 0.6 * taiz),
        "ngo": sigmoid(-1.0 + 1.2 * v + 0.9 * r),
        "un": sigmoid(-1.6 + 1.1 * v + 1.0 * r + 0.3 * north),
        "monitor": sigmoid(-0.6 + 1.3 * v + 1.0 * south + 0.6 * taiz - 2.4 * north),
    }
    return {k: rng.random(len(people)) < q for k, q in p.items()}


def latin_full(row, rng, parts, caps=0.05, typo=0.03):
    sex_names = FEMALE if row.sex == "F" else MALE
    words = []
    for part in parts:
        if part == "given":
            words.append(rng.choice(sex_names[row.given][1]))
        elif part == "father":
            words.append(rng.choice(MALE[row.father][1]))
        elif part == "grandfather":
            words.append(rng.choice(MALE[row.grandfather][1]))
        else:
            words.append(rng.choice(FAMILY[row.family][1]))
    words = [latin_typo(w, rng) if rng.random() < typo else w for w in words]
    name = " ".join(words)
    return name.upper() if rng.random() < caps else name


def arabic_parts(row, rng):
    sex_names = FEMALE if row.sex == "F" else MALE
    return [
        ar_variant(sex_names[row.given][0], rng),
        ar_variant(MALE[row.father][0], rng),
        ar_variant(MALE[row.grandfather][0], rng),
        ar_variant(FAMILY[row.family][0], rng),
    ]


def jitter(date, rng, p=0.12):
    if rng.random() < p:
        return date + dt.timedelta(days=int(rng.choice([-3, -2, -1, 1, 2])))
    return date


def with_dups(idx, rng, share):
    """Row order with a few within-list duplicates (the same person entered twice)."""
    idx = list(idx)
    extra = list(rng.choice(idx, size=int(share * len(idx)), replace=False)) if idx else []
    rows = idx + extra
    rng.shuffle(rows)
    return rows


def write_moh(people, rows, rng, out):
    recs = []
    for i in rows:
        row = people.loc[i]
        parts = arabic_parts(row, rng)
        if rng.random() < 0.35:
            parts = [parts[0], parts[1], parts[3]]  # three-part name, no grandfather
        elif rng.random() < 0.1:
            parts = parts[:3]  # given father grandfather, no family
        d = jitter(row.date, rng)
        g = GOVS[row.gov]
        recs.append(
            {
                "م": None,
                "الاسم الرباعي": " ".join(parts),
                "الجنس": {"M": "ذكر", "F": "أنثى"}[row.sex] if rng.random() > 0.05 else "",
                "العمر": str(row.age) if rng.random() > 0.2 else "",
                "تاريخ الوفاة": d.strftime("%d/%m/%Y") if rng.random() > 0.04 else "",
                "المحافظة": g[1] if rng.random() > 0.04 else "",
                "نوع الحادثة": rng.choice(["غارة جوية", "قصف مدفعي", "قنص", "لغم"]),
            }
        )
    df = pd.DataFrame(recs)
    df["م"] = range(1, len(df) + 1)
    df.to_csv(out / "moh.csv", index=False, encoding="windows-1256", errors="replace")
    return len(df)


def write_ngo(people, rows, rng, out):
    recs = []
    for i in rows:
        row = people.loc[i]
        parts = (
            ["given", "father", "grandfather", "family"]
            if rng.random() < 0.4
            else ["given", "father", "family"]
        )
        d = jitter(row.date, rng)
        g = GOVS[row.gov]
        r = rng.random()
        date = (
            d.isoformat() if r < 0.8 else (f"{EN_MONTHS[d.month - 1]} {d.year}" if r < 0.95 else "")
        )
        recs.append(
            {
                "Ref": f"NGO-{len(recs) + 1:05d}",
                "Full Name": latin_full(row, rng, parts),
                "Gender": {"M": "Male", "F": "Female"}[row.sex]
                if rng.random() > 0.08
                else "Unknown",
                "Age": str(row.age) if rng.random() > 0.35 else "",
                "Date of Death": date,
                "Governorate": rng.choice(g[2]) if rng.random() > 0.03 else "",
                "Status": "Civilian" if rng.random() < 0.8 else "Unknown",
            }
        )
    pd.DataFrame(recs).to_csv(out / "ngo.csv", index=False, encoding="utf-8")
    return len(recs)


def write_un(people, rows, rng, out, ngo_spelling):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Casualties"
    ws.append(["Civilian casualties verified by the monitoring team, Yemen 2015-2022"])
    header = [
        "Incident ID",
        "Date of incident",
        "Governorate",
        "Victim name (AR)",
        "Victim name (EN)",
        "Sex",
        "Age category",
        "Age",
    ]
    ws.append(header)
    n = 0
    for i in rows:
        row = people.loc[i]
        d = jitter(row.date, rng, 0.08)
        g = GOVS[row.gov]
        ar = " ".join(arabic_parts(row, rng)) if rng.random() < 0.55 else None
        if i in ngo_spelling and rng.random() < 0.4:
            en = ngo_spelling[i]  # copied from the NGO's report
        else:
            fam = latin_full(row, rng, ["family"], caps=0.0)
            rest = latin_full(row, rng, ["given", "father"], caps=0.0)
            en = f"{fam.upper()}, {rest}"
        if ar is None and rng.random() < 0.02:
            en = None
        adult = row.age >= 18
        ws.append(
            [
                f"INC-{rng.integers(10000, 99999)}",
                d if rng.random() > 0.03 else None,
                rng.choice(g[2]),
                ar,
                en,
                {"M": "Male", "F": "Female"}[row.sex] if rng.random() > 0.05 else None,
                "Adult" if adult else "Child",
                row.age if rng.random() < 0.3 else None,
            ]
        )
        n += 1
    wb.save(out / "un.xlsx")
    return n


def write_monitor(people, rows, rng, out):
    recs = []
    for i in rows:
        row = people.loc[i]
        parts = arabic_parts(row, rng)
        d = jitter(row.date, rng)
        r = rng.random()
        if r < 0.35:
            y, m, dd = hijri(d)
            date = f"{dd:02d}/{m:02d}/{y}هـ"
        elif r < 0.5:
            y, m, dd = hijri(d)
            date = f"{dd} {HIJRI_MONTHS[m - 1]} {y}هـ"
        elif r < 0.8:
            date = d.strftime("%d/%m/%Y") + "م"
        elif r < 0.97:
            date = d.strftime("%Y/%m/%d")
        else:
            date = ""
        if rng.random() < 0.3:
            date = date.translate(AR_DIGITS)
        g = GOVS[row.gov]
        age = str(row.age)
        if rng.random() < 0.3:
            age = age.translate(AR_DIGITS)
        recs.append(
            {
                "الاسم": parts[0],
                "اسم الأب": parts[1],
                "اسم الجد": parts[2] if rng.random() > 0.15 else "",
                "اللقب": parts[3] if rng.random() > 0.1 else "",
                "الجنس": {"M": "ذكر", "F": "أنثى"}[row.sex],
                "العمر": age if rng.random() > 0.25 else "",
                "تاريخ الاستشهاد": date,
                "المحافظة": g[1],
                "الصفة": "مدني" if rng.random() < 0.85 else "غير معروف",
            }
        )
    pd.DataFrame(recs).to_csv(out / "monitor.csv", index=False, encoding="utf-8")
    return len(recs)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out", nargs="?", help="folder to write (default: a temporary one)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--people", type=int, default=3000)
    a = ap.parse_args()
    rng = np.random.default_rng(a.seed)
    out = Path(a.out or tempfile.mkdtemp(prefix="yemen_lists_"))
    (out / "lists").mkdir(parents=True, exist_ok=True)
    (out / "truth").mkdir(exist_ok=True)
    people = make_people(a.people, rng)
    caps = capture(people, rng)
    truth = []
    counts = {}
    for sid in ["moh", "ngo", "un", "monitor"]:
        rows = with_dups(np.flatnonzero(caps[sid]), rng, 0.025)
        if sid == "moh":
            counts[sid] = write_moh(people, rows, rng, out / "lists")
        elif sid == "ngo":
            # keep the NGO's spelling for the UN to copy (family-first, as the UN writes it)
            counts[sid] = write_ngo(people, rows, rng, out / "lists")
            ngo = pd.read_csv(out / "lists" / "ngo.csv", dtype=str)
            ngo_spelling = {}
            for i, name in zip(rows, ngo["Full Name"], strict=True):
                w = str(name).split(" ")
                ngo_spelling.setdefault(i, f"{w[-1].upper()}, {' '.join(w[:-1])}")
        elif sid == "un":
            counts[sid] = write_un(people, rows, rng, out / "lists", ngo_spelling)
        else:
            counts[sid] = write_monitor(people, rows, rng, out / "lists")
        truth += [(sid, k + 1, people.loc[i, "person_id"]) for k, i in enumerate(rows)]
    pd.DataFrame(truth, columns=["source_id", "source_row", "person_id"]).to_csv(
        out / "truth" / "records.csv", index=False
    )
    pers = people[["person_id", "sex", "age", "gov", "date", "event"]].copy()
    pers["governorate"] = pers["gov"].map(lambda g: GOVS[g][0])
    pers["year"] = pers["date"].map(lambda d: d.year)
    for k, v in caps.items():
        pers[f"in_{k}"] = v.astype(int)
    pers.drop(columns=["gov"]).to_csv(out / "truth" / "persons.csv", index=False)
    cols = [f"in_{k}" for k in caps]
    doc = pers[pers[cols].sum(axis=1) > 0]
    cap = doc.groupby(cols).size().reset_index(name="count")
    cap.columns = [c.removeprefix("in_") for c in cap.columns]
    cap.to_csv(out / "truth" / "capture.csv", index=False)
    nlists = doc[cols].sum(axis=1)
    summary = dict(
        seed=a.seed,
        people=len(pers),
        documented=len(doc),
        on_one_list=int((nlists == 1).sum()),
        records=counts,
        per_list_people={k: int(v.sum()) for k, v in caps.items()},
        by_lists={int(k): int(v) for k, v in nlists.value_counts().sort_index().items()},
    )
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
