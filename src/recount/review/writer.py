"""Group commit for labels: concurrent label requests share one transaction.

A DuckDB commit costs several milliseconds (more on a busy machine), so twenty
reviewers clicking at once would queue behind each other's commits. Requests
hand their label to one writer thread and wait; the writer takes every label
waiting, inserts them with one statement in one transaction, commits, and
answers each request with its label id. A request is answered only after its
label is committed, and a failed commit fails every request in that batch (none
of them is stored), so an acknowledged label is always stored exactly once.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from datetime import datetime

from recount.review import store
from recount.review.store import Database
from recount.tables import insert_rows

MAX_BATCH = 500


@dataclass
class PendingLabel:
    record_id_l: str
    record_id_r: str
    label: str
    reviewer: str
    created_at: datetime
    done: Future = field(default_factory=Future)


class LabelWriter:
    """One thread that appends labels in batches; `on_commit` runs under the database lock."""

    def __init__(self, db: Database, on_commit: Callable[[list[PendingLabel]], None]):
        self.db = db
        self.on_commit = on_commit
        self._waiting: queue.Queue[PendingLabel | None] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="label-writer", daemon=True)
        self._thread.start()

    def submit(self, pair: tuple[str, str], label: str, reviewer: str, timeout: float = 60) -> int:
        """Blocks until the label is committed; returns its label id."""
        pending = PendingLabel(pair[0], pair[1], label, reviewer, store.now())
        self._waiting.put(pending)
        return pending.done.result(timeout)

    def close(self) -> None:
        self._waiting.put(None)
        self._thread.join(5)

    def _run(self) -> None:
        while True:
            first = self._waiting.get()
            if first is None:
                return
            batch = [first]
            while len(batch) < MAX_BATCH:
                try:
                    item = self._waiting.get_nowait()
                except queue.Empty:
                    break
                if item is None:
                    self._waiting.put(None)
                    break
                batch.append(item)
            try:
                ids = self._write(batch)
            except BaseException as exc:  # every waiting request learns of it
                for item in batch:
                    item.done.set_exception(exc)
                continue
            for item, label_id in zip(batch, ids, strict=True):
                item.done.set_result(label_id)

    def _write(self, batch: list[PendingLabel]) -> list[int]:
        with self.db.lock:
            with self.db.transaction() as con:
                first_id = store.next_id(con, "labels", "label_id")
                ids = list(range(first_id, first_id + len(batch)))
                rows = [
                    store.label_row(
                        label_id,
                        item.record_id_l,
                        item.record_id_r,
                        item.label,
                        item.reviewer,
                        item.created_at,
                    )
                    for label_id, item in zip(ids, batch, strict=True)
                ]
                insert_rows(con, "labels", rows)
            self.on_commit(batch)
        return ids
