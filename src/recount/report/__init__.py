"""The report stage: out/report.html and the exports beside it."""

from __future__ import annotations

import importlib.metadata
import platform
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from recount.errors import WorkspaceError
from recount.exports import atomic_target, write_frame, write_workbook
from recount.reference import NO_PACK, available_packs, workspace_pack
from recount.report import charts, figures
from recount.report import linkage as linkage_figures
from recount.report.figures import UNKNOWN_UNIT
from recount.report.render import chart_block, render, table_block
from recount.workspace import Workspace

__all__ = ["write_report", "write_exports", "simulation_truth"]

NAME_COLUMNS = ("name", "name_latin", "name_forms")
PACKAGES = (
    "recount",
    "splink",
    "duckdb",
    "numpy",
    "scipy",
    "statsmodels",
    "pandas",
    "pyarrow",
    "numba",
    "altair",
)
REQUIRED = ("records", "persons", "record_person", "pairs")


def _redact_option(ws: Workspace, redact: bool | None) -> bool:
    return ws.config.report.with_overrides(redact=redact).redact


def simulation_truth(ws: Workspace) -> int | None:
    """The true total when the workspace holds simulated lists (truth/totals.csv), else None."""
    path = ws.root / "truth" / "totals.csv"
    if not path.exists():
        return None
    totals = pd.read_csv(path)
    if "deaths" not in totals.columns:
        return None
    return int(totals["deaths"].sum())


def _truth_note(headline: dict[str, Any], truth: int | None) -> str:
    if truth is None:
        return ""
    text = f"Simulated data: the simulator's true total is {truth:,}."
    if headline["estimate"] is None:
        return text + " No estimate was made."
    inside = headline["lower"] <= truth <= headline["upper"]
    if inside:
        return text + " It lies inside the estimated 95% interval."
    side = "above" if truth > headline["upper"] else "below"
    return (
        text
        + f" It lies {side} the estimated 95% interval. MSE assumes that, within a stratum, lists capture "
        "people independently once heterogeneity is modelled; lists that share informants or a group that "
        "no list reaches well break that assumption and pull the estimate low."
    )


def _versions() -> pd.DataFrame:
    rows = [{"software": "python", "version": platform.python_version()}]
    for package in PACKAGES:
        try:
            rows.append({"software": package, "version": importlib.metadata.version(package)})
        except importlib.metadata.PackageNotFoundError:
            continue
    return pd.DataFrame(rows)


def _inputs(ws: Workspace) -> pd.DataFrame:
    if not ws.has_table("sources"):
        return pd.DataFrame(columns=["source_id", "path", "sha256"])
    frame = ws.table("sources")
    keep = [
        c
        for c in ("source_id", "path", "format", "encoding", "rows_in", "sha256", "ingested_at")
        if c in frame
    ]
    return frame[keep]


def _runs(ws: Workspace) -> pd.DataFrame:
    if not ws.has_table("stage_runs"):
        return pd.DataFrame(columns=["stage", "finished_at", "seconds", "summary", "fingerprint"])
    return ws.query(
        "select stage, finished_at, round(seconds, 1) as seconds, summary, fingerprint from stage_runs "
        "qualify row_number() over (partition by stage order by finished_at desc) = 1 order by finished_at"
    )


def _claims(ws: Workspace) -> pd.DataFrame | None:
    if not ws.has_table("claims"):
        return None
    from recount.claims import claims_for_report

    frame = claims_for_report(ws)
    return frame if len(frame) else None


def _no_estimate_reason(ws: Workspace) -> str:
    if not ws.has_table("estimates"):
        return "the estimate stage has not run (`recount estimate`)"
    from recount.estimate.headline import no_estimate_reason

    return no_estimate_reason(ws.table("estimates"))


def _persons_export(ws: Workspace, redact: bool) -> pd.DataFrame:
    persons = ws.table("persons")
    if redact:
        persons = persons.drop(columns=[c for c in NAME_COLUMNS if c in persons.columns])
    return persons


