"""The one rule for "the" estimate of a scope (recount.estimate.preferred)."""

from __future__ import annotations

import pandas as pd

from recount.estimate.preferred import mark_preferred, preferred_rows


def _row(level, method, estimate, governorate=None, flag=None, status="ok"):
    ok = status == "ok"
    return {
        "governorate": governorate,
        "level": level,
        "documented": 100,
        "method": method,
        "estimate": estimate if ok else None,
        "lower": estimate * 0.9 if ok else None,
        "upper": estimate * 1.2 if ok else None,
        "rhat": None,
        "ess": None,
        "status": status,
        "reason": None,
        "flag": flag,
        "seconds": 0.1,
        "lists": None,
        "model": None,
    }


def _chosen(rows):
    frame = pd.DataFrame(rows)
    marked = frame[mark_preferred(frame)]
    places = marked["governorate"].fillna("-")
    return sorted(zip(marked["level"], marked["method"], places, strict=True))


def test_the_sum_unless_it_is_a_floor_with_a_pooled_estimate_beside_it():
    rows = [_row("total", "lcmcr", 100.0), _row("total_pooled", "lcmcr", 120.0)]
    assert _chosen(rows) == [("total", "lcmcr", "-")]
    rows[0]["flag"] = "methods_disagree;includes_not_estimable_strata"
    assert _chosen(rows) == [("total_pooled", "lcmcr", "-")]
    assert _chosen(rows[:1]) == [("total", "lcmcr", "-")]
    assert _chosen(rows[1:]) == [("total_pooled", "lcmcr", "-")]


def test_a_floor_of_a_few_people_does_not_hand_the_headline_to_the_pooled_table():
    """Note 83: five people whose shifted dates fell a year early made a stratum too small to
    estimate, and the pooled table (+60%) replaced the sum over years (+35%)."""
    floor = "includes_not_estimable_strata"
    rows = [
        {**_row("total", "lcmcr", 4000.0, flag=floor), "documented": 4000},
        _row("total_pooled", "lcmcr", 4800.0),
        {**_row("stratum", "lcmcr", 2000.0, governorate="a"), "documented": 1995},
        {**_row("stratum", "lcmcr", 2000.0, governorate="b"), "documented": 2000},
        {**_row("stratum", "lcmcr", 0.0, governorate="c", status="not_estimable"), "documented": 5},
    ]
    assert ("total", "lcmcr", "-") in _chosen(rows)
    rows[2]["documented"], rows[4]["documented"] = 1800, 200  # 5% at its documented count
    assert ("total_pooled", "lcmcr", "-") in _chosen(rows)


def test_one_row_per_scope_by_method_preference_and_never_an_unusable_row():
    rows = [
        _row("total", "loglinear", 90.0),
        _row("total", "lcmcr", 100.0),
        _row("total", "hlcmcr", 110.0),
        _row("total_pooled", "lcmcr", 120.0),
        _row("governorate", "hlcmcr", 0.0, governorate="SY-HL", status="not_estimable"),
        _row("governorate", "lcmcr", 60.0, governorate="SY-HL"),
        _row("governorate", "chapman", 50.0, governorate="SY-ID"),
        _row("governorate", "lcmcr", 0.0, governorate="SY-RD", status="not_estimable"),
    ]
    assert _chosen(rows) == [
        ("governorate", "chapman", "SY-ID"),
        ("governorate", "lcmcr", "SY-HL"),
        ("total", "hlcmcr", "-"),
    ]


def test_tables_without_the_mark_get_it_by_the_same_rule():
    frame = pd.DataFrame([_row("total", "dga", 100.0), _row("total", "loglinear", 95.0)])
    assert list(preferred_rows(frame)["method"]) == ["dga"]
    frame["preferred"] = None  # a column left empty is no mark
    assert list(preferred_rows(frame)["method"]) == ["dga"]
    frame["preferred"] = [False, True]  # the stage's mark wins where it exists
    assert list(preferred_rows(frame)["method"]) == ["loglinear"]
