"""Payload filter conditions, backend-neutral (each store turns them into its Qdrant filter)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Condition:
    """One filter condition: `key` equals any of `any_of`, or lies in [gte, lte]; `negate` inverts it."""

    key: str
    any_of: tuple[Any, ...] = ()
    gte: float | None = None
    lte: float | None = None
    negate: bool = False
