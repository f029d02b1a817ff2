"""Labels in Splink's format: source_dataset_l, unique_id_l, source_dataset_r,
unique_id_r, clerical_match_score.

Export writes each pair's effective label with the source id as source_dataset
and the record id ("source:row") as unique_id; the score is 1.0 for match, 0.0
for non-match and 0.5 for unsure. Import reads the same columns; unique_id may be
a record id or the row within source_dataset (so "vdc", 12 means "vdc:12").
A score above 0.5 is a match, below 0.5 a non-match, exactly 0.5 unsure.
Importing a label that a reviewer's effective label already says is skipped, so
importing a file twice adds nothing.
"""

from __future__ import annotations

import math
from pathlib import Path

import duckdb
import pandas as pd

from recount.errors import InputError
from recount.review import store
from recount.tables import views

SPLINK_COLUMNS = (
    "source_dataset_l",
    "unique_id_l",
    "source_dataset_r",
    "unique_id_r",
    "clerical_match_score",
)
SCORE_OF_LABEL = {"match": 1.0, "non_match": 0.0, "unsure": 0.5}


def label_of_score(score: float) -> str:
    if score > 0.5:
        return "match"
    if score < 0.5:
        return "non_match"
    return "unsure"


def export_labels(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every labelled pair's effective label as a Splink labels table."""
    frame = views.effective_labels(con)
    return pd.DataFrame(
        {
            "source_dataset_l": frame["record_id_l"].map(source_of),
            "unique_id_l": frame["record_id_l"],
            "source_dataset_r": frame["record_id_r"].map(source_of),
            "unique_id_r": frame["record_id_r"],
            "clerical_match_score": frame["label"].map(SCORE_OF_LABEL).astype(float),
        },
        columns=list(SPLINK_COLUMNS),
    )


def source_of(record_id: str) -> str:
    return record_id.rsplit(":", 1)[0]


def read_labels_file(path: Path) -> pd.DataFrame:
    """A labels file (.csv or .parquet) as text columns; InputError when unreadable."""
    path = Path(path)
    if not path.exists():
        raise InputError(str(path), "file not found")
    try:
        if path.suffix.lower() == ".parquet":
            frame = pd.read_parquet(path)
        else:
            # blank lines stay rows (and are skipped later), so a row's number is its line's
            frame = pd.read_csv(
                path,
                dtype=str,
                keep_default_na=False,
                encoding="utf-8-sig",
                skip_blank_lines=False,
            )
    except (ValueError, OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read labels: {type(exc).__name__}") from None
    missing = [c for c in SPLINK_COLUMNS if c not in frame.columns]
    if missing:
        raise InputError(str(path), f"missing column(s): {', '.join(missing)}")
    return frame


def resolve_labels(
    frame: pd.DataFrame, known_ids: set[str], file: str
) -> list[tuple[str, str, str]]:
    """Validates rows into (record_id_l, record_id_r, label); InputError names the row."""
    resolved = []
    for row_number, row in enumerate(frame.to_dict("records"), start=1):
        if all(_blank(value) for value in row.values()):
            continue
        ids = []
        for side in ("l", "r"):
            dataset = str(row[f"source_dataset_{side}"]).strip()
            unique = str(row[f"unique_id_{side}"]).strip()
            if unique.endswith(".0") and unique[:-2].isdigit():
                unique = unique[:-2]
            record_id = unique if unique in known_ids else f"{dataset}:{unique}"
            if record_id not in known_ids:
                raise InputError(
                    file, "no such record in the workspace", row_number, f"unique_id_{side}"
                )
            ids.append(record_id)
        try:
            score = float(row["clerical_match_score"])
        except (TypeError, ValueError):
            raise InputError(file, "not a number", row_number, "clerical_match_score") from None
        if math.isnan(score) or not 0.0 <= score <= 1.0:
            raise InputError(
                file, "expected a score from 0 to 1", row_number, "clerical_match_score"
            )
        if ids[0] == ids[1]:
            raise InputError(file, "a record paired with itself", row_number)
        left, right = store.ordered_pair(ids[0], ids[1])
        resolved.append((left, right, label_of_score(score)))
    return resolved


def _blank(value: object) -> bool:
    return (
        value is None or (isinstance(value, float) and math.isnan(value)) or not str(value).strip()
    )


def import_labels(con: duckdb.DuckDBPyConnection, path: Path, reviewer: str) -> dict[str, int]:
    """Appends the file's labels as `reviewer`, all or none; returns counts."""
    frame = read_labels_file(path)
    known = (
        {r[0] for r in con.execute("select record_id from records").fetchall()}
        if "records" in store.existing_tables(con)
        else set()
    )
    rows = resolve_labels(frame, known, str(path))
    store.ensure_schema(con)
    added = skipped = 0
    con.execute("begin transaction")
    try:
        for left, right, label in rows:
            if store.reviewer_label(con, left, right, reviewer) == label:
                skipped += 1
                continue
            store.add_label(con, left, right, label, reviewer)
            added += 1
        store.audit(con, reviewer, "labels_import", f"added={added} skipped={skipped}")
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    return {"rows": len(rows), "added": added, "skipped": skipped}
