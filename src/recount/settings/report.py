"""`[report]`: the HTML report and exports."""

from __future__ import annotations

from dataclasses import dataclass

from recount.settings.base import Section, setting


@dataclass(frozen=True)
class ReportSettings(Section):
    NAME = "report"

    redact: bool = setting(False, "leave every name out of the report and its exports")
