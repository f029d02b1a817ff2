"""A generic list of people (names, dates of birth, places) through the newcomer's path.

One simulated list (`generic_list`) in the shape of public deduplication sets: no date of
death, births in earlier centuries, English birth places no country pack maps, occupations,
postcodes, and many copies of each person in the one list.
"""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest
from generic_list import simulate_generic_list
from link_fixtures import newcomer_workspace
from splink import DuckDBAPI, Linker

from recount.ingest.suggest import suggest_source
from recount.link import comparisons as cmp
from recount.link import link_workspace
from recount.link.blocking import (
    MAX_PAIRS_PER_RECORD,
    add_blocking_columns,
    blocked_pairs,
    prediction_rules,
)
from recount.link.evaluate import evaluate_record_person
from recount.link.fields import present_fields
from recount.link.frequencies import add_name_within
from recount.link.prepare import TOKEN_CODES, token_codes


@pytest.mark.parametrize("seed", [1, 2])
def test_a_generic_list_links_through_the_newcomers_path_without_hand_edits(tmp_path, seed):
    table, truth = simulate_generic_list(200, seed)
    ws = newcomer_workspace(tmp_path / "ws", {"people": table})
    mapped = suggest_source(tmp_path / "ws" / "lists" / "people.csv", tmp_path / "ws").columns
    assert {"name", "date_of_birth", "place_of_birth", "sex"} <= set(mapped)
    assert {"extra.occupation", "extra.postcode"} <= set(mapped)
    assert ws.table("normalized")["governorate"].isna().all()  # no pack: no place is mapped
    result = link_workspace(ws)
    assert {"date_of_birth", "place_of_birth", "occupation", "postcode"} <= set(result.fields)
    # the list's own duplicates are the rule: no same-list guard forbids them
    assert result.same_list_guarded == []
    assert result.unidentified <= 0.02 * len(table)
    scores = evaluate_record_person(
        ws.table("record_person"),
        pd.DataFrame(
            {"source_id": "people", "source_row": range(1, len(table) + 1), "person_id": truth}
        ),
    )
    assert scores["pairwise_f1"] >= 0.85 and scores["pairwise_recall"] >= 0.95
    assert abs(scores["persons"] - scores["true_persons"]) <= 0.1 * scores["true_persons"]

    # agreeing on a date of birth several people's records carry (a year written as its
    # 1 January) weighs less than agreeing on a day only one person was born on
    with ws.connect(read_only=True) as con:
        pairs = con.execute(
            "select p.mw_date_of_birth as w, l.date_of_birth as born from pairs p "
            "join records l on l.record_id = p.record_id_l "
            "join records r on r.record_id = p.record_id_r "
            "where l.date_of_birth = r.date_of_birth"
        ).df()
    dated = table.assign(person=truth, born=pd.to_datetime(table["dob"], errors="coerce"))
    people_born = dated.groupby("born")["person"].nunique()
    sharing = pd.to_datetime(pairs["born"]).map(people_born)
    assert (sharing >= 3).any() and (sharing == 1).any()
    assert pairs.loc[sharing >= 3, "w"].max() < pairs.loc[sharing == 1, "w"].median() - 1


def _record(uid: str, tokens: list[str], **fields) -> dict:
    return {
        "unique_id": uid,
        "tokens": tokens,
        "token_set": " ".join(sorted(tokens)),
        "dod_day": None,
        "dob_day": fields.get("dob_day"),
        "dob_year": fields.get("dob_year"),
        "birth_place": fields.get("birth_place"),
    }


def test_a_rare_name_with_the_same_birth_place_is_blocked_without_a_date():
    """One person's two records share one rare name and the birth place; the other name
    differs (a nickname), one date is missing and the pair of names is common. 300 other
    records carry common names and other places."""
    rows = [
        _record("a", ["kettle", "nell"], birth_place="derby", dob_day=-60_000, dob_year=1805),
        _record("b", ["eleanor", "kettle"], birth_place="derby"),
    ]
    for i in range(300):
        rows.append(
            _record(
                f"c{i}",
                [["eleanor", "nell", "john"][i % 3], f"s{i % 40:02d}"],
                birth_place=f"town{i % 25}",
                dob_day=-60_000 + 50 * i,
                dob_year=1805 + i // 7,
            )
        )
    frame = pd.DataFrame(rows).astype({"dod_day": "Int64", "dob_day": "Int64", "dob_year": "Int64"})
    fields = present_fields(frame)
    linkable = add_blocking_columns(frame, fields)
    rules = prediction_rules(fields, linkable)
    context = [r for r in rules if "context_tokens" in r["blocking_rule"]]
    assert len(context) == 1

    def found(rules):
        pairs = blocked_pairs(linkable, rules)
        return set(zip(pairs["unique_id_l"], pairs["unique_id_r"], strict=True))

    assert ("a", "b") in found(rules)
    assert ("a", "b") not in found([r for r in rules if r not in context])
    keys = linkable["context_tokens"].explode().dropna()
    sizes = keys.value_counts()
    assert (sizes * (sizes - 1) // 2).sum() <= MAX_PAIRS_PER_RECORD * len(frame)


# Given names many records carry; any other name is rarer.
COMMON = {"thomas", "george", "lewis", "eleanor", "william"}


def _name_levels(pairs: list[tuple[list[str], list[str]]], near: float = 0.88) -> list[str]:
    """The name comparison's level for each pair of token lists, as Splink scores it."""
    tokens = [t for pair in pairs for t in pair]
    frame = pd.DataFrame(
        {
            "unique_id": range(len(tokens)),
            "tokens": tokens,
            "token_count": [len(t) for t in tokens],
            "token_set": [" ".join(sorted(t)) for t in tokens],
            "name_key": [" ".join(t) for t in tokens],
            "given_key": [t[0] for t in tokens],
            "rarest_token": [min(t, key=lambda k: (k in COMMON, k)) for t in tokens],
        }
    )
    frame = pd.concat([add_name_within(frame), token_codes(frame["tokens"])], axis=1)
    comparison = cmp.names(cmp.Dialect("duckdb"), near, TOKEN_CODES)
    rules = [f"l.unique_id = {2 * i} and r.unique_id = {2 * i + 1}" for i in range(len(pairs))]
    settings = {
        "link_type": "dedupe_only",
        "comparisons": [comparison],
        "blocking_rules_to_generate_predictions": [
            {"blocking_rule": rule, "sql_dialect": "duckdb"} for rule in rules
        ],
        "probability_two_random_records_match": 0.01,
    }
    linker = Linker(DuckDBAPI(connection=duckdb.connect()).register(frame), settings)
    scored = linker.inference.predict().as_pandas_dataframe().sort_values("unique_id_l")
    labels = [lv.get("label_for_charts", "else") for lv in comparison["comparison_levels"]]
    # gamma counts down from the first non-null level
    return [labels[len(labels) - 1 - int(g)] for g in scored["gamma_name"]]


def test_names_sharing_a_first_name_are_not_nearly_the_same_unless_the_rest_is():
    levels = _name_levels(
        [
            (["thomas", "walker"], ["thomas", "potter"]),  # another family name
            (["george", "reynolds"], ["george", "young"]),
            (["lewis", "jarvis"], ["lewis", "jervis"]),  # one letter typed wrong
            (["jarvis", "lewis"], ["jervis", "lewis"]),  # in the other order
            (["bill", "owen"], ["owen", "william"]),  # a nickname: the rare name agrees
        ]
    )
    assert levels[0] == levels[1] == "one name agrees"
    assert levels[2] == levels[3] == "names nearly the same"
    assert levels[4] == cmp.RAREST_NAME_AGREES
