"""The `[link]` section of recount.toml, parsed and validated."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

from recount.errors import ConfigError

BACKENDS = ("duckdb", "spark")
PRESET_OPTIONS = ("auto", "arabic", "latin")
SAME_LIST_GUARD = ("auto", "on", "off")
NAME_GUARD_OPTIONS = ("auto", "given", "father")


@dataclass(frozen=True)
class LinkOptions:
    """Every knob of the link stage; the model itself is built from the fields a workspace has."""

    backend: str = "duckdb"
    # names preset: `arabic` (cross-script keys of Arabic names), `latin`, or `auto`
    # (arabic where Arabic script is common in the workspace)
    preset: str = "auto"
    # blocking rules to use instead of the preset's (Splink SQL over l. and r.)
    blocking_rules: tuple[str, ...] = ()
    # a JSON file of Splink comparisons to use instead of the preset's (relative to the workspace)
    comparisons: str = ""
    # refuse to put in one person clearly different given names / fathers' names;
    # `auto`: both where the lists give dates of death (relatives killed together
    # share the date and place), none where they do not
    name_guards: tuple[str, ...] = ("auto",)
    # records of one list with different sexes or dates of death more than
    # `conflict_days` apart cannot be one person: `on`, `off`, or `auto` (on for
    # the lists whose own duplicates are rare: `same_list_duplicates_max`)
    same_list_guard: str = "auto"
    same_list_duplicates_max: float = 0.15
    # match probability at which two records are clustered into one person
    threshold: float = 0.9
    # pairs scored at or above this probability are kept in `pairs` (for review)
    prediction_threshold: float = 0.05
    seed: int = 20110315
    # pairs sampled to estimate u (chance agreement)
    u_max_pairs: float = 2e6
    # a full name shared by at most this many records is 'rare': pairs sharing it
    # train the date/place/sex/age parameters (guard against the namesake solution)
    rare_name_max: int = 4
    # share of true matches the deterministic rule finds, to estimate the prior
    deterministic_recall: float = 0.6
    # two records of one list further apart than this (days) cannot be one person
    conflict_days: int = 45
    # labelled matching pairs needed before m is estimated from review labels
    min_labels: int = 30
    # refuse to build a cluster larger than this (chaining guard)
    max_cluster_size: int = 40
    # keep each comparison's weight (mw_<comparison>) in `pairs`, for review
    keep_comparison_weights: bool = True
    spark_driver_memory: str = "2g"
    spark_partitions: int = 4

    def with_overrides(self, **overrides: Any) -> LinkOptions:
        known = {f.name for f in fields(self)}
        clean = {k: v for k, v in overrides.items() if v is not None}
        unknown = set(clean) - known
        if unknown:
            raise ConfigError(f"link.{sorted(unknown)[0]}", "unknown option")
        return validate(replace(self, **clean))


def parse_link_options(section: dict[str, Any], path: str | None = None) -> LinkOptions:
    """Build options from `[link]`; unknown keys and bad values raise ConfigError."""
    known = {f.name: f for f in fields(LinkOptions)}
    for key in section:
        if key not in known:
            raise ConfigError(
                f"link.{key}", f"unknown option; expected one of {', '.join(sorted(known))}", path
            )
    defaults = LinkOptions()
    values: dict[str, Any] = {}
    for key, value in section.items():
        expected = type(getattr(defaults, key))
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if expected is tuple:
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError(f"link.{key}", f"expected a list of strings, got {value!r}", path)
            value = tuple(value)
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            raise ConfigError(f"link.{key}", f"expected {expected.__name__}, got {value!r}", path)
        values[key] = value
    return validate(replace(defaults, **values), path)


def validate(options: LinkOptions, path: str | None = None) -> LinkOptions:
    if options.backend not in BACKENDS:
        raise ConfigError(
            "link.backend", f"expected one of {', '.join(BACKENDS)}, got {options.backend!r}", path
        )
    for key, allowed in (("preset", PRESET_OPTIONS), ("same_list_guard", SAME_LIST_GUARD)):
        if getattr(options, key) not in allowed:
            raise ConfigError(
                f"link.{key}",
                f"expected one of {', '.join(allowed)}, got {getattr(options, key)!r}",
                path,
            )
    bad = [g for g in options.name_guards if g not in NAME_GUARD_OPTIONS]
    if bad:
        raise ConfigError(
            "link.name_guards",
            f"unknown guard {bad[0]!r}; expected some of {', '.join(NAME_GUARD_OPTIONS)}",
            path,
        )
    if not 0.0 <= options.same_list_duplicates_max <= 1.0:
        raise ConfigError("link.same_list_duplicates_max", "expected a share between 0 and 1", path)
    for key in ("threshold", "prediction_threshold", "deterministic_recall"):
        value = getattr(options, key)
        if not 0.0 < value < 1.0:
            raise ConfigError(
                f"link.{key}", f"expected a probability strictly between 0 and 1, got {value}", path
            )
    if options.prediction_threshold > options.threshold:
        raise ConfigError("link.prediction_threshold", "must not exceed link.threshold", path)
    for key in (
        "rare_name_max",
        "conflict_days",
        "min_labels",
        "max_cluster_size",
        "spark_partitions",
    ):
        if getattr(options, key) < 1:
            raise ConfigError(f"link.{key}", "expected a positive integer", path)
    if options.rare_name_max < 2:
        raise ConfigError("link.rare_name_max", "expected at least 2", path)
    if options.u_max_pairs < 1e4:
        raise ConfigError("link.u_max_pairs", "expected at least 10000", path)
    return options
