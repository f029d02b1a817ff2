"""Holding each claim against the evidence: the documented count and the estimate for its scope.

Verdicts:

- consistent: the claim's range meets the estimate's 95 % interval;
- undercount: the claim is below the number of people documented in its scope;
- below_estimate: at or above the documented count, but below the estimate's interval
  (it counts roughly the documented, not the undocumented);
- above_estimate: above the interval's upper end, but not ruled out by the lists: at or
  below the upper end of the total refitted under a capture prior that admits people the
  lists barely reach (recount.estimate.sensitivity; the total's scope only);
- above_range: the claim's lowest reading is above the interval's upper end (and above
  that refit's, where there is one);
- not_checkable: a measure, place, population or period the workspace does not cover
  (lives saved, injured, another country, a city), or a negated or hypothetical claim.

The documented count comes from `persons` (link), restricted exactly to the
claim's governorate, period and population; people with an unknown date or
status are counted only when the claim's scope does not need them, so the
count is a floor. The estimate comes from `estimates` (estimate): the row
whose strata match the claim's (all NULL = total) that the estimate stage marked
`preferred`, the same row the report's headline quotes.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

import pandas as pd

from recount.errors import ConfigError, WorkspaceError
from recount.settings import ProjectSettings
from recount.tables import TABLES, pooled_level

VERDICTS = (
    "consistent",
    "undercount",
    "below_estimate",
    "above_estimate",
    "above_range",
    "not_checkable",
)
MEASURE_FOR_EVENT = {
    "killed": {"killed"},
    "missing": {"missing"},
    "detained": {"detained"},
    "evacuated": {"evacuated"},
}
CHECK_COLUMNS = TABLES["claim_checks"].names
# A year holding fewer of the documented than this share does not start the period.
STRAY_SHARE = 0.01


@dataclass(frozen=True)
class Evidence:
    persons: pd.DataFrame | None
    estimates: pd.DataFrame | None
    event: str
    period_start: dt.date | None = None  # [names] earliest_date, when the project sets it

    @property
    def first_day(self) -> dt.date | None:
        """The start of the period the workspace covers: [names] earliest_date, else the
        first day of the first year that holds at least STRAY_SHARE of the people documented
        (a few misdated records do not move the start years back)."""
        if self.period_start is not None:
            return self.period_start
        for frame in (self.persons, self.estimates):
            if frame is not None and "year" in frame.columns and frame["year"].notna().any():
                shares = frame["year"].dropna().astype(int).value_counts(normalize=True)
                kept = shares[shares >= STRAY_SHARE]
                return dt.date(int((kept if len(kept) else shares).index.min()), 1, 1)
        return None

    @property
    def admin_words(self) -> tuple[str, str]:
        """What the workspace's country calls its first-level admin units (governorate,
        department...), singular and plural."""
        from recount.reference import country_pack

        try:
            pack = country_pack(self.country)
        except ConfigError:  # codes of a country recount has no pack for
            pack = country_pack(None)
        return pack.admin_word, pack.admin_word_plural

    @property
    def last_day(self) -> dt.date | None:
        """The end of the period the workspace covers (the last year anyone is documented in)."""
        years = []
        for frame in (self.persons, self.estimates):
            if frame is not None and "year" in frame.columns and frame["year"].notna().any():
                years.append(int(frame["year"].max()))
        return dt.date(max(years), 12, 31) if years else None

    @property
    def country(self) -> str | None:
        """The workspace's country, read from its admin codes (ISO 3166-2, "SY-HL" -> "SY").

        None when the evidence has no admin codes: then no claim is ruled out by its country.
        """
        codes: list[str] = []
        for frame in (self.persons, self.estimates):
            if frame is not None and "governorate" in frame.columns:
                codes.extend(str(c) for c in frame["governorate"].dropna().unique())
        prefixes = sorted({c.split("-")[0] for c in codes if "-" in c})
        return prefixes[0] if len(prefixes) == 1 else None


@dataclass(frozen=True)
class Verdict:
    verdict: str
    reason: str
    documented: float | None = None
    estimate: float | None = None
    lower: float | None = None
    upper: float | None = None
    method: str | None = None
    level: str | None = None


def check_claims(ws: Any) -> pd.DataFrame:
    """Check every claim in the ledger; writes and returns `claim_checks`."""
    if not ws.has_table("claims"):
        raise WorkspaceError(
            f"{ws.root}: no claims yet; run `recount claims add FILE_OR_DIR` first"
        )
    checks = check_frame(ws.table("claims"), workspace_evidence(ws))
    ws.write_table("claim_checks", checks)
    return checks


def workspace_evidence(ws: Any) -> Evidence:
    persons = ws.table("persons") if ws.has_table("persons") else None
    estimates = ws.table("estimates") if ws.has_table("estimates") else None
    if not ws.config_path.exists():
        return Evidence(persons, estimates, ProjectSettings.event)
    return Evidence(persons, estimates, ws.config.project.event, ws.config.names.earliest_date)


def check_frame(claims: pd.DataFrame, evidence: Evidence) -> pd.DataFrame:
    """One verdict row per claim."""
    checked_at = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    rows = []
    for claim in claims.to_dict("records"):
        verdict = check_one(claim, evidence)
        rows.append(
            {
                "claim_id": claim["claim_id"],
                **verdict.__dict__,
                "claimant": claim.get("claimant"),
                "measure": claim.get("measure"),
                "population": claim.get("population"),
                "value": claim.get("value"),
                "low": claim.get("low"),
                "high": claim.get("high"),
                "place_code": claim.get("place_code"),
                "period_start": _date(claim.get("period_start")),
                "period_end": _date(claim.get("period_end")),
                "checked_at": checked_at,
            }
        )
    frame = pd.DataFrame(rows, columns=CHECK_COLUMNS)
    for column in ("documented", "estimate", "lower", "upper", "value", "low", "high"):
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("float64")
    return frame


def check_one(claim: dict, evidence: Evidence) -> Verdict:
    """The verdict for one claim (a ledger row as a dict)."""
    context = claim.get("context") or "asserted"
    if context != "asserted":
        return Verdict("not_checkable", f"{context} claim, not an assertion of a count")
    rate = _text(claim.get("rate"))
    if rate:
        return Verdict(
            "not_checkable", f"a rate (people per {rate}), not a number of people to count"
        )
    measure = claim.get("measure")
    if measure not in MEASURE_FOR_EVENT.get(evidence.event, {evidence.event}):
        return Verdict(
            "not_checkable",
            f"the workspace counts people {evidence.event}; this claim counts {_measure_words(measure)}",
        )
    place_code, place_level = _text(claim.get("place_code")), _text(claim.get("place_level"))
    country = evidence.country
    if place_code and country and not place_code.startswith(country):
        return Verdict(
            "not_checkable", f"about {claim.get('place')}, outside the workspace ({country})"
        )
    if place_level == "city":
        return Verdict(
            "not_checkable",
            f"about the city or district {claim.get('place')}; the workspace counts by "
            f"{evidence.admin_words[0]}",
        )
    governorate = place_code if place_level == "governorate" else None
    population = claim.get("population") or "all"
    if evidence.persons is None and evidence.estimates is None:
        return Verdict(
            "not_checkable",
            "no documented counts or estimates in the workspace yet (run link and estimate)",
        )
    first, last = _claim_period(claim, evidence)
    documented = documented_count(evidence.persons, governorate, first, last, population)
    if documented is None and evidence.estimates is not None:
        documented = _documented_from_estimates(
            evidence.estimates, governorate, first, last, evidence, population
        )
    if documented is None:
        return Verdict("not_checkable", f"the workspace cannot count {population} in this scope")
    low, high = _claim_range(claim)
    scope = _describe_scope(governorate, first, last, population, evidence.admin_words[1])
    if high < documented:
        return Verdict(
            "undercount",
            f"claims {_range_words(low, high)}, below the {documented:,.0f} people documented ({scope})",
            documented,
        )
    row = (
        matching_estimate(evidence.estimates, governorate, first, last, evidence)
        if population == "all"
        else None
    )
    if row is None:
        why = (
            "civilians, combatants, children and women have no estimate"
            if population != "all"
            else "no estimate for this scope"
        )
        return Verdict(
            "not_checkable",
            f"claims {_range_words(low, high)}, not below the {documented:,.0f} documented ({scope}); {why}",
            documented,
        )
    estimate, lower, upper = float(row["estimate"]), float(row["lower"]), float(row["upper"])
    found = dict(
        documented=documented,
        estimate=estimate,
        lower=lower,
        upper=upper,
        method=row["method"],
        level=row.get("level"),
    )
    interval = f"estimate {estimate:,.0f}, 95% interval {lower:,.0f}–{upper:,.0f} ({row['method']}, {scope})"
    open_upper = row.get("sensitivity_upper")
    if low > upper and open_upper is not None and pd.notna(open_upper) and low <= open_upper:
        return Verdict(
            "above_estimate",
            f"claims {_range_words(low, high)}, above the {interval}, but not ruled out by the "
            "lists: refitted under a capture prior that admits people they barely reach, the "
            f"total's 95% interval runs to {open_upper:,.0f}",
            **found,
        )
    if low > upper:
        return Verdict(
            "above_range",
            f"claims {_range_words(low, high)}, above the plausible range: {interval}",
            **found,
        )
    if high < lower:
        return Verdict(
            "below_estimate",
            f"claims {_range_words(low, high)}: not below the {documented:,.0f} documented, but below the {interval}",
            **found,
        )
    return Verdict(
        "consistent", f"claims {_range_words(low, high)}, consistent with the {interval}", **found
    )


def _text(value: Any) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return None
    return str(value)


def _date(value: Any) -> dt.date | None:
    if value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, pd.Timestamp | dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def _number(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def _claim_range(claim: dict) -> tuple[float, float]:
    low, high, value = (
        _number(claim.get("low")),
        _number(claim.get("high")),
        _number(claim.get("value")),
    )
    if low is None:
        low = 0.0 if high is not None or value is None else value
    if high is None:
        high = math.inf
    return low, high


def _claim_period(claim: dict, evidence: Evidence) -> tuple[dt.date | None, dt.date | None]:
    """The claim's period; an open end stops at the claim's date when that is before the data ends."""
    first, last = _date(claim.get("period_start")), _date(claim.get("period_end"))
    said_on = _date(claim.get("date"))
    data_end = evidence.last_day
    if last is None and said_on is not None and data_end is not None and said_on < data_end:
        last = said_on
    return first, last


def _person_bounds(persons: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Earliest and latest day each person can have died on, from year and month."""
    years = (
        pd.to_numeric(persons["year"], errors="coerce")
        if "year" in persons.columns
        else pd.Series(float("nan"), index=persons.index)
    )
    months = (
        pd.to_numeric(persons["month"], errors="coerce")
        if "month" in persons.columns
        else pd.Series(float("nan"), index=persons.index)
    )
    first = pd.to_datetime(
        {"year": years.fillna(1900), "month": months.fillna(1), "day": 1}, errors="coerce"
    ).where(years.notna())
    last_month = months.fillna(12)
    last = (
        pd.to_datetime({"year": years.fillna(1900), "month": last_month, "day": 1}, errors="coerce")
        + pd.offsets.MonthEnd(0)
    ).where(years.notna())
    return first, last


