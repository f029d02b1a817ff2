"""The mechanisms of issue #13: names in any order, guards on whole clusters, any country's lists."""

from __future__ import annotations

import hypothesis
import numpy as np
import pandas as pd
import pytest
from hypothesis import strategies as st
from link_fixtures import newcomer_workspace

from recount.link import link_workspace
from recount.link.blocking import add_blocking_columns, blocked_pairs, prediction_rules
from recount.link.clustering import UNKNOWN_DAY, RecordFacts, cluster, one_edit
from recount.link.evaluate import evaluate_record_person
from recount.link.fields import present_fields
from recount.link.prepare import linkable_records, load_link_input
from recount.names import name_key, split_name

# Simulated people (invented combinations of common names), never real victims.
GIVEN = [
    "أحمد",
    "محمد",
    "خالد",
    "عمر",
    "يوسف",
    "حسن",
    "علي",
    "سامر",
    "ماهر",
    "نزار",
    "وليد",
    "باسل",
]
GIVEN_LATIN = dict(
    zip(GIVEN, ["Ahmad", "Mohammad", "Khaled", "Omar", "Youssef", "Hassan", "Ali", "Samer",
                "Maher", "Nizar", "Walid", "Basel"], strict=True)
)  # fmt: skip
FAMILY = ["الحلبي", "الخطيب", "العلي", "الحمصي", "الشامي", "المصري", "الأحمد", "السيد"]
FAMILY_LATIN = dict(
    zip(FAMILY, ["al-Halabi", "al-Khatib", "al-Ali", "al-Homsi", "al-Shami", "al-Masri",
                 "al-Ahmad", "al-Sayed"], strict=True)
)  # fmt: skip


