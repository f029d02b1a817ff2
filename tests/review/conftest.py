"""Fixtures of the review tests (helpers live in review_helpers, imported by name)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from review_helpers import add_user, build_contract_workspace, make_client

from recount.workspace import Workspace


@pytest.fixture(scope="session")
def template_workspace(tmp_path_factory) -> Path:
    """Built once per session; each test gets its own copy."""
    ws = build_contract_workspace(tmp_path_factory.mktemp("review") / "ws")
    add_user(ws, "rita", "reviewer")
    add_user(ws, "rami", "reviewer")
    add_user(ws, "ada", "admin")
    return ws.root


@pytest.fixture
def workspace(template_workspace: Path, tmp_path: Path) -> Workspace:
    target = tmp_path / "ws"
    shutil.copytree(template_workspace, target)
    return Workspace(target)


@pytest.fixture
def client(workspace: Workspace):
    with make_client(workspace) as test_client:
        yield test_client
