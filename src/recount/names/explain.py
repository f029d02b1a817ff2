"""The full-name key, and a step-by-step account of how a name became its key."""

from __future__ import annotations

from dataclasses import dataclass

from recount.names.arabic import has_arabic, normalize_arabic
from recount.names.cyrillic import has_cyrillic
from recount.names.equivalents import keying
from recount.names.ethiopic import has_ethiopic
from recount.names.keys import AUTO_KEYS, ETHIOPIC_KEYS, SPELLING_KEYS, token_key_source
from recount.names.latin import fold_latin
from recount.names.parts import NameParts, split_name
from recount.names.reading import AS_WRITTEN, Reading
from recount.reference import NO_PACK, CountryPack


@dataclass(frozen=True)
class Step:
    step: str
    detail: str


def name_key(
    text: str | None,
    pack: CountryPack = NO_PACK,
    style: str | None = None,
    reading: Reading = AS_WRITTEN,
) -> str:
    """Cross-script key of a full name ("" when it names nobody: unknown, relational, empty).

    Two spellings of one name in either script give the same key, e.g.
    'Mohammad Ahmad al-Ali', 'Muhamad Ahmed Alali' and 'محمد أحمد العلي'; with a
    country `pack`, as a workspace of that pack keys it (Николай and Mykola with UA); with a
    workspace's `reading` of it (`recount.names.workspace.workspace_reading`), in the order
    its list was read.
    """
    parts = split_in_pack(text, pack, style, reading)
    return parts.key if parts.identifiable else ""


def split_in_pack(
    text: str | None,
    pack: CountryPack = NO_PACK,
    style: str | None = None,
    reading: Reading = AS_WRITTEN,
) -> NameParts:
    """A name's parts as the names stage keys them in a workspace of `pack`; `style` says how
    Latin names are keyed (default the pack's with latin_keys auto; a workspace's own:
    `recount.names.workspace.workspace_name_style`); `reading`, in what order."""
    from recount.names.workspace import key_style_setting

    style, equivalents = keying(style or key_style_setting(AUTO_KEYS, pack), pack)
    return split_name(text, style, equivalents, *reading[:2])


def explain_key(
    text: str | None,
    pack: CountryPack = NO_PACK,
    style: str | None = None,
    reading: Reading = AS_WRITTEN,
) -> list[Step]:
    """Each step from the written name to its key, for a person checking why two names (dis)agree."""
    parts = split_in_pack(text, pack, style, reading)
    equivalents = keying(style or AUTO_KEYS, pack)[1]
    if text is None or not str(text).strip():
        return [Step("input", "(empty)"), Step("result", "unidentified: no_name")]
    text = str(text)
    arabic = has_arabic(text)
    cyrillic = not arabic and has_cyrillic(text)  # keyed in Latin, but written in Cyrillic
    folded = (
        "  (romanised; case and accents folded)"
        if cyrillic
        else "  (case, accents, ayn/hamza marks folded)"
    )
    steps = [
        Step("script", "arabic" if arabic else "cyrillic" if cyrillic else _latin_or(text)),
        Step("normalised", normalize_arabic(text) if arabic else fold_latin(text) + folded),
    ]
    if not parts.identifiable:
        detail = parts.unidentified_reason or ""
        if parts.relation:
            detail += f" ({parts.relation} of a person with key {parts.relation_anchor_key or '-'})"
        steps.append(Step("result", f"unidentified: {detail}"))
        return steps
    if reading.surnames_first:
        steps.append(
            Step(
                "order",
                f"its first {reading.surnames_first} word(s) read after the rest, as list "
                f"{reading.source_id} writes it (learnt by `recount normalize`)",
            )
        )
    for token in parts.tokens:
        role = "kunya" if token.kind == "kunya" else "token"
        source = "Ethiopian name" if style == ETHIOPIC_KEYS else token_key_source(token.text)
        if equivalents and token.key != split_name(token.text, SPELLING_KEYS).key:
            source = f"{pack.code} pack" if pack.code else "East Slavic name forms"
        steps.append(Step(role, f"{token.text} -> {token.key}  [{source}]"))
    for alias in parts.aliases:
        steps.append(Step("alias", f"{alias.text} -> {alias.key}"))
    for role in ("given", "father", "grandfather", "family"):
        token = getattr(parts, role)
        if token is not None:
            steps.append(Step(role, f"{token.text} -> {token.key}"))
    steps.append(Step("key", parts.key))
    return steps


def _latin_or(text: str) -> str:
    """The script of a name keyed in Latin letters: Ge'ez, else Latin."""
    return "ethiopic" if has_ethiopic(text) else "latin"
