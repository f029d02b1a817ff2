"""Given names the user declares one name (`[names] equivalents`) link across two languages.

The names are common given names in French and Swahili forms, not anyone's record.
"""

from __future__ import annotations

import pandas as pd
import pytest
from link_fixtures import newcomer_workspace, two_language_lists

from recount.link import link_workspace
from recount.link.evaluate import evaluate_record_person
from recount.names import split_name
from recount.names.equivalents import NO_EQUIVALENTS, keying, name_equivalents, with_declared
from recount.pipeline import fingerprints
from recount.project import Project
from recount.reference import NO_PACK, country_pack

# (French, Swahili) forms of one given name
FORMS = [("Jean", "Yohana"), ("Pierre", "Petro"), ("Marie", "Mariamu"), ("Paul", "Paulo"),
         ("Joseph", "Yusufu"), ("Jacques", "Yakobo")]  # fmt: skip
FAMILIES = ["Kabamba", "Mukendi", "Ilunga", "Tshibanda", "Kasongo", "Mbuyi", "Ngoy", "Kalala",
            "Mwamba", "Banza", "Kazadi", "Lukusa", "Nkulu", "Kyungu", "Mutombo", "Kitenge"]  # fmt: skip
TABLE = 'equivalents = [["jean", "yohana"], ["pierre", "petro"], ["marie", "mariamu"],' \
    ' ["paul", "paulo"], ["joseph", "yusufu"], ["jacques", "yakobo"]]'  # fmt: skip


def _declare(ws, line: str = TABLE) -> None:
    """`line` (the table) written under the template's [names], as a user would."""
    text = ws.config_path.read_text(encoding="utf-8")
    ws.config_path.write_text(text.replace("[names]\n", f"[names]\n{line}\n", 1), "utf-8")
    ws.reload_config()


def _lists(n: int = 90, seed: int = 3) -> tuple[dict[str, pd.DataFrame], pd.DataFrame]:
    lists = two_language_lists(FORMS, lambda rng, n: rng.choice(FAMILIES, size=n), n, seed)
    truth = pd.concat(
        pd.DataFrame({"source_id": s, "source_row": range(1, n + 1), "person_id": range(n)})
        for s in ("french", "swahili")
    )
    return lists, truth


def test_a_declared_group_is_keyed_as_one_name_with_or_without_a_pack():
    groups = (("jean", "yohana", "jan"), ("pierre", "petro"))
    for pack in (NO_PACK, country_pack("CO")):
        style, equivalents = keying("spelling", pack, groups)
        keys = {
            split_name(n, style, equivalents).given.key for n in ("Jean A", "Yohana A", "Jan A")
        }
        assert len(keys) == 1
        assert split_name("Petro A", style, equivalents).given.key not in keys
    # the pack's own equivalents still hold, and a group joins the pack's name it names
    co = name_equivalents(country_pack("CO"))
    merged = with_declared(co, (("jose", "yusufu"),))
    assert merged.key("pepe")[0] == merged.key("yusufu")[0] == co.key("pepe")[0]
    assert with_declared(NO_EQUIVALENTS, ()) is NO_EQUIVALENTS


def test_a_declared_word_is_keyed_as_its_group_in_a_name_read_as_arabic():
    equivalents = with_declared(NO_EQUIVALENTS, (("mariamu", "marie"),))
    arabic = split_name("Mariamu Ahmad", "arabic", equivalents).given.key
    assert arabic == split_name("Marie Ahmad", "spelling", equivalents).given.key


@pytest.mark.slow
def test_two_lists_in_two_languages_link_with_the_table_and_stay_apart_without(tmp_path):
    lists, truth = _lists()
    scores = {}
    for declared in (False, True):
        root = tmp_path / ("with" if declared else "without")
        ws = newcomer_workspace(root, lists)
        # without the table, nor the forms link learns from the lists (test_link_given_names)
        _declare(ws, TABLE if declared else "learn_equivalents = false")
        Project(ws).normalize()
        link_workspace(ws)
        scores[declared] = evaluate_record_person(ws.table("record_person"), truth)
    assert scores[True]["pairwise_recall"] >= 0.9
    assert scores[True]["pairwise_precision"] >= 0.9
    assert scores[False]["pairwise_recall"] < 0.5


def test_changing_the_table_changes_the_normalize_fingerprint(tmp_path):
    lists, _ = _lists(n=10)
    ws = newcomer_workspace(tmp_path / "ws", lists)
    before = fingerprints(ws)
    _declare(ws)
    after = fingerprints(ws)
    assert after["ingest"] == before["ingest"]
    assert after["normalize"] != before["normalize"] and after["link"] != before["link"]
