"""recount.toml, read and checked whole.

Every section has one frozen settings class in `recount.settings` (the single
source of its defaults); `load_config` checks every section and key when the
file is read and names the file, line and key of the first problem, unknown
sections and keys included. Stages read `ws.config.link`, `ws.config.estimate`,
…; none re-reads the raw TOML.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from recount.errors import ConfigError
from recount.settings import (
    SECTIONS,
    ClaimsSettings,
    EstimateSettings,
    LinkSettings,
    NamesSettings,
    ProjectSettings,
    ReportSettings,
    ReviewSettings,
    SourceConfig,
    TomlLines,
    Where,
)


@dataclass(frozen=True)
class Config:
    path: Path
    project: ProjectSettings = field(default_factory=ProjectSettings)
    sources: tuple[SourceConfig, ...] = ()
    names: NamesSettings = field(default_factory=NamesSettings)
    link: LinkSettings = field(default_factory=LinkSettings)
    review: ReviewSettings = field(default_factory=ReviewSettings)
    estimate: EstimateSettings = field(default_factory=EstimateSettings)
    report: ReportSettings = field(default_factory=ReportSettings)
    claims: ClaimsSettings = field(default_factory=ClaimsSettings)
    # the TOML as read: what `recount run` fingerprints
    raw: dict[str, Any] = field(default_factory=dict)

    @property
    def project_name(self) -> str:
        return self.project.name or self.path.parent.name

    @property
    def country(self) -> str | None:
        """[project] country as an upper-case pack code, None when no pack is chosen."""
        return self.project.country_code

    def source(self, source_id: str) -> SourceConfig:
        for source in self.sources:
            if source.id == source_id:
                return source
        known = ", ".join(s.id for s in self.sources) or "none"
        raise ConfigError(
            "sources", f"no source with id {source_id!r} (known: {known})", str(self.path)
        )


def load_config(path: Path) -> Config:
    path = Path(path)
    if not path.exists():
        raise ConfigError("project", "recount.toml not found; run `recount init`", str(path))
    try:
        text = path.read_text(encoding="utf-8")
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError("toml", f"not valid TOML: {exc}", str(path)) from exc
    except UnicodeDecodeError as exc:
        raise ConfigError("toml", "not UTF-8 text", str(path)) from exc
    return parse_config(raw, path, TomlLines(text))


def parse_config(raw: dict[str, Any], path: Path, lines: TomlLines | None = None) -> Config:
    """Every section of `raw` checked; ConfigError names the first problem."""
    where = Where(str(path), lines)
    known = ("sources", *SECTIONS)
    for name in raw:
        if name not in known:
            raise where.error(
                (name,), f"unknown section; expected one of {', '.join(sorted(known))}"
            )
    sections = {
        name: cls.parse(raw.get(name, {}), where.within(name)) for name, cls in SECTIONS.items()
    }
    sources_raw = raw.get("sources", [])
    if not isinstance(sources_raw, list):
        raise where.error(("sources",), "expected an array of tables: [[sources]]")
    sources: list[SourceConfig] = []
    for index, entry in enumerate(sources_raw):
        source = SourceConfig.parse(entry, where.within("sources", index))
        if source.id in {s.id for s in sources}:
            raise where.error(("sources", index, "id"), f"duplicate source id {source.id!r}")
        sources.append(source.resolved(path.parent, sections["project"].country_code))
    estimate = sections["estimate"]
    if estimate.engine is None:
        engine = estimate.engine_for(sections["link"].backend)
        sections["estimate"] = replace(estimate, engine=engine)
    return Config(path=path, sources=tuple(sources), raw=raw, **sections)
