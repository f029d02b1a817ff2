"""Regimes: each switch changes what it says, in the share it says, and nothing else by default.

Every property is measured on the files as written (read with plain pandas/openpyxl/pyarrow)
against the truth, never on the simulator's internals.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re

import numpy as np
import pandas as pd
import pytest
from simulate_helpers import read_list

from recount.config import load_config
from recount.errors import ConfigError
from recount.simulate import simulate
from recount.simulate.lexicon import FEMALE, MALE
from recount.simulate.regimes import HELD_OUT, REGIMES, TUNING, Regime, regime_from_options
from recount.simulate.spelling import romanise

ARTICLE = re.compile(r"^(?:al|el|as|ash|ad|ar|az|at|an)[- ]", re.IGNORECASE)


def fold_arabic(text: str) -> str:
    text = re.sub("[أإآ]", "ا", str(text)).replace("ة", "ه").replace("ى", "ي")
    return text[2:] if text.startswith("ال") and len(text) > 3 else text


def written(world, source_id: str) -> pd.DataFrame:
    """A list as written, columns named by canonical field, with each row's true person."""
    source = load_config(world.config_path).source(source_id)
    frame = read_list(source.path, source)
    frame.columns = [
        next((field for field, header in source.columns.items() if header == c), c)
        for c in frame.columns
    ]
    truth = pd.read_csv(world.truth_records)
    rows = truth[truth["source_id"] == source_id].sort_values("source_row")
    persons = pd.read_csv(world.truth_persons, dtype=str).set_index("person_id")
    frame = frame.assign(person_id=rows["person_id"].to_numpy())
    persons = persons.add_suffix("_true")
    return frame.join(persons, on="person_id")


def files_digest(folder) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.suffix != ".toml":
            digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def worlds(tmp_path_factory):
    root = tmp_path_factory.mktemp("regimes")
    made = {}
    for name, people in [
        ("family_first", 5000),
        ("orders", 5000),
        ("transliteration", 5000),
        ("sparse", 4000),
        ("relatives", 6000),
        ("colombia", 6000),
        ("colombia_hard", 4000),
        ("initials", 4000),
    ]:
        made[name] = simulate(root / name, people=people, seed=4, regime=name)
    return made


PERIOD_START = {"SY": dt.date(2011, 3, 1), "CO": dt.date(1985, 1, 1)}


def test_the_split_is_declared_and_covers_both_countries():
    assert set(TUNING) | set(HELD_OUT) == set(REGIMES) and not set(TUNING) & set(HELD_OUT)
    assert {"default", "family_first", "transliteration", "sparse", "relatives", "colombia"} <= set(
        TUNING
    )
    assert {"orders", "latin_only", "mixed", "colombia_hard", "ages", "initials", "reached"} <= set(
        HELD_OUT
    )
    assert {REGIMES[n].country for n in HELD_OUT} == {"SY", "CO"}


def test_the_default_regime_writes_the_default_world(tmp_path):
    plain = simulate(tmp_path / "plain", people=1500, sources=4, seed=3)
    named = simulate(tmp_path / "named", people=1500, sources=4, seed=3, regime="default")
    same = simulate(tmp_path / "same", people=1500, sources=4, seed=3, regime=Regime(cousins=0.0))
    assert files_digest(plain.out_dir) == files_digest(named.out_dir) == files_digest(same.out_dir)


def _first_token_is_family(frame: pd.DataFrame, bare: bool = False) -> pd.Series:
    identifiable = frame["name"].notna() & frame["family_name_true"].notna()
    first = frame.loc[identifiable, "name"].str.split().str[0].map(fold_arabic)
    family = frame.loc[identifiable, "family_name_true"].str.split().str[0].map(fold_arabic)
    return first == family


def test_family_first_lists_put_the_family_name_first_in_their_share(worlds):
    gov = written(worlds["family_first"], "gov")
    assert _first_token_is_family(gov).mean() > 0.93  # always, up to typos and unknowns
    sohr = written(worlds["family_first"], "sohr")
    assert 0.52 < _first_token_is_family(sohr).mean() < 0.68  # 60% of records
    snhr = written(worlds["family_first"], "snhr")  # not restyled: given name first
    assert _first_token_is_family(snhr).mean() < 0.05