def write_exports(ws: Workspace, redact: bool | None = None) -> dict[str, Path]:
    """persons, estimates and the sources summary as CSV and Parquet, and one XLSX workbook."""
    redact = _redact_option(ws, redact)
    folder = ws.out_dir / "exports"
    tables = {"persons": _persons_export(ws, redact), "sources": figures.lists_summary(ws)}
    if ws.has_table("estimates"):
        tables["estimates"] = ws.table("estimates")
    written: dict[str, Path] = {}
    for name, frame in tables.items():
        for suffix in (".csv", ".parquet"):
            written[f"{name}{suffix}"] = write_frame(frame, folder / f"{name}{suffix}")
    written["recount.xlsx"] = write_workbook(tables, folder / "recount.xlsx")
    return written


def _named_units(frame: pd.DataFrame, pack, written: dict[str, str]) -> pd.DataFrame:
    """The table of admin units with each unit named beside its code, under the country's word
    for them (department, state)."""
    names = frame["governorate"].map(
        lambda code: code if code == UNKNOWN_UNIT else figures.admin_unit_name(code, pack, written)
    )
    named = frame.assign(governorate=names).rename(columns={"governorate": pack.admin_word})
    codes = frame["governorate"].where(frame["governorate"] != names, "")
    return named.assign(code=codes)[[pack.admin_word, "code", *frame.columns[1:]]]


def _no_admin_units(ws: Workspace, pack) -> str:
    """Why no person has a first-level admin unit, and what would give them one."""
    mapped = [s.id for s in ws.config.sources if "governorate" in s.columns]
    if not mapped:
        return "no list maps a governorate column ([sources.columns] governorate)"
    if pack is NO_PACK:
        return (
            f"no country pack is set, so the values of {', '.join(mapped)} were kept as written "
            "(records.governorate_raw); set [project] country to the lists' ISO 3166-1 code "
            f"(packs with places: {', '.join(available_packs())}; any other country's units come "
            "from ISO 3166-2), or map them with [sources.values.governorate]"
        )
    return f"no value of {', '.join(mapped)} is one of {pack.name}'s {pack.admin_word_plural}"


def write_report(ws: Workspace, redact: bool | None = None) -> Path:
    """Write out/report.html (self-contained, offline) and the exports; returns the report's path."""
    present = set(ws.tables())
    missing = [t for t in REQUIRED if t not in present]
    if missing:
        raise WorkspaceError(
            f"{ws.root}: cannot report without {', '.join(missing)}; run `recount run`"
        )
    with ws.reading():  # a hundred queries on one open database (4.1 -> 1.1 CPU-s, note 236)
        return _write_report(ws, _redact_option(ws, redact))


