"""`[link] threshold = "auto"`: the clustering threshold the scored pairs themselves suggest.

Read as calibrated, the match probabilities of the scored pairs give, for any
threshold t, the matches expected above it (the sum of their probabilities)
and the matches expected in all (the sum over every scored pair). The
threshold kept is the one that maximises the F1 they expect. Where a field is
often missing a true pair rarely reaches a fixed 0.9, yet it is still far more
likely a match than not: the threshold moves with the evidence the lists carry.
"""

from __future__ import annotations

import numpy as np

# No pair scored: nothing is clustered, the threshold is even odds.
EVEN_ODDS = 0.5


def expected_f1_threshold(probabilities: np.ndarray) -> float:
    """The match probability at which clustering maximises the expected pairwise F1."""
    p = np.sort(np.asarray(probabilities, dtype=np.float64))[::-1]
    p = p[np.isfinite(p)]
    if not len(p) or p.sum() <= 0:
        return EVEN_ODDS
    expected_true = np.cumsum(p)
    kept = np.arange(1, len(p) + 1)
    f1 = 2 * expected_true / (kept + p.sum())
    # among equal probabilities only the last one's F1 is reachable (a threshold keeps all ties)
    last_of_tie = np.append(p[1:] != p[:-1], True)
    f1 = np.where(last_of_tie, f1, -np.inf)
    return float(p[int(np.argmax(f1))])
