"""Every workspace table, column by column: the contract between the stages.

To add a column, add one line to its table below (name, Arrow type, what it
means) and write it from the stage that owns the table; the workspace refuses
to write a column that is not declared here, and refuses a write that leaves a
declared column out (`required=False` while a column is being introduced).
Per-workspace columns are a `ColumnFamily`: `in_<source>` in `persons`,
`mw_<comparison>` in `pairs`, the stratum columns of `estimates`.
docs/architecture.md describes the tables in prose; this file is what is checked.
"""

from __future__ import annotations

import pyarrow as pa

from recount.settings.estimate import METHODS
from recount.settings.project import EVENTS
from recount.tables.spec import Column, ColumnFamily, Table

TEXT = pa.string()
BOOL = pa.bool_()
INT = pa.int32()
BIGINT = pa.int64()
DOUBLE = pa.float64()
DATE = pa.date32()
TIMESTAMP = pa.timestamp("us")
TEXT_LIST = pa.list_(pa.string())
TEXT_MAP = pa.map_(pa.string(), pa.string())

# The values of `labels.label` and `review_users.role`.
LABEL_VALUES = ("match", "non_match", "unsure")
ROLES = ("reviewer", "admin")

# `estimates.level` of a level estimated from one pooled table: "<level>_pooled".
POOLED_SUFFIX = "_pooled"


def pooled_level(level: str) -> str:
    """The `estimates.level` of `level` estimated from one pooled table."""
    return level + POOLED_SUFFIX


def is_pooled(level: str) -> bool:
    return level.endswith(POOLED_SUFFIX)


def key(name: str, type_: pa.DataType, doc: str = "") -> Column:
    """A column that is never NULL."""
    return Column(name, type_, doc, nullable=False)


RECORDS = Table(
    "records",
    "ingest",
    "one row per readable input row",
    (
        key("record_id", TEXT, '"{source_id}:{source_row}", stable'),
        key("source_id", TEXT, "the [[sources]] id"),
        key("source_row", BIGINT, "1-based position among the file's data rows"),
        Column("name", TEXT, "full name as given (any script), or the parts joined"),
        Column("given_name", TEXT),
        Column("father_name", TEXT),
        Column("grandfather_name", TEXT),
        Column("family_name", TEXT),
        Column("name_latin", TEXT, "Latin-script name when the source gives both scripts"),
        Column("sex", TEXT, "M, F or NULL"),
        Column("age", INT, "years; NULL when missing or impossible (flagged in issues)"),
        Column("date_of_death", DATE, "the first day of the period the source gives"),
        Column("date_precision", TEXT, "day, month, year or NULL"),
        Column("date_of_death_raw", TEXT, "as written"),
        Column("date_of_birth", DATE, "the first day of the period the source gives"),
        Column("date_of_birth_precision", TEXT, "day, month, year or NULL"),
        Column("date_of_birth_raw", TEXT, "as written"),
        Column("governorate", TEXT, "first-level admin unit of the country pack, ISO 3166-2"),
        Column("governorate_raw", TEXT, "as written"),
        Column("place", TEXT, "as written"),
        Column("place_of_birth", TEXT, "as written (never mapped to an admin unit)"),
        Column("status", TEXT, "civilian, combatant, unknown: as the source gave it"),
        Column("status_raw", TEXT, "as written"),
        Column("cause", TEXT, "as written"),
        Column("record_ref", TEXT, "the source's own id"),
        Column("event", TEXT, ", ".join(EVENTS)),
        Column("extra", TEXT_MAP, "every other mapped field: name -> value as written; {} if none"),
        Column("issues", TEXT, "';'-separated flags for values kept but doubtful"),
        Column("raw", TEXT, "the input row as JSON (column name -> text)"),
    ),
)

QUARANTINE = Table(
    "quarantine",
    "ingest",
    "input rows that could not be read; per source, rows in = records + quarantined",
    (
        key("source_id", TEXT),
        key("source_row", BIGINT),
        key("reason", TEXT),
        Column("field", TEXT),
        Column("raw", TEXT, "the text as read"),
    ),
)

SOURCES = Table(
    "sources",
    "ingest",
    "one row per ingested source: where it came from and its accounting",
    (
        key("source_id", TEXT),
        Column("path", TEXT),
        Column("format", TEXT),
        Column("encoding", TEXT),
        Column("delimiter", TEXT),
        Column("sha256", TEXT),
        Column("rows_in", BIGINT),
        Column(
            "lines_in",
            BIGINT,
            "physical lines of the file, the header's included (CSV, TSV, JSON lines); a "
            "Parquet file's rows; NULL for XLSX",
        ),
        Column("records", BIGINT),
        Column("quarantined", BIGINT),
        Column("ingested_at", TIMESTAMP),
    ),
)