def _write_report(ws: Workspace, redact: bool) -> Path:
    head = figures.headline(ws)
    period = head["period"]
    method = head["method"] or ws.config.estimate.methods[0]
    governorates = figures.by_governorate(ws)
    pack = workspace_pack(ws)
    written_units = figures.admin_names_as_written(ws)
    yearly = figures.estimates_by_year(ws)
    monthly = figures.monthly_by_list(ws)
    lists = figures.lists_summary(ws)
    link = figures.linkage_summary(ws)
    strata = figures.stratum_estimates(ws)
    chart_blocks = {
        "governorates": (
            chart_block(
                "chart-governorates",
                charts.by_governorate(governorates, period, pack, written_units),
            )
            if (governorates["governorate"] != UNKNOWN_UNIT).any()
            else None
        ),
        "monthly": (
            chart_block("chart-monthly", charts.monthly_by_list(monthly, period))
            if len(monthly)
            else None
        ),
        "yearly": (
            chart_block(
                "chart-yearly",
                charts.estimates_by_year(yearly, figures.documented_by_year(ws), method),
            )
            if len(yearly)
            else None
        ),
        "lists": chart_block("chart-lists", charts.lists_bars(lists.dropna(subset=["people"]))),
        "overlap": chart_block(
            "chart-overlap", charts.overlap_heatmap(figures.pairwise_overlap(ws))
        ),
        "upset": chart_block(
            "chart-upset", charts.upset(figures.capture_patterns(ws), figures.source_ids(ws))
        ),
        "weights": chart_block(
            "chart-weights",
            charts.match_weights(figures.match_weight_histogram(ws), link["threshold"]),
        ),
        "cluster_sizes": chart_block(
            "chart-cluster-sizes",
            charts.count_bars(
                figures.cluster_sizes(ws), "records_per_person", "Records per documented person"
            ),
        ),
        "lists_per_person": chart_block(
            "chart-lists-per-person",
            charts.count_bars(figures.lists_per_person(ws), "lists", "Lists per documented person"),
        ),
        "strata": (
            chart_block("chart-strata", charts.stratum_intervals(strata, method))
            if len(strata) and ((strata["method"] == method) & (strata["status"] == "ok")).any()
            else None
        ),
    }
    chart_blocks["sensitivity"] = (
        chart_block(
            "chart-prior-sensitivity",
            charts.prior_sensitivity(
                head["sensitivity"]["frame"],
                head["sensitivity"]["documented"],
                head["sensitivity"]["bound"],
            ),
        )
        if head["sensitivity"]
        else None
    )
    by_threshold = linkage_figures.sensitivity(ws, head["method"])
    chart_blocks["threshold"] = (
        chart_block("chart-threshold", linkage_figures.threshold_chart(by_threshold))
        if by_threshold is not None
        else None
    )
    singletons = linkage_figures.singleton_table(ws)
    link_errors = linkage_figures.error_table(ws)
    claims_frame = _claims(ws)
    missing_fields = figures.missing_fields(ws)
    context = {
        "admin_word": pack.admin_word,
        "project": ws.config.project_name,
        "event": ws.config.project.event,
        "generated_at": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "redacted": redact,
        "headline": head,
        "n_lists": len(figures.source_ids(ws)),
        "no_estimate_reason": _no_estimate_reason(ws),
        "no_admin_units": _no_admin_units(ws, pack),
        "undated": figures.undated(ws),
        "truth_note": _truth_note(head, simulation_truth(ws)),
        "status_table": table_block(figures.by_status(ws)),
        "governorate_table": table_block(_named_units(governorates, pack, written_units)),
        "governorate_note": figures.strata_sum_note(ws, head, "governorate", pack.admin_word),
        "year_note": figures.strata_sum_note(ws, head, "year", "year"),
        "imputed_note": figures.imputed_note(ws, head),
        "lists_table": table_block(lists, share_columns=("share_of_documented",)),
        "threshold": link["threshold"],
        "linkage_table": table_block(link["summary"]),
        "totals_table": table_block(figures.total_levels(ws)),
        "headline_linkage": linkage_figures.headline_linkage(ws, head),
        "corrected_total": linkage_figures.corrected_total(ws, head["method"]),
        "singletons_table": (
            table_block(
                singletons,
                share_columns=(
                    "on_this_list_only",
                    "implied_by_the_error_rates",
                    "audit_missed_share",
                ),
            )
            if singletons is not None
            else None
        ),
        "link_errors_table": (
            table_block(link_errors, share_columns=("missed_link_rate", "false_link_rate"))
            if link_errors is not None
            else None
        ),
        "borderline_table": table_block(figures.borderline_pairs(ws, link["threshold"], redact)),
        "strata_table": table_block(strata),
        "not_estimable_table": table_block(figures.not_estimable(ws)),
        "quarantine_table": table_block(figures.quarantine_summary(ws)),
        "missing_table": table_block(
            missing_fields,
            share_columns=tuple(
                c for c in missing_fields.columns if c not in ("source_id", "records")
            ),
        ),
        "not_given": figures.fields_no_list_gives(ws),
        "unidentified_table": table_block(figures.unidentified_by_source(ws)),
        "claims_table": table_block(claims_frame) if claims_frame is not None else None,
        "versions_table": table_block(_versions()),
        "inputs_table": table_block(_inputs(ws)),
        "runs_table": table_block(_runs(ws)),
        "config_text": ws.config_path.read_text(encoding="utf-8"),
        "charts": chart_blocks,
    }
    html = render(context)
    ws.out_dir.mkdir(parents=True, exist_ok=True)
    target = ws.out_dir / "report.html"
    with atomic_target(target) as tmp:
        Path(tmp).write_text(html, encoding="utf-8")
    write_exports(ws, redact=redact)
    return target
