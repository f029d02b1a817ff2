"""FEBRL 4 through the product: a workspace, `recount ingest`, `recount normalize`, `recount link`.

Links febrl/dataset4a.csv with dataset4b.csv under --data (5,000 true
links: rec-N-org in one file is rec-N-dup-0 in the other) in a new
workspace whose recount.toml maps each file's columns as a user would
(`MAPPING`: names, date of birth, and the address and social security number
as extra fields), and prints one JSON line: pairwise precision, recall and F1
of the people found, and seconds. Target: pairwise F1 >= 0.99.

    python bench/febrl.py [--rows N] [--data DIR]   # N: the first N records of each file

--data is the folder holding febrl/ (default: the `shared/data` folder beside the repository's,
where the team keeps it; the files are not part of the repository); a missing file stops the run
with its path.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

import pandas as pd

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
FILES = ("dataset4a", "dataset4b")


MAPPING = """
[[sources]]
id = "{name}"
path = "lists/{name}.csv"
date_format = "%Y%m%d"

[sources.columns]
record_ref = "rec_id"
given_name = "given_name"
family_name = "surname"
date_of_birth = "date_of_birth"
extra.soc_sec_id = "soc_sec_id"
extra.street_number = "street_number"
extra.address_1 = "address_1"
extra.suburb = "suburb"
extra.postcode = "postcode"
extra.state = "state"
"""


def febrl_workspace(root: Path, data: Path, rows: int | None = None):
    """A workspace of the two FEBRL 4 files under `data`/febrl (or their first `rows` records),
    and the truth."""
    from recount.project import Project
    from recount.workspace import Workspace

    ws = Workspace.init(root, name="febrl4")
    (root / "lists").mkdir(exist_ok=True)
    truth = []
    blocks = []
    for name in FILES:
        frame = pd.read_csv(
            data / "febrl" / f"{name}.csv", dtype=str, nrows=rows, skipinitialspace=True
        )
        frame.columns = [c.strip() for c in frame.columns]
        frame.to_csv(root / "lists" / f"{name}.csv", index=False)
        blocks.append(MAPPING.format(name=name))
        ids = frame["rec_id"].str.strip()
        truth.append(
            pd.DataFrame(
                {
                    "source_id": name,
                    "source_row": range(1, len(frame) + 1),
                    "person_id": ids.str.extract(r"rec-(\d+)-")[0].to_numpy(),
                }
            )
        )
    with ws.config_path.open("a", encoding="utf-8") as config:
        config.write("\n" + "\n".join(blocks))
    ws.reload_config()
    Project(ws).ingest()
    Project(ws).normalize()
    return ws, pd.concat(truth, ignore_index=True)


def main() -> None:
    from recount.link import link_workspace
    from recount.link.evaluate import evaluate_record_person

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=None)
    parser.add_argument(
        "--data",
        type=Path,
        default=DEFAULT_DATA,
        help=f"folder holding febrl/dataset4a.csv and dataset4b.csv (default {DEFAULT_DATA})",
    )
    args = parser.parse_args()
    missing = [p for p in (args.data / "febrl" / f"{n}.csv" for n in FILES) if not p.is_file()]
    if missing:
        parser.error(f"{missing[0]}: no such file; pass --data DIR, the folder holding febrl/")
    with tempfile.TemporaryDirectory(prefix="recount-bench-febrl-") as scratch:
        started = time.perf_counter()
        ws, truth = febrl_workspace(Path(scratch) / "ws", args.data, args.rows)
        prepared = time.perf_counter() - started
        result = link_workspace(ws)
        seconds = time.perf_counter() - started
        scores = evaluate_record_person(ws.table("record_person"), truth)
        print(
            json.dumps(
                {
                    "bench": "febrl4",
                    "path": "recount.toml mapping -> ingest -> normalize -> recount link",
                    "fields": result.fields,
                    "preset": result.preset,
                    "same_list_guard": result.same_list_guarded,
                    "prepare_seconds": round(prepared, 1),
                    "seconds": round(seconds, 1),
                    **{k: round(v, 4) if isinstance(v, float) else v for k, v in scores.items()},
                }
            )
        )


if __name__ == "__main__":
    main()
