"""`link_workspace`: records and their keys in, people out.

Steps: prepare the link input, train (or reuse) the model, score candidate
pairs, cluster with anti-chaining and reviewers' constraints, attach relational
records where evidence allows, and write `pairs`, `record_person`, `persons`
and `link_summary` in one transaction.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from recount.errors import WorkspaceError
from recount.link import model
from recount.link.blocking import add_blocking_columns
from recount.link.clustering import (
    GUARDS_EVERYWHERE,
    NAME_GUARDS,
    SIMILAR_FATHERS,
    SIMILAR_NAMES,
    ClusterResult,
    RecordFacts,
    cluster,
    learn_birth_reading,
    sure_pairs,
)
from recount.link.constraints import effective_labels, load_constraints, match_label_pairs
from recount.link.death_dates import death_gaps, learn_death_tolerance
from recount.link.engines import Engine, make_engine
from recount.link.father_evidence import weighed_fathers
from recount.link.fields import Fields, present_fields
from recount.link.frequencies import (
    add_birth_days,
    add_death_events,
    add_name_within,
    register_frequencies,
)
from recount.link.list_spellings import list_spellings
from recount.link.only_candidates import only_candidates
from recount.link.persons import assign_person_ids, build_persons
from recount.link.prepare import (
    LEARNT_NAMES,
    NO_DATE_OR_PLACE,
    linkable_records,
    load_link_input,
)
from recount.link.relational import attach_relational
from recount.link.repeats import repeat_odds, scored_within
from recount.link.spellings import LATIN_SCRIPT, blurred_spellings
from recount.link.threshold import expected_f1_threshold
from recount.link.training import TrainedModel, train
from recount.link.typo_evidence import PairEvidence, learn_pair_evidence
from recount.link.typos import misspelt_names, typo_odds
from recount.link.unnamed import UNNAMED_ATTACHED, Evidence, UnnamedResult, attach_unnamed
from recount.names.keys import ETHIOPIC_KEYS, SCRIPT_SHARE
from recount.names.workspace import workspace_name_style
from recount.reference import NO_PACK, CountryPack, workspace_pack
from recount.settings import LinkSettings
from recount.settings.link import AUTO_THRESHOLD, OFF
from recount.workspace import Workspace

MODEL_FILE = "link_model.json"
# Match weights are kept to this many decimals of a bit (`settled_scores`), and Splink is
# asked for pairs down to SCORE_MARGIN bits below the prediction threshold before they are.
SCORE_DECIMALS = 9
SCORE_MARGIN = 1e-6
RELATIONAL_ATTACHED = "relational_attached"
# `unnamed_precision` rows of `link_summary`: the kind of evidence an unnamed record gives
EVIDENCE_TEXT = {
    0: "no year of birth to compare",
    1: "born more than a year apart",
    2: "born within a year",
}

Progress = Callable[[str], None]


# A list at least this share of whose records give a name and nothing else is named under the
# summary (`LinkResult.name_only_notes`).
NAME_ONLY_SHARE = 0.5


@dataclass
class LinkResult:
    """What a link run did, in counts (never names)."""

    records: int
    linkable: int
    unidentified: int
    relational_attached: int
    unnamed_attached: int
    pairs_scored: int
    persons: int
    backend: str
    threshold: float
    trained_from: str
    model_path: Path
    size_distribution: dict[int, int]
    refused_conflict: int
    refused_cannot_link: int
    refused_size: int
    refused_given_names: int
    refused_fathers: int
    refused_families: int
    refused_birth_years: int
    refused_death_dates: int
    refused_same_list: int
    birth_year_tolerance: int | None
    death_date_tolerance: int | None
    swapped_ages: bool
    must_links: int
    fields: list[str] = field(default_factory=list)
    preset: str = ""
    same_list_guarded: list[str] = field(default_factory=list)
    # given names keyed as another's form, learnt from the lists (`link.given_names`)
    learnt_given_names: int = 0
    unidentified_by_source: dict[str, dict[str, int]] = field(default_factory=dict)
    records_by_source: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def name_only_notes(self) -> list[str]:
        """A sentence for each list whose records mostly give only a name (its date, place and
        age columns unmapped, as a list in a language `sources suggest` does not read): its
        people count as no one, which the summary's one row does not make plain."""
        notes = []
        for source, reasons in sorted(self.unidentified_by_source.items()):
            bare, total = reasons.get(NO_DATE_OR_PLACE, 0), self.records_by_source.get(source, 0)
            if bare and bare >= NAME_ONLY_SHARE * total:
                notes.append(
                    f"{bare:,} of the {total:,} records of {source} give a name and nothing else "
                    "(no date, place or age): they count as no one. Map its date, place or age "
                    "columns in recount.toml, then run `recount ingest` again."
                )
        return notes


