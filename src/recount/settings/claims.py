"""`[claims]`: who makes claims, beyond the built-in claimants."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from recount.settings.base import Section, Where, setting

CLAIMANT_KINDS = (
    "un",
    "monitor",
    "ngo",
    "government",
    "armed_group",
    "research",
    "media",
    "person",
    "other",
)


@dataclass(frozen=True)
class ClaimantEntry(Section):
    """One claimant: `[[claims.claimant]]` in recount.toml, `[[claimant]]` in a claimants file
    (and in recount's built-in list)."""

    NAME = "claims.claimant"

    name: str = setting(help="the claimant's name, as the report shows it")
    kind: str = setting("other", "what sort of claimant", choices=CLAIMANT_KINDS)
    aliases: tuple[str, ...] = setting((), "other names and acronyms it goes by in texts")

    def check(self, where: Where) -> None:
        if not self.name.strip():
            raise where.error(("name",), "expected a non-empty string")
        if not all(alias.strip() for alias in self.aliases):
            raise where.error(("aliases",), "expected a list of non-empty strings")


@dataclass(frozen=True)
class ClaimsSettings(Section):
    NAME = "claims"

    claimants: Path | None = setting(
        None, "a TOML file of [[claimant]] tables (name, kind, aliases), relative to the workspace"
    )
    claimant: tuple[ClaimantEntry, ...] = setting(
        (), "[[claims.claimant]] tables (name, kind, aliases)"
    )
