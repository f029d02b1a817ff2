"""The countries the simulator can make: each its population, lists, admin units and truth names."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from recount.simulate import geography as sy_geo
from recount.simulate import population as sy_population
from recount.simulate import records as sy_records
from recount.simulate.arrowtext import join_present
from recount.simulate.colombia import geography as co_geo
from recount.simulate.colombia import lexicon as co_lexicon
from recount.simulate.colombia import population as co_population
from recount.simulate.colombia import records as co_records
from recount.simulate.colombia.lists import COLOMBIA_LISTS
from recount.simulate.lexicon import FAMILIES, FEMALE, MALE
from recount.simulate.lists import DEFAULT_LISTS, ListSpec
from recount.simulate.population import Population


@dataclass(frozen=True)
class World:
    country: str
    lists: tuple[ListSpec, ...]
    codes: tuple[str, ...]  # the admin units `population["governorate"]` indexes
    years: tuple[int, int]
    first_day: dt.date  # the conflict's first day: no one in this world dies before it
    draw_population: Callable[..., Population]
    list_records: Callable[..., sy_records.ListRows]
    place_names: Callable[[], np.ndarray]  # place index -> name, for the truth
    person_names: Callable[[Population], dict[str, pa.Array]]  # the truth's name columns


def _syrian_names(population: Population) -> dict[str, pa.Array]:
    """name (Arabic, four parts) and given/father/grandfather/family_name."""
    male_ar = np.asarray(MALE.arabic, dtype=object)
    names = [
        np.asarray(MALE.arabic + FEMALE.arabic, dtype=object)[population["given"]],
        male_ar[population["father"]],
        male_ar[population["grandfather"]],
        np.asarray(FAMILIES.arabic, dtype=object)[population["family"]],
    ]
    return {
        "name": pc.binary_join_element_wise(*[pa.array(part, pa.string()) for part in names], " "),
        **{
            f"{part}_name": pa.array(values, pa.string())
            for part, values in zip(
                ("given", "father", "grandfather", "family"), names, strict=True
            )
        },
    }


def _spanish_names(population: Population) -> dict[str, pa.Array]:
    """name (given names, then both surnames), each part, and the date of birth."""
    given = np.asarray(co_lexicon.MALE.names + co_lexicon.FEMALE.names, dtype=object)
    surnames = np.asarray(co_lexicon.SURNAME.names, dtype=object)
    parts = {
        "given_name": given[population["given"]],
        "second_given_name": np.where(
            population["given2"] >= 0, given[np.maximum(population["given2"], 0)], None
        ),
        "family_name": surnames[population["paternal"]],
        "second_family_name": surnames[population["maternal"]],
    }
    arrays = {k: pa.array(v, pa.string(), from_pandas=True) for k, v in parts.items()}
    return {
        "name": join_present(list(arrays.values()), " "),
        **arrays,
        "date_of_birth": pa.array(population["birth"].astype("datetime64[D]")),
    }


SYRIA = World(
    country="SY",
    lists=DEFAULT_LISTS,
    codes=sy_geo.GOVERNORATE_CODES,
    years=(sy_geo.FIRST_MONTH[0], sy_geo.LAST_MONTH[0]),
    first_day=dt.date(*sy_geo.FIRST_MONTH, 1),
    draw_population=sy_population.draw_population,
    list_records=sy_records.list_records,
    place_names=lambda: sy_records.vocabulary().place_latin,
    person_names=_syrian_names,
)
COLOMBIA = World(
    country="CO",
    lists=COLOMBIA_LISTS,
    codes=co_geo.DEPARTMENT_CODES,
    years=(co_geo.FIRST_MONTH[0], co_geo.LAST_MONTH[0]),
    first_day=dt.date(*co_geo.FIRST_MONTH, 1),
    draw_population=co_population.draw_population,
    list_records=co_records.list_records,
    place_names=lambda: np.asarray(co_geo.place_table().name, dtype=object),
    person_names=_spanish_names,
)
WORLDS = {world.country: world for world in (SYRIA, COLOMBIA)}
ALL_LISTS = tuple(spec for world in WORLDS.values() for spec in world.lists)
