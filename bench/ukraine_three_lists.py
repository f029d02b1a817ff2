"""Three Ukrainian casualty lists made by hand for a new user's trial (docs/benchmarks.md note 152).

Not recount.simulate, and not bench/ukraine_lists.py (another world): written by a helper who
did not read either, to try recount as a newcomer would. N people die in six oblasts in
2022-2023; 30% live where lists rarely reach (occupied or rural), and the memorial and media
lists share sources (positive dependence). Three lists, as three groups publish them:

  memorial.xlsx   Ukrainian Cyrillic, one full-name column "Прізвище Ім'я По батькові",
                  dd.mm.yyyy dates, 'Харківська обл.', settlements with their kind ('м. Ізюм').
  prosecutor.csv  Windows-1251, ';', the name in parts, about 45% in Russian spellings
                  (Александр, Ковалёв, Харьковская обл.), ISO birth dates or an age.
  media.csv       UTF-8, Latin: the 2010 romanisation or a Russian-style one, 'Given Surname' or
                  'SURNAME Given', an age instead of a birth date, a quarter of the dates as a
                  month ('March 2022'), the place as the settlement or as the oblast's centre
                  ('Kharkiv' for anyone in Kharkiv oblast), about 4% listed twice.

Truth: truth.csv (source_id, source_row, person_id) for `recount link --evaluate`, and
true_patterns.csv (the true capture patterns) for `recount mse`.

Usage: python bench/ukraine_three_lists.py OUT [--seed 1] [--people 3000]
"""

import argparse
import csv
import random
from datetime import date, timedelta
from pathlib import Path

import pandas as pd

