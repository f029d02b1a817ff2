"""Scoring extraction against labelled text: precision, recall, claimant accuracy, per measure and cause.

A corpus is a TOML file of [[case]] tables (text, optional outlet, date,
previous), each with the [[case.claim]] tables it should yield (see
tests/claims/corpus.toml), or a folder of such files (tests/claims/dev/). A
case may keep its text in a file beside the TOML (`file = "articles/x.txt"`),
and a claim may list `claimant_aliases`, its `start`/`end` in the text (used to
pair claims that share a value), its `causes` (or `cause`), and the case a
`text_kind`; `[[case.not_claim]]` tables name numbers that are not claims, so
a false positive there is counted by its kind (tests/claims/dev2/README.md).

A predicted claim is **found** (a true positive) when an expected claim of the
same case has the same measure, population, quantity (value, low, high),
context and rate, and the same qualifier when the label gives one. The
claimant is scored on the found claims apart from that, as the share whose
claimant is right: a label names the claimant as recount's canonical name or
in the words of the text, or lists several acceptable names; names are
compared folded (case, "the", possessive "'s", punctuation) and through the
gazetteer (two names of one organisation are the same claimant). "@outlet"
means nobody is named. Place, period, outlet and date are scored on the found
claims too, where the label gives them.
"""

from __future__ import annotations

import math
import re
import tomllib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from recount.claims.claimants import Gazetteer, default_gazetteer
from recount.claims.extraction import claim_records
from recount.claims.grammar.acronyms import document_gazetteer
from recount.claims.grammar.sentences import mask_citations
from recount.claims.scope import topic_country
from recount.reference import country_pack

DEFAULT_OUTLET = "Testwire"
DEFAULT_DATE = "2017-03-01"
MATCH_FIELDS = ("measure", "population", "value", "low", "high", "qualifier", "context", "rate")
CORE_FIELDS = (*MATCH_FIELDS, "claimant")
SCOPE_FIELDS = ("place_code", "period_start", "period_end", "outlet", "date")
OPTIONAL_FIELDS = ("qualifier", "claimant")  # a label without them is not scored on them
# "about 25,904" spans 23,313.6 to 28,494.4: a label may round the ends to whole people.
WHOLE_PERSON = 0.5


