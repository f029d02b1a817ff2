"""`normalize_workspace` writes `normalized` as docs/architecture.md specifies; the CLI."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from typer.testing import CliRunner

from recount import Project, tables
from recount.cli import app
from recount.errors import WorkspaceError
from recount.names import normalize_workspace
from recount.workspace import Workspace

COLUMNS = {
    "record_id": "VARCHAR", "source_id": "VARCHAR", "script": "VARCHAR",
    "given_key": "VARCHAR", "father_key": "VARCHAR", "grandfather_key": "VARCHAR", "family_key": "VARCHAR",
    "given_norm": "VARCHAR", "father_norm": "VARCHAR", "grandfather_norm": "VARCHAR", "family_norm": "VARCHAR",
    "name_key": "VARCHAR", "name_tokens": "VARCHAR[]",
    "name_tokens_listed": "VARCHAR[]", "name_forms": "VARCHAR[]", "kunya": "VARCHAR",
    "identifiable": "BOOLEAN", "unidentified_reason": "VARCHAR", "relation": "VARCHAR",
    "relation_anchor_key": "VARCHAR", "name_turn": "INTEGER", "governorate": "VARCHAR", "governorate_inferred": "BOOLEAN",
    "place_key": "VARCHAR", "place_is_unit": "BOOLEAN", "unit_written": "VARCHAR",
    "date_of_death": "DATE", "date_precision": "VARCHAR", "date_flag": "VARCHAR",
}  # fmt: skip


def records() -> pd.DataFrame:
    rows = [
        # record_id, name, name_latin, given, father, family, governorate, place, date, precision, raw
        (
            "a:1",
            "محمد أحمد العلي",
            "Mohammad Ahmad al-Ali",
            None,
            None,
            None,
            "SY-HL",
            None,
            dt.date(2012, 5, 1),
            "day",
            "1/5/2012",
        ),
        (
            "a:2",
            "مجهول",
            None,
            None,
            None,
            None,
            None,
            "Douma",
            dt.date(2030, 1, 1),
            "day",
            "1/1/2030",
        ),
        (
            "b:1",
            None,
            None,
            "Muhamad",
            "Ahmed",
            "Alali",
            None,
            "حي جوبر",
            dt.date(2009, 1, 1),
            "day",
            "2009-01-01",
        ),
        ("b:2", "زوجة أحمد العلي", None, None, None, None, None, None, None, None, "?"),
        (
            "b:3",
            "أبو أحمد محمد الحلبي",
            None,
            None,
            None,
            None,
            None,
            "Qahtaniyah",
            dt.date(2011, 1, 1),
            "year",
            "2011",
        ),
    ]
    frame = pd.DataFrame(
        rows,
        columns=[
            "record_id",
            "name",
            "name_latin",
            "given_name",
            "father_name",
            "family_name",
            "governorate",
            "place",
            "date_of_death",
            "date_precision",
            "date_of_death_raw",
        ],
    )
    frame["source_id"] = frame["record_id"].str.split(":").str[0]
    frame["source_row"] = frame["record_id"].str.split(":").str[1].astype(int)
    frame["grandfather_name"] = None
    frame["governorate_raw"] = frame["governorate"]
    frame["date_of_death"] = pd.to_datetime(frame["date_of_death"])
    return frame


@pytest.fixture
def workspace(tmp_path) -> Workspace:
    ws = Workspace.init(tmp_path / "ws", country="SY")  # Syrian places: the Syria pack maps them
    ws.write_table("records", tables.frame("records", records()))
    return ws


def test_normalized_table_matches_the_contract(workspace):
    summary = normalize_workspace(workspace)
    types = workspace.query(
        "select column_name, data_type from information_schema.columns where table_name = 'normalized' order by ordinal_position"
    )
    assert dict(zip(types.column_name, types.data_type, strict=True)) == COLUMNS
    assert list(types.column_name) == list(COLUMNS)
    assert summary.set_index("source_id")["records"].to_dict() == {"a": 2, "b": 3}
    assert summary.set_index("source_id")["identifiable"].to_dict() == {"a": 1, "b": 2}


def set_period_start(workspace: Workspace, day: str) -> None:
    text = workspace.config_path.read_text("utf-8")
    text = text.replace("[names]\n", f'[names]\nearliest_date = "{day}"\n', 1)
    workspace.config_path.write_text(text, "utf-8")
    workspace.reload_config()


def test_normalized_rows(workspace):
    set_period_start(workspace, "2011-03-01")
    Project(workspace).normalize()
    n = workspace.table("normalized").set_index("record_id")
    assert len(n) == 5
    both, parts = n.loc["a:1"], n.loc["b:1"]
    assert both.script == "both" and parts.script == "latin"
    # One person in two lists, Arabic and Latin, full name and separate parts: same keys.
    for column in ("given_key", "father_key", "family_key", "name_key"):
        assert both[column] == parts[column]
    assert both.given_norm == "محمد" and parts.given_norm == "muhamad"
    assert list(both.name_forms) == ["محمد احمد العلي", "mohammad ahmad alali"]
    assert set(both.name_tokens) == {"mhmd", "ehmd", "ely"}
    unknown = n.loc["a:2"]
    assert not unknown.identifiable and unknown.unidentified_reason == "unknown_name"
    assert pd.isna(unknown.name_key)
    assert (unknown.governorate, unknown.governorate_inferred, unknown.place_key) == (
        "SY-RD",
        True,
        "douma",
    )
    assert unknown.date_flag == "in_future"
    assert (parts.governorate, parts.governorate_inferred) == ("SY-DI", True)
    assert parts.date_flag == "before_period"
    wife = n.loc["b:2"]
    assert (wife.unidentified_reason, wife.relation, wife.relation_anchor_key) == (
        "relational",
        "wife",
        "ehmd ely",
    )
    assert wife.date_flag == "unparsed"
    kunya = n.loc["b:3"]
    assert kunya.kunya == "ebwehmd" and kunya.name_key == "mhmd hlby"
    assert pd.isna(kunya.governorate) and not kunya.governorate_inferred
    assert pd.isna(kunya.date_flag) and kunya.date_precision == "year"
    assert both.governorate == "SY-HL" and not both.governorate_inferred


def test_rerun_replaces_the_table(workspace):
    Project(workspace).normalize()
    Project(workspace).normalize()
    assert workspace.query("select count(*) as n from normalized")["n"].iloc[0] == 5


def test_earliest_date_is_configurable(workspace):
    set_period_start(workspace, "2000-01-01")
    Project(workspace).normalize()
    n = workspace.table("normalized").set_index("record_id")
    assert pd.isna(n.loc["b:1"].date_flag)


def test_without_earliest_date_no_death_is_flagged_before_the_period(workspace):
    """The default assumed Syria's war: a 2009 death was before_period in any project."""
    Project(workspace).normalize()
    n = workspace.table("normalized").set_index("record_id")
    assert pd.isna(n.loc["b:1"].date_flag)  # 2009-01-01
    assert n.loc["a:2"].date_flag == "in_future" and n.loc["b:2"].date_flag == "unparsed"


