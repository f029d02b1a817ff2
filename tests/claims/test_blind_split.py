"""The blind split of real text loads and its labels index its passages; nothing is extracted from it.

The split is scored once, from a frozen copy (its README.md); these checks only keep the frozen files and
their offsets honest, so a broken label is found before that one run, and keep development code from
reading the split. Between a spent split's rename and the next split's commit the folder does not exist,
and then `bench/claims.py --blind` must refuse rather than score anything else.
"""

from __future__ import annotations

import hashlib
import importlib.util
import re
import subprocess
import sys
from pathlib import Path

from recount.claims.evaluate import load_corpus

BLIND = Path(__file__).parent / "blind23"
ROOT = Path(__file__).resolve().parents[2]


def _written() -> bool:
    """Whether the blind split is committed yet; if not, the blind run is checked to refuse it."""
    if BLIND.exists():
        return True
    run = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "claims.py"), "--blind"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 2, run.stderr
    assert run.stdout == ""
    assert f"no labelled corpus at {BLIND.resolve()}" in run.stderr
    return False


def test_every_label_indexes_its_passage():
    if not _written():
        return
    cases = load_corpus(BLIND)
    assert len(cases) >= 20
    assert len({case["id"] for case in cases}) == len(cases)
    for case in cases:
        assert case["id"].startswith("i"), case["id"]
        assert case["text_kind"] in ("verbatim", "summary"), case["id"]
        assert case["source_url"] and case["licence"], case["id"]
        assert case.get("claim") or case.get("not_claim"), case["id"]
        for label in [*case.get("claim", []), *case.get("not_claim", [])]:
            assert case["text"][label["start"] : label["end"]] == label["quantity_text"], case["id"]


def test_the_manifest_freezes_every_file():
    if not _written():
        return
    listed = {}
    for line in (BLIND / "MANIFEST.sha256").read_text(encoding="utf-8").splitlines():
        digest, name = line.split(maxsplit=1)
        listed[name.removeprefix("./")] = digest
    files = {
        path.relative_to(BLIND).as_posix()
        for path in BLIND.rglob("*")
        if path.is_file() and path.name != "MANIFEST.sha256"
    }
    assert set(listed) == files
    for name, digest in listed.items():
        assert hashlib.sha256((BLIND / name).read_bytes()).hexdigest() == digest, name


def test_only_the_blind_run_names_the_split():
    """No code but `bench/claims.py --blind` and this file reads the blind split: not the package,
    not another test, not a development run of the bench (its dev splits and halves)."""
    name = re.compile(rf"\b{BLIND.name}\b")
    readers = {
        path.relative_to(ROOT).as_posix()
        for folder in ("src", "bench", "tests")
        for path in (ROOT / folder).rglob("*.py")
        if name.search(path.read_text(encoding="utf-8"))
    }
    assert readers == {"bench/claims.py", "tests/claims/test_blind_split.py"}
    bench = (ROOT / "bench" / "claims.py").read_text(encoding="utf-8")
    assert [line.strip() for line in bench.splitlines() if name.search(line) and "=" in line] == [
        f'BLIND = TESTS / "{BLIND.name}"'
    ]
    uses = [line.strip() for line in bench.splitlines() if re.search(r"\bBLIND\b", line)]
    assert uses == [
        f'BLIND = TESTS / "{BLIND.name}"',
        'parser.add_argument("--blind", action="store_true", help=f"score the blind split ({BLIND})")',
        "path = BLIND if args.blind else args.corpus",
    ]


def test_the_default_run_leaves_the_held_out_halves_out():
    """A developer runs the bench often; the newest splits' halves B are scored only when asked."""
    spec = importlib.util.spec_from_file_location("bench_claims", ROOT / "bench" / "claims.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    scored = {(split.name, half) for split, half in bench.default_halves()}
    assert bench.HELD_OUT and set(bench.HELD_OUT) <= set(bench.HALF_A)
    for name in bench.HALF_A:
        assert (name, "a") in scored
        assert ((name, "b") in scored) == (name not in bench.HELD_OUT)
