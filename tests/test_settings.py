"""recount.toml: one settings class per section, every key checked when the file is read."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from recount.config import load_config, parse_config
from recount.errors import ConfigError
from recount.settings import (
    SECTIONS,
    EstimateSettings,
    LcmcrSettings,
    LinkSettings,
    ReviewSettings,
)

ROOT = Path(__file__).resolve().parents[1]

CONFIG = """\
[project]
name = "t"

[[sources]]
id = "a"
path = "a.csv"
[sources.columns]
name = "name"

[link]
threshold = 0.8

[estimate]
strata = ["governorate"]

[estimate.lcmcr]
burnin = 10
"""


def error_for(tmp_path: Path, text: str) -> ConfigError:
    (tmp_path / "recount.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path / "recount.toml")
    return caught.value


def test_every_section_is_read_into_its_class(tmp_path):
    (tmp_path / "recount.toml").write_text(CONFIG, encoding="utf-8")
    config = load_config(tmp_path / "recount.toml")
    assert config.project_name == "t" and config.project.event == "killed"
    assert config.sources[0].path == tmp_path / "a.csv"
    assert config.link.threshold == 0.8 and config.link.backend == "duckdb"
    assert config.estimate.strata == ("governorate",)
    assert config.estimate.pooled_levels == ("total",)
    assert config.estimate.engine == "processes"
    assert config.estimate.lcmcr.burnin == 10 and config.estimate.lcmcr.sampler == "auto"
    assert config.review == ReviewSettings() and config.report.redact is False


@pytest.mark.parametrize(
    ("section", "line", "key", "says"),
    [
        ("[names]\nearliest = 2011-03-01\n", 11, "names.earliest", "unknown key"),
        ("[report]\nredacted = true\n", 11, "report.redacted", "unknown key"),
        ("[reprot]\nredact = true\n", 10, "reprot", "unknown section"),
        ("[review]\nlease_minutes = -1\n", 11, "review.lease_minutes", ">= 0"),
        ("[link]\nthreshold = 1.5\n", 11, "link.threshold", "strictly between 0 and 1"),
        ("[estimate]\nchains = 'four'\n", 11, "estimate.chains", "whole number"),
        ("[estimate.lcmcr]\nsampler = 'hmc'\n", 11, "estimate.lcmcr.sampler", "auto, nuts"),
        ("[claims]\nclaimant = [{name = 'x', kind = 'oracle'}]\n", 11, "claims.claimant[0].kind",
         "expected one of"),
    ],
)  # fmt: skip
def test_unknown_and_bad_keys_name_the_file_the_line_and_the_key(
    tmp_path, section, line, key, says
):
    head = CONFIG.split("[link]")[0]  # 9 lines: project and one source
    error = error_for(tmp_path, head + section)
    assert error.key == key and says in error.message
    assert error.line == line
    assert str(error).startswith(f"{tmp_path / 'recount.toml'}:{line}: [{key}]")


def test_a_source_key_is_found_under_its_own_array_entry(tmp_path):
    text = CONFIG.replace(
        "[link]", '[[sources]]\nid = "b"\npath = "b.csv"\n[sources.columns]\nnom = "x"\n\n[link]'
    )
    error = error_for(tmp_path, text)
    assert error.key == "sources.b.columns.nom" and error.line == 14


def test_link_defaults_overrides_and_rules_between_keys():
    assert LinkSettings.parse({}) == LinkSettings()
    link = LinkSettings.parse({"backend": "spark", "u_max_pairs": 100000, "conflict_days": 10})
    assert link.backend == "spark" and link.u_max_pairs == 1e5 and link.conflict_days == 10
    assert LinkSettings().with_overrides(threshold=0.8, backend=None).threshold == 0.8
    for section, key in [
        ({"backend": "postgres"}, "link.backend"),
        ({"threshold": "high"}, "link.threshold"),
        ({"prediction_threshold": 0.99, "threshold": 0.9}, "link.prediction_threshold"),
        ({"thresold": 0.9}, "link.thresold"),
        ({"conflict_days": True}, "link.conflict_days"),
        ({"rare_name_max": 1}, "link.rare_name_max"),
    ]:
        with pytest.raises(ConfigError) as error:
            LinkSettings.parse(section)
        assert error.value.key == key
    with pytest.raises(ConfigError, match="link.backend"):
        LinkSettings().with_overrides(backend="oracle")


def test_estimate_defaults_and_the_engine_follows_the_link_backend(tmp_path):
    config = parse_config({"link": {"backend": "spark"}}, tmp_path / "recount.toml")
    assert config.estimate.engine == "spark"
    settings = EstimateSettings()
    assert settings.methods == ("lcmcr", "loglinear", "dga") and settings.K == 10
    assert settings.chains == 4 and settings.seed == 20111 and settings.pooled_levels == ()
    assert EstimateSettings.parse({"delta": 0.25}).delta == 0.25
    assert EstimateSettings.parse({"methods": "dga"}).methods == ("dga",)


@pytest.mark.parametrize(
    ("section", "key"),
    [
        ({"K": 0}, "estimate.K"),
        ({"chains": 0}, "estimate.chains"),
        ({"methods": ["lcmcr", "bayes"]}, "estimate.methods"),
        ({"methods": []}, "estimate.methods"),
        ({"strata": ["year", "year"]}, "estimate.strata"),
        ({"strata": ["in_a"]}, "estimate.strata"),
        ({"strata": ["n_records"]}, "estimate.strata"),
        ({"strata": ["year"], "pooled": ["governorate"]}, "estimate.pooled"),
        ({"criterion": "dic"}, "estimate.criterion"),
        ({"delta": 0}, "estimate.delta"),
        ({"engine": "dask"}, "estimate.engine"),
        ({"lcmcr": {"iterations": 5}}, "estimate.lcmcr.iterations"),
        ({"chains": 2, "draws": 1000, "lcmcr": {"draws": 100}}, "estimate.lcmcr.draws"),
        ({"lcmcr": {"burnin": -5}}, "estimate.lcmcr.burnin"),
        ({"lcmcr": {"burnin": "long"}}, "estimate.lcmcr.burnin"),
        ({"lcmcr": {"ess_target": True}}, "estimate.lcmcr.ess_target"),
        ({"lcmcr": {"n_jobs": 0}}, "estimate.lcmcr.n_jobs"),
        ({"lcmcr": 3}, "estimate.lcmcr"),
        ({"stratum": ["year"]}, "estimate.stratum"),
    ],
)
def test_estimate_errors_name_the_key(section, key):
    with pytest.raises(ConfigError) as info:
        EstimateSettings.parse(section)
    assert info.value.key == key


def test_the_lcmcr_estimator_checks_its_arguments_with_the_settings_rules():
    from recount.estimate.lcmcr import LCMCR

    assert LCMCR().K == EstimateSettings.K and LCMCR().chains == EstimateSettings.chains
    assert LCMCR().sampler == LcmcrSettings.sampler
    with pytest.raises(ConfigError) as info:
        LCMCR(burnin=-1).check()
    assert info.value.key == "estimate.lcmcr.burnin"
    with pytest.raises(ConfigError) as info:
        LCMCR(K=0).check()
    assert info.value.key == "estimate.K"


def test_review_settings_check_numbers():
    assert ReviewSettings.parse({"double_review_percent": 50}).double_review_percent == 50.0
    with pytest.raises(ConfigError, match="review.double_review_percent"):
        ReviewSettings.parse({"double_review_percent": 150})
    with pytest.raises(ConfigError, match="review.secure_cookies"):
        ReviewSettings.parse({"secure_cookies": "yes"})


def test_every_section_has_help_for_every_key():
    for cls in SECTIONS.values():
        assert all(cls.help().values()), f"[{cls.NAME}] has a key without help"


# A default or shared rule, as grep finds it, and the one file that may write it.
WRITTEN_ONCE = [
    (r"\b20111\b", "settings/estimate.py"),
    (r"\b20110315\b", "settings/link.py"),
    (r"\b1\.01\b", "settings/estimate.py"),
    (r"= 400\b", "settings/estimate.py"),
    (r'\("lcmcr", "loglinear", "dga"\)', "settings/estimate.py"),
    (r'"hlcmcr", "lcmcr", "loglinear"', "settings/estimate.py"),
    (r'"aic", "bic"|"bic", "aic"', "settings/estimate.py"),
    (r'"processes"', "settings/estimate.py"),
    (r'"nuts", "collapsed"|"collapsed", "augmented"', "settings/estimate.py"),
    (r'"2g"', "settings/link.py"),
    (r'"auto", "arabic", "spelling"', "settings/names.py"),
    (r'"killed", "missing"', "settings/project.py"),
    (r'"given_name", "father_name", "grandfather_name", "family_name"', "settings/sources.py"),
    (r'"csv", "tsv", "xlsx"', "settings/sources.py"),
    (r"alpha: float = 0\.05|^ALPHA = ", "estimate/protocol.py", "estimate"),
    (r"0\.025, 0\.975|1\.95996", None, "estimate"),  # the interval's ends derive from ALPHA
    (r"SUPPORT_FACTOR = ", "estimate/_lcmcr_sampler.py"),
    (r"undoes is null", "tables/views.py"),
    (r"partition by record_id_l, record_id_r", "tables/views.py"),
    (r'"_pooled"', "tables/catalog.py"),
    (r"total_pooled", None),
    (r"1899", "exports.py"),
    (r"^PREFERENCE = ", "estimate/preferred.py"),
    (r"(workers|chains|K): int = [0-9]", None),
    (r"(release_after|busy_timeout|driver_memory|partitions): [a-z]+ = [0-9\"]", None),
]


@pytest.mark.parametrize("rule", WRITTEN_ONCE, ids=lambda rule: rule[0])
def test_each_default_and_shared_rule_is_written_once_in_the_source(rule):
    """Seeds, limits, method and field lists, shared SQL rules: one place in src/recount (the
    settings for defaults, recount.tables for the tables' rules); others import them."""
    literal, home, *within = rule  # within: the one package the rule belongs to
    package = ROOT / "src" / "recount"
    found = subprocess.run(
        ["grep", "-rlE", literal, "--include=*.py", str(package.joinpath(*within))],
        capture_output=True,
        text=True,
    ).stdout.split()
    written = sorted(Path(f).relative_to(package).as_posix() for f in found)
    assert written == ([home] if home else []), written


def test_the_config_reference_is_written_from_the_settings():
    """docs/configuration.md is generated (`make docs`): every key, default and help, current."""
    from recount.settings.reference import markdown

    reference = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    assert reference == markdown(SECTIONS), "docs/configuration.md is stale: run `make docs`"


def test_names_equivalents_are_groups_of_words_and_errors_name_the_line(tmp_path):
    table = '[names]\nequivalents = [["jean", "yohana", "jan"], ["pierre", "petro"]]\n'
    (tmp_path / "recount.toml").write_text(CONFIG + table, encoding="utf-8")
    config = load_config(tmp_path / "recount.toml")
    assert config.names.equivalents == (("jean", "yohana", "jan"), ("pierre", "petro"))
    line = CONFIG.count("\n") + 2
    for bad, says in (
        ('[["jean"]]', "two names"),
        ('[["jean", "jean pierre"]]', "one word"),
        ('[["jean", "yohana"], ["Jean", "jan"]]', "also in group 0"),
        ('["jean", "yohana"]', "expected"),
    ):
        error = error_for(tmp_path, CONFIG + f"[names]\nequivalents = {bad}\n")
        assert f"recount.toml:{line}" in str(error) and "names.equivalents" in str(error)
        assert says in str(error)
