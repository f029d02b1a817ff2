"""The eighth blind split loads, its labels index its passages and its manifest holds; nothing is extracted.

The split is scored once, by the lead (tests/claims/blind8/README.md). Until the pointer in
test_blind_split.py moves from blind7 to blind8, these checks keep the frozen files and their
offsets honest, so that a broken label is found before that one run.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from recount.claims.evaluate import load_corpus

SPLIT = Path(__file__).parent / "blind8"


def test_each_label_is_the_text_at_its_offsets():
    cases = load_corpus(SPLIT)
    assert len(cases) >= 40
    assert len({case["id"] for case in cases}) == len(cases)
    assert sum(len(case.get("claim", [])) for case in cases) >= 300
    for case in cases:
        assert case["id"].startswith("h"), case["id"]
        assert case["text_kind"] in ("verbatim", "summary"), case["id"]
        assert case["source_url"] and case["licence"], case["id"]
        assert case.get("claim") or case.get("not_claim"), case["id"]
        labels = [*case.get("claim", []), *case.get("not_claim", [])]
        assert all(
            case["text"][label["start"] : label["end"]] == label["quantity_text"]
            for label in labels
        ), case["id"]


def test_manifest_lists_and_freezes_every_file():
    manifest = (SPLIT / "MANIFEST.sha256").read_text(encoding="utf-8").splitlines()
    digests = {
        name.removeprefix("./"): digest
        for digest, name in (line.split(maxsplit=1) for line in manifest)
    }
    on_disk = {
        p.relative_to(SPLIT).as_posix()
        for p in SPLIT.rglob("*")
        if p.is_file() and p.name != "MANIFEST.sha256"
    }
    assert set(digests) == on_disk
    assert {
        name: hashlib.sha256((SPLIT / name).read_bytes()).hexdigest() for name in on_disk
    } == digests
