"""Words and colours of the agenda, one place for every view."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from fse_desk.domain.scheduling import AppointmentStatus, ParticipantStatus, VisitType
from fse_desk.scheduling.conflicts import Conflict, ConflictReason
from fse_desk_ui.formatting import format_datetime

# Pale enough for black text; each type told apart at a glance.
VISIT_COLOURS = {
    VisitType.TELEVISIT: QColor("#cfe3ff"),
    VisitType.TELECONSULT: QColor("#e3d4f7"),
    VisitType.TELEMONITORING_REVIEW: QColor("#d3f0d6"),
    VisitType.IN_PERSON: QColor("#f7e6c4"),
}


def visit_label(visit: VisitType) -> str:
    return {
        VisitType.TELEVISIT: QCoreApplication.translate("agenda", "Televisit"),
        VisitType.TELECONSULT: QCoreApplication.translate("agenda", "Teleconsultation"),
        VisitType.TELEMONITORING_REVIEW: QCoreApplication.translate(
            "agenda", "Telemonitoring review"
        ),
        VisitType.IN_PERSON: QCoreApplication.translate("agenda", "In-person visit"),
    }[visit]


def status_label(status: AppointmentStatus) -> str:
    return {
        AppointmentStatus.PROPOSED: QCoreApplication.translate("agenda", "proposed"),
        AppointmentStatus.PENDING: QCoreApplication.translate("agenda", "pending"),
        AppointmentStatus.BOOKED: QCoreApplication.translate("agenda", "booked"),
        AppointmentStatus.ARRIVED: QCoreApplication.translate("agenda", "arrived"),
        AppointmentStatus.CHECKED_IN: QCoreApplication.translate("agenda", "checked in"),
        AppointmentStatus.FULFILLED: QCoreApplication.translate("agenda", "done"),
        AppointmentStatus.CANCELLED: QCoreApplication.translate("agenda", "cancelled"),
        AppointmentStatus.NOSHOW: QCoreApplication.translate("agenda", "no-show"),
        AppointmentStatus.ENTERED_IN_ERROR: QCoreApplication.translate(
            "agenda", "entered in error"
        ),
        AppointmentStatus.WAITLIST: QCoreApplication.translate("agenda", "waiting list"),
    }[status]


def answer_label(status: ParticipantStatus) -> str:
    """A participant's own answer to the appointment (FHIR ParticipationStatus)."""
    return {
        ParticipantStatus.ACCEPTED: QCoreApplication.translate("agenda", "accepted"),
        ParticipantStatus.DECLINED: QCoreApplication.translate("agenda", "declined"),
        ParticipantStatus.TENTATIVE: QCoreApplication.translate("agenda", "not sure yet"),
        ParticipantStatus.NEEDS_ACTION: QCoreApplication.translate("agenda", "to be asked"),
    }[status]


def conflict_text(conflict: Conflict) -> str:
    if conflict.reason is ConflictReason.PARTICIPANT_BUSY and conflict.other is not None:
        return QCoreApplication.translate(
            "agenda", "{who} is already booked from {start} to {end}"
        ).format(
            who=conflict.participant or QCoreApplication.translate("agenda", "The patient"),
            start=format_datetime(conflict.other.start),
            end=format_datetime(conflict.other.end)[-5:],
        )
    if conflict.reason is ConflictReason.OUTSIDE_HOURS:
        return QCoreApplication.translate("agenda", "{who} does not work at that time").format(
            who=conflict.participant
        )
    return QCoreApplication.translate("agenda", "The time is in the past")
