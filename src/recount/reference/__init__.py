"""Reference data shared by stages: governorates of Syria (ISO 3166-2:SY)."""

from recount.reference.governorates import GOVERNORATES, Governorate, lookup_governorate

__all__ = ["GOVERNORATES", "Governorate", "lookup_governorate"]
