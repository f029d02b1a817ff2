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

NAME_COMPARISON = "name"
SAME_NAME = "same name, same order"
SAME_NAMES = "same names, another order"
# The name levels where both records hold the same set of names.
SAME_NAMES_LEVELS = (SAME_NAME, SAME_NAMES)


@dataclass(frozen=True)
class Dialect:
    """The few SQL functions that differ between the engines."""

    name: str

    def jw(self, a: str, b: str) -> str:
        fn = "jaro_winkler_similarity" if self.name == "duckdb" else "jaro_winkler"
        return f"{fn}({a}, {b})"

    def edit_distance(self, a: str, b: str) -> str:
        return f"damerau_levenshtein({a}, {b})"


def shared_tokens(columns: list[str]) -> str:
    """How many name tokens two records share, from their integer token codes.

    Tokens are distinct within a record, so the count of equal code pairs is
    the size of the intersection.
    """
    terms = [f"(case when {a}_l = {b}_r then 1 else 0 end)" for a in columns for b in columns]
    return "(" + " + ".join(terms) + ")"


def level(sql: str, label: str, *, null: bool = False, tf: str | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"sql_condition": sql, "label_for_charts": label}
    if null:
        out["is_null_level"] = True
    if tf:
        out["tf_adjustment_column"] = tf
        out["tf_adjustment_weight"] = 1.0
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
    within a token are caught on the whole name (sorted tokens, or in the
    written order) at Jaro-Winkler `near`: one string comparison per pair,
    where comparing every token with every other would cost sixteen.
    """
    fewest = "least(token_count_l, token_count_r)"
    shared = shared_tokens(token_columns)
    nearly = (
        f"{d.jw('token_set_l', 'token_set_r')} >= {near}"
        f" or {d.jw('name_key_l', 'name_key_r')} >= {near}"
    )
    return comparison(
        NAME_COMPARISON,
        "name tokens in any order",
        [
            level(
                f"{token_columns[0]}_l is null or {token_columns[0]}_r is null", "null", null=True
            ),
            level("name_key_l = name_key_r", SAME_NAME, tf="name_key"),
            level("token_set_l = token_set_r", SAME_NAMES, tf="token_set"),
            level(f"{fewest} >= 2 and {shared} = {fewest}", "one name within the other"),
            level(f"{fewest} >= 2 and {shared} >= 1 and ({nearly})", "names nearly the same"),
            level(
                f"{fewest} >= 3 and {shared} = {fewest} - 1 and given_key_l = given_key_r",
                "all names but one agree, given names too",
            ),
            level(f"{fewest} >= 3 and {shared} = {fewest} - 1", "all names but one agree"),
            level(f"{shared} >= 2", "two names agree"),
            level(f"{shared} >= 1", "one name agrees"),
            level("ELSE", "All other comparisons"),
        ],
    )


def date_of_death() -> dict[str, Any]:
    """Date of death, at levels that only claim the precision both records have."""
    return _dated("date_of_death", "dod", "date_precision", birth=False)


def date_of_birth(d: Dialect) -> dict[str, Any]:
    """Date of birth with precision; one digit typed wrong is a level of its own."""
    return _dated("date_of_birth", "dob", "dob_precision", birth=True, dialect=d)


def _dated(
    name: str, prefix: str, precision: str, birth: bool, dialect: Dialect | None = None
) -> dict[str, Any]:
    day_l, day_r = f"{prefix}_day_l", f"{prefix}_day_r"
    month_l, month_r = f"{prefix}_month_l", f"{prefix}_month_r"
    both_day = f"{precision}_l = 'day' and {precision}_r = 'day'"
    no_year = f"{precision}_l <> 'year' and {precision}_r <> 'year'"
    diff = f"abs({day_l} - {day_r})"
    levels = [
        level(f"{day_l} is null or {day_r} is null", "null", null=True),
        level(f"{both_day} and {day_l} = {day_r}", "same day"),
    ]
    if birth and dialect is not None:
        levels.append(
            level(
                f"{both_day} and {dialect.edit_distance(f'{prefix}_text_l', f'{prefix}_text_r')}"
                " <= 1",
                "one digit apart",
            )
        )
    else:
        levels.append(level(f"{both_day} and {diff} <= 3", "within 3 days"))
    levels += [
        level(f"{no_year} and {month_l} = {month_r}", "same month"),
        level(
            f"({both_day} and {diff} <= 31) or ({no_year} and abs({month_l} - {month_r}) <= 1)",
            "within a month",
        ),
        level(f"{prefix}_year_l = {prefix}_year_r", "same year"),
        level(f"{diff} <= 366", "within a year"),
    ]
    if birth:
        levels.append(level(f"{diff} <= 3653", "within ten years"))
    levels.append(level("ELSE", "All other comparisons"))
    return comparison(name, f"{name.replace('_', ' ')} with precision", levels)


def birth_year() -> dict[str, Any]:
    """Year of birth from age (and date of death) where a full date of birth is not on both."""
    diff = "abs(birth_year_l - birth_year_r)"
    return comparison(
        "age",
        "year of birth from age or date of birth",
        [
            level(
                "birth_year_l is null or birth_year_r is null"
                " or (dob_day_l is not null and dob_day_r is not null)",
                "null",
                null=True,
            ),
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
            level(f"{d.jw(f'{column}_l', f'{column}_r')} >= {near}", "nearly the same"),
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
