"""The Ethiopian and Islamic (Hijri) calendars, in which lists date deaths, and their Gregorian dates.

Twelve months of 30 days and a thirteenth (Pagume) of 5, or 6 before a year divisible
by 4 (years 3, 7, ... 2011, 2015 are leap years); the year starts on 11 September (12th
before a Gregorian leap year) and is seven to eight years behind: ሕዳር 19 2013 is
28 November 2020. The arithmetic is Reingold and Dershowitz's (Calendrical Calculations):
days counted from the epoch, 29 August 8 CE (Julian), which is day 2796 of Python's
proleptic Gregorian ordinals.

The Hijri calendar is kept as its arithmetic (tabular) form: months of 30 and 29 days in
turn, the twelfth of 30 in 11 years of every 30; day 1 is 16 July 622 (Julian). Yemeni,
Saudi and Gulf lists date deaths so; the months they use are sighted or computed (Umm
al-Qura), and fall within a day or two of the tabular ones.
"""

from __future__ import annotations

import datetime as dt

EPOCH = 2796  # date.toordinal() of 1 Meskerem 1 (Amete Mihret)

# Month names as Amharic and Tigrinya lists write them, in Ge'ez and in Latin letters.
ETHIOPIAN_MONTHS = {
    1: ["መስከረም", "meskerem", "meskerém", "maskaram"],
    2: ["ጥቅምት", "ጥቅምቲ", "tikimt", "tikemt", "tiqimt", "teqemt", "tiqimti", "tikimti"],
    3: ["ኅዳር", "ሕዳር", "ህዳር", "ሃዳር", "hidar", "hedar", "hdar", "khidar"],
    4: ["ታኅሣሥ", "ታህሳስ", "ታሕሳስ", "ታኅሳስ", "tahsas", "tahisas", "tahesas", "takhsas"],
    5: ["ጥር", "ጥሪ", "tir", "ter", "tiri"],
    6: ["የካቲት", "ለካቲት", "yekatit", "yakatit", "lekatit"],
    7: ["መጋቢት", "megabit", "magabit"],
    8: ["ሚያዝያ", "ሚያዚያ", "miyazya", "miyaziya", "miazia"],
    9: ["ግንቦት", "ginbot", "genbot", "gunbot"],
    10: ["ሰኔ", "ሰነ", "sene", "säne"],
    11: ["ሐምሌ", "ሓምለ", "ሀምሌ", "hamle", "hamile", "hamlé"],
    12: ["ነሐሴ", "ነሓሰ", "ነሀሴ", "nehase", "nehasse", "nahase"],
    13: ["ጳጉሜ", "ጳጉሜን", "ጳጕሜን", "pagume", "pagumen", "puagume", "pagumé"],
}


def is_leap(year: int) -> bool:
    return year % 4 == 3


def month_days(year: int, month: int) -> int:
    if month < 13:
        return 30
    return 6 if is_leap(year) else 5


def to_gregorian(year: int, month: int, day: int) -> dt.date:
    """The Gregorian date of an Ethiopian one; ValueError for a day the month does not have."""
    if not 1 <= month <= 13 or not 1 <= day <= month_days(year, month) or year < 1:
        raise ValueError(f"no Ethiopian date {day}/{month}/{year}")
    return dt.date.fromordinal(EPOCH - 1 + 365 * (year - 1) + year // 4 + 30 * (month - 1) + day)


def from_gregorian(date: dt.date) -> tuple[int, int, int]:
    """(year, month, day) in the Ethiopian calendar."""
    ordinal = date.toordinal()
    year = (4 * (ordinal - EPOCH) + 1463) // 1461
    start = EPOCH - 1 + 365 * (year - 1) + year // 4  # the day before 1 Meskerem
    month = (ordinal - start - 1) // 30 + 1
    return year, month, ordinal - start - 30 * (month - 1)


HIJRI_EPOCH = 227015  # date.toordinal() of 1 Muharram 1 AH

# Month names as Arabic lists write them, and common Latin transliterations.
HIJRI_MONTHS = {
    1: ["محرم", "muharram", "moharram"],
    2: ["صفر", "safar"],
    3: ["ربيع الأول", "ربيع أول", "rabi al-awwal", "rabi al-awal", "rabi i"],
    4: ["ربيع الآخر", "ربيع الثاني", "ربيع ثاني", "rabi al-akhir", "rabi al-thani", "rabi ii"],
    5: ["جمادى الأولى", "جمادى الأول", "جمادى أولى", "jumada al-awwal", "jumada al-ula", "jumada i"],
    6: ["جمادى الآخرة", "جمادى الثانية", "جمادى الآخر", "jumada al-akhirah", "jumada al-thani",
        "jumada ii"],
    7: ["رجب", "rajab"],
    8: ["شعبان", "shaban", "sha'ban"],
    9: ["رمضان", "ramadan", "ramadhan"],
    10: ["شوال", "shawwal"],
    11: ["ذو القعدة", "ذي القعدة", "dhu al-qadah", "dhu al-qidah", "dhul qadah"],
    12: ["ذو الحجة", "ذي الحجة", "dhu al-hijjah", "dhul hijjah"],
}  # fmt: skip


def hijri_is_leap(year: int) -> bool:
    return (14 + 11 * year) % 30 < 11


def hijri_month_days(year: int, month: int) -> int:
    return 30 if month % 2 == 1 or (month == 12 and hijri_is_leap(year)) else 29


def _hijri_ordinal(year: int, month: int, day: int) -> int:
    return (
        HIJRI_EPOCH - 1 + day + 29 * (month - 1) + (6 * month - 1) // 11
        + (year - 1) * 354 + (3 + 11 * year) // 30
    )  # fmt: skip


def hijri_to_gregorian(year: int, month: int, day: int) -> dt.date:
    """The Gregorian date of a Hijri one; ValueError for a day the month does not have."""
    if not 1 <= month <= 12 or not 1 <= day <= hijri_month_days(year, month) or year < 1:
        raise ValueError(f"no Hijri date {day}/{month}/{year}")
    return dt.date.fromordinal(_hijri_ordinal(year, month, day))


def hijri_from_gregorian(date: dt.date) -> tuple[int, int, int]:
    """(year, month, day) in the tabular Hijri calendar."""
    ordinal = date.toordinal()
    year = (30 * (ordinal - HIJRI_EPOCH) + 10646) // 10631
    month = (11 * (ordinal - _hijri_ordinal(year, 1, 1)) + 330) // 325
    return year, month, ordinal - _hijri_ordinal(year, month, 1) + 1