NORMALIZED = Table(
    "normalized",
    "names",
    "one row per record: name keys, places and dates, ready to compare",
    (
        key("record_id", TEXT),
        key("source_id", TEXT),
        Column("script", TEXT, "arabic, latin, both or NULL"),
        Column("given_key", TEXT, "cross-script phonetic key of the given name"),
        Column("father_key", TEXT),
        Column("grandfather_key", TEXT),
        Column("family_key", TEXT),
        Column("given_norm", TEXT, "normalised text of the given name in its own script"),
        Column("father_norm", TEXT),
        Column("grandfather_norm", TEXT),
        Column("family_norm", TEXT),
        Column("name_key", TEXT, "keys of the full name joined by spaces"),
        Column("name_tokens", TEXT_LIST, "keys of every token of every name form"),
        Column(
            "name_tokens_listed",
            TEXT_LIST,
            "those keys whose token the name lexicon lists (two listed names that differ differ)",
        ),
        Column("name_forms", TEXT_LIST, "every normalised name form the record carries"),
        Column("kunya", TEXT, "'abu X' key when given"),
        Column("identifiable", BOOL, "false for nameless, unknown or relational-only records"),
        Column("unidentified_reason", TEXT, "no_name, unknown_name, relational or NULL"),
        Column("relation", TEXT, "wife, son, ... for 'wife of X'"),
        Column("relation_anchor_key", TEXT, "name key of the named relative"),
        Column(
            "name_turn",
            INT,
            "leading words of the written name read after the rest (names.order), 0 as written",
        ),
        Column("governorate", TEXT, "the source's code, else inferred from the place"),
        Column("governorate_inferred", BOOL),
        Column("place_key", TEXT),
        Column(
            "place_is_unit",
            BOOL,
            "the place names only a first-level unit (an oblast, a governorate), no place in it",
        ),
        Column(
            "unit_written",
            TEXT,
            "cross-script key of the first-level unit as the list writes it, where the list "
            "gives no code (the link stage learns which keys name one unit)",
        ),
        Column("date_of_death", DATE),
        Column("date_precision", TEXT),
        Column("date_flag", TEXT, "before_period, in_future, unparsed or NULL"),
    ),
)

PAIRS = Table(
    "pairs",
    "link",
    "every scored pair above the prediction threshold",
    (
        key("record_id_l", TEXT),
        key("record_id_r", TEXT),
        Column("source_id_l", TEXT),
        Column("source_id_r", TEXT),
        Column("match_weight", DOUBLE),
        Column("match_probability", DOUBLE),
        Column(
            "guard",
            TEXT,
            "for a pair linked apart: the guard that refuses its two records on their own "
            "(given, father, family, birth, conflict, cannot_link), so no threshold links it; else NULL",
            required=False,
        ),
        ColumnFamily("mw_", DOUBLE, "each comparison's match weight (Splink's names)"),
        ColumnFamily("gamma_", INT, "each comparison's agreement level, when kept"),
    ),
)

RECORD_PERSON = Table(
    "record_person",
    "link",
    "every record and the person it belongs to",
    (
        key("record_id", TEXT),
        key("source_id", TEXT),
        key("source_row", BIGINT),
        Column("person_id", TEXT, "NULL when the record cannot be identified"),
        Column("reason", TEXT, "why unidentified, else NULL"),
    ),
)

PERSONS = Table(
    "persons",
    "link",
    "one row per documented person",
    (
        key("person_id", TEXT, "stable: P + hash of the person's smallest record id"),
        Column("n_records", INT),
        Column("sources", TEXT_LIST, "sorted source ids holding the person"),
        ColumnFamily("in_", BOOL, "in_<source_id>: the capture pattern"),
        Column("name", TEXT, "best name form (Arabic script when there is one)"),
        Column("name_latin", TEXT),
        Column("name_forms", TEXT_LIST),
        Column("sex", TEXT),
        Column("age", INT),
        Column("date_of_death", DATE),
        Column("date_precision", TEXT),
        Column("year", INT),
        Column("month", INT),
        Column("governorate", TEXT),
        Column("status", TEXT, "the sources' common status, conflicting, or unknown"),
        Column("statuses", TEXT, "source:status; ... as each source gave it"),
    ),
)

