"""Workspaces for link tests, built the way a newcomer builds one.

`fake_1000` (Splink's synthetic people, with a true `cluster`) is split into
two lists, each file's columns mapped by `recount sources suggest`, then
ingested and normalised by recount itself: the link stage is tested on data
its own code did not generate, through the product's own path.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from recount.ingest.suggest import suggest_source
from recount.project import Project
from recount.workspace import Workspace


def two_language_lists(
    forms: list[tuple[str, str]],
    families: Callable[[np.random.Generator, int], list[str]],
    n: int,
    seed: int,
) -> dict[str, pd.DataFrame]:
    """Lists 'french' and 'swahili' of the same n people, row for row: each writes a person's
    given name in its own form of `forms` (made-up people: common names, drawn at random)."""
    rng = np.random.default_rng(seed)
    form = rng.integers(len(forms), size=n)
    family = families(rng, n)
    date = pd.Timestamp("2023-01-01") + pd.to_timedelta(rng.integers(0, 400, size=n), "D")
    place = rng.choice(["Goma", "Bunia", "Beni", "Butembo", "Rutshuru"], size=n)

    def table(language: int) -> pd.DataFrame:
        return pd.DataFrame(
            {
                "name": [f"{forms[f][language]} {s}" for f, s in zip(form, family, strict=True)],
                "date of death": date.strftime("%Y-%m-%d"),
                "place": place,
            }
        )

    return {"french": table(0), "swahili": table(1)}


def newcomer_workspace(
    root: Path, lists: dict[str, pd.DataFrame], link_section: str = "", country: str | None = None
) -> Workspace:
    """A workspace of `lists` (id -> table written as CSV), mapped by `suggest_source`,
    ingested and normalised."""
    ws = Workspace.init(root, name=root.name, country=country)
    (root / "lists").mkdir(exist_ok=True)
    blocks = []
    for source_id, table in lists.items():
        path = root / "lists" / f"{source_id}.csv"
        table.to_csv(path, index=False)
        blocks.append(suggest_source(path, root).toml())
    with ws.config_path.open("a", encoding="utf-8") as config:
        config.write("\n" + "\n".join(blocks) + link_section)
    ws.reload_config()
    Project(ws).ingest()
    Project(ws).normalize()
    return ws


def fake_1000_workspace(
    root: Path, fake_1000: Path, link_section: str = "", rows: int | None = None
) -> tuple[Workspace, pd.DataFrame]:
    """fake_1000 (or its first `rows`) as two lists; returns the workspace and the truth."""
    raw = pd.read_csv(fake_1000, dtype=str, nrows=rows)
    raw["source_id"] = ["list_a" if int(i) % 2 == 0 else "list_b" for i in raw["unique_id"]]
    raw["source_row"] = raw.groupby("source_id").cumcount() + 1
    lists = {
        source: group.drop(columns=["cluster", "source_id", "source_row"])
        for source, group in raw.groupby("source_id")
    }
    ws = newcomer_workspace(root, lists, link_section)
    truth = raw[["source_id", "source_row", "cluster"]].rename(columns={"cluster": "person_id"})
    return ws, truth
