"""A few UTF-8 lines pasted into a Windows-1252 (-1251, -1256) list are read right and flagged.

Too few to refuse the file as mixed (under detect.MIXED_SHARE of its lines), they were
read in the file's encoding and garbled silently, and could even sway the detection
of the whole file (a French list read as Arabic). The names are made up.
"""

from __future__ import annotations

import random
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ingest_helpers import read_file

from recount.ingest.detect import MIXED_SHARE, SAMPLE_BYTES
from recount.ingest.readers import DelimitedReader

# made-up names in each encoding's script, and the encoding's name as the sources table shows it
SCRIPTS = {
    "cp1252": (
        ["Zoé", "Renée", "Jürgen", "Søren", "Inés", "Mañuel", "Ãngela", "Françoise", "Éloïse"],
        ["Peñalba", "Dübois", "Ibáñez", "Núñoz", "Orbánek", "Weißler", "Gómara", "Çelik"],
        "windows-1252",
    ),
    "cp1251": (
        ["Олена", "Пётр", "Андрій", "Ірина", "Сергій", "Ганна", "Юрій", "Євген", "Ольга"],
        ["Ковальчук", "Шевчишин", "Бондар", "Ткачук", "Мельничук", "Лисенко", "Їжакевич"],
        "windows-1251",
    ),
    "cp1256": (
        ["أمين", "سلمى", "عمر", "هدى", "يوسف", "ليلى", "خالد", "نور", "طارق"],
        ["الحداد", "النجار", "العطار", "الخياط", "الصباغ", "الدباغ", "القصاب"],
        "windows-1256",
    ),
}
SOURCE = {
    "id": "s",
    "path": "x",
    "columns": {"name": "name", "place": "place", "date_of_death": "date"},
}


def made_up_rows(codec: str, count: int, seed: int) -> list[str]:
    given, family, _ = SCRIPTS[codec]
    rng = random.Random(seed)
    return [
        f"{rng.choice(given)} {rng.choice(family)},{rng.choice(family)}ville,2022-03-{1 + i % 28:02d}"
        for i in range(count)
    ]


def mixed_file(rows: list[str], codec: str, utf8_rows: set[int]) -> bytes:
    lines = [b"name,place,date\n"]
    for i, row in enumerate(rows, start=1):
        lines.append((row + "\n").encode("utf-8" if i in utf8_rows else codec))
    return b"".join(lines)


def read(data: bytes, name: str = "list.csv", source: dict = SOURCE):
    with tempfile.TemporaryDirectory() as folder:
        return read_file(Path(folder), source, data, name, country=None)


@pytest.mark.parametrize("codec", sorted(SCRIPTS))
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_few_utf8_lines_are_read_right_and_flagged(codec, seed):
    rows = made_up_rows(codec, 300, seed)
    rng = random.Random(seed)
    pasted = set(rng.sample(range(1, 301), 4))  # 1.3% of the lines: under MIXED_SHARE
    assert len(pasted) < MIXED_SHARE * len(rows)
    result = read(mixed_file(rows, codec, pasted))
    assert result.encoding == SCRIPTS[codec][2]
    records = result.records.sort_values("source_row")
    assert records["name"].tolist() == [row.split(",")[0] for row in rows]
    flagged = records.loc[records["issues"].eq("decoded_as:utf-8"), "source_row"]
    assert set(flagged) == pasted
    assert records["issues"].isna().sum() == len(rows) - len(pasted)


def test_utf8_lines_past_the_detection_sample_are_read_right():
    rows = made_up_rows("cp1252", 40_000, 7)
    data = mixed_file(rows, "cp1252", {39_990})
    assert data.index(rows[39_989].encode("utf-8")) > SAMPLE_BYTES
    records = read(data).records.sort_values("source_row")
    # lines cut by the reader's 1 MB blocks are whole rows too
    assert len(data) > 1 << 20
    assert records["name"].tolist() == [row.split(",")[0] for row in rows]
    assert records.loc[records["issues"].notna(), "source_row"].tolist() == [39_990]
    # the same lines read with the encodings declared, each line in the first it is valid in
    declared = read(data, source=dict(SOURCE, encoding="utf-8, windows-1252")).records
    assert declared.sort_values("source_row")["name"].tolist() == records["name"].tolist()


