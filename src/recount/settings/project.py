"""`[project]`: what the workspace is about."""

from __future__ import annotations

from dataclasses import dataclass

from recount.settings.base import Section, Where, setting

EVENTS = ("killed", "missing", "detained", "evacuated")


@dataclass(frozen=True)
class ProjectSettings(Section):
    NAME = "project"

    name: str | None = setting(None, "the project's name (default: the workspace folder's)")
    event: str = setting("killed", "what the lists record", choices=EVENTS)
    country: str | None = setting(
        None,
        "country pack (SY, CO, UA): maps places to its admin units (governorates, departments, "
        "oblasts) "
        "and chooses name conventions; unset, no place is mapped to any admin unit",
    )

    @property
    def country_code(self) -> str | None:
        return self.country.upper() if self.country else None

    def check(self, where: Where) -> None:
        if self.country is not None:
            check_country(self.country, where, ("country",))


def check_country(country: str, where: Where, key: tuple[str, ...]) -> None:
    problem = unknown_country(country)
    if problem:
        raise where.error(key, problem)


def unknown_country(country: str) -> str | None:
    """Why no pack serves `country` (for the config and `recount init`), else None."""
    from recount.reference import available_packs

    if country.upper() in available_packs():
        return None
    return (
        f"expected the code of a country pack ({', '.join(available_packs())}), got "
        f"{country!r}; leave it out to map no place to any admin unit"
    )
