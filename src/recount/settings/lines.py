"""Which line of recount.toml holds a key, so an error can point at it.

tomllib returns values without positions; this reads the text once more,
line by line, following table headers (`[link]`, `[[sources]]`,
`[sources.columns]`) and `key =` lines. A key it cannot place (say, inside an
inline table) is given the line of the nearest enclosing key it can.
"""

from __future__ import annotations

import re

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(
    r"""^\s*((?:"[^"]*"|'[^']*'|[A-Za-z0-9_-]+)(?:\s*\.\s*(?:"[^"]*"|'[^']*'|[A-Za-z0-9_-]+))*)\s*="""
)
_PART = re.compile(r""""([^"]*)"|'([^']*)'|([A-Za-z0-9_-]+)""")


class TomlLines:
    def __init__(self, text: str):
        self._lines: dict[tuple[str | int, ...], int] = {}
        arrays: dict[tuple[str, ...], int] = {}
        current: tuple[str | int, ...] = ()
        in_string = False
        for number, line in enumerate(text.splitlines(), start=1):
            if in_string:
                in_string = line.count('"""') % 2 == 0 and line.count("'''") % 2 == 0
                continue
            header = _HEADER.match(line)
            if header:
                names = _parts(header.group(2))
                if header.group(1) == "[[":
                    index = arrays.get(names, -1) + 1
                    arrays[names] = index
                    current = (*names, index)
                else:
                    current = _resolve(names, arrays)
                self._lines.setdefault(current, number)
                continue
            key = _KEY.match(line)
            if key:
                self._lines.setdefault((*current, *_parts(key.group(1))), number)
                rest = line[key.end() :]
                in_string = rest.count('"""') % 2 == 1 or rest.count("'''") % 2 == 1

    def find(self, key: tuple[str | int, ...]) -> int | None:
        """The line of `key`, else of its nearest enclosing key, else None."""
        for end in range(len(key), 0, -1):
            if key[:end] in self._lines:
                return self._lines[key[:end]]
        return None


def _parts(dotted: str) -> tuple[str, ...]:
    return tuple(next(g for g in m.groups() if g is not None) for m in _PART.finditer(dotted))


def _resolve(names: tuple[str, ...], arrays: dict[tuple[str, ...], int]) -> tuple[str | int, ...]:
    """`[sources.columns]` after the n-th `[[sources]]` is (sources, n, columns)."""
    resolved: list[str | int] = []
    for end, name in enumerate(names, start=1):
        resolved.append(name)
        if names[:end] in arrays:
            resolved.append(arrays[names[:end]])
    return tuple(resolved)
