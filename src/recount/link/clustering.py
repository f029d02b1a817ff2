"""From scored pairs to people: greedy constrained single linkage with guards on whole clusters.

Connected components at a threshold chain different people together through
weak links (A~B, B~C although A and C clearly differ). Here links are added
strongest first, and a link is refused when it would put in one person, for
any two of its records (not only the two being linked):

- two clearly different given names, or two clearly different fathers' names
  (relatives killed together share father's, family name, date and place: a
  record that lacks the father's name cannot bridge two cousins), or, where the
  country's names end in a surname (Spanish), two clearly different last surnames;
- two records whose years of birth clearly differ: further apart, at the
  precision each record has (a date of birth, or an age at a date of death), than
  the lists' own age errors, learnt from pairs that are surely one person
  (`learn_birth_tolerance`). Namesake relatives killed together (a father and
  the son named after his grandfather, cousins) are years apart in age. An age
  typed with its two digits exchanged (34, 43) is read both ways;
- two records whose dates of death are further apart than any error of the lists'
  explains (`link.death_dates`): a person dies once;
- two records of one list that conflict (different sexes, or dates of death
  too far apart), for the lists where the guard is on (`same_list`);
- two records of one list that rarely names a person twice, unless the two are themselves a
  scored pair (`scored_within`): a chain through other lists (A on list 1 ~ B on list 2 ~ C on
  list 1) does not make A and C one person when A and C are not alike on their own. Namesakes
  of one event (cousins named after one grandfather, a record without the father's name) make
  such chains; a list's own duplicates are alike enough to be scored (`link.repeats`);
- records a reviewer said differ (cannot-link), or more records than a person
  can plausibly have.

Reviewer 'match' labels and merges are added first and always kept (must-link).

Which token is the given or the father's name is the names stage's guess from
the order of the parts, so a guess only conflicts when it is absent from the
other record's names altogether: a name written family-first is not a conflict.
The exception is a swap: where each record's given name is the other's father's
(Ali son of Ahmad, Ahmad son of Ali), the two are a father and the son named
after his grandfather, not one name in another order (family-first writing
moves the family name, never swaps these two).
Two records born on the same known day, or with the same identifier, never
conflict on names (nicknames, a name typed wrong): relatives differ there. A
nickname the country pack lists arrives keyed as the given name it stands for (the names
stage keys Latin names through the pack's equivalents), so the guards see one name.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from recount.link.death_dates import died_apart, exchanged_days
from recount.link.only_candidates import only_person

if TYPE_CHECKING:
    from recount.link.typo_evidence import PairEvidence

DATE_PRECISION_SPAN = {"day": 0, "month": 30, "year": 364}
UNKNOWN_DAY = np.iinfo(np.int64).min  # days since 1970 are negative before 1970
# Two name tokens are clearly different below this similarity (and when
# neither starts the other: Rob, Robert).
SIMILAR_NAMES = 0.75
# Fathers' names are clearly different only further apart: one letter of a short name
# typed wrong (three-letter keys a letter apart are 0.67 alike) is no reason to keep a
# person's records apart, and namesakes who share given and family name (cousins) have
# fathers of different names, not of one name misspelt. Names the lexicon lists as two
# (Hasan, Husayn) stay two however alike. At 100,000 people the father guard then refused
# 305 true links instead of 452, for 3 more people merged (docs/bench/link.md round 6).
SIMILAR_FATHERS = 0.65
NAME_GUARDS = ("given", "father", "family")
# The family-name guard is on by default only where the country pack's names end in a surname
# that lists keep (`recount.reference.NameConventions.surname_last`, Spanish names): elsewhere
# the last word may be a father's name or the names be written family-first.
GUARDS_EVERYWHERE = ("given", "father")
# The birth-year guard's tolerance is learnt from confident pairs whose full name at most
# this many records carry, as the gap this share of them keep within, from at least this many.
RARE_FULL_NAME = 3
SURE_GAP_SHARE = 0.99
MIN_SURE_PAIRS = 50
# `contamination_floor`: the share of sure pairs the tolerance keeps at least, and the share
# of them at one gap below which the gaps count as thinned out
BULK_SHARE = 0.95
FLOOR_SHARE = 0.005


@dataclass
class ClusterResult:
    """Cluster label per record (index into the records given) and what happened."""

    labels: np.ndarray
    links_used: int = 0
    refused_conflict: int = 0
    refused_cannot_link: int = 0
    refused_size: int = 0
    refused_given_names: int = 0
    refused_fathers: int = 0
    refused_families: int = 0
    refused_birth_years: int = 0
    refused_death_dates: int = 0
    refused_same_list: int = 0  # two records of one list that are no scored pair themselves
    birth_year_tolerance: int | None = None
    death_date_tolerance: int | None = None  # days (`link.death_dates`); None: no such guard
    swapped_ages: bool = False  # the birth-year guard read ages with their digits exchanged too
    # per name guard, the pairs of listed names taken as one typed wrong between lists (`link.typos`)
    misspelt_names: dict[str, int] = field(default_factory=dict)
    # pairs of name keys taken as one name two lists write otherwise (`link.list_spellings`)
    list_spellings: int = 0
    only_candidates: int = 0  # links below the threshold offered (`link.only_candidates`)
    only_person: int = 0  # undated records joined to their only candidate person (`only_person`)
    must_links: int = 0
    size_distribution: dict[int, int] = field(default_factory=dict)
    # per pair asked about (`check`): the guard that refuses its two records on their own
    # ('given', 'father', 'family', 'birth', 'death', 'conflict', 'cannot_link'); None: none does,
    # or one person
    pair_guards: list[str | None] = field(default_factory=list)


@dataclass
class RecordFacts:
    """What the guards need to know about each record."""

    source: np.ndarray  # int code per record
    sex: np.ndarray  # 0 unknown, 1 M, 2 F
    date_lo: np.ndarray  # days since 1970, UNKNOWN_DAY when unknown
    date_hi: np.ndarray
    # the exact date of death with its day and month exchanged (UNKNOWN_DAY: none)
    exchanged: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    given: list[str | None] = field(default_factory=list)
    father: list[str | None] = field(default_factory=list)
    family: list[str | None] = field(default_factory=list)
    tokens: list[frozenset[str]] = field(default_factory=list)
    birth_day: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    ids: list[frozenset] = field(default_factory=list)  # (field, value) of identifiers
    guarded_sources: frozenset[int] | None = None  # None: every list
    known: frozenset[str] = frozenset()  # token keys of names the lexicon lists
    born_lo: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    born_hi: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    # the years of birth the age gives read with its two digits exchanged (UNKNOWN_DAY: none)
    swapped_lo: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    swapped_hi: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    # records written in Latin letters only, and the pairs of listed name keys one romanised
    # spelling stands for alike (`link.spellings`): one name between such a record and another
    romanised: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))
    blurred: frozenset[tuple[str, str]] = frozenset()
    # per name guard ('given', 'father'), the pairs of listed name keys a typo explains better
    # than two relatives (`link.typos`): one name between records of two lists
    misspelt: dict[str, frozenset[tuple[str, str]]] = field(default_factory=dict)
    # per name guard, the log odds of a typo against relatives for pairs of listed name keys one
    # edit apart (`link.typos.typo_odds`), and what a pair's other fields add to them
    # (`link.typo_evidence`): one name between two lists' records where the sum is positive
    typo_odds: dict[str, dict[tuple[str, str], float]] = field(default_factory=dict)
    evidence: dict[str, PairEvidence] = field(default_factory=dict)
    # pairs of name keys two lists write for one name (`link.spellings.list_spellings`): one
    # name between records of two lists
    spelt: frozenset[tuple[str, str]] = frozenset()
    # the given name as each of the record's forms writes it (`given_forms`); empty: its key alone
    given_forms: list[frozenset[str]] = field(default_factory=list)

    @classmethod
    def from_frame(
        cls,
        frame: pd.DataFrame,
        guarded: set[str] | None = None,
        known: frozenset[str] = frozenset(),
        id_columns: list[str] = (),
        romanised: np.ndarray | None = None,
        blurred: frozenset[tuple[str, str]] = frozenset(),
        misspelt: dict[str, frozenset[tuple[str, str]]] | None = None,
        spelt: frozenset[tuple[str, str]] = frozenset(),
        typo_odds: dict[str, dict[tuple[str, str], float]] | None = None,
    ) -> RecordFacts:
        codes, uniques = pd.factorize(frame["source_id"])
        sex = frame["sex"].map({"M": 1, "F": 2}).fillna(0).astype(np.int64).to_numpy()
        dated = frame["dod_day"].notna().to_numpy()
        day = frame["dod_day"].astype("Float64").fillna(0).astype(np.int64).to_numpy()
        span = (
            frame["date_precision"].map(DATE_PRECISION_SPAN).fillna(0).astype(np.int64).to_numpy()
        )
        n = len(frame)
        died_on_day = frame["date_precision"].eq("day").fillna(False).to_numpy(dtype=bool) & dated

        def text(column: str) -> list[str | None]:
            if column not in frame.columns:
                return [None] * n
            return [v if isinstance(v, str) and v else None for v in frame[column]]

        tokens = (
            [frozenset(t) if t is not None and len(t) else frozenset() for t in frame["tokens"]]
            if "tokens" in frame.columns
            else [frozenset()] * n
        )
        birth = np.full(n, UNKNOWN_DAY, dtype=np.int64)
        if "dob_day" in frame.columns and "dob_precision" in frame.columns:
            exact = frame["dob_precision"].eq("day").fillna(False).to_numpy()
            exact = exact & frame["dob_day"].notna().to_numpy()
            days = frame["dob_day"].astype("Float64").fillna(0).astype(np.int64).to_numpy()
            birth = np.where(exact, days, UNKNOWN_DAY)
        ids = [frozenset()] * n
        if id_columns:
            values = frame[list(id_columns)].astype(object)
            ids = [
                frozenset(
                    (c, v) for c, v in zip(id_columns, row, strict=True) if isinstance(v, str)
                )
                for row in values.itertuples(index=False)
            ]
        born_lo, born_hi = birth_years(frame)
        swapped_lo, swapped_hi = birth_years(frame, swapped_digits=True)
        guarded_codes = (
            None if guarded is None else frozenset(i for i, s in enumerate(uniques) if s in guarded)
        )
        return cls(
            codes.astype(np.int64),
            sex,
            np.where(dated, day, UNKNOWN_DAY),
            np.where(dated, day + span, UNKNOWN_DAY),
            exchanged=exchanged_days(np.where(dated, day, UNKNOWN_DAY), died_on_day),
            given=text("given_key"),
            father=text("father_key"),
            family=text("family_key"),
            tokens=tokens,
            birth_day=birth,
            guarded_sources=guarded_codes,
            known=frozenset(known),
            ids=ids,
            born_lo=born_lo,
            born_hi=born_hi,
            swapped_lo=swapped_lo,
            swapped_hi=swapped_hi,
            romanised=np.zeros(n, dtype=bool) if romanised is None else romanised,
            blurred=frozenset(blurred),
            misspelt=dict(misspelt or {}),
            typo_odds=dict(typo_odds or {}),
            spelt=frozenset(spelt),
            given_forms=given_forms(
                text("given_key"),
                tokens,
                [text(c) for c in ("father_key", "grandfather_key", "family_key")],
            ),
        )

    def birth_gaps(
        self, left: np.ndarray, right: np.ndarray, swapped_ages: bool = False
    ) -> np.ndarray:
        """Years between the two records' possible years of birth, -1 where either is unknown
        or where both give the same birthday (`birthdays`). `swapped_ages`: under the closest
        reading of their ages (as written, or either with its digits exchanged)."""
        lo, hi = self.born_lo, self.born_hi
        if not len(lo):
            return np.full(len(left), -1, dtype=np.int64)
        unknown = (lo[left] == UNKNOWN_DAY) | (lo[right] == UNKNOWN_DAY)
        if len(self.birth_day):
            birthday = birthdays(self.birth_day)
            unknown |= (birthday[left] >= 0) & (birthday[left] == birthday[right])
        gap = years_apart(lo[left], hi[left], lo[right], hi[right])
        if swapped_ages and len(self.swapped_lo):
            slo, shi = self.swapped_lo, self.swapped_hi
            gap = np.minimum(gap, years_apart(slo[left], shi[left], lo[right], hi[right]))
            gap = np.minimum(gap, years_apart(lo[left], hi[left], slo[right], shi[right]))
        return np.where(unknown, -1, gap)


def given_forms(
    given: list[str | None], tokens: list[frozenset[str]], parts: list[list[str | None]]
) -> list[frozenset[str]]:
    """Each record's given name as every form of its name writes it: its key, and the tokens
    its parts do not explain that are like it (`similar_names`, listed or not). A record in two
    scripts ('Mohammad Adel ...' beside 'حمد عادل ...', the Arabic typed without its mim) is
    keyed by one form, and the other's given name is among its tokens only; the given-name
    guard read the typo alone (reached, worn seed 509: 6 of 13 records keyed Hamad). A token
    inside a part's key is that part's (Ana María keyed anamaria: ana and maria are not
    another form of it)."""
    out = []
    for i, (name, names) in enumerate(zip(given, tokens, strict=True)):
        keys = [k for k in (name, *(part[i] for part in parts)) if k]
        other = {t for t in names if not any(t in k for k in keys)}
        out.append(
            frozenset({name} | {t for t in other if similar_names(name, t)})
            if name
            else frozenset()
        )
    return out


def years_apart(lo_a: np.ndarray, hi_a: np.ndarray, lo_b: np.ndarray, hi_b: np.ndarray):
    """Years between two spans of possible years of birth (0 when they meet); a huge number
    where either is unknown, so that the smallest over several readings ignores it."""
    gap = np.maximum(0, np.maximum(lo_b - hi_a, lo_a - hi_b))
    return np.where((lo_a == UNKNOWN_DAY) | (lo_b == UNKNOWN_DAY), np.iinfo(np.int64).max, gap)


def birthdays(birth_day: np.ndarray) -> np.ndarray:
    """Month and day (month * 100 + day) of each full date of birth, -1 where unknown.

    Two records with one birthday whose years differ have a year typed wrong (1985, 1995)
    more often than they are two people: the birth-year guard does not part them. Splink's
    fake_1000 has 82 people whose records are born ten years apart on one birthday."""
    known = birth_day != UNKNOWN_DAY
    days = pd.to_datetime(np.where(known, birth_day, 0), unit="D")
    return np.where(known, days.month * 100 + days.day, -1)


def birth_years(frame: pd.DataFrame, swapped_digits: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Each record's possible years of birth, at the precision it has: the year of its date
    of birth, else its date of death's year less its age and the year before (the birthday
    may or may not have come). UNKNOWN_DAY where neither is given.

    `swapped_digits`: from the age read with its two digits exchanged (34 as 43), for records
    without a date of birth whose age has two different digits, neither 0: a slip of the
    keyboard that no age error of a few years explains. UNKNOWN_DAY elsewhere."""
    n = len(frame)
    if "dob_year" not in frame.columns or "age" not in frame.columns:
        return np.full(n, UNKNOWN_DAY, dtype=np.int64), np.full(n, UNKNOWN_DAY, dtype=np.int64)
    age = frame["age"].astype("Float64")
    born = frame["dob_year"].astype("Float64")
    if swapped_digits:
        tens, units = age // 10, age % 10
        swappable = (age >= 10) & (age <= 99) & (units != 0) & (units != tens) & born.isna()
        age = (units * 10 + tens).where(swappable.fillna(False))
        born = pd.Series(np.nan, index=frame.index, dtype="Float64")
    from_age = frame["dod_year"].astype("Float64") - age
    lo = born.fillna(from_age - 1).fillna(UNKNOWN_DAY).astype(np.int64).to_numpy()
    hi = born.fillna(from_age).fillna(UNKNOWN_DAY).astype(np.int64).to_numpy()
    return lo, hi


