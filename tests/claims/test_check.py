"""Verdicts: each claim held against documented counts and estimates in a real workspace."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from recount.claims import add_claims, check_claims, claims_for_report, extract_claims, list_claims
from recount.claims.check import Evidence, check_frame, documented_count
from recount.claims.evaluate import case_arguments, case_text, load_corpus
from recount.errors import WorkspaceError
from recount.workspace import Workspace

CORPUS = Path(__file__).parent / "corpus.toml"
VERDICT_CASES = [
    c for c in load_corpus(CORPUS) if any("verdict" in claim for claim in c.get("claim", []))
]


@pytest.mark.parametrize("case", VERDICT_CASES, ids=[c["id"] for c in VERDICT_CASES])
def test_corpus_verdicts(case, evidence, gazetteer):
    outlet, date = case_arguments(case)
    claims = extract_claims(
        case_text(case), outlet=outlet, date=date, gazetteer=gazetteer, country="SY"
    )
    checks = check_frame(claims, evidence)
    expected = [c.get("verdict") for c in case["claim"]]
    for want, (verdict, reason) in zip(
        expected, checks[["verdict", "reason"]].itertuples(index=False), strict=True
    ):
        if want is not None:
            assert verdict == want, reason
        assert reason


def test_documented_counts_follow_scope(evidence):
    persons = evidence.persons
    assert documented_count(persons, None, None, None, "all") == 2450
    assert documented_count(persons, "SY-HL", None, None, "all") == 1050
    import datetime as dt

    year_2016 = documented_count(persons, None, dt.date(2016, 1, 1), dt.date(2016, 12, 31), "all")
    assert year_2016 == 650  # the undated Aleppo people are not counted in any period
    december = documented_count(
        persons, "SY-HL", dt.date(2016, 12, 1), dt.date(2016, 12, 31), "all"
    )
    assert december == sum(1 for i in range(400) if i % 12 == 11)
    civilians = documented_count(persons, None, None, None, "civilians")
    assert civilians == (persons["status"] == "civilian").sum()
    assert documented_count(persons, None, None, None, "children") == (persons["age"] < 18).sum()


def test_preferred_method_is_lcmcr_not_chapman(evidence):
    claims = extract_claims("SNHR says 3,100 people have been killed.", date="2017-03-01")
    check = check_frame(claims, evidence).iloc[0]
    assert check["method"] == "lcmcr"
    assert (
        check["verdict"] == "below_estimate"
    )  # chapman's interval (2,800-3,300) would call it consistent
    assert (check["estimate"], check["lower"], check["upper"]) == (4000.0, 3200.0, 5200.0)


def test_a_claim_above_the_interval_that_the_lists_do_not_rule_out(evidence):
    """Above the headline's interval (5,200) but within the total refitted under a capture
    prior that admits people the lists barely reach (to 9,000): not contradicted, the lists
    fix a lower bound only. Above both, or without the refit, it is above the range."""
    estimates = evidence.estimates.copy()
    total = (estimates["level"] == "total") & (estimates["method"] == "lcmcr")
    estimates.loc[total, "sensitivity_upper"] = 9000.0
    opened = Evidence(evidence.persons, estimates, evidence.event)
    text = "SNHR says 7,000 people have been killed. SOHR says 20,000 people have been killed."
    claims = extract_claims(text, date="2017-03-01")
    checks = check_frame(claims, opened)
    assert list(checks["verdict"]) == ["above_estimate", "above_range"]
    assert "not ruled out by the lists" in checks["reason"].iloc[0]
    assert "9,000" in checks["reason"].iloc[0]
    assert list(check_frame(claims, evidence)["verdict"]) == ["above_range", "above_range"]


def test_without_evidence_nothing_is_checkable(tmp_path):
    ws = Workspace.init(tmp_path / "empty")
    claims = extract_claims("SOHR says 3,000 people have been killed.")
    check = check_frame(claims, Evidence(None, None, "killed")).iloc[0]
    assert check["verdict"] == "not_checkable"
    assert "run link and estimate" in check["reason"]
    with pytest.raises(WorkspaceError):
        check_claims(ws)


def test_add_check_and_report(workspace, tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "one.txt").write_text(
        "Outlet: Levant Daily\nDate: 2017-03-01\n\nSNHR says 4,500 people have been killed. "
        "The UN warned that 50,000 could die.",
        encoding="utf-8",
    )
    (folder / "two.md").write_text(
        "The Observatory said 1,000 people had been killed.", encoding="utf-8"
    )
    (folder / "ignored.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    added = add_claims(workspace, folder, date="2017-03-01")
    assert len(added) == 3
    ledger = list_claims(workspace)
    assert len(ledger) == 3
    assert set(ledger["outlet"].dropna()) == {"Levant Daily"}
    # adding the same texts again replaces their claims, never duplicates them
    add_claims(workspace, folder, date="2017-03-01")
    assert len(list_claims(workspace)) == 3
    checks = check_claims(workspace)
    assert workspace.has_table("claim_checks")
    assert sorted(checks["verdict"]) == ["consistent", "not_checkable", "undercount"]
    report = claims_for_report(workspace)
    assert list(report["verdict"]) == ["consistent", "undercount", "not_checkable"]
    assert report.loc[0, "claim"] == "4,500 killed"
    assert (report["reason"].str.len() > 0).all()


def test_report_checks_in_memory_when_checks_are_stale(workspace, tmp_path):
    text = tmp_path / "a.txt"
    text.write_text("SNHR says 4,500 people have been killed.", encoding="utf-8")
    add_claims(workspace, text, date="2017-03-01")
    report = claims_for_report(workspace)
    assert list(report["verdict"]) == ["consistent"]
    assert not workspace.has_table("claim_checks")


def test_report_without_claims_is_empty(evidence_workspace):
    report = claims_for_report(evidence_workspace)
    assert report.empty and "verdict" in report.columns


def test_claims_table_types(workspace, tmp_path):
    text = tmp_path / "a.txt"
    text.write_text("Dozens of people were killed in Idlib in December 2016.", encoding="utf-8")
    add_claims(workspace, text, outlet="Testwire", date="2017-01-02")
    types = dict(
        workspace.query(
            "select column_name, data_type from information_schema.columns where table_name = 'claims'"
        ).values
    )
    assert types["date"] == "DATE" and types["period_start"] == "DATE"
    assert types["low"] == "DOUBLE" and types["start"] == "BIGINT"
    row = workspace.table("claims").iloc[0]
    assert pd.Timestamp(row["period_end"]).date().isoformat() == "2016-12-31"


@pytest.mark.slow
def test_against_the_real_estimate_stage(tmp_path, gazetteer):
    """The estimate stage's own table (Chapman only, to stay fast), not a hand-built one."""
    from claims_frames import build_persons

    from recount.estimate import estimate_workspace

    ws = Workspace.init(tmp_path / "real", country="SY")
    ws.write_tables({"persons": build_persons()})
    estimates = estimate_workspace(ws, strata=["governorate", "year"], methods=["chapman"])
    total = estimates[estimates["level"] == "total"].iloc[0]
    text = (
        f"SNHR says {int(total['estimate'])} people have been killed. "
        "The Observatory said 900 people were killed in Aleppo. "
        "In 2016, 50,000 people were killed, the UN said."
    )
    add_claims(ws, _write(tmp_path / "a.txt", text), date="2017-03-01", gazetteer=gazetteer)
    checks = check_claims(ws)
    assert list(checks["verdict"]) == ["consistent", "undercount", "above_range"]
    aleppo = checks.iloc[1]
    assert aleppo["documented"] == 1050  # the governorate level, not its unknown-year stratum (50)
    assert checks.iloc[2]["level"] == "year"


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_a_rate_is_never_checked_as_a_total(evidence):
    claims = extract_claims("In 2014, 165 people were killed a day on average, the UN said.")
    check = check_frame(claims, evidence).iloc[0]
    assert claims.iloc[0]["rate"] == "day"
    assert check["verdict"] == "not_checkable" and "rate" in check["reason"]


