"""`recount run`: every stage in order, skipping those whose inputs have not changed.

Each stage has a fingerprint: a hash of its own configuration, its own extra
inputs (source files, review labels, claims) and the fingerprint of the stage
before it. A stage whose fingerprint matches its last successful run, and
whose output tables still exist, is not recomputed. Fingerprints live in the
`stage_runs` table, which also records each stage run by its own command (`run_stage`).
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from recount.errors import ConfigError, RecountError
from recount.workspace import Workspace

STAGES = ("ingest", "normalize", "link", "estimate", "claims", "report")
OUTPUTS = {
    "ingest": ("records", "quarantine", "sources"),
    "normalize": ("normalized",),
    "link": ("pairs", "record_person", "persons"),
    "estimate": ("estimates",),
    "claims": ("claim_checks",),
    "report": (),
}


@dataclass
class StageRun:
    stage: str
    status: str  # "ran", "skipped (unchanged)", "skipped (no claims)"
    seconds: float
    summary: str
    fingerprint: str


@dataclass
class RunResult:
    stages: list[StageRun] = field(default_factory=list)
    report_path: Path | None = None


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _hash(*parts: Any) -> str:
    text = json.dumps(parts, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _table_state(ws: Workspace, name: str, order_column: str) -> Any:
    """None for a table absent or empty: the review app creates its tables empty when a user
    is added or it starts, which is no new input (it made `recount run` relink and estimate)."""
    if not ws.has_table(name):
        return None
    row = ws.query(f'select count(*) as n, max("{order_column}") as last from "{name}"').iloc[0]
    return [int(row["n"]), str(row["last"])] if row["n"] else None


def source_digests(ws: Workspace) -> list[list[str]]:
    """Each source file's SHA-256: read once per run, since stages never change the files."""
    return [
        [s.id, str(s.path), file_sha256(s.path) if s.path.exists() else "missing"]
        for s in ws.config.sources
    ]


