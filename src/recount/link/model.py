"""The Fellegi-Sunter model for lists of the dead: blocking rules and comparisons.

Names are compared part by part (given, father, grandfather/family) on the
cross-script keys of the names stage, with term-frequency adjustments so that
agreeing on Muhammad says little and agreeing on a rare name says much. Dates of
death are compared at levels that respect each record's precision: a year-only
date can agree with a day, but only at the 'same year' level.

Every SQL condition here is plain SQL over integer and text columns (plus
Splink's Jaro-Winkler level), so the same model runs on DuckDB and on Spark.
"""

from __future__ import annotations

import copy
from typing import Any

import splink.comparison_level_library as cll
import splink.comparison_library as cl
from splink import SettingsCreator

UNIQUE_ID = "unique_id"
NAME_SIMILARITY = 0.92
PLACE_SIMILARITY = 0.9

# Candidate pairs: a pair is scored when any rule holds. Each rule tolerates a
# different error (a misspelt given name, a wrong governorate, a missing part).
PREDICTION_BLOCKING_RULES = [
    "l.name_key = r.name_key",
    "l.given_key = r.given_key and l.father_key = r.father_key and l.governorate = r.governorate",
    "l.given_key = r.given_key and l.family_key = r.family_key and l.dod_year = r.dod_year",
    "l.father_key = r.father_key and l.family_key = r.family_key and l.dod_month = r.dod_month",
    "l.given_key = r.given_key and l.dod_day = r.dod_day and l.governorate = r.governorate",
    "l.father_key = r.father_key and l.dod_day = r.dod_day and l.governorate = r.governorate",
    "l.dod_day = r.dod_day and l.place_key = r.place_key and l.first_token = r.first_token",
]

# Training blocks, each a list of candidates tried in order (the first with
# enough pairs is used), as (equal columns, extra condition).
# Date, place, sex and age are learnt on pairs sharing a *rare* full name,
# which are nearly all the same person: trained on pairs sharing any name, EM
# settles on the 'namesake' solution (common names in one governorate linked
# across years).
Block = tuple[tuple[str, ...], str]

# Given names are learnt among records sharing date, governorate, father's and
# family name: the same person, or siblings killed together, which EM tells
# apart by given name, sex and age. Father's and family names are learnt among
# records sharing date, governorate and given name. A looser block (the date
# alone, or date and father) lets EM take 'same household' for 'same person'.
GIVEN_TRAINING_BLOCKS: list[Block] = [
    (("dod_day", "governorate", "father_key", "family_key"), ""),
    (("dod_day", "father_key", "family_key"), ""),
    (("dod_month", "father_key", "family_key"), ""),
    (("dod_day", "family_key"), ""),
    (("dod_month", "family_key"), ""),
    (("dod_year", "family_key"), ""),
]
LINEAGE_TRAINING_BLOCKS: list[Block] = [
    (("dod_day", "governorate", "given_key"), ""),
    (("dod_day", "given_key"), ""),
    (("dod_month", "governorate", "given_key"), ""),
    (("dod_month", "given_key"), ""),
]


def rare_name_training_blocks(rare_name_max: int) -> list[Block]:
    rare = f"l.name_freq <= {int(rare_name_max)}"
    return [
        (("name_key",), f"{rare} and l.name_parts >= 3"),
        (("name_key",), rare),
    ]


DETERMINISTIC_BLOCKS: list[Block] = [
    (("name_key", "dod_day", "governorate"), ""),
    (("name_key", "dod_day"), ""),
    (("name_key", "place_key"), ""),
]

# What each EM session estimates; every other comparison is held neutral
# (m = u) during that session so it cannot steer the classes: in a household
# block, EM would otherwise take 'same place' for 'same person'.
GIVEN_SESSION = ("given", "sex", "age")
LINEAGE_SESSION = ("father", "lineage")
RARE_NAME_SESSION = ("date_of_death", "governorate", "place", "sex", "age")
# Which session's estimates the final model keeps for each comparison.
OWNER = {
    "given": "given",
    "father": "lineage",
    "lineage": "lineage",
    "date_of_death": "rare",
    "governorate": "rare",
    "place": "rare",
    "sex": "rare",
    "age": "rare",
}

# m probabilities used only when no training block has enough pairs: what a
# careful reviewer expects of true matches on lists like these (names mostly
# agree, dates mostly exact but sometimes off by days, sexes nearly always agree).
M_PRIORS = {
    "given": [0.8, 0.1, 0.1],
    "father": [0.8, 0.1, 0.1],
    "lineage": [0.7, 0.05, 0.05, 0.1, 0.1],
    "date_of_death": [0.6, 0.1, 0.08, 0.07, 0.08, 0.04, 0.03],
    "governorate": [0.9, 0.1],
    "place": [0.6, 0.15, 0.25],
    "sex": [0.97, 0.03],
    "age": [0.6, 0.2, 0.1, 0.1],
}


def block_sql(block: Block) -> str:
    columns, condition = block
    equal = " and ".join(f"l.{c} = r.{c}" for c in columns)
    return f"{equal} and {condition}" if condition else equal


