"""A workspace whose tables follow docs/architecture.md, built from a seeded random population.

The report reads only tables, so its tests build those tables directly; the
whole flow (simulate -> ingest -> … -> report) is tested in tests/test_flow.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from recount import tables
from recount.workspace import Workspace

SOURCES = ("alpha", "beta", "gamma")
GOVS = ("SY-HL", "SY-RD", "SY-HM")


def build_workspace(root: Path, seed: int = 3, people: int = 600) -> Workspace:
    rng = np.random.default_rng(seed)
    ws = Workspace.init(root, name="report-test")
    (root / "recount.toml").write_text(
        (root / "recount.toml").read_text(encoding="utf-8")
        + "\n# sources below are fictitious: the tables are written by the test\n",
        encoding="utf-8",
    )
    caught = rng.random((people, len(SOURCES))) < np.array([0.6, 0.45, 0.3])
    caught[~caught.any(axis=1), 0] = True
    gov = rng.choice(GOVS, size=people)
    year = rng.integers(2012, 2016, size=people)
    month = rng.integers(1, 13, size=people)
    status = rng.choice(
        ["civilian", "combatant", "unknown", "conflicting"], size=people, p=[0.6, 0.2, 0.15, 0.05]
    )
    person_ids = [f"P{i:05d}" for i in range(people)]
    persons = pd.DataFrame(
        {
            "person_id": person_ids,
            "n_records": caught.sum(axis=1).astype("int32"),
            "sources": [[s for s, c in zip(SOURCES, row, strict=True) if c] for row in caught],
            **{f"in_{s}": caught[:, i] for i, s in enumerate(SOURCES)},
            "name": [
                "محمد <script>alert(1)</script>" if i == 0 else f"اسم {i}" for i in range(people)
            ],
            "statuses": [
                '=HYPERLINK("http://x")' if i == 1 else "alpha:civilian" for i in range(people)
            ],
            "name_latin": [f"Name {i}" for i in range(people)],
            "name_forms": [[f"اسم {i}"] for i in range(people)],
            "sex": rng.choice(["M", "F"], size=people),
            "age": rng.integers(1, 80, size=people).astype("int32"),
            "date_of_death": pd.to_datetime({"year": year, "month": month, "day": 1}).dt.date,
            "date_precision": "day",
            "year": year.astype("int32"),
            "month": month.astype("int32"),
            "governorate": gov,
            "status": status,
        }
    )
    records, record_person = [], []
    for pid, row, g, d in zip(person_ids, caught, gov, persons["date_of_death"], strict=True):
        for s, c in zip(SOURCES, row, strict=True):
            if c:
                n = sum(1 for r in records if r["source_id"] == s) + 1
                rid = f"{s}:{n}"
                records.append(
                    {
                        "record_id": rid,
                        "source_id": s,
                        "source_row": n,
                        "name": "اسم",
                        "name_latin": None,
                        "sex": "M",
                        "age": 30,
                        "date_of_death": d,
                        "governorate": g,
                        "place": None,
                        "status": "civilian",
                        "raw": json.dumps({"n": n}),
                    }
                )
                record_person.append(
                    {
                        "record_id": rid,
                        "source_id": s,
                        "source_row": n,
                        "person_id": pid,
                        "reason": None,
                    }
                )
    for s in SOURCES:
        n = sum(1 for r in records if r["source_id"] == s) + 1
        records.append(
            {
                "record_id": f"{s}:{n}",
                "source_id": s,
                "source_row": n,
                "name": "مجهول",
                "name_latin": None,
                "sex": None,
                "age": None,
                "date_of_death": None,
                "governorate": None,
                "place": None,
                "status": "unknown",
                "raw": "{}",
            }
        )
        record_person.append(
            {
                "record_id": f"{s}:{n}",
                "source_id": s,
                "source_row": n,
                "person_id": None,
                "reason": "unknown_name",
            }
        )
    records = pd.DataFrame(records)
    pairs = pd.DataFrame(
        {
            "record_id_l": records["record_id"].iloc[:300].to_numpy(),
            "record_id_r": records["record_id"].iloc[300:600].to_numpy(),
            "match_weight": rng.normal(0, 8, 300),
        }
    )
    pairs["match_probability"] = 1 / (1 + 2 ** (-pairs["match_weight"]))
    sources = pd.DataFrame(
        {
            "source_id": list(SOURCES),
            "path": [f"lists/{s}.csv" for s in SOURCES],
            "format": "csv",
            "encoding": "utf-8",
            "sha256": ["0" * 64] * 3,
            "rows_in": [int((records["source_id"] == s).sum()) + 1 for s in SOURCES],
            "records": [int((records["source_id"] == s).sum()) for s in SOURCES],
            "quarantined": 1,
        }
    )
    quarantine = pd.DataFrame(
        {
            "source_id": list(SOURCES),
            "source_row": [999] * 3,
            "reason": "ragged row",
            "field": None,
            "raw": "x",
        }
    )
    estimates = _estimates(persons, rng)
    fixture_tables = {
        "records": records,
        "record_person": pd.DataFrame(record_person),
        "persons": persons,
        "pairs": pairs,
        "sources": sources,
        "quarantine": quarantine,
        "estimates": estimates,
        "link_summary": pd.DataFrame(
            {
                "metric": ["records", "persons", "threshold", "cluster_size"],
                "detail": [None, None, None, "1"],
                "value": [float(len(records)), float(people), 0.9, 10.0],
            }
        ),
    }
    ws.write_tables({name: tables.frame(name, data) for name, data in fixture_tables.items()})
    return ws


def _estimates(persons: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    rows = []
    for (gov, year), group in persons.groupby(["governorate", "year"]):
        n = len(group)
        rows.append(
            {
                "governorate": gov,
                "year": int(year),
                "level": "stratum",
                "documented": n,
                "method": "lcmcr",
                "estimate": n * 1.4,
                "lower": n * 1.1,
                "upper": n * 2.0,
                "rhat": 1.001,
                "ess": 2000.0,
                "status": "ok",
                "reason": None,
                "flag": None,
                "seconds": 0.5,
            }
        )
    rows.append(
        {
            "governorate": "SY-HM",
            "year": 2011,
            "level": "stratum",
            "documented": 3,
            "method": "lcmcr",
            "estimate": None,
            "lower": None,
            "upper": None,
            "rhat": None,
            "ess": None,
            "status": "not_estimable",
            "reason": "fewer than 3 lists with records",
            "flag": None,
            "seconds": 0.0,
        }
    )
    for gov, group in persons.groupby("governorate"):
        n = len(group)
        rows.append(
            {
                "governorate": gov,
                "year": None,
                "level": "governorate",
                "documented": n,
                "method": "lcmcr",
                "estimate": n * 1.4,
                "lower": n * 1.2,
                "upper": n * 1.7,
                "rhat": None,
                "ess": None,
                "status": "ok",
                "reason": None,
                "flag": None,
                "seconds": None,
            }
        )
    for year, group in persons.groupby("year"):
        n = len(group)
        rows.append(
            {
                "governorate": None,
                "year": int(year),
                "level": "year",
                "documented": n,
                "method": "lcmcr",
                "estimate": n * 1.4,
                "lower": n * 1.2,
                "upper": n * 1.7,
                "rhat": None,
                "ess": None,
                "status": "ok",
                "reason": None,
                "flag": None,
                "seconds": None,
            }
        )
    n = len(persons)
    rows.append(
        {
            "governorate": None,
            "year": None,
            "level": "total",
            "documented": n,
            "method": "lcmcr",
            "estimate": n * 1.4,
            "lower": n * 1.25,
            "upper": n * 1.6,
            "rhat": None,
            "ess": None,
            "status": "ok",
            "reason": None,
            "flag": None,
            "seconds": None,
        }
    )
    rows.append(
        {
            **rows[-1],
            "level": "total_pooled",
            "estimate": n * 1.5,
            "lower": n * 1.3,
            "upper": n * 1.8,
        }
    )
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def report_workspace(tmp_path_factory) -> Workspace:
    return build_workspace(tmp_path_factory.mktemp("report"))
