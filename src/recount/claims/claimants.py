"""The gazetteer of claimants: who usually puts numbers on the war, under which names.

The built-in list (data/claimants.toml) covers UN bodies, Syrian monitors
(SOHR, SNHR, VDC), ministries, aid groups and named spokespeople. A workspace
adds its own in recount.toml, either as a file (`[claims] claimants =
"claimants.toml"`) or inline (`[[claims.claimant]]`); an entry with a name
already known adds aliases to it and may change its kind.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from recount.errors import ConfigError
from recount.settings import Where
from recount.settings.claims import CLAIMANT_KINDS, ClaimantEntry

KINDS = CLAIMANT_KINDS


@dataclass(frozen=True)
class Claimant:
    name: str
    kind: str
    aliases: tuple[str, ...]
    # (country, alias): a generic name that means this claimant only in a text about that
    # country ("Commission of Inquiry" is Syria's in a text about Syria, Chad's in Chad's)
    scoped: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class ClaimantMention:
    start: int
    end: int
    claimant: Claimant


class Gazetteer:
    """Finds claimants named in a text, longest alias first, acronyms case-sensitively."""

    def __init__(self, claimants: list[Claimant]):
        self.claimants = tuple(claimants)
        by_alias: dict[str, Claimant] = {}
        exact: dict[str, Claimant] = {}
        for claimant in claimants:
            for alias in (claimant.name, *claimant.aliases):
                if _is_acronym(alias):
                    exact[alias] = claimant
                else:
                    by_alias[_fold(alias)] = claimant
        self._folded = by_alias
        self._exact = exact
        self._insensitive = _alternation(
            [a for c in claimants for a in (c.name, *c.aliases) if not _is_acronym(a)],
            re.IGNORECASE,
        )
        self._sensitive = _alternation(list(exact), 0)
        self._scoped: dict[str | None, Gazetteer] = {}

    def for_country(self, country: str | None) -> Gazetteer:
        """This gazetteer with the generic names that mean a claimant in texts about `country`."""
        if country not in self._scoped:
            scoped = [c for c in self.claimants if any(code == country for code, _ in c.scoped)]
            self._scoped[country] = (
                Gazetteer(
                    [
                        Claimant(
                            c.name,
                            c.kind,
                            (*c.aliases, *(a for code, a in c.scoped if code == country)),
                            c.scoped,
                        )
                        if c in scoped
                        else c
                        for c in self.claimants
                    ]
                )
                if scoped
                else self
            )
        return self._scoped[country]

    def find(self, text: str) -> list[ClaimantMention]:
        """Non-overlapping mentions in `text`, left to right; the longer wins an overlap."""
        candidates: list[ClaimantMention] = []
        if self._insensitive is not None:
            for m in self._insensitive.finditer(text):
                claimant = self._folded.get(_fold(m.group(0)))
                if claimant is not None:
                    candidates.append(ClaimantMention(m.start(), m.end(), claimant))
        if self._sensitive is not None:
            for m in self._sensitive.finditer(text):
                candidates.append(ClaimantMention(m.start(), m.end(), self._exact[m.group(0)]))
        candidates.sort(key=lambda c: (c.start, -(c.end - c.start)))
        chosen: list[ClaimantMention] = []
        for mention in candidates:
            if chosen and mention.start < chosen[-1].end:
                if mention.end - mention.start > chosen[-1].end - chosen[-1].start:
                    chosen[-1] = mention
                continue
            chosen.append(mention)
        return chosen

    def merged(self, extra: list[Claimant]) -> Gazetteer:
        """This gazetteer plus `extra`; an extra entry with a known name adds aliases to it."""
        by_name = {c.name: c for c in self.claimants}
        for claimant in extra:
            known = by_name.get(claimant.name)
            if known is None:
                by_name[claimant.name] = claimant
            else:
                aliases = tuple(dict.fromkeys((*known.aliases, *claimant.aliases)))
                scoped = tuple(dict.fromkeys((*known.scoped, *claimant.scoped)))
                by_name[claimant.name] = Claimant(
                    known.name, claimant.kind or known.kind, aliases, scoped
                )
        return Gazetteer(list(by_name.values()))


def _is_acronym(alias: str) -> bool:
    letters = [ch for ch in alias if ch.isalpha()]
    return bool(letters) and all(ch.isupper() for ch in letters) and len(alias) <= 8


def _fold(text: str) -> str:
    return " ".join(text.replace("’", "'").casefold().split())


def _alternation(aliases: list[str], flags: int) -> re.Pattern[str] | None:
    """One pattern for many aliases, as a prefix tree: hundreds of names cost one pass."""
    if not aliases:
        return None
    insensitive = bool(flags & re.IGNORECASE)
    trie: dict = {}
    for alias in {" ".join(a.replace("’", "'").split()) for a in aliases}:
        node = trie
        for char in alias.casefold() if insensitive else alias:
            node = node.setdefault(char, {})
        node[""] = {}
    return re.compile(rf"(?<![\w])(?:{_trie_pattern(trie)})(?![\w])", flags)


def _trie_pattern(node: dict) -> str:
    branches = []
    for char, child in sorted(node.items()):
        if char == "":
            continue
        piece = r"\s+" if char == " " else "['’]" if char == "'" else re.escape(char)
        branches.append(piece + _trie_pattern(child))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


def parse_claimants(entries: Any, where: str) -> list[Claimant]:
    """Validate a list of {name, kind, aliases} tables (as recount.toml's [[claims.claimant]])."""
    if not isinstance(entries, list):
        raise ConfigError("claims.claimant", "expected an array of tables [[claimant]]", where)
    return [
        claimant_of(ClaimantEntry.parse(entry, Where(where, prefix=("claims", "claimant", index))))
        for index, entry in enumerate(entries)
    ]


def claimant_of(entry: ClaimantEntry) -> Claimant:
    return Claimant(entry.name.strip(), entry.kind, tuple(a.strip() for a in entry.aliases))


def load_claimants_file(path: str | Path) -> list[Claimant]:
    """Claimants from a TOML file of [[claimant]] tables."""
    path = Path(path)
    if not path.exists():
        raise ConfigError("claims.claimants", f"file not found: {path}", str(path))
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError("claims.claimants", f"not valid UTF-8 TOML: {exc}", str(path)) from exc
    return parse_claimants(raw.get("claimant", []), str(path))


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The built-in claimants."""
    text = (
        resources.files("recount.claims")
        .joinpath("data/claimants.toml")
        .read_text(encoding="utf-8")
    )
    entries = tomllib.loads(text)["claimant"]
    scoped = [entry.pop("scoped_aliases", {}) for entry in entries]
    claimants = parse_claimants(entries, "recount/claims/data/claimants.toml")
    return Gazetteer(
        [
            replace(c, scoped=tuple((code, a) for code, names in s.items() for a in names))
            for c, s in zip(claimants, scoped, strict=True)
        ]
    )


def workspace_gazetteer(ws: Any) -> Gazetteer:
    """The built-in claimants plus the workspace's own ([claims] in recount.toml)."""
    if not ws.config_path.exists():
        return default_gazetteer()
    settings = ws.config.claims
    extra: list[Claimant] = []
    if settings.claimants is not None:
        extra.extend(load_claimants_file(ws.root / settings.claimants))
    extra.extend(claimant_of(entry) for entry in settings.claimant)
    return default_gazetteer().merged(extra) if extra else default_gazetteer()