# given names: Ukrainian, Russian spelling
MALE = [
    ("Олександр", "Александр"), ("Сергій", "Сергей"), ("Микола", "Николай"),
    ("Володимир", "Владимир"), ("Іван", "Иван"), ("Андрій", "Андрей"), ("Дмитро", "Дмитрий"),
    ("Віктор", "Виктор"), ("Юрій", "Юрий"), ("Олег", "Олег"), ("Петро", "Пётр"),
    ("Василь", "Василий"), ("Михайло", "Михаил"), ("Богдан", "Богдан"), ("Тарас", "Тарас"),
    ("Артем", "Артём"), ("Максим", "Максим"), ("Євген", "Евгений"), ("Анатолій", "Анатолий"),
    ("Григорій", "Григорий"), ("Павло", "Павел"), ("Роман", "Роман"), ("Ігор", "Игорь"),
    ("Віталій", "Виталий"), ("Денис", "Денис"), ("Степан", "Степан"), ("Леонід", "Леонид"),
    ("Валерій", "Валерий"), ("Костянтин", "Константин"), ("Вадим", "Вадим"),
    ("Ярослав", "Ярослав"), ("Федір", "Фёдор"),
]  # fmt: skip
FEMALE = [
    ("Олена", "Елена"), ("Наталія", "Наталья"), ("Тетяна", "Татьяна"), ("Ірина", "Ирина"),
    ("Світлана", "Светлана"), ("Людмила", "Людмила"), ("Ольга", "Ольга"), ("Галина", "Галина"),
    ("Марія", "Мария"), ("Валентина", "Валентина"), ("Надія", "Надежда"),
    ("Катерина", "Екатерина"), ("Анна", "Анна"), ("Оксана", "Оксана"), ("Юлія", "Юлия"),
    ("Любов", "Любовь"), ("Віра", "Вера"), ("Ніна", "Нина"), ("Лариса", "Лариса"),
    ("Алла", "Алла"),
]  # fmt: skip
# patronymic stems: Ukrainian masculine/feminine, Russian masculine/feminine
PATR = [
    ("Олександрович", "Олександрівна", "Александрович", "Александровна"),
    ("Сергійович", "Сергіївна", "Сергеевич", "Сергеевна"),
    ("Миколайович", "Миколаївна", "Николаевич", "Николаевна"),
    ("Володимирович", "Володимирівна", "Владимирович", "Владимировна"),
    ("Іванович", "Іванівна", "Иванович", "Ивановна"),
    ("Петрович", "Петрівна", "Петрович", "Петровна"),
    ("Васильович", "Василівна", "Васильевич", "Васильевна"),
    ("Михайлович", "Михайлівна", "Михайлович", "Михайловна"),
    ("Григорович", "Григорівна", "Григорьевич", "Григорьевна"),
    ("Анатолійович", "Анатоліївна", "Анатольевич", "Анатольевна"),
    ("Віталійович", "Віталіївна", "Витальевич", "Витальевна"),
    ("Юрійович", "Юріївна", "Юрьевич", "Юрьевна"),
    ("Вікторович", "Вікторівна", "Викторович", "Викторовна"),
    ("Степанович", "Степанівна", "Степанович", "Степановна"),
    ("Павлович", "Павлівна", "Павлович", "Павловна"),
    ("Федорович", "Федорівна", "Фёдорович", "Фёдоровна"),
]
# surnames: masculine Ukrainian, feminine Ukrainian (same for -енко/-ук), Russian spelling of the masculine
SURN = [
    ("Шевченко",), ("Коваленко",), ("Бондаренко",), ("Ткаченко",), ("Кравченко",), ("Олійник",),
    ("Шевчук",), ("Поліщук",), ("Бойко",), ("Ковальчук",), ("Мельник",), ("Лисенко",),
    ("Савченко",), ("Руденко",), ("Марченко",), ("Петренко",), ("Клименко",), ("Павленко",),
    ("Кузьменко",), ("Мороз",), ("Романенко",), ("Гончаренко",), ("Левченко",), ("Литвиненко",),
    ("Харченко",), ("Захарченко",), ("Симоненко",), ("Ковальов", "Ковальова", "Ковалёв"),
    ("Сидоренко",), ("Гриценко",), ("Козак",), ("Панченко",), ("Кравчук",), ("Пономаренко",),
    ("Вакуленко",), ("Білик",), ("Зінченко",), ("Ігнатенко",),
    ("Соловйов", "Соловйова", "Соловьёв"), ("Кириленко",), ("Данилюк",), ("Тимошенко",),
    ("Костенко",), ("Яковенко",), ("Гуменюк",), ("Нестеренко",), ("Остапенко",), ("Дорошенко",),
    ("Ярошенко",), ("Кушнір", "Кушнір", "Кушнир"), ("Онищенко",), ("Осадчий", "Осадча", "Осадчий"),
    ("Приходько",), ("Бабенко",), ("Голуб",), ("Сорока",), ("Гаврилюк",), ("Федоренко",),
    ("Семенко",), ("Карпенко",),
]  # fmt: skip
OBLASTS = {
    "Харківська": (
        "Харьковская",
        "Kharkiv",
        ["м. Харків", "м. Ізюм", "м. Куп'янськ", "м. Балаклія", "с. Циркуни", "смт Борова"],
    ),
    "Донецька": (
        "Донецкая",
        "Donetsk",
        [
            "м. Маріуполь",
            "м. Бахмут",
            "м. Краматорськ",
            "м. Лиман",
            "м. Авдіївка",
            "с. Богородичне",
        ],
    ),
    "Херсонська": (
        "Херсонская",
        "Kherson",
        ["м. Херсон", "м. Берислав", "смт Білозерка", "с. Посад-Покровське"],
    ),
    "Київська": (
        "Киевская",
        "Kyiv",
        ["м. Буча", "м. Ірпінь", "смт Бородянка", "с. Мотижин", "м. Гостомель"],
    ),
    "Запорізька": (
        "Запорожская",
        "Zaporizhzhia",
        ["м. Запоріжжя", "м. Оріхів", "м. Гуляйполе", "с. Мала Токмачка"],
    ),
    "Миколаївська": (
        "Николаевская",
        "Mykolaiv",
        ["м. Миколаїв", "м. Вознесенськ", "с. Снігурівка"],
    ),
}
OBL_WEIGHTS = [0.24, 0.30, 0.14, 0.12, 0.12, 0.08]

# Ukrainian Cyrillic in the national romanisation of 2010 (passports), with a word's first letter
# romanised apart; the Russian-style romanisation some media use differs in a few letters.
UK2LAT = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie", "ж": "zh",
    "з": "z", "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n",
    "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ю": "iu", "я": "ia", "'": "", "’": "",
}  # fmt: skip
INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
RU2LAT = UK2LAT | {
    "г": "g", "ё": "yo", "и": "i", "й": "y", "ъ": "", "ы": "y", "э": "e", "ю": "yu", "я": "ya",
    "є": "ye", "ї": "yi",
}  # fmt: skip