def learn_birth_tolerance(gaps: np.ndarray, killed_together: bool = False) -> int | None:
    """How many years apart two records of one person put the birth, learnt from `gaps` (years
    between the records' possible years of birth, -1 unknown) of pairs that are surely one
    person: the gap `SURE_GAP_SHARE` of them keep within, or, on lists of the dead
    (`killed_together`: dates of death given), less where the gaps stop thinning out before
    that (`contamination_floor`), and at least the widest gap up to there that more than one
    sure pair shows. None (no guard) with too few.

    Ages are written wrong by different amounts on different lists (heaped on fives, guessed
    for the old, exact for children); a constant would be right for one list only. Up to the
    floor the gaps are one person's own errors: the 99% gap refused the last 1% of them (on
    the `reached` regime, worn seed 509, 28 true pairs 3-4 years apart for 2 false). A gap
    one sure pair alone shows may be a namesake's (colombia_hard, worn seed 504: 1 of 2,169
    sure pairs 3 years apart, where 22 of 24 pairs refused 3 years apart are relatives)."""
    known = gaps[gaps >= 0]
    if len(known) < MIN_SURE_PAIRS:
        return None
    quantile = int(np.quantile(known, SURE_GAP_SHARE, method="higher"))
    counts = np.bincount(known)
    floor = contamination_floor(counts) if killed_together else None
    if floor is None:
        return quantile
    return max(min(quantile, floor), int(np.flatnonzero(counts[: floor + 1] > 1)[-1]))


