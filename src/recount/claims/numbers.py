"""Quantities in English text: numerals (any script's digits), number words, vague counts.

A quantity is a span of text with a point value and a range. Qualifiers
("more than", "about", "up to") widen the range; vague words ("dozens",
"hundreds", "tens of thousands") follow ACLED's convention for vague counts:
the value and the low end are the conservative figure ACLED codes (12 for
dozens, 100 for hundreds, 1,000 for thousands, ...) and the high end is the
largest number the word can mean (99 for dozens). See docs/claims.md.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALES = {
    "dozen": 12,
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
}
SUFFIX_SCALES = {"k": 1_000, "m": 1_000_000, "mn": 1_000_000, "bn": 1_000_000_000}
# Scale words after a numeral in the languages quoted in reporting ("1,5 Millionen",
# "2,3 millones", "1,2 milhões", "150 mil", "30 mila"): a numeral's scale only, never a number
# word's.
NUMERAL_SCALES = {
    **SCALES,
    "millions": 1_000_000, "millionen": 1_000_000, "millones": 1_000_000, "millón": 1_000_000,
    "milhões": 1_000_000, "milhão": 1_000_000, "milliarden": 1_000_000_000,
    "milliards": 1_000_000_000, "tausend": 1_000, "mil": 1_000, "mila": 1_000,
    "milioni": 1_000_000,
    # Russian, Arabic, Urdu and Hindi: "25 тысяч", "40 ہزار", "2 лакх" (a lakh is 100,000)
    "тысяч": 1_000, "тысячи": 1_000, "тысяча": 1_000, "миллион": 1_000_000,
    "миллиона": 1_000_000, "миллионов": 1_000_000, "ألف": 1_000, "آلاف": 1_000,
    "مليون": 1_000_000, "ہزار": 1_000, "हज़ार": 1_000, "हजार": 1_000, "لاکھ": 100_000,
    "लाख": 100_000, "lakh": 100_000, "lakhs": 100_000, "crore": 10_000_000,
}  # fmt: skip

# Vague counts: (value = ACLED's conservative code, high end of what the word can mean).
VAGUE = {
    "tens of thousands": (10_000, 99_999),
    "hundreds of thousands": (100_000, 999_999),
    "tens of millions": (10_000_000, 99_999_999),
    "millions": (1_000_000, 9_999_999),
    "thousands": (1_000, 9_999),
    "hundreds": (100, 999),
    "scores": (20, 99),
    "dozens": (12, 99),
    "tens": (10, 99),
    # quoted in French, Spanish, Portuguese, Italian: "des centaines", "decenas", "milhares"
    "centaines": (100, 999), "centenares": (100, 999), "centenas": (100, 999),
    "centinaia": (100, 999), "dizaines": (10, 99), "decenas": (10, 99), "dezenas": (10, 99),
    "decine": (10, 99), "milliers": (1_000, 9_999), "milhares": (1_000, 9_999),
    "migliaia": (1_000, 9_999),
}  # fmt: skip
# "a few hundred", "several thousand": multiples of the scale (our own convention).
FEW_MULTIPLES = {"a few": (2, 5), "a couple of": (2, 3), "several": (3, 9)}
FEW_SCALES = {"dozen": 12, "hundred": 100, "thousand": 1_000, "million": 1_000_000}
FRACTIONS = {
    "half a million": 500_000,
    "a quarter of a million": 250_000,
    "a quarter million": 250_000,
    "half a billion": 500_000_000,
    "a dozen": 12,
    "a hundred": 100,
    "a thousand": 1_000,
    "a million": 1_000_000,
}

# Qualifier phrase -> normalised qualifier. Longest phrases are tried first.
QUALIFIERS = {
    "more than": "more_than", "over": "more_than", "upwards of": "more_than",
    "in excess of": "more_than", "well over": "more_than", "just over": "more_than",
    "above": "more_than", "north of": "more_than",
    "at least": "at_least", "no fewer than": "at_least", "no less than": "at_least",
    "not less than": "at_least", "a minimum of": "at_least", "not fewer than": "at_least",
    "some": "about", "about": "about", "around": "about", "approximately": "about",
    "roughly": "about", "an estimated": "about", "estimated": "about", "approx.": "about",
    "circa": "about", "some estimated": "about",
    "nearly": "nearly", "almost": "nearly", "close to": "nearly", "just under": "nearly",
    "just shy of": "nearly", "approaching": "nearly", "towards": "nearly",
    "up to": "up_to", "as many as": "up_to", "at most": "up_to", "no more than": "up_to",
    "as high as": "up_to",
    "a maximum of": "up_to", "not more than": "up_to",
    "fewer than": "fewer_than", "less than": "fewer_than", "under": "fewer_than",
    "below": "fewer_than",
    # quoted in German, Spanish, Portuguese, French: "rund 1300", "fast 200.000", "pelo menos 30"
    "rund": "about", "etwa": "about", "ca.": "about", "cerca de": "about", "alrededor de": "about",
    "environ": "about", "fast": "nearly", "beinahe": "nearly", "casi": "nearly", "quase": "nearly",
    "presque": "nearly", "près de": "nearly", "mehr als": "more_than", "über": "more_than",
    "más de": "more_than", "mais de": "more_than", "plus de": "more_than",
    "mindestens": "at_least", "al menos": "at_least", "pelo menos": "at_least",
    "au moins": "at_least", "bis zu": "up_to", "hasta": "up_to", "até": "up_to",
    "+ de": "more_than",  # French shorthand: "+ de 30 000 personnes"
    "oltre": "more_than", "almeno": "at_least", "quasi": "nearly",
    "à peu près": "about", "unos": "about", "unas": "about", "cirka": "about",
    "aprox.": "about", "più di": "more_than", "jusqu'à": "up_to", "fino a": "up_to",
    "mer än": "more_than", "över": "more_than", "minst": "at_least", "nästan": "nearly",
    # quoted in Russian: "более 25 тысяч", "по крайней мере 25 тысяч"
    "более": "more_than", "свыше": "more_than", "около": "about", "почти": "nearly",
    "не менее": "at_least", "по крайней мере": "at_least", "как минимум": "at_least",
}  # fmt: skip
ABOUT_BAND = 0.10  # "about N": N +/- 10 %
NEARLY_BAND = 0.10  # "nearly N": from N - 10 % up to N

_DIGIT = r"\d"  # any Unicode decimal digit: ASCII, Arabic-Indic, Extended Arabic-Indic, ...
_GROUP_SEP = ",\u066c\u00a0\u202f\u2009 "
_NUMERAL_SCALE_WORD = "|".join(sorted(NUMERAL_SCALES, key=len, reverse=True))
_NUMERAL = (
    # a decimal comma before a scale word: "1,5 Millionen", "2,3 million"
    rf"(?:{_DIGIT}{{1,3}},{_DIGIT}{{1,2}}(?=\s+(?:{_NUMERAL_SCALE_WORD})\b)"
    # a space typed after the thousands comma: "an estimated 300, 000 displaced" (never a list)
    rf"|{_DIGIT}{{1,3}}, 000(?![{_DIGIT},])"
    rf"|{_DIGIT}{{1,3}}(?:[{_GROUP_SEP}]{_DIGIT}{{3}})+(?!{_DIGIT})"
    rf"|{_DIGIT}{{1,3}}(?:\.{_DIGIT}{{3}}){{2,}}(?!{_DIGIT})"
    rf"|{_DIGIT}+)"
    rf"(?:[.\u066b]{_DIGIT}+)?"
)
_WORD_ATOM = "|".join(sorted([*UNITS, *SCALES], key=len, reverse=True))
_AFTER_SCALE = "|".join(f"(?<={s})" for s in SCALES)
# "and" joins number words after a scale word only: "three hundred and twenty", never
# "between one and two million" (a range's two ends)
# "a hundred and eight", "a thousand and twelve": "a" is the first word of a number that goes on
_A_SCALE_AND = r"a\s+(?:hundred|thousand)(?=[\s-]+and[\s-]+[a-z])"
_WORDNUM = rf"(?:{_A_SCALE_AND}|{'|'.join(sorted(UNITS, key=len, reverse=True))})(?:(?:[\s-]+|(?:{_AFTER_SCALE})[\s-]+and[\s-]+)(?:{_WORD_ATOM})\b)*"
_SCALE_WORD = rf"(?:\s+(?P<{{name}}>{_NUMERAL_SCALE_WORD})\b)?"
_SUFFIX = r"(?P<{name}>k|mn|m|bn)?"
_VAGUE = "|".join(re.escape(v).replace(r"\ ", r"\s+") for v in sorted(VAGUE, key=len, reverse=True))
_FRACTION = "|".join(
    re.escape(v).replace(r"\ ", r"\s+") for v in sorted(FRACTIONS, key=len, reverse=True)
)
_FEW = "|".join(
    re.escape(v).replace(r"\ ", r"\s+") for v in sorted(FEW_MULTIPLES, key=len, reverse=True)
)
_FEW_SCALE = "|".join(FEW_SCALES)


def _core(tag: str) -> str:
    """One number: numeral with an optional scale, a few/several + scale, a fraction, words or a vague word."""
    return (
        # "10000s of people", "100's of": a power of ten in the plural, a vague count of that scale
        rf"(?:(?P<{tag}_tens>10{{1,6}}['’]?s)(?=\s+of\b)"
        rf"|(?P<{tag}_num>{_NUMERAL}){_SUFFIX.format(name=tag + '_suffix')}(?![\w]){_SCALE_WORD.format(name=tag + '_scale')}"
        rf"|(?P<{tag}_few>(?:{_FEW})\s+(?:{_FEW_SCALE})(?:\s+(?:thousand|million))?)(?!\w)"
        rf"|(?P<{tag}_words>{_WORDNUM})\b"
        rf"|(?P<{tag}_frac>{_FRACTION})\b"
        rf"|(?P<{tag}_vague>{_VAGUE})\b)"
    )


# The qualifier words as one alternation: every pattern that looks for a figure after a cue
# ("deaths of some 300", "said nearly 2,000") uses this one.
QUALIFIER_PATTERN = "|".join(
    re.escape(q).replace(r"\ ", r"\s+") for q in sorted(QUALIFIERS, key=len, reverse=True)
)
_QUALIFIER = QUALIFIER_PATTERN
_GLUED_LABELS = ("Deaths", "Death(s)", "Injured", "Wounded",
                 )  # fmt: skip
_GLUED_LABEL = "|".join(
    f"(?<=^{re.escape(label)})|(?<=\n{re.escape(label)})" for label in _GLUED_LABELS
)
QUANTITY_RE = re.compile(
    # not inside a word or a number, except a grouped numeral or a capitalised qualifier glued to
    # an infobox label ("Deaths25,000+", "DeathsAbout 5,000", "Deaths1.6 to 1.8 million")
    rf"(?:(?<![\w.,\u066b\u066c])|(?<=[A-Za-z])(?=\d{{1,3}}(?:,\d{{3}})+(?!\d))"
    rf"|(?-i:(?<=[a-z])(?=\d+(?:\.\d+)?(?:\s*(?:to|-|–)\s*\d+(?:\.\d+)?)?\s+(?:million|billion)\b))"
    rf"|(?-i:(?<=[a-z])(?=(?:About|Around|Over|Some|Nearly|Almost|Approximately|At\s+least|More\s+than|Up\s+to|Up\s+to|Estimated)\s+\d))"
    # any numeral glued to an infobox's measure label ("Deaths17", "Injured20")
    rf"|(?-i:{_GLUED_LABEL})|(?<=[A-Za-z])(?=[~≈]\s*\d))"
    rf"(?:(?P<between>between|from|zwischen|entre|från)\s+)?"
    rf"(?:(?P<qualifier>{_QUALIFIER})\s+(?:(?:another|a\s+further|an\s+additional)\s+|a\s+(?=\d))?|(?P<tilde>[~≈])\s*|(?P<sign>[>≥])\s*)?"
    rf"{_core('a')}"
    # a spaced em dash is a clause's dash, and so is a spaced dash after a year ("Nairobi,
    # 4 October 1993 — Twelve soldiers", "in 2014 – 12 were killed"): no range
    rf"(?:(?!\s+—\s|(?<=(?<![\d,.])(?:19|20)\d\d)\s+[-–]\s)"
    rf"\s*(?P<sep>(?(between)(?:-|–|—|\b(?:to|and|und|bis|y|e|et|à|till)(?!\w))|(?:-|–|—|\bto\b|\bor\b|\bà(?!\w))))\s*{_core('b')})?"
    # Urdu's "more than" after the count: "40 ہزار سے زائد"
    # and an infobox's "5,000 (approximate)"
    rf"(?P<plus>\+|-plus\b|\s+or\s+more\b|\s+or\s+so\b|\s+plus\b|\s+سے\s+زائد"
    rf"|\s*\((?:approximate(?:ly)?|approx\.?|estimated|est\.)\))?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Quantity:
    """A number as written: its span, the value stated, and the range it allows."""

    start: int
    end: int
    text: str
    value: float | None
    low: float | None
    high: float | None
    qualifier: str | None  # more_than, at_least, about, nearly, up_to, fewer_than, range, vague
    vague: bool
    year_like: bool  # a bare four-digit number 1900-2099: possibly a year


def parse_numeral(text: str) -> float | None:
    """A numeral in any script's digits, with thousands separators, to a float."""
    cleaned = text.strip()
    if re.fullmatch(rf"{_DIGIT}{{1,3}},{_DIGIT}{{1,2}}", cleaned):
        cleaned = cleaned.replace(",", ".")  # "1,5" (Millionen): a decimal comma
    for sep in _GROUP_SEP:
        cleaned = cleaned.replace(sep, "")
    cleaned = cleaned.replace("\u066b", ".")
    if re.fullmatch(rf"{_DIGIT}{{1,3}}(?:\.{_DIGIT}{{3}}){{2,}}", cleaned):
        cleaned = cleaned.replace(".", "")  # 1.500.000 written with dots for thousands
    try:
        whole, _, fraction = cleaned.partition(".")
        value = float(int(whole)) if whole else 0.0
        if fraction:
            value += int(fraction) / 10 ** len(fraction)
    except ValueError:
        return None
    return value


