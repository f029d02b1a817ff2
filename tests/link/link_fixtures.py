"""Workspaces for link tests, written straight in the stage contract's schema.

`fake_1000` (Splink's synthetic people, with a true `cluster`) is mapped onto
`records` and `normalized` as two lists, so the link stage is tested on data
its own code did not generate.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from recount import tables
from recount.workspace import Workspace

CONFIG = """
[project]
name = "link-test"

[[sources]]
id = "{a}"
path = "lists/{a}.csv"
[sources.columns]
name = "name"

[[sources]]
id = "{b}"
path = "lists/{b}.csv"
[sources.columns]
name = "name"
"""


def fake_1000_workspace(
    root: Path, shared_data: Path, link_section: str = "", rows: int | None = None
) -> tuple[Workspace, pd.DataFrame]:
    """A workspace holding fake_1000 (or its first `rows`) as two lists; returns it and the truth."""
    raw = pd.read_csv(shared_data / "fake_1000.csv", dtype=str, nrows=rows)
    raw["source_id"] = ["list_a" if int(i) % 2 == 0 else "list_b" for i in raw["unique_id"]]
    raw["source_row"] = raw.groupby("source_id").cumcount() + 1
    raw["record_id"] = raw["source_id"] + ":" + raw["source_row"].astype(str)
    given = raw["first_name"].str.lower().str.strip()
    family = raw["surname"].str.lower().str.strip()
    dod = pd.to_datetime(raw["dob"], errors="coerce")
    records = pd.DataFrame(
        {
            "record_id": raw["record_id"],
            "source_id": raw["source_id"],
            "source_row": raw["source_row"].astype("int64"),
            "name": (raw["first_name"].fillna("") + " " + raw["surname"].fillna(""))
            .str.strip()
            .replace("", None),
            "name_latin": None,
            "sex": None,
            "age": pd.Series([None] * len(raw), dtype="Int32"),
            "date_of_death": dod.dt.date,
            "date_precision": dod.notna().map({True: "day", False: None}),
            "governorate": None,
            "place": raw["city"],
            "status": "civilian",
        }
    )
    records["sex"] = records["sex"].astype(object)
    normalized = pd.DataFrame(
        {
            "record_id": raw["record_id"],
            "source_id": raw["source_id"],
            "script": "latin",
            "given_key": given,
            "father_key": None,
            "grandfather_key": None,
            "family_key": family,
            "name_key": (given.fillna("") + " " + family.fillna("")).str.strip().replace("", None),
            "name_forms": [[n.lower()] if isinstance(n, str) else [] for n in records["name"]],
            "identifiable": given.notna() | family.notna(),
            "unidentified_reason": (given.isna() & family.isna()).map(
                {True: "no_name", False: None}
            ),
            "relation": None,
            "relation_anchor_key": None,
            "governorate": None,
            "place_key": raw["city"].str.lower(),
            "date_of_death": dod.dt.date,
            "date_precision": records["date_precision"],
            "date_flag": None,
        }
    )
    for frame in (records, normalized):
        for column in frame.columns:
            if frame[column].isna().all() and frame[column].dtype == object:
                frame[column] = frame[column].astype("string")
    root.mkdir(parents=True, exist_ok=True)
    (root / "recount.toml").write_text(
        CONFIG.format(a="list_a", b="list_b") + link_section, encoding="utf-8"
    )
    ws = Workspace(root)
    ws.write_tables(
        {
            "records": tables.frame("records", records),
            "normalized": tables.frame("normalized", normalized),
        }
    )
    truth = pd.DataFrame(
        {
            "source_id": raw["source_id"],
            "source_row": raw["source_row"],
            "person_id": raw["cluster"],
        }
    )
    return ws, truth