def model_path(ws: Workspace) -> Path:
    return ws.model_dir / MODEL_FILE


def link_workspace(
    ws: Workspace,
    progress: Progress | None = None,
    reuse_model: bool = False,
    engine: Engine | None = None,
    **overrides: Any,
) -> LinkResult:
    """Link the workspace's records into people; see the module docstring."""
    started = time.perf_counter()
    report = progress or (lambda step: None)
    options = ws.config.link.with_overrides(**overrides)

    report("prepare")
    frame = load_link_input(ws)
    engine = engine or make_engine(
        options.backend, options.spark_driver_memory, options.spark_partitions
    )
    linkable, fields, preset, untrained = model_input(ws, frame, options, engine.sql_dialect)
    labels = effective_labels(ws)
    constraints = load_constraints(ws, labels)

    report("train")
    path = model_path(ws)
    if reuse_model:
        if not path.exists():
            raise WorkspaceError(
                f"{path}: no trained model to reuse; run `recount link` without it first"
            )
        trained = TrainedModel.load(path)
    else:
        matches = match_label_pairs(labels, set(linkable["unique_id"]))
        trained = train(engine, linkable, untrained, fields, options, matches)
        trained.save(path)

    report("predict")
    settings = model.settings_with_parameters(untrained, trained.settings)
    pairs = predict_pairs(engine, linkable, settings, options)
    options = options.with_overrides(threshold=clustering_threshold(pairs, options))

    report("cluster")
    guarded = same_list_guarded(linkable, pairs, options)
    known = frozenset(frame.loc[frame["reason"].isna(), "listed_tokens"].explode().dropna())
    clustered = cluster_records(
        linkable,
        pairs,
        options,
        constraints,
        guarded,
        known,
        fields.identifiers,
        name_guards_for(options, fields, workspace_pack(ws)),
        romanised_records(frame, linkable),
        settings,
    )
    person_of = pd.Series(
        assign_person_ids(linkable["unique_id"], pd.Series(clustered.labels)).to_numpy(),
        index=linkable["unique_id"].to_numpy(),
    )

    report("persons")
    record_person, attached = assemble_record_person(frame, linkable, person_of)
    unnamed = unnamed_persons(frame, record_person, clustered, options)
    record_person = with_unnamed(record_person, unnamed)
    persons = build_persons(ws, record_person)
    summary = summary_table(
        frame, record_person, clustered, options, trained, fields, preset, guarded, unnamed
    )

    report("write")
    ws.write_tables(
        {
            "pairs": pairs_table(pairs.assign(guard=clustered.pair_guards)),
            "record_person": record_person,
            "persons": persons,
            "link_summary": summary,
        }
    )
    unidentified = record_person[record_person["person_id"].isna()]
    by_source = (
        unidentified.groupby(["source_id", "reason"])
        .size()
        .unstack(fill_value=0)
        .to_dict(orient="index")
        if len(unidentified)
        else {}
    )
    return LinkResult(
        records=len(frame),
        linkable=len(linkable),
        unidentified=int(record_person["person_id"].isna().sum()),
        relational_attached=attached,
        unnamed_attached=len(unnamed.person),
        pairs_scored=len(pairs),
        persons=persons.num_rows,
        backend=engine.name,
        threshold=options.threshold,
        trained_from=trained.trained_from,
        model_path=path,
        size_distribution=clustered.size_distribution,
        refused_conflict=clustered.refused_conflict,
        refused_cannot_link=clustered.refused_cannot_link,
        refused_size=clustered.refused_size,
        refused_given_names=clustered.refused_given_names,
        refused_fathers=clustered.refused_fathers,
        refused_families=clustered.refused_families,
        refused_birth_years=clustered.refused_birth_years,
        refused_death_dates=clustered.refused_death_dates,
        refused_same_list=clustered.refused_same_list,
        birth_year_tolerance=clustered.birth_year_tolerance,
        death_date_tolerance=clustered.death_date_tolerance,
        swapped_ages=clustered.swapped_ages,
        must_links=clustered.must_links,
        fields=fields.names(),
        preset=preset.name,
        same_list_guarded=sorted(guarded),
        learnt_given_names=frame.attrs.get(LEARNT_NAMES, 0),
        unidentified_by_source={k: {r: int(n) for r, n in v.items()} for k, v in by_source.items()},
        records_by_source={k: int(n) for k, n in frame["source_id"].value_counts().items()},
        warnings=list(trained.warnings),
        seconds=time.perf_counter() - started,
    )


