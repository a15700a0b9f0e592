"""A line saying how old the data on screen is, when it may not be current.

The decision is the core's (:func:`fse_desk.freshness.freshness`); this label
words it, follows the connection status and re-checks every minute, because
data goes stale with time alone.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLabel, QWidget

from fse_desk.freshness import Freshness, StaleReason, freshness
from fse_desk.workstation import ConnectionStatus, Workstation
from fse_desk_ui.core_bridge import CoreBridge

RECHECK_MS = 60_000


class FreshnessLabel(QLabel):
    """Hidden while the data is current; ``compact`` leaves the reason out (status bar)."""

    stale_checked = Signal(bool)  # after each re-check: is the warning shown?

    def __init__(
        self, workstation: Workstation, *, compact: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("freshnessLabel")
        self._compact = compact
        self.stale = False
        self._status = workstation.status
        self._bridge = CoreBridge(workstation, self)
        self._bridge.status_changed.connect(self.show_status)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._refresh)
        self._timer.start(RECHECK_MS)
        self._refresh()

    def show_status(self, status: ConnectionStatus) -> None:
        self._status = status
        self._refresh()

    def _refresh(self) -> None:
        decided = freshness(self._status, datetime.now(UTC))
        self.stale = decided is not None
        self.setVisible(self.stale)
        self.setText("" if decided is None else self._text(decided))
        self.stale_checked.emit(self.stale)

    def _text(self, decided: Freshness) -> str:
        if decided.as_of is None:
            return self.tr("Never synced with the FSE: only data from this workstation")
        date = decided.as_of.strftime("%d/%m" if decided.same_year else "%d/%m/%Y")
        as_of = self.tr("Data as of {date} at {time}").format(
            date=date, time=decided.as_of.strftime("%H:%M")
        )
        if self._compact:
            return as_of
        reason = {
            StaleReason.OFFLINE: self.tr("Offline"),
            StaleReason.SYNC_INCOMPLETE: self.tr("The last sync did not complete"),
            StaleReason.NOT_CONNECTED_YET: self.tr("Not connected yet"),
            StaleReason.OUTDATED: self.tr("Not synced recently"),
        }[decided.reason]
        return self.tr("{reason} — {as_of}").format(reason=reason, as_of=as_of)