def contamination_floor(counts: np.ndarray) -> int | None:
    """The gap past which the sure pairs' gaps stop thinning out, once `BULK_SHARE` of them
    are within it: from there on they are namesakes taken for one person, not one person's
    records. A person's records disagree on the year of birth less often the further apart
    (an age off by one, heaped to a five), while namesake relatives that share a rare full
    name (cousins named after one grandfather) are spread over every gap: where relatives are
    dense and fathers' names missing, 2% such pairs made the 99% gap 19 years (mixed regime)
    where one person's records keep within 5. Only where relatives are killed together: on
    Splink's historical_50k (no dates of death) one person's years of birth are 10, 20 or 30
    apart on 4% of the sure pairs (a decade typed wrong), and the cut split them (F1 0.8957 ->
    0.8869). None where the gaps thin out to the end."""
    total = counts.sum()
    within = np.cumsum(counts) / total
    for gap in range(len(counts) - 1):
        thin = counts[gap + 1] <= FLOOR_SHARE * total  # not a heap of ages on fives
        if within[gap] >= BULK_SHARE and thin and counts[gap + 1] >= counts[gap]:
            return gap
    return None


def learn_birth_reading(
    written: np.ndarray, either: np.ndarray, killed_together: bool = False
) -> tuple[int | None, bool]:
    """The birth-year guard's tolerance and whether ages are read with their digits exchanged
    too, from the gaps of sure pairs as written and under the closest reading (`birth_gaps`;
    `killed_together`: see `learn_birth_tolerance`).

    Exchanged digits are a habit of the lists only when they explain more sure pairs than the
    share the tolerance leaves out anyway; elsewhere the second reading would only let
    relatives of other ages through (it cost the default world 0.003 of F1)."""
    tolerance = learn_birth_tolerance(either, killed_together)
    if tolerance is None:
        return None, False
    explained = (written > tolerance) & (either <= tolerance)
    if explained.sum() > (1 - SURE_GAP_SHARE) * (either >= 0).sum():
        return tolerance, True
    return learn_birth_tolerance(written, killed_together), False


