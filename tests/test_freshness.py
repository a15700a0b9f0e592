"""How old is what the doctor sees: the core's rule, and the status it follows."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from fse_desk.errors import Cancelled, ServerUnavailable
from fse_desk.freshness import STALE_AFTER, Freshness, StaleReason, freshness
from fse_desk.progress import CancelToken
from fse_desk.workstation import ConnectionStatus, Workstation
from tests.fixtures_region import LiveRegion

NOW = datetime(2026, 12, 3, 14, 5, tzinfo=UTC)


def _status(
    *,
    online: bool | None = True,
    last_sync_at: datetime | None = NOW,
    failed: bool = False,
) -> ConnectionStatus:
    return ConnectionStatus(
        online=online,
        offline_since=None if online else NOW,
        last_sync_at=last_sync_at,
        outbox_pending=0,
        last_sync_failed=failed,
    )


def test_current_data_needs_no_warning() -> None:
    assert freshness(_status(last_sync_at=NOW - timedelta(minutes=4)), NOW) is None
    assert freshness(_status(last_sync_at=NOW - STALE_AFTER), NOW) is None


@pytest.mark.parametrize(
    ("status", "reason"),
    [
        (_status(online=False), StaleReason.OFFLINE),
        (_status(online=False, failed=True), StaleReason.OFFLINE),
        (_status(failed=True), StaleReason.SYNC_INCOMPLETE),
        (_status(online=None), StaleReason.NOT_CONNECTED_YET),
        (
            _status(last_sync_at=NOW - STALE_AFTER - timedelta(seconds=1)),
            StaleReason.OUTDATED,
        ),
    ],
)
def test_stale_data_says_why_and_since_when(status: ConnectionStatus, reason: StaleReason) -> None:
    decided = freshness(status, NOW)
    assert decided is not None and decided.reason is reason
    assert decided.as_of is not None and decided.as_of == status.last_sync_at
    assert decided.as_of.utcoffset() == timedelta(hours=1)  # Rome in winter
    assert decided.same_year


def test_never_synced_says_so_even_online() -> None:
    expected = Freshness(StaleReason.NEVER_SYNCED, None, same_year=True)
    assert freshness(_status(last_sync_at=None), NOW) == expected


def test_the_time_is_rome_local_across_daylight_saving() -> None:
    # 29/03/2026 01:30 UTC is 03:30 in Rome: summer time began at 02:00 that night.
    last = datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
    decided = freshness(_status(online=False, last_sync_at=last), NOW)
    assert decided is not None and decided.as_of is not None
    assert (decided.as_of.day, decided.as_of.hour, decided.as_of.minute) == (29, 3, 30)


def test_last_year_keeps_the_year() -> None:
    # 31/12/2025 23:30 UTC is already 2026 in Rome: the year is Rome's, not UTC's.
    in_rome_this_year = freshness(
        _status(online=False, last_sync_at=datetime(2025, 12, 31, 23, 30, tzinfo=UTC)), NOW
    )
    assert in_rome_this_year is not None and in_rome_this_year.same_year
    last_year = freshness(
        _status(online=False, last_sync_at=datetime(2025, 12, 31, 22, 30, tzinfo=UTC)), NOW
    )
    assert last_year is not None and not last_year.same_year


def test_a_cancelled_or_failed_sync_marks_the_data_incomplete(
    region_workstation: Workstation, live_region: LiveRegion
) -> None:
    region_workstation.sync()
    synced = region_workstation.status
    assert synced.last_sync_at is not None and not synced.last_sync_failed
    assert freshness(synced, synced.last_sync_at) is None

    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        region_workstation.sync(cancel=token)
    cut_short = region_workstation.status
    assert cut_short.last_sync_failed and cut_short.last_sync_at == synced.last_sync_at
    decided = freshness(cut_short, synced.last_sync_at)
    assert decided is not None and decided.reason is StaleReason.SYNC_INCOMPLETE

    region_workstation.sync()
    assert not region_workstation.status.last_sync_failed

    live_region.server.stop()
    with pytest.raises(ServerUnavailable):
        region_workstation.sync()
    offline = region_workstation.status
    assert offline.last_sync_failed and offline.online is False
    decided = freshness(offline, datetime.now(UTC))
    assert decided is not None and decided.reason is StaleReason.OFFLINE
    assert decided.as_of == offline.last_sync_at