def model_input(
    ws: Workspace, frame: pd.DataFrame, options: LinkSettings, dialect: str
) -> tuple[pd.DataFrame, Fields, model.Preset, dict[str, Any]]:
    """The linkable records (with blocking columns), their fields, the preset and the
    untrained settings in `dialect`: what training, scoring and `explain` start from."""
    linkable = linkable_records(frame)
    if len(linkable) < 2:
        raise WorkspaceError(nothing_to_link(ws, frame))
    fields = present_fields(linkable)
    linkable = add_blocking_columns(linkable, fields)
    if fields.has("dod_day"):
        linkable = add_death_events(linkable)
    if fields.has("dob_day"):
        linkable = add_birth_days(linkable)
    linkable = add_name_within(linkable)
    scripts = frame.loc[frame["reason"].isna(), "script"]
    arabic_share = float(scripts.isin(["arabic", "both"]).mean())
    ethiopic = (
        options.preset == "auto"
        and arabic_share < SCRIPT_SHARE
        and workspace_name_style(ws) == ETHIOPIC_KEYS
    )
    preset = model.preset_for(options.preset, arabic_share, ethiopic)
    untrained = model.settings_for(
        fields,
        preset,
        dialect,
        list(options.blocking_rules) or None,
        ws.root / options.comparisons if options.comparisons else None,
        linkable,
    )
    return linkable, fields, preset, untrained


REASON_TEXT = {
    "no_name": "no name",
    "unknown_name": "a name that names nobody ('unknown')",
    "relational": "only a relative's name ('wife of ...')",
    "no_date_or_place": "a name but no other field to tell namesakes apart",
}


def nothing_to_link(ws: Workspace, frame: pd.DataFrame) -> str:
    """Why fewer than two records can be linked, and what to map in recount.toml."""
    counts = frame["reason"].fillna("linkable").value_counts()
    why = ", ".join(
        f"{int(n):,} with {REASON_TEXT.get(reason, reason)}"
        for reason, n in counts.items()
        if reason != "linkable"
    )
    return (
        f"{ws.root}: fewer than two linkable records ({len(frame):,} records"
        + (f": {why}" if why else "")
        + "). A record is linked on its name (map `name`, or `given_name` and `family_name`, in"
        " [sources.columns]) and needs at least one more field to tell namesakes apart: map"
        " `date_of_death`, `date_of_birth`, `age`, `place`, `governorate`, `place_of_birth` or an"
        ' extra field (`extra.occupation = "..."`), then run `recount ingest` and'
        " `recount normalize` again."
    )