rng = random.Random()


def translit(word, table, initial=None):
    """A Cyrillic word in Latin by `table` (and `initial` for a word's first letter)."""
    out = []
    for i, ch in enumerate(word):
        low = ch.lower()
        rep = (initial or {}).get(low) if i == 0 else None
        rep = rep if rep is not None else table.get(low, low)
        out.append(rep.capitalize() if ch.isupper() else rep)
    return "".join(out)


def typo(word):
    """One slip of the keyboard: two letters swapped, one dropped or one doubled."""
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 2)
    kind = rng.random()
    if kind < 0.4:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if kind < 0.7:
        return word[:i] + word[i + 1 :]
    return word[:i] + word[i] + word[i:]


def people(rng, n):
    """The dead, with what each list may write of them and whether lists rarely reach them."""
    out = []
    for pid in range(1, n + 1):
        sex = "M" if rng.random() < 0.78 else "F"
        given = rng.choice(MALE if sex == "M" else FEMALE)
        patr = rng.choice(PATR)
        sur = rng.choice(SURN)
        born = date(1938, 1, 1) + timedelta(days=rng.randrange(0, 365 * 67))
        died = date(2022, 2, 24) + timedelta(days=int(min(rng.expovariate(1 / 150), 670)))
        obl = rng.choices(list(OBLASTS), OBL_WEIGHTS)[0]
        place = rng.choice(OBLASTS[obl][2])
        combatant = sex == "M" and 18 <= (died - born).days // 365 <= 60 and rng.random() < 0.35
        hard = rng.random() < 0.3  # occupied/rural: rarely documented
        out.append(
            dict(
                pid=pid,
                sex=sex,
                given=given,
                patr=patr,
                sur=sur,
                born=born,
                died=died,
                obl=obl,
                place=place,
                combatant=combatant,
                hard=hard,
            )
        )
    return out


def surname(p, russian=False):
    """The family name in the person's sex, Ukrainian or Russian spelling."""
    forms = p["sur"]
    if len(forms) == 1:
        return forms[0]
    if russian:
        return forms[2] + ("а" if p["sex"] == "F" else "")
    return forms[1] if p["sex"] == "F" else forms[0]


def patronymic(p, russian=False):
    """The father's name form in the person's sex, Ukrainian or Russian spelling."""
    ua_m, ua_f, ru_m, ru_f = p["patr"]
    if russian:
        return ru_m if p["sex"] == "M" else ru_f
    return ua_m if p["sex"] == "M" else ua_f


