"""Figures quoted again in the source's words: "68 civilians died ('muoiono 68 civili')".

A summary that quotes its source in brackets restates the figure it has just given; the
quoted figure is a claim of its own (the source's wording), counting what the figure it
restates counts. It is read as that claim's copy whatever the quote's language, so the
grammar of the language is not needed: only a number of the same value before it.
"""

from __future__ import annotations

import dataclasses
import re

from recount.claims.grammar.extract import SentenceClaim
from recount.claims.numbers import find_quantities

# a quotation alone in brackets: "('…')", "(“…”)", "(\"…\")"
_GLOSS_RE = re.compile(r"\(\s*['‘\"“](?P<inner>[^()'‘’\"“”]{2,160})['’\"”]\s*\)")


def mask_glosses(sentence: str) -> str:
    """`sentence` with each bracketed quote that only restates figures written before it turned
    to spaces (same length), so the grammar reads the sentence around it as one ("98 soldiers
    dead ('98 soldados murieron') and 47 wounded": the 47 are soldiers too)."""
    if "(" not in sentence:
        return sentence
    for gloss in _GLOSS_RE.finditer(sentence):
        inner = find_quantities(gloss.group("inner"))
        before = {q.value for q in find_quantities(sentence[: gloss.start()])}
        if inner and all(q.value is not None and q.value in before for q in inner):
            blank = " " * (gloss.end() - gloss.start())
            sentence = sentence[: gloss.start()] + blank + sentence[gloss.end() :]
    return sentence


def with_glosses(sentence: str, claims: list[SentenceClaim]) -> list[SentenceClaim]:
    """`claims`, each bracketed quote's figures that restate one of them read as its copies
    (replacing what the grammar read inside the quote, which lacks the sentence's context)."""
    if not claims or "(" not in sentence:
        return claims
    kept = list(claims)
    for gloss in _GLOSS_RE.finditer(sentence):
        offset = gloss.start("inner")
        before = [c for c in claims if c.quantity.end <= gloss.start()]
        for quantity in find_quantities(gloss.group("inner")):
            restated = [
                c
                for c in before
                if quantity.value is not None
                and quantity.value in (c.quantity.value, c.quantity.low, c.quantity.high)
            ]
            if not restated:
                continue
            start = offset + quantity.start
            copy = dataclasses.replace(
                restated[-1].quantity, start=start, end=offset + quantity.end, text=quantity.text
            )
            kept = [c for c in kept if not c.quantity.start <= start < c.quantity.end]
            kept.append(
                dataclasses.replace(restated[-1], quantity=copy, earlier=None, construction="gloss")
            )
    return sorted(kept, key=lambda c: c.quantity.start)
