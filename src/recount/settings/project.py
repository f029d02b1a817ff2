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
        "ISO 3166-1 code of the lists' country: maps places to its first-level admin units "
        "(governorates, departments, states); SY, CO and UA have packs with places below them "
        "and name conventions, any other country's units come from ISO 3166-2; unset, no place "
        "is mapped to any admin unit",
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
    from recount.reference import available_packs, iso_admin_units

    if country.upper() in available_packs() or iso_admin_units(country.upper()):
        return None
    return (
        f"expected an ISO 3166-1 alpha-2 code of a country with first-level admin units (recount "
        f"ships packs for {', '.join(available_packs())}; any other country's units come from "
        f"ISO 3166-2), got {country!r}; leave it out to map no place to any admin unit"
    )
