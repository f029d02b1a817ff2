"""`[link]`: linking records into people."""

from __future__ import annotations

from dataclasses import dataclass

from recount.settings.base import Section, Where, setting

BACKENDS = ("duckdb", "spark")
PRESETS = ("auto", "arabic", "latin")
NAME_GUARDS = ("auto", "given", "father", "family")
SAME_LIST_GUARD = ("auto", "on", "off")
AUTO_THRESHOLD = "auto"
AUTO_RECALL = "auto"
BIRTH_YEAR_GUARD = ("auto", "off")
DEATH_DATE_GUARD = BIRTH_YEAR_GUARD
OFF = "off"


@dataclass(frozen=True)
class LinkSettings(Section):
    """Every knob of the link stage."""

    NAME = "link"

    backend: str = setting("duckdb", "duckdb, or spark for data that outgrows one machine",
                           choices=BACKENDS)  # fmt: skip
    preset: str = setting(
        "auto", "names preset: arabic (cross-script keys of Arabic names), latin, or auto "
        "(arabic where at least 2% of the names are in Arabic script or in Ge'ez)", choices=PRESETS,
    )  # fmt: skip
    blocking_rules: tuple[str, ...] = setting(
        (), "Splink blocking rules (SQL over l. and r.) to use instead of the preset's"
    )
    comparisons: str = setting(
        "", "a JSON file (relative to the workspace) of Splink comparisons to use instead"
    )
    name_guards: tuple[str, ...] = setting(
        ("auto",), "refuse people holding clearly different given names, fathers' names or "
        "(family) last surnames; auto: given and father where the lists give dates of death, "
        "family too where the country pack's names end in a surname, none without dates",
        choices=NAME_GUARDS,
    )  # fmt: skip
    birth_year_guard: int | str = setting(
        "auto", "records whose years of birth (from a date of birth, or an age at a date of "
        "death) are more than this many years apart cannot be one person; auto: the gap that "
        "the confident pairs sharing a rare full name keep within, off: no such guard",
        minimum=0,
    )  # fmt: skip
    death_date_guard: int | str = setting(
        "auto", "records whose dates of death are more than this many days apart (read at "
        "their precision, or with day and month exchanged; one day of the year with a year "
        "typed wrong is no conflict) cannot be one person; auto: twice the gap that the "
        "confident pairs sharing a rare full name keep within, at least 30, off: no such guard",
        minimum=0,
    )  # fmt: skip
    attach_unnamed: float | str = setting(
        0.9, "a record without a usable name ('N.N.', none, 'wife of ...') joins the one named "
        "person who died on its exact day in its place (its admin unit where it gives no place), "
        "of a sex and year of birth that do not contradict it, where named records, their names "
        "hidden, show the joined records find their own person at least this share of times "
        "(measured per kind of evidence, the most precise kinds joining first); off: kept apart",
        minimum=0.0, maximum=1.0,
    )  # fmt: skip
    same_list_guard: str = setting(
        "auto", "records of one list with different sexes or dates of death more than "
        "conflict_days apart cannot be one person: on, off, or auto (on for the lists whose "
        "own duplicates are rare)", choices=SAME_LIST_GUARD,
    )  # fmt: skip
    same_list_duplicates_max: float = setting(
        0.15, "auto: a list is guarded when at most this share of its records is in a "
        "confident pair with another record of the same list", minimum=0.0, maximum=1.0,
    )  # fmt: skip
    threshold: float | str = setting(
        AUTO_THRESHOLD, "match probability at which two records are clustered into one person, "
        "or auto: the one that maximises the F1 the scored pairs' own match probabilities "
        "expect", minimum=0.0, maximum=1.0, open_interval=True,
    )  # fmt: skip
    prediction_threshold: float = setting(
        0.05, "pairs scored at or above this probability are kept in `pairs` (for review)",
        minimum=0.0, maximum=1.0, open_interval=True,
    )  # fmt: skip
    seed: int = setting(20110315, "seed of the training's sampling", minimum=0)
    u_max_pairs: float = setting(2e6, "pairs sampled to estimate u (at most 100 per record)",
                                 minimum=1e4)  # fmt: skip
    rare_name_max: int = setting(
        4, "a full name shared by at most this many records is rare: pairs sharing it train "
        "the date, place, sex and age parameters (a guard against the namesake solution)",
        minimum=2,
    )  # fmt: skip
    deterministic_recall: float | str = setting(
        AUTO_RECALL, "share of true matches the deterministic rule (same names and date, or "
        "place) finds, to estimate the prior; auto: what the trained model's own m "
        "probabilities give", minimum=0.0, maximum=1.0, open_interval=True,
    )  # fmt: skip
    conflict_days: int = setting(
        45, "two records of one list further apart than this (days) cannot be one person",
        minimum=1,
    )  # fmt: skip
    min_labels: int = setting(
        30, "labelled matching pairs needed before m is estimated from review labels", minimum=1
    )
    max_cluster_size: int = setting(
        40, "refuse to build a cluster larger than this (chaining guard)", minimum=1
    )
    keep_comparison_weights: bool = setting(
        True, "keep each comparison's weight (mw_<comparison>) in `pairs`, for review"
    )
    spark_driver_memory: str = setting("2g", "Spark's driver memory")
    spark_partitions: int = setting(4, "Spark shuffle partitions", minimum=1)

    def check(self, where: Where) -> None:
        if isinstance(self.threshold, str) and self.threshold != AUTO_THRESHOLD:
            raise where.error(
                ("threshold",), f"expected a number or {AUTO_THRESHOLD!r}, got {self.threshold!r}"
            )
        if isinstance(self.birth_year_guard, str) and self.birth_year_guard not in BIRTH_YEAR_GUARD:
            raise where.error(
                ("birth_year_guard",),
                f"expected a number of years or one of {', '.join(BIRTH_YEAR_GUARD)}, "
                f"got {self.birth_year_guard!r}",
            )
        if isinstance(self.death_date_guard, str) and self.death_date_guard not in DEATH_DATE_GUARD:
            raise where.error(
                ("death_date_guard",),
                f"expected a number of days or one of {', '.join(DEATH_DATE_GUARD)}, "
                f"got {self.death_date_guard!r}",
            )
        if isinstance(self.attach_unnamed, str) and self.attach_unnamed != OFF:
            raise where.error(
                ("attach_unnamed",), f"expected a share or {OFF!r}, got {self.attach_unnamed!r}"
            )
        if isinstance(self.deterministic_recall, str) and self.deterministic_recall != AUTO_RECALL:
            raise where.error(
                ("deterministic_recall",),
                f"expected a number or {AUTO_RECALL!r}, got {self.deterministic_recall!r}",
            )
        if isinstance(self.threshold, float) and self.prediction_threshold > self.threshold:
            raise where.error(("prediction_threshold",), "must not exceed link.threshold")
