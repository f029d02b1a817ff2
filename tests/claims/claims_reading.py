"""How the round tests read claims: one helper, so every module reads them the same way."""

from __future__ import annotations

from recount.claims.extraction import claim_records

_KEYS = {
    "text": lambda claim: claim["quantity_text"],  # the number as written
    "last": lambda claim: claim["quantity_text"].split()[-1],  # its qualifier left out
    "start": lambda claim: claim["start"],  # where it starts in the text
}


def claims_by(
    text: str, *, key: str = "text", date: str = "2024-10-01", outlet: str = "Wire"
) -> dict:
    """The claims of `text` (as `recount claims extract` reads it for `outlet` on `date`), by
    `key`: "text", "last" or "start"."""
    return {_KEYS[key](c): c for c in claim_records(text, outlet=outlet, date=date)}
