"""`[review]`: the review app. Defaults follow OWASP ASVS L2 where it has an opinion."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

from recount.settings.base import Section, Where, setting


@dataclass(frozen=True)
class ReviewSettings(Section):
    NAME = "review"

    double_review_percent: float = setting(
        10.0, "share of pairs given to two reviewers", minimum=0, maximum=100
    )
    impact_weight: float = setting(0.5, "how much cluster size adds to a pair's priority",
                                   minimum=0)  # fmt: skip
    lease_minutes: float = setting(
        10.0, "how long a served pair stays reserved for its reviewer", minimum=0
    )
    idle_timeout_minutes: float = setting(30.0, "sign a reviewer out after this idleness",
                                          minimum=0)  # fmt: skip
    absolute_timeout_hours: float = setting(8.0, "sign a reviewer out after this long",
                                            minimum=0)  # fmt: skip
    login_attempts_per_window: int = setting(10, "failed logins per client address", minimum=0)
    login_window_seconds: float = setting(300.0, "the window of that count", minimum=0)
    lockout_after_failures: int = setting(5, "per account, consecutive", minimum=0)
    lockout_minutes: float = setting(15.0, "how long an account stays locked", minimum=0)
    release_after_seconds: float = setting(
        0.5, "close the database file after this much idleness", minimum=0
    )
    busy_timeout_seconds: float = setting(
        15.0, "wait this long for another process to release the database", minimum=0
    )
    secure_cookies: bool = setting(False, "set when served behind TLS")
    trusted_proxies: tuple[str, ...] = setting(
        (),
        "addresses or networks of reverse proxies whose X-Forwarded-For is believed; "
        "with none, the address that connects is the one counted",
    )

    def check(self, where: Where) -> None:
        for index, address in enumerate(self.trusted_proxies):
            try:
                ipaddress.ip_network(address, strict=False)
            except ValueError:
                raise where.error(
                    ("trusted_proxies", index), f"{address!r} is not an IP address or network"
                ) from None
