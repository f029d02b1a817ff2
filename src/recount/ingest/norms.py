"""How long a column's values usually are, learned from the file itself.

A column's *typical* length is a high quantile of its non-blank values' lengths
(the `lower` one: a length some value really has, so one huge value among
thirty does not set the norm of the other twenty-nine). A value is *beyond the
column's norm* when it is longer than `factor` times that; it is *too long*
when it is also longer than `min_chars`, a floor that keeps free-text columns
(notes, cause) with a few long entries from being flagged. The readers use the
norm to tell a cell that swallowed rows from one that merely holds lines;
canonical uses the limit to flag `field_too_long:<field>` in `records.issues`.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from recount.settings import SourceConfig


@dataclass(frozen=True)
class LengthRule:
    """The thresholds of one source (`[[sources]] long_field_*`)."""

    quantile: float = SourceConfig.long_field_quantile
    factor: float = SourceConfig.long_field_factor
    min_chars: int = SourceConfig.long_field_min_chars

    @classmethod
    def of(cls, source: SourceConfig) -> LengthRule:
        return cls(
            source.long_field_quantile, source.long_field_factor, source.long_field_min_chars
        )

    def norm(self, typical: int | None) -> float:
        """The length past which a value is beyond the column's norm (inf when nothing is known)."""
        return math.inf if typical is None else self.factor * typical

    def limit(self, typical: int | None) -> float:
        """The length past which a value is flagged `field_too_long`."""
        return max(float(self.min_chars), self.norm(typical))


def typical_length(counts: Mapping[int, int], quantile: float) -> int | None:
    """The `quantile` of the lengths (length -> how many values), as a length one of them has;
    None when there are none. Blank values (length 0) are left out."""
    lengths = sorted(length for length, n in counts.items() if length > 0 and n > 0)
    if not lengths:
        return None
    numbers = np.array([counts[length] for length in lengths], dtype=np.int64)
    rank = math.floor(quantile * (int(numbers.sum()) - 1))
    return int(lengths[int(np.searchsorted(np.cumsum(numbers), rank, side="right"))])


class ColumnNorms:
    """Length counts per column, added chunk by chunk as a reader streams the file."""

    def __init__(self, width: int, rule: LengthRule):
        self.rule = rule
        self.counts = [Counter() for _ in range(width)]
        self._typical: dict[int, int | None] = {}

    def add_arrays(self, arrays: Iterable[pa.Array | pa.ChunkedArray]) -> None:
        for counts, array in zip(self.counts, arrays, strict=False):
            counted = pc.value_counts(pc.utf8_length(array))
            for item in counted.to_pylist():
                if item["values"] is not None:
                    counts[item["values"]] += item["counts"]
        self._typical.clear()

    def add_lengths(self, column: int, lengths: Iterable[int]) -> None:
        self.counts[column].update(lengths)
        self._typical.pop(column, None)

    def typical(self, column: int) -> int | None:
        if column not in self._typical:
            self._typical[column] = typical_length(self.counts[column], self.rule.quantile)
        return self._typical[column]

    def beyond(self, column: int, length: int) -> bool:
        """Whether a value of this length is beyond the column's norm."""
        return length > self.rule.norm(self.typical(column))
