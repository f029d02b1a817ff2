"""Synthetic conflicts with known truth: a population of victims and the lists that documented them.

`simulate(out_dir, people, sources, seed)` writes K lists in different formats,
scripts and encodings, the truth (which person each row is; true totals per
governorate and year) and a ready `recount.toml`. The model is described in
docs/simulator.md.
"""

from recount.simulate.core import SimulationResult, people_for_rows, simulate
from recount.simulate.lists import DEFAULT_LISTS, ListSpec

__all__ = ["DEFAULT_LISTS", "ListSpec", "SimulationResult", "people_for_rows", "simulate"]
