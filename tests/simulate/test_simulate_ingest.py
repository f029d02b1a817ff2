"""recount's own ingest reads every simulated list with nothing lost and values understood."""

from __future__ import annotations

import pandas as pd
import pytest

from recount.ingest import ingest_workspace
from recount.simulate import DEFAULT_LISTS, simulate
from recount.workspace import Workspace


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    result = simulate(
        tmp_path_factory.mktemp("ingest"), people=2500, sources=len(DEFAULT_LISTS), seed=9
    )
    workspace = Workspace(result.out_dir)
    accounting = ingest_workspace(workspace)
    return result, workspace, accounting


def test_every_row_becomes_a_record(ingested):
    result, workspace, accounting = ingested
    by_source = accounting.set_index("source_id")
    for source_id, rows in result.rows.items():
        assert by_source.loc[source_id, "rows_in"] == rows
        assert by_source.loc[source_id, "records"] == rows
        assert by_source.loc[source_id, "quarantined"] == 0


def test_ingested_values_agree_with_the_truth(ingested):
    result, workspace, _ = ingested
    records = workspace.table("records")
    truth = pd.read_csv(result.truth_records).merge(
        pd.read_csv(result.truth_persons)[["person_id", "sex", "governorate", "date_of_death"]],
        on="person_id",
    )
    merged = records.merge(truth, on=["source_id", "source_row"], suffixes=("", "_true"))
    assert len(merged) == len(records) == result.total_rows
    for source_id, group in merged.groupby("source_id"):
        governorate = (group["governorate"] == group["governorate_true"]).mean()
        sex = (group["sex"] == group["sex_true"]).mean()
        day = group[group["date_precision"] == "day"]
        exact = (
            pd.to_datetime(day["date_of_death"]) == pd.to_datetime(day["date_of_death_true"])
        ).mean()
        # Lists write 2% missing and 1% wrong governorates, 4% missing sexes, ~8% shifted dates.
        assert governorate > 0.93, source_id
        assert sex > 0.9, source_id
        assert exact > 0.85, source_id
