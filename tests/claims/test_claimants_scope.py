"""The claimant gazetteer (built-in and user-extended) and the scope of places and periods."""

from __future__ import annotations

import datetime as dt

import pytest

from recount.claims import add_claims, default_gazetteer, extract_claims, workspace_gazetteer
from recount.claims.claimants import parse_claimants
from recount.claims.scope import find_periods, find_places, war_start
from recount.errors import ConfigError
from recount.reference import country_pack
from recount.workspace import Workspace


def names(text, gazetteer=None):
    gazetteer = gazetteer or default_gazetteer()
    return [m.claimant.name for m in gazetteer.find(text)]


def test_aliases_and_acronyms():
    assert names("the Britain-based Syrian Observatory for Human Rights") == [
        "Syrian Observatory for Human Rights"
    ]
    assert names("SOHR and the U.N. human rights office") == [
        "Syrian Observatory for Human Rights",
        "UN Human Rights Office (OHCHR)",
    ]
    assert names("those who said WHO") == [
        "World Health Organization"
    ]  # acronyms are case-sensitive
    assert names("Zeid Ra’ad al-Hussein") == ["UN Human Rights Office (OHCHR)"]


def _workspace_with(tmp_path, extra: str) -> Workspace:
    ws = Workspace.init(tmp_path / "ws")
    ws.config_path.write_text(ws.config_path.read_text(encoding="utf-8") + extra, encoding="utf-8")
    return Workspace(ws.root)


def test_workspace_adds_claimants_from_a_file_and_inline(tmp_path):
    ws = _workspace_with(
        tmp_path,
        '\n[claims]\nclaimants = "mine.toml"\n\n[[claims.claimant]]\nname = "Douma Local Council"\nkind = "government"\naliases = ["DLC"]\n\n'
        '[[claims.claimant]]\nname = "Syrian Observatory for Human Rights"\naliases = ["the Coventry monitor"]\n',
    )
    (ws.root / "mine.toml").write_text(
        '[[claimant]]\nname = "Idlib Health Directorate"\nkind = "government"\n', encoding="utf-8"
    )
    gazetteer = workspace_gazetteer(ws)
    assert names("DLC and the Idlib Health Directorate", gazetteer) == [
        "Douma Local Council",
        "Idlib Health Directorate",
    ]
    assert names("the Coventry monitor", gazetteer) == ["Syrian Observatory for Human Rights"]
    assert names("SOHR", gazetteer) == [
        "Syrian Observatory for Human Rights"
    ]  # built-in aliases kept
    text = tmp_path / "a.txt"
    text.write_text("DLC said 40 people were killed in Douma.", encoding="utf-8")
    claims = add_claims(ws, text)
    assert list(claims["claimant"]) == ["Douma Local Council"]


@pytest.mark.parametrize(
    ("extra", "key"),
    [
        ('\n[claims]\nclaimants = "missing.toml"\n', "claims.claimants"),
        ("\n[claims]\nclaimants = 3\n", "claims.claimants"),
        ('\n[[claims.claimant]]\nname = ""\n', "claims.claimant[0].name"),
        ('\n[[claims.claimant]]\nname = "X"\nkind = "alien"\n', "claims.claimant[0].kind"),
        ('\n[[claims.claimant]]\nname = "X"\naliases = "X1"\n', "claims.claimant[0].aliases"),
        ('\n[[claims.claimant]]\nname = "X"\ncolour = "red"\n', "claims.claimant[0].colour"),
    ],
)
def test_bad_claimant_config_names_the_key(tmp_path, extra, key):
    ws = _workspace_with(tmp_path, extra)
    with pytest.raises(ConfigError) as error:
        workspace_gazetteer(ws)
    assert error.value.key == key


def test_parse_claimants_rejects_a_non_list():
    with pytest.raises(ConfigError):
        parse_claimants({"name": "X"}, "here")


@pytest.mark.parametrize(
    ("text", "code", "level"),
    [
        ("in Aleppo", "SY-HL", "governorate"),
        ("in Deir ez-Zor province", "SY-DY", "governorate"),
        ("in Rural Damascus", "SY-RD", "governorate"),
        ("in the Damascus countryside", "SY-RD", "governorate"),
        ("in eastern Aleppo", "SY-HL", "city"),
        ("in Khan Sheikhoun", "SY-ID", "city"),
        ("in Syria", "SY", "country"),
        ("in Bosnia", "BA", "country"),
        ("in Raqqa", "SY-RA", "governorate"),
    ],
)
def test_places(text, code, level):
    (place,) = find_places(text, country_pack("SY"))
    assert (place.code, place.level) == (code, level)


@pytest.mark.parametrize(
    "text", ["in Aleppo", "in eastern Aleppo", "in Khan Sheikhoun", "in Raqqa"]
)
def test_without_a_country_a_place_is_only_its_country(text):
    (place,) = find_places(text)
    assert (place.code, place.level) == ("SY", "country")


