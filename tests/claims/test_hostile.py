"""Hostile input: binary, huge, mixed scripts, no sentences. A clear error or no claims, never a crash."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from recount.claims import add_claims, extract_claims
from recount.claims.documents import MAX_TEXT_BYTES, iter_documents
from recount.errors import InputError

WORDS = [
    "killed", "dead", "toll", "more", "than", "at", "least", "said", "according", "to", "SOHR",
    "UN", "civilians", "children", "300,000", "٣٠٠", "dozens", "of", "thousands", "in", "Aleppo",
    "since", "March", "2011", "between", "and", "respectively", "could", "not", "the", ",", ".",
    "-", "1.5", "million", "up", "some", "injured", "lives", "saved", "حلب", "قتل", "\n\n", "(", ")",
]  # fmt: skip


def _check_invariants(text: str) -> None:
    claims = extract_claims(text)
    for row in claims.to_dict("records"):
        assert text[row["start"] : row["end"]] == row["quantity_text"]
        assert text[row["sentence_start"] : row["sentence_end"]] == row["sentence"]
        low, high = row["low"], row["high"]
        if low == low and high == high:  # both present
            assert low <= high


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_any_unicode_text_never_crashes(text):
    _check_invariants(text)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=60))
@example(words=[".", "at", "said"])  # a speech cue with no one before it (CI, 2026-12-04)
def test_claim_like_word_salad_keeps_offsets_exact(words):
    _check_invariants(" ".join(words))


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=300))
def test_bytes_decoded_any_way_never_crash(data):
    _check_invariants(data.decode("latin-1"))


def test_no_sentences_no_claims():
    for text in (
        "",
        "   \n\n\t",
        "....!!!???",
        "1 2 3 4 5 6 7 8 9",
        "killed killed killed",
        "٠١٢٣٤٥٦٧٨٩",
    ):
        assert extract_claims(text).empty


def test_mixed_scripts():
    text = "قال المرصد إن ٣٠٠ شخص قتلوا. The Observatory said ٣٠٠ people were killed in حلب and Aleppo."
    claims = extract_claims(text, country="SY")
    assert list(claims["value"]) == [300.0]
    assert claims.loc[0, "claimant"] == "Syrian Observatory for Human Rights"
    assert claims.loc[0, "place_code"] == "SY-HL"


def test_long_run_without_punctuation_is_bounded():
    text = ("killed 300 people " * 4_000).strip()
    started = time.process_time()  # CPU, not wall: other work on the machine does not count
    claims = extract_claims(text)
    assert time.process_time() - started < 10
    assert len(claims) == 4_000
    assert (claims["sentence_end"] - claims["sentence_start"]).max() <= 1500


def test_not_text_is_a_clear_error():
    with pytest.raises(InputError, match="expected text"):
        extract_claims(b"300 killed")  # type: ignore[arg-type]


def test_binary_file_is_refused(tmp_path, workspace):
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(InputError, match="binary"):
        add_claims(workspace, path)
    assert not workspace.has_table("claims")


def test_huge_file_is_refused(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(MAX_TEXT_BYTES + 1)
    with pytest.raises(InputError, match="too large"):
        iter_documents(path)


def test_huge_string_is_refused():
    with pytest.raises(InputError, match="too large"):
        extract_claims("a" * (MAX_TEXT_BYTES + 1))


def test_missing_path_and_empty_folder(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        iter_documents(tmp_path / "nope")
    with pytest.raises(InputError, match="no text files"):
        iter_documents(tmp_path)


def test_windows_1252_and_utf16_files_are_read(tmp_path):
    cp = tmp_path / "cp.txt"
    cp.write_bytes("Médecins said 40 people were killed – in Homs.".encode("cp1252"))
    utf16 = tmp_path / "u16.txt"
    utf16.write_text("SOHR said 40 people were killed.", encoding="utf-16")
    docs = iter_documents(tmp_path)
    assert [len(extract_claims(d.text)) for d in docs] == [1, 1]


def test_html_is_stripped(tmp_path):
    page = tmp_path / "a.html"
    page.write_text(
        "<html><script>var killed = 300;</script><p>SOHR said <b>40</b> people were killed.</p></html>",
        encoding="utf-8",
    )
    (doc,) = iter_documents(page)
    claims = extract_claims(doc.text)
    assert list(claims["value"]) == [40.0]