def documented_count(
    persons: pd.DataFrame | None,
    governorate: str | None,
    first: dt.date | None,
    last: dt.date | None,
    population: str,
) -> float | None:
    """People documented in the scope; only those surely inside it count."""
    if persons is None:
        return None
    mask = pd.Series(True, index=persons.index)
    if governorate is not None:
        if "governorate" not in persons.columns:
            return None
        mask &= persons["governorate"] == governorate
    if first is not None or last is not None:
        if "year" not in persons.columns:
            return None
        earliest, latest = _person_bounds(persons)
        if first is not None:
            mask &= earliest >= pd.Timestamp(first)
        if last is not None:
            mask &= latest <= pd.Timestamp(last)
        mask &= earliest.notna()
    if population == "civilians":
        mask &= persons.get("status", pd.Series(None, index=persons.index)) == "civilian"
    elif population == "combatants":
        mask &= persons.get("status", pd.Series(None, index=persons.index)) == "combatant"
    elif population == "children":
        if "age" not in persons.columns:
            return None
        mask &= pd.to_numeric(persons["age"], errors="coerce") < 18
    elif population == "women":
        if "sex" not in persons.columns:
            return None
        mask &= persons["sex"] == "F"
    elif population != "all":
        return None
    return float(mask.fillna(False).sum())


