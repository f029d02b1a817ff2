"""Fixtures for ingest tests."""

from __future__ import annotations

import pytest
from ingest_helpers import write_workspace


@pytest.fixture
def make_workspace(tmp_path):
    def make(sources, files, event="killed", name="ws"):
        return write_workspace(tmp_path / name, sources, files, event)

    return make
