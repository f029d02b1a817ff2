"""A small workspace that follows the persons/estimates contract exactly (docs/architecture.md)."""

from __future__ import annotations

from pathlib import Path

import pytest
from claims_frames import build_estimates, build_persons

from recount.claims.claimants import default_gazetteer, load_claimants_file
from recount.workspace import Workspace

HERE = Path(__file__).parent
CORPUS = HERE / "corpus.toml"
HELD_OUT = HERE / "held_out.toml"
USER_CLAIMANTS = HERE / "claimants.toml"


def _make_workspace(path: Path) -> Workspace:
    ws = Workspace.init(path, name="claims-test", country="SY")
    ws.write_tables({"persons": build_persons(), "estimates": build_estimates()})
    return ws


@pytest.fixture()
def workspace(tmp_path) -> Workspace:
    """A workspace with persons and estimates written as link and estimate would (tests may add claims)."""
    return _make_workspace(tmp_path / "ws")


@pytest.fixture(scope="session")
def evidence_workspace(tmp_path_factory) -> Workspace:
    """The same workspace, shared by tests that only read it."""
    return _make_workspace(tmp_path_factory.mktemp("evidence") / "ws")


@pytest.fixture(scope="session")
def evidence(evidence_workspace):
    """What check_claims reads from the shared workspace."""
    from recount.claims.check import workspace_evidence

    return workspace_evidence(evidence_workspace)


@pytest.fixture(scope="session")
def gazetteer():
    """The built-in claimants plus the test's own (a user-extended gazetteer)."""
    return default_gazetteer().merged(load_claimants_file(USER_CLAIMANTS))