LINK_SUMMARY = Table(
    "link_summary",
    "link",
    "what a link run did, long format (metric, detail, value); see docs/architecture.md",
    (key("metric", TEXT), Column("detail", TEXT), Column("value", DOUBLE)),
)

# Every `link_summary.metric` in the words a report reader needs (the detail column adds the rest).
LINK_SUMMARY_METRICS = {
    "records": "records read",
    "linkable_records": "records with enough to link",
    "persons": "people documented",
    "threshold": "link threshold (match probability)",
    "links_used": "links that joined two people",
    "refused_conflict": "links refused: two records of one list with another sex or date",
    "refused_cannot_link": "links refused: a reviewer kept the records apart",
    "refused_size": "links refused: the person would hold too many records",
    "refused_given_names": "links refused: clearly different given names",
    "refused_fathers": "links refused: clearly different fathers' names",
    "refused_families": "links refused: clearly different family names",
    "refused_birth_years": "links refused: birth years too far apart",
    "refused_death_dates": "links refused: two different dates of death",
    "refused_same_list": "links refused: two unalike records of a list that names people once",
    "only_candidates": "links below the threshold: an undated record and its only candidate",
    "only_person": "undated records joined to their only candidate person",
    "must_links": "links a reviewer made",
    "preset": "names preset",
    "unnamed_attached": "records without a usable name joined to a person",
    "unnamed_precision": "share of such joins found right, by evidence",
    "birth_year_tolerance": "birth years taken as one within (years)",
    "birth_year_swapped_ages": "ages also read with their digits exchanged (1 = yes)",
    "death_date_tolerance": "dates of death taken as one within (days)",
    "misspelt_names": "names taken as one name typed wrong",
    "list_spellings": "names taken as one name two lists spell otherwise",
    "learnt_given_names": "given names taken as one name, learnt from records alike in all else",
    "field": "share of records carrying the field",
    "same_list_guard": "list read as naming each person once",
    "cluster_size": "people with this many records",
    "level_weight": "match weight (bits) of a comparison level",
    "unidentified_records": "records linked to no person (list: why)",
    "model_warning": "warning from the model's training",
}

LABELS = Table(
    "labels",
    "review",
    "append-only review labels; an undo is a row whose `undoes` names the undone row",
    (
        key("label_id", BIGINT),
        key("record_id_l", TEXT, "the smaller record id"),
        key("record_id_r", TEXT),
        key("label", TEXT, ", ".join(LABEL_VALUES)),
        Column("reviewer", TEXT),
        Column("created_at", TIMESTAMP),
        Column("undoes", BIGINT),
    ),
)

CLUSTER_ACTIONS = Table(
    "cluster_actions",
    "review",
    "append-only splits and merges of people, kept as record-level constraints (record ids are "
    "stable across link runs, person ids are not); an undo repeats the action with `undoes` set",
    (
        key("action_id", BIGINT),
        key("action", TEXT, "split or merge"),
        Column("record_ids", TEXT_LIST, "split: the record taken out; merge: every record joined"),
        Column("person_ids", TEXT_LIST, "the people acted on, as that link run named them"),
        Column("reviewer", TEXT),
        Column("created_at", TIMESTAMP),
        Column("undoes", BIGINT),
        Column(
            "apart_from",
            TEXT_LIST,
            "split: the records it must stay apart from (the person's others at the time); "
            "NULL in splits stored before recount kept it",
        ),
    ),
)

REVIEW_USERS = Table(
    "review_users",
    "review",
    "reviewers and admins of the review app",
    (
        key("username", TEXT),
        key("role", TEXT, " or ".join(ROLES)),
        Column("password_hash", TEXT),
        Column("active", BOOL),
        Column("failed_logins", INT),
        Column("locked_until", TIMESTAMP),
        Column("show_scores", BOOL),
        Column("created_at", TIMESTAMP),
    ),
)

REVIEW_AUDIT = Table(
    "review_audit",
    "review",
    "who did what in the review app (ids and counts, never names)",
    (
        key("audit_id", BIGINT),
        Column("at_time", TIMESTAMP),
        Column("actor", TEXT),
        Column("event", TEXT),
        Column("detail", TEXT),
    ),
)

