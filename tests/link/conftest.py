"""A linked fake_1000 workspace shared by the end-to-end link tests."""

from __future__ import annotations

import pytest
from link_fixtures import fake_1000_workspace  # noqa: E402  (tests/link is on sys.path via rootdir)


@pytest.fixture(scope="module")
def fake_workspace(tmp_path_factory, fake_1000_path):
    ws, truth = fake_1000_workspace(tmp_path_factory.mktemp("fake"), fake_1000_path)
    return ws, truth
