"""The simulator writes what it says: formats, encodings, truth, config, determinism."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from simulate_helpers import read_list

from recount.config import load_config
from recount.errors import ConfigError
from recount.simulate import DEFAULT_LISTS, people_for_rows, simulate

ALL_LISTS = len(DEFAULT_LISTS)


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    return simulate(tmp_path_factory.mktemp("sim"), people=4000, sources=ALL_LISTS, seed=7)


def digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_same_seed_same_bytes_and_another_seed_differs(tmp_path):
    first = simulate(tmp_path / "a", people=800, sources=ALL_LISTS, seed=11)
    second = simulate(tmp_path / "b", people=800, sources=ALL_LISTS, seed=11)
    third = simulate(tmp_path / "c", people=800, sources=ALL_LISTS, seed=12)
    a, b, c = digest(first.out_dir), digest(second.out_dir), digest(third.out_dir)
    assert a.keys() == b.keys() and len(a) == ALL_LISTS + 4
    assert a == b
    differing = {k for k in a if a[k] != c[k]}
    assert {f"lists/{s.schema.file}" for s in DEFAULT_LISTS} <= differing


def test_every_row_has_its_truth_and_counts_match(world):
    config = load_config(world.config_path)
    truth = pd.read_csv(world.truth_records)
    persons = pd.read_csv(world.truth_persons)
    assert list(truth.columns) == ["source_id", "source_row", "person_id"]
    for source in config.sources:
        frame = read_list(source.path, source)
        rows = truth[truth["source_id"] == source.id]
        assert len(frame) == len(rows) == world.rows[source.id], source.id
        assert sorted(rows["source_row"]) == list(range(1, len(frame) + 1))
    assert set(truth["person_id"]) <= set(persons["person_id"])
    assert len(persons) == world.people == persons["person_id"].nunique()
    on_lists = truth.groupby("person_id")["source_id"].apply(lambda s: ";".join(sorted(set(s))))
    expected = (
        persons.set_index("person_id")["lists"]
        .fillna("")
        .map(lambda s: ";".join(sorted(s.split(";"))) if s else "")
    )
    assert (expected[expected != ""] == on_lists.reindex(expected[expected != ""].index)).all()
    assert (persons["n_lists"] > 0).sum() == world.documented == truth["person_id"].nunique()


def test_totals_count_everyone_including_the_undocumented(world):
    totals = pd.read_csv(world.truth_totals)
    persons = pd.read_csv(world.truth_persons)
    assert totals["deaths"].sum() == world.people
    assert totals["documented"].sum() == world.documented
    assert (totals["documented"] <= totals["deaths"]).all()
    assert set(totals["year"]) <= set(range(2011, 2022))
    by_cell = persons.groupby(["governorate", "year"]).size()
    assert (totals.set_index(["governorate", "year"])["deaths"] == by_cell).all()


def test_config_maps_every_declared_column_to_a_real_one(world):
    config = load_config(world.config_path)
    assert [s.id for s in config.sources] == [s.id for s in DEFAULT_LISTS]
    assert config.estimate.strata == ("governorate", "year")
    for source in config.sources:
        assert source.path.exists()
        frame = read_list(source.path, source)
        missing = set(source.columns.values()) - set(frame.columns)
        assert not missing, (source.id, missing)
        for field, mapping in source.values.items():
            written = set(frame[source.columns[field]].dropna().astype(str))
            assert written - {""} <= set(mapping), (source.id, field)


def test_files_are_in_their_declared_formats_and_encodings(world):
    paths = world.list_paths
    vdc = paths["vdc"].read_bytes()
    assert vdc.startswith(b"\xef\xbb\xbf")
    vdc.decode("utf-8")
    sohr = paths["sohr"].read_bytes()
    with pytest.raises(UnicodeDecodeError):
        sohr.decode("utf-8")
    assert "الاسم" in sohr.decode("cp1256")
    local = paths["local"].read_bytes()
    with pytest.raises(UnicodeDecodeError):
        local.decode("utf-8")
    assert "الاسم" in local.decode("iso-8859-6").splitlines()[0]
    assert b";" in local.splitlines()[0]
    scsr = paths["scsr"].read_bytes()
    assert scsr[:2] in (b"\xff\xfe", b"\xfe\xff")
    assert "\t" in scsr.decode("utf-16").splitlines()[0]
    for xlsx in (paths["snhr"], paths["hospital"]):
        assert zipfile.is_zipfile(xlsx)
    assert paths["lcc"].read_bytes()[:4] == b"PAR1"
    with open(paths["gov"], encoding="utf-8") as handle:
        first = json.loads(handle.readline())
    assert isinstance(first["name"], dict) and "first" in first["name"]


def test_date_formats_differ_per_list(world):
    config = load_config(world.config_path)
    patterns = {
        "vdc": r"^\d{4}(-\d\d){0,2}$",
        "snhr": r"^(\d\d/)?(\d\d/)?\d{4}$",
        "scsr": r"^([A-Z][a-z]{2} )?(\d{1,2} )?\d{4}$",
        "lcc": r"^(\d\d/)?(\d\d/)?\d{4}$",
        "hospital": r"^([٠-٩]{2}/)?([٠-٩]{2}/)?[٠-٩]{4}$",
    }
    for source_id, pattern in patterns.items():
        source = config.source(source_id)
        dates = read_list(source.path, source)[source.columns["date_of_death"]].dropna().astype(str)
        dates = dates[dates != ""]
        assert len(dates) > 0
        assert dates.str.match(pattern).mean() == 1.0, source_id
    lcc = read_list(config.source("lcc").path, config.source("lcc"))["date_of_death"].dropna()
    assert (lcc.str.slice(3, 5).astype(int, errors="ignore").astype(str).str.len() > 0).all()
    days_first = lcc[lcc.str.len() == 10].str.slice(3, 5).astype(int)
    assert (days_first > 12).any(), "lcc writes month/day/year, so some middle fields exceed 12"


def test_rejects_impossible_requests(tmp_path):
    with pytest.raises(ConfigError):
        simulate(tmp_path, people=100, sources=1)
    with pytest.raises(ConfigError):
        simulate(tmp_path, people=100, sources=ALL_LISTS + 1)
    with pytest.raises(ConfigError):
        simulate(tmp_path, people=0)
    with pytest.raises(ConfigError):
        simulate(tmp_path, people=100, lists=["vdc", "nope"])
    with pytest.raises(ConfigError):
        simulate(tmp_path, people=100, coverage=1.5)
    with pytest.raises(ConfigError):
        simulate(tmp_path, people=100, seed=-1)
    a_file = tmp_path / "file.txt"
    a_file.write_text("not a folder")
    with pytest.raises(ConfigError):
        simulate(a_file, people=100)


def test_chosen_lists_are_written_in_the_order_given(tmp_path):
    result = simulate(tmp_path, people=500, lists=["gov", "local", "vdc"], seed=3)
    assert list(result.list_paths) == ["gov", "local", "vdc"]
    assert [s.id for s in load_config(result.config_path).sources] == ["gov", "local", "vdc"]


def test_resimulating_with_fewer_lists_leaves_no_stale_list_files(tmp_path):
    simulate(tmp_path, people=300, sources=ALL_LISTS, seed=1)
    simulate(tmp_path, people=300, sources=3, seed=1)
    assert sorted(p.name for p in (tmp_path / "lists").iterdir()) == [
        "snhr.xlsx",
        "sohr.csv",
        "vdc.csv",
    ]


def test_people_for_rows_hits_the_row_target(tmp_path):
    people = people_for_rows(6000, sources=4, seed=2)
    result = simulate(tmp_path, people=people, sources=4, seed=2)
    assert abs(result.total_rows - 6000) / 6000 < 0.05