def test_missing_records_table_is_a_clear_error(tmp_path):
    ws = Workspace.init(tmp_path / "empty")
    with pytest.raises(WorkspaceError):
        normalize_workspace(ws)


def test_cli_normalize_and_key(workspace):
    runner = CliRunner()
    result = runner.invoke(app, ["normalize", "--workspace", str(workspace.root)])
    assert result.exit_code == 0, result.output
    assert "5 records" in result.output and "2 unidentified" in result.output
    assert "governorates inferred from place" in " ".join(result.output.split())  # Syria's word
    result = runner.invoke(
        app, ["names", "key", "Mohammad Ahmad al-Ali", "محمد أحمد العلي", "unknown"]
    )
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        "mhmd ehmd ely",
        "mhmd ehmd ely",
        "(unidentified: unknown_name)",
    ]
    result = runner.invoke(app, ["names", "key", "--explain", "Abdulrahman Halabi"])
    assert result.exit_code == 0
    assert "given" in result.output and "ebdrhmn hlby" in result.output


def test_worker_processes_give_the_same_table(monkeypatch):
    """Many distinct names go to forked workers; the result must not depend on it."""
    import recount.names.workspace as stage

    given = ["محمد", "Ahmad", "Fatima", "عبد الله", "Hussein", "زينب", "Omar", "خالد"]
    family = ["العلي", "al-Halabi", "Zoubi", "الخطيب", "Darwish", "الحموي"]
    frame = pd.DataFrame(
        {
            "record_id": [f"s:{i}" for i in range(300)],
            "source_id": "s",
            "name": [
                f"{given[i % 8]} {given[(i // 8) % 8]} {family[i % 6]} {i % 5}" for i in range(300)
            ],
        }
    )
    serial = stage.normalize_records(frame, workers=1)
    monkeypatch.setattr(stage, "PARALLEL_FROM", 10)
    parallel = stage.normalize_records(frame, workers=2)
    assert parallel.equals(serial)


