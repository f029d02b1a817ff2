"""Benchmark of the names stage: key agreement on simulated data, curated sets, speed.

Prints one JSON line per measurement:

* `keys`: on a simulated conflict (recount.simulate, ingested by recount.ingest),
  per key (given, father, family, full name) and per script pairing (Arabic-Arabic,
  Latin-Latin, cross-script): recall = share of true same-person record pairs whose
  keys agree; collisions = share of record pairs of different true names whose keys
  agree (two people both named محمد are not a collision). `core` is the
  given + father + family key, `full` the name key with the grandfather when a
  list gives one. Also the same figures for the `normalized` table the link stage reads.
* `curated`: the hand-written spelling groups and near-name pairs in tests/names/curated.py.
* `speed`: normalising 1,000,000 records' names, places and dates (normalize_records).

Usage: python bench/names.py [--people 20000] [--seed 3] [--rows 1000000]
"""

from __future__ import annotations

import argparse
import itertools
import json
import platform
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "names"))

from curated import DIFFERENT_NAMES, SAME_NAME, SAME_NAME_RULES_ONLY  # noqa: E402

from recount import Project  # noqa: E402
from recount.names import normalize_records, parts_from_fields, split_name  # noqa: E402
from recount.names.arabic import has_arabic  # noqa: E402
from recount.names.keys import token_key  # noqa: E402
from recount.simulate import simulate  # noqa: E402
from recount.workspace import Workspace  # noqa: E402

PARTS = ("given", "father", "family")
PAIRINGS = ("arabic-arabic", "latin-latin", "cross-script")
FIELDS = ("given_name", "father_name", "grandfather_name", "family_name")


def true_parts(full_name: str) -> tuple[str, str, str, str] | None:
    """The simulator's true Arabic name split into its four parts.

    Deliberately simple and independent of recount.names: compounds عبد X,
    أبو X and X الدين/الله are two words of one part.
    """
    words = full_name.split()
    parts: list[str] = []
    i = 0
    while i < len(words):
        w = words[i]
        if w in ("عبد", "أبو", "ابو") and i + 1 < len(words):
            parts.append(f"{w} {words[i + 1]}")
            i += 2
            continue
        if w in ("الدين", "الله") and parts:
            parts[-1] += f" {w}"
            i += 1
            continue
        parts.append(w)
        i += 1
    return tuple(parts) if len(parts) == 4 else None


def record_forms(rec: pd.DataFrame) -> pd.DataFrame:
    """Per record and script, the keys of given, father and family name and the full name key."""
    rows = []
    for r in rec.itertuples(index=False):
        fields = [getattr(r, f) for f in FIELDS]
        fields = [
            None if f is None or (isinstance(f, float) and np.isnan(f)) else str(f) for f in fields
        ]
        forms = {}
        if any(fields):
            script = "arabic" if any(has_arabic(f) for f in fields if f) else "latin"
            forms[script] = parts_from_fields(*fields)
        for text in (r.name, r.name_latin):
            if isinstance(text, str) and text.strip():
                script = "arabic" if has_arabic(text) else "latin"
                forms.setdefault(script, split_name(text))
        row = {"record_id": r.record_id}
        for script, parts in forms.items():
            if not parts.identifiable:
                continue
            for part in PARTS:
                token = getattr(parts, part)
                row[f"{script}_{part}"] = token.key if token else None
            row[f"{script}_full"] = parts.key or None
            core = (parts.given, parts.father, parts.family)
            row[f"{script}_core"] = " ".join(t.key for t in core) if all(core) else None
        rows.append(row)
    return pd.DataFrame(rows)