def predict_pairs(
    engine: Engine, linkable: pd.DataFrame, settings: dict[str, Any], options: LinkSettings
) -> pd.DataFrame:
    """Score every candidate pair; keep those at or above the prediction threshold."""
    settings = dict(
        settings, retain_intermediate_calculation_columns=options.keep_comparison_weights
    )
    linker = engine.linker(linkable, settings)
    register_frequencies(engine, linker, linkable, settings)
    # a hair below the threshold: which pairs reach it is decided on the settled scores below
    floor = float(np.log2(options.prediction_threshold / (1 - options.prediction_threshold)))
    predictions = linker.inference.predict(threshold_match_weight=floor - SCORE_MARGIN)
    weights = [_comparison_weight_sql(c) for c in settings["comparisons"]]
    columns = [
        "unique_id_l",
        "unique_id_r",
        "source_id_l",
        "source_id_r",
        "match_weight",
        "match_probability",
        *(weights if options.keep_comparison_weights else []),
    ]
    pairs = linker.misc.query_sql(
        f"select {', '.join(columns)} from {predictions.physical_name}", output_type="pandas"
    )
    pairs = settled_scores(pairs)
    pairs = pairs[pairs["match_probability"] >= options.prediction_threshold]
    swap = pairs["unique_id_l"] > pairs["unique_id_r"]
    if swap.any():
        for a, b in (("unique_id_l", "unique_id_r"), ("source_id_l", "source_id_r")):
            pairs.loc[swap, [a, b]] = pairs.loc[swap, [b, a]].to_numpy()
    return pairs.sort_values(["unique_id_l", "unique_id_r"]).reset_index(drop=True)


def settled_scores(pairs: pd.DataFrame) -> pd.DataFrame:
    """`pairs` with match weights to `SCORE_DECIMALS` and the probabilities they give.

    The engines' logarithms and sums differ in the last bits: left as they come, a tie (which
    link the clustering takes first, a pair at a threshold, a link as strong as a list's
    repeats need) is broken by those bits, and the same records make other people on Spark
    than on DuckDB."""
    weight = pairs["match_weight"].to_numpy(dtype=np.float64).round(SCORE_DECIMALS)
    with np.errstate(over="ignore"):
        probability = 1.0 / (1.0 + np.exp2(-weight))
    return pairs.assign(match_weight=weight, match_probability=probability)


def _comparison_weight_sql(comparison: dict[str, Any]) -> str:
    """Each comparison's weight in the pair's score, term-frequency adjustment included."""
    name = comparison["output_column_name"]
    has_tf = any(level.get("tf_adjustment_column") for level in comparison["comparison_levels"])
    tf = f" + coalesce(mw_tf_adj_{name}, 0)" if has_tf else ""
    return f"mw_{name}{tf} as mw_{name}"


def clustering_threshold(pairs: pd.DataFrame, options: LinkSettings) -> float:
    """The configured threshold, or with `auto` the one the scored pairs expect to do best."""
    if options.threshold != AUTO_THRESHOLD:
        return options.threshold
    best = expected_f1_threshold(pairs["match_probability"].to_numpy())
    return float(min(max(best, options.prediction_threshold), np.nextafter(1.0, 0.0)))


def same_list_guarded(
    linkable: pd.DataFrame, pairs: pd.DataFrame, options: LinkSettings
) -> set[str]:
    """The lists the same-list guard applies to.

    `auto`: the lists whose own duplicates are rare, learnt from the scored
    pairs: the share of a list's records in a confident pair with another
    record of the same list is at most `same_list_duplicates_max`. Where a list
    holds many duplicates (typed twice, with typos), a date or sex that differs
    is more often an error than a different person.
    """
    sources = set(linkable["source_id"].unique())
    if options.same_list_guard == "on":
        return sources
    if options.same_list_guard == "off":
        return set()
    strong = pairs[
        (pairs["match_probability"] >= options.threshold)
        & (pairs["source_id_l"] == pairs["source_id_r"])
    ]
    in_pair = pd.concat(
        [
            strong[["unique_id_l", "source_id_l"]].set_axis(["id", "source"], axis=1),
            strong[["unique_id_r", "source_id_r"]].set_axis(["id", "source"], axis=1),
        ]
    ).drop_duplicates()
    duplicated = in_pair.groupby("source").size()
    sizes = linkable.groupby("source_id").size()
    share = (duplicated.reindex(sizes.index, fill_value=0) / sizes).fillna(0)
    return set(share[share <= options.same_list_duplicates_max].index)


def name_guards_for(
    options: LinkSettings, fields: Fields, pack: CountryPack = NO_PACK
) -> tuple[str, ...]:
    """The name guards in force: as configured, `auto` meaning the given-name and father's
    guards where dates of death are given, and the family-name guard too where the pack's
    names end in a surname."""
    guards = set(options.name_guards)
    if "auto" in guards:
        guards.discard("auto")
        if fields.has("dod_day"):
            guards |= set(GUARDS_EVERYWHERE)
            if pack.names.surname_last:
                guards.add("family")
    return tuple(g for g in NAME_GUARDS if g in guards)