ESTIMATES = Table(
    "estimates",
    "estimate",
    "one row per stratum or level and method; select by `level`, never by NULL strata",
    (
        ColumnFamily(None, None, "the stratum columns, as configured (types as in persons)"),
        key("level", TEXT, f"stratum, a coarser level's name, total, or <level>{POOLED_SUFFIX}"),
        Column("documented", BIGINT),
        key("method", TEXT, ", ".join(METHODS)),
        Column("estimate", DOUBLE),
        Column("lower", DOUBLE, "95% interval"),
        Column("upper", DOUBLE),
        Column("rhat", DOUBLE),
        Column("ess", DOUBLE),
        Column("status", TEXT, "ok or not_estimable"),
        Column("reason", TEXT),
        Column("flag", TEXT, "';'-separated flags"),
        Column("seconds", DOUBLE),
        Column("lists", BIGINT, "usable lists"),
        Column("model", TEXT, "the model chosen or averaged"),
        Column("fixed_estimate", DOUBLE, "the same on the single clustering (no linkage error)"),
        Column("fixed_lower", DOUBLE),
        Column("fixed_upper", DOUBLE),
        Column("linkage_share", DOUBLE, "share of the interval's variance from linkage"),
        Column(
            "preferred", BOOL, "the row a reader shows for its scope (recount.estimate.preferred)"
        ),
        Column(
            "sensitivity_estimate",
            DOUBLE,
            "preferred total only: LCMCR refitted under a capture prior that admits people the "
            "lists barely reach (recount.estimate.sensitivity)",
        ),
        Column("sensitivity_lower", DOUBLE),
        Column("sensitivity_upper", DOUBLE, "where the lists leave the total open above"),
        Column(
            "imputed",
            BIGINT,
            "documented people whose unknown place or date was drawn for this row's strata "
            "(recount.estimate.unknown_strata)",
        ),
    ),
)

ESTIMATE_DRAWS = Table(
    "estimate_draws",
    "estimate",
    "the posterior draws of N per stratum, per method with draws (lcmcr, hlcmcr, dga)",
    (key("method", TEXT), key("stratum_key", TEXT), key("draw", BIGINT), Column("n", BIGINT)),
)

LINKAGE_ERRORS = Table(
    "linkage_errors",
    "estimate",
    "expected missed and false links per pair of lists (docs/linkage_uncertainty.md)",
    (
        key("list_a", TEXT),
        key("list_b", TEXT, "'*' on audit rows of missed matches on any list"),
        key("basis", TEXT, "model or audit"),
        Column("linked_pairs", BIGINT),
        Column("uncertain_pairs", BIGINT, "scored pairs with probability between 0.05 and 0.95"),
        Column("expected_false_links", DOUBLE),
        Column("expected_missed_links", DOUBLE),
        Column("false_link_rate", DOUBLE),
        Column("missed_link_rate", DOUBLE),
        Column("false_link_rate_lower", DOUBLE),
        Column("false_link_rate_upper", DOUBLE),
        Column("missed_link_rate_lower", DOUBLE),
        Column("missed_link_rate_upper", DOUBLE),
        Column("audited", BIGINT),
    ),
)

LINKAGE_SINGLETONS = Table(
    "linkage_singletons",
    "estimate",
    "per list: people on it only, as linked and as the linkage draws and the audit imply",
    (
        key("list", TEXT),
        Column("documented", BIGINT),
        Column("singletons", BIGINT),
        Column("singleton_share", DOUBLE),
        Column("implied_share", DOUBLE, "mean over the linkage draws"),
        Column("implied_lower", DOUBLE),
        Column("implied_upper", DOUBLE),
        Column("audited", BIGINT),
        Column("audit_missed_share", DOUBLE),
        Column("audit_lower", DOUBLE),
        Column("audit_upper", DOUBLE),
    ),
)

LINKAGE_SENSITIVITY = Table(
    "linkage_sensitivity",
    "estimate",
    "the total on the pooled table at each link threshold",
    (
        key("threshold", DOUBLE),
        Column("documented", BIGINT),
        Column("singleton_share", DOUBLE),
        key("method", TEXT),
        Column("estimate", DOUBLE),
        Column("lower", DOUBLE),
        Column("upper", DOUBLE),
        Column("status", TEXT),
        Column("current", BOOL, "the threshold the link stage used"),
    ),
)

LINKAGE_CORRECTED = Table(
    "linkage_corrected",
    "estimate",
    "the total on the capture table corrected for the expected linkage errors (cross-check)",
    (
        key("method", TEXT),
        Column("documented", BIGINT),
        Column("estimate", DOUBLE),
        Column("lower", DOUBLE),
        Column("upper", DOUBLE),
        Column("status", TEXT),
        Column("reason", TEXT),
    ),
)

