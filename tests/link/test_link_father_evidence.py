"""The father's name as evidence the model learns; the father guard only where no score weighed it."""

from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd

from recount.link import comparisons as cmp
from recount.link.clustering import RecordFacts, cluster
from recount.link.father_evidence import weighed_fathers
from recount.link.fields import present_fields
from recount.link.model import PRESET_VALUES, comparisons_for


def cousins_and_one_man() -> RecordFacts:
    # 0 (list A) and 1 (list B): one man whose lists spell his father two ways; 2 (list C):
    # the same man without his father's name; 3 (list D): a cousin, another father
    frame = pd.DataFrame(
        {
            "source_id": ["A", "B", "C", "D"],
            "sex": ["M"] * 4,
            "dod_day": pd.array([100] * 4, dtype="Int64"),
            "date_precision": ["day"] * 4,
            "given_key": ["ehmd"] * 4,
            "father_key": ["mhmd", "mhmwd", None, "ktyb"],
            "tokens": [
                ["ehmd", "mhmd", "hsn", "slh"],
                ["ehmd", "mhmwd", "hsn", "slh"],
                ["ehmd", "hsn", "slh"],
                ["ehmd", "ktyb", "hsn", "slh"],
            ],
        }
    )
    return RecordFacts.from_frame(frame)


def run(links, weighed=None):
    left = np.array([a for a, _ in links], dtype=np.int64)
    right = np.array([b for _, b in links], dtype=np.int64)
    keys = None if weighed is None else np.array([a * 4 + b for a, b in weighed], dtype=np.int64)
    weight = np.linspace(20.0, 10.0, len(links))
    return cluster(4, left, right, weight, cousins_and_one_man(), 45, 40, weighed_fathers=keys)


def test_a_pair_whose_score_weighed_the_fathers_is_not_refused_by_the_father_guard():
    # the pair (0, 3)'s fathers clearly differ: refused, unless its own score weighed them
    guarded = run([(0, 3)])
    assert guarded.labels[0] != guarded.labels[3] and guarded.refused_fathers == 1
    weighed = run([(0, 3)], weighed=[(0, 3)])
    assert weighed.labels[0] == weighed.labels[3] and weighed.refused_fathers == 0


def test_the_guard_still_keeps_apart_two_fathers_a_record_without_one_would_bridge():
    # 2 has no father's name: linked to 0 and to 3, each pair weighed on its own, it would put
    # two fathers in one person through a pair (0, 3) no score weighed
    result = run([(0, 2), (2, 3)], weighed=[(0, 2), (2, 3)])
    assert result.labels[0] == result.labels[2]
    assert result.labels[3] != result.labels[0] and result.refused_fathers == 1


def test_the_father_comparison_reads_only_fathers_the_other_record_lacks():
    frame = pd.DataFrame(
        {
            "father_key_l": ["mhmd", "mhmd", "mhmd", "mhmd", None, "mhmd", "mhmd"],
            "father_key_r": ["mhmd", "hsn", "mhmwd", "mhmdy", "mhmd", "mhmwdy", "ktyb"],
            "tokens_l": [["a", "mhmd"], ["a", "mhmd"], ["a"], ["a"], ["a"], ["a"], ["a"]],
            "tokens_r": [["a", "mhmd"], ["a", "hsn", "mhmd"], ["a"], ["a"], ["a"], ["a"], ["a"]],
        }
    )
    comparison = cmp.one_name(cmp.Dialect("duckdb"), "father", "father_key")
    cases = " ".join(
        f"when {lv['sql_condition']} then '{lv['label_for_charts']}'"
        for lv in comparison["comparison_levels"]
        if lv["sql_condition"] != "ELSE"
    )
    con = duckdb.connect()
    con.register("pairs", frame)
    labels = con.sql(f"select case {cases} else 'else' end as level from pairs").df()["level"]
    assert labels.tolist() == [
        "null",  # the same father: the names comparison counted it
        "null",  # the one's father is among the other's names (another order)
        "a letter apart",
        "a letter apart",
        "null",  # a father missing
        "alike",
        "else",
    ]


def test_the_model_compares_fathers_and_family_names_where_the_records_give_them():
    frame = pd.DataFrame(
        {
            "father_key": ["mhmd"] * 20 + [None] * 5,
            "family_key": ["hsn"] * 25,
            "dod_day": pd.array([1] * 25, dtype="Int64"),
        }
    )

    def compared(records: pd.DataFrame) -> list[str]:
        fields = present_fields(records)
        found = comparisons_for(fields, PRESET_VALUES["arabic"], "duckdb")
        return [c["output_column_name"] for c in found]

    assert {"father", "family"} <= set(compared(frame))
    assert "father" not in compared(frame.assign(father_key=None))


def trained_father(letter: float, alike: float, other: float) -> dict:
    """A trained model's father comparison with these match weights (u 0.1 at every level)."""
    comparison = cmp.one_name(cmp.Dialect("duckdb"), "father", "father_key")
    for level, weight in zip(
        comparison["comparison_levels"][1:], (letter, alike, other), strict=True
    ):
        level["u_probability"] = 0.1
        level["m_probability"] = 0.1 * 2**weight
    return {"comparisons": [comparison]}


def test_the_guard_defers_only_to_levels_the_model_learnt_as_one_person():
    linkable = pd.DataFrame(
        {
            "father_key": ["mhmd", "mhmwdy", "ktyb", "mhmd"],
            "tokens": [["ehmd", "mhmd"], ["ehmd", "mhmwdy"], ["ehmd", "ktyb"], ["ehmd", "mhmd"]],
        }
    )
    left, right = np.array([0, 0, 3]), np.array([1, 2, 0])  # alike, another name, the same
    # where fathers that are another name weigh against, those pairs stay guarded
    assert weighed_fathers(linkable, left, right, trained_father(4.0, 0.7, -3.0)).tolist() == [1]
    # where the lists show differing fathers as often in one person's records, they do not
    learnt = weighed_fathers(linkable, left, right, trained_father(4.0, 0.7, 0.0))
    assert sorted(learnt.tolist()) == [1, 2]
    # no pair is left where no level is learnt as one person
    assert weighed_fathers(linkable, left, right, trained_father(-1.0, -1.0, -3.0)).tolist() == []
    assert weighed_fathers(linkable, left, right, {"comparisons": []}) is None
