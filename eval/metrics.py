"""Ranking metrics over the 1-based rank of the first relevant item (None = not retrieved)."""

from __future__ import annotations

import math
from collections.abc import Sequence


def hit_at(ranks: Sequence[int | None], k: int) -> float:
    return sum(1 for r in ranks if r is not None and r <= k) / len(ranks) if ranks else 0.0


def mrr_at(ranks: Sequence[int | None], k: int = 10) -> float:
    return sum(1 / r for r in ranks if r is not None and r <= k) / len(ranks) if ranks else 0.0


def ndcg_at(ranks: Sequence[int | None], k: int = 10) -> float:
    """nDCG with one relevant item per query (binary gain)."""
    return sum(1 / math.log2(r + 1) for r in ranks if r is not None and r <= k) / len(ranks) if ranks else 0.0


def percentile(values: Sequence[float], p: float) -> float:
    if not values:
        return float("nan")
    s = sorted(values)
    idx = min(len(s) - 1, max(0, math.ceil(p / 100 * len(s)) - 1))
    return s[idx]