def test_a_place_of_another_pack_is_its_country():
    (place,) = find_places("in Antioquia", country_pack("SY"))
    assert (place.code, place.level) == ("CO", "country")
    (place,) = find_places("in Antioquia", country_pack("CO"))
    assert (place.code, place.level) == ("CO-ANT", "governorate")


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("since March 2011", "2011-03-01", None),
        ("in December 2016", "2016-12-01", "2016-12-31"),
        ("between 2012 and 2014", "2012-01-01", "2014-12-31"),
        ("from March 2011 to March 2021", "2011-03-01", "2021-03-31"),
        ("by the end of 2016", None, "2016-12-31"),
        ("as of December 31, 2019", None, "2019-12-31"),
        ("since the start of the war", "2011-03-01", None),
        ("on 21 August 2013", "2013-08-21", "2013-08-21"),
        ("2011-2016", "2011-01-01", "2016-12-31"),
        ("in February 2016", "2016-02-01", "2016-02-29"),
        ("this year", "2017-01-01", "2017-12-31"),
        ("last month", "2017-04-01", "2017-04-30"),
    ],
)
def test_periods(text, first, last):
    (period,) = find_periods(text, dt.date(2017, 5, 2), war_start("SY", dt.date(2017, 5, 2)))
    assert (period.first_day.isoformat() if period.first_day else None) == first
    assert (period.last_day.isoformat() if period.last_day else None) == last


def test_relative_periods_need_a_date():
    assert find_periods("killed this year") == []


def test_a_dateline_is_not_the_scope():
    claims = extract_claims(
        "BEIRUT (Reuters) - SOHR said 40 people were killed in Idlib.", country="SY"
    )
    assert list(claims["place_code"]) == ["SY-ID"]
    assert list(claims["outlet"]) == ["Reuters"]


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [  # dates written without their year take the document's (UN briefings, 2024-10-01)
        ("As of 31 August, the mission had verified", None, "2024-08-31"),
        (
            "documented for April, when at least 129 civilians were killed",
            "2024-04-01",
            "2024-04-30",
        ),
        ("Since the latest incursion on 10 May, at least 6,000", "2024-05-10", None),
        ("Since the military coup of 1 February 2021, the junta", "2021-02-01", None),
        ("To date, the mission has corroborated 7,061", "2023-10-07", None),  # the war's start
        ("Up to 30 June the ministry had reported", None, "2024-06-30"),
        ("in the fighting from June 6 to August 25, 1982,", "1982-06-06", "1982-08-25"),
        ("died between April and July 1994", "1994-04-01", "1994-07-31"),
        ("By mid-March 2022, SOHR reported", None, "2022-03-15"),
        ("For the 50-day war of 2014, the toll was", "2014-01-01", "2014-12-31"),
        (
            "Civilians | 52,000+ killed | 3 November 2020 – 2 February 2021 |",
            "2020-11-03",
            "2021-02-02",
        ),
        ("since the start of the fighting", "2023-10-07", None),  # a text about Gaza
    ],
)
def test_periods_of_real_text(text, first, last):
    (period,) = find_periods(text, dt.date(2024, 10, 1), war_start("PS", dt.date(2024, 10, 1)))
    assert (period.first_day.isoformat() if period.first_day else None) == first
    assert (period.last_day.isoformat() if period.last_day else None) == last


def test_the_war_began_when_the_text_says_for_its_country():
    assert war_start("UA", dt.date(2024, 10, 1)) == dt.date(2022, 2, 24)
    assert war_start("UA", dt.date(2016, 1, 1)) == dt.date(2014, 4, 6)
    assert war_start("SY", dt.date(2017, 5, 2)) == dt.date(2011, 3, 1)
    assert war_start(None) is None and war_start("FR") is None  # no country is assumed
    assert find_periods("since the war began") == []  # an unknown start is no period


def test_a_month_without_a_year_is_a_name_not_the_verb_may():
    assert find_periods("the toll may rise", dt.date(2024, 10, 1)) == []
    (period,) = find_periods("in May, 300 people were killed", dt.date(2024, 10, 1))
    assert period.first_day == dt.date(2024, 5, 1)


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        (
            "In the first six months of 2018, 1,692 civilians were killed",
            "2018-01-01",
            "2018-06-30",
        ),
        ("in the second half of 2016", "2016-07-01", "2016-12-31"),
        ("in the last quarter of 2020", "2020-10-01", "2020-12-31"),
    ],
)
def test_parts_of_a_year(text, first, last):
    (period,) = find_periods(text)
    assert (period.first_day.isoformat(), period.last_day.isoformat()) == (first, last)


def test_relative_days_and_weeks_and_a_start_and_end_stated_apart():
    date = dt.date(2023, 12, 30)
    (period,) = find_periods("165 Gazans had been killed over the past 24 hours", date)
    assert (period.first_day, period.last_day) == (dt.date(2023, 12, 29), date)
    (period,) = find_periods("at least 40 were killed last week", date)
    assert (period.first_day, period.last_day) == (dt.date(2023, 12, 18), dt.date(2023, 12, 24))
    text = (
        "As of 31 August, the mission had verified that violence had killed 11,743 civilians in "
        "Ukraine since 24 February 2022."
    )
    (claim,) = extract_claims(text, date="2024-10-01").to_dict("records")
    assert (str(claim["period_start"]), str(claim["period_end"])) == ("2022-02-24", "2024-08-31")


def test_a_war_the_table_does_not_know_yet_has_no_start():
    # a 2008 text about Darfur: Sudan's war in the table began in 2023
    assert war_start("SD", dt.date(2008, 4, 22)) is None
    (period,) = find_periods("since the conflict began in 2003", dt.date(2008, 4, 22))
    assert (period.first_day, period.last_day) == (dt.date(2003, 1, 1), None)
