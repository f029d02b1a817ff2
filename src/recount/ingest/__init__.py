"""Ingest: read source lists of any format and encoding into canonical `records` and `quarantine`.

Every input row lands in one of the two tables, with its `source_id` and
1-based `source_row`: rows in = records + quarantined, per source, always.
"""

from recount.ingest.run import SourceRows, SourcesFailed, ingest_workspace, read_source
from recount.ingest.suggest import Suggestion, suggest_source

__all__ = [
    "SourceRows",
    "SourcesFailed",
    "Suggestion",
    "ingest_workspace",
    "read_source",
    "suggest_source",
]