def test_the_workspace_country_comes_from_its_admin_codes(evidence):
    assert evidence.country == "SY"
    assert Evidence(None, None, "killed").country is None
    claims = extract_claims("More than 200,000 people have been killed in Iraq, the UN said.")
    check = check_frame(claims, evidence).iloc[0]
    assert check["verdict"] == "not_checkable" and "outside the workspace (SY)" in check["reason"]


def test_a_ledger_written_before_rates_gains_the_column(workspace, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("SOHR says 3,000 people have been killed.", encoding="utf-8")
    add_claims(workspace, article)
    with workspace.connect() as con:
        con.execute("alter table claims drop column rate")
    article.write_text("SOHR says 165 people were killed a day.", encoding="utf-8")
    add_claims(workspace, article)
    ledger = list_claims(workspace)
    assert sorted(ledger["rate"].dropna()) == ["day"] and len(ledger) == 2


def _colombian_evidence(period_start=None) -> Evidence:
    """1,000 people documented per year 1985-2016 in Antioquia, and an estimated total."""
    from recount import tables

    years = [year for year in range(1985, 2017) for _ in range(1000)]
    persons = pd.DataFrame(
        {
            "person_id": [f"P{i:06d}" for i in range(len(years))],
            "in_a": True,
            "year": years,
            "month": 6,
            "governorate": "CO-ANT",
            "status": "civilian",
        }
    )
    total = {
        "level": "total",
        "documented": len(years),
        "method": "lcmcr",
        "estimate": 50_000.0,
        "lower": 45_000.0,
        "upper": 56_000.0,
        "status": "ok",
        "preferred": True,
    }
    estimates = tables.frame("estimates", pd.DataFrame([total]))
    return Evidence(tables.frame("persons", persons), estimates, "killed", period_start)


def _claim(value: float, start: str | None = None, **fields) -> pd.DataFrame:
    claim = {"claim_id": "c1", "measure": "killed", "value": value, "population": "all"}
    claim |= {"period_start": start, "context": "asserted", **fields}
    return pd.DataFrame([claim])


def test_a_claim_about_part_of_a_colombian_period_is_not_held_against_its_whole_total():
    """A claim's period was 'the whole war' when it started before 2012 (Syria's war began in
    2011): a Colombian claim for 2005 onwards was judged against the 1985-2016 estimate."""
    evidence = _colombian_evidence()
    assert evidence.first_day == dt.date(1985, 1, 1)
    since_2005 = check_frame(_claim(30_000, "2005-01-01"), evidence).iloc[0]
    assert since_2005["verdict"] == "not_checkable" and pd.isna(since_2005["estimate"])
    assert since_2005["documented"] == 12_000  # 2005-2016 only
    whole = check_frame(_claim(50_000, "1985-01-01"), evidence).iloc[0]
    assert whole["verdict"] == "consistent" and whole["estimate"] == 50_000
    # The project's own period start ([names] earliest_date) says where the period begins.
    declared = _colombian_evidence(period_start=dt.date(1958, 1, 1))
    assert check_frame(_claim(50_000, "1985-01-01"), declared).iloc[0]["verdict"] != "consistent"


def test_verdicts_name_the_countrys_admin_units():
    """'all governorates' and 'counts by governorate' were said of every country."""
    evidence = _colombian_evidence()
    assert evidence.admin_words == ("department", "departments")
    below = check_frame(_claim(10, low=10, high=10), evidence).iloc[0]
    assert below["verdict"] == "undercount" and "all departments" in below["reason"]
    assert "governorate" not in below["reason"]
    city = check_frame(_claim(10, place="Medellín", place_level="city"), evidence).iloc[0]
    assert "counts by department" in city["reason"]
    assert Evidence(None, None, "killed").admin_words == ("admin unit", "admin units")
