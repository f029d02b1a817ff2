"""The blind split of real text loads and its labels index its passages; nothing is extracted from it.

The split is scored once, by the lead (tests/claims/blind11/README.md); these checks only keep the
frozen files and their offsets honest, so a broken label is found before that one run.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from recount.claims.evaluate import load_corpus

BLIND = Path(__file__).parent / "blind11"


def test_every_label_indexes_its_passage():
    cases = load_corpus(BLIND)
    assert len(cases) >= 20
    assert len({case["id"] for case in cases}) == len(cases)
    for case in cases:
        assert case["id"].startswith("h"), case["id"]
        assert case["text_kind"] in ("verbatim", "summary"), case["id"]
        assert case["source_url"] and case["licence"], case["id"]
        assert case.get("claim") or case.get("not_claim"), case["id"]
        for label in [*case.get("claim", []), *case.get("not_claim", [])]:
            assert case["text"][label["start"] : label["end"]] == label["quantity_text"], case["id"]


def test_the_manifest_freezes_every_file():
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
