"""The whole flow run as a user runs it (`recount run` in its own process), twice and under kills.

- Two runs on the same lists give identical tables, value for value and in the same order
  (wall-clock columns aside), and identical exports.
- `recount run` killed (SIGKILL) at random moments leaves no process behind, no staging
  folder once the next run has started, and a workspace the next run completes to the very
  tables a run never killed gives.
- `[report] redact = true` keeps every name out of what `recount run` writes.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pyarrow as pa
import pytest

from recount.simulate import simulate

pytestmark = pytest.mark.slow
# the tests on the clean run share a group (one worker runs it once); the README's example
# needs only the lists, so it is no group and the other worker can take it meanwhile
on_clean_run = pytest.mark.xdist_group("reliability")

RECOUNT = str(Path(sys.executable).with_name("recount"))
# columns that hold the wall clock, not the data
VOLATILE = {"sources": ["ingested_at"], "estimates": ["seconds"]}
SKIPPED_TABLES = {"stage_runs"}  # durations, and fingerprints of absolute paths
KILLS = 6
CALM_SECONDS = 15  # for the processes of a killed run to be gone


@pytest.fixture(scope="module")
def lists(tmp_path_factory) -> Path:
    """A small simulated conflict, configured to run fast and to redact the report."""
    root = tmp_path_factory.mktemp("lists")
    simulate(root, people=300, sources=3, seed=16)
    config = (root / "recount.toml").read_text(encoding="utf-8")
    config = config.replace('strata = ["governorate", "year"]', 'strata = ["governorate"]')
    config = config.replace("[estimate]", '[estimate]\nmethods = ["loglinear"]\nworkers = 2', 1)
    (root / "recount.toml").write_text(config + "\n[report]\nredact = true\n", encoding="utf-8")
    return root


def fresh_copy(lists: Path, target: Path) -> Path:
    shutil.copytree(lists, target)
    return target


def recount_run(root: Path, timeout: float = 900) -> subprocess.CompletedProcess:
    return subprocess.run(
        [RECOUNT, "run", "--workspace", str(root)],
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def tables(root: Path) -> dict[str, pa.Table]:
    with duckdb.connect(str(root / "recount.duckdb"), read_only=True) as con:
        names = [
            r[0]
            for r in con.execute(
                "select table_name from information_schema.tables where table_schema = 'main'"
            ).fetchall()
        ]
        out = {}
        for name in sorted(set(names) - SKIPPED_TABLES):
            table = con.execute(f'select * from "{name}"').to_arrow_table()
            out[name] = table.drop_columns(
                [c for c in VOLATILE.get(name, []) if c in table.column_names]
            )
    return out


def assert_same_tables(left: dict[str, pa.Table], right: dict[str, pa.Table]) -> None:
    assert sorted(left) == sorted(right)
    for name in left:
        assert left[name].schema == right[name].schema, name
        assert left[name].num_rows == right[name].num_rows, name
        assert left[name].equals(right[name]), f"table {name} differs"


@pytest.fixture(scope="module")
def clean_run(lists, tmp_path_factory) -> tuple[Path, float]:
    root = fresh_copy(lists, tmp_path_factory.mktemp("clean") / "ws")
    started = time.monotonic()
    done = recount_run(root)
    assert done.returncode == 0, done.stderr[-3000:]
    return root, time.monotonic() - started


@on_clean_run
def test_two_runs_give_identical_tables_and_exports(lists, clean_run, tmp_path):
    first, _ = clean_run
    second = fresh_copy(lists, tmp_path / "ws")
    done = recount_run(second)
    assert done.returncode == 0, done.stderr[-3000:]
    left, right = tables(first), tables(second)
    assert {"records", "persons", "pairs", "record_person", "estimates"} <= set(left)
    assert_same_tables(left, right)
    for export in ("persons.csv", "persons.parquet", "sources.csv"):
        a = (first / "out" / "exports" / export).read_bytes()
        assert a == (second / "out" / "exports" / export).read_bytes(), export
    assert (first / "model" / "link_model.json").read_bytes() == (
        second / "model" / "link_model.json"
    ).read_bytes()


@on_clean_run
def test_redact_in_the_config_keeps_names_out_of_what_recount_run_writes(clean_run):
    root, _ = clean_run
    with duckdb.connect(str(root / "recount.duckdb"), read_only=True) as con:
        names = {
            value
            for (value,) in con.execute(
                "select name from records where name is not null union "
                "select name_latin from records where name_latin is not null"
            ).fetchall()
            if len(value) >= 8
        }
    assert len(names) > 100
    written = [root / "out" / "report.html", *sorted((root / "out" / "exports").iterdir())]
    for path in written:
        data = path.read_bytes()
        text = data.decode("utf-8", "replace")
        leaked = [n for n in names if n in text or n.encode("utf-8") in data]
        assert not leaked, f"{len(leaked)} names in {path.name}"
    assert "Redacted: no names" in written[0].read_text(encoding="utf-8")


def _session_processes(session: int) -> list[tuple[int, str]]:
    """Live (not zombie) processes of a session: the killed run's and its children's."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        if int(fields[3]) == session and fields[0] != "Z":
            found.append((int(entry.name), fields[0]))
    return found


@on_clean_run
def test_kills_at_random_moments_leave_nothing_behind(lists, clean_run, tmp_path):
    reference, seconds = clean_run
    root = fresh_copy(lists, tmp_path / "ws")
    rng = random.Random(16)
    moments = sorted(rng.uniform(0.02, 0.8) * seconds for _ in range(KILLS))
    report = []
    for moment in moments:
        run = subprocess.Popen(
            [RECOUNT, "run", "--workspace", str(root)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        time.sleep(moment)
        os.kill(run.pid, signal.SIGKILL)
        run.wait()
        stage = _last_stage(root)
        deadline = time.monotonic() + CALM_SECONDS
        while (left := _session_processes(run.pid)) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not left, f"processes alive {CALM_SECONDS} s after the kill at {moment:.1f} s"
        report.append({"at_seconds": round(moment, 1), "after_stage": stage})
    done = recount_run(root)
    assert done.returncode == 0, done.stderr[-3000:]
    assert not list(root.glob(".ingest-*")), "staging folders left behind"
    assert not [p for p in root.rglob("*") if p.name.endswith(".tmp")]
    assert not list((root / "out").rglob(".*")), "temporary exports left behind"
    assert_same_tables(tables(reference), tables(root))
    print(json.dumps({"kills": report, "clean_run_seconds": round(seconds, 1)}))


def _last_stage(root: Path) -> str | None:
    """The last stage the killed run had finished (for the record)."""
    try:
        with duckdb.connect(str(root / "recount.duckdb"), read_only=True) as con:
            row = con.execute(
                "select stage from stage_runs order by finished_at desc limit 1"
            ).fetchone()
            return row[0] if row else None
    except (duckdb.Error, OSError):
        return None


def test_the_readme_python_example_runs_as_a_script(lists, tmp_path):
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    example = readme.split("```python\n", 1)[1].split("```", 1)[0]
    assert "__main__" not in example
    fresh_copy(lists, tmp_path / "demo")
    (tmp_path / "example.py").write_text(example, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "example.py"], cwd=tmp_path, capture_output=True, text=True, timeout=900
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "BrokenProcessPool" not in done.stderr
    assert "estimate" in done.stdout and "lower" in done.stdout