def cluster_records(
    linkable: pd.DataFrame,
    pairs: pd.DataFrame,
    options: LinkSettings,
    constraints: Any,
    guarded: set[str] | None = None,
    known: frozenset[str] = frozenset(),
    id_columns: list[str] = (),
    name_guards: tuple[str, ...] = NAME_GUARDS,
    romanised: np.ndarray | None = None,
    settings: dict[str, Any] | None = None,
) -> ClusterResult:
    """Cluster the linkable records from the scored pairs (`clustering.cluster`). `romanised`:
    which records are written in Latin letters only (None: none), for `link.spellings`.
    `settings`: the trained model, whose weighing of the fathers' names the father guard
    defers to on the pairs that reached the threshold (`link.father_evidence`)."""
    index = pd.Index(linkable["unique_id"])
    every = (index.get_indexer(pairs["unique_id_l"]), index.get_indexer(pairs["unique_id_r"]))
    only = only_candidates(linkable, pairs, options.threshold)
    strong = pairs[(pairs["match_probability"] >= options.threshold) | only]
    left = index.get_indexer(strong["unique_id_l"])
    right = index.get_indexer(strong["unique_id_r"])
    reached = strong["match_probability"].to_numpy() >= options.threshold

    def positions(pair_list: list[tuple[str, str]]) -> list[tuple[int, int]]:
        if not pair_list:
            return []
        a = index.get_indexer([p[0] for p in pair_list])
        b = index.get_indexer([p[1] for p in pair_list])
        return [(int(x), int(y)) for x, y in zip(a, b, strict=True) if x >= 0 and y >= 0 and x != y]

    blurred = (
        blurred_spellings(linkable["tokens"], romanised, *every)
        if romanised is not None
        else frozenset()
    )
    odds = {
        guard: typo_odds(linkable[f"{guard}_key"], known)
        for guard in ("given", "father")
        if guard in name_guards and f"{guard}_key" in linkable.columns
    }
    misspelt = {guard: misspelt_names(by_pair) for guard, by_pair in odds.items()}
    spelt = list_spellings(linkable["tokens"], pd.factorize(linkable["source_id"])[0], *every)
    facts = RecordFacts.from_frame(
        linkable, guarded, known, id_columns, romanised, blurred, misspelt, spelt, odds
    )
    confident = pairs["match_probability"].to_numpy() >= options.threshold
    facts.evidence = typo_evidence(linkable, facts, every[0][confident], every[1][confident])
    repeats = repeat_odds(linkable, every[0][confident], every[1][confident])
    # the weight a link needs to put two unalike records of such a list in one person: its odds
    # times the list's (`repeats`) reach the threshold's
    needed = {
        i: float(np.log2(options.threshold / (1 - options.threshold)) - np.log2(repeats[s]))
        for i, s in enumerate(pd.factorize(linkable["source_id"])[1])
        if s in repeats
    }
    result = cluster(
        len(linkable),
        left,
        right,
        strong["match_weight"].to_numpy(dtype=np.float64),
        facts,
        conflict_days=options.conflict_days,
        max_cluster_size=options.max_cluster_size,
        check=every,
        must_link=positions(constraints.must_link),
        cannot_link=positions(constraints.cannot_link),
        name_guards=name_guards,
        only_person_pass=True,
        once_lists=needed,
        scored_within=scored_within(facts.source, *every, frozenset(needed)),
        weighed_fathers=(
            weighed_fathers(linkable, left[reached], right[reached], settings)
            if settings is not None
            else None
        ),
        **date_guard_settings(linkable, facts, left, right, options),
    )
    result.only_candidates = int(only.sum())
    return result