def age(p):
    """Whole years at death."""
    b, d = p["born"], p["died"]
    return d.year - b.year - ((d.month, d.day) < (b.month, b.day))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--people", type=int, default=3000)
    args = parser.parse_args(argv)
    rng.seed(args.seed)
    out = args.out
    out.mkdir(parents=True, exist_ok=True)
    pop = people(rng, args.people)
    truth = []
    # capture: heterogeneous (hard-to-reach 30%), memorial and media positively dependent
    in_mem = {p["pid"]: rng.random() < (0.22 if p["hard"] else 0.55) for p in pop}
    in_pro = {
        p["pid"]: rng.random() < (0.18 if p["hard"] else 0.42) + (0.05 if p["combatant"] else 0)
        for p in pop
    }
    in_med = {
        p["pid"]: rng.random() < ((0.12 if p["hard"] else 0.30) + (0.15 if in_mem[p["pid"]] else 0))
        for p in pop
    }

    # memorial.xlsx
    rows = []
    for p in [p for p in pop if in_mem[p["pid"]]]:
        s, g, pa = surname(p), p["given"][0], patronymic(p)
        if rng.random() < 0.04:
            s = typo(s)
        if rng.random() < 0.1:
            pa = ""
        name = " ".join(x for x in (s, g, pa) if x)
        born = (
            p["born"].strftime("%d.%m.%Y")
            if rng.random() < 0.8
            else (str(p["born"].year) if rng.random() < 0.6 else "")
        )
        rows.append(
            {
                "№": len(rows) + 1,
                "ПІБ": name,
                "Стать": "ч" if p["sex"] == "M" else "ж",
                "Дата народження": born,
                "Дата загибелі": p["died"].strftime("%d.%m.%Y"),
                "Область": p["obl"] + " обл.",
                "Населений пункт": p["place"],
                "Статус": "військовий" if p["combatant"] else "цивільний",
            }
        )
        truth.append(("memorial", len(rows), p["pid"]))
    pd.DataFrame(rows).to_excel(out / "memorial.xlsx", index=False)

    # prosecutor.csv, cp1251
    rows = []
    for p in [p for p in pop if in_pro[p["pid"]]]:
        russian = rng.random() < 0.45
        g = p["given"][1] if russian else p["given"][0]
        s = surname(p, russian)
        pa = patronymic(p, russian) if rng.random() < 0.8 else ""
        if rng.random() < 0.05:
            g = typo(g)
        died = p["died"] + timedelta(days=rng.choice([0, 0, 0, 0, 1, -1, 2]))
        born = p["born"].isoformat() if rng.random() < 0.7 else ""
        region = (OBLASTS[p["obl"]][0] if russian else p["obl"]) + " обл."
        row = {
            "Фамилия": s.replace("ё", "е") if rng.random() < 0.5 else s,
            "Имя": g,
            "Отчество": pa,
            "Пол": ("М" if p["sex"] == "M" else "Ж"),
            "Дата рождения": born,
            "Возраст": str(age(p)) if not born and rng.random() < 0.7 else "",
            "Дата смерти": died.strftime("%d/%m/%Y"),
            "Регион": region,
            "Населенный пункт": p["place"].split(" ", 1)[1] if rng.random() < 0.7 else "",
        }
        rows.append(row)
        truth.append(("prosecutor", len(rows), p["pid"]))
    with open(out / "prosecutor.csv", "w", encoding="cp1251", errors="replace", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]), delimiter=";")
        w.writeheader()
        w.writerows(rows)

    # media.csv, UTF-8, Latin
    rows = []
    chosen = [p for p in pop if in_med[p["pid"]]]
    dup = [p for p in chosen if rng.random() < 0.04]
    chosen = chosen + dup
    rng.shuffle(chosen)
    for p in chosen:
        if rng.random() < 0.7:
            g = translit(p["given"][0], UK2LAT, INITIAL)
            s = translit(surname(p), UK2LAT, INITIAL)
        else:
            g = translit(p["given"][1], RU2LAT)
            s = translit(surname(p, True), RU2LAT)
        name = f"{s.upper()} {g}" if rng.random() < 0.3 else f"{g} {s}"
        if rng.random() < 0.05:
            name = typo(name)
        d = p["died"]
        when = d.strftime("%B %Y") if rng.random() < 0.25 else d.isoformat()
        city = (
            OBLASTS[p["obl"]][1]
            if rng.random() < 0.5
            else translit(p["place"].split(" ", 1)[1], UK2LAT, INITIAL)
        )
        rows.append(
            {
                "name": name,
                "age": str(age(p)) if rng.random() < 0.85 else "",
                "gender": ("male" if p["sex"] == "M" else "female") if rng.random() < 0.6 else "",
                "date": when,
                "city": city,
                "soldier": "yes" if p["combatant"] and rng.random() < 0.8 else "",
            }
        )
        truth.append(("media", len(rows), p["pid"]))
    with open(out / "media.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)

    pd.DataFrame(truth, columns=["source_id", "source_row", "person_id"]).to_csv(
        out / "truth.csv", index=False
    )
    seen = {pid for _, _, pid in truth}
    pats = {}
    for p in pop:
        key = (int(in_mem[p["pid"]]), int(in_pro[p["pid"]]), int(in_med[p["pid"]]))
        if any(key):
            pats[key] = pats.get(key, 0) + 1
    with open(out / "true_patterns.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["memorial", "prosecutor", "media", "count"])
        for k, v in sorted(pats.items()):
            w.writerow([*k, v])
    print(
        f"N={args.people} documented={len(seen)} memorial={sum(in_mem.values())} prosecutor={sum(in_pro.values())} "
        f"media={len(chosen)} (dups {len(dup)}) hard_seen={sum(1 for p in pop if p['hard'] and p['pid'] in seen)}"
    )


if __name__ == "__main__":
    main()
