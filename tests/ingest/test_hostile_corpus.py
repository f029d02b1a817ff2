"""Several hundred kinds of hostile files, generated here, ingested together by `recount ingest`.

Every readable file is read with every row accounted for (rows in = records +
quarantined, rows in = the rows a person counts, lines counted beside rows);
every unreadable one is named with its real cause; the command exits non-zero;
no traceback and no hang (a timer fails the test).
"""

from __future__ import annotations

import json
import re
import signal
import time

import pytest
from hostile_corpus import hostile_cases, source_entry, write_corpus
from ingest_helpers import assert_accounted
from typer.testing import CliRunner

from recount.cli import app
from recount.errors import RecountError
from recount.ingest import SourcesFailed
from recount.workspace import Workspace

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("hostile-corpus")]

CASES = hostile_cases()
HANG_SECONDS = 600


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    write_corpus(root)

    def hung(*_):
        raise TimeoutError(f"recount ingest ran over {HANG_SECONDS} s")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(HANG_SECONDS)
    started = time.monotonic()
    try:
        result = CliRunner().invoke(app, ["ingest", "--workspace", str(root)])
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    return Workspace(root), result, time.monotonic() - started


def test_every_readable_file_is_read_and_every_other_named_with_its_cause(ingested):
    ws, result, seconds = ingested
    assert result.exit_code != 0
    assert isinstance(result.exception, SourcesFailed), repr(result.exception)
    failures = result.exception.failures
    expected_failures = {f"s{i:03d}": c for i, c in enumerate(CASES) if c.cause}
    noise = {f"s{i:03d}" for i, c in enumerate(CASES) if c.either}
    unexpected = set(failures) - set(expected_failures) - noise
    assert not unexpected and set(expected_failures) <= set(failures), sorted(
        (sid, CASES[int(sid[1:])].kind, str(failures.get(sid, "read"))[:120])
        for sid in unexpected | (set(expected_failures) - set(failures))
    )
    for source_id, error in failures.items():
        assert isinstance(error, RecountError) and "Traceback" not in str(error)
        assert source_id in str(error) or f"/{source_id[1:]}/" in str(error), str(error)
        case = CASES[int(source_id[1:])]
        assert case.either or case.cause in str(error), (case.kind, str(error))
    sources = ws.table("sources").set_index("source_id")
    read = [(sid, c) for i, c in enumerate(CASES) if (sid := f"s{i:03d}") not in failures]
    assert set(sources.index) == {sid for sid, _ in read}
    wrong = {
        case.kind: (int(sources.loc[sid, "rows_in"]), case.rows)
        for sid, case in read
        if case.rows is not None and sources.loc[sid, "rows_in"] != case.rows
    }
    assert not wrong, wrong
    assert_accounted(ws)
    counted = {
        "kinds": len(CASES),
        "read": len(read),
        "unreadable": len(failures),
        "rows_in": int(sources["rows_in"].sum()),
        "records": int(sources["records"].sum()),
        "quarantined": int(sources["quarantined"].sum()),
        "seconds": round(seconds, 1),
    }
    print(json.dumps(counted))


def test_physical_lines_are_counted_beside_rows(ingested):
    ws, _, _ = ingested
    sources = ws.table("sources").set_index("source_id")
    checked = 0
    for index, case in enumerate(CASES):
        sid = f"s{index:03d}"
        if not case.kind.startswith("csv/") or "/utf-8/" not in case.kind:
            continue
        text = (ws.root / source_entry(case, index)[1]).read_bytes().decode("utf-8")
        lines = len(re.findall(r"[^\r\n]*(?:\r\n|\r|\n)", text)) + (
            0 if re.search(r"(?:\r|\n)$", text) else 1
        )
        assert sources.loc[sid, "lines_in"] == lines, case.kind
        assert sources.loc[sid, "lines_in"] >= sources.loc[sid, "rows_in"] + 1, case.kind
        checked += 1
    assert checked >= 25


def test_a_stray_quote_swallows_no_row_in_any_encoding_or_line_end(ingested):
    ws, _, _ = ingested
    quarantine = ws.query(
        "select source_id, count(*) as n from quarantine where reason = 'unbalanced_quote' "
        "group by 1"
    ).set_index("source_id")["n"]
    for index, case in enumerate(CASES):
        if case.kind.startswith("csv/stray_quote_row_5/"):
            assert quarantine.get(f"s{index:03d}") == 1, case.kind
        if case.kind.startswith("csv/stray_quotes_adjacent/"):
            assert quarantine.get(f"s{index:03d}") == 3, case.kind


def test_fields_far_longer_than_their_column_are_split_or_flagged(ingested):
    ws, _, _ = ingested
    issues = ws.query(
        "select source_id, string_agg(distinct i, ';' order by i) as found from records, "
        "unnest(string_split(issues, ';')) as t(i) group by 1"
    ).set_index("source_id")["found"]
    expected = {
        "swallowed/": "rows_split",
        "csv/field_100k_chars/": "field_too_long:place",
        "csv/long_value_in_a_short_column/": "field_too_long:place",
        "long_value/pasted_document/": "field_too_long:name",
    }
    checked = 0
    for index, case in enumerate(CASES):
        found = set(issues.get(f"s{index:03d}", "").split(";"))
        for prefix, flag in expected.items():
            if case.kind.startswith(prefix) and not case.kind.endswith("/csv"):
                assert flag in found, (case.kind, found)
                checked += 1
        if case.kind.startswith("long_value/notes_within_norm/"):
            assert not any(f.startswith("field_too_long") for f in found), found
        if case.kind.startswith(("csv/plain/", "xlsx/plain", "parquet/string")):
            assert not found & {"rows_split", "field_too_long:name", "field_too_long:place"}
    assert checked >= 30
