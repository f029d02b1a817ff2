"""Estimating the model: u by random sampling, m by EM on chosen blocks, or from labels.

The training blocks are the guard against the 'namesake' solution. EM run on
pairs that merely share a name finds two classes, but they are 'same governorate
and period' versus not, not 'same person' versus not. So the name parameters are
learnt where dates and governorate already agree, and the date, place, sex and
age parameters where a rare full name already agrees. Labels from review, when
there are enough, replace EM's m for every comparison.
"""

from __future__ import annotations

import copy
import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from splink.internals.exceptions import EMTrainingException

from recount.link import model
from recount.link.engines import Engine
from recount.settings import LinkSettings

EM_MAX_PAIRS = 2e6
MIN_EM_PAIRS = 200
MIN_DETERMINISTIC_PAIRS = 10


@dataclass
class TrainedModel:
    """A trained model as Splink's settings dict, with how it was trained."""

    settings: dict[str, Any]
    trained_from: str
    warnings: list[str] = field(default_factory=list)

    def save(self, path: Path) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".json.tmp")
        # Splink draws a random linker_uid per linker; it names no part of the model
        stable = {k: v for k, v in self.settings.items() if k != "linker_uid"}
        tmp.write_text(json.dumps(stable, indent=2), encoding="utf-8")
        tmp.replace(path)
        return path

    @classmethod
    def load(cls, path: Path) -> TrainedModel:
        return cls(json.loads(Path(path).read_text(encoding="utf-8")), trained_from=str(path))

    def match_weights(self) -> pd.DataFrame:
        """One row per comparison level: m, u and the match weight log2(m/u)."""
        rows = []
        for comparison in self.settings["comparisons"]:
            for level in comparison["comparison_levels"]:
                if level.get("is_null_level"):
                    continue
                m, u = level.get("m_probability"), level.get("u_probability")
                weight = math.log2(m / u) if m and u else None
                rows.append(
                    {
                        "comparison": comparison["output_column_name"],
                        "level": level.get("label_for_charts", level["sql_condition"]),
                        "m": m,
                        "u": u,
                        "match_weight": weight,
                    }
                )
        return pd.DataFrame(rows)


def train(
    engine: Engine,
    frame: pd.DataFrame,
    options: LinkSettings,
    match_labels: pd.DataFrame | None = None,
) -> TrainedModel:
    """Estimate the model on the linkable records `frame`."""
    warnings: list[str] = []
    base = engine.linker(frame, model.settings_creator())
    deterministic = first_usable_block(frame, model.DETERMINISTIC_BLOCKS, MIN_DETERMINISTIC_PAIRS)
    if deterministic is None:
        warnings.append(
            "no records agree on name and date: the prior match probability is Splink's default"
        )
    else:
        base.training.estimate_probability_two_random_records_match(
            [model.block_sql(deterministic)], recall=options.deterministic_recall
        )
    base.training.estimate_u_using_random_sampling(max_pairs=options.u_max_pairs, seed=options.seed)

    settings = base.misc.save_model_to_json()
    sessions = {
        "given": _em_session(
            engine, frame, settings, model.GIVEN_TRAINING_BLOCKS, model.GIVEN_SESSION, warnings
        ),
        "lineage": _em_session(
            engine, frame, settings, model.LINEAGE_TRAINING_BLOCKS, model.LINEAGE_SESSION, warnings
        ),
        "rare": _em_session(
            engine,
            frame,
            settings,
            model.rare_name_training_blocks(options.rare_name_max),
            model.RARE_NAME_SESSION,
            warnings,
        ),
    }
    for comparison in settings["comparisons"]:
        owner = sessions.get(model.OWNER[comparison["output_column_name"]])
        if owner is not None:
            _copy_m(owner[1], comparison)
        else:
            _apply_prior(comparison)
    used = [model.block_sql(s[0]) for s in sessions.values() if s is not None]
    trained_from = "EM on " + " / ".join(used or ["no block"]) + "; u by random sampling"
    if match_labels is not None and len(match_labels) >= options.min_labels:
        # Labels replace EM's m wherever labelled pairs reach a level; levels no
        # labelled pair reaches keep EM's estimate.
        labelled = engine.linker(frame, copy.deepcopy(settings))
        label_table = engine.db_api.register(match_labels)
        labelled.training.estimate_m_from_pairwise_labels(label_table.physical_name)
        settings = labelled.misc.save_model_to_json()
        trained_from = f"review labels ({len(match_labels)} matching pairs), then {trained_from}"
    trained = TrainedModel(settings, trained_from)
    fill_untrained_levels(trained)
    trained.warnings = warnings + sanity_warnings(trained)
    return trained