def parse_number_words(text: str) -> float | None:
    """'three hundred and twenty thousand' -> 320000.0; None when not a number."""
    words = [w for w in re.split(r"[\s-]+", text.lower()) if w and w != "and"]
    if not words:
        return None
    total = 0
    current = 0
    for word in words:
        if word == "a" and current == 0 and total == 0:
            current = 1  # "a hundred and eight"
        elif word in UNITS:
            current += UNITS[word]
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in SCALES:
            total += (current or 1) * SCALES[word]
            current = 0
        else:
            return None
    return float(total + current)


@dataclass(frozen=True)
class _Core:
    value: float
    low: float
    high: float
    vague: bool
    scaled: bool  # carried a scale word ("million") that a bare first half of a range may share
    factor: float = 0.0  # that scale word's value when a numeral carried it; 0 when unknown


# One group of thousands after a dot ("zwischen 44.000 und 158.000"): a decimal to the
# thousandth is no count of people, so the dot groups thousands as "1.500.000" does.
_DOT_THOUSANDS_RE = re.compile(rf"[1-9]{_DIGIT}{{0,2}}\.{_DIGIT}{{3}}")


def _core_value(match: re.Match[str], tag: str) -> _Core | None:
    numeral = match.group(f"{tag}_num")
    if numeral is not None:
        value = parse_numeral(numeral)
        if value is None:
            return None
        scale = match.group(f"{tag}_scale")
        suffix = match.group(f"{tag}_suffix")
        scaled_range = match.group("b_scale") or match.group("b_suffix")  # "1.671 to 1.871 million"
        if not (scale or suffix or scaled_range) and _DOT_THOUSANDS_RE.fullmatch(numeral):
            value *= 1_000  # "44.000", "200.000": a count of people has no thousandths
        factor = (
            NUMERAL_SCALES[scale.lower()]
            if scale
            else SUFFIX_SCALES[suffix.lower()]
            if suffix
            else 1
        )
        value *= factor
        return _Core(value, value, value, False, factor > 1, float(factor))
    few = match.group(f"{tag}_few")
    if few is not None:
        words = few.lower().split()
        scale = 1
        while words[-1] in FEW_SCALES:  # "several hundred thousand": 300,000 to 900,000
            scale *= FEW_SCALES[words.pop()]
        low, high = FEW_MULTIPLES[" ".join(words)]
        return _Core(low * scale, low * scale, high * scale, True, True)
    fraction = match.group(f"{tag}_frac")
    if fraction is not None:
        value = float(FRACTIONS[" ".join(fraction.lower().split())])
        return _Core(value, value, value, False, True)
    words = match.group(f"{tag}_words")
    if words is not None:
        value = parse_number_words(words)
        if value is None:
            return None
        return _Core(value, value, value, False, any(s in words.lower() for s in SCALES))
    tens = match.group(f"{tag}_tens")
    if tens is not None:
        low = int(tens.rstrip("'’s"))
        return _Core(float(low), float(low), float(10 * low - 1), True, True)
    vague = match.group(f"{tag}_vague")
    if vague is not None:
        low, high = VAGUE[" ".join(vague.lower().split())]
        return _Core(float(low), float(low), float(high), True, True)
    return None


