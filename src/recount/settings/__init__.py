"""recount.toml's sections as frozen settings classes: each default defined once, here.

One class per section (`[project]` ProjectSettings, `[[sources]]` SourceConfig,
`[names]`, `[link]`, `[review]`, `[estimate]` with `[estimate.lcmcr]`,
`[report]`, `[claims]`), all checked by one validator (`Section.parse`, in
base.py) when recount.toml is read. To add a key: add a field to its class
with `setting(default, help, choices=..., minimum=..., maximum=...)`; rules
between keys go in the class's `check`. To add a section: a new class with
`NAME`, registered in SECTIONS below and given a field on `recount.config.Config`.
This package imports no stage at module level.
"""

from __future__ import annotations

from recount.settings.base import REQUIRED, Section, Where, setting
from recount.settings.claims import ClaimsSettings
from recount.settings.estimate import METHODS, EstimateSettings, HlcmcrSettings, LcmcrSettings
from recount.settings.lines import TomlLines
from recount.settings.link import LinkSettings
from recount.settings.names import NamesSettings
from recount.settings.project import EVENTS, ProjectSettings
from recount.settings.report import ReportSettings
from recount.settings.review import ReviewSettings
from recount.settings.sources import (
    CANONICAL_FIELDS,
    EXTRA_PREFIX,
    FORMATS,
    NAME_FIELDS,
    NAME_PARTS,
    SourceConfig,
    extra_field_kind,
)

# The single-table sections, by their TOML name ([[sources]] is an array, read apart).
SECTIONS: dict[str, type[Section]] = {
    cls.NAME: cls
    for cls in (
        ProjectSettings,
        NamesSettings,
        LinkSettings,
        ReviewSettings,
        EstimateSettings,
        ReportSettings,
        ClaimsSettings,
    )
}

__all__ = [
    "CANONICAL_FIELDS",
    "EVENTS",
    "EXTRA_PREFIX",
    "FORMATS",
    "METHODS",
    "NAME_FIELDS",
    "NAME_PARTS",
    "REQUIRED",
    "SECTIONS",
    "ClaimsSettings",
    "EstimateSettings",
    "HlcmcrSettings",
    "LcmcrSettings",
    "LinkSettings",
    "NamesSettings",
    "ProjectSettings",
    "ReportSettings",
    "ReviewSettings",
    "Section",
    "SourceConfig",
    "TomlLines",
    "Where",
    "extra_field_kind",
    "setting",
]