def _stratum_columns(estimates: pd.DataFrame) -> list[str]:
    return TABLES["estimates"].family_columns(list(estimates.columns))


def _requested_strata(
    estimates: pd.DataFrame,
    governorate: str | None,
    first: dt.date | None,
    last: dt.date | None,
    evidence: Evidence,
) -> dict[str, Any] | None:
    """Stratum values that match the claim's scope, or None when no row can."""
    strata = _stratum_columns(estimates)
    wanted: dict[str, Any] = {c: None for c in strata}
    if governorate is not None:
        if "governorate" not in strata:
            return None
        wanted["governorate"] = governorate
    if first is None and last is None:
        return wanted
    # From the period's first year (or before) to its end: the whole period, however the
    # claim words its start ("since 2011", "since March 2011" for a war begun in March 2011).
    start = evidence.first_day
    whole_war = (first is None or (start is not None and first.year <= start.year)) and (
        last is None or (evidence.last_day is not None and last >= evidence.last_day)
    )
    if whole_war:
        return wanted
    if (
        first is not None
        and last is not None
        and first == dt.date(first.year, 1, 1)
        and last == dt.date(first.year, 12, 31)
    ):
        if "year" not in strata:
            return None
        wanted["year"] = first.year
        return wanted
    return None


def _level_name(wanted: dict[str, Any], strata: list[str]) -> str:
    """The `level` the estimate stage gives rows with these strata set (see recount.estimate.levels)."""
    named = [c for c in strata if wanted.get(c) is not None]
    if not named:
        return "total"
    return "stratum" if named == strata else "+".join(named)


