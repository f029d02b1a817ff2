"""Fit the claimant ranker (recount/claims/grammar/ranking.py) on the dev splits' halves A.

    python scripts/train_claimant_ranker.py            # refit, write src/recount/claims/data/claimant_ranker.json
    python scripts/train_claimant_ranker.py --cv       # also cross-validate by passage (printed)
    python scripts/train_claimant_ranker.py --check    # refit and compare with the file (exit 1 if not equal)
    python scripts/train_claimant_ranker.py --stability   # also refit on reordered rows and without one passage

Every found claim of a half A (tests/claims/dev2 to the newest split; bench/claims.py's HALF_A)
whose label names a claimant and which the grammar leaves to the text's own voice is one choice
among the candidates the grammar proposes; a candidate is right when the label accepts it
(`claimant_equal`). A conditional logit with a ridge penalty, fitted by Newton's method from
zero, scores the candidates. The halves B are never read. The fit reads the candidates only,
never the ranker's current weights, so the same corpora give the same file byte for byte.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
import sys
from pathlib import Path

import numpy as np

from recount.claims.claimants import default_gazetteer
from recount.claims.evaluate import (
    _with_defaults,
    case_arguments,
    case_gazetteer,
    case_text,
    claimant_equal,
    load_corpus,
    match_claims,
)
from recount.claims.extraction import claims_with_rows
from recount.claims.grammar.ranking import FEATURES

ROOT = Path(__file__).resolve().parents[1]
WEIGHTS = ROOT / "src" / "recount" / "claims" / "data" / "claimant_ranker.json"
RIDGE = 3.0
FOLDS = 5


def _halves() -> dict[str, list[str]]:
    spec = importlib.util.spec_from_file_location("bench_claims", ROOT / "bench" / "claims.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    return bench.HALF_A


def choices(split: str, passages: list[str]) -> list[tuple[str, np.ndarray, np.ndarray, int]]:
    """(passage, candidate features, which are right) per found, labelled claim the grammar
    leaves to the text's own voice (its first candidate)."""
    gazetteer = default_gazetteer()
    prefixes = tuple(f"{n}-" for n in passages)
    out = []
    for case in load_corpus(ROOT / "tests" / "claims" / split):
        names = (case.get("id", ""), Path(case.get("file", "")).name)
        passage = next((p for p in prefixes for n in names if n.startswith(p)), None)
        if passage is None:
            continue
        outlet, date = case_arguments(case)
        text = case_text(case)
        read = claims_with_rows(text, outlet, date, gazetteer, country=case.get("country"))
        predicted = [_as_the_rules_read(row, claim) for row, claim in read]
        slates = {id(row): claim.slate for row, (_, claim) in zip(predicted, read, strict=True)}
        expected = [_with_defaults(e, outlet, date) for e in case.get("claim", [])]
        documented = case_gazetteer(case, gazetteer, None)
        offset = len(text) - len(case["text"])
        for label, row in match_claims(expected, predicted, offset, documented):
            slate = slates[id(row)]
            if "claimant" not in label or not slate:  # the rules named the claimant
                continue
            right = [claimant_equal(label, _as_row(c, row["outlet"]), documented) for c in slate]
            x = np.array([c.vector() for c in slate])
            out.append((f"{split}/{passage}", x, np.array(right, dtype=float)))
    return out


def _as_row(candidate, outlet: str | None) -> dict:
    if candidate.name is None:
        return {"claimant": outlet, "attributed": False, "outlet": outlet}
    return {"claimant": candidate.name, "attributed": True, "outlet": outlet}


def _as_the_rules_read(row: dict, claim) -> dict:
    """The row with the rules' claimant, so that matching does not depend on the weights."""
    return {**row, **_as_row(claim.slate[0], row["outlet"])} if claim.slate else row


