"""The Python API, which the CLI calls too: a workspace and its stages, one method each.

    project = recount.Project("demo")
    project.run()                      # every stage whose inputs changed
    result = project.link(threshold=0.85)
    persons = project.table("persons")
    project.claims.add("articles/")
    app = project.review.app()

Like Splink's Linker, one object holds the workspace (`project.workspace`:
storage and recount.toml) and hands each stage to its own module; `claims` and
`review` are its components. Options are passed on as given: an option left at
None is read from recount.toml, so this class adds no defaults of its own.
Stages are imported when used, so `import recount` stays light.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb
import pandas as pd

from recount.config import Config
from recount.errors import WorkspaceError
from recount.workspace import Workspace

if TYPE_CHECKING:
    from fastapi import FastAPI

    from recount.link import LinkResult
    from recount.pipeline import RunResult, StageRun
    from recount.settings import ReviewSettings


class Project:
    """A recount workspace and its stages (see the module docstring)."""

    def __init__(self, workspace: str | Path | Workspace = "."):
        self.workspace = workspace if isinstance(workspace, Workspace) else Workspace(workspace)
        self.claims = Claims(self.workspace)
        self.review = Review(self.workspace)

    @classmethod
    def init(
        cls, path: str | Path = ".", name: str | None = None, event: str | None = None
    ) -> Project:
        """Create the folder, a commented recount.toml (unless one exists) and the database."""
        return cls(Workspace.init(path, name=name, event=event))

    # -- storage ------------------------------------------------------------------
    @property
    def root(self) -> Path:
        return self.workspace.root

    @property
    def config(self) -> Config:
        return self.workspace.config

    def table(self, name: str, columns: Sequence[str] | None = None) -> pd.DataFrame:
        return self.workspace.table(name, columns)

    def query(self, sql: str, params: Sequence[Any] | None = None) -> pd.DataFrame:
        return self.workspace.query(sql, params)

    def tables(self) -> list[str]:
        return self.workspace.tables()

    # -- stages -------------------------------------------------------------------
    def ingest(
        self,
        sources: Sequence[str] | None = None,
        progress: Callable[[str, float | None, int], None] | None = None,
    ) -> pd.DataFrame:
        """Read the sources (all, or these ids) into `records`, `quarantine` and `sources`;
        returns the accounting per source (rows in = records + quarantined)."""
        from recount.ingest import ingest_workspace
        from recount.pipeline import run_stage

        return run_stage(
            self.workspace,
            "ingest",
            lambda: ingest_workspace(self.workspace, sources, progress=progress),
            {"sources": list(sources) if sources else None},
        )

    def normalize(self) -> pd.DataFrame:
        """Write `normalized` (name keys, places, dates); returns a summary per source."""
        from recount.names import normalize_workspace
        from recount.pipeline import run_stage

        return run_stage(self.workspace, "normalize", lambda: normalize_workspace(self.workspace))

    def link(
        self,
        progress: Callable[[str], None] | None = None,
        reuse_model: bool = False,
        **overrides: Any,
    ) -> LinkResult:
        """Link records into people: `pairs`, `record_person`, `persons`, `link_summary`.
        `overrides` are [link] keys (threshold=0.85, backend="spark", ...)."""
        from recount.link import link_workspace
        from recount.pipeline import run_stage

        return run_stage(
            self.workspace,
            "link",
            lambda: link_workspace(self.workspace, progress, reuse_model, **overrides),
            {**overrides, "reuse_model": reuse_model or None},
        )

    def estimate(
        self, progress: Callable[[int, int], None] | None = None, **overrides: Any
    ) -> pd.DataFrame:
        """Multiple systems estimation per stratum: `estimates`, `estimate_draws`.
        `overrides` are [estimate] keys (methods=["dga"], seed=1, ...)."""
        from recount.estimate.workspace import estimate_workspace
        from recount.pipeline import run_stage

        return run_stage(
            self.workspace,
            "estimate",
            lambda: estimate_workspace(self.workspace, progress, **overrides),
            overrides,
        )

    def report(self, redact: bool | None = None) -> Path:
        """Write out/report.html and the exports; `redact` None follows [report] redact."""
        from recount.pipeline import run_stage
        from recount.report import write_report

        return run_stage(
            self.workspace,
            "report",
            lambda: write_report(self.workspace, redact=redact),
            {"redact": redact},
        )

    def run(
        self,
        from_stage: str | None = None,
        on_stage_start: Callable[[str], None] | None = None,
        on_stage_end: Callable[[StageRun], None] | None = None,
        linkage_draws: int | str | None = None,
    ) -> RunResult:
        """Every stage in order, skipping those whose inputs have not changed.
        `linkage_draws` overrides [estimate] linkage_draws (None keeps it)."""
        from recount.pipeline import run_workspace

        return run_workspace(
            self.workspace, from_stage, on_stage_start, on_stage_end, linkage_draws
        )

    def __repr__(self) -> str:
        return f"Project({str(self.root)!r})"


class Claims:
    """Public claims held against the evidence: the `claims` ledger and `claim_checks`."""

    def __init__(self, workspace: Workspace):
        self.workspace = workspace

    def add(
        self, path: str | Path, outlet: str | None = None, date: str | None = None
    ) -> pd.DataFrame:
        """Extract the claims of a text file (or a folder of them) into the ledger."""
        from recount.claims import add_claims

        return add_claims(self.workspace, path, outlet=outlet, date=date)

    def check(self) -> pd.DataFrame:
        """Hold every claim against the documented count and the estimate: `claim_checks`."""
        from recount.claims import check_claims
        from recount.pipeline import run_stage

        return run_stage(self.workspace, "claims", lambda: check_claims(self.workspace))

    def ledger(self) -> pd.DataFrame:
        """Every claim added, oldest first."""
        from recount.claims import list_claims

        return list_claims(self.workspace)


class Review:
    """The review app, its accounts and its labels."""

    def __init__(self, workspace: Workspace):
        self.workspace = workspace

    def settings(self, **overrides: Any) -> ReviewSettings:
        """[review] from recount.toml, with `overrides` (checked the same way)."""
        from recount.settings import ReviewSettings

        base = self.workspace.config.review if self.workspace.config_path.exists() else None
        return (base or ReviewSettings()).with_overrides(**overrides)

    def app(self, allowed_hosts: list[str] | None = None, **overrides: Any) -> FastAPI:
        """The FastAPI app (serve it with uvicorn); `overrides` are [review] keys."""
        from recount.review import create_app

        return create_app(self.workspace, self.settings(**overrides), allowed_hosts)

    def add_user(
        self, username: str, password: str, role: str = "reviewer", via: str = "api"
    ) -> None:
        """Create an account (the password is hashed with argon2); `via` goes to the audit log."""
        from recount.review import auth, store

        with self._connection() as con:
            store.ensure_schema(con)
            auth.create_user(con, username, role, password)
            store.audit(con, None, "user_add", f"user={username} via={via}")

    def users(self) -> list[dict]:
        """Every account: username, role, active, failed_logins, locked_until, created_at."""
        from recount.review import store

        with self._connection() as con:
            store.ensure_schema(con)
            return store.list_users(con)

    def labels(self) -> pd.DataFrame:
        """Each labelled pair's label in force (what `link` learns from)."""
        from recount.tables import views

        return views.effective_labels(self.workspace)

    def export_labels(self) -> pd.DataFrame:
        """The labels in force in Splink's labels format."""
        from recount.review import labels_io, store

        with self._connection() as con:
            store.ensure_schema(con)
            return labels_io.export_labels(con)

    def import_labels(self, path: str | Path, reviewer: str = "import") -> dict[str, int]:
        """Append labels from a Splink labels file (all or none); returns counts."""
        from recount.review import labels_io, store

        with self._connection() as con:
            store.ensure_schema(con)
            return labels_io.import_labels(con, Path(path), reviewer)

    @contextlib.contextmanager
    def _connection(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection to an existing workspace database (waiting while another recount
        process holds it)."""
        if not self.workspace.db_path.exists():
            raise WorkspaceError(
                f"{self.workspace.root}: no database yet; run `recount ingest` first"
            )
        with self.workspace.connect() as con:
            yield con
