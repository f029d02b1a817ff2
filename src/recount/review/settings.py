"""Review settings: the `[review]` section of recount.toml, validated once at start."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, fields
from typing import Any

from recount.errors import ConfigError
from recount.workspace import Workspace

DEFAULT_LINK_THRESHOLD = 0.9


@dataclass(frozen=True)
class ReviewSettings:
    """Knobs of the review app. Defaults follow OWASP ASVS L2 where it has an opinion."""

    link_threshold: float = DEFAULT_LINK_THRESHOLD  # [link] threshold: the queue centres on it
    double_review_percent: float = 10.0  # share of pairs given to two reviewers
    impact_weight: float = 0.5  # how much cluster size adds to a pair's priority
    lease_minutes: float = 10.0  # how long a served pair stays reserved for its reviewer
    idle_timeout_minutes: float = 30.0
    absolute_timeout_hours: float = 8.0
    login_attempts_per_window: int = 10  # failed logins per client address
    login_window_seconds: float = 300.0
    lockout_after_failures: int = 5  # per account, consecutive
    lockout_minutes: float = 15.0
    release_after_seconds: float = 0.5  # close the database file after this much idleness
    busy_timeout_seconds: float = 15.0  # wait this long for another process to release it
    secure_cookies: bool = False  # set when served behind TLS
    # addresses (or networks) of reverse proxies whose X-Forwarded-For is believed;
    # none by default, so a client cannot choose the address its logins count against
    trusted_proxies: tuple[str, ...] = ()

    @classmethod
    def from_workspace(cls, ws: Workspace, **overrides: Any) -> ReviewSettings:
        """Reads [review] (and [link] threshold) when recount.toml exists; overrides win."""
        values: dict[str, Any] = {}
        if ws.config_path.exists():
            link = ws.config.section("link")
            if "threshold" in link:
                values["link_threshold"] = link["threshold"]
            values.update(ws.config.section("review"))
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls.validated(values)

    @classmethod
    def validated(cls, values: dict[str, Any]) -> ReviewSettings:
        known = {f.name: f for f in fields(cls)}
        clean: dict[str, Any] = {}
        for key, value in values.items():
            if key not in known:
                raise ConfigError(f"review.{key}", f"unknown setting (known: {', '.join(known)})")
            default = known[key].default
            if isinstance(default, tuple):
                clean[key] = _addresses(key, value)
                continue
            if isinstance(default, bool):
                if not isinstance(value, bool):
                    raise ConfigError(f"review.{key}", "expected true or false")
            elif isinstance(value, bool) or not isinstance(value, int | float):
                raise ConfigError(f"review.{key}", f"expected a number, got {value!r}")
            elif value < 0:
                raise ConfigError(f"review.{key}", "must not be negative")
            clean[key] = type(default)(value)
        if not 0 < clean.get("link_threshold", DEFAULT_LINK_THRESHOLD) < 1:
            raise ConfigError("link.threshold", "expected a probability strictly between 0 and 1")
        if clean.get("double_review_percent", 0) > 100:
            raise ConfigError("review.double_review_percent", "expected 0 to 100")
        return cls(**clean)


def _addresses(key: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"review.{key}", 'expected a list of addresses, e.g. ["127.0.0.1"]')
    for address in value:
        try:
            ipaddress.ip_network(address, strict=False)
        except ValueError:
            raise ConfigError(
                f"review.{key}", f"{address!r} is not an IP address or network"
            ) from None
    return tuple(value)