def first_usable_block(
    frame: pd.DataFrame, blocks: list[model.Block], min_pairs: int
) -> model.Block | None:
    """The first candidate block that yields at least `min_pairs` pairs."""
    for block in blocks:
        if block_pair_count(frame, block) >= min_pairs:
            return block
    return None


def block_pair_count(frame: pd.DataFrame, block: model.Block) -> int:
    """Pairs an equality block generates (its extra condition is applied to both sides)."""
    columns, condition = block
    rows = frame.dropna(subset=list(columns))
    if condition:
        rows = rows.query(condition.replace("l.", "").replace(" and ", " & "), engine="python")
    sizes = rows.groupby(list(columns), sort=False).size().to_numpy(dtype=np.int64)
    return int((sizes * (sizes - 1) // 2).sum())


def _em_session(
    engine: Engine,
    frame: pd.DataFrame,
    base_settings: dict[str, Any],
    blocks: list[model.Block],
    trained_comparisons: tuple[str, ...],
    warnings: list[str],
) -> tuple[model.Block, dict[str, Any]] | None:
    """EM on the first workable block, estimating only `trained_comparisons`.

    The others are held at m = u (weight 0) and fixed, so that they neither move
    nor steer which pairs EM calls matches. Returns (block, settings) or None.
    """
    session_settings = copy.deepcopy(base_settings)
    for comparison in session_settings["comparisons"]:
        if comparison["output_column_name"] in trained_comparisons:
            continue
        for level in comparison["comparison_levels"]:
            if level.get("is_null_level") or "u_probability" not in level:
                continue
            level["m_probability"] = level["u_probability"]
            level["fix_m_probability"] = True
    for block in blocks:
        pair_count = block_pair_count(frame, block)
        if pair_count < MIN_EM_PAIRS:
            continue
        linker = engine.linker(frame, copy.deepcopy(session_settings))
        try:
            linker.training.estimate_parameters_using_expectation_maximisation(
                model.block_sql(block),
                estimate_without_term_frequencies=True,
                max_pairs=EM_MAX_PAIRS if pair_count > EM_MAX_PAIRS else None,
            )
        except EMTrainingException:
            continue
        return block, linker.misc.save_model_to_json()
    tried = "; ".join(model.block_sql(b) for b in blocks)
    warnings.append(f"no training block had enough pairs ({tried}): prior m probabilities used")
    return None


def _copy_m(source_settings: dict[str, Any], comparison: dict[str, Any]) -> None:
    for source in source_settings["comparisons"]:
        if source["output_column_name"] == comparison["output_column_name"]:
            for level, trained in zip(
                comparison["comparison_levels"], source["comparison_levels"], strict=True
            ):
                if "m_probability" in trained:
                    level["m_probability"] = trained["m_probability"]


def _apply_prior(comparison: dict[str, Any]) -> None:
    levels = [lvl for lvl in comparison["comparison_levels"] if not lvl.get("is_null_level")]
    for level, m in zip(levels, model.M_PRIORS[comparison["output_column_name"]], strict=True):
        level["m_probability"] = m


def fill_untrained_levels(trained: TrainedModel) -> None:
    """Levels no pair reached keep Splink's neutral defaults; make them explicit and weak."""
    for comparison in trained.settings["comparisons"]:
        for level in comparison["comparison_levels"]:
            if level.get("is_null_level"):
                continue
            level.setdefault("m_probability", 1e-4)
            level.setdefault("u_probability", 1e-4)


def sanity_warnings(trained: TrainedModel) -> list[str]:
    """Signs that the model does not mean 'same person': checked after every training."""
    weights = trained.match_weights().set_index(["comparison", "level"])["match_weight"]
    warnings = []

    def weight(comparison: str, level: str) -> float | None:
        value = weights.get((comparison, level))
        return None if value is None or pd.isna(value) else float(value)

    date_else = weight("date_of_death", "All other comparisons")
    if date_else is not None and date_else > -2:
        warnings.append(
            f"dates far apart weigh only {date_else:.1f}: the model may be linking namesakes across years"
        )
    same_day = weight("date_of_death", "same day")
    if same_day is not None and same_day < 2:
        warnings.append(f"the same date of death weighs only {same_day:.1f}")
    given_else = weight("given", "All other comparisons")
    if given_else is not None and given_else > -1:
        warnings.append(f"different given names weigh only {given_else:.1f}")
    return warnings