def _rows_for(estimates: pd.DataFrame, wanted: dict[str, Any]) -> pd.DataFrame:
    mask = pd.Series(True, index=estimates.index)
    for column, value in wanted.items():
        if value is None:
            mask &= estimates[column].isna()
        else:
            mask &= estimates[column].astype(object).map(lambda v, want=value: _same(v, want))
    return estimates[mask]


def _same(value: Any, wanted: Any) -> bool:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return False
    if isinstance(wanted, int):
        try:
            return int(value) == wanted
        except (TypeError, ValueError):
            return False
    return str(value) == str(wanted)


def matching_estimate(
    estimates: pd.DataFrame | None,
    governorate: str | None,
    first: dt.date | None,
    last: dt.date | None,
    evidence: Evidence,
) -> dict | None:
    """The estimate stage's preferred row for the scope (recount.estimate.preferred), or None."""
    if estimates is None or estimates.empty:
        return None
    wanted = _requested_strata(estimates, governorate, first, last, evidence)
    if wanted is None:
        return None
    rows = _rows_for(estimates, wanted)
    if "level" in rows.columns:
        # NULL also marks an unknown value inside a stratum ("year unknown"); the level tells them apart.
        level = _level_name(wanted, _stratum_columns(estimates))
        rows = rows[rows["level"].isin([level, pooled_level(level)])]
    from recount.estimate.preferred import preferred_rows

    rows = preferred_rows(rows)
    return None if rows.empty else rows.iloc[0].to_dict()


def _documented_from_estimates(
    estimates: pd.DataFrame,
    governorate: str | None,
    first: dt.date | None,
    last: dt.date | None,
    evidence: Evidence,
    population: str,
) -> float | None:
    if population != "all" or "documented" not in estimates.columns:
        return None
    row = matching_estimate(estimates, governorate, first, last, evidence)
    return None if row is None else _number(row.get("documented"))


def _describe_scope(
    governorate: str | None,
    first: dt.date | None,
    last: dt.date | None,
    population: str,
    admin_units: str,
) -> str:
    parts = [population, governorate or f"all {admin_units}"]
    if first or last:
        parts.append(
            f"{first.isoformat() if first else 'start'} to {last.isoformat() if last else 'end'}"
        )
    return ", ".join(parts)


def _range_words(low: float, high: float) -> str:
    if math.isinf(high):
        return f"{low:,.0f} or more"
    if low <= 0:
        return f"up to {high:,.0f}"
    if low == high:
        return f"{low:,.0f}"
    return f"{low:,.0f}–{high:,.0f}"


def _measure_words(measure: Any) -> str:
    return {
        "saved": "lives saved",
        "casualties": "casualties (killed and injured together)",
        "injured": "people injured",
        "killed_or_missing": "people killed or missing (together)",
        "killed_or_abducted": "people killed or abducted (together)",
    }.get(str(measure), f"people {measure}")
