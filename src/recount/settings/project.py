"""`[project]`: what the workspace is about."""

from __future__ import annotations

from dataclasses import dataclass

from recount.settings.base import Section, setting

EVENTS = ("killed", "missing", "detained", "evacuated")


@dataclass(frozen=True)
class ProjectSettings(Section):
    NAME = "project"

    name: str | None = setting(None, "the project's name (default: the workspace folder's)")
    event: str = setting("killed", "what the lists record", choices=EVENTS)
