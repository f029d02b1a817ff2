"""The [link] section: defaults, overrides and clear errors."""

from __future__ import annotations

import pytest

from recount.errors import ConfigError
from recount.link.options import LinkOptions, parse_link_options


def test_defaults_and_valid_values():
    assert parse_link_options({}) == LinkOptions()
    options = parse_link_options(
        {"backend": "spark", "threshold": 0.95, "conflict_days": 10, "u_max_pairs": 100000}
    )
    assert options.backend == "spark" and options.threshold == 0.95 and options.u_max_pairs == 1e5


@pytest.mark.parametrize(
    ("section", "key"),
    [
        ({"backend": "postgres"}, "link.backend"),
        ({"threshold": 1.5}, "link.threshold"),
        ({"threshold": "high"}, "link.threshold"),
        ({"prediction_threshold": 0.99, "threshold": 0.9}, "link.prediction_threshold"),
        ({"thresold": 0.9}, "link.thresold"),
        ({"conflict_days": True}, "link.conflict_days"),
        ({"rare_name_max": 1}, "link.rare_name_max"),
    ],
)
def test_bad_values_name_the_key(section, key):
    with pytest.raises(ConfigError) as error:
        parse_link_options(section)
    assert error.value.key == key


def test_overrides_are_validated():
    assert LinkOptions().with_overrides(threshold=0.8, backend=None).threshold == 0.8
    with pytest.raises(ConfigError):
        LinkOptions().with_overrides(backend="oracle")
