"""Blocking on one of a record's rarest names in its place: within a month, or at any time
where either record has no date (the true pairs no other rule scored, #14)."""

from __future__ import annotations

import pandas as pd

from recount.link.blocking import (
    MAX_PAIRS_PER_RECORD,
    add_blocking_columns,
    blocked_pairs,
    prediction_rules,
)
from recount.link.fields import present_fields

DAY_2015 = 16_436  # 2015-01-01 in days since 1970
PLACE_RULES = ("place_month_tokens", "place_undated_tokens")


def _record(uid: str, tokens: list[str], place: str, day: int | None) -> dict:
    return {
        "unique_id": uid,
        "tokens": tokens,
        "token_set": " ".join(sorted(tokens)),
        "dod_day": day,
        "dob_day": None,
        "dod_year": None if day is None else 1970 + int(day // 365.25),
        "governorate": "G1",
        "place_key": place,
    }


def _frame(second_day: int | None) -> pd.DataFrame:
    """One person's two records share one name only (kqqq, rare; beside it the one writes two
    common names, the other a name typed wrong), in one place; the second record dies `second_day` or
    has no date. 150 other people in six places, with common names, fill the lists."""
    rows = [
        _record("a:1", ["f00", "kqqq", "g00"], "P1", DAY_2015 + 100),
        _record("b:1", ["kqqq", "kxxx"], "P1", second_day),
    ]
    for i in range(150):
        rows.append(
            _record(
                f"d:{i}",
                [f"f{i % 7:02d}", f"g{i % 5:02d}", f"h{i % 11:02d}"],
                f"P{1 + i % 6}",
                DAY_2015 + 2 * i,
            )
        )
    frame = pd.DataFrame(rows)
    frame["dod_day"] = frame["dod_day"].astype("Int64")
    frame["dod_year"] = frame["dod_year"].astype("Int64")
    return frame


def _found(frame: pd.DataFrame, rules: list[dict]) -> set[tuple[str, str]]:
    pairs = blocked_pairs(frame, rules)
    return set(zip(pairs["unique_id_l"], pairs["unique_id_r"], strict=True))


def _split(frame: pd.DataFrame) -> tuple[pd.DataFrame, list[dict], list[dict]]:
    fields = present_fields(frame)
    linkable = add_blocking_columns(frame, fields)
    rules = prediction_rules(fields, linkable)
    place = [r for r in rules if any(c in r["blocking_rule"] for c in PLACE_RULES)]
    return linkable, place, [r for r in rules if r not in place]


def test_one_rare_name_shared_in_one_place_within_a_month_is_blocked():
    linkable, place, others = _split(_frame(DAY_2015 + 120))
    assert len(place) == 2
    assert ("a:1", "b:1") in _found(linkable, place)
    # no other rule finds them: they share no pair of names and die on other days
    assert ("a:1", "b:1") not in _found(linkable, others)


def test_an_undated_record_is_blocked_with_one_sharing_a_rare_name_in_its_place_only():
    frame = _frame(None)
    frame.loc[len(frame)] = _record("e:1", ["kqqq", "kzzz"], "P2", None)  # another place
    frame.loc[len(frame)] = _record("e:2", ["kqqq", "kyyy"], "P1", DAY_2015 + 900)
    linkable, place, others = _split(frame)
    found = _found(linkable, place)
    assert ("a:1", "b:1") in found
    assert ("a:1", "b:1") not in _found(linkable, others)
    assert not any("e:1" in pair for pair in found)
    # two dated records years apart never pair through the undated rule
    assert ("a:1", "e:2") not in found
    assert ("b:1", "e:2") in found


def test_the_place_keys_keep_within_the_pair_budget_and_need_a_place_and_a_date():
    frame = _frame(DAY_2015 + 120)
    linkable, _, _ = _split(frame)
    keys = linkable["place_month_tokens"].explode().dropna()
    sizes = keys.value_counts()
    assert len(sizes) and (sizes * (sizes - 1) // 2).sum() <= MAX_PAIRS_PER_RECORD * len(frame)
    undated = frame.drop(columns=["dod_day", "dod_year"])
    fields = present_fields(undated)
    assert not any(
        c in r["blocking_rule"] for r in prediction_rules(fields) for c in PLACE_RULES
    )
    nowhere = frame.drop(columns=["place_key", "governorate"])
    fields = present_fields(nowhere)
    linkable = add_blocking_columns(nowhere, fields)
    assert all(len(v) == 0 for v in linkable["place_month_tokens"])
