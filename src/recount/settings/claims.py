"""`[claims]`: who makes claims, beyond the built-in claimants."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from recount.errors import ConfigError
from recount.settings.base import Section, Where, setting


@dataclass(frozen=True)
class ClaimsSettings(Section):
    NAME = "claims"

    claimants: Path | None = setting(
        None, "a TOML file of [[claimant]] tables (name, kind, aliases), relative to the workspace"
    )
    claimant: tuple[Any, ...] = setting((), "[[claims.claimant]] tables (name, kind, aliases)")

    def check(self, where: Where) -> None:
        # The claims stage owns what a claimant is; its parser names the bad key.
        from recount.claims.claimants import parse_claimants

        try:
            parse_claimants(list(self.claimant), where.path)
        except ConfigError as problem:
            raise where.reraise(problem) from None
