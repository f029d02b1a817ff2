"""Public casualty claims, extracted from English text and held against the workspace's evidence.

`extract_claims(text)` finds who claims how many people were killed (injured,
missing, detained, displaced, evacuated, saved), where and when;
`add_claims(ws, path)` keeps them in the workspace ledger (`claims`);
`check_claims(ws)` compares each with the documented count and the estimate
(`claim_checks`); `claims_for_report(ws)` is what the report shows.
"""

from recount.claims.check import VERDICTS, check_claims, check_frame
from recount.claims.claimants import Claimant, Gazetteer, default_gazetteer, workspace_gazetteer
from recount.claims.extraction import CLAIM_COLUMNS, extract_claims
from recount.claims.ledger import add_claims, list_claims
from recount.claims.report import claims_for_report

__all__ = [
    "CLAIM_COLUMNS",
    "VERDICTS",
    "Claimant",
    "Gazetteer",
    "add_claims",
    "check_claims",
    "check_frame",
    "claims_for_report",
    "default_gazetteer",
    "extract_claims",
    "list_claims",
    "workspace_gazetteer",
]
