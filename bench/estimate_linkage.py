"""Does the headline total stay true when linkage errs? (issue #14)

Per replicate: simulate lists with known truth, then the product's path on the files
(`Workspace.ingest/normalize/link/estimate`, the report's own headline choice) with and
without linkage draws; then a simulated reviewer answers a 300-item audit sample from the
truth (`recount.review.audit.answer_from_truth`) and the stage runs again. Beside them the
headline's method on the truth's own links of the records the workspace identified
(`perfect_links`): the total without linkage error, which is what an audit can move the total
toward (the rest of the headline's error is the model's). One JSON line per replicate, then
one summary line per size:

    python bench/estimate_linkage.py --people 5000 --replicates 20
    python bench/estimate_linkage.py --linkage-draws auto      # the product's default setting
    python bench/estimate_linkage.py --people 100000 --replicates 3 --first-seed 2001
    python bench/estimate_linkage.py --regime sparse --replicates 20   # lists that link worse
    python bench/estimate_linkage.py --regime reached --first-seed 1501   # #14's acceptance world
    python bench/estimate_linkage.py --people 100000 --truth-table   # the model's error apart
    python bench/estimate_linkage.py --people 100000 --causes   # where the singletons come from

The default simulator draws positively dependent lists (shared informant networks, copied
records) and heterogeneous capture (a hard-to-reach group, place and time effects): the
held-out regimes; nothing in the estimate was fitted to it. `--strata none` (default)
estimates the pooled total only, which is the headline the report shows whenever some
governorate x year strata cannot be estimated (always, on these lists); `--strata default`
keeps the simulator's governorate x year strata.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from recount import Project
from recount.estimate.linkage import LinkageGraph, build_graph, corrected_patterns
from recount.estimate.patterns import LIST_PREFIX, capture_histories, persons_lists
from recount.estimate.preferred import preferred_rows
from recount.estimate.unknown_strata import PLACE, person_places
from recount.estimate.workspace import estimate_persons
from recount.link.persons import build_persons
from recount.report.figures import headline
from recount.review import audit
from recount.review.labels_io import import_labels
from recount.simulate import simulate
from recount.simulate.regimes import REGIMES
from recount.tables.views import effective_labels, link_threshold
from recount.workspace import Workspace


def configure(ws: Workspace, strata: str, draws: int | str, workers: int | None = None) -> None:
    text = ws.config_path.read_text(encoding="utf-8")
    start = text.index("[estimate]")
    end = text.find("\n[", start + 1)
    body = [f"linkage_draws = {json.dumps(draws)}"]  # TOML reads JSON's numbers and strings
    if workers:
        body.append(f"workers = {workers}")  # the tasks carry their own seeds: same figures
    if strata == "none":
        body.append("strata = []")
    else:
        body += text[start:end].splitlines()[1:] if end > 0 else text[start:].splitlines()[1:]
    section = "[estimate]\n" + "\n".join(line for line in body if line.strip()) + "\n"
    text = text[:start] + section + (text[end + 1 :] if end > 0 else "")
    ws.config_path.write_text(text, encoding="utf-8")


def truth_of(root: Path) -> pd.DataFrame:
    truth = pd.read_csv(root / "truth" / "records.csv")
    return pd.DataFrame(
        {
            "record_id": truth["source_id"] + ":" + truth["source_row"].astype(str),
            "true_id": truth["person_id"],
        }
    )


def figures(ws: Workspace, people: int) -> dict:
    top = headline(ws)
    estimates = ws.table("estimates")
    row = estimates[(estimates["level"] == top["level"]) & (estimates["method"] == top["method"])]
    row = row.iloc[0]
    out = {
        "method": top["method"],
        "level": top["level"],
        "estimate": round(top["estimate"]),
        "lower": round(top["lower"]),
        "upper": round(top["upper"]),
        "error": round(top["estimate"] / people - 1, 4),
        "covered": bool(top["lower"] <= people <= top["upper"]),
        "within_10pct": bool(abs(top["estimate"] / people - 1) <= 0.10),
        "linkage_share": None
        if pd.isna(row["linkage_share"])
        else round(float(row["linkage_share"]), 3),
        "rhat": None if pd.isna(row["rhat"]) else round(float(row["rhat"]), 3),
        "ess": None if pd.isna(row["ess"]) else round(float(row["ess"])),
        "flags": [] if pd.isna(row["flag"]) else [f for f in str(row["flag"]).split(";") if f],
    }
    if not pd.isna(row["fixed_estimate"]):
        out["fixed"] = {
            "estimate": round(float(row["fixed_estimate"])),
            "lower": round(float(row["fixed_lower"])),
            "upper": round(float(row["fixed_upper"])),
            "error": round(float(row["fixed_estimate"]) / people - 1, 4),
            "covered": bool(row["fixed_lower"] <= people <= row["fixed_upper"]),
        }
        out["width_ratio"] = round(
            (top["upper"] - top["lower"]) / max(row["fixed_upper"] - row["fixed_lower"], 1e-9), 3
        )
    return out


def capture_shape(ws: Workspace, root: Path) -> dict:
    """People on exactly k lists, k = 1..lists, in the linked `persons` and in the truth: a
    documented count within 0.2% can hide missed and false links that cancel, while the
    singletons, which MSE reads as evidence of the unseen, move by several percent."""
    linked = ws.table("persons")
    truth = pd.read_csv(root / "truth" / "persons.csv")
    out = {}
    for name, persons in (("linked", linked), ("truth", truth)):
        table = capture_histories(persons)
        lists = [c for c in table.columns if c != "count"]
        on = table[lists].sum(axis=1)
        out[name] = [int(table.loc[on == k, "count"].sum()) for k in range(1, len(lists) + 1)]
    out["singletons_error"] = round(out["linked"][0] / out["truth"][0] - 1, 4)
    return out


def truth_table(ws: Workspace, root: Path, people: int) -> dict:
    """The stage's own estimate (`estimate_persons`: the workspace's settings, the same
    seeds, the same preferred row) of the truth's capture table: true links at the cost of
    one estimate, so the model's error is read apart from linkage's."""
    truth = pd.read_csv(root / "truth" / "persons.csv")
    persons = truth[[c for c in truth.columns if c.startswith(LIST_PREFIX)]]
    persons = persons[persons.sum(axis=1) > 0].reset_index(drop=True)
    estimates, _ = estimate_persons(persons, ws.config.estimate)
    top = preferred_rows(estimates)
    top = top[top["level"].isin(("total", "total_pooled"))].iloc[0]
    flags = "" if pd.isna(top["flag"]) else str(top["flag"])
    return {
        "method": str(top["method"]),
        **interval_figures(top, people),
        "rhat": None if pd.isna(top["rhat"]) else round(float(top["rhat"]), 3),
        "ess": None if pd.isna(top["ess"]) else round(float(top["ess"])),
        "model": str(top["model"]),
        "flags": [f for f in flags.split(";") if f],
    }


def true_links(ws: Workspace, root: Path, people: int) -> dict:
    """Every scored pair labelled from the truth through `recount review import` (Splink's
    labels format), then `recount link` and `recount estimate` again: a fully reviewed
    workspace, whose interval the draws must not widen for free."""
    truth = truth_of(root).set_index("record_id")["true_id"]
    pairs = ws.table("pairs", ["record_id_l", "record_id_r"])
    same = (
        truth.reindex(pairs["record_id_l"]).to_numpy()
        == truth.reindex(pairs["record_id_r"]).to_numpy()
    )
    labels = pd.DataFrame(
        {
            "source_dataset_l": pairs["record_id_l"].str.rsplit(":", n=1).str[0],
            "unique_id_l": pairs["record_id_l"],
            "source_dataset_r": pairs["record_id_r"].str.rsplit(":", n=1).str[0],
            "unique_id_r": pairs["record_id_r"],
            "clerical_match_score": same.astype(float),
        }
    )
    path = root / "true_labels.csv"
    labels.to_csv(path, index=False)
    with ws.connect() as con:
        import_labels(con, path, "truth")
    Project(ws).link()
    Project(ws).estimate()
    return figures(ws, people)


def true_persons(ws: Workspace, root: Path) -> pd.DataFrame:
    """`persons` as the link stage would build them (`build_persons`: capture columns, place,
    dates) from the truth's own people of the records the workspace identified, so the
    stage's strata are there (a frame of capture columns alone failed with `--strata
    default`), with each person's place key, which the stage reads too."""
    truth = truth_of(root).set_index("record_id")["true_id"]
    records = ws.table("record_person", ["record_id", "person_id"])
    records = records[records["person_id"].notna()]
    true_ids = truth.reindex(records["record_id"]).to_numpy()
    assignment = pd.DataFrame({"record_id": records["record_id"].to_numpy(), "person_id": true_ids})
    assignment = assignment[assignment["person_id"].notna()].astype({"person_id": str})
    persons = build_persons(ws, assignment).to_pandas()
    places = ws.query("select record_id, place_key from normalized").merge(assignment)
    persons[PLACE] = persons["person_id"].map(person_places(places))  # as `stratum_persons`
    return persons


def perfect_links(ws: Workspace, root: Path, people: int, top: dict) -> dict:
    """The headline's method and level on the truth's own capture table of the records the
    workspace identified (`estimate_persons`, the stage without the workspace, no linkage
    draws): the total with no linkage error. What an audit can move the total toward; the
    rest of the headline's error is the model's."""
    persons = true_persons(ws, root)
    settings = ws.config.estimate.with_overrides(linkage_draws=0)
    estimates, _ = estimate_persons(persons, settings)
    row = estimates[(estimates["level"] == top["level"]) & (estimates["method"] == top["method"])]
    row = row.iloc[0]
    return {"documented": len(persons), **interval_figures(row, people)}


def linkage_causes(ws: Workspace, root: Path) -> dict:
    """Where the linked workspace's people on one list come from, and what the workspace's own
    evidence says of them (#14): the graph the estimate stage builds (`build_graph`, the
    labels and threshold in force), beside the truth of the identified records."""
    lists = persons_lists(ws.query("select * from persons limit 0"))
    records = ws.table("record_person", ["record_id", "source_id", "person_id"])
    pairs = ws.table("pairs", ["record_id_l", "record_id_r", "match_probability", "guard"])
    threshold = link_threshold(ws)
    graph = build_graph(records, pairs, lists, effective_labels(ws), None, threshold)
    every = truth_of(root)
    truth = every.set_index("record_id")["true_id"]
    true_id = pd.factorize(truth.reindex(graph.record_ids).to_numpy())[0]
    out = causes(graph, true_id, threshold)
    # and every documented record, the unidentified ones too: the truth's own table
    every["source_id"] = every["record_id"].str.rsplit(":", n=1).str[0]
    every = every[every["source_id"].isin(lists)]
    flags = pd.crosstab(every["true_id"], every["source_id"]).reindex(columns=lists, fill_value=0)
    out["singletons"]["+unnamed"] = int(((flags > 0).sum(axis=1) == 1).sum())
    return out


def causes(graph: LinkageGraph, true_id: np.ndarray, threshold: float) -> dict:
    """People on one list as linked, then with each cause of a split mended from the truth in
    turn: true pairs scored below the threshold and no guard refusing them (`+below`, what the
    model's probabilities can see), true pairs the guards or the clustering refused
    (`+guards`), pieces of one true person no scored pair joins (`+unscored`), people holding
    several true people split (`+merges`: the truth's links of the identified records). Beside
    them the workspace's own evidence: the expected joins between people (the best calibrated
    probability per pair of people, as the cross-check moves them) per kind of pair, with the
    true count, and the singletons of the cross-check's table (`corrected_patterns`), of its
    missed-link part alone and of its false-link part alone."""
    within = graph.within
    true = true_id[graph.left] == true_id[graph.right]
    across = ~within & graph.scored
    raw = graph.raw_probability
    kind = np.where(graph.guarded, "guarded", np.where(raw >= threshold, "refused", "below"))
    below = across & true & (kind == "below")
    refused = across & true & (kind != "below")

    def joined(labels: np.ndarray, mask: np.ndarray) -> np.ndarray:
        m = int(labels.max()) + 1
        edges = (labels[graph.left[mask]], labels[graph.right[mask]])
        matrix = sparse.coo_matrix((np.ones(int(mask.sum())), edges), shape=(m, m))
        return connected_components(matrix, directed=False)[1][labels]

    def singletons(labels: np.ndarray) -> int:
        masks = np.zeros(int(labels.max()) + 1, dtype=np.int64)
        np.bitwise_or.at(masks, labels, np.left_shift(1, graph.source))
        masks = masks[masks > 0]
        return int(np.sum((masks & (masks - 1)) == 0))

    def one_person(labels: np.ndarray) -> np.ndarray:
        first = pd.Series(labels).groupby(true_id).transform("min").to_numpy()
        m = int(labels.max()) + 1
        matrix = sparse.coo_matrix((np.ones(len(labels)), (labels, first)), shape=(m, m))
        return connected_components(matrix, directed=False)[1][labels]

    steps = {"linked": graph.person}
    steps["+below"] = joined(steps["linked"], below)
    steps["+guards"] = joined(steps["+below"], refused)
    steps["+unscored"] = one_person(steps["+guards"])
    steps["+merges"] = true_id
    people = pd.DataFrame(
        {
            "a": np.minimum(graph.person[graph.left], graph.person[graph.right]),
            "b": np.maximum(graph.person[graph.left], graph.person[graph.right]),
            "p": graph.probability,
            "true": true,
            "kind": kind,
        }
    )[across]
    people = people.groupby(["a", "b"]).agg(
        p=("p", "max"), true=("true", "max"), kind=("kind", "min")
    )
    evidence = people.groupby("kind").agg(expected=("p", "sum"), true=("true", "sum"))
    pieces = pd.DataFrame({"p": graph.person, "t": true_id}).drop_duplicates()
    table_singletons = {}
    calibrated = graph.probability
    for part, probability in (
        ("both", calibrated),
        ("missed_only", np.where(within, 1.0, calibrated)),
        ("false_only", np.where(within, calibrated, 0.0)),
    ):
        table = corrected_patterns(dataclasses.replace(graph, probability=probability))
        table_singletons[part] = int(
            table.loc[table[graph.sources].sum(axis=1) == 1, "count"].sum()
        )
    return {
        "singletons": {name: singletons(labels) for name, labels in steps.items()},
        "needed_joins": int((pieces.groupby("t")["p"].nunique() - 1).sum()),
        "merged_people": int((pieces.groupby("p")["t"].nunique() > 1).sum()),
        "joins_between_people": {
            k: {"expected": round(float(r.expected), 1), "true": int(r.true)}
            for k, r in evidence.iterrows()
        },
        "cross_check_singletons": table_singletons,
    }


def interval_figures(row: pd.Series, people: int) -> dict:
    """An estimates row's total and interval, its error and whether it covers the truth."""
    return {
        "estimate": round(float(row["estimate"])),
        "lower": round(float(row["lower"])),
        "upper": round(float(row["upper"])),
        "error": round(float(row["estimate"]) / people - 1, 4),
        "covered": bool(row["lower"] <= people <= row["upper"]),
    }


def replicate(args, seed: int, work: Path) -> dict:
    root = work / f"seed{seed}"
    started = time.perf_counter()
    simulate(root, people=args.people, sources=args.sources, seed=seed, regime=args.regime)
    ws = Workspace(root)
    configure(ws, args.strata, args.linkage_draws, args.workers)
    timings = {}
    stages = ("ingest", "normalize", "link") + (() if args.only_true_links else ("estimate",))
    for stage in stages:
        began = time.perf_counter()
        getattr(Project(ws), stage)()
        timings[stage] = round(time.perf_counter() - began, 1)
    truth = pd.read_csv(root / "truth" / "persons.csv", usecols=["n_lists"])
    documented_true = int((truth["n_lists"] > 0).sum())
    documented = int(ws.query("select count(*) as n from persons")["n"][0])
    result = {
        "bench": "estimate_linkage",
        "people": args.people,
        "sources": args.sources,
        "regime": args.regime,
        "seed": seed,
        "strata": args.strata,
        "linkage_draws": args.linkage_draws,
        "workers": args.workers,
        "documented": documented,
        "documented_true": documented_true,
        "documented_error": round(documented / documented_true - 1, 4),
    }
    result["capture_shape"] = capture_shape(ws, root)
    if not args.only_true_links:
        result["headline"] = figures(ws, args.people)
        began = time.perf_counter()
        result["perfect_links"] = perfect_links(ws, root, args.people, result["headline"])
        timings["perfect_links"] = round(time.perf_counter() - began, 1)
    if args.causes:
        result["causes"] = linkage_causes(ws, root)
    if args.truth_table:
        began = time.perf_counter()
        result["truth_table"] = truth_table(ws, root, args.people)
        timings["truth_table"] = round(time.perf_counter() - began, 1)
    if args.audit and not args.only_true_links:
        with ws.connect() as con:
            audit.ensure_schema(con)
            audit.draw_sample(
                con, singletons=args.audit // 2, links=args.audit - args.audit // 2, seed=seed
            )
            result["audit_labels"] = audit.answer_from_truth(con, truth_of(root))
        began = time.perf_counter()
        Project(ws).estimate()
        timings["estimate_with_audit"] = round(time.perf_counter() - began, 1)
        result["with_audit"] = figures(ws, args.people)
        singles = ws.table("linkage_singletons")
        result["singletons"] = {
            r.list: {
                "share": round(r.singleton_share, 3),
                "implied": round(r.implied_share, 3),
                "audit_missed": None
                if pd.isna(r.audit_missed_share)
                else round(float(r.audit_missed_share), 3),
            }
            for r in singles.itertuples(index=False)
        }
    if args.true_links or args.only_true_links:
        began = time.perf_counter()
        result["true_links"] = true_links(ws, root, args.people)
        timings["true_links"] = round(time.perf_counter() - began, 1)
    result["seconds"] = timings
    result["wall_seconds"] = round(time.perf_counter() - started, 1)
    if not args.keep:
        shutil.rmtree(root, ignore_errors=True)
    return result


def summary(args, results: list[dict]) -> dict:
    def share(key: str, part: str = "headline", inner: str | None = None) -> float | None:
        values = [
            r[part][inner][key] if inner else r[part][key]
            for r in results
            if part in r and (inner is None or inner in r[part])
        ]
        return round(sum(values) / len(values), 3) if values else None

    out = {
        "bench": "estimate_linkage_summary",
        "people": args.people,
        "regime": args.regime,
        "replicates": len(results),
        "coverage": share("covered"),
        "within_10pct": share("within_10pct"),
        "coverage_without_linkage": share("covered", inner="fixed"),
        "mean_error": share("error"),
        "median_error": float(pd.Series([r["headline"]["error"] for r in results]).median()),
        "median_estimate_seconds": float(
            pd.Series([r["seconds"]["estimate"] for r in results]).median()
        ),
        "mean_error_without_linkage": share("error", inner="fixed"),
        "median_width_ratio": float(
            pd.Series([r["headline"].get("width_ratio") for r in results]).median()
        ),
        "machine": f"{platform.node()} {os.cpu_count()} cores",
        "load": os.getloadavg()[0],
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }
    out["median_singletons_error"] = float(
        pd.Series([r["capture_shape"]["singletons_error"] for r in results]).median()
    )
    if args.truth_table:
        out["truth_table_coverage"] = share("covered", part="truth_table")
        out["truth_table_median_error"] = float(
            pd.Series([r["truth_table"]["error"] for r in results]).median()
        )
    if args.audit:
        out["coverage_with_audit"] = share("covered", part="with_audit")
        out["mean_error_with_audit"] = share("error", part="with_audit")
        moved = [
            abs(r["with_audit"]["error"]) <= abs(r["headline"]["error"])
            for r in results
            if "with_audit" in r
        ]
        out["audit_moved_toward_truth"] = round(sum(moved) / len(moved), 3) if moved else None
        # Toward the total on the truth's own links: the part of the error linkage made.
        toward, removed = [], []
        for r in results:
            if "with_audit" not in r or "perfect_links" not in r:
                continue
            perfect = r["perfect_links"]["estimate"]
            before = r["headline"]["estimate"] - perfect
            after = r["with_audit"]["estimate"] - perfect
            toward.append(abs(after) <= abs(before))
            if before:
                removed.append(1 - after / before)
        out["audit_moved_toward_perfect_links"] = (
            round(sum(toward) / len(toward), 3) if toward else None
        )
        out["median_linkage_error_removed"] = (
            round(float(pd.Series(removed).median()), 3) if removed else None
        )
        out["coverage_perfect_links"] = share("covered", part="perfect_links")
        out["median_error_perfect_links"] = float(
            pd.Series(
                [r["perfect_links"]["error"] for r in results if "perfect_links" in r]
            ).median()
        )
    if args.true_links:
        ratios = [r["true_links"].get("width_ratio") for r in results if "true_links" in r]
        out["true_links_median_width_ratio"] = float(pd.Series(ratios).median())
        out["true_links_max_width_ratio"] = float(pd.Series(ratios).max())
        out["true_links_coverage"] = share("covered", part="true_links")
    return out


def true_links_summary(args, results: list[dict]) -> dict:
    """Per size, with true links only: how much wider the pooled interval is than the single
    clustering's (the acceptance: at most 10%)."""
    ratios = pd.Series([r["true_links"].get("width_ratio") for r in results], dtype=float)
    return {
        "bench": "estimate_linkage_true_links_summary",
        "people": args.people,
        "regime": args.regime,
        "replicates": len(results),
        "true_links_median_width_ratio": float(ratios.median()),
        "true_links_max_width_ratio": float(ratios.max()),
        "true_links_coverage": round(
            sum(r["true_links"]["covered"] for r in results) / max(len(results), 1), 3
        ),
        "machine": f"{platform.node()} {os.cpu_count()} cores",
        "load": os.getloadavg()[0],
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=5000)
    parser.add_argument("--sources", type=int, default=6)
    parser.add_argument("--replicates", type=int, default=20)
    parser.add_argument("--first-seed", type=int, default=1001)
    parser.add_argument(
        "--linkage-draws",
        type=lambda text: int(text) if text.isdigit() else text,
        default=20,
        help='a number, or "auto" (the product\'s default: draws only once labels calibrate them)',
    )
    parser.add_argument("--audit", type=int, default=300, help="audit labels (0: no audit)")
    parser.add_argument(
        "--regime",
        choices=sorted(REGIMES),
        help="a simulator regime (recount.simulate.regimes; default: the default world)",
    )
    parser.add_argument("--strata", choices=("none", "default"), default="none")
    parser.add_argument(
        "--workers",
        type=int,
        help="[estimate] workers (default: the setting's); 1 keeps a run to one process",
    )
    parser.add_argument("--keep", action="store_true", help="keep the workspaces")
    parser.add_argument(
        "--true-links",
        action="store_true",
        help="also label every scored pair from the truth, relink and estimate (a fully reviewed workspace)",
    )
    parser.add_argument(
        "--only-true-links",
        action="store_true",
        help="only the fully reviewed workspace (no estimate on the linked one, no audit): "
        "the width check at a third of the cost",
    )
    parser.add_argument(
        "--truth-table",
        action="store_true",
        help="also estimate the truth's capture table with the stage's settings and seeds "
        "(true links at the cost of one estimate: the model's error apart from linkage's)",
    )
    parser.add_argument(
        "--causes",
        action="store_true",
        help="also record where the people on one list come from (each cause of a split mended "
        "from the truth in turn) and what the model's own probabilities expect of them (counts)",
    )
    parser.add_argument("--out", type=Path, help="also append the JSON lines to this file")
    args = parser.parse_args()
    results = []
    work = Path(tempfile.mkdtemp(prefix="estimate-linkage-"))
    if args.keep:
        print(f"workspaces kept under {work}", file=sys.stderr)
    try:
        for seed in range(args.first_seed, args.first_seed + args.replicates):
            result = replicate(args, seed, work)
            results.append(result)
            line = json.dumps(result)
            print(line, flush=True)
            if args.out:
                with args.out.open("a", encoding="utf-8") as handle:
                    handle.write(line + "\n")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    line = json.dumps(
        summary(args, results) if not args.only_true_links else true_links_summary(args, results)
    )
    print(line, flush=True)
    if args.out:
        with args.out.open("a", encoding="utf-8") as handle:
            handle.write(line + "\n")


if __name__ == "__main__":
    main()
