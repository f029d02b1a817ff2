"""Scoring extraction against an annotated corpus: precision, recall, field accuracy.

A corpus is a TOML file of [[case]] tables (text, optional outlet, date,
previous) each with the [[case.claim]] tables it should yield; see
tests/claims/corpus.toml. A predicted claim is a true positive when an
expected claim of the same case has the same measure, population, quantity
(value, low, high), qualifier, context and claimant; place, period, outlet and
date are scored separately on the matched pairs.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from recount.claims.claimants import Gazetteer
from recount.claims.extraction import claim_records

DEFAULT_OUTLET = "Testwire"
DEFAULT_DATE = "2017-03-01"
CORE_FIELDS = ("measure", "population", "value", "low", "high", "qualifier", "context", "claimant")
SCOPE_FIELDS = ("place_code", "period_start", "period_end", "outlet", "date")


@dataclass
class CaseResult:
    case_id: str
    expected: list[dict]
    predicted: list[dict]
    matched: list[tuple[dict, dict]] = field(default_factory=list)

    @property
    def exact(self) -> bool:
        """Every expected claim found, nothing else found, scope fields right too."""
        return len(self.matched) == len(self.expected) == len(self.predicted) and all(
            _scope_equal(e, p) for e, p in self.matched
        )


@dataclass
class Score:
    cases: list[CaseResult]

    @property
    def true_positives(self) -> int:
        return sum(len(c.matched) for c in self.cases)

    @property
    def predicted(self) -> int:
        return sum(len(c.predicted) for c in self.cases)

    @property
    def expected(self) -> int:
        return sum(len(c.expected) for c in self.cases)

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.expected if self.expected else 1.0

    def field_accuracy(self) -> dict[str, float]:
        """Share of matched claims whose scope field is right, per field."""
        pairs = [pair for case in self.cases for pair in case.matched]
        if not pairs:
            return {}
        return {
            name: sum(_field_equal(e, p, name) for e, p in pairs) / len(pairs)
            for name in SCOPE_FIELDS
        }


def load_corpus(path: str | Path) -> list[dict]:
    return tomllib.loads(Path(path).read_text(encoding="utf-8"))["case"]


def case_text(case: dict) -> str:
    previous = case.get("previous")
    return f"{previous} {case['text']}" if previous else case["text"]


def case_arguments(case: dict) -> tuple[str | None, str | None]:
    """Outlet and date to pass: the corpus default, or none ("") so the text's own are used."""
    outlet = case.get("outlet", DEFAULT_OUTLET) or None
    date = case.get("date", DEFAULT_DATE) or None
    return outlet, date


def score_corpus(cases: list[dict], gazetteer: Gazetteer | None = None) -> Score:
    """Extract every case's text and match the claims found with the claims expected."""
    results = []
    for case in cases:
        outlet, date = case_arguments(case)
        predicted = claim_records(case_text(case), outlet=outlet, date=date, gazetteer=gazetteer)
        expected = [_with_defaults(e, outlet, date) for e in case.get("claim", [])]
        result = CaseResult(case["id"], expected, predicted)
        unmatched = list(predicted)
        for claim in expected:
            for candidate in unmatched:
                if all(_field_equal(claim, candidate, name) for name in CORE_FIELDS):
                    result.matched.append((claim, candidate))
                    unmatched.remove(candidate)
                    break
        results.append(result)
    return Score(results)


def _with_defaults(expected: dict, outlet: str | None, date: str | None) -> dict:
    claim = {"population": "all", "context": "asserted", **expected}
    claim.setdefault("outlet", outlet)
    claim.setdefault("date", date)
    if claim.get("claimant") == "@outlet":
        claim["claimant"] = claim["outlet"]
    return claim


def _missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        return bool(value != value) or value is _NA
    except (TypeError, ValueError):
        return False


try:
    import pandas as _pd

    _NA = _pd.NA
except ImportError:  # pragma: no cover - pandas is a dependency
    _NA = object()


def _field_equal(expected: dict, predicted: dict, name: str) -> bool:
    if name not in expected and name in ("qualifier", "claimant"):
        return True
    want, got = expected.get(name), predicted.get(name)
    if _missing(want) or _missing(got):
        return _missing(want) and _missing(got)
    if name in ("value", "low", "high"):
        return math.isclose(float(want), float(got), rel_tol=1e-6)
    return str(want) == str(got)


def _scope_equal(expected: dict, predicted: dict) -> bool:
    return all(_field_equal(expected, predicted, name) for name in SCOPE_FIELDS)
