"""`persons` picks one value per person by documented rules, whatever order the records come in."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from recount import tables
from recount.link.persons import build_persons
from recount.workspace import Workspace

PEOPLE = 400


@pytest.fixture(scope="module")
def tied(tmp_path_factory):
    """Every person has records that tie on sex and on governorate."""
    ws = Workspace.init(tmp_path_factory.mktemp("tied"))
    rows = []
    for person in range(PEOPLE):
        # two records from list a (M, SY-RD) against two from b and c (F, SY-HL):
        # a tie on counts that the number of sources breaks, for odd people;
        # even people have one record per value from one list each: a full tie.
        if person % 2:
            values = [
                ("a", "M", "SY-RD"),
                ("a", "M", "SY-RD"),
                ("b", "F", "SY-HL"),
                ("c", "F", "SY-HL"),
            ]
        else:
            values = [("b", "M", "SY-RD"), ("c", "F", "SY-HL")]
        for index, (source, sex, governorate) in enumerate(values):
            rows.append(
                {
                    "record_id": f"{source}:{person * 10 + index}",
                    "source_id": source,
                    "name": None,
                    "name_latin": None,
                    "sex": sex,
                    "age": 30,
                    "status": "civilian",
                    "governorate": governorate,
                    "person_id": f"P{person:05d}",
                }
            )
    frame = pd.DataFrame(rows)
    normalized = frame[["record_id", "source_id", "governorate"]].assign(
        name_forms=[[] for _ in range(len(frame))],
        date_of_death=pd.NaT,
        date_precision=None,
    )
    records = frame.drop(columns=["person_id", "governorate"]).assign(
        source_row=range(1, len(frame) + 1)
    )
    ws.write_tables(
        {
            "records": tables.frame("records", records),
            "normalized": tables.frame("normalized", normalized),
        }
    )
    return ws, frame[["record_id", "person_id"]]


def test_ties_in_sex_and_governorate_follow_the_documented_rule(tied):
    ws, assignment = tied
    rng = np.random.default_rng(0)
    outputs = []
    for _ in range(8):
        shuffled = assignment.iloc[rng.permutation(len(assignment))].reset_index(drop=True)
        persons = build_persons(ws, shuffled).to_pandas()
        odd = persons["person_id"].str[1:].astype(int) % 2 == 1
        # more sources give F / SY-HL to odd people; a full tie goes to the first in sort order
        assert (persons.loc[odd, "sex"] == "F").all()
        assert (persons.loc[odd, "governorate"] == "SY-HL").all()
        assert (persons.loc[~odd, "sex"] == "F").all()
        assert (persons.loc[~odd, "governorate"] == "SY-HL").all()
        outputs.append(persons)
    for other in outputs[1:]:
        pd.testing.assert_frame_equal(outputs[0], other)