def typo_evidence(
    linkable: pd.DataFrame, facts: RecordFacts, left: np.ndarray, right: np.ndarray
) -> dict[str, PairEvidence]:
    """Per name guard with typos to weigh (`facts.typo_odds`), what a pair's other fields say
    of one person against relatives (`link.typo_evidence`), learnt from the confident pairs
    (left, right); a guard without enough such pairs weighs the names' counts alone."""
    sure = sure_pairs(linkable["token_set"], linkable["token_set_freq"], left, right)
    floors = {"given": SIMILAR_NAMES, "father": SIMILAR_FATHERS}
    learnt = {
        slot: learn_pair_evidence(linkable, facts, left, right, sure, slot, floors[slot])
        for slot, odds in facts.typo_odds.items()
        if odds
    }
    return {slot: evidence for slot, evidence in learnt.items() if evidence is not None}


def romanised_records(frame: pd.DataFrame, linkable: pd.DataFrame) -> np.ndarray:
    """Which linkable records give their names in Latin letters only."""
    script = frame.set_index("unique_id")["script"].reindex(linkable["unique_id"])
    return script.eq(LATIN_SCRIPT).to_numpy(dtype=bool)


def date_guard_settings(
    linkable: pd.DataFrame,
    facts: RecordFacts,
    left: np.ndarray,
    right: np.ndarray,
    options: LinkSettings,
) -> dict[str, Any]:
    """The birth-year guard's years and reading of ages, and the death-date guard's days: as
    configured, or learnt from the confident pairs (left, right) that are surely one person
    (`clustering.sure_pairs`, `clustering.learn_birth_reading`,
    `death_dates.learn_death_tolerance`); a tolerance of None: no such guard."""
    sure = sure_pairs(linkable["token_set"], linkable["token_set_freq"], left, right)
    settings: dict[str, Any] = {"birth_tolerance": None, "death_tolerance": None}
    if options.birth_year_guard != "off":
        written = facts.birth_gaps(left[sure], right[sure])
        either = facts.birth_gaps(left[sure], right[sure], swapped_ages=True)
        killed_together = bool(linkable["dod_day"].notna().any())  # lists of the dead
        tolerance, swapped = learn_birth_reading(written, either, killed_together)
        if options.birth_year_guard != "auto":
            tolerance = int(options.birth_year_guard)
        settings.update(birth_tolerance=tolerance, swapped_ages=swapped)
    if options.death_date_guard == "auto":
        gaps = death_gaps(facts.date_lo, facts.date_hi, facts.exchanged, left[sure], right[sure])
        settings["death_tolerance"] = learn_death_tolerance(gaps)
    elif options.death_date_guard != "off":
        settings["death_tolerance"] = int(options.death_date_guard)
    return settings


def assemble_record_person(
    frame: pd.DataFrame, linkable: pd.DataFrame, person_of: pd.Series
) -> tuple[pd.DataFrame, int]:
    """Every record with its person (NULL when unidentified) and the reason."""
    person = frame["unique_id"].map(person_of)
    reason = frame["reason"].copy()
    relational = frame[frame["reason"].eq("relational") & frame["relation_anchor_key"].notna()]
    attached = attach_relational(linkable, relational, person_of).dropna()
    person.loc[attached.index] = attached
    reason.loc[attached.index] = RELATIONAL_ATTACHED
    record_person = pd.DataFrame(
        {
            "record_id": frame["unique_id"].astype(str),
            "source_id": frame["source_id"].astype(str),
            "source_row": frame["source_row"].astype("int64"),
            "person_id": person.astype(object).where(person.notna(), None),
            "reason": reason.astype(object).where(reason.notna(), None),
        }
    )
    return record_person, len(attached)


def unnamed_persons(
    frame: pd.DataFrame,
    record_person: pd.DataFrame,
    clustered: ClusterResult,
    options: LinkSettings,
) -> UnnamedResult:
    """The unnamed records `[link] attach_unnamed` joins to a person (`link.unnamed`)."""
    if options.attach_unnamed == OFF:
        return UnnamedResult(pd.Series(dtype=object))
    person_of = pd.Series(record_person["person_id"].to_numpy(), index=frame["unique_id"])
    return attach_unnamed(
        frame,
        person_of.dropna(),
        clustered.birth_year_tolerance,
        float(options.attach_unnamed),
        options.seed,
    )


