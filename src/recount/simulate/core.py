"""simulate(): a true population, K lists written to disk, the truth, and a ready recount.toml."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from recount.errors import ConfigError
from recount.simulate.arrowtext import join_present
from recount.simulate.capture import capture_logits, coverage_shift, draw_captures
from recount.simulate.lists import ListSpec
from recount.simulate.population import ROLE_NAMES, Population
from recount.simulate.regimes import Regime, restyle
from recount.simulate.regimes import regime as preset
from recount.simulate.worlds import ALL_LISTS, SYRIA, WORLDS, World
from recount.simulate.writers import write_delimited, write_list

Progress = Callable[[str, int, int], None]  # (step description, done, total)

# The simulator's defaults where neither the caller nor the regime sets a value.
SEED = 1
PEOPLE = 20_000
SOURCES = 5
COVERAGE = 0.7
COVERAGE_RANGE = (0.05, 0.99)  # expected share of people on at least one list


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
    people: int | None = None,
    sources: int | None = None,
    seed: int = SEED,
    *,
    coverage: float | None = None,
    lists: list[str] | tuple[str, ...] | None = None,
    regime: Regime | str | None = None,
    progress: Progress | None = None,
) -> SimulationResult:
    """Writes a synthetic conflict with known truth into out_dir.

    `coverage` is the expected share of people on at least one list; `lists`
    picks list ids (default: the first `sources` of vdc, snhr, sohr, gov, scsr,
    lcc, local, hospital). `regime` (a `Regime` or a preset's name, see
    regimes.py) changes how the world and its lists are made; people, sources
    and coverage default to the regime's, else PEOPLE, SOURCES and COVERAGE.
    """
    regime = _regime(regime)
    world = WORLDS[regime.country]
    people = people if people is not None else regime.people or PEOPLE
    sources = sources if sources is not None else regime.sources or SOURCES
    coverage = coverage if coverage is not None else regime.coverage or COVERAGE
    specs = tuple(restyle(spec, regime) for spec in _choose_lists(sources, lists, world))
    if not isinstance(seed, int) or seed < 0:
        raise ConfigError("seed", f"expected a whole number >= 0, got {seed!r}")
    if not isinstance(people, int) or people < 1:
        raise ConfigError("people", f"expected a positive whole number, got {people!r}")
    low, high = COVERAGE_RANGE
    if not low <= coverage <= high:
        raise ConfigError(
            "coverage", f"expected a share between {low} and {high}, got {coverage!r}"
        )
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise ConfigError("out_dir", f"{out} exists and is not a folder")
    (out / "lists").mkdir(parents=True, exist_ok=True)
    (out / "truth").mkdir(parents=True, exist_ok=True)
    steps = 3 + len(specs)
    report = progress or (lambda *_: None)

    root = np.random.SeedSequence(seed)
    population_seed, capture_seed, *list_seeds = root.spawn(2 + len(specs))
    report("population", 0, steps)
    regime_rng = np.random.default_rng(np.random.SeedSequence([seed, REGIME_STREAM]))
    population = world.draw_population(
        people,
        np.random.default_rng(population_seed),
        regime.relatives,
        regime.cousins,
        regime.namesakes,
        regime_rng,
    )
    report("capture", 1, steps)
    captured = draw_captures(
        population,
        specs,
        coverage,
        np.random.default_rng(capture_seed),
        regime.household_capture,
        world.codes,
        world.years,
    )

    rows, unidentified, duplicates, paths, written = {}, {}, {}, {}, []
    for j, spec in enumerate(specs):
        report(f"list {spec.id}", 2 + j, steps)
        list_rows = world.list_records(
            population, captured[:, j], spec, np.random.default_rng(list_seeds[j])
        )
        path = out / "lists" / spec.schema.file
        write_list(list_rows.columns, spec.schema, path)
        paths[spec.id] = path
        rows[spec.id] = len(list_rows)
        duplicates[spec.id] = int(list_rows.duplicate.sum())
        unidentified[spec.id] = int(list_rows.unidentified.sum())
        written.append((spec.id, list_rows.person))

    _remove_stale_lists(out / "lists", specs)
    report("truth", 2 + len(specs), steps)
    records_path, persons_path, totals_path = write_truth(out / "truth", population, written, world)
    config_path = write_config(out, specs, seed, regime)
    report("done", steps, steps)
    on_any = np.zeros(people, dtype=bool)
    for _, person in written:
        on_any[person] = True
    return SimulationResult(
        out_dir=out,
        config_path=config_path,
        list_paths=paths,
        truth_records=records_path,
        truth_persons=persons_path,
        truth_totals=totals_path,
        people=people,
        documented=int(on_any.sum()),
        rows=rows,
        seed=seed,
        unidentified_rows=unidentified,
        duplicate_rows=duplicates,
    )


PILOT_PEOPLE = 20_000
REGIME_STREAM = 13  # the regime's own random stream: default regimes draw nothing from it


def _regime(regime: Regime | str | None) -> Regime:
    if regime is None:
        return Regime()
    if isinstance(regime, str):
        return preset(regime)
    return regime.check()


def people_for_rows(
    rows: int,
    sources: int | None = None,
    seed: int = SEED,
    *,
    coverage: float | None = None,
    lists: list[str] | tuple[str, ...] | None = None,
    regime: Regime | str | None = None,
) -> int:
    """How many true people give about `rows` source rows with these lists (for benchmarks at a row count).

    Uses the expected rows per person (capture probabilities, copies and
    duplicates) on a seeded pilot population, so it is exact in expectation.
    """
    regime = _regime(regime)
    world = WORLDS[regime.country]
    sources = sources if sources is not None else regime.sources or SOURCES
    coverage = coverage if coverage is not None else regime.coverage or COVERAGE
    specs = tuple(restyle(spec, regime) for spec in _choose_lists(sources, lists, world))
    if not isinstance(rows, int) or rows < 1:
        raise ConfigError("rows", f"expected a positive whole number, got {rows!r}")
    pilot_seed, capture_seed = np.random.SeedSequence([seed, 1]).spawn(2)
    pilot = world.draw_population(PILOT_PEOPLE, np.random.default_rng(pilot_seed), regime.relatives)
    logits = capture_logits(
        pilot, specs, np.random.default_rng(capture_seed), world.codes, world.years
    )
    probability = 1.0 / (1.0 + np.exp(-(logits + coverage_shift(logits, coverage))))
    ids = [spec.id for spec in specs]
    expected = 0.0
    for j, spec in enumerate(specs):
        on_list = probability[:, j]
        if spec.capture.copies_from in ids:
            source = probability[:, ids.index(spec.capture.copies_from)]
            on_list = on_list + (1.0 - on_list) * source * spec.capture.copy_rate
        expected += float(on_list.mean()) * (1.0 + spec.capture.duplicate_rate)
    return max(1, round(rows / expected))


def _remove_stale_lists(folder: Path, specs: tuple[ListSpec, ...]) -> None:
    """Removes lists an earlier simulation wrote here that this one does not (so lists/ matches recount.toml)."""
    current = {spec.schema.file for spec in specs}
    for spec in ALL_LISTS:
        stale = folder / spec.schema.file
        if spec.schema.file not in current and stale.exists():
            stale.unlink()


def _choose_lists(
    sources: int, ids: list[str] | tuple[str, ...] | None, world: World = SYRIA
) -> tuple[ListSpec, ...]:
    by_id = {spec.id: spec for spec in world.lists}
    if ids:
        unknown = [i for i in ids if i not in by_id]
        if unknown:
            raise ConfigError(
                "lists", f"unknown list {unknown[0]!r}; expected some of {', '.join(by_id)}"
            )
        if len(set(ids)) != len(ids):
            raise ConfigError("lists", "each list may appear once")
        return tuple(by_id[i] for i in ids)
    if not isinstance(sources, int) or not 2 <= sources <= len(world.lists):
        raise ConfigError(
            "sources",
            f"expected 2 to {len(world.lists)} lists in the {world.country} world, got {sources!r}",
        )
    return world.lists[:sources]


def person_ids(person: np.ndarray) -> pa.Array:
    """Stable ids of true people: T0000001, T0000002, …"""
    numbers = pc.cast(pa.array(person + 1), pa.string())
    return pc.binary_join_element_wise("T", pc.utf8_lpad(numbers, 7, "0"), "")


def write_truth(
    folder: Path,
    population: Population,
    written: list[tuple[str, np.ndarray]],
    world: World = SYRIA,
) -> tuple[Path, Path, Path]:
    """records.csv (row -> person), persons.csv (everyone, with capture pattern), totals.csv (per governorate-year)."""
    records = pa.table(
        {
            "source_id": pa.array(
                np.concatenate([np.full(len(p), sid, dtype=object) for sid, p in written]),
                pa.string(),
            ),
            "source_row": pa.array(np.concatenate([np.arange(1, len(p) + 1) for _, p in written])),
            "person_id": person_ids(np.concatenate([p for _, p in written])),
        }
    )
    records_path = folder / "records.csv"
    _write_csv(records, records_path)

    n = len(population)
    counts = {sid: np.bincount(p, minlength=n) for sid, p in written}
    n_lists = sum((c > 0).astype(int) for c in counts.values())
    codes = np.asarray(world.codes, dtype=object)
    lists = join_present(
        [pa.array(np.where(c > 0, sid, None), pa.string()) for sid, c in counts.items()], ";"
    )
    columns = {
        "person_id": person_ids(population["person"]),
        "sex": pa.array(np.where(population["male"], "M", "F")),
        "age": pa.array(population["age"]),
        "date_of_death": pa.array(population["date"].astype("datetime64[D]")),
        "governorate": pa.array(codes[population["governorate"]], pa.string()),
        "place": pa.array(world.place_names()[population["place"]], pa.string()),
        "year": pa.array(population["year"]),
        "status": pa.array(np.where(population["combatant"], "combatant", "civilian")),
        "household_id": pc.binary_join_element_wise(
            "H",
            pc.utf8_lpad(pc.cast(pa.array(population["household"] + 1), pa.string()), 7, "0"),
            "",
        ),
        "role": pa.array(ROLE_NAMES[population["role"]]),
        "area": pa.array(np.where(population["opposition"], "opposition", "government")),
        "hard_to_reach": pa.array(population["hard_to_reach"].astype(int)),
        **world.person_names(population),
        **{f"in_{sid}": pa.array((c > 0).astype(int)) for sid, c in counts.items()},
        "n_lists": pa.array(n_lists),
        "n_records": pa.array(sum(counts.values())),
        "lists": lists,
    }
    persons_path = folder / "persons.csv"
    _write_csv(pa.table(columns), persons_path)

    n_gov, first_year = len(world.codes), world.years[0]
    n_years = world.years[1] - first_year + 1
    cell = population["governorate"] * n_years + (population["year"] - first_year)
    deaths = np.bincount(cell, minlength=n_gov * n_years)
    documented = np.bincount(cell, weights=(n_lists > 0), minlength=n_gov * n_years).astype(int)
    present = np.flatnonzero(deaths)
    order = sorted(present, key=lambda c: (world.codes[c // n_years], c % n_years))
    order = np.asarray(order, dtype=int)
    totals = pa.table(
        {
            "governorate": pa.array([world.codes[c // n_years] for c in order], pa.string()),
            "year": pa.array(order % n_years + first_year),
            "deaths": pa.array(deaths[order]),
            "documented": pa.array(documented[order]),
        }
    )
    totals_path = folder / "totals.csv"
    _write_csv(totals, totals_path)
    return records_path, persons_path, totals_path


def _write_csv(table: pa.Table, path: Path) -> None:
    temporary = path.with_name(path.name + ".tmp")
    write_delimited(table, temporary)
    os.replace(temporary, path)


def write_config(out: Path, specs: tuple[ListSpec, ...], seed: int, regime: Regime) -> Path:
    """A recount.toml that maps every list's columns to the canonical fields."""
    q = lambda text: json.dumps(text, ensure_ascii=False)  # noqa: E731 - TOML basic strings are JSON strings
    lines = [
        "# Written by `recount simulate`: a synthetic conflict with known truth (see truth/).",
        "# Every list below was simulated; see docs/simulator.md for the model.",
        *(
            [f"# Regime {regime.name}: {regime.description}", f"# Settings: {regime.settings()}"]
            if regime.name != "default"
            else []
        ),
        "",
        "[project]",
        f"name = {q(f'simulated-seed-{seed}')}",
        'event = "killed"',
        f"country = {q(regime.country)}",
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
    lines += [
        "",
        "[names]",
        "# The simulated conflict's first day: an earlier date of death is a data-entry error.",
        f"earliest_date = {WORLDS[regime.country].first_day.isoformat()}",
        "",
        "[estimate]",
        'strata = ["governorate", "year"]',
        "",
    ]
    path = out / "recount.toml"
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text("\n".join(lines), encoding="utf-8")
    os.replace(temporary, path)
    return path
