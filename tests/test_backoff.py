"""The connectors' one backoff policy: doubling, capped, jittered under the ceiling."""

from __future__ import annotations

import random

from fse_desk.connectors.backoff import Backoff


def test_without_jitter_the_waits_double_up_to_the_cap() -> None:
    backoff = Backoff(0.5, 5.0, jitter=False)
    assert [backoff.delay_s(n) for n in range(1, 7)] == [0.5, 1.0, 2.0, 4.0, 5.0, 5.0]


def test_full_jitter_draws_under_the_ceiling_and_over_the_floor() -> None:
    backoff = Backoff(2.0, 60.0, floor_s=1.0)
    rng = random.Random(7)
    for attempt in range(1, 12):
        waits = [backoff.delay_s(attempt, rng) for _ in range(200)]
        ceiling = min(60.0, 2.0 * 2 ** (attempt - 1))
        assert all(1.0 <= w <= max(1.0, ceiling) for w in waits)
        if ceiling > 4:  # spread over the range, not stuck at one end
            assert min(waits) < ceiling / 4 and max(waits) > ceiling * 3 / 4


def test_the_same_seed_gives_the_same_waits() -> None:
    backoff = Backoff(0.2, 5.0)
    first = [backoff.delay_s(n, random.Random(3)) for n in range(1, 6)]
    assert first == [backoff.delay_s(n, random.Random(3)) for n in range(1, 6)]
