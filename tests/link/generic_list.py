"""A simulated generic list of people: one file, many copies of each person, typed by other hands.

The shape of public deduplication sets such as Splink's historical_50k (not that file): full
names with nicknames, initials and typos, dates of birth before 1900 (a third known to the
year only and written as its 1 January), birth places as free English text (no country pack
maps them), occupations and postcodes, and no date of death. Every person has several records
in the one list, so a list's own duplicates are the rule, not the exception. Births fall
within one lifetime's span (1820-1869), so several people share a year's 1 January. The people
are invented combinations of common names.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

GIVEN = {
    "william": "bill", "thomas": "tom", "robert": "bob", "james": "jim", "john": "jack",
    "richard": "dick", "edward": "ted", "henry": "harry", "charles": "charlie",
    "george": "georgie", "frederick": "fred", "arthur": "art", "margaret": "peggy",
    "elizabeth": "betty", "mary": "polly", "catherine": "kate", "alice": "ally",
    "eleanor": "nell", "joseph": "joe", "samuel": "sam",
}  # fmt: skip
SURNAMES = (
    "baker barker carter cooper fletcher fowler gardner harris hughes jarvis knowles lund "
    "mason newnham oswald palmer potter peters reynolds sawyer turner walker webb whyte young "
    "ashworth bramley cobbold digby ellery fairfax goodwin hollis ingram kettle lacey "
    "marlow norris osgood pickering quinton rowley"
).split()
PLACES = (
    "bath hove cork breda york leeds wells ely derby dudley islington camden sheffield "
    "tewkesbury winchester newquay cornwall devon wyre livesey"
).split()
OCCUPATIONS = "painter cricketer priest engineer novelist physician architect chemist".split()
COLUMNS = [
    "id", "full_name", "first_name", "surname", "dob", "birth_place", "postcode",
    "gender", "occupation",
]  # fmt: skip


def _typo(word: str, rng: np.random.Generator) -> str:
    """One letter replaced (never the first: lists rarely miss a name's initial)."""
    if len(word) < 3:
        return word
    at = int(rng.integers(1, len(word)))
    letter = "abcdefghijklmnopqrstuvwxyz"[int(rng.integers(26))]
    return word[:at] + letter + word[at + 1 :]


def _postcode(rng: np.random.Generator) -> str:
    letters = "abcdefghjklmnprstuwy"
    head = "".join(letters[int(i)] for i in rng.integers(0, len(letters), 2))
    return f"{head}{int(rng.integers(1, 30))} {int(rng.integers(1, 10))}{letters[int(rng.integers(20))]}{letters[int(rng.integers(20))]}"


def simulate_generic_list(people: int, seed: int) -> tuple[pd.DataFrame, pd.Series]:
    """The list (columns as a user's file would name them) and each row's true person."""
    rng = np.random.default_rng(seed)
    given = list(GIVEN)
    rows, truth = [], []
    for person in range(people):
        first = given[int(rng.integers(len(given)))]
        middle = given[int(rng.integers(len(given)))] if rng.random() < 0.3 else None
        surname = SURNAMES[int(rng.integers(len(SURNAMES)))]
        year = int(rng.integers(1820, 1870))
        year_only = rng.random() < 0.35
        born = pd.Timestamp(year, 1, 1) + pd.Timedelta(
            days=0 if year_only else int(rng.integers(365))
        )
        place = PLACES[int(rng.integers(len(PLACES)))]
        postcode = _postcode(rng)
        sex = (
            "female"
            if first in ("margaret", "elizabeth", "mary", "catherine", "alice", "eleanor")
            else "male"
        )
        occupation = OCCUPATIONS[int(rng.integers(len(OCCUPATIONS)))]
        for _ in range(int(rng.integers(2, 9))):
            f = GIVEN[first] if rng.random() < 0.15 else first
            f = f[0] + "." if rng.random() < 0.05 else f
            s = _typo(surname, rng) if rng.random() < 0.1 else surname
            parts = [f] + ([middle] if middle and rng.random() < 0.5 else []) + [s]
            full = " ".join(parts) if rng.random() > 0.05 else s
            dob = born.strftime("%Y-%m-%d") if rng.random() > 0.2 else None
            if dob and rng.random() < 0.08:  # a digit of the month or day typed wrong
                dob = dob[:-1] + str(int(rng.integers(10)))
            rows.append(
                [
                    f"r{len(rows) + 1}",
                    full,
                    f if full != s else None,
                    s,
                    dob,
                    place if rng.random() > 0.15 else None,
                    (_typo(postcode, rng) if rng.random() < 0.05 else postcode)
                    if rng.random() > 0.2
                    else None,
                    (sex if rng.random() > 0.03 else {"male": "female", "female": "male"}[sex])
                    if rng.random() > 0.2
                    else None,
                    occupation if rng.random() > 0.5 else None,
                ]
            )
            truth.append(f"p{person}")
    order = rng.permutation(len(rows))
    table = pd.DataFrame(rows, columns=COLUMNS).iloc[order].reset_index(drop=True)
    table["id"] = [f"r{i + 1}" for i in range(len(table))]
    return table, pd.Series(np.asarray(truth)[order], name="person_id")
