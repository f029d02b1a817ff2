"""Whose is a figure no one in its sentence claims: a ranker learnt from labelled text.

The grammar names a figure's claimant where the text gives one by its grammar (a verb of saying,
"according to", a list's heading, a timeline's label). A figure it leaves to the text's own voice
may still go on in the words of a source named before ("… according to AAPP." / "The junta has
arrested 27,702 people"), or not ("Last week gunmen killed 22"). A rule made that call until round
21 and did not carry to new text (docs/bench/claims.md, Round 22). Here the candidates are the
text's own voice, the sources named before (the previous sentence's, the paragraph's speaker,
the text's first), the names of the sentence, the quote's speaker and the paragraph's credit,
each described by a few features (where it was named, side and distance from the figure, a verb
of saying, the kind of body, the kind of text). A conditional logit fitted on the dev splits'
labelled claims (scripts/train_claimant_ranker.py) scores them; the best-scored is the
claimant, the text's own voice on a tie. Its weights are `data/claimant_ranker.json`.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

KINDS = ("un", "ngo", "government", "monitor", "research", "media", "armed_group", "person")
FEATURES = (
    "outlet",
    "outlet_in_quote",
    "cue",
    "cue_same_clause",
    "cue_before",
    "cue_scoped",
    "cue_nearest",
    "mention",
    "mention_before",
    "mention_nearest",
    "closeness",
    "in_sentence",
    "previous_sentence",
    "paragraph_speaker",
    "last_named",
    "principal",
    "paragraph_source",
    "quote_speaker",
    "credited",
    "generic_name",
    "name_words",
    "outlet_credited",
    "outlet_cited",
    "outlet_wire",
    "outlet_datelined",
    "outlet_roundup",
    "earlier",
    "earlier_new_paragraph",
    "earlier_same_family",
    "earlier_cited",
    "earlier_wire",
    "earlier_datelined",
    "earlier_event_subject",
    "principal_same_family",
    *(f"kind_{k}" for k in KINDS),
    "kind_other",
)
_INDEX = {name: i for i, name in enumerate(FEATURES)}
# Sources named before the figure's sentence.
EARLIER = ("previous_sentence", "paragraph_speaker", "last_named", "principal", "paragraph_source")
OUTLET = "@outlet"
_CLAUSE_BREAK_RE = re.compile(r"[;:]|,\s+(?:while|but|whereas|and\s+(?:the|a)\b)|\s[–—]\s")


@dataclass
class Candidate:
    """One claimant a figure may have: its name (None for the text's own voice) and features."""

    name: str | None
    kind: str
    values: dict[str, float] = field(default_factory=dict)

    def vector(self) -> list[float]:
        row = [0.0] * len(FEATURES)
        for name, value in self.values.items():
            row[_INDEX[name]] = value
        return row


def key(name: str | None) -> str:
    """Candidates are one when their names fold alike ('the UN', 'UN')."""
    if name is None:
        return OUTLET
    words = re.sub(r"['’]s\b|[^\w\s]", " ", name.casefold()).split()
    while words and words[0] in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words) or OUTLET


class Slate:
    """The candidates of one figure, merged by name; each source of a candidate adds features."""

    def __init__(self, outlet: str | None):
        self.outlet = outlet
        self.by_key: dict[str, Candidate] = {}
        self.add(OUTLET, None, "outlet", outlet=1.0)

    def add(self, name_key: str, name: str | None, kind: str, **values) -> None:
        candidate = self.by_key.get(name_key)
        if candidate is None:
            candidate = Candidate(name, kind)
            self.by_key[name_key] = candidate
            kind_feature = f"kind_{kind}" if kind in KINDS else "kind_other"
            if name_key != OUTLET:
                candidate.values[kind_feature] = 1.0
        for feature, value in values.items():
            candidate.values[feature] = max(candidate.values.get(feature, 0.0), value)

    def named(self, name: str | None, kind: str | None, **values) -> None:
        """A source named somewhere (the text's own voice when `kind` is 'outlet' or no name)."""
        if not name or kind == "outlet" or name == self.outlet:
            self.add(OUTLET, None, "outlet", **values)
        else:
            self.add(key(name), name, kind or "other", **values)

    @property
    def candidates(self) -> list[Candidate]:
        return list(self.by_key.values())


@dataclass(frozen=True)
class Setting:
    """What the text around a figure is like: its paragraph's credit or dateline, an
    encyclopedia's citations, wire copy's one-sentence paragraphs, a roundup of reports."""

    credited: bool
    cited: bool
    wire: bool
    datelined: bool
    roundup: bool
    new_paragraph: bool
    same_family: bool  # the figure counts what the previous sentence's sources counted (harm, …)
    principal_family: bool  # … what the text's first source counted
    event_subject: bool  # an event is the subject of the figure's clause ("a blast killed 9")


def finish(candidates: list[Candidate], setting: Setting) -> None:
    """The features that describe a candidate as a whole, once every source has added its own."""
    for c in candidates:
        v = c.values
        if c.name is None:
            v["outlet_credited"] = float(setting.credited)
            v["outlet_cited"] = float(setting.cited)
            v["outlet_wire"] = float(setting.wire)
            v["outlet_datelined"] = float(setting.datelined)
            v["outlet_roundup"] = float(setting.roundup)
            continue
        if not v.get("in_sentence") and any(v.get(f) for f in EARLIER):
            v["earlier"] = 1.0
            v["earlier_new_paragraph"] = float(setting.new_paragraph)
            v["earlier_same_family"] = float(setting.same_family)
            v["earlier_cited"] = float(setting.cited)
            v["earlier_wire"] = float(setting.wire)
            v["earlier_datelined"] = float(setting.datelined)
            v["earlier_event_subject"] = float(setting.event_subject)
            v["principal_same_family"] = float(
                bool(v.get("principal")) and setting.principal_family
            )
        words = c.name.split()
        generic = not any(w[:1].isupper() for w in words)
        v["generic_name"] = float(generic)
        v["name_words"] = min(len(words), 6) / 6


def clause_of(sentence: str, offset: int) -> int:
    return sum(1 for m in _CLAUSE_BREAK_RE.finditer(sentence) if m.start() < offset)


def closeness(a: int, b: int) -> float:
    """1 at the figure, falling with the log of the distance to 0 at about 1,000 characters."""
    return max(0.0, 1.0 - math.log1p(abs(a - b)) / 7.0)


@lru_cache(maxsize=1)
def weights() -> tuple[float, ...]:
    """The fitted weights, in FEATURES' order (data/claimant_ranker.json)."""
    data = json.loads(
        resources.files("recount.claims").joinpath("data/claimant_ranker.json").read_text("utf-8")
    )
    if tuple(data["features"]) != FEATURES:
        raise ValueError("data/claimant_ranker.json was fitted on other features: retrain it")
    return tuple(float(w) for w in data["weights"])


def score(candidate: Candidate, w: tuple[float, ...]) -> float:
    return sum(w[_INDEX[name]] * value for name, value in candidate.values.items())


def best(candidates: list[Candidate], w: tuple[float, ...] | None = None) -> Candidate:
    """The best-scored candidate; on a tie the first proposed (the text's own voice)."""
    w = weights() if w is None else w
    return max(candidates, key=lambda c: score(c, w))
