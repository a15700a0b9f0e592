"""The one backoff policy of the connectors: exponential, capped, with full jitter.

Three loops wait with it: the FHIR client between retries of a read, the outbox
between attempts to send an entry, and the gateway client between polls of a
publication's status (without jitter: one client polling its own workflow).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

_RNG = random.Random()


@dataclass(frozen=True, slots=True)
class Backoff:
    """The n-th wait (1-based) is at most ``base_s * 2**(n-1)``, never over ``cap_s``.

    With ``jitter`` the wait is drawn uniformly under that ceiling ("full jitter"), so
    many clients failing together do not retry together; ``floor_s`` is the least wait.
    """

    base_s: float
    cap_s: float
    floor_s: float = 0.0
    jitter: bool = True

    def ceiling_s(self, attempt: int) -> float:
        return min(self.cap_s, self.base_s * 2.0 ** max(0, attempt - 1))

    def delay_s(self, attempt: int, rng: random.Random | None = None) -> float:
        """The wait before the ``attempt``-th retry; ``rng`` draws the jitter (tests seed it)."""
        ceiling = self.ceiling_s(attempt)
        if not self.jitter:
            return max(self.floor_s, ceiling)
        wait = (rng or _RNG).uniform(0, ceiling)
        return max(self.floor_s, wait)
