"""The Colombian world's true population: Spanish names, departments, dates of birth.

Households die together as in the Syrian world (population.py: sizes, roles, ages, status).
Names follow Spanish use: one or two given names, the father's first surname, then the
mother's first surname. Children carry their father's first surname and their mother's; a
mother keeps her own. Cousins (the children of the head's brother) share the first surname
and not the second.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from recount.simulate.colombia import geography as geo
from recount.simulate.colombia.lexicon import FEMALE, MALE, SURNAME
from recount.simulate.population import (
    ROLE_CHILD,
    ROLE_FATHER,
    ROLE_MOTHER,
    ROLE_SELF,
    Population,
    draw_ages,
    draw_codes,
    draw_places_and_months,
    household_sizes,
)

N_MALE = len(MALE)
NO_NAME = -1


def draw_population(
    people: int,
    rng: np.random.Generator,
    relatives: float = 1.0,
    cousins: float = 0.0,
    namesakes: float = 0.5,
    regime_rng: np.random.Generator | None = None,
) -> Population:
    """One row per true victim: household, names (codes), dates of death and birth, place."""
    sizes = household_sizes(people, rng, relatives)
    n_households = len(sizes)
    household = np.repeat(np.arange(n_households), sizes)
    position = np.arange(people) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    size = sizes[household]

    dept, month, massacre = _when_and_where(n_households, rng)
    place = _places(dept, massacre, rng)
    start = np.datetime64(f"{geo.FIRST_MONTH[0]}-{geo.FIRST_MONTH[1]:02d}", "M") + month.astype(
        "timedelta64[M]"
    )
    days = ((start + 1).astype("datetime64[D]") - start.astype("datetime64[D]")).astype(int)
    date = start.astype("datetime64[D]") + (rng.random(n_households) * days).astype(int).astype(
        "timedelta64[D]"
    )
    year = start.astype("datetime64[Y]").astype(int) + 1970

    has_father = (sizes >= 2) & (rng.random(n_households) < 0.35)
    has_mother = (sizes >= 2) & (rng.random(n_households) < 0.5)
    role = np.full(people, ROLE_CHILD)
    role[size == 1] = ROLE_SELF
    role[has_father[household] & (position == 0)] = ROLE_FATHER
    mother_position = np.where(has_father, 1, 0)
    role[has_mother[household] & (position == mother_position[household]) & (size >= 2)] = (
        ROLE_MOTHER
    )
    u = rng.random(people)
    male = np.where(
        role == ROLE_FATHER,
        True,
        np.where(role == ROLE_MOTHER, False, np.where(role == ROLE_SELF, u < 0.88, u < 0.5)),
    )

    head = draw_codes(MALE, n_households, rng)
    head_surname = draw_codes(SURNAME, n_households, rng)
    mother_surname = draw_codes(SURNAME, n_households, rng)

    given = np.where(male, draw_codes(MALE, people, rng), N_MALE + draw_codes(FEMALE, people, rng))
    given = np.where(role == ROLE_FATHER, head[household], given)
    second = np.where(male, draw_codes(MALE, people, rng), N_MALE + draw_codes(FEMALE, people, rng))
    given2 = np.where(rng.random(people) < 0.45, second, NO_NAME)
    given2 = np.where(_overlap()[given, np.maximum(given2, 0)], NO_NAME, given2)
    given = _distinct_siblings(given, household, role, male, rng)

    paternal = np.where(
        (role == ROLE_CHILD) | (role == ROLE_FATHER),
        head_surname[household],
        draw_codes(SURNAME, people, rng),
    )
    paternal = np.where(role == ROLE_MOTHER, mother_surname[household], paternal)
    maternal = np.where(
        role == ROLE_CHILD, mother_surname[household], draw_codes(SURNAME, people, rng)
    )
    if cousins > 0:
        given, maternal = _cousins(
            household, role, male, given, maternal, cousins, namesakes, regime_rng or rng
        )

    parents_present = (has_father | has_mother)[household]
    age = draw_ages(role, male, parents_present, rng)
    birth = date[household] - (age * 365.25 + rng.random(people) * 365).astype(int).astype(
        "timedelta64[D]"
    )
    combatant_p = np.select(
        [
            (role == ROLE_SELF) & male & (age >= 16) & (age <= 60),
            (role == ROLE_FATHER) & (age <= 60),
            (role == ROLE_CHILD) & male & (age >= 16),
        ],
        [0.35, 0.08, 0.15],
        0.0,
    )
    outside = (rng.random(n_households) < geo.outside_control_share(year, dept))[household]
    hard_p = np.full(n_households, 0.06)
    for code, (first, last) in geo.HARD_TO_REACH.items():
        d = geo.DEPARTMENT_CODES.index(code)
        hard_p = np.where((dept == d) & (year >= first) & (year <= last), 0.45, hard_p)
    return Population(
        {
            "person": np.arange(people),
            "household": household,
            "role": role,
            "male": male,
            "age": age,
            "date": date[household],
            "birth": birth,
            "year": year[household],
            "governorate": dept[household],
            "place": place[household],
            "surge": massacre[household],
            "combatant": rng.random(people) < combatant_p,
            "opposition": outside,
            "hard_to_reach": (rng.random(n_households) < hard_p)[household],
            "given": given,
            "given2": given2,
            "paternal": paternal,
            "maternal": maternal,
            # For a mother: her husband (the household's father) and his first surname.
            "husband": head[household],
            "husband_surname": head_surname[household],
        }
    )


@lru_cache(maxsize=1)
def _overlap() -> np.ndarray:
    """[given, given] True when two given names share a word (Juan Carlos, Juan): never both."""
    words = [set(name.split()) for name in MALE.names + FEMALE.names]
    return np.array([[bool(a & b) for b in words] for a in words])


def _when_and_where(count: int, rng: np.random.Generator):
    """(department index, month index, massacre index or -1) per event."""
    shares = np.array([geo.DEPARTMENT_SHARES[c][0] for c in geo.DEPARTMENT_CODES])
    massacres = [
        (geo.DEPARTMENT_CODES.index(m.department), m.start, m.end, m.deaths_share)
        for m in geo.MASSACRES
    ]
    return draw_places_and_months(
        count, rng, shares, geo.national_intensity(), massacres, geo.month_index
    )


def _places(dept: np.ndarray, massacre: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    table = geo.place_table()
    place = np.zeros(len(dept), dtype=int)
    for d in range(len(geo.DEPARTMENT_CODES)):
        rows = np.flatnonzero(dept == d)
        candidates = np.flatnonzero(table.department == d)
        place[rows] = rng.choice(candidates, size=len(rows), p=table.weight[candidates])
    for index, m in enumerate(geo.MASSACRES):
        rows = np.flatnonzero(massacre == index)
        d = geo.DEPARTMENT_CODES.index(m.department)
        candidates = [
            i for i, name in enumerate(table.name) if name in m.places and table.department[i] == d
        ]
        if len(rows):
            place[rows] = rng.choice(candidates, size=len(rows))
    return place


def _distinct_siblings(given, household, role, male, rng) -> np.ndarray:
    given = given.copy()
    for _ in range(6):
        frame = pd.DataFrame({"h": household, "g": given})
        clash = frame.duplicated(["h", "g"]).to_numpy() & (role == ROLE_CHILD)
        if not clash.any():
            break
        count = int(clash.sum())
        given[clash] = np.where(
            male[clash], draw_codes(MALE, count, rng), N_MALE + draw_codes(FEMALE, count, rng)
        )
    return given


def _cousins(household, role, male, given, maternal, share, namesakes, rng):
    """The later half of the children of some events are the head's brother's: same first
    surname, another second surname (their mother's), and some named like a cousin."""
    given, maternal = given.copy(), maternal.copy()
    children = np.flatnonzero(role == ROLE_CHILD)
    if not len(children):
        return given, maternal
    starts = np.flatnonzero(np.r_[True, household[children][1:] != household[children][:-1]])
    counts = np.diff(np.r_[starts, len(children)])
    for start, count in zip(starts, counts, strict=True):
        if count < 3 or rng.random() >= share:
            continue
        members = children[start : start + count]
        cousins, siblings = members[count // 2 :], members[: count // 2]
        aunt = draw_codes(SURNAME, 1, rng)[0]
        while aunt == maternal[siblings[0]]:
            aunt = draw_codes(SURNAME, 1, rng)[0]
        maternal[cousins] = aunt
        for cousin in cousins:
            same_sex = siblings[male[siblings] == male[cousin]]
            if len(same_sex) and rng.random() < namesakes:
                given[cousin] = given[same_sex[0]]
    return given, maternal
