"""Quantities: numerals in any script, words, vague counts, qualifiers and ranges."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from recount.claims.numbers import find_quantities, parse_number_words, parse_numeral

ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
EXTENDED = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def only(text: str):
    found = find_quantities(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "value", "low", "high", "qualifier"),
    [
        ("more than 300,000", 300_000, 300_000, None, "more_than"),
        ("at least 1,400", 1_400, 1_400, None, "at_least"),
        ("some 10,000", 10_000, 9_000, 11_000, "about"),
        ("about 400", 400, 360, 440, "about"),
        ("nearly 6 million", 6_000_000, 5_400_000, 6_000_000, "nearly"),
        ("up to 200", 200, None, 200, "up_to"),
        ("fewer than 100", 100, None, 100, "fewer_than"),
        ("500 or more", 500, 500, None, "at_least"),
        ("2,000+", 2_000, 2_000, None, "more_than"),
        ("dozens", 12, 12, 99, "vague"),
        ("hundreds", 100, 100, 999, "vague"),
        ("thousands", 1_000, 1_000, 9_999, "vague"),
        ("tens of thousands", 10_000, 10_000, 99_999, "vague"),
        ("hundreds of thousands", 100_000, 100_000, 999_999, "vague"),
        ("several hundred", 300, 300, 900, "vague"),
        ("a dozen", 12, 12, 12, None),
        ("half a million", 500_000, 500_000, 500_000, None),
        ("1.5 million", 1_500_000, 1_500_000, 1_500_000, None),
        ("4.8m", 4_800_000, 4_800_000, 4_800_000, None),
        ("three hundred and twenty thousand", 320_000, 320_000, 320_000, None),
        ("twenty-three", 23, 23, 23, None),
        ("٣٠٠٬٠٠٠", 300_000, 300_000, 300_000, None),
        ("۱۲۰۰", 1_200, 1_200, 1_200, None),
        ("12 000", 12_000, 12_000, 12_000, None),
        ("1.500.000", 1_500_000, 1_500_000, 1_500_000, None),
    ],
)
def test_quantity_values(text, value, low, high, qualifier):
    q = only(text)
    assert q.text == text
    assert q.value == value
    assert (q.low is None and low is None) or math.isclose(q.low, low)
    assert (q.high is None and high is None) or math.isclose(q.high, high)
    assert q.qualifier == qualifier


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("between 200 and 300", 200, 300),
        ("12-15", 12, 15),
        ("1.5 to 2 million", 1_500_000, 2_000_000),
        ("two or three", 2, 3),
    ],
)
def test_ranges(text, low, high):
    q = only(text)
    assert (q.low, q.high, q.qualifier, q.value) == (low, high, "range", None)


def test_a_list_is_not_a_range():
    values = [q.value for q in find_quantities("500,000 and 230,000 respectively")]
    assert values == [500_000, 230_000]


def test_year_like_numbers_are_flagged():
    assert only("in 2016").year_like
    assert not only("2,016").year_like
    assert only("2011-2016").year_like


def test_ordinals_are_not_quantities():
    assert find_quantities("the 3rd attack") == []


@given(st.integers(min_value=0, max_value=10**12))
def test_numerals_round_trip_in_every_script(number):
    grouped = f"{number:,}"
    assert parse_numeral(grouped) == number
    assert parse_numeral(grouped.translate(ARABIC_INDIC).replace(",", "٬")) == number
    assert parse_numeral(str(number).translate(EXTENDED)) == number


@given(st.integers(min_value=1, max_value=999_999))
def test_found_quantities_round_trip(number):
    text = f"reported {number:,} killed"
    q = only(text)
    assert q.value == number
    assert text[q.start : q.end] == q.text


def _words(n: int) -> str:
    ones = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
    tens = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
    if n < 20:
        return ones[n]
    if n < 100:
        return tens[n // 10] + ("" if n % 10 == 0 else "-" + ones[n % 10])
    if n < 1000:
        return ones[n // 100] + " hundred" + ("" if n % 100 == 0 else " and " + _words(n % 100))
    return _words(n // 1000) + " thousand" + ("" if n % 1000 == 0 else " " + _words(n % 1000))


@given(st.integers(min_value=1, max_value=999_999))
def test_number_words_parse(number):
    assert parse_number_words(_words(number)) == number
