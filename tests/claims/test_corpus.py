"""Extraction on the annotated corpus: every case exactly, and precision/recall overall."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from recount.claims.evaluate import load_corpus, score_corpus

CORPUS = Path(__file__).parent / "corpus.toml"
HELD_OUT = [Path(__file__).parent / "held_out.toml", Path(__file__).parent / "held_out_2.toml"]

CASES = load_corpus(CORPUS)


def test_corpus_is_large_enough_and_covers_every_construction():
    assert len(CASES) >= 60
    tags = {tag for case in CASES for tag in case.get("tags", [])}
    for needed in (
        "qualifier:more_than", "qualifier:at_least", "qualifier:about", "qualifier:nearly",
        "qualifier:up_to", "number:words", "number:arabic_indic", "vague:dozens",
        "vague:hundreds", "vague:tens_of_thousands", "respectively", "measure:saved",
        "measure:evacuated", "measure:injured", "measure:missing", "measure:detained",
        "measure:displaced", "population:children", "population:combatants", "claimant:said",
        "claimant:according_to", "claimant:put", "claimant:outlet", "claimant:pronoun",
        "place:governorate", "place:city", "place:other_country", "period:since", "period:in_month",
        "period:between", "edge:year", "edge:age", "edge:date", "edge:other_war",
        "context:negated", "context:hypothetical", "document:header",
    ):  # fmt: skip
        assert needed in tags, needed
    verdicts = {claim.get("verdict") for case in CASES for claim in case.get("claim", [])}
    assert {
        "consistent",
        "undercount",
        "below_estimate",
        "above_range",
        "not_checkable",
    } <= verdicts


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_case(case, gazetteer):
    result = score_corpus([case], gazetteer, country="SY").cases[0]
    assert len(result.predicted) == len(result.expected), "wrong number of claims"
    assert len(result.matched) == len(result.expected), (
        "a claim's quantity, measure, population, claimant or context is wrong"
    )
    assert result.exact, "a claim's place, period, outlet or date is wrong"


def test_offsets_index_the_original_text(gazetteer):
    from recount.claims import extract_claims
    from recount.claims.evaluate import case_text

    for case in CASES:
        text = case_text(case)
        for claim in extract_claims(text, gazetteer=gazetteer, country="SY").to_dict("records"):
            assert text[claim["start"] : claim["end"]] == claim["quantity_text"]
            assert text[claim["sentence_start"] : claim["sentence_end"]] == claim["sentence"]
            assert claim["sentence_start"] <= claim["start"] < claim["end"] <= claim["sentence_end"]


def test_precision_and_recall(gazetteer):
    score = score_corpus(CASES, gazetteer, country="SY")
    assert score.precision >= 0.95
    assert score.recall >= 0.95


@pytest.mark.parametrize("path", HELD_OUT, ids=lambda p: p.stem)
def test_held_out_sentences_are_mostly_right(path, gazetteer):
    """Sentences written apart from the grammar: a floor, not a target (see docs/bench/claims.md)."""
    score = score_corpus(load_corpus(path), gazetteer, country="SY")
    assert score.precision >= 0.85
    assert score.recall >= 0.8


def test_a_whole_article():
    """A multi-paragraph piece written for these tests: coreference, tolls, parts, lists, scope."""
    from recount.claims import extract_claims

    text = (Path(__file__).parent / "articles" / "decade.txt").read_text(encoding="utf-8")
    claims = extract_claims(text)
    got = [
        (row["claimant"], row["measure"], row["population"], row["quantity_text"])
        for row in claims.to_dict("records")
    ]
    sohr = "Syrian Observatory for Human Rights"
    assert got == [
        ("war monitor", "killed", "all", "more than 387,000"),
        (sohr, "killed", "civilians", "117,388"),
        (sohr, "killed", "children", "22,000"),
        (sohr, "killed", "women", "more than 13,000"),
        (sohr, "missing", "all", "205,300"),
        (sohr, "killed", "all", "88,000"),
        ("United Nations", "killed", "all", "191,369"),
        ("UN Special Envoy for Syria", "killed", "all", "400,000"),
        ("UNHCR", "displaced", "all", "5.6 million"),
        (sohr, "killed", "all", "6,817"),
    ]
    assert set(claims["outlet"]) == {"Reuters"}
    first = claims.iloc[0]
    assert (
        first["place_code"] == "SY" and first["period"] is pd.NA
    )  # "in March 2011" dates the protests
    un = claims.iloc[6]
    assert (
        un["period_start"] is None and un["period_end"].isoformat() == "2014-12-31"
    )  # a toll as of 2014


DEV = Path(__file__).parent / "dev"


def test_the_dev_split_of_real_text_keeps_its_figures():
    """Real published passages the grammar was developed on (a floor, not the blind figure)."""
    from recount.claims.claimants import default_gazetteer

    score = score_corpus(load_corpus(DEV), default_gazetteer())
    assert score.expected >= 120
    assert score.precision >= 0.95
    assert score.recall >= 0.95
    assert score.claimant_accuracy >= 0.9


def test_every_dev_passage_names_its_source_and_licence():
    import tomllib

    for path in sorted(DEV.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for key in ("title", "url", "licence", "attribution"):
            assert data.get(key), f"{path.name}: {key}"
