"""Public casualty claims, extracted from English text and held against the workspace's evidence.

`extract_claims(text)` finds who claims how many people were killed (injured,
missing, detained, displaced, evacuated, saved), where and when;
`add_claims(ws, path)` keeps them in the workspace ledger (`claims`);
`check_claims(ws)` compares each with the documented count and the estimate
(`claim_checks`); `claims_for_report(ws)` is what the report shows.
"""

from recount.claims.claimants import Claimant, Gazetteer, default_gazetteer, workspace_gazetteer
from recount.claims.extraction import CLAIM_COLUMNS, extract_claims

__all__ = [
    "CLAIM_COLUMNS",
    "Claimant",
    "Gazetteer",
    "default_gazetteer",
    "extract_claims",
    "workspace_gazetteer",
]
