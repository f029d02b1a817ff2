"""The commented recount.toml that `recount init` writes."""

from __future__ import annotations

import json

from recount.reference import available_packs
from recount.settings import (
    EVENTS,
    EstimateSettings,
    LcmcrSettings,
    LinkSettings,
    ProjectSettings,
    ReportSettings,
)
from recount.settings.link import BACKENDS


def config_template(
    name: str, event: str = ProjectSettings.event, country: str | None = None
) -> str:
    """Commented defaults come from recount.settings, where they are defined."""
    estimate, lcmcr = EstimateSettings, LcmcrSettings
    chosen = f'country = "{country.upper()}"' if country else '# country = "SY"'
    return f'''# recount workspace configuration.
# Paths are relative to this file. Run `recount sources suggest FILE` to get a
# [[sources]] block with a proposed column mapping for a new list.

[project]
name = "{name}"
event = "{event}"            # {" | ".join(EVENTS)}
{chosen}             # country pack ({", ".join(available_packs())}): maps places to its admin
                             # units (governorates, departments, oblasts) and keys names by
                             # its conventions; without one, none is mapped

# One [[sources]] block per list.
# [[sources]]
# id = "vdc"
# path = "lists/vdc.csv"
# # format, encoding, delimiter, sheet, date_format, dayfirst: optional, detected when absent
#
# [sources.columns]         # canonical field = column name in that file
# name = "الاسم الكامل"        # or given_name / father_name / grandfather_name / family_name
#                            # (a list of columns is joined: family_name = ["Apellido 1", "Apellido 2"])
# name_latin = "Name"        # when the list gives both scripts
# sex = "الجنس"
# age = "العمر"
# date_of_death = "تاريخ الوفاة"
# date_of_birth = "تاريخ الولادة"   # any year; precision (day, month, year) is kept
# governorate = "المحافظة"     # the first-level admin unit (governorate, department, oblast)
# place = "المنطقة"
# place_of_birth = "مكان الولادة"
# status = "الصفة"
# record_ref = "id"
# extra.mother_name = "اسم الأم"    # any other field, kept in records.extra for linkage:
# extra.id_number = "الرقم الوطني"  # *_id / *_number compare as identifiers, *_name as names
#
# [sources.values.sex]      # map this list's own values to recount's
# "Adult - Male" = "M"

[names]
# earliest_date = 2011-03-01  # the period's first day: earlier dates of death are flagged
                              # before_period (unset: none is)

[link]
backend = "{LinkSettings.backend}"           # {" | ".join(BACKENDS)}
# threshold = {LinkSettings.threshold}            # match probability at which two records are one person

[estimate]
strata = ["governorate", "year"]   # any persons field, or a period: half_year, quarter
# methods = {json.dumps(list(estimate.methods))}
# seed = {estimate.seed}               # each stratum's seed derives from this and its key
# min_records = {estimate.min_records}           # strata with fewer documented people are not estimated
# pooled = ["total"]         # levels also estimated from one pooled table
# workers = {estimate.workers}                # worker processes
#
# [estimate.lcmcr]           # burnin, draws (per chain), thin, sampler, ...
# burnin = 2000
# sampler = "{lcmcr.sampler}"           # NUTS on large tables, Gibbs on sparse ones; or nuts, collapsed
# ess_target = 1000          # run each stratum on until its ESS of N reaches this
# max_sweeps = 100000        # ... or this many iterations per chain

[report]
# redact = {str(ReportSettings.redact).lower()}             # leave every name out of the report
'''
