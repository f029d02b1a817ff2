"""Fixtures for ingest tests."""

from __future__ import annotations

import pytest
from ingest_helpers import write_workspace


@pytest.fixture
def make_workspace(tmp_path):
    def make(sources, files, event="killed", name="ws", country="SY"):
        """A workspace of Syrian lists (country pack SY) unless `country` says otherwise."""
        return write_workspace(tmp_path / name, sources, files, event, country)

    return make
