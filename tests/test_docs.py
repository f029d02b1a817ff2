"""Documentation rules a test can hold."""

from __future__ import annotations

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