def test_family_first_without_article_drops_the_article(worlds):
    gov = written(worlds["orders"], "gov")
    assert _first_token_is_family(gov).mean() > 0.93
    with_article = gov["family_name_true"].str.startswith("ال") & gov["name"].notna()
    assert with_article.sum() > 30
    assert not gov.loc[with_article, "name"].str.startswith("ال").any()


def test_comma_given_puts_the_given_name_before_the_comma_in_its_share(worlds):
    scsr = written(worlds["orders"], "scsr")
    before = scsr["name"].dropna().str.split(",").str[0]
    given_first = ~before.str.isupper()  # the list's own form has the FAMILY in capitals there
    assert 0.33 < given_first.mean() < 0.47  # 40% of records


def test_a_list_switched_to_name_parts_writes_part_columns(worlds):
    config = load_config(worlds["orders"].config_path).source("hospital")
    assert {"given_name", "father_name", "family_name"} <= set(config.columns)
    assert "name" not in config.columns
    hospital = written(worlds["orders"], "hospital")
    share = (
        hospital["family_name"].map(fold_arabic, na_action="ignore")
        == hospital["family_name_true"].map(fold_arabic)
    ).mean()
    assert share > 0.8


def test_each_list_follows_its_romanisation_system(worlds):
    base = {
        ar: latin[0]
        for ar, latin in zip(MALE.arabic + FEMALE.arabic, MALE.latin + FEMALE.latin, strict=True)
    }
    lcc = written(worlds["transliteration"], "lcc").dropna(subset=["given_name"])
    lcc = lcc[lcc["given_name_true"].map(base).notna()]
    expected = lcc["given_name_true"].map(lambda ar: romanise(base[ar], "academic"))
    assert (lcc["given_name"] == expected).mean() > 0.7  # 80% systematic, less typos
    assert not lcc["given_name"].str.contains("ou").mean() > 0.05
    vdc = written(worlds["transliteration"], "vdc")  # gained a Latin name column, German style
    assert vdc["name_latin"].notna().mean() > 0.9
    german = vdc["name_latin"].dropna().str.contains("sch|Dsch|Jus|Ch", regex=True).mean()
    assert german > 0.1


def test_missing_fields_at_their_rates_and_absent_columns(worlds):
    sparse = worlds["sparse"]
    config = load_config(sparse.config_path)
    assert "date_of_death" not in config.source("snhr").columns
    assert (
        "place" not in config.source("sohr").columns
        and "place" not in config.source("scsr").columns
    )
    sohr = written(sparse, "sohr")
    assert 0.25 < sohr["father_name"].replace("", None).isna().mean() < 0.38  # 30% (+ unknowns)
    years_only = sohr["date_of_death"].str.fullmatch(r"\d{4}").mean()
    assert 0.15 < years_only < 0.25  # 20%


@pytest.mark.parametrize("rate", [0.0, 0.6])
def test_a_missing_rate_from_the_options_holds(tmp_path, rate):
    regime = regime_from_options(Regime(), missing=[f"vdc.age={rate}"])
    world = simulate(tmp_path, people=3000, sources=2, seed=1, regime=regime)
    vdc = written(world, "vdc")
    assert abs(vdc["age"].replace("", None).isna().mean() - rate) < 0.05


def _swapped(age: int) -> int:
    return (age % 10) * 10 + age // 10


def test_heaped_ages_fall_on_multiples_of_five_in_their_share(tmp_path):
    plain = simulate(tmp_path / "plain", people=3000, sources=2, seed=2)
    heaped = simulate(
        tmp_path / "heaped",
        people=3000,
        sources=2,
        seed=2,
        regime=regime_from_options(Regime(), variation=["vdc.age_heaped=0.5"]),
    )
    shares = []
    for world in (plain, heaped):
        vdc = written(world, "vdc")
        ages = pd.to_numeric(vdc["age"], errors="coerce").dropna()
        shares.append((ages[ages >= 10] % 5 == 0).mean())
    # 20% of ages end in 0 or 5 by chance; heaping half of them: 20% + 50% x 80% = 60%
    assert shares[0] < 0.27 and 0.52 < shares[1] < 0.68
    assert written(heaped, "snhr")["age"].equals(written(plain, "snhr")["age"])  # one list only


