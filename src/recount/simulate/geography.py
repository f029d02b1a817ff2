"""Where and when the simulated deaths happen: governorates, places, control, surges.

The shares follow the broad shape of published Syrian documentation (Rif
Dimashq and Aleppo heaviest, the coast and the south-east lightest; a peak in
2012-2014 and a long tail to 2021) without claiming to reproduce any count.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

FIRST_MONTH = (2011, 3)  # the uprising began in March 2011
LAST_MONTH = (2021, 12)

# ISO code, share of deaths, share of deaths in areas outside government control.
GOVERNORATE_SHARES: dict[str, tuple[float, float]] = {
    "SY-RD": (0.200, 0.70),
    "SY-HL": (0.185, 0.55),
    "SY-HI": (0.105, 0.45),
    "SY-ID": (0.110, 0.92),
    "SY-DR": (0.090, 0.65),
    "SY-HM": (0.070, 0.40),
    "SY-DI": (0.050, 0.15),
    "SY-DY": (0.070, 0.75),
    "SY-RA": (0.045, 0.90),
    "SY-LA": (0.025, 0.15),
    "SY-HA": (0.018, 0.60),
    "SY-QU": (0.012, 0.55),
    "SY-TA": (0.010, 0.02),
    "SY-SU": (0.010, 0.08),
}
# Governorates the government retook in 2016-2018: little area outside its control afterwards.
RETAKEN = {"SY-RD": 2018, "SY-HL": 2017, "SY-HI": 2018, "SY-DR": 2018, "SY-QU": 2018, "SY-DI": 2018}
# Areas held by the Islamic State, where documentation was hardest.
HARD_TO_REACH = {"SY-RA": (2014, 2017), "SY-DY": (2014, 2017)}

# Places per governorate: arabic|latin|weight. Latin spellings vary per list like names do.
PLACES = {
    "SY-DI": "الميدان|al-Midan|3;جوبر|Jobar|4;القابون|Qaboun|3;برزة|Barzeh|3;كفرسوسة|Kafr Souseh|2;المزة|Mazzeh|3;ركن الدين|Rukn al-Din|2;اليرموك|Yarmouk|4;التضامن|Tadamon|3",
    "SY-HL": "حلب|Aleppo|6;الباب|al-Bab|3;منبج|Manbij|3;اعزاز|Azaz|2;عندان|Anadan|2;حريتان|Hraytan|2;عفرين|Afrin|2;السفيرة|al-Safira|2;الشعار|al-Shaar|3;مساكن هنانو|Masaken Hanano|2;بستان القصر|Bustan al-Qasr|2;الصاخور|al-Sakhour|2;صلاح الدين|Salah al-Din|2;الأتارب|al-Atarib|2;دارة عزة|Darat Izza|1",
    "SY-RD": "دوما|Douma|6;حرستا|Harasta|3;داريا|Daraya|4;المعضمية|Moadamiyeh|3;زملكا|Zamalka|3;عربين|Arbin|3;كفر بطنا|Kafr Batna|3;عين ترما|Ein Tarma|2;الزبداني|Zabadani|3;يبرود|Yabroud|2;التل|al-Tall|2;جسرين|Jisreen|2;سقبا|Saqba|2;حمورية|Hamouriyeh|2;مضايا|Madaya|2;القلمون|Qalamoun|2;ببيلا|Babbila|1",
    "SY-HI": "حمص|Homs|5;بابا عمرو|Baba Amr|3;الخالدية|Khalidiyeh|3;القصير|al-Qusayr|3;الرستن|al-Rastan|3;تلبيسة|Talbiseh|3;الحولة|al-Houla|3;تدمر|Palmyra|2;الوعر|al-Waer|2;باب عمرو|Bab Amr|1",
    "SY-HM": "حماة|Hama|5;كفرزيتا|Kafr Zita|3;اللطامنة|al-Latamneh|3;مورك|Morek|2;صوران|Souran|2;قلعة المضيق|Qalaat al-Madiq|2;محردة|Mhardeh|1;السلمية|Salamiyeh|2;طيبة الإمام|Tayyibat al-Imam|2",
    "SY-LA": "اللاذقية|Latakia|5;جبل الأكراد|Jabal al-Akrad|3;جبل التركمان|Jabal al-Turkman|3;الحفة|al-Haffa|2;كسب|Kessab|1;جبلة|Jableh|3",
    "SY-ID": "إدلب|Idlib|5;معرة النعمان|Maarat al-Numan|4;سراقب|Saraqib|3;خان شيخون|Khan Shaykhun|3;أريحا|Ariha|3;جسر الشغور|Jisr al-Shughur|3;كفرنبل|Kafr Nabl|2;سرمدا|Sarmada|2;بنش|Binnish|2;حارم|Harem|2;تفتناز|Taftanaz|2",
    "SY-HA": "الحسكة|Hasakah|4;القامشلي|Qamishli|4;رأس العين|Ras al-Ain|3;الشدادي|al-Shaddadi|2;المالكية|al-Malikiyah|1;تل تمر|Tal Tamr|2",
    "SY-DY": "دير الزور|Deir ez-Zor|5;الميادين|al-Mayadin|3;البوكمال|Abu Kamal|3;الموحسن|al-Mohassan|2;هجين|Hajin|3;الشحيل|al-Shuhail|2;البصيرة|al-Busayrah|2",
    "SY-TA": "طرطوس|Tartus|5;بانياس|Baniyas|4;صافيتا|Safita|2;الدريكيش|al-Dreikish|1;البيضا|al-Bayda|2",
    "SY-RA": "الرقة|Raqqa|7;الطبقة|al-Tabqa|3;تل أبيض|Tal Abyad|3;المنصورة|al-Mansoura|1;معدان|Maadan|1",
    "SY-DR": "درعا|Daraa|5;درعا البلد|Daraa al-Balad|3;طفس|Tafas|3;نوى|Nawa|3;الصنمين|al-Sanamayn|2;إنخل|Inkhil|2;جاسم|Jasim|2;بصرى الشام|Busra al-Sham|2;الحراك|al-Hirak|2;داعل|Dael|2",
    "SY-SU": "السويداء|Suwayda|5;شهبا|Shahba|2;صلخد|Salkhad|2;القريا|al-Qrayya|1",
    "SY-QU": "القنيطرة|Quneitra|3;خان أرنبة|Khan Arnabah|3;جباتا الخشب|Jubata al-Khashab|2;بئر عجم|Bir Ajam|1;الحميدية|al-Hamidiyah|1",
}


@dataclass(frozen=True)
class Surge:
    """A period of intense killing in one governorate, concentrated in some places."""

    governorate: str
    start: tuple[int, int]
    end: tuple[int, int]
    deaths_share: float  # of all deaths in the conflict
    places: tuple[str, ...]  # Latin names from PLACES; empty = any place there


SURGES = (
    Surge("SY-HI", (2012, 2), (2012, 5), 0.012, ("Baba Amr", "Khalidiyeh", "al-Houla", "Homs")),
    Surge(
        "SY-RD",
        (2013, 8),
        (2013, 8),
        0.008,
        ("Zamalka", "Ein Tarma", "Arbin", "Moadamiyeh", "Kafr Batna"),
    ),
    Surge("SY-RD", (2012, 8), (2012, 9), 0.006, ("Daraya", "Moadamiyeh")),
    Surge(
        "SY-HL",
        (2016, 7),
        (2016, 12),
        0.030,
        ("Aleppo", "al-Shaar", "Masaken Hanano", "Bustan al-Qasr", "al-Sakhour", "Salah al-Din"),
    ),
    Surge(
        "SY-RD",
        (2018, 2),
        (2018, 4),
        0.020,
        ("Douma", "Harasta", "Kafr Batna", "Saqba", "Hamouriyeh", "Arbin", "Jisreen", "Zamalka"),
    ),
    Surge("SY-RA", (2017, 6), (2017, 10), 0.010, ("Raqqa",)),
    Surge(
        "SY-DY", (2017, 9), (2018, 2), 0.006, ("Deir ez-Zor", "al-Mayadin", "Abu Kamal", "Hajin")
    ),
    Surge(
        "SY-ID",
        (2019, 12),
        (2020, 3),
        0.008,
        ("Maarat al-Numan", "Saraqib", "Ariha", "Khan Shaykhun"),
    ),
    Surge("SY-DR", (2018, 6), (2018, 7), 0.004, ()),
)

GOVERNORATE_CODES = tuple(GOVERNORATE_SHARES)


def month_index(year: int, month: int) -> int:
    return (year - FIRST_MONTH[0]) * 12 + (month - FIRST_MONTH[1])


N_MONTHS = month_index(*LAST_MONTH) + 1


def national_intensity() -> np.ndarray:
    """Relative deaths per month: a rise to a 2012-2013 peak and a long decline."""
    months = np.arange(N_MONTHS)
    t = months / 12.0  # years since March 2011
    rise = 1.0 / (1.0 + np.exp(-(t - 1.0) * 4.0))
    decline = np.exp(-np.clip(t - 2.5, 0, None) * 0.32)
    return rise * decline + 0.03


@dataclass(frozen=True)
class PlaceTable:
    arabic: tuple[str, ...]
    latin: tuple[str, ...]
    governorate: np.ndarray  # index into GOVERNORATE_CODES
    weight: np.ndarray  # within its governorate, sums to 1 per governorate


def place_table() -> PlaceTable:
    arabic, latin, gov, weight = [], [], [], []
    for g, code in enumerate(GOVERNORATE_CODES):
        entries = [e.split("|") for e in PLACES[code].split(";")]
        total = sum(float(w) for _, _, w in entries)
        for ar, la, w in entries:
            arabic.append(ar)
            latin.append(la)
            gov.append(g)
            weight.append(float(w) / total)
    return PlaceTable(tuple(arabic), tuple(latin), np.asarray(gov), np.asarray(weight))


def outside_control_share(year: np.ndarray, governorate: np.ndarray) -> np.ndarray:
    """Probability that a death happened outside government-held areas."""
    base = np.array([GOVERNORATE_SHARES[c][1] for c in GOVERNORATE_CODES])[governorate]
    retaken = np.array([RETAKEN.get(c, 9999) for c in GOVERNORATE_CODES])[governorate]
    early = year <= 2011
    share = np.where(year >= retaken, base * 0.15, base)
    return np.where(early, share * 0.5, share)
