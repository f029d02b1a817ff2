"""Given names the lists write in two forms, learnt from records alike in all else
(link.given_names). The names are made-up keys, not anyone's record."""

from __future__ import annotations

import tomllib

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from link_fixtures import newcomer_workspace, two_language_lists
from typer.testing import CliRunner

from recount.cli import app
from recount.link.given_names import (
    LearntName,
    learn_given_names,
    name_groups,
    suggestion,
    with_learnt_names,
)
from recount.link.prepare import LEARNT_NAMES, load_link_input

GIVEN = ["gan", "pir", "zof", "pol", "zak", "ema", "dan", "sam", "dav", "mos", "bar", "amo"]
FAMILIES = [f"fam{i}" for i in range(25)]
POSTNOMS = [f"pn{i}" for i in range(40)]
# the form list 'b' writes for three of the names
FORMS = {"gan": "yoh", "pir": "pet", "zof": "yos"}


def record(given: str, rest: list[str], source: str, day: int, place: str, born: int) -> dict:
    tokens = sorted({given, *rest})
    return {
        "reason": None,
        "source_id": source,
        "given_key": given,
        "tokens": tokens,
        "listed_tokens": [],
        "name_key": " ".join([given, *rest]),
        "token_set": " ".join(tokens),
        "token_count": len(tokens),
        "family_key": rest[0],
        "sex": "M",
        "dod_day": day,
        "dod_month": day // 30,
        "date_precision": "day",
        "birth_year": born,
        "place_key": place,
        "governorate": None,
    }


def world(
    seed: int,
    people: int = 300,
    families: int = 80,
    forms: dict = FORMS,
    unknown: float = 0.0,
    short: str = "",
) -> pd.DataFrame:
    """People on one to three of lists a, b, c (b writes `forms`; c writes 'unk' for a share
    `unknown` of given names; the lists in `short` drop the postnom), and families of two or
    three brothers killed together (one family, one place and day, years of birth a year apart
    at most), each brother on one to four lists: the namesakes and relatives a learner must not
    take for one name."""
    rng = np.random.default_rng(seed)
    rows = []

    def listed(given: str, rest: list[str], lists, day: int, place: str, born: int) -> None:
        for source in lists:
            name = forms.get(given, given) if source == "b" else given
            if source == "c" and rng.random() < unknown:
                name = "unk"
            rows.append(
                record(name, rest[:1] if source in short else rest, source, day, place, born)
            )

    for _ in range(people):
        rest = [str(rng.choice(FAMILIES)), str(rng.choice(POSTNOMS))]
        lists = rng.choice(["a", "b", "c"], size=int(rng.integers(1, 4)), replace=False)
        born = int(rng.integers(1950, 2010))
        listed(str(rng.choice(GIVEN)), rest, lists, int(rng.integers(0, 600)), "p", born)
    for _ in range(families):
        rest = [str(rng.choice(FAMILIES)), str(rng.choice(POSTNOMS))]
        day, place, born = int(rng.integers(0, 600)), f"p{rng.integers(6)}", 1990
        for name in rng.choice(GIVEN, size=int(rng.integers(2, 4)), replace=False):
            lists = rng.choice(["a", "c", "d", "e"], size=int(rng.integers(1, 5)), replace=False)
            listed(str(name), rest, lists, day, place, born + int(rng.integers(0, 2)))
    return pd.DataFrame(rows)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_lists_other_forms_are_learnt_and_brothers_names_are_not(seed):
    learnt = learn_given_names(world(seed))
    assert {frozenset(n.names) for n in learnt} == {frozenset(p) for p in FORMS.items()}
    assert all(n.pairs >= 3 and n.expected < n.pairs for n in learnt)


@pytest.mark.parametrize("seed", [1, 2])
def test_a_form_is_learnt_where_that_list_also_drops_a_name(seed):
    # list b writes the other forms and drops the postnom: no record of b holds the same other
    # names as a record of a or c, only names within theirs
    learnt = learn_given_names(world(seed, short="b"))
    assert {frozenset(n.names) for n in learnt} == {frozenset(p) for p in FORMS.items()}


@pytest.mark.parametrize("seed", [1, 2])
@pytest.mark.parametrize("short", ["", "acde"])
def test_brothers_alone_teach_nothing(seed, short):
    # with one name kept of two, the other names of many more records are within each other's
    assert learn_given_names(world(seed, people=100, families=200, forms={}, short=short)) == []


@pytest.mark.parametrize("seed", [1, 2])
def test_a_word_a_list_writes_for_any_given_name_is_no_name(seed):
    # 'unk' on list c meets every name beyond chance; the names it meets meet as namesakes
    learnt = learn_given_names(world(seed, people=1500, unknown=0.5))
    assert {frozenset(n.names) for n in learnt} == {frozenset(p) for p in FORMS.items()}


