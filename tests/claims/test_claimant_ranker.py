"""The claimant ranker: its weights come from its training script, and it chooses as they say."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import numpy as np
import pytest

from recount.claims.extraction import claim_records
from recount.claims.grammar import ranking

ROOT = Path(__file__).resolve().parents[2]


def _trainer():
    path = ROOT / "scripts" / "train_claimant_ranker.py"
    spec = importlib.util.spec_from_file_location("train_claimant_ranker", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_retraining_reproduces_the_weights_byte_for_byte():
    """About 30 s: every half A of the dev splits is read again and the logit refitted."""
    assert _trainer().main(["--check"]) == 0


def test_the_weights_file_is_the_fitted_features():
    data = json.loads((ROOT / "src/recount/claims/data/claimant_ranker.json").read_text())
    assert data["features"] == list(ranking.FEATURES)
    assert data["trained_by"] == "scripts/train_claimant_ranker.py"
    assert len(ranking.weights()) == len(ranking.FEATURES)


def test_the_fit_finds_the_feature_that_marks_the_right_candidate_and_repeats_itself():
    """Slates of three (the text's own voice first) where the quote's speaker is right in 3 of 4
    and the own voice in the rest: the fit learns to follow the quote, and refitting gives the
    same document."""
    trainer = _trainer()
    examples = []
    for i in range(200):
        x = np.zeros((3, len(ranking.FEATURES)))
        x[0, ranking.FEATURES.index("outlet")] = 1.0
        x[1 + i % 2, ranking.FEATURES.index("quote_speaker")] = 1.0
        y = np.zeros(3)
        y[0 if i % 4 == 0 else 1 + i % 2] = 1.0
        examples.append((f"p{i % 20}", x, y))
    w = trainer.fit(examples)
    assert w[ranking.FEATURES.index("quote_speaker")] > w[ranking.FEATURES.index("outlet")]
    assert trainer.accuracy(examples, None)[0] == 50
    assert trainer.accuracy(examples, w)[0] == 150
    assert trainer.document(examples, w) == trainer.document(examples, trainer.fit(examples))


def test_the_fit_is_the_same_whatever_the_order_of_its_rows():
    """A refit must not move because a corpus was read in another order: the weights are equal
    exactly, not only once rounded, so no near-tie can turn on the order of a sum."""
    trainer = _trainer()
    rng = np.random.default_rng(26)
    examples = []
    for i in range(300):
        x = rng.normal(size=(4, len(ranking.FEATURES)))
        y = np.zeros(4)
        y[rng.integers(4)] = 1.0
        examples.append((f"p{i % 30}", x, y))
    w = trainer.fit(examples)
    for seed in range(3):
        order = np.random.default_rng(seed).permutation(len(examples))
        assert np.array_equal(trainer.fit([examples[i] for i in order]), w)
    report = trainer.stability(examples, passages=2)
    assert report["same_in_any_order"] and report["choices"] == 300
    assert len(report["changed_without_one_passage"]) == 2


def test_the_best_scored_candidate_wins_and_a_tie_keeps_the_texts_own_voice():
    own = ranking.Candidate(None, "outlet", {"outlet": 1.0})
    earlier = ranking.Candidate("Health Ministry", "government", {"previous_sentence": 1.0})
    w = [0.0] * len(ranking.FEATURES)
    assert ranking.best([own, earlier], tuple(w)) is own
    w[ranking.FEATURES.index("previous_sentence")] = 0.5
    assert ranking.best([own, earlier], tuple(w)) is earlier


def test_a_named_source_in_the_sentence_and_the_paragraph_after_it():
    rows = claim_records(
        "At least 4,000 people have been killed since the coup, according to AAPP. "
        "The junta has arrested 27,702 people.",
        "Testwire",
        "2024-01-01",
    )
    assert [(r["quantity_text"], r["attributed"]) for r in rows] == [
        ("At least 4,000", True),
        ("27,702", True),
    ]
    assert rows[0]["claimant"] == rows[1]["claimant"] != "Testwire"
