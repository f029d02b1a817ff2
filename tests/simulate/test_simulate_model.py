"""The simulated conflict has the properties the rest of recount is tested against.

Each test measures a property of the model described in docs/simulator.md on
one seeded simulation: coverage, heterogeneous and dependent capture, naming,
surges, errors. The thresholds are loose enough for any seed, tight enough
that a broken model fails.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from simulate_helpers import read_list

from recount.config import load_config
from recount.simulate import simulate

ARABIC_LETTER = re.compile(r"[\u0600-\u06ff]")


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    return simulate(tmp_path_factory.mktemp("model"), people=30000, sources=8, seed=5)


@pytest.fixture(scope="module")
def persons(world) -> pd.DataFrame:
    return pd.read_csv(world.truth_persons)


@pytest.fixture(scope="module")
def truth(world) -> pd.DataFrame:
    return pd.read_csv(world.truth_records)


def written(world, source_id: str) -> pd.DataFrame:
    """A list as written, with the true person of every row beside it (read once per module)."""
    key = (str(world.config_path), source_id)
    if key not in _READ:
        source = load_config(world.config_path).source(source_id)
        frame = read_list(source.path, source)
        frame.columns = [
            next((field for field, header in source.columns.items() if header == c), c)
            for c in frame.columns
        ]
        truth = pd.read_csv(world.truth_records)
        rows = truth[truth["source_id"] == source_id].sort_values("source_row")
        _READ[key] = frame.assign(person_id=rows["person_id"].to_numpy())
    return _READ[key].copy()


_READ: dict[tuple[str, str], pd.DataFrame] = {}


def odds_ratio(a: pd.Series, b: pd.Series) -> float:
    table = pd.crosstab(a.astype(bool), b.astype(bool)).reindex(
        index=[False, True], columns=[False, True], fill_value=0
    )
    return (table.loc[True, True] * table.loc[False, False] + 0.5) / (
        table.loc[True, False] * table.loc[False, True] + 0.5
    )


def test_a_good_share_of_people_is_on_no_list(world, persons):
    share = (persons["n_lists"] > 0).mean()
    assert 0.6 <= share <= 0.8
    assert share == pytest.approx(world.documented_share)


def test_coverage_option_moves_the_documented_share(tmp_path):
    result = simulate(tmp_path, people=8000, sources=5, seed=2, coverage=0.45)
    assert 0.38 <= result.documented_share <= 0.52


def test_government_list_misses_civilians_in_opposition_areas(persons):
    gov = persons.groupby(["status", "area"])["in_gov"].mean()
    assert gov[("civilian", "opposition")] < 0.25 * gov[("civilian", "government")]
    assert gov[("combatant", "government")] > gov[("civilian", "government")]


def test_a_list_strong_only_after_2013(persons):
    early = persons.loc[persons["year"] <= 2012, "in_scsr"].mean()
    late = persons.loc[persons["year"] >= 2014, "in_scsr"].mean()
    assert early < 0.4 * late


def test_local_list_covers_only_the_south(persons):
    south = persons["governorate"].isin(["SY-DR", "SY-QU", "SY-SU"])
    assert persons.loc[~south, "in_local"].mean() < 0.02
    assert persons.loc[south, "in_local"].mean() > 0.25


def test_lists_sharing_informants_are_positively_dependent(persons):
    assert odds_ratio(persons["in_vdc"], persons["in_snhr"]) > 2.0
    within = persons[(persons["governorate"] == "SY-RD") & (persons["status"] == "civilian")]
    assert odds_ratio(within["in_vdc"], within["in_snhr"]) > 1.5
    # Lists that reach opposite sides of the front line are negatively associated.
    assert odds_ratio(persons["in_vdc"], persons["in_gov"]) < 1.0


def test_hard_to_reach_group_is_rarely_documented(persons):
    hard = persons["hard_to_reach"] == 1
    assert hard.mean() > 0.05
    assert (persons.loc[hard, "n_lists"] > 0).mean() < 0.5 * (
        persons.loc[~hard, "n_lists"] > 0
    ).mean()


def test_names_are_heavy_tailed_with_mohammad_first(persons):
    male = persons.loc[persons["sex"] == "M", "given_name"].value_counts(normalize=True)
    assert male.index[0] == "محمد"
    assert 0.1 <= float(male.iloc[0]) <= 0.25
    assert 0.3 < float(male.iloc[:10].sum()) < 0.6
    assert int((male < 0.003).sum()) > 40  # a long tail of rare names
    female = persons.loc[persons["sex"] == "F", "given_name"].value_counts(normalize=True)
    assert female.index[0] == "فاطمة"
    assert float(persons["given_name"].str.startswith("عبد ").mean()) > 0.05
    assert float(persons["family_name"].str.startswith("ال").mean()) > 0.5
    assert float(persons["family_name"].value_counts(normalize=True).iloc[0]) < 0.05


def test_households_share_names_date_and_place(persons):
    families = persons[persons["household_id"].duplicated(keep=False)]
    assert families["household_id"].nunique() > 500
    children = families[families["role"] == "child"]
    shared = children.groupby("household_id")[
        ["father_name", "grandfather_name", "family_name"]
    ].nunique()
    assert bool((shared == 1).all().all())
    fathers = families[families["role"] == "father"].set_index("household_id")
    with_father = children[children["household_id"].isin(fathers.index)]
    assert bool(
        (
            with_father["father_name"].to_numpy()
            == fathers.loc[with_father["household_id"], "given_name"].to_numpy()
        ).all()
    )
    event = families.groupby("household_id")[["date_of_death", "place", "governorate"]].nunique()
    assert bool((event == 1).all().all())
    siblings = children.groupby("household_id")["given_name"]
    assert bool((siblings.nunique() == siblings.size()).all())


def test_surges_in_aleppo_2016_and_ghouta_2018(persons):
    month = persons["date_of_death"].str.slice(0, 7)
    aleppo = persons[persons["governorate"] == "SY-HL"].groupby(month).size()
    assert aleppo.loc["2016-07":"2016-12"].mean() > 2 * aleppo.loc["2015-01":"2015-12"].mean()
    rif = persons[persons["governorate"] == "SY-RD"].groupby(month).size()
    assert rif.loc["2018-02":"2018-04"].mean() > 3 * rif.loc["2017-01":"2017-12"].mean()
    douma_area = persons[
        (month >= "2018-02") & (month <= "2018-04") & (persons["governorate"] == "SY-RD")
    ]
    assert (
        douma_area["place"]
        .isin(
            ["Douma", "Harasta", "Kafr Batna", "Saqba", "Hamouriyeh", "Arbin", "Jisreen", "Zamalka"]
        )
        .mean()
        > 0.6
    )


def test_population_shape(persons):
    assert persons["year"].between(2011, 2021).all()
    assert persons["governorate"].value_counts().index[:2].isin(["SY-RD", "SY-HL"]).all()
    assert persons["governorate"].nunique() == 14
    assert 0.1 <= (persons["age"] < 18).mean() <= 0.35
    assert (persons["age"] >= 60).mean() > 0.02
    assert 0.7 <= (persons["sex"] == "M").mean() <= 0.9
    assert 0.15 <= (persons["status"] == "combatant").mean() <= 0.5


def test_latin_lists_spell_one_name_many_ways(world, persons):
    snhr = written(world, "snhr").merge(
        persons[["person_id", "name"]], on="person_id", suffixes=("", "_true")
    )
    mohammad = snhr[snhr["name_true"].str.startswith("محمد ") & snhr["name_latin"].notna()]
    first = mohammad["name_latin"].str.split(" ").str[0]
    assert first.nunique() >= 4
    assert {"Mohammad", "Muhammad", "Mohamed", "Mohammed"} & set(first)
    assert snhr["name"].fillna("").str.contains(ARABIC_LETTER).mean() > 0.9
    scsr = written(world, "scsr")
    named = scsr["name"][scsr["name"] != ""]
    named = named[~named.str.contains("nknown|nidentified| of ")]
    assert bool(named.str.match(r"^[^,]+, \S").all())  # inverted: 'FAMILY, Given Father'
    assert float(named.str.match(r"^(AL|EL|A[A-Z])[- ]?[A-Z]").mean()) > 0.3
    assert not bool(named.str.contains(ARABIC_LETTER).any())


def test_kunyas_and_relational_names(world):
    snhr = written(world, "snhr")
    arabic, latin = snhr["name"].fillna(""), snhr["name_latin"].fillna("")
    with_kunya = arabic.str.contains(r" \(أبو [^)]+\)$")
    assert int(with_kunya.sum()) > 0
    assert bool(latin[with_kunya].str.contains(r" \(Abo?u [^)]+\)$").all())
    relational = latin.str.match(r"^(wife|son|daughter) of ")
    assert int(relational.sum()) > 0
    assert bool(arabic[relational].str.match(r"^(زوجة|ابن|ابنة) ").all())
    assert bool((latin[relational].str.split().str.len() >= 5).all())  # the relative in full


def test_arabic_lists_vary_orthography_and_titles(world):
    vdc = written(world, "vdc")["name"].dropna()
    assert vdc.str.contains("عبدال").any() and vdc.str.contains("عبد ال").any()
    assert (
        vdc.str.contains(r"(?:^| )احمد(?: |$)").any()
        and vdc.str.contains(r"(?:^| )أحمد(?: |$)").any()
    )
    assert vdc.str.match(r"^(الشهيد|الشهيدة|الطفل|الطفلة) ").mean() > 0.1


def test_duplicates_and_unidentifiable_rows_exist_in_every_list(world, truth):
    for source_id in world.rows:
        people = truth.loc[truth["source_id"] == source_id, "person_id"]
        assert people.duplicated().sum() == world.duplicate_rows[source_id]
        assert world.duplicate_rows[source_id] > 0, source_id
    assert sum(world.unidentified_rows.values()) > 0.005 * world.total_rows
    vdc = written(world, "vdc")["name"]
    assert int((vdc == "").sum()) > 0
    assert int(vdc.str.match(r"^(مجهول|زوجة |ابن |ابنة |شهيد مجهول)").sum()) > 0


def test_dates_carry_errors_against_the_truth(world, persons):
    snhr = written(world, "snhr").merge(
        persons[["person_id", "date_of_death"]], on="person_id", suffixes=("", "_true")
    )
    full = snhr[snhr["date_of_death"].fillna("").str.match(r"^\d\d/\d\d/\d{4}$")]
    recorded = pd.to_datetime(full["date_of_death"], format="%d/%m/%Y")
    true = pd.to_datetime(full["date_of_death_true"])
    exact = (recorded == true).mean()
    assert 0.8 < exact < 0.97
    swapped = pd.to_datetime(full["date_of_death"], format="%m/%d/%Y", errors="coerce") == true
    assert (swapped & (recorded != true)).sum() > 0
    coarse = snhr["date_of_death"].fillna("").str.match(r"^(\d\d/)?\d{4}$")
    assert coarse.mean() > 0.02


def test_ages_and_sexes_have_realistic_gaps(world, persons):
    sohr = written(world, "sohr").merge(
        persons[["person_id", "age"]], on="person_id", suffixes=("", "_true")
    )
    assert 0.3 < (sohr["age"] == "").mean() < 0.6
    given = sohr[sohr["age"] != ""]
    off = (given["age"].astype(int) - given["age_true"]).abs()
    assert 0.05 < (off > 0).mean() < 0.3
    assert (off <= 3).all()
    assert np.isin(sohr["sex"].unique(), ["ذكر", "أنثى", ""]).all()
