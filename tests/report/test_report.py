from __future__ import annotations

import re
import shutil
import warnings

import openpyxl
import pandas as pd
import pytest
from report_helpers import with_open_refit

from recount.claims.check import Evidence, matching_estimate
from recount.errors import WorkspaceError
from recount.estimate.headline import HEADLINE_CAUTIONS
from recount.estimate.preferred import FLOOR_FLAG, mark_preferred
from recount.report import write_report
from recount.report.figures import estimates_by_year, headline, missing_fields
from recount.workspace import Workspace

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("report")]

SECTIONS = (
    "headline",
    "governorates",
    "time",
    "lists",
    "linkage",
    "estimation",
    "quality",
    "claims",
    "provenance",
)


@pytest.fixture(scope="module")
def report_html(report_workspace):
    path = write_report(report_workspace, redact=False)
    return path.read_text(encoding="utf-8")


def test_report_has_every_section_and_no_external_resource(report_html):
    for section in SECTIONS:
        assert f'<section id="{section}">' in report_html
    assert not re.search(r"""(src|href)=["']https?://""", report_html)
    assert "cdn.jsdelivr" not in report_html


def test_headline_figures_trace_to_tables(report_workspace, report_html):
    documented = len(report_workspace.table("persons"))
    total = report_workspace.query(
        "select estimate, lower, upper from estimates where level = 'total'"
    ).iloc[0]
    assert f"{documented:,}" in report_html
    assert f"{total['estimate']:,.0f}" in report_html
    assert f"{total['lower']:,.0f} to {total['upper']:,.0f}" in report_html
    unidentified = int(
        report_workspace.query("select count(*) from record_person where person_id is null").iloc[
            0, 0
        ]
    )
    assert f">{unidentified}<" in report_html.replace(",", "")


def test_names_are_escaped_and_redaction_removes_them(report_workspace, report_html):
    assert "<script>alert(1)</script>" not in report_html
    redacted = write_report(report_workspace, redact=True).read_text(encoding="utf-8")
    assert "Redacted: no names" in redacted
    persons = pd.read_csv(report_workspace.out_dir / "exports" / "persons.csv")
    assert "name" not in persons.columns and "name_latin" not in persons.columns
    write_report(report_workspace, redact=False)


def test_exports_neutralise_formulas(report_workspace, report_html):
    folder = report_workspace.out_dir / "exports"
    for name in ("persons", "estimates", "sources"):
        assert (folder / f"{name}.csv").exists() and (folder / f"{name}.parquet").exists()
    book = openpyxl.load_workbook(folder / "recount.xlsx", read_only=True)
    assert {"persons", "estimates", "sources"} <= set(book.sheetnames)
    sheet = book["persons"]
    header = [c.value for c in next(sheet.iter_rows(max_row=1))]
    statuses = [
        row[header.index("statuses")] for row in sheet.iter_rows(min_row=2, values_only=True)
    ]
    assert '\'=HYPERLINK("http://x")' in statuses
    assert not any(isinstance(v, str) and v.startswith("=") for v in statuses)
    csv_statuses = pd.read_csv(folder / "persons.csv")["statuses"]
    assert (csv_statuses == '\'=HYPERLINK("http://x")').sum() == 1
    assert len(pd.read_parquet(folder / "persons.parquet")) == len(
        report_workspace.table("persons")
    )


def test_report_and_claims_quote_the_same_preferred_estimate(report_workspace, tmp_path):
    """The demo's report said 20,569 (the pooled total) while claims were judged against
    18,394 (the strata sum, a floor here): both now read the stage's `preferred` mark."""
    shutil.copytree(report_workspace.root, tmp_path / "ws")
    ws = Workspace(tmp_path / "ws")
    estimates = ws.table("estimates")
    total = estimates[estimates["level"] == "total"].iloc[[0]].copy()
    total["flag"] = "includes_not_estimable_strata"
    total[["estimate", "lower", "upper"]] = [18_394.0, 17_500.0, 19_400.0]
    pooled = total.assign(level="total_pooled", flag=None)
    pooled[["estimate", "lower", "upper"]] = [20_569.0, 19_285.0, 22_826.0]
    rest = estimates[~estimates["level"].isin(["total", "total_pooled"])].copy()
    # A floor that matters: the strata added at their documented count hold a tenth of it.
    added = (rest["level"] == "stratum") & (rest["status"] != "ok")
    assert added.any()
    rest.loc[added, "documented"] = int(total["documented"].iloc[0]) // 10
    ws.write_table("estimates", pd.concat([rest, total, pooled], ignore_index=True))
    head = headline(ws)
    evidence = Evidence(ws.table("persons"), ws.table("estimates"), "killed")
    quoted = matching_estimate(evidence.estimates, None, None, None, evidence)
    assert (head["level"], head["estimate"]) == ("total_pooled", 20_569.0)
    assert (quoted["level"], quoted["estimate"]) == (head["level"], head["estimate"])