def test_a_list_that_writes_family_names_in_capitals_is_learnt_from_its_own_names():
    """One list writes 'HALABI, Ahmad Omar' and, now and then, 'Lina, Omar Halabi' (given
    first); another writes 'Halabi, Lina Omar' throughout: its commas follow the family name."""
    import recount.names.workspace as stage

    capitals = [f"HALABI{i}, Ahmad Omar" for i in range(30)] + ["Lina, Omar Halabi"]
    title = [f"Halabi{i}, Ahmad Omar" for i in range(30)] + ["Lina, Omar Halabi"]
    frame = pd.DataFrame(
        {
            "record_id": [f"a:{i}" for i in range(31)] + [f"b:{i}" for i in range(31)],
            "source_id": ["a"] * 31 + ["b"] * 31,
            "name": capitals + title,
        }
    )
    table = stage.normalize_records(frame, workers=1).to_pandas().set_index("record_id")
    assert table.loc["a:30", "given_norm"] == "lina"
    assert table.loc["b:30", "given_norm"] == "omar"
    assert table.loc["a:0", "family_norm"] == table.loc["b:0", "family_norm"] == "halabi0"


def test_cli_names_a_countrys_admin_units_in_its_own_word(tmp_path):
    """`recount normalize` said 'governorates' of every country's admin units."""
    ws = Workspace.init(tmp_path / "co", country="CO")
    frame = pd.DataFrame(
        {"record_id": ["a:1"], "source_id": ["a"], "source_row": [1], "place": ["Medellín"]}
    )
    ws.write_table("records", tables.frame("records", frame))
    result = CliRunner().invoke(app, ["normalize", "--workspace", str(ws.root)])
    assert result.exit_code == 0, result.output
    output = " ".join(result.output.split())  # the console wraps long lines
    assert "1 departments inferred from place" in output and "governorate" not in output


def test_names_key_in_a_workspace_keys_as_normalize_did(tmp_path):
    """Lists mostly in Arabic script make `normalize` read every Latin name as a
    transliteration of Arabic; `recount names key -w` must show those keys, not the spelling
    keys it gives outside any workspace (a user checking why Abakar did not meet أبكر was
    shown 'abakar' while the workspace had keyed it 'ebkr')."""
    ws = Workspace.init(tmp_path / "ws")  # no country pack
    names = ["أبكر آدم موسى", "محمد أحمد علي", "حواء يعقوب آدم", "Abakar Adam Musa"]
    frame = pd.DataFrame(
        {"record_id": [f"a:{i}" for i in range(4)], "source_id": "a", "name": names}
    ).assign(source_row=range(1, 5))
    ws.write_table("records", tables.frame("records", frame))
    normalize_workspace(ws)
    stored = ws.query("select name_key from normalized where record_id = 'a:3'").iloc[0, 0]
    runner = CliRunner()
    inside = runner.invoke(app, ["names", "key", "-w", str(ws.root), "Abakar Adam Musa"])
    assert inside.exit_code == 0, inside.output
    assert inside.output.strip() == stored
    assert (
        stored.split()[0]
        == ws.query("select name_key from normalized where record_id = 'a:0'").iloc[0, 0].split()[0]
    )  # Abakar meets أبكر, as linked
    outside = runner.invoke(app, ["names", "key", "-w", str(tmp_path), "Abakar Adam Musa"])
    assert outside.exit_code == 0 and outside.output.strip() != stored
    assert set(ws.query("select name_turn from normalized")["name_turn"]) == {0}  # too few names


