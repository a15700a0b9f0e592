"""The always-visible status area: connection, last sync, outbox, operator and role,
the declared purpose of use, an altered audit trail, DEMO badge."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from fse_desk.domain.timeline import Purpose
from fse_desk.progress import Progress
from fse_desk.security.profiles import RoleSource
from fse_desk.workstation import ConnectionStatus, Operator, Workstation
from fse_desk_ui.formatting import format_datetime
from fse_desk_ui.freshness_label import FreshnessLabel
from fse_desk_ui.messages import purpose_name, user_message
from fse_desk_ui.progress_text import progress_text


class StatusArea(QWidget):
    """Lives in the main window's status bar."""

    def __init__(self, workstation: Workstation, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.connection_label = QLabel()
        self.connection_label.setObjectName("connectionLabel")
        self.last_sync_label = QLabel()
        # When the data may not be current, "Dati al …" takes the place of the last sync time.
        self.freshness_label = FreshnessLabel(workstation, compact=True)
        self.freshness_label.stale_checked.connect(self.last_sync_label.setHidden)
        self.last_sync_label.setHidden(self.freshness_label.stale)
        self.outbox_label = QPushButton()
        self.outbox_label.setFlat(True)
        self.outbox_label.setObjectName("outboxButton")
        self.outbox_label.setToolTip(self.tr("Open the outbox"))
        # "N record non leggibili": server records the sync quarantined, listed in the tooltip.
        self.unreadable_label = QLabel()
        self.unreadable_label.setObjectName("unreadableLabel")
        self._workstation = workstation
        self.progress_bar = QProgressBar()
        self.progress_bar.setMaximumWidth(220)
        self.progress_bar.setTextVisible(True)
        self.progress_bar.hide()
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.hide()
        self.operator_label = QLabel(self._operator_text(workstation.operator))
        self.operator_label.setObjectName("operatorLabel")
        self.purpose_label = QLabel()
        self.purpose_label.setObjectName("purposeLabel")
        self.show_purpose(workstation.purpose)
        # A broken audit chain found at start: a red warning until the app restarts on a
        # sound one (Workstation.verify_audit).
        self.audit_label = QLabel()
        self.audit_label.setObjectName("auditWarning")
        if workstation.audit_problem is not None:
            # The message's first sentence fits the status bar in two lines; all of it,
            # with what to do, is the tooltip.
            message = user_message(workstation.audit_problem)
            self.audit_label.setText(message.split(". ")[0] + ".")
            self.audit_label.setToolTip(message)
        self.audit_label.setWordWrap(True)
        self.audit_label.setMinimumWidth(380)
        self.audit_label.setVisible(workstation.audit_problem is not None)
        self.demo_badge = QLabel(self.tr("DEMO"))
        self.demo_badge.setObjectName("demoBadge")
        self.demo_badge.setToolTip(
            self.tr("Built-in demonstration FSE: synthetic patients, no real data.")
        )
        self.demo_badge.setVisible(workstation.demo)
        if workstation.cache_key_in_file:
            self.demo_badge.setToolTip(
                self.demo_badge.toolTip()
                + "\n"
                + self.tr(
                    "No system keyring: the key of this demo cache is kept in a file beside it."
                )
            )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        for widget in (
            self.connection_label,
            self.last_sync_label,
            self.freshness_label,
            self.outbox_label,
            self.unreadable_label,
            self.progress_bar,
            self.cancel_button,
        ):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(self.audit_label)
        layout.addWidget(self.operator_label)
        layout.addWidget(self.purpose_label)
        layout.addWidget(self.demo_badge)
        self.show_status(workstation.status)

    def _operator_text(self, operator: Operator) -> str:
        """Name and role, and who vouches for the role when the core knows it."""
        if operator.role_source is RoleSource.REGION:
            return self.tr("{name} · {role} (confirmed by the region)").format(
                name=operator.display_name, role=operator.role.value
            )
        if operator.role_source is RoleSource.ADMINISTRATOR:
            return self.tr("{name} · {role} (assigned by the administrator)").format(
                name=operator.display_name, role=operator.role.value
            )
        return self.tr("{name} · {role}").format(
            name=operator.display_name, role=operator.role.value
        )

    def show_purpose(self, purpose: Purpose) -> None:
        """The declared purpose of use; anything but treatment stands out."""
        self.purpose_label.setText(
            self.tr("Purpose: {purpose}").format(purpose=purpose_name(purpose))
        )
        self.purpose_label.setProperty("unusual", purpose is not Purpose.TREATMENT)
        self.purpose_label.style().unpolish(self.purpose_label)
        self.purpose_label.style().polish(self.purpose_label)

    def show_status(self, status: ConnectionStatus) -> None:
        if status.syncing:
            text, state = self.tr("Syncing…"), "syncing"
        elif status.online is None:
            text, state = self.tr("Connecting…"), "unknown"
        elif status.online:
            text, state = self.tr("Online"), "online"
        elif status.offline_since is not None:
            text = self.tr("Offline since {when}").format(
                when=format_datetime(status.offline_since)
            )
            state = "offline"
        else:
            text, state = self.tr("Offline"), "offline"
        self.connection_label.setText(text)
        self.connection_label.setProperty("state", state)
        self.connection_label.style().unpolish(self.connection_label)
        self.connection_label.style().polish(self.connection_label)
        self.last_sync_label.setText(
            self.tr("Last sync: {when}").format(when=format_datetime(status.last_sync_at))
            if status.last_sync_at
            else self.tr("Never synced")
        )
        self.outbox_label.setText(self.tr("Outbox: %n to send", "", status.outbox_pending))
        self.unreadable_label.setVisible(status.unreadable > 0)
        if status.unreadable:
            self.unreadable_label.setText(self.tr("%n unreadable records", "", status.unreadable))
            lines = [
                self.tr("{type}/{id} version {version}: {reason}").format(
                    type=r.resource_type, id=r.resource_id, version=r.version_id, reason=r.reason
                )
                for r in self._workstation.unreadable_records()[:30]
            ]
            self.unreadable_label.setToolTip(
                self.tr(
                    "Records from the regional FSE that could not be read; the sync goes on "
                    "without them and tries each again when it changes on the server."
                )
                + "\n"
                + "\n".join(lines)
            )

    def show_progress(self, progress: Progress) -> None:
        self.progress_bar.show()
        self.cancel_button.show()
        self.progress_bar.setMaximum(max(progress.total, 0))
        self.progress_bar.setValue(min(progress.done, max(progress.total, 0)))
        label = progress_text(progress.label)
        self.progress_bar.setFormat(f"{label} %v/%m" if progress.total else label)

    def hide_progress(self) -> None:
        self.progress_bar.hide()
        self.cancel_button.hide()
