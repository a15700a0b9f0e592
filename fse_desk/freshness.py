"""How old is what the doctor sees: whether to say so, and why.

Data read from the offline cache is only as recent as the last sync that
completed. When the workstation is offline, the last sync failed or was cut
short, or no sync has completed for a while, every view must say since when
its data dates, so that an old cache is never taken for the current FSE
(hazard H-05 of docs/SAFETY.md). This module decides; the UI words it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

from fse_desk.domain.identifiers import ROME
from fse_desk.workstation import ConnectionStatus

# The background sync runs every 5 minutes while online: three missed rounds
# mean the data may no longer be current even though the link looks up.
STALE_AFTER = timedelta(minutes=15)


class StaleReason(Enum):
    """Why the data on screen may not be the current FSE (the most telling one wins)."""

    NEVER_SYNCED = "never_synced"  # nothing has ever come from the FSE
    OFFLINE = "offline"
    SYNC_INCOMPLETE = "sync_incomplete"  # the last sync failed or was cancelled
    NOT_CONNECTED_YET = "not_connected_yet"  # start-up, before the first answer
    OUTDATED = "outdated"  # online, but no sync completed for STALE_AFTER


@dataclass(frozen=True, slots=True)
class Freshness:
    """Say this above the data: the reason and the time of the last complete sync."""

    reason: StaleReason
    as_of: datetime | None  # Europe/Rome; None when never synced
    same_year: bool  # the year can be left out of the date ("03/12 ore 14:05")


def freshness(status: ConnectionStatus, now: datetime) -> Freshness | None:
    """What to say about the age of the cached data; None when it is current.

    ``now`` must be timezone-aware (the caller's clock, passed in so the rule is
    testable). The data is current only when the workstation is online, the last
    sync completed and it completed less than :data:`STALE_AFTER` ago.
    """
    if status.last_sync_at is None:
        return Freshness(StaleReason.NEVER_SYNCED, None, same_year=True)
    if status.online is False:
        reason = StaleReason.OFFLINE
    elif status.last_sync_failed:
        reason = StaleReason.SYNC_INCOMPLETE
    elif status.online is None:
        reason = StaleReason.NOT_CONNECTED_YET
    elif now - status.last_sync_at > STALE_AFTER:
        reason = StaleReason.OUTDATED
    else:
        return None
    as_of = status.last_sync_at.astimezone(ROME)
    return Freshness(reason, as_of, same_year=as_of.year == now.astimezone(ROME).year)
