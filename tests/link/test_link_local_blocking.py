"""Blocking on pairs of names that are rare where the records are (area and year)."""

from __future__ import annotations

import pandas as pd

from recount.link.blocking import (
    MAX_PAIRS_PER_RECORD,
    WITHIN_UNDATED_MAX,
    add_blocking_columns,
    blocked_pairs,
    prediction_rules,
)
from recount.link.fields import present_fields

DAY_2015 = 16_436  # 2015-01-01 in days since 1970


def _record(uid: str, tokens: list[str], governorate: str, day: int) -> dict:
    return {
        "unique_id": uid,
        "tokens": tokens,
        "token_set": " ".join(sorted(tokens)),
        "dod_day": day,
        "dob_day": None,
        "dod_year": 1970 + int(day // 365.25),
        "governorate": governorate,
    }


def _frame() -> pd.DataFrame:
    """Two records of one person share the pair of names (kaaa, kbbb), which 40 other people
    across other areas and years also carry; their dates are 60 days apart and each carries
    a name the other lacks. 120 unrelated records fill the areas."""
    rows = [
        _record("a:1", ["kaaa", "kbbb", "kccc"], "G1", DAY_2015 + 100),
        _record("b:1", ["kaaa", "kbbb", "kddd"], "G1", DAY_2015 + 160),
    ]
    for i in range(40):
        rows.append(
            _record(f"c:{i}", ["kaaa", "kbbb", f"u{i:03d}"], f"G{2 + i % 3}", DAY_2015 - 400 * i)
        )
    for i in range(120):
        rows.append(
            _record(
                f"d:{i}",
                [f"f{i % 17:02d}", f"g{i % 13:02d}", f"h{i:03d}"],
                f"G{1 + i % 4}",
                DAY_2015 + 3 * i,
            )
        )
    return pd.DataFrame(rows)


def _found(frame: pd.DataFrame, rules: list[dict]) -> set[tuple[str, str]]:
    pairs = blocked_pairs(frame, rules)
    return set(zip(pairs["unique_id_l"], pairs["unique_id_r"], strict=True))


def test_a_pair_of_names_rare_in_its_area_and_year_is_blocked_though_common_elsewhere():
    frame = _frame()
    fields = present_fields(frame)
    linkable = add_blocking_columns(frame, fields)
    rules = prediction_rules(fields, linkable)
    local = [r for r in rules if "area_year_" in r["blocking_rule"]]
    assert len(local) == 2
    assert ("a:1", "b:1") in _found(linkable, rules)
    # no other rule finds them: the dates are two months apart and the names are common
    assert ("a:1", "b:1") not in _found(linkable, [r for r in rules if r not in local])


def test_the_local_rules_keep_within_the_pair_budget_and_need_an_area():
    frame = _frame()
    fields = present_fields(frame)
    linkable = add_blocking_columns(frame, fields)
    keys = linkable["area_year_pairs"].explode().dropna()
    sizes = keys.value_counts()
    assert len(sizes) and (sizes * (sizes - 1) // 2).sum() <= MAX_PAIRS_PER_RECORD * len(frame)
    assert all(" @G" in key for key in keys)
    no_area = frame.drop(columns=["governorate"])
    fields = present_fields(no_area)
    linkable = add_blocking_columns(no_area, fields)
    assert all(len(v) == 0 for v in linkable["area_year_pairs"])
    assert not any("area_year_pairs" in r["blocking_rule"] for r in prediction_rules(fields))


def test_names_misspelt_on_both_sides_block_through_their_prefixes_in_area_and_year():
    """One person's two records share no exact name but the given name: each later letter of
    the two family names differs (kaaax / kaaay, kbbbx / kbbby), and the dates are months
    apart. The pair of prefixes is common across the country but rare in their area and year."""
    frame = _frame()
    frame.loc[0, "tokens"] = ["kaaax", "kbbbx", "kccc"]
    frame.loc[1, "tokens"] = ["kaaay", "kbbby", "kddd"]
    for row in (0, 1):
        frame.loc[row, "token_set"] = " ".join(sorted(frame.loc[row, "tokens"]))
    fields = present_fields(frame)
    linkable = add_blocking_columns(frame, fields)
    rules = prediction_rules(fields, linkable)
    prefixes = [r for r in rules if "area_year_prefixes" in r["blocking_rule"]]
    assert len(prefixes) == 1
    assert ("a:1", "b:1") in _found(linkable, rules)
    assert ("a:1", "b:1") not in _found(linkable, [r for r in rules if r not in prefixes])
    keys = linkable["area_year_prefixes"].explode().dropna()
    sizes = keys.value_counts()
    assert (sizes * (sizes - 1) // 2).sum() <= MAX_PAIRS_PER_RECORD * len(frame)


def test_a_record_without_a_date_is_blocked_with_one_whose_names_hold_all_its_own():
    """A list without dates writes a person 'kaaa kbbb' (the father's name dropped); another
    list has him dated as 'kaaa kbbb kccc'. The rule for undated records pairs them, in his
    area only, and never two dated records, or names that are not all held."""
    frame = _frame()
    frame.loc[1, "tokens"] = ["kaaa", "kbbb"]
    frame.loc[1, "token_set"] = "kaaa kbbb"
    frame.loc[1, "dod_day"] = None
    frame["dod_day"] = frame["dod_day"].astype("Int64")
    frame.loc[len(frame)] = _record("e:1", ["kaaa", "kbbb", "kzzz"], "G2", DAY_2015)  # other area
    frame.loc[len(frame)] = _record("e:2", ["kaaa", "kqqq"], "G1", DAY_2015)  # kbbb missing
    fields = present_fields(frame)
    linkable = add_blocking_columns(frame, fields)
    rules = prediction_rules(fields, linkable)
    within = [r for r in rules if "within_undated" in r["blocking_rule"]]
    assert len(within) == 1
    found = _found(linkable, within)
    assert ("a:1", "b:1") in found
    assert not any("e:1" in pair or "e:2" in pair for pair in found)
    assert all("b:1" in pair for pair in found)  # every other record has a date
    # a name held by more records of the area than WITHIN_UNDATED_MAX pairs with none
    crowd = [
        _record(f"x:{i}", ["kaaa", "kbbb", f"w{i:03d}"], "G1", DAY_2015 + i)
        for i in range(WITHIN_UNDATED_MAX)
    ]
    crowded = pd.concat([frame, pd.DataFrame(crowd)], ignore_index=True)
    crowded["dod_day"] = crowded["dod_day"].astype("Int64")
    linkable = add_blocking_columns(crowded, present_fields(crowded))
    assert not any(len(v) for v in linkable["within_undated"])