def test_missing_tables_give_a_clear_error(tmp_path):
    ws = Workspace.init(tmp_path)
    with pytest.raises(WorkspaceError, match="recount run"):
        write_report(ws)


def test_headline_says_when_its_total_cannot_be_trusted(report_workspace, tmp_path):
    assert headline(report_workspace)["cautions"] == []
    shutil.copytree(report_workspace.root, tmp_path / "ws")
    ws = Workspace(tmp_path / "ws")
    estimates = ws.table("estimates")
    estimates.loc[estimates["level"] == "total", "flag"] = "poor_convergence;methods_disagree"
    ws.write_table("estimates", estimates)
    cautions = headline(ws)["cautions"]
    assert cautions == [
        HEADLINE_CAUTIONS["poor_convergence"],
        HEADLINE_CAUTIONS["methods_disagree"],
    ]
    html = write_report(ws).read_text(encoding="utf-8")
    assert "have not converged" in html and "ess_target = 1000" in html
    assert html.index("have not converged") < html.index('id="governorates"')
    # read first, right under the figures: before what the prior and the linkage add to them
    with_open_refit(ws, 0.5)
    estimates = ws.table("estimates")
    estimates.loc[estimates["level"] == "total", "flag"] += ";poor_convergence"
    ws.write_table("estimates", estimates)
    html = write_report(ws).read_text(encoding="utf-8")
    cards_end = html.index('<div class="cards">')
    caution = html.index("have not converged")
    assert cards_end < caution < html.index('id="prior-sensitivity"')


def test_headline_shows_what_the_lists_leave_open_above_it(report_workspace, tmp_path):
    """The preferred total refitted under the open capture prior: the sentence and the figure
    beside the headline; where its upper end is far above, the lists do not bound it, and
    where it runs into the sampler's bound the figure draws the bound. Without a refit,
    neither."""
    assert headline(report_workspace)["sensitivity"] is None
    html = write_report(report_workspace).read_text(encoding="utf-8")
    assert 'id="prior-sensitivity"' not in html and "chart-prior-sensitivity" not in html
    shutil.copytree(report_workspace.root, tmp_path / "ws")
    ws = Workspace(tmp_path / "ws")
    bound = with_open_refit(ws, 0.9)
    head = headline(ws)
    assert head["sensitivity"]["bound"] == bound
    html = write_report(ws).read_text(encoding="utf-8")
    sentence = html[html.index('id="prior-sensitivity"') : html.index('id="governorates"')]
    assert "The lists fix a lower bound, not an upper one" in sentence
    assert f"{0.9 * bound:,.0f}" in sentence and "running into the sampler" in sentence
    assert "chart-prior-sensitivity" in sentence
    assert html.index('id="prior-sensitivity"') < html.index('id="governorates"')


def test_linkage_sentence_rounds_the_threshold(report_workspace, tmp_path):
    """A calibrated threshold is a long float; the sentence quotes it as the table does."""
    shutil.copytree(report_workspace.root, tmp_path / "ws")
    ws = Workspace(tmp_path / "ws")
    summary = ws.table("link_summary")
    summary.loc[summary["metric"] == "threshold", "value"] = 0.48522238953664115
    ws.write_table("link_summary", summary)
    html = write_report(ws).read_text(encoding="utf-8")
    assert "0.48522238953664115" not in html
    assert "match probability reaches 0.485." in html


