"""Documentation rules a test can hold."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_benchmark_table_cells_hold_figures_not_paragraphs():
    """docs/benchmarks.md: one short figure per cell; the story goes in the notes below."""
    for number, line in enumerate(
        (ROOT / "docs" / "benchmarks.md").read_text(encoding="utf-8").splitlines(), start=1
    ):
        if line.startswith("|"):
            for cell in line.strip("|").split("|"):
                assert len(cell.strip()) <= 160, f"docs/benchmarks.md:{number}: a long cell"


def test_benchmark_notes_are_numbered_once_and_every_cited_note_exists():
    """Two landings can each add 'note 23'; the table's references must find one note each."""
    text = (ROOT / "docs" / "benchmarks.md").read_text(encoding="utf-8")
    numbers = [int(m) for m in re.findall(r"^(\d+)\. ", text, flags=re.MULTILINE)]
    # Ascending and each once; a gap is allowed, since engineers working at once are given
    # their note numbers in advance and land in any order.
    assert numbers == sorted(set(numbers)), "notes not numbered once each, in order"
    cited = {int(n) for n in re.findall(r"\bnotes? (\d+)", text)}
    cited |= {
        int(n) for group in re.findall(r"\bnotes ((?:\d+, )+\d+)", text) for n in group.split(", ")
    }
    assert cited <= set(numbers), f"notes cited but absent: {sorted(cited - set(numbers))}"
