"""Stratified MSE on the simulator's truth: coverage and bias per level, against the known deaths.

Simulates a Syria-like conflict (true linkage: the truth's capture patterns, so
linkage errors play no part), estimates every governorate x year cell with the
stage, and compares each level with the true deaths. Prints one JSON line per
(method, level): cells estimated, 95% coverage, median relative bias, cells not
estimable, and the same split by the `small_stratum_low_bias_risk` flag.

    .venv/bin/python bench/estimate_strata.py [--people 60000] [--lists 5] [--seed 1]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time

import numpy as np
import pandas as pd

from recount.estimate.workspace import estimate_persons
from recount.settings import EstimateSettings
from recount.simulate import simulate


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=60_000)
    parser.add_argument("--lists", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--methods", default="lcmcr,loglinear,dga")
    parser.add_argument("--burnin", type=int, default=2000)
    parser.add_argument("--draws", type=int, default=1000)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        result = simulate(folder, people=args.people, sources=args.lists, seed=args.seed)
        everyone = pd.read_csv(result.truth_persons)
        totals = pd.read_csv(result.truth_totals)
    persons = everyone[everyone["n_lists"] > 0].drop(columns=["name"])
    settings = EstimateSettings.parse(
        {
            "strata": ["governorate", "year"],
            "methods": args.methods.split(","),
            "pooled": ["total", "governorate"],
            "lcmcr": {"burnin": args.burnin, "draws": args.draws},
        }
    )
    started = time.perf_counter()
    estimates, _ = estimate_persons(persons, settings)
    seconds = time.perf_counter() - started

    truth_by = {
        "stratum": totals.set_index(["governorate", "year"])["deaths"],
        "governorate": totals.groupby("governorate")["deaths"].sum(),
        "governorate_pooled": totals.groupby("governorate")["deaths"].sum(),
        "year": totals.groupby("year")["deaths"].sum(),
    }
    for (method, level), rows in estimates.groupby(["method", "level"], sort=False):
        ok = rows[rows["status"] == "ok"].copy()
        if level in ("total", "total_pooled"):
            ok["truth"] = float(totals["deaths"].sum())
        else:
            key = ["governorate", "year"] if level == "stratum" else [level.removesuffix("_pooled")]
            truth = truth_by[level]
            ok["truth"] = [
                float(truth.loc[tuple(r)] if len(key) > 1 else truth.loc[r[0]])
                for r in ok[key].itertuples(index=False)
            ]
        line = {
            "bench": "estimate_strata",
            "people": args.people,
            "lists": args.lists,
            "seed": args.seed,
            "method": method,
            "level": level,
            "cells": len(rows),
            "estimated": len(ok),
            "not_estimable": int((rows["status"] != "ok").sum()),
            **_coverage(ok),
            "stage_seconds": round(seconds, 1),
        }
        if level == "stratum":
            flagged = ok["flag"].fillna("").str.contains("small_stratum_low_bias_risk")
            line["flagged"] = _coverage(ok[flagged])
            line["unflagged"] = _coverage(ok[~flagged])
            if method == "lcmcr":
                line["min_ess"] = round(float(ok["ess"].min()), 1) if len(ok) else None
                line["median_ess"] = round(float(ok["ess"].median()), 1) if len(ok) else None
        print(json.dumps(line), flush=True)


def _coverage(ok: pd.DataFrame) -> dict:
    if ok.empty:
        return {"n": 0}
    covered = (ok["lower"] <= ok["truth"]) & (ok["truth"] <= ok["upper"])
    bias = (ok["estimate"] - ok["truth"]) / ok["truth"]
    return {
        "n": len(ok),
        "coverage": round(float(covered.mean()), 3),
        "median_bias": round(float(np.median(bias)), 3),
        "below": round(float((ok["upper"] < ok["truth"]).mean()), 3),
    }


if __name__ == "__main__":
    main()
