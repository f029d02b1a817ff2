"""The commented recount.toml that `recount init` writes."""

from __future__ import annotations

import json

from recount.reference import available_packs, country_pack
from recount.settings import (
    EVENTS,
    EstimateSettings,
    LcmcrSettings,
    LinkSettings,
    NamesSettings,
    ProjectSettings,
    ReportSettings,
)
from recount.settings.link import BACKENDS


def config_template(
    name: str, event: str = ProjectSettings.event, country: str | None = None
) -> str:
    """Commented defaults come from recount.settings, where they are defined."""
    estimate, lcmcr = EstimateSettings, LcmcrSettings
    pack = country_pack(country)
    units = ", ".join(country_pack(code).admin_word_plural for code in available_packs())
    chosen = f'country = "{pack.code}"' if country else f'# country = "{available_packs()[0]}"'
    if country:
        admin = f"the {pack.admin_word}: mapped to its ISO 3166-2 code"
        strata = (
            f'["governorate", "year"]   # governorate: the pack\'s {pack.admin_word_plural}; any field\n'
            "                                   # or period: year, half_year, quarter, year_month"
        )
    else:  # nothing maps the admin unit without a pack: a governorate stratum would be one 'unknown'
        admin = "the first-level admin unit (region, state, province): kept as written"
        strata = (
            '["year"]   # any persons field or period: year, half_year, quarter, year_month;\n'
            '                   # add "governorate" once a country pack maps the admin units'
        )
    return f'''# recount workspace configuration.
# Paths are relative to this file. Run `recount sources suggest FILE` to get a
# [[sources]] block with a proposed column mapping for a new list.

[project]
name = "{name}"
event = "{event}"            # {" | ".join(EVENTS)}
{chosen}             # the lists' ISO 3166-1 code: maps places to its first-level
                             # admin units; packs ({", ".join(available_packs())}: {units})
                             # also know places below them and key names by the country's
                             # conventions, any other country's units come from ISO 3166-2;
                             # without one, none is mapped

# One [[sources]] block per list.
# [[sources]]
# id = "list_a"
# path = "lists/list_a.csv"
# # format, encoding, delimiter, sheet, date_format, dayfirst, calendar: optional, detected when absent
#
# [sources.columns]         # canonical field = column name in that file
# name = "Full name"         # or given_name / father_name / grandfather_name / family_name
#                            # (a list of columns is joined: family_name = ["Surname 1", "Surname 2"])
# name_latin = "Name (Latin)"  # when the list gives a second script
# sex = "Sex"
# age = "Age"
# date_of_death = "Date of death"
# date_of_birth = "Date of birth"   # any year; precision (day, month, year) is kept
# governorate = "Region"     # {admin}
# place = "Place"
# place_of_birth = "Place of birth"
# status = "Status"
# record_ref = "ID"
# extra.mother_name = "Mother's name"  # any other field, kept in records.extra for linkage:
# extra.id_number = "ID number"        # *_id / *_number compare as identifiers, *_name as names
#
# [sources.values.sex]      # map this list's own values to recount's
# "Adult - Male" = "M"

[names]
# earliest_date = YYYY-MM-DD  # the period's first day: earlier dates of death are flagged
                              # before_period (unset: none is)
# equivalents = [["jean", "yohana"], ["pierre", "petro"]]  # given names that are one name
                              # in the lists' languages, keyed as one (with the pack's)
# learn_equivalents = {json.dumps(NamesSettings.learn_equivalents)}    # link keys as one the given names
                              # that records alike in all else show are one name
                              # (`recount names equivalents --suggest` writes them out)

[link]
backend = "{LinkSettings.backend}"           # {" | ".join(BACKENDS)}
# threshold = {LinkSettings.threshold}            # match probability at which two records are one person

[estimate]
strata = {strata}
# methods = {json.dumps(list(estimate.methods))}
# seed = {estimate.seed}               # each stratum's seed derives from this and its key
# min_records = {estimate.min_records}           # strata with fewer documented people are not estimated
# pooled = ["total"]         # levels also estimated from one pooled table
# workers = {estimate.workers}                # worker processes
# linkage_draws = {json.dumps(estimate.linkage_draws)}     # plausible clusterings the estimate pools over (0: the single one)
#
# [estimate.lcmcr]           # burnin, draws (per chain), thin, sampler, ...
# burnin = 2000
# sampler = "{lcmcr.sampler}"           # the faster in a race; or nuts, collapsed, augmented
# ess_target = 1000          # run each stratum on until its ESS of N reaches this
# max_sweeps = 100000        # ... or this many iterations per chain

[report]
# redact = {str(ReportSettings.redact).lower()}             # leave every name out of the report
'''