def key_figures(people: int, seed: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        sim = simulate(tmp, people=people, sources=5, seed=seed)
        ws = Workspace(sim.out_dir)
        Project(ws).ingest()
        summary = Project(ws).normalize().set_index("source_id")
        records = ws.table("records")
        normalized = ws.table("normalized")
        truth = pd.read_csv(sim.truth_records)
        persons = pd.read_csv(sim.truth_persons)
    truth["record_id"] = truth["source_id"] + ":" + truth["source_row"].astype(str)
    persons = persons.set_index("person_id")
    parsed = persons["name"].map(true_parts)
    truth_names = pd.DataFrame(
        {
            "given_true": parsed.map(lambda p: p and p[0]),
            "father_true": parsed.map(lambda p: p and p[1]),
            "family_true": parsed.map(lambda p: p and p[3]),
            "full_true": parsed.map(lambda p: p and " ".join(p)),
            "core_true": parsed.map(lambda p: p and " ".join((p[0], p[1], p[3]))),
        },
        index=persons.index,
    )
    forms = record_forms(records)
    frame = (
        truth[["record_id", "person_id"]]
        .merge(forms, on="record_id", how="inner")
        .merge(truth_names, left_on="person_id", right_index=True, how="left")
        .merge(
            normalized[["record_id", "given_key", "father_key", "family_key", "name_key"]].rename(
                columns={
                    "given_key": "table_given",
                    "father_key": "table_father",
                    "family_key": "table_family",
                    "name_key": "table_full",
                }
            ),
            on="record_id",
            how="left",
        )
    )
    core = frame[["table_given", "table_father", "table_family"]]
    frame["table_core"] = core.notna().all(axis=1).map({True: "", False: None})
    frame.loc[frame["table_core"].notna(), "table_core"] = core.dropna().agg(" ".join, axis=1)
    rng = np.random.default_rng(seed)
    same = _same_person_pairs(frame, rng)
    different = _random_pairs(frame, rng, 400_000)
    result: dict = {
        "measure": "keys",
        "people": people,
        "seed": seed,
        "records": int(len(frame)),
        "same_person_pairs": int(len(same[0])),
        "unidentified_found_vs_simulated": {
            source: [
                int(summary.loc[source, "records"] - summary.loc[source, "identifiable"]),
                int(n),
            ]
            for source, n in sim.unidentified_rows.items()
        },
    }
    for part in (*PARTS, "core", "full"):
        result[part] = {}
        for pairing in (*PAIRINGS, "table"):
            recall = _agreement(frame, same, part, pairing, None)
            collision = _agreement(frame, different, part, pairing, f"{part}_true")
            result[part][pairing] = {
                "recall": recall[0],
                "recall_pairs": recall[1],
                "collisions": collision[0],
                "collision_pairs": collision[1],
            }
    return result


def _same_person_pairs(frame: pd.DataFrame, rng) -> tuple[np.ndarray, np.ndarray]:
    left, right = [], []
    for idx in frame.groupby("person_id").indices.values():
        if len(idx) < 2:
            continue
        for a, b in itertools.combinations(idx[:8], 2):
            left.append(a)
            right.append(b)
    return np.asarray(left), np.asarray(right)


def _random_pairs(frame: pd.DataFrame, rng, n: int) -> tuple[np.ndarray, np.ndarray]:
    left = rng.integers(0, len(frame), n)
    right = rng.integers(0, len(frame), n)
    keep = frame["person_id"].to_numpy()[left] != frame["person_id"].to_numpy()[right]
    return left[keep], right[keep]


def _agreement(frame, pairs, part, pairing, truth_column) -> tuple[float | None, int]:
    """Share of pairs whose keys agree (recall) or, with truth_column, of different-name pairs (collisions)."""
    left, right = pairs
    columns = {
        "arabic-arabic": [(f"arabic_{part}", f"arabic_{part}")],
        "latin-latin": [(f"latin_{part}", f"latin_{part}")],
        "cross-script": [(f"arabic_{part}", f"latin_{part}"), (f"latin_{part}", f"arabic_{part}")],
        "table": [(f"table_{part}", f"table_{part}")],
    }[pairing]
    agree = total = 0
    for lcol, rcol in columns:
        if lcol not in frame or rcol not in frame:
            continue
        a = frame[lcol].to_numpy()[left]
        b = frame[rcol].to_numpy()[right]
        ok = pd.notna(a) & pd.notna(b)
        if truth_column is not None:
            ta = frame[truth_column].to_numpy()[left]
            tb = frame[truth_column].to_numpy()[right]
            ok &= pd.notna(ta) & pd.notna(tb) & (ta != tb)
        agree += int((a[ok] == b[ok]).sum())
        total += int(ok.sum())
    return (round(agree / total, 4) if total else None), total


def curated_figures() -> dict:
    def agree(groups):
        return sum(len({token_key(s) for s in g}) == 1 for g in groups) / len(groups)

    apart = sum(token_key(a) != token_key(b) for a, b in DIFFERENT_NAMES) / len(DIFFERENT_NAMES)
    return {
        "measure": "curated",
        "same_name_groups": len(SAME_NAME),
        "same_name_agree": round(agree(SAME_NAME), 4),
        "rules_only_groups": len(SAME_NAME_RULES_ONLY),
        "rules_only_agree": round(agree(SAME_NAME_RULES_ONLY), 4),
        "different_pairs": len(DIFFERENT_NAMES),
        "different_apart": round(apart, 4),
    }


def speed_figures(rows: int, seed: int) -> dict:
    """Normalise `rows` records resampled from a 200,000-person simulation (names repeat as in real lists)."""
    with tempfile.TemporaryDirectory() as tmp:
        sim = simulate(tmp, people=200_000, sources=5, seed=seed)
        ws = Workspace(sim.out_dir)
        Project(ws).ingest()
        pool = ws.table("records")
    rng = random.Random(seed)
    sample = pool.iloc[[rng.randrange(len(pool)) for _ in range(rows)]].reset_index(drop=True)
    sample["record_id"] = [f"bench:{i}" for i in range(rows)]
    distinct = sample[["name", "name_latin", *FIELDS]].astype(str).drop_duplicates().shape[0]
    start, cpu = time.perf_counter(), _cpu_seconds()
    table = normalize_records(sample)
    seconds, cpu_seconds = time.perf_counter() - start, _cpu_seconds() - cpu
    return {
        "measure": "speed",
        "records": rows,
        "distinct_name_combinations": int(distinct),
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu_seconds, 2),
        "records_per_second": round(rows / seconds),
        "rows_out": table.num_rows,
        "machine": f"{platform.machine()}, 2 cores, 24 GB",
    }


def _cpu_seconds() -> float:
    """CPU time of this process and its finished worker processes."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--skip-speed", action="store_true")
    args = parser.parse_args()
    print(json.dumps(curated_figures(), ensure_ascii=False), flush=True)
    print(json.dumps(key_figures(args.people, args.seed)), flush=True)
    if not args.skip_speed:
        print(json.dumps(speed_figures(args.rows, args.seed)), flush=True)


if __name__ == "__main__":
    main()