def estimate_section(ws: Workspace, overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """recount.toml's [estimate] as the stage will read it: the file's keys, and each
    override that changes what the file gives (so an override equal to it changes nothing,
    and any other value reruns the stage). Checks the overrides as the file is checked."""
    section = dict(ws.config.raw.get("estimate", {}))
    given = {k: v for k, v in (overrides or {}).items() if v is not None}
    settings = ws.config.estimate.with_overrides(**given)
    for key in given:
        if getattr(settings, key) != getattr(ws.config.estimate, key):
            section[key] = getattr(settings, key)
    return section


def fingerprints(
    ws: Workspace,
    source_state: list[list[str]] | None = None,
    estimate: dict[str, Any] | None = None,
) -> dict[str, str]:
    """The current fingerprint of every stage, each chained on the one before; `estimate`
    is [estimate] with the run's overrides (estimate_section), the file's by default."""
    config = ws.config
    if source_state is None:
        source_state = source_digests(ws)
    raw_sources = config.raw.get("sources", [])
    version = importlib.metadata.version("recount")
    prints: dict[str, str] = {}
    prints["ingest"] = _hash(version, config.project.event, raw_sources, source_state)
    prints["normalize"] = _hash(version, prints["ingest"], config.raw.get("names", {}))
    prints["link"] = _hash(
        version,
        prints["normalize"],
        config.raw.get("link", {}),
        _table_state(ws, "labels", "label_id"),
        _table_state(ws, "cluster_actions", "action_id"),
    )
    if estimate is None:
        estimate = config.raw.get("estimate", {})
    # the audit's answers calibrate the linkage draws (and decide them, `linkage_draws = auto`)
    prints["estimate"] = _hash(
        version, prints["link"], estimate, _table_state(ws, "audit_answers", "answer_id")
    )
    prints["claims"] = _hash(version, prints["estimate"], _table_state(ws, "claims", "claim_id"))
    prints["report"] = _hash(version, prints["claims"], config.raw.get("report", {}))
    return prints


def _outputs_exist(ws: Workspace, stage: str) -> bool:
    if stage == "report":
        return (ws.out_dir / "report.html").exists()
    return all(ws.has_table(t) for t in OUTPUTS[stage])


def _last_runs(ws: Workspace) -> dict[str, str]:
    if not ws.has_table("stage_runs"):
        return {}
    frame = ws.query(
        "select stage, fingerprint from stage_runs qualify row_number() over "
        "(partition by stage order by finished_at desc) = 1"
    )
    return dict(zip(frame["stage"], frame["fingerprint"], strict=True))


def _record_run(ws: Workspace, run: StageRun) -> None:
    row = pd.DataFrame(
        [
            {
                "stage": run.stage,
                "fingerprint": run.fingerprint,
                "seconds": run.seconds,
                "summary": run.summary,
                "finished_at": datetime.now(UTC).replace(tzinfo=None),
            }
        ]
    )
    ws.append_rows("stage_runs", row)


def run_stage(
    ws: Workspace, stage: str, call: Callable[[], Any], overrides: dict[str, Any] | None = None
) -> Any:
    """Run one stage by its own command (`recount ingest`, `Project.link()`, ...) and record it
    in `stage_runs` as `recount run` records its stages: the report's "Stage runs" shows it,
    and `recount run` skips it while its inputs hold. `overrides`, the options given beside
    recount.toml (None: not given): the estimate's enter its fingerprint as `recount run
    --linkage-draws` does; any other stage's make a fingerprint no later `recount run`
    matches, so it reruns that stage as recount.toml says."""
    started = time.perf_counter()
    output = call()
    seconds = time.perf_counter() - started
    given = {k: v for k, v in (overrides or {}).items() if v is not None}
    if stage == "estimate":
        fingerprint = fingerprints(ws, estimate=estimate_section(ws, given))[stage]
    else:
        fingerprint = fingerprints(ws)[stage]
        if given:
            fingerprint = _hash(fingerprint, given)
    summary = _summaries(ws)[stage](output)
    _record_run(ws, StageRun(stage, "ran", seconds, summary, fingerprint))
    return output


def _summaries(ws: Workspace) -> dict[str, Callable[[Any], str]]:
    def ingest(result: pd.DataFrame) -> str:
        totals = result.select_dtypes("number").sum()
        return (
            f"{len(result)} sources, {int(totals.get('rows_in', 0)):,} rows in = "
            f"{int(totals.get('records', 0)):,} records + {int(totals.get('quarantined', 0)):,} quarantined"
        )

    def normalize(_: Any) -> str:
        row = ws.query(
            "select count(*) as n, count(*) filter (where not identifiable) as u from normalized"
        ).iloc[0]
        return f"{int(row['n']):,} records normalised, {int(row['u']):,} unidentifiable"

    def link(_: Any) -> str:
        pairs = int(ws.query("select count(*) as n from pairs").iloc[0]["n"])
        persons = int(ws.query("select count(*) as n from persons").iloc[0]["n"])
        return f"{pairs:,} scored pairs, {persons:,} documented people"

    def estimate(_: Any) -> str:
        row = ws.query(
            "select count(*) filter (where level = 'stratum') as n, "
            "count(*) filter (where level = 'stratum' and status <> 'ok') as sparse from estimates"
        ).iloc[0]
        from recount.estimate.headline import preferred_total

        total = preferred_total(ws.table("estimates"))
        headline = (
            "no estimate of the total"
            if total is None
            else f"total {total['estimate']:,.0f} ({total['lower']:,.0f}-{total['upper']:,.0f}, "
            f"{total['method']})"
        )
        count = int(row["n"])
        strata = f"{count:,} stratum estimate{'s' if count != 1 else ''}"
        return f"{strata}, {int(row['sparse']):,} not estimable; {headline}"

    def claims(result: Any) -> str:
        return f"{len(result):,} claims checked"

    def report(path: Path) -> str:
        return f"report at {path}"

    return {
        "ingest": ingest,
        "normalize": normalize,
        "link": link,
        "estimate": estimate,
        "claims": claims,
        "report": report,
    }


def _runner(ws: Workspace, stage: str, estimate: dict[str, Any] | None = None) -> Callable[[], Any]:
    """Each stage's entry point, with its options as recount.toml gives them (and the
    estimate stage's `estimate` overrides)."""
    if stage == "ingest":
        from recount.ingest import ingest_workspace

        return lambda: ingest_workspace(ws)
    if stage == "normalize":
        from recount.names import normalize_workspace

        return lambda: normalize_workspace(ws)
    if stage == "link":
        from recount.link import link_workspace

        return lambda: link_workspace(ws)
    if stage == "estimate":
        from recount.estimate.workspace import estimate_workspace

        return lambda: estimate_workspace(ws, **(estimate or {}))
    if stage == "claims":
        from recount.claims import check_claims

        return lambda: check_claims(ws)
    from recount.report import write_report

    return lambda: write_report(ws)


def run_workspace(
    ws: Workspace,
    from_stage: str | None = None,
    on_stage_start: Callable[[str], None] | None = None,
    on_stage_end: Callable[[StageRun], None] | None = None,
    linkage_draws: int | str | None = None,
) -> RunResult:
    """Run every stage in order; `from_stage` forces that stage and all after it.
    `linkage_draws` overrides [estimate] linkage_draws for this run (None keeps it); a
    value other than the file's reruns the estimate stage, as a changed setting does."""
    if from_stage is not None and from_stage not in STAGES:
        raise RecountError(
            f"--from: unknown stage {from_stage!r}; expected one of {', '.join(STAGES)}"
        )
    if not ws.config.sources and not ws.has_table("records"):
        raise ConfigError(
            "sources",
            "no sources declared: add [[sources]] to recount.toml "
            "(`recount sources suggest FILE` helps)",
            ws.config_path,
        )
    overrides = {"linkage_draws": linkage_draws}
    estimate = estimate_section(ws, overrides)  # a bad value stops here, before any stage
    forced = set(STAGES[STAGES.index(from_stage) :]) if from_stage else set()
    result = RunResult()
    summaries = _summaries(ws)
    upstream_ran = False
    sources = source_digests(ws)
    for stage in STAGES:
        fingerprint = fingerprints(ws, sources, estimate)[stage]
        if on_stage_start:
            on_stage_start(stage)
        if stage == "claims" and not ws.has_table("claims"):
            run = StageRun(
                stage, "skipped (no claims)", 0.0, "no claims in the ledger", fingerprint
            )
        elif (
            stage not in forced
            and not upstream_ran
            and _last_runs(ws).get(stage) == fingerprint
            and _outputs_exist(ws, stage)
        ):
            run = StageRun(stage, "skipped (unchanged)", 0.0, "inputs unchanged", fingerprint)
        else:
            started = time.perf_counter()
            output = _runner(ws, stage, overrides)()
            seconds = time.perf_counter() - started
            if stage == "report":
                result.report_path = output
            # labels and claims may have changed inside the stage; re-read its fingerprint
            fingerprint = fingerprints(ws, sources, estimate)[stage]
            run = StageRun(stage, "ran", seconds, summaries[stage](output), fingerprint)
            _record_run(ws, run)
            upstream_ran = True
        if stage == "report" and result.report_path is None:
            result.report_path = ws.out_dir / "report.html"
        result.stages.append(run)
        if on_stage_end:
            on_stage_end(run)
    return result