@dataclass
class CaseResult:
    case_id: str
    expected: list[dict]
    predicted: list[dict]
    source: str | None = None
    matched: list[tuple[dict, dict]] = field(default_factory=list)
    gazetteer: Gazetteer | None = None
    text_kind: str | None = None
    not_claims: list[dict] = field(default_factory=list)
    offset: int = 0  # where the case's own text starts in the text extracted

    @property
    def claimants_right(self) -> int:
        return sum(claimant_equal(e, p, self.gazetteer) for e, p in self.matched)

    @property
    def exact(self) -> bool:
        """Every expected claim found with its claimant, nothing else found, scope fields right."""
        return (
            len(self.matched) == len(self.expected) == len(self.predicted)
            and self.claimants_right == len(self.matched)
            and all(_scope_equal(e, p) for e, p in self.matched)
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

    @property
    def claimant_accuracy(self) -> float:
        """Share of found claims whose claimant is right (claims labelled with one)."""
        pairs = [(c, e, p) for c in self.cases for e, p in c.matched if "claimant" in e]
        if not pairs:
            return 1.0
        return sum(claimant_equal(e, p, c.gazetteer) for c, e, p in pairs) / len(pairs)

    @property
    def claimant_extent_accuracy(self) -> float:
        """Share of found claims whose claimant is right or names it to another extent
        (`claimant_overlaps`): a second figure beside the exact one, never instead of it."""
        pairs = [(c, e, p) for c in self.cases for e, p in c.matched if "claimant" in e]
        if not pairs:
            return 1.0
        return sum(claimant_overlaps(e, p, c.gazetteer) for c, e, p in pairs) / len(pairs)

    @property
    def strict_true_positives(self) -> int:
        """Found claims whose claimant is right too."""
        return sum(c.claimants_right for c in self.cases)

    def field_accuracy(self) -> dict[str, float]:
        """Share of found claims whose scope field is right, per field the labels give."""
        pairs = [pair for case in self.cases for pair in case.matched]
        accuracy = {}
        for name in SCOPE_FIELDS:
            labelled = [(e, p) for e, p in pairs if name in e]
            if labelled:
                accuracy[name] = sum(_field_equal(e, p, name) for e, p in labelled) / len(labelled)
        return accuracy

    def by_measure(self) -> dict[str, dict[str, float]]:
        """Precision, recall and claimant accuracy per measure (expected's measure for recall)."""
        expected: dict[str, int] = defaultdict(int)
        predicted: dict[str, int] = defaultdict(int)
        found: dict[str, int] = defaultdict(int)
        right: dict[str, int] = defaultdict(int)
        for case in self.cases:
            for claim in case.expected:
                expected[str(claim.get("measure"))] += 1
            for claim in case.predicted:
                predicted[str(claim.get("measure"))] += 1
            for e, p in case.matched:
                found[str(e.get("measure"))] += 1
                right[str(e.get("measure"))] += claimant_equal(e, p, case.gazetteer)
        return {
            m: _figures(expected[m], predicted[m], found[m], right[m])
            for m in sorted(set(expected) | set(predicted))
        }

    def by_cause(self) -> dict[str, dict[str, float]]:
        """Recall and claimant accuracy per labelled cause (predicted claims carry no cause)."""
        expected: dict[str, int] = defaultdict(int)
        found: dict[str, int] = defaultdict(int)
        right: dict[str, int] = defaultdict(int)
        for case in self.cases:
            matched = {id(e): p for e, p in case.matched}
            for claim in case.expected:
                for cause in _causes(claim):
                    expected[cause] += 1
                    if id(claim) in matched:
                        found[cause] += 1
                        right[cause] += claimant_equal(claim, matched[id(claim)], case.gazetteer)
        return {
            cause: {
                "expected": expected[cause],
                "found": found[cause],
                "recall": round(found[cause] / expected[cause], 3),
                "claimant_accuracy": round(right[cause] / found[cause], 3)
                if found[cause]
                else None,
            }
            for cause in sorted(expected)
        }

    def by_text_kind(self) -> dict[str, dict[str, float]]:
        """Precision, recall and claimant accuracy per case `text_kind` (verbatim, summary)."""
        kinds = sorted({c.text_kind for c in self.cases if c.text_kind})
        return {
            kind: Score([c for c in self.cases if c.text_kind == kind]).summary() for kind in kinds
        }

    def summary(self) -> dict[str, float]:
        return {
            "cases": len(self.cases),
            "expected": self.expected,
            "predicted": self.predicted,
            "found": self.true_positives,
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
            "claimant_accuracy": round(self.claimant_accuracy, 3),
        }

    def false_positives_by_kind(self) -> dict[str, int]:
        """False positives at a labelled not-claim, by its kind; the rest as '(unlabelled)'."""
        counts: dict[str, int] = defaultdict(int)
        for case in self.cases:
            found = {id(p) for _, p in case.matched}
            for claim in case.predicted:
                if id(claim) in found:
                    continue
                kind = next(
                    (
                        n.get("kind", "not_claim")
                        for n in case.not_claims
                        if _overlap(n, claim, case.offset)
                    ),
                    "(unlabelled)",
                )
                counts[kind] += 1
        return dict(sorted(counts.items()))

    def misses(self) -> list[tuple[str, dict]]:
        """Expected claims not found, with their case id (for reading, never for tuning blind)."""
        out = []
        for case in self.cases:
            found = {id(e) for e, _ in case.matched}
            out.extend((case.case_id, e) for e in case.expected if id(e) not in found)
        return out

    def false_positives(self) -> list[tuple[str, dict]]:
        out = []
        for case in self.cases:
            found = {id(p) for _, p in case.matched}
            out.extend((case.case_id, p) for p in case.predicted if id(p) not in found)
        return out


def _figures(expected: int, predicted: int, found: int, right: int) -> dict[str, float]:
    return {
        "expected": expected,
        "predicted": predicted,
        "found": found,
        "precision": round(found / predicted, 3) if predicted else None,
        "recall": round(found / expected, 3) if expected else None,
        "claimant_accuracy": round(right / found, 3) if found else None,
    }


def _causes(claim: dict) -> list[str]:
    cause = claim.get("causes", claim.get("cause"))
    if cause is None:
        return ["(none)"]
    return [cause] if isinstance(cause, str) else list(cause)


def load_corpus(path: str | Path) -> list[dict]:
    """The cases of a corpus file, or of every .toml file in a corpus folder (sorted by name)."""
    path = Path(path)
    if path.is_dir():
        cases = []
        for file in sorted(path.glob("*.toml")):
            for case in _load_file(file):
                cases.append({**case, "source_file": file.name})
        return cases
    return _load_file(path)


def _load_file(path: Path) -> list[dict]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    cases = list(data.get("case", []))
    for case in cases:
        if "text" not in case and "file" in case:
            case["text"] = (path.parent / case["file"]).read_text(encoding="utf-8")
    return cases


def case_text(case: dict) -> str:
    previous = case.get("previous")
    return f"{previous} {case['text']}" if previous else case["text"]


def case_arguments(case: dict) -> tuple[str | None, str | None]:
    """Outlet and date to pass: the corpus default, or none ("") so the text's own are used."""
    outlet = case.get("outlet", DEFAULT_OUTLET) or None
    date = case.get("date", DEFAULT_DATE) or None
    return outlet, date


def score_corpus(
    cases: list[dict], gazetteer: Gazetteer | None = None, country: str | None = None
) -> Score:
    """Extract every case's text and match the claims found with the claims expected.

    `country` is the workspace country the extraction assumes (a case's own `country`
    wins); None for text about any country.
    """
    gazetteer = gazetteer or default_gazetteer()
    results = []
    for case in cases:
        outlet, date = case_arguments(case)
        predicted = claim_records(
            case_text(case),
            outlet=outlet,
            date=date,
            gazetteer=gazetteer,
            country=case.get("country", country),
        )
        expected = [_with_defaults(e, outlet, date) for e in case.get("claim", [])]
        text = case_text(case)
        offset = len(text) - len(case["text"])
        documented = case_gazetteer(case, gazetteer, country)
        result = CaseResult(
            case["id"],
            expected,
            predicted,
            case.get("source_file"),
            gazetteer=documented,
            text_kind=case.get("text_kind"),
            not_claims=list(case.get("not_claim", [])),
            offset=offset,
        )
        result.matched = match_claims(expected, predicted, offset, documented)
        results.append(result)
    return Score(results)


def case_gazetteer(case: dict, gazetteer: Gazetteer, country: str | None) -> Gazetteer:
    """The gazetteer a case's claimants are compared through: with the names its text defines."""
    masked = mask_citations(case_text(case))
    about = topic_country(masked, country_pack(case.get("country", country)))
    return document_gazetteer(masked, gazetteer, about or case.get("country", country))


def match_claims(
    expected: list[dict], predicted: list[dict], offset: int, gazetteer: Gazetteer
) -> list[tuple[dict, dict]]:
    """Each expected claim paired with a predicted claim of the same fields, if one is left:
    the one at the labelled offsets first, then one with the right claimant."""
    matched = []
    unmatched = list(predicted)
    for claim in expected:
        candidates = [p for p in unmatched if all(_field_equal(claim, p, n) for n in MATCH_FIELDS)]
        if candidates:
            best = min(
                candidates,
                key=lambda p: (
                    not _overlap(claim, p, offset),
                    not claimant_equal(claim, p, gazetteer),
                ),
            )
            matched.append((claim, best))
            unmatched.remove(best)
    return matched


def _overlap(labelled: dict, predicted: dict, offset: int = 0) -> bool:
    """The predicted quantity overlaps the labelled one's offsets (False when unlabelled).

    `offset` is where the case's own text starts in the text extracted (after `previous`).
    """
    if "start" not in labelled or "end" not in labelled:
        return False
    start, end = predicted.get("start"), predicted.get("end")
    if start is None or end is None:
        return False
    return int(start) < int(labelled["end"]) + offset and int(labelled["start"]) + offset < int(end)


def _with_defaults(expected: dict, outlet: str | None, date: str | None) -> dict:
    claim = {"population": "all", "context": "asserted", **expected}
    claim.setdefault("outlet", outlet)
    claim.setdefault("date", date)
    return claim


def claimant_equal(expected: dict, predicted: dict, gazetteer: Gazetteer | None = None) -> bool:
    """The predicted claimant is one the label accepts (folded, or the same gazetteer entry)."""
    if "claimant" not in expected:
        return True
    wanted = expected["claimant"]
    names = [wanted] if isinstance(wanted, str) else list(wanted)
    names += list(expected.get("claimant_aliases", []))
    got = predicted.get("claimant")
    if _missing(got):
        got = None
    outlet = predicted.get("outlet")
    unattributed = predicted.get("attributed") is False
    for name in names:
        if name == "@outlet":
            if unattributed or (got is not None and got == outlet):
                return True
            continue
        if got is None:
            continue
        if _fold_name(name) == _fold_name(str(got)):
            return True
        if gazetteer is not None:
            a, b = _canonical(name, gazetteer), _canonical(str(got), gazetteer)
            if a is not None and a == b:
                return True
    return False


def claimant_overlaps(expected: dict, predicted: dict, gazetteer: Gazetteer | None = None) -> bool:
    """Right, or the label's name to another extent: one folded name is a run of at least two
    words of the other ("Prosecutor's Office" in "Kazakhstan's General Prosecutor's Office",
    "Health Services Anil Jasinghe" for "Anil Jasinghe"). The outlet's own matches only itself."""
    if claimant_equal(expected, predicted, gazetteer):
        return True
    got = predicted.get("claimant")
    if "claimant" not in expected or _missing(got) or predicted.get("attributed") is False:
        return False
    wanted = expected["claimant"]
    names = [wanted] if isinstance(wanted, str) else list(wanted)
    names += list(expected.get("claimant_aliases", []))
    found = _fold_name(str(got)).split()
    for name in names:
        if name == "@outlet":
            continue
        if _stems(name) == _stems(str(got)):
            return True  # "Ukrainian Ministry of Interior", "Ukrainian Interior Ministry"
        short, long = sorted((_fold_name(name).split(), found), key=len)
        runs = range(len(long) - len(short) + 1)
        if len(short) >= 2 and any(long[i : i + len(short)] == short for i in runs):
            return True
    return False


def _stems(name: str) -> set[str]:
    """A name's words cut to five letters, without linking words: 'Sri Lanka(n) Ministry of Health'."""
    return {w[:5] for w in _fold_name(name).split() if w not in ("of", "for", "and", "on", "in")}


_NAME_NOISE = re.compile(r"['’]s\b|[^\w\s]")


def _fold_name(name: str) -> str:
    words = _NAME_NOISE.sub(" ", name.casefold()).split()
    while words and words[0] in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words)


def _canonical(name: str, gazetteer: Gazetteer) -> str | None:
    """The gazetteer's name for `name` when one alias covers (nearly) all of it."""
    mentions = gazetteer.find(name)
    if len(mentions) != 1:
        return None
    mention = mentions[0]
    rest = _fold_name(name[: mention.start] + " " + name[mention.end :])
    return mention.claimant.name if rest in ("", "the") else None


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
    if name == "claimant":
        return claimant_equal(expected, predicted)
    if name not in expected and name in OPTIONAL_FIELDS:
        return True
    want, got = expected.get(name), predicted.get(name)
    if _missing(want) or _missing(got):
        return _missing(want) and _missing(got)
    if name in ("value", "low", "high"):  # a band's end labelled to the whole person is that end
        return math.isclose(float(want), float(got), rel_tol=1e-6, abs_tol=WHOLE_PERSON)
    return str(want) == str(got)


def _scope_equal(expected: dict, predicted: dict) -> bool:
    return all(_field_equal(expected, predicted, name) for name in SCOPE_FIELDS)
