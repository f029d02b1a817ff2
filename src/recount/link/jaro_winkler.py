"""DuckDB's Jaro-Winkler similarity written in Spark SQL, so both engines score alike.

Splink's Spark jar has a `jaro_winkler` of its own that counts transpositions differently
(half the out-of-order matches, not rounded down): 'mosrir'/'moris' is 0.8756 there and 0.9022
in DuckDB, on either side of the Latin names' 0.88. A pair on such a level's edge then weighs
four bits apart on the two engines, and the clustering that follows may make another person of
it. This is DuckDB's definition (the `jaro_winkler` library's): characters match within
max(length) / 2 - 1 positions, each of the second string's to the first unmatched one of the
first string's; transpositions are the matched characters out of order, halved and rounded
down; the common prefix of up to 4 characters adds a tenth of the rest each, above a Jaro of
0.7; empty strings are 0. The last bits may still differ (DuckDB's build fuses the last
multiply-add): `at_least` compares such a similarity with its bound.
"""

from __future__ import annotations

# Below a similarity's bound by less than this is at the bound: the similarity is a fraction
# of small integers, computed to ~1e-16, and a fraction below the bound lies further below it
# than this for strings up to about 300 characters (its denominator is at most 30 * length^3).
SIMILARITY_TIE = 1e-12


def at_least(similarity: str, bound: float) -> str:
    """SQL: `similarity` reaches `bound`, the same on every engine whatever its last bits."""
    return f"{similarity} >= {bound - SIMILARITY_TIE!r}"


def _let(name: str, fields: dict[str, str], body: str) -> str:
    """Spark SQL has no LET: `body` with `name` bound to a struct of the `fields`."""
    struct = ", ".join(f"'{key}', {value}" for key, value in fields.items())
    return f"element_at(transform(array(named_struct({struct})), {name} -> {body}), 1)"


def spark_jaro_winkler(a: str, b: str) -> str:
    """Spark SQL giving DuckDB's `jaro_winkler_similarity(a, b)` (each string once)."""
    # the first unmatched position of x.p within the window that holds x.t's j-th character
    match = (
        "array_min(filter(sequence(0, x.lp - 1), q -> q between j - x.bound and j + x.bound"
        " and not element_at(acc.used, q + 1)"
        " and substring(x.p, q + 1, 1) = substring(x.t, j + 1, 1)))"
    )
    step = (
        "(acc, j) -> named_struct("
        f"'used', transform(acc.used, (u, i) -> u or coalesce(i = {match}, false)), "
        f"'tm', case when {match} is null then acc.tm"
        " else concat(acc.tm, array(substring(x.t, j + 1, 1))) end)"
    )
    matched_in_p = (
        "transform(filter(sequence(1, x.lp), i -> element_at(acc.used, i)),"
        " i -> substring(x.p, i, 1))"
    )
    counts = {
        "m": "size(acc.tm)",
        "tr": f"size(filter(zip_with({matched_in_p}, acc.tm, (c, d) -> c != d), z -> z)) div 2",
        "pre": (
            "size(filter(sequence(1, least(x.lp, x.lt, 4)),"
            " i -> substring(x.p, 1, i) = substring(x.t, 1, i)))"
        ),
    }
    jaro = "(y.m / x.lp + y.m / x.lt + (y.m - y.tr) / y.m) / 3.0D"
    winkler = "case when w.s > 0.7D then w.s + y.pre * 0.1D * (1.0D - w.s) else w.s end"
    finish = "acc -> " + _let(
        "y", counts, f"case when y.m = 0 then 0.0D else {_let('w', {'s': jaro}, winkler)} end"
    )
    start = "named_struct('used', array_repeat(false, x.lp), 'tm', cast(array() as array<string>))"
    body = (
        "case when x.lp = 0 or x.lt = 0 then 0.0D"
        f" else aggregate(sequence(0, x.lt - 1), {start}, {step}, {finish}) end"
    )
    lengths = {
        "p": "v.p",
        "t": "v.t",
        "lp": "char_length(v.p)",
        "lt": "char_length(v.t)",
        "bound": "greatest(0, greatest(char_length(v.p), char_length(v.t)) div 2 - 1)",
    }
    return _let("v", {"p": a, "t": b}, _let("x", lengths, body))