def test_json_lines_with_a_pasted_utf8_line():
    rows = made_up_rows("cp1252", 120, 3)
    lines = [f'{{"name": "{row.split(",")[0]}", "date": "2022"}}\n' for row in rows]
    data = b"".join(
        line.encode("utf-8" if i == 60 else "cp1252") for i, line in enumerate(lines, 1)
    )
    result = read(data, "list.jsonl", {"id": "s", "path": "x", "columns": {"name": "name"}})
    records = result.records.sort_values("source_row")
    assert records["name"].tolist() == [row.split(",")[0] for row in rows]
    assert records.loc[records["issues"].notna(), "source_row"].tolist() == [60]
    assert records["issues"].dropna().tolist() == ["decoded_as:utf-8"]


@pytest.mark.parametrize(("codec", "stray"), [("cp1252", b"\x81\x8d"), ("cp1251", b"\x98")])
def test_a_line_with_a_byte_the_encoding_leaves_undefined_is_quarantined(codec, stray):
    """One line holding a byte Windows-1252 (or -1251) does not define failed every guess,
    and the whole list was refused as binary; now the list is read, that line quarantined."""
    rows = made_up_rows(codec, 100, 5)
    data = mixed_file(rows, codec, {10}).replace(
        rows[49].encode(codec), stray + rows[49].encode(codec)
    )
    result = read(data)
    assert result.encoding == SCRIPTS[codec][2]
    assert result.quarantine[["source_row", "reason"]].values.tolist() == [
        [50, "undecodable_bytes"]
    ]
    names = result.records.sort_values("source_row")["name"].tolist()
    assert names == [row.split(",")[0] for i, row in enumerate(rows, 1) if i != 50]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(sorted(SCRIPTS)),
    st.lists(
        st.tuples(st.text(min_size=1, max_size=12), st.booleans()),
        min_size=1,
        max_size=12,
    ),
)
def test_every_line_is_read_right_or_flagged(codec, cells):
    """Whatever the text: a UTF-8 line is read right, and a line in the file's encoding is
    read right unless its bytes are valid UTF-8 too, when it is flagged, never silently."""
    alphabet = "".join(SCRIPTS[codec][0] + SCRIPTS[codec][1]) + "ab ."
    texts = ["".join(ch for ch in text if ch in alphabet) or "a" for text, _ in cells]
    in_utf8 = [as_utf8 for _, as_utf8 in cells]
    data = b"name\n" + b"".join(
        (text + "\n").encode("utf-8" if as_utf8 else codec)
        for text, as_utf8 in zip(texts, in_utf8, strict=True)
    )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "l.csv"
        path.write_bytes(data)
        reader = DelimitedReader(path, "csv", codec, ",", utf8_lines=True)
        chunks = list(reader.chunks())
    read_back = [value for chunk in chunks for value in chunk.rows.column("c0").to_pylist()]
    issues = [
        flag
        for chunk in chunks
        for flag in (
            chunk.issues.to_pylist() if chunk.issues is not None else [None] * chunk.rows.num_rows
        )
    ]
    for text, as_utf8, got, flag in zip(texts, in_utf8, read_back, issues, strict=True):
        if as_utf8 or not is_utf8(text.encode(codec)):
            assert got == text
            assert flag == ("decoded_as:utf-8" if not text.isascii() and as_utf8 else None)
        else:
            assert flag == "decoded_as:utf-8"


def is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return not data.isascii()


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(sorted(SCRIPTS)),
    st.integers(min_value=3, max_value=8),  # two lines can be read either way
    st.integers(min_value=0, max_value=10_000),
    st.booleans(),
    st.booleans(),
)
def test_a_short_list_is_read_in_its_own_encoding(codec, count, seed, stray, pasted):
    """A list of a few rows gives the statistical guess little to go on: a Windows-1252 list
    of four accented names with one byte 1252 leaves undefined was read as Windows-1256 (or
    refused as binary), and one pasted UTF-8 line made it a 'mixed' file. The reading that
    keeps each word in one script is taken, one odd line is a stray (quarantined or read as
    UTF-8), never the whole list. (One or two lines of Cyrillic read as well as accented
    Latin: no reading can tell them apart.)"""
    rows = made_up_rows(codec, count, seed)
    utf8_rows = {count} if pasted else set()
    data = mixed_file(rows, codec, utf8_rows)
    undefined = {"cp1252": b"\x81", "cp1251": b"\x98", "cp1256": b""}[codec]
    if stray and undefined:
        data += undefined + rows[0].encode(codec) + b"\n"
    result = read(data)
    assert result.encoding == SCRIPTS[codec][2]
    records = result.records.sort_values("source_row")
    assert records["name"].tolist()[:count] == [row.split(",")[0] for row in rows]
    assert set(records.loc[records["issues"].eq("decoded_as:utf-8"), "source_row"]) == utf8_rows
    quarantined = result.quarantine["source_row"].tolist()
    assert quarantined == ([count + 1] if stray and undefined else [])