def _name_part(column: str, label: str) -> cl.CustomComparison:
    return cl.CustomComparison(
        output_column_name=label,
        comparison_description=f"{label} name key",
        comparison_levels=[
            cll.NullLevel(column),
            cll.ExactMatchLevel(column, term_frequency_adjustments=True),
            cll.JaroWinklerLevel(column, NAME_SIMILARITY),
            cll.ElseLevel(),
        ],
    )


def _lineage() -> cl.CustomComparison:
    """Grandfather and family names: lists disagree on which of the two the third part is."""
    fam_l, fam_r, gf_l, gf_r = (
        "family_key_l",
        "family_key_r",
        "grandfather_key_l",
        "grandfather_key_r",
    )
    comparable = (
        f"({fam_l} is not null and {fam_r} is not null)"
        f" or ({gf_l} is not null and {gf_r} is not null)"
        f" or ({fam_l} is not null and {gf_r} is not null)"
        f" or ({gf_l} is not null and {fam_r} is not null)"
    )
    return cl.CustomComparison(
        output_column_name="lineage",
        comparison_description="grandfather and family name keys",
        comparison_levels=[
            {
                "sql_condition": f"not ({comparable})",
                "label_for_charts": "null",
                "is_null_level": True,
            },
            cll.ExactMatchLevel("family_key", term_frequency_adjustments=True),
            {"sql_condition": f"{gf_l} = {gf_r}", "label_for_charts": "grandfather equal"},
            {
                "sql_condition": f"{fam_l} = {gf_r} or {gf_l} = {fam_r}",
                "label_for_charts": "family equals grandfather",
            },
            cll.JaroWinklerLevel("family_key", NAME_SIMILARITY),
            cll.ElseLevel(),
        ],
    )


def _date_of_death() -> cl.CustomComparison:
    """Date of death, at levels that only claim the precision both records have."""
    both_day = "date_precision_l = 'day' and date_precision_r = 'day'"
    no_year = "date_precision_l <> 'year' and date_precision_r <> 'year'"
    diff = "abs(dod_day_l - dod_day_r)"
    return cl.CustomComparison(
        output_column_name="date_of_death",
        comparison_description="date of death with precision",
        comparison_levels=[
            {
                "sql_condition": "dod_day_l is null or dod_day_r is null",
                "label_for_charts": "null",
                "is_null_level": True,
            },
            {
                "sql_condition": f"{both_day} and dod_day_l = dod_day_r",
                "label_for_charts": "same day",
            },
            {"sql_condition": f"{both_day} and {diff} <= 3", "label_for_charts": "within 3 days"},
            {
                "sql_condition": f"{no_year} and dod_month_l = dod_month_r",
                "label_for_charts": "same month (month precision)",
            },
            {
                "sql_condition": f"({both_day} and {diff} <= 31)"
                f" or ({no_year} and abs(dod_month_l - dod_month_r) <= 1)",
                "label_for_charts": "within a month",
            },
            {"sql_condition": "dod_year_l = dod_year_r", "label_for_charts": "same year"},
            {"sql_condition": f"{diff} <= 366", "label_for_charts": "within a year"},
            cll.ElseLevel(),
        ],
    )


def _birth_year() -> cl.CustomComparison:
    diff = "abs(birth_year_l - birth_year_r)"
    return cl.CustomComparison(
        output_column_name="age",
        comparison_description="year of birth from age and date",
        comparison_levels=[
            cll.NullLevel("birth_year"),
            {"sql_condition": f"{diff} <= 1", "label_for_charts": "within 1 year"},
            {"sql_condition": f"{diff} <= 3", "label_for_charts": "within 3 years"},
            {"sql_condition": f"{diff} <= 8", "label_for_charts": "within 8 years"},
            cll.ElseLevel(),
        ],
    )


def _place() -> cl.CustomComparison:
    return cl.CustomComparison(
        output_column_name="place",
        comparison_description="place key",
        comparison_levels=[
            cll.NullLevel("place_key"),
            cll.ExactMatchLevel("place_key", term_frequency_adjustments=True),
            cll.JaroWinklerLevel("place_key", PLACE_SIMILARITY),
            cll.ElseLevel(),
        ],
    )


def comparisons() -> list[Any]:
    return [
        _name_part("given_key", "given"),
        _name_part("father_key", "father"),
        _lineage(),
        _date_of_death(),
        cl.ExactMatch("governorate"),
        _place(),
        cl.ExactMatch("sex"),
        _birth_year(),
    ]


def settings_creator(blocking_rules: list[str] | None = None) -> SettingsCreator:
    """The untrained model."""
    return SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name=UNIQUE_ID,
        blocking_rules_to_generate_predictions=list(blocking_rules or PREDICTION_BLOCKING_RULES),
        comparisons=comparisons(),
        additional_columns_to_retain=["source_id"],
        retain_intermediate_calculation_columns=False,
        retain_matching_columns=False,
    )


def settings_with_parameters(
    creator: SettingsCreator, trained: dict[str, Any], sql_dialect: str
) -> dict[str, Any]:
    """The creator's settings in `sql_dialect`, with m, u and the prior from a trained model.

    A model saved on one engine carries that engine's SQL; rebuilding the SQL for
    the other engine and copying only the numbers lets both run the same model.
    """
    settings = creator.create_settings_dict(sql_dialect)
    settings = copy.deepcopy(settings)
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