def test_report_is_written_when_no_stratum_could_be_estimated(report_workspace, tmp_path):
    """Two lists, or strata all too sparse: the report says so instead of crashing on a chart."""
    shutil.copytree(report_workspace.root, tmp_path / "ws")
    ws = Workspace(tmp_path / "ws")
    estimates = ws.table("estimates")
    strata = estimates["level"] == "stratum"
    estimates.loc[strata, "status"] = "not_estimable"
    estimates.loc[strata, ["estimate", "lower", "upper"]] = float("nan")
    ws.write_table("estimates", estimates)
    html = write_report(ws).read_text(encoding="utf-8")
    assert 'id="chart-strata"' not in html
    assert '<section id="estimation">' in html


def test_strata_of_the_year_alone_give_the_estimate_by_year(report_workspace, tmp_path):
    """With `strata = ["year"]` the years are the finest level, named `stratum`: the report
    said "the strata do not include the year" (note 83)."""
    shutil.copytree(report_workspace.root, tmp_path / "ws")
    ws = Workspace(tmp_path / "ws")
    estimates = ws.table("estimates")
    kept = estimates[estimates["level"].isin(["year", "total", "total_pooled"])]
    by_year = kept.drop(columns=["governorate", "preferred"], errors="ignore")
    by_year.loc[by_year["level"] == "year", "level"] = "stratum"
    ws.write_table("estimates", by_year.assign(preferred=mark_preferred(by_year)))
    years = sorted(kept.loc[kept["level"] == "year", "year"].dropna().unique())
    assert years and list(estimates_by_year(ws)["year"]) == years
    html = write_report(ws).read_text(encoding="utf-8")
    assert "No estimate by year" not in html and 'id="chart-yearly"' in html


def test_lists_without_dates_of_death_say_so_over_time_and_warn_nothing(report_workspace, tmp_path):
    """Lists of births or of the missing may give no date of death: the time section says
    that, not that the strata lack the year, and draws no empty chart (altair warned)."""
    shutil.copytree(report_workspace.root, tmp_path / "ws")
    ws = Workspace(tmp_path / "ws")
    persons = ws.table("persons")
    persons[["date_of_death", "year", "month", "date_precision"]] = None
    ws.write_table("persons", persons)
    estimates = ws.table("estimates")
    totals = estimates[estimates["level"].isin(["total", "total_pooled"])]
    ws.write_table("estimates", totals.assign(preferred=mark_preferred(totals)))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        html = write_report(ws).read_text(encoding="utf-8")
    assert "Dates of death unknown" in html and "Dates of death dates unknown" not in html
    time = html.split('<section id="time">')[1].split("</section>")[0]
    assert "No documented person has a date of death" in time
    assert "do not include the year" not in time and "chart-monthly" not in time


def test_missing_fields_cover_births_and_name_the_fields_no_list_gives(report_workspace, tmp_path):
    """Lists of births give dates and places of birth, not of death: the table showed
    date_of_death, governorate and place 100% missing and said nothing of the births."""
    shutil.copytree(report_workspace.root, tmp_path / "ws")
    ws = Workspace(tmp_path / "ws")
    records = ws.table("records")
    records["date_of_birth"] = pd.to_datetime("1850-03-01").date()
    records["place_of_birth"] = "Tesarivka"  # made up
    records[["date_of_death", "age"]] = None
    ws.write_table("records", records)
    missing = missing_fields(ws)
    assert {"date_of_birth", "place_of_birth"} <= set(missing.columns)
    assert not {"date_of_death", "age"} & set(missing.columns)
    html = write_report(ws).read_text(encoding="utf-8")
    quality = html.split('<section id="quality">')[1].split("</section>")[0]
    said = quality.split("No list gives: ")[1].split(".</p>")[0].split(", ")
    assert {"age", "date_of_death"} <= set(said) and "date_of_birth" not in said


def test_no_admin_unit_known_gives_a_note_not_a_lone_unknown_bar(report_workspace, tmp_path):
    """Without a country pack a governorate column is kept as written, so every person's
    governorate is empty: the section drew one bar named 'unknown'; it now says why."""
    shutil.copytree(report_workspace.root, tmp_path / "ws")
    ws = Workspace(tmp_path / "ws")
    persons = ws.table("persons")
    persons["governorate"] = None
    ws.write_table("persons", persons)
    said = []
    for _ in range(2):
        html = write_report(ws).read_text(encoding="utf-8")
        section = html.split('<section id="governorates">')[1].split("</section>")[0]
        assert "chart-governorates" not in section
        said.append(section.split("No documented person has a known admin unit: ")[1])
        (ws.root / "alpha.csv").write_text("name,region\nA B,North\n", encoding="utf-8")
        with (ws.root / "recount.toml").open("a", encoding="utf-8") as toml:
            toml.write('[[sources]]\nid = "alpha"\npath = "alpha.csv"\n[sources.columns]\n')
            toml.write('name = "name"\ngovernorate = "region"\n')
        ws = Workspace(ws.root)
    assert said[0].startswith("no list maps a governorate column")
    assert said[1].startswith("no country pack is set") and "[project] country" in said[1]


