"""docs/tutorial.md runs as written: every `$ command`, every `toml append-to=FILE` block
and every Python block, in order, from an empty folder.

A plain `recount ...` line (no pipe, redirect or variable) runs in this process through the
command's own Typer app, in the tutorial's folder: each in a process of its own paid about
1 CPU-s of imports, 3 where it links or writes the report (18 such lines). Every other line
runs through bash, the Python blocks and `recount review serve` in processes of their own;
the console script itself is run by tests/test_cli_help.py and tests/test_reliability.py."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from typer.testing import CliRunner

from recount.cli import app

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
TUTORIAL = ROOT / "docs" / "tutorial.md"
FENCE = re.compile(r"^```(\S*)([^\n]*)\n(.*?)^```", re.M | re.S)
SHELL_SYNTAX = re.compile(r"[|<>;&$`*?~]")


def steps(text: str) -> list[tuple[str, str, str]]:
    """(kind, argument, body) for every runnable block of the tutorial, in order."""
    found = []
    for match in FENCE.finditer(text):
        language, info, body = match.group(1), match.group(2).strip(), match.group(3)
        if language == "console":
            found += [
                ("shell", "", line[2:]) for line in body.splitlines() if line.startswith("$ ")
            ]
        elif language == "toml" and info.startswith("append-to="):
            found.append(("append", info.removeprefix("append-to="), body))
        elif language == "python":
            found.append(("python", "", body))
    return found


def test_the_tutorial_is_all_runnable_steps():
    kinds = [kind for kind, _, _ in steps(TUTORIAL.read_text(encoding="utf-8"))]
    assert kinds.count("shell") >= 20 and "append" in kinds and "python" in kinds


def test_the_tutorial_runs_as_written(tmp_path, monkeypatch):
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    cwd = tmp_path
    closing_run = ""
    for kind, argument, body in steps(TUTORIAL.read_text(encoding="utf-8")):
        if kind == "append":
            with open(cwd / argument, "a", encoding="utf-8") as handle:
                handle.write("\n" + body)
        elif kind == "python":
            done = subprocess.run(
                [sys.executable, "-c", body], cwd=cwd, env=env, capture_output=True, text=True
            )
            assert done.returncode == 0, done.stderr[-3000:]
        elif body.startswith("cd "):
            cwd = (cwd / body[3:].strip()).resolve()
        elif " review serve" in body:
            _serve_then_stop(body, cwd, env)
        elif body.startswith("recount ") and not SHELL_SYNTAX.search(body):
            monkeypatch.chdir(cwd)
            done = CliRunner().invoke(app, shlex.split(body)[1:])
            assert done.exit_code == 0, f"$ {body}\n{done.output[-3000:]}\n{done.exception!r}"
            if body == "recount run":  # off a terminal, a line per stage on stderr
                closing_run = done.stderr
        else:
            done = subprocess.run(
                ["bash", "-c", body], cwd=cwd, env=env, capture_output=True, text=True
            )
            assert done.returncode == 0, f"$ {body}\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}"
            if body == "recount run":  # off a terminal, a line per stage on stderr
                closing_run = done.stderr
    project = cwd
    assert (project / "out" / "report.html").exists()
    assert (project / "estimates.csv").exists() and (project / "labels.csv").exists()
    # the tutorial's closing `recount run` skips what is unchanged, as its text says
    for stage in ("ingest", "normalize", "link", "estimate"):
        assert f"{stage} skipped (unchanged): inputs unchanged" in closing_run, stage


def _serve_then_stop(command: str, cwd: Path, env: dict) -> None:
    port = shlex.split(command)[shlex.split(command).index("--port") + 1]
    server = subprocess.Popen(shlex.split(command), cwd=cwd, env=env)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2) as reply:
                    assert reply.status == 200
                    return
            except OSError:
                assert server.poll() is None, "the review server stopped"
                assert time.monotonic() < deadline, "the review server did not start"
                time.sleep(0.5)
    finally:
        server.terminate()
        server.wait(timeout=30)
