"""The comparisons the model can use, as Splink comparison dicts in one SQL dialect.

Each builder returns one comparison (its levels most specific first, NULL on
either side meaning no evidence) for a field the workspace has. The SQL is
written for DuckDB or Spark (lambdas, array functions and the Jaro-Winkler
function differ), so the same model runs on both engines.

Names are compared as sets of token keys, whatever order the parts were
written in and whichever part a list took for the family name: which token
is the given, father's or family name is a guess, so the levels count agreeing
tokens; agreement of the guessed given names only adds a level above.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from recount.link.jaro_winkler import at_least, spark_jaro_winkler

NAME_COMPARISON = "name"
SAME_NAME = "same name, same order"
SAME_NAMES = "same names, another order"
# The name levels where both records hold the same set of names.
SAME_NAMES_LEVELS = (SAME_NAME, SAME_NAMES)
RAREST_NAME_AGREES = "one name agrees, the rarest of either's"
# A full date of death, and that date with the place (`frequencies.add_death_events`).
DEATH_DAY = "death_day"
# A full date of birth (`frequencies.add_birth_days`).
BIRTH_DAY = "birth_day"
DEATH_EVENT = "death_event"
# A record's set of names where it holds two or more (`frequencies.add_name_within`): the
# frequency of the names' level 'one name within the other' is how often other people's names
# hold them all (`frequencies.within_frequency`).
NAME_WITHIN = "name_within"
SAME_PLACE_SAME_DAY = "same, on the same day"
# A level split from another for its u alone -> that other: both take their summed m
# (`training.share_m_with_parent`).
SPLIT_FOR_U = {SAME_PLACE_SAME_DAY: "same"}
ONLY_THE_UNIT = "one names only the first-level unit the other lies in"
# One name slot compared on its own (`one_name`): comparison -> the link input's column.
NAME_SLOTS = {"father": "father_key", "family": "family_key"}
# Jaro-Winkler at which two keys of one slot are alike (a spelling, not another name)
NAMES_ALIKE = 0.7


@dataclass(frozen=True)
class Dialect:
    """The few SQL functions that differ between the engines."""

    name: str

    def nearly(self, a: str, b: str, near: float) -> str:
        """`a` and `b` reach Jaro-Winkler `near`, by DuckDB's definition on both engines
        (`link.jaro_winkler`: Splink's Spark jar computes another similarity)."""
        if self.name == "duckdb":
            return at_least(f"jaro_winkler_similarity({a}, {b})", near)
        return at_least(spark_jaro_winkler(a, b), near)

    def edit_distance(self, a: str, b: str) -> str:
        return f"damerau_levenshtein({a}, {b})"

    def unshared(self, a: str, b: str) -> str:
        """The tokens of list `a` that list `b` lacks, joined by spaces (in `a`'s order)."""
        if self.name == "duckdb":
            return f"array_to_string(list_filter({a}, lambda t: not list_contains({b}, t)), ' ')"
        return f"concat_ws(' ', filter({a}, t -> not array_contains({b}, t)))"

    def contains(self, array: str, value: str) -> str:
        fn = "list_contains" if self.name == "duckdb" else "array_contains"
        return f"{fn}({array}, {value})"


def shared_tokens(columns: list[str]) -> str:
    """How many name tokens two records share, from their integer token codes.

    Tokens are distinct within a record, so the count of equal code pairs is
    the size of the intersection.
    """
    terms = [f"(case when {a}_l = {b}_r then 1 else 0 end)" for a in columns for b in columns]
    return "(" + " + ".join(terms) + ")"


def level(
    sql: str, label: str, *, null: bool = False, tf: str | None = None, tf_own_u: bool = False
) -> dict[str, Any]:
    out: dict[str, Any] = {"sql_condition": sql, "label_for_charts": label}
    if null:
        out["is_null_level"] = True
    if tf:
        out["tf_adjustment_column"] = tf
        out["tf_adjustment_weight"] = 1.0
        if tf_own_u:  # the level is not `tf_l = tf_r`: its own u is the one the frequency replaces
            out["disable_tf_exact_match_detection"] = True
    return out


def comparison(name: str, description: str, levels: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "output_column_name": name,
        "comparison_description": description,
        "comparison_levels": levels,
    }


def names(d: Dialect, near: float, token_columns: list[str]) -> dict[str, Any]:
    """Names as sets of token keys: how many agree, in any order.

    The shorter name's tokens are counted in the longer's, so a name missing
    its father's or grandfather's name still agrees. Spelling differences
    within a token are caught on the tokens the two names do not share, at
    Jaro-Winkler `near`: one string comparison per pair, where comparing every
    token with every other would cost sixteen. Compared whole, two names that
    share their first token look nearly the same whatever follows (Thomas
    Walker, Thomas Potter: 0.9), the prefix weighing most in Jaro-Winkler.

    Where one name lies within the other, how common the shorter name is matters: 'Ali Hasan'
    lies within thousands of other people's names, a given, father's and family name together
    within one or two; the level's u is that share for the pair's shorter name
    (`frequencies.within_frequency`), not the average over every pair.

    Where one name agrees, which one matters: the rarest name of either record
    (a family name few carry) is a level above any other (a given name thousands
    carry), so sharing only 'Eleanor' is not evidence that 'Eleanor Carter' is
    'Eleanor Whyte'. Rarity is counted in the records at hand, whatever the
    name's position.
    """
    fewest = "least(token_count_l, token_count_r)"
    shared = shared_tokens(token_columns)
    rarest_shared = (
        f"{d.contains('tokens_r', 'rarest_token_l')} or {d.contains('tokens_l', 'rarest_token_r')}"
    )
    nearly = d.nearly(d.unshared("tokens_l", "tokens_r"), d.unshared("tokens_r", "tokens_l"), near)
    return comparison(
        NAME_COMPARISON,
        "name tokens in any order",
        [
            level(
                f"{token_columns[0]}_l is null or {token_columns[0]}_r is null", "null", null=True
            ),
            level("name_key_l = name_key_r", SAME_NAME, tf="name_key"),
            level("token_set_l = token_set_r", SAME_NAMES, tf="token_set"),
            # u: how often other people's names hold all the shorter name's (`within_frequency`)
            level(
                f"{fewest} >= 2 and {shared} = {fewest}",
                "one name within the other",
                tf=NAME_WITHIN,
                tf_own_u=True,
            ),
            level(f"{fewest} >= 2 and {shared} >= 1 and ({nearly})", "names nearly the same"),
            level(
                f"{fewest} >= 3 and {shared} = {fewest} - 1 and given_key_l = given_key_r",
                "all names but one agree, given names too",
            ),
            level(f"{fewest} >= 3 and {shared} = {fewest} - 1", "all names but one agree"),
            level(f"{shared} >= 2", "two names agree"),
            level(f"{shared} >= 1 and ({rarest_shared})", RAREST_NAME_AGREES),
            level(f"{shared} >= 1", "one name agrees"),
            level("ELSE", "All other comparisons"),
        ],
    )


def one_name(d: Dialect, name: str, column: str) -> dict[str, Any]:
    """One name slot (the father's, the family name) where it is not among the other record's
    names: a letter apart, alike, or another name.

    The names comparison counts every name as one token among the others: a person's records
    that spell the father two ways, cousins named after one grandfather (given, grandfather's
    and family name alike, fathers brothers), namesakes of two common names and different
    families all fall in one level. Which name differs, and how far, tells them apart, so this
    comparison weighs it, learnt on the workspace's own pairs (`training`, with the names).
    Where the two agree (or either is missing) it says nothing: the names comparison has
    counted that agreement already.
    """
    a, b = f"{column}_l", f"{column}_r"
    agree = f"{a} = {b} or {d.contains('tokens_r', a)} or {d.contains('tokens_l', b)}"
    return comparison(
        name,
        f"{column} where the other's names lack it",
        [
            level(f"{a} is null or {b} is null or {agree}", "null", null=True),
            level(f"{d.edit_distance(a, b)} <= 1", "a letter apart"),
            level(d.nearly(a, b, NAMES_ALIKE), "alike"),
            level("ELSE", "another name"),
        ],
    )


def date_of_death() -> dict[str, Any]:
    """Date of death at levels that mean what they say, each at the precision both records have.

    Two full dates are the same day, within a week, within a month, within a year or
    further apart; a date known to the month (or year) only is compared with the other at
    that precision. A full date 40 days from another is no longer 'same year' (weak
    evidence) but 'within a year': dates that clearly differ are evidence against the
    pair, boundedly (`model.M_FLOOR`), since real lists carry wrong dates.
    """
    both_day = "date_precision_l = 'day' and date_precision_r = 'day'"
    to_month = (
        "date_precision_l <> 'year' and date_precision_r <> 'year'"
        " and (date_precision_l = 'month' or date_precision_r = 'month')"
    )
    to_year = "(date_precision_l = 'year' or date_precision_r = 'year')"
    days = "abs(dod_day_l - dod_day_r)"
    months = "abs(dod_month_l - dod_month_r)"
    return comparison(
        "date_of_death",
        "date of death at the precision both records have",
        [
            level("dod_day_l is null or dod_day_r is null", "null", null=True),
            # u: how often another person died that day (a massacre's day is weak evidence)
            level(f"{both_day} and dod_day_l = dod_day_r", "same day", tf=DEATH_DAY, tf_own_u=True),
            level(f"{both_day} and {days} <= 7", "within a week"),
            level(f"{to_month} and {months} = 0", "same month"),
            level(
                f"({both_day} and {days} <= 31) or ({to_month} and {months} <= 1)", "within a month"
            ),
            level(f"{to_year} and dod_year_l = dod_year_r", "same year"),
            level(
                f"({both_day} and {days} <= 366) or ({to_month} and {months} <= 12)",
                "within a year",
            ),
            level("ELSE", "All other comparisons"),
        ],
    )


def date_of_birth(d: Dialect) -> dict[str, Any]:
    """Date of birth with precision; one digit typed wrong is a level of its own.

    'Same day' weighs how often other people's records carry that date: lists write 1 January
    (or the year's first day) where only the year is known, so thousands share it, and agreeing
    on it says little more than agreeing on the year.
    """
    both_day = "dob_precision_l = 'day' and dob_precision_r = 'day'"
    no_year = "dob_precision_l <> 'year' and dob_precision_r <> 'year'"
    diff = "abs(dob_day_l - dob_day_r)"
    return comparison(
        "date_of_birth",
        "date of birth with precision",
        [
            level("dob_day_l is null or dob_day_r is null", "null", null=True),
            level(f"{both_day} and dob_day_l = dob_day_r", "same day", tf=BIRTH_DAY, tf_own_u=True),
            level(
                f"{both_day} and {d.edit_distance('dob_text_l', 'dob_text_r')} <= 1",
                "one digit apart",
            ),
            level(f"{no_year} and dob_month_l = dob_month_r", "same month"),
            level(
                f"({both_day} and {diff} <= 31) or ({no_year} and abs(dob_month_l - dob_month_r) <= 1)",
                "within a month",
            ),
            level("dob_year_l = dob_year_r", "same year"),
            level(f"{diff} <= 366", "within a year"),
            level(f"{diff} <= 3653", "within ten years"),
            level("ELSE", "All other comparisons"),
        ],
    )


def birth_year() -> dict[str, Any]:
    """Year of birth from age (and date of death) where a full date of birth is not on both.

    A record with an age but no date of death has no year of birth; two such ages are
    compared as ages (a list without dates still says the man was 24, and namesakes in one
    town rarely share an age), at levels of their own so that they learn their own weights.
    """
    diff = "abs(birth_year_l - birth_year_r)"
    undated = "(birth_year_l is null or birth_year_r is null)"
    return comparison(
        "age",
        "year of birth from age or date of birth; ages where a date is missing",
        [
            level(
                f"({undated} and (age_l is null or age_r is null))"
                " or (dob_day_l is not null and dob_day_r is not null)",
                "null",
                null=True,
            ),
            level(f"{undated} and abs(age_l - age_r) <= 1", "ages within 1 year, a date missing"),
            level(undated, "ages further apart, a date missing"),
            level(f"{diff} <= 1", "within 1 year"),
            level(f"{diff} <= 3", "within 3 years"),
            level(f"{diff} <= 8", "within 8 years"),
            level("ELSE", "All other comparisons"),
        ],
    )


def exact(name: str, column: str, tf: bool = False) -> dict[str, Any]:
    return comparison(
        name,
        f"{column} exact",
        [
            level(f"{column}_l is null or {column}_r is null", "null", null=True),
            level(f"{column}_l = {column}_r", "same", tf=column if tf else None),
            level("ELSE", "All other comparisons"),
        ],
    )


def text(d: Dialect, name: str, column: str, near: float = 0.9) -> dict[str, Any]:
    """Free text (a place, an occupation): the same, nearly the same (typing), else."""
    return comparison(
        name,
        f"{column} text",
        [
            level(f"{column}_l is null or {column}_r is null", "null", null=True),
            level(f"{column}_l = {column}_r", "same", tf=column),
            level(d.nearly(f"{column}_l", f"{column}_r", near), "nearly the same"),
            level("ELSE", "All other comparisons"),
        ],
    )


def place(d: Dialect, column: str, by_day: bool, near: float = 0.9) -> dict[str, Any]:
    """A place of death: the same (on the same full date, when `by_day`), nearly the same,
    one naming only the other's first-level unit, else.

    Agreeing on the place of a day many died at is little evidence once the day agrees: the
    first level's u is how often the day's other dead were at that place
    (`frequencies.event_frequency`), not how often anyone was. It is split from 'same' for
    its u alone: both take the m of agreeing on the place (`SPLIT_FOR_U`).

    Lists write places at different grains: one writes the oblast ('Kherson', 'Херсонська
    обл.'), another the town in it. Such a pair is not two places: its level's weight is
    learnt like any other's (a new user's Ukrainian lists: 77 of 150 missed true pairs put
    an oblast against a town at the 'else' level's -6.6 bits, note 154).
    """
    same_day = "date_precision_l = 'day' and date_precision_r = 'day' and dod_day_l = dod_day_r"
    same_on_the_day = [
        level(
            f"{column}_l = {column}_r and {same_day}",
            SAME_PLACE_SAME_DAY,
            tf=DEATH_EVENT,
            tf_own_u=True,
        )
    ]
    return comparison(
        "place",
        f"{column} text, with the day" if by_day else f"{column} text",
        [
            level(f"{column}_l is null or {column}_r is null", "null", null=True),
            *(same_on_the_day if by_day else []),
            level(f"{column}_l = {column}_r", "same", tf=column),
            level(d.nearly(f"{column}_l", f"{column}_r", near), "nearly the same"),
            level(
                "(place_is_unit_l or place_is_unit_r) and governorate_l = governorate_r",
                ONLY_THE_UNIT,
            ),
            level("ELSE", "All other comparisons"),
        ],
    )


def identifier(d: Dialect, name: str, column: str) -> dict[str, Any]:
    """An id or code: the same, one character typed wrong, else."""
    return comparison(
        name,
        f"{column} identifier",
        [
            level(f"{column}_l is null or {column}_r is null", "null", null=True),
            level(f"{column}_l = {column}_r", "same"),
            level(f"{d.edit_distance(f'{column}_l', f'{column}_r')} <= 1", "one character apart"),
            level("ELSE", "All other comparisons"),
        ],
    )