def test_estimates_by_year_and_unit_say_why_they_run_low(report_workspace, tmp_path):
    """A year's (or governorate's) estimate sums its strata, and a stratum too small to
    estimate counts only at its documented number: beside each chart the report says how
    many such strata there are, with how many people, and the sum's total beside the
    pooled headline's (the demo's years summed to 18,114 under a headline of 19,402)."""
    estimates = report_workspace.table("estimates")
    strata = estimates[(estimates["level"] == "stratum") & (estimates["method"] == "lcmcr")]
    unestimated = strata[strata["status"] != "ok"]
    assert len(unestimated) == 1
    html = write_report(report_workspace).read_text(encoding="utf-8")
    for section, level in (("time", "year"), ("governorates", "governorate")):
        text = html.split(f'<section id="{section}">')[1].split("</section>")[0]
        note = text.split(f'id="{level}-sum-note">')[1].split("</p>")[0]
        assert f"&#39;s estimate adds up its strata; 1 of the {len(strata):,} strata" in note
        assert f"({int(unestimated['documented'].iloc[0]):,} documented people)" in note
        assert "pooled table" not in note  # the headline is the sum itself
    # many people in the strata left out: the headline is the pooled table, the note says both
    shutil.copytree(report_workspace.root, tmp_path / "ws")
    ws = Workspace(tmp_path / "ws")
    many = estimates.copy()
    many.loc[unestimated.index, "documented"] = 200
    many.loc[many["level"] == "total", "flag"] = FLOOR_FLAG
    ws.write_table("estimates", many.assign(preferred=mark_preferred(many)))
    head = headline(ws)
    assert head["level"] == "total_pooled"
    html = write_report(ws).read_text(encoding="utf-8")
    note = html.split('id="year-sum-note">')[1].split("</p>")[0]
    assert "(200 documented people)" in note
    assert f"the total is {head['other']['estimate']:,.0f}, against" in note
    assert f"{head['estimate']:,.0f} from the one pooled table" in note
    # every stratum estimated: nothing to say
    ws.write_table("estimates", estimates[estimates["status"] == "ok"])
    html = write_report(ws).read_text(encoding="utf-8")
    assert "-sum-note" not in html


def test_the_report_says_how_many_strata_and_people_the_draw_placed(report_workspace, tmp_path):
    """Where the estimate stage drew some people's unknown place or date (`imputed`), the
    estimation section says in how many strata, how many people and what share of the
    documented; nothing where nobody was drawn, or where the table predates the column."""
    ws = Workspace(shutil.copytree(report_workspace.root, tmp_path / "ws"))
    estimates = ws.table("estimates")
    method = headline(ws)["method"]
    strata = estimates[(estimates["level"] == "stratum") & (estimates["method"] == method)]
    placed = strata.index[:3]
    estimates["imputed"] = 0
    estimates.loc[placed, "imputed"] = [5, 7, 9]
    ws.write_table("estimates", estimates)
    html = write_report(ws).read_text(encoding="utf-8")
    section = html.split('<section id="estimation">')[1].split("</section>")[0]
    note = section.split('id="imputed-note">')[1].split("</p>")[0]
    documented = int(strata["documented"].sum())
    assert note.startswith(f"3 of the {len(strata):,} strata hold people whose admin unit or date")
    assert f"21 of the {documented:,} documented people ({21 / documented:.1%})" in note
    ws.write_table("estimates", estimates.assign(imputed=0))
    assert "imputed-note" not in write_report(ws).read_text(encoding="utf-8")
    with ws.connect() as con:  # a table the stage wrote before it counted them
        con.execute("alter table estimates drop column imputed")
    assert "imputed-note" not in write_report(ws).read_text(encoding="utf-8")
