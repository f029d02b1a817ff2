"""Five lists of civilians killed in Ukraine since February 2022, as a new user would get them (#13).

Not recount.simulate (written without reading it): a world of its own, to try recount as a
newcomer from a country whose lists it was not built on. Names are Ukrainian and come in
the forms the lists write: Ukrainian Cyrillic (Олександр, Андрій), Russian Cyrillic
(Александр, Андрей), the national romanisation of 2010 that passports print (Oleksandr,
Andrii), older Ukrainian romanisations (Andriy, Olexandr, Yuriy) and Russian-style ones
(Aleksandr, Andrey, Nikolay); surname first in government lists, with a patronymic
(Іванович, Ивановна) or without; places as oblast, raion and settlement in Ukrainian,
Russian and Latin forms; ages or dates or years of birth. Households are killed together
(one surname, one place, one day), and a few days kill many in one town.

Lists (capture heterogeneous and shared; the Russian list copies the news list in part):
  register.csv   a government register: Windows-1251, semicolons, Ukrainian headers,
                 Прізвище / Ім'я / По батькові columns, dd.mm.yyyy, oblast and raion words.
  hrmmu.xlsx     a UN-style monitoring sheet: SURNAME Given [Patronymic] in passport
                 romanisation in one cell, sex, age, date cells, oblast and settlement in Latin.
  memorial.csv   a Russian-language volunteer list: UTF-8 with BOM, ФИО in Russian forms,
                 '12 марта 2022 г.', 'г. Мариуполь, Донецкая обл.'.
  news.csv       an English news monitor: given name first, no patronymic, romanised by
                 whichever system the reporter used, 'March 12, 2022', 'Mariupol, Donetsk Oblast'.
  hromada.xlsx   one Kyiv-region council's list: a title row, Ukrainian headers, ПІБ in one
                 cell, year of birth, some dates given as a month in Ukrainian words.

Truth in truth/records.csv (source_id, source_row, person_id) and truth/people.csv.
`--variant` writes the same world with other spellings: other romanisation shares, other
typo rates, the news list surname first, patronymics dropped more often (a check that a fix
does not fit one set of spellings).

Usage: python bench/ukraine_lists.py OUT --seed 7 [--people 3000] [--variant]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import math
import random
from pathlib import Path

# Given names: Ukrainian form, Russian form. Male names also make patronymics.
MALE = [
    ("Олександр", "Александр"), ("Сергій", "Сергей"), ("Володимир", "Владимир"),
    ("Андрій", "Андрей"), ("Микола", "Николай"), ("Іван", "Иван"), ("Віктор", "Виктор"),
    ("Юрій", "Юрий"), ("Василь", "Василий"), ("Олексій", "Алексей"), ("Дмитро", "Дмитрий"),
    ("Михайло", "Михаил"), ("Петро", "Петр"), ("Анатолій", "Анатолий"), ("Ігор", "Игорь"),
    ("Григорій", "Григорий"), ("Євген", "Евгений"), ("Павло", "Павел"), ("Віталій", "Виталий"),
    ("Олег", "Олег"), ("Богдан", "Богдан"), ("Роман", "Роман"), ("Степан", "Степан"),
    ("Максим", "Максим"), ("Артем", "Артём"), ("Валерій", "Валерий"), ("Леонід", "Леонид"),
    ("Тарас", "Тарас"), ("Ярослав", "Ярослав"), ("Геннадій", "Геннадий"), ("Костянтин", "Константин"),
    ("Федір", "Фёдор"), ("Яків", "Яков"), ("Станіслав", "Станислав"), ("Денис", "Денис"),
]  # fmt: skip
FEMALE = [
    ("Олена", "Елена"), ("Наталія", "Наталья"), ("Тетяна", "Татьяна"), ("Ольга", "Ольга"),
    ("Ірина", "Ирина"), ("Світлана", "Светлана"), ("Людмила", "Людмила"), ("Галина", "Галина"),
    ("Марія", "Мария"), ("Надія", "Надежда"), ("Валентина", "Валентина"), ("Ганна", "Анна"),
    ("Катерина", "Екатерина"), ("Оксана", "Оксана"), ("Юлія", "Юлия"), ("Лариса", "Лариса"),
    ("Ніна", "Нина"), ("Любов", "Любовь"), ("Віра", "Вера"), ("Зінаїда", "Зинаида"),
    ("Лідія", "Лидия"), ("Раїса", "Раиса"), ("Вікторія", "Виктория"), ("Євгенія", "Евгения"),
]  # fmt: skip
# Patronymic stems where the rules (stem + ович/івна; Russian stem + ович/евич) do not give them.
UA_PATRONYMIC = {"Микола": "Миколай", "Петро": "Петр", "Дмитро": "Дмитр", "Михайло": "Михайл",
                 "Павло": "Павл", "Яків": "Як", "Федір": "Федор", "Григорій": "Григор"}  # fmt: skip
RU_PATRONYMIC = {"Николай": "Николаев", "Дмитрий": "Дмитриев", "Петр": "Петров", "Павел": "Павлов",
                 "Игорь": "Игорев", "Артём": "Артемов", "Фёдор": "Федоров", "Яков": "Яковлев",
                 "Михаил": "Михайлов"}  # fmt: skip
# Surnames: Ukrainian form, Russian form (often the same letters).
SURNAMES = [
    ("Шевченко", "Шевченко"), ("Коваленко", "Коваленко"), ("Бондаренко", "Бондаренко"),
    ("Ткаченко", "Ткаченко"), ("Кравченко", "Кравченко"), ("Олійник", "Олейник"),
    ("Мельник", "Мельник"), ("Шевчук", "Шевчук"), ("Поліщук", "Полищук"), ("Бойко", "Бойко"),
    ("Лисенко", "Лысенко"), ("Руденко", "Руденко"), ("Савченко", "Савченко"), ("Петренко", "Петренко"),
    ("Марченко", "Марченко"), ("Мороз", "Мороз"), ("Павленко", "Павленко"), ("Гончаренко", "Гончаренко"),
    ("Ковальчук", "Ковальчук"), ("Іваненко", "Иваненко"), ("Литвиненко", "Литвиненко"),
    ("Кравчук", "Кравчук"), ("Левченко", "Левченко"), ("Сидоренко", "Сидоренко"),
    ("Клименко", "Клименко"), ("Гриценко", "Гриценко"), ("Кузьменко", "Кузьменко"),
    ("Білик", "Белик"), ("Гордієнко", "Гордиенко"), ("Костенко", "Костенко"), ("Тимошенко", "Тимошенко"),
    ("Яковенко", "Яковенко"), ("Мірошниченко", "Мирошниченко"), ("Зінченко", "Зинченко"),
    ("Ярошенко", "Ярошенко"), ("Кириленко", "Кириленко"), ("Демченко", "Демченко"),
    ("Приходько", "Приходько"), ("Семенюк", "Семенюк"), ("Гнатюк", "Гнатюк"), ("Осадчий", "Осадчий"),
    ("Ковальов", "Ковалёв"), ("Іванов", "Иванов"), ("Попов", "Попов"), ("Кузнєцов", "Кузнецов"),
    ("Соколов", "Соколов"), ("Волошин", "Волошин"), ("Гребенюк", "Гребенюк"), ("Данилюк", "Данилюк"),
    ("Ковальський", "Ковальский"), ("Вишневський", "Вишневский"), ("Заїка", "Заика"),
    ("Гаврилюк", "Гаврилюк"), ("Чорний", "Черный"), ("Білоус", "Белоус"), ("Головко", "Головко"),
    ("Юрченко", "Юрченко"), ("Сорока", "Сорока"), ("Дяченко", "Дьяченко"), ("Гуменюк", "Гуменюк"),
]  # fmt: skip
# Oblasts: Ukrainian adjective, Russian adjective, Latin forms; settlements: UA, RU, Latin forms,
# the settlement kind (м. city, смт urban-type, с. village), raion (UA), share of the dead.
OBLASTS = {
    "kyiv": ("Київська", "Киевская", ("Kyivska", "Kyiv", "Kiev")),
    "kharkiv": ("Харківська", "Харьковская", ("Kharkivska", "Kharkiv", "Kharkov")),
    "donetsk": ("Донецька", "Донецкая", ("Donetska", "Donetsk", "Donetsk")),
    "chernihiv": ("Чернігівська", "Черниговская", ("Chernihivska", "Chernihiv", "Chernigov")),
    "kherson": ("Херсонська", "Херсонская", ("Khersonska", "Kherson", "Kherson")),
    "zaporizhzhia": ("Запорізька", "Запорожская", ("Zaporizka", "Zaporizhzhia", "Zaporozhye")),
    "mykolaiv": ("Миколаївська", "Николаевская", ("Mykolaivska", "Mykolaiv", "Nikolaev")),
    "dnipro": ("Дніпропетровська", "Днепропетровская", ("Dnipropetrovska", "Dnipropetrovsk", "Dnepropetrovsk")),
}  # fmt: skip
SETTLEMENTS = [
    ("kyiv", "Буча", "Буча", ("Bucha",), "м.", "Бучанський", 9),
    ("kyiv", "Ірпінь", "Ирпень", ("Irpin", "Irpen"), "м.", "Бучанський", 6),
    ("kyiv", "Гостомель", "Гостомель", ("Hostomel", "Gostomel"), "смт", "Бучанський", 3),
    ("kyiv", "Бородянка", "Бородянка", ("Borodianka", "Borodyanka"), "смт", "Бучанський", 4),
    ("kyiv", "Мотижин", "Мотыжин", ("Motyzhyn", "Motyzhin"), "с.", "Бучанський", 1),
    ("kharkiv", "Харків", "Харьков", ("Kharkiv", "Kharkov"), "м.", "Харківський", 12),
    ("kharkiv", "Ізюм", "Изюм", ("Izium", "Izyum"), "м.", "Ізюмський", 5),
    ("kharkiv", "Балаклія", "Балаклея", ("Balakliia", "Balakleya"), "м.", "Ізюмський", 2),
    ("donetsk", "Маріуполь", "Мариуполь", ("Mariupol",), "м.", "Маріупольський", 18),
    ("donetsk", "Бахмут", "Бахмут", ("Bakhmut",), "м.", "Бахмутський", 5),
    ("donetsk", "Краматорськ", "Краматорск", ("Kramatorsk",), "м.", "Краматорський", 4),
    ("donetsk", "Волноваха", "Волноваха", ("Volnovakha",), "м.", "Волноваський", 3),
    ("chernihiv", "Чернігів", "Чернигов", ("Chernihiv", "Chernigov"), "м.", "Чернігівський", 6),
    ("kherson", "Херсон", "Херсон", ("Kherson",), "м.", "Херсонський", 6),
    ("zaporizhzhia", "Запоріжжя", "Запорожье", ("Zaporizhzhia", "Zaporozhye"), "м.", "Запорізький", 4),
    ("zaporizhzhia", "Оріхів", "Орехов", ("Orikhiv", "Orekhov"), "м.", "Пологівський", 2),
    ("mykolaiv", "Миколаїв", "Николаев", ("Mykolaiv", "Nikolaev", "Nikolayev"), "м.", "Миколаївський", 5),
    ("dnipro", "Дніпро", "Днепр", ("Dnipro", "Dnepr"), "м.", "Дніпровський", 3),
]  # fmt: skip
RU_KIND = {"м.": "г.", "смт": "пгт", "с.": "с."}
# Days many died in one place: (settlement, date, share of that settlement's dead).
MASS_DAYS = [
    ("Маріуполь", dt.date(2022, 3, 16), 0.25), ("Краматорськ", dt.date(2022, 4, 8), 0.35),
    ("Чернігів", dt.date(2022, 3, 16), 0.15), ("Дніпро", dt.date(2023, 1, 14), 0.4),
    ("Буча", dt.date(2022, 3, 5), 0.1), ("Бородянка", dt.date(2022, 3, 1), 0.3),
]  # fmt: skip
START, END = dt.date(2022, 2, 24), dt.date(2023, 6, 30)
UA_MONTHS = ["січень", "лютий", "березень", "квітень", "травень", "червень", "липень",
             "серпень", "вересень", "жовтень", "листопад", "грудень"]  # fmt: skip
RU_MONTHS_GEN = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
                 "сентября", "октября", "ноября", "декабря"]  # fmt: skip
EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"]  # fmt: skip

# Romanisation tables. KMU 2010 (passports): word-initial є ї й ю я as ye yi y yu ya, else ie i i iu ia.
KMU = {"а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie", "ж": "zh",
       "з": "z", "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n",
       "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
       "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ю": "iu", "я": "ia", "'": "", "’": ""}  # fmt: skip
KMU_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
# Older Ukrainian romanisations (1996-2010 passports, press): й y, ї yi, є ye, ю yu, я ya.
OLD_UA = {**KMU, "є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya", "ь": "'"}
# Russian-style (BGN/PCGN, as English press writes Russian forms).
RU = {"а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
      "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
      "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
      "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya"}  # fmt: skip
VOWELS = set("аеєиіїоуюяёыэь'’ъ")


def romanise(text: str, system: str, rng: random.Random) -> str:
    """`text` in Latin letters by `system` (kmu, old_ua, ru), as a person of that habit types it."""
    out = []
    for word in text.split(" "):
        letters = []
        low = word.lower()
        for i, ch in enumerate(low):
            prev = low[i - 1] if i else ""
            if system == "kmu":
                piece = KMU_INITIAL.get(ch) if i == 0 else None
                piece = piece or ("gh" if ch == "г" and prev == "з" else KMU.get(ch, ch))
            elif system == "old_ua":
                piece = OLD_UA.get(ch, ch)
                if ch == "ь" and rng.random() < 0.6:
                    piece = ""
                if ch == "к" and low[i + 1 : i + 2] == "с" and rng.random() < 0.4:
                    piece = "x"  # Olexandr, Olexiy
                elif ch == "с" and prev == "к" and letters and letters[-1] == "x":
                    piece = ""
            else:
                piece = RU.get(ch, ch)
                if ch == "е" and (i == 0 or prev in VOWELS):
                    piece = "ye"
                elif ch == "й" and prev == "и" and i == len(low) - 1 and rng.random() < 0.4:
                    letters[-1], piece = "", "y"  # Yuriy -> Yury, Vasiliy -> Vasily
                elif ch == "й" and prev == "е" and rng.random() < 0.3:
                    piece = "i"  # Andrei, Sergei
            letters.append(piece)
        latin = "".join(letters)
        out.append(latin[:1].upper() + latin[1:])
    return " ".join(out)


def patronymic(father: tuple[str, str], sex: str, russian: bool) -> str:
    """The patronymic of a child of `father` (Ukrainian or Russian form)."""
    name = father[1] if russian else father[0]
    if russian:
        base = RU_PATRONYMIC.get(name)
        if base is None and name.endswith("ий"):
            base = name[:-2] + "ьев"  # Юрий: Юрьевич
        elif base is None and name[-1] in "йь":
            base = name[:-1] + "ев"  # Андрей: Андреевич
        base = base or name + "ов"
        return base + ("ич" if sex == "m" else "на")
    stem = UA_PATRONYMIC.get(name, name)
    if stem.endswith("й"):
        return stem + "ович" if sex == "m" else stem[:-1] + "ївна"
    return stem + ("ович" if sex == "m" else "івна")


def surname_for(surname: tuple[str, str], sex: str, russian: bool) -> str:
    """The surname as it agrees with the sex: -ський/-ська, -ов/-ова, -ий/-а."""
    name = surname[1] if russian else surname[0]
    if sex == "m":
        return name
    for male, female in (("ський", "ська"), ("ский", "ская"), ("ий", "а"), ("ый", "ая"),
                         ("ов", "ова"), ("ёв", "ёва"), ("ев", "ева"), ("ин", "іна" if not russian else "ина")):  # fmt: skip
        if name.endswith(male):
            return name[: -len(male)] + female
    return name


def zipf(rng: random.Random, n: int, s: float = 1.0) -> int:
    weights = [1 / (k + 1) ** s for k in range(n)]
    return rng.choices(range(n), weights)[0]


def typo(text: str, rng: random.Random, rate: float) -> str:
    """One letter dropped, doubled or swapped with its neighbour, at `rate`."""
    if rng.random() >= rate or len(text) < 4:
        return text
    i = rng.randrange(1, len(text) - 1)
    kind = rng.randrange(3)
    if kind == 0:
        return text[:i] + text[i + 1 :]
    if kind == 1:
        return text[:i] + text[i] + text[i:]
    return text[:i] + text[i + 1] + text[i] + text[i + 2 :]


def make_people(n: int, rng: random.Random) -> list[dict]:
    """The dead: households of 1-4 killed together; a town, a day, names and ages."""
    weights = [s[6] for s in SETTLEMENTS]
    people: list[dict] = []
    while len(people) < n:
        town = rng.choices(SETTLEMENTS, weights)[0]
        mass = [m for m in MASS_DAYS if m[0] == town[1]]
        if mass and rng.random() < mass[0][2]:
            day = mass[0][1]
        else:
            day = START + dt.timedelta(days=int(rng.betavariate(1.2, 3) * (END - START).days))
        surname = SURNAMES[zipf(rng, len(SURNAMES), 0.8)]
        size = rng.choices([1, 2, 3, 4], [0.78, 0.14, 0.06, 0.02])[0]
        for member in range(min(size, n - len(people))):
            sex = "m" if rng.random() < (0.62 if member == 0 else 0.45) else "f"
            names = MALE if sex == "m" else FEMALE
            age = int(rng.triangular(1, 92, 60)) if member == 0 else int(rng.triangular(1, 90, 35))
            born = day - dt.timedelta(days=age * 365 + rng.randrange(365))
            people.append({
                "pid": f"p{len(people) + 1:05d}", "sex": sex, "age": age, "born": born, "day": day,
                "given": names[zipf(rng, len(names))], "surname": surname,
                "father": MALE[zipf(rng, len(MALE))], "town": town,
                "seen": math.exp(rng.gauss(0, 0.75)),
            })  # fmt: skip
    return people


def name_forms(p: dict, russian: bool) -> tuple[str, str, str]:
    """Surname, given name and patronymic in Ukrainian or Russian Cyrillic."""
    given = p["given"][1] if russian else p["given"][0]
    return (
        surname_for(p["surname"], p["sex"], russian),
        given,
        patronymic(p["father"], p["sex"], russian),
    )


def captured(people: list[dict], rng: random.Random, variant: bool) -> dict[str, list[dict]]:
    """Who is on which list: shared visibility, the Russian list partly copied from the news."""
    base = {"register": 0.42, "hrmmu": 0.33, "news": 0.28, "memorial": 0.22, "hromada": 0.7}
    if variant:
        base = {"register": 0.35, "hrmmu": 0.4, "news": 0.22, "memorial": 0.3, "hromada": 0.6}
    lists: dict[str, list[dict]] = {k: [] for k in base}
    for p in people:
        east = p["town"][0] in ("donetsk", "kharkiv", "zaporizhzhia")
        for name, rate in base.items():
            if name == "hromada" and p["town"][5] != "Бучанський":
                continue
            boost = 1.6 if name == "memorial" and east else 1.0
            if name == "memorial" and lists["news"] and lists["news"][-1] is p:
                boost *= 2.2  # volunteers copy the news
            if rng.random() < min(0.95, rate * p["seen"] * boost):
                lists[name].append(p)
    for name, rows in lists.items():  # entered twice, a few
        rows.extend(rng.sample(rows, int(len(rows) * (0.02 if name != "hromada" else 0.04))))
        rng.shuffle(rows)
    return lists


def shifted(day: dt.date, rng: random.Random, rate: float = 0.06) -> dt.date:
    """The day as one list has it: now and then the day the body was found or reported."""
    return day + dt.timedelta(days=rng.randint(1, 4)) if rng.random() < rate else day


def age_as_given(p: dict, rng: random.Random) -> int:
    return max(0, p["age"] + (rng.choice((-1, 1)) if rng.random() < 0.08 else 0))


def write(out: Path, n: int, seed: int, variant: bool) -> dict:
    from openpyxl import Workbook

    rng = random.Random(seed)
    people = make_people(n, rng)
    lists = captured(people, rng, variant)
    out.mkdir(parents=True, exist_ok=True)
    (out / "truth").mkdir(exist_ok=True)
    truth: list[tuple[str, int, str]] = []
    typos = 0.06 if variant else 0.03
    shares = (0.3, 0.3, 0.4) if variant else (0.5, 0.3, 0.2)  # kmu, old_ua, ru in the news

    # 1. Government register: cp1251, semicolons, surname / given / patronymic columns.
    with open(out / "register.csv", "w", newline="", encoding="cp1251") as f:
        w = csv.writer(f, delimiter=";")
        w.writerow(["№ з/п", "Прізвище", "Ім'я", "По батькові", "Стать", "Дата народження",
                    "Дата смерті", "Область", "Район", "Населений пункт", "Обставини загибелі"])  # fmt: skip
        for i, p in enumerate(lists["register"], 1):
            surname, given, patr = name_forms(p, russian=False)
            town, oblast = p["town"], OBLASTS[p["town"][0]]
            w.writerow([
                i, typo(surname, rng, typos), given, patr if rng.random() < 0.9 else "",
                "ч" if p["sex"] == "m" else "ж",
                p["born"].strftime("%d.%m.%Y") if rng.random() < 0.8 else "",
                shifted(p["day"], rng).strftime("%d.%m.%Y"),
                oblast[0] + (" обл." if rng.random() < 0.5 else " область"),
                town[5] + " р-н" if rng.random() < 0.7 else "",
                (town[4] + " " if rng.random() < 0.7 else "") + town[1],
                rng.choice(["обстріл", "авіаудар", "вогнепальне поранення", ""]),
            ])  # fmt: skip
            truth.append(("register", i, p["pid"]))

    # 2. UN-style monitoring sheet: SURNAME Given Patronymic in passport romanisation.
    wb = Workbook()
    sheet = wb.active
    sheet.title = "Civilian casualties"
    sheet.append(
        ["Case ID", "Full name", "Sex", "Age", "Date of death", "Oblast", "Settlement", "Verified"]
    )
    for i, p in enumerate(lists["hrmmu"], 1):
        surname, given, patr = name_forms(p, russian=False)
        parts = [romanise(surname, "kmu", rng).upper(), romanise(given, "kmu", rng)]
        if rng.random() < (0.3 if variant else 0.55):
            parts.append(romanise(patr, "kmu", rng))
        oblast = OBLASTS[p["town"][0]][2]
        day = shifted(p["day"], rng)
        sheet.append([
            f"UA-{seed}-{i:05d}", typo(" ".join(parts), rng, typos),
            {"m": "male", "f": "female"}[p["sex"]], age_as_given(p, rng) if rng.random() < 0.9 else None,
            day if rng.random() < 0.93 else day.strftime("%m/%Y"),
            rng.choice([oblast[0] + " oblast", oblast[1] + " Oblast", oblast[1]]),
            p["town"][3][0], "yes" if rng.random() < 0.8 else "pending",
        ])  # fmt: skip
        truth.append(("hrmmu", i, p["pid"]))
    wb.save(out / "hrmmu.xlsx")

    # 3. Russian-language volunteer list: UTF-8 with BOM, ФИО in Russian forms.
    with open(out / "memorial.csv", "w", newline="", encoding="utf-8-sig") as f:
        w = csv.writer(f)
        w.writerow(["№", "ФИО", "Пол", "Возраст", "Дата гибели", "Место гибели", "Источник"])
        for i, p in enumerate(lists["memorial"], 1):
            surname, given, patr = name_forms(p, russian=True)
            full = f"{surname} {given}" + (f" {patr}" if rng.random() < 0.75 else "")
            day = shifted(p["day"], rng)
            town, oblast = p["town"], OBLASTS[p["town"][0]]
            place = f"{RU_KIND[town[4]]} {town[2]}" + (
                f", {oblast[1]} обл." if rng.random() < 0.6 else ""
            )
            w.writerow([
                i, typo(full, rng, typos), "м" if p["sex"] == "m" else "ж",
                age_as_given(p, rng) if rng.random() < 0.85 else "",
                f"{day.day} {RU_MONTHS_GEN[day.month - 1]} {day.year} г." if rng.random() < 0.5
                else day.strftime("%d.%m.%Y"),
                place, rng.choice(["соцсети", "родственники", "СМИ"]),
            ])  # fmt: skip
            truth.append(("memorial", i, p["pid"]))

    # 4. English news monitor: given name first, romanised by whichever habit.
    with open(out / "news.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "Name", "Age", "Date", "Location", "Outlet"])
        for i, p in enumerate(lists["news"], 1):
            system = rng.choices(["kmu", "old_ua", "ru"], shares)[0]
            surname, given, _ = name_forms(p, russian=system == "ru")
            first, last = romanise(given, system, rng), romanise(surname, system, rng)
            name = (
                f"{last.upper()} {first}" if variant and rng.random() < 0.5 else f"{first} {last}"
            )
            day = shifted(p["day"], rng)
            oblast = OBLASTS[p["town"][0]][2]
            town = rng.choice(p["town"][3])
            where = rng.choice([f"{town}, {oblast[1]} Oblast", town, f"{town}, {oblast[2]} region"])
            w.writerow([
                f"n{i}", typo(name, rng, typos), age_as_given(p, rng) if rng.random() < 0.7 else "",
                f"{EN_MONTHS[day.month - 1]} {day.day}, {day.year}" if rng.random() < 0.6 else day.isoformat(),
                where, rng.choice(["Ukrainska Pravda", "Kyiv Independent", "Suspilne", "Reuters"]),
            ])  # fmt: skip
            truth.append(("news", i, p["pid"]))

    # 5. A council's list: a title row, ПІБ in one cell, year of birth, months in words.
    wb = Workbook()
    sheet = wb.active
    sheet.append(["Список загиблих мешканців Бучанської територіальної громади"])
    sheet.append([])
    sheet.append(["№", "ПІБ", "Рік народження", "Дата загибелі", "Населений пункт", "Примітка"])
    for i, p in enumerate(lists["hromada"], 1):
        surname, given, patr = name_forms(p, russian=False)
        if rng.random() < 0.3:
            surname = surname.upper()
        day = shifted(p["day"], rng, 0.12)
        when = (
            day.strftime("%d.%m.%Y")
            if rng.random() < 0.85
            else f"{UA_MONTHS[day.month - 1]} {day.year}"
        )
        sheet.append([
            i, typo(f"{surname} {given} {patr}", rng, typos), p["born"].year if rng.random() < 0.9 else None,
            when, f"{p['town'][4]} {p['town'][1]}", rng.choice(["", "ексгумація", "знайдено у дворі"]),
        ])  # fmt: skip
        truth.append(("hromada", i, p["pid"]))
    wb.save(out / "hromada.xlsx")

    with open(out / "truth" / "records.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["source_id", "source_row", "person_id"])
        w.writerows(truth)
    with open(out / "truth" / "people.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["person_id", "sex", "age", "date_of_death", "oblast", "settlement"])
        for p in people:
            w.writerow(
                [p["pid"], p["sex"], p["age"], p["day"].isoformat(), p["town"][0], p["town"][3][0]]
            )
    documented = len({pid for _, _, pid in truth})
    return {"people": n, "documented": documented, "records": {k: len(v) for k, v in lists.items()}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--people", type=int, default=3000)
    parser.add_argument("--variant", action="store_true", help="other spellings and shares")
    args = parser.parse_args()
    print(write(args.out, args.people, args.seed, args.variant))


if __name__ == "__main__":
    main()
