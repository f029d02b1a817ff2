"""simulate(): a true population, K lists written to disk, the truth, and a ready recount.toml."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from recount.errors import ConfigError
from recount.simulate import records as record_module
from recount.simulate.capture import draw_captures
from recount.simulate.lexicon import FAMILIES, FEMALE, MALE
from recount.simulate.lists import DEFAULT_LISTS, MAX_LISTS, ListSpec
from recount.simulate.population import draw_population
from recount.simulate.writers import write_list

Progress = Callable[[str, int, int], None]  # (step description, done, total)


@dataclass(frozen=True)
class SimulationResult:
    """What was written, and the headline counts (no names)."""

    out_dir: Path
    config_path: Path
    list_paths: dict[str, Path]
    truth_records: Path
    truth_persons: Path
    truth_totals: Path
    people: int
    documented: int  # people on at least one list
    rows: dict[str, int]  # rows written per list
    seed: int
    unidentified_rows: dict[str, int] = field(default_factory=dict)
    duplicate_rows: dict[str, int] = field(default_factory=dict)

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())

    @property
    def documented_share(self) -> float:
        return self.documented / self.people if self.people else 0.0


def simulate(
    out_dir: str | Path,
    people: int = 20000,
    sources: int = 5,
    seed: int = 1,
    *,
    coverage: float = 0.7,
    lists: list[str] | tuple[str, ...] | None = None,
    progress: Progress | None = None,
) -> SimulationResult:
    """Writes a synthetic conflict with known truth into out_dir.

    `coverage` is the expected share of people on at least one list; `lists`
    picks list ids (default: the first `sources` of vdc, snhr, sohr, gov, scsr,
    lcc, local, hospital).
    """
    specs = _choose_lists(sources, lists)
    if not isinstance(people, int) or people < 1:
        raise ConfigError("people", f"expected a positive whole number, got {people!r}")
    if not 0.05 <= coverage <= 0.99:
        raise ConfigError("coverage", f"expected a share between 0.05 and 0.99, got {coverage!r}")
    out = Path(out_dir)
    (out / "lists").mkdir(parents=True, exist_ok=True)
    (out / "truth").mkdir(parents=True, exist_ok=True)
    steps = 3 + len(specs)
    report = progress or (lambda *_: None)

    root = np.random.SeedSequence(seed)
    population_seed, capture_seed, *list_seeds = root.spawn(2 + len(specs))
    report("population", 0, steps)
    population = draw_population(people, np.random.default_rng(population_seed))
    report("capture", 1, steps)
    captured = draw_captures(population, specs, coverage, np.random.default_rng(capture_seed))

    truth_rows, rows, unidentified, duplicates, paths = [], {}, {}, {}, {}
    for j, spec in enumerate(specs):
        report(f"list {spec.id}", 2 + j, steps)
        frame = record_module.list_records(
            population, captured[:, j], spec, np.random.default_rng(list_seeds[j])
        )
        path = out / "lists" / spec.schema.file
        write_list(frame, spec.schema, path)
        paths[spec.id] = path
        rows[spec.id] = len(frame)
        duplicates[spec.id] = int(frame["person_id"].duplicated().sum())
        unidentified[spec.id] = int(_unidentified(frame).sum())
        truth_rows.append(
            pd.DataFrame(
                {
                    "source_id": spec.id,
                    "source_row": frame["source_row"],
                    "person_id": frame["person_id"],
                }
            )
        )

    report("truth", 2 + len(specs), steps)
    truth = pd.concat(truth_rows, ignore_index=True)
    records_path, persons_path, totals_path = _write_truth(out / "truth", population, truth, specs)
    config_path = write_config(out, specs, seed)
    report("done", steps, steps)
    documented = int(truth["person_id"].nunique())
    return SimulationResult(
        out_dir=out,
        config_path=config_path,
        list_paths=paths,
        truth_records=records_path,
        truth_persons=persons_path,
        truth_totals=totals_path,
        people=people,
        documented=documented,
        rows=rows,
        seed=seed,
        unidentified_rows=unidentified,
        duplicate_rows=duplicates,
    )


def _choose_lists(sources: int, ids: list[str] | tuple[str, ...] | None) -> tuple[ListSpec, ...]:
    by_id = {spec.id: spec for spec in DEFAULT_LISTS}
    if ids:
        unknown = [i for i in ids if i not in by_id]
        if unknown:
            raise ConfigError(
                "lists", f"unknown list {unknown[0]!r}; expected some of {', '.join(by_id)}"
            )
        if len(set(ids)) != len(ids):
            raise ConfigError("lists", "each list may appear once")
        return tuple(by_id[i] for i in ids)
    if not isinstance(sources, int) or not 2 <= sources <= MAX_LISTS:
        raise ConfigError("sources", f"expected 2 to {MAX_LISTS} lists, got {sources!r}")
    return DEFAULT_LISTS[:sources]


def _unidentified(frame: pd.DataFrame) -> pd.Series:
    name_columns = [c for c in ("name", "name_latin", "given_name") if c in frame]
    text = frame[name_columns[0]].fillna("")
    return text.eq("") | text.str.contains(
        r"مجهول|nknown|nidentified|^(?:زوجة|ابن|ابنة|wife of|son of|daughter of) ", regex=True
    )


def _write_truth(
    folder: Path, population: pd.DataFrame, truth: pd.DataFrame, specs
) -> tuple[Path, Path, Path]:
    records_path = folder / "records.csv"
    _atomic_csv(truth[["source_id", "source_row", "person_id"]], records_path)

    persons = population[
        [
            "person_id",
            "sex",
            "age",
            "date_of_death",
            "governorate",
            "year",
            "status",
            "household_id",
            "role",
            "area",
            "hard_to_reach",
        ]
    ].copy()
    persons.insert(
        5, "place", record_module.vocabulary().place_latin[population["place_index"].to_numpy()]
    )
    persons["date_of_death"] = pd.DatetimeIndex(persons["date_of_death"]).strftime("%Y-%m-%d")
    persons["name"] = _true_names(population)
    counts = truth.groupby(["person_id", "source_id"]).size().unstack(fill_value=0)
    lists = []
    for spec in specs:
        on = (
            persons["person_id"]
            .map(counts[spec.id] if spec.id in counts else {})
            .fillna(0)
            .astype(int)
        )
        persons[f"in_{spec.id}"] = (on > 0).astype(int)
        lists.append(spec.id)
    persons["n_lists"] = persons[[f"in_{s.id}" for s in specs]].sum(axis=1)
    persons["n_records"] = (
        persons["person_id"].map(truth["person_id"].value_counts()).fillna(0).astype(int)
    )
    joined = pd.Series("", index=persons.index, dtype=object)
    for spec_id in lists:
        joined = joined + np.where(persons[f"in_{spec_id}"] > 0, spec_id + ";", "")
    persons["lists"] = joined.str.rstrip(";")
    persons_path = folder / "persons.csv"
    _atomic_csv(persons, persons_path)

    persons["documented"] = persons["n_lists"] > 0
    totals = (
        persons.groupby(["governorate", "year"])
        .agg(deaths=("person_id", "size"), documented=("documented", "sum"))
        .reset_index()
        .sort_values(["governorate", "year"])
    )
    totals_path = folder / "totals.csv"
    _atomic_csv(totals, totals_path)
    return records_path, persons_path, totals_path


def _true_names(population: pd.DataFrame) -> np.ndarray:
    given = np.asarray(MALE.arabic + FEMALE.arabic, dtype=object)[population["given"].to_numpy()]
    male = np.asarray(MALE.arabic, dtype=object)
    family = np.asarray(FAMILIES.arabic, dtype=object)[population["family"].to_numpy()]
    father = male[population["father"].to_numpy()]
    grandfather = male[population["grandfather"].to_numpy()]
    return (pd.Series(given) + " " + father + " " + grandfather + " " + family).to_numpy(
        dtype=object
    )


def _atomic_csv(frame: pd.DataFrame, path: Path) -> None:
    temporary = path.with_name(path.name + ".tmp")
    frame.to_csv(temporary, index=False, lineterminator="\n")
    os.replace(temporary, path)


def write_config(out: Path, specs: tuple[ListSpec, ...], seed: int) -> Path:
    """A recount.toml that maps every list's columns to the canonical fields."""
    q = lambda text: json.dumps(text, ensure_ascii=False)  # noqa: E731 - TOML basic strings are JSON strings
    lines = [
        "# Written by `recount simulate`: a synthetic conflict with known truth (see truth/).",
        "# Every list below was simulated; see docs/simulator.md for the model.",
        "",
        "[project]",
        f"name = {q(f'simulated-seed-{seed}')}",
        'event = "killed"',
    ]
    for spec in specs:
        s = spec.schema
        lines += [
            "",
            f"# {spec.description}",
            "[[sources]]",
            f"id = {q(spec.id)}",
            f"path = {q('lists/' + s.file)}",
        ]
        lines.append(f"format = {q(s.format)}")
        if s.encoding and s.encoding.lower() not in ("utf-8", "utf-8-sig"):
            lines.append(f"encoding = {q(s.encoding)}")
        if s.delimiter and s.format == "csv" and s.delimiter != ",":
            lines.append(f"delimiter = {q(s.delimiter)}")
        lines += ["", "[sources.columns]"]
        lines += [f"{canonical} = {q(header)}" for canonical, header in s.columns.items()]
        for canonical, mapping in s.value_maps.items():
            lines += ["", f"[sources.values.{canonical}]"]
            lines += [f"{q(theirs)} = {q(ours)}" for theirs, ours in mapping.items()]
    lines += ["", "[estimate]", 'strata = ["governorate", "year"]', ""]
    path = out / "recount.toml"
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text("\n".join(lines), encoding="utf-8")
    os.replace(temporary, path)
    return path
