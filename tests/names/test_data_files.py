"""The names stage's data files: the lexicon is well formed (country packs: tests/reference)."""

from __future__ import annotations

import csv
from importlib import resources

from recount.names.arabic import has_arabic


def _rows(name: str) -> list[dict]:
    text = resources.files("recount.names").joinpath("data").joinpath(name).read_text("utf-8")
    return list(
        csv.DictReader(line for line in text.splitlines() if line and not line.startswith("#"))
    )


def test_lexicon_rows_are_complete():
    rows = _rows("name_lexicon.csv")
    assert len(rows) > 350
    for row in rows:
        assert has_arabic(row["arabic"]), row
        assert not has_arabic(row["latin"] or ""), row
        assert all(has_arabic(v) for v in (row["arabic_variants"] or "").split("|") if v), row


def test_every_listed_spelling_keys_like_its_arabic_form():
    """A spelling listed for one name only gives that name's key, in either script."""
    from collections import Counter

    from recount.names.keys import token_key
    from recount.names.latin import fold_latin
    from recount.names.lexicon import compact

    rows = _rows("name_lexicon.csv")
    owners = Counter()
    for row in rows:
        for spelling in {compact(fold_latin(s)) for s in (row["latin"] or "").split("|") if s}:
            owners[spelling] += 1
    checked = 0
    for row in rows:
        for spelling in (row["latin"] or "").split("|"):
            if spelling and owners[compact(fold_latin(spelling))] == 1:
                assert token_key(spelling) == token_key(row["arabic"]), (spelling, row["arabic"])
                checked += 1
    assert checked > 1000
