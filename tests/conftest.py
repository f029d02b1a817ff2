"""Fixtures shared by every test package."""

from __future__ import annotations

import os
import shutil
import warnings
from pathlib import Path

import pytest
from hypothesis import settings

# Hypothesis checks behaviour, not speed (speed is bench/'s job): a first example that
# pays a cold cache on a loaded 2-core machine must not fail a test (200 ms by default).
settings.register_profile("recount", deadline=None)
settings.load_profile("recount")

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

# numba's kernels compiled once, before the xdist workers start (tests/kernel_warmup.py).
pytest_plugins = ["kernel_warmup"]


@pytest.hookimpl(trylast=True)  # after pytest-xdist's, which names each test's group
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests that read ../shared/data are marked `shared`: `-m "not shared"` runs without it.
    Slow tests run first (in their own order), so the two xdist workers end together: the
    fast ones fill the gaps, where collection order left one worker alone on a long test
    at the end (the tutorial's is collected last)."""
    for item in items:
        if "shared_data" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.shared)
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)
    warn_of_lost_groups(config, items)


def warn_of_lost_groups(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Under `--dist loadgroup` a worker's grouped test ids end in `@group`; pytest 9.2 drops
    that suffix (pytest-xdist issue 1386, hence pyproject's pin), and then both workers
    build every module's costly workspace without a word: say so."""
    if not getattr(config.option, "loadgroup", False):
        return
    lost = [i for i in items if i.get_closest_marker("xdist_group") and "@" not in i.nodeid]
    if lost:
        warnings.warn(
            pytest.PytestWarning(
                f"--dist loadgroup ignores xdist_group here (pytest {pytest.__version__}): "
                f"{len(lost)} grouped tests run on any worker, their shared workspaces "
                "built twice; pyproject.toml pins pytest below 9.2 (`make setup`)"
            ),
            stacklevel=1,
        )


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """../shared/data: FEBRL 4 and the other public reference data kept beside the
    repository, as CI checks it out. Only the tests against that external data need it:
    without it they are skipped, saying so, and the rest of the suite runs."""
    if not SHARED_DATA.exists():
        pytest.skip(f"external reference data (FEBRL 4) not found at {SHARED_DATA}")
    return SHARED_DATA


@pytest.fixture(scope="session")
def fake_1000_path() -> Path:
    """Splink's fake_1000 (tests/data, a copy of ../shared's): 1,000 synthetic people records."""
    return REPO / "tests" / "data" / "fake_1000.csv"


@pytest.fixture(scope="session")
def kosovo_path() -> Path:
    """The Kosovo 1999 capture-pattern table (tests/data, a copy of ../shared's)."""
    return REPO / "tests" / "data" / "kosovo_patterns.csv"


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    """Where tests save screenshots and other artifacts a person may want to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium (installed by scripts/system-deps.sh), never a downloaded browser."""
    return {
        **browser_type_launch_args,
        "executable_path": os.environ.get("RECOUNT_CHROMIUM", CHROMIUM),
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }
