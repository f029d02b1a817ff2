"""Reference data shared by stages: country packs (admin units, places, name conventions).

`country_pack("SY")` is Syria, `country_pack("CO")` Colombia, `country_pack("GT")` Guatemala's
departments as ISO 3166-2 names them; `country_pack(None)` is `NO_PACK`, which maps nothing. A workspace's pack is `[project] country` in recount.toml (`workspace_pack`).
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
    iso_admin_units,
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
    "iso_admin_units",
    "workspace_pack",
]