AUDIT_ITEMS = Table(
    "audit_items",
    "review",
    "the audit sample: uniformly random singleton people and linked pairs, drawn once",
    (
        key("item_id", BIGINT),
        key("kind", TEXT, "singleton or link"),
        Column("person_id", TEXT),
        Column("record_id_l", TEXT),
        Column("record_id_r", TEXT),
        Column("list_a", TEXT),
        Column("list_b", TEXT),
        Column("match_probability", DOUBLE),
        Column("population", BIGINT, "how many singletons or links the sample was drawn from"),
        Column("seed", BIGINT),
        Column("drawn_at", TIMESTAMP),
    ),
)

AUDIT_ANSWERS = Table(
    "audit_answers",
    "review",
    "answers to the audit sample, append-only (an item's latest answer counts)",
    (
        key("answer_id", BIGINT),
        key("item_id", BIGINT),
        key("answer", TEXT, "missed, none, unsure (singletons); same, different, unsure (links)"),
        Column("match_record_id", TEXT),
        Column("match_list", TEXT),
        Column("scored", BOOL, "the model scored the match the reviewer named"),
        Column("reviewer", TEXT),
        Column("created_at", TIMESTAMP),
    ),
)

CLAIMS = Table(
    "claims",
    "claims",
    "the claims ledger: one row per numeric claim found in a text, kept per document",
    (
        key("claim_id", TEXT),
        key("doc_id", TEXT, "hash of the text: adding it again replaces its claims"),
        Column("source", TEXT),
        Column("outlet", TEXT),
        Column("date", DATE),
        Column("claimant", TEXT),
        Column("claimant_kind", TEXT),
        Column("attributed", BOOL),
        Column("measure", TEXT),
        Column("measure_text", TEXT),
        Column("population", TEXT),
        Column("value", DOUBLE),
        Column("low", DOUBLE),
        Column("high", DOUBLE),
        Column("qualifier", TEXT),
        Column("vague", BOOL),
        Column("quantity_text", TEXT),
        Column("place", TEXT),
        Column("place_code", TEXT),
        Column("place_level", TEXT),
        Column("period", TEXT),
        Column("period_start", DATE),
        Column("period_end", DATE),
        Column("context", TEXT),
        Column(
            "rate", TEXT, "a rate's period (day, week, month, year); empty for a count of people"
        ),
        Column("construction", TEXT),
        Column("sentence", TEXT),
        Column("sentence_start", BIGINT),
        Column("sentence_end", BIGINT),
        Column("start", BIGINT),
        Column("end", BIGINT),
        Column("added_at", TIMESTAMP),
    ),
)

CLAIM_CHECKS = Table(
    "claim_checks",
    "claims",
    "one verdict per claim against the documented count and the estimate",
    (
        key("claim_id", TEXT),
        key("verdict", TEXT),
        Column("reason", TEXT),
        Column("documented", DOUBLE),
        Column("estimate", DOUBLE),
        Column("lower", DOUBLE),
        Column("upper", DOUBLE),
        Column("method", TEXT),
        Column("level", TEXT),
        Column("claimant", TEXT),
        Column("measure", TEXT),
        Column("population", TEXT),
        Column("value", DOUBLE),
        Column("low", DOUBLE),
        Column("high", DOUBLE),
        Column("place_code", TEXT),
        Column("period_start", DATE),
        Column("period_end", DATE),
        Column("checked_at", TIMESTAMP),
    ),
)

STAGE_RUNS = Table(
    "stage_runs",
    "pipeline",
    "one row per stage run (by `recount run` or the stage's command), with its inputs' fingerprint",
    (
        key("stage", TEXT),
        key("fingerprint", TEXT),
        Column("seconds", DOUBLE),
        Column("summary", TEXT),
        Column("finished_at", TIMESTAMP),
    ),
)

TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        RECORDS,
        QUARANTINE,
        SOURCES,
        NORMALIZED,
        PAIRS,
        RECORD_PERSON,
        PERSONS,
        LINK_SUMMARY,
        LABELS,
        CLUSTER_ACTIONS,
        REVIEW_USERS,
        REVIEW_AUDIT,
        ESTIMATES,
        ESTIMATE_DRAWS,
        LINKAGE_ERRORS,
        LINKAGE_SINGLETONS,
        LINKAGE_SENSITIVITY,
        LINKAGE_CORRECTED,
        AUDIT_ITEMS,
        AUDIT_ANSWERS,
        CLAIMS,
        CLAIM_CHECKS,
        STAGE_RUNS,
    )
}
