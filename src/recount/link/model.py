"""The Fellegi-Sunter model for a workspace: comparisons and blocking rules from its fields.

The model is Splink settings (data): one comparison per field the workspace
has (`recount.link.fields`), blocking rules that never depend on the order of
name parts (`recount.link.blocking`), and a preset for the names (`arabic`:
cross-script keys of Arabic names, tokens counted as the same name from
Jaro-Winkler 0.92; `latin`: spelling keys, from 0.88). `[link]` can replace
the blocking rules (`blocking_rules`, SQL over `l.` and `r.`) or the
comparisons (`comparisons`, a JSON file of Splink comparison dicts).

Every m probability is bounded: EM's estimate is shrunk towards a prior
(`PRIOR_WEIGHT`) and floored (`M_FLOOR`), so one field that disagrees costs a
bounded weight and the rest of the evidence can still carry the pair.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from recount.errors import ConfigError
from recount.link import comparisons as cmp
from recount.link.blocking import prediction_rules
from recount.link.fields import Fields
from recount.link.prepare import TOKEN_CODES
from recount.names.keys import SCRIPT_SHARE

UNIQUE_ID = "unique_id"
NAME_COMPARISON = cmp.NAME_COMPARISON
PRESETS = ("arabic", "latin")
# Share of the prior in every m probability, and the least any level's m may be.
PRIOR_WEIGHT = 0.05
M_FLOOR = 0.01

# m probabilities before any data: what a careful reviewer expects of true
# matches (names mostly agree, dates mostly exact but sometimes off, sexes
# nearly always agree), one value per non-null level, most specific first.
# Two full dates of death more than a month apart are rare in one person's records
# (a month or year typed wrong, day and month exchanged): 4% between the last two levels.
M_PRIORS = {
    "name": [0.5, 0.1, 0.12, 0.1, 0.05, 0.04, 0.04, 0.02, 0.015, 0.015],
    # a letter apart, alike, another name (where neither's names hold the other's)
    "father": [0.5, 0.3, 0.2],
    "family": [0.5, 0.3, 0.2],
    "date_of_death": [0.62, 0.12, 0.1, 0.06, 0.06, 0.02, 0.02],
    "date_of_birth": [0.8, 0.06, 0.03, 0.02, 0.03, 0.02, 0.02, 0.02],
    # ages alike or not where a date is missing; then years of birth within 1, 3, 8, else
    "age": [0.25, 0.05, 0.45, 0.12, 0.07, 0.06],
    "exact": [0.95, 0.05],
    "text": [0.75, 0.1, 0.15],
    # the same place on the same day, on another (or unknown) day, nearly, only the unit, else
    "place": [0.45, 0.3, 0.1, 0.05, 0.1],
    "place_undated": [0.75, 0.1, 0.05, 0.1],  # without the day's level
    "id": [0.9, 0.05, 0.05],
}


@dataclass(frozen=True)
class Preset:
    name: str
    name_near: float  # Jaro-Winkler at which two name tokens count as one name


PRESET_VALUES = {"arabic": Preset("arabic", 0.92), "latin": Preset("latin", 0.88)}


def preset_for(option: str, arabic_share: float, ethiopic: bool = False) -> Preset:
    """The names preset: as configured, or `arabic` where Arabic script is common or the
    names are Ge'ez and its romanisations (`ethiopic`: keyed across scripts as Arabic names
    are, `recount.names.ethiopian`)."""
    if option == "auto":
        return PRESET_VALUES["arabic" if arabic_share >= SCRIPT_SHARE or ethiopic else "latin"]
    return PRESET_VALUES[option]


def comparisons_for(fields: Fields, preset: Preset, dialect: str) -> list[dict[str, Any]]:
    """One comparison per field present, in a stable order."""
    d = cmp.Dialect(dialect)
    out = [cmp.names(d, preset.name_near, TOKEN_CODES)]
    for name, column in cmp.NAME_SLOTS.items():
        if fields.has(column):
            out.append(cmp.one_name(d, name, column))
    if fields.has("dod_day"):
        out.append(cmp.date_of_death())
    if fields.has("dob_day"):
        out.append(cmp.date_of_birth(d))
    if fields.has("birth_year"):
        out.append(cmp.birth_year())
    if fields.has("sex"):
        out.append(cmp.exact("sex", "sex"))
    if fields.has("governorate"):
        out.append(cmp.exact("governorate", "governorate"))
    if fields.has("place_key"):
        out.append(cmp.place(d, "place_key", by_day=fields.has("dod_day")))
    if fields.has("birth_place"):
        out.append(cmp.text(d, "place_of_birth", "birth_place"))
    for column, kind in fields.extras.items():
        name = column
        if kind in ("id", "code"):
            out.append(cmp.identifier(d, name, column))
        else:
            out.append(cmp.text(d, name, column))
    return out


def prior_of(comparison: dict[str, Any]) -> list[float]:
    """The prior m of each non-null level of a comparison."""
    name = comparison["output_column_name"]
    levels = [lv for lv in comparison["comparison_levels"] if not lv.get("is_null_level")]
    prior = M_PRIORS.get(name)
    if prior is not None and len(prior) != len(levels):  # a place compared without the day
        prior = M_PRIORS.get(f"{name}_undated")
    if prior is None or len(prior) != len(levels):
        description = comparison.get("comparison_description", "")
        kind = "id" if "identifier" in description else "text" if len(levels) == 3 else "exact"
        prior = M_PRIORS[kind]
    if len(prior) != len(levels):
        # a user's comparison: most of the weight on the first level, the rest spread evenly
        rest = 0.3 / max(len(levels) - 1, 1)
        prior = [0.7] + [rest] * (len(levels) - 1) if len(levels) > 1 else [1.0]
    return prior


def settings_for(
    fields: Fields,
    preset: Preset,
    dialect: str,
    blocking_rules: list[str] | None = None,
    comparisons_file: Path | None = None,
    frame: Any = None,
) -> dict[str, Any]:
    """The untrained model as a Splink settings dict in `dialect`."""
    if comparisons_file is not None:
        comparisons = load_comparisons(comparisons_file)
    else:
        comparisons = comparisons_for(fields, preset, dialect)
    rules = (
        [
            {"blocking_rule": r, "sql_dialect": "duckdb", "arrays_to_explode": None}
            for r in blocking_rules
        ]
        if blocking_rules
        else prediction_rules(fields, frame)
    )
    for rule in rules:  # plain equalities: the same SQL on every engine
        rule["sql_dialect"] = dialect
    return {
        "link_type": "dedupe_only",
        "unique_id_column_name": UNIQUE_ID,
        "blocking_rules_to_generate_predictions": rules,
        "comparisons": comparisons,
        "probability_two_random_records_match": 1e-4,
        "additional_columns_to_retain": ["source_id"],
        "retain_intermediate_calculation_columns": False,
        "retain_matching_columns": False,
        "em_convergence": 1e-4,
        "max_iterations": 25,
    }


def load_comparisons(path: Path) -> list[dict[str, Any]]:
    """A user's comparisons: a JSON list of Splink comparison dicts (or settings with `comparisons`)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ConfigError("link.comparisons", f"cannot read {path}: {exc}") from exc
    if isinstance(data, dict):
        data = data.get("comparisons")
    if not isinstance(data, list) or not all(
        isinstance(c, dict) and "output_column_name" in c and "comparison_levels" in c for c in data
    ):
        raise ConfigError(
            "link.comparisons",
            f"{path}: expected a list of Splink comparisons "
            "(each with output_column_name and comparison_levels)",
        )
    return data


def settings_with_parameters(untrained: dict[str, Any], trained: dict[str, Any]) -> dict[str, Any]:
    """`untrained` settings (SQL of one engine) with m, u and the prior of a trained model.

    A model saved on one engine carries that engine's SQL; rebuilding the SQL for
    the other engine and copying only the numbers lets both run the same model.
    """
    settings = copy.deepcopy(untrained)
    settings["probability_two_random_records_match"] = trained[
        "probability_two_random_records_match"
    ]
    trained_by_name = {c["output_column_name"]: c for c in trained["comparisons"]}
    for comparison in settings["comparisons"]:
        source = trained_by_name.get(comparison["output_column_name"])
        if source is None or len(source["comparison_levels"]) != len(
            comparison["comparison_levels"]
        ):
            raise ValueError(
                f"trained model does not fit comparison {comparison['output_column_name']!r}"
            )
        for level, trained_level in zip(
            comparison["comparison_levels"], source["comparison_levels"], strict=True
        ):
            for key in ("m_probability", "u_probability", "tf_minimum_u_value"):
                if key in trained_level:
                    level[key] = trained_level[key]
    return settings
