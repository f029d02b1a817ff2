"""Unnamed records join the one person who died on their day in their place, where the
workspace's own named records show that rule finds the right person (`link.unnamed`)."""

from __future__ import annotations

import pandas as pd
import pytest

from recount.link.unnamed import attach_unnamed, single_persons

COLUMNS = [
    "unique_id", "source_id", "reason", "relation", "sex", "birth_year", "dod_day",
    "place_key", "date_precision", "governorate",
]  # fmt: skip


def record(uid, source, day, place="p1", sex="M", born=1980, reason=None, relation=None, unit="g1"):
    return (uid, source, reason, relation, sex, born, day, place, "day", unit)


def named_world(people: int = 120, seen_twice: bool = True) -> list[tuple]:
    """People each killed on a day of their own; named on list a, and (seen_twice) on list b."""
    rows = []
    for i in range(people):
        rows.append(record(f"a:{i}", "a", 100 + i, born=1950 + i % 40))
        if seen_twice:
            rows.append(record(f"b:{i}", "b", 100 + i, born=1950 + i % 40))
    return rows


def frame_of(rows: list[tuple]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame["birth_year"] = frame["birth_year"].astype("Int64")
    frame["dod_day"] = frame["dod_day"].astype("Int64")
    return frame


def persons(frame: pd.DataFrame) -> pd.Series:
    """Named records' person: the number after the list's name (a:3 and b:3 are one)."""
    named = frame[frame["reason"].isna()]
    return pd.Series(
        ("P" + named["unique_id"].str.split(":").str[1]).to_numpy(), index=named["unique_id"]
    )


def attached(frame: pd.DataFrame, min_precision: float = 0.9) -> dict[str, str]:
    result = attach_unnamed(frame, persons(frame), 2, min_precision, seed=1)
    return dict(zip(frame.loc[result.person.index, "unique_id"], result.person, strict=True))


def test_an_unnamed_record_joins_the_one_person_who_died_there():
    rows = named_world()
    rows.append(record("c:nn", "c", 105, born=1956, reason="unknown_name"))
    assert attached(frame_of(rows)) == {"c:nn": "P5"}


@pytest.mark.parametrize(
    "extra, unnamed",
    [
        # two people of that day and place fit: no one can say which
        ([record("c:other", "c", 105, born=1955)], record("d:nn", "d", 105, reason="no_name")),
        # of the other sex
        ([], record("c:nn", "c", 105, sex="F", reason="unknown_name")),
        # born 20 years apart
        ([], record("c:nn", "c", 105, born=1935, reason="unknown_name")),
        # a record of the unnamed record's own list already names that person
        ([], record("a:nn", "a", 105, reason="unknown_name")),
        # another day, or another place
        ([], record("c:nn", "c", 104_000, reason="unknown_name")),
        ([], record("c:nn", "c", 105, place="p2", reason="unknown_name")),
        # two unnamed records of one list claim the one person
        ([record("c:nn2", "c", 105, reason="no_name")], record("c:nn", "c", 105, reason="no_name")),
    ],
)
def test_nobody_is_attached_where_the_evidence_does_not_single_one_person_out(extra, unnamed):
    rows = [*named_world(), *extra, unnamed]
    assert attached(frame_of(rows)) == {}


def test_a_wife_is_a_woman_even_without_a_sex():
    rows = named_world()
    rows.append(record("c:nn", "c", 105, sex=None, reason="relational", relation="wife"))
    assert attached(frame_of(rows)) == {}  # person 5 is a man


def test_nothing_joins_where_named_records_show_the_rule_finds_the_wrong_person():
    """Lists that name each person once, on crowded days: a named record's name hidden, the one
    person of its day is someone else, so the rule's measured precision is nil."""
    rows = []
    for i in range(120):
        rows.append(record(f"a:{i}", "a", 100 + i, born=1950 + i % 40))
        rows.append(record(f"b:x{i}", "b", 100 + i, born=1950 + i % 40))
    rows.append(record("c:nn", "c", 105, born=1955, reason="unknown_name"))
    frame = frame_of(rows)
    result = attach_unnamed(frame, persons(frame), 2, 0.9, seed=1)
    assert result.precision == {("place", 2, True): 0.0, ("admin unit", 2, True): 0.0}
    assert result.person.empty


def test_the_precision_is_measured_per_kind_of_evidence():
    """Records with sex and year of birth find their person; where the named records give
    neither, two people of a day look alike and the rule is not trusted for unnamed records
    that give neither."""
    rows = named_world()
    for i in range(120):  # pairs of people on one day, no sex, no age: every guess is a toss-up
        day = 10_000 + i
        rows.append(record(f"a:y{i}", "a", day, sex=None, born=None))
        rows.append(record(f"b:z{i}", "b", day, sex=None, born=None))
    # one person named by two lists on a day of their own, neither giving sex nor age
    rows += [record(f"{s}:w", s, 30_000, sex=None, born=None) for s in ("a", "b")]
    rows.append(record("c:nn1", "c", 105, born=1956, reason="unknown_name"))
    rows.append(record("c:nn2", "c", 30_000, sex=None, born=None, reason="unknown_name"))
    frame = frame_of(rows)
    result = attach_unnamed(frame, persons(frame), 2, 0.9, seed=1)
    assert result.precision[("place", 2, True)] == 1.0
    assert result.precision[("place", 0, True)] < 0.1
    assert attached(frame) == {"c:nn1": "P5"}


def test_a_named_probe_never_finds_itself():
    frame = frame_of(named_world(seen_twice=False))
    frame["person"] = persons(frame).to_numpy()
    assert single_persons(frame, frame, 2).empty


def crowded_world() -> list[tuple]:
    """`named_world`, and 120 days where several named people died together: a named record's
    name hidden, the one person of its sex and age is most often someone else (each list names
    one of two men of one age, and one of two boys of another); alone on its day, a record
    finds its own."""
    rows = named_world()
    for i in range(120):
        day = 20_000 + i
        rows.append(record(f"a:m{i}", "a", day, born=1970))
        rows.append(record(f"b:n{i}", "b", day, born=1970))
        rows.append(record(f"a:k{i}", "a", day, born=2000))
        rows.append(record(f"b:l{i}", "b", day, born=2000))
        rows.append(record(f"a:f{i}", "a", day, sex="F", born=1972))
        rows.append(record(f"b:f{i}", "b", day, sex="F", born=1972))
    return rows


def test_the_one_who_fits_in_a_crowd_is_measured_apart_from_one_alone():
    """An unnamed record that only one woman of a crowded day fits stays apart; one alone on
    its day joins."""
    rows = crowded_world()
    rows.append(record("c:nn1", "c", 105, born=1956, reason="unknown_name"))
    rows.append(record("c:nn2", "c", 20_003, sex="F", born=1972, reason="unknown_name"))
    frame = frame_of(rows)
    result = attach_unnamed(frame, persons(frame), 2, 0.9, seed=1)
    assert result.precision[("place", 2, True)] == 1.0
    assert result.precision[("place", 2, False)] < 0.5
    assert attached(frame) == {"c:nn1": "P5"}


@pytest.mark.parametrize("alone_records, crowd_joins", [(2, False), (9, True)])
def test_a_weaker_kind_joins_while_the_share_expected_right_stays_high(alone_records, crowd_joins):
    """Kinds join from the most precise down while the joined records' expected share right
    reaches the setting: one record of a kind right a third of the time joins beside nine that
    are surely right (expected 0.93), not beside two (0.78)."""
    rows = crowded_world()
    rows += [
        record(f"c:nn{i}", "c", 100 + i, born=1950 + i % 40, reason="unknown_name")
        for i in range(alone_records)
    ]
    rows.append(record("c:crowd", "c", 20_003, sex="F", born=1972, reason="unknown_name"))
    joined = attached(frame_of(rows))
    assert {f"c:nn{i}" for i in range(alone_records)} <= set(joined)
    assert ("c:crowd" in joined) == crowd_joins


def test_a_record_without_a_place_is_held_to_its_admin_unit():
    """Named records show the admin unit singles people out as well as the place: an unnamed
    record that gives no place joins the one person of its day in its admin unit; one whose
    place holds nobody that day is not moved to its admin unit."""
    rows = [
        (*row[:7], f"p{i % 7}", row[8], f"g{i % 3}")
        for row in named_world(people=300)
        for i in [int(row[0].split(":")[1])]
    ]
    rows.append(record("c:nn1", "c", 105, place=None, born=1956, unit="g2", reason="no_name"))
    rows.append(record("c:nn2", "c", 106, place="p9", born=1957, unit="g0", reason="no_name"))
    frame = frame_of(rows)
    result = attach_unnamed(frame, persons(frame), 2, 0.9, seed=1)
    assert result.precision[("admin unit", 2, True)] == 1.0
    assert attached(frame) == {"c:nn1": "P5"}


def test_years_of_birth_that_agree_are_measured_apart_from_ones_merely_not_too_far():
    """Within the birth-year guard's tolerance, two years apart is no clash; yet where named
    records a tolerance apart are two people, an unnamed record whose one candidate is born two
    years from it stays apart, and one born within a year of its candidate joins."""
    rows = named_world()
    for i in range(120):
        rows.append(record(f"a:x{i}", "a", 40_000 + i, born=1970))
        rows.append(record(f"b:y{i}", "b", 40_000 + i, born=1972))
    rows.append(record("c:nn1", "c", 105, born=1956, reason="unknown_name"))  # P5: 1955
    rows.append(record("c:nn2", "c", 106, born=1958, reason="unknown_name"))  # P6: 1956
    frame = frame_of(rows)
    result = attach_unnamed(frame, persons(frame), 2, 0.9, seed=1)
    assert result.precision[("place", 2, True)] == 1.0
    assert result.precision[("place", 1, True)] == 0.0
    assert attached(frame) == {"c:nn1": "P5"}