def test_one_family_on_many_lists_counts_once():
    # two brothers, each on five lists, make twenty-five pairs of records but one family
    rows = [
        record(name, ["fam1", "pn1"], source, 100, "p", 1990)
        for name in ("dan", "sam")
        for source in "abcde"
    ]
    rows += [record("amo", [f"fam{i}", "pn2"], "a", 10 * i, "p", 1960 + i) for i in range(50)]
    assert learn_given_names(pd.DataFrame(rows)) == []


def test_records_that_differ_in_another_field_are_no_evidence():
    frame = world(1)
    # list b's records now die a year after the others': no pair is alike in all else
    later = frame["source_id"] == "b"
    frame.loc[later, "dod_day"] += 365
    frame.loc[later, "dod_month"] += 12
    assert learn_given_names(frame) == []


def test_learnt_names_are_keyed_as_their_groups_commonest_name():
    frame = pd.DataFrame(
        [
            record("gan", ["fam1", "pn1"], "a", 1, "p", 1990),
            record("gan", ["fam2", "pn1"], "a", 1, "p", 1990),
            record("yoh", ["fam1", "pn1"], "b", 1, "p", 1990),
        ]
    )
    canonical = name_groups([LearntName(("gan", "yoh"), 3, 0.1)], frame)
    assert canonical == {"yoh": "gan"}
    keyed = with_learnt_names(frame, canonical)
    assert keyed.loc[2, "given_key"] == "gan" and keyed.loc[2, "name_key"] == "gan fam1 pn1"
    assert keyed.loc[2, "tokens"] == ["fam1", "gan", "pn1"]
    assert keyed.loc[2, "token_set"] == keyed.loc[0, "token_set"]
    assert with_learnt_names(frame, {}) is frame


@given(
    st.lists(
        st.tuples(st.text(min_size=1, max_size=8), st.text(min_size=1, max_size=8)),
        min_size=1,
        max_size=4,
    )
)
def test_the_suggestion_reads_back_as_the_learnt_groups(pairs):
    names = [n for pair in pairs for n in pair]
    if len(set(names)) != len(names):
        return  # groups of shared names are joined: covered above
    learnt = [LearntName(pair, 5, 0.5) for pair in pairs]
    frame = pd.DataFrame({"given_key": names})
    read = tomllib.loads(suggestion(learnt, frame))["equivalents"]
    assert sorted(map(sorted, read)) == sorted(sorted(pair) for pair in pairs)


def _two_languages(n: int = 60) -> dict[str, pd.DataFrame]:
    """One list writes three given names in one language, the other in another."""

    def families(rng: np.random.Generator, n: int) -> list[str]:
        first = rng.choice(["Kabamba", "Mukendi", "Ilunga", "Banza"], size=n)
        second = rng.choice(["Kasongo", "Mbuyi", "Ngoy", "Kalala", "Mwamba"], size=n)
        return [f"{a} {b}" for a, b in zip(first, second, strict=True)]

    forms = [("Jean", "Yohana"), ("Pierre", "Petro"), ("Marie", "Mariamu")]
    return two_language_lists(forms, families, n, seed=4)


@pytest.fixture(scope="module")
def two_languages(tmp_path_factory):
    return newcomer_workspace(tmp_path_factory.mktemp("given") / "ws", _two_languages())


def test_link_keys_the_learnt_forms_as_one_unless_told_not_to(two_languages):
    ws = two_languages
    frame = load_link_input(ws)
    assert frame.attrs[LEARNT_NAMES] == 3
    assert frame.groupby("source_row")["given_key"].nunique().eq(1).all()
    text = ws.config_path.read_text(encoding="utf-8")
    ws.config_path.write_text(text.replace("[names]\n", "[names]\nlearn_equivalents = false\n"))
    ws.reload_config()
    try:
        off = load_link_input(ws)
        assert off.attrs[LEARNT_NAMES] == 0
        assert off.groupby("source_row")["given_key"].nunique().gt(1).sum() == len(off) // 2
    finally:
        ws.config_path.write_text(text, encoding="utf-8")
        ws.reload_config()


def test_suggest_writes_the_groups_and_prints_no_name(two_languages):
    result = CliRunner().invoke(
        app, ["names", "equivalents", "--suggest", "-w", two_languages.root]
    )
    assert result.exit_code == 0, result.output
    assert "3 given names learnt" in result.output
    assert not any(name in result.output.lower() for name in ("jean", "yohana", "petro"))
    written = tomllib.loads((two_languages.out_dir / "equivalents.toml").read_text("utf-8"))
    assert len(written["equivalents"]) == 3
