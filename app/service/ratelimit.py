"""Bounded work per user: a token bucket per (user, kind of work), so one tab sending questions or searches as
fast as it can is refused quickly instead of starving everyone else's answers.

Each user may make `burst` requests at once and then `per_minute` a minute (RFC 6585's 429 "Too Many Requests"
semantics: refused, with the seconds to wait). Buckets live in the app process; a restart forgets them.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

MAX_BUCKETS = 10_000


@dataclass(frozen=True)
class Rate:
    per_minute: float
    burst: int


class RateLimiter:
    """Token buckets keyed by (user, kind); thread-safe."""

    def __init__(self, rates: dict[str, Rate], clock=time.monotonic) -> None:
        self._rates = rates
        self._clock = clock
        self._buckets: dict[tuple[str, str], tuple[float, float]] = {}  # key -> (tokens, last refill)
        self._lock = threading.Lock()

    def take(self, user: str, kind: str) -> float:
        """Spend one request of `kind` for `user`: 0.0 when allowed, else the seconds until one is allowed."""
        rate = self._rates[kind]
        now = self._clock()
        with self._lock:
            tokens, last = self._buckets.get((user, kind), (float(rate.burst), now))
            tokens = min(float(rate.burst), tokens + (now - last) * rate.per_minute / 60.0)
            if tokens >= 1.0:
                self._buckets[(user, kind)] = (tokens - 1.0, now)
                allowed = 0.0
            else:
                self._buckets[(user, kind)] = (tokens, now)
                allowed = (1.0 - tokens) * 60.0 / rate.per_minute
            while len(self._buckets) > MAX_BUCKETS:
                self._buckets.pop(next(iter(self._buckets)))
        return allowed


def refusal(seconds: float) -> str:
    """The user's message for a refused request."""
    return f"Bạn đang gửi yêu cầu quá nhanh. Hãy chờ {int(seconds) + 1} giây rồi thử lại."
