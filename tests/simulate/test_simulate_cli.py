"""`recount simulate` runs end to end, prints counts and never a name."""

from __future__ import annotations

import re

import pandas as pd
from typer.testing import CliRunner

from recount.cli import app

ARABIC_LETTER = re.compile(r"[\u0600-\u06ff]")


def test_simulate_command_writes_everything_and_prints_counts_only(tmp_path):
    out = tmp_path / "world"
    result = CliRunner().invoke(
        app, ["simulate", str(out), "--people", "1500", "--sources", "3", "--seed", "4"]
    )
    assert result.exit_code == 0, result.output
    assert "1,500" in result.output
    for list_id in ("vdc", "snhr", "sohr"):
        assert list_id in result.output
    assert not ARABIC_LETTER.search(result.output)
    assert (out / "recount.toml").exists()
    truth = pd.read_csv(out / "truth" / "records.csv")
    assert set(truth["source_id"]) == {"vdc", "snhr", "sohr"}
    assert f"{len(truth):,}" in result.output


def test_simulate_command_rejects_bad_arguments(tmp_path):
    runner = CliRunner()
    too_many = runner.invoke(app, ["simulate", str(tmp_path / "x"), "--sources", "9"])
    assert too_many.exit_code != 0
    unknown = runner.invoke(
        app, ["simulate", str(tmp_path / "y"), "--people", "100", "--lists", "vdc,nope"]
    )
    assert unknown.exit_code != 0
    assert "nope" in str(unknown.exception) + unknown.output
