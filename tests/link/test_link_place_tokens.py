"""Blocking a record without a date with one that shares one of its rarest names in its place
(the true pairs no other rule scored, #14)."""

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


def _frame() -> pd.DataFrame:
    """One person's two records share one name only (kqqq, rare; beside it the one writes two
    common names, the other a name typed wrong), in one place; the second has no date. A third
    record in another place, and a fourth, dated, in his place, share kqqq too. 150 other
    people in six places, with common names, fill the lists."""
    rows = [
        _record("a:1", ["f00", "kqqq", "g00"], "P1", DAY_2015 + 100),
        _record("b:1", ["kqqq", "kxxx"], "P1", None),
        _record("e:1", ["kqqq", "kzzz"], "P2", None),
        _record("e:2", ["kqqq", "kyyy"], "P1", DAY_2015 + 900),
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


def test_an_undated_record_is_blocked_with_one_sharing_a_rare_name_in_its_place_only():
    frame = _frame()
    fields = present_fields(frame)
    linkable = add_blocking_columns(frame, fields)
    rules = prediction_rules(fields, linkable)
    place = [r for r in rules if "place_undated_tokens" in r["blocking_rule"]]
    assert len(place) == 1
    found = _found(linkable, place)
    assert ("a:1", "b:1") in found
    # no other rule finds them: they share no pair of names, and one has no date
    assert ("a:1", "b:1") not in _found(linkable, [r for r in rules if r not in place])
    assert not any("e:1" in pair for pair in found)  # another place
    assert ("b:1", "e:2") in found
    assert ("a:1", "e:2") not in found  # two dated records never pair through it


def test_the_undated_keys_keep_within_the_pair_budget_and_need_a_place_and_a_date():
    frame = _frame()
    fields = present_fields(frame)
    linkable = add_blocking_columns(frame, fields)
    keys = linkable.explode("place_undated_tokens").dropna(subset=["place_undated_tokens"])
    assert len(keys)
    sizes = keys.groupby("place_undated_tokens").agg(
        n=("unique_id", "size"), u=("dod_day", lambda d: int(d.isna().sum()))
    )
    assert (sizes["u"] > 0).all()
    cost = sizes["u"] * (sizes["n"] - sizes["u"]) + sizes["u"] * (sizes["u"] - 1) // 2
    assert cost.sum() <= MAX_PAIRS_PER_RECORD * len(frame)
    undated = frame.drop(columns=["dod_day", "dod_year"])
    assert not any(
        "place_undated_tokens" in r["blocking_rule"]
        for r in prediction_rules(present_fields(undated))
    )
    nowhere = frame.drop(columns=["place_key", "governorate"])
    linkable = add_blocking_columns(nowhere, present_fields(nowhere))
    assert all(len(v) == 0 for v in linkable["place_undated_tokens"])
