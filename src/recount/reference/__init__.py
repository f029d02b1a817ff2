"""Reference data shared by stages: country packs (admin units, places, name conventions).

`country_pack("SY")` is Syria, `country_pack("CO")` Colombia; `country_pack(None)` is `NO_PACK`,
which maps nothing. A workspace's pack is `[project] country` in recount.toml (`workspace_pack`).
"""

from recount.reference.packs import (
    NO_PACK,
    AdminUnit,
    CountryPack,
    KnownPlace,
    NameConventions,
    PlaceMention,
    available_packs,
    country_pack,
)


def workspace_pack(ws) -> CountryPack:
    """The pack a workspace's recount.toml chooses (`[project] country`), NO_PACK when none."""
    return country_pack(ws.config.country)


__all__ = [
    "NO_PACK",
    "AdminUnit",
    "CountryPack",
    "KnownPlace",
    "NameConventions",
    "PlaceMention",
    "available_packs",
    "country_pack",
    "workspace_pack",
]
