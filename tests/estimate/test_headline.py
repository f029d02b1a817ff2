"""The headline total in words: what `recount run`, `recount estimate` and the report say."""

from __future__ import annotations

import pandas as pd

from recount.estimate.headline import HEADLINE_CAUTIONS, headline_text


def _total(**row) -> pd.DataFrame:
    base = {
        "level": "total_pooled",
        "method": "lcmcr",
        "documented": 1372,
        "estimate": 1862.0,
        "lower": 1720.0,
        "upper": 2234.0,
        "rhat": 1.047,
        "ess": 99.6,
        "status": "ok",
        "reason": None,
        "flag": "poor_convergence",
        "preferred": True,
    }
    return pd.DataFrame([{**base, **row}])


def test_an_unconverged_headline_gives_its_diagnostics_and_says_what_to_do():
    """A small world's pooled LCMCR (R-hat 1.047, ESS 100 by default): the run's output
    quotes both and says which key to set, in which file, and what to run."""
    first, *cautions = headline_text(_total())
    assert first == (
        "Estimated total: 1,862 (95% interval 1,720 to 2,234; lcmcr, one pooled table, "
        "R-hat 1.047, ESS 100); 1,372 documented people."
    )
    assert cautions == [HEADLINE_CAUTIONS["poor_convergence"]]
    assert "raise max_sweeps under [estimate.lcmcr] in recount.toml" in cautions[0]
    assert "ess_target = 1000" in cautions[0]
    assert "`recount estimate` again" in cautions[0]


def test_a_headline_whose_classes_are_all_in_use_says_to_raise_k():
    """LCMCR's truncation binds (8 dependent lists at K = 10): the chains disagree, and the
    caution names the key that mends the model, not only a longer run."""
    _, *cautions = headline_text(_total(flag="poor_convergence;truncation_binds"))
    assert cautions == [
        HEADLINE_CAUTIONS["poor_convergence"],
        HEADLINE_CAUTIONS["truncation_binds"],
    ]
    assert "Raise K under [estimate] in recount.toml" in cautions[1]


def test_a_headline_without_diagnostics_or_flags_is_one_sentence():
    (first,) = headline_text(
        _total(method="loglinear", level="total", rhat=None, ess=None, flag=None)
    )
    assert first.endswith("2,234; loglinear, summed over strata); 1,372 documented people.")


def test_the_printed_caution_keeps_the_key_in_brackets():
    """Rich read '[estimate.lcmcr]' as markup and printed 'under  in recount.toml'."""
    from recount.cli.common import console
    from recount.cli.estimate import print_headline

    with console.capture() as captured:
        print_headline(_total())
    text = " ".join(captured.get().split())
    assert "raise max_sweeps under [estimate.lcmcr] in recount.toml" in text


def test_the_disagreement_caution_points_at_a_report_section_that_exists():
    """The caution sends the reader somewhere: the report's numbered section of that name and a
    runnable export command."""
    from pathlib import Path

    import recount.report

    template = Path(recount.report.__file__).parent / "templates" / "report.html.j2"
    caution = HEADLINE_CAUTIONS["methods_disagree"]
    assert "<h2>6. Estimation diagnostics</h2>" in template.read_text(encoding="utf-8")
    assert "estimation diagnostics (section 6)" in caution
    assert "`recount export estimates -o estimates.csv`" in caution
