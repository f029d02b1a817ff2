"""Helpers for ingest tests: small workspaces written from Python values."""

from __future__ import annotations

import json
from pathlib import Path

from recount.workspace import Workspace


def toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return json.dumps(value, ensure_ascii=False)


def source_block(source: dict) -> str:
    """A [[sources]] block from a dict; `columns` and `values` become sub-tables."""
    lines = ["[[sources]]"]
    for key, value in source.items():
        if key not in ("columns", "values"):
            lines.append(f"{key} = {toml_value(value)}")
    lines.append("[sources.columns]")
    for field, column in source["columns"].items():
        lines.append(f"{field} = {toml_value(column)}")
    for field, mapping in source.get("values", {}).items():
        lines.append(f"[sources.values.{field}]")
        for theirs, ours in mapping.items():
            lines.append(f"{toml_value(theirs)} = {toml_value(ours)}")
    return "\n".join(lines) + "\n"


def write_workspace(
    root: Path,
    sources: list[dict],
    files: dict[str, bytes],
    event: str = "killed",
    country: str | None = None,
) -> Workspace:
    root.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    chosen = f'country = "{country}"\n' if country else ""
    config = f'[project]\nname = "test"\nevent = "{event}"\n{chosen}\n' + "\n".join(
        source_block(s) for s in sources
    )
    (root / "recount.toml").write_text(config, encoding="utf-8")
    return Workspace(root)


def assert_accounted(ws: Workspace) -> None:
    """Per source: rows in = records + quarantined, and every row number 1..rows_in appears once."""
    sources = ws.table("sources")
    for row in sources.itertuples():
        numbers = ws.query(
            "select source_row from records where source_id = ? union all "
            "select source_row from quarantine where source_id = ? order by 1",
            [row.source_id, row.source_id],
        )["source_row"].tolist()
        assert row.rows_in == row.records + row.quarantined
        assert numbers == list(range(1, row.rows_in + 1)), row.source_id


_SCRATCH = None


def scratch():
    """One in-memory DuckDB shared by the fast tests (opening one costs about 0.1 s)."""
    global _SCRATCH
    if _SCRATCH is None:
        import duckdb

        _SCRATCH = duckdb.connect()
    return _SCRATCH


def read_file(folder: Path, source: dict, data: bytes, name: str, country: str | None = "SY"):
    """Read one file as one configured source, without a workspace; checks the accounting.

    The project's country pack is Syria unless `country` says otherwise (None: no pack).
    """
    from recount.config import parse_config
    from recount.ingest import read_source

    (folder / name).write_bytes(data)
    config = parse_config(
        {
            "project": {"name": "t", **({"country": country} if country else {})},
            "sources": [dict(source, path=name)],
        },
        folder / "recount.toml",
    )
    result = read_source(config.sources[0], scratch=scratch())
    numbers = sorted(
        [*result.records["source_row"].tolist(), *result.quarantine["source_row"].tolist()]
    )
    assert numbers == list(range(1, result.rows_in + 1))
    assert set(result.records["record_id"]) == {
        f"{source['id']}:{n}" for n in result.records["source_row"]
    }
    return result
