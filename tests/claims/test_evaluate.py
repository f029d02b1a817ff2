"""The scorer reads the project's label format for real text (tests/claims/dev2/README.md)."""

from __future__ import annotations

from recount.claims.evaluate import claimant_equal, load_corpus, score_corpus

CORPUS = """
[[case]]
id = "a"
file = "articles/a.txt"
outlet = "Wire"
text_kind = "verbatim"
[[case.claim]]
measure = "killed"
population = "all"
value = 12
low = 12
high = 12
context = "asserted"
claimant = "Office of the UN High Commissioner for Human Rights"
claimant_aliases = ["OHCHR"]
quantity_text = "12"
start = {start}
end = {end}
causes = ["claimant_acronym"]
[[case.not_claim]]
quantity_text = "30"
start = {not_start}
end = {not_end}
kind = "other_war"
[[case.claim]]
measure = "abducted"
population = "all"
value = 7
low = 7
high = 7
context = "asserted"
claimant = "police"
causes = ["measure_wording"]
"""


def test_a_corpus_folder_with_texts_in_files(tmp_path):
    text = (
        "Some 40 percent of the 12 people killed were women, OHCHR said.\n\nGunmen raided the "
        "town. They took 7 hostages, police said. In 1941, 30 were killed at the same ravine."
    )
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "a.txt").write_text(text, encoding="utf-8")
    start = text.index("12")
    not_start = text.index("30 were")
    (tmp_path / "split.toml").write_text(
        CORPUS.format(start=start, end=start + 2, not_start=not_start, not_end=not_start + 2),
        encoding="utf-8",
    )
    cases = load_corpus(tmp_path)
    assert cases[0]["text"] == text and cases[0]["source_file"] == "split.toml"
    score = score_corpus(cases)
    assert (score.true_positives, score.predicted) == (2, 3)  # "7 hostages" are abducted
    assert score.claimant_accuracy == 1.0  # the alias (and the text's own acronym) are accepted
    assert score.by_text_kind()["verbatim"]["found"] == 2
    assert score.by_cause()["claimant_acronym"]["recall"] == 1.0
    assert score.by_measure()["abducted"]["recall"] == 1.0
    assert score.false_positives_by_kind() == {"other_war": 1}  # the labelled not-claim


def test_claimant_names_compare_folded_and_through_the_gazetteer():
    from recount.claims import default_gazetteer

    gazetteer = default_gazetteer()
    got = {"claimant": "Syrian Observatory for Human Rights", "outlet": "Wire"}
    assert claimant_equal({"claimant": "SOHR"}, got, gazetteer)
    assert claimant_equal({"claimant": ["the Syrian Observatory"]}, got, gazetteer)
    assert not claimant_equal({"claimant": "SNHR"}, got, gazetteer)
    assert claimant_equal(
        {"claimant": "Gaza Ministry of Health"}, {"claimant": "gaza ministry of health"}
    )
    assert claimant_equal({"claimant": "@outlet"}, {"claimant": "Wire", "outlet": "Wire"})
    assert claimant_equal({"claimant": "x", "claimant_aliases": ["@outlet"]}, {"attributed": False})
