"""Pattern tables: reading R-style CSVs, building them from people, and their errors."""

from __future__ import annotations

import itertools

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recount.errors import InputError
from recount.estimate import capture_histories, patterns_from_individuals, read_patterns
from recount.estimate.patterns import full_table, select_lists, to_arrays


@st.composite
def pattern_tables(draw):
    n_lists = draw(st.integers(2, 5))
    names = [f"L{j}" for j in range(n_lists)]
    cells = [p for p in itertools.product([0, 1], repeat=n_lists) if any(p)]
    chosen = draw(st.lists(st.sampled_from(cells), min_size=1, max_size=12))
    counts = draw(st.lists(st.integers(1, 10_000), min_size=len(chosen), max_size=len(chosen)))
    table = pd.DataFrame(chosen, columns=names)
    table["count"] = counts
    return table


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(table=pattern_tables())
def test_csv_round_trip_merges_duplicate_patterns(tmp_path, table):
    path = tmp_path / "patterns.csv"
    table.to_csv(path, index=False)
    read = read_patterns(path)
    lists = [c for c in table.columns if c != "count"]
    expected = table.groupby(lists, as_index=False)["count"].sum()
    assert read["count"].sum() == table["count"].sum()
    assert len(read) == len(expected)
    assert full_table(to_arrays(read)).sum() == table["count"].sum()
    assert full_table(to_arrays(read))[0] == 0


FLAG_SPELLINGS = {0: ["0", "false", "False", "FALSE", " false "], 1: ["1", "true", "True", "TRUE"]}


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(table=pattern_tables(), data=st.data())
def test_stratified_tables_with_true_false_read_back_per_stratum(tmp_path, table, data):
    places = data.draw(st.lists(st.sampled_from(["SY-HL", "SY-RD", ""]), min_size=len(table),
                                max_size=len(table)))  # fmt: skip
    lists = [c for c in table.columns if c != "count"]
    text = table.astype(str)
    for column in lists:
        text[column] = [data.draw(st.sampled_from(FLAG_SPELLINGS[v])) for v in table[column]]
    text.insert(0, "governorate", places)
    path = tmp_path / "strata.csv"
    text.to_csv(path, index=False)
    read = read_patterns(path, strata=["governorate"])
    assert list(read.columns) == ["governorate", *lists, "count"]
    assert read["governorate"].isna().any() == ("" in places)  # an empty cell is unknown
    expected = table.assign(governorate=[p or "unknown" for p in places])
    expected = expected.groupby(["governorate", *lists])["count"].sum()
    got = read.fillna({"governorate": "unknown"}).set_index(["governorate", *lists])["count"]
    assert got.sort_index().to_dict() == expected.sort_index().to_dict()
    assert (
        read["governorate"].isna().sum()
        == (1 if "" in places else 0) * read["governorate"].isna().sum()
    )


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(table=pattern_tables(), bad=st.sampled_from(["2", "-1", "x", "0.5", ""]), data=st.data())
def test_bad_cells_name_row_and_column(tmp_path, table, bad, data):
    row = data.draw(st.integers(0, len(table) - 1))
    column = data.draw(st.sampled_from(list(table.columns)))
    if column == "count" and bad == "2":
        bad = "2.5"
    text = table.astype(str)
    text.loc[row, column] = bad
    path = tmp_path / "bad.csv"
    text.to_csv(path, index=False)
    with pytest.raises(InputError) as info:
        read_patterns(path)
    assert info.value.row == row + 1
    assert info.value.field == column


def test_structural_errors(tmp_path):
    cases = {
        "no_count.csv": "a,b\n1,0\n",
        "one_list.csv": "a,count\n1,5\n",
        "unseen.csv": "a,b,count\n0,0,5\n1,0,3\n",
        "empty.csv": "",
    }
    for name, text in cases.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        with pytest.raises(InputError):
            read_patterns(path)
    with pytest.raises(InputError, match="not found"):
        read_patterns(tmp_path / "missing.csv")


def test_from_individuals_and_persons():
    people = pd.DataFrame({"a": [1, 1, 0, 0, 1], "b": [0, 1, 1, 0, 0]})
    table = patterns_from_individuals(people, ["a", "b"])
    assert table.set_index(["a", "b"])["count"].to_dict() == {(0, 1): 1, (1, 0): 2, (1, 1): 1}
    persons = pd.DataFrame(
        {
            "in_x": [True, True, False, True],
            "in_y": [False, True, True, False],
            "governorate": ["SY-HL", "SY-HL", None, "SY-DI"],
        }
    )
    histories = capture_histories(persons, ["governorate"])
    assert list(histories.columns) == ["governorate", "x", "y", "count"]
    assert histories["count"].sum() == 4
    assert histories["governorate"].isna().sum() == 1  # unknown values form their own stratum


def test_select_lists_drops_people_on_none_of_them(kosovo_path):
    kosovo = read_patterns(kosovo_path)
    two = select_lists(kosovo, ["EXH", "ABA"])
    on_either = kosovo.loc[(kosovo["EXH"] == 1) | (kosovo["ABA"] == 1), "count"].sum()
    assert two["count"].sum() == on_either
    with pytest.raises(InputError):
        select_lists(kosovo, ["EXH", "nope"])