def _people(n: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    rows, seen = [], set()
    while len(rows) < n:
        given, father, family = rng.choice(GIVEN), rng.choice(GIVEN), rng.choice(FAMILY)
        if given == father or (given, father, family) in seen:
            continue
        seen.add((given, father, family))
        day = pd.Timestamp("2013-01-01") + pd.Timedelta(days=int(rng.integers(0, 700)))
        rows.append((given, father, family, day.strftime("%Y-%m-%d"), int(rng.integers(15, 70))))
    return pd.DataFrame(rows, columns=["given", "father", "family", "date", "age"])


@pytest.fixture(scope="module")
def reordered(tmp_path_factory):
    """One list writes names given-first in Arabic, the other family-first in Latin letters."""
    people = _people(120, seed=5)
    first = pd.DataFrame(
        {
            "name": people["given"] + " " + people["father"] + " " + people["family"],
            "date of death": people["date"],
            "age": people["age"],
        }
    )
    second = pd.DataFrame(
        {
            "name": people["family"].map(FAMILY_LATIN)
            + " "
            + people["given"].map(GIVEN_LATIN)
            + " "
            + people["father"].map(GIVEN_LATIN),
            "date of death": people["date"],
            "age": people["age"],
        }
    ).sample(frac=1, random_state=1)
    truth = pd.concat(
        [
            pd.DataFrame(
                {"source_id": "first", "source_row": range(1, 121), "person_id": people.index}
            ),
            pd.DataFrame(
                {
                    "source_id": "second",
                    "source_row": range(1, 121),
                    "person_id": second.index.to_numpy(),
                }
            ),
        ]
    )
    ws = newcomer_workspace(
        tmp_path_factory.mktemp("reordered"), {"first": first, "second": second}
    )
    return ws, truth


def test_names_in_another_order_share_their_token_keys():
    given_first = split_name("أحمد محمد الخطيب")
    family_first = split_name("al-Khatib Ahmad Mohammad")
    assert name_key("أحمد محمد الخطيب") != name_key("al-Khatib Ahmad Mohammad")
    assert {t.key for t in given_first.tokens} == {t.key for t in family_first.tokens}


def test_names_in_another_order_are_blocked_and_linked(reordered):
    ws, truth = reordered
    linkable = linkable_records(load_link_input(ws))
    fields = present_fields(linkable)
    linkable = add_blocking_columns(linkable, fields)
    pairs = blocked_pairs(linkable, prediction_rules(fields, linkable))
    found = set(zip(pairs["unique_id_l"], pairs["unique_id_r"], strict=True))
    ids = truth.assign(uid=truth["source_id"] + ":" + truth["source_row"].astype(str))
    by_person = ids.groupby("person_id")["uid"].apply(sorted)
    assert all(tuple(p) in found for p in by_person)
    link_workspace(ws)
    scores = evaluate_record_person(ws.table("record_person"), truth)
    assert scores["pairwise_recall"] >= 0.95
    assert scores["pairwise_precision"] >= 0.95


def _facts(given, father, tokens, source=(0, 1, 2)):
    n = len(given)
    return RecordFacts(
        source=np.array(source, dtype=np.int64),
        sex=np.zeros(n, dtype=np.int64),
        date_lo=np.full(n, UNKNOWN_DAY, dtype=np.int64),
        date_hi=np.full(n, UNKNOWN_DAY, dtype=np.int64),
        given=list(given),
        father=list(father),
        tokens=[frozenset(t) for t in tokens],
    )


def test_a_record_missing_the_fathers_name_cannot_bridge_two_cousins():
    # A: Ahmad son of Ali, al-Khatib; C: Ahmad son of Hassan, al-Khatib; B: Ahmad al-Khatib
    facts = _facts(
        ["ehmd", "ehmd", "ehmd"],
        ["ely", None, "hsn"],
        [{"ehmd", "ely", "ktyb"}, {"ehmd", "ktyb"}, {"ehmd", "hsn", "ktyb"}],
    )
    result = cluster(3, np.array([0, 1]), np.array([1, 2]), np.array([20.0, 19.0]), facts, 45, 40)
    assert result.labels[0] == result.labels[1]
    assert result.labels[2] != result.labels[1]
    assert result.refused_fathers == 1


def test_a_fathers_name_that_is_the_other_records_given_name_spent_is_still_a_conflict():
    # A: Muhammad son of Muhammad al-Rajab; B: Muhammad son of Ali al-Rajab (cousins). B's
    # only Muhammad is its given name, which A's given name already matched
    facts = _facts(
        ["mhmd", "mhmd"], ["mhmd", "ely"], [{"mhmd", "rgb"}, {"mhmd", "ely", "rgb"}], (0, 1)
    )
    result = cluster(2, np.array([0]), np.array([1]), np.array([20.0]), facts, 45, 40)
    assert result.labels[0] != result.labels[1]
    assert result.refused_fathers == 1
    # B written family first ('Rajab Muhammad Ali': given guessed Rajab): no name is spent
    facts.given[1], facts.father[1] = "rgb", "mhmd"
    result = cluster(2, np.array([0]), np.array([1]), np.array([20.0]), facts, 45, 40)
    assert result.labels[0] == result.labels[1]
    # both sons of Muhammad: one father
    facts.given[1], facts.father[1] = "mhmd", "mhmd"
    result = cluster(2, np.array([0]), np.array([1]), np.array([20.0]), facts, 45, 40)
    assert result.labels[0] == result.labels[1]


def test_a_name_written_family_first_is_no_conflict():
    # B wrote the family name first: its guessed given name (Khatib) is among A's names
    facts = _facts(
        ["ehmd", "ktyb"],
        ["ely", "ehmd"],
        [{"ehmd", "ely", "ktyb"}, {"ehmd", "ely", "ktyb"}],
        source=(0, 1),
    )
    result = cluster(2, np.array([0]), np.array([1]), np.array([20.0]), facts, 45, 40)
    assert result.labels[0] == result.labels[1]


def test_a_father_and_the_son_named_after_his_grandfather_are_two_people():
    # Ali son of Ahmad al-Khatib and Ahmad son of Ali al-Khatib: the same names in another
    # order, each one's given name the other's father's; a third record bridges them
    facts = _facts(
        ["ely", "ely", "ehmd"],
        ["ehmd", "ehmd", "ely"],
        [{"ely", "ehmd", "ktyb"}, {"ely", "ehmd", "ktyb"}, {"ehmd", "ely", "ktyb"}],
    )
    result = cluster(3, np.array([0, 1]), np.array([1, 2]), np.array([20.0, 19.0]), facts, 45, 40)
    assert result.labels[0] == result.labels[1]
    assert result.labels[2] != result.labels[1]
    assert result.refused_given_names == 1


def test_a_family_first_name_is_not_taken_for_a_parent():
    # B wrote Khatib Ahmad Ali: its guessed father (Ahmad) is A's given name, but its guessed
    # given name is A's family name, not A's father's: one person
    facts = _facts(
        ["ehmd", "ktyb"],
        ["ely", "ehmd"],
        [{"ehmd", "ely", "ktyb"}, {"ktyb", "ehmd", "ely"}],
        source=(0, 1),
    )
    result = cluster(2, np.array([0]), np.array([1]), np.array([20.0]), facts, 45, 40)
    assert result.labels[0] == result.labels[1]
    assert result.refused_given_names == 0


def test_a_nickname_the_country_pack_lists_is_the_name_it_stands_for():
    # Pacho Gómez Ruiz and Francisco Gómez Ruiz: one person where the pack says so. The names
    # stage keys the nickname as the name (recount.names.equivalents), so the guards see one
    # name; without the pack the two given names clearly differ.
    from recount.names import split_name
    from recount.names.equivalents import NO_EQUIVALENTS, name_equivalents
    from recount.reference import country_pack

    def keyed(equivalents):
        return {
            w: split_name(w, "spelling", equivalents).tokens[0].key for w in ("Pacho", "Francisco")
        }

    def linked(key):
        frame = pd.DataFrame(
            {
                "source_id": ["a", "b"],
                "sex": ["M", "M"],
                "dod_day": pd.array([100, 100], dtype="Int64"),
                "date_precision": ["day", "day"],
                "given_key": [key["Pacho"], key["Francisco"]],
                "father_key": [None, None],
                "tokens": [[key["Pacho"], "gumaz", "ruiz"], [key["Francisco"], "gumaz", "ruiz"]],
            }
        )
        facts = RecordFacts.from_frame(frame)
        result = cluster(2, np.array([0]), np.array([1]), np.array([20.0]), facts, 45, 40)
        return result.labels[0] == result.labels[1]

    assert not linked(keyed(NO_EQUIVALENTS))  # two clearly different given names
    assert linked(keyed(name_equivalents(country_pack("CO"))))


def test_clearly_different_given_names_are_refused_anywhere_in_the_cluster():
    # siblings Ahmad and Omar, sons of Ali; a record with only the family name links to both
    facts = _facts(
        ["ehmd", "ktyb", "emr"],
        ["ely", None, "ely"],
        [{"ehmd", "ely", "ktyb"}, {"ktyb"}, {"emr", "ely", "ktyb"}],
    )
    result = cluster(3, np.array([0, 1]), np.array([1, 2]), np.array([20.0, 19.0]), facts, 45, 40)
    assert result.labels[0] != result.labels[2]
    assert result.refused_given_names == 1


def test_no_syrian_assumption_on_a_latin_list(tmp_path):
    assert name_key("Peter Smith") != name_key("Potter Smith")
    assert name_key("Mohammad al-Ali") == name_key("Muhammad el-Ali")  # Arabic in origin
    people = pd.DataFrame(
        {
            "first name": ["Peter", "Potter", "Anna", "Ana", "Jose", "José"] * 3,
            "surname": ["Bath", "Bath", "Hove", "Hove", "García", "Garcia"] * 3,
            "date of birth": ["1850-03-01", "1851-07-09", "1900-01-02", "1900-01-02",
                              "1923-05-05", "1923-05-05"] * 3,
            "place of birth": ["Bath", "Bath", "Hove", "Hove", "Idlib", "Idlib"] * 3,
        }
    )  # fmt: skip
    ws = newcomer_workspace(tmp_path / "ws", {"people": people})
    normalized = ws.table("normalized")
    assert normalized["governorate"].isna().all()  # no country pack: no place is mapped
    result = link_workspace(ws)
    assert result.preset == "latin"
    assert "date_of_birth" in result.fields and "place_of_birth" in result.fields
    # Peter and Potter are two names to the linker, not one (as Arabic keys made them, btr):
    # Peter's records agree on the name as no Peter and Potter do. Whether those two are
    # one person (a given name typed wrong) rests on the rest of the evidence: sharing the
    # surname and the birth place, they are now compared (`context_tokens`).
    with ws.connect(read_only=True) as con:
        name_weight = dict(
            con.execute(
                "select (l.source_row - 1) % 6 || '-' || (r.source_row - 1) % 6, max(mw_name) "
                "from pairs p join records l on l.record_id = p.record_id_l "
                "join records r on r.record_id = p.record_id_r group by 1"
            ).fetchall()
        )
    peter_potter = max(name_weight.get("0-1", -99), name_weight.get("1-0", -99))
    assert peter_potter < name_weight["0-0"] and peter_potter < name_weight["1-1"]


def test_two_listed_names_that_differ_are_different_however_alike_their_keys():
    # Ahmad (ehmd) and Muhammad (mhmd) differ by one key letter; both are names the lexicon lists
    facts = _facts(
        ["ehmd", "mhmd"],
        ["hsyn", "hsyn"],
        [{"ehmd", "hsyn", "klyl"}, {"mhmd", "hsyn", "klyl"}],
        source=(0, 1),
    )
    facts.known = frozenset({"ehmd", "mhmd", "hsyn"})
    result = cluster(2, np.array([0]), np.array([1]), np.array([20.0]), facts, 45, 40)
    assert result.labels[0] != result.labels[1]
    assert result.refused_given_names == 1


def test_a_fathers_name_a_letter_off_is_one_father_and_another_name_is_not():
    # Ahmad son of Ali al-Khatib, twice, the second father's name typed a letter wrong
    # (a three-letter key one letter off); a third record's father has another name
    facts = _facts(
        ["ehmd", "ehmd", "ehmd"],
        ["sym", "syn", "hsn"],
        [{"ehmd", "sym", "ktyb"}, {"ehmd", "syn", "ktyb"}, {"ehmd", "hsn", "ktyb"}],
    )
    result = cluster(3, np.array([0, 1]), np.array([1, 2]), np.array([20.0, 19.0]), facts, 45, 40)
    assert result.labels[0] == result.labels[1]
    assert result.labels[2] != result.labels[1]
    assert result.refused_fathers == 1


def test_two_fathers_names_the_lexicon_lists_stay_two_however_alike():
    # cousins whose fathers are brothers of listed names one letter apart
    facts = _facts(
        ["ehmd", "ehmd"], ["sym", "syn"], [{"ehmd", "sym", "ktyb"}, {"ehmd", "syn", "ktyb"}]
    )
    facts.known = frozenset({"sym", "syn"})
    facts.source = np.array([0, 1], dtype=np.int64)
    result = cluster(2, np.array([0]), np.array([1]), np.array([20.0]), facts, 45, 40)
    assert result.labels[0] != result.labels[1]
    assert result.refused_fathers == 1


def test_two_given_names_written_as_one_are_compared_by_the_first():
    """One list keys 'Jhon Jesús' as one given name (johnjesus), another keeps only the first,
    misspelt (jhon): one person. A different first given name (pedro) is still refused."""
    facts = _facts(
        ["jhon", "johnjesus", "pedrojesus"],
        [None, None, None],
        [
            {"jhon", "jesus", "palacios"},
            {"john", "jesus", "palacios"},
            {"pedro", "jesus", "palacios"},
        ],
    )
    result = cluster(3, np.array([0, 1]), np.array([1, 2]), np.array([20.0, 19.0]), facts, 45, 40)
    assert result.labels[0] == result.labels[1]
    assert result.labels[2] != result.labels[1]
    assert result.refused_given_names == 1
    # a given key that is not two of the record's own names is compared whole
    facts = _facts(
        ["jhon", "johnnyboy"], [None, None], [{"jhon", "rio"}, {"johnnyboy", "rio"}], (0, 1)
    )
    result = cluster(2, np.array([0]), np.array([1]), np.array([20.0]), facts, 45, 40)
    assert result.labels[0] != result.labels[1]


def test_a_given_name_a_letter_off_is_one_name_and_another_name_is_not():
    # Ali (ely) typed Eky: three-letter keys one letter apart (SequenceMatcher 0.67) are one
    # given name; Omar (emr) is another; Ahmad and Muhammad stay two (listed)
    facts = _facts(
        ["ely", "eky", "emr"],
        ["ktyb", "ktyb", "ktyb"],
        [{"ely", "hsn", "ktyb"}, {"eky", "hsn", "ktyb"}, {"emr", "hsn", "ktyb"}],
    )
    result = cluster(3, np.array([0, 1]), np.array([1, 2]), np.array([20.0, 19.0]), facts, 45, 40)
    assert result.labels[0] == result.labels[1]
    assert result.labels[2] != result.labels[1]
    assert result.refused_given_names == 1


def _edits(a: str, b: str) -> int:
    """Optimal string alignment distance, the reference `one_edit` must agree with."""
    d = [[i + j if i * j == 0 else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            d[i][j] = min(
                d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1])
            )
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[-1][-1]


@hypothesis.given(st.text("abcde", max_size=6), st.text("abcde", max_size=6))
def test_one_edit_is_an_edit_distance_of_one(a, b):
    assert one_edit(a, b) == (_edits(a, b) == 1)