def sure_pairs(
    token_set: pd.Series, token_set_freq: pd.Series, left: np.ndarray, right: np.ndarray
) -> np.ndarray:
    """Which of the pairs (left[k], right[k]) are surely one person: the same full name
    (two or more names), which at most `RARE_FULL_NAME` records carry. Relatives killed
    together share names, never all of them: cousins differ in the father's name,
    siblings in the given name."""
    names = token_set.to_numpy(dtype=object)
    rare = token_set_freq.astype("Float64").fillna(RARE_FULL_NAME + 1).to_numpy() <= RARE_FULL_NAME
    return (names[left] == names[right]) & rare[left] & rare[right]


@lru_cache(maxsize=500_000)
def similar_names(a: str, b: str, floor: float = SIMILAR_NAMES) -> bool:
    """Two token keys that may be one name: equal, one the start of the other, or close."""
    if a == b:
        return True
    if min(len(a), len(b)) >= 3 and (a.startswith(b) or b.startswith(a) or one_edit(a, b)):
        return True
    return SequenceMatcher(None, a, b).ratio() >= floor


def one_edit(a: str, b: str) -> bool:
    """One letter changed, added, dropped or two swapped. In a three-letter consonant key
    (Arabic names keyed across scripts) that is a ratio of 0.67, below any floor that
    keeps siblings apart, yet it is the commonest typo (ely, eky)."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        return len(diff) == 1 or (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    short, long = (a, b) if len(a) < len(b) else (b, a)
    i = next((k for k, (x, y) in enumerate(zip(short, long, strict=False)) if x != y), len(short))
    return short[i:] == long[i + 1 :]


def first_given(given: str, tokens: frozenset[str]) -> str:
    """A given name written as two or more of the record's own names ('Juan Carlos', keyed
    juancarlos; 'JUAM CARLOS NELSON', keyed juamcarlosnelson) is compared by its first:
    lists that keep one given name keep that one. In the Colombia regime the guard refused
    126 true links and 14 false ones for this (docs/bench/link.md round 7)."""
    if not given or given in tokens:
        return given
    firsts = [t for t in tokens if len(t) < len(given) and given.startswith(t)]
    return min((t for t in firsts if made_of(given[len(t) :], tokens)), key=len, default=given)


def last_family(family: str, tokens: frozenset[str]) -> str:
    """A family name written as two or more of the record's own names ('Pérez Gómez', keyed
    peresgomes) is compared by its last: the surname every given-first name ends with."""
    if not family or family in tokens:
        return family
    lasts = [t for t in tokens if len(t) < len(family) and family.endswith(t)]
    return min((t for t in lasts if made_of(family[: -len(t)], tokens)), key=len, default=family)


def made_of(text: str, tokens: frozenset[str]) -> bool:
    """Whether `text` is one or more of `tokens` run together (carlosnelson: carlos, nelson)."""
    return text in tokens or any(
        text.startswith(t) and made_of(text[len(t) :], tokens)
        for t in tokens
        if t and len(t) < len(text)
    )


def unspent(tokens: frozenset[str], given: str | None, other_given: str | None, father: str | None):
    """A record's names less its given name where that name is spent on the other record's
    equal given name: Muhammad son of Muhammad and Muhammad son of Ali share the name
    Muhammad once, not as a father's name too (unless the record's own father bears it)."""
    if given and given == other_given and given != father:
        return tokens - {given}
    return tokens


def absent(
    name: str,
    tokens: frozenset[str],
    known: frozenset[str] = frozenset(),
    floor: float = SIMILAR_NAMES,
    blurred: frozenset[tuple[str, str]] = frozenset(),
) -> bool:
    """True when no token of a record could be `name` (`floor`: see similar_names).

    Two different names the lexicon lists are different however alike their
    keys look (Ahmad and Muhammad differ by one key letter), unless `blurred` pairs
    them: one romanised spelling stands for both (`link.spellings`).
    """
    if not tokens:
        return False
    listed = name in known
    return not any(
        t == name
        or (name, t) in blurred
        or (not (listed and t in known) and similar_names(name, t, floor))
        for t in tokens
    )


def cluster(
    n_records: int,
    left: np.ndarray,
    right: np.ndarray,
    weight: np.ndarray,
    facts: RecordFacts,
    conflict_days: int,
    max_cluster_size: int,
    check: tuple[np.ndarray, np.ndarray] | None = None,
    must_link: list[tuple[int, int]] = (),
    cannot_link: list[tuple[int, int]] = (),
    name_guards: tuple[str, ...] = NAME_GUARDS,
    birth_tolerance: int | None = None,
    swapped_ages: bool = False,
    death_tolerance: int | None = None,
    only_person_pass: bool = False,
    once_lists: dict[int, float] | None = None,
    scored_within: np.ndarray | None = None,
    weighed_fathers: np.ndarray | None = None,
) -> ClusterResult:
    """Cluster records 0..n_records-1 given links (left[k], right[k]) with weights.

    `check`: pairs (of any probability) to test against the guards on their own two records,
    once clustered apart: a pair so refused is never linked at any threshold, which the
    estimate's linkage draws must respect (`ClusterResult.pair_guards`). `swapped_ages`: the
    birth-year guard also reads each age with its two digits exchanged (`learn_birth_reading`).
    `death_tolerance`: days beyond which dates of death are two deaths (`link.death_dates`).
    `only_person_pass`: then offer each undated record left alone whose every `check` pair
    names one other person to that person (`link.only_candidates.only_person`), the guards
    judging it. `once_lists`: list code (`facts.source`) -> the match weight a link needs to put
    two of that list's records in one person unless they are a must-link or a pair in
    `scored_within` (sorted a * n_records + b, a < b): lists that rarely name a person twice.
    `weighed_fathers`: pairs (a * n_records + b, a < b) whose own score weighed their fathers'
    names (`link.father_evidence`, learnt) and still reached the threshold: the father guard
    leaves them to that evidence and guards only records no such score joins."""
    parent = list(range(n_records))
    members: dict[int, list[int]] = {}
    forbidden: dict[int, set[int]] = defaultdict(set)
    for a, b in cannot_link:
        forbidden[a].add(b)
        forbidden[b].add(a)
    sources, sexes, lo, hi = facts.source, facts.sex, facts.date_lo, facts.date_hi
    guarded = facts.guarded_sources
    given_guard = "given" in name_guards and bool(facts.given)
    father_guard = "father" in name_guards and bool(facts.father)
    fathers_weighed = frozenset(weighed_fathers.tolist()) if weighed_fathers is not None else ()
    birth = (
        facts.birth_day if len(facts.birth_day) else np.full(n_records, UNKNOWN_DAY, dtype=np.int64)
    )
    ids = facts.ids or [frozenset()] * n_records
    known = facts.known
    romanised = (
        facts.romanised if len(facts.romanised) == n_records else np.zeros(n_records, dtype=bool)
    )
    misspelt_given = facts.misspelt.get("given", frozenset())
    misspelt_fathers = facts.misspelt.get("father", frozenset())
    givens = (
        [first_given(g, t) for g, t in zip(facts.given, facts.tokens, strict=True)]
        if given_guard
        else []
    )
    family_guard = "family" in name_guards and bool(facts.family)
    families = (
        [last_family(f, t) for f, t in zip(facts.family, facts.tokens, strict=True)]
        if family_guard
        else []
    )

    def find(x: int) -> int:
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    def members_of(root: int) -> list[int]:
        return members.get(root) or [root]

    written = facts.given_forms if len(facts.given_forms) == n_records else []

    def forms(a: int, given: str) -> frozenset[str]:
        return written[a] | {given} if written else frozenset({given})

    def same_list_conflict(a: int, b: int) -> bool:
        if sources[a] != sources[b] or (guarded is not None and int(sources[a]) not in guarded):
            return False
        if sexes[a] and sexes[b] and sexes[a] != sexes[b]:
            return True
        if lo[a] != UNKNOWN_DAY and lo[b] != UNKNOWN_DAY:
            return max(lo[a], lo[b]) - min(hi[a], hi[b]) > conflict_days
        return False

    pair_weights: dict[tuple[str, int, int], float] = {}

    def weighed_typo(slot: str, a: int, b: int, differ, alike: frozenset[tuple[str, str]]) -> bool:
        """Whether the pair's other fields make two listed names one typo apart, in `slot`,
        one name (`link.typo_evidence`), so that `differ` no longer holds."""
        odds, evidence = facts.typo_odds.get(slot), facts.evidence.get(slot)
        if not odds or evidence is None:
            return False
        names = (
            facts.tokens[a]
            | facts.tokens[b]
            | (forms(a, givens[a]) if givens and givens[a] else frozenset())
        )
        names |= forms(b, givens[b]) if givens and givens[b] else frozenset()
        typos = [(x, y) for x in names for y in names if (x, y) in odds]
        if not typos:
            return False
        key = (slot, min(a, b), max(a, b))
        if key not in pair_weights:
            pair_weights[key] = evidence.weight(a, b)
        weight = pair_weights[key]
        taken = frozenset(pair for pair in typos if odds[pair] + weight > 0)
        return bool(taken) and not differ(alike | taken)

    def name_conflict(a: int, b: int) -> str | None:
        if (birth[a] != UNKNOWN_DAY and birth[a] == birth[b]) or ids[a] & ids[b]:
            return None  # born the same day, or the same identifier: nicknames, not relatives
        ta, tb = facts.tokens[a], facts.tokens[b]
        blurred = facts.blurred if romanised[a] != romanised[b] else frozenset()
        two_lists = sources[a] != sources[b]
        spelt = facts.spelt if two_lists else frozenset()
        given_alike = blurred | spelt | misspelt_given if two_lists else blurred
        fathers_alike = blurred | spelt | misspelt_fathers if two_lists else blurred
        if given_guard:
            # a one-word name says too little of which word it is to conflict
            ga, gb = givens[a], givens[b]

            def givens_differ(alike: frozenset[tuple[str, str]]) -> bool:
                return all(absent(g, tb, known, blurred=alike) for g in forms(a, ga)) or all(
                    absent(g, ta, known, blurred=alike) for g in forms(b, gb)
                )

            if (
                ga
                and gb
                and ga != gb
                and len(ta) >= 2
                and len(tb) >= 2
                and (
                    parent_and_child(a, b)
                    or (
                        givens_differ(given_alike)
                        and not (
                            two_lists and weighed_typo("given", a, b, givens_differ, given_alike)
                        )
                    )
                )
            ):
                return "given"
        if father_guard and min(a, b) * n_records + max(a, b) not in fathers_weighed:
            fa, fb = facts.father[a], facts.father[b]

            def fathers_differ(alike: frozenset[tuple[str, str]]) -> bool:
                return absent(
                    fa,
                    unspent(tb, facts.given[b], facts.given[a], fb),
                    known,
                    SIMILAR_FATHERS,
                    alike,
                ) and absent(
                    fb,
                    unspent(ta, facts.given[a], facts.given[b], fa),
                    known,
                    SIMILAR_FATHERS,
                    alike,
                )

            if (
                fa
                and fb
                and fa != fb
                and fathers_differ(fathers_alike)
                and not (two_lists and weighed_typo("father", a, b, fathers_differ, fathers_alike))
            ):
                return "father"
        if family_guard:
            fa, fb = families[a], families[b]
            if (
                fa
                and fb
                and fa != fb
                and len(ta) >= 2
                and len(tb) >= 2
                and absent(fa, tb, known, blurred=spelt)
                and absent(fb, ta, known, blurred=spelt)
            ):
                return "family"
        return None

    born_lo, born_hi = facts.born_lo, facts.born_hi
    birth_guard = birth_tolerance is not None and len(born_lo) == n_records
    swapped_lo, swapped_hi = facts.swapped_lo, facts.swapped_hi
    if not swapped_ages or len(swapped_lo) != n_records:
        swapped_lo = swapped_hi = np.full(n_records, UNKNOWN_DAY, dtype=np.int64)
    birthday = birthdays(birth) if birth_guard else birth
    death_guard = death_tolerance is not None and len(facts.exchanged) == n_records

    def two_deaths(a: int, b: int) -> bool:
        return death_guard and died_apart(a, b, lo, hi, facts.exchanged, death_tolerance)

    def born_apart(a: int, b: int) -> bool:
        if born_lo[a] == UNKNOWN_DAY or born_lo[b] == UNKNOWN_DAY or ids[a] & ids[b]:
            return False
        if birthday[a] >= 0 and birthday[a] == birthday[b]:
            return False
        gap = max(born_lo[a], born_lo[b]) - min(born_hi[a], born_hi[b])
        for x, y in ((a, b), (b, a)):  # either age typed with its digits exchanged
            if gap > birth_tolerance and swapped_lo[x] != UNKNOWN_DAY:
                gap = min(gap, max(swapped_lo[x], born_lo[y]) - min(swapped_hi[x], born_hi[y]))
        return gap > birth_tolerance

    def parent_and_child(a: int, b: int) -> bool:
        # each one's given name is the other's father's: a father and the son named after
        # his grandfather (Ali son of Ahmad, Ahmad son of Ali), the same names in any order
        fa, fb = facts.father[a], facts.father[b]
        return bool(fa and fb) and facts.given[a] == fb and facts.given[b] == fa

    def union(ra: int, rb: int) -> None:
        small, big = (ra, rb) if len(members_of(ra)) < len(members_of(rb)) else (rb, ra)
        parent[small] = big
        members[big] = members_of(big) + members_of(small)
        members.pop(small, None)

    result = ClusterResult(
        labels=np.empty(0, dtype=np.int64),
        birth_year_tolerance=birth_tolerance,
        swapped_ages=swapped_ages and birth_guard,
        death_date_tolerance=death_tolerance if death_guard else None,
        misspelt_names={guard: len(pairs) // 2 for guard, pairs in sorted(facts.misspelt.items())},
        list_spellings=len(facts.spelt) // 2,
    )
    scored = np.union1d(
        np.zeros(0, dtype=np.int64) if scored_within is None else scored_within,
        np.array([min(a, b) * n_records + max(a, b) for a, b in must_link], dtype=np.int64),
    )

    once_lists = once_lists or {}

    def unscored_twice(a: int, b: int, link_weight: float) -> bool:
        """Two records of a list that rarely names a person twice, no scored pair, put
        together by a link of `link_weight` too weak for that list."""
        if sources[a] != sources[b] or link_weight >= once_lists.get(int(sources[a]), -np.inf):
            return False
        key = min(a, b) * n_records + max(a, b)
        at = int(np.searchsorted(scored, key))
        return at == len(scored) or scored[at] != key

    for a, b in must_link:
        ra, rb = find(a), find(b)
        if ra != rb:
            union(ra, rb)
            result.must_links += 1

    def join(a: int, b: int, link_weight: float = -np.inf) -> bool:
        """Put a's and b's people together by a link of `link_weight` unless a guard refuses
        (counted by guard)."""
        ra, rb = find(a), find(b)
        if ra == rb:
            return False
        small_members, big_members = members_of(ra), members_of(rb)
        if len(small_members) > len(big_members):
            small_members, big_members = big_members, small_members
        if len(small_members) + len(big_members) > max_cluster_size:
            result.refused_size += 1
            return False
        if forbidden and any(
            find(other) == find(big_members[0])
            for m in small_members
            for other in forbidden.get(m, ())
        ):
            result.refused_cannot_link += 1
            return False
        refused = None
        for m in small_members:
            for o in big_members:
                if same_list_conflict(m, o):
                    refused = "conflict"
                    break
                if unscored_twice(m, o, link_weight):
                    refused = "same_list"
                    break
                reason = name_conflict(m, o)
                if reason:
                    refused = reason
                    break
                if birth_guard and born_apart(m, o):
                    refused = "birth"
                    break
                if two_deaths(m, o):
                    refused = "death"
                    break
            if refused:
                break
        if refused == "conflict":
            result.refused_conflict += 1
        elif refused == "given":
            result.refused_given_names += 1
        elif refused == "father":
            result.refused_fathers += 1
        elif refused == "family":
            result.refused_families += 1
        elif refused == "birth":
            result.refused_birth_years += 1
        elif refused == "death":
            result.refused_death_dates += 1
        elif refused == "same_list":
            result.refused_same_list += 1
        else:
            union(ra, rb)
            result.links_used += 1
        return not refused

    for k in np.argsort(-weight, kind="stable"):
        join(int(left[k]), int(right[k]), float(weight[k]))

    def labels() -> np.ndarray:
        return np.fromiter((find(i) for i in range(n_records)), dtype=np.int64, count=n_records)

    if only_person_pass and check is not None:
        undated = lo == UNKNOWN_DAY
        for a, b in only_person(check[0], check[1], labels(), sources, undated):
            result.only_person += join(a, b)
    result.labels = labels()
    if check is not None:

        def guard(a: int, b: int) -> str | None:
            if a < 0 or b < 0 or result.labels[a] == result.labels[b]:
                return None
            if b in forbidden.get(a, ()):
                return "cannot_link"
            if same_list_conflict(a, b):
                return "conflict"
            reason = name_conflict(a, b)
            if reason is None and birth_guard and born_apart(a, b):
                return "birth"
            if reason is None and two_deaths(a, b):
                return "death"
            return reason

        result.pair_guards = [
            guard(a, b) for a, b in zip(check[0].tolist(), check[1].tolist(), strict=True)
        ]
    sizes = Counter(Counter(result.labels.tolist()).values())
    result.size_distribution = dict(sorted(sizes.items()))
    return result