def fit(examples: list, ridge: float = RIDGE, steps: int = 50) -> np.ndarray:
    """Conditional logit: maximise sum log P(a right candidate) - ridge/2 |w|^2, by Newton.
    The choices are summed in one canonical order, so rows given in any order fit the same file."""
    informative = sorted(
        ((x, y) for _, x, y in examples if 0 < y.sum() < len(y)),
        key=lambda xy: (xy[0].shape, xy[0].tobytes(), xy[1].tobytes()),
    )
    w = np.zeros(examples[0][1].shape[1])
    for _ in range(steps):
        gradient = -ridge * w
        hessian = -ridge * np.eye(len(w))
        for x, y in informative:
            s = x @ w
            p = np.exp(s - s.max())
            p /= p.sum()
            q = p * y
            q /= q.sum()
            mean_all, mean_right = p @ x, q @ x
            gradient += mean_right - mean_all
            hessian += (x.T * q) @ x - np.outer(mean_right, mean_right)
            hessian -= (x.T * p) @ x - np.outer(mean_all, mean_all)
        step = np.linalg.solve(hessian, gradient)
        w = w - step
        if np.abs(step).max() < 1e-9:
            break
    return w


def accuracy(examples: list, w: np.ndarray | None) -> tuple[int, int]:
    """Claims whose chosen candidate is right (the text's own voice when `w` is None), of all."""
    right = 0
    for _, x, y in examples:
        right += int(y[0 if w is None else int(np.argmax(np.round(x @ w, 12)))])
    return right, len(examples)


def cross_validate(examples: list) -> dict:
    """Folds by passage (a passage's claims stay together), passages dealt in order of name."""
    passages = sorted({p for p, *_ in examples})
    fold_of = {p: i % FOLDS for i, p in enumerate(passages)}
    own = learnt = 0
    for fold in range(FOLDS):
        train = [e for e in examples if fold_of[e[0]] != fold]
        test = [e for e in examples if fold_of[e[0]] == fold]
        w = fit(train)
        own += accuracy(test, None)[0]
        learnt += accuracy(test, w)[0]
    return {"claims": len(examples), "own_voice_right": own, "ranker_right": learnt}


def stability(examples: list, passages: int = 8, seed: int = 26) -> dict:
    """Whether a refit on the rows in another order gives the same weights exactly, and how many
    training choices change when one passage (seeded draw) is left out of the refit."""
    base = fit(examples)
    shuffled = examples[:]
    random.Random(seed).shuffle(shuffled)
    chosen = [int(np.argmax(np.round(x @ base, 12))) for _, x, _ in examples]
    changed = []
    for left_out in random.Random(seed).sample(sorted({p for p, *_ in examples}), passages):
        w = fit([e for e in examples if e[0] != left_out])
        again = [int(np.argmax(np.round(x @ w, 12))) for _, x, _ in examples]
        changed.append(sum(a != b for a, b in zip(chosen, again, strict=True)))
    return {
        "same_in_any_order": bool(np.array_equal(fit(shuffled), base)),
        "choices": len(examples),
        "changed_without_one_passage": changed,
    }


def document(examples: list, w: np.ndarray) -> str:
    weights = [round(float(v), 4) + 0.0 for v in w]
    data = {
        "trained_by": "scripts/train_claimant_ranker.py",
        "ridge": RIDGE,
        "claims": len(examples),
        "passages": len({p for p, *_ in examples}),
        "features": list(FEATURES),
        "weights": weights,
    }
    return json.dumps(data, indent=1) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cv", action="store_true", help="cross-validate by passage")
    parser.add_argument("--check", action="store_true", help="compare with the file, write none")
    parser.add_argument("--stability", action="store_true", help="refit reordered and leaner")
    args = parser.parse_args(argv)
    fitted = json.loads(WEIGHTS.read_text(encoding="utf-8"))["features"]
    if args.check and fitted != list(FEATURES):
        return 1
    if fitted != list(FEATURES):  # the candidates do not depend on the weights: any will do
        zeros = [0.0] * len(FEATURES)
        WEIGHTS.write_text(json.dumps({"features": list(FEATURES), "weights": zeros}) + "\n")
    examples = [e for split, passages in _halves().items() for e in choices(split, passages)]
    if args.cv:
        print(json.dumps(cross_validate(examples)))
    if args.stability:
        print(json.dumps(stability(examples)))
    text = document(examples, fit(examples))
    if args.check:
        return 0 if WEIGHTS.read_text(encoding="utf-8") == text else 1
    WEIGHTS.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
