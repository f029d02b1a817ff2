"""The true population: every person killed, whether or not any list recorded them.

People die alone or with their household in one event (same date and place).
A household's children share their father's given name as their `father_name`
and his father's as their `grandfather_name`, and the family name; a father
killed with them carries those names one generation up; a mother keeps her own
father's and (usually) her own family name, as Syrian women do.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from recount.simulate import geography as geo
from recount.simulate.lexicon import FAMILIES, FEMALE, MALE

# Household size distribution (per household): most deaths are single, some families die together.
HOUSEHOLD_SIZES = np.array([1, 2, 3, 4, 5, 6, 7])
HOUSEHOLD_SIZE_P = np.array([0.86, 0.06, 0.035, 0.022, 0.013, 0.007, 0.003])

ROLE_SELF, ROLE_FATHER, ROLE_MOTHER, ROLE_CHILD = 0, 1, 2, 3
ROLE_NAMES = np.array(["self", "father", "mother", "child"])
N_MALE = len(MALE)


def draw_population(
    people: int,
    rng: np.random.Generator,
    relatives: float = 1.0,
    cousins: float = 0.0,
    namesakes: float = 0.5,
    regime_rng: np.random.Generator | None = None,
) -> Population:
    """One row per true victim, with household, names (as codes), date, place and status.

    `relatives` multiplies the share of multi-person events; `cousins` is the share of events
    with at least three children in which some are the children of the head's brother (another
    father, the same grandfather and family name), `namesakes` the share of those cousins named
    like a cousin. The regime's draws come from `regime_rng`, so the defaults draw nothing new.
    """
    sizes = household_sizes(people, rng, relatives)
    n_households = len(sizes)
    household = np.repeat(np.arange(n_households), sizes)
    position = np.arange(people) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    size = sizes[household]

    gov, month, surge = _when_and_where(n_households, rng)
    place = _places(gov, surge, rng)
    start = np.datetime64("2011-03-01", "M") + month.astype("timedelta64[M]")
    days_in_month = ((start + 1).astype("datetime64[D]") - start.astype("datetime64[D]")).astype(
        int
    )
    day = (rng.random(n_households) * days_in_month).astype(int)
    date = start.astype("datetime64[D]") + day.astype("timedelta64[D]")
    year = start.astype("datetime64[Y]").astype(int) + 1970

    has_father = (sizes >= 2) & (rng.random(n_households) < 0.35)
    has_mother = (sizes >= 2) & (rng.random(n_households) < 0.5)
    mother_position = np.where(has_father, 1, 0)
    role = np.full(people, ROLE_CHILD)
    role[size == 1] = ROLE_SELF
    role[has_father[household] & (position == 0)] = ROLE_FATHER
    role[has_mother[household] & (position == mother_position[household]) & (size >= 2)] = (
        ROLE_MOTHER
    )

    u = rng.random(people)
    sex_male = np.where(
        role == ROLE_FATHER,
        True,
        np.where(role == ROLE_MOTHER, False, np.where(role == ROLE_SELF, u < 0.9, u < 0.5)),
    )

    # Household naming: the head's given name, his father's, and the family name.
    head = draw_codes(MALE, n_households, rng)
    head_father = draw_codes(MALE, n_households, rng)
    family_hh = draw_codes(FAMILIES, n_households, rng)

    given = np.where(
        sex_male, draw_codes(MALE, people, rng), N_MALE + draw_codes(FEMALE, people, rng)
    )
    named_after_grandfather = (role == ROLE_CHILD) & sex_male & (rng.random(people) < 0.12)
    given = np.where(named_after_grandfather, head_father[household], given)
    given = np.where(role == ROLE_FATHER, head[household], given)
    given = _distinct_siblings(given, household, role, sex_male, rng)

    father = np.where(role == ROLE_CHILD, head[household], draw_codes(MALE, people, rng))
    if cousins > 0:
        father, given = _cousins(
            household, role, sex_male, given, father, head, head_father, cousins, namesakes,
            regime_rng or rng,
        )  # fmt: skip
    father = np.where(role == ROLE_FATHER, head_father[household], father)
    grandfather = np.where(
        role == ROLE_CHILD, head_father[household], draw_codes(MALE, people, rng)
    )
    own_family = (role == ROLE_MOTHER) & (rng.random(people) < 0.7)
    family = np.where(own_family, draw_codes(FAMILIES, people, rng), family_hh[household])

    parents_present = (has_father | has_mother)[household]
    age = draw_ages(role, sex_male, parents_present, rng)

    p_year = year[household]
    p_gov = gov[household]
    outside = (rng.random(n_households) < geo.outside_control_share(year, gov))[household]
    combatant_p = np.select(
        [
            (role == ROLE_SELF) & sex_male & (age >= 16) & (age <= 60),
            (role == ROLE_FATHER) & (age <= 60),
            (role == ROLE_CHILD) & sex_male & (age >= 16),
        ],
        [0.55, 0.12, 0.2],
        0.0,
    )
    combatant = rng.random(people) < combatant_p

    hard_p = np.full(n_households, 0.07)
    for code, (first, last) in geo.HARD_TO_REACH.items():
        g = geo.GOVERNORATE_CODES.index(code)
        hard_p = np.where((gov == g) & (year >= first) & (year <= last), 0.5, hard_p)
    hard_to_reach = (rng.random(n_households) < hard_p)[household]

    return Population(
        {
            "person": np.arange(people),
            "household": household,
            "role": role,
            "male": sex_male,
            "age": age,
            "date": date[household],
            "year": p_year,
            "governorate": p_gov,
            "place": place[household],
            "surge": surge[household],
            "combatant": combatant,
            "opposition": outside,
            "hard_to_reach": hard_to_reach,
            "given": given,
            "father": father,
            "grandfather": grandfather,
            "family": family,
            # For a mother: her husband (the household's father), his father and family.
            "husband": head[household],
            "husband_father": head_father[household],
            "husband_family": family_hh[household],
        }
    )


class Population:
    """Columns of equal length as numpy arrays (codes, not strings, so that millions of rows stay fast)."""

    def __init__(self, columns: dict[str, np.ndarray]):
        self.columns = columns

    def __getitem__(self, name: str) -> np.ndarray:
        return self.columns[name]

    def __len__(self) -> int:
        return len(self.columns["person"])

    def take(self, rows: np.ndarray) -> Population:
        return Population({name: values[rows] for name, values in self.columns.items()})


def draw_codes(lexicon, count: int, rng: np.random.Generator) -> np.ndarray:
    return rng.choice(len(lexicon), size=count, p=lexicon.weights)


def household_sizes(people: int, rng: np.random.Generator, relatives: float = 1.0) -> np.ndarray:
    p = HOUSEHOLD_SIZE_P
    if relatives != 1.0:  # scale the multi-person events, keep their size mix
        p = np.concatenate([[1 - (1 - p[0]) * relatives], p[1:] * relatives])
    expected = float(HOUSEHOLD_SIZES @ p)
    sizes = rng.choice(HOUSEHOLD_SIZES, size=int(people / expected * 1.2) + 10, p=p)
    total = np.cumsum(sizes)
    last = int(np.searchsorted(total, people))
    sizes = sizes[: last + 1].copy()
    sizes[-1] -= int(total[last] - people)
    return sizes


def _when_and_where(
    count: int, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(governorate index, month index, surge index or -1) per event."""
    shares = np.array([geo.GOVERNORATE_SHARES[c][0] for c in geo.GOVERNORATE_CODES])
    surges = [
        (geo.GOVERNORATE_CODES.index(s.governorate), s.start, s.end, s.deaths_share)
        for s in geo.SURGES
    ]
    return draw_places_and_months(
        count, rng, shares, geo.national_intensity(), surges, geo.month_index
    )


