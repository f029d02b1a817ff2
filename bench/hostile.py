"""Hostile inputs through `recount ingest`: the generated corpus of tests/ingest/hostile_corpus.py.

Writes every kind of hostile file into one workspace as its own source, runs
`recount ingest` in a child process (the command a user runs) and prints one
JSON line: kinds, sources read and refused, rows, lines, records and quarantined
rows (by reason), rows kept but flagged (`rows_split`, `field_too_long`,
`decoded_as`), wall and CPU seconds, peak memory, and whether the accounting
held for every source.

    .venv/bin/python bench/hostile.py [--workdir /tmp/recount-bench-hostile]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "ingest"))
from hostile_corpus import write_corpus  # noqa: E402

from recount.workspace import Workspace  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/recount-bench-hostile"))
    args = parser.parse_args()
    root = args.workdir
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    cases = write_corpus(root)
    started = time.monotonic()
    done = subprocess.run(
        [str(Path(sys.executable).with_name("recount")), "ingest", "-w", str(root)],
        capture_output=True,
        text=True,
        timeout=3600,
    )
    seconds = time.monotonic() - started
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    ws = Workspace(root)
    sources = ws.table("sources")
    reasons = ws.query("select reason, count(*) as n from quarantine group by 1 order by 2 desc")
    # what reading found doubtful in rows it kept (issue 16's flags; value flags left out)
    flags = ws.query(
        "select split_part(i, ':', 1) as flag, count(*) as n from records, "
        "unnest(string_split(issues, ';')) as t(i) "
        "where i like 'field_too_long:%' or i = 'rows_split' or i like 'decoded_as:%' "
        "group by 1 order by 2 desc"
    )
    balanced = bool((sources["rows_in"] == sources["records"] + sources["quarantined"]).all())
    print(
        json.dumps(
            {
                "kinds": len(cases),
                "read": len(sources),
                "refused": len(cases) - len(sources),
                "exit_code": done.returncode,
                "traceback": "Traceback" in done.stderr,
                "rows_in": int(sources["rows_in"].sum()),
                "lines_in": int(sources["lines_in"].sum()),
                "records": int(sources["records"].sum()),
                "quarantined": int(sources["quarantined"].sum()),
                "by_reason": dict(zip(reasons["reason"], map(int, reasons["n"]), strict=True)),
                "flagged": dict(zip(flags["flag"], map(int, flags["n"]), strict=True)),
                "accounting_holds": balanced,
                "seconds": round(seconds, 1),
                "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 1),
                "peak_rss_mb": round(usage.ru_maxrss / 1024),
                "load_average": os.getloadavg()[0],
            }
        )
    )


if __name__ == "__main__":
    main()