def test_swapped_ages_exchange_their_two_digits_in_their_share(tmp_path):
    regime = regime_from_options(Regime(), variation=["age_swapped=0.3"], missing=["age=0"])
    vdc = written(simulate(tmp_path, people=3000, sources=2, seed=2, regime=regime), "vdc")
    true = vdc["age_true"].astype(int)
    ages = pd.to_numeric(vdc["age"], errors="coerce")
    swappable = (true >= 10) & (true % 10 != 0) & (true % 10 != true // 10) & ages.notna()
    swapped = ages[swappable] == true[swappable].map(_swapped)
    assert 0.2 < swapped.mean() < 0.3  # 30%, less the ages also written off by a year or two
    assert (ages[~swappable & ages.notna()] < 100).all()


def test_father_initials_in_their_share_on_latin_names_only(worlds):
    snhr = written(worlds["initials"], "snhr")
    tokens = snhr["name"].dropna().str.split()
    initial = tokens.map(lambda words: any(re.fullmatch(r"[A-Z]\.", w) for w in words))
    assert 0.45 < initial.mean() < 0.65  # 60% of records, less those without a father's name
    lcc = written(worlds["initials"], "lcc")
    assert 0.45 < lcc["father_name"].dropna().str.fullmatch(r"[A-Z]\.").mean() < 0.7
    vdc = written(worlds["initials"], "vdc")  # Arabic script, no initials
    assert not vdc["name"].dropna().str.contains(".", regex=False).any()


def test_dense_relatives_and_cousins_with_namesakes(worlds, tmp_path):
    persons = pd.read_csv(worlds["relatives"].truth_persons)
    default = pd.read_csv(simulate(tmp_path, people=6000, seed=4, sources=2).truth_persons)

    def with_relatives(frame):
        return frame.groupby("household_id")["person_id"].transform("size").gt(1).mean()

    assert with_relatives(persons) > 1.8 * with_relatives(default)
    keys = ["household_id", "given_name", "family_name", "date_of_death", "place"]
    groups = persons.groupby(keys)["father_name"].nunique()
    cousins = groups[groups > 1]  # same given and family name, date and place, other fathers
    assert len(cousins) > 20
    assert len(default.groupby(keys)["father_name"].nunique().loc[lambda s: s > 1]) == 0


def test_dependence_factor_moves_list_dependence(tmp_path):
    def odds(name: str | Regime) -> float:
        world = simulate(
            tmp_path / str(hash(str(name))), people=8000, sources=2, seed=2, regime=name
        )
        persons = pd.read_csv(world.truth_persons)
        table = pd.crosstab(persons["in_vdc"], persons["in_snhr"])
        return (table.loc[1, 1] * table.loc[0, 0]) / (table.loc[1, 0] * table.loc[0, 1])

    assert odds("dependent") > odds("default") > odds("independent")


def test_colombian_world_has_valid_departments_and_spanish_names(worlds):
    from recount.reference import country_pack

    world = worlds["colombia"]
    codes = set(country_pack("CO").admin_codes)
    persons = pd.read_csv(world.truth_persons)
    assert set(persons["governorate"]) <= codes and persons["governorate"].nunique() > 25
    assert persons["second_family_name"].notna().all()
    birth_year = pd.to_datetime(persons["date_of_birth"]).dt.year
    death_year = pd.to_datetime(persons["date_of_death"]).dt.year
    assert ((death_year - birth_year - persons["age"]).abs() <= 1).mean() > 0.99
    assert pd.to_datetime(persons["date_of_death"]).dt.year.between(1985, 2016).all()
    ruv = written(world, "ruv")
    assert ruv["family_name"].dropna().str.isupper().all()
    assert not ruv["family_name"].dropna().str.contains("[ÁÉÍÓÚáéíóú]").any()
    assert ruv["governorate"].dropna().str.fullmatch(r"\d\d").all()
    cnmh = written(world, "cnmh")
    assert cnmh["name"].dropna().str.contains("[áéíóúÁÉÍÓÚ]").mean() > 0.3  # accents mostly kept
    prensa = written(world, "prensa")
    tokens = prensa["name"].dropna().str.split().str.len()
    assert (tokens <= 2).mean() > 0.3  # a given name and one surname, as the press writes


def test_colombian_government_list_writes_surnames_first_when_held_out(worlds):
    from recount.simulate.colombia.records import strip_accents

    ruv = written(worlds["colombia_hard"], "ruv").dropna(subset=["name"])
    first = ruv["name"].str.split().str[0]
    family = ruv["family_name_true"].map(lambda f: strip_accents(str(f)).upper().split()[0])
    assert (first == family).mean() > 0.85


def test_colombian_lists_ingest_and_map_to_co_departments(worlds):
    from recount import Project

    world = worlds["colombia"]
    project = Project(world.out_dir)
    accounting = project.ingest()
    assert (accounting["rows_in"] == accounting["records"]).all()
    records = project.query(
        "select source_id, governorate, governorate_raw, date_of_birth, extra from records"
    )
    given = records[records["governorate_raw"].notna()]
    assert given["governorate"].notna().mean() > 0.99
    assert given["governorate"].str.startswith("CO-").all()
    ruv = records[records["source_id"] == "ruv"]
    assert ruv["date_of_birth"].notna().mean() > 0.7
    assert ruv["extra"].map(lambda e: "id_number" in e).mean() > 0.4


def test_regime_settings_are_checked():
    for bad in [
        dict(name_order=["gov=upside_down"]),
        dict(romanisation=["snhr=klingon"]),
        dict(missing=["vdc.shoe_size=0.3"]),
        dict(missing=["vdc.age=1.5"]),
        dict(variation=["vdc.age_scrambled=0.1"]),
        dict(variation=["age_swapped=2"]),
        dict(relatives=-1.0),
        dict(cousins=2.0),
        dict(country="XX"),
    ]:
        with pytest.raises(ConfigError):
            regime_from_options(Regime(), **bad)
    with pytest.raises(ConfigError):
        simulate("/tmp/never", people=100, regime="no_such_regime")


def test_regime_settings_text_names_every_change():
    text = regime_from_options(
        REGIMES["family_first"], missing=["snhr.place=1"], relatives=2.0
    ).settings()
    assert "relatives=2.0" in text and "lists.gov.name_order=family_first" in text
    assert "lists.snhr.missing={'place': 1.0}" in text
    assert Regime().settings() == ""


def test_every_preset_simulates(tmp_path):
    for name in REGIMES:
        world = simulate(tmp_path / name, people=600, seed=1, regime=name)
        assert world.total_rows > 100, name
        assert np.isfinite(world.documented_share)
        # Each world declares its own period: recount no longer assumes Syria's.
        first_day = load_config(world.config_path).names.earliest_date
        assert first_day == PERIOD_START[REGIMES[name].country], name
        truth = pd.read_csv(world.truth_persons, usecols=["date_of_death"])
        assert (pd.to_datetime(truth["date_of_death"]).dt.date >= first_day).all(), name


def test_reached_regime_reaches_the_hard_to_reach_group_but_rarely(tmp_path):
    """#14/#15's acceptance world: the group stays rarer on the lists than everyone else, but
    lists see it about twice as often as in the default world (where no model can count it)."""

    def seen(regime: str) -> tuple[float, float]:
        world = simulate(tmp_path / regime, people=4000, sources=6, seed=7, regime=regime)
        truth = pd.read_csv(world.truth_persons, usecols=["hard_to_reach", "n_lists"])
        hard = truth["hard_to_reach"] == 1
        on_a_list = truth["n_lists"] > 0
        return float(on_a_list[hard].mean()), float(on_a_list[~hard].mean())

    hard_default, _ = seen("default")
    hard_reached, others_reached = seen("reached")
    assert hard_reached > 1.5 * hard_default
    assert hard_reached < 0.7 * others_reached