def evidence_text(kind: Evidence) -> str:
    """An `unnamed_precision` row's words: where, what the record gives, alone or in a crowd."""
    where, years, alone = kind
    crowd = "the only named person" if alone else "one of several named people"
    return f"{EVIDENCE_TEXT[years]}; {crowd} of its day and {where}"


def with_unnamed(record_person: pd.DataFrame, unnamed: UnnamedResult) -> pd.DataFrame:
    """`record_person` with the attached unnamed records' persons and reason."""
    if unnamed.person.empty:
        return record_person
    out = record_person.copy()
    out.loc[unnamed.person.index, "person_id"] = unnamed.person.to_numpy()
    out.loc[unnamed.person.index, "reason"] = UNNAMED_ATTACHED
    return out


def pairs_table(pairs: pd.DataFrame) -> pd.DataFrame:
    out = pairs.rename(columns={"unique_id_l": "record_id_l", "unique_id_r": "record_id_r"})
    return out.astype({"match_weight": "float64", "match_probability": "float64"})


def summary_table(
    frame: pd.DataFrame,
    record_person: pd.DataFrame,
    clustered: ClusterResult,
    options: LinkSettings,
    trained: TrainedModel,
    fields: Fields,
    preset: model.Preset,
    guarded: set[str],
    unnamed: UnnamedResult | None = None,
) -> pd.DataFrame:
    """A small key/value table of the run: counts, guards, the model's weights, unidentified per list."""
    rows: list[tuple[str, str | None, float]] = [
        ("records", None, len(frame)),
        ("linkable_records", None, int(frame["reason"].isna().sum())),
        ("persons", None, record_person["person_id"].nunique()),
        ("threshold", None, options.threshold),
        ("links_used", None, clustered.links_used),
        ("refused_conflict", None, clustered.refused_conflict),
        ("refused_cannot_link", None, clustered.refused_cannot_link),
        ("refused_size", None, clustered.refused_size),
        ("refused_given_names", None, clustered.refused_given_names),
        ("refused_fathers", None, clustered.refused_fathers),
        ("refused_families", None, clustered.refused_families),
        ("refused_birth_years", None, clustered.refused_birth_years),
        ("refused_death_dates", None, clustered.refused_death_dates),
        ("refused_same_list", None, clustered.refused_same_list),
        ("only_candidates", None, clustered.only_candidates),
        ("only_person", None, clustered.only_person),
        ("must_links", None, clustered.must_links),
        ("preset", preset.name, 1),
    ]
    if unnamed is not None:
        rows.append(("unnamed_attached", None, len(unnamed.person)))
        rows += [
            ("unnamed_precision", evidence_text(kind), share)
            for kind, share in sorted(unnamed.precision.items())
        ]
    if clustered.birth_year_tolerance is not None:
        rows.append(("birth_year_tolerance", None, clustered.birth_year_tolerance))
        rows.append(("birth_year_swapped_ages", None, int(clustered.swapped_ages)))
    if clustered.death_date_tolerance is not None:
        rows.append(("death_date_tolerance", None, clustered.death_date_tolerance))
    rows += [("misspelt_names", guard, count) for guard, count in clustered.misspelt_names.items()]
    rows.append(("list_spellings", None, clustered.list_spellings))
    rows.append(("learnt_given_names", None, frame.attrs.get(LEARNT_NAMES, 0)))
    rows += [
        ("field", name, share)
        for name, share in zip(fields.names()[1:], fields.shares.values(), strict=True)
    ]
    rows += [("same_list_guard", source, 1) for source in sorted(guarded)]
    rows += [
        ("cluster_size", str(size), count) for size, count in clustered.size_distribution.items()
    ]
    for row in trained.match_weights().itertuples(index=False):
        if row.match_weight is not None and np.isfinite(row.match_weight):
            rows.append(("level_weight", f"{row.comparison}: {row.level}", row.match_weight))
    unidentified = record_person[record_person["person_id"].isna()]
    for (source, reason), count in unidentified.groupby(["source_id", "reason"]).size().items():
        rows.append(("unidentified_records", f"{source}:{reason}", count))
    rows += [("model_warning", text, 1) for text in trained.warnings]
    return pd.DataFrame(rows, columns=["metric", "detail", "value"]).astype({"value": "float64"})
