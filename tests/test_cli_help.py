"""Help text reaches the user whole: `[link]` and `[[sources]]` are config sections, not markup."""

from __future__ import annotations

import re
import subprocess
import sys

import typer
from typer.testing import CliRunner

from recount.cli import app

# Config sections ([link], [[sources]], [estimate.lcmcr]) and any other bracketed text:
# optional parts ([LIST.]FIELD), log-linear models ("[123,14,34]").
BRACKETED = re.compile(r"\[\[?[^\]\s]+\]\]?")


def commands(command, path: tuple[str, ...] = ()):
    yield path, command
    if hasattr(command, "commands"):
        for name, child in command.commands.items():
            yield from commands(child, (*path, name))


def test_every_config_section_named_in_help_is_shown():
    root = typer.main.get_command(app)
    runner = CliRunner()
    checked = 0
    for path, command in commands(root):
        texts = [command.help or ""] + [getattr(p, "help", None) or "" for p in command.params]
        # A group lists its commands with the first line of their help.
        children = getattr(command, "commands", {}).values()
        texts += [(child.help or "").split("\n")[0] for child in children]
        wanted = {m for text in texts for m in BRACKETED.findall(text)}
        if not wanted:
            continue
        shown = runner.invoke(app, [*path, "--help"], terminal_width=200).output
        flat = " ".join(shown.replace("│", " ").split())
        for section in wanted:
            assert section in flat, f"`recount {' '.join(path)} --help` lost {section}"
        checked += 1
    assert checked >= 8


def test_python_dash_m_recount_is_the_recount_command():
    shown = subprocess.run(
        [sys.executable, "-m", "recount", "--help"], capture_output=True, text=True, timeout=120
    )
    assert shown.returncode == 0, shown.stderr
    assert "mse" in shown.stdout and "estimate" in shown.stdout


def test_the_command_line_loads_no_estimator_or_engine_until_a_command_needs_it():
    """`recount ingest` or `recount --help` in a fresh process pays no import of scipy, numba,
    Splink, altair or FastAPI (together over 2 CPU-s a process; the tutorial runs 20 such)."""
    heavy = ("scipy", "numba", "splink", "altair", "vl_convert", "fastapi", "statsmodels")
    code = f"import sys, recount.cli; print(' '.join(m for m in {heavy!r} if m in sys.modules))"
    shown = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.split() == []
