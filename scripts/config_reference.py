"""Write docs/configuration.md from the settings classes (run by `make docs`)."""

from __future__ import annotations

from pathlib import Path

from recount.settings import SECTIONS
from recount.settings.reference import markdown

if __name__ == "__main__":
    target = Path(__file__).resolve().parents[1] / "docs" / "configuration.md"
    target.write_text(markdown(SECTIONS), encoding="utf-8")
    print(f"wrote {target}")