def draw_places_and_months(
    count: int,
    rng: np.random.Generator,
    shares: np.ndarray,
    intensity: np.ndarray,
    surges: list[tuple[int, tuple[int, int], tuple[int, int], float]],
    month_index,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(admin unit index, month index, surge index or -1) per event: a world's background of
    deaths (unit shares x national intensity per month) plus its surges, each (unit index,
    first month, last month, share of all deaths) spread evenly over its months."""
    n_months = len(intensity)
    surge_mass = sum(surge[3] for surge in surges)
    base = np.outer(shares / shares.sum(), intensity / intensity.sum()) * (1.0 - surge_mass)
    cells_unit = [np.repeat(np.arange(len(shares)), n_months)]
    cells_month = [np.tile(np.arange(n_months), len(shares))]
    cells_surge = [np.full(base.size, -1)]
    weights = [base.ravel()]
    for index, (unit, first, last, deaths_share) in enumerate(surges):
        months = np.arange(month_index(*first), month_index(*last) + 1)
        cells_unit.append(np.full(len(months), unit))
        cells_month.append(months)
        cells_surge.append(np.full(len(months), index))
        weights.append(np.full(len(months), deaths_share / len(months)))
    p = np.concatenate(weights)
    cell = rng.choice(len(p), size=count, p=p / p.sum())
    return (
        np.concatenate(cells_unit)[cell],
        np.concatenate(cells_month)[cell],
        np.concatenate(cells_surge)[cell],
    )


def _places(gov: np.ndarray, surge: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    table = geo.place_table()
    place = np.zeros(len(gov), dtype=int)
    for g in range(len(geo.GOVERNORATE_CODES)):
        rows = np.flatnonzero(gov == g)
        candidates = np.flatnonzero(table.governorate == g)
        place[rows] = rng.choice(candidates, size=len(rows), p=table.weight[candidates])
    latin_index = {name: i for i, name in enumerate(table.latin)}
    for index, spec in enumerate(geo.SURGES):
        rows = np.flatnonzero(surge == index)
        if spec.places and len(rows):
            candidates = np.array([latin_index[name] for name in spec.places])
            place[rows] = rng.choice(candidates, size=len(rows))
    return place


def _cousins(household, role, male, given, father, head, head_father, share, namesakes, rng):
    """Children of the head's brother killed with the household: another father, and some
    named like a cousin (after their common grandfather, or a cousin's name)."""
    father, given = father.copy(), given.copy()
    children = np.flatnonzero(role == ROLE_CHILD)
    if not len(children):
        return father, given
    starts = np.flatnonzero(np.r_[True, household[children][1:] != household[children][:-1]])
    counts = np.diff(np.r_[starts, len(children)])
    for start, count in zip(starts, counts, strict=True):
        if count < 3 or rng.random() >= share:
            continue
        members = children[start : start + count]
        h = household[members[0]]
        cousins = members[count // 2 :]  # the later half are the brother's children
        uncle = draw_codes(MALE, 1, rng)[0]
        while uncle == head[h]:
            uncle = draw_codes(MALE, 1, rng)[0]
        father[cousins] = uncle
        siblings = members[: count // 2]
        for cousin in cousins:
            if rng.random() >= namesakes:
                continue
            same_sex = siblings[male[siblings] == male[cousin]]
            if male[cousin]:
                given[cousin] = head_father[h]  # both named after their grandfather
                if len(same_sex):
                    given[same_sex[0]] = head_father[h]
            elif len(same_sex):
                given[cousin] = given[same_sex[0]]
    return father, given


def _distinct_siblings(given, household, role, sex_male, rng) -> np.ndarray:
    """Redraws a child's given name when a sibling or their father already has it."""
    given = given.copy()
    for _ in range(6):
        frame = pd.DataFrame({"h": household, "g": given})
        clash = frame.duplicated(["h", "g"], keep="first").to_numpy() & (role == ROLE_CHILD)
        if not clash.any():
            break
        count = int(clash.sum())
        redraw = np.where(
            sex_male[clash], draw_codes(MALE, count, rng), N_MALE + draw_codes(FEMALE, count, rng)
        )
        given[clash] = redraw
    return given


def draw_ages(role, sex_male, parents_present, rng) -> np.ndarray:
    n = len(role)
    u = rng.random(n)
    grown_up = rng.random(n) < 0.4  # sons and daughters killed with their parents are often adults
    child_age = np.where(
        parents_present & ~grown_up, rng.integers(0, 18, n), rng.integers(18, 36, n)
    )
    child_age = np.where(parents_present, child_age, rng.integers(2, 40, n))
    adult_male = np.select(
        [u < 0.05, u < 0.78, u < 0.93],
        [rng.integers(5, 18, n), np.clip(rng.normal(27, 7, n), 16, 45), rng.integers(45, 66, n)],
        rng.integers(66, 91, n),
    )
    adult_female = np.where(u < 0.07, rng.integers(5, 18, n), rng.integers(18, 86, n))
    age = np.select(
        [role == ROLE_CHILD, role == ROLE_FATHER, role == ROLE_MOTHER, sex_male],
        [child_age, rng.integers(25, 66, n), rng.integers(19, 56, n), adult_male],
        adult_female,
    )
    return age.astype(int)