def test_names_key_in_a_workspace_reads_a_name_as_its_list_was_learnt_to_write_it(tmp_path):
    """A list writing a third of its names family-first, with no mark: `normalize` turns them
    round, and `recount names key -w` keys such a name as the workspace did (its `name_turn`),
    in that list's order; outside the workspace, or on a list that writes it given-first, as
    written."""
    import random

    from test_names_order import arabic_people

    rows = []
    for i, (given_, father, family) in enumerate(arabic_people(random.Random(11), 240)):
        rows.append(("a", f"{given_} {father} ال{family}"))
        rows.append(
            ("b", f"{family} {given_} {father}" if i % 3 == 0 else f"{given_} {father} {family}")
        )
    frame = pd.DataFrame(rows, columns=["source_id", "name"])
    frame["record_id"] = [f"{s}:{i}" for i, s in enumerate(frame["source_id"])]
    frame["source_row"] = range(1, len(frame) + 1)
    ws = Workspace.init(tmp_path / "ws")
    ws.write_table("records", tables.frame("records", frame))
    normalize_workspace(ws)
    turned = ws.query(
        """select r.name, n.name_key, n.given_key, n.name_turn from records r
           join normalized n using (record_id) where n.name_turn > 0 order by r.record_id"""
    )
    assert len(turned) >= 60 and set(turned["name_turn"]) == {1}
    runner = CliRunner()
    for name, key in zip(turned["name"].head(5), turned["name_key"].head(5), strict=True):
        inside = runner.invoke(app, ["names", "key", "-w", str(ws.root), name])
        assert inside.exit_code == 0, inside.output
        assert inside.output.strip() == key
        outside = runner.invoke(app, ["names", "key", "-w", str(tmp_path), name])
        assert outside.output.strip() != key
        other = runner.invoke(app, ["names", "key", "-w", str(ws.root), "--source", "a", name])
        assert other.output.strip() == outside.output.strip()  # list a never wrote it so
    explained = runner.invoke(
        app, ["names", "key", "-w", str(ws.root), "--explain", turned["name"][0]]
    )
    assert "order" in explained.output and "list b" in explained.output


def test_cli_normalize_counts_records_the_pack_gives_no_unit(tmp_path):
    """A list writing villages the pack cannot map left its people without a province, and
    `recount normalize` did not say so (note 237: their strata were then drawn)."""
    ws = Workspace.init(tmp_path / "cd", country="CD")
    frame = pd.DataFrame(
        {
            "record_id": ["a:1", "a:2", "b:1"],
            "source_id": ["a", "a", "b"],
            "source_row": [1, 2, 1],
            "place": ["Ituri", "Nord-Kivu", "Drodro"],
        }
    )
    ws.write_table("records", tables.frame("records", frame))
    result = CliRunner().invoke(app, ["normalize", "--workspace", str(ws.root)])
    assert result.exit_code == 0, result.output
    output = " ".join(result.output.split())  # the console wraps long lines
    assert "2 provinces inferred from place, 0 with no province" in output
    assert "0 provinces inferred from place, 1 with no province" in output
    assert "[sources.values.governorate]" in output