def _apply_qualifier(core: _Core, qualifier: str | None) -> tuple[float | None, float | None]:
    if qualifier in ("more_than", "at_least"):
        return core.low, None
    if qualifier == "about":
        if core.vague:
            return core.low, core.high
        return core.value * (1 - ABOUT_BAND), core.value * (1 + ABOUT_BAND)
    if qualifier == "nearly":
        return core.value * (1 - NEARLY_BAND), core.value
    if qualifier in ("up_to", "fewer_than"):
        return None, core.high
    return core.low, core.high


_MAY_HOLD_NUMBER = re.compile(
    rf"\d|\b(?:{'|'.join(UNITS)}|hundred|thousand|million|billion|dozen|dozens|scores|tens|half|quarter|hundreds|thousands|millions|{'|'.join(VAGUE)})\b",
    re.IGNORECASE,
)


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity in `text`, left to right, with offsets into `text`."""
    if not _MAY_HOLD_NUMBER.search(text):
        return []
    found: list[Quantity] = []
    position = 0
    while (match := QUANTITY_RE.search(text, position)) is not None:
        position = match.end()
        quantity = _to_quantity(match)
        apart = match.group("sep") == "to" or (
            match.group("sep") in ("-", "–", "—")
            and re.fullmatch(r"\s\S\s", text[match.start("sep") - 1 : match.end("sep") + 1])
        )
        if quantity is None and apart and not re.match(r"(?:19|20)\d\d\b", match.group(0)):
            # "the dead at 49 - 41 at the Central Mosque" (a count and the first of its parts),
            # "revised from more than 500 to 109" (a count revised down): no range runs down;
            # read the first alone and go on from the separator
            first = QUANTITY_RE.search(text, match.start(), match.start("sep"))
            quantity = _to_quantity(first) if first is not None else None
            position = match.start("sep") + 1
        if quantity is not None and not _NAMED_PLACE_RE.search(
            text, max(0, quantity.start - 12), quantity.end
        ):
            found.append(_unglued(text, quantity))
    return found


# A number word that names a place, not a count: "within 500 metres of ground zero".
_NAMED_PLACE_RE = re.compile(r"\bground\s+zero$", re.IGNORECASE)


# "In June 2013685 civilians were killed": a year with a count glued to it (a lost comma).
_GLUED_YEAR_RE = re.compile(r"(?:19|20)[0-9]{2}(?P<count>[1-9][0-9]{0,3})")
_MONTH_BEFORE_RE = re.compile(
    r"\b(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december)\s+$",
    re.IGNORECASE,
)


def _unglued(text: str, quantity: Quantity) -> Quantity:
    glued = _GLUED_YEAR_RE.fullmatch(quantity.text)
    if glued is None or not _MONTH_BEFORE_RE.search(
        text[max(0, quantity.start - 12) : quantity.start]
    ):
        return quantity
    value = float(glued.group("count"))
    start = quantity.start + glued.start("count")
    return Quantity(
        start, quantity.end, glued.group("count"), value, value, value, None, False, False
    )


def _to_quantity(match: re.Match[str]) -> Quantity | None:
    first = _core_value(match, "a")
    if first is None or not math.isfinite(first.value):
        return None
    qualifier_text = match.group("qualifier")
    qualifier = QUALIFIERS[" ".join(qualifier_text.lower().split())] if qualifier_text else None
    second = _core_value(match, "b") if match.group("sep") else None
    start = match.start()
    if match.group("between") and second is None:
        start = match.start("qualifier") if qualifier_text else match.start(_first_group(match))
    if second is not None:
        return _range(match, start, first, second)
    if match.group("tilde"):
        qualifier = qualifier or "about"  # "~100,000": about (inside a range, the range's ends)
    if match.group("sign"):
        qualifier = qualifier or ("more_than" if match.group("sign") == ">" else "at_least")
    end = _first_core_end(match)
    plus = (match.group("plus") or "").lower().split()
    if plus:
        end = match.end("plus")
        if plus == ["or", "so"] or plus[0].startswith("("):
            qualifier = qualifier or "about"
        elif plus == ["or", "more"]:
            qualifier = qualifier or "at_least"
        else:
            qualifier = qualifier or "more_than"
    low, high = _apply_qualifier(first, qualifier)
    numeral = match.group("a_num")
    year_like = (
        numeral is not None
        and re.fullmatch(r"(?:19|20)[0-9]{2}", numeral) is not None
        and not match.group("a_scale")
        and not match.group("a_suffix")
        and qualifier is None
    )
    if first.vague and qualifier is None:
        qualifier = "vague"
    text = match.string[start:end]
    return Quantity(start, end, text, first.value, low, high, qualifier, first.vague, year_like)


def _range(match: re.Match[str], start: int, first: _Core, second: _Core) -> Quantity | None:
    """'between 200 and 300', '1.5 to 2 million', '12-15': low from the first, high from the second."""
    factor = second.factor or _scale_of(second)  # "1.671 to 1.871 million": the word's scale
    if second.scaled and not first.scaled and first.value < second.value / factor:
        first = _Core(
            first.value * factor, first.low * factor, first.high * factor, first.vague, True
        )
    if second.high < first.low:
        return None
    years = [match.group(n) or "" for n in ("a_num", "b_num")]
    year_like = all(re.fullmatch(r"(?:19|20)[0-9]{2}", y) for y in years)
    end = match.end("plus") if match.group("plus") else match.end()
    text = match.string[start:end]
    return Quantity(
        start,
        end,
        text,
        None,
        first.low,
        second.high,
        "range",
        first.vague or second.vague,
        year_like,
    )


def _first_group(match: re.Match[str]) -> str:
    for name in ("a_num", "a_few", "a_frac", "a_words", "a_vague", "a_tens"):
        if match.group(name) is not None:
            return name
    return "a_num"


def _first_core_end(match: re.Match[str]) -> int:
    ends = [match.end(name) for name in ("a_scale", "a_suffix") if match.group(name) is not None]
    return max([match.end(_first_group(match)), *ends])


def _scale_of(core: _Core) -> float:
    for factor in (1_000_000_000, 1_000_000, 1_000, 100):
        if core.value >= factor and core.value % factor == 0:
            return float(factor)
    return 1.0
