"""Why two records are, or are not, one person: the weight of each comparison.

Scores one pair with the saved model (term frequencies from the whole
workspace) and draws Splink's waterfall chart. The printed breakdown shows
comparison levels and weights only, never the names compared.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from recount.errors import WorkspaceError
from recount.link import model
from recount.link.engines import duckdb_engine
from recount.link.frequencies import register_frequencies
from recount.link.pipeline import model_input, model_path
from recount.link.prepare import load_link_input
from recount.link.training import TrainedModel
from recount.workspace import Workspace


@dataclass
class Explanation:
    record_a: str
    record_b: str
    prior_weight: float
    match_weight: float
    match_probability: float
    comparisons: pd.DataFrame  # comparison, level, weight (TF adjustment included)
    chart_path: Path | None
    unlinkable: dict[str, str]  # record id -> reason, for records kept out of linkage


def explain_pair(
    ws: Workspace,
    record_a: str,
    record_b: str,
    chart_path: Path | None = None,
    include_values: bool = False,
) -> Explanation:
    """Score records `record_a` and `record_b` and explain the score."""
    path = model_path(ws)
    if not path.exists():
        raise WorkspaceError(f"{path}: no trained model; run `recount link` first")
    trained = TrainedModel.load(path)
    frame = load_link_input(ws)
    by_id = frame.set_index("unique_id")
    for record in (record_a, record_b):
        if record not in by_id.index:
            raise WorkspaceError(
                f"no record {record!r} in the workspace (ids look like 'source:row')"
            )
    unlinkable = {
        r: by_id.at[r, "reason"] for r in (record_a, record_b) if pd.notna(by_id.at[r, "reason"])
    }
    # the two records are scored even when linkage leaves them out
    frame.loc[frame["unique_id"].isin([record_a, record_b]), "reason"] = None
    engine = duckdb_engine()
    linkable, _, _, untrained = model_input(ws, frame, ws.config.link, engine.sql_dialect)
    settings = model.settings_with_parameters(untrained, trained.settings)
    settings["retain_intermediate_calculation_columns"] = True
    settings["retain_matching_columns"] = True
    linker = engine.linker(linkable.reset_index(drop=True), settings)
    register_frequencies(engine, linker, linkable, settings)
    left, right = (_record(linkable, record_a), _record(linkable, record_b))
    scored = linker.inference.score_pair(left, right).as_record_list()[0]
    rows = []
    for comparison in settings["comparisons"]:
        name = comparison["output_column_name"]
        gamma = scored.get(f"gamma_{name}")
        level = next((lvl for lvl in _levels(comparison) if lvl[0] == gamma), None)
        weight = (scored.get(f"mw_{name}") or 0.0) + (scored.get(f"mw_tf_adj_{name}") or 0.0)
        rows.append(
            {"comparison": name, "level": level[1] if level else "null", "weight": round(weight, 3)}
        )
    chart = None
    if chart_path is not None:
        waterfall = linker.visualisations.waterfall_chart(
            [scored], remove_sensitive_data=not include_values
        )
        chart_path.parent.mkdir(parents=True, exist_ok=True)
        waterfall.save_offline_chart(str(chart_path), overwrite=True, print_msg=False)
        chart = chart_path
    prior = trained.settings["probability_two_random_records_match"]
    return Explanation(
        record_a=record_a,
        record_b=record_b,
        prior_weight=math.log2(prior / (1 - prior)),
        match_weight=float(scored["match_weight"]),
        match_probability=float(scored["match_probability"]),
        comparisons=pd.DataFrame(rows),
        chart_path=chart,
        unlinkable=unlinkable,
    )


def _record(frame: pd.DataFrame, record_id: str) -> dict:
    row = frame.loc[frame["unique_id"] == record_id].iloc[0]
    return {k: _plain(v) for k, v in row.items()}


def _plain(value):
    """A value as Splink's score_pair takes it: lists as lists, missing as None, ints as int."""
    if isinstance(value, list | tuple) or hasattr(value, "tolist") and not isinstance(value, str):
        listed = value.tolist() if hasattr(value, "tolist") else list(value)
        return listed if isinstance(listed, list) else _plain(listed)
    if value is None or pd.isna(value):
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _levels(comparison: dict) -> list[tuple[int, str]]:
    """(gamma value, label) per level: Splink numbers non-null levels from the top down."""
    levels = [lvl for lvl in comparison["comparison_levels"]]
    out, value = [], len([lvl for lvl in levels if not lvl.get("is_null_level")]) - 1
    for level in levels:
        label = level.get("label_for_charts", level["sql_condition"])
        if level.get("is_null_level"):
            out.append((-1, label))
        else:
            out.append((value, label))
            value -= 1
    return out
